"""Direction and shape words: rose, fell, held steady, steadily; 上升, 下降, 回落, 稳定.

A direction word is a claim about the series of the entity it is said of (the nearest name
before it in its clause; for "which fell ..." the name before; else the sentence's first name), in the
chart a word beside it names or the sentence's chart, over the entity's weeks in the period
(from its launch when it launched inside it). With the findings' smoothing (two-week means):
- up: the end is above the start; or, said with a fall later in the sentence ("rose, then
  fell back"), the peak is above the start;
- down: the end is below the start, or below the peak ("fell back", "回落");
- steadily/consistently/持续 with up or down: the end against the start only;
- steady (held steady, flat, 持平, 保持稳定): the end within a fifth of the start.
A direction a finding about the entity states (its rise, fall, launch ramp, fall from a
peak, plateau) holds too: the findings' own words are true by their measure.
A clause whose numbers already say the direction ("from 45% to 35%", "down 10 points") is
left to the number checks; so is a dated clause ("rose in March"). "N weeks before its
launch" is false of a share that was zero before the launch.
"""

from __future__ import annotations

import re

import numpy as np

from writer.ledger import Entity

# (pattern, direction): +1 up, -1 down, 0 steady. English and Chinese side by side.
PHRASES: tuple[tuple[str, int], ...] = (
    (r"\b(?:rose|rising|rises|risen|grew|growing|grows|grown|climbed|climbing|climbs|gained|"
     r"gaining|gains|increased|increasing|surged|surging|surges|soared|soaring|jumped|took\s+off|"
     r"rise|grow|climb|gain|surge|soar|"  # a headline's present: "Reasoning models surge"
     r"takes\s+off|taking\s+off|picked\s+up|on\s+the\s+rise|trending\s+up|upward)\b", +1),
    (r"稳中有升|上升|增长|攀升|走高|上涨|提升|走强|增加|扩大|猛增|激增|飙升|崛起", +1),
    (r"\b(?:fell|falling|falls|fallen|declined|declining|declines|dropped|dropping|drops|"
     r"slipped|slipping|slips|slid|sliding|slides|shrank|shrinking|shrinks|lost\s+ground|"
     r"losing\s+ground|loses\s+ground|faded|fading|fades|waned|waning|eroded|eroding|dwindled|"
     r"dwindling|collapsed|slumped|tumbled|sank|sinking|on\s+the\s+decline|trending\s+down|"
     r"downward|fade|fall|decline|slip|shrink|wane|lose\s+ground|(?:lost|losing|loses|lose)\s+"
     r"(?:(?:its|their|some|much)\s+)?share)\b", -1),
    (r"稳中有降|下降|下滑|回落|走低|下跌|萎缩|减少|降至|跌至|滑落|缩水|下行|走弱|跌落|骤降|锐减", -1),
    (r"\b(?:held\s+steady|holding\s+steady|holds\s+steady|stayed\s+(?:flat|steady|stable)|"
     r"remained\s+(?:flat|steady|stable)|was\s+(?:flat|stable)|unchanged|held\s+(?:its|their)\s+"
     r"ground|held\s+firm|plateaued|leveled\s+off|levelled\s+off)\b", 0),
    (r"保持稳定|基本稳定|稳定在|持平|平稳|稳住|原地踏步|变化不大", 0),
)
SHARPLY = re.compile(r"(?i)\b(?:sharply|steeply|dramatically|significantly|rapidly|fast|"
                     r"quickly|massively|strongly)\b|大幅|急剧|显著|迅速|猛|飞速|快速")
KEPT = re.compile(r"(?i)\b(?:kept|keeps|keep|still|continued|continues|continuing|right\s+up\s+"
                  r"to)\b|继续|仍在|依然在|还在")
# "kept growing right up to the end": still going that way in the last weeks, not only "still
# rising" by a launch finding's measure (the end above the share it reached)
UNTIL_END = re.compile(r"(?i)\b(?:right\s+up\s+to|(?:up\s+)?until|through|to)\s+the\s+(?:very\s+)?"
                       r"(?:end|last\s+week|final\s+week)\b|直到期末|一直到期末|直至期末|直到最后")
