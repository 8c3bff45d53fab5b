"""Charts: tested through their Vega-Lite spec, and once as rendered SVG and PNG."""

from __future__ import annotations

import colorsys
import json
import os
import re
import struct
import zlib
from collections import defaultdict
from datetime import date, timedelta
from types import MappingProxyType

import numpy as np
import pytest

from writer import charts
from writer.charts import Annotation, build_chart, build_charts, build_parent_line, export, palette
from writer.shares import _table

WEEKS = tuple(date(2025, 1, 6) + timedelta(weeks=i) for i in range(6))
PROVIDER = {
    "GPT-4o": "OpenAI", "GPT-4.1": "OpenAI", "o1": "OpenAI", "o3": "OpenAI",
    "Gemini-2.0": "Google", "Gemini-2.5": "Google",
    "Claude-3.5-Sonnet": "Anthropic", "Claude-3.7-Sonnet": "Anthropic",
    "DeepSeek-R1": "DeepSeek", "DeepSeek-V3": "DeepSeek",
    "Llama-3": "Meta", "Grok-3": "xAI", "Zeta-1": "Zeta Labs", "Other": "Various",
    "{{ site.x }}<script>|*b*": "Evil {% raw %} Lab",
    "{{ x }}<script>alert(1)</script>|*b*": "Evil {% raw %} Lab",
    "Kling-2.0": "Kuaishou", "Veo-2": "Google",
}
# Weekly message counts, six weeks each. Grok-3 and Zeta-1 have the smallest peaks, so
# top=10 folds them into Other.
TEXT = {
    "GPT-4o": [400, 410, 390, 380, 370, 360], "Claude-3.5-Sonnet": [250, 240, 220, 200, 180, 160],
    "Gemini-2.0": [80, 80, 75, 70, 70, 65], "DeepSeek-R1": [0, 70, 60, 50, 40, 30],
    "DeepSeek-V3": [40, 40, 38, 35, 30, 30], "o1": [30, 30, 28, 25, 20, 20],
    "Claude-3.7-Sonnet": [0, 0, 40, 70, 90, 100], "GPT-4.1": [0, 0, 0, 0, 60, 100],
    "Gemini-2.5": [0, 0, 0, 20, 40, 55], "Llama-3": [30, 28, 26, 25, 24, 22],
    "o3": [5, 8, 10, 12, 14, 15], "Grok-3": [0, 3, 5, 5, 6, 6], "Zeta-1": [4, 4, 4, 4, 4, 4],
    "Other": [100, 100, 100, 100, 100, 100],
}
REASONING = {
    "o1": [30, 30, 28, 25, 20, 20], "o3": [5, 8, 10, 12, 14, 15], "DeepSeek-R1": [0, 70, 60, 50, 40, 30],
    "Claude-3.7-Sonnet": [0, 0, 10, 20, 25, 30], "Gemini-2.5": [0, 0, 0, 20, 40, 55],
}


def make_table(chart, counts, *, parent_totals=None, zero_week=None):
    names = list(counts)
    matrix = np.array([counts[n] for n in names], dtype=float).T
    if zero_week is not None:
        matrix[zero_week] = 0
    totals = matrix.sum(axis=1)
    return _table(chart, "family", WEEKS, matrix, names, totals,
                  {n: PROVIDER[n] for n in names},
                  "text" if parent_totals is not None else None, parent_totals)


@pytest.fixture()
def text():
    return make_table("text", TEXT)


@pytest.fixture()
def reasoning():
    text_totals = np.array(TEXT["GPT-4o"], dtype=float) * 0 + np.sum(list(TEXT.values()), axis=0)
    return make_table("reasoning", REASONING, parent_totals=text_totals)


def bar_layer(spec: dict) -> dict:
    return spec["layer"][0] if "layer" in spec else spec


def rows(spec: dict, layer: dict | None = None) -> list[dict]:
    """A layer's data rows (Altair moves inline data to the top-level `datasets`)."""
    data = (layer or bar_layer(spec))["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def color_scale(spec: dict) -> dict[str, str]:
    scale = bar_layer(spec)["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"]))


def hue(hex_color: str) -> float:
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def hue_gap(a: float, b: float) -> float:
    d = abs(a - b) % 360
    return min(d, 360 - d)


# ---------------------------------------------------------------- the spec


