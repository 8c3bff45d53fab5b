"""Findings: the weekly share tables → ranked statements, each made of facts.

    find(shares, registry, settings) -> Findings

Each kind of finding is a deterministic detector over one chart's weekly shares (families,
and providers where the registry knows them). `Other`, excluded bots and the unknown
provider are never a subject. Every number a finding's sentence contains is one of its
facts, rendered by writer.format, so the sentence can be verified like any post.

How a series is read (documented for verification and for people)
------------------------------------------------------------------
1. Spikes out. A single week that sticks out from BOTH neighbours (above both, or below
   both) by more than `spike_sigmas` robust standard deviations AND by more than
   `spike_relative` of the nearer neighbour is an outlier; it is replaced by the mean of
   its neighbours. At either end of the series only the one neighbour is compared, so a
   jump in the last week is not trusted either. A one-week spike is not a trend.
2. Windows. Start, end, peak and the other levels are means over `smooth_weeks` (2)
   consecutive weeks: start = the first two weeks, end = the last two, peak = the highest
   two-week mean. Facts report these means with the weeks they came from; a date fact
   names one Monday (for a peak, the higher week of the pair).
3. Present. A family is present in a week when its share is at least `present_share`;
   it is launched in the period when it is absent in the first week and its registry
   release date (if any) is no earlier than `launch_grace_days` before the period.
4. Noise. σ is the robust standard deviation of a series' week-to-week changes,
   1.4826 × median absolute deviation, floored at `min_sigma` points. A difference of two
   `w`-week means has standard error σ/√w.

Kinds (facts in the order a sentence should cite them)
------------------------------------------------------
launch_ramp      a launched family's first window at ≥ `ramp_fraction` of its post-launch
                 peak: share, weeks_after_launch (launch week to the window's last week),
                 launch; and end (+ "still rising") when the reach is not the end. A launch
                 in the last `smooth_weeks - 1` weeks gives none: one week is not a ramp.
                 A launched family that then peaked and declined gets peak_decline instead,
                 which carries the launch.
peak_decline     a peak clearly above both the start and the end: peak, end, change (ratio
                 end/peak), peak_week, launch (if launched in the period), and half/half_week
                 (the first window at or below half the peak, when that came before the end).
rise, fall       start → end for a family present from the start: start, end, change (pp),
                 ratio (end/start), gone (the week from which it is absent, if it vanished).
provider_change  the same for a provider, when no single family tells the same story.
succession       a family rising while its registry predecessor (same provider) falls:
                 share, predecessor_end, predecessor_before (the window before the launch),
                 predecessor_change (ratio), launch.
leader           the top family (and top provider, when several of its families make it so)
                 at the end, below a majority: share, gap (pp), runner_up, weeks_led.
concentration    a family or provider holding a majority at the end: share, rest, gap,
                 runner_up, weeks_led, and the next families (second … fifth).
category_share   a chart's share of its parent chart (reasoning of all text): start, end,
                 ratio, peak and peak_week when the peak stands out, and the family that
                 led the chart at the peak (driver_share).
steady           a launched family whose weekly shares have stayed within ±`steady_band` of
                 one level (their midpoint) up to the end for ≥ `steady_min_weeks`: share
                 (the mean of those weeks), weeks, since, launch.
small_share      launched registry families that never reached `small_share` %: one
                 finding per chart, a fact per family (its highest two-week share).
group_share      the bots of one registry tag (writer.shares.Group, e.g. the hybrid
                 reasoning models) at the end, when the group is not just one family: the
                 group's two-week end share (named by the tag's slug), then one fact per
                 member (a family, or a bot when only some of its family carries the tag).
                 A group absent at the start that never reached `small_share` % is told
                 inside small_share instead (its highest window, then its members'), as the
                 reference post puts the hybrids' ~1% beside Grok-3-mini's under 1%.

Score = significance × impact (after Top-K insights, Tang et al., SIGMOD 2017, and the
ranking of Tableau Pulse insights)
---------------------------------------------------------------------------------------
significance = erf(z/√2) = 1 − p of a two-sided normal test, z = effect / standard error,
    with the effect and error of each kind (a change over its σ/√w; a gap over the σ of the
    gap; a majority's margin over 50%). Top-K insights uses the same 1 − p form.
impact = kind weight × magnitude / 100 × scope × diversity, where
    magnitude is the share of the chart the story is about, in points: a launch's share now
        (the smaller of its reach and its end: what it still holds), a change's size, a
        peak's drop, a successor's gain, a leader's or majority's share, a steady level;
        a category's growth counts the whole chart times its change in orders of
        magnitude (capped at 1); launches that stayed small count the chart's typical
        launch share minus theirs (the gap to expectations), and a tag group new in the
        period that stayed as small is told and counted with them; any other tag group
        counts its share at the end;
    kind weight encodes what a comms team leads with (Tableau Pulse puts unusual change
        first): news that holds (launch, category share) 1.0, succession 0.9, rise and
        peak_decline 0.8, fall and provider_change 0.6, small_share and group_share 0.5,
        steady 0.4, and
        standing (leader, concentration) 0.15 (KIND_WEIGHT): the state of a chart is the
        context a post needs, not its news;
    scope is the chart's mean share of its parent for a sub-chart (reasoning ≈ 10% of text;
        Top-K's impact is the subspace's market share), else 1;
    diversity halves the impact for each higher-ranked finding on the same subject in the
        same chart (maximal marginal relevance), so a chart's top findings tell different
        stories (a finding about the chart as a whole counts as its own subject per kind).
Findings below `min_significance` are dropped. Ties are broken by chart order, kind order
(KINDS) and subject, so the same data always gives the same ids: F1, F2, … in rank order.
"""

from __future__ import annotations

import heapq
import json
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

import numpy as np

from writer import format as fmt
from writer.errors import InputError, Problem, UsageError
from writer.facts import Fact
from writer.load import OTHER, UNKNOWN_PROVIDER, Registry
from writer.periods import Weeks
from writer.shares import Group, Shares, ShareTable
from writer.vocab import Vocabulary

KINDS = ("category_share", "launch_ramp", "succession", "rise", "peak_decline", "spike", "fall",
         "provider_change", "concentration", "leader", "steady", "small_share", "group_share")
KIND_WEIGHT = {
    "category_share": 1.0, "launch_ramp": 1.0, "succession": 0.9, "rise": 0.8, "spike": 0.7,
    "peak_decline": 0.8, "fall": 0.6, "provider_change": 0.6, "small_share": 0.5,
    "group_share": 0.5, "steady": 0.4, "leader": 0.15, "concentration": 0.15,
}
ORDINALS = ("second", "third", "fourth", "fifth")
NOT_SUBJECTS = {OTHER, UNKNOWN_PROVIDER}


# ============================================================================ settings


@dataclass(frozen=True)
class FindingSettings:
    """Every threshold and window of the detectors. Shares and points are in percent."""

    smooth_weeks: int = 2  # weeks per window for start, end, peak and levels
    present_share: float = 0.05  # a family with less than this in a week is absent
    launch_grace_days: int = 28  # registry release this long before the period still counts
    min_share: float = 1.0  # a subject must reach this (two-week mean) at some point
    min_change_pp: float = 2.0  # rise, fall, peak drop, provider change: at least this
    min_change_rel: float = 0.2  # ... and at least this fraction of the larger level
    min_significance: float = 0.95  # 1 - p: drop findings less certain than this
    min_sigma: float = 0.05  # floor for the noise σ, in points
    spike_sigmas: float = 4.0  # a one-week outlier sticks out by more than this many σ
    spike_relative: float = 0.5  # ... and by more than this fraction of its neighbour
    ramp_fraction: float = 0.9  # a launch has ramped at this fraction of its later peak
    peak_drop: float = 0.3  # peak_decline: the end is at least this fraction below the peak
    succession_drop: float = 0.1  # the predecessor falls by at least this fraction
    leader_gap: float = 2.0  # leader: ahead of the runner-up by at least this many points
    majority: float = 50.0  # concentration: at least this share
    steady_band: float = 0.1  # steady: every window within ±10% of the level
    steady_min_weeks: int = 8
    steady_min_share: float = 5.0
    small_share: float = 1.0  # small_share: launches that never reached this
    category_min_change: float = 0.25  # category_share: relative change start → end

    def __post_init__(self) -> None:
        if self.smooth_weeks < 1:
            raise InputError(Problem(f"smooth_weeks must be at least 1, not {self.smooth_weeks}",
                                     fix="set smooth_weeks under [findings] to 1 or more"))

    @classmethod
    def from_config(cls, table: Mapping[str, Any] | None) -> FindingSettings:
        """Settings from the [findings] table of writer.toml; unknown keys are an error."""
        table = dict(table or {})
        known = {f.name: f for f in fields(cls)}
        problems, values = [], {}
        for key, raw in table.items():
            if key not in known:
                problems.append(Problem(
                    f"unknown key '{key}' in [findings]", value=str(raw),
                    fix=f"known keys are {', '.join(known)}"))
                continue
            want = int if known[key].type in ("int", int) else float
            ok = isinstance(raw, (int, float)) and not isinstance(raw, bool)
            if ok and want is int and not float(raw).is_integer():
                ok = False
            if not ok or raw < 0:
                problems.append(Problem(
                    f"'{key}' in [findings] must be a non-negative "
                    f"{'whole number' if want is int else 'number'}", value=str(raw),
                    fix=f"write e.g. {key} = {getattr(cls(), key)} (the default)"))
                continue
            values[key] = want(raw)
        if problems:
            raise InputError(problems)
        return cls(**values)


