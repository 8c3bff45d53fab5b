"""The ledger's shape (issue 15): build_ledger runs the fact builders in CHART_FACTS (once per
chart) and PERIOD_FACTS (once per period) and indexes what they add. A new kind of fact is
one documented function and one entry in either tuple."""

from __future__ import annotations

from pathlib import Path

from writer import ledger as ledger_mod
from writer.ledger import Entity, LedgerFact, build_ledger
from writer.load import load
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares

ROOT = Path(__file__).resolve().parents[1]


def _shares():
    data = load(ROOT / "data" / "usage.csv", ROOT / "data" / "models.csv")
    return data, compute_shares(data, resolve_weeks(parse_period("2025Q1"), data.mondays))


def test_every_builder_says_what_it_adds():
    for build in ledger_mod.CHART_FACTS + ledger_mod.PERIOD_FACTS:
        assert build.__doc__ and build.__doc__.strip(), build.__name__


def test_a_new_fact_kind_is_one_function_and_one_entry(monkeypatch):
    def _weeks_with_data(b, chart, table):
        """Weeks the chart has messages in."""
        ce = Entity("chart", chart)
        b.add(LedgerFact(f"S:{chart}:weeks_with_data", "weeks_with_data",
                         float((b.totals[chart] > 0).sum()), "weeks", ce, chart, b.weeks))

    data, shares = _shares()
    before = build_ledger(shares, None, data.registry)
    monkeypatch.setattr(ledger_mod, "CHART_FACTS", ledger_mod.CHART_FACTS + (_weeks_with_data,))
    after = build_ledger(shares, None, data.registry)
    added = set(after.facts) - set(before.facts)
    assert added == {f"S:{c}:weeks_with_data" for c in shares.charts}
    for chart in shares.charts:
        fact = after.facts[f"S:{chart}:weeks_with_data"]
        assert fact in after.by_entity[Entity("chart", chart)]
        assert fact in after.by_chart[chart]
        assert fact.value == len(before.weeks)  # the sample has data every week
