"""A native reader's checklist for the Chinese post (issue 16), applied to the sample's
periods and to generated platforms with Chinese display names.

Each rule is what a Chinese editor would mark in red on a draft: English words where the
registry gives Chinese ones, a space before a bold number, durations in characters next to
digits, code font, ASCII punctuation beside Chinese, bunched footnote markers, more than one
noun for one chart.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drafting import (  # noqa: E402
    charts_not_rendered, draft_in_process, generated_platform, no_render)

CJK = r"[\u4e00-\u9fff]"
RULES = {
    "a space before or after a bold number": rf"{CJK}\s+\*\*[约\d]|\d%?\*\*\s+{CJK}",
    "a duration in characters (digits everywhere, as 12周)": r"[二三四五六七八九十两]+周",
    "code font in Chinese prose": r"`",
    "an English unit word": r"(?i)\b(?:messages?|generations?|requests?|subscribers?)\b",
    "Other in English (the charts say 其他)": r"\bOthers?\b",
    "ASCII punctuation beside Chinese": rf"{CJK}[,;:!?]|[,;:!?] ?{CJK}|{CJK}\(|\){CJK}",
    "a space between Chinese and Latin": rf"{CJK} [A-Za-z0-9]|[A-Za-z0-9%] {CJK}",
    "footnote markers bunched together": r"\[\^\d+\]\s+\[\^\d+\]",
}


def prose(post: str) -> list[tuple[int, str]]:
    """(line number, text) of the body, without Markdown syntax the reader never sees."""
    head, body = post.split("\n---\n", 1)
    first = head.count("\n") + 3
    out = []
    for i, line in enumerate(body.splitlines()):
        if not line.strip() or line.startswith(("* content", "{:toc}")):
            continue
        line = re.sub(r"\]\(\{\{.*?\}\}\)$", "]", line)  # an image's target
        line = re.sub(r"\{#[^}]*\}|^\[\^\d+\]: ", "", line)  # heading ids, footnote labels
        out.append((first + i, line))
    return out


def problems(post: str) -> list[str]:
    found = []
    for n, line in prose(post):
        for rule, rx in RULES.items():
            m = re.search(rx, line)
            if m:
                found.append(f"line {n}: {rule}: …{line[max(0, m.start() - 12):m.end() + 12]}…")
    return found


@pytest.fixture(scope="module")
def sample_zh(tmp_path_factory):
    root = tmp_path_factory.mktemp("zh")
    with charts_not_rendered():
        return {p: draft_in_process(["draft", "--period", p, "--out", str(root / p),
                                     "--no-cache", "--lang", "zh"])["zh"]
                for p in ("2025H1", "2025Q2", "2025-03")}


@pytest.mark.parametrize("period", ["2025H1", "2025Q2", "2025-03"])
def test_the_sample_posts_pass_the_checklist(sample_zh, period):
    assert problems(sample_zh[period]) == []


def test_providers_charts_and_the_long_tail_have_one_chinese_name(sample_zh):
    post = sample_zh["2025H1"]
    assert "快手" in post and "Kuaishou" not in post  # the registry's provider_zh
    assert "“其他”" in post
    audio = post[post.index("{#chart-audio}"):post.index("## 结语")]
    assert "音频生成" in audio and not re.search("语音生成|语音合成", audio)  # one noun a chart


@pytest.mark.parametrize("seed", [3, 11, 42])
def test_generated_platforms_pass_the_checklist(seed, tmp_path, monkeypatch):
    no_render(monkeypatch)
    monkeypatch.chdir(tmp_path)
    data, first, last = generated_platform(seed, tmp_path)
    folder = tmp_path / f"p{seed}"
    argv = ["draft", "--period", f"{first}..{last}", "--lang", "zh", *data,
            "--out", str(folder / "out"), "--no-cache", "--platform", "Acme", "--unit", "tokens"]
    post = draft_in_process(argv)["zh"]
    assert problems(post) == []
    with open(folder / "models.csv", encoding="utf-8", newline="") as f:
        named = {(r["provider"], r["provider_zh"]) for r in csv.DictReader(f)
                 if r.get("provider_zh") and r["provider_zh"] != r["provider"]}
    for provider, zh in named:  # a provider with a Chinese name is never told in English
        assert f"{provider}旗下" not in post, (provider, zh)


def test_the_checklist_catches_what_a_reader_would():
    bad = ("---\nlang: zh\n---\n- **快手**旗下模型 Kling升至 **30%**，持续了三周。\n"
           "计入“Other”，见 `animate_button`[^1] [^2]\n")
    rules = {p.split(": ", 2)[1] for p in problems(bad)}
    assert rules == {"a space before or after a bold number",
                     "a duration in characters (digits everywhere, as 12周)",
                     "code font in Chinese prose", "Other in English (the charts say 其他)",
                     "a space between Chinese and Latin", "footnote markers bunched together"}
