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
from writer.verify import check_text
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


ORDINAL_WORDS = {"en": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                        "eighth", "ninth", "tenth"),
                 "zh": ("第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九",
                        "第十")}


# Shares as fractions, the ones the checker reads ("four in five", 五分之四), smallest first.
FRACTIONS = ((1 / 10, "one in ten", "十分之一"), (1 / 5, "one in five", "五分之一"),
             (1 / 4, "a quarter", "四分之一"), (3 / 10, "three in ten", "十分之三"),
             (1 / 3, "a third", "三分之一"), (2 / 5, "two in five", "五分之二"),
             (1 / 2, "half", "一半"), (3 / 5, "three in five", "五分之三"),
             (2 / 3, "two in three", "三分之二"), (7 / 10, "seven in ten", "十分之七"),
             (3 / 4, "three in four", "四分之三"), (4 / 5, "four in five", "五分之四"),
             (9 / 10, "nine in ten", "十分之九"))


def fraction(share: float, lang: str) -> str:
    """The nearest simple fraction of a share in percent, when it is within the checker's
    slack for a share said in words (1 point or 10% of it, the stricter); else ValueError."""
    value, en, zh = min(FRACTIONS, key=lambda f: abs(f[0] * 100 - share))
    if abs(value * 100 - share) > max(1.0, value * 10):
        raise ValueError(f"no simple fraction is close enough to {share:.1f}%")
    return en if lang == "en" else zh


def render_slot(fact: Fact, lang: str, style: str | None = None) -> str:
    """What a slot reads as: writer.format's words, except that a place ('rank', a count in
    the findings) reads as an ordinal, "first"/"第一", the way a sentence says it, and a
    share may be asked for as a fraction ({{F6.share|fraction}}: "four in five"/"五分之四")."""
    if fact.name == "rank" and style is None and float(fact.value).is_integer() \
            and 1 <= int(fact.value) <= len(ORDINAL_WORDS[lang]):
        return ORDINAL_WORDS[lang][int(fact.value) - 1]
    if style == "fraction" and fact.unit == "pct":
        return fraction(float(fact.value), lang)
    return fmt.render_fact(fact, lang, style)


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
            text = render_slot(fact, lang, style)
        except ValueError as exc:
            problems.append(f"the slot {match.group(0)} has a style that does not apply"
                            + (f" ({exc}); write the slot without it" if style == "fraction"
                               else ""))
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


# ------------------------------------------------------------------ the number rules


# Phrases a writer reaches for. Which of them are numbers, or claims, is not decided here: the
# checker's own extractor (typed_numbers) and its claim tables (writer.claims: ranks,
# directions) sort them, and the prompts show the groups, so the rules a model reads are the
# rules the checker applies, in both languages. When the checker learns a phrase, the prompts
# follow (and the prompt snapshots show it).
RULE_PHRASES = {
    "en": ("half of all text messages", "a third", "four in five", "doubled", "halved",
           "tripled", "ranked first", "second-largest", "No. 1", "top three", "three weeks",
           "a few weeks", "dozens of models", "hundreds of models", "mid-February", "2025",
           "held steady", "was unchanged", "the most-used", "the leader", "led", "dominated",
           "rose", "fell", "took off", "steadily", "every week", "the newest", "a single model",
           "the only one", "quickly"),
    "zh": ("一半", "三分之一", "两成", "翻了一番", "减半", "排名第一", "第二大", "前三", "三周",
           "几周", "几十个", "上百款", "2月中旬", "2025年", "持平", "保持稳定", "一家独大",
           "领跑", "居首", "最受欢迎", "上升", "回落", "崛起", "持续", "每周", "半壁江山",
           "仅DeepSeek-R1一家", "最新", "一款", "很快"),
}


def _claim_tables() -> tuple[str, ...]:
    """The checker's patterns for words that state a rank or a direction."""
    try:
        from writer.claims import directions, ranks
    except ImportError:  # a checker without claim kinds: every word is plain
        return ()
    # with the words that widen such a claim: "every week", 每周, "steadily", 持续
    widen = tuple(rx.pattern for rx in (getattr(ranks, "EVERY_WEEK", None),
                                        getattr(directions, "STEADILY", None)) if rx is not None)
    return tuple(p for p, *_ in ranks.PHRASES) + tuple(p for p, *_ in directions.PHRASES) + widen


