"""`writer aggregate`: raw message events -> the weekly usage table.

The aggregation is one SQL file, `writer/sql/weekly_usage.sql`, written in DuckDB's dialect.
This module fills in its parameters (time-zone offsets, date bounds), checks the input, and
runs it on an engine:

- DuckDB (default), embedded, over Parquet or CSV files with column projection;
- Spark (`--engine spark`), through `spark.sql` in local[2] mode, on the same SQL transpiled
  with sqlglot;
- or no engine at all: `--print-sql --dialect ...` hands the SQL to a warehouse.

Both engines run the file in two steps: the `buckets` CTE (the only pass over the raw
events) is materialised first, so the number of events scanned is known, then the rest of
the file runs on those few thousand rows. The result is written by DuckDB in both cases, so
the two engines produce byte-for-byte the same table.

On DuckDB the relation `events` that the file reads is built from the Parquet footers:
row groups whose `ts` statistics lie inside one reporting week are read without `ts`
(`duckdb_events`). The SQL is the same; only less of the input is decoded.

The module never prints: progress goes through the `progress` callback, bad input raises
`InputError` / `UsageError` (the CLI turns them into exit code 2).
"""

from __future__ import annotations

import argparse
import glob
import math
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from writer.errors import InputError, Problem, UsageError
from writer.outfile import check_target

SQL_PATH = Path(__file__).with_name("sql") / "weekly_usage.sql"
ENGINES = ("duckdb", "spark")
DIALECTS = ("duckdb", "spark", "bigquery", "snowflake")
OUTPUT_COLUMNS = ("week", "category", "bot", "messages", "reasoning", "trigger")

Progress = Callable[[str], None]

_US = 1_000_000
_WEEK_S = 7 * 86_400
_THURSDAY_TO_MONDAY_S = 3 * 86_400  # epoch day 0 was a Thursday
# Sentinels for the first and last tz_offsets rows: "every instant before/after the range".
_FAR_US = 1 << 62
# --print-sql has no data to look at, so its offset table covers these years.
_PRINT_SQL_YEARS = (2000, 2050)
# Without usable Parquet statistics (CSV, or files written without them) the offsets cover
# this range; the time zone rules beyond it are extrapolated from its ends.
_FALLBACK_RANGE = (datetime(1970, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))

_PARQUET_EXT = (".parquet", ".parq", ".pq")
_CSV_EXT = (".csv", ".csv.gz", ".tsv")
_INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                  "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}


# --------------------------------------------------------------------------------------
# Public results
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AggregateResult:
    """What one `aggregate` call did."""

    rows_written: int
    weeks: int
    events_scanned: int  # events in the requested date range, placed or not
    seconds: float
    engine: str
    out: str
    first_week: date | None = None
    last_week: date | None = None
    events_skipped: int = 0  # events with no ts, bot or category: they have no row to go to
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        span = (f", {self.first_week.isoformat()} to {self.last_week.isoformat()}"
                if self.first_week and self.last_week else "")
        return (f"wrote {self.rows_written:,} rows ({self.weeks} week(s){span}) from "
                f"{self.events_scanned:,} events to {self.out} in {self.seconds:.1f} s "
                f"({self.engine})")


# --------------------------------------------------------------------------------------
# Time zones: the offset table and the week-arithmetic parameters
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TzPlan:
    """Parameters of weekly_usage.sql for one zone over one time range (all microseconds)."""

    zone: str
    shift_us: int  # base offset + 3 days: (epoch_us + shift) // week is the week index
    band_us: int  # max offset - base (the smallest offset); 0: integer arithmetic is exact
    fine_us: int  # bucket width inside the band (divides a week, offsets and transitions)
    offsets: tuple[tuple[int, int, int], ...]  # (start_us, end_us, offset_us), covering all time


def load_zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InputError(Problem(
            message=f"--tz: unknown time zone {tz!r}",
            fix="use an IANA name such as UTC, Asia/Shanghai or Europe/Berlin")) from None


def _offset_s(zone: ZoneInfo, t: int) -> int:
    return int(datetime.fromtimestamp(t, tz=zone).utcoffset().total_seconds())


def _transitions(zone: ZoneInfo, lo: int, hi: int) -> list[tuple[int, int]]:
    """(instant, new offset) for every offset change in [lo, hi], in UTC seconds.

    zoneinfo does not expose its transition list, so sample once a day (real zones never
    change twice within a day) and bisect each change down to the second.
    """
    found = []
    t, off = lo, _offset_s(zone, lo)
    while t < hi:
        nxt = min(t + 86_400, hi)
        off_next = _offset_s(zone, nxt)
        if off_next != off:
            a, b = t, nxt  # offset(a) == off, offset(b) != off
            while b - a > 1:
                mid = (a + b) // 2
                if _offset_s(zone, mid) == off:
                    a = mid
                else:
                    b = mid
            found.append((b, off_next))
            off = off_next
        t = nxt
    return found


