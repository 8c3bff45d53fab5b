"""Comparisons between two named models: "A overtook B", "A is ahead of B", "A drew more
messages than B", "A trails B", "A仅次于B", "A高于B", "A落后于B".

The name before the phrase (its subject) and the first name after it are compared on their
shares in a chart both have: in the weeks the sentence dates ("by mid-March", "In January"),
else at the period's end (the mean of its last two weeks with data). "Overtook" and "ahead of"
say the subject's share is the larger; "behind", "below" and "trails" the smaller; "second
only to" / 仅次于 that the subject ranks right after the other. A comparison whose two names
have no chart in common is left alone.
"""

from __future__ import annotations

import re

import numpy as np

from writer.claims.sentence import PERIOD_START

# (pattern, sign): +1 the subject's share is larger, -1 smaller, 0 next in rank below.
PHRASES: tuple[tuple[str, int], ...] = (
    (r"\b(?:overtook|overtakes|overtaking|overtaken|had\s+overtaken|has\s+overtaken|passed|"
     r"surpassed|surpasses|surpassing|outpaced|outpaces|outstripped|outstrips|outsold|"
     r"pulled\s+ahead\s+of|moved\s+ahead\s+of|(?:stayed|stays|remained|remains|was|is|were|are|"
     r"ended|finished)\s+ahead\s+of|edged\s+out|overtake|beat|beats)\b", +1),
    (r"\b(?:more|higher|larger|bigger|greater)\b(?:\s+[\w-]+){0,4}?\s+than\b", +1),
    (r"超过了?|超越了?|反超了?|赶超了?|高于|多于|压过|领先于?|强于", +1),
    (r"\b(?:behind|below|trailed|trails|trailing|fell\s+behind|lagged|lags|lagging)\b|"
     r"\b(?:less|fewer|lower|smaller)\b(?:\s+[\w-]+){0,4}?\s+than\b", -1),
    (r"落后于?|低于|不及|不如|少于", -1),
    (r"\bsecond\s+only\s+to\b|\bright\s+behind\b|\bjust\s+behind\b|仅次于|紧随", 0),
)
_RX = tuple((re.compile(p, re.IGNORECASE), sign) for p, sign in PHRASES)
# between the phrase and the other name: articles, possessive-free filler ("than OpenAI's")
_TO_NAME = re.compile(r"(?i)^[\s*_]*(?:the\s+|its\s+|their\s+|了\s*)?[\s*_]*$")
_END = re.compile(r"(?i)\bat\s+the\s+end\b|\bended\b|\bfinished\b|期末|最后")


def _name_after(s, pos: int, end: int):
    for n in sorted(s.names):
        if pos <= n[0] < end:
            return n if _TO_NAME.match(s.masked[pos:n[0]]) else None
    return None


def _one(ents):
    ents = [e for e in ents if e.kind in ("family", "provider", "bot", "brand")]
    fams = [e for e in ents if e.kind == "family"]
    return (fams or ents or [None])[0]


def _mean(s, chart: str, e, weeks: np.ndarray) -> float:
    """e's mean share of `chart` over `weeks` (ledger week indices)."""
    return float(np.asarray(s.ledger.series[(chart, e)], dtype=float)[weeks].mean())


def _weeks(s, chart: str) -> np.ndarray:
    """The weeks the comparison is read in: the dates of its sentence, else its end."""
    from writer.verify import _week_range

    idx = s.data_weeks(chart)
    L = s.ledger
    spans = []
    for m in s.mentions:
        if m.kind == "date" and m.when is not None and m.role is None:
            try:
                lo, hi = m.when.resolve(L.weeks[0], L.weeks[-1])
            except ValueError:
                continue
            spans.extend(_week_range(L.weeks, lo, hi))
    if spans:
        return np.asarray([i for i in idx if i in set(spans)], dtype=int)
    if PERIOD_START.search(s.text):
        return idx[:2]
    return idx[-2:]


def check(s) -> list:
    out = _times(s)
    for rx, sign in _RX:
        for m in rx.finditer(s.masked, s.start, s.end):
            a, b = s.clause(m.start())
            if any(x.kind in ("pct", "pp", "ratio") and a <= x.start < b for x in s.mentions) \
                    and sign != 0:
                continue  # "24 points ahead of Y (12%)": the numbers say it, and are checked
            other = _name_after(s, m.end(), s.end)
            who = s.subject(m.start())
            if other is None or not who:
                continue
            ea, eb = _one(who), _one(other[2])
            if ea is None or eb is None or ea == eb:
                continue
            charts = [c for c in s.charts_of(ea, m.start()) if (c, eb) in s.ledger.series]
            if not charts:
                continue
            chart = charts[0]
            weeks = _weeks(s, chart)
            if not len(weeks):
                continue
            va = _mean(s, chart, ea, weeks)
            vb = _mean(s, chart, eb, weeks)
            if sign > 0:
                ok = va > vb
            elif sign < 0:
                ok = va < vb
            else:
                ok = va < vb and _next_in_rank(s, chart, ea, eb, weeks)
            if not ok:
                what = {1: "above", -1: "below", 0: "right after"}[sign]
                out.append(s.issue(m.start(), m.end(),
                                   f"says {ea.name} was {what} {eb.name}, but it held "
                                   f"{va:.1f}% to {eb.name}'s {vb:.1f}% in {chart} "
                                   f"({s.ledger.weeks[weeks[0]].isoformat()}.."
                                   f"{s.ledger.weeks[weeks[-1]].isoformat()})"))
    return out


