"""The detectors, unchanged, on another platform's data: a week-by-model token table.

Like a public leaderboard export: each week lists its 9 largest models by tokens plus an
`Other` row for everything else. Models enter the top 9 and drop out of it again, there is
no registry (so no providers, release dates or predecessors), and the category is neither
text nor image. The findings must still be sensible, and never about `Other`.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from writer.findings import find, to_json
from writer.load import OTHER, UNKNOWN_PROVIDER, load
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares

N = 20
MONDAYS = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(N)]
TOTAL = 400e9  # tokens a week

# Weekly share in percent; None where the model is not among the week's top 9.
def _span(first: int, last: int, values) -> list:
    values = list(values) if not np.isscalar(values) else [values] * (last - first + 1)
    return [None] * first + values + [None] * (N - 1 - last)


SHARES = {
    "claude-sonnet": list(np.linspace(26, 14, N)),  # falls
    "gemini-flash": list(np.linspace(8, 24, N)),  # rises
    "gpt-4o-mini": [11.0] * N,  # flat
    "mythomax": list(np.linspace(4, 3, N)),
    "deepseek-v3": _span(3, 19, [3, 6, 8, 9] + [9.5] * 13),  # enters in week 3 and ramps
    "llama-3.3-70b": _span(0, 9, np.linspace(9, 4.5, 10)),  # drops out after week 9
    "mistral-nemo": _span(0, 13, 5.0),
    "wizardlm-2": _span(0, 7, 4.0),
    "hermes-3": _span(0, 11, 3.0),
    "command-r": _span(0, 2, 2.5),
    "grok-beta": _span(8, 19, 2.5),
    "nova-lite": _span(10, 19, 2.0),
    "qwen-max": _span(12, 19, [2, 4, 5] + [5.5] * 5),  # enters late
    "phi-4": _span(14, 19, 2.0),
}


def _frame_csv(path):
    lines = ["week,category,bot,messages"]
    for i, monday in enumerate(MONDAYS):
        listed = {m: s[i] for m, s in SHARES.items() if s[i] is not None}
        assert len(listed) == 9, f"week {i} lists {len(listed)} models, not 9"
        for model, share in listed.items():
            lines.append(f"{monday},tokens,{model},{int(TOTAL * share / 100)}")
        rest = 100 - sum(listed.values())
        assert rest > 0
        lines.append(f"{monday},tokens,{OTHER},{int(TOTAL * rest / 100)}")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    path = _frame_csv(tmp_path_factory.mktemp("platform") / "tokens.csv")
    data = load(path, None)  # no registry at all
    weeks = resolve_weeks(parse_period("2025H1"), data.mondays)
    return find(compute_shares(data, weeks), data.registry)


def _kinds(found, subject):
    return {f.kind for f in found if f.subject == subject}


def test_findings_run_and_say_the_obvious_things(result):
    assert {f.chart for f in result} == {"tokens"}
    assert "rise" in _kinds(result, "gemini-flash")
    assert "fall" in _kinds(result, "claude-sonnet")
    assert "launch_ramp" in _kinds(result, "deepseek-v3")
    ramp = next(f for f in result if f.kind == "launch_ramp" and f.subject == "deepseek-v3")
    # a top-9 list shows when a model entered it, not when it launched
    assert "launch" not in ramp.facts and "weeks_after_launch" not in ramp.facts
    assert ramp.facts["entered"].value == MONDAYS[3].isoformat()
    assert "entered the top 9" in ramp.text["en"] and "launch" not in ramp.text["en"]
    assert "进入前9名" in ramp.text["zh"] and "上线" not in ramp.text["zh"]
    assert ramp.facts["share"].value >= 0.9 * 9.5
    assert "of tokens" in ramp.text["en"] and "tokens" in ramp.text["zh"]


def test_the_data_is_read_as_a_top_nine_extract(tmp_path):
    data = load(_frame_csv(tmp_path / "t.csv"), None)
    shares = compute_shares(data, resolve_weeks(parse_period("2025H1"), data.mondays))
    assert shares.top_n == 9


def test_a_model_that_leaves_the_top_nine_dropped_out_and_never_fell_to_zero(result):
    f = next(f for f in result if f.subject == "llama-3.3-70b")
    # below the cut-off its share is unknown: no end value, no 0%, only the week it left
    assert f.kind == "fall" and set(f.facts) == {"start", "left"}
    assert f.facts["left"].value == MONDAYS[10].isoformat()
    assert "dropped out of the top 9" in f.text["en"] and "0%" not in f.text["en"]
    assert "跌出了前9名" in f.text["zh"]


def test_no_finding_rests_on_a_week_below_the_cut_off(result, tmp_path):
    data = load(_frame_csv(tmp_path / "t.csv"), None)
    counts = data.usage.set_index(["bot", "week"])["messages"]
    for f in result:
        for fact in f.facts.values():
            if fact.unit in ("pct", "pp", "ratio") and fact.entity_kind == "family":
                for week in fact.weeks:
                    assert (fact.entity, pd.Timestamp(week)) in counts.index, (f.id, fact)


def test_nothing_is_about_other_or_a_provider_nobody_named(result):
    for f in result:
        assert f.subject != OTHER and f.subject_kind != "provider"
        assert all(fact.entity not in (OTHER, UNKNOWN_PROVIDER) for fact in f.facts.values())
    # Without a registry there are no predecessors and no named launches to call small.
    assert not [f for f in result if f.kind in ("succession", "small_share", "provider_change")]


def test_a_flat_model_gives_no_finding(result):
    assert _kinds(result, "gpt-4o-mini") == set()


def test_the_same_table_gives_the_same_json(result, tmp_path):
    path = _frame_csv(tmp_path / "again.csv")
    data = load(path, None)
    again = find(compute_shares(data, resolve_weeks(parse_period("2025H1"), data.mondays)),
                 data.registry)
    assert to_json(again) == to_json(result)