def tz_plan(tz: str, lo: datetime, hi: datetime) -> TzPlan:
    """Offsets of `tz` between lo and hi, and the week-arithmetic parameters they allow.

    Outside [lo, hi] the first and last offsets are extended, which is exact for any event
    inside the range (the caller pads the range by more than a week).
    """
    zone = load_zone(tz)
    lo_s, hi_s = int(lo.timestamp()), int(hi.timestamp())
    first = _offset_s(zone, lo_s)
    changes = _transitions(zone, lo_s, hi_s)
    spans, start, off = [], -_FAR_US, first
    for instant, new_off in changes:
        spans.append((start, instant * _US, off * _US))
        start, off = instant * _US, new_off
    spans.append((start, _FAR_US, off * _US))

    offsets = [s[2] // _US for s in spans]
    base = min(offsets)
    shift = base + _THURSDAY_TO_MONDAY_S
    band = max(offsets) - base
    fine = _WEEK_S
    if band:
        # A bucket of this width never holds two offsets nor two local weeks: the width
        # divides the week, every offset difference and every transition (in shifted time).
        for o in offsets:
            fine = math.gcd(fine, o - base)
        for instant, _ in changes:
            fine = math.gcd(fine, instant + shift)
    return TzPlan(zone=tz, shift_us=shift * _US, band_us=band * _US, fine_us=fine * _US,
                  offsets=tuple(spans))


def local_midnight(day: date, tz: str) -> datetime:
    """The UTC instant at which `day` starts in `tz`."""
    return datetime(day.year, day.month, day.day, tzinfo=load_zone(tz)).astimezone(UTC)


# --------------------------------------------------------------------------------------
# Rendering weekly_usage.sql
# --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _canonical() -> str:
    return SQL_PATH.read_text(encoding="utf-8")


@dataclass(frozen=True)
class RenderedSql:
    full: str  # the whole statement
    buckets: str  # the `buckets` CTE body: the one scan of the raw events
    rest: str  # everything else, reading `buckets` as a table


def _ts_literal(value: datetime, ts_type: str) -> str:
    """A timestamp literal typed like the ts column, so DuckDB still prunes row groups."""
    text = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if ts_type.upper().startswith("TIMESTAMPTZ"):
        return f"CAST('{text}+00' AS TIMESTAMPTZ)"
    return f"CAST('{text}' AS TIMESTAMP)"


def fill(plan: TzPlan, *, since: datetime | None = None, until: datetime | None = None,
         reasoning: str = "reasoning_tokens", ts_type: str = "TIMESTAMPTZ") -> str:
    """weekly_usage.sql with its parameters filled in: DuckDB SQL, ready to run.

    Plain text substitution, so the default engine needs no SQL parser at run time (sqlglot
    costs ~0.2 s of start-up, 5% of the 100M-event budget). `reasoning` names the events
    column that carries reasoning: `reasoning_tokens` (a count, > 0 means on) or
    `reasoning` (a boolean).
    """
    sql = _canonical()
    rows = ",\n        ".join(f"({a}, {b}, {c})" for a, b, c in plan.offsets)
    sql = _replace_once(sql, "(VALUES (0, 0, 0))", f"(VALUES\n        {rows})")
    if reasoning == "reasoning":
        sql = _replace_once(sql, "reasoning_tokens > 0 AS reasoning", "reasoning AS reasoning")
    # A missing bound drops its comparison (TRUE), rather than comparing with a far date.
    if since is None:
        sql = _replace_once(sql, "ts >= $since_ts", "TRUE")
    if until is None:
        sql = _replace_once(sql, "ts < $until_ts", "TRUE")
    values = {"shift_us": str(plan.shift_us), "band_us": str(plan.band_us),
              "fine_us": str(plan.fine_us)}
    if since is not None:
        values["since_ts"] = _ts_literal(since, ts_type)
    if until is not None:
        values["until_ts"] = _ts_literal(until, ts_type)

    def sub(m: re.Match) -> str:
        if m.group(1) not in values:  # a parameter added to the file but not here
            raise RuntimeError(f"weekly_usage.sql: unknown parameter ${m.group(1)}")
        return values[m.group(1)]

    # Substitute in code only: the comments explain the parameters by name.
    lines = []
    for line in sql.split("\n"):
        code, dashes, comment = line.partition("--")
        lines.append(re.sub(r"\$(\w+)", sub, code) + dashes + comment)
    return "\n".join(lines)


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:  # the file changed shape: fail in tests, not with wrong numbers
        raise RuntimeError(f"weekly_usage.sql: expected {old!r} exactly once")
    return text.replace(old, new)


def _split_buckets(sql: str) -> tuple[str, str]:
    """(body of the `buckets` CTE, the statement without it), found by matching brackets."""
    head = re.search(r"\bbuckets AS \(", sql)
    if head is None:
        raise RuntimeError("weekly_usage.sql: no `buckets AS (` CTE")
    depth, i = 1, head.end()
    while depth:
        ch = sql[i]
        if sql.startswith("--", i):  # comments may hold brackets
            i = sql.index("\n", i)
        elif ch == "'":  # and so may strings ('' is an escaped quote: two toggles)
            i = sql.index("'", i + 1)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        i += 1
    body = sql[head.end():i - 1]
    rest_start = re.compile(r"\s*,").match(sql, i)  # the comma before the next CTE
    if rest_start is None:
        raise RuntimeError("weekly_usage.sql: `buckets` must not be the last CTE")
    return body, sql[:head.start()] + sql[rest_start.end():].lstrip()


def render(dialect: str, plan: TzPlan, *, since: datetime | None = None,
           until: datetime | None = None, reasoning: str = "reasoning_tokens",
           ts_type: str = "TIMESTAMPTZ", pretty: bool = False) -> RenderedSql:
    """weekly_usage.sql, filled in and in `dialect` (transpiled by sqlglot unless DuckDB)."""
    text = fill(plan, since=since, until=until, reasoning=reasoning, ts_type=ts_type)
    if dialect == "duckdb" and not pretty:
        buckets, rest = _split_buckets(text)
        return RenderedSql(full=text, buckets=buckets, rest=rest)

    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(text, read="duckdb")
    for cte in tree.find_all(exp.CTE):
        where = cte.this.args.get("where")
        if cte.alias == "buckets" and where is not None:
            kept = [c for c in where.this.flatten() if not isinstance(c, exp.Boolean)]
            cte.this.set("where", exp.Where(this=exp.and_(*kept)) if kept else None)
    if dialect != "duckdb":
        for fn in list(tree.find_all(exp.Anonymous)):
            if fn.name.upper() == "EPOCH_US":  # DuckDB's name; sqlglot does not map it
                arg = fn.expressions[0]
                if dialect == "snowflake":  # which has no UNIX_MICROS
                    fn.replace(exp.Extract(this=exp.var("EPOCH_MICROSECOND"), expression=arg))
                else:
                    fn.replace(exp.UnixMicros(this=arg))
    full = tree.sql(dialect=dialect, pretty=pretty)
    with_ = tree.args.get("with_") or tree.args.get("with")
    buckets = next(c for c in with_.expressions if c.alias == "buckets")
    body = buckets.this.sql(dialect=dialect, pretty=pretty)
    buckets.pop()
    return RenderedSql(full=full, buckets=body, rest=tree.sql(dialect=dialect, pretty=pretty))


def print_sql(dialect: str, tz: str = "UTC") -> str:
    """The aggregation query for a warehouse, in `dialect`, for weeks in time zone `tz`."""
    if dialect not in DIALECTS:
        raise UsageError(Problem(message=f"--dialect: unknown SQL dialect {dialect!r}",
                                 fix="use one of " + ", ".join(DIALECTS)))
    lo, hi = (datetime(y, 1, 1, tzinfo=UTC) for y in _PRINT_SQL_YEARS)
    plan = tz_plan(tz, lo, hi)
    sql = render(dialect, plan, pretty=True).full
    header = (
        f"-- writer aggregate --print-sql --dialect {dialect} --tz {tz}\n"
        "-- Reads a table named `events` (ts, bot, category, reasoning_tokens, trigger);\n"
        "-- rename it to your log table. If your logs carry a boolean `reasoning` column,\n"
        "-- replace `reasoning_tokens > 0` with it. If they have no trigger column, replace\n"
        "-- `trigger` with NULL. Date filters: add them to the WHERE of `buckets`.\n"
        "-- `trigger` is quoted (a reserved word in some dialects): match your column's case.\n"
        f"-- Weeks run Monday to Sunday in {tz}; the offset table covers "
        f"{_PRINT_SQL_YEARS[0]}-{_PRINT_SQL_YEARS[1] - 1}.\n"
    )
    return header + sql + "\n"


# --------------------------------------------------------------------------------------
# Input: files, formats, schemas
# --------------------------------------------------------------------------------------


def _fmt_of(path: str) -> str | None:
    low = path.lower()
    if low.endswith(_PARQUET_EXT):
        return "parquet"
    if low.endswith(_CSV_EXT):
        return "csv"
    return None


def _sniff_fmt(path: str) -> str | None:
    """Format of an explicitly named file without a known extension, from its magic bytes."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return None
    return "parquet" if head == b"PAR1" else None


def expand_inputs(events: Sequence[str]) -> tuple[list[str], str]:
    """Files named by EVENTS (files, folders, globs) and their one format."""
    if not events:
        raise UsageError(Problem(message="EVENTS: no event files given",
                                 fix="pass Parquet or CSV files, folders or globs"))
    files: list[str] = []
    for item in events:
        if glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            hits = [m for m in matches if os.path.isfile(m) and _fmt_of(m)]
            for m in matches:
                if os.path.isdir(m):
                    hits.extend(_walk(m))
            if not hits:
                raise InputError(Problem(
                    message="no Parquet or CSV files match this pattern", file=item,
                    fix="check the path; quote the pattern so the shell does not expand it"))
            files.extend(hits)
        elif os.path.isdir(item):
            hits = _walk(item)
            if not hits:
                raise InputError(Problem(
                    message="the folder holds no .parquet or .csv files", file=item,
                    fix="point EVENTS at the folder that holds the event files"))
            files.extend(hits)
        elif os.path.isfile(item):
            files.append(item)
        else:
            raise InputError(Problem(message="no such file or folder", file=item,
                                     fix="check the path"))
    files = list(dict.fromkeys(os.path.abspath(f) for f in files))

    kinds: dict[str, str] = {}
    for f in files:
        kind = _fmt_of(f) or _sniff_fmt(f)
        if kind is None:
            raise InputError(Problem(message="not a Parquet or CSV file", file=f,
                                     fix="name event files *.parquet or *.csv"))
        kinds[f] = kind
    found = sorted(set(kinds.values()))
    if len(found) > 1:
        csv_file = next(f for f, k in kinds.items() if k == "csv")
        raise InputError(Problem(
            message="EVENTS mixes Parquet and CSV files", file=csv_file,
            fix="convert the CSV files to Parquet, or aggregate each format separately"))
    return files, found[0]


def _walk(folder: str) -> list[str]:
    out = []
    for root, dirs, names in os.walk(folder):
        # Hidden and underscore entries are engine bookkeeping (_SUCCESS, _delta_log, .crc).
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for n in sorted(names):
            if not n.startswith((".", "_")) and _fmt_of(n):
                out.append(os.path.join(root, n))
    return out


@dataclass(frozen=True)
class RowGroupTs:
    """One Parquet row group and what its footer says about `ts`."""

    file: str
    first_row: int  # file_row_number of its first row
    rows: int
    # min and max of ts in epoch microseconds, from the statistics; None unless the column is
    # a plain INT64 timestamp with both statistics and a null count of 0 (no NULL ts).
    lo_us: int | None
    hi_us: int | None


@dataclass(frozen=True)
class EventsSource:
    """Checked input: what the engines need to read exactly the five columns."""

    files: tuple[str, ...]
    fmt: str  # parquet | csv
    reasoning: str  # reasoning_tokens | reasoning
    has_trigger: bool
    ts_type: str  # TIMESTAMPTZ or TIMESTAMP, plus " CAST" when the scan must cast ts to it
    union_by_name: bool  # files differ in columns or types
    rows: int | None  # from Parquet metadata; None for CSV
    ts_min: datetime | None  # from Parquet statistics; None when unknown
    ts_max: datetime | None
    # Parquet only: the `ts` statistics of every row group, for the skip-`ts` shortcut (see
    # `duckdb_events`); and the files among `files` that have no trigger column.
    row_groups: tuple[RowGroupTs, ...] = ()
    no_trigger: frozenset[str] = frozenset()

    @property
    def columns(self) -> tuple[str, ...]:
        trigger = ("trigger",) if self.has_trigger else ()
        return ("ts", "bot", "category", self.reasoning, *trigger)


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _sql_list(files: Sequence[str]) -> str:
    return "[" + ", ".join(_sql_str(f) for f in files) + "]"


def _check_columns(per_file: dict[str, dict[str, str]], fmt: str) -> tuple[str, bool, str, bool]:
    """Validate each file's column types; returns (reasoning col, has trigger, ts type, union)."""
    problems: list[Problem] = []
    reasoning_of: dict[str, str] = {}
    ts_types, triggers = set(), set()
    for f, cols in per_file.items():
        for name in ("ts", "bot", "category"):
            if name not in cols:
                problems.append(Problem(message="missing required column", file=f, column=name,
                                        fix=f"add a '{name}' column to the events"))
        ts = cols.get("ts")
        if ts is not None:
            if ts.upper().startswith("TIMESTAMP"):
                ts_types.add(ts.upper())
            else:
                problems.append(Problem(
                    message=f"wrong type {ts}, expected a timestamp", file=f, column="ts",
                    fix=("write ts as a Parquet TIMESTAMP (UTC instants)" if fmt == "parquet"
                         else "write ts as ISO 8601 text, e.g. 2025-03-30T01:30:00Z")))
        for name in ("bot", "category", "trigger"):
            t = cols.get(name)
            if t is not None and t.upper() != "VARCHAR":
                problems.append(Problem(message=f"wrong type {t}, expected text", file=f,
                                        column=name, fix=f"store '{name}' as a string column"))
        triggers.add("trigger" in cols)
        if "reasoning_tokens" in cols:
            reasoning_of[f] = "reasoning_tokens"
            if cols["reasoning_tokens"].upper() not in _INTEGER_TYPES:
                problems.append(Problem(
                    message=f"wrong type {cols['reasoning_tokens']}, expected an integer",
                    file=f, column="reasoning_tokens",
                    fix="store reasoning_tokens as an integer count (0 when reasoning is off)"))
        elif "reasoning" in cols:
            reasoning_of[f] = "reasoning"
            if cols["reasoning"].upper() != "BOOLEAN":
                problems.append(Problem(
                    message=f"wrong type {cols['reasoning']}, expected a boolean", file=f,
                    column="reasoning", fix="store reasoning as true/false"))
        else:
            problems.append(Problem(
                message="missing required column", file=f, column="reasoning_tokens",
                fix="add reasoning_tokens (an integer) or reasoning (a boolean)"))
    if not problems and len(set(reasoning_of.values())) > 1:
        by = sorted(reasoning_of.items(), key=lambda kv: kv[1])
        problems.append(Problem(
            message="some files carry reasoning_tokens and others a reasoning flag",
            file=by[0][0], column=by[0][1],
            fix="use one of the two columns in every file"))
    if problems:
        raise InputError(problems[:20], more=max(0, len(problems) - 20))
    reasoning = next(iter(reasoning_of.values()))
    needed = ("ts", "bot", "category", reasoning, "trigger")
    shapes = {tuple((n, cols.get(n)) for n in needed) for cols in per_file.values()}
    # DuckDB reads instants (isAdjustedToUTC) as TIMESTAMPTZ and naive ones as TIMESTAMP, the
    # latter taken as UTC. Nanosecond or mixed flavours are cast to microseconds in the scan.
    aware = any("TZ" in t or "TIME ZONE" in t for t in ts_types)
    ts_type = "TIMESTAMPTZ" if aware else "TIMESTAMP"
    if len(ts_types) > 1 or any(t.endswith("_NS") for t in ts_types):
        ts_type += " CAST"
    return reasoning, any(triggers), ts_type, len(shapes) > 1


def _top_level_columns(rows: list[tuple]) -> dict[str, dict[str, str]]:
    """parquet_schema() rows (file, name, duckdb_type, num_children) -> top-level columns."""
    per_file: dict[str, dict[str, str]] = {}
    i = 0
    while i < len(rows):
        f, _, _, kids = rows[i]  # the root element of one file
        cols: dict[str, str] = {}
        i += 1
        for _ in range(kids or 0):
            _, name, dtype, nkids = rows[i]
            cols[name.lower()] = dtype or "STRUCT"
            i += 1
            # Skip the subtree of a nested column (it is never one of ours).
            pending = nkids or 0
            while pending:
                pending += (rows[i][3] or 0) - 1
                i += 1
        per_file[f] = cols
    return per_file


def inspect_parquet(con, files: Sequence[str]) -> EventsSource:
    import duckdb

    try:
        rows = con.execute(
            "SELECT file_name, name, duckdb_type, num_children "
            f"FROM parquet_schema({_sql_list(files)})"
        ).fetchall()
    except duckdb.Error as exc:
        raise _corrupt(con, files, exc) from None
    per_file = _top_level_columns(rows)
    for f in files:  # a file with an empty schema (no columns at all)
        per_file.setdefault(f, {})
    reasoning, has_trigger, ts_type, union = _check_columns(per_file, "parquet")

    meta = con.execute(
        f"""SELECT sum(row_group_num_rows),
                   min(TRY_CAST(stats_min_value AS TIMESTAMPTZ)),
                   max(TRY_CAST(stats_max_value AS TIMESTAMPTZ)),
                   count(*) FILTER (WHERE TRY_CAST(stats_min_value AS TIMESTAMPTZ) IS NULL
                                     OR TRY_CAST(stats_max_value AS TIMESTAMPTZ) IS NULL)
            FROM parquet_metadata({_sql_list(files)}) WHERE lower(path_in_schema) = 'ts'"""
    ).fetchall()[0]
    n_rows, lo, hi, unknown = meta
    if unknown:  # a row group without statistics: the range is not known
        lo = hi = None
    return EventsSource(files=tuple(files), fmt="parquet", reasoning=reasoning,
                        has_trigger=has_trigger, ts_type=ts_type, union_by_name=union,
                        rows=int(n_rows or 0), ts_min=lo, ts_max=hi,
                        row_groups=_row_groups(con, files, {f for f, c in per_file.items()
                                                            if "_NS" in c.get("ts", "").upper()}),
                        no_trigger=frozenset(f for f, c in per_file.items() if "trigger" not in c))


def _row_groups(con, files: Sequence[str], nanos: set[str]) -> tuple[RowGroupTs, ...]:
    """Every row group of `files` with the `ts` range its statistics promise (footers only).

    Only exact statistics of INT64 timestamps (milli-, micro- or nanoseconds) of row groups
    without NULL ts count. For the files in `nanos` the range is widened by a microsecond on
    each side, whichever way the engine rounds nanoseconds to microseconds.
    """
    usable = ("type = 'INT64' AND stats_null_count = 0 AND min_is_exact IS NOT false "
              "AND max_is_exact IS NOT false")
    rows = con.execute(
        f"""SELECT file_name, row_group_id, row_group_num_rows,
                   CASE WHEN {usable} THEN epoch_us(TRY_CAST(stats_min_value AS TIMESTAMPTZ)) END,
                   CASE WHEN {usable} THEN epoch_us(TRY_CAST(stats_max_value AS TIMESTAMPTZ)) END
            FROM parquet_metadata({_sql_list(files)}) WHERE lower(path_in_schema) = 'ts'
            ORDER BY file_name, row_group_id"""
    ).fetchall()
    # A file with two columns whose names differ only in case ("ts" and "TS") has two rows
    # per row group here, and which one the scan binds is not ours to guess: such a file
    # keeps its ts (no statistics used).
    seen: dict[tuple[str, int], int] = {}
    for f, rg, *_ in rows:
        seen[(f, rg)] = seen.get((f, rg), 0) + 1
    ambiguous = {f for (f, _), n in seen.items() if n > 1}
    out, start, current, done = [], 0, None, set()
    for f, rg, n, lo, hi in rows:
        if (f, rg) in done:
            continue
        done.add((f, rg))
        if f != current:
            start, current = 0, f
        ok = lo is not None and hi is not None and lo <= hi and f not in ambiguous
        if ok and f in nanos:
            lo, hi = lo - 1, hi + 1
        out.append(RowGroupTs(file=f, first_row=start, rows=int(n), lo_us=lo if ok else None,
                              hi_us=hi if ok else None))
        start += int(n)
    return tuple(out)


def _corrupt(con, files: Sequence[str], exc: Exception) -> InputError:
    """Name the unreadable Parquet file(s) behind a failed metadata read."""
    import duckdb

    bad = []
    for f in files:
        try:
            con.execute(f"SELECT count(*) FROM parquet_schema({_sql_str(f)})").fetchall()
        except duckdb.Error as e:
            bad.append(Problem(message=f"not a readable Parquet file ({_first_line(e)})", file=f,
                               fix="re-export the file, or leave it out of EVENTS"))
    if not bad:
        bad = [Problem(message=f"could not read the Parquet metadata ({_first_line(exc)})",
                       fix="check that every EVENTS file is Parquet")]
    return InputError(bad[:20], more=max(0, len(bad) - 20))


def _csv_header(path: str) -> list[str]:
    import csv
    import gzip

    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:
            sample = fh.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(message=f"cannot read the file ({exc})", file=path,
                                 fix="check that it is a UTF-8 CSV file")) from None
    if not sample.strip():
        raise InputError(Problem(message="empty file: no header row", file=path,
                                 fix="write a header row: ts,bot,category,reasoning_tokens"))
    delim = "\t" if path.lower().endswith(".tsv") else ","
    return [c.strip().lower() for c in next(csv.reader([sample], delimiter=delim))]


