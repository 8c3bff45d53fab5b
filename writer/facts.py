"""Facts: every number a post may contain, with where it came from.

A fact is one number with its unit, the entity it is about, the chart it belongs to and
the week or weeks it was read from. Findings are made of facts; drafting points at facts
with slots; verification binds every number in a text back to a fact. A number with no
fact behind it has no way into a post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

UNITS = ("pct", "pp", "weeks", "ratio", "date", "count")


@dataclass(frozen=True)
class Fact:
    """One number and its provenance.

    `value` is a float for every unit except `date`, whose value is the ISO date (str) of
    the Monday it names. Shares (`pct`) are percentages from 0 to 100; `pp` are
    percentage points; `ratio` is end/start (0.5 = halved, 2.0 = doubled).
    """

    id: str  # "<finding id>.<name>", e.g. "F7.share"; ledger-only facts use "S:..." ids
    name: str  # the fact's name inside its finding: share, start, end, peak, ...
    value: float | str
    unit: str
    entity: str  # a family, a provider, a category or a chart name
    entity_kind: str  # "family", "provider" or "chart"
    chart: str
    weeks: tuple[date, ...] = ()
    # a date in a period longer than a year: "mid-October" alone would name two Octobers
    with_year: bool = False

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} is not one of {UNITS}")

    def as_json(self) -> dict:
        out: dict = {"value": self.value, "unit": self.unit}
        if len(self.weeks) == 1:
            out["week"] = self.weeks[0].isoformat()
        elif self.weeks:
            out["weeks"] = [w.isoformat() for w in self.weeks]
        return out
