"""The findings detectors on small hand-made series with known answers."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from types import MappingProxyType

import numpy as np
import pytest

from writer import format as fmt
from writer.errors import InputError, UsageError
from writer.findings import KINDS, Findings, FindingSettings, find, to_json, to_table
from writer.load import OTHER, Bot, Family, Registry
from writer.periods import Period, Weeks
from writer.shares import Group, Shares, ShareTable

MONDAY = date(2025, 1, 6)


# ------------------------------------------------------------------ building share tables


def weeks_of(n: int) -> Weeks:
    mondays = tuple(MONDAY + timedelta(weeks=i) for i in range(n))
    return Weeks("test", Period("test", mondays[0], mondays[-1] + timedelta(days=6)), mondays)


def table(chart: str, series: dict[str, list[float]], providers: dict[str, str] | None = None,
          parent_share: list[float] | None = None) -> ShareTable:
    """A share table from {family: weekly %}; whatever is left of 100% goes to Other."""
    names = list(series)
    pct = np.array([series[k] for k in names], dtype=float).T
    rest = 100.0 - pct.sum(axis=1)
    assert (rest > -1e-9).all(), "the hand-made shares add up to more than 100%"
    counts = np.column_stack([pct, np.maximum(rest, 0)]) * 100.0  # 10,000 messages a week
    totals = counts.sum(axis=1)
    providers = providers or {}
    provider = {k: providers.get(k, f"Lab {k}") for k in names} | {OTHER: OTHER}
    parent_totals = None if parent_share is None else totals / (np.array(parent_share) / 100.0)
    return ShareTable(chart, "family", weeks_of(len(totals)).mondays, tuple(names) + (OTHER,),
                      counts, totals, MappingProxyType(provider),
                      "text" if parent_share is not None else None, parent_totals)


def registry_for(*tables: ShareTable, released: dict[str, date] | None = None,
                 predecessor: dict[str, str] | None = None,
                 unregistered: tuple[str, ...] = ()) -> Registry:
    released, predecessor = released or {}, predecessor or {}
    families, bots = {}, {}
    for t in tables:
        for name in t.entities:
            bots[name] = Bot(name, name, t.provider[name])
            families[name] = Family(name, t.provider[name], released.get(name),
                                    predecessor.get(name), (name,), name not in unregistered)
    return Registry(MappingProxyType(bots), MappingProxyType(families))


def run(*tables: ShareTable, settings: FindingSettings | None = None, **reg) -> Findings:
    n = len(tables[0].weeks)
    shares = Shares(weeks_of(n), MappingProxyType({t.chart: t for t in tables}), ())
    return find(shares, registry_for(*tables, **reg), settings or FindingSettings())


def kinds(findings: Findings, subject: str | None = None) -> list[str]:
    return [f.kind for f in findings if subject is None or f.subject == subject]


def one(findings: Findings, kind: str, subject: str):
    matches = [f for f in findings if f.kind == kind and f.subject == subject]
    assert len(matches) == 1, f"{kind} about {subject}: {[(f.kind, f.subject) for f in findings]}"
    return matches[0]


def flat(level: float, n: int = 12) -> list[float]:
    return [level] * n


def ramp(a: float, b: float, n: int = 12) -> list[float]:
    return list(np.linspace(a, b, n))


CHANGE_KINDS = {"launch_ramp", "peak_decline", "rise", "fall", "provider_change",
                "succession", "category_share", "steady", "small_share"}


# ------------------------------------------------------------------ flat series


def test_flat_equal_series_give_no_finding_at_all():
    t = table("text", {"A": flat(25), "B": flat(25), "C": flat(25), "D": flat(25)})
    assert len(run(t)) == 0


def test_a_flat_majority_is_a_standing_not_a_change():
    # ElevenLabs at ~80% all along is the kind of fact a post states; nothing changed.
    t = table("audio", {"A": flat(70), "B": flat(20), "C": flat(10)})
    found = run(t)
    assert set(kinds(found)) == {"concentration"}
    f = one(found, "concentration", "A")
    assert f.facts["share"].value == pytest.approx(70)
    assert f.facts["rest"].value == pytest.approx(30)
    assert f.facts["weeks_led"].value == 12
    assert [f.facts[k].entity for k in ("second", "third")] == ["B", "C"]


# ------------------------------------------------------------------ rise and fall


def test_rise_and_fall_report_two_week_means_with_their_weeks():
    a = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32]  # start (10+12)/2, end (30+32)/2
    b = [60, 58, 56, 54, 52, 50, 48, 46, 44, 42, 40, 38]
    found = run(table("image", {"A": a, "B": b}))
    rise = one(found, "rise", "A")
    assert rise.facts["start"].value == pytest.approx(11)
    assert rise.facts["end"].value == pytest.approx(31)
    assert rise.facts["change"].value == pytest.approx(20) and rise.facts["change"].unit == "pp"
    assert rise.facts["ratio"].value == pytest.approx(31 / 11)
    assert rise.facts["start"].weeks == (MONDAY, MONDAY + timedelta(weeks=1))
    assert rise.facts["end"].weeks[-1] == MONDAY + timedelta(weeks=11)
    fall = one(found, "fall", "B")
    assert fall.facts["change"].value == pytest.approx(-20)
    assert fall.text["en"] == ("B fell from 59% to 39% of image generations, down 20 points.")
    assert fall.text["zh"] == "B占图像生成请求的份额从59%降至39%，下降20个百分点。"


def test_a_change_below_the_thresholds_is_not_a_finding():
    found = run(table("image", {"A": ramp(30, 31.5), "B": ramp(1.0, 2.4), "C": flat(40)}))
    assert "rise" not in kinds(found)  # +1.5 points; B doubles but gains only 1.4 points


def test_a_one_week_spike_is_not_a_trend_but_a_finding_of_its_own():
    spiky = flat(5, 14)
    spiky[6] = 15
    found = run(table("text", {"A": spiky, "B": flat(30, 14), "C": flat(30, 14)}))
    about_a = [f for f in found if f.subject == "A"]
    # no rise, fall or peak is read from one week; the week itself is told, at its real value
    assert [f.kind for f in about_a] == ["spike"]
    spike = about_a[0]
    week6 = MONDAY + timedelta(weeks=6)
    assert spike.facts["share"].value == 15 and spike.facts["share"].weeks == (week6,)
    assert spike.facts["week"].value == week6.isoformat()
    assert spike.facts["before"].value == 5 and spike.facts["after"].value == 5
    assert "rank" not in spike.facts  # B and C held 30% that week: A was not first
    assert "15%" in spike.text["en"] and "the week of" in spike.text["en"]


def test_a_spike_to_first_place_says_so_and_is_not_counted_as_the_leaders_week():
    spiky = flat(4, 14)
    spiky[8] = 40
    found = run(table("text", {"A": spiky, "B": flat(35, 14), "C": flat(25, 14)}))
    spike = one(found, "spike", "A")
    assert spike.facts["rank"].value == 1 and "first place that week" in spike.text["en"]
    assert "当周排名第一" in spike.text["zh"]
    lead = next(f for f in found if f.kind in ("leader", "concentration") and f.subject == "B")
    assert lead.facts["weeks_led"].value == 13  # the spike's week was A's, not B's


def test_a_launch_or_a_last_week_jump_is_not_a_spike():
    up = flat(2, 14)
    up[-1] = 20  # the last week: nothing after it to show it came back down
    found = run(table("text", {"A": up, "B": flat(50, 14), "C": flat(30, 14)}))
    assert "spike" not in kinds(found)


def test_a_spike_in_the_last_week_is_not_a_rise():
    spiky = flat(5, 14)
    spiky[-1] = 15
    found = run(table("text", {"A": spiky, "B": flat(30, 14), "C": flat(30, 14)}))
    assert not [f for f in found if f.subject == "A"]


def test_a_family_that_disappears_falls_to_zero_and_says_when_it_went():
    gone = [20, 20, 18, 16, 12, 8, 4, 0, 0, 0, 0, 0]
    found = run(table("video", {"A": gone, "B": flat(30), "C": flat(30)}))
    f = one(found, "fall", "A")
    assert f.facts["end"].value == 0
    assert f.facts["ratio"].value == 0
    assert f.facts["gone"].value == (MONDAY + timedelta(weeks=7)).isoformat()
    assert f.text["en"] == ("A went from 20% of video generations to zero, and was gone from "
                            "late February.")


# ------------------------------------------------------------------ launch_ramp


def test_launch_ramp_reads_the_first_window_at_ninety_percent_of_the_later_peak():
    k = [0, 0, 0, 0, 0, 10, 17, 20.6, 21.2, 21.2, 21.3, 21.3]  # launch in week 5
    found = run(table("video", {"K": k, "R": flat(40), "V": flat(20)}))
    f = one(found, "launch_ramp", "K")
    # Peak two-week mean 21.3; 90% is 19.17; the first window at that level is weeks 7–8.
    assert f.facts["share"].value == pytest.approx((20.6 + 21.2) / 2)
    assert f.facts["share"].weeks == (MONDAY + timedelta(weeks=7), MONDAY + timedelta(weeks=8))
    assert f.facts["weeks_after_launch"].value == 3
    assert f.facts["launch"].value == (MONDAY + timedelta(weeks=5)).isoformat()
    # 20.9 is within a quarter point of 21; 21.3 is not, so the end says "about".
    assert f.text["en"] == ("K reached 21% of video generations three weeks after its launch in "
                            "mid-February; it ended the period at about 21%.")
    assert f.text["zh"] == "K于2月中旬上线，3周后占视频生成请求的21%，期末约为21%。"


def test_a_launch_in_the_last_week_gives_no_ramp():
    late = flat(0.0)
    late[-1] = 30.0
    found = run(table("video", {"K": late, "R": flat(35), "V": flat(20)}))
    assert not [f for f in found if f.subject == "K"]


def test_a_launch_in_the_second_to_last_week_is_a_one_week_ramp():
    late = flat(0.0)
    late[-2:] = [12.0, 14.0]
    found = run(table("video", {"K": late, "R": flat(35), "V": flat(20)}))
    f = one(found, "launch_ramp", "K")
    assert f.facts["weeks_after_launch"].value == 1 and f.facts["share"].value == 13
    assert "end" not in f.facts  # the reach is the end


def test_a_family_released_long_before_the_period_is_not_a_launch_when_it_reappears():
    back = [0, 0, 0, 10, 10, 10, 10, 10, 10, 10, 10, 10]
    t = table("video", {"K": back, "R": flat(40), "V": flat(20)})
    assert one(run(t), "launch_ramp", "K")
    found = run(t, released={"K": date(2024, 6, 1)})
    assert "launch_ramp" not in kinds(found, "K")


def test_a_launch_that_peaks_and_declines_tells_the_whole_arc_in_one_finding():
    r1 = [0, 0, 1, 4, 6, 7, 7, 6.5, 6, 5, 4.5, 4, 3.5, 3.2, 3, 2.5, 2]
    n = len(r1)
    found = run(table("text", {"R1": r1, "G": flat(40, n), "C": flat(30, n)}))
    f = one(found, "peak_decline", "R1")
    assert "launch_ramp" not in kinds(found, "R1")
    assert f.facts["peak"].value == pytest.approx(7)
    assert f.facts["peak_week"].value == (MONDAY + timedelta(weeks=5)).isoformat()
    assert f.facts["end"].value == pytest.approx(2.25)
    assert f.facts["change"].value == pytest.approx(2.25 / 7)
    assert f.facts["launch"].value == (MONDAY + timedelta(weeks=2)).isoformat()
    # The first window at or below half the peak (3.5): weeks 12–13, (3.5 + 3.2) / 2.
    assert f.facts["half"].value == pytest.approx(3.35)
    assert f.facts["half_week"].value == (MONDAY + timedelta(weeks=13)).isoformat()


# ------------------------------------------------------------------ peak_decline


def test_peak_decline_needs_a_peak_above_both_ends():
    hump = [5, 5, 6, 8, 12, 15, 15, 12, 9, 7, 6, 6]
    found = run(table("video", {"A": hump, "B": flat(40), "C": flat(30)}))
    f = one(found, "peak_decline", "A")
    assert f.facts["peak"].value == 15 and f.facts["end"].value == 6
    assert "fall" not in kinds(found, "A") and "rise" not in kinds(found, "A")
    # A plain fall has its peak at the start: no peak_decline.
    found = run(table("video", {"A": ramp(20, 5), "B": flat(40), "C": flat(30)}))
    assert kinds(found, "A") == ["fall"]


# ------------------------------------------------------------------ provider_change


def test_provider_change_when_the_providers_families_tell_different_stories():
    providers = {"C35": "Anthropic", "C37": "Anthropic", "G": "OpenAI"}
    c35 = ramp(30, 12)
    c37 = [0, 0, 0, 3, 6, 8, 9, 9, 9, 9, 9, 9]
    found = run(table("text", {"C35": c35, "C37": c37, "G": flat(36)}, providers))
    f = one(found, "provider_change", "Anthropic")
    assert f.subject_kind == "provider"
    before = np.mean(c35[:2]) + np.mean(c37[:2])
    after = np.mean(c35[-2:]) + np.mean(c37[-2:])
    assert f.facts["change"].value == pytest.approx(after - before)  # -7.4: C35 -16.4, C37 +9
    assert f.text["en"].startswith("Anthropic's families together fell from")


def test_no_provider_change_when_one_family_is_the_provider():
    found = run(table("text", {"A": ramp(30, 12), "B": flat(36)}))
    assert "provider_change" not in kinds(found)


def test_unknown_and_other_providers_are_never_subjects():
    providers = {"A": "unknown", "B": "unknown", "C": "Other"}
    found = run(table("text", {"A": ramp(30, 10), "B": ramp(10, 30), "C": flat(30)}, providers))
    assert not [f for f in found if f.subject_kind == "provider"]


# ------------------------------------------------------------------ succession


def _succession_tables(pred_after: float, provider_b: str = "Anthropic"):
    a = [30, 30, 30, 30, 28, 25, 22, 20] + [pred_after] * 4
    b = [0, 0, 0, 0, 3, 6, 8, 9, 9, 9, 9, 9]
    return table("text", {"A": a, "B": b, "G": flat(36)},
                 {"A": "Anthropic", "B": provider_b, "G": "OpenAI"})


def test_succession_a_successor_rising_while_its_predecessor_falls():
    found = run(_succession_tables(12), predecessor={"B": "A"})
    f = one(found, "succession", "B")
    assert f.facts["share"].value == 9
    assert f.facts["predecessor_before"].value == 30  # the two weeks before B's launch
    assert f.facts["predecessor_before"].entity == "A"
    assert f.facts["predecessor_end"].value == 12
    assert f.facts["launch"].value == (MONDAY + timedelta(weeks=4)).isoformat()
    assert f.text["en"] == ("B took over from its predecessor A after its launch in early "
                            "February: it ended the period at 9% of text messages, while A fell "
                            "from 30% to 12%.")


def test_no_succession_without_a_predecessor_a_fall_or_a_shared_provider():
    assert "succession" not in kinds(run(_succession_tables(12)))  # no registry link
    assert "succession" not in kinds(run(_succession_tables(29), predecessor={"B": "A"}))
    assert "succession" not in kinds(run(_succession_tables(12, "Other Lab"),
                                         predecessor={"B": "A"}))


# ------------------------------------------------------------------ leader and ties


def test_leader_with_runner_up_gap_and_weeks_led():
    found = run(table("image", {"F": flat(35), "I": ramp(10, 30), "D": flat(10)}))
    f = one(found, "leader", "F")
    assert f.facts["share"].value == 35
    assert f.facts["runner_up"].entity == "I"
    assert f.facts["gap"].value == pytest.approx(35 - (30 + 30 - 20 / 11) / 2)
    assert f.facts["weeks_led"].value == 12
    assert f.text["en"].endswith("and was first every week.")


def test_a_tie_at_the_top_has_no_leader_and_is_deterministic():
    t = table("image", {"B": flat(30), "A": flat(30), "C": ramp(5, 25)})
    first, second = run(t), run(t)
    assert "leader" not in kinds(first)
    assert to_json(first) == to_json(second)


def test_ties_in_score_break_by_chart_order_then_kind_then_subject():
    # Two charts with the same data: same scores, so the text chart's findings come first.
    series = {"A": ramp(10, 30), "B": ramp(30, 10), "C": flat(40)}
    found = run(table("text", series), table("image", series))
    order = ["text", "image"]
    keys = [(-f.score, order.index(f.chart), KINDS.index(f.kind), f.subject) for f in found]
    assert keys == sorted(keys)
    # Each text finding has an image twin with the same score, right after it.
    pairs = list(zip(found.findings[::2], found.findings[1::2]))
    assert all(a.chart == "text" and b.chart == "image" and a.score == b.score
               and (a.kind, a.subject) == (b.kind, b.subject) for a, b in pairs)
    assert [f.id for f in found] == [f"F{i}" for i in range(1, len(found) + 1)]


# ------------------------------------------------------------------ concentration


def test_concentration_names_the_rest_and_says_shared_only_when_they_hold_it():
    t = table("audio", {"E": flat(80), "C": flat(7), "U": flat(6), "P": flat(4.5), "O": flat(2.5)})
    f = one(run(t), "concentration", "E")
    assert f.text["en"] == ("E held 80% of audio generations at the end and led every "
                            "week; C (7%), U (6%), P (about 5%) and O (about 3%) shared the rest.")
    assert f.text["zh"] == ("E期末占音频生成请求的80%，每周都排名第一；其余份额由C（7%）、U（6%）、"
                            "P（约5%）和O（约3%）分享。")
    assert f.facts["rest"].value == pytest.approx(20) and f.facts["rest"].entity == "E"
    t = table("audio", {"E": flat(60), "C": flat(7), "U": flat(6)})  # Other holds 27%
    f = one(run(t), "concentration", "E")
    assert f.text["en"].endswith("; next came C (7%) and U (6%).")


# ------------------------------------------------------------------ category_share


def test_category_share_start_end_peak_and_the_family_at_the_peak():
    parent = [2, 2, 3, 6, 9, 12, 12, 11, 10, 10, 10, 10]
    r1 = [0, 0, 20, 50, 58, 60, 60, 55, 40, 30, 20, 15]
    o1 = [100 - x for x in r1]
    t = table("reasoning", {"o1": o1, "R1": r1}, parent_share=parent)
    f = one(run(t), "category_share", "reasoning")
    assert f.subject_kind == "chart"
    assert (f.facts["start"].value, f.facts["end"].value) == (2, 10)
    assert f.facts["ratio"].value == pytest.approx(5)
    assert f.facts["peak"].value == 12
    assert f.facts["peak_week"].value == (MONDAY + timedelta(weeks=5)).isoformat()
    assert f.facts["driver_share"].entity == "R1"
    assert f.text["en"] == ("Reasoning messages went from 2% to 10% of all text messages (grew "
                            "about 5-fold), peaking at 12% in mid-February, when R1 had 60% "
                            "of them.")


def test_a_flat_category_share_gives_no_category_finding():
    t = table("reasoning", {"o1": flat(60), "R1": flat(40)}, parent_share=flat(10))
    assert "category_share" not in kinds(run(t))


# ------------------------------------------------------------------ steady and small_share


def test_steady_after_launch_but_not_for_a_family_flat_all_along():
    veo = [0, 0, 8, 15, 19.5, 20, 20.3, 20.1, 19.8, 20, 20.2, 19.9, 20, 20.1]
    n = len(veo)
    found = run(table("video", {"V": veo, "R": flat(40, n), "H": flat(15, n)}))
    f = one(found, "steady", "V")
    assert f.facts["share"].value == pytest.approx(np.mean(veo[4:]))
    assert f.facts["since"].value == (MONDAY + timedelta(weeks=4)).isoformat()
    assert f.facts["weeks"].value == 10
    assert "steady" not in kinds(found, "R") and "steady" not in kinds(found, "H")


def test_small_share_groups_registered_launches_that_stayed_under_one_percent():
    grok = [0, 0, 0, 0.2, 0.4, 0.5, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7]
    tiny = [0, 0, 0, 0, 0, 0.1, 0.2, 0.3, 0.3, 0.4, 0.4, 0.4]
    gem = [0, 0, 0, 5, 12, 20, 25, 28, 30, 30, 31, 31]
    found = run(table("reasoning", {"Grok-3": grok, "X": tiny, "Gem": gem,
                                    "o1": [100 - a - b - c for a, b, c in zip(grok, tiny, gem)]}),
                unregistered=("X",))
    f = one(found, "small_share", "reasoning")
    assert [fact.entity for fact in f.facts.values()] == ["Grok-3"]  # X is not in the registry
    assert f.facts["grok_3"].value == pytest.approx(0.7)
    assert f.text["en"] == ("Launched during the period, Grok-3 (peaking at 0.7%) stayed small in "
                            "reasoning messages, each under 1%.")


# ------------------------------------------------------------------ tag groups


def group(chart: str, members: dict[str, list[float]], kinds_: dict[str, str] | None = None,
          tag: str = "hybrid-reasoning") -> Group:
    """A tag group from {member: weekly % of the chart}, 10,000 messages a week."""
    names = list(members)
    counts = np.array([members[m] for m in names], dtype=float).T * 100.0
    kinds_ = kinds_ or {}
    return Group(tag, chart, tuple(names),
                 MappingProxyType({m: kinds_.get(m, "bot") for m in names}), counts,
                 np.full(len(counts), 10_000.0))


def run_groups(t: ShareTable, *groups: Group, **reg) -> Findings:
    shares = Shares(weeks_of(len(t.weeks)), MappingProxyType({t.chart: t}), (), groups)
    return find(shares, registry_for(t, **reg), FindingSettings())


def reasoning_with_launches(n: int = 12) -> ShareTable:
    grok = [0, 0, 0, 0.2, 0.4, 0.5, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7][:n]
    gem = [0, 0, 0, 5, 12, 20, 25, 28, 30, 30, 31, 31][:n]
    return table("reasoning", {"Grok-3": grok, "Gem": gem,
                               "o1": [95 - a - b for a, b in zip(grok, gem)]})


def test_a_new_group_that_stayed_small_is_told_with_the_small_launches():
    flash = [0] * 7 + [0.1, 0.2, 0.3, 0.4, 0.5]
    qwen = [0] * 8 + [0.2, 0.3, 0.4, 0.4]
    found = run_groups(reasoning_with_launches(),
                       group("reasoning", {"Flash": flash, "Qwen": qwen}, {"Qwen": "family"}))
    assert "group_share" not in kinds(found)
    f = one(found, "small_share", "reasoning")
    assert f.facts["hybrid_reasoning"].value == pytest.approx(0.85)  # mean of 0.8 and 0.9
    assert (f.facts["hybrid_reasoning"].entity, f.facts["hybrid_reasoning"].entity_kind) == (
        "hybrid-reasoning", "group")
    assert (f.facts["flash"].entity_kind, f.facts["qwen"].entity_kind) == ("bot", "family")
    assert f.facts["flash"].value + f.facts["qwen"].value == pytest.approx(0.85)
    assert f.text["en"] == (
        "Launched during the period, Grok-3 (peaking at 0.7%) stayed small in reasoning messages, "
        "each under 1%; so did the newly arrived hybrid reasoning models, Flash (about 0.4%) "
        "and Qwen (0.4%), together peaking at about 0.9%.")
    assert "混合推理模型Flash（约0.4%）和Qwen（0.4%）同样用量很小，合计最高约0.9%" in f.text["zh"]


def test_an_established_group_gets_its_own_finding_at_the_end():
    t = table("reasoning", {"A": flat(40), "B": flat(30), "C": flat(20)})
    found = run_groups(t, group("reasoning", {"A-Flash": flat(8), "B": flat(4)}, {"B": "family"}))
    f = one(found, "group_share", "hybrid-reasoning")
    assert f.subject_kind == "group"
    assert f.facts["hybrid_reasoning"].value == pytest.approx(12.0)
    assert [fact.entity for fact in f.facts.values()] == ["hybrid-reasoning", "A-Flash", "B"]
    assert f.text["en"] == ("Hybrid reasoning models, A-Flash (8%) and B (4%), together held 12% "
                            "of reasoning messages at the end of the period.")
    assert f.text["zh"] == "混合推理模型A-Flash（8%）和B（4%）期末合计占推理消息的12%。"


def test_a_group_of_one_whole_family_is_that_family_story():
    t = table("reasoning", {"A": flat(40), "B": flat(30)})
    found = run_groups(t, group("reasoning", {"B": flat(30)}, {"B": "family"}))
    assert "group_share" not in kinds(found)
    assert all(fact.entity_kind != "group" for f in found for fact in f.facts.values())


def test_a_group_of_one_bot_inside_a_family_is_a_story():
    t = table("reasoning", {"A": flat(40), "B": flat(30)})
    found = run_groups(t, group("reasoning", {"A-Flash": flat(6)}))
    f = one(found, "group_share", "hybrid-reasoning")
    assert f.facts["a_flash"].entity_kind == "bot" and f.facts["a_flash"].value == 6


def test_a_group_gone_by_the_end_or_never_present_says_nothing():
    t = table("reasoning", {"A": flat(40), "B": flat(30)})
    gone = [5.0] * 6 + [0.0] * 6
    found = run_groups(t, group("reasoning", {"X": gone, "Y": gone}),
                       group("reasoning", {"Z": flat(0.0)}, tag="open-weights"))
    assert "group_share" not in kinds(found)


def test_a_one_week_spike_does_not_make_a_group_bigger():
    t = table("reasoning", {"A": flat(40), "B": flat(30)})
    spiky = [3.0] * 11 + [15.0]
    found = run_groups(t, group("reasoning", {"X": spiky, "Y": flat(2)}))
    assert one(found, "group_share", "hybrid-reasoning").facts["hybrid_reasoning"].value == (
        pytest.approx(5.0))


def test_a_group_that_appears_in_the_last_week_is_not_called_small():
    # 0.08 a member is too little a jump to be taken out as a spike (4σ with σ ≥ 0.05)
    late = [0.0] * 11 + [0.08]
    found = run_groups(reasoning_with_launches(), group("reasoning", {"X": late, "Y": late}))
    f = one(found, "small_share", "reasoning")
    assert "hybrid_reasoning" not in f.facts and "hybrid" not in f.text["en"]
    # a big entrance in the last week is a one-week spike: nothing is said about it either
    big = [0.0] * 11 + [3.0]
    found = run_groups(reasoning_with_launches(), group("reasoning", {"X": big, "Y": big}))
    assert all(fact.entity_kind != "group" for f in found for fact in f.facts.values())


def test_a_group_whose_members_are_each_below_present_is_not_told():
    # 0.04% each (under present_share 0.05), 0.12% together
    t = table("reasoning", {"A": flat(40), "B": flat(30)})
    found = run_groups(t, group("reasoning", {"X": flat(0.04), "Y": flat(0.04),
                                              "Z": flat(0.04)}))
    assert all(fact.entity_kind != "group" for f in found for fact in f.facts.values())
    new = [0.0] * 4 + [0.04] * 8
    found = run_groups(reasoning_with_launches(), group("reasoning", {"X": new, "Y": new,
                                                                      "Z": new}))
    assert all(", ," not in f.text["en"] and "hybrid" not in f.text["en"] for f in found)


def test_offline_prose_for_two_new_small_groups_and_no_small_launch():
    from writer.offline import _macros, _View
    from writer.vocab import Vocabulary

    gem = [0, 0, 0, 5, 12, 20, 25, 28, 30, 30, 31, 31]
    t = table("reasoning", {"Gem": gem, "o1": [95 - g for g in gem]})
    late = [0] * 6 + [0.2] * 6
    found = run_groups(t, group("reasoning", {"X": late, "Y": late}),
                       group("reasoning", {"P": late, "Q": late}, tag="open-weights"))
    f = one(found, "small_share", "reasoning")
    assert "Launched during the period" not in f.text["en"]
    en = str(_macros(None, "en").bullet(_View(f, "en", 12, Vocabulary())))
    assert en.count("The newly arrived") == 2
    assert "}}. The newly arrived" in en  # two sentences, not run together
    zh = str(_macros(None, "zh").bullet(_View(f, "zh", 12, Vocabulary())))
    assert zh.count("同期出现的") == 2 and "。同期出现的" in zh


def test_two_groups_with_equal_shares_rank_in_a_fixed_order():
    t = table("text", {"A": flat(40), "B": flat(30)})
    a = group("text", {"A-x": flat(5), "B": flat(5)}, {"B": "family"}, tag="open-weights")
    b = group("text", {"A-y": flat(5), "B": flat(5)}, {"B": "family"}, tag="agents")
    found = run_groups(t, a, b)
    order = [f.subject for f in found if f.kind == "group_share"]
    assert order == ["agents", "open-weights"]
    assert to_json(run_groups(t, b, a)) == to_json(found)


def test_another_tag_is_named_by_itself():
    t = table("text", {"A": flat(40), "B": flat(30)})
    found = run_groups(t, group("text", {"A-open": flat(5), "B": flat(10)}, {"B": "family"},
                                tag="open-weights"))
    f = one(found, "group_share", "open-weights")
    # members in the group's order (writer.shares puts the largest first)
    assert f.text["en"].startswith("Open weights models, A-open (5%) and B (10%), together")
    assert f.text["zh"].startswith("“open-weights”类模型")


# ------------------------------------------------------------------ never Other, never excluded


def test_other_and_excluded_bots_are_never_subjects():
    t = table("text", {"A": ramp(40, 10), "Assistant": ramp(5, 40), "B": flat(20)})
    reg = registry_for(t)
    bots = dict(reg.bots)
    bots["Assistant"] = Bot("Assistant", "Assistant", "Poe", excluded=True)
    reg = Registry(MappingProxyType(bots), reg.families)
    shares = Shares(weeks_of(12), MappingProxyType({"text": t}), ())
    found = find(shares, reg)
    assert found.findings and all(
        fact.entity not in (OTHER, "Assistant") for f in found for fact in f.facts.values())
    assert all(f.subject not in (OTHER, "Assistant") for f in found)


# ------------------------------------------------------------------ the records and the JSON


def test_fact_ids_and_lookup():
    found = run(table("image", {"A": ramp(10, 30), "B": ramp(60, 40)}))
    for f in found:
        for name, fact in f.facts.items():
            assert fact.id == f"{f.id}.{name}" and found.fact(fact.id) is fact
            assert fact.chart == "image"
    assert found.fact("F99.share") is None


def test_json_contract_is_deterministic_and_sorted():
    t = table("video", {"K": [0, 0, 0, 0, 0, 10, 17, 20.6, 21.2, 21.2, 21.3, 21.3],
                        "R": ramp(40, 20), "V": flat(20)})
    text = to_json(run(t))
    assert text == to_json(run(t)) and text.endswith("}\n")
    data = json.loads(text)
    assert data["period"] == {"label": "test", "start": "2025-01-06", "end": "2025-03-30",
                              "weeks": 12}
    first = data["findings"][0]
    assert set(first) >= {"id", "kind", "chart", "subject", "facts", "score", "text"}
    assert set(first["text"]) == {"en", "zh"}
    ramp_f = next(f for f in data["findings"] if f["kind"] == "launch_ramp")
    assert ramp_f["facts"]["weeks_after_launch"] == {
        "value": 3, "unit": "weeks", "weeks": ["2025-02-10", "2025-03-03"]}
    assert ramp_f["facts"]["share"]["value"] == 20.9
    assert ramp_f["facts"]["launch"] == {"value": "2025-02-10", "unit": "date",
                                         "week": "2025-02-10"}
    assert list(json.loads(text, object_pairs_hook=lambda kv: [k for k, _ in kv])) == [
        "findings", "period"]


def test_only_chart_and_to_table():
    t1 = table("text", {"A": ramp(10, 30), "B": ramp(60, 40)})
    t2 = table("video", {"K": ramp(40, 20), "R": flat(30)})
    found = run(t1, t2)
    video = found.only_chart("video")
    assert {f.chart for f in video} == {"video"} and len(video) < len(found)
    with pytest.raises(UsageError, match="the charts are text, video"):
        found.only_chart("audio")
    lines = to_table(video).splitlines()
    assert lines[0].split() == ["id", "score", "chart", "kind", "subject", "text"]
    assert lines[1].split()[2:4] == ["video", video.findings[0].kind]


def test_every_number_in_a_sentence_is_one_of_its_facts():
    t = table("video", {"K": [0, 0, 0, 0, 0, 10, 17, 20.6, 21.2, 21.2, 21.3, 21.3],
                        "R": ramp(40, 20), "V": ramp(12, 20), "H": ramp(20, 8)})
    for f in run(t):
        for lang in fmt.LANGS:
            rendered = " ".join(fmt.render_fact(fact, lang, style)
                                for fact in f.facts.values()
                                for style in (None,) + fmt.STYLES[fact.unit])
            allowed = set(re.findall(r"\d+(?:\.\d+)?", rendered))
            text = f.text[lang]
            for name in {f.subject} | {fact.entity for fact in f.facts.values()}:
                text = text.replace(name, "")
            assert set(re.findall(r"\d+(?:\.\d+)?", text)) <= allowed, (f.text[lang], rendered)


# ------------------------------------------------------------------ settings


def test_settings_from_config_and_the_errors_that_name_the_key():
    s = FindingSettings.from_config({"smooth_weeks": 3, "min_share": 0.5})
    assert (s.smooth_weeks, s.min_share) == (3, 0.5)
    assert FindingSettings.from_config(None) == FindingSettings()
    with pytest.raises(InputError, match="unknown key 'smooth_week' in \\[findings\\]"):
        FindingSettings.from_config({"smooth_week": 3})
    with pytest.raises(InputError, match="'smooth_weeks' in \\[findings\\] must be a non-negative "
                                         "whole number"):
        FindingSettings.from_config({"smooth_weeks": 2.5})
    with pytest.raises(InputError, match="'min_share'"):
        FindingSettings.from_config({"min_share": "high"})


def test_wider_smoothing_changes_the_values_reported_and_says_so():
    a = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32]
    f = one(run(table("image", {"A": a, "B": flat(40)}),
                settings=FindingSettings(smooth_weeks=3)), "rise", "A")
    assert f.facts["start"].value == 12 and len(f.facts["start"].weeks) == 3