# Types the CSV reader parses our columns into; bad values fail with file and line numbers.
_CSV_TYPES = {"ts": "TIMESTAMPTZ", "bot": "VARCHAR", "category": "VARCHAR",
              "reasoning_tokens": "BIGINT", "reasoning": "BOOLEAN", "trigger": "VARCHAR"}


def inspect_csv(files: Sequence[str]) -> EventsSource:
    per_file = {}
    for f in files:
        header = _csv_header(f)
        per_file[f] = {c: _CSV_TYPES[c] for c in header if c in _CSV_TYPES}
    reasoning, has_trigger, _, union = _check_columns(per_file, "csv")
    headers = {tuple(_csv_header(f)) for f in files}
    return EventsSource(files=tuple(files), fmt="csv", reasoning=reasoning, has_trigger=has_trigger,
                        ts_type="TIMESTAMPTZ", union_by_name=union or len(headers) > 1,
                        rows=None, ts_min=None, ts_max=None)


def duckdb_scan(src: EventsSource, files: Sequence[str] | None = None, *,
                ts: str | None = None, rows: Sequence[tuple[int, int]] = ()) -> str:
    """A DuckDB SELECT of exactly the five columns `events` needs, from the files.

    `files` narrows the scan to some of the source's Parquet files, `rows` to the
    file_row_number ranges [first, last] of a single file, and `ts` replaces the ts column
    with a constant (a SQL literal), so that the scan does not read ts at all.
    """
    files = src.files if files is None else tuple(files)
    names = _sql_list(files)
    union = ", union_by_name = true" if src.union_by_name and len(files) > 1 else ""
    where = ""
    if src.fmt == "parquet":
        numbered = ", file_row_number = true" if rows else ""
        reader = f"read_parquet({names}{union}{numbered})"
        if rows:
            # DuckDB skips the row groups outside these ranges (without reading them).
            where = " WHERE " + " OR ".join(f"file_row_number BETWEEN {a} AND {b}"
                                            for a, b in rows)
    else:
        types = ", ".join(f"{_sql_str(c)}: {_sql_str(_CSV_TYPES[c])}" for c in src.columns)
        delim = ", delim = '\\t'" if files[0].lower().endswith(".tsv") else ""
        reader = f"read_csv({names}, header = true{union}{delim}, types = {{{types}}})"
    has_trigger = src.has_trigger and not all(f in src.no_trigger for f in files)
    trig = '"trigger"' if has_trigger else 'CAST(NULL AS VARCHAR) AS "trigger"'
    ts_type, _, cast = src.ts_type.partition(" ")
    if ts is not None:
        ts = f"{ts} AS ts"
    elif cast:
        # epoch_us() has no nanosecond overloads; casting costs a little, only for such files.
        ts = f"CAST(ts AS {ts_type}) AS ts"
    else:
        ts = "ts"
    return f"SELECT {ts}, bot, category, {src.reasoning}, {trig} FROM {reader}{where}"


