"""Robustness (issue 13): each hostile input the issue reproduced, as a named test.

The issue tried writer as a new user would and found tracebacks, wrong exit codes, silent
damage, lost data and leaks. Every case here takes the issue's reproduction as its input
and asserts the behaviour the issue asks for:

- bad input or an unusable output path: exit 2, exactly one `error:` line naming the file
  or value, with a fix, and never a traceback (an exception escaping `writer.cli.main`);
- input that should work (a UTF-8 byte-order mark, `Text` beside `text`): exit 0;
- hostile names (Liquid, HTML, Markdown, digits): the post drafts, verifies, and carries
  the name only escaped; heading ids are ASCII slugs;
- secrets: an API key given where a variable's name belongs is never printed, and URL
  credentials never reach a file.

The kill -9, concurrency and front-matter-overwrite cases of the issue live elsewhere.

Speed: the CLI runs in-process (`writer.cli.main`) on a 12-week platform of a few bots.
Drafts with benign names stub chart rendering (as tests/test_any_platform.py does); the
drafts whose names are hostile render for real, since a name can break a chart too.
"""

from __future__ import annotations

import contextlib
import errno
import html
import io
import os
import re
import resource
import signal
import subprocess
import sys
import traceback
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import clean_env

MONDAYS = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(12)]  # all inside 2025Q1
PERIOD = "2025Q1"
DEFAULT_CATEGORIES = {"text": ["Alpha", "Beta", "Gamma"], "image": ["Pix", "Brush", "Dot"]}
STUB_SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>'

# A fix reads as an instruction; these are the verbs and phrases writer's messages use.
FIX = re.compile(r"\b(use|write|give|pass|choose|rename|remove|delete|save|set|pick|try|"
                 r"move|convert|re-?encode|free|make|add|run|check|point|name|e\.g\.|"
                 r"instead|--force|--out)\b", re.I)
ERROR_LINE = re.compile(r"^(?:writer[\w -]*: )?error:", re.M)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


@dataclass
class Run:
    rc: int | None
    out: str
    err: str
    tb: str

    def errors(self) -> list[str]:
        return [line for line in self.err.splitlines() if ERROR_LINE.match(line)]

    def show(self) -> str:
        return f"exit {self.rc}\n--- stdout\n{self.out}\n--- stderr\n{self.err}\n{self.tb}"


def cli(*argv: str) -> Run:
    """`writer.cli.main(argv)` in-process: exit code, stdout, stderr, traceback or ''."""
    from writer import cli as cli_module

    out, err = io.StringIO(), io.StringIO()
    rc, tb = None, ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = cli_module.main([str(a) for a in argv])
        except SystemExit as exc:  # argparse
            rc = exc.code if isinstance(exc.code, int) else 2
        except BaseException:  # noqa: BLE001 - any escape is a traceback the user would see
            tb = traceback.format_exc()
    return Run(rc, out.getvalue(), err.getvalue(), tb)


def assert_input_error(run: Run, *mentions: str) -> str:
    """Exit 2, one `error:` line, no traceback; the message names each of `mentions` and
    says what to do. Returns the message."""
    assert not run.tb, f"traceback escaped writer.cli.main:\n{run.show()}"
    assert "Traceback (most recent call last)" not in run.err, run.show()
    assert run.rc == 2, f"expected exit 2 (input error):\n{run.show()}"
    errors = run.errors()
    assert len(errors) == 1, f"expected exactly one error: line:\n{run.show()}"
    message = run.err[run.err.index(errors[0]):]
    for mention in mentions:
        assert mention in message, f"the error does not name {mention!r}:\n{run.show()}"
    assert FIX.search(message.split("error:", 1)[1]), f"the error gives no fix:\n{run.show()}"
    return message


def assert_ok(run: Run) -> None:
    assert not run.tb, f"traceback escaped writer.cli.main:\n{run.show()}"
    assert run.rc == 0, f"expected exit 0:\n{run.show()}"


def count(i: int, j: int) -> int:
    """Bot j's messages in week i: a leader in decline, a climber, a launch in week 4."""
    if j == 0:
        return 5000 - 300 * i
    if j == 1:
        return 1000 + 400 * i
    if j == 2:
        return 0 if i < 4 else 900 * (i - 4)
    return 500 + 10 * j