def number_rules(lang: str, names: Sequence[str] = ()) -> dict[str, tuple[str, ...]]:
    """{"slot_only": phrases the checker reads as numbers (a slot must carry them),
    "claims": words it checks against the data as a rank or a direction (true ones only),
    "free": plain words}."""
    tables = _claim_tables()
    slot_only, claims, free = [], [], []
    for phrase in RULE_PHRASES[lang]:
        if typed_numbers(phrase, lang, names):
            slot_only.append(phrase)
        elif any(re.search(p, phrase, re.IGNORECASE) for p in tables):
            claims.append(phrase)
        else:
            free.append(phrase)
    return {"slot_only": tuple(slot_only), "claims": tuple(claims), "free": tuple(free)}


def slot_readings(lang: str) -> dict[str, tuple[str, ...]]:
    """How ratio and rank slots read, rendered by the code that fills them."""
    def ratio_fact(v: float) -> Fact:
        return Fact("F.ratio", "ratio", v, "ratio", "", "family", "")

    ratios = tuple(f"{v:g} → \"{render_slot(ratio_fact(v), lang)}\""
                   for v in (0.5, 0.7, 1.5, 2.0, 3.0))
    ranks = tuple(f"{n} → \"{ORDINAL_WORDS[lang][n - 1]}\"" for n in (1, 2, 3))
    fractions = tuple(f"{v:g}% → \"{fraction(v, lang)}\"" for v in (33.0, 51.0, 79.8))
    return {"ratio": ratios, "rank": ranks, "fraction": fractions}


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
    bound: tuple[str, ...] = ()  # finding fact ids the checker bound its numbers to (LLM texts)


@dataclass(frozen=True)
class FrameText:
    title: str
    lead: str
    highlights: tuple[str, ...]
    conclusion: str
    facts: tuple[str, ...]
    source: str
    bound: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    lang: str
    frame: FrameText
    sections: tuple[SectionText, ...]
    # part ("frame", "video") → why its LLM text was not used: for the run summary and the
    # post's front matter (fallback_reasons)
    reasons: Mapping[str, str] = field(default_factory=dict)

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
    # draft --context FILE: the comms team's notes on launches and events (Markdown, either
    # language), for 'why' sentences. Without notes, the prompts forbid explanations from the
    # model's own memory; with them, a number copied from a note is checked like any other.
    notes: str = ""

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
             "reads_as": render_slot(fact, lang),
             "what": f"{fact.name} ({fact.unit}"
                     + (f", week of {fact.weeks[-1].isoformat()})" if fact.weeks else ")")}
            for fact in finding.facts.values()  # dates too: "late April" is a slot as well
        ],
    }


# What a finding is about, in a few words without numbers: each section sees the others this
# way, so it can say how its story connects to theirs.
KIND_WORDS = {
    "launch_ramp": ("a fast start after launch", "上线后迅速起量"),
    "peak_decline": ("a peak that faded", "冲高后回落"),
    "rise": ("rising", "份额上升"),
    "fall": ("falling", "份额下滑"),
    "leader": ("leads", "领跑"),
    "concentration": ("holds most of the chart", "占据大部分份额"),
    "category_share": ("its share of all text", "在全部文本中的占比"),
    "succession": ("takes over from its predecessor", "接替上一代"),
    "provider_change": ("the lab's models together", "厂商旗下模型合计"),
    "steady": ("holding steady", "保持稳定"),
    "small_share": ("launches that stayed small", "用量很小的新模型"),
    "group_share": ("a group of models", "一组模型"),
    "spike": ("a one-week spike", "单周冲高"),
}


def section_summary(ctx: Context, section: SectionPlan, lang: str, leads: int = 3) -> str:
    """One line about a section, for the other sections' prompts: its title and the subjects
    of its leading stories, in words (no figures, so nothing to copy)."""
    title = _plain_title(chart_words(section.chart, lang, ctx.vocab)[0])
    en = lang == "en"
    told = []
    for f in section.leads()[:leads]:
        subject = (f.subject if f.subject_kind != "chart" else ctx.vocab.name(f.chart, lang))
        words = KIND_WORDS.get(f.kind, (f.kind, f.kind))[0 if en else 1]
        told.append(f"{subject} ({words})" if en else f"{subject}（{words}）")
    return f"{title}: " + ("; ".join(told) if en else "；".join(told))