_WEEK_US = _WEEK_S * _US
# Planning a UNION ALL grows faster than its branches (DuckDB 2.0.1: 0.07 s for 100, 0.3 s
# for 400, 0.9 s for 1,000); above this many, every row group reads ts as before.
_MAX_BRANCHES = 256


def _us_literal(us: int, ts_type: str) -> str:
    """A timestamp literal for epoch microseconds `us`, typed like the events' ts column."""
    text = (datetime(1970, 1, 1) + timedelta(microseconds=us)).strftime("%Y-%m-%d %H:%M:%S.%f")
    if ts_type.upper().startswith("TIMESTAMPTZ"):
        return f"CAST('{text}+00' AS TIMESTAMPTZ)"
    return f"CAST('{text}' AS TIMESTAMP)"


def _single_week(rg: RowGroupTs, plan: TzPlan, since_us: int | None,
                 until_us: int | None) -> int | None:
    """The week index every event of the row group gets, if its statistics prove there is one.

    It has to be the same for every instant the statistics allow, computed exactly as
    weekly_usage.sql computes it: the same `week_index`, outside the daylight-saving band
    (so `fine_index` is -1), and inside [since, until).
    """
    if rg.lo_us is None or rg.hi_us is None or rg.rows == 0:
        return None
    lo, hi = rg.lo_us, rg.hi_us
    if lo + plan.shift_us < 0:  # SQL's integer division truncates; Python's floors
        return None
    if (since_us is not None and lo < since_us) or (until_us is not None and hi >= until_us):
        return None
    week = (lo + plan.shift_us) // _WEEK_US
    if (hi + plan.shift_us) // _WEEK_US != week:
        return None
    if plan.band_us and (hi + plan.shift_us) % _WEEK_US >= _WEEK_US - plan.band_us:
        return None
    return week


