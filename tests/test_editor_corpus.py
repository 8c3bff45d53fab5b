"""Issue 15, acceptance item 1: an editor's corpus of single-claim edits to the drafted sample
posts (tests/editor_corpus.py), each verified alone. At least 98% of false edits must be caught
(exit 1) and at least 98% of true paraphrases accepted (exit 0). The measured rates and every
miss are written by bench/editor_corpus.py to bench/results/editor-corpus.md."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import editor_corpus as corpus  # noqa: E402
from drafting import charts_not_rendered, draft_in_process  # noqa: E402

CATCH, ACCEPT = 0.98, 0.98


@pytest.fixture(scope="module")
def posts(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    with charts_not_rendered():
        draft_in_process(["draft", "--period", "2025H1", "--no-cache", "--out", str(out)])
    return {p.name[-5:-3]: p for p in (out / "_posts").glob("*.md")}


def test_the_corpus_has_the_size_the_issue_asks_for():
    false = [e for e in corpus.EDITS if not e.backed]
    true = [e for e in corpus.EDITS if e.backed]
    assert len(false) >= 300 and len(true) >= 100, (len(false), len(true))
    per_kind = Counter((e.kind, e.lang) for e in false)
    short = {(k, lang): per_kind[(k, lang)] for k in corpus.KINDS for lang in ("en", "zh")
             if per_kind[(k, lang)] == 0}
    assert not short, f"kinds without false edits in a language: {short}"
    assert all(per_kind[(k, "en")] + per_kind[(k, "zh")] >= 20 for k in corpus.KINDS), per_kind
    assert {e.kind for e in true} == set(corpus.KINDS)
    assert len(set(corpus.EDITS)) == len(corpus.EDITS), "an edit is listed twice"
    assert all(e.why.strip() for e in corpus.EDITS)


def test_every_edit_still_applies_to_the_drafted_posts(posts):
    """A stale corpus fails loudly: each `find` occurs exactly once in its post."""
    texts = {lang: p.read_text(encoding="utf-8") for lang, p in posts.items()}
    stale = []
    for edit in corpus.EDITS:
        try:
            edited = corpus.apply(edit, texts[edit.lang])
        except corpus.StaleEdit as e:
            stale.append(str(e))
            continue
        assert edited != texts[edit.lang]
    assert not stale, "\n".join(stale)


def test_the_unedited_posts_verify(posts, tmp_path):
    for path in posts.values():
        rc, out = corpus.verify(path)
        assert rc == 0, out


def test_verify_catches_false_edits_and_accepts_true_paraphrases(posts, tmp_path):
    outcomes = corpus.measure(posts, tmp_path)
    false = [o for o in outcomes if not o.edit.backed]
    true = [o for o in outcomes if o.edit.backed]
    caught = sum(o.ok for o in false) / len(false)
    accepted = sum(o.ok for o in true) / len(true)
    misses: dict[str, list[str]] = {}
    for o in outcomes:
        if not o.ok:
            what = "accepted though false" if not o.edit.backed else "rejected though true"
            misses.setdefault(o.edit.kind, []).append(
                f"  [{o.edit.lang}] {what}: {o.edit.replace.strip()!r} (exit {o.rc}) {o.line}")
    report = "\n".join(f"{kind} ({len(lines)}):\n" + "\n".join(lines)
                       for kind, lines in misses.items())
    assert caught >= CATCH and accepted >= ACCEPT, (
        f"false edits caught {caught:.1%} (goal {CATCH:.0%}), true paraphrases accepted "
        f"{accepted:.1%} (goal {ACCEPT:.0%}); misses by kind:\n{report}")
