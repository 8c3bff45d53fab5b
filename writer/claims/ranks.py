"""Ranks and superlatives: "the most popular", "led", "the leader", 领跑, 居首, 一家独大.

Each phrase below states a rank (1 unless the table says otherwise) of the entity it is said
of: the name nearest before it in its clause ("GPT-4o led text messages"), or after it for a
passive ("a field led by GPT-4o", "由GPT-4o领跑"). The rank is then checked like a written
one ("ranked third", "第二大", read in writer/mentions.py): against the weekly ranks of the
chart's families (or providers) at the time the sentence gives, else at the end of the
period; "every week"/"每周" means every week the chart has data (ledger facts `rank_every`).
"""

from __future__ import annotations

import re

from writer.claims.sentence import PERIOD_START
from writer.mentions import Mention

# (pattern, rank, passive): one line per phrase, English and Chinese side by side.
_NOT_RANK = (r"(?!\s+(?:change|changes|drop|drops|gain|gains|jump|jumps|rise|rises|fall|falls|"
             r"increase|increases|decline|declines|shift|shifts|story|stories|mover|movers|"
             r"swing|swings|surprise|loser|losers|winner\s+of\s+the\s+week))")
PHRASES: tuple[tuple[str, int, bool], ...] = (
    (r"\bmost[-\s](?:popular|used|widely[-\s]used|chosen|common|requested|active)\b", 1, False),
    (r"\b(?:largest|biggest)\b" + _NOT_RANK, 1, False),
    (r"\b(?:the|a|clear|market|category|undisputed|outright)\s+leader\b", 1, False),
    (r"\b(?:led|leads|leading)\s+by\b", 1, True),
    (r"\bdominated\s+by\b", 1, True),
    (r"\b(?:led|leads|lead)\b(?!\s+(?:to|by|in\s+to)\b)(?!-)", 1, False),
    (r"\b(?:took|takes|take|held|holds|hold|kept|keeps|keep|in)\s+the\s+lead\b", 1, False),
    (r"\b(?:the|its)\s+(?:leading|top)(?:\s+[a-z-]+){0,2}?\s+(?:model|family|provider|lab|"
     r"option|choice)\b", 1, False),
    (r"\b(?:dominated|dominates|dominate|dominating)\b(?!\s+by\b)", 1, False),
    (r"\b(?:topped|tops|top)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:chart|charts|ranking|rankings|"
     r"list|table)\b", 1, False),
    (r"\b(?:on\s+top|the\s+top\s+(?:spot|place|position|model|choice|pick))\b", 1, False),
    (r"\bnumber[-\s]one\b", 1, False),
    (r"由[\ue000*_\s]+领跑", 1, True),
    (r"领跑|领先(?![于\ue000*_\s]*\ue000)|居首|榜首|头名|一家独大|独占鳌头|称霸|霸榜|独领风骚|"
     r"拔得头筹|登顶|夺冠|问鼎|"
     r"坐上头把交椅|稳坐头把交椅|排名第一|位居第一|位列第一", 1, False),
    (r"最受欢迎|最热门|最常用|用得最多|使用最多|用量最大|用量最多|份额最高|份额最大|占比最高|"
     r"占比最大|规模最大", 1, False),
    (r"(?:第一大|最大的)(?=[^，。；]{0,8}(?:模型|厂商|家族|系列|公司|实验室))", 1, False),
)
_RX = tuple((re.compile(p, re.IGNORECASE), rank, passive) for p, rank, passive in PHRASES)
REST = re.compile(r"(?i)\b(?:rest|remaining|remainder|others)\b|其余|其他|剩余|剩下")
# "every week", "每周": a rank said of all the weeks with data
EVERY_WEEK = re.compile(r"(?i)\b(?:every|each)\s+(?:single\s+)?week\b|\bthroughout\b|"
                        r"\ball\s+(?:period|along|the\s+way)\b|每周|每一周|始终|一直|全程")
# "entered the top 5", "跻身前5名": a rank reached in some week
EVER = re.compile(r"(?i)\b(?:entered|enters|entering|made\s+it\s+into|broke\s+into|joined|"
                  r"reached|into\s+the\s+top|cracked)\b|跻身|闯入|进入|挤进|杀入|冲进")
