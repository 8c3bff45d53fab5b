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

SHORT = {
    "en": {"text": "Text", "reasoning": "Reasoning", "image": "Image generation",
           "video": "Video generation", "audio": "Audio generation"},
    "zh": {"text": "文本", "reasoning": "推理", "image": "图像生成", "video": "视频生成",
           "audio": "音频生成"},
}
@dataclass(frozen=True)
class _GroupView:
    name: str  # the group's share fact
    label: str  # "hybrid reasoning models" / "混合推理模型"
    members: list[str]  # the members' share facts


class _View:
    """What a template sees of one finding: words and slot tokens, never formatted numbers."""

    def __init__(self, finding: Finding, lang: str, weeks: int):
        self._f = finding
        self.kind = finding.kind
        self.chart = finding.chart
        self.subject = finding.subject  # names stay raw: writer.post escapes them, as for LLM prose
        self.noun = chart_words(finding.chart, lang)[1]
        self.chart_title = SHORT[lang].get(finding.chart, finding.chart)
        self.weeks = weeks
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


def write_offline(ctx: Context, plan: Plan, lang: str, prompts: Prompts | None = None) -> Draft:
    """Findings → a complete Draft in one language, the same on every run."""
    m = _macros(prompts, lang)
    period = ctx.period_phrase(lang)

    def fill(text: str) -> tuple[str, tuple[str, ...]]:
        filled = fill_slots(str(text).strip(), lang, ctx.fact, period, ctx.names)
        if filled.problems:  # a template bug, not a user error: fail loudly
            raise RuntimeError(f"offline template ({lang}): {'; '.join(filled.problems)}")
        return filled.text, filled.used

    sections = []
    for section in plan.sections:
        sections.append(_section(m, section, lang, ctx.weeks, fill))
    views = [_View(f, lang, ctx.weeks) for f in plan.highlights]
    stories = [str(m.story(v)) for v in views[:2]]
    title, used_t = fill(m.title(stories))
    titles = [SHORT[lang].get(s.chart, s.chart) for s in plan.sections]
    lead, used_l = fill(m.lead(ctx.platform, titles))
    highlights, used_h = [], []
    for view in views:
        text, used = fill(m.highlight(view))
        highlights.append(text)
        used_h.extend(used)
    conclusion, used_c = fill(m.conclusion(ctx.platform))
    facts = tuple(dict.fromkeys(used_t + used_l + tuple(used_h) + used_c))
    frame = FrameText(title, lead, tuple(highlights), conclusion, facts, "offline")
    return Draft(lang, frame, tuple(sections))


def _section(m, section: SectionPlan, lang: str, weeks: int, fill) -> SectionText:
    views = [_View(f, lang, weeks) for f in section.findings]
    bullets, used = [], []
    for view in views:
        text, ids = fill(m.bullet(view))
        bullets.append(text)
        used.extend(ids)
    headline, _ = fill(m.headline(views[0]))
    takeaway, _ = fill(m.takeaway(views[0]))
    heading = chart_words(section.chart, lang)[0]
    return SectionText(section.chart, heading, headline, tuple(bullets), takeaway,
                       tuple(dict.fromkeys(used)), "offline")
