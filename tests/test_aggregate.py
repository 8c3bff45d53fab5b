"""`writer aggregate`: raw events -> weekly usage, on DuckDB (Spark parity lives elsewhere)."""

from __future__ import annotations

import argparse
import io
import os
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
import sqlglot

from writer import aggregate as agg
from writer.errors import InputError, UsageError

US_UTC = pa.timestamp("us", tz="UTC")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def events_table(rows: list[dict], *, ts_type=US_UTC, reasoning="tokens",
                 trigger=True, user_id=True) -> pa.Table:
    """Raw events as Arrow; rows give ts, bot, category and optionally tokens/flag/trigger."""
    cols = {"ts": pa.array([r.get("ts") for r in rows], ts_type)}
    if user_id:
        cols["user_id"] = pa.array([1000 + i for i in range(len(rows))], pa.int64())
    cols["bot"] = pa.array([r.get("bot", "GPT-4o") for r in rows], pa.string())
    cols["category"] = pa.array([r.get("category", "text") for r in rows], pa.string())
    if reasoning == "tokens":
        cols["reasoning_tokens"] = pa.array([r.get("tokens", 0) for r in rows], pa.int32())
    elif reasoning == "flag":
        cols["reasoning"] = pa.array([r.get("flag", False) for r in rows], pa.bool_())
    if trigger:
        cols["trigger"] = pa.array([r.get("trigger", "user") for r in rows], pa.string())
    return pa.table(cols)


def write_parquet(path, rows, **kw) -> str:
    pq.write_table(events_table(rows, **kw), path)
    return str(path)


def read_out(path) -> list[tuple]:
    """The output table as (week, category, bot, messages, reasoning, trigger) tuples."""
    if str(path).endswith(".csv"):
        t = pacsv.read_csv(path)
    else:
        t = pq.read_table(path)
    assert t.column_names == list(agg.OUTPUT_COLUMNS)
    return [tuple(r.values()) for r in t.to_pylist()]


def run_agg(tmp_path, rows_or_files, name="usage.parquet", **kw):
    if isinstance(rows_or_files, list) and rows_or_files and isinstance(rows_or_files[0], dict):
        files = [write_parquet(tmp_path / "events.parquet", rows_or_files)]
    else:
        files = rows_or_files
    out = tmp_path / name
    result = agg.aggregate(files, str(out), **kw)
    return result, read_out(out)


D = date.fromisoformat


# ---------------------------------------------------------------------------------------
# Weekly counts
# ---------------------------------------------------------------------------------------


def test_weekly_counts_on_a_hand_made_event_set(tmp_path):
    rows = [
        # Week of Mon 2025-01-06: the first and the last microsecond of the week.
        {"ts": utc(2025, 1, 6, 0, 0, 0), "bot": "GPT-4o"},
        {"ts": utc(2025, 1, 8, 12, 0, 0), "bot": "GPT-4o"},
        {"ts": utc(2025, 1, 12, 23, 59, 59, 999999), "bot": "GPT-4o"},
        {"ts": utc(2025, 1, 9, 9, 0, 0), "bot": "Claude-3.7-Sonnet", "tokens": 120},
        {"ts": utc(2025, 1, 9, 9, 0, 1), "bot": "Claude-3.7-Sonnet", "tokens": 0},
        {"ts": utc(2025, 1, 10, 9, 0, 0), "bot": "FLUX-pro", "category": "image"},
        # Week of Mon 2025-01-13 starts exactly here.
        {"ts": utc(2025, 1, 13, 0, 0, 0), "bot": "GPT-4o"},
        {"ts": utc(2025, 1, 19, 18, 0, 0), "bot": "FLUX-pro", "category": "image",
         "trigger": "animate_button"},
    ]
    result, out = run_agg(tmp_path, rows)
    assert out == [
        (D("2025-01-06"), "image", "FLUX-pro", 1, False, "user"),
        (D("2025-01-06"), "text", "Claude-3.7-Sonnet", 1, False, "user"),
        (D("2025-01-06"), "text", "Claude-3.7-Sonnet", 1, True, "user"),
        (D("2025-01-06"), "text", "GPT-4o", 3, False, "user"),
        (D("2025-01-13"), "image", "FLUX-pro", 1, False, "animate_button"),
        (D("2025-01-13"), "text", "GPT-4o", 1, False, "user"),
    ]
    assert result.rows_written == 6
    assert result.weeks == 2
    assert result.events_scanned == 8
    assert result.events_skipped == 0
    assert result.engine == "duckdb"
    assert (result.first_week, result.last_week) == (D("2025-01-06"), D("2025-01-13"))
    assert result.seconds > 0


