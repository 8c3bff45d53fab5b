"""Sets: "the remaining 49% was split among A, B and C", "其余49%由A、B、C瓜分", "A, B and C
together held 30%", "A、B、C合计占30%".

The names listed must hold the stated share between them: the sum of their shares, at the
time the sentence gives (the end of the period unless it says the start), within the
number's tolerance. A list that says it is not complete ("and others", "led by", "等",
"为首") is not summed.
"""

from __future__ import annotations

import re

import numpy as np

from writer.claims.sentence import PERIOD_START
from writer.mentions import name_key

# The verbs that say a share was split among, or held together by, the names listed.
SPLIT = re.compile(r"(?i)\b(?:split|shared|divided)\s+(?:among|between|by)\b|\bwent\s+to\b|"
                   r"\b(?:shared|split|took|divided)\s+the\b|瓜分|分享|分食|分占|分走|平分")
_BRACKETED = re.compile(r"(?i)[(（][\s*_]*(?:about|around|nearly|~|约|近)?[\s*_]*$")
# "Kuaishou's three models, A, B and C": the owner, not one of the summed
OWNER = re.compile(r"^(?:'s|’s|的|旗下)")
TOGETHER = re.compile(r"(?i)\b(?:together|combined|between\s+them|jointly)\b|合计|合起来|加起来|"
                      r"共计|一共|总共")
OPEN_ENDED = re.compile(r"(?i)\b(?:and\s+others|among\s+others|others|etc|led\s+by|such\s+as|"
                        r"including|the\s+rest\s+of\s+the\s+field|mostly|mainly|largely)\b|"
                        r"等|为首|包括|主要|大部分")


_LIST_GAP = re.compile(r"(?i)[\s*_]*(?:(?:and|or)\s+)?[\s*_]*")


def _in_list(s, k: int) -> bool:
    """A comma between two names, with nothing but "and" or markup around it: "A, B and C"."""
    prev = [n for n in s.names if n[1] <= k]
    nxt = [n for n in s.names if n[0] > k]
    if not prev or not nxt:
        return False
    p, q = max(prev, key=lambda n: n[1]), min(nxt)
    return bool(_LIST_GAP.fullmatch(s.masked, p[1], k) and _LIST_GAP.fullmatch(s.masked, k + 1, q[0]))


def _share(s, e, chart: str, start: bool) -> float | None:
    v = s.ledger.series.get((chart, e))
    if v is None:
        return None
    idx = s.data_weeks(chart)
    v = np.asarray(v, dtype=float)[idx]
    if len(v) == 0:
        return None
    part = v[:2] if start else v[-2:]
    return float(part.mean())


def _one(ents, written: str, chart: str | None, ledger) -> object | None:
    """A listed name's entity: the family when a name is both a family and a provider; the
    bot when the name is the bot's own and the chart has its series ("Gemini-2.5-Flash and
    Qwen-3 together held 3%" sums the bots, not their families)."""
    ents = [e for e in ents if e.kind in ("family", "provider", "bot")]
    key = name_key(written)
    own = [e for e in ents if e.kind == "bot" and name_key(e.name) == key
           and (chart, e) in ledger.series]
    fams = [e for e in ents if e.kind != "provider"]
    return (own or fams or ents or [None])[0]


def check(s) -> list:
    from writer.verify import tolerance

    split, together = s.find(SPLIT), s.find(TOGETHER)
    if not split and not together:
        return []
    if OPEN_ENDED.search(s.text) or any(e.kind in ("group", "chart", "brand")
                                        for e in s.entities()):
        return []
    out = []
    start = bool(PERIOD_START.search(s.text))
    for m in s.mentions:
        if m.kind != "pct" or m.qualifier != "exact" and m.qualifier != "approx":
            continue
        if _BRACKETED.search(s.masked, max(s.start, m.start - 12), m.start):
            continue  # "Cartesia (7%)": one name's own share, not a sum
        # the stretch of the sentence the number belongs to: up to a semicolon or a comma
        # that is not inside the list of names ("A, B and C shared the other 20%")
        text = s.masked
        breaks = [k for k in range(s.start, s.end) if text[k] in ";；"
                  or text[k] in ",，" and not _in_list(s, k)]
        a = max([s.start] + [k + 1 for k in breaks if k < m.start])
        b = min([s.end] + [k for k in breaks if k >= m.end])
        verb = [x for x in split if a <= x.start() < b]
        if split and m.role != "rest" and not together and not verb:
            continue
        after = [n for n in s.names if m.end < n[0] < b]  # "... split among A, B and C"
        before = [n for n in s.names if a <= n[0] < m.start]  # "A and B shared the 20%"
        listed = after if verb and verb[0].start() > m.start else before
        if not listed and together and not verb:
            # "Kuaishou's two models, Kling-2.0 and Kling-1.6, together drew 30%": the list
            # stands in an aside before the number
            hard = [k for k in range(s.start, m.start) if text[k] in ";；"]
            listed = [n for n in s.names if max(hard, default=s.start) <= n[0] < m.start]
        listed = [n for n in listed if not OWNER.match(s.masked[n[1]:n[1] + 2])]
        chart = s.chart_near(m.start) or (s.charts[0] if s.charts else None)
        if chart is None:
            continue
        ents = list(dict.fromkeys(e for e in (_one(n[2], s.original[n[0]:n[1]], chart, s.ledger)
                                              for n in listed) if e is not None))
        if len(ents) < 2 or len(ents) != len(listed):
            continue  # "DeepSeek's families together": one provider, its own facts
        vals = [_share(s, e, chart, start) for e in ents]
        if any(v is None for v in vals):
            continue
        total = sum(vals)
        if total in tolerance(m):
            s.cache.setdefault("backed", set()).add(id(m))  # needs no fact of its own
        else:
            names = ", ".join(e.name for e in ents)
            out.append(s.issue(m.start, m.end, f"{names} held {total:.1f}% between them, "
                                               f"not {m.text}"))
        break
    return out


def extra_mentions(s, taken):
    return []
