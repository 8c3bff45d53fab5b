from datetime import date, timedelta

import pytest

from writer.errors import UsageError
from writer.periods import parse_period, resolve_weeks

DATA = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(21)]  # to 2025-06-01


@pytest.mark.parametrize("label, first, last, count", [
    ("2025H1", "2025-01-06", "2025-06-01", 21),
    ("2025Q2", "2025-04-07", "2025-06-01", 8),
    ("2025-05", "2025-05-05", "2025-05-25", 3),  # the week of May 26 ends in June
    ("2025", "2025-01-06", "2025-06-01", 21),
    ("2025W07", "2025-02-10", "2025-02-16", 1),
    ("2025-01-06..2025-05-25", "2025-01-06", "2025-05-25", 20),
    ("2025-01-08..2025-01-26", "2025-01-13", "2025-01-26", 2),  # only complete weeks
])
def test_periods_resolve_to_complete_weeks(label, first, last, count):
    weeks = resolve_weeks(parse_period(label), DATA)
    assert (weeks.start.isoformat(), weeks.end.isoformat(), weeks.count) == (first, last, count)
    assert all(m.weekday() == 0 for m in weeks.mondays)


def test_describe_says_what_the_data_covers():
    weeks = resolve_weeks(parse_period("2025H1"), DATA)
    assert weeks.describe() == "2025H1: data covers 2025-01-06 to 2025-06-01 (21 weeks)"
    assert weeks.shorter_than_asked  # H1 runs to June 30
    assert weeks.as_json() == {"label": "2025H1", "start": "2025-01-06", "end": "2025-06-01",
                               "weeks": 21}


@pytest.mark.parametrize("label", ["2025H3", "spring", "2025-13", "2025W60", "2025-05-01..2025-04-01"])
def test_bad_periods_say_which_forms_work(label):
    with pytest.raises(UsageError) as info:
        parse_period(label)
    assert label in info.value.render() or "ends before" in info.value.render()


def test_period_with_no_data_is_an_error_naming_the_data_range():
    with pytest.raises(UsageError) as info:
        resolve_weeks(parse_period("2024Q3"), DATA)
    msg = info.value.render()
    assert "no complete week of data" in msg and "2025-01-06 to 2025-06-01" in msg