def test_output_types_and_order(tmp_path):
    rows = [{"ts": utc(2025, 2, 3 + i % 14, 5), "bot": b, "category": c, "tokens": i % 2,
             "trigger": t}
            for i, (b, c, t) in enumerate([("b", "text", "user"), ("a", "text", "speak_button"),
                                           ("z", "audio", "user"), ("a", "text", "user")] * 5)]
    agg.aggregate([write_parquet(tmp_path / "e.parquet", rows)], str(tmp_path / "u.parquet"))
    table = pq.read_table(tmp_path / "u.parquet")
    assert [str(t) for t in table.schema.types] == ["date32[day]", "string", "string", "int64",
                                                    "bool", "string"]
    out = read_out(tmp_path / "u.parquet")
    assert out == sorted(out, key=lambda r: (r[0], r[1], r[2], r[4], r[5]))
    assert sum(r[3] for r in out) == len(rows)
    assert all(r[0].weekday() == 0 for r in out)


def test_csv_output_and_csv_input_match_parquet(tmp_path):
    rows = [{"ts": utc(2025, 3, 1) + timedelta(hours=7 * i), "bot": f"bot-{i % 3}",
             "tokens": (i % 4) * 10, "trigger": ["user", "speak_button", None][i % 3]}
            for i in range(200)]
    parquet_in = write_parquet(tmp_path / "e.parquet", rows)
    _, from_parquet = run_agg(tmp_path, [parquet_in], name="a.parquet", tz="Europe/Berlin")

    csv_in = tmp_path / "e.csv"
    with open(csv_in, "w") as fh:
        fh.write("ts,user_id,bot,category,reasoning_tokens,trigger\n")
        fh.writelines(f"{r['ts'].isoformat()},{i},{r['bot']},text,{r['tokens']},{r['trigger'] or ''}\n"
                      for i, r in enumerate(rows))
    _, from_csv = run_agg(tmp_path, [str(csv_in)], name="b.csv", tz="Europe/Berlin")
    assert from_csv == from_parquet
    header = (tmp_path / "b.csv").read_text().splitlines()[0]
    assert header == "week,category,bot,messages,reasoning,trigger"


def test_csv_naive_and_offset_timestamps(tmp_path):
    csv_in = tmp_path / "e.csv"
    csv_in.write_text(
        "ts,bot,category,reasoning_tokens\n"
        "2025-01-12 23:30:00,a,text,0\n"  # naive: UTC, Sunday -> week 2025-01-06
        "2025-01-13T00:30:00+01:00,a,text,0\n"  # = 2025-01-12 23:30 UTC -> week 2025-01-06
        "2025-01-13T00:30:00Z,a,text,0\n")  # Monday -> week 2025-01-13
    _, out = run_agg(tmp_path, [str(csv_in)])
    assert out == [(D("2025-01-06"), "text", "a", 2, False, "user"),
                   (D("2025-01-13"), "text", "a", 1, False, "user")]


# ---------------------------------------------------------------------------------------
# Time zones
# ---------------------------------------------------------------------------------------


def test_monday_boundary_in_shanghai(tmp_path):
    rows = [
        {"ts": utc(2025, 1, 5, 15, 59, 59, 999999)},  # Sun 23:59:59.999999 in Shanghai
        {"ts": utc(2025, 1, 5, 16, 0, 0)},  # Mon 00:00 in Shanghai
        {"ts": utc(2025, 1, 6, 0, 30, 0)},  # Monday in both zones
    ]
    _, shanghai = run_agg(tmp_path, rows, tz="Asia/Shanghai")
    assert [(r[0], r[3]) for r in shanghai] == [(D("2024-12-30"), 1), (D("2025-01-06"), 2)]
    _, in_utc = run_agg(tmp_path, rows, name="utc.parquet")
    assert [(r[0], r[3]) for r in in_utc] == [(D("2024-12-30"), 2), (D("2025-01-06"), 1)]


