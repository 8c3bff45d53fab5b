"""Verification: every number in a text, bound to a fact in the ledger or reported.

    verify_text(text, lang, ledger, *, chart=None, file=None, first_line=1) -> (Issue, ...)
    check_text(...same...) -> Report                 (also counts mentions, bound fact ids)
    verify_markdown(markdown, lang, ledger, *, file=None, cited=None) -> Report
    verify_file(path, ledger_for) -> Report           (ledger_for(front_matter) -> Ledger)
    parity(report_en, report_zh) -> ("F3.share", ...)  parity_detail(...) -> {en_only, zh_only}
    report_to_json(report) -> dict;  split_front_matter(text) -> (dict, body, first line)

How a number is checked
-----------------------
1. Masking. Bot, family, provider and brand names (any case, hyphens or spaces: "Claude
   3.7 Sonnet" = "Claude-3.7-Sonnet"), name-shaped tokens ("Gen-4", "H100"), URLs, link and
   image targets, footnote markers, Liquid, kramdown attributes, HTML, code, list and
   heading enumerators are blanked: their digits are never claims. Front matter is skipped;
   image alt text is checked.
2. Extraction (writer/mentions.py): every numeric mention in English or Chinese, with its
   qualifier (about, nearly, over, within, 约, 近, 超过, 不到, 多 ...).
3. Scope. Each sentence binds on its own. A number binds to facts of the entities the
   sentence names (a bot counts as its family; "Claude", "Kling" name a provider's brand),
   within the section's chart and any chart the sentence names ("of all text", "视频").
   A number right after a name in brackets ("Cartesia (7%)") binds to that name only. A
   sentence naming no entity binds to any fact of its section's chart (a chart section is a
   heading with `{#chart-<chart>}`, down to the next heading of its level) or, outside
   chart sections, of any chart. "Reasoning ... of all text" names reasoning's share of text.
4. Candidates. An undated number binds to the findings' facts and to the ledger's summary
   values (start, end, peak, mean, ... see writer/ledger.py), never to the zero share
   before a launch unless it says 0. A date phrase also opens every weekly value in the
   weeks it overlaps, and a duration after a launch the week it points at. Counts bind to
   what their noun counts (bots, families, providers, messages).
5. The sentence must hold as a whole, for one choice of fact per number:
   - a date phrase belongs to the nearest number in its clause (before it in English,
     after it in Chinese) and must overlap that number's week(s); said of a launch
     ("released in late April", "4月下旬上线") it must match the release week (registry
     date or first week of data; with no year written, any year around the period); said
     of a peak ("peaked in mid-February", "2月中旬见顶") it must overlap the peak;
   - "at the end of the period"/期末 and "at the start"/期初 pin the nearest number to the
     last (first) two weeks;
   - a duration beside a share is the weeks from the launch to that share's week ("21%
     three weeks after its launch"), or a duration fact of the same finding; elsewhere
     it is a duration fact, the period's length, or the weeks between a from→to pair;
   - "from X to Y": X's fact comes before Y's, for the same entity; "rose"/"fell", the
     points and the ratio stated with the pair must agree with X and Y; "the remaining
     N%"/"其余N%" is 100 minus a share the sentence states.
6. Report. An unbacked number is reported as file:line:col, the text, the reason and the
   nearest true value of the entity ("Kling-2.0: 12% stated, 21.0% in 2025-05-12"); an
   unfilled slot ({{F1.share}}) is reported too. Facts bound to findings are listed per
   post for EN/ZH parity; the post's front matter `facts` are preferred when several fit.

Tolerance rules
---------------
N is the number as written; u the unit of its last shown digit (1 for "21%", 0.1 for
"21.3%", 10 for "三成", 1 week for durations). A (the "about" slack) is max(u/2, 1 point,
10% of N) for shares and points, max(u/2, 1, 10% of N) for counts, max(1 week, 10% of N)
for durations, and max(u/2, 10% of N) for multiples (2.5x, 3倍).
- No qualifier, or just/only/仅/短短: the value rounds to N at the digits shown, half up
  (as writer.format rounds): N − u/2 <= v < N + u/2. A true 9.5 passes "10%", not "9%"; a
  true 9.49 passes "9%", not "10%". A range "20–25%" is 20 − u/2 <= v < 25 + u/2.
- about, around, roughly, approximately, ~, 约, 大约, 左右: |v − N| <= A ("about 21%" is
  18.9–23.1; "about 2%" is 1–3; "约八成" is 72–88).
- nearly, almost, close to, 近, 将近, 接近: N − A <= v <= N (at or below N).
- over, more than, above, 超过, 逾, 高于: v > N; at least, N+, N or more, 至少: v >= N.
- under, below, less than, 不到, 不足, 低于: v < N; at most, up to, 不超过, 以下: v <= N.
- just over, slightly above, 略高于: N < v <= N + A. 多, 出头, 余 after a number: N < v <
  N + the unit it counts in (两成多 is 20–30%, 二十多 is 21–29, 三周多 is 3–4 weeks).
- within N weeks, N周内, 两周内: 0 <= v <= N. "just N weeks", "仅N周": v rounds to N.
  "in its third week": 2 or 3 weeks after the launch week. A few weeks = 2–6, several
  weeks = 3–9, 几周/数周 = 2–9; months and days are converted to weeks, about.
- Shares in words are approximate: a quarter (25%), one in five (20%), a third, 一半 (50%),
  三分之一, a bare 四成 (40%, A = 4: 36% is 近四成 or 三成多): |v − N| <= A. 过半/大半: v > 50%. 十几 = 11–19, 几十 = 20–99, dozens = 24–143.
- Ratio words allow 20% either way of their nominal end/start ratio: halved 0.4–0.6,
  doubled 1.6–2.4, tripled 2.4–3.6, quadrupled/翻了两番 3.2–4.8, 翻了一番 = doubled; "more
  than halved"/下降了一半以上 < 0.5, "more than doubled"/增长了一倍多 > 2, "nearly halved"
  0.5–0.6, "nearly doubled" 1.6–2.0, unchanged/持平 0.95–1.05, fell to zero/降至零 = 0.
  Chinese 增长了N倍 is N+1 times (增长了两倍 = x3); 增长到N倍, N倍, N-fold, Nx are N times.
- A percent change ("fell by 40%", "下降了40%", "a 40% drop") is a ratio, never points:
  40 gets the share tolerance, then fell → end/start = 1 − 40/100, rose → 1 + 40/100.
  Points ("10 points", "10个百分点", "pp") bind only to changes in points, and the rise
  or fall said with them must match the sign; a % said to be "absolute"/绝对 is points.
- Dates are day ranges: early/mid/late = days 1–10/11–20/21–end (上旬/中旬/下旬, 初/中/
  底/末), "the last week of April"/"4月最后一周" = its last seven days, a month, "early
  2025" = Jan–Apr (2025年初/年初 = Jan–Feb), H1/上半年, Q2/第二季度, ISO dates. A date
  matches a fact when a week the fact was read from (Monday–Sunday) overlaps it (for a
  mean over many weeks: most of them); about/左右 widens it by 7 days each side. With no
  year written, a date means that range in each year of the period.
- Ranks ("second-largest", "No. 1", "第二", "排名第3") are exact ranks among the chart's
  families (or providers), at the start, end, peak or by mean, or in a dated week; "top
  three"/"前三" is a rank <= 3.
- Counts of one ("one model", "一款") are the article, not a claim, and are not checked.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from writer.errors import read_text
from writer.escape import chart_anchor
from writer.ledger import Entity, Ledger, LedgerFact
from writer.mentions import MASK, Mention, extract_masked, mask

_EPS = 1e-9
_NODE_LIMIT = 20000


# ====================================================================== results


@dataclass(frozen=True)
class Issue:
    """One number the data does not back, and where it is."""

    file: str | None
    line: int
    col: int
    text: str
    reason: str
    nearest: str | None = None

    def render(self) -> str:
        where = f"{self.file or '<text>'}:{self.line}:{self.col}"
        out = f"{where}: '{self.text}': {self.reason}"
        if self.nearest:
            out += f" [{self.nearest}]"
        return out

    def as_json(self) -> dict:
        return {"file": self.file, "line": self.line, "col": self.col, "text": self.text,
                "reason": self.reason, "nearest": self.nearest}


@dataclass(frozen=True)
class Report:
    """The result of checking a text or a post."""

    issues: tuple[Issue, ...]
    mentions_checked: int
    bound: tuple[str, ...]  # ids of the findings' facts the numbers were bound to
    file: str | None = None
    lang: str | None = None

    @property
    def ok(self) -> bool:
        return not self.issues


def report_to_json(report: Report) -> dict:
    """A JSON-ready dict: ok, mentions_checked, bound (finding fact ids), issues."""
    return {"ok": report.ok, "mentions_checked": report.mentions_checked,
            "bound": list(report.bound), "issues": [i.as_json() for i in report.issues]}


def _gh_data(text: str) -> str:
    # GitHub's workflow-command escaping: a message may not hold a raw %, CR or LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    # A property value (file=...) additionally may not hold the separators ':' and ','.
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(issues: Iterable[Issue], parity_gaps: Iterable[str] = (),
                       parity_file: str | None = None) -> str:
    """Each problem as a GitHub Actions `::error file=…,line=…,col=…::message` line.

    The message is the issue's text, reason and nearest backed value, without the position
    (GitHub shows that from the properties). A parity gap has no position in either post;
    it is annotated on `parity_file` (the English post) when given.
    """
    lines = []
    for i in issues:
        message = f"'{i.text}': {i.reason}" + (f" [{i.nearest}]" if i.nearest else "")
        where = f"file={_gh_property(i.file or '<text>')},line={i.line},col={i.col}"
        lines.append(f"::error {where}::{_gh_data(message)}")
    for gap in parity_gaps:
        where = f" file={_gh_property(parity_file)}" if parity_file else ""
        lines.append(f"::error{where}::{_gh_data(f'parity: {gap} is cited in one language only')}")
    return "".join(line + "\n" for line in lines)


def parity(report_en: Report, report_zh: Report) -> tuple[str, ...]:
    """Finding fact ids cited in one language's post and not the other's, sorted."""
    return tuple(sorted(set(report_en.bound) ^ set(report_zh.bound)))


def parity_detail(report_en: Report, report_zh: Report) -> dict[str, list[str]]:
    """{"en_only": [...], "zh_only": [...]}: which side cites each unmatched fact id."""
    en, zh = set(report_en.bound), set(report_zh.bound)
    return {"en_only": sorted(en - zh), "zh_only": sorted(zh - en)}


# ====================================================================== tolerance


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def __contains__(self, x: float) -> bool:
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return False
        if self.lo_open:
            if not x > self.lo:
                return False
        elif not x >= self.lo:
            return False
        if self.hi_open:
            return x < self.hi
        return x <= self.hi

    def describe(self, unit: str) -> str:
        def f(v: float) -> str:
            if math.isinf(v):
                return "∞"
            s = f"{v:.2f}".rstrip("0").rstrip(".")
            return s
        suffix = {"pct": "%", "pp": " points", "weeks": " weeks", "ratio": "×"}.get(unit, "")
        if unit == "weeks" and not self.lo_open and self.hi_open and \
                abs(self.hi - self.lo - 1) < 1e-9 and abs((self.lo + 0.5) % 1) < 1e-9:
            n = round(self.lo + 0.5)
            return f"{n} week{'s' if n != 1 else ''}"
        if unit == "weeks" and self.lo == 0 and not math.isinf(self.hi) and not self.hi_open:
            return f"at most {f(self.hi)} weeks"
        if math.isinf(self.hi):
            return f"{'above' if self.lo_open else 'at least'} {f(self.lo)}{suffix}"
        if self.lo <= -1e8 or (self.lo <= 0 and unit in ("pct", "count", "weeks") and not
                               self.lo_open and self.lo < 0):
            return f"{'below' if self.hi_open else 'at most'} {f(self.hi)}{suffix}"
        if abs(self.hi - self.lo) < 1e-12:
            return f"{f(self.lo)}{suffix}"
        return (f"{'(' if self.lo_open else '['}{f(self.lo)}, {f(self.hi)}"
                f"{')' if self.hi_open else ']'}{suffix}")


def _slack(kind: str, n: float, u: float) -> float:
    n = abs(n)
    if kind in ("pct", "pp", "number"):
        return max(u / 2, 1.0, 0.1 * n)
    if kind == "count":
        return max(u / 2, 1.0, 0.1 * n)
    if kind == "duration":
        return max(1.0, 0.1 * n)
    return max(u / 2, 0.1 * n)  # multiples


def _plain(kind: str, m: Mention) -> Interval:
    """The interval a number with its qualifier allows, in the number's own scale."""
    lo, hi, u, q = float(m.lo), float(m.hi), float(m.unit), m.qualifier
    if q in ("exact", "just"):
        # decimal arithmetic, as writer.format rounds: 0.15 is inside "0.2" ([0.15, 0.25))
        half = Decimal(repr(u)) / 2
        return Interval(float(Decimal(repr(lo)) - half), float(Decimal(repr(hi)) + half),
                        False, True)
    if q == "approx":
        return Interval(lo - _slack(kind, lo, u) - _EPS, hi + _slack(kind, hi, u) + _EPS)
    if q == "nearly":
        return Interval(hi - _slack(kind, hi, u) - _EPS, hi + _EPS)
    if q == "above":
        return Interval(lo, math.inf, True, False)
    if q == "at_least":
        return Interval(lo - _EPS, math.inf)
    if q == "below":
        return Interval(-math.inf, hi, False, True)
    if q == "at_most":
        return Interval(-math.inf, hi + _EPS)
    if q == "within":
        return Interval(0.0, hi + _EPS) if kind == "duration" else Interval(-math.inf, hi + _EPS)
    if q == "plus":
        return Interval(lo, hi + u, True, True)
    if q == "just_over":
        return Interval(lo, hi + _slack(kind, hi, u) + _EPS, True, False)
    raise ValueError(f"unknown qualifier {q!r}")