@dataclass(frozen=True)
class EventsPlan:
    """The DuckDB relation `events` for one run, and how much of it skips ts."""

    sql: str
    rows_without_ts: int  # events whose week comes from the row-group statistics
    branches: int


def duckdb_events(src: EventsSource, plan: TzPlan, since: datetime | None = None,
                  until: datetime | None = None) -> EventsPlan:
    """The relation named `events` that weekly_usage.sql reads, for DuckDB.

    The SQL file is the same for every engine; only this relation changes. Logs arrive
    roughly in time order, so most Parquet row groups hold a day or two of events. When a
    row group's `ts` statistics lie inside one reporting week (outside any daylight-saving
    band, inside [since, until), with no NULL ts), every event of it lands in that week:
    such row groups are read without `ts`, which becomes a constant instant inside their
    range, so the query puts them in exactly the week, bucket and filter outcome the real
    timestamps would give. Decoding ts is about a quarter of the scan's CPU. The other row
    groups, CSV and files without statistics are read as they are. DuckDB reads only the
    row groups inside a `file_row_number BETWEEN` range, so each part is read once.
    """
    plain = EventsPlan(sql=duckdb_scan(src), rows_without_ts=0, branches=1)
    if src.fmt != "parquet" or not src.row_groups:
        return plain
    since_us = _epoch_us(since) if since is not None else None
    until_us = _epoch_us(until) if until is not None else None
    # Runs of consecutive row groups of one file with the same week (None: read ts).
    runs: list[list] = []  # [file, first_row, last_row, week, lo_us]
    for rg in src.row_groups:
        week = _single_week(rg, plan, since_us, until_us)
        last = runs[-1] if runs else None
        if last and last[0] == rg.file and last[3] == week and last[2] + 1 == rg.first_row:
            last[2] = rg.first_row + rg.rows - 1
        else:
            runs.append([rg.file, rg.first_row, rg.first_row + rg.rows - 1, week, rg.lo_us])
    if all(r[3] is None for r in runs):
        return plain
    runs_of: dict[str, int] = {}
    for r in runs:
        runs_of[r[0]] = runs_of.get(r[0], 0) + 1
    whole_plain: list[str] = []  # files read as they are, together
    whole_week: dict[int, list] = {}  # week -> (files, a lo_us inside the week)
    parts: list[str] = []
    plain_rows: dict[str, list[tuple[int, int]]] = {}  # file -> ranges that need ts
    skipped = 0
    ts_type = src.ts_type.partition(" ")[0]
    for f, first, last, week, lo in runs:
        whole = runs_of[f] == 1
        if week is not None:
            skipped += last - first + 1
        if whole and week is None:
            whole_plain.append(f)
        elif whole:
            whole_week.setdefault(week, [[], lo])[0].append(f)
        elif week is None:
            plain_rows.setdefault(f, []).append((first, last))
        else:
            parts.append(duckdb_scan(src, [f], ts=_us_literal(lo, ts_type), rows=[(first, last)]))
    for f, ranges in plain_rows.items():
        parts.append(duckdb_scan(src, [f], rows=ranges))
    for week, (files, lo) in sorted(whole_week.items()):
        parts.insert(0, duckdb_scan(src, files, ts=_us_literal(lo, ts_type)))
    if whole_plain:
        parts.insert(0, duckdb_scan(src, whole_plain))
    if len(parts) > _MAX_BRANCHES:
        return plain
    return EventsPlan(sql="\nUNION ALL\n".join(parts), rows_without_ts=skipped,
                      branches=len(parts))