@pytest.mark.parametrize("tz, edges", [
    # Europe/Berlin switches to summer time on Sunday 2025-03-30 (01:00 UTC) and back on
    # Sunday 2025-10-26 (01:00 UTC): the Mondays after start at 22:00 and 23:00 UTC.
    ("Europe/Berlin", [(utc(2025, 3, 23, 23), D("2025-03-24")), (utc(2025, 3, 30, 22), D("2025-03-31")),
                       (utc(2025, 10, 19, 22), D("2025-10-20")), (utc(2025, 10, 26, 23), D("2025-10-27"))]),
    # America/New_York: DST starts Sunday 2025-03-09, ends Sunday 2025-11-02.
    ("America/New_York", [(utc(2025, 3, 3, 5), D("2025-03-03")), (utc(2025, 3, 10, 4), D("2025-03-10")),
                          (utc(2025, 10, 27, 4), D("2025-10-27")), (utc(2025, 11, 3, 5), D("2025-11-03"))]),
])
def test_weeks_are_right_across_dst_changes(tmp_path, tz, edges):
    rows, expected = [], {}
    for monday_utc, week in edges:
        before = monday_utc - timedelta(microseconds=1)
        rows += [{"ts": before}, {"ts": monday_utc}, {"ts": monday_utc + timedelta(minutes=30)}]
        prev = week - timedelta(days=7)
        expected[prev] = expected.get(prev, 0) + 1
        expected[week] = expected.get(week, 0) + 2
    _, out = run_agg(tmp_path, rows, tz=tz)
    assert {r[0]: r[3] for r in out} == expected


REFERENCE_ZONES = ["UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Kathmandu",
                   "America/St_Johns", "Australia/Lord_Howe", "Pacific/Chatham"]


@pytest.mark.parametrize("tz", REFERENCE_ZONES)
def test_weeks_match_a_zoneinfo_reference(tmp_path, tz):
    """Random instants over two years, many near local midnights, against Python's zoneinfo."""
    rnd = random.Random(tz)
    zone = ZoneInfo(tz)
    instants = []
    for _ in range(3000):
        day = date(2024, 1, 1) + timedelta(days=rnd.randrange(730))
        local = datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(
            seconds=rnd.choice([rnd.randrange(-7200, 7200), rnd.randrange(86400)]))
        instants.append(local.astimezone(UTC))
    rows = [{"ts": t, "bot": f"b{i % 3}"} for i, t in enumerate(instants)]
    expected: dict[tuple, int] = {}
    for i, t in enumerate(instants):
        local = t.astimezone(zone).date()
        key = (local - timedelta(days=local.weekday()), f"b{i % 3}")
        expected[key] = expected.get(key, 0) + 1
    _, out = run_agg(tmp_path, rows, tz=tz)
    assert {(r[0], r[2]): r[3] for r in out} == expected


def test_tz_plan_uses_plain_arithmetic_for_fixed_offsets():
    lo, hi = utc(2024, 12, 1), utc(2025, 7, 1)
    shanghai = agg.tz_plan("Asia/Shanghai", lo, hi)
    assert (shanghai.band_us, len(shanghai.offsets)) == (0, 1)
    assert shanghai.shift_us == (8 * 3600 + 3 * 86400) * 10**6
    berlin = agg.tz_plan("Europe/Berlin", lo, hi)
    assert berlin.band_us == 3600 * 10**6
    assert berlin.fine_us == 3600 * 10**6
    assert [o[0] for o in berlin.offsets[1:]] == [int(utc(2025, 3, 30, 1).timestamp()) * 10**6]
    assert agg.tz_plan("Australia/Lord_Howe", lo, hi).fine_us == 1800 * 10**6  # 30-minute DST


# ---------------------------------------------------------------------------------------
# Filters, triggers, reasoning
# ---------------------------------------------------------------------------------------


def test_since_until_are_local_dates_inclusive(tmp_path):
    rows = [
        {"ts": utc(2025, 1, 7, 15, 59)},  # Tue 23:59 Shanghai: before --since
        {"ts": utc(2025, 1, 7, 16, 0)},  # Wed 2025-01-08 00:00 Shanghai: first counted
        {"ts": utc(2025, 1, 19, 15, 59)},  # Sun 2025-01-19 23:59 Shanghai: last counted
        {"ts": utc(2025, 1, 19, 16, 0)},  # Mon 2025-01-20 00:00 Shanghai: after --until
    ]
    result, out = run_agg(tmp_path, rows, tz="Asia/Shanghai", since=D("2025-01-08"),
                          until=D("2025-01-19"))
    assert [(r[0], r[3]) for r in out] == [(D("2025-01-06"), 1), (D("2025-01-13"), 1)]
    assert result.events_scanned == 2
    assert any("first week (2025-01-06) holds only part" in w for w in result.warnings)
    assert not any("last week" in w for w in result.warnings)  # 2025-01-19 is a Sunday


