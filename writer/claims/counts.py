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


def check(s) -> list:
    out = []
    for m in s.mentions:
        if m.kind != "count" or isinstance(m.value, tuple) or m.value is None:
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