def _epoch_us(value: datetime) -> int:
    delta = value.astimezone(UTC) - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * _US + delta.microseconds


# --------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _engine_error(exc: BaseException, src: EventsSource) -> InputError:
    """An engine failure while scanning, as a message naming the file when the engine did."""
    text = str(exc)
    file = next((f for f in src.files if f in text), None) or next(
        (f for f in src.files if os.path.basename(f) in text), None)
    column = next((c for c in src.columns
                   if re.search(rf'"{re.escape(c)}"|`{re.escape(c)}`', text)), None)
    line = re.search(r"\bLine:\s*(\d+)", text)
    conv = re.search(r"Could not convert string \"(.*?)\" to '(.*?)'", text)
    if conv:
        message, value = f"not a valid {conv.group(2)}", conv.group(1)
    else:
        message, value = "could not read the events: " + " ".join(
            part.strip() for part in text.strip().splitlines()[:3]), None
    if src.fmt == "csv":
        fix = "correct or remove the bad value; ts must be ISO 8601, reasoning_tokens an integer"
    else:
        fix = "re-export the file, or leave it out of EVENTS"
    return InputError(Problem(message=message, file=file, row=int(line.group(1)) if line else None,
                              column=column, value=value, fix=fix))


def _time_range(src: EventsSource, tz: str, since: date | None, until: date | None):
    """UTC bounds for the filter and for the offset table (padded by more than a week)."""
    since_utc = local_midnight(since, tz) if since else None
    until_utc = local_midnight(until + timedelta(days=1), tz) if until else None
    lo = since_utc or src.ts_min or _FALLBACK_RANGE[0]
    hi = until_utc or src.ts_max or _FALLBACK_RANGE[1]
    if src.ts_min and since_utc:
        lo = max(lo, src.ts_min)
    if src.ts_max and until_utc:
        hi = min(hi, src.ts_max)
    hi = max(hi, lo)  # bounds outside the data: any valid range will do, nothing matches
    pad = timedelta(days=8)
    return since_utc, until_utc, lo - pad, hi + pad


def _warnings_for(since: date | None, until: date | None) -> list[str]:
    out = []
    if since and since.weekday() != 0:
        out.append(f"--since {since} is a {since:%A}: the first week "
                   f"({since - timedelta(days=since.weekday())}) holds only part of its events")
    if until and until.weekday() != 6:
        monday = until - timedelta(days=until.weekday())
        out.append(f"--until {until} is a {until:%A}: the last week ({monday}) holds only "
                   "part of its events")
    return out


def output_format(out: str) -> str:
    low = out.lower()
    if low.endswith((".parquet", ".pq")):
        return "parquet"
    if low.endswith(".csv"):
        return "csv"
    raise UsageError(Problem(message=f"--out {out!r} must end in .parquet or .csv",
                             fix="e.g. --out data/usage.parquet"))


