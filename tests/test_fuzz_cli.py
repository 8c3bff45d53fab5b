"""Fuzzing the command line (issue 13): whatever comes in, writer answers with an exit code.

Hypothesis feeds every command (`writer.cli.main`) three kinds of input:
- random bytes as the file a command reads (usage table, registry, post, event log);
- random CSVs: a valid header, random cells (dates, numbers, names, empty, junk);
- random command lines: each command's own flags, in any order, with odd values.

The contract is the README's: exit 0 (ok), 1 (verification found unbacked numbers) or 2
(usage or input error), never a traceback. An exception escaping `main`, or a SystemExit
with another code, fails the example.

Deterministic: `derandomize=True` (examples come from a fixed seed) and a bounded number of
examples, so CI sees the same inputs every run; the file takes well under a minute. Chart
rendering is stubbed (as in tests/test_any_platform.py): it is most of a draft's time and
is not what is fuzzed here. No LLM is reachable: the base URL is a closed local port.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import traceback
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

COMMANDS = ("shares", "findings", "draft", "verify", "precommit", "preview", "aggregate", "eval")
USAGE_HEADER = "week,category,bot,messages,reasoning,trigger"
MODELS_HEADER = "bot,family,provider,released,excluded,predecessor,tags,family_zh,provider_zh"
EVENTS_HEADER = "ts,bot,category,reasoning_tokens,trigger"
FUZZ = settings(derandomize=True, max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


# ---------------------------------------------------------------------------------------
# Running main
# ---------------------------------------------------------------------------------------


def call(argv: list[str]) -> tuple[int | None, str, str]:
    """main(argv) in-process: (exit code, stderr, traceback or '')."""
    from writer import cli

    out, err = io.StringIO(), io.StringIO()
    rc, tb = None, ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = cli.main(argv)
        except SystemExit as exc:  # argparse: 2 for a bad flag, 0 for --help
            rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except BaseException:  # noqa: BLE001 - any escape is a traceback the user would see
            tb = traceback.format_exc()
    return rc, err.getvalue(), tb


def check(argv: list[str]) -> None:
    rc, err, tb = call(argv)
    shown = " ".join(repr(a) for a in argv)
    assert not tb, f"traceback escaped writer.cli.main for {shown}:\n{tb}"
    assert "Traceback (most recent call last)" not in err, f"{shown}:\n{err}"
    assert rc in (0, 1, 2), f"exit {rc!r} for {shown}:\n{err}"


@pytest.fixture
def sandbox(monkeypatch):
    """A clean working folder per test (each example gets its own below), no LLM reachable,
    and chart rendering stubbed."""
    from writer import charts

    for key in list(os.environ):
        if key.startswith(("WRITER_", "OPENAI_", "POE_")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("WRITER_BASE_URL", "http://127.0.0.1:9/v1")  # closed: refused at once
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fuzz")
    monkeypatch.setattr(charts, "_start_many", lambda jobs, scale, workers: lambda: [
        ('<svg xmlns="http://www.w3.org/2000/svg"/>', b"\x89PNG stub" if png else None)
        for _spec, png in jobs])
    monkeypatch.setattr(charts, "start_renderer", lambda cache: None)
    home = os.getcwd()
    yield
    os.chdir(home)


@contextlib.contextmanager
def folder():
    """A fresh working folder for one example, with a writer.toml that makes any LLM call
    fail fast (no retries, short timeout)."""
    home = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="writer-fuzz-") as tmp:
        os.chdir(tmp)
        Path("writer.toml").write_text("[llm]\nmax_retries = 0\ntimeout = 2\n",
                                       encoding="utf-8")
        try:
            yield Path(tmp)
        finally:
            os.chdir(home)


def _valid_platform(root: Path) -> tuple[Path, Path]:
    mondays = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(8)]
    rows = [USAGE_HEADER] + [f"{m},text,{b},{100 + 37 * i * (k + 1)},false,user"
                             for i, m in enumerate(mondays) for k, b in enumerate(("A", "B"))]
    usage = root / "usage.csv"
    usage.write_text("\n".join(rows) + "\n", encoding="utf-8")
    models = root / "models.csv"
    models.write_text("bot,family,provider\nA,A,LabA\nB,B,LabB\n", encoding="utf-8")
    return usage, models


POST = '---\nperiod: "2025Q1"\nlang: en\ndata_sha256: 00\n---\nA grew to 40% of text.\n'


# ---------------------------------------------------------------------------------------
# Random bytes as the file a command reads
# ---------------------------------------------------------------------------------------


def _argv_reading(command: str, path: Path, root: Path) -> list[str]:
    """A sensible command line for `command` whose input file is `path`."""
    usage, models = _valid_platform(root)
    if command in ("shares", "findings", "draft", "eval"):
        argv = [command, "--period", "2025Q1", "--data", str(path), "--models", str(models)]
        if command == "shares":
            argv += ["--chart", "text"]
        if command in ("draft", "eval"):
            argv += ["--out", str(root / "out")]
        return argv
    if command == "verify":
        return ["verify", str(path), "--data", str(usage), "--models", str(models)]
    if command == "precommit":
        return ["precommit", str(path), "--data", str(usage), "--models", str(models)]
    if command == "preview":
        return ["preview", str(path), "--out", str(root / "p.html")]
    return ["aggregate", str(path), "--out", str(root / "agg.csv")]


@FUZZ
@given(command=st.sampled_from(COMMANDS), name=st.sampled_from(["in.csv", "in.parquet", "in.md"]),
       content=st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_random_bytes_as_input(sandbox, command, name, content):
    with folder() as root:
        path = root / name
        path.write_bytes(content)
        check(_argv_reading(command, path, root))


@FUZZ
@given(command=st.sampled_from(("findings", "draft", "shares")),
       content=st.binary(max_size=400))
def test_random_bytes_as_registry(sandbox, command, content):
    with folder() as root:
        usage, _models = _valid_platform(root)
        models = root / "models.csv"
        models.write_bytes(content)
        argv = [command, "--period", "2025Q1", "--data", str(usage), "--models", str(models)]
        if command == "shares":
            argv += ["--chart", "text"]
        if command == "draft":
            argv += ["--out", str(root / "out")]
        check(argv)


# ---------------------------------------------------------------------------------------
# Random CSVs: a valid header, random cells
# ---------------------------------------------------------------------------------------

MONDAY = st.dates(date(2024, 12, 2), date(2025, 4, 28)).map(
    lambda d: (d - timedelta(days=d.weekday())).isoformat())
CELL = st.one_of(
    MONDAY, MONDAY, st.dates().map(date.isoformat),
    st.sampled_from(["text", "image", "video", "audio", "reasoning", "Other", "Text", "tools",
                     "A", "B", "C", "true", "false", "user", "speak_button", "", " ",
                     "0", "1", "-1", "1.5", "1e23", "9223372036854775808", "NaN", "inf",
                     "{{ x }}", "<b>", "\u00a0", "2025-02-30", "2025W07", '"', "a,b"]),
    st.integers(min_value=-(2 ** 70), max_value=2 ** 70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)


def _csv(header: str, rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        if any(c in text for c in ',"\n\r'):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "\n".join([header] + [",".join(cell(c) for c in row) for row in rows]) + "\n"


# Cells a column would hold. A clean file draws only these (so the pipeline runs past the
# loader: shares, findings, drafting); a dirty one mixes in CELL anywhere.
USAGE_COLUMNS = (
    MONDAY,
    st.sampled_from(["text", "text", "image", "video", "tools", "Text", "reasoning", "Other",
                     "{{ x }}", "<i>x</i>", "music} {#x"]),
    st.sampled_from(["A", "B", "C", "D", "Other", "Kling<2>", "x 2.0 & Co"]),
    st.one_of(st.integers(0, 10 ** 6), st.integers(0, 10 ** 6), st.integers(0, 2 ** 64)).map(str),
    st.sampled_from(["true", "false", "false", ""]),
    st.sampled_from(["user", "user", "speak_button", ""]),
)
FAMILY = st.sampled_from(["A", "B", "Fam 1", "Other", "{{ evil }}", "Runway|*x*", ""])
MODELS_COLUMNS = (
    st.sampled_from(["A", "B", "C", "D", "Other"]), FAMILY,
    st.sampled_from(["LabA", "LabB", "", "Lab & Co"]),
    st.one_of(st.just(""), MONDAY, st.dates().map(date.isoformat)),
    st.sampled_from(["true", "false", ""]), FAMILY,
    st.sampled_from(["", "hybrid-reasoning", "a;b", "reasoning", "Bad Tag"]),
    st.sampled_from(["", "甲", "乙"]), st.sampled_from(["", "甲方", "乙方"]),
)


@st.composite
def _rows(draw, columns):
    dirty = draw(st.booleans())
    cells = [st.one_of(c, CELL) if dirty else c for c in columns]
    rows = draw(st.lists(st.tuples(*cells).map(list), min_size=0, max_size=24))
    if not dirty and len(columns) == len(USAGE_COLUMNS):  # one row per key, as the contract says
        rows = list({(r[0], r[1], r[2], r[4], r[5]): r for r in rows}.values())
    return rows


@FUZZ
@given(command=st.sampled_from(("shares", "findings", "draft")), rows=_rows(USAGE_COLUMNS),
       period=st.sampled_from(["2025Q1", "2025", "2025-01-06..2025-03-30", "2024W50"]))
def test_random_usage_csv(sandbox, command, rows, period):
    with folder() as root:
        _usage, models = _valid_platform(root)
        usage = root / "random.csv"
        usage.write_text(_csv(USAGE_HEADER, rows), encoding="utf-8")
        argv = [command, "--period", period, "--data", str(usage), "--models", str(models)]
        if command == "shares":
            argv += ["--chart", "text"]
        if command == "draft":
            argv += ["--out", str(root / "out")]
        check(argv)


@FUZZ
@given(command=st.sampled_from(("findings", "draft")), rows=_rows(MODELS_COLUMNS))
def test_random_registry_csv(sandbox, command, rows):
    with folder() as root:
        usage, _models = _valid_platform(root)
        models = root / "random-models.csv"
        models.write_text(_csv(MODELS_HEADER, rows), encoding="utf-8")
        argv = [command, "--period", "2025Q1", "--data", str(usage), "--models", str(models)]
        if command == "draft":
            argv += ["--out", str(root / "out")]
        check(argv)


TIMESTAMP = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat() + "Z"),
    st.sampled_from(["1970-01-01T00:00:00", "2262-04-11T23:47:16", "0001-01-01", "",
                     "not a time", "2025-13-01T00:00:00", "1e9"]),
)


@FUZZ
@given(rows=st.lists(st.tuples(TIMESTAMP, CELL, CELL, CELL, CELL).map(list), max_size=12),
       tz=st.sampled_from(["UTC", "Asia/Shanghai", "America/New_York", "Mars/Base", ""]))
def test_random_events_csv(sandbox, rows, tz):
    with folder() as root:
        events = root / "events.csv"
        events.write_text(_csv(EVENTS_HEADER, rows), encoding="utf-8")
        check(["aggregate", str(events), "--out", str(root / "usage.csv"), "--tz", tz])


# ---------------------------------------------------------------------------------------
# Random command lines
# ---------------------------------------------------------------------------------------


def _flags(command: str) -> list[tuple[str, bool, tuple]]:
    """(flag, takes a value, its choices) for each of the command's options."""
    from writer.cli import build_parser

    parser = build_parser(command)
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    found = []
    for action in sub.choices[command]._actions:
        for flag in action.option_strings:
            if flag in ("-h", "--help", "--engine"):  # --engine spark would start a JVM
                continue
            found.append((flag, action.nargs != 0, tuple(action.choices or ())))
    return sorted(found)


