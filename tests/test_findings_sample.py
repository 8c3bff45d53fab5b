"""Story by story: the top findings of each chart on the sample data tell the reference's stories.

Every row of data/FIGURES.md (one published figure) is mapped below to the finding and
fact that carry it, among the TOP findings of its chart, and checked against the figure's
stated value and tolerance. A row without a mapping fails the test, so a new published
figure cannot go unchecked.

Findings report two-week means (see writer/findings.py). The press figures with one decimal
are single weeks the generator pins exactly; for those the finding must state the same level
within what "about" allows (max(1 point, 10%)), which is the tolerance `verify` gives a
sentence saying "about X%".
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import pytest

from writer.findings import find
from writer.load import OTHER, load
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares

ROOT = Path(__file__).resolve().parents[1]
TOP = 10  # findings per chart a story must be among


@functools.cache
def sample():
    data = load(ROOT / "data" / "usage.csv", ROOT / "data" / "models.csv")
    weeks = resolve_weeks(parse_period("2025H1"), data.mondays)
    shares = compute_shares(data, weeks)
    return data, shares, find(shares, data.registry)


def top(chart: str):
    return sample()[2].by_chart(chart)[:TOP]


def figures() -> dict[str, dict[str, str]]:
    rows = {}
    text = (ROOT / "data" / "FIGURES.md").read_text(encoding="utf-8")
    header = None
    for line in text.splitlines():
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        rows[row["id"]] = row
    return rows


def finding(chart: str, kind: str, subject: str):
    found = [f for f in top(chart) if f.kind == kind and f.subject == subject]
    assert found, (f"no {kind} finding about {subject} among the top {TOP} of {chart}: "
                   f"{[(f.id, f.kind, f.subject) for f in top(chart)]}")
    return found[0]


def about(expected: float) -> float:
    return max(1.0, 0.1 * expected)


# How each published figure is carried: (kind, subject, fact, check). Checks:
#   "value"  |fact − expected| ≤ the row's tol      "press"  ≤ the "about" tolerance
#   "date"   the fact is the expected ISO Monday    "bound"  the row's <x / >x
#   callables get (finding, row) for anything else.
def led_every_week(f, row):
    assert f.facts["weeks_led"].value == 21


def weeks_after(n, slack=0):
    def check(f, row):
        assert abs(f.facts["weeks_after_launch"].value - n) <= slack
        f_value(f, "share", row, "value")
    return check


def still_rising(f, row):
    assert f.facts["end"].value > f.facts["share"].value
    assert "still rising" in f.text["en"] and "仍在增长" in f.text["zh"]


def peak_on_listed_weeks(fact):
    def check(f, row):
        listed = tuple(date.fromisoformat(w) for w in row["weeks"].split(","))
        assert f.facts[fact].weeks == listed
        f_value(f, fact, row, "bound" if row["expected"][0] in "<>" else "value")
    return check


def halved_by_end_of_april(f, row):
    f_value(f, "half", row, "value")
    half_week = date.fromisoformat(f.facts["half_week"].value)
    assert half_week.month == 4 and half_week.day >= 21  # late April: "by the end of April"


def successor_ahead(f, row):
    assert f.facts["share"].value > f.facts["predecessor_end"].value
    assert f.facts["predecessor_change"].value < 1


def the_rest_is_named(f, row):
    named = {f.facts[k].entity for k in ("second", "third", "fourth", "fifth") if k in f.facts}
    assert named == {"Cartesia", "Unreal-Speech", "PlayAI", "Orpheus"}
    assert all(n in f.text["en"] and n in f.text["zh"] for n in named)


def small(family_slug):
    def check(f, row):
        f_value(f, family_slug, row, "bound")
        assert "under 1%" in f.text["en"] and "不到1%" in f.text["zh"]
    return check


STORIES = {
    "text-gpt41-launch": ("text", "launch_ramp", "GPT-4.1", "launch", "date"),
    "text-gpt41-end": ("text", "launch_ramp", "GPT-4.1", "end", "value"),
    "text-gpt41-press": ("text", "launch_ramp", "GPT-4.1", "share", "press"),
    "text-gemini25-launch": ("text", "launch_ramp", "Gemini-2.5", "launch", "date"),
    "text-gemini25-5pct": ("text", "launch_ramp", "Gemini-2.5", "share", "value"),
    "text-gemini25-rising": ("text", "launch_ramp", "Gemini-2.5", None, still_rising),
    "text-anthropic-drop": ("text", "provider_change", "Anthropic", "change", "value"),
    "text-sonnets-drop": ("text", "provider_change", "Anthropic", "change", "value"),
    "text-claude35-end": ("text", "succession", "Claude-3.7-Sonnet", "predecessor_end", "value"),
    "text-claude37-launch": ("text", "succession", "Claude-3.7-Sonnet", "launch", "date"),
    "text-r1-launch": ("text", "peak_decline", "DeepSeek-R1", "launch", "date"),
    "text-r1-peak": ("text", "peak_decline", "DeepSeek-R1", None, peak_on_listed_weeks("peak")),
    "text-r1-peak-week": ("text", "peak_decline", "DeepSeek-R1", "peak", "value"),
    "text-r1-april": ("text", "peak_decline", "DeepSeek-R1", None, halved_by_end_of_april),
    "text-r1-april-week": ("text", "peak_decline", "DeepSeek-R1", None, halved_by_end_of_april),
    "text-gpt4o-largest": ("text", "leader", "GPT-4o", None, led_every_week),
    "text-gpt4o-press": ("text", "leader", "GPT-4o", "share", "press"),
    "reasoning-start": ("reasoning", "category_share", "reasoning", "start", "value"),
    "reasoning-end": ("reasoning", "category_share", "reasoning", "end", "value"),
    "reasoning-spike": ("reasoning", "category_share", "reasoning", None,
                        peak_on_listed_weeks("peak")),
    "reasoning-gemini25-6wk": ("reasoning", "launch_ramp", "Gemini-2.5", None, weeks_after(6, 1)),
    "reasoning-gemini25-6wk-mean": ("reasoning", "launch_ramp", "Gemini-2.5", "share", "value"),
    "reasoning-gemini25-press": ("reasoning", "launch_ramp", "Gemini-2.5", "end", "press"),
    "reasoning-claude37-press": ("reasoning", "launch_ramp", "Claude-3.7-Sonnet", "end", "press"),
    "reasoning-r1-press": ("reasoning", "peak_decline", "DeepSeek-R1", "end", "press"),
    "reasoning-o4mini-over-o3mini": ("reasoning", "succession", "o4-mini", None, successor_ahead),
    "reasoning-o3-over-o1": ("reasoning", "succession", "o3", None, successor_ahead),
    "reasoning-o1-falls": ("reasoning", "fall", "o1", "change", "bound"),
    "reasoning-grok3-under-1": ("reasoning", "small_share", "reasoning", None, small("grok_3")),
    "reasoning-hybrids": ("reasoning", "small_share", "reasoning", "hybrid_reasoning", "value"),
    "image-gptimage1-launch": ("image", "launch_ramp", "GPT-Image-1", "launch", "date"),
    "image-gptimage1-2wk": ("image", "launch_ramp", "GPT-Image-1", None, weeks_after(2)),
    "image-gptimage1-2wk-mean": ("image", "launch_ramp", "GPT-Image-1", "share", "value"),
    "image-imagen3-start": ("image", "rise", "Imagen-3", "start", "value"),
    "image-imagen3-end": ("image", "rise", "Imagen-3", "end", "value"),
    "image-flux-start": ("image", "fall", "FLUX", "start", "value"),
    "image-flux-end": ("image", "fall", "FLUX", "end", "value"),
    "image-flux-april": ("image", "fall", "FLUX", "end", "value"),  # the same level since then
    "image-flux-leader": ("image", "leader", "FLUX", None, led_every_week),
    "video-kling20-launch": ("video", "launch_ramp", "Kling-2.0", "launch", "date"),
    "video-kling20-3wk": ("video", "launch_ramp", "Kling-2.0", None, weeks_after(3)),
    "video-kling20-3wk-mean": ("video", "launch_ramp", "Kling-2.0", "share", "value"),
    "video-kuaishou-3wk": ("video", "provider_change", "Kuaishou", "end", "value"),
    "video-kuaishou-end": ("video", "provider_change", "Kuaishou", "end", "value"),
    "video-veo2-launch": ("video", "steady", "Veo-2", "launch", "date"),
    "video-veo2-min": ("video", "steady", "Veo-2", "share", "value"),
    "video-veo2-max": ("video", "steady", "Veo-2", "share", "value"),
    "video-runway-start": ("video", "fall", "Runway", "start", "value"),
    "video-runway-end": ("video", "fall", "Runway", "end", "value"),
    "audio-elevenlabs-min": ("audio", "concentration", "ElevenLabs", "share", "value"),
    "audio-elevenlabs-max": ("audio", "concentration", "ElevenLabs", None, led_every_week),
    "audio-the-rest": ("audio", "concentration", "ElevenLabs", None, the_rest_is_named),
}


def f_value(f, fact, row, how):
    value = f.facts[fact].value
    expected = row["expected"]
    if how == "date":
        assert value == expected, f"{f.id}.{fact} = {value}, published {expected}"
        return
    if how == "bound":
        bound = float(expected[1:])
        assert value < bound if expected[0] == "<" else value > bound, (f.id, fact, value)
        return
    tol = about(float(expected)) if how == "press" else float(row["tol"])
    assert abs(value - float(expected)) <= tol + 1e-9, (
        f"{f.id}.{fact} = {value:.2f}, published {expected} ± {tol} ({row['source']})")


def test_every_published_figure_has_a_story_mapping():
    assert set(figures()) == set(STORIES)


@pytest.mark.parametrize("row_id", [k for k, v in STORIES.items() if v is not None])
def test_published_story_is_among_the_top_findings_of_its_chart(row_id):
    row = figures()[row_id]
    chart, kind, subject, fact, how = STORIES[row_id]
    assert row["chart"] == chart
    f = finding(chart, kind, subject)
    if callable(how):
        how(f, row)
    else:
        f_value(f, fact, row, how)


def test_the_hybrid_story_names_the_flash_bot_and_the_qwen3_family():
    # Gemini-2.5-Flash is one bot of the Gemini-2.5 family (Pro is not hybrid), so the group
    # names the bot; every Qwen-3 bot is tagged, so it names the family. New in the period and
    # small, the group is told with the other launches that stayed small, as the reference does.
    f = finding("reasoning", "small_share", "reasoning")
    group = f.facts["hybrid_reasoning"]
    assert (group.entity, group.entity_kind) == ("hybrid-reasoning", "group")
    names = list(f.facts)
    members = {f.facts[n].entity: f.facts[n].entity_kind
               for n in names[names.index("hybrid_reasoning") + 1:]}  # the group's, after it
    assert members == {"Gemini-2.5-Flash": "bot", "Qwen-3": "family"}
    parts = f.facts["gemini_2_5_flash"].value + f.facts["qwen_3"].value
    assert parts == pytest.approx(group.value)
    assert "hybrid reasoning models, Gemini-2.5-Flash (0.5%) and Qwen-3 (0.5%)" in f.text["en"]
    assert "混合推理模型Gemini-2.5-Flash（0.5%）和Qwen-3（0.5%）" in f.text["zh"]
    # Qwen-3 is told once, as a member of the group, not again as a small launch
    assert f.text["en"].count("Qwen-3") == 1


def test_the_launch_weeks_are_the_ones_the_reference_gives():
    launches = {f.subject: f.facts["launch"].value for f in sample()[2]
                if "launch" in f.facts and f.chart in ("text", "image", "video")}
    published = {row["subject"]: row["expected"] for row in figures().values()
                 if row["statistic"] == "launch"}
    for family, week in published.items():
        assert launches[family] == week, family


def test_the_post_leads_with_the_reference_headline():
    # "推理模型快速崛起 Kling 2.0爆红": reasoning's rise first, then Kling 2.0.
    first, second = sample()[2].findings[:2]
    assert (first.kind, first.chart) == ("category_share", "reasoning")
    assert (second.kind, second.subject) == ("launch_ramp", "Kling-2.0")


def test_each_chart_opens_with_one_of_its_published_stories():
    stories = {(v[0], v[1], v[2]) for v in STORIES.values() if v}
    for chart in ("text", "reasoning", "image", "video", "audio"):
        head = top(chart)[0]
        assert (chart, head.kind, head.subject) in stories | {
            ("text", "fall", "Claude-3.5-Sonnet")}, head  # 3.5 Sonnet "replaced by 3.7"


def test_no_finding_names_other_or_an_excluded_bot():
    data, _, findings = sample()
    excluded = {b.name for b in data.registry.bots.values() if b.excluded}
    excluded |= {b.family for b in data.registry.bots.values() if b.excluded}
    for f in findings:
        names = {f.subject} | {fact.entity for fact in f.facts.values()}
        assert not names & ({OTHER} | excluded), f
        for lang in ("en", "zh"):
            assert not re.search(r"\bOther\b|Assistant", f.text[lang]), f.text[lang]


def test_every_finding_sentence_passes_verification():
    """The sentences are built only from facts; the checker of issue 5 must accept them all."""
    verify = pytest.importorskip("writer.verify")
    ledger_mod = pytest.importorskip("writer.ledger")
    data, shares, findings = sample()
    ledger = ledger_mod.build_ledger(shares, findings, data.registry)
    failing = []
    for f in findings:
        for lang in ("en", "zh"):
            issues = verify.verify_text(f.text[lang], lang, ledger, chart=f.chart,
                                        cited=[fact.id for fact in f.facts.values()])
            failing += [(f.id, lang, f.text[lang], issue) for issue in issues]
    assert not failing