# ============================================================================ records


@dataclass(frozen=True)
class Finding:
    """One ranked statement: its kind, where it is, its facts, its score and its sentence."""

    id: str
    kind: str
    chart: str
    subject: str
    subject_kind: str  # 'family' | 'provider' | 'chart'
    facts: Mapping[str, Fact]
    score: float
    text: Mapping[str, str]  # {'en': ..., 'zh': ...}

    def as_json(self) -> dict:
        facts = {}
        for name, fact in self.facts.items():
            out = fact.as_json()
            out["value"] = _json_value(fact.value)
            if fact.entity != self.subject:
                out["entity"] = fact.entity
            facts[name] = out
        return {"id": self.id, "kind": self.kind, "chart": self.chart, "subject": self.subject,
                "subject_kind": self.subject_kind, "facts": facts,
                "score": round(self.score, 4), "text": dict(self.text)}


@dataclass(frozen=True)
class Findings:
    """All findings of a period, highest score first."""

    period: Weeks
    findings: tuple[Finding, ...]
    charts: tuple[str, ...] = ()
    _facts: Mapping[str, Fact] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {fact.id: fact for f in self.findings for fact in f.facts.values()}
        object.__setattr__(self, "_facts", MappingProxyType(index))

    def __iter__(self):
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def by_chart(self, chart: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.chart == chart)

    def only_chart(self, chart: str) -> Findings:
        """The same findings restricted to one chart (ids unchanged)."""
        if self.charts and chart not in self.charts:
            raise UsageError(f"--chart {chart!r} has no data in {self.period.label}; "
                             f"the charts are {', '.join(self.charts)}")
        return Findings(self.period, self.by_chart(chart), (chart,))

    def fact(self, fact_id: str) -> Fact | None:
        """Look a fact up by its id, e.g. "F7.share"; None if there is no such fact."""
        return self._facts.get(fact_id)

    def as_json(self) -> dict:
        return {"period": self.period.as_json(), "findings": [f.as_json() for f in self.findings]}


def _json_value(v):
    """Dates as text, counts as whole numbers, everything else rounded to 4 decimals."""
    if isinstance(v, str):
        return v
    if isinstance(v, (int, np.integer)):
        return int(v)
    return round(float(v), 4)


def to_json(findings: Findings) -> str:
    """The JSON contract, byte-for-byte the same for the same findings."""
    return json.dumps(findings.as_json(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def to_table(findings: Findings, lang: str = "en") -> str:
    """A plain-text table: id, score, chart, kind, subject, text."""
    head = ("id", "score", "chart", "kind", "subject", "text")
    rows = [(f.id, f"{f.score:.3f}", f.chart, f.kind, f.subject, f.text[lang])
            for f in findings.findings]
    widths = [max([len(head[i])] + [len(r[i]) for r in rows]) for i in range(5)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths + [0])).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths + [0])).rstrip() for r in rows]
    if not rows:
        lines.append(f"(no findings for {findings.period.label})")
    return "\n".join(lines) + "\n"


# ============================================================================ series reading


def _windows(x: np.ndarray, w: int) -> np.ndarray:
    """Means over w consecutive rows: row j covers rows j..j+w-1."""
    c = np.cumsum(np.vstack([np.zeros((1,) + x.shape[1:]), x]), axis=0)
    return (c[w:] - c[:-w]) / w


def _sigma(x: np.ndarray, floor: float, present: float = 0.0) -> np.ndarray:
    """Robust σ of one week's noise, per column, from second differences.

    A second difference x[t+1] − 2x[t] + x[t−1] cancels a locally straight trend and has
    variance 6σ² for independent weekly noise, so σ = 1.4826 × MAD / √6. Triples that touch
    a week where the column is absent (below `present`) are left out, so the weeks before a
    launch or after a family vanished do not pass for calm.
    """
    if x.shape[0] < 3:
        return np.full(x.shape[1:], floor)
    d2 = x[2:] - 2 * x[1:-1] + x[:-2]
    if present > 0:
        here = x >= present
        d2 = np.where(here[2:] & here[1:-1] & here[:-2], d2, np.nan)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-absent column has no σ
        med = np.nanmedian(d2, axis=0)
        mad = np.nanmedian(np.abs(d2 - med), axis=0)
    sigma = 1.4826 * mad / math.sqrt(6)
    return np.maximum(np.nan_to_num(sigma, nan=floor), floor)


def _despike(x: np.ndarray, s: FindingSettings) -> np.ndarray:
    """Replace one-week outliers (see the module doc) by the mean of their neighbours."""
    n = x.shape[0]
    if n < 3:
        return x.copy()  # two weeks: neither is an outlier of the other, they are the data
    sigma = _sigma(x, s.min_sigma, s.present_share)
    prev = np.vstack([x[1:2], x[:-1]])  # at the first week, the only neighbour is the next
    nxt = np.vstack([x[1:], x[-2:-1]])
    hi, lo = np.maximum(prev, nxt), np.minimum(prev, nxt)
    up = (x - hi > s.spike_sigmas * sigma) & (x - hi > s.spike_relative * hi)
    down = (lo - x > s.spike_sigmas * sigma) & (lo - x > s.spike_relative * lo)
    out = x.copy()
    spikes = up | down
    out[spikes] = ((prev + nxt) / 2)[spikes]
    return out


def _sig(effect: float, se: float) -> float:
    return math.erf(abs(effect) / max(se, 1e-12) / math.sqrt(2))


@dataclass
class _Series:
    """One entity's cleaned weekly shares and what is read from them."""

    name: str
    kind: str  # family | provider
    x: np.ndarray  # cleaned weekly shares
    win: np.ndarray  # window means
    sigma: float
    launch: int | None  # index of the launch week, if launched in the period
    # The "launch" is only its entry into a weekly top-N list (no release date is known):
    # a post says "entered the top 9", never "launched".
    entered: bool = False
    raw: np.ndarray | None = None  # weekly shares before spikes were taken out
    rwin: np.ndarray | None = None  # window means of raw: standings say what the data says


@dataclass
class _Draft:
    kind: str
    chart: str
    subject: str
    subject_kind: str
    facts: list  # (name, value, unit, weeks, entity, entity_kind)
    significance: float
    magnitude: float
    text: Any  # callable(facts: dict[str, Fact], lang) -> str