VALUE = st.one_of(
    st.sampled_from(["2025Q1", "2025H1", "2025-05", "2025", "2025W07", "0000", "9999",
                     "2025-01-06..2025-03-30", "2025-03-30..2025-01-06", "2025W99", "2025Q5",
                     "0", "-1", "10", "99999999999999999999", "1.5", "ten", "", " ", "en",
                     "zh", "en,zh", "fr", "text", "image", "reasoning", "Other", "json", "csv",
                     "table", "github", "family", "provider", "offline", "openai", "UTC",
                     "Mars/Base", "2025-02-30", "usage.csv", "models.csv", "post.md",
                     "bytes.bin", "out", ".", "missing.csv",
                     "writer.toml", "bad.toml", "sk-proj-abc", "http://u:p@127.0.0.1:9/v1",
                     "-", "--", "{{ x }}", "<script>", "\x00", "\u00a0"]),
    st.text(max_size=10),
    st.integers(min_value=-10 ** 20, max_value=10 ** 20).map(str),
)


# Values that fit each flag (so a line gets past argparse and into the command), hostile
# ones among them. Never a path outside the example's folder: /dev/null as an --out would
# be replaced by a file when the tests run as root.
PERIODS = ["2025Q1", "2025H1", "2025-02", "2025", "2025W03", "2025-01-06..2025-02-23",
           "2025-02-23..2025-01-06", "0000", "9999", "2025W99", "2025Q5", "1970", "2262"]
