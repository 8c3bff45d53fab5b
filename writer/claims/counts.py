"""Counts of the data: weeks, categories, models, families, providers, and the lists they
announce. "This report covers 30 weeks" and "七个类别" are counts bound by writer/mentions.py
(the noun after a count says what it counts) and verify.COUNT_NAMES; this module checks the
list a count announces: "three Kuaishou models: Kling-2.0, Kling-1.6, Kling-1.5 and
Kling-1.0" names four, so the count and the list disagree.
"""

from __future__ import annotations

import re

# What opens the list after a count, English and Chinese side by side.
LIST_OPEN = re.compile(r"(?i)[^.。;；]{0,40}?(?:[:：(（—]|\b(?:namely|including|led\s+by)\b|"
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
        if len(listed) != m.value:
            out.append(s.issue(m.start, m.end, f"says {m.text}, but the list after it names "
                                               f"{len(listed)}"))
    return out


def extra_mentions(s, taken):
    return []
