"""Drafting: findings → section texts in each language, with every number filled by code.

The LLM (or the offline writer) produces words and slot tokens such as `{{F7.share}}`;
`fill_slots` replaces each token with the fact rendered by writer.format. A draft from the
LLM is then checked: valid JSON of the right shape, no number typed by the model, no
unknown slot, every required slot used, and the filled text verified against the ledger.
A section that fails gets `repair` rounds in which the model sees its errors; after that
it falls back to the offline text, and the run records the fallback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from datetime import date, timedelta

from writer import format as fmt
from writer.facts import Fact
from writer.findings import Finding, Findings
from writer.ledger import Ledger
from writer.mentions import extract
from writer.periods import span_phrase
from writer.prompts import Prompts
from writer.verify import verify_text
from writer.vocab import Vocabulary

LANGS = ("en", "zh")
PERIOD_SLOT = "period"
# {{F7.share}}, optionally with a style from writer.format.STYLES: {{F7.share|round}}.
SLOT = re.compile(
    r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?(?:\s*\|\s*([a-z_]+))?\s*\}\}")
NUMERIC_UNITS = ("pct", "pp", "weeks", "ratio", "count")

def chart_words(chart: str, lang: str, vocab: Vocabulary) -> tuple[str, str]:
    """(section title, noun for what is counted), for any chart including custom categories."""
    return vocab.title(chart, lang), vocab.noun(chart, lang)


def period_phrase(start: str, weeks: int, lang: str) -> str:
    """How the period reads in prose: the weeks it covers, in words ("January–May 2025")."""
    first = date.fromisoformat(start)
    return span_phrase([first + timedelta(weeks=i) for i in range(max(weeks, 1))], lang)


# ------------------------------------------------------------------ the plan


@dataclass(frozen=True)
class SectionPlan:
    chart: str
    findings: tuple[Finding, ...]
    required: tuple[str, ...]  # fact ids that must be cited, the same in every language
    # finding id → the findings one bullet tells with it (a hand-over's launch ramp): they
    # are in `findings` too, after their lead, so a prompt offers their slots
    companions: Mapping[str, tuple[Finding, ...]] = field(default_factory=dict)

    def leads(self) -> tuple[Finding, ...]:
        """The findings that open a bullet: one story each."""
        inside = {c.id for cs in self.companions.values() for c in cs}
        return tuple(f for f in self.findings if f.id not in inside)


@dataclass(frozen=True)
class Plan:
    sections: tuple[SectionPlan, ...]
    highlights: tuple[Finding, ...]
    highlight_required: tuple[str, ...]


def key_facts(finding: Finding, limit: int = 2) -> tuple[Fact, ...]:
    """The facts a sentence about this finding must state: its first numeric facts."""
    numeric = [f for f in finding.facts.values() if f.unit in NUMERIC_UNITS]
    return tuple(numeric[:limit])


def make_plan(findings: Findings, charts: Sequence[str], *, per_section: int = 6,
              highlights: int = 4) -> Plan:
    """Pick what each section says: the stories an analyst would lead with, and the post's
    highlights.

    A section tells one story per bullet (see `_stories`): first the stories a reader must
    not miss (the chart's share of its parent, who leads the chart, every hand-over from a
    model to its successor, the biggest riser and faller, a peak that faded, a one-week
    spike, a newcomer that held steady, the launches that stayed small), in rank order, then
    the strongest of the rest, up to `per_section` bullets.
    """
    sections = []
    for chart in charts:
        chosen, companions = _stories([f for f in findings.findings if f.chart == chart],
                                      per_section)
        if not chosen:
            continue
        required: list[str] = []
        listed: list[Finding] = []
        for f in chosen:
            # a hand-over's launch ramp is its news: a prompt lists it before the hand-over
            ramps = [c for c in companions.get(f.id, ()) if c.kind == "launch_ramp"]
            listed.extend(ramps)
            listed.append(f)
            listed.extend(c for c in companions.get(f.id, ()) if c not in ramps)
            with_ = companions.get(f.id, ())
            if f.kind == "succession" and with_:
                # a hand-over told with its successor's ramp: the ramp's figures, and where
                # the predecessor ended
                required += [fact.id for fact in key_facts(with_[0])]
                required.append(f.facts["predecessor_end"].id)
            else:
                required += [fact.id for fact in key_facts(f)]
                required += [c.facts["gap" if "gap" in c.facts else "share"].id
                             for c in with_ if c.kind in STANDING]
        sections.append(SectionPlan(chart, tuple(listed), tuple(required),
                                    MappingProxyType(companions)))
    # One highlight per chart, strongest charts first, so the lead covers the whole post; a
    # hand-over is highlighted by its successor's launch.
    def first(s: SectionPlan) -> Finding:
        lead = s.leads()[0]
        return next((c for c in s.companions.get(lead.id, ()) if c.kind == "launch_ramp"), lead)

    firsts = sorted((first(s) for s in sections), key=lambda f: -f.score)[:highlights]
    required = tuple(key_facts(f, 1)[0].id for f in firsts if key_facts(f, 1))
    return Plan(tuple(sections), tuple(firsts), required)


STANDING = ("leader", "concentration")
MUST_TELL = ("category_share", "succession", "peak_decline", "spike", "steady", "small_share")
# a chart's leader is told inside the bullet of its own news, when it has some
LEADER_TAILS = ("launch_ramp", "rise", "fall", "steady")


def _stories(ranked: Sequence[Finding], limit: int
             ) -> tuple[list[Finding], dict[str, tuple[Finding, ...]]]:
    """One chart's findings (in rank order) → the bullets of its section, and the findings
    told inside another's bullet.

    - A hand-over is one story: a succession tells its successor's launch ramp (inside its
      bullet) and its predecessor's fall, so those are not told again on their own.
    - A newcomer that reached a level and held it is told as holding steady, not as a ramp.
    - Who leads the chart (GPT-4o, FLUX) is always told: inside the bullet of the leader's
      own news when it has some ("FLUX slipped to 35%, but still led"), else on its own.
    - One finding per model or lab: a second one about the same family reads as repetition.
    Then the stories a reader must not miss (MUST_TELL), then the strongest of the rest, up to
    `limit` bullets; bullets keep the rank of their strongest finding.
    """
    told: set[tuple[str, str]] = set()  # (kind, subject) covered by another finding
    companions: dict[str, list[Finding]] = {}
    for f in ranked:
        if f.kind == "succession":
            ramp = next((r for r in ranked if r.kind == "launch_ramp" and r.subject == f.subject
                         and "launch" in r.facts), None)
            if ramp is not None:
                companions[f.id] = [ramp]
            pred = f.facts["predecessor_end"].entity
            told |= {("launch_ramp", f.subject), ("rise", f.subject), ("steady", f.subject),
                     ("fall", pred), ("peak_decline", pred)}
        if f.kind == "steady":
            told.add(("launch_ramp", f.subject))
    pool: list[Finding] = []
    for f in ranked:
        # one finding per model or lab (a chart-wide finding is its own subject per kind)
        seen = any(p.subject == f.subject and (p.subject_kind in ("family", "provider")
                                               or p.kind == f.kind) for p in pool)
        if (f.kind, f.subject) in told or seen:
            continue
        pool.append(f)
    must: list[Finding] = [f for f in pool if f.kind in MUST_TELL]
    standing = [f for f in ranked if f.kind in ("leader", "concentration")]
    top = ([f for f in standing if f.subject_kind == "family"] or standing)[:1]
    if top:
        lead = top[0]
        news = next((f for f in pool if f.subject == lead.subject and f is not lead
                     and f.kind in LEADER_TAILS and not companions.get(f.id)), None)
        if news is not None:
            pool = [f for f in pool if f is not lead]
            companions[news.id] = [lead]
            must.append(news)
        elif lead in pool:
            must.append(lead)
        elif not any(f.subject == lead.subject for f in pool):
            pool.append(lead)
            must.append(lead)
    chosen = [f for f in pool if f in must][:limit]
    for f in pool:
        if len(chosen) >= limit:
            break
        if f not in chosen:
            chosen.append(f)

    def rank(f: Finding) -> int:
        return min(ranked.index(g) for g in [f, *companions.get(f.id, ())])

    chosen.sort(key=rank)
    return chosen, {k: tuple(v) for k, v in companions.items() if any(f.id == k for f in chosen)}


# ------------------------------------------------------------------ slots


@dataclass(frozen=True)
class Filled:
    text: str
    used: tuple[str, ...]
    problems: tuple[str, ...]


# A slot written with single braces, {F7.share} or {period}: it would be printed as is.
SINGLE_BRACED = re.compile(
    r"(?<!\{)\{\s*[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?(?:\s*\|\s*[a-z_]+)?\s*\}(?!\})")


def fill_slots(text: str, lang: str, lookup: Callable[[str], Fact | None],
               period_phrase: str, names: Sequence[str] = ()) -> Filled:
    """Replace every slot token with its rendered fact; report slots that name no fact.

    names: data names (bots, families, providers) that are prose even when they look like a
    slot or hold braces, e.g. a family called '{{ site.title }}'. They are left untouched.
    """
    used: list[str] = []
    problems: list[str] = []

    def sub(match: re.Match) -> str:
        head, name, style = match.group(1), match.group(2), match.group(3)
        seg = match.string
        if seg[match.start() - 1:match.start()] == "{" or seg[match.end():match.end() + 1] == "}":
            problems.append(f"the slot {match.group(0)} has a brace too many next to it")
            return match.group(0)
        if head == PERIOD_SLOT and name is None:
            return period_phrase
        fact_id = f"{head}.{name}" if name else head
        fact = lookup(fact_id)
        if fact is None:
            problems.append(f"the slot {match.group(0)} names no fact you were given")
            return match.group(0)
        try:
            text = fmt.render_fact(fact, lang, style)
        except ValueError:
            problems.append(f"the slot {match.group(0)} has a style that does not apply")
            return match.group(0)
        used.append(fact_id)
        return text

    special = sorted({n for n in names if any(c in n for c in "{}%")}, key=len, reverse=True)
    parts = re.split("(" + "|".join(map(re.escape, special)) + ")", text) if special else [text]
    out_parts = []
    stray = False
    for i, part in enumerate(parts):
        if i % 2:  # a protected name
            out_parts.append(part)
            continue
        out_parts.append(SLOT.sub(sub, part))
        rest = SLOT.sub("", part)
        stray = stray or "{{" in rest or "}}" in rest or "{%" in rest \
            or bool(SINGLE_BRACED.search(rest))
    out = "".join(out_parts)
    if stray and not problems:
        problems.append("the text has a stray '{{', '}}', '{%' or a slot in single braces; "
                        "write slots exactly as given, e.g. {{F1.share}}")
    return Filled(out, tuple(dict.fromkeys(used)), tuple(problems))


def typed_numbers(text: str, lang: str, names: Sequence[str]) -> tuple[str, ...]:
    """Numbers the model wrote itself: everything numeric once slots and names are masked."""
    masked = SLOT.sub(lambda m: "X" if lang == "en" else "某", text)
    return tuple(m.text for m in extract(masked, lang, names))


# ------------------------------------------------------------------ texts


@dataclass(frozen=True)
class SectionText:
    chart: str
    heading: str
    headline: str
    bullets: tuple[str, ...]
    takeaway: str
    facts: tuple[str, ...]  # fact ids cited
    source: str  # "offline", "llm", "llm-repaired" or "fallback"


@dataclass(frozen=True)
class FrameText:
    title: str
    lead: str
    highlights: tuple[str, ...]
    conclusion: str
    facts: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Draft:
    lang: str
    frame: FrameText
    sections: tuple[SectionText, ...]

    @property
    def facts(self) -> tuple[str, ...]:
        ids = list(self.frame.facts)
        for s in self.sections:
            ids.extend(s.facts)
        return tuple(sorted(set(ids), key=_id_order))

    @property
    def fallback_sections(self) -> tuple[str, ...]:
        out = [s.chart for s in self.sections if s.source == "fallback"]
        if self.frame.source == "fallback":
            out.insert(0, "frame")
        return tuple(out)


def _id_order(fact_id: str):
    head, _, name = fact_id.partition(".")
    digits = re.sub(r"\D", "", head)
    return (int(digits) if digits else 0, head, name)


SECTION_SCHEMA = {
    "type": "object",
    "properties": {
        "headline": {"type": "string"},
        "bullets": {"type": "array", "items": {"type": "string"}},
        "takeaway": {"type": "string"},
        "facts_used": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["headline", "bullets", "takeaway", "facts_used"],
    "additionalProperties": False,
}
FRAME_SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "lead": {"type": "string"},
        "highlights": {"type": "array", "items": {"type": "string"}},
        "conclusion": {"type": "string"},
        "facts_used": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["title", "lead", "highlights", "conclusion", "facts_used"],
    "additionalProperties": False,
}


# ------------------------------------------------------------------ context for prompts and checks


@dataclass(frozen=True)
class Context:
    """Everything drafting needs to know about the period, shared by both backends."""

    findings: Findings
    ledger: Ledger
    names: tuple[str, ...]  # every bot, family and provider name, masked before extraction
    period_label: str
    period_start: str
    period_end: str
    weeks: int
    vocab: Vocabulary = field(default_factory=Vocabulary)

    def fact(self, fact_id: str) -> Fact | None:
        return self.findings.fact(fact_id)

    def period_phrase(self, lang: str) -> str:
        return period_phrase(self.period_start, self.weeks, lang)


def _finding_brief(finding: Finding, lang: str, vocab: Vocabulary) -> dict:
    return {
        "kind": finding.kind,
        # A chart-level subject ("reasoning") reads in the prompt's language.
        "subject": (finding.subject if finding.subject_kind != "chart"
                    else vocab.name(finding.chart, lang)),
        "summary": finding.text[lang],
        "slots": [
            # "about": whose number it is, which is not always the subject (a runner-up's
            # share, a predecessor's): without it a model may pin the figure on the wrong name.
            {"slot": "{{" + fact.id + "}}", "about": fact.entity,
             "reads_as": fmt.render_fact(fact, lang),
             "what": f"{fact.name} ({fact.unit}"
                     + (f", week of {fact.weeks[-1].isoformat()})" if fact.weeks else ")")}
            for fact in finding.facts.values()  # dates too: "late April" is a slot as well
        ],
    }


def section_messages(ctx: Context, prompts: Prompts, plan: SectionPlan, lang: str,
                     *, max_bullets: int = 4) -> tuple[tuple[str, str], ...]:
    title, noun = chart_words(plan.chart, lang, ctx.vocab)
    common = _common(ctx, lang)
    system = prompts.render("system", lang, **common)
    user = prompts.render(
        "section", lang, **common, chart=plan.chart, chart_title=_plain_title(title),
        chart_noun=noun,
        findings_json=json.dumps([_finding_brief(f, lang, ctx.vocab) for f in plan.findings],
                                 ensure_ascii=False, indent=2),
        required_slots=["{{" + r + "}}" for r in plan.required],
        example_id=plan.required[0] if plan.required else "F1.share",
        min_bullets=min(2, len(plan.findings)), max_bullets=max(len(plan.findings), 2),
    )
    return (("system", system), ("user", user))


def frame_messages(ctx: Context, prompts: Prompts, plan: Plan, lang: str
                   ) -> tuple[tuple[str, str], ...]:
    common = _common(ctx, lang)
    system = prompts.render("system", lang, **common)
    user = prompts.render(
        "frame", lang, **common,
        chart_titles=[_plain_title(chart_words(s.chart, lang, ctx.vocab)[0])
                      for s in plan.sections],
        findings_json=json.dumps([_finding_brief(f, lang, ctx.vocab) for f in plan.highlights],
                                 ensure_ascii=False, indent=2),
        required_slots=["{{" + r + "}}" for r in plan.highlight_required],
        period_slot=PERIOD_SLOT,
        min_highlights=min(3, len(plan.highlights)), max_highlights=max(len(plan.highlights), 3),
    )
    return (("system", system), ("user", user))


def _common(ctx: Context, lang: str) -> dict:
    return {
        "platform": ctx.vocab.platform(lang),
        "audience": ctx.vocab.audience(lang),
        "unit": ctx.vocab.unit(lang),
        "period_label": ctx.period_phrase(lang),
        "period_label_zh": ctx.period_phrase("zh"),
        "period_start": ctx.period_start,
        "period_end": ctx.period_end,
        "weeks": ctx.weeks,
    }


def _plain_title(title: str) -> str:
    """A heading without its emoji, for prompts."""
    return title.split(" ", 1)[1] if title and not title[0].isalnum() and " " in title else title


# ------------------------------------------------------------------ checking a reply


def check_section(ctx: Context, plan: SectionPlan, lang: str, parsed) -> SectionText | list[str]:
    """A usable SectionText, or the list of problems to show the model in a repair round."""
    problems = _shape_problems(parsed, SECTION_SCHEMA)
    if problems:
        return problems
    heading = chart_words(plan.chart, lang, ctx.vocab)[0]
    texts = {"headline": parsed["headline"], "takeaway": parsed["takeaway"]}
    texts.update({f"bullet {i + 1}": b for i, b in enumerate(parsed["bullets"])})
    filled, used, problems = _check_texts(ctx, lang, texts, plan.chart, plan.required)
    if not parsed["bullets"]:
        problems.append("'bullets' is empty: write at least one bullet")
    if problems:
        return problems
    bullets = tuple(filled[f"bullet {i + 1}"] for i in range(len(parsed["bullets"])))
    return SectionText(plan.chart, heading, filled["headline"], bullets, filled["takeaway"],
                       used, "llm")


def check_frame(ctx: Context, plan: Plan, lang: str, parsed) -> FrameText | list[str]:
    problems = _shape_problems(parsed, FRAME_SCHEMA)
    if problems:
        return problems
    texts = {"title": parsed["title"], "lead": parsed["lead"], "conclusion": parsed["conclusion"]}
    texts.update({f"highlight {i + 1}": h for i, h in enumerate(parsed["highlights"])})
    filled, used, problems = _check_texts(ctx, lang, texts, None, plan.highlight_required)
    if problems:
        return problems
    highlights = tuple(filled[f"highlight {i + 1}"] for i in range(len(parsed["highlights"])))
    return FrameText(filled["title"], filled["lead"], highlights, filled["conclusion"], used, "llm")


def _shape_problems(parsed, schema) -> list[str]:
    if not isinstance(parsed, dict):
        return ["the answer is not a JSON object; answer with exactly one JSON object"]
    problems = []
    for key, rule in schema["properties"].items():
        if key not in parsed:
            problems.append(f"the key '{key}' is missing")
        elif rule["type"] == "string" and not isinstance(parsed[key], str):
            problems.append(f"'{key}' must be a string")
        elif rule["type"] == "array" and not (
                isinstance(parsed[key], list) and all(isinstance(x, str) for x in parsed[key])):
            problems.append(f"'{key}' must be a list of strings")
    return problems


def _check_texts(ctx: Context, lang: str, texts: Mapping[str, str], chart: str | None,
                 required: Sequence[str]):
    filled: dict[str, str] = {}
    used: list[str] = []
    problems: list[str] = []
    unfilled: set[str] = set()  # texts with a typed number or a bad slot: not verified
    for where, raw in texts.items():
        before = len(problems)
        for number in typed_numbers(raw, lang, ctx.names):
            problems.append(f"{where}: you typed the number '{number}' yourself; "
                            "use one of the slots instead, or leave the figure out")
        result = fill_slots(raw, lang, ctx.fact, ctx.period_phrase(lang), ctx.names)
        problems.extend(f"{where}: {p}" for p in result.problems)
        used.extend(result.used)
        filled[where] = result.text
        if len(problems) > before:
            unfilled.add(where)
    # Every problem is reported in the same round, so one repair round can fix them all.
    for fact_id in required:
        if fact_id not in used:
            problems.append(f"the slot {{{{{fact_id}}}}} is not used; use it once")
    for where, text in filled.items():
        if where in unfilled:
            continue
        for issue in verify_text(text, lang, ctx.ledger, chart=chart):
            problems.append(f"{where}: {issue.reason} ('{issue.text}')")
    return filled, (() if problems else tuple(dict.fromkeys(used))), problems


# ------------------------------------------------------------------ the LLM round trip


@dataclass(frozen=True)
class Outcome:
    """What happened to one (section, language) job."""

    key: str
    status: str  # "llm", "llm-repaired", "fallback"
    problems: tuple[str, ...] = ()


def draft_with_llm(ctx: Context, prompts: Prompts, plan: Plan, langs: Sequence[str], backend,
                   offline: Mapping[str, Draft], *, concurrency: int, repair: int,
                   on_event=None) -> tuple[dict[str, Draft], tuple[Outcome, ...]]:
    """Draft every section × language concurrently; repair, then fall back per section."""
    from writer.llm import ChatRequest, LLMError, run_all  # openai is slow to import

    jobs = []  # (key, lang, plan-or-None, messages)
    for lang in langs:
        jobs.append((f"frame/{lang}", lang, None, frame_messages(ctx, prompts, plan, lang)))
        for section in plan.sections:
            jobs.append((f"{section.chart}/{lang}", lang, section,
                         section_messages(ctx, prompts, section, lang)))

    results: dict[str, SectionText | FrameText] = {}
    outcomes: dict[str, Outcome] = {}
    pending = [(key, lang, section, list(messages), 0) for key, lang, section, messages in jobs]
    while pending:
        requests = [ChatRequest(messages=tuple(messages),
                                schema=FRAME_SCHEMA if section is None else SECTION_SCHEMA,
                                schema_name="frame" if section is None else "section", key=key)
                    for key, lang, section, messages, _ in pending]
        replies = run_all(backend, requests, concurrency, on_event)
        again = []
        for (key, lang, section, messages, round_), reply in zip(pending, replies):
            if isinstance(reply, LLMError):
                outcomes[key] = Outcome(key, "fallback", (str(reply),))
                continue
            checked = (check_frame(ctx, plan, lang, reply.parsed) if section is None
                       else check_section(ctx, section, lang, reply.parsed))
            if not isinstance(checked, list):
                status = "llm" if round_ == 0 else "llm-repaired"
                results[key] = replace(checked, source=status)
                outcomes[key] = Outcome(key, status)
            elif round_ < repair:
                repair_prompt = prompts.render("repair", lang, problems=checked)
                again.append((key, lang, section,
                              messages + [("assistant", reply.text), ("user", repair_prompt)],
                              round_ + 1))
            else:
                outcomes[key] = Outcome(key, "fallback", tuple(checked))
        pending = again

    _keep_parity(langs, jobs, results, outcomes)
    drafts = {}
    for lang in langs:
        base = offline[lang]
        frame = results.get(f"frame/{lang}")
        frame = frame if frame is not None else replace(base.frame, source="fallback")
        sections = []
        for fallback in base.sections:
            got = results.get(f"{fallback.chart}/{lang}")
            sections.append(got if got is not None else replace(fallback, source="fallback"))
        drafts[lang] = Draft(lang, frame, tuple(sections))
    return drafts, tuple(outcomes[key] for key, *_ in jobs)


def _keep_parity(langs: Sequence[str], jobs, results: dict, outcomes: dict[str, Outcome]) -> None:
    """The posts of one draft cite the same facts in every language (the pipeline refuses to
    write them otherwise). A part whose LLM text fell back in one language, or whose languages
    cite different facts, falls back to the offline text in every language."""
    if len(langs) < 2:
        return
    parts = [key.rsplit("/", 1)[0] for key, lang, *_ in jobs if lang == langs[0]]
    for part in parts:
        keys = [f"{part}/{lang}" for lang in langs]
        got = {key: results.get(key) for key in keys}
        if all(text is None for text in got.values()):
            continue
        missing = [key.rsplit("/", 1)[1] for key, text in got.items() if text is None]
        if missing:
            why = (f"the {', '.join(missing)} text fell back, so every language uses the "
                   "offline text to cite the same facts")
        else:
            cited = {key.rsplit("/", 1)[1]: set(text.facts) for key, text in got.items()}
            if len({frozenset(ids) for ids in cited.values()}) == 1:
                continue
            every = set().union(*cited.values())
            gaps = [f"{fact} ({', '.join(lang for lang, ids in cited.items() if fact in ids)} "
                    "only)" for fact in sorted(every, key=_id_order)
                    if any(fact not in ids for ids in cited.values())]
            why = (f"the languages cite different facts: {', '.join(gaps)}; every language uses "
                   "the offline text to cite the same facts")
        for key, text in got.items():
            if text is not None:
                del results[key]
                outcomes[key] = Outcome(key, "fallback", (why,))