def frame_findings(plan: Plan, leads: int = 2) -> tuple[Finding, ...]:
    """What the frame is offered: the highlights, then every part's leading findings, so the
    title, lead, highlights and conclusion can tell the story of the whole post."""
    out = list(plan.highlights)
    for section in plan.sections:
        out.extend(f for f in section.leads()[:leads] if f not in out)
    return tuple(out)


def section_messages(ctx: Context, prompts: Prompts, plan: SectionPlan, lang: str,
                     *, post: Plan | None = None, required: Sequence[str] | None = None,
                     follows: str | None = None) -> tuple[tuple[str, str], ...]:
    """The section's prompt. post: the whole plan, so the section sees a one-line summary of
    the others. required/follows: the slots this language must cite, when they are another
    language's (follows: "en"), which drafted first; by default the plan's."""
    title, noun = chart_words(plan.chart, lang, ctx.vocab)
    common = _common(ctx, lang)
    system = prompts.render("system", lang, **common)
    required = tuple(plan.required if required is None else required)
    others = [section_summary(ctx, s, lang) for s in (post.sections if post else ())
              if s.chart != plan.chart]
    user = prompts.render(
        "section", lang, **common, chart=plan.chart, chart_title=_plain_title(title),
        chart_noun=noun,
        findings_json=json.dumps([_finding_brief(f, lang, ctx.vocab) for f in plan.findings],
                                 ensure_ascii=False, indent=2),
        required_slots=["{{" + r + "}}" for r in required],
        follows=follows or "",
        others=others,
        example_id=required[0] if required else "F1.share",
        min_bullets=min(2, len(plan.findings)), max_bullets=max(len(plan.findings), 2),
    )
    return (("system", system), ("user", user))


def frame_messages(ctx: Context, prompts: Prompts, plan: Plan, lang: str, *,
                   drafted: Mapping[str, Mapping] | None = None,
                   required: Sequence[str] | None = None, follows: str | None = None
                   ) -> tuple[tuple[str, str], ...]:
    """The frame's prompt: every part with its leading findings and, when the sections are
    drafted, the text drafted for it (drafted: chart → the section's JSON, slots unfilled)."""
    common = _common(ctx, lang)
    system = prompts.render("system", lang, **common)
    required = tuple(plan.highlight_required if required is None else required)
    parts = []
    for s in plan.sections:
        text = (drafted or {}).get(s.chart)
        parts.append({
            "title": _plain_title(chart_words(s.chart, lang, ctx.vocab)[0]),
            # one finding a line: the frame reads many parts
            "findings_json": "[\n" + ",\n".join(
                json.dumps(_finding_brief(f, lang, ctx.vocab), ensure_ascii=False)
                for f in s.leads()[:2]) + "\n]",
            "headline": text["headline"] if text else "",
            "bullets": list(text["bullets"]) if text else [],
        })
    user = prompts.render(
        "frame", lang, **common,
        chart_titles=[p["title"] for p in parts],
        parts=parts,
        findings_json=json.dumps([_finding_brief(f, lang, ctx.vocab) for f in plan.highlights],
                                 ensure_ascii=False, indent=2),
        required_slots=["{{" + r + "}}" for r in required],
        follows=follows or "",
        period_slot=PERIOD_SLOT,
        min_highlights=min(3, len(plan.highlights)), max_highlights=max(len(plan.highlights), 3),
    )
    return (("system", system), ("user", user))