def tolerance(m: Mention) -> Interval:
    """The values a mention allows, in its fact's unit (ratios as end/start)."""
    if m.kind == "ratio" and m.basis == "word":
        n = float(m.value)
        q = m.qualifier
        if n == 0:
            return Interval(0.0, 1e-9)
        if n == 1:
            return Interval(0.95, 1.05)
        if q == "exact":
            return Interval(0.8 * n - _EPS, 1.2 * n + _EPS)
        if q == "nearly":
            return Interval(n - _EPS, 1.2 * n) if n < 1 else Interval(0.8 * n, n + _EPS)
        if q in ("below", "at_most"):
            return Interval(0.0, n + (_EPS if q == "at_most" else 0), False, q == "below")
        if q in ("above", "at_least"):
            return Interval(n - (_EPS if q == "at_least" else 0), math.inf, q == "above", False)
        return Interval(0.8 * n, 1.2 * n)
    if m.kind == "ratio" and m.basis == "change":
        p = _plain("pct", m)
        plo, phi = max(p.lo, 0.0), p.hi
        if m.sign < 0:
            return Interval(1 - phi / 100, 1 - plo / 100, p.hi_open, p.lo_open)
        if m.sign > 0:
            return Interval(1 + plo / 100, 1 + phi / 100, p.lo_open, p.hi_open)
        return Interval(1 - phi / 100, 1 + phi / 100)  # direction unsaid: either way
    kind = "multiple" if m.kind == "ratio" else m.kind
    iv = _plain(kind, m)
    if m.kind in ("pct", "count", "duration", "rank") and iv.lo < 0:
        return Interval(0.0 if m.kind != "rank" else 1.0, iv.hi, False, iv.hi_open)
    return iv


# ====================================================================== sentences

_ABBREV = re.compile(r"(?i)(?:\b(?:no|vs|e\.g|i\.e|etc|approx|fig|inc|mr|ms|dr|st|jan|feb|mar|apr|"
                     r"jun|jul|aug|sep|sept|oct|nov|dec|u\.s|ca)\.)$")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d{1,2}[.)]\s|\||>|!\[)")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。！？!? and '. ', at blank lines, list items, headings,
    table rows and images; a soft-wrapped line continues its paragraph."""
    cuts = {0, len(text)}
    pos = 0
    prev_block = True
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped or _BLOCK_START.match(line) or prev_block:
            cuts.add(start)
        prev_block = not stripped or bool(re.match(r"^\s*(?:#{1,6}\s|\|)", line))
        if not stripped:
            cuts.add(min(pos, len(text)))
    for m in re.finditer(r"[。！？!?]+|(?<=[^\s.])\.(?=\s|$|\*)|!\[|\]\(", text):
        if m.group(0) in ("![", "]("):
            cuts.add(m.start())
            continue
        if m.group(0) == ".":
            head = text[max(0, m.start() - 8):m.end()]
            if _ABBREV.search(head) or re.search(r"\b[A-Z]\.$", head):
                continue
        cuts.add(m.end())
    edges = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(edges) if text[a:b].strip()]


_CLAUSE_BREAK = re.compile(r"[,，、:：;；—]|\bwhile\b|\bwhereas\b|而|但")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans inside a sentence: split at commas, colons, semicolons, 、 and 'while'."""
    edges = {start, end} | {start + m.end() for m in _CLAUSE_BREAK.finditer(text[start:end])}
    edges_sorted = sorted(edges)
    return [(a, b) for a, b in itertools.pairwise(edges_sorted) if b > a]


# ====================================================================== binding


@dataclass
class _Ctx:
    ledger: Ledger
    entities: list[Entity]  # the entities the sentence names (or the chart, for its parent share)
    chart_ents: list[Entity]  # charts named by a chart word
    charts: tuple[str, ...]  # the charts in scope
    cited: frozenset[str]
    dated: list[tuple[date, date]] = field(default_factory=list)
    cache: dict = field(default_factory=dict)
    # a chart word right by the number ("80% of image generations") binds it to that chart
    # alone: no falling back to the entity's other charts
    strict: bool = False
    rank_time: str = "end"  # when an undated rank is read (writer/claims/ranks.py: time_of)
    windowed: bool = False  # the sentence says from when ("since", "after its launch", 此后)


def _overlaps(week: date, lo: date, hi: date) -> bool:
    return week <= hi and week + timedelta(days=6) >= lo


def _week_range(weeks: Sequence[date], lo: date, hi: date) -> range:
    """Indices of the (sorted, weekly) Mondays whose week overlaps lo..hi."""
    return range(bisect.bisect_left(weeks, lo - timedelta(days=6)),
                 bisect.bisect_right(weeks, hi))


def _fact_overlaps(f: LedgerFact, lo: date, hi: date) -> bool:
    """A fact read from one or two weeks overlaps a date range when one of its weeks does;
    a fact read over many weeks (a mean, a rank by mean) only when most of them do: "in
    mid-March" is not made true by the average of the whole period."""
    if f.name == "rank_every":
        return True  # a rank held in every week holds in any of them
    weeks = _week_of_fact(f)
    hits = sum(1 for w in weeks if _overlaps(w, lo, hi))
    if len(weeks) <= 2:
        return hits > 0
    return hits * 2 >= len(weeks)


# What a count counts, by the noun after it (see Mention.basis for counts).
COUNT_NAMES = {
    "bots": ("bots", "families"), "families": ("families",), "providers": ("providers",),
    "messages": ("messages", "messages_week"), "launches": ("launched",),
    "charts": ("charts",),
}
_UNIT_OF = {"pct": ("pct",), "pp": ("pp",), "ratio": ("ratio",), "count": ("count",),
            "rank": ("rank",), "duration": ("weeks",),
            "number": ("pct", "pp", "count", "weeks", "ratio", "rank")}


def _scope_facts(ctx: _Ctx, units: Sequence[str]) -> list[LedgerFact]:
    """The static facts (findings and summaries) this sentence may cite, of these units."""
    key = ("scope", tuple(units), tuple(ctx.entities), ctx.charts, ctx.strict)
    if key not in ctx.cache:
        ctx.cache[key] = _scope_facts_uncached(ctx, units)
    return ctx.cache[key]


def _scope_facts_uncached(ctx: _Ctx, units: Sequence[str]) -> list[LedgerFact]:
    L = ctx.ledger
    out: list[LedgerFact] = []
    if ctx.entities:
        for e in ctx.entities:
            facts = L.by_entity.get(e, ())
            inside = [f for f in facts if f.chart in ctx.charts]
            if not inside and not ctx.strict:
                inside = list(facts)  # the entity is not in this chart: any of its charts
            else:  # the registry's counts ("Luma has two video models") hold in any chart
                inside += [f for f in facts if f.chart not in ctx.charts
                           and f.id.startswith("S:registry:")]
            out.extend(f for f in inside if f.unit in units)
        for e in ctx.chart_ents:
            if e not in ctx.entities:
                out.extend(f for f in L.by_entity.get(e, ()) if f.unit in units)
    else:
        for c in ctx.charts:
            out.extend(f for f in L.by_chart.get(c, ()) if f.unit in units)
    for f in L.by_entity.get(Entity("chart", "*"), ()):
        # platform-wide counts, unless the sentence names a chart; the period's length always
        if f.unit in units and (not ctx.chart_ents or f.unit == "weeks" or f.name == "charts"):
            out.append(f)
    return out