FILES = ["usage.csv", "models.csv", "post.md", "bytes.bin", "bad.toml", "missing.csv", ".",
         "dir", "empty.csv"]
COUNTS = ["0", "-1", "1", "2", "3", "10", "100000", "99999999999999999999"]
FLAG_VALUES = {
    "--period": PERIODS, "--chart": ["text", "image", "reasoning", "Other", "Text", "nope"],
    "--top": COUNTS, "--concurrency": COUNTS, "--repair": COUNTS, "--runs": ["0", "1"],
    "--seed": COUNTS, "--lang": ["en", "zh", "en,zh", "zh,en", "fr", ",", ""],
    "--date": ["2025-03-03", "2025-02-30", "0001-01-01", "9999-12-31", "today"],
    "--out": ["out", "out", "post.md", "usage.csv", ".", "dir", "agg.csv", "agg.parquet",
              "out.html"],
    "--data": FILES, "--models": FILES, "--prompts": FILES, "--prices": FILES,
    "--config": ["writer.toml", "bad.toml", "missing.toml", "usage.csv"],
    "--platform": ["Acme", "", "{{ x }}", "<b>P</b>"], "--unit": ["tokens", "", "messages"],
    "--base-url": ["http://127.0.0.1:9/v1", "http://u:sk-secret@127.0.0.1:9/v1", "ftp://x", ""],
    "--api-key-env": ["OPENAI_API_KEY", "sk-proj-abcdefghijklmnop", "", "1BAD"],
    "--model": ["m", ""], "--llm": ["offline", "offline", "openai"],
    "--tz": ["UTC", "Asia/Shanghai", "Mars/Base", ""],
    "--since": ["2025-01-01", "2025-02-30", "x"], "--until": ["2025-03-01", "0001-01-01", "x"],
    "--memory-limit": ["2GB", "1KB", "lots"],
}