def _common(ctx: Context, lang: str) -> dict:
    rules = number_rules(lang, ctx.names)
    readings = slot_readings(lang)
    return {
        "slot_only_words": rules["slot_only"],
        "claim_words": rules["claims"],
        "free_words": rules["free"],
        "ratio_readings": readings["ratio"],
        "rank_readings": readings["rank"],
        "fraction_readings": readings["fraction"],
        "notes": ctx.notes.strip(),
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


@dataclass(frozen=True)
class Parity:
    """What a language that drafts after another must match: the other's cited slots, and the
    facts the checker bound its numbers to."""

    lang: str  # the language that drafted first
    cited: tuple[str, ...]
    bound: tuple[str, ...] = ()


PARITY = "parity: "  # problems that only a parity gap caused start with this
LANG_NAMES = {"en": ("English", "英文"), "zh": ("Chinese", "中文")}


def check_section(ctx: Context, plan: SectionPlan, lang: str, parsed, *,
                  parity: Parity | None = None) -> SectionText | list[str]:
    """A usable SectionText, or the list of problems to show the model in a repair round.
    parity: the language drafted first; this text must cite exactly its slots."""
    problems = _shape_problems(parsed, SECTION_SCHEMA)
    if problems:
        return problems
    heading = chart_words(plan.chart, lang, ctx.vocab)[0]
    texts = {"headline": parsed["headline"], "takeaway": parsed["takeaway"]}
    texts.update({f"bullet {i + 1}": b for i, b in enumerate(parsed["bullets"])})
    filled, used, bound, problems = _check_texts(
        ctx, lang, texts, plan.chart, plan.required if parity is None else parity.cited, parity)
    if not parsed["bullets"]:
        problems.append("'bullets' is empty: write at least one bullet")
    if problems:
        return problems
    bullets = tuple(filled[f"bullet {i + 1}"] for i in range(len(parsed["bullets"])))
    return SectionText(plan.chart, heading, filled["headline"], bullets, filled["takeaway"],
                       used, "llm", bound)


def check_frame(ctx: Context, plan: Plan, lang: str, parsed, *,
                parity: Parity | None = None) -> FrameText | list[str]:
    problems = _shape_problems(parsed, FRAME_SCHEMA)
    if problems:
        return problems
    texts = {"title": parsed["title"], "lead": parsed["lead"], "conclusion": parsed["conclusion"]}
    texts.update({f"highlight {i + 1}": h for i, h in enumerate(parsed["highlights"])})
    filled, used, bound, problems = _check_texts(
        ctx, lang, texts, None, plan.highlight_required if parity is None else parity.cited,
        parity)
    if problems:
        return problems
    highlights = tuple(filled[f"highlight {i + 1}"] for i in range(len(parsed["highlights"])))
    return FrameText(filled["title"], filled["lead"], highlights, filled["conclusion"], used,
                     "llm", bound)


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


def note_numbers(notes: str, names: Sequence[str]) -> frozenset[str]:
    """The numbers written in the context notes (read in both languages): a model may copy
    them, and verification then checks them against the data like any other number."""
    if not notes.strip():
        return frozenset()
    return frozenset(m.text for lang in LANGS for m in extract(notes, lang, names))


def _check_texts(ctx: Context, lang: str, texts: Mapping[str, str], chart: str | None,
                 required: Sequence[str], parity: Parity | None = None):
    filled: dict[str, str] = {}
    used: list[str] = []
    problems: list[str] = []
    unfilled: set[str] = set()  # texts with a typed number or a bad slot: not verified
    from_notes = note_numbers(ctx.notes, ctx.names)
    other = LANG_NAMES[parity.lang][0] if parity else ""  # problems are in English, as ever
    for where, raw in texts.items():
        before = len(problems)
        for number in typed_numbers(raw, lang, ctx.names):
            if number in from_notes:
                continue  # copied from a note: verification below checks it against the data
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
            problems.append(
                f"the slot {{{{{fact_id}}}}} is not used; use it once" if parity is None else
                f"{PARITY}the {other} text cites {{{{{fact_id}}}}} and this one does not; use "
                "it once (both languages must cite the same facts)")
    if parity is not None:
        for fact_id in dict.fromkeys(used):
            if fact_id not in parity.cited:
                problems.append(f"{PARITY}the slot {{{{{fact_id}}}}} is not in the {other} "
                                "text; leave it out (both languages must cite the same facts)")
    bound: set[str] = set()
    cited = frozenset(used)
    for where, text in filled.items():
        if where in unfilled:
            continue
        report = check_text(text, lang, ctx.ledger, chart=chart, cited=cited)
        bound.update(report.bound)
        for issue in report.issues:
            problems.append(f"{where}: {issue.reason} ('{issue.text}'"
                            + _slot_of(issue.text, texts[where], lang, ctx) + ")"
                            + (f"; the data says: {issue.nearest}" if issue.nearest else ""))
    if parity is not None and not problems:
        # The checker must read the same facts in both languages, or `verify` on the pair
        # fails: a figure it could not tie to its model in this language is a gap too.
        for fact_id in sorted(set(parity.bound) - bound, key=_id_order):
            fact = ctx.fact(fact_id)
            who = f" to {fact.entity}" if fact is not None and fact.entity else ""
            problems.append(f"{PARITY}the checker could not tie {{{{{fact_id}}}}}{who} in this "
                            f"text, as it did in the {other} text; name {fact.entity if fact else 'it'} "
                            "in the sentence that states it")
        for fact_id in sorted(bound - set(parity.bound), key=_id_order):
            problems.append(f"{PARITY}a figure in this text reads as {{{{{fact_id}}}}}, which the "
                            f"{other} text does not state; say it as the {other} text does")
    ok = not problems
    return (filled, tuple(dict.fromkeys(used)) if ok else (),
            tuple(sorted(bound, key=_id_order)) if ok else (), problems)


def _slot_of(shown: str, raw: str, lang: str, ctx: Context) -> str:
    """', from your slot {{F16.peak}}' when a slot in the raw text reads as `shown`."""
    for m in SLOT.finditer(raw):
        fact_id = f"{m.group(1)}.{m.group(2)}" if m.group(2) else m.group(1)
        fact = ctx.fact(fact_id)
        try:
            if fact is not None and shown in render_slot(fact, lang, m.group(3)):
                return f", from your slot {m.group(0)}"
        except ValueError:
            continue
    return ""


def raw_fields(parsed) -> dict[str, str]:
    """The model's own texts by the names the problems use ("bullet 2", "title"), slots as
    it wrote them: what a repair round shows it."""
    if not isinstance(parsed, dict):
        return {}
    out = {}
    for key in ("title", "headline", "lead"):
        if isinstance(parsed.get(key), str):
            out[key] = parsed[key]
    for key, name in (("bullets", "bullet"), ("highlights", "highlight")):
        items = parsed.get(key)
        if isinstance(items, list):
            out.update({f"{name} {i + 1}": x for i, x in enumerate(items) if isinstance(x, str)})
    for key in ("takeaway", "conclusion"):
        if isinstance(parsed.get(key), str):
            out[key] = parsed[key]
    return out


def repair_messages(prompts: Prompts, lang: str, problems: Sequence[str], parsed
                    ) -> str:
    """The repair prompt: the problems (the checker's reason and the true value), and the
    model's own text of every field with a problem, with its slots as it wrote them."""
    fields = raw_fields(parsed)
    shown = [(where, text) for where, text in fields.items()
             if any(p.startswith(f"{where}:") for p in problems)]
    return prompts.render("repair", lang, problems=list(problems), fields=shown,
                          parity=any(p.startswith(PARITY) for p in problems))


# ------------------------------------------------------------------ the LLM round trip


@dataclass(frozen=True)
class Outcome:
    """What happened to one (section, language) job."""

    key: str
    status: str  # what the post uses: "llm", "llm-repaired" or "fallback"
    problems: tuple[str, ...] = ()
    # what the model's own text earned, whatever the post used: "llm" (verified first try),
    # "llm-repaired", or None (it never verified, or was not asked)
    verified: str | None = None
    asked: bool = True  # False: not sent, since the language drafted first fell back
    cited: tuple[str, ...] = ()  # the fact ids the model's verified text cites


@dataclass
class _Job:
    key: str
    lang: str
    section: SectionPlan | None  # None: the frame
    messages: list
    parity: Parity | None = None
    round: int = 0


def draft_with_llm(ctx: Context, prompts: Prompts, plan: Plan, langs: Sequence[str], backend,
                   offline: Mapping[str, Draft], *, concurrency: int, repair: int,
                   on_event=None) -> tuple[dict[str, Draft], tuple[Outcome, ...]]:
    """Draft every part in every language, with parity by design.

    The first language (English, in a bilingual post) drafts every section at once; then its
    frame, which sees every section's text, is drafted while each other language drafts its
    sections, required to cite exactly the slots the first language's text cites; last, the
    other languages' frames, likewise. Each text gets `repair` rounds (a parity gap at least
    one) in which the model sees its own text with its slots and the checker's reasons. A
    part falls back to the offline text in every language when any language's text failed;
    the reason is kept in Outcome.problems and in Draft.reasons.
    """
    lead, followers = langs[0], tuple(langs[1:])
    results: dict[str, SectionText | FrameText] = {}
    raws: dict[str, Mapping] = {}  # the parsed JSON of every verified text, slots unfilled
    outcomes: dict[str, Outcome] = {}

    def run(jobs: list[_Job]) -> None:
        _run_jobs(ctx, prompts, plan, jobs, backend, concurrency, repair, on_event,
                  results, raws, outcomes)

    def drafted(lang: str) -> dict[str, Mapping]:
        return {s.chart: raws[f"{s.chart}/{lang}"] for s in plan.sections
                if f"{s.chart}/{lang}" in raws}

    def follower_job(key: str, lang: str, section: SectionPlan | None) -> _Job | None:
        first = results.get(key.rsplit("/", 1)[0] + f"/{lead}")
        if first is None:
            outcomes[key] = Outcome(key, "fallback", (
                f"the {lead} text fell back, so this part uses the offline text in every "
                "language; not asked",), asked=False)
            return None
        parity = Parity(lead, first.facts, first.bound)
        messages = (section_messages(ctx, prompts, section, lang, post=plan,
                                     required=first.facts, follows=lead) if section
                    else frame_messages(ctx, prompts, plan, lang, drafted=drafted(lang),
                                        required=first.facts, follows=lead))
        return _Job(key, lang, section, list(messages), parity)

    # 1. the first language's sections, all at once
    run([_Job(f"{s.chart}/{lead}", lead, s,
              list(section_messages(ctx, prompts, s, lead, post=plan))) for s in plan.sections])
    # 2. its frame, which reads them, beside the other languages' sections
    stage = [_Job(f"frame/{lead}", lead, None,
                  list(frame_messages(ctx, prompts, plan, lead, drafted=drafted(lead))))]
    stage += [job for lang in followers for s in plan.sections
              if (job := follower_job(f"{s.chart}/{lang}", lang, s)) is not None]
    run(stage)
    # 3. the other languages' frames
    run([job for lang in followers
         if (job := follower_job(f"frame/{lang}", lang, None)) is not None])

    keys = [f"{part}/{lang}" for lang in langs
            for part in ("frame", *(s.chart for s in plan.sections))]
    _keep_parity(langs, keys, results, outcomes)
    drafts = {}
    for lang in langs:
        base = offline[lang]
        reasons = {key.rsplit("/", 1)[0]: short_reason(outcomes[key], outcomes) for key in keys
                   if key.endswith(f"/{lang}") and outcomes[key].status == "fallback"}
        frame = results.get(f"frame/{lang}")
        frame = frame if frame is not None else replace(base.frame, source="fallback")
        sections = []
        for fallback in base.sections:
            got = results.get(f"{fallback.chart}/{lang}")
            sections.append(got if got is not None else replace(fallback, source="fallback"))
        drafts[lang] = Draft(lang, frame, tuple(sections), MappingProxyType(reasons))
    return drafts, tuple(outcomes[key] for key in keys if key in outcomes)


def _reason(outcome: Outcome) -> str:
    return outcome.problems[0] if outcome.problems else "no reason recorded"


def short_reason(outcome: Outcome, outcomes: Mapping[str, Outcome] | None = None) -> str:
    """Why a part fell back, in a few words without figures, for the post's front matter
    (the run summary has the whole reason): 'failed its checks after repair', 'parity gap
    with the en text (F2.end)', 'verified, dropped for parity (zh: the request failed)'."""
    why = _reason(outcome)
    part, lang = outcome.key.rsplit("/", 1)
    if why.startswith("dropped although verified"):
        other = next((o for o in (outcomes or {}).values()
                      if o.key.startswith(part + "/") and o.key != outcome.key
                      and o.verified is None), None)
        return "verified, dropped for parity (" + (
            f"{other.key.rsplit('/', 1)[1]}: {short_reason(other)}" if other is not None
            else "the languages cite different facts") + ")"
    if not outcome.asked:
        return why.split(",", 1)[0]  # 'the en text fell back'
    if why.startswith("parity gap"):
        ids = dict.fromkeys(re.findall(r"\{\{([^{}|]+)\}\}", " ".join(outcome.problems)))
        return why.split(" after", 1)[0] + (f" ({', '.join(ids)})" if ids else "")
    if why.startswith("failed its checks"):
        return "failed its checks after repair"
    return "the request failed"


def _run_jobs(ctx, prompts, plan, jobs, backend, concurrency, repair, on_event, results, raws,
              outcomes) -> None:
    """Send jobs at once; check each reply; repair; record each job's outcome."""
    from writer.llm import ChatRequest, LLMError, run_all  # openai is slow to import

    pending = jobs
    while pending:
        requests = [ChatRequest(messages=tuple(job.messages),
                                schema=FRAME_SCHEMA if job.section is None else SECTION_SCHEMA,
                                schema_name="frame" if job.section is None else "section",
                                key=job.key)
                    for job in pending]
        replies = run_all(backend, requests, concurrency, on_event)
        again = []
        for job, reply in zip(pending, replies):
            if isinstance(reply, LLMError):
                outcomes[job.key] = Outcome(job.key, "fallback", (str(reply),))
                continue
            checked = (check_frame(ctx, plan, job.lang, reply.parsed, parity=job.parity)
                       if job.section is None
                       else check_section(ctx, job.section, job.lang, reply.parsed,
                                          parity=job.parity))
            if not isinstance(checked, list):
                status = "llm" if job.round == 0 else "llm-repaired"
                results[job.key] = replace(checked, source=status)
                raws[job.key] = reply.parsed
                outcomes[job.key] = Outcome(job.key, status, verified=status,
                                            cited=checked.facts)
                continue
            # a parity gap always gets a round that names the missing ids
            rounds = max(repair, 1) if all(p.startswith(PARITY) for p in checked) else repair
            if job.round < rounds:
                prompt = repair_messages(prompts, job.lang, checked, reply.parsed)
                again.append(replace(job, messages=job.messages + [
                    ("assistant", reply.text), ("user", prompt)], round=job.round + 1))
            else:
                gap = all(p.startswith(PARITY) for p in checked)
                why = (f"parity gap with the {job.parity.lang} text after "
                       f"{job.round} repair round(s): " if gap and job.parity else
                       f"failed its checks after {job.round} repair round(s): ")
                outcomes[job.key] = Outcome(job.key, "fallback",
                                            (why + checked[0], *checked[1:]))
        pending = again


def _keep_parity(langs: Sequence[str], keys: Sequence[str], results: dict,
                 outcomes: dict[str, Outcome]) -> None:
    """The posts of one draft cite the same facts in every language (the pipeline refuses to
    write them otherwise). A part whose LLM text fell back in one language falls back to the
    offline text in every language, and its verified texts say why they were dropped."""
    if len(langs) < 2:
        return
    parts = [key.rsplit("/", 1)[0] for key in keys if key.endswith(f"/{langs[0]}")]
    for part in parts:
        got = {lang: results.get(f"{part}/{lang}") for lang in langs}
        if all(text is None for text in got.values()):
            continue
        missing = [lang for lang, text in got.items() if text is None]
        if missing:
            first = outcomes.get(f"{part}/{missing[0]}")
            why = (f"dropped although verified: the {', '.join(missing)} text fell back ("
                   + (_reason(first) if first else "not drafted")
                   + "), so every language uses the offline text to cite the same facts")
        else:
            cited = {lang: set(text.facts) for lang, text in got.items()}
            if len({frozenset(ids) for ids in cited.values()}) == 1:
                continue
            every = set().union(*cited.values())
            gaps = [f"{fact} ({', '.join(lang for lang, ids in cited.items() if fact in ids)} "
                    "only)" for fact in sorted(every, key=_id_order)
                    if any(fact not in ids for ids in cited.values())]
            why = (f"dropped although verified: the languages cite different facts: "
                   f"{', '.join(gaps)}; every language uses the offline text to cite the "
                   "same facts")
        for lang, text in got.items():
            if text is not None:
                key = f"{part}/{lang}"
                del results[key]
                outcomes[key] = replace(outcomes[key], status="fallback", problems=(why,))
