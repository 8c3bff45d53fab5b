"""`writer aggregate` reads no `ts` for Parquet row groups that lie inside one week.

The shortcut (`agg.duckdb_events`) only changes the relation `events` that
weekly_usage.sql reads; these tests run the real command twice on small Parquet files
with small row groups, once with the shortcut and once with the plain scan, and require
byte-identical output files, the same counts and the same warnings.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from writer import aggregate as agg

BOTS = [("GPT-4o", "text"), ("Claude-3.7-Sonnet-Thinking", "text"), ("FLUX-pro", "image"),
        ("Veo-2", "video"), ("ElevenLabs", "audio")]
TRIGGERS = ["user", "user", "user", "animate_button", "speak_button", None, ""]


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def events(start: datetime, end: datetime, n: int, seed: int, *, null_ts: float = 0.0,
           shuffle: bool = False) -> list[dict]:
    """n events between start and end, in time order (like logs) unless shuffled."""
    rnd = random.Random(seed)
    span = int((end - start).total_seconds() * 1_000_000)
    stamps = sorted(rnd.randrange(span) for _ in range(n))
    if shuffle:
        rnd.shuffle(stamps)
    rows = []
    for us in stamps:
        bot, category = rnd.choice(BOTS)
        rows.append({
            "ts": None if rnd.random() < null_ts else start + timedelta(microseconds=us),
            "bot": bot if rnd.random() > 0.01 else None,
            "category": category,
            "tokens": rnd.choice([0, 0, 0, 7, 300, None]),
            "flag": rnd.choice([True, False, False, None]),
            "trigger": rnd.choice(TRIGGERS),
        })
    return rows


US_UTC = pa.timestamp("us", tz="UTC")


def table(rows: list[dict], *, ts_type=US_UTC, reasoning="tokens", trigger=True) -> pa.Table:
    cols = {
        "user_id": pa.array(range(len(rows)), pa.int64()),  # never read
        "ts": pa.array([r["ts"] if ts_type.tz else (r["ts"] and r["ts"].replace(tzinfo=None))
                        for r in rows], ts_type),
        "bot": pa.array([r["bot"] for r in rows], pa.string()),
        "category": pa.array([r["category"] for r in rows], pa.string()),
    }
    if reasoning == "tokens":
        cols["reasoning_tokens"] = pa.array([r["tokens"] for r in rows], pa.int32())
    else:
        cols["reasoning"] = pa.array([r["flag"] for r in rows], pa.bool_())
    if trigger:
        cols["trigger"] = pa.array([r["trigger"] for r in rows], pa.string())
    return pa.table(cols)


def write(path, rows, *, row_group_size=50, statistics=True, **kw) -> str:
    pq.write_table(table(rows, **kw), path, row_group_size=row_group_size,
                   write_statistics=statistics)
    return str(path)


def plain_events(src, plan, since=None, until=None):
    return agg.EventsPlan(sql=agg.duckdb_scan(src), rows_without_ts=0, branches=1)


def both(tmp_path, monkeypatch, files, **kw) -> tuple[agg.AggregateResult, int]:
    """Run with and without the shortcut; assert identical results; return (result, rows
    whose ts was not read)."""
    plans, original = [], agg.duckdb_events

    def recording(*args, **kwargs):
        plans.append(original(*args, **kwargs))
        return plans[-1]

    fast_out, plain_out = tmp_path / "fast.parquet", tmp_path / "plain.parquet"
    with monkeypatch.context() as m:
        m.setattr(agg, "duckdb_events", recording)
        fast = agg.aggregate(files, str(fast_out), **kw)
    with monkeypatch.context() as m:
        m.setattr(agg, "duckdb_events", plain_events)
        plain = agg.aggregate(files, str(plain_out), **kw)
    assert pq.read_table(fast_out).to_pylist() == pq.read_table(plain_out).to_pylist()
    assert fast_out.read_bytes() == plain_out.read_bytes()
    for name in ("rows_written", "weeks", "events_scanned", "events_skipped", "first_week",
                 "last_week", "warnings"):
        assert getattr(fast, name) == getattr(plain, name), name
    skipped = plans[0].rows_without_ts if plans else 0
    return fast, skipped


# --------------------------------------------------------------------------------------


def test_row_groups_inside_a_week_skip_ts_and_straddling_ones_do_not(tmp_path, monkeypatch):
    rows = events(utc(2025, 1, 1), utc(2025, 2, 20), 3000, seed=1)  # ~60 events per day
    f = write(tmp_path / "e.parquet", rows, row_group_size=100)
    result, skipped = both(tmp_path, monkeypatch, [f])
    assert result.events_scanned == 3000
    # 30 row groups of ~1.7 days: 7 weeks, so about 7 of them straddle a Monday.
    assert 2000 <= skipped <= 2900
    src = agg.inspect_parquet(duckdb.connect(), [f])
    plan = agg.tz_plan("UTC", utc(2024, 12, 1), utc(2025, 3, 1))
    straddling = [rg for rg in src.row_groups
                  if agg._single_week(rg, plan, None, None) is None]
    assert straddling and all(
        (rg.lo_us + plan.shift_us) // agg._WEEK_US != (rg.hi_us + plan.shift_us) // agg._WEEK_US
        for rg in straddling)


def test_a_row_group_ending_on_the_last_microsecond_of_a_week(tmp_path, monkeypatch):
    monday = utc(2025, 1, 13)
    rows = [{**r, "ts": t} for r, t in zip(
        events(utc(2025, 1, 1), utc(2025, 1, 2), 6, seed=2),
        [utc(2025, 1, 7), utc(2025, 1, 8), monday - timedelta(microseconds=1),  # one group
         monday, monday + timedelta(microseconds=1), utc(2025, 1, 14)], strict=True)]
    f = write(tmp_path / "e.parquet", rows, row_group_size=3)
    result, skipped = both(tmp_path, monkeypatch, [f])
    assert skipped == 6
    assert [w for w in (result.first_week, result.last_week)] == [date(2025, 1, 6),
                                                                  date(2025, 1, 13)]


@pytest.mark.parametrize("since, until", [
    (date(2025, 1, 8), date(2025, 2, 5)),  # Wednesdays: both cut through row groups
    (date(2025, 1, 6), date(2025, 2, 2)),  # whole weeks
    (date(2025, 3, 1), date(2025, 3, 9)),  # after the data
])
@pytest.mark.parametrize("tz", ["UTC", "Asia/Shanghai", "America/New_York"])
def test_since_and_until_cutting_through_row_groups(tmp_path, monkeypatch, since, until, tz):
    rows = events(utc(2025, 1, 1), utc(2025, 2, 15), 2000, seed=3)
    f = write(tmp_path / "e.parquet", rows, row_group_size=40)
    result, skipped = both(tmp_path, monkeypatch, [f], since=since, until=until, tz=tz)
    if since.month == 3:
        assert result.events_scanned == 0 and skipped == 0
    else:
        assert 0 < skipped < result.events_scanned


def test_shanghai_weeks_start_at_16_utc(tmp_path, monkeypatch):
    # Row groups of about 6 hours: some end just before Sunday 16:00 UTC (Monday 00:00 in
    # Shanghai), some start there, some straddle it.
    rows = events(utc(2025, 1, 1), utc(2025, 2, 1), 2500, seed=4)
    f = write(tmp_path / "e.parquet", rows, row_group_size=20)
    result, skipped = both(tmp_path, monkeypatch, [f], tz="Asia/Shanghai")
    assert result.first_week == date(2024, 12, 30)
    assert 0 < skipped < 2500


def test_daylight_saving_band_in_new_york(tmp_path, monkeypatch):
    # Dense events on the Sundays around the 2025 changes: before 2025-03-09 a New York week
    # ends at 05:00 UTC on Monday, after it at 04:00. Row groups of a few minutes inside the
    # band (the last hour of a base-offset week) must read ts.
    rows = []
    for i, sunday in enumerate([utc(2025, 3, 2), utc(2025, 3, 9), utc(2025, 3, 16),
                                utc(2025, 10, 26), utc(2025, 11, 2), utc(2025, 11, 9)]):
        rows += events(sunday + timedelta(hours=20), sunday + timedelta(hours=32), 1500,
                       seed=10 + i)
    f = write(tmp_path / "e.parquet", rows, row_group_size=25)
    src = agg.inspect_parquet(duckdb.connect(), [f])
    plan = agg.tz_plan("America/New_York", utc(2025, 2, 20), utc(2025, 11, 20))
    assert plan.band_us == 3_600_000_000
    week_us = agg._WEEK_US
    in_band = [rg for rg in src.row_groups
               if (rg.lo_us + plan.shift_us) % week_us >= week_us - plan.band_us
               and (rg.lo_us + plan.shift_us) // week_us == (rg.hi_us + plan.shift_us) // week_us]
    assert in_band  # some row groups lie wholly inside the band
    assert all(agg._single_week(rg, plan, None, None) is None for rg in in_band)
    result, skipped = both(tmp_path, monkeypatch, [f], tz="America/New_York")
    assert 0 < skipped < result.events_scanned


def test_null_ts_rows_keep_their_row_group_on_the_plain_path(tmp_path, monkeypatch):
    rows = events(utc(2025, 1, 1), utc(2025, 2, 1), 1200, seed=5, null_ts=0.01)
    f = write(tmp_path / "e.parquet", rows, row_group_size=30)
    src = agg.inspect_parquet(duckdb.connect(), [f])
    meta = pq.ParquetFile(f).metadata
    with_nulls = {i for i in range(meta.num_row_groups)
                  if meta.row_group(i).column(1).statistics.null_count}
    assert with_nulls and all(src.row_groups[i].lo_us is None for i in with_nulls)
    result, skipped = both(tmp_path, monkeypatch, [f])
    assert result.events_skipped >= sum(r["ts"] is None for r in rows) > 0
    assert 0 < skipped <= 1200 - 30 * len(with_nulls)


def test_files_without_statistics_read_ts(tmp_path, monkeypatch):
    rows = events(utc(2025, 1, 1), utc(2025, 2, 1), 600, seed=6)
    f = write(tmp_path / "e.parquet", rows, row_group_size=20, statistics=False)
    g = write(tmp_path / "g.parquet", events(utc(2025, 2, 3), utc(2025, 2, 4), 50, seed=7))
    _, skipped = both(tmp_path, monkeypatch, [f])
    assert skipped == 0
    _, skipped = both(tmp_path, monkeypatch, [f, g])  # only g's row group is skipped
    assert skipped == 50


def test_csv_input_is_read_as_it_is(tmp_path, monkeypatch):
    rows = events(utc(2025, 1, 1), utc(2025, 1, 20), 300, seed=8)
    p = tmp_path / "e.csv"
    lines = ["ts,user_id,bot,category,reasoning_tokens,trigger"]
    for i, r in enumerate(rows):
        if r["bot"] is None:
            continue
        lines.append(f"{r['ts'].isoformat()},{i},{r['bot']},{r['category']},"
                     f"{r['tokens'] or 0},{r['trigger'] or ''}")
    p.write_text("\n".join(lines) + "\n")
    files, _ = agg.expand_inputs([str(p)])
    src = agg.inspect_csv(files)
    plan = agg.tz_plan("UTC", utc(2024, 12, 1), utc(2025, 2, 1))
    assert agg.duckdb_events(src, plan).sql == agg.duckdb_scan(src)
    result, skipped = both(tmp_path, monkeypatch, [str(p)])
    assert skipped == 0 and result.events_scanned == len(lines) - 1


def test_boolean_reasoning_column(tmp_path, monkeypatch):
    rows = events(utc(2025, 1, 1), utc(2025, 2, 1), 900, seed=9)
    f = write(tmp_path / "e.parquet", rows, row_group_size=30, reasoning="flag")
    _, skipped = both(tmp_path, monkeypatch, [f], tz="Asia/Shanghai")
    assert 0 < skipped < 900
    assert {r["reasoning"] for r in pq.read_table(tmp_path / "fast.parquet").to_pylist()} == {
        True, False}


def test_daily_files_with_different_columns(tmp_path, monkeypatch):
    """Day files (a common layout): whole files inside one week are read together without
    ts; a file without the trigger column, or with 64-bit tokens, still unions by name."""
    folder = tmp_path / "logs"
    folder.mkdir()
    for day in range(20):
        start = utc(2025, 1, 1) + timedelta(days=day)
        rows = events(start, start + timedelta(days=1), 80, seed=100 + day)
        t = table(rows, trigger=day % 3 != 0)
        if day % 4 == 0:
            t = t.set_column(t.column_names.index("reasoning_tokens"), "reasoning_tokens",
                             t.column("reasoning_tokens").cast(pa.int64()))
        pq.write_table(t, folder / f"day-{day:02d}.parquet", row_group_size=30)
    for tz in ("UTC", "Asia/Shanghai"):
        result, skipped = both(tmp_path, monkeypatch, [str(folder)], tz=tz)
        assert result.events_scanned == 1600
        assert skipped >= (1600 if tz == "UTC" else 1200)
    # A whole file inside a week is one branch with the other files of its week.
    files, _ = agg.expand_inputs([str(folder)])
    src = agg.inspect_parquet(duckdb.connect(), files)
    plan = agg.tz_plan("UTC", utc(2024, 12, 20), utc(2025, 2, 1))
    assert agg.duckdb_events(src, plan).branches == 4  # the weeks of Dec 30 to Jan 20


@pytest.mark.parametrize("ts_type", [pa.timestamp("ns", tz="UTC"), pa.timestamp("ms", tz="UTC"),
                                     pa.timestamp("us")], ids=["ns", "ms", "naive"])
def test_timestamp_units_and_naive_timestamps(tmp_path, monkeypatch, ts_type):
    rows = events(utc(2025, 1, 1), utc(2025, 2, 1), 900, seed=11)
    f = write(tmp_path / "e.parquet", rows, row_group_size=30, ts_type=ts_type)
    g = write(tmp_path / "g.parquet", events(utc(2025, 2, 1), utc(2025, 2, 20), 300, seed=12))
    _, skipped = both(tmp_path, monkeypatch, [f], tz="America/New_York")
    assert skipped > 0
    _, skipped = both(tmp_path, monkeypatch, [f, g], tz="Asia/Shanghai")  # mixed units: a cast
    assert skipped > 0


def test_unordered_logs_gain_nothing_and_lose_nothing(tmp_path, monkeypatch):
    rows = events(utc(2025, 1, 1), utc(2025, 2, 1), 1000, seed=13, shuffle=True)
    f = write(tmp_path / "e.parquet", rows, row_group_size=50)
    _, skipped = both(tmp_path, monkeypatch, [f])
    assert skipped == 0


def test_the_shortcut_reads_only_the_five_columns(tmp_path):
    rows = events(utc(2025, 1, 1), utc(2025, 2, 1), 600, seed=14)
    f = write(tmp_path / "e.parquet", rows, row_group_size=30)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    src = agg.inspect_parquet(con, [f])
    plan = agg.tz_plan("UTC", utc(2024, 12, 1), utc(2025, 3, 1))
    ev = agg.duckdb_events(src, plan)
    assert ev.rows_without_ts > 0 and ev.branches > 1
    con.execute(f"CREATE VIEW events AS {ev.sql}")
    sql = agg.render("duckdb", plan, reasoning=src.reasoning, ts_type=src.ts_type)
    text = con.execute("EXPLAIN (FORMAT json) " + sql.buckets).fetchall()[0][1]
    assert "user_id" not in text
    scans = []

    def walk(node):
        if node["name"] == "READ_PARQUET":
            cols = node["extra_info"]["Projections"]
            scans.append({c.strip() for c in (cols.split(",") if isinstance(cols, str) else cols)})
        for child in node["children"]:
            walk(child)

    for root in json.loads(text):
        walk(root)
    assert len(scans) == ev.branches
    assert all(s <= {"ts", "bot", "category", "reasoning_tokens", "trigger"} for s in scans)
    assert any("ts" not in s for s in scans)  # the branches that skip ts do not read it


def test_nanoseconds_next_to_a_week_edge(tmp_path, monkeypatch):
    """Half a microsecond either side of Monday 00:00 UTC: the engine's rounding of
    nanoseconds, not the statistics, decides the week, so both row groups read ts."""
    monday_ns = int(utc(2025, 1, 13).timestamp()) * 10**9
    stamps = [monday_ns - 3 * 86_400 * 10**9, monday_ns - 500, monday_ns + 500,
              monday_ns + 86_400 * 10**9]
    t = pa.table({"ts": pa.array(stamps, pa.int64()).cast(pa.timestamp("ns", tz="UTC")),
                  "bot": ["a"] * 4, "category": ["text"] * 4,
                  "reasoning_tokens": pa.array([0] * 4, pa.int32())})
    f = tmp_path / "e.parquet"
    pq.write_table(t, f, row_group_size=2)
    result, skipped = both(tmp_path, monkeypatch, [str(f)])
    assert skipped == 0 and result.weeks == 2


def test_a_file_with_ts_and_TS_columns_keeps_reading_ts(tmp_path, monkeypatch):
    # Names that differ only in case: which one the scan binds is DuckDB's business, so the
    # footers' statistics (of both) are not used and the result is the plain scan's.
    rows = events(utc(2025, 1, 1), utc(2025, 3, 1), 1000, seed=9)
    t = table(rows)
    t = t.append_column("TS", pa.array([r["ts"] + timedelta(days=30) for r in rows], US_UTC))
    path = tmp_path / "e.parquet"
    pq.write_table(t, path, row_group_size=50)
    src = agg.inspect_parquet(duckdb.connect(), [str(path)])
    assert len(src.row_groups) == 20 and all(rg.lo_us is None for rg in src.row_groups)
    _, skipped = both(tmp_path, monkeypatch, [str(path)])
    assert skipped == 0