class _Chart:
    """One chart prepared for the detectors."""

    def __init__(self, table: ShareTable, registry: Registry, s: FindingSettings,
                 weeks: tuple[date, ...], vocab: Vocabulary | None = None,
                 top_n: int | None = None) -> None:
        self.name = table.chart
        self.s = s
        self.vocab = vocab or Vocabulary()
        self.top_n = top_n
        # Only the weeks with data in this chart are read: a week with no rows says nothing
        # about any model, so no window, count or "every week" may rest on its zeros.
        self.rows = np.flatnonzero(np.asarray(table.totals) > 0)
        table = _rows_of(table, self.rows)
        self.table = table
        self.weeks = tuple(weeks[i] for i in self.rows)
        self.n = len(self.weeks)
        self.w = min(s.smooth_weeks, self.n)
        self.registry = registry
        self.provider = {e: table.provider.get(e, UNKNOWN_PROVIDER) for e in table.entities}
        self.families = self._series(table, "family")
        known = [e for e in table.entities if self.provider[e] not in NOT_SUBJECTS]
        self.providers: dict[str, _Series] = {}
        if known:
            self.providers = self._series(table.by_provider(), "provider")

    def _series(self, table: ShareTable, kind: str) -> dict[str, _Series]:
        names = [e for e in table.entities if e not in NOT_SUBJECTS and not self._excluded(e, kind)]
        if not names or not self.n:
            return {}
        idx = [table.entities.index(e) for e in names]
        raw = np.asarray(table.shares)[:, idx]
        x = _despike(raw, self.s)
        win = _windows(x, self.w)
        rwin = _windows(raw, self.w)
        sigma = _sigma(x, self.s.min_sigma, self.s.present_share)
        out = {}
        for j, name in enumerate(names):
            col = x[:, j]
            launch = self._launch(name, col) if kind == "family" else None
            fam = self.registry.families.get(name)
            # a release date the registry does not give (load takes an unregistered bot's
            # first week for one) is no evidence of a launch in a top-N list
            entered = bool(launch is not None and self.top_n
                           and (fam is None or not fam.registered or fam.released is None))
            out[name] = _Series(name, kind, col, win[:, j], float(sigma[j]), launch, entered,
                                raw[:, j].copy(), rwin[:, j].copy())
        return out

    def _excluded(self, name: str, kind: str) -> bool:
        return kind == "family" and _all_excluded(self.registry, name)

    def _launch(self, name: str, col: np.ndarray) -> int | None:
        present = col >= self.s.present_share
        if present[0] or not present.any():
            return None
        fam = self.registry.families.get(name)
        grace = timedelta(days=self.s.launch_grace_days)
        if fam is not None and fam.released is not None and fam.released < self.weeks[0] - grace:
            return None  # an old family coming back is not a launch
        return int(np.argmax(present))

    # ---------------------------------------------------------------- helpers

    def span(self, j: int) -> tuple[date, ...]:
        """The Mondays of window j."""
        return self.weeks[j:j + self.w]

    @property
    def end(self) -> int:
        return self.n - self.w

    def top_week(self, ser: _Series, j: int) -> date:
        """The higher week of window j."""
        seg = ser.x[j:j + self.w]
        return self.weeks[j + int(np.argmax(seg))]

    def se(self, ser: _Series) -> float:
        """Standard error of one window mean."""
        return ser.sigma / math.sqrt(self.w)

    def se2(self, ser: _Series) -> float:
        """Standard error of the difference of two window means."""
        return ser.sigma * math.sqrt(2 / self.w)

    def prov_of(self, family: str) -> str:
        return self.provider.get(family, UNKNOWN_PROVIDER)

    def calendar_weeks(self, i: int, j: int) -> int:
        """Weeks from the Monday of row i to the Monday of row j (rows may skip empty weeks)."""
        return (self.weeks[j] - self.weeks[i]).days // 7

    def known(self, entity: str, kind: str, weeks) -> bool:
        """False when a top-N list did not show `entity` in one of `weeks`: its share there is
        below the cut-off, not zero, so no fact may rest on it."""
        if not self.top_n or kind not in ("family", "provider"):
            return True
        counts = np.asarray(self.table.counts)
        ents = self.table.entities
        if kind == "family":
            members = [entity] if entity in ents else []
        else:
            members = [e for e in ents if self.provider.get(e) == entity
                       and counts[:, ents.index(e)].any()]
        if not members:
            return True
        for week in weeks:
            if week not in self.weeks:
                continue
            i = self.weeks.index(week)
            if any(counts[i, ents.index(m)] <= 0 for m in members):
                return False
        return True


def _rows_of(table: ShareTable, rows: np.ndarray) -> ShareTable:
    """The same table on a subset of its weeks (the weeks with data)."""
    if len(rows) == len(table.weeks):
        return table
    from dataclasses import replace as _replace

    return _replace(table, weeks=tuple(table.weeks[i] for i in rows),
                    counts=np.asarray(table.counts)[rows], totals=np.asarray(table.totals)[rows],
                    parent_totals=None if table.parent_totals is None
                    else np.asarray(table.parent_totals)[rows])


def _launch_facts(c: _Chart, ser: _Series, upto: int | None = None) -> list:
    """The launch week as a fact (and the weeks from it to row `upto`); for a top-N entry,
    the week it entered the list, under names that say so."""
    L = ser.launch
    date_name, weeks_name = ("entered", "weeks_after_entry") if ser.entered else \
        ("launch", "weeks_after_launch")
    out = []
    if upto is not None:
        out.append(_fact(weeks_name, c.calendar_weeks(L, upto), "weeks",
                         (c.weeks[L], c.weeks[upto]), ser.name))
    out.append(_fact(date_name, c.weeks[L].isoformat(), "date", (c.weeks[L],), ser.name))
    return out


# ============================================================================ detectors


def _fact(name, value, unit, weeks, entity, entity_kind="family"):
    return (name, value, unit, tuple(weeks), entity, entity_kind)


def _launch_ramp(c: _Chart, ser: _Series) -> _Draft | None:
    L = ser.launch
    if L is None or L > c.n - c.w:
        return None
    post = ser.win[L:]
    target = c.s.ramp_fraction * post.max()
    j = L + int(np.argmax(post >= target))
    reach = float(ser.win[j])
    if reach < c.s.min_share:
        return None
    last = j + c.w - 1
    facts = [_fact("share", reach, "pct", c.span(j), ser.name)] + _launch_facts(c, ser, last)
    end = float(ser.win[c.end])
    rising = False
    if j < c.end:
        facts.append(_fact("end", end, "pct", c.span(c.end), ser.name))
        rising = end >= reach * 1.05 and c.end >= 1 and ser.win[c.end] > ser.win[c.end - 1]
    noun = c.name

    def text(f, lang):
        share = f["share"]
        after = f["weeks_after_entry" if ser.entered else "weeks_after_launch"]
        launch = fmt.render_fact(f["entered" if ser.entered else "launch"], lang)
        if ser.entered:
            return _entry_text(c, ser, f, lang, share, after, launch, rising)
        if lang == "zh":
            out = (f"{ser.name}于{launch}上线，{fmt.render_fact(after, lang)}后占"
                   f"{c.vocab.noun(noun, lang)}的{fmt.render_fact(share, lang)}")
            if "end" in f:
                out += (f"，且仍在增长（期末{_zh_is(fmt.render_fact(f['end'], lang))}）" if rising
                        else f"，期末{_zh_is(fmt.render_fact(f['end'], lang))}")
            return out + "。"
        out = (f"{ser.name} reached {fmt.render_fact(share, lang)} of "
               f"{c.vocab.noun(noun, lang)} {fmt.render_fact(after, lang)} after its launch "
               f"in {launch}")
        if "end" in f:
            out += (f", and was still rising ({fmt.render_fact(f['end'], lang)} at the end)"
                    if rising else f"; it ended the period at {fmt.render_fact(f['end'], lang)}")
        return out + "."

    return _Draft("launch_ramp", c.name, ser.name, "family", facts,
                  _sig(reach, c.se(ser)), min(reach, end), text)