def write_platform(folder: Path, categories: dict[str, list[str]] | None = None,
                   families: dict[str, str] | None = None, counts=count,
                   bom: bool = False) -> tuple[Path, Path]:
    """usage.csv + models.csv by the README's data contract; returns their paths."""
    categories = categories or DEFAULT_CATEGORIES
    families = families or {}
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["week,category,bot,messages,reasoning,trigger"]
    for i, monday in enumerate(MONDAYS):
        for category, bots in categories.items():
            for j, bot in enumerate(bots):
                rows.append(f"{monday},{_cell(category)},{_cell(bot)},{counts(i, j)},false,user")
    usage = folder / "usage.csv"
    usage.write_text(("\ufeff" if bom else "") + "\n".join(rows) + "\n", encoding="utf-8")
    reg = ["bot,family,provider,released"]
    seen = set()
    for bots in categories.values():
        for j, bot in enumerate(bots):
            if bot in seen:
                continue
            seen.add(bot)
            released = MONDAYS[4].isoformat() if j == 2 else ""
            reg.append(f"{_cell(bot)},{_cell(families.get(bot, bot))},Lab {chr(65 + j)},"
                       f"{released}")
    models = folder / "models.csv"
    models.write_text("\n".join(reg) + "\n", encoding="utf-8")
    return usage, models