def test_range_without_events_writes_an_empty_table(tmp_path):
    result, out = run_agg(tmp_path, [{"ts": utc(2025, 1, 7)}], since=D("2026-01-05"))
    assert out == []
    assert result.rows_written == 0 and result.events_scanned == 0
    assert any("no events" in w for w in result.warnings)


def test_all_triggers_are_kept_and_null_or_empty_means_user(tmp_path):
    rows = [{"ts": utc(2025, 1, 7), "trigger": t}
            for t in ["user", "user", None, "", "animate_button", "speak_button", "speak_button"]]
    _, out = run_agg(tmp_path, rows)
    assert [(r[5], r[3]) for r in out] == [("animate_button", 1), ("speak_button", 2), ("user", 4)]


def test_absent_trigger_column_means_user(tmp_path):
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 7)}] * 3, trigger=False)
    _, out = run_agg(tmp_path, [f])
    assert out == [(D("2025-01-06"), "text", "GPT-4o", 3, False, "user")]


def test_reasoning_from_tokens(tmp_path):
    rows = [{"ts": utc(2025, 1, 7), "tokens": t} for t in [0, 1, 250, None, 0]]
    _, out = run_agg(tmp_path, rows)
    assert [(r[4], r[3]) for r in out] == [(False, 3), (True, 2)]  # NULL tokens: no reasoning


def test_reasoning_from_a_boolean_column(tmp_path):
    f = write_parquet(tmp_path / "e.parquet",
                      [{"ts": utc(2025, 1, 7), "flag": v} for v in [True, False, None, True]],
                      reasoning="flag")
    _, out = run_agg(tmp_path, [f])
    assert [(r[4], r[3]) for r in out] == [(False, 2), (True, 2)]


def test_events_without_time_bot_or_category_are_counted_and_left_out(tmp_path):
    rows = [{"ts": utc(2025, 1, 7)}, {"ts": None}, {"ts": utc(2025, 1, 7), "bot": None},
            {"ts": utc(2025, 1, 7), "category": None}]
    result, out = run_agg(tmp_path, rows)
    assert out == [(D("2025-01-06"), "text", "GPT-4o", 1, False, "user")]
    assert (result.events_scanned, result.events_skipped) == (4, 3)
    assert any("3 event(s) had no ts, bot or category" in w for w in result.warnings)


def test_timestamp_flavours(tmp_path):
    """Nanoseconds (pandas' default), milliseconds and naive (read as UTC) all work."""
    when = [utc(2025, 1, 12, 23, 59, 59), utc(2025, 1, 13, 0, 0, 0)]
    for i, ts_type in enumerate([pa.timestamp("ns", tz="UTC"), pa.timestamp("ms"),
                                 pa.timestamp("us")]):
        values = [w.replace(tzinfo=None) if ts_type.tz is None else w for w in when]
        f = write_parquet(tmp_path / f"e{i}.parquet", [{"ts": v} for v in values], ts_type=ts_type)
        _, out = run_agg(tmp_path, [f], name=f"u{i}.parquet")
        assert [(r[0], r[3]) for r in out] == [(D("2025-01-06"), 1), (D("2025-01-13"), 1)]


def test_folders_globs_and_files_with_different_columns(tmp_path):
    folder = tmp_path / "logs" / "date=2025-01-07"
    folder.mkdir(parents=True)
    write_parquet(folder / "part-0.parquet", [{"ts": utc(2025, 1, 7), "trigger": "speak_button"}])
    # An older file without the trigger column and with 64-bit token counts.
    t = events_table([{"ts": utc(2025, 1, 8)}], trigger=False).set_column(
        4, "reasoning_tokens", pa.array([5], pa.int64()))
    pq.write_table(t, folder / "part-1.parquet")
    (folder / "_SUCCESS").write_text("")
    (folder / ".part-0.parquet.crc").write_text("x")
    _, from_folder = run_agg(tmp_path, [str(tmp_path / "logs")])
    assert from_folder == [(D("2025-01-06"), "text", "GPT-4o", 1, False, "speak_button"),
                           (D("2025-01-06"), "text", "GPT-4o", 1, True, "user")]
    _, from_glob = run_agg(tmp_path, [str(tmp_path / "logs" / "**" / "*.parquet")], name="g.parquet")
    assert from_glob == from_folder


# ---------------------------------------------------------------------------------------
# Column projection: personal data never leaves the scan
# ---------------------------------------------------------------------------------------