# "since mid-February", "2月中旬以来", "自2月中旬起": a direction measured from that week
SINCE_BEFORE = re.compile(r"(?i)\b(?:since|ever\s+since)\s+(?:(?:the|its|their)\s+)?"
                          r"(?:[\w-]+\s+){0,2}(?:in\s+)?$|[自从]\s*$")
SINCE_AFTER = re.compile(r"(?i)\s*(?:以来|起|开始|onwards?\b|on\b)")
# a fall from a peak, not from the start: "fell back", "回落", "from its peak"
BACK = re.compile(r"(?i)\bback\b|\b(?:from|since|off)\s+(?:its|their|a|the)\s+(?:\w+\s+)?"
                  r"(?:peak|high)|\bafter\s+peaking\b|回落|见顶|高点|高位|峰值")
EVERY_WEEK = re.compile(r"(?i)\b(?:every|each)\s+(?:single\s+)?week\b|每周|每一周|逐周")
WINDOW = re.compile(r"(?i)\b(?:since|after|from)\b|此后|以来|之后|上线后|起")
STEADILY = re.compile(r"(?i)\b(?:steadily|consistently|continuously|week\s+after\s+week|"
                      r"every\s+week|each\s+week)\b|持续|稳步|一路|逐周|节节")
RELATIVE = re.compile(r"(?i)^[\s\ue000*_]*(?:which|who|whose|that|它|其)")
BEFORE_LAUNCH = re.compile(r"(?i)\bbefore\s+(?:its|their|the)?\s*(?:launch|release|debut)|"
                           r"(?:上线|发布|推出|问世)(?:之)?前")
_RX = tuple((re.compile(p, re.IGNORECASE), d) for p, d in PHRASES)
KEPT_UP = 2  # in finding_directions: a finding says it was still rising at the end
FELL_BACK = -2  # in finding_directions: below its peak at the end, yet well above its start


def _subject(s, pos: int) -> tuple[Entity, ...]:
    a, b = s.clause(pos)
    free = [n for n in s.names if not s.in_brackets(n[0])]
    inside = [n for n in free if a <= n[0] < pos]
    if inside:
        return max(inside)[2]  # the nearest: "A fades and B gains ground"
    if RELATIVE.match(s.masked[a:b]):  # "..., which fell": the name just before
        before = [n for n in free if n[0] < a]
        return max(before)[2] if before else ()
    first = [n for n in free if s.start <= n[0] < pos]
    if first:
        return min(first)[2]  # "X peaked in May, then fell back": the sentence's subject
    # "Reasoning models keep growing": a chart with a share of its parent
    for ws, we, chart in s.words:
        if a <= ws < pos and chart in s.ledger.parents:
            return (Entity("chart", chart),)
    return ()


def _since(s, a: int, b: int) -> tuple[int, int | None] | None:
    """The weeks a clause's direction is measured over, as ledger week indices (lo, hi; hi
    None for the end): from a start date ("since mid-February", "2月中旬以来", "自2月中旬起")
    to the end, or over the dates it names ("kept climbing through April and May", "rose in
    March") when they span three weeks or more. None when the clause names no such date."""
    from writer.verify import _week_range

    weeks = s.ledger.weeks
    spans = []
    for m in s.mentions:
        if not (a <= m.start < b and m.kind == "date" and m.when is not None):
            continue
        if m.role in ("release", "peak"):
            return None  # "after its launch in March", "its peak in May": not a window
        try:
            lo, hi = m.when.resolve(weeks[0], weeks[-1])
        except ValueError:
            return None
        r = _week_range(weeks, lo, hi)
        if not len(r):
            return None
        if SINCE_BEFORE.search(s.masked, max(a, m.start - 24), m.start) or \
                SINCE_AFTER.match(s.masked, m.end, b):
            return r.start, None
        spans.append((r.start, r.stop - 1))
    if not spans:
        return None
    lo, hi = min(x for x, _ in spans), max(y for _, y in spans)
    return (lo, hi) if hi - lo >= 2 else None


