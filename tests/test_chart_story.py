"""Charts that tell the section's story (issue 16): the title is the section's headline and
the lead story's subject is the one series in full colour, in every chart spec of a post."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drafting import charts_not_rendered, draft_in_process  # noqa: E402

from writer.charts import MUTED


def _bar_layer(spec: dict) -> dict:
    layers = spec.get("layer", [spec])
    return next(layer for layer in layers if (layer.get("mark") or {}).get("type") == "bar")


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts")
    with charts_not_rendered():
        posts = draft_in_process(["draft", "--period", "2025H1", "--no-cache", "--out", str(out)])
    # chart files carry a hash of their spec (writer.publish): key them by chart and language
    specs = {re.sub(r"-[0-9a-f]{12}\.vl\.json$", ".vl.json", p.name):
             json.loads(p.read_text(encoding="utf-8")) for p in out.glob("assets/*/*.vl.json")}
    return posts, specs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_bar_chart_is_titled_by_its_headline_and_highlights_its_subject(drafted, lang):
    posts, specs = drafted
    post = posts[lang]
    checked = 0
    for chart, headline in re.findall(r"\{#chart-([a-z0-9_.-]+)\}\n\n\*\*(.+?)\*\*", post):
        spec = specs[f"{chart}-{lang}.vl.json"]
        line = specs.get(f"{chart}-share-{lang}.vl.json")
        if line is not None and line["title"]["text"] == headline:
            # the headline is the share line's story (reasoning's rise): the bars keep
            # their plain title and highlight their own lead story's subject
            headline = next(b[4:].split("**")[0] for b in
                            post[post.index(f"{{#chart-{chart}}}"):].splitlines()
                            if b.startswith("- **"))
        else:
            assert spec["title"]["text"] == headline
        bars = _bar_layer(spec)
        opacity = bars["encoding"].get("opacity")
        assert opacity, f"{chart}: no series is highlighted"
        focus = opacity["condition"]["test"]["oneOf"]
        assert opacity["value"] == MUTED and opacity["condition"]["value"] == 1.0
        # the highlighted series is the headline's subject (a family, or a provider's)
        assert any(name in headline for name in focus) or len(focus) > 1, (chart, focus)
        checked += 1
    assert checked >= 4  # text, image, video, audio at least


def test_a_muted_series_is_still_readable_and_the_legend_keeps_its_colours(drafted):
    _, specs = drafted
    bars = _bar_layer(specs["video-en.vl.json"])
    assert 0.3 <= MUTED <= 0.5  # muted, not gone: the stack must still read as 100%
    assert "opacity" not in (bars["encoding"]["color"].get("legend") or {})


def _font_sizes(node) -> list[float]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k.lower().endswith("fontsize") and isinstance(v, (int, float)):
                out.append(float(v))
            else:
                out.extend(_font_sizes(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_font_sizes(v))
    return out


def test_no_chart_text_is_under_12_px_and_phones_see_charts_at_their_own_size(drafted):
    """On a 390 px phone a chart shrunk to the screen would show 11 px text at ~5 px; the
    post's phone layout keeps each chart at its own size (scrolling sideways), so the spec's
    sizes are the sizes read."""
    from writer.charts import MIN_TEXT_PX
    from writer.post import PHONE_LAYOUT

    posts, specs = drafted
    assert MIN_TEXT_PX >= 12
    for name, spec in specs.items():
        sizes = _font_sizes(spec)
        assert sizes and min(sizes) >= MIN_TEXT_PX, (name, sorted(set(sizes)))
    for post in posts.values():
        images = [i for i, ln in enumerate(post.splitlines()) if ln.startswith("![")]
        lines = post.splitlines()
        assert images and all(lines[i + 1] == "{: .writer-chart}" for i in images)
        assert post.count(PHONE_LAYOUT) == 1
        assert "max-width: 640px" in PHONE_LAYOUT and "max-width: none" in PHONE_LAYOUT