# "dropped out of the top 9", "跌出前9名": the rank is what it no longer has; not read
OUT_OF = re.compile(r"(?i)\b(?:out\s+of|outside|left|leaves|leaving|exited)\s+(?:the\s+)?$|"
                    r"(?:跌出|掉出|退出|滑出|跌落出)了?$")
# "at its peak", "on average": the other times an undated rank may be read at
AT_PEAK = re.compile(r"(?i)\bat\s+(?:its|their|the)\s+peak\b|\bpeak(?:ed|ing)?\b|巅峰|高峰|峰值|见顶")
ON_AVERAGE = re.compile(r"(?i)\bon\s+average\b|\boverall\b|\bacross\s+the\s+(?:whole\s+)?"
                        r"period\b|\bover\s+the\s+(?:whole\s+)?period\b|平均|整体|全期|总体")


def extra_mentions(s, taken: list[tuple[int, int]]) -> list[tuple[Mention, tuple]]:
    """Rank mentions the sentence's words state, each with the entities it is said of."""
    out: list[tuple[Mention, tuple]] = []
    spans = list(taken)
    for rx, rank, passive in _RX:
        for m in rx.finditer(s.masked, s.start, s.end):
            a, b = m.start(), m.end()
            if any(a < y and x < b for x, y in spans):
                continue  # inside a number already read ("second-largest", "No. 1")
            who = s.subject(a, after=passive)
            if not passive:
                who = _overtaker(s, a) or who
            if passive and REST.search(s.masked, s.start, s.end):
                continue  # "the rest, led by X": X leads the rest, not the chart
            who = tuple(e for e in who if e.kind in ("family", "provider"))
            if not who:
                continue  # "the leading labs": said of no one ranked (ranks are of families
                # and providers; a bot, brand or tag group has none)
            spans.append((a, b))
            out.append((Mention("rank", float(rank), "exact", *s.where(a),
                                s.original[a:b].strip(), a, b, role="word"), who))
    s.cache["rank_words"] = out  # for check(): "led from late January until late April"
    return out


# "A overtook B as the most used": the rank is A's, the name before the verb
OVERTOOK = re.compile(r"(?i)\b(?:overtook|overtakes|overtaking|overtaken|passed|passes|passing|"
                      r"surpassed|surpasses|surpassing|displaced|displaces|replaced|replaces|"
                      r"unseated|unseats|dethroned|dethrones|beat|beats|edged\s+out|"
                      r"pulled\s+ahead\s+of|moved\s+ahead\s+of|overtook)\s*$|"
                      r"(?:超过|超越|取代|反超|击败|赶超|压过)了?\s*$")


def _overtaker(s, pos: int) -> tuple:
    """The name before "overtook B" when a rank word follows B: () when there is none."""
    a, _ = s.clause(pos)
    free = [n for n in s.names if s.start <= n[0] < pos and not s.in_brackets(n[0])]
    if len(free) < 2:
        return ()
    last = max(free)
    prev = [n for n in free if n[1] <= last[0]]
    if not prev or not OVERTOOK.search(s.masked, max(prev)[1], last[0]):
        return ()
    return max(prev)[2]


def time_of(s, pos: int) -> str:
    """When an undated rank at `pos` is read: "every", "ever", "peak", "mean", "start"
    or "end".
    The words of its own clause decide; else the sentence's ("At the start of the period,
    Pika was second"), except "every week", which is said of one clause's claim."""
    a, b = s.clause(pos)
    for text, every in ((s.masked[a:b], True), (s.text, False)):
        if every and EVERY_WEEK.search(text):
            return "every"
        if every and EVER.search(text):
            return "ever"
        for rx, when in ((AT_PEAK, "peak"), (ON_AVERAGE, "mean"), (PERIOD_START, "start")):
            if rx.search(text):
                return when
    return "end"


# Dominance says more than first place: a majority (the findings' `concentration` measure).
DOMINANT = re.compile(r"(?i)\bdominat(?:es|ed|ing|e)\b(?!\s+by)|\bdominant\b|一家独大|独占鳌头|称霸|"
                      r"霸榜|独领风骚|一统")
