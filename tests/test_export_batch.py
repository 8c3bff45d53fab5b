"""charts.export_all: many charts at once, shared out between helper processes, PNG only where
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


def test_helper_processes_give_the_same_bytes_and_png_only_where_asked(tmp_path, specs,
                                                                        monkeypatch):
    jobs = [ExportJob(s, f"c{i}-{s.lang}", png=i == 0) for i, s in enumerate(specs)]
    helped, delivered = [], []
    real_helper, real_collect = charts._helper, charts._collect
    monkeypatch.setattr(charts, "_helper", lambda j, scale, claims: helped.append(len(j))
                        or real_helper(j, scale, claims))
    monkeypatch.setattr(charts, "render_svg", lambda *_a, **_k: pytest.fail("rendered here"))

    def collect(proc, n):
        got = real_collect(proc, n)
        delivered.extend(got)
        return got

    monkeypatch.setattr(charts, "_collect", collect)
    results = export_all(jobs, tmp_path / "batch", workers=2)
    monkeypatch.undo()
    assert helped == [4, 4]  # two helpers, each offered every job
    assert sorted(delivered) == [0, 1, 2, 3]  # each job rendered once, by one of them
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
    monkeypatch.setattr(charts, "_helper", lambda j, scale, claims: None)
    results = export_all([ExportJob(s, f"c{i}-{s.lang}", png=False) for i, s in enumerate(specs)],
                         tmp_path, workers=2)
    assert all(r.svg.read_text().startswith("<svg") for r in results)


def test_jobs_a_helper_claimed_but_did_not_deliver_are_rendered_here(tmp_path, specs,
                                                                     monkeypatch):
    real_collect = charts._collect
    # as if each helper died after claiming its jobs: it answers nothing
    monkeypatch.setattr(charts, "_collect", lambda proc, n: real_collect(proc, n) and {})
    results = export_all([ExportJob(s, f"c{i}-{s.lang}", png=i == 1)
                          for i, s in enumerate(specs)], tmp_path, workers=2)
    assert all(r.svg.read_text().startswith("<svg") for r in results)
    assert [r.png is not None for r in results] == [False, True, False, False]


def test_a_cached_svg_gets_its_png_without_running_vega_again(tmp_path, specs, monkeypatch):
    cache = tmp_path / "cache"
    first = export_all([ExportJob(specs[0], "t-en", png=False)], tmp_path / "a", cache)
    assert first[0].png is None and [p.suffix for p in cache.iterdir()] == [".svg"]
    monkeypatch.setattr(charts, "render_svg", lambda *_a, **_k: pytest.fail("rendered again"))
    second = export_all([ExportJob(specs[0], "t-en", png=True)], tmp_path / "b", cache)
    assert second[0].png is not None
    assert second[0].svg.read_bytes() == first[0].svg.read_bytes()