def _scope_series(ctx: _Ctx) -> list[tuple[str, Entity]]:
    L = ctx.ledger
    keys: list[tuple[str, Entity]] = []
    if ctx.entities:
        for e in list(dict.fromkeys(ctx.entities + ctx.chart_ents)):
            ks = [(c, e) for c in ctx.charts if (c, e) in L.series]
            if not ks and not ctx.strict:
                ks = [(c, e) for c in L.charts if (c, e) in L.series]
            keys.extend(ks)
    else:
        for c in ctx.charts:
            keys.extend((c, e) for e in L.chart_entities.get(c, ()) if (c, e) in L.series)
    return keys


def _dated_facts(ctx: _Ctx, kind: str, spans: list[tuple[date, date]]) -> list[LedgerFact]:
    """Weekly values (and two-week means, ranks, totals) in the weeks the sentence dates."""
    if not spans:
        return []
    key = ("dated", kind, tuple(spans), tuple(ctx.entities), ctx.charts, ctx.strict)
    if key not in ctx.cache:
        ctx.cache[key] = _dated_facts_uncached(ctx, kind, spans)
    return ctx.cache[key]


def _dated_facts_uncached(ctx: _Ctx, kind: str, spans: list[tuple[date, date]]
                          ) -> list[LedgerFact]:
    L = ctx.ledger
    idx = sorted({i for lo, hi in spans for i in _week_range(L.weeks, lo, hi)})
    if not idx:
        return []
    out: list[LedgerFact] = []
    keys = _scope_series(ctx)
    if kind in ("pct", "number"):
        for c, e in keys:
            for i in idx:
                out.append(L.weekly(c, e, i))
                if i + 1 < len(L.weeks):
                    out.append(L.weekly_mean2(c, e, i))
                if i > 0 and i - 1 not in idx:
                    out.append(L.weekly_mean2(c, e, i - 1))
    if kind in ("rank", "number"):
        for c, e in keys:
            for i in idx:
                r = L.weekly_rank(c, e, i)
                if r is not None:
                    out.append(r)
    if kind in ("count", "number"):
        for c in ctx.charts:
            if c in L.totals:
                out.extend(L.weekly_total(c, i) for i in idx)
    if kind in ("pp", "ratio", "number") and len(spans) >= 2:
        # changes between two dated weeks: the first date phrase to a later one
        groups = [list(_week_range(L.weeks, lo, hi)) for lo, hi in spans]
        for c, e in keys:
            v = L.series[(c, e)]
            for ga, gb in itertools.pairwise(groups):
                for a in ga:
                    for b_ in gb:
                        if b_ <= a:
                            continue
                        wk = (L.weeks[a], L.weeks[b_])
                        base = f"S:{c}:{e.kind}:{e.name}:{wk[0]}->{wk[1]}"
                        if kind in ("pp", "number"):
                            out.append(LedgerFact(base, "change", float(v[b_] - v[a]), "pp", e,
                                                  c, wk))
                        if kind in ("ratio", "number") and v[a] > 0:
                            out.append(LedgerFact(base + ":ratio", "change", float(v[b_] / v[a]),
                                                  "ratio", e, c, wk))
    return out


def _value_ok(m: Mention, iv: Interval, f: LedgerFact) -> bool:
    if f.unit == "date" or isinstance(f.value, str):
        return False
    v = float(f.value)
    if f.unit == "pct" and v == 0 and not f.finding and (m.lo or 0) > 0:
        return False  # "under 1%" is not made true by the weeks before a launch
    if m.kind == "pp" or (m.kind == "number" and f.unit == "pp"):
        if m.sign and v and (v > 0) != (m.sign > 0):
            return False
        return abs(v) in iv
    return v in iv


def _target(m: Mention) -> float:
    t = float(m.lo + m.hi) / 2 if m.lo is not None else 0.0
    if m.kind == "ratio" and m.basis == "change":
        t = 1 + (m.sign or -1) * t / 100
    return t


def _matches(m: Mention, ctx: _Ctx, extra_spans: list[tuple[date, date]]) -> list[LedgerFact]:
    """Every fact the number may be bound to (unordered)."""
    iv = tolerance(m)
    units = _UNIT_OF[m.kind]
    pool = _scope_facts(ctx, units) + _dated_facts(ctx, m.kind, ctx.dated + extra_spans)
    # a cheap first pass on |value| (every test below is at least this strict)
    lo = iv.lo if iv.lo > 0 else -math.inf
    hi = iv.hi
    pool = [f for f in pool if not isinstance(f.value, str) and
            (lo <= f.value <= hi or lo <= -f.value <= hi)]
    hits = [f for f in pool if _value_ok(m, iv, f)]
    if m.kind == "count" and m.basis in COUNT_NAMES:
        hits = [f for f in hits if f.unit != "count" or f.name in COUNT_NAMES[m.basis]]
    if m.role in ("from", "to"):
        hits = [f for f in hits if len(f.weeks) <= 2 or f.finding]
    if m.kind == "ratio" and m.basis == "word" and (m.lo or 0) <= 1 <= (m.hi or 0) and \
            not ctx.windowed:
        # "held steady", "持平": the start against the end, not any two weeks that agree
        hits = [f for f in hits if f.finding or f.name.startswith(("start_to_end",
                                                                  "first_to_last", "change"))]
    if m.kind == "rank":
        # "ranked third", "the most used": at the time the sentence gives (a date, "at its
        # peak", "on average", "every week"), else at the end of the period
        keep = _RANK_AT.get(ctx.rank_time)
        if keep is not None:
            hits = [f for f in hits if f.finding or f.unit != "rank" or f.name in keep]
    return hits


_RANK_AT = {"end": ("rank_end", "rank_week"), "start": ("rank_start", "rank_week"),
            "peak": ("rank_peak", "rank_week"),
            "mean": ("rank_mean",), "every": ("rank_every",), "ever": ("rank_best", "rank_week")}


def _order(hits: list[LedgerFact], m: Mention, ctx: _Ctx,
           prefer: Mapping[str, int] | None = None) -> list[LedgerFact]:
    """Best first: cited findings, facts of the finding the sentence is about, other
    findings, summaries, then weekly values; the closest value first. One fact per distinct
    (entity, chart, weeks): the sentence's constraints only look at those."""
    target = _target(m)
    prefer = prefer or {}

    def key(f: LedgerFact) -> tuple:
        v = float(f.value) if not isinstance(f.value, str) else 0.0
        return (f.id not in ctx.cited, -prefer.get(f.id.split(".")[0], 0) if f.finding else 0,
                not f.finding, f.name in ("week", "2-week", "rank_week"), abs(abs(v) - target),
                f.id)

    seen: set = set()
    out = []
    for f in sorted(hits, key=key):
        sig = (f.entity, f.chart, f.weeks, "peak" in f.name)
        if sig in seen and not f.finding:
            continue
        seen.add(sig)
        out.append(f)
    return out


def _candidates(m: Mention, ctx: _Ctx, extra_spans: list[tuple[date, date]],
                prefer: Mapping[str, int] | None = None) -> list[LedgerFact]:
    """The facts a number may be bound to, best first."""
    return _order(_matches(m, ctx, extra_spans), m, ctx, prefer)


def _finding_dates(ctx: _Ctx, ents: Sequence[Entity]) -> list[LedgerFact]:
    L = ctx.ledger
    pool = []
    for e in ents:
        pool.extend(f for f in L.by_entity.get(e, ()) if f.unit == "date")
    return pool


def _week_of_fact(f: LedgerFact) -> tuple[date, ...]:
    if f.unit == "date" and isinstance(f.value, str):
        return (date.fromisoformat(f.value),)
    return f.weeks


def _since_release(ctx: _Ctx, f: LedgerFact) -> list[int]:
    """Weeks from the release of f's entity to f's week(s) (facts of one or two weeks)."""
    out: list[int] = []
    if len(f.weeks) > 2 and not f.finding:
        return out
    for r in ctx.ledger.releases.get(f.entity, ()):
        for w in f.weeks:
            k = (w - r).days // 7
            if k >= 0:
                out.append(k)
    return out


@dataclass
class _Need:
    """A date phrase or duration that the sentence's bound numbers must make true."""

    mention: Mention
    reason: str  # "date", "peak", "duration", "period"
    test: Any = None  # LedgerFact -> bool
    test_all: Any = None  # choice (one fact per number) -> bool
    index: int | None = None  # the number this need belongs to (a date right by it)
    related: tuple[LedgerFact, ...] = ()  # finding facts this need cites when it holds
    span: tuple[date, date] | None = None

    def holds(self, choice: Sequence[LedgerFact | None]) -> bool:
        if self.index is not None:
            f = choice[self.index]
            return f is not None and self.test(f)
        if self.test_all is not None:
            return self.test_all(choice)
        return any(f is not None and self.test(f) for f in choice)

    def possible(self, cands: Sequence[Sequence[LedgerFact]]) -> bool:
        """Could some choice make it true, leaving the other needs aside?"""
        if self.index is not None:
            return any(self.test(f) for f in cands[self.index])
        if self.test_all is not None:
            base = [c[0] if c else None for c in cands]
            return any(self.test_all(base[:j] + [f] + base[j + 1:])
                       for j, c in enumerate(cands) for f in c)
        return any(self.test(f) for c in cands for f in c)


class _TooMany(Exception):
    pass


def _in_period(m: Mention, L: Ledger) -> list[tuple[date, date]]:
    """A date phrase's day ranges: the year written, or, when none is, every year of the
    period in which the phrase falls inside it ("mid-March" in a ten-year period is any of
    ten March middles); about/左右 widens each by a week on both sides."""
    if m.when.year is not None:
        rngs = [m.when.days()]
    else:
        rngs = [m.when.days(y) for y in range(L.first_day.year, L.last_day.year + 1)]
        rngs = [(a, b) for a, b in rngs if a <= L.last_day and b >= L.first_day] or [
            m.when.resolve(L.first_day, L.last_day)]
    if m.qualifier == "approx":
        rngs = [(a - timedelta(days=7), b + timedelta(days=7)) for a, b in rngs]
    return rngs


def _any_year(m: Mention, L: Ledger) -> list[tuple[date, date]]:
    """A date phrase's day range in each year a reader could mean: the year written, or,
    when none is, the period's years and the one before and after."""
    if m.when.year is not None:
        return [m.when.days()]
    out = []
    for y in range(L.first_day.year - 1, L.last_day.year + 2):
        lo, hi = m.when.days(y)
        if m.qualifier == "approx":
            lo, hi = lo - timedelta(days=7), hi + timedelta(days=7)
        out.append((lo, hi))
    return out


def _cjk(text: str, pos: int) -> bool:
    window = text[max(0, pos - 6):pos + 6]
    return any("\u4e00" <= ch <= "\u9fff" for ch in window)


_DATE_PAIR_OPEN = re.compile(r"(?i)(?:\b(?:between|from)\s+(?:the\s+)?|[从自在由]\s*)$")
_DATE_PAIR_SEP = re.compile(r"(?i)\s*(?:and|to|through|until|till|-|–|—|至|到|和|与)\s*(?:the\s+)?")


