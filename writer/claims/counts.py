"""Counts of the data: weeks, categories, models, families, providers, and the lists they
announce. "This report covers 30 weeks" and "七个类别" are counts bound by writer/mentions.py
(the noun after a count says what it counts) and verify.COUNT_NAMES; this module checks the
list a count announces: "three Kuaishou models: Kling-2.0, Kling-1.6, Kling-1.5 and
Kling-1.0" names four, so the count and the list disagree.
"""

from __future__ import annotations

import re

import numpy as np

# What opens the list after a count, English and Chinese side by side.
LIST_OPEN = re.compile(r"(?i)[^.。;；]{0,60}?(?:[:：(（—]|\b(?:namely|including|led\s+by)\b|"
                       r"分别是|包括|即|(?<=[型家款个])(?=[\ue000*]))")
OTHERS = re.compile(r"(?i)\b(?:and\s+others|among\s+others|etc\.?|and\s+more)\b|等")


# The names right before a count that counts them: "Runway、Luma和Hailuo三家", "A, B and C,
# the three ..."; only list separators between the names
_LIST_SEP = re.compile(r"(?i)^[\s*_]*(?:,|，|、|and|or|和|与|及|以及|跟)?[\s*_]*(?:and\s+)?[\s*_]*$")
_BEFORE_COUNT = re.compile(r"(?i)^[\s*_]*(?:,\s*(?:the|all|these|those)?\s*|这|共|等)?\s*$")


def _list_before(s, pos: int) -> list:
    """The names listed right before `pos`, nearest last: () when the text before is no list."""
    before = sorted((n for n in s.names if n[1] <= pos), key=lambda n: n[0])
    if not before or not _BEFORE_COUNT.match(s.masked[before[-1][1]:pos]):
        return []
    listed = [before[-1]]
    for n in reversed(before[:-1]):
        if not _LIST_SEP.match(s.masked[n[1]:listed[0][0]]):
            break
        listed.insert(0, n)
    return listed


def check(s) -> list:
    out = []
    for m in s.mentions:
        if m.kind != "count" or isinstance(m.value, tuple) or m.value is None:
            continue
        listed = _list_before(s, m.start)
        if len(listed) >= 2:
            # "Runway、Luma和Hailuo三家": the count counts the list before it
            s.cache.setdefault("backed", set()).add(id(m))  # no ledger count is meant
            if len(listed) != m.value:
                out.append(s.issue(m.start, m.end, f"says {m.text}, but the list before it "
                                                   f"names {len(listed)}"))
            continue
        if m.basis not in ("bots", "families", "providers"):
            continue
        lo = LIST_OPEN.match(s.masked, m.end, s.end)
        if not lo:
            continue
        listed = [n for n in s.names if lo.end() <= n[0] < s.end]
        if len(listed) < 2 or OTHERS.search(s.masked, lo.end(), s.end):
            continue
        if "including" in lo.group(0).lower() or "包括" in lo.group(0):
            if len(listed) > m.value:
                out.append(s.issue(m.start, m.end, f"says {m.text}, then lists {len(listed)}"))
            continue
        if any(x.kind == "pct" and m.end <= x.start < lo.end() for x in s.mentions):
            # "Three video models ended at about 20% each: A, B and C": a selection, which
            # the list makes true; "Only three providers offer audio models: ..." is a count
            # of the data, and bound as one
            s.cache.setdefault("backed", set()).add(id(m))
        if len(listed) != m.value:
            out.append(s.issue(m.start, m.end, f"says {m.text}, but the list after it names "
                                               f"{len(listed)}"))
    out += _above_threshold(s)
    return out


_THRESHOLD = ("above", "at_least", "below", "at_most", "just_over")
# what a threshold count counts: models (families) or labs (providers)
_NOUN = re.compile(r"(?i)\s*(?:[a-z-]+\s+){0,2}?(models?|families|family|labs?|providers?|"
                   r"companies|company)\b|\s*(款|个|家)")


def _above_threshold(s) -> list:
    """"Only two image models held more than 10%", "期末有三款图像模型的份额超过一成": the
    count of the chart's families (providers, for labs) whose share is past the threshold,
    at the end (at the start when it says so)."""
    from writer.claims.sentence import PERIOD_START

    out = []
    for m in s.mentions:
        if m.kind != "count" or isinstance(m.value, tuple) or m.value is None or \
                id(m) in s.cache.get("backed", ()):
            continue
        noun = _NOUN.match(s.masked, m.end, s.end)
        if not noun:
            continue
        a, b = s.clause(m.start)
        limits = [x for x in s.mentions if x.kind == "pct" and x.qualifier in _THRESHOLD
                  and a <= x.start < b and x.start > m.start]
        named = [n for n in s.names if a <= n[0] < b]
        if len(limits) != 1 or named:
            continue
        t = limits[0]
        chart = s.chart_near(t.start) or s.chart_near(m.start) or (s.charts[0] if s.charts else None)
        kind = ("provider" if re.match(r"(?i)lab|provider|compan|家", noun.group(1) or noun.group(2))
                else "family")
        order, rk = s.ledger.ranks.get((chart, kind), ((), None))
        if rk is None:
            continue
        idx = s.data_weeks(chart)
        idx = idx[:2] if PERIOD_START.search(s.text) else idx[-2:]
        vals = [float(np.asarray(s.ledger.series[(chart, e)], dtype=float)[idx].mean())
                for e in order]
        n = float(t.value)
        past = {"above": lambda v: v > n, "just_over": lambda v: v > n,
                "at_least": lambda v: v >= n, "below": lambda v: 0 < v < n,
                "at_most": lambda v: 0 < v <= n}[t.qualifier]
        count = sum(1 for v in vals if past(v))
        s.cache.setdefault("backed", set()).update({id(m), id(t)})
        if count != m.value:
            out.append(s.issue(m.start, m.end, f"says {m.text}, but {count} "
                                               f"{'providers' if kind == 'provider' else 'models'}"
                                               f" of {chart} were past {t.text} then"))
    return out


def extra_mentions(s, taken):
    return []