def _peak_decline(c: _Chart, ser: _Series) -> _Draft | None:
    s, w = c.s, c.w
    if c.n < 3 * w:  # start, peak and end need room to be three different windows
        return None
    jp = int(np.argmax(ser.win))
    peak, start, end = float(ser.win[jp]), float(ser.win[0]), float(ser.win[c.end])
    # The peak must not overlap the end window, nor the start window unless the family
    # launched in the period (then the start holds the weeks before it existed).
    if jp > c.end - w or (jp < w and ser.launch is None):
        return None
    if peak < s.min_share:
        return None
    rise, drop = peak - start, peak - end
    if min(rise, drop) < s.min_change_pp or end > (1 - s.peak_drop) * peak:
        return None
    if min(rise, drop) < s.min_change_rel * peak:
        return None
    sig = _sig(min(rise, drop), c.se2(ser))
    facts = [
        _fact("peak", peak, "pct", c.span(jp), ser.name),
        _fact("end", end, "pct", c.span(c.end), ser.name),
        _fact("change", end / peak, "ratio", c.span(jp) + c.span(c.end), ser.name),
        _fact("peak_week", c.top_week(ser, jp).isoformat(), "date", (c.top_week(ser, jp),),
              ser.name),
    ]
    if ser.launch is not None and not ser.entered:
        facts.extend(_launch_facts(c, ser))
    after = np.flatnonzero(ser.win[jp:] <= peak / 2)
    if after.size and jp + int(after[0]) < c.end:
        jh = jp + int(after[0])
        last = c.weeks[jh + w - 1]
        facts.append(_fact("half", float(ser.win[jh]), "pct", c.span(jh), ser.name))
        facts.append(_fact("half_week", last.isoformat(), "date", (last,), ser.name))
    noun = c.name

    def text(f, lang):
        r = lambda k: fmt.render_fact(f[k], lang)
        launched = "launch" in f
        if lang == "zh":
            out = (f"{ser.name}{'于' + r('launch') + '上线后' if launched else ''}在{r('peak_week')}"
                   f"达到占{c.vocab.noun(noun, lang)}{r('peak')}的峰值")
            if "half" in f:
                out += f"，{r('half_week')}已降至{r('half')}"
            return out + f"，期末{_zh_is(r('end'))}（较峰值{r('change')}）。"
        out = (f"{ser.name}{' launched in ' + r('launch') + ' and' if launched else ''} peaked "
               f"at {r('peak')} of {c.vocab.noun(noun, lang)} in {r('peak_week')}")
        if "half" in f:
            out += f", was down to {r('half')} by {r('half_week')}"
        return out + f" and ended the period at {r('end')} ({r('change')} from the peak)."

    return _Draft("peak_decline", c.name, ser.name, "family", facts, sig, drop, text)


def _change(c: _Chart, ser: _Series, kind_up: str, kind_down: str, subject_kind: str
            ) -> _Draft | None:
    s = c.s
    if ser.launch is not None or c.n < 2 * c.w:
        return None
    start, end = float(ser.win[0]), float(ser.win[c.end])
    delta = end - start
    if max(start, end) < s.min_share:
        return None
    if abs(delta) < s.min_change_pp or abs(delta) < s.min_change_rel * max(start, end):
        return None
    sig = _sig(delta, c.se2(ser))
    kind = kind_up if delta > 0 else kind_down
    entity_kind = subject_kind
    if c.top_n and not c.known(ser.name, subject_kind, c.span(c.end)):
        return _left_top(c, ser, subject_kind, start, sig)
    facts = [
        _fact("start", start, "pct", c.span(0), ser.name, entity_kind),
        _fact("end", end, "pct", c.span(c.end), ser.name, entity_kind),
        _fact("change", delta, "pp", c.span(0) + c.span(c.end), ser.name, entity_kind),
    ]
    if _ratio_worth_saying(start, end):
        facts.append(_fact("ratio", end / start, "ratio", c.span(0) + c.span(c.end), ser.name,
                           entity_kind))
    absent = ser.x < s.present_share
    if absent[-1] and not absent[0]:
        gone = int(len(absent) - np.argmin(absent[::-1]))  # first week of the final absence
        facts.append(_fact("gone", c.weeks[gone].isoformat(), "date", (c.weeks[gone],),
                           ser.name, entity_kind))
    noun = c.name
    is_provider = subject_kind == "provider"

    def text(f, lang):
        r = lambda k: fmt.render_fact(f[k], lang)
        word = None
        if "ratio" in f:
            word = fmt.render_fact(f["ratio"], lang)
            if word.startswith(("fell by", "rose by", "下降了", "增长了")) and "一半" not in word \
                    and "倍" not in word:
                word = None  # a percent change next to points would read as the same unit
        if lang == "zh":
            who = f"{ser.name}{'（各模型合计）' if is_provider else ''}"
            if "gone" in f and end == 0:
                return (f"{who}占{c.vocab.noun(noun, lang)}的份额从{r('start')}降至零，"
                        f"{r('gone')}起已不再出现。")
            verb = "升至" if delta > 0 else "降至"
            out = (f"{who}占{c.vocab.noun(noun, lang)}的份额从{r('start')}{verb}{r('end')}，"
                   f"{fmt.render_fact(f['change'], lang, 'signed')}")
            return out + (f"（{word}）。" if word else "。")
        who = f"{ser.name}'s families together" if is_provider else ser.name
        if "gone" in f and end == 0:
            return (f"{who} went from {r('start')} of {c.vocab.noun(noun, lang)} to zero, "
                    f"and were gone from {r('gone')}." if is_provider else
                    f"{who} went from {r('start')} of {c.vocab.noun(noun, lang)} to zero, "
                    f"and was gone from {r('gone')}.")
        verb = "rose" if delta > 0 else "fell"
        out = (f"{who} {verb} from {r('start')} to {r('end')} of {c.vocab.noun(noun, lang)}, "
               f"{fmt.render_fact(f['change'], lang, 'signed')}")
        return out + (f" ({word})." if word else ".")

    return _Draft(kind, c.name, ser.name, subject_kind, facts, sig, abs(delta), text)


def _left_top(c: _Chart, ser: _Series, subject_kind: str, start: float, sig: float
              ) -> _Draft | None:
    """A family that was in a top-N list at the start and is below its cut-off at the end:
    its end share is unknown, so the story is when it dropped out, never a fall to 0%."""
    if subject_kind != "family" or not c.known(ser.name, "family", c.span(0)):
        return None
    counts = np.asarray(c.table.counts)[:, c.table.entities.index(ser.name)]
    listed = counts > 0
    left = int(len(listed) - np.argmax(listed[::-1]))  # the first week of the final absence
    if left >= len(listed) or left == 0:
        return None
    facts = [
        _fact("start", start, "pct", c.span(0), ser.name),
        _fact("left", c.weeks[left].isoformat(), "date", (c.weeks[left],), ser.name),
    ]
    n, noun = c.top_n, c.name

    def text(f, lang):
        r = lambda k: fmt.render_fact(f[k], lang)
        if lang == "zh":
            return (f"{ser.name}期初占{c.vocab.noun(noun, lang)}的{r('start')}，"
                    f"{r('left')}起，它跌出了前{n}名。")
        return (f"{ser.name} held {r('start')} of {c.vocab.noun(noun, lang)} at the start of the "
                f"period; in {r('left')}, it dropped out of the top {n}.")

    return _Draft("fall", c.name, ser.name, "family", facts, sig, start, text)


def _entry_text(c: _Chart, ser: _Series, f, lang: str, share, after, entered: str,
                rising: bool) -> str:
    """A launch_ramp for a model that only entered a top-N list: no launch is claimed."""
    n, noun = c.top_n, c.vocab.noun(c.name, lang)
    if lang == "zh":
        out = (f"{ser.name}于{entered}进入前{n}名，{fmt.render_fact(after, lang)}后占{noun}的"
               f"{fmt.render_fact(share, lang)}")
        if "end" in f:
            out += (f"，且仍在增长（期末{_zh_is(fmt.render_fact(f['end'], lang))}）" if rising
                    else f"，期末{_zh_is(fmt.render_fact(f['end'], lang))}")
        return out + "。"
    out = (f"{ser.name} entered the top {n} in {entered} and reached "
           f"{fmt.render_fact(share, lang)} of {noun} {fmt.render_fact(after, lang)} later")
    if "end" in f:
        out += (f", and was still rising ({fmt.render_fact(f['end'], lang)} at the end)"
                if rising else f"; it ended the period at {fmt.render_fact(f['end'], lang)}")
    return out + "."


