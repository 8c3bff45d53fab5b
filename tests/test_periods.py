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


# ------------------------------------------------------------------ the period in words

from writer.periods import span_phrase  # noqa: E402


def _mondays(first: str, last: str) -> list[date]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [a + timedelta(weeks=i) for i in range((b - a).days // 7 + 1)]


@pytest.mark.parametrize("first, last, en, zh", [
    # whole months: the first week opens a month and the last closes one (ISO Thursdays)
    ("2025-01-06", "2025-05-26", "January–May 2025", "2025年1月至5月"),
    ("2024-12-30", "2025-12-22", "January–December 2025", "2025年1月至12月"),
    ("2025-03-03", "2025-03-24", "March 2025", "2025年3月"),
    ("2024-11-04", "2025-02-24", "November 2024 – February 2025", "2024年11月至2025年2月"),
    # mid-month edges: the exact days
    ("2025-01-13", "2025-05-19", "13 January – 25 May 2025", "2025年1月13日至5月25日"),
    ("2025-09-29", "2026-09-07", "29 September 2025 – 13 September 2026",
     "2025年9月29日至2026年9月13日"),
    # one week
    ("2025-02-10", "2025-02-10", "the week of 10 February 2025", "2025年2月10日至16日这一周"),
    ("2025-12-29", "2025-12-29", "the week of 29 December 2025", "2025年12月29日至2026年1月4日这一周"),
])
def test_a_period_reads_as_the_weeks_it_covers(first, last, en, zh):
    weeks = _mondays(first, last)
    assert span_phrase(weeks, "en") == en
    assert span_phrase(weeks, "zh") == zh


def test_every_readme_example_period_drafts_on_the_sample(tmp_path, monkeypatch):
    """The periods the README lists all draft and verify on the sample data (exit 0).

    Rendering is left out (charts are tested on their own): the point is that every period
    kind gives a post whose every number checks."""
    import re
    from contextlib import redirect_stderr, redirect_stdout
    from io import StringIO
    from pathlib import Path

    import writer.charts as charts
    from writer.cli import main

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    line = next(p for p in readme.split("\n\n") if p.startswith("**Periods.**"))
    periods = [p for p in re.findall(r"`([^`\s]+)`", line) if p[:1].isdigit()]
    assert periods[:6] == ["2025H1", "2025Q2", "2025-05", "2025", "2025W07",
                           "2025-01-06..2025-05-25"]

    class Nothing:
        files, warning = (), None

    monkeypatch.setattr(charts, "export", lambda *a, **k: Nothing())
    for period in periods:
        err = StringIO()
        with redirect_stdout(StringIO()), redirect_stderr(err):
            code = main(["draft", "--period", period, "--data", str(root / "data" / "usage.csv"),
                         "--models", str(root / "data" / "models.csv"),
                         "--out", str(tmp_path / period.replace(".", "_"))])
        assert code == 0, f"{period}: {err.getvalue()}"
