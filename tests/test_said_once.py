"""Said once (issue 16): no sentence, heading or takeaway twice in a post, and no two periods
share a conclusion, on the sample's periods and on a generated platform.

A highlight, an alt text and a bullet may cite the same fact, in different words; the same
words twice read as filler to an editor.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drafting import charts_not_rendered  # noqa: E402
from drafting import draft_in_process as _draft, generated_platform  # noqa: E402
from drafting import no_render as _no_render  # noqa: E402

SAMPLE_PERIODS = ("2025H1", "2025Q2", "2025-03")


def sentences(post: str) -> list[str]:
    """The body's sentences, headings, bullets, takeaways and alt texts; footnotes left out
    (their method lines are a list of definitions, not prose)."""
    body = post.split("\n---\n", 1)[1]
    out = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(("[^", "* content", "{:", "<style")):
            continue
        line = re.sub(r"\]\(\{\{.*?\}\}\)$", "", line)  # an image: keep its alt text
        line = re.sub(r"\[\^\d+\]|\{#[^}]*\}", "", line)
        line = re.sub(r"^(?:[-#>]+|!\[|📌)\s*", "", line)
        for part in re.split(r"(?<=[。！？])|(?<=[.!?])\s+", line):
            part = part.replace("**", "").strip(" *")
            if len(part) > 12:
                out.append(part)
    return out


def conclusion(post: str) -> str:
    m = re.search(r"^## (?:Conclusion|结语)\n\n(.+?)\n", post, re.M)
    assert m, "no conclusion"
    # the period's own phrase differs by construction: compare what is said around it
    return m.group(1)


def _repeats(post: str) -> list[tuple[str, int]]:
    return [(s, n) for s, n in collections.Counter(sentences(post)).items() if n > 1]


@pytest.fixture(scope="module")
def sample_posts(tmp_path_factory):
    root = tmp_path_factory.mktemp("said-once")
    with charts_not_rendered():
        return {p: _draft(["draft", "--period", p, "--out", str(root / p), "--no-cache"])
                for p in SAMPLE_PERIODS}


@pytest.mark.parametrize("period", SAMPLE_PERIODS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_sentence_heading_or_takeaway_twice_in_a_sample_post(sample_posts, period, lang):
    post = sample_posts[period][lang]
    assert len(sentences(post)) > 20  # the splitter reads the post, not an empty shell
    assert _repeats(post) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_two_periods_share_a_conclusion_or_a_takeaway_list(sample_posts, lang):
    ends = {p: conclusion(sample_posts[p][lang]) for p in SAMPLE_PERIODS}
    assert len(set(ends.values())) == len(ends), ends
    take = {p: tuple(ln for ln in sample_posts[p][lang].splitlines() if ln.startswith("📌"))
            for p in SAMPLE_PERIODS}
    assert len(set(take.values())) == len(take)


@pytest.mark.parametrize("seed", [0, 7, 21])
def test_no_repeats_on_a_generated_platform(seed, tmp_path, monkeypatch):
    _no_render(monkeypatch)
    monkeypatch.chdir(tmp_path)
    data, first, last = generated_platform(seed, tmp_path)
    argv = ["draft", "--period", f"{first}..{last}", *data, "--out", str(tmp_path / "out"),
            "--no-cache", "--platform", "Acme", "--unit", "tokens"]
    for lang, post in _draft(argv).items():
        assert _repeats(post) == [], lang


def test_the_splitter_finds_a_repeat():
    post = "---\nx: 1\n---\n- **A** rose to 5% of text.\n\n- **A** rose to 5% of text.\n"
    assert _repeats(post) == [("A rose to 5% of text.", 2)]
