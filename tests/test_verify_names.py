"""A model the data does not know makes its sentence's numbers unbacked (issue 15, names):
"Midjourney held 35% of image generations" fails even though FLUX held 35%."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest

from writer import cli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drafting import charts_not_rendered, draft_in_process  # noqa: E402


@pytest.fixture(scope="module")
def posts(tmp_path_factory):
    out = tmp_path_factory.mktemp("names")
    with charts_not_rendered():
        draft_in_process(["draft", "--period", "2025H1", "--no-cache", "--out", str(out)])
    return {p.name[-5:-3]: p for p in (out / "_posts").glob("*.md")}


def _verify(path: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        rc = cli.main(["verify", str(path)])
    return rc, out.getvalue()


@pytest.mark.parametrize("lang,true,false,name", [
    ("en", "- **FLUX** fell from 45%", "- **Midjourney** fell from 45%", "Midjourney"),
    ("en", "- **Kling-2.0** reached", "- **Sora-2** reached", "Sora-2"),
    ("en", "- **GPT-Image-1** reached", "- **Imagen-4** reached", "Imagen-4"),
    ("zh", "- **FLUX**的份额从45%", "- **Midjourney**的份额从45%", "Midjourney"),
    ("zh", "- **Kling-2.0**于4月下旬上线", "- **Veo-3**于4月下旬上线", "Veo-3"),
])
def test_a_name_the_data_does_not_know_is_caught(posts, tmp_path, lang, true, false, name):
    text = posts[lang].read_text(encoding="utf-8")
    assert true in text  # the edit replaces a real sentence, nothing else
    edited = tmp_path / posts[lang].name
    edited.write_text(text.replace(true, false, 1), encoding="utf-8")
    rc, out = _verify(edited)
    assert rc == 1 and f"'{name}': not in the data" in out, out


def test_the_true_posts_have_no_unknown_name(posts):
    for path in posts.values():
        rc, out = _verify(path)
        assert rc == 0 and "not in the data" not in out, out


@pytest.mark.parametrize("lang,true,edit,ok", [
    ("en", "handled **80%** of audio generations", "handled four in five audio generations", True),
    ("en", "handled **80%** of audio generations", "handled nine in ten audio generations", False),
    ("en", "handled **80%** of audio generations", "handled two in three audio generations", False),
    ("zh", "期末拿下了**80%**的音频生成请求", "期末拿下了五分之四的音频生成请求", True),
    ("zh", "期末拿下了**80%**的音频生成请求", "期末拿下了三分之一的音频生成请求", False),
])
def test_a_fraction_is_a_share_with_its_tolerance(posts, tmp_path, lang, true, edit, ok):
    """Issue 15: "ElevenLabs handled four in five audio generations" (80%) is honest."""
    text = posts[lang].read_text(encoding="utf-8")
    assert true in text
    edited = tmp_path / posts[lang].name
    edited.write_text(text.replace(true, edit, 1), encoding="utf-8")
    rc, out = _verify(edited)
    assert (rc == 0) == ok, out
