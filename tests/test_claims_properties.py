"""Issue 15's property test: on drafted posts (the sample and generated platforms), three
edits an editor could make are always caught by `writer verify`:
- a model's name replaced by one the data does not know;
- a share moved to another chart's noun ("80% of audio generations" → "80% of image
  generations") where that model has no share;
- rise and fall swapped in a from→to sentence ("rose from 10% to 30%" → "fell from ...").
Each post yields every edit of each kind it allows (a line at a time), not a chosen few.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

import pytest

from writer import cli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drafting import draft_in_process, generated_platform, no_render  # noqa: E402

# seeds of tests/platforms.py whose full period drafts (a mix of full data and top-N)
SEEDS = (1, 4, 7, 9)
UNKNOWN = "Zorblax-9"


def _verify(path: Path, data: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        rc = cli.main(["verify", str(path), *data])
    return rc, out.getvalue()


def _draft(seed: int | None, tmp_path: Path, monkeypatch) -> tuple[dict[str, Path], list[str]]:
    no_render(monkeypatch)
    monkeypatch.chdir(tmp_path)
    if seed is None:
        data, period = [], "2025H1"
    else:
        data, first, last = generated_platform(seed, tmp_path)
        period = f"{first}..{last}"
    out = tmp_path / "out"
    io_err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io_err):
        rc = cli.main(["draft", "--period", period, *data, "--out", str(out), "--no-cache"])
    if rc == 2:
        pytest.skip(f"seed {seed}: the period has nothing to say ({io_err.getvalue()[-200:]})")
    assert rc == 0, io_err.getvalue()[-2000:]
    posts = {("zh" if p.name.endswith("-zh.md") else "en"): p for p in (out / "_posts").glob("*.md")}
    return posts, data


def _edits(text: str, rx: re.Pattern, make) -> list[str]:
    """Every version of `text` with one match of rx (on a bullet line) replaced."""
    out = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("- "):
            continue
        for m in rx.finditer(line):
            new = make(m)
            if new is None:
                continue
            edited = lines[:i] + [line[:m.start()] + new + line[m.end():]] + lines[i + 1:]
            out.append("\n".join(edited))
            break
    return out


def _check_all(post: Path, edits: list[str], data: list[str], tmp_path: Path, what: str) -> None:
    missed = []
    for k, text in enumerate(edits):
        path = tmp_path / f"edit-{k}" / post.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        rc, out = _verify(path, data)
        if rc != 1:
            diff = [b for a, b in zip(post.read_text(encoding="utf-8").split("\n"),
                                      text.split("\n")) if a != b]
            missed.append(diff[0] if diff else "?")
    assert not missed, f"{what}: {len(missed)} of {len(edits)} not caught:\n" + "\n".join(missed)


@pytest.mark.parametrize("seed", (None, *SEEDS))
def test_an_unknown_name_is_always_caught(seed, tmp_path, monkeypatch):
    posts, data = _draft(seed, tmp_path, monkeypatch)
    bold_name = re.compile(r"^- \*\*([^*]+)\*\*(?=[^\n]*\d)")
    for lang, post in posts.items():
        text = post.read_text(encoding="utf-8")
        edits = _edits(text, bold_name, lambda m: f"- **{UNKNOWN}**")
        assert edits, f"{lang}: no bullet with a bold name and a number"
        _check_all(post, edits, data, tmp_path, f"{lang} unknown name")


@pytest.mark.parametrize("seed", (None, *SEEDS))
def test_a_rise_said_as_a_fall_is_always_caught(seed, tmp_path, monkeypatch):
    posts, data = _draft(seed, tmp_path, monkeypatch)
    swaps = {"en": (re.compile(r"\b(rose|grew|fell) from\b"),
                    lambda m: "fell from" if m.group(1) != "fell" else "rose from"),
             "zh": (re.compile(r"从(\*\*)?[0-9.]+%(\*\*)?(升至|增至|降至|跌至)"),
                    lambda m: m.group(0)[:-2] + ("降至" if m.group(3) in ("升至", "增至")
                                                 else "升至"))}
    total = 0
    for lang, post in posts.items():
        rx, make = swaps[lang]
        edits = _edits(post.read_text(encoding="utf-8"), rx, make)
        total += len(edits)
        _check_all(post, edits, data, tmp_path, f"{lang} rise/fall swapped")
    if not total:
        pytest.skip("no from→to sentence in these posts")


def test_a_share_moved_to_another_charts_noun_is_always_caught(tmp_path, monkeypatch):
    posts, data = _draft(None, tmp_path, monkeypatch)
    nouns = {"en": ["text messages", "reasoning messages", "image generations",
                    "video generations", "audio generations"],
             "zh": ["文本消息", "推理消息", "图像生成请求", "视频生成请求", "音频生成请求"]}
    for lang, post in posts.items():
        text = post.read_text(encoding="utf-8")
        # the video and audio models are in no other chart: their share moved to text or
        # image is a share they never had
        edits = []
        for own, other in ((3, 0), (3, 2), (4, 0), (4, 2)):
            rx = re.compile(re.escape(nouns[lang][own]))
            section = re.compile(r"\{#chart-(video|audio)\}")
            lines = text.split("\n")
            chart = None
            for i, line in enumerate(lines):
                h = section.search(line)
                if line.startswith("#"):
                    chart = h.group(1) if h else None
                if chart != ("video" if own == 3 else "audio") or not line.startswith("- "):
                    continue
                if rx.search(line) and re.search(r"\*\*[0-9]", line):
                    edited = lines[:i] + [rx.sub(nouns[lang][other], line, count=1)] + \
                        lines[i + 1:]
                    edits.append("\n".join(edited))
        assert edits
        _check_all(post, edits, data, tmp_path, f"{lang} chart noun moved")
