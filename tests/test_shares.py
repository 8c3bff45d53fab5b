"""The share engine on hand-computed fixtures."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from writer.load import load
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares

REG = """bot,family,provider,released,excluded,predecessor
A1,A,LabA,,false,
A2,A,LabA,,false,
B1,B,LabB,,false,
C1,C,LabC,,false,
D1,D,LabD,,false,
T1,Other,Various,,false,
Assistant,Assistant,Platform,,true,
V1,V,LabV,,false,
"""

# Two weeks. Week 1 text: A=30+10 (A1 + A2), B=40, C=20, Assistant=500 (excluded);
# a follow-up row for B that must not count. Reasoning: A1 10 of its 30, B1 30.
USAGE = """week,category,bot,messages,reasoning,trigger
2025-01-06,text,A1,20,false,user
2025-01-06,text,A1,10,true,user
2025-01-06,text,A2,10,false,user
2025-01-06,text,B1,10,false,user
2025-01-06,text,B1,30,true,user
2025-01-06,text,B1,999,false,retry_button
2025-01-06,text,C1,20,false,user
2025-01-06,text,Assistant,500,false,user
2025-01-13,text,A1,50,false,user
2025-01-13,text,D1,25,false,user
2025-01-13,text,T1,25,false,user
2025-01-06,video,V1,40,false,user
2025-01-06,video,V1,60,false,animate_button
2025-01-13,video,V1,0,false,user
2025-01-06,podcasts,C1,3,false,user
"""


@pytest.fixture()
def shares(tmp_path):
    (tmp_path / "u.csv").write_text(USAGE)
    (tmp_path / "m.csv").write_text(REG)
    data = load(tmp_path / "u.csv", tmp_path / "m.csv")
    return compute_shares(data, resolve_weeks(parse_period("2025-01"), data.mondays))


def test_charts_in_post_order_with_other_categories_last(shares):
    assert shares.charts == ("text", "reasoning", "video", "podcasts")


def test_text_shares_exclude_assistant_and_follow_ups(shares):
    text = shares["text"]
    frame = text.to_frame()
    w1 = frame.loc[date(2025, 1, 6)]
    # Week 1 total = 40 (A) + 40 (B) + 20 (C) = 100; the Assistant and the button are out.
    assert w1["total"] == 100
    assert (w1["A"], w1["B"], w1["C"]) == (40.0, 40.0, 20.0)
    w2 = frame.loc[date(2025, 1, 13)]
    assert w2["total"] == 100 and (w2["A"], w2["D"], w2["Other"]) == (50.0, 25.0, 25.0)
    assert "Assistant" not in text.entities


def test_families_add_their_bots(shares):
    assert shares["text"].counts[0, shares["text"].entities.index("A")] == 40


def test_reasoning_is_a_subset_of_text_with_its_share_of_text(shares):
    reasoning = shares["reasoning"]
    assert reasoning.parent == "text"
    # Week 1: reasoning = A1 10 + B1 30 = 40 of 100 text messages; A 25%, B 75%.
    np.testing.assert_allclose(reasoning.parent_share, [40.0, 0.0])
    frame = reasoning.to_frame()
    assert (frame.loc[date(2025, 1, 6), "A"], frame.loc[date(2025, 1, 6), "B"]) == (25.0, 75.0)
    assert "share_of_text" in frame.columns


def test_zero_total_week_has_zero_shares(shares):
    video = shares["video"]
    assert video.totals.tolist() == [40.0, 0.0]
    assert video.shares[1].tolist() == [0.0]
    assert video.shares[0].tolist() == [100.0]


def test_exclusions_are_recorded_for_the_footnotes(shares):
    got = {(e.category, e.reason, e.what, e.messages) for e in shares.exclusions}
    assert got == {("text", "trigger", "retry_button", 999), ("video", "trigger", "animate_button", 60),
                   ("text", "excluded bot", "Assistant", 500)}


def test_shares_sum_to_100_in_every_week_with_messages(shares):
    for table in shares.tables.values():
        sums = table.shares.sum(axis=1)
        for total, s in zip(table.totals, sums):
            assert abs(s - (100.0 if total else 0.0)) < 1e-9


def test_entities_in_peak_order_other_last(shares):
    # Peaks: A 50% (week 2), B 40%, D 25%, C 20%; the registry's Other goes last.
    assert shares["text"].entities == ("A", "B", "D", "C", "Other")


def test_top_n_folds_the_long_tail_into_other(shares):
    text = shares["text"].fold(2)
    assert text.entities == ("A", "B", "Other")
    frame = text.to_frame()
    assert frame.loc[date(2025, 1, 6), "Other"] == 20.0  # C
    assert frame.loc[date(2025, 1, 13), "Other"] == 50.0  # D 25 + the registry's own Other 25
    assert shares["text"].fold(None) is shares["text"]


def test_by_provider_adds_families(shares):
    table = shares["text"].by_provider()
    assert table.level == "provider"
    assert dict(zip(table.entities, table.shares[0]))["LabA"] == 40.0


def test_tables_are_read_only(shares):
    with pytest.raises(ValueError):
        shares["text"].counts[0, 0] = 5
    with pytest.raises(TypeError):
        shares.tables["x"] = None


# Tag groups: G1 (family G, whose only bot is tagged) and H1 (one of family H's two bots)
# carry "hybrid-reasoning"; so does the excluded bot X1, which must not count.
GROUP_REG = """bot,family,provider,excluded,tags
G1,G,LabG,false,hybrid-reasoning
H1,H,LabH,false,hybrid-reasoning
H2,H,LabH,false,
K1,K,LabK,false,
X1,X,Platform,true,hybrid-reasoning
"""
# Week 1 reasoning: G1 5, H1 15, H2 30, K1 50 -> 100. Week 2: G1 10, H1 0, H2 40, K1 150 -> 200.
# A follow-up row for H1 and the excluded X1 stay out.
GROUP_USAGE = """week,category,bot,messages,reasoning,trigger
2025-01-06,text,G1,5,true,user
2025-01-06,text,G1,95,false,user
2025-01-06,text,H1,15,true,user
2025-01-06,text,H1,7,true,retry_button
2025-01-06,text,H2,30,true,user
2025-01-06,text,K1,50,true,user
2025-01-06,text,X1,500,true,user
2025-01-13,text,G1,10,true,user
2025-01-13,text,H2,40,true,user
2025-01-13,text,K1,150,true,user
"""


@pytest.fixture()
def grouped(tmp_path):
    (tmp_path / "u.csv").write_text(GROUP_USAGE)
    (tmp_path / "m.csv").write_text(GROUP_REG)
    data = load(tmp_path / "u.csv", tmp_path / "m.csv")
    return compute_shares(data, resolve_weeks(parse_period("2025-01"), data.mondays))


def test_a_tag_group_names_whole_families_and_single_bots(grouped):
    group = next(g for g in grouped.groups if g.chart == "reasoning")
    assert group.tag == "hybrid-reasoning"
    # H1 is one of H's two bots, so it is named as a bot; G1 is all of G.
    assert dict(group.member_kind) == {"H1": "bot", "G": "family"}
    assert group.members == ("G", "H1")  # by messages: G 15, H1 15 -> tie broken by name
    np.testing.assert_allclose(group.shares, [[5.0, 15.0], [5.0, 0.0]])
    np.testing.assert_allclose(group.share, [20.0, 5.0])


def test_a_tag_group_in_every_chart_it_has_messages_in(grouped):
    by_chart = {g.chart: g for g in grouped.groups}
    assert set(by_chart) == {"text", "reasoning"}
    # Text, week 1: G1 100 + H1 15 of 195 (X1 excluded, the retry row out).
    np.testing.assert_allclose(by_chart["text"].share, [115 / 195 * 100, 5.0])


def test_no_tags_no_groups(shares):
    assert shares.groups == ()