def _paired_date(s, m: Mention) -> int | None:
    """"from 2% to 10% between January and May": the first date is the from number's, the
    second the to number's. None unless the date is one of such a pair after a from → to."""
    if not s.pairs:
        return None
    for d1, d2 in zip(s.dates, s.dates[1:]):
        if m is not d1 and m is not d2:
            continue
        if not (_DATE_PAIR_SEP.fullmatch(s.text, d1.end, d2.start)
                and _DATE_PAIR_OPEN.search(s.text, max(0, d1.start - 12), d1.start)):
            return None
        same = [p for p in s.pairs if s.clause_of(s.live[p[0]].start) == s.clause_of(d1.start)]
        before = [p for p in same if s.live[p[1]].end <= d1.start]
        after = [p for p in same if s.live[p[0]].start >= d2.end]
        # the pair it follows (English), or precedes ("在1月至5月间从2%升至10%")
        pair = (after[:1] or before[-1:]) if s.zh_order else (before[-1:] or after[:1])
        if not pair:
            return None
        return pair[0][0] if m is d1 else pair[0][1]
    return None


def _attached(m_start: int, m_end: int, live: list[Mention], clause: int, clause_of,
              after_first: bool) -> int | None:
    """The number a date phrase or duration belongs to: in its clause, the nearest number
    before it ("7% in mid-February"), or after it in Chinese ("4月底的3%"); else the nearest
    on the other side. None when its clause has no number."""
    before = [(m_start - n.end, i) for i, n in enumerate(live)
              if clause_of(n.start) == clause and n.end <= m_start]
    after = [(n.start - m_end, i) for i, n in enumerate(live)
             if clause_of(n.start) == clause and n.start >= m_end]
    first, second = (after, before) if after_first else (before, after)
    if first:
        return min(first)[1]
    if second:
        return min(second)[1]
    return None


# "at the end of the period", "期末": a date without digits, the period's last two weeks
_PERIOD_END = re.compile(
    r"(?i)\b(?:at|by|to|until)\s+the\s+end\b(?!\s+of\s+(?!the\s+(?:period|window|report)))|"
    r"\bended\s+the\s+(?:period|window)\b|\bat\s+period\s+end\b|期末|报告期末|截至期末|"
    # "still holds a quarter", "仍占": the present, which is the period's end
    r"\bstill\s+(?:holds|leads|has|accounts\s+for|takes|commands|draws|handles|controls|"
    r"makes\s+up|owns|sits\s+at|stands\s+at)\b|(?:仍然|仍|依然|依旧)(?:占|握有|拿下|保持)")
_PERIOD_START = re.compile(
    r"(?i)\bat\s+the\s+(?:start|beginning)\b(?!\s+of\s+(?!the\s+(?:period|window|report)))|"
    r"\b(?:began|started)\s+the\s+(?:period|window)\b|期初|报告期初")
_PERIOD_LENGTH = re.compile(
    r"(?i)\b(?:covers?|covered|covering|spans?|spanned|spanning)\b|\bweeks?\s+of\s+(?:data|"
    r"usage)\b|覆盖|涵盖|横跨|跨越|周的数据|周数据")
_RELEASE_WORD = re.compile(
    r"(?i)\b(?:launch|launched|launches|release|released|debut|debuted|arrival|arrived|"
    r"introduction|introduced)\b|上线|发布|推出|问世|亮相")
# a number right after a name in brackets or after a colon: "Cartesia (7%)", "Google: 20%"
_ADJACENT = re.compile(r"^[\s*_]*(?:[(（]|[:：])[\s*_]*(?:about|around|~|约|近)?\s*$", re.IGNORECASE)


def _stated_consistency(live: list[Mention], pairs: list[tuple[int, int]], file: str | None
                        ) -> list[Issue]:
    """'from 15% to 7%, down 8 points, more than halved': the stated numbers must agree."""
    out: list[Issue] = []
    for m in live:
        # "51% ... the remaining 49%": the rest is 100 minus a share the sentence states
        if m.role != "rest" or m.kind != "pct":
            continue
        iv = tolerance(m)
        others = [tolerance(o) for o in live if o.kind == "pct" and o.role != "rest"]
        if others and not any(max(iv.lo, 100 - o.hi) <= min(iv.hi, 100 - o.lo) for o in others):
            out.append(Issue(file, m.line, m.col, m.text,
                             "the rest is not 100% minus the share this sentence states"))
    for a, b in pairs:
        fa, fb = live[a], live[b]
        if fa.kind != "pct" or fb.kind != "pct":
            continue
        ia, ib = tolerance(fa), tolerance(fb)
        if math.isinf(ia.hi) or math.isinf(ib.hi) or math.isinf(ia.lo) or math.isinf(ib.lo):
            continue
        lo_d, hi_d = ib.lo - ia.hi, ib.hi - ia.lo  # the change the pair allows, in points
        if fb.sign and ((fb.sign > 0 and hi_d <= 0) or (fb.sign < 0 and lo_d >= 0)):
            out.append(Issue(file, fb.line, fb.col, fb.text,
                             f"says it {'rose' if fb.sign > 0 else 'fell'}, but {fa.text} → "
                             f"{fb.text} goes the other way"))
            continue
        for m in live[b + 1:]:
            if m.role == "from":
                break
            iv = tolerance(m)
            if m.kind == "pp":
                signs = [m.sign] if m.sign else [1, -1]
                ok = any(max(lo_d, s * iv.lo if s > 0 else -iv.hi) <=
                         min(hi_d, s * iv.hi if s > 0 else -iv.lo) for s in signs)
            elif m.kind == "ratio" and ia.lo > 0:
                rlo, rhi = ib.lo / ia.hi, ib.hi / max(ia.lo, 1e-9)
                ok = max(rlo, iv.lo) <= min(rhi, iv.hi)
            else:
                continue
            if not ok:
                out.append(Issue(file, m.line, m.col, m.text,
                                 f"does not agree with '{fa.text} … {fb.text}' in the same "
                                 "sentence"))
    return out