def _scan_projection(plan_text: str) -> set[str]:
    """The column names listed under the table scan's 'Projections:' in a DuckDB plan."""
    lines = plan_text.splitlines()
    start = next(i for i, line in enumerate(lines) if "READ_PARQUET" in line or "READ_CSV" in line)
    cols, on = set(), False
    for line in lines[start:]:
        text = line.strip("│ ").strip()
        if text.startswith("Projections:"):
            on, text = True, text[len("Projections:"):]
        elif on and (":" in text or not text or "─" in text or text.startswith("~")):
            break
        if on:
            cols |= {c.strip() for c in text.split(",") if c.strip()}
    return cols


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_only_the_five_columns_are_read(tmp_path, fmt):
    rows = [{"ts": utc(2025, 1, 7)}]
    if fmt == "parquet":
        files = [write_parquet(tmp_path / "e.parquet", rows)]
    else:
        p = tmp_path / "e.csv"
        p.write_text("ts,user_id,bot,category,reasoning_tokens,trigger\n"
                     "2025-01-07T00:00:00Z,42,a,text,0,user\n")
        files = [str(p)]
    files, kind = agg.expand_inputs(files)
    con = duckdb.connect()
    src = agg.inspect_parquet(con, files) if kind == "parquet" else agg.inspect_csv(files)
    con.execute(f"CREATE VIEW events AS {agg.duckdb_scan(src)}")
    sql = agg.render("duckdb", agg.tz_plan("UTC", utc(2025, 1, 1), utc(2025, 2, 1)),
                     reasoning=src.reasoning, ts_type=src.ts_type)
    plan = con.execute("EXPLAIN " + sql.buckets).fetchall()[0][1]
    assert _scan_projection(plan) == {"ts", "bot", "category", "reasoning_tokens", "trigger"}
    assert "user_id" not in plan
    # And the query text itself names no other column of the events.
    columns = {c.name for c in sqlglot.parse_one(agg.print_sql("duckdb"), read="duckdb")
               .find_all(sqlglot.exp.Column)}
    assert "user_id" not in columns


# ---------------------------------------------------------------------------------------
# --print-sql
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", agg.DIALECTS)
@pytest.mark.parametrize("tz", ["UTC", "Europe/Berlin"])
def test_print_sql_parses_in_each_dialect(dialect, tz):
    text = agg.print_sql(dialect, tz)
    tree = sqlglot.parse_one(text, read=dialect)
    assert not list(tree.find_all(sqlglot.exp.Placeholder))
    assert {t.name for t in tree.find_all(sqlglot.exp.Table)} >= {"events"}
    if dialect != "duckdb":
        assert "EPOCH_US" not in text  # a DuckDB-only function must not leak
    if dialect == "spark":
        assert "UNIX_MICROS(ts)" in text and " DIV " in text
    if dialect == "snowflake":
        assert "DATE_PART(EPOCH_MICROSECOND, ts)" in text


def test_printed_duckdb_sql_gives_the_same_table(tmp_path):
    """The SQL a warehouse gets is the SQL the command runs: run the printed text as is."""
    rnd = random.Random(7)
    rows = [{"ts": utc(2025, 3, 20) + timedelta(seconds=rnd.randrange(30 * 86400)),
             "bot": rnd.choice("abc"), "tokens": rnd.choice([0, 0, 5]),
             "trigger": rnd.choice(["user", None, "speak_button"])} for _ in range(2000)]
    _, expected = run_agg(tmp_path, rows, tz="Europe/Berlin")
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.register("events_arrow", events_table(rows))
    con.execute("CREATE TABLE events AS SELECT * FROM events_arrow")
    got = con.execute(agg.print_sql("duckdb", "Europe/Berlin")).fetchall()
    assert [tuple(r) for r in got] == expected


@pytest.mark.parametrize("tz", ["UTC", "America/New_York"])
def test_run_time_text_and_transpiled_sql_agree(tmp_path, tz):
    """The engine runs the file with its parameters filled in as text; --print-sql goes
    through sqlglot. With date bounds and the boolean flag, both give the same rows."""
    rnd = random.Random(3)
    rows = [{"ts": utc(2025, 2, 20) + timedelta(seconds=rnd.randrange(40 * 86400)),
             "bot": rnd.choice("ab"), "flag": rnd.choice([True, False, None])} for _ in range(3000)]
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.register("events_arrow", events_table(rows, reasoning="flag"))
    con.execute("CREATE TABLE events AS SELECT * FROM events_arrow")
    plan = agg.tz_plan(tz, utc(2025, 2, 1), utc(2025, 5, 1))
    kw = {"since": utc(2025, 3, 2, 5), "until": utc(2025, 3, 20, 5), "reasoning": "reasoning"}
    text = agg.render("duckdb", plan, **kw)
    tree = agg.render("duckdb", plan, pretty=True, **kw)
    code = "\n".join(line.split("--")[0] for line in text.full.splitlines())
    assert "$" not in code and "EPOCH_US(ts)" in code
    got_text = con.execute(text.full).fetchall()
    assert got_text == con.execute(tree.full).fetchall()
    con.execute(f"CREATE TABLE buckets AS {text.buckets}")
    assert con.execute(text.rest).fetchall() == got_text
    assert sum(r[3] for r in got_text) == sum(
        1 for r in rows if kw["since"] <= r["ts"] < kw["until"])