def _spike(c: _Chart, ser: _Series) -> _Draft | None:
    """One week far above the model's own level, or in first place: told with that week's
    real value. The trend detectors read the series with such weeks taken out."""
    if ser.raw is None or c.n < 3:
        return None
    raw, level = ser.raw, ser.x
    table = np.asarray(c.table.shares)
    best = None
    # a spike comes back down: the first and the last week cannot be told from a launch or
    # a fall, so only a week with a known week on each side qualifies
    for i in np.flatnonzero(raw > level + 1e-9):
        if not 0 < i < c.n - 1 or not c.known(ser.name, "family", (c.weeks[i - 1], c.weeks[i + 1])):
            continue
        if raw[i] <= max(raw[i - 1], raw[i + 1]):
            continue
        top = bool(table[i].max() <= raw[i] + 1e-12) and float(np.sort(table[i])[-2]) < raw[i]
        if raw[i] < c.s.min_share or not (top or raw[i] >= 2 * max(level[i], 1e-9)):
            continue
        if best is None or raw[i] - level[i] > raw[best] - level[best]:
            best = i
    if best is None:
        return None
    i = int(best)
    first = bool(np.argmax(table[i]) == c.table.entities.index(ser.name))
    facts = [
        _fact("share", float(raw[i]), "pct", (c.weeks[i],), ser.name),
        _fact("week", c.weeks[i].isoformat(), "date", (c.weeks[i],), ser.name),
    ]
    if first:
        facts.append(_fact("rank", 1, "count", (c.weeks[i],), ser.name))
    nb = [k for k in (i - 1, i + 1) if 0 <= k < c.n]
    for name, k in (("before", i - 1), ("after", i + 1)):
        if 0 <= k < c.n and c.known(ser.name, "family", (c.weeks[k],)):
            facts.append(_fact(name, float(raw[k]), "pct", (c.weeks[k],), ser.name))
    if not any(name in ("before", "after") for name, *_ in facts):
        return None
    effect = float(raw[i] - np.mean([raw[k] for k in nb]))
    sig = _sig(effect, c.se(ser))
    noun = c.name

    def text(f, lang):
        r = lambda k, style=None: fmt.render_fact(f[k], lang, style)
        zh = lang == "zh"
        when = r("week", "week_of")
        if zh:
            out = f"{ser.name}在{when}突然升至{c.vocab.noun(noun, lang)}的{r('share', 'exact')}"
            out += "，当周排名第一" if first else ""
            if "before" in f:
                out += f"，而此前仅为{r('before', 'exact')}"
            if "after" in f:
                out += f"，随后又回落至{r('after', 'exact')}"
            return out + "。"
        out = f"{ser.name} spiked to {r('share', 'exact')} of {c.vocab.noun(noun, lang)} in {when}"
        out += ", first place that week" if first else ""
        if "before" in f:
            out += f", up from {r('before', 'exact')} the week before"
        if "after" in f:
            out += f"; the next week it was back at {r('after', 'exact')}"
        return out + "."

    return _Draft("spike", c.name, ser.name, "family", facts, sig, effect, text)


def _provider_change(c: _Chart, ser: _Series) -> _Draft | None:
    fams = [f for f in c.families.values() if c.prov_of(f.name) == ser.name]
    if len(fams) < 2:
        return None
    d = _change(c, ser, "provider_change", "provider_change", "provider")
    if d is None:
        return None
    delta = ser.win[c.end] - ser.win[0]
    biggest = max((f.win[c.end] - f.win[0] for f in fams), key=abs)
    if abs(delta - biggest) <= 0.2 * abs(delta):
        return None  # one family tells the same story
    return d


def _succession(c: _Chart, ser: _Series) -> _Draft | None:
    fam = c.registry.families.get(ser.name)
    if fam is None or not fam.predecessor or fam.predecessor not in c.families:
        return None
    prov = c.prov_of(ser.name)
    if prov in NOT_SUBJECTS or c.prov_of(fam.predecessor) != prov or c.n < 2 * c.w:
        return None
    pred = c.families[fam.predecessor]
    s = c.s
    L = ser.launch
    start = 0.0 if L is not None else float(ser.win[0])
    end = float(ser.win[c.end])
    gain = end - start
    if end < s.min_share or gain < s.min_change_pp:
        return None
    jb = max(L - c.w, 0) if L is not None else 0  # the window just before the launch
    if jb > c.end - c.w:
        return None
    before, after = float(pred.win[jb]), float(pred.win[c.end])
    if before <= 0 or after > (1 - s.succession_drop) * before:
        return None
    sig = min(_sig(gain, c.se(ser) if L is not None else c.se2(ser)),
              _sig(before - after, c.se2(pred)))
    facts = [
        _fact("share", end, "pct", c.span(c.end), ser.name),
        _fact("predecessor_end", after, "pct", c.span(c.end), pred.name),
        _fact("predecessor_before", before, "pct", c.span(jb), pred.name),
        _fact("predecessor_change", after / before, "ratio", c.span(jb) + c.span(c.end),
              pred.name),
    ]
    if L is not None and not ser.entered:
        facts.extend(_launch_facts(c, ser))
    noun = c.name

    def text(f, lang):
        r = lambda k: fmt.render_fact(f[k], lang)
        if lang == "zh":
            since = f"{r('launch')}上线后，" if "launch" in f else ""
            return (f"{since}{ser.name}逐步取代前代{pred.name}：{ser.name}期末占"
                    f"{c.vocab.noun(noun, lang)}的{r('share')}，而{pred.name}从{r('predecessor_before')}"
                    f"降至{r('predecessor_end')}。")
        since = f" after its launch in {r('launch')}" if "launch" in f else ""
        return (f"{ser.name} took over from its predecessor {pred.name}{since}: it ended the "
                f"period at {r('share')} of {c.vocab.noun(noun, lang)}, while {pred.name} fell "
                f"from {r('predecessor_before')} to {r('predecessor_end')}.")

    return _Draft("succession", c.name, ser.name, "family", facts, sig, gain, text)


def _at_end(ser: _Series, end: int) -> float:
    """The share at the end as the data has it (spikes left in): a standing, its rank and
    its runner-up must be what the weekly shares say, or a checker reading them disagrees."""
    return float((ser.rwin if ser.rwin is not None else ser.win)[end])


def _ranked_at_end(series: Mapping[str, _Series], end: int) -> list[_Series]:
    return sorted(series.values(), key=lambda x: (-round(_at_end(x, end), 9), x.name))


def _weeks_led(series: Mapping[str, _Series], name: str) -> int:
    names = list(series)
    # the weeks as they were, spikes included: a one-week spike to first place is a week
    # the leader did not lead
    x = np.column_stack([series[k].raw if series[k].raw is not None else series[k].x
                         for k in names])
    top = np.argmax(x, axis=1)
    return int(np.sum(top == names.index(name)))


def _standing(c: _Chart) -> list[_Draft]:
    """leader and concentration, for families and for multi-family providers."""
    out = []
    s = c.s
    levels = [("family", c.families)]
    if c.providers:
        levels.append(("provider", c.providers))
    for level, series in levels:
        ranked = _ranked_at_end(series, c.end)
        if len(ranked) < 2 and not (ranked and _at_end(ranked[0], c.end) >= s.majority):
            continue
        top = ranked[0]
        share = _at_end(top, c.end)
        if share < s.min_share:
            continue
        members = [f for f in c.families.values() if c.prov_of(f.name) == top.name]
        if level == "provider":
            best_family = max((_at_end(f, c.end) for f in members), default=0.0)
            if share - best_family < s.min_change_pp:
                continue  # the provider is one family: the family finding says it
        runner = ranked[1] if len(ranked) > 1 else None
        r_share = _at_end(runner, c.end) if runner else 0.0
        gap = share - r_share
        kind = "concentration" if share >= s.majority else "leader"
        if kind == "leader" and gap < s.leader_gap:
            continue
        if kind == "leader":
            gap_series = top.x - (runner.x if runner else 0)
            sig = _sig(gap, _sigma(gap_series[:, None], s.min_sigma)[0] / math.sqrt(c.w))
        else:
            sig = _sig(share - s.majority, c.se(top))
        span = c.span(c.end)
        facts = [_fact("share", share, "pct", span, top.name, level)]
        if kind == "concentration" and 100.0 - share >= 0.5:
            # Everything but the subject: a fact about the subject, named with it. Not when
            # the subject holds it all: "the remaining 0%" says nothing (and in a top-N list
            # is not even known).
            facts.append(_fact("rest", 100.0 - share, "pct", span, top.name, level))
        if runner is not None:
            facts.append(_fact("gap", gap, "pp", span, top.name, level))
            facts.append(_fact("runner_up", r_share, "pct", span, runner.name, level))
        led = _weeks_led(series, top.name)
        facts.append(_fact("weeks_led", led, "weeks", (c.weeks[0], c.weeks[-1]), top.name, level))
        others = []
        if kind == "concentration":
            inside = {top.name} | {m.name for m in members}
            rest = [f for f in _ranked_at_end(c.families, c.end) if f.name not in inside
                    and _at_end(f, c.end) >= s.present_share]
            for ordinal, fam in zip(ORDINALS, rest):
                others.append(fam.name)
                facts.append(_fact(ordinal, _at_end(fam, c.end), "pct", span, fam.name))
        # its place at the end (1, as a spike's 'rank'), so a drafted text can say 'first'
        # through a slot ({{F20.rank}}); last, so the key facts a bullet must state stay the same
        facts.append(_fact("rank", 1, "count", span, top.name, level))
        out.append(_Draft(kind, c.name, top.name, level, facts, sig, share,
                          _standing_text(c, kind, level, top.name, runner, led, others, members)))
    return out