def aggregate(events: list[str], out: str, *, engine: str = "duckdb", tz: str = "UTC",
              since: date | None = None, until: date | None = None,
              memory_limit: str = "2GB", progress: Progress | None = None) -> AggregateResult:
    """Aggregate raw events into the weekly usage table at `out` (Parquet or CSV)."""
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    if engine not in ENGINES:
        raise UsageError(Problem(message=f"--engine: unknown engine {engine!r}",
                                 fix="use duckdb or spark"))
    out_fmt = output_format(out)
    load_zone(tz)
    if since and until and since > until:
        raise UsageError(Problem(message=f"--since {since} is after --until {until}",
                                 fix="swap the two dates"))

    import duckdb

    con = duckdb.connect(config={"threads": os.cpu_count() or 1})
    try:
        try:
            con.execute(f"SET memory_limit = {_sql_str(memory_limit)}")
        except duckdb.Error as exc:
            raise UsageError(Problem(
                message=f"--memory-limit: bad size {memory_limit!r} ({_first_line(exc)})",
                fix="use a size such as 2GB or 512MB")) from None
        # Instants are compared and printed in UTC whatever the machine's zone is; spills go
        # to the temp folder, not a .tmp folder in the user's working directory.
        con.execute("SET TimeZone = 'UTC'")
        spill = os.path.join(tempfile.gettempdir(), "writer-duckdb")
        con.execute(f"SET temp_directory = {_sql_str(spill)}")

        files, fmt = expand_inputs(events)
        # `--out X.parquet` over the raw log X.parquet would replace the events with the table
        check_target(out, files, what="usage table")
        src = inspect_parquet(con, files) if fmt == "parquet" else inspect_csv(files)
        if fmt == "parquet":
            say(f"reading {len(files)} Parquet file(s), {src.rows:,} rows")
        else:
            say(f"reading {len(files)} CSV file(s) (CSV is several times slower than Parquet)")

        since_utc, until_utc, lo, hi = _time_range(src, tz, since, until)
        plan = tz_plan(tz, lo, hi)
        if engine == "duckdb":
            scanned = _run_duckdb(con, src, plan, since_utc, until_utc, memory_limit, say)
        else:
            scanned = _run_spark(con, src, plan, since_utc, until_utc, memory_limit, say)
        # Both engines leave the finished table in DuckDB as `result`, so one writer serves.
        _write(con, "result", out, out_fmt)
        n_rows, n_weeks, first, last, placed = con.execute(
            "SELECT count(*), count(DISTINCT week), min(week), max(week), "
            "coalesce(sum(messages), 0) FROM result").fetchall()[0]
        skipped = scanned - int(placed)
    finally:
        con.close()

    warnings = _warnings_for(since, until)
    if skipped:
        warnings.append(f"{skipped:,} event(s) had no ts, bot or category and were left out")
    if scanned == 0:
        warnings.append("no events in the requested range: the output table is empty")
    result = AggregateResult(rows_written=int(n_rows), weeks=int(n_weeks), events_scanned=scanned,
                             seconds=time.perf_counter() - started, engine=engine, out=out,
                             first_week=first, last_week=last, events_skipped=skipped,
                             warnings=tuple(warnings))
    return result


class _ProgressPoller:
    """Reports DuckDB's scan progress every second while a long query runs."""

    def __init__(self, con, say: Progress, label: str):
        self.con, self.say, self.label = con, say, label
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        import duckdb

        last = -1
        while not self.stop.wait(1.0):
            try:
                pct = self.con.query_progress()
            except duckdb.Error:  # the query finished between the wait and the call
                return
            if pct is not None and pct >= 0 and int(pct) // 10 != last:
                last = int(pct) // 10
                self.say(f"{self.label}: {pct:.0f}%")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def _run_duckdb(con, src, plan, since_utc, until_utc, memory_limit, say):
    import duckdb

    sql = render("duckdb", plan, since=since_utc, until=until_utc, reasoning=src.reasoning,
                 ts_type=src.ts_type)
    events = duckdb_events(src, plan, since_utc, until_utc)
    if events.rows_without_ts:
        say(f"{events.rows_without_ts:,} of {src.rows:,} events lie in row groups inside one "
            "week: their ts is not read")
    con.execute(f"CREATE TEMP VIEW events AS {events.sql}")
    # The poller needs DuckDB to track progress; printing stays off (stdout is the user's).
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    # The buckets are a GROUP BY, so the order of the events does not matter. Without this,
    # DuckDB runs the UNION ALL branches of `events` one after another, and a branch of one
    # row group keeps only one of the threads busy.
    con.execute("SET preserve_insertion_order = false")
    # Every branch prefetches its column chunks as soon as it starts, and with the branches
    # running side by side that held 300+ MB; the files are local (often in the page cache),
    # so reading each chunk when it is needed costs no measurable time and peaks at ~100 MB.
    con.execute("SET disable_parquet_prefetching = true")
    t0 = time.perf_counter()
    try:
        with _ProgressPoller(con, say, "scanning"):
            con.execute(f"CREATE TEMP TABLE buckets AS {sql.buckets}")
    except duckdb.OutOfMemoryException as exc:
        raise UsageError(Problem(message=f"DuckDB ran out of memory ({_first_line(exc)})",
                                 fix=f"raise --memory-limit (it was {memory_limit})")) from None
    except duckdb.Error as exc:
        raise _engine_error(exc, src) from None
    scanned = int(con.execute("SELECT coalesce(sum(messages), 0) FROM buckets").fetchall()[0][0])
    say(f"scanned {scanned:,} events in {time.perf_counter() - t0:.1f} s")
    con.execute("RESET preserve_insertion_order")
    con.execute("RESET disable_parquet_prefetching")
    con.execute(f"CREATE TEMP TABLE result AS {sql.rest}")
    return scanned


def _spark_session(memory_limit: str):
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError(Problem(message="--engine spark needs PySpark",
                                 fix="pip install 'writer[spark]' (and a Java "
                                 "runtime, e.g. apt-get install default-jre-headless)")) from None
    import shutil

    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise UsageError(Problem(message="--engine spark needs a Java runtime",
                                 fix="apt-get install default-jre-headless"))
    mem = _spark_memory(memory_limit)
    return (SparkSession.builder.master("local[2]").appName("writer-aggregate")
            .config("spark.driver.memory", mem)
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            # Spark cannot read Parquet nanosecond timestamps as timestamps; read them as
            # longs (nanoseconds) and convert in the events view.
            .config("spark.sql.legacy.parquet.nanosAsLong", "true")
            .getOrCreate())


def _spark_memory(limit: str) -> str:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B?)?\s*", limit, re.IGNORECASE)
    if not m:
        raise UsageError(Problem(message=f"--memory-limit: bad size {limit!r}",
                                 fix="use a size such as 2GB or 512MB"))
    unit = (m.group(2) or "B")[0].lower()
    mb = float(m.group(1)) * {"b": 1 / 2**20, "k": 1 / 1024, "m": 1, "g": 1024, "t": 2**20}[unit]
    return f"{max(512, int(mb))}m"


