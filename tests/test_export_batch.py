"""charts.export_all: many charts at once, half rendered in a helper process, PNG only where
asked; the bytes are those of rendering each chart alone in this process."""

from __future__ import annotations

import pytest

from writer import charts
from writer.charts import ExportJob, build_chart, export, export_all
from test_charts import TEXT, make_table


@pytest.fixture()
def specs():
    text = make_table("text", TEXT)
    return [build_chart(text, "en"), build_chart(text, "zh"),
            build_chart(text, "en", top=3), build_chart(text, "zh", top=3)]


def test_helper_process_gives_the_same_bytes_and_png_only_where_asked(tmp_path, specs,
                                                                       monkeypatch):
    jobs = [ExportJob(s, f"c{i}-{s.lang}", png=i == 0) for i, s in enumerate(specs)]
    helped = []
    real = charts._helper
    monkeypatch.setattr(charts, "_helper", lambda j, scale: helped.append(len(j)) or real(j, scale))
    results = export_all(jobs, tmp_path / "batch", workers=2)
    assert helped == [2]  # every other chart went to the helper process
    assert [r.png is not None for r in results] == [True, False, False, False]
    assert sorted(p.name for p in (tmp_path / "batch").iterdir()) == sorted(
        [f"c{i}-{s.lang}.{ext}" for i, s in enumerate(specs) for ext in ("svg", "vl.json")]
        + ["c0-en.png"])
    for job, result in zip(jobs, results):
        alone = export(job.spec, tmp_path / "alone", job.stem)
        assert result.svg.read_bytes() == alone.svg.read_bytes(), job.stem
        assert result.json.read_bytes() == alone.json.read_bytes(), job.stem
        if result.png:
            assert result.png.read_bytes() == alone.png.read_bytes()


def test_a_failing_helper_leaves_the_work_to_this_process(tmp_path, specs, monkeypatch):
    monkeypatch.setattr(charts, "_helper", lambda j, scale: None)
    results = export_all([ExportJob(s, f"c{i}-{s.lang}", png=False) for i, s in enumerate(specs)],
                         tmp_path, workers=2)
    assert all(r.svg.read_text().startswith("<svg") for r in results)


def test_a_cached_svg_gets_its_png_without_running_vega_again(tmp_path, specs, monkeypatch):
    cache = tmp_path / "cache"
    first = export_all([ExportJob(specs[0], "t-en", png=False)], tmp_path / "a", cache)
    assert first[0].png is None and [p.suffix for p in cache.iterdir()] == [".svg"]
    monkeypatch.setattr(charts, "render_svg", lambda *_a, **_k: pytest.fail("rendered again"))
    second = export_all([ExportJob(specs[0], "t-en", png=True)], tmp_path / "b", cache)
    assert second[0].png is not None
    assert second[0].svg.read_bytes() == first[0].svg.read_bytes()