def _cell(text: str) -> str:
    if any(c in text for c in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A clean working folder (no writer.toml of the developer's) and no LLM settings."""
    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith(("WRITER_", "OPENAI_", "POE_")):
            monkeypatch.delenv(key)
    return tmp_path


@pytest.fixture
def stub_charts(monkeypatch):
    """Rendering is most of a draft's time and says nothing about words or numbers."""
    from writer import charts

    def render(jobs, scale, workers):
        return lambda: [(STUB_SVG, b"\x89PNG stub" if png else None) for _spec, png in jobs]

    monkeypatch.setattr(charts, "_start_many", render)
    monkeypatch.setattr(charts, "start_renderer", lambda cache: None)


@pytest.fixture
def platform(workdir) -> tuple[Path, Path]:
    return write_platform(workdir / "data")


def data_args(usage: Path, models: Path) -> list[str]:
    return ["--data", str(usage), "--models", str(models)]


def draft(usage: Path, models: Path, out: Path, *more: str) -> Run:
    return cli("draft", "--period", PERIOD, *data_args(usage, models), "--out", str(out), *more)


def posts(out: Path) -> list[Path]:
    return sorted((out / "_posts").glob("*.md"))


def body(post: Path) -> str:
    text = post.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def outside_raw(text: str) -> str:
    """The text Liquid would evaluate: everything outside {% raw %}...{% endraw %}."""
    return re.sub(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", "", text, flags=re.S)


def heading_ids(text: str) -> list[str]:
    return re.findall(r"^#+ .*\{#([^}]*)\}\s*$", text, flags=re.M)


def draft_and_verify(usage: Path, models: Path, out: Path) -> list[Path]:
    """Draft (exit 0) and verify both posts as a pair (exit 0); returns the posts."""
    run = draft(usage, models, out, "--no-cache")
    assert_ok(run)
    written = posts(out)
    assert len(written) == 2, run.show()
    check = cli("verify", *written, *data_args(usage, models))
    assert_ok(check)
    return written


# ---------------------------------------------------------------------------------------
# Tracebacks
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["shares", "findings", "draft", "verify"])
def test_period_0000_is_exit_2_for_every_command(command, platform, workdir):
    usage, models = platform
    if command == "shares":
        run = cli("shares", "--chart", "text", "--period", "0000", *data_args(usage, models))
    elif command == "findings":
        run = cli("findings", "--period", "0000", *data_args(usage, models))
    elif command == "draft":
        run = cli("draft", "--period", "0000", *data_args(usage, models),
                  "--out", workdir / "out")
    else:
        post = workdir / "post.md"
        post.write_text('---\nperiod: "2025Q1"\nlang: en\n---\nHello.\n', encoding="utf-8")
        run = cli("verify", post, *data_args(usage, models), "--period", "0000")
    assert_input_error(run, "0000")


def test_draft_out_at_a_file_is_an_input_error(platform, workdir, stub_charts):
    usage, models = platform
    target = workdir / "notes.txt"
    target.write_text("mine\n", encoding="utf-8")
    assert_input_error(draft(usage, models, target), str(target))
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_draft_out_at_dev_full_is_an_input_error(platform, stub_charts):
    usage, models = platform
    assert_input_error(draft(usage, models, Path("/dev/full")), "/dev/full")


def _refuse_writes_under(monkeypatch, root: Path, code: int) -> None:
    """The kernel's answer for a read-only mount (EROFS) or a full disk (ENOSPC), at every
    place Python creates a file or folder under `root` (running as root, chmod cannot make
    a folder read-only, and a test must not mount file systems)."""
    root = os.path.realpath(root)
    real_open, real_mkdir, real_io_open = os.open, os.mkdir, io.open

    def under(path) -> bool:
        try:
            return os.path.realpath(os.fspath(path)).startswith(root)
        except TypeError:  # a file descriptor
            return False

    def refuse(path):
        raise OSError(code, os.strerror(code), os.fspath(path))

    def fake_os_open(path, flags, *a, **kw):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and under(path):
            refuse(path)
        return real_open(path, flags, *a, **kw)

    def fake_mkdir(path, *a, **kw):
        if under(path) and not os.path.isdir(path):
            refuse(path)
        return real_mkdir(path, *a, **kw)

    def fake_io_open(file, mode="r", *a, **kw):
        if any(m in mode for m in "wax+") and under(file):
            refuse(file)
        return real_io_open(file, mode, *a, **kw)

    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)
    monkeypatch.setattr(io, "open", fake_io_open)
    monkeypatch.setattr("builtins.open", fake_io_open)


def test_draft_out_on_a_read_only_mount_is_an_input_error(platform, workdir, stub_charts,
                                                          monkeypatch):
    usage, models = platform
    mount = workdir / "ro"
    mount.mkdir()
    _refuse_writes_under(monkeypatch, mount, errno.EROFS)
    assert_input_error(draft(usage, models, mount / "out"), str(mount / "out"))


def test_draft_out_on_a_full_disk_is_an_input_error_and_leaves_no_charts(platform, workdir):
    """A real process whose writes fail past 8 kB (RLIMIT_FSIZE, the per-process form of
    a full disk): exit 2 with one message, and no chart or post of the failed run stands."""
    usage, models = platform
    out = workdir / "out"

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    proc = subprocess.run(
        [sys.executable, "-m", "writer", "draft", "--period", PERIOD,
         *data_args(usage, models), "--out", str(out), "--no-cache"],
        cwd=workdir, env=clean_env(PYTHONDONTWRITEBYTECODE="1"), capture_output=True,
        text=True, timeout=300, preexec_fn=small_disk)
    assert_input_error(Run(proc.returncode, proc.stdout, proc.stderr, ""), str(out))
    left = [p for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts
            and not p.name.endswith(".lock")] if out.exists() else []  # a lock may stay
    assert left == [], f"a failed draft left files behind: {left}"


def test_top_ten_in_writer_toml_is_an_input_error(platform, workdir, stub_charts):
    usage, models = platform
    (workdir / "writer.toml").write_text("[post]\ntop = 'ten'\n", encoding="utf-8")
    message = assert_input_error(draft(usage, models, workdir / "out"), "ten")
    assert "top" in message


def test_category_named_site_title_liquid_is_drafted_escaped(workdir):
    name = "{{ site.title }}"
    usage, models = write_platform(workdir / "data", {"text": ["Alpha", "Beta", "Gamma"],
                                                       name: ["Pix", "Brush", "Dot"]})
    for post in draft_and_verify(usage, models, workdir / "out"):
        assert name not in outside_raw(body(post)), f"{post.name} lets Liquid run {name}"
        assert all(SLUG.match(i) for i in heading_ids(body(post))), heading_ids(body(post))


def _events_csv(path: Path, stamps: list[str]) -> Path:
    lines = ["ts,bot,category,reasoning_tokens"]
    for k, ts in enumerate(stamps):
        for bot in ("Alpha", "Beta"):
            lines.extend([f"{ts},{bot},text,0"] * (k + 1 + (bot == "Beta")))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_aggregate_of_1970_and_2262_then_draft_never_tracebacks(workdir):
    """Renders for real: a chart of 15,000 weeks is part of the case."""
    events = _events_csv(workdir / "events.csv",
                         ["1970-01-01T12:00:00", "1970-01-08T12:00:00",
                          "2262-03-31T12:00:00", "2262-04-07T12:00:00"])
    usage = workdir / "usage.csv"
    agg = cli("aggregate", events, "--out", usage)
    assert not agg.tb, agg.show()
    if agg.rc == 2:  # refusing dates the share engine cannot hold is a fine answer
        assert_input_error(agg, "events.csv")
        return
    assert_ok(agg)
    run = cli("draft", "--period", "1969-12-29..2262-04-07", "--data", usage,
              "--out", workdir / "out", "--no-cache")
    assert not run.tb, run.show()
    if run.rc != 0:
        assert_input_error(run)
        return
    assert_ok(cli("verify", *posts(workdir / "out"), "--data", usage))


@pytest.fixture
def drafted(platform, workdir, stub_charts) -> tuple[Path, Path, Path, list[Path]]:
    """An offline draft of the platform: (usage, models, out, [en post, zh post])."""
    usage, models = platform
    out = workdir / "out"
    run = draft(usage, models, out)
    assert_ok(run)
    return usage, models, out, posts(out)


def _zh(written: list[Path]) -> Path:
    return next(p for p in written if p.name.endswith("-zh.md"))


@pytest.mark.parametrize("kind", ["gbk", "binary", "folder"])
def test_draft_over_an_unreadable_post_is_an_input_error(kind, drafted):
    usage, models, out, written = drafted
    post = _zh(written)
    if kind == "gbk":
        post.write_bytes(post.read_text(encoding="utf-8").replace("\u2014", "-")
                         .encode("gbk", errors="replace"))
    elif kind == "binary":
        post.write_bytes(bytes(range(256)) * 4)
    else:
        post.unlink()
        post.mkdir()
    before = post.read_bytes() if post.is_file() else None
    assert_input_error(draft(usage, models, out), post.name)
    if before is not None:
        assert post.read_bytes() == before, "the unreadable post was overwritten"


@pytest.mark.parametrize("kind", ["gbk", "utf-16", "binary"])
def test_verify_on_a_non_utf8_post_is_an_input_error(kind, drafted):
    usage, models, _out, written = drafted
    post = _zh(written)
    text = post.read_text(encoding="utf-8")
    if kind == "gbk":
        post.write_bytes(text.encode("gbk", errors="replace"))
    elif kind == "utf-16":
        post.write_bytes(text.encode("utf-16"))
    else:
        post.write_bytes(bytes(range(256)) * 4)
    message = assert_input_error(cli("verify", post, *data_args(usage, models)), post.name)
    assert "UTF-8" in message or "utf-8" in message


def test_eval_out_at_a_file_is_an_input_error(platform, workdir, fake_openai, monkeypatch):
    usage, models = platform
    server = fake_openai()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    target = workdir / "report.txt"
    target.write_text("mine\n", encoding="utf-8")
    run = cli("eval", "--period", PERIOD, *data_args(usage, models), "--base-url",
              server.base_url, "--model", "m", "--runs", "1", "--lang", "en",
              "--out", target)
    assert_input_error(run, str(target))
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_preview_out_at_a_folder_is_an_input_error(drafted):
    _usage, _models, out, written = drafted
    folder = out / "html"
    folder.mkdir()
    assert_input_error(cli("preview", written[0], "--out", folder), str(folder))


# ---------------------------------------------------------------------------------------
# Wrong exit code or silent damage
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9223372036854775808", "1e23"])
def test_messages_beyond_int64_is_an_input_error(value, workdir):
    usage, models = write_platform(workdir / "data")
    lines = usage.read_text(encoding="utf-8").splitlines()
    week, category, bot, _n, *rest = lines[5].split(",")
    lines[5] = ",".join([week, category, bot, value, *rest])
    usage.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = assert_input_error(cli("findings", "--period", PERIOD, *data_args(usage, models)),
                                 "usage.csv", value)
    assert "row 6" in message  # as a spreadsheet shows it: the header is row 1


def test_two_bots_at_5e18_is_an_input_error_not_a_wrap(workdir):
    usage, models = write_platform(
        workdir / "data", counts=lambda i, j: 5_000_000_000_000_000_000 if j < 2 else 10)
    message = assert_input_error(
        cli("shares", "--chart", "text", "--period", PERIOD, *data_args(usage, models)),
        "usage.csv")
    assert "messages" in message


def test_category_named_reasoning_is_refused_with_the_fix(workdir):
    usage, models = write_platform(workdir / "data", {"text": ["Alpha", "Beta", "Gamma"],
                                                       "reasoning": ["Pix", "Brush", "Dot"]})
    assert_input_error(cli("findings", "--period", PERIOD, *data_args(usage, models)),
                       "reasoning", "usage.csv")


def test_category_named_other_is_refused_with_the_fix(workdir):
    usage, models = write_platform(workdir / "data", {"text": ["Alpha", "Beta", "Gamma"],
                                                       "Other": ["Pix", "Brush", "Dot"]})
    assert_input_error(cli("findings", "--period", PERIOD, *data_args(usage, models)),
                       "Other", "usage.csv")


def test_category_Text_beside_text_is_one_chart_with_a_warning(workdir):
    usage, models = write_platform(workdir / "data", {"text": ["Alpha", "Beta", "Gamma"],
                                                       "Text": ["Pix", "Brush", "Dot"]})
    run = cli("shares", "--chart", "text", "--period", PERIOD, "--format", "json",
              *data_args(usage, models))
    assert_ok(run)
    assert any(line.startswith("warning:") and "Text" in line for line in run.err.splitlines()), \
        f"no warning that 'Text' was read as 'text':\n{run.show()}"
    import json

    columns = set(json.loads(run.out)["weeks"][0])
    assert {"Alpha", "Beta", "Pix", "Brush"} <= columns, columns


@pytest.mark.parametrize("top", ["0", "-1"])
@pytest.mark.parametrize("command", ["draft", "shares"])
def test_top_zero_or_negative_is_an_input_error(command, top, platform, workdir, stub_charts):
    usage, models = platform
    if command == "draft":
        run = draft(usage, models, workdir / "out", "--top", top)
    else:
        run = cli("shares", "--chart", "text", "--period", PERIOD, "--top", top,
                  *data_args(usage, models))
    message = assert_input_error(run, "--top")
    assert top in message
    assert not (workdir / "out" / "_posts").exists()


EMPTY_LIST = re.compile(r"across\s*,|across\s*from|\(\s*\)|,\s*,|:\s*\.")


@pytest.mark.parametrize("case", ["all-zero", "2000-equal-bots"])
def test_degenerate_data_never_drafts_an_empty_post(case, workdir, stub_charts):
    if case == "all-zero":
        usage, models = write_platform(workdir / "data", counts=lambda i, j: 0)
    else:
        bots = [f"Bot {k:04d}" for k in range(2000)]
        usage, models = write_platform(workdir / "data", {"text": bots},
                                       counts=lambda i, j: 100)
    run = draft(usage, models, workdir / "out")
    assert not run.tb, run.show()
    if run.rc == 2:
        assert_input_error(run)
        return
    assert_ok(run)
    for post in posts(workdir / "out"):
        text = body(post)
        assert not EMPTY_LIST.search(text), \
            f"{post.name} lists nothing: {EMPTY_LIST.search(text).group(0)!r}"


def test_verify_accepts_a_post_starting_with_a_bom(drafted):
    usage, models, _out, written = drafted
    for post in written:
        post.write_bytes(b"\xef\xbb\xbf" + post.read_bytes())
    assert_ok(cli("verify", *written, *data_args(usage, models)))


def test_aggregate_accepts_a_csv_with_a_bom(workdir):
    events = _events_csv(workdir / "events.csv", ["2025-01-07T10:00:00", "2025-01-14T10:00:00"])
    events.write_bytes(b"\xef\xbb\xbf" + events.read_bytes())
    run = cli("aggregate", events, "--out", workdir / "usage.csv")
    assert_ok(run)
    assert (workdir / "usage.csv").read_text(encoding="utf-8").startswith("week,")


def test_usage_csv_with_a_bom_is_accepted(workdir):
    usage, models = write_platform(workdir / "data", bom=True)
    assert_ok(cli("findings", "--period", PERIOD, *data_args(usage, models)))


HOSTILE_FAMILIES = ["Kling-2.0 & Co", "Kling<2>", "{{ evil }}",
                    "Runway{{ 7 | times: 6 }}<script>alert(1)</script>|*x*"]


@pytest.mark.parametrize("family", HOSTILE_FAMILIES)
def test_hostile_family_name_drafts_and_verifies(family, workdir):
    """The family is the climber (a finding's subject), so its name is in the prose."""
    usage, models = write_platform(workdir / "data", families={"Beta": family})
    written = draft_and_verify(usage, models, workdir / "out")
    en = body(written[0])
    shown = html.unescape(en.replace('{{ "{{" }}', "{{")).replace("\\", "")
    assert family in shown, f"the family is not named in the post, so nothing was tested:\n{en}"
    assert "<script>" not in en and "{{ evil }}" not in outside_raw(en)
    assert "{{ 7" not in outside_raw(en)


# ---------------------------------------------------------------------------------------
# Data lost
# ---------------------------------------------------------------------------------------


def test_preview_onto_its_own_post_is_refused(drafted):
    _usage, _models, _out, written = drafted
    post = written[0]
    before = post.read_bytes()
    assert_input_error(cli("preview", post, "--out", post), post.name)
    assert post.read_bytes() == before


def test_aggregate_onto_its_own_input_is_refused(workdir):
    import pandas as pd

    raw = workdir / "events.parquet"
    frame = pd.DataFrame({"ts": pd.to_datetime(["2025-01-07T10:00:00", "2025-01-14T10:00:00"]),
                          "bot": ["Alpha", "Beta"], "category": ["text", "text"],
                          "reasoning_tokens": [0, 5]})
    frame.to_parquet(raw)
    before = raw.read_bytes()
    assert_input_error(cli("aggregate", raw, "--out", raw), raw.name)
    assert raw.read_bytes() == before, "the raw log was replaced by its aggregate"


# ---------------------------------------------------------------------------------------
# Injection and secrets
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "music} {#x"])
def test_category_named_script_is_escaped_in_heading_id(name, workdir):
    usage, models = write_platform(workdir / "data", {"text": ["Alpha", "Beta", "Gamma"],
                                                       name: ["Pix", "Brush", "Dot"]})
    for post in draft_and_verify(usage, models, workdir / "out"):
        text = body(post)
        ids = heading_ids(text)
        assert len(ids) >= 2, f"{post.name}: expected a heading per chart, got ids {ids}"
        assert all(SLUG.match(i) for i in ids), f"{post.name}: heading ids {ids}"
        assert "x" not in ids, f"{post.name}: the name replaced a heading id"
        assert "<script>" not in text, f"{post.name} carries the name as markup"