# "about twice GPT-4.1's share", "four times as many ... as all its rivals combined",
# "Kling-1.6的三倍": one model's share as a multiple of another's (or of all the others')
_TIMES_EN = re.compile(
    r"(?i)\b(?:(about|around|roughly|nearly|almost|close\s+to|more\s+than|over)\s+)?"
    r"(twice|double|half|(?:two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)"
    r"\s*(?:times|x|×))\b")
_NUMBER_WORDS = {"twice": 2, "double": 2, "half": 0.5, "two": 2, "three": 3, "four": 4,
                 "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_AS_AS = re.compile(r"(?i)^[\s*_]*(?:(?:the|its|their)\s+)?(?:share\s+(?:of\s+)?)?"
                    r"(?:(?:as\s+(?:much|many|large|big|high)\b[^.;。；]{0,60}?\bas)\s+)?"
                    r"[\s*_]*(?:that\s+of\s+)?$")
_ALL_OTHERS = re.compile(r"(?i)\ball\s+(?:its|their|the)\s+(?:rivals|competitors|others)\b|"
                         r"\bthe\s+rest\b|\beveryone\s+else\b|\ball\s+others\b|其余|其他所有|"
                         r"所有对手|对手合计")


def _times(s) -> list:
    """Multiples between two named models: the subject's share over the other's."""
    from writer.mentions import Mention
    from writer.verify import tolerance

    found, inside = [], {}
    for m in s.mentions:  # "Kling-1.6的三倍", "four times" as the extractor reads them
        if m.kind == "ratio" and m.basis == "multiple":
            found.append((m.start, m.end, m))
    for x in _TIMES_EN.finditer(s.masked, s.start, s.end):
        if any(a <= x.start(2) < b for a, b, _ in found):
            continue
        w = x.group(2).lower().split()[0].rstrip("x×")
        n = _NUMBER_WORDS.get(w) or (float(w) if w.replace(".", "", 1).isdigit() else None)
        if n is None:
            continue
        q = {"about": "approx", "around": "approx", "roughly": "approx", "nearly": "nearly",
             "almost": "nearly", "more than": "above", "over": "above"}.get(
            re.sub(r"\s+", " ", (x.group(1) or "").lower()), "approx")
        found.append((x.start(), x.end(), Mention("ratio", float(n), q, *s.where(x.start()),
                                                   x.group(0), x.start(), x.end(), unit=1.0,
                                                   basis="multiple")))
        # the words the extractor read on their own ("three" as a count) are this multiple
        inside[id(found[-1][2])] = [y for y in s.mentions if x.start() <= y.start < x.end()]
    out = []
    for a, b, m in found:
        ca, cb = s.clause(a)
        free = [n for n in s.names if ca <= n[0] < cb and not s.in_brackets(n[0])]
        if not free:
            continue
        subject = _one(min(free)[2])
        others = [n for n in free if _one(n[2]) != subject]
        rest = _ALL_OTHERS.search(s.masked, b, cb)
        after = [n for n in others if n[0] >= b and _AS_AS.match(s.masked[b:n[0]])]
        before = [n for n in others if n[1] <= a and re.search(r"(?:的|'s|’s)\s*(?:约|大约|接近|近)?"
                                                               r"[\s*_]*$", s.masked[n[1]:a])]
        other = (after[:1] or before[-1:])
        if subject is None or not (other or rest):
            continue
        eb = _one(other[0][2]) if other else None
        charts = [c for c in s.charts_of(subject, a)
                  if eb is None or (c, eb) in s.ledger.series]
        if not charts:
            continue
        chart = charts[0]
        weeks = _weeks(s, chart)
        if not len(weeks):
            continue
        va = _mean(s, chart, subject, weeks)
        vb = _mean(s, chart, eb, weeks) if eb is not None else 100.0 - va
        if vb <= 0:
            continue
        settled = {id(m)} | {id(y) for y in inside.get(id(m), ())}
        s.cache.setdefault("backed", set()).update(settled)
        if va / vb not in tolerance(m):
            whom = f"{eb.name}'s" if eb is not None else "all the others'"
            out.append(s.issue(a, b, f"{subject.name} held {va:.1f}% to {whom} {vb:.1f}% in "
                                     f"{chart}: {va / vb:.2f} times, not {m.text}"))
    return out


def _next_in_rank(s, chart, ea, eb, weeks) -> bool:
    """"A仅次于B": no other model of A's kind between them in those weeks."""
    mean = {}
    for e in s.ledger.chart_entities.get(chart, ()):
        if e.kind == ea.kind and (chart, e) in s.ledger.series:
            mean[e] = _mean(s, chart, e, weeks)
    va, vb = mean.get(ea), mean.get(eb)
    if va is None or vb is None:
        return True
    return not any(va < v < vb for e, v in mean.items() if e not in (ea, eb))


def extra_mentions(s, taken):
    return []