def _standing_text(c, kind, level, name, runner, led, others, members):
    noun, n = c.name, c.n
    # "shared the rest" only when the families named hold nearly all of it.
    rest = 100.0 - _at_end((c.providers if level == "provider" else c.families)[name], c.end)
    named = sum(_at_end(c.families[o], c.end) for o in others)
    split = rest > 0 and named >= 0.9 * rest

    def text(f, lang):
        r = lambda k: fmt.render_fact(f[k], lang)
        zh = lang == "zh"
        fams = [m.name for m in members if m.name != name and _at_end(m, c.end) >= c.s.min_share]
        if zh:
            who = f"{name}{'（' + fmt.names(fams, lang) + '）' if level == 'provider' and fams else ''}"
            every = "每周都排名第一" if led == n else f"共有{r('weeks_led')}排名第一"
            if kind == "concentration":
                out = f"{who}期末占{c.vocab.noun(noun, lang)}的{r('share')}，{every}"
                if others:
                    parts = [f"{o}（{r(k)}）" for o, k in zip(others, ORDINALS)]
                    out += (f"；其余份额由{fmt.names(parts, lang)}分享" if split
                            else f"；其后依次是{fmt.names(parts, lang)}")
                return out + "。"
            return (f"{who}以{r('share')}位居{c.vocab.noun(noun, lang)}第一，领先第二名"
                    f"{runner.name}（{r('runner_up')}）{r('gap')}，{every}。")
        who = f"{name} ({fmt.names(fams, lang)})" if level == "provider" and fams else name
        every = "every week" if led == n else f"for {r('weeks_led')} of the period"
        if kind == "concentration":
            out = f"{who} held {r('share')} of {c.vocab.noun(noun, lang)} at the end and led {every}"
            if others:
                parts = [f"{o} ({r(k)})" for o, k in zip(others, ORDINALS)]
                out += (f"; {fmt.names(parts, lang)} shared the rest" if split else
                        f"; next came {fmt.names(parts, lang)}")
            return out + "."
        return (f"{who} led {c.vocab.noun(noun, lang)} with {r('share')} at the end, "
                f"{r('gap')} ahead of {runner.name} ({r('runner_up')}), and was first {every}.")

    return text


def _category_share(c: _Chart) -> _Draft | None:
    t = c.table
    if t.parent is None or t.parent_share is None or c.n < 2 * c.w:
        return None
    s = c.s
    x = _despike(np.asarray(t.parent_share, dtype=float)[:, None], s)[:, 0]
    win = _windows(x[:, None], c.w)[:, 0]
    start, end = float(win[0]), float(win[c.end])
    if max(start, end) <= 0 or abs(end - start) < s.category_min_change * max(start, end):
        return None
    sigma = _sigma(x[:, None], s.min_sigma)[0]
    sig = _sig(end - start, sigma * math.sqrt(2 / c.w))
    name = c.name
    facts = [_fact("start", start, "pct", c.span(0), name, "chart"),
             _fact("end", end, "pct", c.span(c.end), name, "chart")]
    if _ratio_worth_saying(start, end):
        facts.append(_fact("ratio", end / start, "ratio", c.span(0) + c.span(c.end), name,
                           "chart"))
    jp = int(np.argmax(win))
    peak = float(win[jp])
    driver = None
    if c.w <= jp <= c.end - c.w and peak >= 1.1 * max(start, end):
        top_week = c.weeks[jp + int(np.argmax(x[jp:jp + c.w]))]
        facts.append(_fact("peak", peak, "pct", c.span(jp), name, "chart"))
        facts.append(_fact("peak_week", top_week.isoformat(), "date", (top_week,), name, "chart"))
        if c.families:
            driver = max(c.families.values(), key=lambda f: (float(f.win[jp]), f.name))
            facts.append(_fact("driver_share", float(driver.win[jp]), "pct", c.span(jp),
                               driver.name))
    growth = abs(math.log(end / start)) / math.log(10) if start > 0 and end > 0 else 1.0
    magnitude = 100.0 * min(1.0, growth)
    parent = t.parent

    def text(f, lang):
        r = lambda k: fmt.render_fact(f[k], lang)
        up = end > start
        if lang == "zh":
            out = (f"{c.vocab.noun(name, lang)}占全部{c.vocab.noun(parent, lang)}的比例从"
                   f"{r('start')}{'升至' if up else '降至'}{r('end')}")
            if "ratio" in f:
                out += f"（{r('ratio')}）"
            if "peak" in f:
                out += f"，并在{r('peak_week')}达到{r('peak')}的峰值"
                if driver is not None:
                    out += f"，当时{driver.name}占{c.vocab.noun(name, lang)}的{r('driver_share')}"
            return out + "。"
        noun = c.vocab.noun(name, lang)
        out = (f"{noun[0].upper() + noun[1:]} went from {r('start')} to {r('end')} of all "
               f"{c.vocab.noun(parent, lang)}")
        if "ratio" in f:
            out += f" ({r('ratio')})"
        if "peak" in f:
            out += f", peaking at {r('peak')} in {r('peak_week')}"
            if driver is not None:
                out += f", when {driver.name} had {r('driver_share')} of them"
        return out + "."

    return _Draft("category_share", name, name, "chart", facts, sig, magnitude, text)


def _steady(c: _Chart, ser: _Series) -> _Draft | None:
    s = c.s
    if ser.launch is None:
        return None  # a family flat all along is the standing, not news
    # The longest run of weeks up to the end that fits in ±band of one level: the weeks
    # from j on fit when their max × (1 − band) ≤ their min × (1 + band).
    tail = ser.x[ser.launch:][::-1]
    hi, lo = np.maximum.accumulate(tail), np.minimum.accumulate(tail)
    fits = (lo > 0) & (hi * (1 - s.steady_band) <= lo * (1 + s.steady_band))
    if not fits[0]:
        return None
    length = int(np.argmin(fits)) if not fits.all() else len(fits)
    best = c.n - length  # the first week of the run
    weeks_run = c.calendar_weeks(best, c.n - 1) + 1
    level = float(np.mean(ser.x[best:]))
    if weeks_run < s.steady_min_weeks or level < s.steady_min_share:
        return None
    mid, half = (hi[length - 1] + lo[length - 1]) / 2, (hi[length - 1] - lo[length - 1]) / 2
    margin = s.steady_band * mid - half  # how far inside the band it stayed
    sig = _sig(margin, c.se(ser)) if margin > 0 else 0.0
    facts = [
        _fact("share", level, "pct", c.weeks[best:], ser.name),
        _fact("weeks", weeks_run, "weeks", (c.weeks[best], c.weeks[-1]), ser.name),
        _fact("since", c.weeks[best].isoformat(), "date", (c.weeks[best],), ser.name),
    ] + ([] if ser.entered else _launch_facts(c, ser))
    noun = c.name

    def text(f, lang):
        r = lambda k: fmt.render_fact(f[k], lang)
        if ser.entered:
            if lang == "zh":
                return (f"自{r('since')}起的{r('weeks')}里，{ser.name}一直稳定在"
                        f"{c.vocab.noun(noun, lang)}的{r('share')}。")
            return (f"{ser.name} has stayed at {r('share')} of "
                    f"{c.vocab.noun(noun, lang)} for {r('weeks')}, since {r('since')}.")
        if lang == "zh":
            return (f"{ser.name}于{r('launch')}上线；自{r('since')}起的{r('weeks')}里，它一直稳定在"
                    f"{c.vocab.noun(noun, lang)}的{r('share')}。")
        return (f"{ser.name}, launched in {r('launch')}, has stayed at {r('share')} of "
                f"{c.vocab.noun(noun, lang)} for {r('weeks')}, since {r('since')}.")

    return _Draft("steady", c.name, ser.name, "family", facts, sig, level, text)


@dataclass(eq=False)  # compared by identity: it holds arrays
class _GroupRead:
    """A tag group's total and members, read like a family's series."""

    group: Group
    x: np.ndarray  # cleaned weekly shares, weeks × members
    win: np.ndarray  # the group's window means
    member_win: np.ndarray  # window means, windows × members
    sigma: float
    new: bool  # absent from the first window, as a launch is (present_share)
    first: int  # the first week it is present in

    def top(self) -> int:
        """The window where the group was largest (the latest, on a tie)."""
        return len(self.win) - 1 - int(np.argmax(self.win[::-1]))


