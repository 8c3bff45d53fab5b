"""draft --compare (issue 16, "Since the last report"): each chart's biggest change in a
family's mean share against an earlier period, in both languages, checked like every other
number, by draft and by a later `verify` of the file alone."""

from __future__ import annotations

import contextlib
import io
import re
import sys
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from writer import cli
from writer.findings import compare
from writer.load import load
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drafting import (  # noqa: E402
    charts_not_rendered, draft_in_process, generated_platform, no_render)

ROOT = Path(__file__).resolve().parents[1]


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = cli.main(argv)
    return rc, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare")
    with charts_not_rendered():
        posts = draft_in_process(["draft", "--period", "2025Q2", "--compare", "--no-cache",
                                  "--out", str(out)])
    return out, posts


def test_the_changes_are_the_mean_shares_of_the_two_periods():
    data = load(ROOT / "data" / "usage.csv", ROOT / "data" / "models.csv")
    mondays = sorted({w.date() for w in data.usage["week"]})
    now = compute_shares(data, resolve_weeks(parse_period("2025Q2"), mondays))
    before = compute_shares(data, resolve_weeks(parse_period("2025Q1"), mondays))
    found = compare(now, before, data.registry)
    assert found and [f.id for f in found] == [f"C{i}" for i in range(1, len(found) + 1)]
    for f in found:
        col = lambda t: np.asarray(t.shares)[:, t.entities.index(f.subject)]  # noqa: E731
        mean_now = col(now[f.chart])[np.asarray(now[f.chart].totals) > 0].mean()
        mean_before = col(before[f.chart])[np.asarray(before[f.chart].totals) > 0].mean()
        assert f.facts["after"].value == pytest.approx(mean_now)
        assert f.facts["before"].value == pytest.approx(mean_before)
        assert f.facts["change"].value == pytest.approx(mean_now - mean_before)
        assert abs(f.facts["change"].value) >= 2.0
    sizes = [abs(f.facts["change"].value) for f in found]
    assert sizes == sorted(sizes, reverse=True)  # the biggest first


@pytest.mark.parametrize("lang,heading", [("en", "## Since the last report"),
                                          ("zh", "## 与上期相比")])
def test_the_post_has_the_part_cites_its_facts_and_names_the_period(drafted, lang, heading):
    _, posts = drafted
    post = posts[lang]
    part = post[post.index(heading):post.index("\n## ", post.index(heading) + 3)]
    bullets = [ln for ln in part.splitlines() if ln.startswith("- **")]
    assert 3 <= len(bullets) <= 5  # one per chart at most
    facts = re.search(r"^facts: \[(.*)\]$", post, re.M).group(1).split(", ")
    assert any(f.startswith("C") and f.endswith(".before") for f in facts)
    assert re.search(r'^compare: "2025-02-10\.\.2025-04-06"$', post, re.M)


def test_verify_rebuilds_the_comparison_and_catches_a_false_before(drafted, tmp_path):
    out, posts = drafted
    files = sorted((out / "_posts").glob("*.md"))
    assert _run(["verify", *map(str, files)])[0] == 0
    en = next(f for f in files if f.name.endswith("-en.md"))
    text = en.read_text(encoding="utf-8")
    m = re.search(r"against (about )?(\d+)% in the previous period", text)
    wrong = int(m.group(2)) + 9
    edited = tmp_path / en.name
    edited.write_text(text.replace(m.group(0), f"against {wrong}% in the previous period", 1),
                      encoding="utf-8")
    rc, err = _run(["verify", str(edited)])
    assert rc == 1 and f"'{wrong}%'" in err


def test_no_room_before_the_period_or_an_overlap_is_exit_2(tmp_path, monkeypatch):
    no_render(monkeypatch)
    for argv, words in ((["--period", "2025Q1", "--compare"], "does not hold"),
                        (["--period", "2025Q2", "--compare", "2025Q2"], "must end before")):
        rc, err = _run(["draft", *argv, "--out", str(tmp_path / "o"), "--no-cache"])
        errors = [ln for ln in err.splitlines() if ln.startswith("error:")]  # one message
        assert rc == 2 and len(errors) == 1 and words in errors[0], err


@pytest.mark.parametrize("seed", [1, 6, 14])
def test_generated_platforms_compare_and_verify(seed, tmp_path, monkeypatch):
    no_render(monkeypatch)
    monkeypatch.chdir(tmp_path)
    data, first, last = generated_platform(seed, tmp_path)
    folder = tmp_path / f"p{seed}"
    total = (last - first).days // 7 + 1
    half = first + timedelta(weeks=(total + 1) // 2)  # the later half is never the longer
    argv = ["draft", "--period", f"{half}..{last}", "--compare", *data,
            "--out", str(folder / "out"), "--no-cache"]
    rc, err = _run(argv)
    if rc == 2 and "no finding passes" in err:
        pytest.skip(f"seed {seed}: the later half has nothing to say")
    assert rc == 0, err
    posts = sorted((folder / "out" / "_posts").glob("*.md"))
    # the earlier period is named for verify, whether or not a family moved 2 points
    assert all(re.search(r'^compare: "', p.read_text(encoding="utf-8"), re.M) for p in posts)
    assert _run(["verify", *map(str, posts), *data])[0] == 0