@st.composite
def command_lines(draw):
    """Mostly well-formed lines (each flag with a fitting value), so that many get past
    argparse; sometimes a stray value, a missing value or a random one."""
    command = draw(st.sampled_from(COMMANDS))
    flags = _flags(command)
    argv = [command]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 9)) == 0:
            argv.append(draw(VALUE))  # a positional, or a value out of place
            continue
        flag, takes_value, choices = draw(st.sampled_from(flags))
        argv.append(flag)
        if not takes_value or not draw(st.integers(0, 14)):
            continue
        fitting = [c for c in choices if c != "spark"] or FLAG_VALUES.get(flag)
        if fitting and draw(st.integers(0, 5)):
            argv.append(str(draw(st.sampled_from(fitting))))
        else:
            argv.append(draw(VALUE))
    return argv


def _files(root: Path) -> None:
    """The files the command-line values name, in the example's working folder."""
    _valid_platform(root)
    Path(root / "post.md").write_text(POST, encoding="utf-8")
    Path(root / "bytes.bin").write_bytes(bytes(range(256)))
    Path(root / "bad.toml").write_text("[post]\ntop = 'ten'\n[llm\n", encoding="utf-8")
    Path(root / "empty.csv").write_text("", encoding="utf-8")
    Path(root / "dir").mkdir()


@settings(FUZZ, max_examples=150)
@given(argv=command_lines())
def test_random_command_lines(sandbox, argv):
    with folder() as root:
        _files(root)
        check(argv)


@settings(FUZZ, max_examples=300)
@given(argv=command_lines(), period=st.sampled_from(PERIODS))
def test_random_command_lines_with_data(sandbox, argv, period):
    """The same, always with the folder's data and a period, so more lines get past the
    parser and the loader."""
    with folder() as root:
        _files(root)
        extra = ["--data", "usage.csv"] if argv[0] not in ("preview",) else []
        if argv[0] in ("shares", "findings", "draft", "eval") and "--period" not in argv:
            extra += ["--period", period]
        if argv[0] == "shares" and "--chart" not in argv:
            extra += ["--chart", "text"]
        if argv[0] in ("verify", "precommit", "preview"):
            extra = ["post.md", *extra]
        if argv[0] == "aggregate":
            extra = ["usage.csv", "--out", "agg.csv"]
        check([argv[0], *extra, *argv[1:]])
