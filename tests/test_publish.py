"""A draft is one transaction (writer.publish): killed at any moment, run twice at once, or
pointed at a folder it cannot write, it leaves a complete older or newer set of posts and
charts, and one clear message, never a traceback or orphan files.

Two datasets give two different runs of the same period into the same paths: the sample
data (A) and a copy where GPT-4o's May messages are tripled (B). Their posts differ
(data_sha256, numbers) and so do their charts (so their chart file names).
"""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA, MODELS, clean_env, run_writer

from writer import publish

PERIOD = "2025-05"
SLUG = "ai-model-usage-trends-2025-05"


def args(out: Path, data: Path, *more: str) -> list[str]:
    return ["draft", "--period", PERIOD, "--data", str(data), "--models", str(MODELS),
            "--out", str(out), *more]


def variant(folder: Path) -> Path:
    """The sample data with GPT-4o's May messages tripled: a different, valid run."""
    with open(DATA, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    bot = "GPT-4o"  # a named text model (Assistant, the platform's own bot, is excluded)
    for r in body:
        if r[col["bot"]] == bot and r[col["week"]].startswith("2025-05"):
            r[col["messages"]] = str(int(r[col["messages"]]) * 3)
    path = folder / "usage-b.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *body])
    return path


def snapshot(out: Path) -> dict:
    """A folder's posts (name → bytes) and its charts (name → bytes)."""
    posts = {p.name: p.read_bytes() for p in sorted((out / "_posts").glob("*"))}
    assets = out / "assets" / SLUG
    charts = {p.name: p.read_bytes() for p in sorted(assets.glob("*"))} if assets.is_dir() else {}
    return {"posts": posts, "charts": charts}


LINK = re.compile(rf"/{SLUG}/([^/'\"()\s]+)")


def which_run(out: Path, refs: dict[str, dict]) -> str:
    """'A' or 'B' when OUT holds that run's two posts and every chart they link, byte for
    byte as a clean run of it writes them; otherwise fail with what is mixed."""
    now = snapshot(out)
    matches = [name for name, ref in refs.items() if now["posts"] == ref["posts"]]
    assert len(matches) == 1, (
        "the posts are not both from one run: "
        + ", ".join(f"{n}: {[refs[r]['posts'].get(n) == b for r in refs]}"
                    for n, b in now["posts"].items()))
    ref = refs[matches[0]]
    for text in now["posts"].values():
        for name in LINK.findall(text.decode("utf-8")):
            assert name in now["charts"], f"{name} is linked but missing"
            assert now["charts"][name] == ref["charts"][name], f"{name} is from another run"
    return matches[0]


def leftovers(out: Path) -> list[str]:
    """Temp files, staging folders and journals anywhere under OUT (the lock file stays)."""
    found = []
    for p in out.rglob("*"):
        if (p.name.startswith(publish.STAGING_PREFIX) or p.name.endswith(".tmp")
                or p.name.startswith(publish.JOURNAL_NAME)):
            found.append(str(p.relative_to(out)))
    return found


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Clean runs of A and B (each into its own folder) and a warm chart cache for both."""
    root = tmp_path_factory.mktemp("publish")
    data = {"A": DATA, "B": variant(root)}
    refs, cache = {}, root / "cache"
    for name, path in data.items():
        out = root / f"ref-{name}"
        if cache.is_dir():
            shutil.copytree(cache, out / ".cache" / "charts")
        done = run_writer(args(out, path), root)
        assert done.returncode == 0, done.stderr
        refs[name] = snapshot(out)
        shutil.copytree(out / ".cache" / "charts", cache, dirs_exist_ok=True)
    assert refs["A"]["posts"].keys() == refs["B"]["posts"].keys()  # the same two paths
    # Other data, other text charts (other names); the charts the change does not touch
    # keep their names and bytes, shared by both runs.
    only_a = set(refs["A"]["charts"]) - set(refs["B"]["charts"])
    assert any(n.startswith("text-") for n in only_a), only_a
    return root, data, refs, cache


def fresh_out(runs, name: str) -> Path:
    root, _, _, cache = runs
    out = root / name
    shutil.copytree(cache, out / ".cache" / "charts")
    return out


# ------------------------------------------------------------------ crash


def start(out: Path, data: Path, root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "writer", *args(out, data)], cwd=root,
                            env=clean_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def wait_for_staging(out: Path, proc: subprocess.Popen) -> float | None:
    """The moment the run's transaction begins (its staging folder appears), or None if
    the run ended first."""
    while proc.poll() is None:
        if any(p.startswith(publish.STAGING_PREFIX) for p in os.listdir(out)):
            return time.monotonic()
        time.sleep(0.001)
    return None


def test_killed_at_twenty_random_moments_leaves_an_older_or_newer_set(runs):
    root, data, refs, _ = runs
    out = fresh_out(runs, "crash")
    assert run_writer(args(out, data["A"]), root).returncode == 0
    assert which_run(out, refs) == "A"
    # How long the transaction (staging to exit) of run B takes here.
    proc = start(out, data["B"], root)
    began = wait_for_staging(out, proc)
    assert proc.wait() == 0 and began is not None
    window = time.monotonic() - began
    assert run_writer(args(out, data["A"]), root).returncode == 0

    rng = random.Random(13)
    seen = {"A": 0, "B": 0}
    journals = killed = 0
    # A quarter of the moments anywhere in the first second (before the transaction nothing
    # is written), the rest anywhere in the transaction, where the files change.
    for i in range(20):
        proc = start(out, data["B"], root)
        if i % 4 == 0:
            time.sleep(rng.uniform(0, 1.0))
        else:
            delay = rng.uniform(0, window * 1.1)
            if wait_for_staging(out, proc) is not None:
                time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the run and any renderer it started
            killed += 1
        proc.wait()
        if (out / publish.JOURNAL_NAME).exists():
            # Killed after the commit point: the posts already link only charts that are
            # there, and the journal rolls the run forward to a complete newer set.
            journals += 1
            for text in snapshot(out)["posts"].values():
                for name in LINK.findall(text.decode("utf-8")):
                    assert (out / "assets" / SLUG / name).is_file()
            with publish.locked(out):
                publish.recover(out)
            assert which_run(out, refs) == "B"
        seen[which_run(out, refs)] += 1
        # The next run finishes, cleans up, and leaves exactly run A: no stale charts of B.
        done = run_writer(args(out, data["A"]), root)
        assert done.returncode == 0, done.stderr
        assert leftovers(out) == []
        assert snapshot(out) == refs["A"]
    # The moments fell both before and after the switch (else the test proves little).
    assert seen["A"] and seen["B"] and killed >= 10, (seen, killed)
    print(f"left: {seen}, killed mid-run: {killed}, in the journal window: {journals}, "
          f"transaction: {window * 1000:.0f} ms")


def test_leftovers_of_a_killed_run_are_cleaned_by_the_next(runs):
    """What older versions and killed runs leave: temp files beside the posts and charts
    and in the chart cache, a staging folder, an unfinished journal's temp file."""
    root, data, refs, _ = runs
    out = fresh_out(runs, "leftover")
    assert run_writer(args(out, data["A"]), root).returncode == 0
    junk = [out / "_posts" / ".2025-06-09-x-zh.md.abc123.tmp",
            out / "assets" / SLUG / ".text-en.svg.999999999.0a1b.tmp",
            out / ".cache" / "charts" / ".abc.svg.999999999.0a1b.tmp",
            out / f"{publish.STAGING_PREFIX}1-dead" / "_posts" / "x.md",
            out / f"{publish.JOURNAL_NAME}.1.tmp"]
    for path in junk:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half")
    done = run_writer(args(out, data["B"]), root)
    assert done.returncode == 0, done.stderr
    assert leftovers(out) == []
    assert which_run(out, refs) == "B"


def test_a_committed_journal_is_rolled_forward(runs, tmp_path):
    """Killed between the commit point and the last rename: the next run completes it."""
    root, data, refs, _ = runs
    out = fresh_out(runs, "journal")
    assert run_writer(args(out, data["A"]), root).returncode == 0
    # Stage run B by hand exactly as commit() would, publish only its charts and English
    # post, as if killed between the renames.
    stage = out / f"{publish.STAGING_PREFIX}42-beef"
    ref = refs["B"]
    moves = []
    for name, raw in ref["charts"].items():
        (stage / "assets" / SLUG).mkdir(parents=True, exist_ok=True)
        (stage / "assets" / SLUG / name).write_bytes(raw)
        moves.append((f"{stage.name}/assets/{SLUG}/{name}", f"assets/{SLUG}/{name}"))
    for name, raw in sorted(ref["posts"].items()):
        (stage / "_posts").mkdir(parents=True, exist_ok=True)
        (stage / "_posts" / name).write_bytes(raw)
        moves.append((f"{stage.name}/_posts/{name}", f"_posts/{name}"))
    publish._write_journal(out, moves)
    publish._apply(out, moves[:-1])  # the Chinese post is the last move: not done
    with pytest.raises(AssertionError):
        which_run(out, refs)  # mixed, as a reader at that moment would see it
    # The next draft into the folder, here run A under another date (so other post paths),
    # first finishes run B.
    done = run_writer(args(out, data["A"], "--date", "2025-06-30"), root)
    assert done.returncode == 0, done.stderr
    assert leftovers(out) == []
    for path in (out / "_posts").glob("2025-06-30-*"):
        path.unlink()
    assert which_run(out, refs) == "B"


# ------------------------------------------------------------------ concurrency


def test_two_drafts_into_one_folder_never_mix(runs):
    root, data, refs, _ = runs
    for attempt in range(2):
        out = fresh_out(runs, f"concurrent{attempt}")
        procs = [subprocess.Popen([sys.executable, "-m", "writer", *args(out, data[name])],
                                  cwd=root, env=clean_env(), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for name in ("A", "B")]
        results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close(), p.stderr.close()
        for code, err in results:
            assert code in (0, 2) and "Traceback" not in err, err
            if code == 2:
                assert "another writer draft is writing into this folder" in err
        assert any(code == 0 for code, _ in results)
        assert which_run(out, refs) in ("A", "B")
        assert leftovers(out) == []


def test_a_held_lock_makes_a_second_draft_exit_2_with_one_message(runs):
    root, data, refs, _ = runs
    out = fresh_out(runs, "locked")
    with publish.locked(out):
        done = run_writer(args(out, data["A"]), root, env=clean_env(WRITER_LOCK_WAIT="0.5"))
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in done.stderr
    assert "another writer draft is writing into this folder" in errors[0]
    assert ".writer.lock" in errors[0] and "Fix:" in errors[0]
    assert not (out / "_posts").exists() and leftovers(out) == []
    # Once the lock is free, the same command runs.
    assert run_writer(args(out, data["A"]), root).returncode == 0
    assert which_run(out, refs) == "A"


# ------------------------------------------------------------------ edits are kept


def test_a_title_edit_is_not_overwritten_without_force(runs):
    root, data, refs, _ = runs
    out = fresh_out(runs, "edited")
    assert run_writer(args(out, data["A"]), root).returncode == 0
    post = next((out / "_posts").glob("*-en.md"))
    text = post.read_text(encoding="utf-8")
    edited = re.sub(r'^title: .*$', 'title: "My own title"', text, count=1, flags=re.M)
    assert edited != text and edited.split("\n---\n", 1)[1] == text.split("\n---\n", 1)[1]
    post.write_text(edited, encoding="utf-8")
    done = run_writer(args(out, data["B"]), root)
    assert done.returncode == 2, done.stderr
    assert f"{post} was edited since writer generated it" in done.stderr
    assert post.read_text(encoding="utf-8") == edited  # nothing of run B was published
    assert snapshot(out)["charts"] == refs["A"]["charts"] and leftovers(out) == []
    done = run_writer(args(out, data["B"], "--force"), root)
    assert done.returncode == 0, done.stderr
    assert which_run(out, refs) == "B"


def test_posts_of_older_versions_are_checked_by_their_body(tmp_path):
    """A post written before post_sha256 existed has only body_sha256: still protected
    when its body changed, and still replaceable when it did not."""
    from writer.post import body_hash, split_post, was_edited

    text = (Path(__file__).parent / "snapshots" / "posts" / "offline.en.md").read_text("utf-8")
    old = re.sub(r"^post_sha256: .*\n", "", text, flags=re.M)
    assert old != text
    path = tmp_path / "old.md"
    path.write_text(old, encoding="utf-8")
    assert split_post(old)[0]["body_sha256"] == body_hash(split_post(old)[1])
    assert not was_edited(path)
    path.write_text(old.replace("## ", "## Edited ", 1), encoding="utf-8")
    assert was_edited(path)
    path.write_text(text, encoding="utf-8")
    assert not was_edited(path)
    path.write_text(text.replace("tags", "tags").replace("layout: post", "layout: page"),
                    encoding="utf-8")
    assert was_edited(path)  # a front matter edit in a new post
    path.write_bytes("标题".encode("gbk"))
    assert was_edited(path)  # not UTF-8: not writer's, so not replaced without --force


# ------------------------------------------------------------------ unwritable --out


def one_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    return errors[0]


def test_out_at_a_file_exits_2_with_one_message(runs):
    root, data, _, _ = runs
    target = root / "a-file"
    target.write_text("not a folder")
    err = one_error(run_writer(args(target, data["A"]), root))
    assert str(target) in err and "--out is a file, not a folder" in err
    assert target.read_text() == "not a folder"
    err = one_error(run_writer(args(Path("/dev/full"), data["A"]), root))
    assert "/dev/full" in err and "Fix:" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_out_read_only_exits_2_with_one_message(runs):
    root, data, _, _ = runs
    out = root / "read-only"
    out.mkdir()
    out.chmod(0o555)
    try:
        err = one_error(run_writer(args(out, data["A"]), root))
    finally:
        out.chmod(0o755)
    assert "make the folder writable" in err and list(out.iterdir()) == []


@pytest.mark.parametrize("code, fix", [(28, "free some disk space"),
                                       (30, "make the folder writable")])
def test_a_full_or_read_only_disk_mid_run_leaves_nothing(runs, monkeypatch, code, fix):
    """ENOSPC or EROFS while staging (simulated: the test runs as root on a roomy disk):
    one InputError with the file and the fix, and the folder as it was."""
    from writer import pipeline
    from writer.errors import InputError
    from writer.load import load
    from writer.periods import parse_period, resolve_weeks
    from writer.prompts import load_prompts

    root, data, refs, cache = runs
    out = fresh_out(runs, f"full{code}")
    assert run_writer(args(out, data["A"]), root).returncode == 0
    before = snapshot(out)
    dataset = load(str(data["B"]), str(MODELS))
    weeks = resolve_weeks(parse_period(PERIOD), dataset.mondays)

    def full(self, rel, data):
        raise OSError(code, os.strerror(code), str(self.path(rel)))

    monkeypatch.setattr(publish.Staging, "write", full)
    with pytest.raises(InputError) as caught:
        pipeline.draft(dataset, weeks, load_prompts(None),
                       pipeline.DraftOptions(out=out, chart_cache=out / ".cache" / "charts"))
    message = caught.value.render()
    assert fix in message and publish.STAGING_PREFIX in message
    assert snapshot(out) == before and leftovers(out) == []


def test_a_journal_never_moves_files_out_of_the_folder(tmp_path):
    """Only moves from a staging folder to a path inside OUT are rolled forward."""
    out = tmp_path / "out"
    (out / f"{publish.STAGING_PREFIX}1-a").mkdir(parents=True)
    (out / f"{publish.STAGING_PREFIX}1-a" / "x.md").write_text("staged")
    (out / "victim.md").write_text("keep")
    publish._write_journal(out, [("victim.md", "../escaped.md"),
                                 (f"{publish.STAGING_PREFIX}1-a/x.md", "../escaped.md"),
                                 (f"{publish.STAGING_PREFIX}1-a/x.md", "_posts/x.md")])
    with publish.locked(out):
        publish.recover(out)
    assert not (tmp_path / "escaped.md").exists()
    assert (out / "victim.md").read_text() == "keep"
    assert (out / "_posts" / "x.md").read_text() == "staged"
    assert sorted(p.name for p in out.iterdir()) == [".writer.lock", "_posts", "victim.md"]
