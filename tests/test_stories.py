"""The stories an analyst leads with are in the 2025H1 post (issue 16), each found by its
finding and told in a sentence of its own in both languages.

The findings come from the data (writer.findings); this test pins that the section plan
tells them: a story the findings hold and the post leaves out is a post an editor must
rewrite.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from writer import pipeline
from writer.load import load
from writer.periods import parse_period, resolve_weeks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drafting import charts_not_rendered, draft_in_process  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# (kind, chart, subject): the list, and the words each sentence must hold per language
STORIES = [
    (("peak_decline", "text", "DeepSeek-R1"), {"en": r"peaked at", "zh": r"峰值"}),
    (("succession", "text", "Claude-3.7-Sonnet"),
     {"en": r"taking over from Claude-3\.5-Sonnet", "zh": r"取代前代的Claude-3\.5-Sonnet"}),
    (("succession", "reasoning", "o3"), {"en": r"taking over from o1", "zh": r"取代前代的o1"}),
    (("succession", "reasoning", "o4-mini"),
     {"en": r"taking over from o3", "zh": r"取代前代的o3"}),
    (("small_share", "reasoning", "reasoning"),
     {"en": r"stayed small", "zh": r"份额始终很小"}),
    (("steady", "video", "Veo-2"), {"en": r"stayed at", "zh": r"稳定在"}),
    (("leader", "image", "FLUX"), {"en": r"still led image generations", "zh": r"仍领跑"}),
    (("leader", "text", "GPT-4o"), {"en": r"led text messages", "zh": r"领跑文本消息"}),
]


@pytest.fixture(scope="module")
def told(tmp_path_factory):
    with charts_not_rendered():
        posts = draft_in_process(["draft", "--period", "2025H1", "--no-cache",
                                  "--out", str(tmp_path_factory.mktemp("stories"))])
    data = load(ROOT / "data" / "usage.csv", ROOT / "data" / "models.csv")
    weeks = resolve_weeks(parse_period("2025H1"), sorted({w.date() for w in data.usage["week"]}))
    findings = pipeline.analyse(data, weeks).findings
    return posts, findings


def _cited(post: str) -> set[str]:
    line = next(ln for ln in post.splitlines() if ln.startswith("facts: ["))
    return {f.split(".")[0] for f in line[len("facts: ["):-1].split(", ")}


@pytest.mark.parametrize("story,words", STORIES, ids=[" ".join(s[0]) for s in STORIES])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_story_is_told(told, story, words, lang):
    posts, findings = told
    kind, chart, subject = story
    matches = [f for f in findings if (f.kind, f.chart, f.subject) == story]
    assert matches, f"the findings no longer hold {story}"
    finding = matches[0]
    post = posts[lang]
    assert finding.id in _cited(post), f"{finding.id} ({' '.join(story)}) is not cited"
    section = post[post.index(f"{{#chart-{chart}}}"):]
    section = section[:section.find("\n## ")]
    # the line that tells it names the subject (a small-launch line names the launches)
    named = "Grok-3" if kind == "small_share" else subject
    lines = [ln for ln in section.splitlines() if not ln.startswith("![") and named in ln]
    assert any(re.search(words[lang], ln) for ln in lines), (story, lang, lines)