def test_series_are_the_top_n_plus_other(text):
    spec = build_chart(text, "en", top=10).to_dict()
    data = rows(spec)
    plotted = {row["family"] for row in data}
    expected = set(text.fold(10).entities)
    assert plotted == expected
    assert len(plotted) == 11 and "Other" in plotted
    assert "Grok-3" not in plotted and "Zeta-1" not in plotted  # folded: smallest peaks
    domain = bar_layer(spec)["encoding"]["color"]["scale"]["domain"]
    assert set(domain) == expected and domain[-1] == "Other"


def test_plotted_shares_sum_to_100_each_week(text):
    spec = build_chart(text, "en", top=10).to_dict()
    per_week = defaultdict(float)
    for row in rows(spec):
        per_week[row["week"]] += row["share"]
    assert sorted(per_week) == [w.isoformat() for w in WEEKS]
    for week, total in per_week.items():
        assert total == pytest.approx(100, abs=1e-4), week


def test_a_week_with_no_messages_is_left_empty():
    table = make_table("text", TEXT, zero_week=2)
    spec = build_chart(table, "en").to_dict()
    weeks = {row["week"] for row in rows(spec)}
    assert WEEKS[2].isoformat() not in weeks and len(weeks) == 5


def test_colours_are_stable_across_charts_runs_and_table_order(text, reasoning):
    colors = palette([text, reasoning], top=10)
    assert dict(colors) == dict(palette([reasoning, text], top=10))
    text_colors = color_scale(build_chart(text, "en", colors=colors).to_dict())
    reasoning_colors = color_scale(build_chart(reasoning, "en", colors=colors).to_dict())
    shared = set(text_colors) & set(reasoning_colors)
    assert {"o1", "DeepSeek-R1", "Claude-3.7-Sonnet", "Gemini-2.5"} <= shared
    for family in shared:
        assert text_colors[family] == reasoning_colors[family], family
    # o3 is in text's Other but charted in reasoning: still not GPT-4o's colour, because a
    # reader compares reasoning with text.
    assert reasoning_colors["o3"] != text_colors["GPT-4o"]
    # A second run builds the identical spec.
    again = build_chart(text, "en", colors=palette([text, reasoning], top=10))
    assert again.to_json() == build_chart(text, "en", colors=colors).to_json()


def test_build_charts_shares_one_palette(text, reasoning):
    specs = build_charts({"text": text, "reasoning": reasoning}, "zh")
    assert [s.key for s in specs] == ["text", "reasoning", "reasoning-share"]
    assert [s.stem for s in specs] == ["text-zh", "reasoning-zh", "reasoning-share-zh"]
    first, second = color_scale(specs[0].to_dict()), color_scale(specs[1].to_dict())
    assert first["o1"] == second["o1"] and first["其他"] == charts.OTHER_COLOR


def test_provider_hues_are_grouped_and_other_is_grey(text, reasoning):
    colors = palette([text, reasoning], top=10)
    openai = [hue(colors[f]) for f in ("GPT-4o", "GPT-4.1", "o1")]
    google = [hue(colors[f]) for f in ("Gemini-2.0", "Gemini-2.5")]
    anthropic = [hue(colors[f]) for f in ("Claude-3.5-Sonnet", "Claude-3.7-Sonnet")]
    for group in (openai, google, anthropic):
        assert max(hue_gap(a, b) for a in group for b in group) < 50
    assert all(90 <= h <= 170 for h in openai)  # greens
    assert all(195 <= h <= 235 for h in google)  # blues
    assert all(10 <= h <= 40 for h in anthropic)  # oranges
    # Families of one provider in one chart are different shades of it.
    assert len({colors[f] for f in ("GPT-4o", "GPT-4.1", "o1")}) == 3
    other = colors["Other"]
    assert other[1:3] == other[3:5] == other[5:7]  # r == g == b


def test_unknown_provider_gets_a_hashed_hue_clear_of_its_neighbours():
    counts = {"GPT-4o": [5] * 6, "Gemini-2.0": [4] * 6, "Zeta-1": [3] * 6}
    table = make_table("text", counts)
    colors = palette([table])
    assert dict(colors) == dict(palette([make_table("text", counts)]))
    zeta = hue(colors["Zeta-1"])
    assert hue_gap(zeta, hue(colors["GPT-4o"])) > 20
    assert hue_gap(zeta, hue(colors["Gemini-2.0"])) > 20


