"""The verification corpus: a small dataset with hand-set share curves, findings-like facts
over it, and a table of English and Chinese sentences that must pass or fail.

The dataset mirrors the reference post's stories (Kling-2.0 21% of video three weeks after
release, DeepSeek-R1 from a 7% peak in mid-February to 3% by late April, Runway 40% → 20%,
ElevenLabs 80% ...) with exact shares: every chart has a fixed weekly total, so a share is a
count divided by that total, and every value below can be read off the curves.

Weeks: 21 Mondays, 2025-01-06 (index 0) .. 2025-05-26 (index 20).
Index 5 = 2025-02-10 (mid-February), 15 = 2025-04-21 (late April, the last week of April),
18 = 2025-05-12 (mid-May), 20 = 2025-05-26.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from writer.facts import Fact
from writer.load import OTHER, Bot, Dataset, Family, Registry
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares

WEEKS = tuple(date(2025, 1, 6) + timedelta(weeks=i) for i in range(21))
N = len(WEEKS)


def _ramp(start: int, values: list[float], after: float | None = None) -> list[float]:
    out = [0.0] * start + list(values)
    tail = values[-1] if after is None else after
    out += [tail] * (N - len(out))
    return out[:N]


def _line(a: float, b: float) -> list[float]:
    return [round(a + (b - a) * i / (N - 1), 6) for i in range(N)]


# chart → family → (provider, bots, released, weekly share in %)
CURVES: dict[str, dict[str, tuple[str, tuple[str, ...], str | None, list[float]]]] = {
    "video": {
        "Kling-2.0": ("Kuaishou", ("Kling-2.0-Master",), "2025-04-24",
                      _ramp(15, [4.0, 11.0, 16.0, 21.0, 21.3, 22.4])),
        "Kling-1.6": ("Kuaishou", ("Kling-1.6-Pro", "Kling-1.6-Standard"), None, [8.0] * N),
        "Veo-2": ("Google", ("Veo-2",), "2025-02-18",
                  _ramp(6, [12.0, 18.0] + [20.5 if i % 2 else 19.5 for i in range(13)])),
        "Runway": ("Runway", ("Runway-Gen-3-Alpha-Turbo",), None, _line(40.0, 20.0)),
        "Pika": ("Pika", ("Pika-2.2",), None, [10.0] * N),
    },
    "image": {
        "FLUX": ("Black Forest Labs", ("FLUX-pro-1.1", "FLUX-dev", "FLUX-schnell"), None,
                 _line(45.0, 35.0)),
        "Imagen-3": ("Google", ("Imagen-3", "Imagen-3-Fast"), None, _line(10.0, 30.0)),
        "GPT-Image-1": ("OpenAI", ("GPT-Image-1",), "2025-04-23",
                        _ramp(15, [5.0, 12.0, 17.0, 17.5, 17.0, 17.0])),
    },
    "audio": {
        "ElevenLabs": ("ElevenLabs", ("ElevenLabs-v2.5-Turbo", "ElevenLabs-v3"), None, [80.0] * N),
        "Cartesia": ("Cartesia", ("Cartesia",), None, [8.0] * N),
        "PlayAI": ("PlayAI", ("PlayAI-Dialog",), None, [5.0] * N),
        "Unreal-Speech": ("Unreal Speech", ("Unreal-Speech",), None, [4.0] * N),
    },
    "text": {
        "GPT-4o": ("OpenAI", ("GPT-4o", "ChatGPT-4o-Latest", "GPT-4o-mini"), None,
                   [36.0] * 19 + [35.8, 35.8]),
        "GPT-4.1": ("OpenAI", ("GPT-4.1", "GPT-4.1-mini", "GPT-4.1-nano"), "2025-04-14",
                    _ramp(14, [3.0, 6.0, 8.0, 9.4, 10.0, 10.0, 10.0])),
        "Gemini-2.5": ("Google", ("Gemini-2.5-Pro", "Gemini-2.5-Flash"), "2025-03-25",
                       _ramp(11, [1.0, 2.0, 3.0, 4.0, 4.5, 5.0, 5.2, 5.5, 5.8, 6.0])),
        "Claude-3.5-Sonnet": ("Anthropic", ("Claude-3.5-Sonnet",), None, _line(25.0, 12.0)),
        "Claude-3.7-Sonnet": ("Anthropic", ("Claude-3.7-Sonnet", "Claude-3.7-Sonnet-Reasoning"),
                              "2025-02-24", _ramp(7, [3.0])),
        "DeepSeek-R1": ("DeepSeek", ("DeepSeek-R1",), "2025-01-20",
                        _ramp(2, [2.0, 4.0, 5.0, 7.0, 6.6, 6.2, 5.8, 5.4, 5.0, 4.6, 4.2, 3.8,
                                  3.4, 3.0, 3.0, 2.9, 2.8, 2.7, 2.6])),
        "Grok-3": ("xAI", ("Grok-3", "Grok-3-Mini"), "2025-02-17", _ramp(6, [2.0])),
        "o1": ("OpenAI", ("o1", "o1-preview", "o1-mini"), None, [2.0] * N),
        "o3": ("OpenAI", ("o3-mini", "o3-mini-high", "o3"), "2025-01-31", _ramp(4, [2.0])),
        "o4-mini": ("OpenAI", ("o4-mini",), "2025-04-16", _ramp(14, [1.0])),
        "Qwen-3": ("Alibaba", ("Qwen3-235B-A22B",), "2025-04-29", _ramp(16, [0.2])),
        # two flat series for the rounding edges: a true 9.5 and a true 9.49
        "Llama-4": ("Meta", ("Llama-4-Maverick", "Llama-4-Scout"), None, [9.5] * N),
        "Mistral-Large": ("Mistral", ("Mistral-Large-2",), None, [9.49] * N),
    },
}
TOTAL = 100_000  # messages per chart per week: a share of 21.0% is 21,000 messages
# Text families whose messages are all reasoning (Gemini-2.5 and Claude-3.7: a part).
REASONING_PART = {"DeepSeek-R1": 1.0, "o1": 1.0, "o3": 1.0, "o4-mini": 1.0, "Grok-3": 0.1,
                  "Gemini-2.5": 0.5, "Claude-3.7-Sonnet": 0.4, "Qwen-3": 0.5}


@lru_cache(maxsize=1)
def dataset() -> Dataset:
    rows = []
    bots: dict[str, Bot] = {}
    families: dict[str, Family] = {}
    for chart, fams in CURVES.items():
        rest = np.full(N, 100.0)
        for fam, (provider, fam_bots, released, curve) in fams.items():
            rest -= np.array(curve)
            families[fam] = Family(fam, provider,
                                   date.fromisoformat(released) if released else None, None,
                                   tuple(sorted(fam_bots)))
            for b in fam_bots:
                bots[b] = Bot(b, fam, provider)
            for i, share in enumerate(curve):
                msgs = round(share * TOTAL / 100)
                if not msgs:
                    continue
                part = REASONING_PART.get(fam, 0.0) if chart == "text" else 0.0
                first = fam_bots[0]
                r = round(msgs * part)
                if r:
                    rows.append((WEEKS[i], chart, first, r, True, "user"))
                if msgs - r:
                    rows.append((WEEKS[i], chart, first, msgs - r, False, "user"))
        other_bot = f"Other-{chart}"
        bots[other_bot] = Bot(other_bot, OTHER, "unknown")
        assert (rest >= 0).all(), chart
        for i, share in enumerate(rest):
            msgs = round(share * TOTAL / 100)
            if msgs:
                rows.append((WEEKS[i], chart, other_bot, msgs, False, "user"))
    families[OTHER] = Family(OTHER, "unknown", None, None,
                             tuple(sorted(b for b in bots if bots[b].family == OTHER)))
    # the "animate" follow-up: excluded from shares by the trigger rule
    rows.append((WEEKS[3], "video", "Kling-1.6-Pro", 5000, False, "animate"))
    usage = pd.DataFrame(rows, columns=["week", "category", "bot", "messages", "reasoning",
                                        "trigger"])
    usage["week"] = pd.to_datetime(usage["week"])
    usage["messages"] = usage["messages"].astype("int64")
    registry = Registry(MappingProxyType(bots), MappingProxyType(families))
    return Dataset(usage=usage, registry=registry, usage_path="<corpus>", models_path=None,
                   sha256="0" * 64)


@lru_cache(maxsize=1)
def shares():
    data = dataset()
    return compute_shares(data, resolve_weeks(parse_period("2025H1"), data.mondays))


# ------------------------------------------------------------------ findings-like facts


@dataclass(frozen=True)
class FakeFinding:
    id: str
    kind: str
    chart: str
    subject: str
    facts: dict = field(default_factory=dict)
    score: float = 1.0


@dataclass(frozen=True)
class FakeFindings:
    findings: tuple

    def fact(self, fact_id: str):
        for f in self.findings:
            for fact in f.facts.values():
                if fact.id == fact_id:
                    return fact
        return None


def _w(i: int) -> date:
    return WEEKS[i]


def _fact(fid: str, name: str, value, unit: str, entity: str, kind: str, chart: str,
          weeks: tuple[int, ...]) -> Fact:
    return Fact(f"{fid}.{name}", name, value, unit, entity, kind, chart,
                tuple(_w(i) for i in weeks))


def findings() -> FakeFindings:
    """Facts as the findings engine would report them (ids F1.., names as in issue 3)."""
    F = []

    def add(fid, kind, chart, subject, *facts):
        F.append(FakeFinding(fid, kind, chart, subject, {f.name: f for f in facts}))

    add("F1", "launch_ramp", "video", "Kling-2.0",
        _fact("F1", "share", 21.0, "pct", "Kling-2.0", "family", "video", (18,)),
        _fact("F1", "weeks_after_launch", 3, "weeks", "Kling-2.0", "family", "video", ()),
        _fact("F1", "launch_week", _w(15).isoformat(), "date", "Kling-2.0", "family", "video",
              (15,)))
    add("F2", "peak_decline", "text", "DeepSeek-R1",
        _fact("F2", "peak", 7.0, "pct", "DeepSeek-R1", "family", "text", (5,)),
        _fact("F2", "peak_week", _w(5).isoformat(), "date", "DeepSeek-R1", "family", "text", (5,)),
        _fact("F2", "end", 3.0, "pct", "DeepSeek-R1", "family", "text", (15,)),
        _fact("F2", "end_week", _w(15).isoformat(), "date", "DeepSeek-R1", "family", "text",
              (15,)),
        _fact("F2", "ratio", 3.0 / 7.0, "ratio", "DeepSeek-R1", "family", "text", (5, 15)))
    add("F3", "fall", "video", "Runway",
        _fact("F3", "start", 39.5, "pct", "Runway", "family", "video", (0, 1)),
        _fact("F3", "end", 20.5, "pct", "Runway", "family", "video", (19, 20)),
        _fact("F3", "change", -19.0, "pp", "Runway", "family", "video", (0, 1, 19, 20)),
        _fact("F3", "ratio", 20.5 / 39.5, "ratio", "Runway", "family", "video", (0, 1, 19, 20)))
    add("F4", "concentration", "audio", "ElevenLabs",
        _fact("F4", "share", 80.0, "pct", "ElevenLabs", "family", "audio", (19, 20)))
    add("F5", "launch_ramp", "image", "GPT-Image-1",
        _fact("F5", "share", 17.0, "pct", "GPT-Image-1", "family", "image", (17,)),
        _fact("F5", "weeks_after_launch", 2, "weeks", "GPT-Image-1", "family", "image", ()))
    add("F6", "provider_change", "text", "Anthropic",
        _fact("F6", "change", -9.35, "pp", "Anthropic", "provider", "text", (0, 1, 19, 20)))
    add("F7", "rise", "image", "Imagen-3",
        _fact("F7", "start", 10.5, "pct", "Imagen-3", "family", "image", (0, 1)),
        _fact("F7", "end", 29.5, "pct", "Imagen-3", "family", "image", (19, 20)),
        _fact("F7", "ratio", 29.5 / 10.5, "ratio", "Imagen-3", "family", "image", (0, 1, 19, 20)))
    return FakeFindings(tuple(F))


@lru_cache(maxsize=1)
def ledger():
    from writer.ledger import build_ledger

    return build_ledger(shares(), findings(), dataset().registry)


def names() -> tuple[str, ...]:
    reg = dataset().registry
    return tuple(sorted(set(reg.bots) | set(reg.families) | set(reg.providers)))


# ====================================================================== the sentences


@dataclass(frozen=True)
class Case:
    lang: str
    chart: str | None  # the chart section the sentence sits in (None: outside any)
    text: str
    ok: bool  # True: every number is backed; False: at least one is not
    tags: tuple[str, ...]
    why: str = ""


def _cases(lang: str, rows) -> list[Case]:
    out = []
    for row in rows:
        chart, text, ok, tags = row[:4]
        why = row[4] if len(row) > 4 else ""
        out.append(Case(lang, chart, text, ok, tuple(tags.split()), why))
    return out


T, F = True, False

EN = _cases("en", [
    # ---------------------------------------------------------------- digits and percentages
    ("video", "Kling-2.0-Master took 21% of video generations three weeks after its release.", T,
     "pct duration mask-name", "21.0% in 2025-05-12, release week 2025-04-21"),
    ("video", "Kling-2.0-Master took 12% of video generations three weeks after its release.", F,
     "pct wrong-number", "the issue's example: 21.0% in 2025-05-12"),
    ("video", "Kling 2.0 reached 21.3 % of all videos in the week of May 19.", T, "pct decimals date"),
    ("video", "Kling 2.0 reached 21.4 % of all videos in the week of May 19.", F,
     "pct decimals", "21.3 is outside [21.35, 21.45)"),
    ("video", "In mid-May, Kling-2.0 made up 21 percent of video.", T, "pct date"),
    ("video", "Kling-2.0 held about 21% of video by late May.", T, "approx date",
     "21.3 and 22.4 in late May are within 21 ± 2.1"),
    ("video", "Kling-2.0 held about 30% of video by late May.", F, "approx"),
    ("video", "The Kling family holds about 30% of video.", T, "approx brand",
     "Kling-2.0 + Kling-1.6 end at 29.85%"),
    ("video", "Runway's share fell from about 40% to about 20%.", T, "range-from-to approx"),
    ("video", "Runway's share fell from 40 to 20%.", T, "range-from-to",
     "the first number borrows the second's % sign"),
    ("video", "Runway's share rose from about 20% to about 40%.", F, "range-from-to order",
     "the values exist but run the other way in time"),
    ("video", "Runway's share fell from about 40% to about 30%.", F, "range-from-to"),
    ("video", "Veo 2 held steady at about 20% after its February launch.", T,
     "approx date-release mask-name"),
    ("video", "Veo 2 held steady at about 20% after its April launch.", F, "date-release",
     "Veo-2 was released on 2025-02-18"),
    ("video", "Veo 2 stayed between 19% and 21% after launch.", T, "range"),
    ("video", "Veo 2 stayed in the 19–21% range.", T, "range"),
    ("video", "Veo 2 stayed in the 25–30% range.", F, "range"),
    ("video", "Pika held 10% of video throughout.", T, "pct"),
    ("video", "Pika held 15% of video throughout.", F, "pct wrong-number"),
    # ---------------------------------------------------------------- rounding edges
    ("text", "Llama 4 took 10% of text messages.", T, "rounding-edge",
     "a true 9.5 rounds half up to 10"),
    ("text", "Llama 4 took 9% of text messages.", F, "rounding-edge", "9.5 does not round to 9"),
    ("text", "Mistral Large took 9% of text messages.", T, "rounding-edge",
     "a true 9.49 rounds to 9"),
    ("text", "Mistral Large took 10% of text messages.", F, "rounding-edge",
     "9.49 does not round to 10"),
    ("text", "Mistral Large took 9.5% of text messages.", T, "rounding-edge decimals",
     "9.49 is inside [9.45, 9.55)"),
    ("text", "Mistral Large took 9.4% of text messages.", F, "rounding-edge decimals"),
    ("text", "Mistral Large took about 10% of text messages.", T, "rounding-edge approx"),
    # ---------------------------------------------------------------- approximation words
    ("audio", "ElevenLabs served about 80% of all TTS requests.", T, "approx"),
    ("audio", "ElevenLabs served around 80% of all TTS requests.", T, "approx"),
    ("audio", "ElevenLabs served roughly 78% of all TTS requests.", T, "approx",
     "|80 − 78| <= 7.8"),
    ("audio", "ElevenLabs served ~80% of all TTS requests.", T, "approx"),
    ("audio", "ElevenLabs served ~60% of all TTS requests.", F, "approx"),
    ("audio", "ElevenLabs served nearly 82% of requests.", T, "nearly", "80 is at or below 82"),
    ("audio", "ElevenLabs served nearly 79% of requests.", F, "nearly",
     "80 is above 79: 'nearly' means at or below"),
    ("audio", "ElevenLabs served almost 85% of requests.", T, "nearly"),
    ("audio", "ElevenLabs served almost 95% of requests.", F, "nearly",
     "80 is more than 10% below 95"),
    ("audio", "ElevenLabs served over 75% of requests.", T, "over"),
    ("audio", "ElevenLabs served more than 80% of requests.", F, "over", "80 is not above 80"),
    ("audio", "ElevenLabs served more than 79% of requests.", T, "over"),
    ("audio", "Cartesia had under 10% of requests.", T, "under"),
    ("audio", "Cartesia had under 8% of requests.", F, "under", "8 is not under 8"),
    ("audio", "Cartesia, PlayAI and Unreal Speech each held less than a tenth of requests.", T,
     "under number-words"),
    ("reasoning", "Grok-3-mini accounts for under 2% of reasoning usage.", T, "under mask-name"),
    ("reasoning", "Grok-3-mini accounts for under 1% of reasoning usage.", F, "under",
     "Grok-3 holds about 1.7% of reasoning"),
    ("reasoning", "Qwen 3 stayed at about 1% of reasoning messages.", T, "approx mask-name"),
    # ---------------------------------------------------------------- number words
    ("video", "Kling 2.0 alone has about a fifth of video.", T, "number-words fraction",
     "21.85% at the end is within 20 ± 2.5"),
    ("video", "Kling 2.0 alone has about a quarter of video.", F, "number-words fraction"),
    ("video", "Runway now makes about one in five video generations.", T, "number-words fraction",
     "20.5% at the end"),
    ("video", "Runway now makes about one in two video generations.", F, "number-words"),
    ("video", "Runway started the year with two fifths of video.", T, "number-words fraction"),
    ("image", "Imagen 3 ended with a quarter of image generations.", F, "number-words",
     "29.5% is not within 25 ± 2.5"),
    ("image", "Imagen 3 ended with nearly a third of image generations.", T, "number-words nearly"),
    ("video", "Video has five families and four providers with messages.", T, "count",
     "Other is not counted"),
    ("video", "Video has seven families with messages.", F, "count"),
    # ---------------------------------------------------------------- ratio words
    ("text", "DeepSeek-R1 more than halved from its peak.", T, "ratio-word", "3/7 = 0.43"),
    ("text", "DeepSeek-R1's share halved between its peak and the end of April.", T, "ratio-word",
     "0.43 is inside 0.4–0.6"),
    ("video", "Runway's share halved over the period.", T, "ratio-word", "20.5/39.5 = 0.52"),
    ("video", "Runway's share more than halved over the period.", F, "ratio-word",
     "0.52 is not below 0.5"),
    ("image", "Imagen 3 tripled its share.", T, "ratio-word", "29.5/10.5 = 2.81"),
    ("image", "Imagen 3 doubled its share.", F, "ratio-word", "2.81 is outside 1.6–2.4"),
    ("image", "Imagen 3 more than doubled its share.", T, "ratio-word"),
    ("text", "OpenAI's share of text did not double: it rose by about a third.", T,
     "ratio-word fraction", "38 → 50.8 is ×1.34"),
    ("text", "Anthropic's share fell by a third.", F, "ratio-word fraction",
     "24.675 → 15.325 is ×0.62, a fall of 38%: not about a third (30–36.7%)"),
    ("image", "FLUX's share fell by about a fifth.", T, "ratio-word fraction",
     "44.75 → 35.25 is a fall of 21%"),
    ("text", "Anthropic's share fell by about 38%.", T, "pct-change"),
    ("text", "Anthropic's share fell by 10%.", F, "pct-change pp-vs-pct",
     "a 10% fall is ×0.9; the 10 is points, not percent"),
    ("text", "Anthropic lost about 10 points of text share.", T, "pp", "−9.35 points"),
    ("text", "Anthropic gained about 10 points of text share.", F, "pp sign"),
    ("text", "Anthropic was down about 9 percentage points.", T, "pp"),
    ("text", "Anthropic was down 38 points.", F, "pp pp-vs-pct", "38 is the percent change"),
    ("text", "The Claude family saw a ~10% absolute share decline.", T, "pp absolute brand",
     "'absolute' makes the % a change in points"),
    ("video", "Runway fell by about 48%.", T, "pct-change", "1 − 20.5/39.5 = 0.48"),
    ("video", "Runway fell by about 19 points.", T, "pp"),
    ("video", "Runway fell by about 19%.", F, "pct-change pp-vs-pct"),
    # ---------------------------------------------------------------- durations
    ("image", "GPT-Image-1 reached 17% of image generations in just two weeks.", T,
     "duration-just mask-name", "2025-04-21 + 2 weeks = 2025-05-05: 17.0%"),
    ("image", "GPT-Image-1 reached 17% of image generations in just one week.", F,
     "duration-just", "12% one week after release; 17% after two"),
    ("image", "GPT-Image-1 reached 17% of image generations within two weeks.", T,
     "duration-within"),
    ("image", "GPT-Image-1 reached 17% of image generations within three weeks.", T,
     "duration-within", "2 <= 3"),
    ("image", "GPT-Image-1 reached 17% of image generations within one week.", F,
     "duration-within"),
    ("image", "GPT-Image-1 reached 12% two weeks after release.", F, "duration",
     "12% was one week after release"),
    ("image", "GPT-Image-1 reached 12% one week after release.", T, "duration"),
    ("reasoning", "Gemini 2.5 Pro took about 21% of reasoning messages within 6 weeks of launch.",
     T, "duration-within mask-name approx"),
    ("reasoning", "Gemini 2.5 Pro took about 30% of reasoning messages within 6 weeks of launch.",
     F, "duration-within approx", "it never passed 25% of reasoning"),
    ("text", "GPT-4.1 reached 10% of text four weeks after its release.", T, "duration mask-name"),
    ("text", "GPT-4.1 reached 10% of text within 2 weeks of its release.", F, "duration-within",
     "it took four weeks"),
    ("video", "Kling-2.0-Master took 21% of video five weeks after its release.", F,
     "duration", "three weeks, not five"),
    ("video", "Kling-2.0 took 21% of video in its fourth week.", T, "duration ordinal",
     "release week + 3 = the fourth week"),
    ("text", "Over the 21 weeks, GPT-4o stayed the largest family with about 36%.", T,
     "duration period"),
    # ---------------------------------------------------------------- date phrases
    ("text", "DeepSeek-R1 fell from a 7% peak in mid-February to 3% by the end of April.", T,
     "date range-from-to"),
    ("text", "DeepSeek-R1 fell from a 7% peak in mid-March to 3% by the end of April.", F,
     "date-moved", "the peak was in the week of 2025-02-10"),
    ("text", "DeepSeek-R1 fell from a 7% peak in mid-February to 3% by mid-March.", F,
     "date-moved", "5.4% and 5.0% in mid-March"),
    ("text", "DeepSeek-R1 fell from a 7% peak in mid-February to 3% by the end of May.", T,
     "date", "2.7% and 2.6% in the last two weeks round to 3%"),
    ("text", "DeepSeek-R1 peaked in mid-February.", T, "date-peak"),
    ("text", "DeepSeek-R1 peaked in late March.", F, "date-peak"),
    ("image", "FLUX held ~35% in the last week of April.", T, "date last-week",
     "37.5% and 37.0% in the weeks overlapping 24–30 April"),
    ("image", "FLUX held ~35% in the last week of January.", F, "date-moved last-week",
     "about 44% then"),
    ("image", "FLUX held about 44% in early January.", T, "date"),
    ("reasoning", "In early 2025, reasoning models took about 2% of all text messages.", T,
     "date chart-word", "reasoning's share of text: 2.0% in January"),
    ("reasoning", "In January, reasoning models took about 12% of all text messages.", F,
     "date chart-word", "2–6% in January"),
    ("reasoning", "Reasoning rose from about 2% of text in January to about 12% in May.", T,
     "date range-from-to chart-word"),
    ("reasoning", "Reasoning rose from about 2% of text in January to about 12% in January.",
     F, "date-moved", "at most 6% in January"),
    ("video", "In H1 2025, Runway fell from about 40% to about 20% of video.", T, "date-half"),
    ("video", "In Q2, Kling-2.0 rose to about 22% of video.", T, "date-quarter"),
    ("video", "In Q1, Kling-2.0 rose to about 22% of video.", F, "date-quarter",
     "Kling-2.0 had no videos before April"),
    ("video", "Kling-2.0-Master, released in late April 2025, took 21% three weeks later.", T,
     "date-release duration"),
    ("video", "Kling-2.0-Master, released in late May 2025, took 21% three weeks later.", F,
     "date-release date-moved"),
    # the launch date read off a gerund: the tool's own {{F3.launch}} slot reads this way (issue 17)
    ("video", "Kling-2.0 reached 21% of video three weeks after launching in late April.", T,
     "date-release duration"),
    ("video", "Kling-2.0 reached 21% of video within three weeks of launching in late April.", T,
     "date-release duration"),
    ("video", "Kling-2.0 reached 21% of video three weeks after launching in mid-February.", F,
     "date-release date-moved"),
    ("image", "GPT-Image-1 launched in the API in late April.", T, "date-release"),
    ("image", "GPT-Image-1 launched in the API in late March.", F, "date-release date-moved"),
    ("text", "Claude 3.7 Sonnet, released in late February, held 3% of text.", T,
     "date-release mask-name"),
    ("text", "On 2025-05-12, GPT-4.1 had 10% of text.", T, "date-iso"),
    ("text", "On 2025-03-10, GPT-4.1 had 10% of text.", F, "date-iso",
     "GPT-4.1 had no messages in March"),
    # ---------------------------------------------------------------- counts and ranks
    ("text", "The platform serves dozens of bots.", T, "count", "46 bots in the registry"),
    ("text", "The platform serves 100+ official bots.", F, "count", "46, not 100 or more"),
    ("text", "The platform serves more than 100 bots.", F, "count"),
    ("text", "The platform serves more than 40 bots.", T, "count"),
    ("text", "Text has 13 named families from 8 providers.", T, "count"),
    ("video", "Runway was the second-largest video family at the end.", T, "rank",
     "20.5% after Kling-2.0's 21.85%"),
    ("video", "Veo 2 was the second-largest video family in late May.", F, "rank date",
     "third in both weeks"),
    ("text", "GPT-4o is the No. 1 text family with about 36%.", T, "rank approx"),
    ("text", "Gemini 2.5 is the No. 1 text family.", F, "rank mask-name"),
    ("reasoning", "Gemini 2.5 Pro became No. 1 in reasoning by the end of May.", T, "rank date"),
    ("video", "Kling-2.0, Runway and Veo 2 are the top three video families.", T, "rank-top"),
    ("video", "Pika is in the top three video families.", F, "rank-top",
     "fourth at the end: an undated rank is read at the end of the period (issue 15)"),
    ("video", "Pika was in the top three video families at the start of the period.", T,
     "rank-top", "second at the start"),
    ("video", "Pika ranked second at its peak.", F, "rank", "at its peak, Pika ranked fourth"),
    ("video", "Pika ranks fifth in video.", F, "rank", "2nd, 4th, 4th or 3rd"),
    # ---------------------------------------------------------------- names and markup
    ("text", "Claude 3.7 Sonnet replaced Claude-3.5-Sonnet, which still held about 12% of text.",
     T, "mask-name", "no digit of either name is read"),
    ("text", "o3 and o4-mini followed o1, and GPT-4.1 followed GPT-4o.", T, "mask-name",
     "no numbers at all"),
    ("video", "Runway still serves Gen-3-Alpha-Turbo, not Gen-4-Alpha-Turbo.", T,
     "mask-name unregistered"),
    ("video", "Imagen 3 and Veo 2 are Google's.", T, "mask-name"),
    ("text", "Qwen 3 and Qwen3 are the same family; GPT-4.1-mini and GPT 4.1 nano too.", T,
     "mask-name"),
    ("text", "See the methodology [1] and note [^2] at https://poe.com/blog/2025-05-12-report.", T,
     "mask-markup"),
    ("video", ("![Kling-2.0 took 21% of video](/assets/2025/kling-2.png) "
     "{{ '/assets/2025-06/video.svg' | relative_url }} {:toc}"), T, "mask-markup image-alt"),
    ("video", "![Kling-2.0 took 31% of video](/assets/2025/kling-2.png)", F,
     "image-alt", "alt text is read: it states the chart's headline"),
    ("text", "<span data-week=\"2025-02-10\">GPT-4o</span> kept about 36%.", T, "mask-markup"),
    # ---------------------------------------------------------------- paraphrases a person writes
    ("video", "In the week of May 19, Kling 2.0 had about 21% of video.", T, "paraphrase approx",
     "a true 21.3% said as 'about 21%'"),
    ("video", ("Kling 2.0's share roughly doubled between the week of April 28 and the week of "
               "May 26."), T, "paraphrase ratio-word date", "11.0% → 22.4%"),
    ("text", "DeepSeek-R1's share more than halved between mid-February and late April.", T,
     "paraphrase ratio-word date", "7.0% → 3.0%"),
    ("image", "By late May, Imagen 3 had close to 30% of image generations.", T,
     "paraphrase nearly date"),
])

ZH = _cases("zh", [
    ("video", "中国公司快手的 Kling 2.0，仅用三周就占了 Poe 上 21% 的视频生成量。", T,
     "duration-just mask-name"),
    ("video", "中国公司快手的 Kling 2.0，仅用五周就占了 Poe 上 21% 的视频生成量。", F,
     "duration-just"),
    ("video", "Kling-2.0-Master 发布三周后拿下了 21% 的视频生成量。", T, "duration"),
    ("video", "Kling-2.0-Master 发布三周后拿下了 31% 的视频生成量。", F, "wrong-number"),
    ("video", "Kling 家族目前约占视频生成的三成。", T, "cheng approx brand"),
    ("video", "Kling 家族目前约占视频生成的五成。", F, "cheng"),
    ("video", "Kling 2.0 在5月中旬占了两成多的视频生成量。", T, "cheng-plus date",
     "21.0%: more than 20%, less than 30%"),
    ("video", "Kling 2.0 在5月中旬占了三成多的视频生成量。", F, "cheng-plus"),
    ("video", "Runway 的份额从约40%降至约20%。", T, "range-from-to approx"),
    ("video", "Runway 的份额从约20%升至约40%。", F, "range-from-to order"),
    ("video", "Runway 的份额下降了一半。", T, "yiban ratio-word", "20.5/39.5 = 0.52"),
    ("video", "Runway 的份额下降了一半以上。", F, "yiban ratio-word", "0.52 is not below 0.5"),
    ("video", "Veo 2 在2月发布后保持在约20%。", T, "date-release approx mask-name"),
    ("video", "Veo 2 在4月发布后保持在约20%。", F, "date-release"),
    ("video", "Pika 占视频生成的一成。", T, "cheng"),
    ("text", "DeepSeek R1的消息份额从2月中旬的高峰7%下降至4月底的3%。", T,
     "date range-from-to mask-name"),
    ("text", "DeepSeek R1的消息份额从3月中旬的高峰7%下降至4月底的3%。", F, "date-moved"),
    ("text", "DeepSeek R1的消息份额从2月中旬的高峰7%下降至3月中旬的3%。", F, "date-moved"),
    ("text", "DeepSeek R1 从高峰下降了一半以上。", T, "yiban ratio-word"),
    ("text", "DeepSeek R1 的份额在2月中旬见顶。", T, "date-peak"),
    ("text", "DeepSeek R1 的份额在4月中旬见顶。", F, "date-peak"),
    ("text", "Llama 4 占文本消息的10%。", T, "rounding-edge"),
    ("text", "Llama 4 占文本消息的9%。", F, "rounding-edge"),
    ("text", "Mistral Large 占文本消息的9%。", T, "rounding-edge"),
    ("text", "Mistral Large 占文本消息的10%。", F, "rounding-edge"),
    ("text", "Anthropic 的份额下降了约10个百分点。", T, "pp"),
    ("text", "Anthropic 的份额上升了约10个百分点。", F, "pp sign"),
    ("text", "Anthropic 的份额下降了约38%。", T, "pct-change"),
    ("text", "Anthropic 的份额下降了10%。", F, "pct-change pp-vs-pct"),
    ("text", "Anthropic 的Claude系列在同一时期内见证了 ~10%的绝对份额下降。", T, "pp absolute"),
    ("text", "Claude-3.5-Sonnet 仍保留了约12%的整体使用率。", T, "approx"),
    ("text", "Claude-3.5-Sonnet 仍保留了约30%的整体使用率。", F, "approx"),
    ("text", "GPT-4.1 系列发布后几周内就快速占据了约 10% 的使用量。", T, "duration-vague approx",
     "几周 = 2–9 weeks"),
    ("text", "GPT-4.1 系列发布后四周就占据了 10% 的使用量。", T, "duration"),
    ("text", "GPT-4.1 系列发布后两周内就占据了 10% 的使用量。", F, "duration-within"),
    ("text", "Gemini 2.5 Pro 也在4月底达到 5%，并持续增长。", T, "pct date mask-name"),
    ("text", "Gemini 2.5 Pro 也在上线不久后达到 5%，并持续增长。", F, "undated-weekly",
     ("5.0% is one week's value: an undated number binds to start, end, peak, mean...; "
     "say when (4月底) or how long after launch")),
    ("text", "GPT-4o 排名第一，约占36%。", T, "rank approx"),
    ("text", "GPT-4o 排名第3。", F, "rank"),
    ("text", "Claude-3.5-Sonnet 在1月位居第二。", T, "rank date"),
    ("text", "Claude-3.5-Sonnet 在1月位居第一。", F, "rank date"),
    ("text", "文本图表中有十几个模型家族。", T, "count-vague", "13 families"),
    ("text", "文本图表中有几十个模型家族。", F, "count-vague"),
    ("text", "OpenAI 在文本中有五个模型家族。", T, "count"),
    ("text", "OpenAI 在文本中有三个模型家族。", F, "count"),
    ("reasoning", "2025年初，使用推理模型的比例是 2%，到5月已经涨到了 12%。", T,
     "date chart-word"),
    ("reasoning", "2025年初，推理模型占文本消息的比例是 2%，到1月已经涨到了 12%。", F, "date-moved"),
    ("reasoning", "2025年初，推理模型占文本消息的比例是 2%，到5月已经涨到了 12%。", T,
     "date chart-word"),
    ("reasoning", "推理消息占全部文本消息的比例从2%增加到12%。", T, "range-from-to chart-word"),
    ("reasoning", "推理消息占全部文本消息的比例从2%增加到10%。", F, "range-from-to"),
    ("reasoning", "推理消息占文本消息的比例在上半年增长到约12%。", T, "date-half"),
    ("reasoning", "推理消息占文本消息的比例在年初约为2%。", T, "date-year-start"),
    ("reasoning", "推理消息占文本消息的比例在年初约为20%。", F, "date-year-start"),
    ("reasoning", "Gemini 2.5 Pro 短短6周内拿下了约21%的推理消息。", T, "duration-within"),
    ("reasoning", "Gemini 2.5 Pro 短短6周内拿下了约30%的推理消息。", F, "duration-within"),
    ("reasoning", "Gemini 2.5 Pro 两周内拿下了约21%的推理消息。", F, "duration-within",
     "9.4% two weeks after launch"),
    ("reasoning", "Grok-3-mini 的使用率不到 2%。", T, "under mask-name"),
    ("reasoning", "Grok-3-mini 的使用率不到 1%。", F, "under"),
    ("reasoning", "Qwen 3 占推理消息约1%。", T, "approx mask-name"),
    ("image", "GPT-Image-1（OpenAI）在4月刚推出，仅用两周就拿下了 17% 的图像生成使用量。", T,
     "date-release duration-just"),
    ("image", "GPT-Image-1（OpenAI）在3月刚推出，仅用两周就拿下了 17% 的图像生成使用量。", F,
     "date-release date-moved"),
    ("image", "GPT-Image-1 两周内拿下了 17% 的图像生成。", T, "duration-within"),
    ("image", "Google 的 Imagen 3 系列稳定增长，从10%到30%。", T, "range-from-to mask-name"),
    ("image", "Google 的 Imagen 3 系列稳定增长，从10%到40%。", F, "range-from-to"),
    ("image", "Imagen 3 的份额增长了两倍。", T, "ratio-multiple",
     "增长了两倍 = ×3; 29.5/10.5 = 2.81"),
    ("image", "Imagen 3 的份额翻了一番。", F, "fanyifan", "2.81 is not about 2"),
    ("image", "Imagen 3 的份额翻了一番多。", T, "fanyifan"),
    ("image", "FLUX 在4月最后一周的占有率约为35%。", T, "date last-week approx"),
    ("image", "FLUX 在5月最后一周的占有率约为45%。", F, "date last-week"),
    ("image", "FLUX 系列份额从约45%下降到约35%，当前约35%。", T, "range-from-to approx"),
    ("image", "FLUX 当前份额约 ３５％，略有下降。", T, "fullwidth approx"),
    ("image", "FLUX 当前份额约 ５５％。", F, "fullwidth"),
    ("audio", "ElevenLabs 占了八成的使用份额。", T, "cheng"),
    ("audio", "ElevenLabs 占了近八成的使用份额。", T, "cheng nearly", "80 is at or below 80"),
    ("audio", "ElevenLabs 占了近七成的使用份额。", F, "cheng nearly", "80 is above 70"),
    ("audio", "ElevenLabs 占了超过七成的使用份额。", T, "over cheng"),
    ("audio", "ElevenLabs 占了超过九成的使用份额。", F, "over cheng"),
    ("audio", "ElevenLabs 占了大约80%的使用份额。", T, "approx"),
    ("audio", "ElevenLabs 占了百分之八十的使用份额。", T, "bai"),
    ("audio", "ElevenLabs 占了百分之三十的使用份额。", F, "bai"),
    ("audio", "Cartesia 的份额不到一成。", T, "under cheng"),
    ("audio", "ElevenLabs 一家独大，占了一大半。", T, "yiban-share", "过半/大半 = above 50%"),
    ("audio", "ElevenLabs 占了一半。", F, "yiban-share", "80% is not about 50%"),
    ("audio", "Cartesia、PlayAI 和 Unreal Speech 三家新公司共占约17%。", F, "sum",
     "a sum of three providers is not a fact (8 + 5 + 4 = 17): the ledger has no such number"),
    ("video", "视频生成方面，Runway 位居第二。", T, "rank"),
    ("video", "Kling-2.0 在视频生成中排名第3。", F, "rank", "first at the end"),
    ("video", "Kling-2.0、Runway 和 Veo 2 位列前三名。", T, "rank-top"),
    ("video", "Kling 2.0 在上半年成为视频生成第一。", T, "rank date-half"),
    ("video", "Kling 2.0 在2月成为视频生成第一。", F, "rank date"),
    ("video", "Runway 在报告期内的份额约为30%。", T, "approx", "mean of 30% over 21 weeks"),
    ("video", "Runway 在报告期内的份额约为50%。", F, "approx"),
    ("text", "Gen-3-Alpha-Turbo、Claude 3.7 Sonnet、o4-mini 都不是数字。", T, "mask-name"),
    ("text", "Claude-3.7-Sonnet 于2月下旬发布，占文本消息的3%。", T, "date-release"),
    ("text", "Claude-3.7-Sonnet 于4月下旬发布，占文本消息的3%。", F, "date-release"),
    ("text", "更多信息见 [1] 与 https://poe.com/2025/05/12 。", T, "mask-markup"),
    ("text", "## 一、💬 文本模型趋势（聊天、写作、代码助手）", T, "mask-enumerator"),
    ("video", "Kling 2.0 在5月19日那一周约占视频生成的21%。", T, "paraphrase approx",
     "a true 21.3% said as 约21%"),
    ("video", "Kling 2.0 的份额从4月28日那周到5月26日那周翻了一番。", T,
     "paraphrase fanyifan date"),
    ("audio", "ElevenLabs 将近占了八成的使用份额。", T, "nearly cheng"),
    ("audio", "ElevenLabs 将近占了九成的使用份额。", F, "nearly cheng", "80 is not within 9 of 90"),
    ("reasoning", "推理消息占全部文本消息的比例从2%增加到12%。", T, "range-from-to chart-word"),
    ("text", "### ✅ 趋势一：OpenAI 和 Google 的模型越来越受欢迎", T, "mask-enumerator"),
])

CORPUS: tuple[Case, ...] = tuple(EN + ZH)