def _read_group(c: _Chart, group: Group) -> _GroupRead | None:
    """None when the group is one whole family (its own findings tell it) or absent."""
    if c.n == 0 or (len(group.members) < 2 and set(group.member_kind.values()) == {"family"}):
        return None
    x = _despike(np.asarray(group.shares, dtype=float)[c.rows], c.s)
    total = x.sum(axis=1)
    win = _windows(total[:, None], c.w)[:, 0]
    if float(win.max()) < c.s.present_share:
        return None
    sigma = float(_sigma(total[:, None], c.s.min_sigma, c.s.present_share)[0])
    return _GroupRead(group, x, win, _windows(x, c.w), sigma,
                      new=float(win[0]) < c.s.present_share,
                      first=int(np.argmax(total >= c.s.present_share)))


class _Keys(dict):
    """Fact names for (entity kind, entity): the slug, made unique within one finding (a bot
    and a family may share a name)."""

    def __call__(self, kind: str, name: str) -> str:
        if (kind, name) not in self:
            key = _slug(name)
            if key in self.values():
                key = f"{key}_{kind}"
            base, n = key, 2
            while key in self.values():  # 'Émile.1' and '混元.1' both slug to 'mile_1'/'m_1'
                key, n = f"{base}_{n}", n + 1
            self[(kind, name)] = key
        return self[(kind, name)]


def _group_facts(c: _Chart, g: _GroupRead, j: int, keys: _Keys) -> tuple[list, list[str]]:
    """The group's share in window j, then each member's (members under `present` left out)."""
    tag = g.group.tag
    facts = [_fact(keys("group", tag), float(g.win[j]), "pct", c.span(j), tag, "group")]
    members = []
    for k, name in enumerate(g.group.members):
        kind = g.group.member_kind[name]
        if g.member_win[j, k] >= c.s.present_share:
            members.append((kind, name))
            facts.append(_fact(keys(kind, name), float(g.member_win[j, k]), "pct", c.span(j),
                               name, kind))
    return facts, members


def _member_list(members: list[tuple[str, str]], r, lang: str) -> str:
    """"A (0.5%) and B (0.4%)" / "A（0.5%）和B（0.4%）": each member with its share."""
    if lang == "zh":
        return fmt.names([f"{m}（{r(m, k)}）" for k, m in members], lang)
    return fmt.names([f"{m} ({r(m, k)})" for k, m in members], lang)


def _small_share(c: _Chart, ramps: list[_Draft], groups: list[_GroupRead] = ()
                 ) -> _Draft | None:
    """Launches that stayed small, and tag groups new in the period that did too."""
    s = c.s
    in_groups = {m for g in groups for m, k in g.group.member_kind.items() if k == "family"}
    small = []
    for ser in c.families.values():
        fam = c.registry.families.get(ser.name)
        if ser.launch is None or ser.entered or fam is None or not fam.registered \
                or ser.name in in_groups:
            continue
        if ser.launch > c.end:
            continue  # launched in the last week: too early to call
        top = float(ser.win[ser.launch:].max())
        if top < s.small_share:
            small.append((ser, top, ser.launch + int(np.argmax(ser.win[ser.launch:]))))
    typical = [float(d.magnitude) for d in ramps]
    if not (small or groups) or not typical:
        return None
    small.sort(key=lambda t: (-t[1], t[0].name))
    expect = float(np.median(typical))
    facts = []
    keys = _Keys()
    for ser, top, j in small:
        facts.append(_fact(keys("family", ser.name), top, "pct", c.span(j), ser.name))
    told = []  # (tag, members) per group, in the order the sentence names them
    for g in groups:
        gf, members = _group_facts(c, g, g.top(), keys)
        if members:  # a group no member of which is present cannot be named by them
            facts.extend(gf)
            told.append((g.group.tag, members))
    groups = [g for g in groups if g.group.tag in {t for t, _ in told}]
    if not (small or groups):
        return None
    tops = [t[1] for t in small] + [float(g.win.max()) for g in groups]
    # A family: how surely it stayed under the bar; a group (whose members may have been
    # launched before it was one): how surely it fell short of a typical launch.
    sig = min([_sig(s.small_share - top, c.se(ser)) for ser, top, _ in small]
              + [_sig(expect - float(g.win.max()), g.sigma / math.sqrt(c.w)) for g in groups])
    noun = c.name
    names = [t[0].name for t in small]

    def text(f, lang):
        r = lambda name, kind="family": fmt.render_fact(f[keys[(kind, name)]], lang)
        out = []
        if names:
            limit = fmt.under(max(t[1] for t in small), lang)
            if lang == "zh":
                body = fmt.names([f"{n}（最高{r(n)}）" for n in names], lang)
                out.append(f"报告期内上线的{body}始终未能打开局面，各自在"
                           f"{c.vocab.noun(noun, lang)}中的份额均{limit}")
            else:
                body = fmt.names([f"{n} (peaking at {r(n)})" for n in names], lang)
                out.append(f"Launched during the period, {body} stayed small in "
                           f"{c.vocab.noun(noun, lang)}, each {limit}")
        for tag, members in told:
            label = fmt.tag_noun(tag, lang)
            if lang == "zh":
                each = _member_list(members, r, lang)
                where = "同样" if names else f"在{c.vocab.noun(noun, lang)}中"
                out.append(f"同期出现的{label}{each}{where}用量很小，合计最高{r(tag, 'group')}")
            else:
                each = _member_list(members, r, lang)
                total = r(tag, "group")
                if names:
                    out.append(f"so did the newly arrived {label}, {each}, together peaking at "
                               f"{total}")
                else:
                    out.append(f"{label[0].upper() + label[1:]}, new in the period, stayed small "
                               f"in {c.vocab.noun(noun, lang)}: {each}, together peaking at {total}")
        if lang == "zh":
            return "；".join(out) + "。"
        return "; ".join(out) + "."

    return _Draft("small_share", c.name, c.name, "chart", facts, sig,
                  max(expect - float(np.mean(tops)), 0.0), text)


def _group_share(c: _Chart, g: _GroupRead) -> _Draft | None:
    """A tag group at the end of the period (one that is not new and small: see
    _small_share)."""
    j = c.end
    end = float(g.win[j])
    if end < c.s.present_share or g.first > c.end:
        return None  # gone by the end (its members' findings tell that), or too new to tell
    keys = _Keys()
    facts, members = _group_facts(c, g, j, keys)
    if not members:
        return None  # no member present on its own: nothing a sentence could name
    tag = g.group.tag
    sig = _sig(end, g.sigma / math.sqrt(c.w))
    noun = c.name

    def text(f, lang):
        r = lambda name, kind: fmt.render_fact(f[keys[(kind, name)]], lang)
        label = fmt.tag_noun(tag, lang)
        if lang == "zh":
            each = _member_list(members, r, lang)
            return f"{label}{each}期末合计占{c.vocab.noun(noun, lang)}的{r(tag, 'group')}。"
        each = _member_list(members, r, lang)
        return (f"{label[0].upper() + label[1:]}, {each}, together held {r(tag, 'group')} of "
                f"{c.vocab.noun(noun, lang)} at the end of the period.")

    return _Draft("group_share", c.name, tag, "group", facts, sig, end, text)


def _ratio_worth_saying(start: float, end: float) -> bool:
    """A ratio reads as news from a real start ("doubled"), not from a sliver: 0.0001% to
    25% is no "250,000-fold" rise."""
    return start >= 0.5 and end / start <= 20


def _zh_is(value: str) -> str:
    """"为9%" / "约为9%": 约 goes before the verb in Chinese."""
    return "约为" + value[1:] if value.startswith("约") else "为" + value


def _slug(name: str) -> str:
    # ASCII only: a slot is {{F5.name}} with an ASCII identifier (ñ and 混 are not in it).
    out = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "_"
                  for ch in name).strip("_")
    while "__" in out:
        out = out.replace("__", "_")
    return out if out and not out[0].isdigit() else f"m_{out}"


# ============================================================================ find