def _numbers_say_it(s, a: int, b: int, since: int | None = None) -> bool:
    for m in s.mentions:
        if a <= m.start < b and (m.role in ("from", "to") or m.kind in ("pp", "ratio")
                                 or m.kind == "date" and m.role != "release" and since is None
                                 or since is not None and m.kind == "pct"):
            return True
    return False


def _series(s, e: Entity, pos: int, since: tuple[int, int | None] | None = None
            ) -> np.ndarray | None:
    for chart in s.charts_of(e, pos):
        v = s.ledger.series.get((chart, e))
        if v is None:
            continue
        idx = s.data_weeks(chart)
        if since is not None:
            lo, hi = since
            idx = idx[(idx >= lo) & (idx <= (hi if hi is not None else idx.max(initial=0)))]
        v = np.asarray(v, dtype=float)[idx]
        nz = np.flatnonzero(v > 0)
        if len(nz) >= 2:
            return v[nz[0]:]
    return None


def finding_directions(s, e: Entity, pos: int) -> set[int]:
    """The directions the findings about e say (in the chart of the claim): the words the
    findings' own prose uses are true by the findings' measure (its windows, its smoothing)."""
    key = ("dirs", e, s.charts_of(e, pos))
    if key in s.cache:
        return s.cache[key]
    groups: dict[str, dict[str, float]] = {}
    charts = set(key[2])
    for f in s.ledger.by_entity.get(e, ()):
        if f.finding and f.chart in charts and not isinstance(f.value, str):
            groups.setdefault(f.id.split(".")[0], {})[f.name] = float(f.value)
        elif f.finding and f.chart in charts:
            groups.setdefault(f.id.split(".")[0], {})[f.name] = 0.0
    out: set[int] = set()
    for g in groups.values():
        if "change" in g and g["change"]:
            out.add(1 if g["change"] > 0 else -1)
        elif "start" in g and "end" in g and g["end"] != g["start"]:
            out.add(1 if g["end"] > g["start"] else -1)
        if "peak" in g and "end" in g and g["end"] < g["peak"]:
            # down from its peak; down over the period only when it ended near its start
            out.add(-1 if "start" not in g or g["end"] <= 1.25 * g["start"] else FELL_BACK)
        if "launch" in g or "weeks_after_launch" in g or "entered" in g:
            out.add(1)
            if "share" in g and "end" in g and g["end"] >= g["share"] * 1.05:
                out.add(KEPT_UP)  # the launch finding's "and was still rising" (its measure)
        if "share" in g and "after" in g and g["after"] < g["share"]:
            out.add(-1)  # a spike: up the week it spiked, back down the week after
        if "share" in g and "before" in g and g["before"] < g["share"]:
            out.add(1)
        if "left" in g:  # dropped out of a top-N list
            out.add(-1)
        if "since" in g and "weeks" in g:
            out.add(0)
    s.cache[key] = out
    return out


def _holds(v: np.ndarray, direction: int, steadily: bool, then_down: bool,
           back: bool = False) -> bool:
    m2 = (v[:-1] + v[1:]) / 2 if len(v) > 1 else v
    start, end, peak = m2[0], m2[-1], m2.max()
    noise = max(0.02 * start, 1e-9)
    if direction > 0:
        return end > start + noise or (then_down and not steadily and peak > start + noise)
    if direction < 0:
        if steadily:
            # "fell steadily", "一路下滑": down, with no climb back above where it started (from
            # its peak when it says so: "此后一路回落")
            w = m2[int(np.argmax(m2)):] if back else m2
            return bool(w[-1] < w[0] - max(0.02 * w[0], 1e-9) and w.max() <= 1.1 * w[0] + 1e-9)
        # below its peak: "fell back", "回落" say so; a plain "fades" or "下滑" does not when
        # the period's end is well above its start (reasoning: 2% → 12% peak → 10%)
        below_peak = end < peak - max(0.05 * peak, 0.2)
        return end < start - noise or below_peak and (back or end <= 1.25 * start)
    return abs(end - start) <= max(0.2 * start, 0.5)