def test_api_key_given_as_api_key_env_is_never_printed(platform, workdir):
    usage, models = platform
    key = "sk-proj-Zq8uXw3R7tLk2Pv9Hn4Bc6Md1Fy5Gs0J"
    run = draft(usage, models, workdir / "out", "--llm", "openai", "--model", "m",
                "--base-url", "http://127.0.0.1:9/v1", "--api-key-env", key)
    assert_input_error(run, "--api-key-env")
    assert key not in run.out + run.err
    assert key[:12] not in run.out + run.err, "a prefix long enough to identify the key leaked"


def test_base_url_credentials_never_reach_modes_json(platform, workdir, fake_openai,
                                                     monkeypatch):
    usage, models = platform
    server = fake_openai()
    secret = "Kx7secretPASSWORD42"
    url = server.base_url.replace("http://", f"http://user:{secret}@")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    out = workdir / "out"
    run = draft(usage, models, out, "--llm", "openai", "--model", "m", "--base-url", url,
                "--repair", "0")
    assert not run.tb, run.show()
    assert run.rc in (0, 1, 2), run.show()
    assert secret not in run.out + run.err, "the URL's password was printed"
    written = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.name == "modes.json" for p in written) or run.rc != 0, \
        f"modes.json was not written, so this test checked nothing: {written}"
    for path in written:
        assert secret.encode() not in path.read_bytes(), f"{path} holds the URL's password"


@pytest.mark.parametrize("argv", [
    ("verify", "\x00"),  # found by test_fuzz_cli: open() raised ValueError
    ("draft", "--period", "2025H1", "--out", "out\x00"),
    ("shares", "--chart", "text", "--period", "2025\x00H1"),
])
def test_a_nul_byte_in_any_argument_is_exit_2(argv, workdir):
    assert_input_error(cli(*argv), "NUL")
