"""The offline backend: deterministic prose from the findings, no LLM, no network.

The words live in Jinja2 macros (prompts/offline.<lang>.md.j2) so they can be edited
like the prompts; the numbers are slot tokens filled by writer.draft.fill_slots, exactly
as for an LLM draft. The same findings and templates always give the same text.
"""

from __future__ import annotations


from dataclasses import dataclass

import jinja2

from writer import format as fmt
from writer.draft import (
    NUMERIC_UNITS, Context, Draft, FrameText, Plan, SectionPlan, SectionText, chart_words,
    fill_slots,
)
from writer.findings import Finding
from writer.prompts import DEFAULT_DIR, Prompts
from writer.vocab import Vocabulary


@dataclass(frozen=True)
class _Platform:
    """What the lead and conclusion may say about the platform (from its profile)."""

    name: str
    audience: str | None  # None: no sentence speaks of subscribers or any audience
    unit: str
    top_n: int | None
    chart_titles: list[str]

@dataclass(frozen=True)
class _GroupView:
    name: str  # the group's share fact
    label: str  # "hybrid reasoning models" / "混合推理模型"
    members: list[str]  # the members' share facts


class _View:
    """What a template sees of one finding: words and slot tokens, never formatted numbers."""

    def __init__(self, finding: Finding, lang: str, weeks: int, vocab: Vocabulary,
                 data_weeks: int | None = None):
        self._f = finding
        self.kind = finding.kind
        self.chart = finding.chart
        self.subject = finding.subject  # names stay raw: writer.post escapes them, as for LLM prose
        self.noun = chart_words(finding.chart, lang, vocab)[1]
        self.chart_title = vocab.name(finding.chart, lang)
        self.parent_noun = vocab.noun("text", lang)  # what a sub-chart is a share of
        self.weeks = weeks
        # "led every week" counts only the weeks with data in the finding's chart
        self.data_weeks = weeks if data_weeks is None else data_weeks
        self.top_n = vocab.top_n
        self.entered = "entered" in finding.facts  # a top-N entry: never called a launch
        self.left = "left" in finding.facts  # dropped below a top-N cut-off
        self.ramp: _View | None = None  # a hand-over's successor ramp, told in its bullet
        self.lead: _View | None = None  # the chart's leader, when this is the leader's news
        self.n = 0  # how often this kind's wording was used before in the post (variants)
        self.fact_names = [n for n, f in finding.facts.items() if f.unit in NUMERIC_UNITS]
        others = [f.entity for n, f in finding.facts.items()
                  if n in ("second", "third", "fourth", "fifth")]
        self.others = fmt.names(others, lang) if others else ""
        # small_share and group_share: the launches that stayed small, then per tag group its
        # share fact followed by its members' (findings lists them in that order)
        self.launches: list[str] = []
        self.groups: list[_GroupView] = []
        for n, f in finding.facts.items():
            if f.entity_kind == "group":
                self.groups.append(_GroupView(n, fmt.tag_noun(f.entity, lang), []))
            elif self.groups:
                self.groups[-1].members.append(n)
            elif finding.kind == "small_share":
                self.launches.append(n)

    def has(self, name: str) -> bool:
        return name in self._f.facts

    def entity(self, name: str) -> str:
        return self._f.facts[name].entity

    def slot(self, name: str, style: str | None = None) -> str:
        if name not in self._f.facts:
            raise KeyError(f"finding {self._f.id} ({self._f.kind}) has no fact {name!r}")
        return "{{" + self._f.facts[name].id + (f"|{style}" if style else "") + "}}"

    def value(self, name: str) -> float:
        if name not in self._f.facts:
            raise KeyError(f"finding {self._f.id} ({self._f.kind}) has no fact {name!r}")
        return float(self._f.facts[name].value)


