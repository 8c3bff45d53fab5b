"""charts.cached_charts: a re-draft reads its specs from the chart cache instead of building
them with Altair, and gets exactly what building would give; any changed input builds again."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from writer import charts
from writer.charts import Annotation, build_charts, cached_charts
from writer.vocab import Profile, Vocabulary
from test_charts import REASONING, TEXT, WEEKS, make_table


@pytest.fixture()
def tables():
    totals = np.sum(list(TEXT.values()), axis=0).astype(float)
    return {"text": make_table("text", TEXT),
            "reasoning": make_table("reasoning", REASONING, parent_totals=totals)}


OPTIONS = {"top": 5, "annotations": {"text": (Annotation("GPT-4.1", WEEKS[4], "GPT-4.1"),)},
           "alts": {"text": "GPT-4o led.", "reasoning-share": "Reasoning grew."},
           "released": {"GPT-4.1": date(2025, 2, 3)}}


def _same(a, b):
    assert [(c.chart, c.lang, c.title, c.alt, c.kind, list(c.colors.items()), c.to_json())
            for c in a] == [(c.chart, c.lang, c.title, c.alt, c.kind, list(c.colors.items()),
                             c.to_json()) for c in b]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_second_call_reads_the_cache_and_gives_what_building_gives(tmp_path, tables, lang,
                                                                     monkeypatch):
    built = build_charts(tables, lang, **OPTIONS)
    first = cached_charts(tmp_path, tables, lang, **OPTIONS)
    _same(first, built)
    assert len(list(tmp_path.glob("specs-*.json"))) == 1
    monkeypatch.setattr(charts, "build_charts", lambda *a, **k: pytest.fail("built again"))
    again = cached_charts(tmp_path, tables, lang, **OPTIONS)
    _same(again, built)
    assert again[0].to_dict() == built[0].to_dict()


def test_any_changed_input_builds_again(tmp_path, tables):
    cached_charts(tmp_path, tables, "en", **OPTIONS)
    changed_counts = dict(tables, text=make_table("text", {**TEXT, "o3": [5, 8, 10, 12, 14, 16]}))
    variants = [
        ({"tables": tables, "lang": "zh"}, {}),
        ({"tables": changed_counts, "lang": "en"}, {}),
        ({"tables": tables, "lang": "en"}, {"alts": {"text": "GPT-4o led!"}}),
        ({"tables": tables, "lang": "en"}, {"top": 6}),
        ({"tables": tables, "lang": "en"}, {"released": {"GPT-4.1": date(2025, 2, 4)}}),
        ({"tables": tables, "lang": "en"},
         {"vocab": Vocabulary(Profile(unit="tokens"))}),
    ]
    for i, (where, change) in enumerate(variants):
        specs = cached_charts(tmp_path, where["tables"], where["lang"], **{**OPTIONS, **change})
        _same(specs, build_charts(where["tables"], where["lang"], **{**OPTIONS, **change}))
        assert len(list(tmp_path.glob("specs-*.json"))) == i + 2, change


def test_no_cache_or_an_unreadable_entry_just_builds(tmp_path, tables):
    _same(cached_charts(None, tables, "en", **OPTIONS), build_charts(tables, "en", **OPTIONS))
    cached_charts(tmp_path, tables, "en", **OPTIONS)
    (entry,) = tmp_path.glob("specs-*.json")
    entry.write_text("{not json")
    _same(cached_charts(tmp_path, tables, "en", **OPTIONS), build_charts(tables, "en", **OPTIONS))