def test_chinese_words_font_and_week_labels(text):
    chart = build_chart(text, "zh")
    spec = chart.to_dict()
    assert chart.title == "文本模型：各模型系列每周份额" == spec["title"]["text"]
    assert "其余归入“其他”" in spec["title"]["subtitle"]
    encoding = bar_layer(spec)["encoding"]
    assert encoding["x"]["axis"]["title"] == "周（自周一起）"
    assert encoding["y"]["axis"]["title"] == "文本消息份额（%）"
    assert encoding["color"]["legend"]["title"] == "模型系列"
    assert encoding["color"]["scale"]["domain"][-1] == "其他"
    assert encoding["x"]["scale"]["domain"][:2] == ["1月6日", "1月13日"]
    assert spec["config"]["font"].startswith("Noto Sans CJK SC")
    assert "推理" in build_parent_line(make_table("reasoning", REASONING,
                                                  parent_totals=np.full(6, 1000.0)),
                                       "zh").to_dict()["title"]["text"]


def test_english_week_labels_and_fallback_font(text):
    spec = build_chart(text, "en").to_dict()
    assert bar_layer(spec)["encoding"]["x"]["scale"]["domain"][:3] == ["Jan 6", "Jan 13", "Jan 20"]
    # Latin only: no CJK font in the list (vl-convert would measure every label with it)
    assert spec["config"]["font"] == "Noto Sans, Helvetica Neue, Helvetica, Arial, sans-serif"


def test_an_english_chart_showing_cjk_text_lists_the_cjk_font(monkeypatch):
    monkeypatch.setitem(PROVIDER, "通义千问", "Alibaba")
    table = make_table("audio", {"通义千问": [3] * 6, "o1": [5] * 6})
    font = build_chart(table, "en").to_dict()["config"]["font"]
    assert font.startswith("Noto Sans, Noto Sans CJK SC,") and font.endswith("sans-serif")
    annotated = build_parent_line(make_table("reasoning", REASONING, parent_totals=np.full(
        6, 1000.0)), "en", annotations=[Annotation("o3", WEEKS[2], "o3 发布")])
    assert "Noto Sans CJK SC" in annotated.to_dict()["config"]["font"]
    assert build_chart(table, "zh").to_dict()["config"]["font"] == charts.FONTS["zh"]


def test_week_labels_are_thinned_and_dated_with_the_year_past_a_year():
    weeks = tuple(date(2024, 1, 1) + timedelta(weeks=i) for i in range(60))
    table = _table("text", "family", weeks, np.ones((60, 2)), ["GPT-4o", "o1"], np.full(60, 2.0),
                   {"GPT-4o": "OpenAI", "o1": "OpenAI"})
    for lang, first in (("en", "Jan 1, 2024"), ("zh", "2024年1月1日")):
        axis = bar_layer(build_chart(table, lang).to_dict())["encoding"]["x"]["axis"]
        assert axis["values"][0] == first and 3 <= len(axis["values"]) <= 11


def test_annotations_are_drawn_on_their_week(text):
    notes = [Annotation("GPT-4.1", date(2025, 2, 5), "GPT-4.1 launch"),  # a Wednesday
             Annotation("Gemini-2.5", date(2025, 1, 27), "Gemini 2.5 Pro")]
    spec = build_chart(text, "en", annotations=notes).to_dict()
    marks = {layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
             for layer in spec["layer"]}
    assert {"bar", "rule", "text", "point"} <= marks
    labels = {row["label"]: row["week_label"]
              for layer in spec["layer"][1:] for row in rows(spec, layer)}
    assert labels == {"GPT-4.1 launch": "Feb 3", "Gemini 2.5 Pro": "Jan 27"}


def test_an_annotation_outside_the_weeks_is_an_error(text):
    with pytest.raises(ValueError, match=r"2024-12-30.*2025-01-06 to 2025-02-16"):
        build_chart(text, "en", annotations=[Annotation("o1", date(2024, 12, 30), "o1")])


def test_parent_line_plots_reasonings_share_of_text(reasoning):
    chart = build_parent_line(reasoning, "en")
    spec = chart.to_dict()
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    plotted = [row["share"] for row in rows(spec, line)]
    assert plotted == pytest.approx(list(reasoning.parent_share), abs=1e-6)
    assert chart.kind == "parent" and "all text messages" in chart.title
    with pytest.raises(ValueError, match="only the reasoning table"):
        build_parent_line(make_table("text", TEXT), "en")


