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

# The verbs that say a share was split among, or held together by, the names listed.
SPLIT = re.compile(r"(?i)\b(?:split|shared|divided)\s+(?:among|between|by)\b|\bwent\s+to\b|"
                   r"瓜分|分享|分食|分占|分走")
TOGETHER = re.compile(r"(?i)\b(?:together|combined|between\s+them|jointly)\b|合计|合起来|加起来|"
                      r"共计|一共|总共")
OPEN_ENDED = re.compile(r"(?i)\b(?:and\s+others|among\s+others|others|etc|led\s+by|such\s+as|"
                        r"including|the\s+rest\s+of\s+the\s+field|mostly|mainly|largely)\b|"
                        r"等|为首|包括|主要|大部分")


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


def _one(ents) -> object | None:
    """A listed name's entity: the family when a name is both a family and a provider."""
    ents = [e for e in ents if e.kind in ("family", "provider", "bot")]
    fams = [e for e in ents if e.kind != "provider"]
    return (fams or ents or [None])[0]


def backed(s) -> set[int]:
    """ids of the share mentions a sum of listed names backs ("A and B together held 48%"):
    they need no ledger fact of their own."""
    return s.cache.get("sets_backed", set())


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
        if split and m.role != "rest" and not together:
            continue
        a, b = s.clause(m.start)
        if split:
            listed = [n for n in s.names if n[0] > m.end]  # "... split among A, B and C"
        else:
            listed = [n for n in s.names if n[0] < m.start and s.start <= n[0]]
        ents = list(dict.fromkeys(e for e in (_one(n[2]) for n in listed) if e is not None))
        if any(e.kind != "provider" for e in ents):
            # "OpenAI's two image models, DALL-E-3 and GPT-Image-1, together": the models
            listed = [n for n in listed if _one(n[2]).kind != "provider"]
            ents = [e for e in ents if e.kind != "provider"]
        if len(ents) < 2 or len(ents) != len(listed):
            continue  # "DeepSeek's families together": one provider, its own facts
        chart = s.chart_near(m.start) or (s.charts[0] if s.charts else None)
        if chart is None:
            continue
        vals = [_share(s, e, chart, start) for e in ents]
        if any(v is None for v in vals):
            continue
        total = sum(vals)
        if total in tolerance(m):
            s.cache.setdefault("sets_backed", set()).add(id(m))
        else:
            names = ", ".join(e.name for e in ents)
            out.append(s.issue(m.start, m.end, f"{names} held {total:.1f}% between them, "
                                               f"not {m.text}"))
        break
    return out


def extra_mentions(s, taken):
    return []