def _macros(prompts: Prompts | None, lang: str):
    directory = prompts.directory if prompts else DEFAULT_DIR
    path = directory / f"offline.{lang}.md.j2"
    if not path.exists():
        directory = DEFAULT_DIR  # a user's --prompts folder need not copy the offline prose
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(directory)),
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.globals["s"] = lambda f, name, style=None: f.slot(name, style)
    env.globals["v"] = lambda f, name: f.value(name)
    return env.get_template(f"offline.{lang}.md.j2").module


def platform_view(ctx: Context, plan: Plan, lang: str) -> _Platform:
    """What the lead and the conclusion templates see of the platform."""
    v = ctx.vocab
    return _Platform(v.platform(lang), v.audience(lang), v.unit(lang), v.top_n,
                     [v.name(s.chart, lang) for s in plan.sections])


def write_offline(ctx: Context, plan: Plan, lang: str, prompts: Prompts | None = None) -> Draft:
    """Findings → a complete Draft in one language, the same on every run."""
    m = _macros(prompts, lang)
    period = ctx.period_phrase(lang)

    def fill(text: str) -> tuple[str, tuple[str, ...]]:
        filled = fill_slots(str(text).strip(), lang, ctx.fact, period, ctx.names)
        if filled.problems:  # a template bug, not a user error: fail loudly
            raise RuntimeError(f"offline template ({lang}): {'; '.join(filled.problems)}")
        return ctx.vocab.localise(filled.text, lang), filled.used

    def view(f: Finding) -> _View:
        totals = ctx.ledger.totals.get(f.chart)
        data_weeks = int((totals > 0).sum()) if totals is not None else None
        return _View(f, lang, ctx.weeks, ctx.vocab, data_weeks)

    # Each use of a kind's wording takes the next variant, so two sections (or two
    # highlights) never share a headline, a takeaway or a bold phrase.
    said: dict[tuple[str, str], int] = {}

    def turn(v: _View, role: str) -> _View:
        v.n = said.get((role, v.kind), 0)
        said[(role, v.kind)] = v.n + 1
        return v

    sections = []
    for section in plan.sections:
        sections.append(_section(m, section, lang, view, ctx.vocab, fill, turn))
    views = [turn(view(f), "highlight") for f in plan.highlights]
    stories = [str(m.story(v)) for v in views[:2]]
    title, used_t = fill(m.title(stories))
    platform = platform_view(ctx, plan, lang)
    lead, used_l = fill(m.lead(platform))
    highlights, used_h = [], []
    for v in views:
        text, used = fill(m.highlight(v))
        highlights.append(text)
        used_h.extend(used)
    conclusion, used_c = fill(m.conclusion(platform, [v.kind for v in views], stories))
    facts = tuple(dict.fromkeys(used_t + used_l + tuple(used_h) + used_c))
    frame = FrameText(title, lead, tuple(highlights), conclusion, facts, "offline")
    return Draft(lang, frame, tuple(sections))


def _section(m, section: SectionPlan, lang: str, view, vocab: Vocabulary, fill, turn
             ) -> SectionText:
    views = []
    for f in section.leads():
        v = view(f)
        with_ = section.companions.get(f.id, ())
        v.ramp = next((view(c) for c in with_ if c.kind == "launch_ramp"), None)
        v.lead = next((view(c) for c in with_ if c.kind in ("leader", "concentration")), None)
        views.append(v)
    bullets, used = [], []
    for view in views:
        text, ids = fill(m.bullet(view))
        bullets.append(text)
        used.extend(ids)
    # a hand-over told with its successor's ramp is headed by the ramp: the news is the launch
    headline, _ = fill(m.headline(turn(views[0].ramp or views[0], "headline")))
    takeaway, _ = fill(m.takeaway(turn(views[0], "takeaway")))
    heading = chart_words(section.chart, lang, vocab)[0]
    return SectionText(section.chart, heading, headline, tuple(bullets), takeaway,
                       tuple(dict.fromkeys(used)), "offline")
