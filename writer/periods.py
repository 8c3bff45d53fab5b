"""Reporting periods: "2025H1" and friends → the complete Monday–Sunday weeks inside them.

A week is named by the ISO date of its Monday and runs Monday to Sunday. A period
resolves to the weeks that lie wholly inside both the asked-for dates and the data,
so a post never reports a half week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from writer.errors import UsageError

FORMS = "2025H1, 2025Q2, 2025-05, 2025, 2025W07 or 2025-01-06..2025-05-25"


@dataclass(frozen=True)
class Period:
    """What the user asked for: a label and the calendar days it spans (inclusive)."""

    label: str
    start: date
    end: date


@dataclass(frozen=True)
class Weeks:
    """A period resolved against the data: the complete weeks it reports on."""

    label: str
    asked: Period
    mondays: tuple[date, ...]

    @property
    def start(self) -> date:
        return self.mondays[0]

    @property
    def end(self) -> date:
        """The last Sunday covered."""
        return self.mondays[-1] + timedelta(days=6)

    @property
    def count(self) -> int:
        return len(self.mondays)

    @property
    def shorter_than_asked(self) -> bool:
        return self.start > self.asked.start or self.end < self.asked.end

    def describe(self) -> str:
        return (
            f"{self.label}: data covers {self.start.isoformat()} to {self.end.isoformat()} "
            f"({self.count} week{'s' if self.count != 1 else ''})"
        )

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weeks": self.count,
        }


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _iso(text: str, label: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--period {label!r}: {text!r} is not a date; write dates as YYYY-MM-DD"
        ) from None


def parse_period(label: str) -> Period:
    """Turn a period label into the calendar days it names."""
    try:
        return _parse_period(label)
    except (ValueError, OverflowError):  # year 0000, day 31 of a 30-day month, ...
        raise UsageError(f"--period {label!r} names a date that does not exist. "
                         f"Use one of {FORMS} with real dates (years 1 to 9998)") from None


def _parse_period(label: str) -> Period:
    text = label.strip()
    if re.match(r"\d{4}", text) and not 1 <= int(text[:4]) <= 9998:
        raise ValueError(text)
    if m := re.fullmatch(r"(\d{4})", text):
        y = int(m[1])
        return Period(text, date(y, 1, 1), date(y, 12, 31))
    if m := re.fullmatch(r"(\d{4})[Hh]([12])", text):
        y, h = int(m[1]), int(m[2])
        return Period(text.upper(), date(y, 6 * h - 5, 1), _month_end(y, 6 * h))
    if m := re.fullmatch(r"(\d{4})[Qq]([1-4])", text):
        y, q = int(m[1]), int(m[2])
        return Period(text.upper(), date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise UsageError(f"--period {label!r}: month {mo} does not exist. Use one of {FORMS}")
        return Period(text, date(y, mo, 1), _month_end(y, mo))
    if m := re.fullmatch(r"(\d{4})-?[Ww](\d{2})", text):
        y, w = int(m[1]), int(m[2])
        try:
            monday = date.fromisocalendar(y, w, 1)
        except ValueError:
            raise UsageError(
                f"--period {label!r}: {y} has no ISO week {w}. Use one of {FORMS}"
            ) from None
        return Period(f"{y}W{w:02d}", monday, monday + timedelta(days=6))
    if m := re.fullmatch(r"(\S+)\s*\.\.\s*(\S+)", text):
        start, end = _iso(m[1], label), _iso(m[2], label)
        if end < start:
            raise UsageError(f"--period {label!r}: the range ends before it starts")
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)
    raise UsageError(f"--period {label!r} is not a period I know. Use one of {FORMS}")


MAX_WEEKS = 1044  # 20 years of weekly bars: beyond it a chart cannot be drawn or read


def resolve_weeks(period: Period, data_mondays: list[date] | tuple[date, ...]) -> Weeks:
    """The complete weeks inside both the period and the span of the data.

    Weeks between the data's first and last Monday are all kept, even when a week has
    no rows: a gap is reported as a warning by the loader, not silently skipped.
    """
    if not data_mondays:
        raise UsageError(f"--period {period.label}: the data has no rows at all")
    first, last = min(data_mondays), max(data_mondays)
    start = max(period.start, first)
    # The first Monday on or after the start, so the week is wholly inside the period.
    start += timedelta(days=(7 - start.weekday()) % 7)
    stop = min(period.end, last + timedelta(days=6))
    mondays = []
    monday = start
    while monday + timedelta(days=6) <= stop:
        mondays.append(monday)
        monday += timedelta(days=7)
    if len(mondays) > MAX_WEEKS:
        raise UsageError(
            f"--period {period.label} covers {len(mondays):,} weeks of data "
            f"({mondays[0]} to {mondays[-1]}); a post charts at most {MAX_WEEKS:,} weeks "
            f"(20 years), one bar a week. Pick a shorter period, e.g. one year")
    if not mondays:
        raise UsageError(
            f"--period {period.label} ({period.start}..{period.end}) has no complete week of "
            f"data: the data covers {first.isoformat()} to "
            f"{(last + timedelta(days=6)).isoformat()}. Pick a period inside that range"
        )
    return Weeks(period.label, period, tuple(mondays))


# ------------------------------------------------------------------ the period in words

_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _month_of_week(monday: date) -> date:
    """The month a week belongs to, as ISO 8601 counts weeks: the month of its Thursday."""
    return monday + timedelta(days=3)


def span_phrase(mondays: tuple[date, ...] | list[date], lang: str) -> str:
    """The weeks covered, in words: "January–May 2025" / "2025年1月至5月".

    When the first week is the first week of its month and the last the last of its month
    (by their Thursdays), the span reads as whole months, as the reference post says 1–5月.
    Otherwise it names the exact days: "29 September 2025 – 13 September 2026".
    """
    first, last = mondays[0], mondays[-1]
    end_day = last + timedelta(days=6)
    thu_a, thu_b = _month_of_week(first), _month_of_week(last)
    # A span opens a month when its first Monday is that month's first (or its first week
    # holds the month's first Thursday), and closes one likewise at the end.
    a = first if first.day <= 7 else thu_a
    b = end_day if (end_day + timedelta(days=7)).month != end_day.month else thu_b
    whole_months = a.day <= 7 and (b + timedelta(days=7)).month != b.month
    zh = lang == "zh"
    if len(mondays) == 1 and not whole_months:
        if zh:
            tail = f"{end_day.month}月{end_day.day}日" if end_day.month != first.month else \
                f"{end_day.day}日"
            if end_day.year != first.year:
                tail = f"{end_day.year}年{end_day.month}月{end_day.day}日"
            return f"{first.year}年{first.month}月{first.day}日至{tail}这一周"
        return f"the week of {first.day} {_EN_MONTHS[first.month - 1]} {first.year}"
    if whole_months:
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.year}年{a.month}月" if zh else f"{_EN_MONTHS[a.month - 1]} {a.year}"
        if a.year == b.year:
            if zh:
                return f"{a.year}年{a.month}月至{b.month}月"
            return f"{_EN_MONTHS[a.month - 1]}–{_EN_MONTHS[b.month - 1]} {a.year}"
        if zh:
            return f"{a.year}年{a.month}月至{b.year}年{b.month}月"
        return f"{_EN_MONTHS[a.month - 1]} {a.year} – {_EN_MONTHS[b.month - 1]} {b.year}"
    if zh:
        if first.year == end_day.year:
            return f"{first.year}年{first.month}月{first.day}日至{end_day.month}月{end_day.day}日"
        return (f"{first.year}年{first.month}月{first.day}日至"
                f"{end_day.year}年{end_day.month}月{end_day.day}日")
    if first.year == end_day.year:
        return (f"{first.day} {_EN_MONTHS[first.month - 1]} – {end_day.day} "
                f"{_EN_MONTHS[end_day.month - 1]} {first.year}")
    return (f"{first.day} {_EN_MONTHS[first.month - 1]} {first.year} – {end_day.day} "
            f"{_EN_MONTHS[end_day.month - 1]} {end_day.year}")