MAJORITY = 50.0


def _held_over(s) -> list:
    """"DeepSeek-R1 led reasoning messages from late January until late April", "1月下旬至4月
    下旬一直领跑": a rank word with a span of dates holds in every week with data between them.
    The rank and both dates are settled here (s.cache["backed"]), not bound one by one."""
    from writer.verify import _DATE_PAIR_OPEN, _DATE_PAIR_SEP, _week_range

    out = []
    dates = [m for m in s.mentions if m.kind == "date" and m.when is not None and m.role is None]
    weeks = s.ledger.weeks
    for d1, d2 in zip(dates, dates[1:]):
        if not (_DATE_PAIR_SEP.fullmatch(s.masked, d1.end, d2.start)
                and _DATE_PAIR_OPEN.search(s.masked, max(s.start, d1.start - 12), d1.start)):
            continue
        ca, cb = s.clause(d1.start)
        if any(m.kind in ("pct", "pp", "ratio") and ca <= m.start < cb for m in s.mentions):
            continue  # "from 2% to 10% between January and May": the numbers' own dates
        said = list(s.cache.get("rank_words", ()))
        said += [(x, tuple(e for e in s.subject(x.start) if e.kind in ("family", "provider")))
                 for x in s.mentions if x.kind == "rank" and x.qualifier == "exact"]
        for m, who in said:  # "led", "ranked second"
            if not (ca <= m.start < cb) or len(who) != 1:
                continue
            e = who[0]
            try:
                r1 = _week_range(weeks, *d1.when.resolve(weeks[0], weeks[-1]))
                r2 = _week_range(weeks, *d2.when.resolve(weeks[0], weeks[-1]))
            except ValueError:
                continue
            chart = next(iter(s.charts_of(e, m.start)), None)
            order, rk = s.ledger.ranks.get((chart, e.kind), ((), None))
            if rk is None or e not in order or not len(r1) or not len(r2) or r2.stop <= r1.start:
                continue
            lo, hi = r1.start, r2.stop - 1
            data = set(int(i) for i in s.data_weeks(chart))
            held = {i for i in range(lo, hi + 1) if i in data and rk[i, order.index(e)] == m.value}
            # every week between the two dates; in each date's own weeks, one will do ("late
            # January" starts in the week of a launch on the 20th)
            inner = [i for i in range(r1.stop, r2.start) if i in data]
            off = [weeks[i].isoformat() for i in inner if i not in held]
            off += [f"any week of {d.text}" for d, r in ((d1, r1), (d2, r2))
                    if not held & set(r)]
            s.cache.setdefault("backed", set()).update({id(m), id(d1), id(d2)})
            if off:
                out.append(s.issue(m.start, m.end, f"says {e.name} was #{m.value:.0f} from "
                                                   f"{weeks[lo].isoformat()} to "
                                                   f"{weeks[hi].isoformat()}, but not in "
                                                   f"{', '.join(off[:3]) or 'those weeks'}"))
    return out


def check(s) -> list:
    """Dominance words ("dominates", 一家独大): the entity held a majority at the end; a rank
    word over a span of dates held in each of its weeks. (The rank they state, 1, is a
    number: extra_mentions feeds it to the number binding.)"""
    import numpy as np

    out = _held_over(s)
    for m in DOMINANT.finditer(s.masked, s.start, s.end):
        who = [e for e in s.subject(m.start()) if e.kind in ("family", "provider")]
        if len(who) != 1:
            continue
        e = who[0]
        charts = s.charts_of(e, m.start())
        if any(f.finding and f.name in ("weeks_led", "rest", "share") and f.chart in charts
               and isinstance(f.value, float) and f.value >= MAJORITY
               for f in s.ledger.by_entity.get(e, ())):
            continue
        ends = []
        for c in charts:
            v = np.asarray(s.ledger.series[(c, e)], dtype=float)[s.data_weeks(c)]
            if len(v):
                ends.append(float(v[-2:].mean()))
        if ends and max(ends) < MAJORITY:
            out.append(s.issue(m.start(), m.end(), f"says {e.name} dominates, but it held "
                                                   f"{max(ends):.1f}% at the end, not a majority"))
    return out