@dataclass
class _Sentence:
    """One sentence being bound, passed through the phases of _check_sentence in turn: what
    it says (built here), and what each phase has found so far (filled in by the phases)."""

    ms: list[Mention]
    ctx: _Ctx
    text: str
    span: tuple[int, int]
    names: Sequence[tuple[int, int, tuple[Entity, ...]]]
    file: str | None
    bound: list[str]  # the finding facts cited, appended to (the caller's list)
    # id(mention) → (entities it is said of or (), the chart a word by it names or None[, when])
    said_of: Mapping[int, tuple]
    issues: list[Issue] = field(default_factory=list)
    # set by __post_init__: the sentence's mentions by kind, its clauses, who it is about
    dates: list[Mention] = field(init=False)
    durations: list[Mention] = field(init=False)
    numbers: list[Mention] = field(init=False)  # less the rests, once candidates are found
    clauses: list[tuple[int, int]] = field(init=False)
    zh_order: bool = field(init=False)  # a date or duration belongs to the number after it
    named: list[Entity] = field(init=False)  # the entities named, or else the charts' ones
    fams: list[Entity] = field(init=False)
    # _read_dates: each date's day ranges; "at the end of the period" (start, end, range)
    spans: dict[int, list[tuple[date, date]]] = field(default_factory=dict)
    period_phrases: list[tuple[int, int, tuple[date, date]]] = field(default_factory=list)
    # _open_release_weeks: the weeks a duration after a release points at
    extra: list[tuple[date, date]] = field(default_factory=list)
    # _gather_candidates: the numbers that have candidates (live), best first (cands)
    rests: list[Mention] = field(default_factory=list)
    votes: dict[str, int] = field(default_factory=dict)
    cands: list[list[LedgerFact]] = field(default_factory=list)
    live: list[Mention] = field(default_factory=list)
    # _pair_numbers: from → to pairs (indices into live) and the sign said of each "to"
    pairs: list[tuple[int, int]] = field(default_factory=list)
    signs: dict[int, int] = field(default_factory=dict)
    # _date_needs, _period_needs, _duration_needs: what the bound numbers must make true
    needs: list[_Need] = field(default_factory=list)
    settled: bool = False  # a phase has the sentence's outcome: the later ones do not run

    def __post_init__(self) -> None:
        ms, ctx, L = self.ms, self.ctx, self.ctx.ledger
        self.dates = [m for m in ms if m.kind == "date"]
        self.durations = [m for m in ms if m.kind == "duration"]
        if not ctx.entities:
            # "each bar in the charts is one week": a unit, not a claim, when nothing is named
            self.durations = [m for m in self.durations
                              if not (m.value == 1 and m.qualifier == "exact")]
        self.numbers = [m for m in ms if m.kind in ("pct", "pp", "ratio", "count", "rank",
                                                    "number")]
        self.clauses = _clauses(self.text, *self.span)
        self.zh_order = _cjk(self.text, self.span[0] + (self.span[1] - self.span[0]) // 2)
        self.named = ctx.entities or [e for c in ctx.charts for e in L.chart_entities.get(c, ())]
        self.fams = [e for e in self.named if e.kind == "family"]

    @property
    def L(self) -> Ledger:
        return self.ctx.ledger

    def clause_of(self, pos: int) -> int:
        for i, (a, b) in enumerate(self.clauses):
            if a <= pos < b:
                return i
        return -1

    def ctx_for(self, m: Mention) -> _Ctx:
        """The scope of one number: the sentence's, narrowed to what is said of it."""
        c = self.ctx
        who, chart, *when = self.said_of.get(id(m), ((), None))
        if when:
            c = replace(c, rank_time=when[0])
        if who:
            c = replace(c, entities=list(who))
        if chart is not None:
            # the chart, or a chart whose share of it the sentence gives ("reasoning ... of
            # all text messages")
            c = replace(c, charts=(chart,), strict=True,
                        chart_ents=[e for e in c.chart_ents if chart in
                                    (e.name, c.ledger.parents.get(e.name))])
        # "Cartesia (7%)": a number right after a name in brackets is that name's
        for s, e, ents in reversed(self.names):
            if e <= m.start and _ADJACENT.match(self.text[e:m.start]) and ents:
                return replace(c, entities=list(ents))
        return c


def _check_sentence(ms: list[Mention], ctx: _Ctx, text: str, span: tuple[int, int],
                    names: Sequence[tuple[int, int, tuple[Entity, ...]]], file: str | None,
                    bound: list[str], said_of: Mapping[int, tuple] | None = None) -> list[Issue]:
    """Bind one sentence's mentions. Appends the finding facts cited to `bound`.

    said_of: id(mention) → (entities it is said of or (), the chart a word by it names or
    None), for the mentions whose subject or chart the sentence fixes.

    The work is a list of phases (_PHASES), each a small function over one _Sentence:
    dates and period phrases become day ranges; durations after a release open the weeks
    they point at; each number gets its candidate facts; from → to pairs are found and the
    stated numbers checked against each other; the dates, period phrases and durations
    become needs; one fact per number is chosen that makes every need true; else the
    sentence is reported, with the nearest truth. A phase that settles the outcome (a number
    with no candidate, a binding found) ends the loop. To teach the checker something new
    about a sentence, add a field to _Sentence and a phase (or a step of one) here.
    """
    s = _Sentence(ms, ctx, text, span, names, file, bound, said_of or {})
    for phase in _PHASES:
        phase(s)
        if s.settled:
            break
    return s.issues


# ---------------------------------------------------------------------- the phases


def _read_dates(s: _Sentence) -> None:
    """Dates: day ranges; "the end of the period" / "期末" too."""
    L = s.L
    s.spans = {id(m): _in_period(m, L) for m in s.dates}
    s.ctx.dated = [r for m in s.dates if m.role != "release" for r in s.spans[id(m)]]
    n = len(L.weeks)
    # A chart whose rows stop before the period does (or start after it) ends (starts) with
    # its last (first) two weeks with data: that is the end its chart and findings show.
    end_lo, start_hi = L.weeks[max(0, n - 2)], L.weeks[min(1, n - 1)]
    for c in s.ctx.charts:
        data_weeks = [w for w, t in zip(L.weeks, L.totals.get(c, ())) if t > 0]
        if data_weeks:
            end_lo = min(end_lo, data_weeks[-2:][0])
            start_hi = max(start_hi, data_weeks[:2][-1])
    for rx, rng in ((_PERIOD_END, (end_lo, L.last_day)),
                    (_PERIOD_START, (L.first_day, start_hi + timedelta(days=6)))):
        for pm in rx.finditer(s.text, s.span[0], s.span[1]):
            s.period_phrases.append((pm.start(), pm.end(), rng))


def _open_release_weeks(s: _Sentence) -> None:
    """Durations after a release open the weeks they point at."""
    L = s.L
    n = len(L.weeks)
    for m in s.durations:
        iv = tolerance(m)
        for e in s.fams if s.ctx.entities else []:
            for r in L.releases.get(e, ()):
                ks = [k for k in range(n + 60) if k in iv]
                if m.role == "ordinal":
                    ks = [k - 1 for k in ks if k >= 1] + ks
                for k in ks[:60]:
                    w = r + timedelta(weeks=k)
                    if L.weeks[0] <= w <= L.weeks[-1]:
                        s.extra.append((w, w + timedelta(days=6)))


_EXCLUSION_WORDS = re.compile(
    r"(?i)\bexclu|\bleft\s+out\b|\bnot\s+counted\b|\bremoved\b|\bfiltered\b|\bbutton\b|"
    r"\btrigger|\bfollow-?up|\bassistant\b|排除|不计入|剔除|未计入|不含|不包括|按钮|追问|触发")


def _gather_candidates(s: _Sentence) -> None:
    """Numbers: the facts each may be bound to, best first; a number with none is reported."""
    # "51% ... the remaining 49%": the rest is checked against the share it is the rest of
    # (_stated_consistency), not bound on its own
    if any(m.kind == "pct" and m.role != "rest" for m in s.numbers):
        s.rests = [m for m in s.numbers if m.role == "rest"]
        s.numbers = [m for m in s.numbers if m.role != "rest"]
    # a finding's "rest" (the others' share beside its leader) is said only as the rest:
    # "ElevenLabs的份额不足六成" is ElevenLabs' own share, not the 20% the others hold
    # and an exclusion's share only where its paragraph speaks of what was excluded (the
    # footnotes: "... are excluded. They were about half of all audio requests.")
    para = max(s.text.rfind("\n", 0, s.span[0]) + 1, s.text.rfind("\n\n", 0, s.span[0]))
    excl = bool(_EXCLUSION_WORDS.search(s.text, para, s.span[1]))
    pools = [([f for f in _matches(m, s.ctx_for(m), s.extra)
               if (f.name != "rest" or m.role == "rest")
               and (f.name != "excluded_share" or excl)], m) for m in s.numbers]
    # prefer the finding most of the sentence's numbers can come from (its main subject)
    for c, _ in pools:
        for prefix in {f.id.split(".")[0] for f in c
                       if f.finding and (not s.ctx.entities or f.entity in s.ctx.entities)}:
            s.votes[prefix] = s.votes.get(prefix, 0) + 1
    for (c, m) in pools:
        if not c:
            s.issues.append(_number_issue(m, s.ctx_for(m), s.file))
            continue
        s.cands.append(_order(c, m, s.ctx, s.votes))
        s.live.append(m)


def _pair_numbers(s: _Sentence) -> None:
    """From → to pairs, and whether the stated numbers agree with each other."""
    pending: int | None = None
    for i, m in enumerate(s.live):
        if m.role == "from":
            pending = i
        elif m.role == "to" and pending is not None:
            s.pairs.append((pending, i))
            pending = None
    s.issues.extend(_stated_consistency(s.live + s.rests, s.pairs, s.file))
    s.signs = {b: s.live[b].sign for _, b in s.pairs}


def _pair_ok(fa: LedgerFact, fb: LedgerFact, sign: int = 0) -> bool:
    """Can fa → fb be the sentence's "from X to Y" (said to go the way of sign)?"""
    if fa.entity != fb.entity or fa.chart != fb.chart or fa.id == fb.id:
        return False
    # "rose from about 15% to about 13%": the values bound must go the way it says
    if sign and isinstance(fa.value, float) and isinstance(fb.value, float) and (
            (fb.value - fa.value) * sign <= 0):
        return False
    if not fa.weeks or not fb.weeks:
        return True
    return min(fa.weeks) < min(fb.weeks)


def _date_needs(s: _Sentence) -> None:
    """Each date phrase: settled on its own (a release, a peak, a finding's date, a date in
    a sentence without numbers), or a need the bound numbers must make true."""
    for m in s.dates:
        _date_need(s, m)


def _date_need(s: _Sentence, m: Mention) -> None:
    L, ctx = s.L, s.ctx
    rngs = s.spans[id(m)]
    lo, hi = rngs[0]

    def within(f: LedgerFact) -> bool:
        return any(_fact_overlaps(f, a, b) for a, b in rngs)

    # a finding's date (a launch week, a peak week) is cited by a date phrase of a week
    # or so about an entity the sentence names: "H1" cites no week
    fdates = [f for f in _finding_dates(ctx, ctx.entities) if within(f)
              ] if (hi - lo).days <= 31 else []
    if m.role == "release":
        # a release may lie outside the period ("o1-preview, released in September"):
        # with no year written, the years around the period's are all read
        every = _any_year(m, L)
        rels = [r for e in (s.fams or s.named) for r in L.releases.get(e, ())]
        rel_facts = [f for f in _finding_dates(ctx, ctx.entities)
                     if re.search(r"launch|releas|debut", f.name)
                     and any(_fact_overlaps(f, a, b) for a, b in every)]
        if rel_facts:
            _bind(s.bound, rel_facts[:1])
        elif not any(_overlaps(r, a, b) for r in rels for a, b in every):
            s.issues.append(_date_issue(m, ctx, s.file, "release", rels))
        return
    if m.role == "peak":
        peaks = [f for e in s.named for f in L.by_entity.get(e, ())
                 if f.name in ("peak", "peak2") and (f.chart in ctx.charts or not ctx.entities)
                 and within(f)]
        pk_facts = [f for f in fdates if "peak" in f.name]
        if peaks or pk_facts:
            _bind(s.bound, pk_facts[:1])
            return
        s.needs.append(_Need(m, "peak", test=lambda f: within(f) and "peak" in f.name,
                             span=(lo, hi)))
        return
    near = _paired_date(s, m)
    if near is None:
        near = _attached(m.start, m.end, s.live, s.clause_of(m.start), s.clause_of, s.zh_order)
    if near is not None:
        # "3% by the end of April", "4月底的3%": the date says when that number was
        s.needs.append(_Need(m, "date", test=within, index=near, related=tuple(fdates),
                             span=(lo, hi)))
        return
    rels = [r for e in s.named for r in L.releases.get(e, ())]
    released = any(_overlaps(r, a, b) for r in rels for a, b in rngs)
    if not s.numbers:
        pres = [L.present[e] for e in s.named if e in L.present]
        ok = bool(fdates) or released
        _bind(s.bound, fdates[:1])
        if not ctx.entities or not (pres or rels):
            # nothing charted is named (a platform, a lab outside the data): the period
            ok = ok or any(a <= L.last_day and b >= L.first_day for a, b in rngs)
        ok = ok or any(p <= b and q + timedelta(days=6) >= a for p, q in pres
                       for a, b in rngs)
        if not ok:
            s.issues.append(_date_issue(m, ctx, s.file, "none", rels))
        return
    # a date in a clause of its own: a bound number's week, or a release it names
    if fdates or released:
        _bind(s.bound, fdates[:1])
        return
    s.needs.append(_Need(m, "date", test=within, span=(lo, hi)))


def _period_needs(s: _Sentence) -> None:
    """"ended the period at about 13%", "held 80% at the end": the nearest number."""
    for start, end, rng in s.period_phrases:
        dist = [(min(abs(start - x.end), abs(x.start - end)), i) for i, x in enumerate(s.live)
                if s.clause_of(x.start) == s.clause_of(start)]
        near = min(dist)[1] if dist else None
        if near is not None:
            m = s.live[near]
            s.needs.append(_Need(m, "period", index=near, span=rng,
                                 test=lambda f, lo=rng[0], hi=rng[1]: _fact_overlaps(f, lo, hi)))


def _duration_needs(s: _Sentence) -> None:
    """Each duration: a duration fact, the weeks since a release of a share it belongs to,
    or (away from any share) a duration fact, the period's length or a pair's weeks."""
    for m in s.durations:
        _duration_need(s, m)


def _duration_need(s: _Sentence, m: Mention) -> None:
    ctx = s.ctx
    iv = tolerance(m)
    if m.role == "ordinal":  # "in its third week": 2 or 3 weeks after the release week
        def ords(k):
            return (k in iv) or ((k + 1) in iv)
    else:
        def ords(k):
            return k in iv
    ci = s.clause_of(m.start)
    clause_text = s.text[s.clauses[ci][0]:s.clauses[ci][1]] if ci >= 0 else ""
    after_release = bool(_RELEASE_WORD.search(clause_text)) or m.role == "ordinal"
    pool = [f for f in _scope_facts(ctx, ("weeks",))
            if not (after_release and f.id == "S:period:weeks")]
    if _PERIOD_LENGTH.search(clause_text):
        # "this report covers 21 weeks of data": the period's length, nothing else
        pool = [f for f in pool if f.id == "S:period:weeks"]
    statics = [f for f in pool if isinstance(f.value, float) and ords(f.value)]
    if not s.numbers:
        if statics:
            _bind(s.bound, [f for f in statics if f.finding][:1])
        else:
            s.issues.append(_duration_issue(m, ctx, s.file))
        return
    by_finding = {f.id.split(".")[0]: f for f in statics if f.finding}
    # a duration says when a share was reached: it belongs to a share, not to a rank
    shares_only = [x if x.kind in ("pct", "pp", "ratio") else replace(x, start=-10**9,
                                                                      end=-10**9)
                   for x in s.live]
    near = _attached(m.start, m.end, shares_only, ci, s.clause_of, s.zh_order)

    def fits(f: LedgerFact) -> bool:
        return any(ords(k) for k in _since_release(ctx, f)) or (
            f.finding and f.id.split(".")[0] in by_finding)

    if near is not None:
        # the share it follows or leads: "21% three weeks after", "仅用三周就占了21%"
        s.needs.append(_Need(m, "duration", test=fits, index=near,
                             related=tuple(by_finding.values())))
        return
    period_ok = any(f.id == "S:period:weeks" for f in statics)
    # "led for seven weeks" is not "seven weeks after the launch": a duration away from
    # any share counts from a release only when the sentence speaks of one
    from_release = bool(_RELEASE_WORD.search(s.text, s.span[0], s.span[1]))
    pairs = s.pairs

    def test_all(choice) -> bool:
        if period_ok:
            return True
        for f in choice:
            if f is None:
                continue
            if f.finding and f.id.split(".")[0] in by_finding:
                return True
            if from_release and fits(f):
                return True
        for a, b in pairs:  # "from 40% to 20% over 19 weeks": the weeks between them
            fa, fb = choice[a], choice[b]
            if fa is not None and fb is not None and any(
                    ords((wb - wa).days // 7) for wa in fa.weeks for wb in fb.weeks):
                return True
        return False
    s.needs.append(_Need(m, "duration", test_all=test_all, related=tuple(by_finding.values())))


def _bind_numbers(s: _Sentence) -> None:
    """One fact per number that makes every need true: bound, and the sentence is settled."""
    if len(s.live) < len(s.numbers):
        s.settled = True  # a number is already reported; its sentence needs no second issue
        return
    if not s.needs and not s.pairs:
        choice: list[LedgerFact | None] = [c[0] for c in s.cands]
    else:
        choice = _solve(s)
        if choice is None:
            return
    _bound_ok(s.issues, choice, s.needs, s.bound)
    s.settled = True


def _solve(s: _Sentence) -> list[LedgerFact | None] | None:
    """A depth-first search for one fact per number that keeps every pair in order and makes
    every need true; None when there is none."""
    cands, pairs, needs, signs = s.cands, s.pairs, s.needs, s.signs
    choice: list[LedgerFact | None] = [None] * len(cands)
    nodes = 0

    def consistent(upto: int) -> bool:
        for a, b in pairs:
            if a < upto and b < upto and not _pair_ok(choice[a], choice[b], signs[b]):
                return False
        for nd in needs:
            if nd.index is not None and nd.index < upto and not nd.holds(choice):
                return False
        return True

    def solve(i: int) -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > _NODE_LIMIT:
            raise _TooMany
        if i == len(cands):
            return all(nd.holds(choice) for nd in needs)
        for f in cands[i]:
            choice[i] = f
            if consistent(i + 1) and solve(i + 1):
                return True
        choice[i] = None
        return False

    try:
        found = solve(0)
    except _TooMany:
        # Too many combinations: check each need on its own (lenient, and rare).
        found = all(nd.possible(cands) for nd in needs) and all(
            any(_pair_ok(fa, fb, signs[b]) for fa in cands[a] for fb in cands[b])
            for a, b in pairs)
        if found:
            choice = [c[0] for c in cands]
    return choice if found else None


def _explain(s: _Sentence) -> None:
    """No binding: which need can no choice satisfy? Else the sentence as a whole."""
    blamed = False
    for nd in s.needs:
        if not nd.possible(s.cands):
            s.issues.append(_need_issue(nd, s.ctx, s.file, s.cands))
            blamed = True
    for a, b in s.pairs:
        if not any(_pair_ok(fa, fb, s.signs[b]) for fa in s.cands[a] for fb in s.cands[b]):
            ma, mb = s.live[a], s.live[b]
            s.issues.append(Issue(s.file, mb.line, mb.col, mb.text,
                                  f"'from {ma.text} to {mb.text}' does not match one entity's "
                                  "values in that order",
                                  _nearest_pair(ma, mb, s.cands[a], s.cands[b])))
            blamed = True
    if not blamed:
        m = s.needs[-1].mention if s.needs else s.live[s.pairs[-1][1]]
        s.issues.append(Issue(s.file, m.line, m.col, m.text,
                              "the numbers, dates and durations in this sentence cannot all be "
                              "true at once"))


# In order: each phase reads what the ones before it found (see _Sentence's fields).
_PHASES = (
    _read_dates,          # dates and period phrases → day ranges
    _open_release_weeks,  # durations after a release → the weeks they point at
    _gather_candidates,   # each number → its candidate facts (none: reported)
    _pair_numbers,        # from → to pairs; do the stated numbers agree?
    _date_needs,          # what the dates, period phrases and durations need of the numbers
    _period_needs,
    _duration_needs,
    _bind_numbers,        # one fact per number making every need true (settles)
    _explain,             # else report, with the nearest truth
)


def _bound_ok(issues: list[Issue], choice: Sequence[LedgerFact | None], needs: list[_Need],
              bound: list[str]) -> list[Issue]:
    chosen = [f for f in choice if f is not None]
    _bind(bound, chosen)
    # a date or duration of the same finding as a bound number is cited with it
    prefixes = {f.id.split(".")[0] for f in chosen if f.finding}
    for nd in needs:
        _bind(bound, [f for f in nd.related if f.id.split(".")[0] in prefixes][:1])
    return issues


def _bind(bound: list[str], facts: Iterable[LedgerFact]) -> None:
    for f in facts:
        if f.finding:
            bound.append(f.id)


# ====================================================================== messages


def _num(v: float) -> str:
    """One decimal, or two when one would hide the difference (9.49, not 9.5)."""
    return f"{v:.1f}" if abs(v - round(v, 1)) < 0.005 else f"{v:.2f}"


def _fmt_value(f: LedgerFact) -> str:
    v = f.value
    if isinstance(v, str):
        return v
    if f.unit == "pct":
        return f"{_num(v)}%"
    if f.unit == "pp":
        return f"{'+' if v > 0 else ''}{_num(v)} points"
    if f.unit == "ratio":
        return f"{v:.2f}×"
    if f.unit == "weeks":
        return f"{v:g} weeks"
    if f.unit == "rank":
        return f"#{v:g}"
    if f.unit == "count":
        return f"{v:g} {f.name.replace('_', ' ')}"
    return f"{v:g}"


def _fmt_where(f: LedgerFact) -> str:
    if not f.weeks:
        return f"({f.id})" if f.finding else ""
    ws = [w.isoformat() for w in f.weeks]
    if len(ws) == 1:
        return f"in {ws[0]}"
    if len(ws) == 2:
        return f"in {ws[0]} and {ws[1]}"
    return f"over {ws[0]}..{ws[-1]}"


_KIND_WORD = {"pct": "share", "pp": "change in points", "ratio": "ratio", "count": "count",
              "rank": "rank", "number": "value", "duration": "duration"}


def _who(ctx: _Ctx) -> str:
    if ctx.entities:
        return ", ".join(dict.fromkeys(e.name for e in ctx.entities[:4]))
    return "the " + "/".join(ctx.charts) + " chart"


# The values a reader most likely meant, for "nearest": the findings' facts first, then these.
_PLAIN_NAMES = {
    "pct": ("end", "start", "peak", "peak2", "last", "first", "mean", "week", "2-week"),
    "pp": ("start_to_end", "first_to_last", "peak2_to_end", "peak_to_last", "change"),
    "ratio": ("start_to_end_ratio", "first_to_last_ratio", "peak2_to_end_ratio",
              "peak_to_last_ratio", "change"),
    "count": ("families", "providers", "bots", "launched", "messages"),
    "rank": ("rank_end", "rank_start", "rank_mean", "rank_week"),
    "weeks": ("weeks_release_to_peak", "weeks_release_to_last", "weeks"),
}


def _nearest(m: Mention, ctx: _Ctx) -> str | None:
    units = _UNIT_OF[m.kind]
    pool = [f for f in _scope_facts(ctx, units) if not isinstance(f.value, str)
            and (f.name != "rest" or m.role == "rest") and f.name != "excluded_share"]
    pool += _dated_facts(ctx, m.kind, ctx.dated)
    if not pool:
        return None
    target = float(m.lo + m.hi) / 2 if m.lo is not None else 0.0
    if m.kind == "ratio" and m.basis == "change":
        target = 1 + (m.sign or -1) * target / 100
    main = _UNIT_OF[m.kind][0] if m.kind != "number" else None
    if main:
        pool = [f for f in pool if f.unit == main] or pool
    # the entity the sentence names is what its reader compares with, not the chart's total
    pool = [f for f in pool if f.entity in ctx.entities and f.entity.kind != "chart"] or pool
    findings = [f for f in pool if f.finding]
    dated = [f for f in pool if f.name in ("week", "2-week", "rank_week")]
    plain = [f for f in pool if f.name in _PLAIN_NAMES.get(f.unit, ())]
    best_from = findings or (dated if ctx.dated else None) or plain or pool
    f = min(best_from, key=lambda f: (abs(abs(float(f.value)) - target), f.id))
    where = _fmt_where(f)
    who = f.entity.name if f.entity.kind != "chart" else f"{f.entity.name} chart"
    return f"{who}: {m.text} stated, {_fmt_value(f)}{' ' + where if where else ''}"


def _number_issue(m: Mention, ctx: _Ctx, file: str | None) -> Issue:
    iv = tolerance(m)
    unit = {"pct": "pct", "pp": "pp", "ratio": "ratio", "duration": "weeks"}.get(m.kind, "")
    what = _KIND_WORD[m.kind]
    if m.kind == "ratio" and m.basis == "change":
        what = "change (as end/start)"
    reason = (f"no {what} of {_who(ctx)} {'in this sentence' if ctx.dated else ''}"
              f" is {iv.describe(unit)}").replace("  ", " ")
    return Issue(file, m.line, m.col, m.text, reason, _nearest(m, ctx))


def _date_issue(m: Mention, ctx: _Ctx, file: str | None, what: str, rels: list[date]) -> Issue:
    lo, hi = m.when.resolve(ctx.ledger.first_day, ctx.ledger.last_day)
    rng = f"{lo.isoformat()}..{hi.isoformat()}"
    if what == "release":
        near = ", ".join(sorted({r.isoformat() for r in rels})) or None
        return Issue(file, m.line, m.col, m.text,
                     f"{_who(ctx)} was not released in {rng}",
                     f"{_who(ctx)}: released in the week of {near}" if near else None)
    return Issue(file, m.line, m.col, m.text,
                 f"{_who(ctx)} has no data in {rng}", None)


def _duration_issue(m: Mention, ctx: _Ctx, file: str | None) -> Issue:
    iv = tolerance(m)
    return Issue(file, m.line, m.col, m.text,
                 f"no duration of {_who(ctx)} is {iv.describe('weeks')}", _nearest(m, ctx))


def _need_issue(n: _Need, ctx: _Ctx, file: str | None, cands: list[list[LedgerFact]]) -> Issue:
    m = n.mention
    bound = ([c[0] for c in cands if c] if n.index is None else
             (cands[n.index][:1] if n.index < len(cands) else []))
    if n.reason == "duration":
        iv = tolerance(m)
        ks = sorted({k for f in bound for k in _since_release(ctx, f)})
        near = None
        if bound and ks:
            f = bound[0]
            near = (f"{f.entity.name}: {m.text} stated, {_fmt_value(f)} "
                    f"{_fmt_where(f)} is {ks[0]} week{'s' if ks[0] != 1 else ''} after release")
        return Issue(file, m.line, m.col, m.text,
                     f"no number in this sentence is {iv.describe('weeks')} after "
                     f"{_who(ctx)}'s release", near)
    lo, hi = n.span
    near = None
    if bound:
        f = bound[0]
        near = f"{f.entity.name}: {_fmt_value(f)} {_fmt_where(f)}".strip()
    if n.reason == "period":
        return Issue(file, m.line, m.col, m.text,
                     f"is not a value from the period's {'end' if hi == ctx.ledger.last_day else 'start'}"
                     f" ({lo.isoformat()}..{hi.isoformat()})", near)
    what = "peak" if n.reason == "peak" else "number"
    return Issue(file, m.line, m.col, m.text,
                 f"no {what} in this sentence is from {lo.isoformat()}..{hi.isoformat()}", near)


def _nearest_pair(ma: Mention, mb: Mention, ca: list[LedgerFact], cb: list[LedgerFact]
                  ) -> str | None:
    if not ca or not cb:
        return None
    fa, fb = ca[0], cb[0]
    return (f"{ma.text} matches {fa.entity.name} {_fmt_value(fa)} {_fmt_where(fa)}; "
            f"{mb.text} matches {fb.entity.name} {_fmt_value(fb)} {_fmt_where(fb)}")


# ====================================================================== entry points

SLOT_LEFT = re.compile(r"\{\{\s*[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?"
                       r"(?:\s*\|\s*[a-z_]+)?\s*\}\}")


def _check(text: str, lang: str, ledger: Ledger, chart: str | None, file: str | None,
           first_line: int, cited: frozenset[str]) -> tuple[list[Issue], int, list[str]]:
    """Check a piece of prose sentence by sentence: (issues, mentions checked, bound ids).

    Each sentence is read (_read_sentence: its names, charts, mentions and what each is
    said of), checked by the claims (writer/claims), then its numbers bound by
    _check_sentence, and any model name the data does not know reported."""
    if lang not in ("en", "zh"):
        raise ValueError(f"lang {lang!r} is not 'en' or 'zh'")
    issues = _unfilled_slots(text, file, first_line)
    from writer.claims import KINDS  # built on this module

    masked = _mask_period(mask(text, ledger.masker), ledger)
    mentions = extract_masked(masked.text, lang, original=text, first_line=first_line)
    bound: list[str] = []
    checked = len(mentions)
    mt = masked.text
    scope_chart = chart if chart in ledger.charts else None
    chart_labels = {c.lower() for c in ledger.charts}  # "cat1" is a chart, not a model
    mi = 0
    for start, end in _sentences(mt):
        ms = []
        while mi < len(mentions) and mentions[mi].start < end:
            if mentions[mi].start >= start:
                ms.append(mentions[mi])
            mi += 1
        sentence, ms, said_of, ctx = _read_sentence(text, lang, ledger, masked, start, end, ms,
                                                    scope_chart, cited, file, first_line)
        checked += max(0, len(ms) - len(sentence.mentions))
        # claims first: a sum of listed names backs its share ("A and B together held 48%")
        for _, kind in KINDS:
            issues.extend(kind.check(sentence))
        backed = sentence.cache.get("backed", set())  # a kind settled them: a sum, a list
        ms = [m for m in ms if id(m) not in backed]
        if not ms:
            continue
        issues.extend(_check_sentence(ms, ctx, mt, (start, end), sentence.names, file, bound,
                                      said_of))
        for s, e, token in _unknown_names(masked, mt, start, end, ledger, chart_labels):
            line = text.count("\n", 0, s)
            col = s - (text.rfind("\n", 0, s) + 1) + 1
            issues.append(Issue(file, first_line + line, col, token,
                                "not in the data: no model, family or provider has this name, "
                                "so the numbers of this sentence cannot be about it"))
    issues.sort(key=lambda i: (i.line, i.col))
    return issues, checked, bound


def _unfilled_slots(text: str, file: str | None, first_line: int) -> list[Issue]:
    """A template slot ({{F1.share}}) left in the text: the number never reached it."""
    issues: list[Issue] = []
    for m in SLOT_LEFT.finditer(text):
        if "|" in m.group(0) and "relative_url" in m.group(0):
            continue
        if re.fullmatch(r"\{\{\s*(?:page|site|include|post|content)\b.*", m.group(0)):
            continue
        line = text.count("\n", 0, m.start())
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        issues.append(Issue(file, first_line + line, col, m.group(0),
                            "a slot was left unfilled: the number never reached the text"))
    return issues


def _read_sentence(text: str, lang: str, ledger: Ledger, masked, start: int, end: int,
                   ms: list[Mention], scope_chart: str | None, cited: frozenset[str],
                   file: str | None, first_line: int):
    """One sentence, read: (the claims' Sentence, its mentions with the numbers its words
    state, said_of (id(mention) → who, chart[, when]), its _Ctx)."""
    from writer.claims import Sentence, directions  # built on this module

    mt = masked.text
    ents: list[Entity] = []
    spans_here = []
    for s, e, name in masked.names:
        if start <= s < end:
            named = ledger.entities_named(name)
            spans_here.append((s, e, named))
            for ent in named:
                if ent not in ents:
                    ents.append(ent)
    words = []
    word_spans = []
    for wm in ledger.chart_word_rx.finditer(mt, start, end):
        c = ledger.chart_of_word(wm.group(0))
        if c:
            word_spans.append((wm.start(), wm.end(), c))
        if c and c not in words:
            words.append(c)
    charts = tuple(dict.fromkeys(([scope_chart] if scope_chart else []) + words))
    if not charts:
        charts = ledger.charts
    chart_ents = [Entity("chart", c) for c in words]
    if not ents:
        # "reasoning's share of all text": a chart named with its parent is the subject;
        # so is one that opens the sentence ("Reasoning models triple their share to 30%")
        ents = [Entity("chart", c) for c in words if ledger.parents.get(c) in words]
        ents = ents or [Entity("chart", c) for ws, we, c in word_spans[:1]
                        if ledger.parents.get(c) and _CHART_OPENS.fullmatch(mt, start, ws)
                        and _CHART_SUBJECT.match(mt, we, end)]
    sentence = Sentence(ledger, lang, mt, text, start, end, tuple(spans_here),
                        tuple(word_spans), charts, tuple(ms), file, first_line)
    ms, said_of = _said_of(sentence, ms, ents)
    ctx = _Ctx(ledger, ents, chart_ents, charts, cited,
               windowed=bool(directions.WINDOW.search(sentence.text)))
    return sentence, ms, said_of, ctx


def _said_of(sentence, ms: list[Mention], ents: list[Entity]
             ) -> tuple[list[Mention], dict[int, tuple]]:
    """The sentence's mentions with the numbers its words state, and what each is said of:
    id(mention) → (entities or (), the chart a word by it names or None[, when a rank is])."""
    from writer.claims import KINDS, ranks  # built on this module

    mt, start = sentence.masked, sentence.start
    # words that state numbers ("the most used" is rank 1), each said of its subject
    said_of: dict[int, tuple] = {}
    for _, kind in KINDS:
        for m, who in kind.extra_mentions(sentence, [(x.start, x.end) for x in ms]):
            ms.append(m)
            said_of[id(m)] = (who, None)
    # "dropped out of the top 9": a rank it no longer has, not a rank it holds
    ms = [m for m in ms if not (m.kind == "rank" and ranks.OUT_OF.search(
        mt, max(start, m.start - 20), m.start))]
    ms.sort(key=lambda m: (m.start, m.end))
    opening = _opening_chart(sentence)
    if not any(e.kind == "chart" for e in ents):  # "reasoning's share of all text" aside
        for m in ms:
            c = (sentence.chart_near(m.start) or opening) if m.kind in _CHART_BOUND else None
            if c is not None:
                said_of[id(m)] = (said_of.get(id(m), ((), None))[0], c)
    for m in ms:
        if m.kind == "rank":
            who, chart = said_of.get(id(m), ((), None))
            if not who and m.role != "word":  # "Gemini-2.5 ranked second": of its subject
                who = tuple(e for e in _rank_subject(sentence, m)
                            if e.kind in ("family", "provider"))
            # a rank said of no one ("each week lists the top 5 models") is the list's
            when = ranks.time_of(sentence, m.start) if (who or ents) else "any"
            said_of[id(m)] = (who, chart, when)
    return ms, said_of


# "In image generation, X held 36%", "在图像生成领域，…": the chart the whole sentence is in
_SCOPE_BEFORE = re.compile(r"(?i)[\s*_#>|\-+\d.)]*(?:(?:in|among|for|within|across|on)\s+"
                           r"(?:the\s+)?|在\s*)?")
_SCOPE_AFTER = re.compile(r"(?i)\s*(?:chart\s*)?(?:生成|模型|消息|请求)?(?:中|里|方面|领域|上|赛道|榜单)?"
                          r"\s*[,，:：]")


def _opening_chart(sentence) -> str | None:
    if not sentence.words:
        return None
    ws, we, chart = sentence.words[0]
    if _SCOPE_BEFORE.fullmatch(sentence.masked, sentence.start, ws) and \
            _SCOPE_AFTER.match(sentence.masked, we, sentence.end):
        return chart
    return None


# A chart word that is the sentence's subject: nothing but markup before it, and after it a
# verb or its share, not a possessive, a colon or "among" ("Reasoning models: X leads" is
# about X; "推理模型中，…" about a model in it)
_CHART_OPENS = re.compile(r"[\s*_#>|\-+\d.)\W]*")
_CHART_SUBJECT = re.compile(
    r"(?i)(?:[\s*_]+(?!among\b|in\b|on\b|such\b|like\b|from\b|led\b|is\s+led\b|are\s+led\b)"
    r"[a-z]|(?:的)?(?:份额|占比|整体|合计|总份额|总体)|占|合计)")


def _rank_subject(s, m: Mention) -> tuple:
    """Whom a written rank is said of: the name right after it ("第二名Claude-3.5-Sonnet"),
    else the nearest name before it in its clause, else the sentence's first name
    ("GPT-4o ..., 每周都排名第一")."""
    after = [n for n in s.names if m.end <= n[0] <= m.end + 3
             and not re.search(r"[^\s*_\ue000]", s.masked[m.end:n[0]].replace(", ", " "))]
    if after:
        return min(after)[2]
    a, _ = s.clause(m.start)
    free = [n for n in s.names if not s.in_brackets(n[0])]
    inside = [n for n in free if a <= n[0] < m.start]
    if inside:
        return max(inside)[2]
    first = [n for n in free if n[0] < m.start]
    return min(first)[2] if first else ()


# the kinds of number a chart word beside them binds to that chart ("80% of image generations")
_CHART_BOUND = ("pct", "pp", "ratio", "rank", "number")


# Model brands a sentence may name without a version ("Midjourney held 35%"): flagged when
# the data knows no such name (a known one was masked as a name before this is read).
_BRANDS = re.compile(
    r"(?<![A-Za-z0-9\-])(?:Midjourney|ChatGPT|Claude|Gemini|Gemma|Llama|Mistral|Mixtral|"
    r"DeepSeek|Qwen|Grok|Kling|Veo|Imagen|ElevenLabs|Suno|Udio|Hailuo|Ideogram|Recraft|"
    r"Perplexity|Copilot|DALL-E|Stable Diffusion|Firefly|Kimi|Doubao|GPT|Sora|Vidu|"
    r"Seedance|Seedream|Jimeng|Fish[- ]Audio|Cartesia|PlayAI|Orpheus|Runway|Luma|Pika|"
    r"MiniMax|Hunyuan|ERNIE|Leonardo|Krea|Flux|FLUX|Dreamina|PixVerse|Haiper|Genmo|Mochi|"
    r"Resemble|Murf|WellSaid|Speechify|Azure TTS|Polly)"
    r"(?![A-Za-z0-9])|可灵|豆包|通义千问|文心一言|混元|即梦|海螺|通义万相|智谱|腾讯混元|"
    r"元宝|讯飞|百度文心|秒哒")


def _unknown_names(masked, mt: str, start: int, end: int, ledger: Ledger,
                   charts: set[str]) -> list[tuple[int, int, str]]:
    """Model-like names in a sentence that the data does not know: a guessed token with two
    or more letters and a digit ("GPT-5", "o5-mini"), or a bare brand ("Midjourney").
    A chart's own label (`charts`, lowercased) or words ("cat1 messages") are not names."""
    out = [(s, e, tok) for s, e, tok in masked.guessed
           if start <= s < end and len(re.findall(r"[A-Za-z]", tok)) >= 2
           and tok.lower() not in charts and not ledger.chart_word_rx.fullmatch(tok)]
    out += [(m.start(), m.end(), m.group(0)) for m in _BRANDS.finditer(mt, start, end)]
    # a known name with a version the data does not have: "DeepSeek-R2", "Kling-1.0"
    for s, e, name in masked.names:
        if start <= s < end:
            v = _VERSION_AFTER.match(mt, e)
            if v and not ledger.entities_named(name + v.group(0)):
                out.append((s, v.end(), name + v.group(0)))
    return sorted(out)


_VERSION_AFTER = re.compile(r"-(?=[A-Za-z0-9.]*\d)[A-Za-z0-9][A-Za-z0-9.]*(?<!\.)")


def _mask_period(masked, ledger: Ledger):
    """Blank the period's own name ("January–May 2025", "2025年1月至5月"): it is what the
    post is about, true of the whole period, not a date any one number must fall in."""
    from dataclasses import replace as _replace

    from writer.periods import span_phrase

    text = masked.text
    for lang in ("en", "zh"):
        phrase = span_phrase(ledger.weeks, lang)
        # whole phrases only: "2025年3月" inside "2025年3月30日" is a day, not the period
        edge = rf"(?<![0-9]\s)(?<![0-9]){re.escape(phrase)}(?![0-9日号旬]|\s*[0-9])"
        for m in re.finditer(edge, text, re.IGNORECASE):
            text = text[:m.start()] + MASK * (m.end() - m.start()) + text[m.end():]
    return masked if text == masked.text else _replace(masked, text=text)


def verify_text(text: str, lang: str, ledger: Ledger, *, chart: str | None = None,
                file: str | None = None, first_line: int = 1,
                cited: Iterable[str] = ()) -> tuple[Issue, ...]:
    """Check every number in a piece of prose (no front matter) against the ledger.

    chart: the chart section the text belongs to (None: outside any chart section, so a
    sentence binds to the entities it names, or to any chart). first_line: the line number
    of the text's first line in its file, for the reported positions. cited: fact ids the
    text is known to cite (preferred when a number could bind to several facts).
    """
    issues, _, _ = _check(text, lang, ledger, chart, file, first_line, frozenset(cited))
    return tuple(issues)


def check_text(text: str, lang: str, ledger: Ledger, *, chart: str | None = None,
               file: str | None = None, first_line: int = 1,
               cited: Iterable[str] = ()) -> Report:
    """verify_text, returning a Report (with mentions_checked and the bound fact ids)."""
    issues, n, bound = _check(text, lang, ledger, chart, file, first_line, frozenset(cited))
    return Report(tuple(issues), n, tuple(sorted(set(bound))), file, lang)


_CHART_ID = re.compile(r"\{#chart-([A-Za-z0-9_.-]+)\}")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def sections(body: str) -> list[tuple[str | None, int, int]]:
    """(chart or None, start offset, end offset) for the body's parts. A chart section starts
    at a heading carrying {#chart-<chart>} and runs to the next heading of its level or above."""
    out: list[tuple[str | None, int, int]] = []
    pos = 0
    current: str | None = None
    level = 0
    start = 0
    in_fence = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        h = None if in_fence else _HEADING.match(line)
        if h:
            lv = len(h.group(1))
            cm = _CHART_ID.search(line)
            if cm or (current is not None and lv <= level):
                if pos > start:
                    out.append((current, start, pos))
                start = pos
                current, level = (cm.group(1), lv) if cm else (None, 0)
        pos += len(line) + 1
    if len(body) > start:
        out.append((current, start, len(body)))
    return out


def verify_markdown(markdown: str, lang: str, ledger: Ledger, *, file: str | None = None,
                    cited: Iterable[str] | None = None) -> Report:
    """Check a whole post: front matter skipped, body split into chart sections.

    cited: fact ids to prefer when binding; by default the front matter's `facts` list.
    """
    front, body, first = split_front_matter(markdown)
    if cited is None:
        facts = front.get("facts") if isinstance(front, dict) else None
        cited = facts if isinstance(facts, list) else ()
    cited_set = frozenset(str(c) for c in cited)
    issues: list[Issue] = []
    bound: list[str] = []
    n = 0
    anchors = {chart_anchor(c): c for c in ledger.charts}
    for anchor, a, b in sections(body):
        chart = anchors.get(anchor, anchor) if anchor is not None else None
        chunk = body[a:b]
        line = first + body.count("\n", 0, a)
        i, k, bd = _check(chunk, lang, ledger, chart, file, line, cited_set)
        issues.extend(i)
        n += k
        bound.extend(bd)
    issues.sort(key=lambda i: (i.line, i.col))
    return Report(tuple(issues), n, tuple(sorted(set(bound))), file, lang)


def verify_file(path: str | Path, ledger_for: Any, *, lang: str | None = None) -> Report:
    """Read a post and verify it. ledger_for(front_matter: dict) -> Ledger builds the ledger
    for the post's period (the caller loads the data)."""
    text = read_text(path, "post")
    front = read_front_matter(text)
    lang = lang or str(front.get("lang") or "en")
    return verify_markdown(text, lang, ledger_for(front), file=str(path))


# ====================================================================== front matter


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter as a dict, the body, the body's first line number). No front matter:
    ({}, text, 1)."""
    if not text.startswith(("---\n", "---\r\n")):
        return {}, text, 1
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") in ("---", "..."):
            front = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1:])
            return parse_yaml_subset(front), body, i + 2
    return {}, text, 1


def read_front_matter(text: str) -> dict:
    """The post's front matter as a dict (a tiny YAML subset, see parse_yaml_subset)."""
    return split_front_matter(text)[0]


def _scalar(raw: str) -> Any:
    s = raw.strip()
    if not s:
        return None
    if s[0] == '"':
        try:
            return json.loads(s)
        except ValueError:
            return s.strip('"')
    if s[0] == "'":
        return s[1:-1].replace("''", "'") if s.endswith("'") and len(s) > 1 else s[1:]
    if s.startswith("[") and s.endswith("]"):
        inner = s[1:-1].strip()
        return [_scalar(p) for p in _split_flow(inner)] if inner else []
    s = re.sub(r"\s+#.*$", "", s)
    low = s.lower()
    if low in ("true", "yes", "on"):
        return True
    if low in ("false", "no", "off"):
        return False
    if low in ("null", "~"):
        return None
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    if re.fullmatch(r"-?\d+\.\d*", s):
        return float(s)
    return s


def _split_flow(s: str) -> list[str]:
    out, buf, quote = [], "", None
    for ch in s:
        if quote:
            buf += ch
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            buf += ch
        elif ch == ",":
            out.append(buf)
            buf = ""
        else:
            buf += ch
    out.append(buf)
    return [p.strip() for p in out if p.strip()]


def parse_yaml_subset(text: str) -> dict:
    """The YAML a Jekyll front matter uses: `key: scalar`, quoted strings, flow lists
    `[a, b]`, block lists (`- item`) and one level of nested mappings. No new dependency."""
    out: dict[str, Any] = {}
    key: str | None = None
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        stripped = line.strip()
        if indent > 0 and key is not None:
            if stripped.startswith("- ") or stripped == "-":
                if not isinstance(out.get(key), list):
                    out[key] = []
                out[key].append(_scalar(stripped[1:]))
                continue
            m = re.match(r"^([^:#]+?):\s*(.*)$", stripped)
            if m:
                if not isinstance(out.get(key), dict):
                    out[key] = {}
                out[key][m.group(1).strip()] = _scalar(m.group(2))
            continue
        if stripped.startswith("- ") and key is not None:
            if not isinstance(out.get(key), list):
                out[key] = []
            out[key].append(_scalar(stripped[1:]))
            continue
        m = re.match(r"^([^:#]+?):(?:\s+(.*))?$", stripped)
        if m:
            key = m.group(1).strip()
            out[key] = _scalar(m.group(2) or "")
    return out
