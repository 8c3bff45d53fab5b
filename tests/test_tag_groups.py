"""Registry tags end to end on the sample data: the hybrid reasoning models (Gemini-2.5-Flash,
one bot of the Gemini-2.5 family, and the whole Qwen-3 family) from the registry's `tags`
column through the shares, the findings and the ledger to a verified sentence."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pytest

from writer.findings import find
from writer.ledger import Entity, build_ledger
from writer.load import load
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares
from writer.verify import check_text

ROOT = Path(__file__).resolve().parents[1]
HYBRID = Entity("group", "hybrid-reasoning")


@functools.cache
def sample():
    data = load(ROOT / "data" / "usage.csv", ROOT / "data" / "models.csv")
    shares = compute_shares(data, resolve_weeks(parse_period("2025H1"), data.mondays))
    findings = find(shares, data.registry)
    return data, shares, findings, build_ledger(shares, findings, data.registry)


def test_the_sample_registry_tags_flash_and_every_qwen3_bot():
    registry = sample()[0].registry
    tagged = sorted(b.name for b in registry.bots.values() if "hybrid-reasoning" in b.tags)
    assert tagged == ["Gemini-2.5-Flash", "Qwen3-235B-A22B", "Qwen3-30B-A3B", "Qwen3-32B"]


def test_the_group_share_is_the_sum_of_its_bots_reasoning_messages():
    data, shares = sample()[:2]
    group = next(g for g in shares.groups if g.chart == "reasoning")
    usage = data.usage
    rows = usage[(usage["category"] == "text") & usage["reasoning"] & (usage["trigger"] == "user")]
    tagged = rows[rows["bot"].isin(["Gemini-2.5-Flash", "Qwen3-235B-A22B", "Qwen3-30B-A3B",
                                    "Qwen3-32B"])]
    last = rows["week"].max()
    expected = (tagged[tagged["week"] == last]["messages"].sum()
                / rows[rows["week"] == last]["messages"].sum() * 100)
    assert group.share[-1] == pytest.approx(expected)
    np.testing.assert_allclose(group.shares.sum(axis=1), group.share)


def test_the_ledger_names_the_group_in_both_languages_and_the_flash_bot():
    L = sample()[3]
    for name in ("hybrid reasoning models", "Hybrid reasoning model", "hybrid-reasoning",
                 "混合推理模型", "混合推理"):
        assert L.entities_named(name) == (HYBRID,), name
    assert Entity("bot", "Gemini-2.5-Flash") in L.entities_named("Gemini 2.5 Flash")
    assert ("reasoning", HYBRID) in L.series and ("text", HYBRID) in L.series


@pytest.mark.parametrize("lang, text", [
    ("en", "Hybrid reasoning models such as Gemini-2.5-Flash and Qwen-3 together held about 1% "
           "of reasoning messages at the end of the period."),
    ("en", "At the end of the period Gemini-2.5-Flash had 0.49% of reasoning messages and "
           "Qwen-3 0.48%."),
    ("zh", "期末，Gemini-2.5-Flash、Qwen-3 等混合推理模型合计约占推理消息的1%。"),
    ("zh", "混合推理模型Gemini-2.5-Flash（0.49%）和Qwen-3（0.48%）用量仍然很小。"),
])
def test_true_group_sentences_pass(lang, text):
    report = check_text(text, lang, sample()[3], chart="reasoning")
    assert report.issues == (), [i.render() for i in report.issues]


@pytest.mark.parametrize("lang, text, stated", [
    ("en", "Hybrid reasoning models held 4% of reasoning messages at the end of the period.", "4%"),
    ("en", "At the end of the period Gemini-2.5-Flash had 0.7% of reasoning messages.", "0.7%"),
    ("zh", "混合推理模型期末合计占推理消息的4%。", "4%"),
])
def test_wrong_group_numbers_are_caught_and_the_group_value_is_shown(lang, text, stated):
    report = check_text(text, lang, sample()[3], chart="reasoning")
    assert [i.text for i in report.issues] == [stated]
    rendered = report.issues[0].render()
    assert "0.96%" in rendered or "0.49%" in rendered, rendered


def test_the_reference_story_is_among_the_reasoning_findings_and_verifies():
    findings, L = sample()[2], sample()[3]
    f = next(f for f in findings.by_chart("reasoning") if "hybrid_reasoning" in f.facts)
    assert f.facts["hybrid_reasoning"].value == pytest.approx(1.0, abs=0.5)
    for lang in ("en", "zh"):
        report = check_text(f.text[lang], lang, L, chart="reasoning")
        assert report.issues == (), [i.render() for i in report.issues]


def test_a_tag_named_like_a_chart_cannot_take_over_the_chart_words():
    # load refuses such a tag (test_load); a registry built in code can still carry one, and
    # the post's own sentences about "reasoning models" must keep verifying.
    from dataclasses import replace
    from types import MappingProxyType

    from writer import pipeline
    from writer.draft import Context, make_plan
    from writer.offline import write_offline
    from writer.verify import verify_text

    data = sample()[0]
    bots = dict(data.registry.bots)
    for name in ("o1", "o3-mini", "DeepSeek-R1"):
        bots[name] = replace(bots[name], tags=("reasoning",))
    dataset = replace(data, registry=replace(data.registry, bots=MappingProxyType(bots)))
    weeks = resolve_weeks(parse_period("2025H1"), dataset.mondays)
    a = pipeline.analyse(dataset, weeks)
    assert any(g.tag == "reasoning" for g in a.shares.groups)
    assert a.ledger.entities_named("reasoning models") == ()
    plan = make_plan(a.findings, a.shares.charts)
    ctx = Context(a.findings, a.ledger, pipeline.all_names(dataset), weeks.label,
                  weeks.start.isoformat(), weeks.end.isoformat(), weeks.count)
    for lang in ("en", "zh"):
        draft = write_offline(ctx, plan, lang)
        for section in draft.sections:
            issues = verify_text(" ".join(section.bullets), lang, a.ledger, chart=section.chart)
            assert not issues, [i.render() for i in issues]
