"""The formatters: every number that reaches a reader, in English and Chinese."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from writer.facts import Fact
from writer.format import (
    count,
    day_phrase,
    duration,
    is_last_week_of_month,
    names,
    pct,
    pp,
    ratio,
    render_fact,
    round_half_up,
    under,
    week_phrase,
)

# ------------------------------------------------------------------ rounding and percentages


@pytest.mark.parametrize("value, shown", [(9.5, 10), (9.49, 9), (0.5, 1), (2.5, 3), (20.5, 21)])
def test_rounding_is_half_up_not_bankers(value, shown):
    assert round_half_up(value) == shown


@pytest.mark.parametrize(
    "value, en, zh",
    [
        (21.0, "21%", "21%"),
        (21.25, "21%", "21%"),  # a quarter point off: still plain
        (21.3, "about 21%", "约21%"),
        (20.6, "about 21%", "约21%"),
        (9.5, "about 10%", "约10%"),
        (9.49, "about 9%", "约9%"),
        (35.8, "36%", "36%"),
        (80.0, "80%", "80%"),
        (0.6, "0.6%", "0.6%"),
        (0.63, "about 0.6%", "约0.6%"),
        (0.96, "1%", "1%"),
        (0.03, "under 0.1%", "不到0.1%"),
        (0.0, "0%", "0%"),
    ],
)
def test_pct_says_about_only_when_more_than_a_quarter_point_off(value, en, zh):
    assert pct(value, "en") == en
    assert pct(value, "zh") == zh


def test_pct_exact_shows_one_decimal_where_needed():
    assert pct(21.3, "en", approx=False) == "21.3%"
    assert pct(21.04, "en", approx=False) == "21%"
    assert pct(9.449, "zh", approx=False) == "9.4%"


def test_pct_forced_about_and_tilde():
    assert pct(21.0, "en", approx=True) == "about 21%"
    assert pct(21.3, "en", tilde=True) == "~21%"
    assert pct(21.3, "zh", tilde=True) == "约21%"  # Chinese has no tilde convention


@pytest.mark.parametrize(
    "value, shown",
    [(31.5, "about 30%"), (9.4, "about 10%"), (19.1, "about 20%"), (45.3, "about 45%"),
     (80.1, "80%"), (12.2, "12%"), (7.0, "7%")],
)
def test_nice_rounding_goes_to_a_multiple_of_five_only_when_close(value, shown):
    assert pct(value, "en", nice=True) == shown


@given(st.floats(min_value=0.05, max_value=100, allow_nan=False))
def test_every_pct_form_is_inside_the_verification_tolerance(value):
    """Plain digits: inside the rounding interval. "about": within max(1 point, 10%)."""
    for form in (pct(value, "en"), pct(value, "en", approx=False), pct(value, "en", nice=True)):
        number = float(re.search(r"[\d.]+", form)[0])
        decimals = len(form.split(".")[1].rstrip("%")) if "." in form else 0
        if form.startswith("about"):
            assert abs(value - number) <= max(1.0, 0.1 * number, 0.5 * 10**-decimals) + 1e-9
        else:
            assert abs(value - number) <= 0.5 * 10**-decimals + 1e-9, form


@pytest.mark.parametrize("value, en, zh", [(0.6, "under 1%", "不到1%"), (1.0, "under 2%", "不到2%"),
                                           (0.04, "under 0.1%", "不到0.1%"),
                                           (18, "under 20%", "不到20%")])
def test_under_names_the_smallest_round_bound_strictly_above(value, en, zh):
    assert under(value, "en") == en and under(value, "zh") == zh


# ------------------------------------------------------------------ points, counts, durations


def test_pp_is_a_magnitude_unless_signed():
    assert pp(-10.0, "en") == "10 points"
    assert pp(-10.3, "en") == "about 10 points"
    assert pp(1.0, "en") == "1 point"
    assert pp(-10.3, "zh") == "约10个百分点"
    assert pp(-10.0, "en", signed=True) == "down 10 points"
    assert pp(4.0, "zh", signed=True) == "上升4个百分点"


@pytest.mark.parametrize(
    "weeks, en, zh",
    [(1, "one week", "1周"), (2, "two weeks", "2周"), (3, "three weeks", "3周"),
     (6, "six weeks", "6周"), (9, "nine weeks", "9周"), (10, "10 weeks", "10周"),
     (12, "12 weeks", "12周")],
)
def test_duration_spells_out_small_english_numbers_and_chinese_digits(weeks, en, zh):
    # Chinese posts use one numeral style for durations, digits, as "12周" must be
    assert duration(weeks, "en") == en
    assert duration(weeks, "zh") == zh


def test_duration_digits_and_about():
    assert duration(6, "en", digits=True) == "6 weeks"
    assert duration(6, "zh", digits=True) == "6周"
    assert duration(1, "en", digits=True) == "1 week"
    assert duration(6, "en", approx=True) == "about six weeks"
    assert duration(6, "zh", approx=True) == "约6周"
    with pytest.raises(ValueError):
        duration(2.5, "en")


def test_count_uses_liang_for_two_in_chinese():
    assert (count(2, "en"), count(2, "zh"), count(4, "zh"), count(12, "en")) == (
        "two", "两", "四", "12")


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "day, en, zh",
    [(date(2025, 2, 1), "early February", "2月上旬"), (date(2025, 2, 10), "early February", "2月上旬"),
     (date(2025, 2, 11), "mid-February", "2月中旬"), (date(2025, 2, 20), "mid-February", "2月中旬"),
     (date(2025, 2, 21), "late February", "2月下旬"), (date(2025, 2, 28), "late February", "2月下旬")],
)
def test_day_ranges_early_1_to_10_mid_11_to_20_late_21_to_end(day, en, zh):
    assert day_phrase(day, "en") == en
    assert day_phrase(day, "zh") == zh


def test_a_week_is_named_by_its_thursday():
    # 2025-04-28..05-04: Thursday is 1 May, so the week is early May, not late April.
    assert week_phrase(date(2025, 4, 28), "en") == "early May"
    assert week_phrase(date(2025, 2, 10), "zh") == "2月中旬"  # Thursday 13 February
    assert week_phrase(date(2025, 2, 10), "en", with_year=True) == "mid-February 2025"
    assert week_phrase(date(2025, 2, 10), "zh", with_year=True) == "2025年2月中旬"


def test_last_week_of_month_only_when_it_is():
    assert is_last_week_of_month(date(2025, 4, 21)) and not is_last_week_of_month(date(2025, 4, 14))
    assert week_phrase(date(2025, 4, 21), "en", last_week_of_month=True) == "the last week of April"
    assert week_phrase(date(2025, 4, 21), "zh", last_week_of_month=True) == "4月最后一周"
    # Not the last week: the ordinary phrase, which is still true.
    assert week_phrase(date(2025, 4, 14), "en", last_week_of_month=True) == "mid-April"


@given(st.dates(min_value=date(2000, 1, 3), max_value=date(2100, 1, 1)))
def test_a_week_phrase_always_names_a_range_that_overlaps_the_week(day):
    monday = day - timedelta(days=day.weekday())
    week = {monday + timedelta(days=i) for i in range(7)}
    thursday = monday + timedelta(days=3)
    phrase = week_phrase(monday, "en", last_week_of_month=True)
    month_end = (date(thursday.year + thursday.month // 12, thursday.month % 12 + 1, 1)
                 - timedelta(days=1)).day
    ranges = {"early": (1, 10), "mid-": (11, 20), "late": (21, month_end),
              "the last week": (month_end - 6, month_end)}
    low, high = next(r for k, r in ranges.items() if phrase.startswith(k))
    named = {thursday.replace(day=d) for d in range(low, high + 1)}
    assert week & named


# ------------------------------------------------------------------ ratios


@pytest.mark.parametrize(
    "r, en, zh",
    [(0.0, "fell to zero", "降至零"), (0.1, "fell by 90%", "下降了90%"),
     (0.43, "more than halved", "下降了一半以上"), (0.3, "more than halved", "下降了一半以上"),
     (0.5, "halved", "下降了一半"), (0.55, "halved", "下降了一半"),
     (0.7, "fell by 30%", "下降了30%"), (1.0, "was unchanged", "持平"),
     (1.334, "rose by about 33%", "增长了约33%"), (1.5, "rose by 50%", "增长了50%"), (2.0, "doubled", "翻了一番"),
     (2.5, "more than doubled", "增长了一倍多"), (3.0, "tripled", "增长了两倍"),
     (3.5, "more than tripled", "增长了两倍多"), (5.2, "grew about 5-fold", "增长到约5倍")],
)
def test_ratio_words(r, en, zh):
    assert ratio(r, "en") == en
    assert ratio(r, "zh") == zh


def test_halved_stays_inside_the_verifiers_band():
    # Verification reads "halved" as 0.4–0.6 and "more than halved" as below 0.5.
    for r in [x / 1000 for x in range(1001)]:
        words = ratio(r, "en")
        if words == "halved":
            assert 0.4 <= r <= 0.6
        if words == "more than halved":
            assert r < 0.5


# ------------------------------------------------------------------ names, nouns, facts


def test_lists():
    assert names(["A", "B", "C"], "en") == "A, B and C"
    assert names(["A", "B", "C"], "zh") == "A、B和C"
    assert names(["A"], "en") == "A"


def _fact(value, unit):
    return Fact("F1.x", "x", value, unit, "Kling-2.0", "family", "video", (date(2025, 5, 12),))


def test_render_fact_dispatches_on_unit_and_style():
    assert render_fact(_fact(21.0, "pct"), "en") == "21%"
    assert render_fact(_fact(21.3, "pct"), "zh", "exact") == "21.3%"
    assert render_fact(_fact(31.5, "pct"), "en", "round") == "about 30%"
    assert render_fact(_fact(0.6, "pct"), "zh", "under") == "不到1%"
    assert render_fact(_fact(-9.8, "pp"), "en", "signed") == "down 10 points"
    assert render_fact(_fact(3, "weeks"), "zh") == "3周"
    assert render_fact(_fact(3, "weeks"), "en", "digits") == "3 weeks"
    assert render_fact(_fact(0.43, "ratio"), "en") == "more than halved"
    assert render_fact(_fact("2025-04-21", "date"), "zh", "last_week") == "4月最后一周"
    assert render_fact(_fact("2025-02-10", "date"), "en") == "mid-February"
    assert render_fact(_fact(4, "count"), "en") == "four"


def test_render_fact_rejects_a_style_that_does_not_fit_and_names_the_allowed_ones():
    with pytest.raises(ValueError, match="signed"):
        render_fact(_fact(3, "pp"), "en", "digits")
    with pytest.raises(ValueError, match="language 'fr'"):
        render_fact(_fact(3, "pp"), "fr")