def test_print_sql_rejects_unknown_dialect_and_zone():
    with pytest.raises(UsageError, match="--dialect: unknown SQL dialect 'oracle'"):
        agg.print_sql("oracle")
    with pytest.raises(InputError, match="--tz: unknown time zone 'Mars/Olympus'"):
        agg.print_sql("duckdb", "Mars/Olympus")


# ---------------------------------------------------------------------------------------
# Bad input: each error names the file (or flag) and the fix
# ---------------------------------------------------------------------------------------


def _error(tmp_path, files, **kw) -> str:
    with pytest.raises((InputError, UsageError)) as info:
        agg.aggregate(files, str(tmp_path / "u.parquet"), **kw)
    assert info.value.exit_code == 2
    return str(info.value)


@pytest.mark.parametrize("drop, column", [("ts", "ts"), ("bot", "bot"), ("category", "category"),
                                          ("reasoning_tokens", "reasoning_tokens")])
def test_missing_column(tmp_path, drop, column):
    t = events_table([{"ts": utc(2025, 1, 7)}]).drop_columns([drop])
    pq.write_table(t, tmp_path / "e.parquet")
    msg = _error(tmp_path, [str(tmp_path / "e.parquet")])
    assert f"e.parquet, column '{column}': missing required column" in msg
    assert "Fix: add" in msg


@pytest.mark.parametrize("column, array, expected", [
    ("ts", pa.array(["2025-01-07"]), "wrong type VARCHAR, expected a timestamp"),
    ("ts", pa.array([1736208000], pa.int64()), "wrong type BIGINT, expected a timestamp"),
    ("reasoning_tokens", pa.array(["12"]), "wrong type VARCHAR, expected an integer"),
    ("bot", pa.array([7], pa.int32()), "wrong type INTEGER, expected text"),
    ("trigger", pa.array([True]), "wrong type BOOLEAN, expected text"),
])
def test_wrong_types(tmp_path, column, array, expected):
    t = events_table([{"ts": utc(2025, 1, 7)}])
    t = t.set_column(t.column_names.index(column), column, array)
    pq.write_table(t, tmp_path / "e.parquet")
    msg = _error(tmp_path, [str(tmp_path / "e.parquet")])
    assert f"column '{column}': {expected}" in msg and "Fix:" in msg


def test_wrong_boolean_reasoning_type(tmp_path):
    t = events_table([{"ts": utc(2025, 1, 7)}], reasoning="flag")
    t = t.set_column(t.column_names.index("reasoning"), "reasoning", pa.array(["yes"]))
    pq.write_table(t, tmp_path / "e.parquet")
    assert "column 'reasoning': wrong type VARCHAR, expected a boolean" in _error(
        tmp_path, [str(tmp_path / "e.parquet")])


def test_files_disagreeing_on_the_reasoning_column(tmp_path):
    a = write_parquet(tmp_path / "a.parquet", [{"ts": utc(2025, 1, 7)}])
    b = write_parquet(tmp_path / "b.parquet", [{"ts": utc(2025, 1, 7)}], reasoning="flag")
    assert "some files carry reasoning_tokens and others a reasoning flag" in _error(tmp_path, [a, b])


def test_many_problems_are_reported_together(tmp_path):
    files = []
    for i in range(3):
        pq.write_table(events_table([{"ts": utc(2025, 1, 7)}]).drop_columns(["bot"]),
                       tmp_path / f"e{i}.parquet")
        files.append(str(tmp_path / f"e{i}.parquet"))
    msg = _error(tmp_path, files)
    assert all(f"e{i}.parquet, column 'bot'" in msg for i in range(3))


def test_empty_glob(tmp_path):
    msg = _error(tmp_path, [str(tmp_path / "nothing-*.parquet")])
    assert "nothing-*.parquet: no Parquet or CSV files match this pattern" in msg
    assert "quote the pattern" in msg


