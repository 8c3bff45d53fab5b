"""The CLI as a user sees it: exact output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "writer", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_shares_reasoning_rises_from_about_2_to_about_10pct():
    out = run("shares", "--period", "2025H1", "--chart", "reasoning", "--format", "json")
    assert out.returncode == 0, out.stderr
    weeks = json.loads(out.stdout)["weeks"]
    assert round(weeks[0]["share_of_text"]) == 2
    assert round(weeks[-1]["share_of_text"]) == 10


def test_shares_table_says_what_it_shows():
    out = run("shares", "--period", "2025H1", "--chart", "reasoning")
    assert out.returncode == 0
    first = out.stdout.splitlines()[0]
    assert first.startswith("reasoning: weekly share of messages by family, %")
    assert "2025-01-06" in out.stdout and "share_of_text" in out.stdout
    assert "2025H1: data covers 2025-01-06 to 2025-06-01 (21 weeks)" in out.stderr


def test_shares_csv_rows_sum_to_100():
    out = run("shares", "--period", "2025H1", "--chart", "video", "--format", "csv")
    lines = out.stdout.strip().splitlines()
    header = lines[0].split(",")
    assert header[0] == "week" and header[-1] == "total"
    for line in lines[1:]:
        values = [float(x) for x in line.split(",")[1:-1]]
        assert abs(sum(values) - 100) < 1e-4


def test_unknown_chart_is_a_usage_error():
    out = run("shares", "--period", "2025H1", "--chart", "smell")
    assert out.returncode == 2
    assert "--chart 'smell' has no data" in out.stderr and "Traceback" not in out.stderr


def test_bad_input_exits_2_with_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "usage.csv"
    bad.write_text("week,category,bot,messages\n2025-01-07,text,A,5\n")
    out = run("shares", "--period", "2025H1", "--chart", "text", "--data", str(bad))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert f"error: {bad}, row 2, column 'week': is a Tuesday, not a Monday" in out.stderr


def test_period_with_no_data_exits_2():
    out = run("shares", "--period", "2019", "--chart", "text")
    assert out.returncode == 2 and "no complete week of data" in out.stderr


def test_bad_flag_exits_2():
    out = run("shares", "--period", "2025H1", "--chart", "text", "--format", "xml")
    assert out.returncode == 2 and "invalid choice" in out.stderr


def test_explicit_missing_registry_is_an_error():
    out = run("shares", "--period", "2025H1", "--chart", "text", "--models", "nope.csv")
    assert out.returncode == 2 and "nope.csv: the registry file does not exist" in out.stderr