def find(shares: Shares, registry: Registry, settings: FindingSettings = FindingSettings(),
         vocab: Vocabulary | None = None) -> Findings:
    """Shares of a period + the registry → every finding, highest score first, with ids.

    `vocab` gives the words of the findings' sentences (the platform's unit, chart nouns).
    """
    vocab = vocab or Vocabulary(top_n=shares.top_n)
    weeks = tuple(shares.weeks.mondays)
    charts = tuple(shares.charts)
    drafts: list[_Draft] = []
    scope: dict[str, float] = {}
    for chart in charts:
        table = shares.tables[chart]
        c = _Chart(table, registry, settings, weeks, vocab, shares.top_n)
        scope[chart] = 1.0
        if table.parent_share is not None and len(table.parent_share):
            scope[chart] = float(np.mean(table.parent_share)) / 100.0
        drafts.extend(d for d in _chart_drafts(c, [g for g in shares.groups if g.chart == chart])
                      if _all_known(c, d))
    kept = [d for d in drafts if d.significance >= settings.min_significance]
    # When one month name falls in two years of the period, dates get their year.
    long_period = _month_in_two_years(weeks)
    ranked = _rank(kept, charts, scope)
    findings = []
    for i, (d, score) in enumerate(ranked, start=1):
        fid = f"F{i}"
        facts = {name: Fact(f"{fid}.{name}", name, value, unit, entity, ek, d.chart, wk,
                            with_year=unit == "date" and long_period)
                 for name, value, unit, wk, entity, ek in d.facts}
        text = {lang: vocab.localise(d.text(facts, lang), lang) for lang in fmt.LANGS}
        findings.append(Finding(fid, d.kind, d.chart, d.subject, d.subject_kind,
                                MappingProxyType(facts), score, MappingProxyType(text)))
    return Findings(shares.weeks, tuple(findings), charts)


def _month_in_two_years(mondays) -> bool:
    """True when some month occurs in two years among the weeks (named by their Thursday,
    as format.week_phrase names them): "mid-October" would not say which."""
    years: dict[int, set[int]] = {}
    for monday in mondays:
        thursday = monday + timedelta(days=3)
        years.setdefault(thursday.month, set()).add(thursday.year)
    return any(len(y) > 1 for y in years.values())


def _all_known(c: _Chart, d: _Draft) -> bool:
    """No fact may rest on a week where a top-N list did not show its model."""
    return all(c.known(entity, ek, weeks) for _, _, unit, weeks, entity, ek in d.facts
               if unit in ("pct", "pp", "ratio"))


def _chart_drafts(c: _Chart, groups: list[Group] = ()) -> list[_Draft]:
    out: list[_Draft] = []
    if c.n == 0:
        return out  # no week of the period has data in this chart
    cat = _category_share(c)
    if cat:
        out.append(cat)
    ramps = []
    for ser in c.families.values():
        pd_ = _peak_decline(c, ser)
        ramp = _launch_ramp(c, ser)
        if ramp:
            ramps.append(ramp)  # every ramp sets the chart's typical launch, declined or not
        # A peak that declined is the whole arc: it carries the launch, and it says more
        # than a plain start-to-end rise or fall of the same family.
        change = _change(c, ser, "rise", "fall", "family") if pd_ is None else None
        for d in (pd_, ramp if pd_ is None else None, change, _succession(c, ser),
                  _steady(c, ser), _spike(c, ser)):
            if d:
                out.append(d)
    for ser in c.providers.values():
        d = _provider_change(c, ser)
        if d:
            out.append(d)
    out.extend(_standing(c))
    # A tag group new in the period that stayed small is the same news as launches that
    # stayed small (the reference post tells them side by side): one finding says both.
    reads = [g for g in (_read_group(c, group) for group in groups) if g is not None]
    # (one that appeared only in the last week is too early to call small, as for a family)
    small_groups = [g for g in reads if g.new and float(g.win.max()) < c.s.small_share
                    and g.first <= c.end]
    small = _small_share(c, ramps, small_groups)
    if small:
        out.append(small)
    for g in reads:
        d = _group_share(c, g) if g not in small_groups or small is None else None
        if d:
            out.append(d)
    return out


def _rank(drafts: list[_Draft], charts: tuple[str, ...], scope: Mapping[str, float]
          ) -> list[tuple[_Draft, float]]:
    """Rank by score with the diversity discount (see the module doc).

    A lazy greedy: discounts only ever lower a score, so a popped finding whose score is
    still current is the best one left; a stale one goes back with its new score.
    """
    def tie(d: _Draft):
        return (charts.index(d.chart), KINDS.index(d.kind), d.subject)

    heap = []
    for i, d in enumerate(drafts):
        s = scope[d.chart] if d.kind != "category_share" else 1.0
        base = d.significance * KIND_WEIGHT[d.kind] * d.magnitude / 100.0 * s
        heap.append((-round(base, 9), tie(d), i, 0, base))
    heapq.heapify(heap)
    def about(d: _Draft):
        return (d.chart, d.subject, d.kind if d.subject_kind == "chart" else "")

    told: dict[tuple[str, str, str], int] = {}
    out = []
    while heap:
        neg, key, i, seen, base = heapq.heappop(heap)
        d = drafts[i]
        now = told.get(about(d), 0)
        if now != seen:
            heapq.heappush(heap, (-round(base * 0.5 ** now, 9), key, i, now, base))
            continue
        told[about(d)] = now + 1
        out.append((d, round(-neg, 6)))
    return out


# ============================================================================ compare


def _all_excluded(registry: Registry, family: str) -> bool:
    """Every bot of the family is excluded (excluded=true): it is never a subject."""
    fam = registry.families.get(family)
    return bool(fam and fam.bots and all(
        registry.bots[b].excluded for b in fam.bots if b in registry.bots))


def compare(now: Shares, before: Shares, registry: Registry,
            settings: FindingSettings = FindingSettings(),
            vocab: Vocabulary | None = None, per_chart: int = 2) -> tuple[Finding, ...]:
    """"Since the last report": each chart's biggest changes in a family's mean share between
    an earlier period (`before`) and this one (`now`), ids C1, C2, ... by size.

    A family counts when it is charted in both periods (Other and excluded bots are not
    subjects) and its mean moved by at least `min_change_pp`. Means are over each period's
    weeks with data in that chart, so a chart that started mid-period is not diluted.
    """
    vocab = vocab or Vocabulary(top_n=now.top_n)
    drafts = []
    for chart in now.charts:
        if chart not in before.charts:
            continue
        a, b = before[chart], now[chart]
        wa = [i for i, t in enumerate(a.totals) if t > 0]
        wb = [i for i, t in enumerate(b.totals) if t > 0]
        if not wa or not wb:
            continue
        found = []
        for name in b.entities:
            if name in NOT_SUBJECTS or name not in a.entities or _all_excluded(registry, name):
                continue
            x = float(np.mean(np.asarray(a.shares)[wa, a.entities.index(name)]))
            y = float(np.mean(np.asarray(b.shares)[wb, b.entities.index(name)]))
            if abs(y - x) >= settings.min_change_pp and max(x, y) >= settings.min_share:
                found.append((abs(y - x), name, x, y))
        found.sort(key=lambda t: (-t[0], t[1]))
        for _, name, x, y in found[:per_chart]:
            weeks_a = tuple(before.weeks.mondays[i] for i in wa)
            weeks_b = tuple(now.weeks.mondays[i] for i in wb)
            drafts.append((abs(y - x), chart, name, [
                _fact("before", x, "pct", weeks_a, name), _fact("after", y, "pct", weeks_b, name),
                _fact("change", y - x, "pp", (weeks_a[0], weeks_b[-1]), name)]))
    drafts.sort(key=lambda d: (-d[0], now.charts.index(d[1]), d[2]))
    out = []
    for i, (size, chart, name, facts) in enumerate(drafts, start=1):
        fid = f"C{i}"
        fs = {n: Fact(f"{fid}.{n}", n, v, u, e, ek, chart, wk) for n, v, u, wk, e, ek in facts}
        text = {lang: vocab.localise(_since_text(fs, name, vocab.noun(chart, lang), lang), lang)
                for lang in fmt.LANGS}
        out.append(Finding(fid, "since_last", chart, name, "family", MappingProxyType(fs),
                           round(size, 4), MappingProxyType(text)))
    return tuple(out)


def _since_text(f: Mapping[str, Fact], name: str, noun: str, lang: str) -> str:
    r = lambda k, style=None: fmt.render_fact(f[k], lang, style)  # noqa: E731
    if lang == "zh":
        return (f"{name}本期平均占{noun}的{r('after')}，上期{_zh_is(r('before'))}，"
                f"{r('change', 'signed')}。")
    return (f"{name} averaged {r('after')} of {noun}, against {r('before')} in the previous "
            f"period ({r('change', 'signed')}).")