def test_missing_file_and_empty_folder(tmp_path):
    assert "missing.parquet: no such file or folder" in _error(tmp_path, [str(tmp_path / "missing.parquet")])
    (tmp_path / "empty").mkdir()
    assert "holds no .parquet or .csv files" in _error(tmp_path, [str(tmp_path / "empty")])


@pytest.mark.parametrize("content", [b"this is not parquet at all", b"PAR1" + b"\x00" * 64 + b"PAR1"])
def test_corrupt_parquet_names_the_file(tmp_path, content):
    good = write_parquet(tmp_path / "good.parquet", [{"ts": utc(2025, 1, 7)}])
    (tmp_path / "bad.parquet").write_bytes(content)
    msg = _error(tmp_path, [good, str(tmp_path / "bad.parquet")])
    assert "bad.parquet: not a readable Parquet file" in msg
    assert "good.parquet" not in msg
    assert "Fix: re-export the file, or leave it out of EVENTS" in msg


def test_truncated_parquet_names_the_file(tmp_path):
    path = write_parquet(tmp_path / "cut.parquet", [{"ts": utc(2025, 1, 7)}] * 100)
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) // 2])
    msg = _error(tmp_path, [path])
    assert "cut.parquet: not a readable Parquet file" in msg


def test_unknown_time_zone(tmp_path):
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 7)}])
    msg = _error(tmp_path, [f], tz="Europe/Atlantis")
    assert "--tz: unknown time zone 'Europe/Atlantis'" in msg and "Asia/Shanghai" in msg


def test_not_parquet_or_csv_and_mixed_formats(tmp_path):
    (tmp_path / "events.json").write_text("{}")
    assert "events.json: not a Parquet or CSV file" in _error(tmp_path, [str(tmp_path / "events.json")])
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 7)}])
    (tmp_path / "e.csv").write_text("ts,bot,category,reasoning_tokens\n")
    assert "EVENTS mixes Parquet and CSV files" in _error(tmp_path, [f, str(tmp_path / "e.csv")])


def test_csv_bad_value_names_file_and_column(tmp_path):
    p = tmp_path / "e.csv"
    p.write_text("ts,bot,category,reasoning_tokens\n2025-01-07T00:00:00Z,a,text,0\n"
                 "2025-01-08T00:00:00Z,a,text,lots\n")
    msg = _error(tmp_path, [str(p)])
    # Row 3 of the file (the header is row 1), like every other data error in writer.
    assert "e.csv, row 3, column 'reasoning_tokens': not a valid BIGINT; value 'lots'" in msg
    assert "Fix: correct or remove the bad value" in msg


def test_csv_bad_timestamp(tmp_path):
    p = tmp_path / "e.csv"
    p.write_text("ts,bot,category,reasoning_tokens\nyesterday,a,text,0\n")
    msg = _error(tmp_path, [str(p)])
    assert "e.csv, row 2, column 'ts': not a valid TIMESTAMP WITH TIME ZONE; value 'yesterday'" in msg
    assert "ts must be ISO 8601" in msg


def test_csv_empty_file_and_missing_column(tmp_path):
    (tmp_path / "empty.csv").write_text("")
    assert "empty.csv: empty file" in _error(tmp_path, [str(tmp_path / "empty.csv")])
    (tmp_path / "e.csv").write_text("ts,bot,reasoning_tokens\n2025-01-07T00:00:00Z,a,0\n")
    assert "e.csv, column 'category': missing required column" in _error(tmp_path, [str(tmp_path / "e.csv")])


def test_flag_errors(tmp_path):
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 7)}])
    with pytest.raises(UsageError, match=r"--out '.*u.xlsx' must end in .parquet or .csv"):
        agg.aggregate([f], str(tmp_path / "u.xlsx"))
    with pytest.raises(UsageError, match="--since 2025-02-01 is after --until 2025-01-01"):
        agg.aggregate([f], str(tmp_path / "u.csv"), since=D("2025-02-01"), until=D("2025-01-01"))
    with pytest.raises(UsageError, match="--memory-limit: bad size 'lots'"):
        agg.aggregate([f], str(tmp_path / "u.csv"), memory_limit="lots")
    with pytest.raises(UsageError, match="--engine: unknown engine 'polars'"):
        agg.aggregate([f], str(tmp_path / "u.csv"), engine="polars")


# ---------------------------------------------------------------------------------------
# Atomic output
# ---------------------------------------------------------------------------------------