def _run_spark(con, src, plan, since_utc, until_utc, memory_limit, say):
    say("starting Spark (local[2]); the JVM takes a few seconds")
    spark = _spark_session(memory_limit)
    from pyspark.sql import functions as F

    sql = render("spark", plan, since=since_utc, until=until_utc, reasoning=src.reasoning,
                 ts_type="TIMESTAMPTZ")
    t0 = time.perf_counter()
    try:
        if src.fmt == "parquet":
            reader = spark.read.option("mergeSchema", str(src.union_by_name).lower())
            df = reader.parquet(*src.files)
        elif src.union_by_name:
            # Spark's CSV reader maps every file onto the first file's header by position;
            # files with different headers are read one by one and matched by name.
            from functools import reduce

            parts = [spark.read.option("header", "true").csv(f) for f in src.files]
            parts = [p.toDF(*[c.lower() for c in p.columns]) for p in parts]
            df = reduce(lambda x, y: x.unionByName(y, allowMissingColumns=True), parts)
        else:
            df = spark.read.option("header", "true").csv(list(src.files))
        names = {c.lower(): c for c in df.columns}
        ts = F.col(names["ts"])
        ts_type = dict(df.dtypes)[names["ts"]]
        if ts_type in ("bigint", "long"):  # nanoseconds (nanosAsLong)
            ts = F.expr(f"timestamp_micros(`{names['ts']}` div 1000)")
        else:
            ts = ts.cast("timestamp")
        cols = [ts.alias("ts"), F.col(names["bot"]).cast("string").alias("bot"),
                F.col(names["category"]).cast("string").alias("category")]
        rtype = "bigint" if src.reasoning == "reasoning_tokens" else "boolean"
        cols.append(F.col(names[src.reasoning]).cast(rtype).alias(src.reasoning))
        if src.has_trigger and "trigger" in names:
            cols.append(F.col(names["trigger"]).cast("string").alias("trigger"))
        else:
            cols.append(F.lit(None).cast("string").alias("trigger"))
        df.select(*cols).createOrReplaceTempView("events")
        buckets = spark.sql(sql.buckets).persist()
        buckets.createOrReplaceTempView("buckets")
        scanned = int(buckets.agg(F.coalesce(F.sum("messages"), F.lit(0))).collect()[0][0])
        say(f"scanned {scanned:,} events in {time.perf_counter() - t0:.1f} s")
        table = spark.sql(sql.rest).toArrow()
        buckets.unpersist()
    except Exception as exc:
        if type(exc).__module__.startswith(("pyspark", "py4j")):
            raise _engine_error(exc, src) from None
        raise
    con.register("spark_result", table)
    # Same column types as the DuckDB path, so both engines write identical files.
    con.execute("""CREATE TEMP TABLE result AS
        SELECT CAST(week AS DATE) AS week, CAST(category AS VARCHAR) AS category,
               CAST(bot AS VARCHAR) AS bot, CAST(messages AS BIGINT) AS messages,
               CAST(reasoning AS BOOLEAN) AS reasoning, CAST("trigger" AS VARCHAR) AS "trigger"
        FROM spark_result ORDER BY week, category, bot, reasoning, "trigger" """)
    return scanned


def _write(con, relation: str, out: str, fmt: str) -> None:
    """Write atomically: a temp file in the same folder, then os.replace."""
    folder = os.path.dirname(os.path.abspath(out))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(out)}.", suffix=".tmp",
                                   dir=folder)
        os.close(fd)
    except OSError as exc:
        raise InputError(Problem(message=f"cannot write the usage table ({exc.strerror})",
                                 file=out, fix="choose --out in a folder you can write "
                                 "to")) from None
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    try:
        con.execute(f"COPY (SELECT * FROM {relation} ORDER BY week, category, bot, reasoning, "
                    f'"trigger") TO {_sql_str(tmp)} ({options})')
        os.replace(tmp, out)
    except Exception as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if not isinstance(exc, OSError) and not type(exc).__module__.startswith("duckdb"):
            raise
        # an OSError from the rename, or DuckDB's IOException from the COPY (a full disk)
        why = exc.strerror if isinstance(exc, OSError) else str(exc).splitlines()[0]
        raise InputError(Problem(message=f"cannot write the usage table ({why})",
                                 file=out, fix="choose --out in a folder you can write to, "
                                 "with free space")) from None
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------------------
# CLI glue (the lead's `python -m writer aggregate` calls these)
# --------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("events", nargs="*", metavar="EVENTS",
                        help="raw event files: Parquet (or CSV, slower), folders or globs")
    parser.add_argument("--out", help="output usage table, .parquet or .csv "
                        "(required unless --print-sql)")
    parser.add_argument("--engine", choices=ENGINES, default="duckdb",
                        help="duckdb (embedded, default) or spark (local[2]; needs "
                        "writer[spark] and Java)")
    parser.add_argument("--tz", default="UTC",
                        help="reporting time zone: weeks run Monday to Sunday there (default UTC)")
    parser.add_argument("--since", metavar="DATE", help="first local date to count (YYYY-MM-DD)")
    parser.add_argument("--until", metavar="DATE", help="last local date to count, inclusive")
    parser.add_argument("--memory-limit", default="2GB",
                        help="DuckDB memory limit (Spark driver memory), default 2GB")
    parser.add_argument("--print-sql", action="store_true",
                        help="print the aggregation SQL for a warehouse and exit")
    parser.add_argument("--dialect", choices=DIALECTS, default="duckdb",
                        help="SQL dialect for --print-sql (default duckdb)")


def _parse_date(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(Problem(message="not a date", column=flag, value=text,
                                 fix="use YYYY-MM-DD, e.g. 2025-01-06")) from None


def run(args: argparse.Namespace, stdout=None, stderr=None) -> int:
    """Run `writer aggregate`: the summary goes to stdout, progress and warnings to stderr."""
    import sys

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if args.print_sql:
        stdout.write(print_sql(args.dialect, args.tz))
        return 0
    if not args.out:
        raise UsageError(Problem(message="--out is required",
                                 fix="e.g. --out data/usage.parquet"))
    if not args.events:
        raise UsageError(Problem(message="EVENTS: no event files given",
                                 fix="pass Parquet or CSV files, folders or globs"))

    def progress(msg: str) -> None:
        stderr.write(f"aggregate: {msg}\n")
        stderr.flush()

    result = aggregate(list(args.events), args.out, engine=args.engine, tz=args.tz,
                       since=_parse_date(args.since, "--since"),
                       until=_parse_date(args.until, "--until"),
                       memory_limit=args.memory_limit, progress=progress)
    for w in result.warnings:
        stderr.write(f"warning: {w}\n")
    stdout.write(result.summary() + "\n")
    return 0