def test_markup_in_names_stays_data():
    name = "{{ site.x }}<script>|*b*"
    table = make_table("audio", {name: [3] * 6, "GPT-4o": [5] * 6})
    chart = build_chart(table, "en", title="{% if x %}Audio <b>",
                        annotations=[Annotation(name, WEEKS[1], name)])
    spec = chart.to_dict()
    assert name in color_scale(spec)
    # Names are only ever values: no expression or field name contains them.
    expressions = [v for k, v in _walk(spec) if k in {"labelExpr", "expr", "field", "test"}]
    assert not any("script" in str(e) for e in expressions)
    assert chart.title == "{% if x %}Audio <b>"


def _walk(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)
    else:
        yield key, node


def test_spec_is_read_only_and_deterministic(text):
    chart = build_chart(text, "en")
    with pytest.raises(TypeError):
        chart.spec["title"] = "changed"
    assert isinstance(chart.spec, MappingProxyType)
    assert chart.to_json() == build_chart(text, "en").to_json()
    assert json.loads(chart.to_json()) == chart.to_dict()


def test_bad_language_names_the_choices(text):
    with pytest.raises(ValueError, match="'fr'.*en, zh"):
        build_chart(text, "fr")


# ---------------------------------------------------------------- rendered once


def decode_png(data: bytes) -> tuple[int, int, np.ndarray]:
    """(width, height, pixels h×w×channels) of an 8-bit RGB/RGBA PNG; enough for vl-convert's."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color_type = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color_type in (2, 6), (depth, color_type)
            bpp = 4 if color_type == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, width * bpp + 1)
    out = np.zeros((height, width * bpp), dtype=np.int64)
    prev = np.zeros(width * bpp, dtype=np.int64)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int64)
        if kind == 0:
            row = line
        elif kind == 1:  # Sub: a running sum along the row, channel by channel
            row = line.reshape(width, bpp).cumsum(axis=0).reshape(-1) % 256
        elif kind == 2:
            row = (line + prev) % 256
        else:  # Average and Paeth: byte by byte
            row = np.zeros_like(line)
            for i in range(len(line)):
                a = row[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                if kind == 3:
                    row[i] = (line[i] + (a + b) // 2) % 256
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                    row[i] = (line[i] + pred) % 256
        out[y], prev = row, row
    return width, height, out.reshape(height, width, bpp)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    directory = tmp_path_factory.mktemp("charts")
    text = make_table("text", TEXT)
    chart = build_chart(text, "zh", annotations=[
        Annotation("GPT-4.1", WEEKS[4], "GPT-4.1 发布")])
    return chart, directory, export(chart, directory, "text-zh")


@pytest.mark.skipif(not charts.cjk_font_available(), reason="needs fonts-noto-cjk")
def test_export_writes_svg_png_and_sorted_json(exported):
    chart, directory, result = exported
    assert result.warning is None
    assert sorted(p.name for p in directory.iterdir()) == [
        "text-zh.png", "text-zh.svg", "text-zh.vl.json"]  # no temp files left behind
    assert json.loads(result.json.read_text()) == chart.to_dict()
    assert result.json.read_text() == chart.to_json() + "\n"
    umask = os.umask(0)
    os.umask(umask)
    assert result.svg.stat().st_mode & 0o777 == 0o666 & ~umask

    svg = result.svg.read_text()
    assert "文本模型：各模型系列每周份额" in svg and "1月6日" in svg and "GPT-4.1 发布" in svg
    size = re.search(r'<svg[^>]* width="(\d+)" height="(\d+)"', svg)
    width, height, pixels = decode_png(result.png.read_bytes())
    assert (width, height) == (2 * int(size[1]), 2 * int(size[2]))
    colours = np.unique(pixels.reshape(-1, pixels.shape[2]), axis=0)
    assert len(colours) > 200  # bars, anti-aliased text and lines: far from blank
    # Glyphs, not boxes: the title row (top 40 px at 2×) holds plenty of dark ink.
    title_band = pixels[:40 * 2, :, :3].sum(axis=2)
    assert (title_band < 200).sum() > 2000


@pytest.mark.skipif(not charts.cjk_font_available(), reason="needs fonts-noto-cjk")
def test_svg_is_byte_identical_on_a_second_render(exported):
    chart, _, result = exported
    assert charts.render_svg(chart) == result.svg.read_text()


def test_markup_in_names_is_escaped_in_the_svg():
    name = "{{ x }}<script>alert(1)</script>|*b*"
    svg = charts.render_svg(build_chart(make_table("audio", {name: [3] * 6, "o1": [5] * 6}), "en"))
    assert "<script" not in svg
    assert "{{ x }}&lt;script&gt;alert(1)&lt;/script&gt;|*b*" in svg


def test_missing_cjk_font_writes_svg_and_json_and_warns(tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "cjk_font_available", lambda: False)
    chart = build_chart(make_table("video", {"Kling-2.0": [5] * 6, "Veo-2": [3] * 6}), "zh")
    result = export(chart, tmp_path, "video-zh")
    assert result.png is None and not (tmp_path / "video-zh.png").exists()
    assert result.files == (result.svg, result.json)
    assert result.svg.exists() and result.json.exists()
    assert "apt-get install fonts-noto-cjk" in result.warning


def test_a_render_cache_gives_the_same_bytes_without_rendering_again(tmp_path, text,
                                                                     monkeypatch):
    chart = build_chart(text, "en")
    cache = tmp_path / "cache"
    first = export(chart, tmp_path / "a", "text-en", cache=cache)
    assert sorted(p.suffix for p in cache.iterdir()) == [".png", ".svg"]

    def no_render(*_a, **_k):
        raise AssertionError("rendered again although the chart is cached")

    monkeypatch.setattr(charts, "render_svg", no_render)
    monkeypatch.setattr(charts, "render_png", no_render)
    second = export(chart, tmp_path / "b", "text-en", cache=cache)
    for a, b in zip(first.files, second.files):
        assert a.read_bytes() == b.read_bytes(), a.name
    # a different chart is a different entry: it must render (and here cannot)
    other = build_chart(text, "en", annotations=[Annotation("GPT-4.1", WEEKS[4], "launch")])
    with pytest.raises(AssertionError, match="rendered again"):
        export(other, tmp_path / "c", "text-en", cache=cache)


def test_a_new_font_anywhere_the_renderer_looks_invalidates_the_cache(tmp_path, text,
                                                                      monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    monkeypatch.setattr(charts, "FONT_DIRS", charts.FONT_DIRS + (str(fonts),))
    chart = build_chart(text, "en")
    export(chart, tmp_path / "a", "text-en", cache=tmp_path / "cache")
    (fonts / "NotoSans-Regular.ttf").write_bytes(b"not really a font")  # a Latin font

    def no_render(*_a, **_k):
        raise AssertionError("rendered")

    monkeypatch.setattr(charts, "render_svg", no_render)
    with pytest.raises(AssertionError, match="rendered"):
        export(chart, tmp_path / "b", "text-en", cache=tmp_path / "cache")


def test_a_damaged_cache_entry_is_rendered_again(tmp_path, text):
    chart = build_chart(text, "en")
    cache = tmp_path / "cache"
    first = export(chart, tmp_path / "a", "text-en", cache=cache)
    next(cache.glob("*.png")).unlink()  # an SVG without its PNG
    second = export(chart, tmp_path / "b", "text-en", cache=cache)
    assert second.png.read_bytes() == first.png.read_bytes()
    assert len(list(cache.glob("*.png"))) == 1


def test_export_refuses_a_stem_with_a_directory(tmp_path, text):
    with pytest.raises(ValueError, match="plain file name"):
        export(build_chart(text, "en"), tmp_path, "../escape")


def test_every_spec_is_valid_vega_lite(text, reasoning):
    # build_chart skips Altair's per-chart validation for speed; check the schema here once.
    import jsonschema
    from altair.vegalite.v6.schema import load_schema

    validator = jsonschema.Draft7Validator(load_schema())
    for lang in ("en", "zh"):
        for spec in build_charts([text, reasoning], lang, annotations={
                "text": (Annotation(text.entities[0], text.weeks[2], "launch"),)}):
            errors = [e.message for e in validator.iter_errors(spec.to_dict())]
            assert errors == [], f"{spec.key}/{lang}: {errors[:3]}"