def test_write_is_atomic_and_a_failed_run_keeps_the_old_table(tmp_path):
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 7)}])
    out = tmp_path / "usage.csv"
    out.write_text("old table\n")
    (tmp_path / "bad.parquet").write_bytes(b"garbage")
    with pytest.raises(InputError):
        agg.aggregate([str(tmp_path / "bad.parquet")], str(out))
    assert out.read_text() == "old table\n"
    agg.aggregate([f], str(out))
    assert out.read_text().startswith("week,category,bot,messages,reasoning,trigger\n")
    assert sorted(os.listdir(tmp_path)) == ["bad.parquet", "e.parquet", "usage.csv"]


def test_output_folder_is_created(tmp_path):
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 7)}])
    agg.aggregate([f], str(tmp_path / "new" / "dir" / "usage.parquet"))
    assert read_out(tmp_path / "new" / "dir" / "usage.parquet")[0][3] == 1


# ---------------------------------------------------------------------------------------
# CLI glue
# ---------------------------------------------------------------------------------------


def _parse(argv):
    parser = argparse.ArgumentParser(prog="writer aggregate")
    agg.add_arguments(parser)
    return parser.parse_args(argv)


def test_arguments_are_the_issue_flags():
    args = _parse(["a.parquet", "logs/", "--out", "u.parquet", "--engine", "spark", "--tz",
                   "Asia/Shanghai", "--since", "2025-01-06", "--until", "2025-06-01",
                   "--memory-limit", "1GB"])
    assert args.events == ["a.parquet", "logs/"]
    assert (args.out, args.engine, args.tz, args.since, args.until, args.memory_limit) == (
        "u.parquet", "spark", "Asia/Shanghai", "2025-01-06", "2025-06-01", "1GB")
    assert not args.print_sql
    args = _parse(["--print-sql", "--dialect", "bigquery"])
    assert args.print_sql and args.dialect == "bigquery"
    with pytest.raises(SystemExit):
        _parse(["--dialect", "oracle"])
    with pytest.raises(SystemExit):
        _parse(["--engine", "polars"])


def test_run_writes_summary_to_stdout_and_progress_to_stderr(tmp_path):
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 8)}] * 3)
    out, err = io.StringIO(), io.StringIO()
    rc = agg.run(_parse([f, "--out", str(tmp_path / "u.parquet"), "--since", "2025-01-07"]), out, err)
    assert rc == 0
    assert out.getvalue().startswith("wrote 1 rows (1 week(s), 2025-01-06 to 2025-01-06) from 3 events")
    assert "aggregate: reading 1 Parquet file(s), 3 rows" in err.getvalue()
    assert "warning: --since 2025-01-07 is a Tuesday" in err.getvalue()


def test_run_print_sql_needs_no_files(tmp_path):
    out = io.StringIO()
    assert agg.run(_parse(["--print-sql", "--dialect", "spark", "--tz", "Asia/Shanghai"]), out, io.StringIO()) == 0
    assert out.getvalue().startswith("-- writer aggregate --print-sql --dialect spark --tz Asia/Shanghai")
    sqlglot.parse_one(out.getvalue(), read="spark")


def test_run_flag_errors(tmp_path):
    with pytest.raises(UsageError, match="--out is required"):
        agg.run(_parse(["e.parquet"]), io.StringIO(), io.StringIO())
    with pytest.raises(UsageError, match="no event files given"):
        agg.run(_parse(["--out", "u.parquet"]), io.StringIO(), io.StringIO())
    with pytest.raises(UsageError, match="--since.*not a date"):
        agg.run(_parse(["e.parquet", "--out", "u.parquet", "--since", "last week"]),
                io.StringIO(), io.StringIO())


def test_spark_engine_without_pyspark_is_a_clear_error(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyspark(name, *args, **kw):
        if name.startswith("pyspark"):
            raise ImportError(name)
        return real_import(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_pyspark)
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 7)}])
    with pytest.raises(UsageError, match=r"needs PySpark.*pip install 'writer\[spark\]'"):
        agg.aggregate([f], str(tmp_path / "u.parquet"), engine="spark")


def test_spark_engine_without_java_is_a_clear_error(tmp_path, monkeypatch):
    pytest.importorskip("pyspark", reason="the Java check runs after PySpark is found")
    import shutil

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **kw: None)
    f = write_parquet(tmp_path / "e.parquet", [{"ts": utc(2025, 1, 7)}])
    with pytest.raises(UsageError, match="needs a Java runtime.*default-jre-headless"):
        agg.aggregate([f], str(tmp_path / "u.parquet"), engine="spark")