def check(s) -> list:
    out = []
    words = []
    for rx, d in _RX:
        for m in rx.finditer(s.masked, s.start, s.end):
            words.append((m.start(), m.end(), d))
    words.sort()
    for k, (a, b, d) in enumerate(words):
        ca, cb = s.clause(a)
        since = _since(s, ca, cb)
        if _numbers_say_it(s, ca, cb, since):
            continue
        if d == 0 and any(x.kind == "pct" and ca <= x.start < cb for x in s.mentions) and \
                WINDOW.search(s.text):
            continue  # "held steady at 20% since late February": the plateau's own facts
        who = _subject(s, a)
        if len(who) > 1:  # "Runway" the family and the provider: the family's series
            who = tuple(e for e in who if e.kind == "family")[:1] or who
        if len(who) != 1:
            continue
        sharp = bool(SHARPLY.search(s.masked, ca, cb))
        weekly = bool(EVERY_WEEK.search(s.masked, ca, cb))
        until_end = bool(UNTIL_END.search(s.masked, ca, cb))
        kept = until_end or bool(KEPT.search(s.masked, ca, cb))
        # a finding's direction is true by its measure, "快速崛起" included; "kept growing",
        # "right up to the end", "every week" and "since <date>" say more than it measures
        steadily = bool(STEADILY.search(s.masked, ca, cb))
        dirs = finding_directions(s, who[0], a)
        # "在2月中旬见顶（7%），随后一路下滑": a peak earlier in the sentence counts too
        back = bool(BACK.search(s.masked, s.start, cb))
        if d < 0 and back and FELL_BACK in dirs:
            dirs = dirs | {-1}
        if d in dirs and not weekly and since is None and not steadily and \
                (not kept or (d > 0 and KEPT_UP in dirs and not until_end)):
            continue
        v = _series(s, who[0], a, since)
        if v is None:
            continue
        then_down = any(d2 < 0 for a2, _, d2 in words[k + 1:])
        ok = _holds(v, d, steadily, then_down, back)
        if ok and d and kept and len(v) >= 5:
            # "kept growing", "继续上升": still going that way over the last month
            m2 = (v[:-1] + v[1:]) / 2
            ok = (m2[-1] - m2[-4]) * d > max(0.02 * m2[-4], 1e-9)
            if not ok:
                what = "kept rising" if d > 0 else "kept falling"
                out.append(s.issue(a, b, f"says {who[0]} {what}, but over its last weeks its "
                                         f"share went from {m2[-4]:.1f}% to {m2[-1]:.1f}%"))
                continue
        if ok and d and (sharp or weekly):
            m2 = (v[:-1] + v[1:]) / 2 if len(v) > 1 else v
            if sharp:  # "climbed sharply", "大幅上升": a change of a quarter or more
                ok = abs(m2[-1] - m2[0]) >= max(0.25 * m2[0], 3.0)
            if weekly:  # "rose every single week": no week against it
                steps = np.diff(v)
                ok = ok and bool(np.all(steps * d >= 0))
        if not ok:
            m2 = (v[:-1] + v[1:]) / 2 if len(v) > 1 else v
            what = {1: "rose", -1: "fell", 0: "held steady"}[d]
            over = "" if since is None else (
                f" over {s.ledger.weeks[since[0]].isoformat()}.."
                f"{s.ledger.weeks[since[1] if since[1] is not None else -1].isoformat()}")
            out.append(s.issue(a, b, f"says {who[0]} {what}, but its share went from "
                                     f"{m2[0]:.1f}% to {m2[-1]:.1f}%{over} (peak "
                                     f"{m2.max():.1f}%)"))
    for m in BEFORE_LAUNCH.finditer(s.masked, s.start, s.end):
        ca, cb = s.clause(m.start())
        if not any(x.kind in ("pct", "number") and ca <= x.start < cb for x in s.mentions):
            continue
        who = _subject(s, m.start())
        rel = [r for e in who for r in s.ledger.releases.get(e, ())]
        if rel and min(rel) > s.ledger.weeks[0]:
            out.append(s.issue(m.start(), m.end(), f"{who[0]} had no share before its launch "
                                                   f"(week of {min(rel).isoformat()})"))
    return out


def extra_mentions(s, taken):
    return []
