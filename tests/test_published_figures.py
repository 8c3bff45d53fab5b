"""Each figure of the reference report, asserted against the share engine's output.

The list lives here, one assertion per figure (data/FIGURES.md explains each statistic).
Tolerances: 0.5 point where the report gives an exact whole number, 1 point for "about",
0.05 for press-coverage figures with one decimal.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from writer.load import load
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shares():
    data = load(ROOT / "data/usage.csv", ROOT / "data/models.csv")
    return compute_shares(data, resolve_weeks(parse_period("2025H1"), data.mondays))


def at(table, entity, *weeks: str) -> float:
    """Mean share of an entity over the given weeks (one week: that week's share)."""
    idx = [table.weeks.index(date.fromisoformat(w)) for w in weeks]
    return float(np.mean(table.series(entity)[idx]))


def start(table, entity):
    return at(table, entity, "2025-01-06", "2025-01-13")


def end(table, entity):
    return at(table, entity, "2025-05-19", "2025-05-26")


def first_week(table, entity) -> str:
    series = table.series(entity)
    return table.weeks[int(np.argmax(series > 0))].isoformat()


def rank_every_week(table, entity) -> int:
    col = table.entities.index(entity)
    named = [i for i, e in enumerate(table.entities) if e != "Other"]
    return max(int((table.shares[w, named] > table.shares[w, col]).sum()) + 1
               for w in range(len(table.weeks)))


def peak2(series) -> tuple[float, int]:
    rolled = (series[1:] + series[:-1]) / 2
    return float(rolled.max()), int(rolled.argmax()) + 1


# ---- text


def test_gpt41_about_10pct_within_weeks_of_mid_april_launch(shares):
    t = shares["text"]
    assert first_week(t, "GPT-4.1") == "2025-04-14"
    assert abs(at(t, "GPT-4.1", "2025-05-05") - 9.4) <= 0.05  # press coverage: 9.4%
    assert abs(end(t, "GPT-4.1") - 10) <= 1


def test_gemini25_about_5pct_within_weeks_of_late_march_launch_still_rising(shares):
    t = shares["text"]
    assert first_week(t, "Gemini-2.5") == "2025-03-24"
    weeks_after = at(t, "Gemini-2.5", "2025-05-05", "2025-05-12")
    assert abs(weeks_after - 5) <= 0.5
    assert end(t, "Gemini-2.5") > weeks_after


def test_anthropic_down_about_10_points(shares):
    p = shares["text"].by_provider()
    assert abs((end(p, "Anthropic") - start(p, "Anthropic")) - (-10)) <= 1


def test_claude35_sonnet_still_about_12pct_after_37_launch(shares):
    t = shares["text"]
    assert first_week(t, "Claude-3.7-Sonnet") == "2025-02-24"
    assert abs(end(t, "Claude-3.5-Sonnet") - 12) <= 0.5


def test_deepseek_r1_peaks_at_7pct_mid_february_then_3pct_end_of_april(shares):
    t = shares["text"]
    value, at_week = peak2(t.series("DeepSeek-R1"))
    assert abs(value - 7) <= 0.5
    assert t.weeks[at_week].isoformat() == "2025-02-17"  # the 2-week mean of Feb 10 and 17
    assert abs(at(t, "DeepSeek-R1", "2025-04-21", "2025-04-28") - 3) <= 0.5


def test_gpt4o_is_the_largest_family(shares):
    t = shares["text"]
    assert rank_every_week(t, "GPT-4o") == 1
    assert abs(at(t, "GPT-4o", "2025-05-26") - 35.8) <= 0.05  # press coverage


# ---- reasoning


def test_reasoning_share_of_text_from_2_to_10pct_with_a_spike(shares):
    share = shares["reasoning"].parent_share
    assert abs(share[:2].mean() - 2) <= 0.5
    assert abs(share[-2:].mean() - 10) <= 0.5
    spike, at_week = peak2(share)
    assert spike > 11 and shares["reasoning"].weeks[at_week].isoformat() == "2025-02-17"


def test_gemini25_about_30pct_of_reasoning_six_weeks_after_launch(shares):
    r = shares["reasoning"]
    assert abs(at(r, "Gemini-2.5", "2025-04-28", "2025-05-05") - 30) <= 1
    assert abs(at(r, "Gemini-2.5", "2025-05-26") - 31.5) <= 0.05  # press


def test_claude37_and_r1_press_shares_of_reasoning(shares):
    r = shares["reasoning"]
    assert abs(at(r, "Claude-3.7-Sonnet", "2025-05-26") - 19.1) <= 0.05
    assert abs(at(r, "DeepSeek-R1", "2025-05-26") - 12.2) <= 0.05


def test_openai_users_move_to_the_newest_reasoning_models(shares):
    r = shares["reasoning"]
    assert end(r, "o4-mini") > 0 and end(r, "o3") > end(r, "o1")
    assert end(r, "o1") < start(r, "o1") / 2


def test_grok3_under_1pct_of_reasoning(shares):
    r = shares["reasoning"]
    assert r.series("Grok-3").max() < 1


# ---- image


def test_gpt_image_1_17pct_two_weeks_after_launch(shares):
    i = shares["image"]
    assert first_week(i, "GPT-Image-1") == "2025-04-21"
    assert abs(at(i, "GPT-Image-1", "2025-05-05") - 17) <= 0.5


def test_imagen3_from_10_to_30pct(shares):
    i = shares["image"]
    assert abs(start(i, "Imagen-3") - 10) <= 0.5 and abs(end(i, "Imagen-3") - 30) <= 0.5


def test_flux_from_45_to_35pct_still_the_leader(shares):
    i = shares["image"]
    assert abs(start(i, "FLUX") - 45) <= 0.5 and abs(end(i, "FLUX") - 35) <= 0.5
    assert abs(at(i, "FLUX", "2025-04-28") - 35) <= 0.5
    assert rank_every_week(i, "FLUX") == 1


# ---- video


def test_kling20_21pct_three_weeks_after_release(shares):
    v = shares["video"]
    assert first_week(v, "Kling-2.0") == "2025-04-21"
    assert abs(at(v, "Kling-2.0", "2025-05-12") - 21) <= 0.5


def test_kuaishou_about_30pct_of_video(shares):
    p = shares["video"].by_provider()
    assert abs(end(p, "Kuaishou") - 30) <= 1


def test_veo2_steady_about_20pct(shares):
    s = shares["video"].series("Veo-2")[8:]  # from March on, after its February launch
    assert s.min() >= 19 and s.max() <= 21


def test_runway_from_40_to_20pct(shares):
    v = shares["video"]
    assert abs(start(v, "Runway") - 40) <= 0.5 and abs(end(v, "Runway") - 20) <= 0.5


# ---- audio


def test_elevenlabs_about_80pct(shares):
    s = shares["audio"].series("ElevenLabs")
    assert s.min() >= 79 and s.max() <= 81


def test_challengers_hold_the_rest_of_audio(shares):
    a = shares["audio"]
    rest = sum(a.series(f) for f in ("Cartesia", "Unreal-Speech", "PlayAI", "Orpheus"))
    np.testing.assert_allclose(a.series("ElevenLabs") + rest, 100, atol=1e-9)
