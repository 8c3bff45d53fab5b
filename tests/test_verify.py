"""Verification: the corpus, tolerance rules, reporting, posts, parity and front matter."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest
from verify_corpus import CORPUS, WEEKS, dataset, ledger, shares

from writer.ledger import Entity, build_ledger
from writer.mentions import Mention
from writer.verify import (
    Interval,
    check_text,
    parity,
    parse_yaml_subset,
    read_front_matter,
    report_to_json,
    sections,
    split_front_matter,
    tolerance,
    verify_markdown,
    verify_text,
)

# ------------------------------------------------------------------ the corpus


@pytest.mark.parametrize("case", CORPUS, ids=[f"{c.lang}-{i}" for i, c in enumerate(CORPUS)])
def test_corpus(case):
    report = check_text(case.text, case.lang, ledger(), chart=case.chart)
    if case.ok:
        assert report.issues == (), "\n".join(i.render() for i in report.issues)
    else:
        assert report.issues, f"not caught: {case.text} ({case.why})"


def test_corpus_is_big_and_covers_both_languages_and_outcomes():
    assert len(CORPUS) >= 150
    counts = Counter((c.lang, c.ok) for c in CORPUS)
    for key in (("en", True), ("en", False), ("zh", True), ("zh", False)):
        assert counts[key] >= 30, (key, counts)


# Every case the issue names, with a passing and a failing sentence ("both"), or only one.
REQUIRED_TAGS = {
    "pct": "both", "decimals": "both", "approx": "both", "nearly": "both", "over": "both",
    "under": "both", "number-words": "both", "fraction": "both", "ratio-word": "both",
    "duration": "both", "duration-within": "both", "duration-just": "both", "date": "both",
    "date-moved": "fail", "last-week": "both", "date-half": "pass", "date-quarter": "both",
    "date-release": "both", "date-peak": "both", "date-iso": "both", "range": "both",
    "range-from-to": "both", "count": "both", "rank": "both", "rank-top": "pass",
    "mask-name": "pass", "mask-markup": "pass", "rounding-edge": "both", "pp": "both",
    "pp-vs-pct": "fail", "pct-change": "both", "cheng": "both", "cheng-plus": "both",
    "yiban": "both", "yiban-share": "both", "fanyifan": "both", "bai": "both",
    "count-vague": "both", "fullwidth": "both", "chart-word": "both", "image-alt": "both",
    "mask-enumerator": "pass", "date-year-start": "both", "undated-weekly": "fail",
    "paraphrase": "pass",
    "order": "fail", "sign": "fail",
}


@pytest.mark.parametrize("tag", sorted(REQUIRED_TAGS))
def test_corpus_covers(tag):
    cases = [c for c in CORPUS if tag in c.tags]
    if REQUIRED_TAGS[tag] in ("both", "pass"):
        assert any(c.ok for c in cases), f"no passing case tagged {tag}"
    if REQUIRED_TAGS[tag] in ("both", "fail"):
        assert any(not c.ok for c in cases), f"no failing case tagged {tag}"


def test_corpus_runs_fast():
    import time

    t = time.perf_counter()
    for case in CORPUS:
        check_text(case.text, case.lang, ledger(), chart=case.chart)
    assert time.perf_counter() - t < 2.0


# ------------------------------------------------------------------ tolerance rules


def _m(kind, value, qualifier="exact", unit=1.0, **kw) -> Mention:
    return Mention(kind, value, qualifier, 1, 1, "x", unit=unit, **kw)


@pytest.mark.parametrize("true, stated, unit, ok", [
    (9.5, 10, 1, True), (9.49, 9, 1, True), (9.49, 10, 1, False), (9.5, 9, 1, False),
    (21.3, 21.3, 0.1, True), (21.25, 21.3, 0.1, True), (21.35, 21.3, 0.1, False),
    (0.6, 0.6, 0.1, True), (0.0, 0, 1, True),
])
def test_rounding_interval_is_half_up(true, stated, unit, ok):
    assert (true in tolerance(_m("pct", float(stated), unit=unit))) is ok


@pytest.mark.parametrize("qualifier, stated, inside, outside", [
    ("approx", 21, [21.3, 18.9, 23.1], [18.8, 23.2]),  # 10% of 21 = 2.1
    ("approx", 2, [1.0, 3.0], [0.9, 3.1]),  # 1 point
    ("approx", 80, [72, 88], [71.9, 88.1]),
    ("nearly", 30, [27, 30], [26.9, 30.1]),
    ("above", 10, [10.01, 90], [10, 9.9]),
    ("at_least", 10, [10, 90], [9.99]),
    ("below", 1, [0.5, 0.99], [1.0, 1.5]),
    ("at_most", 1, [1.0], [1.01]),
])
def test_qualifiers_widen_or_bound(qualifier, stated, inside, outside):
    iv = tolerance(_m("pct", float(stated), qualifier))
    assert all(v in iv for v in inside), (iv, inside)
    assert not any(v in iv for v in outside), (iv, outside)


def test_plus_means_above_n_and_below_the_next_unit():
    iv = tolerance(_m("pct", 20.0, "plus", unit=10.0))  # 两成多
    assert 21 in iv and 29.9 in iv and 20 not in iv and 30 not in iv
    iv = tolerance(_m("duration", 3.0, "plus", unit=1.0))  # 三周多
    assert 3.5 in iv and 3 not in iv and 4 not in iv


def test_just_over_is_above_by_at_most_about():
    iv = tolerance(_m("pct", 20.0, "just_over"))
    assert 20.5 in iv and 22 in iv and 20 not in iv and 22.1 not in iv


def test_durations_within_and_just():
    assert 3 in tolerance(_m("duration", 6.0, "within")) and 7 not in tolerance(
        _m("duration", 6.0, "within"))
    assert 3 in tolerance(_m("duration", 3.0, "just")) and 4 not in tolerance(
        _m("duration", 3.0, "just"))
    assert 5 in tolerance(_m("duration", 6.0, "approx"))  # about 6 weeks: one week either way


@pytest.mark.parametrize("value, qualifier, inside, outside", [
    (0.5, "exact", [0.4, 0.5, 0.6], [0.39, 0.61]),  # halved
    (0.5, "below", [0.43, 0.1], [0.5, 0.52]),  # more than halved
    (0.5, "nearly", [0.5, 0.58], [0.45, 0.61]),  # nearly halved
    (2.0, "exact", [1.6, 2.4], [1.5, 2.5]),  # doubled
    (2.0, "above", [2.1, 5], [2.0, 1.9]),  # more than doubled
    (1.0, "exact", [0.96, 1.04], [0.9, 1.1]),  # unchanged
])
def test_ratio_words(value, qualifier, inside, outside):
    iv = tolerance(_m("ratio", value, qualifier, basis="word"))
    assert all(v in iv for v in inside) and not any(v in iv for v in outside)


def test_percent_change_is_a_ratio_never_points():
    fell = tolerance(_m("ratio", 40.0, "exact", basis="change", sign=-1))
    assert 0.6 in fell and 0.5 not in fell and 1.4 not in fell
    rose = tolerance(_m("ratio", 40.0, "approx", basis="change", sign=1))
    assert 1.4 in rose and 1.36 in rose and 0.6 not in rose


def test_interval_describes_itself():
    assert Interval(11.5, 12.5, False, True).describe("pct") == "[11.5, 12.5)%"
    assert Interval(2.5, 3.5, False, True).describe("weeks") == "3 weeks"
    assert Interval(10, float("inf"), True).describe("count") == "above 10"


# ------------------------------------------------------------------ reporting


def test_issue_names_file_line_col_text_reason_and_nearest():
    text = "Intro line.\n\nKling-2.0-Master took 12% of video three weeks after release."
    (issue,) = verify_text(text, "en", ledger(), chart="video", file="post.md", first_line=10)
    assert (issue.file, issue.line, issue.col, issue.text) == ("post.md", 12, 23, "12%")
    assert issue.nearest == "Kling-2.0: 12% stated, 21.0% in 2025-05-12"
    assert issue.render().startswith("post.md:12:23: '12%': no share of Kling-2.0")
    assert "[Kling-2.0: 12% stated, 21.0% in 2025-05-12]" in issue.render()


def test_columns_count_characters_not_bytes():
    (issue,) = verify_text("快手的 Kling 2.0 拿下了 31% 的视频。", "zh", ledger(), chart="video")
    assert issue.col == len("快手的 Kling 2.0 拿下了 ") + 1


def test_an_unfilled_slot_is_reported():
    (issue,) = verify_text("Kling-2.0 took {{F1.share}} of video.", "en", ledger(),
                           chart="video")
    assert issue.text == "{{F1.share}}" and "slot" in issue.reason


def test_liquid_asset_links_are_not_slots():
    text = "![chart]({{ '/assets/x/video-2025.svg' | relative_url }})"
    assert verify_text(text, "en", ledger(), chart="video") == ()


def test_reordered_sentences_pass():
    a = "Runway's share fell from about 40% to about 20%."
    b = "Kling-2.0-Master took 21% of video generations three weeks after its release."
    c = "Veo 2 held steady at about 20% after its February launch."
    for text in (f"{a} {b} {c}", f"{c} {a} {b}", f"{b}\n{c}\n{a}"):
        assert verify_text(text, "en", ledger(), chart="video") == ()


def test_a_sentence_binds_only_to_the_entities_it_names():
    # 80% is ElevenLabs' share, but this sentence is about Cartesia
    assert verify_text("Cartesia took 80% of audio.", "en", ledger(), chart="audio")
    # no entity named: any fact of the section's chart will do
    assert verify_text("The leader took 80% of requests.", "en", ledger(), chart="audio") == ()
    # ... but not another chart's
    assert verify_text("The leader took 80% of requests.", "en", ledger(), chart="video")


def test_mentions_checked_and_bound_finding_facts():
    r = check_text("DeepSeek-R1 fell from a 7% peak in mid-February to 3% by the end of April.",
                   "en", ledger(), chart="text")
    assert r.mentions_checked == 4
    assert r.bound == ("F2.end", "F2.end_week", "F2.peak", "F2.peak_week")


def test_report_to_json():
    r = check_text("Pika held 15% of video.", "en", ledger(), chart="video", file="p.md")
    out = report_to_json(r)
    assert json.loads(json.dumps(out)) == out
    assert out["ok"] is False and out["mentions_checked"] == 1
    assert out["issues"][0]["line"] == 1 and out["issues"][0]["text"] == "15%"


# ------------------------------------------------------------------ posts


POST_EN = """---
layout: post
title: "Usage trends, H1 2025"
lang: en
period: 2025H1
data_sha256: abc123
facts: [F1.share, F1.weeks_after_launch, F3.start, F3.end]
ref: usage-2025h1
---
* content
{:toc}

In H1 2025, 21 weeks of data show video changing fastest.

## 🎞️ Video generation {#chart-video}

![Kling-2.0 took 21% of video](/assets/usage/video.svg)

- **Kling-2.0-Master** took **21%** of video generations three weeks after its release.
- Runway's share fell from about **40%** to about **20%**.

### What it means

The leader now holds about 22%.

## 🔊 Audio generation {#chart-audio}

- ElevenLabs served about 80% of all TTS requests.

## Conclusion

Runway fell from about 40% to about 20% of video.
"""

POST_ZH = """---
lang: zh
period: 2025H1
facts:
  - F1.share
  - F1.weeks_after_launch
  - F3.start
  - F3.end
---
## 🎞️ 视频生成 {#chart-video}

- 快手的 **Kling 2.0** 仅用三周就占了 **21%** 的视频生成量。
- Runway 的份额从约40%降至约20%。

## 🔊 音频生成 {#chart-audio}

- ElevenLabs 占了约八成的使用份额。
"""


def test_front_matter_is_parsed_and_skipped():
    front, body, first = split_front_matter(POST_EN)
    assert front["lang"] == "en" and front["period"] == "2025H1"
    assert front["facts"] == ["F1.share", "F1.weeks_after_launch", "F3.start", "F3.end"]
    assert front["title"] == "Usage trends, H1 2025"
    assert first == 10 and body.startswith("* content")
    assert read_front_matter(POST_ZH)["facts"][0] == "F1.share"
    assert split_front_matter("no front matter") == ({}, "no front matter", 1)


def test_yaml_subset():
    data = parse_yaml_subset(
        "a: 1\nb: 'it''s'\nc: \"x: y\"\nd: [p, 'q, r']\ne:\n  - 1\n  - two\nf:\n  k: v\n"
        "g: true\nh: 2025-06-05 12:00:00 +0800  # comment\n")
    assert data == {"a": 1, "b": "it's", "c": "x: y", "d": ["p", "q, r"], "e": [1, "two"],
                    "f": {"k": "v"}, "g": True, "h": "2025-06-05 12:00:00 +0800"}


def test_sections_follow_chart_headings():
    _, body, _ = split_front_matter(POST_EN)
    found = [(chart, body[a:b].split("\n")[0]) for chart, a, b in sections(body)]
    assert [c for c, _ in found] == [None, "video", "audio", None]
    assert found[1][1].startswith("## 🎞️ Video generation")


def test_a_good_post_passes_in_both_languages_with_parity():
    en = verify_markdown(POST_EN, "en", ledger(), file="en.md")
    zh = verify_markdown(POST_ZH, "zh", ledger(), file="zh.md")
    assert en.ok, [i.render() for i in en.issues]
    assert zh.ok, [i.render() for i in zh.issues]
    assert en.bound == zh.bound == ("F1.share", "F1.weeks_after_launch", "F3.end", "F3.start",
                                    "F4.share")
    assert parity(en, zh) == ()


def test_a_wrong_number_in_a_post_is_reported_with_its_line():
    bad = POST_EN.replace("took **21%** of video", "took **12%** of video")
    r = verify_markdown(bad, "en", ledger(), file="en.md")
    assert [(i.line, i.text) for i in r.issues] == [(19, "12%")]
    assert r.issues[0].render().startswith("en.md:19:31: '12%'")


def test_section_chart_scopes_sentences_without_names():
    # "The leader now holds about 22%" is in the video section: Kling-2.0 ends at 21.85%
    moved = POST_EN.replace("## 🔊 Audio generation {#chart-audio}", "## Audio {#chart-audio}")
    assert verify_markdown(moved, "en", ledger()).ok
    wrong = POST_EN.replace("holds about 22%", "holds about 80%")
    assert not verify_markdown(wrong, "en", ledger()).ok


def test_front_matter_numbers_are_not_checked():
    text = POST_EN.replace("ref: usage-2025h1", "ref: usage-2025h1\nthumbnail: /x/99.png")
    assert verify_markdown(text, "en", ledger()).ok


def test_parity_lists_facts_cited_in_one_language_only():
    en = verify_markdown(POST_EN, "en", ledger())
    zh = verify_markdown(POST_ZH.replace("- Runway 的份额从约40%降至约20%。\n", ""), "zh", ledger())
    assert parity(en, zh) == ("F3.end", "F3.start")
    from writer.verify import parity_detail

    assert parity_detail(en, zh) == {"en_only": ["F3.end", "F3.start"], "zh_only": []}


# ------------------------------------------------------------------ the ledger


def test_ledger_aliases_cover_bots_case_and_hyphens():
    L = ledger()
    assert L.entities_named("Gemini 2.5 Pro") == (Entity("family", "Gemini-2.5"),)
    assert L.entities_named("kling-2.0-master") == (Entity("family", "Kling-2.0"),)
    assert L.entities_named("Claude 3.7 Sonnet") == (Entity("family", "Claude-3.7-Sonnet"),)
    assert L.entities_named("Qwen3 235B A22B") == (Entity("family", "Qwen-3"),)
    assert Entity("provider", "Google") in L.entities_named("google")
    assert L.entities_named("Claude") == (Entity("brand", "Claude"),)
    assert L.entities_named("Other") == ()
    assert L.entities_named("视频") == (Entity("chart", "video"),)
    assert L.entities_named("TTS") == (Entity("chart", "audio"),)
    assert L.chart_of_word("图片") == "image" and L.chart_of_word("text-to-speech") == "audio"


def test_ledger_summaries_match_the_curves():
    L = ledger()
    f = L.facts
    assert f["S:video:family:Kling-2.0:end"].value == pytest.approx(21.85)
    assert f["S:video:family:Runway:start"].value == pytest.approx(39.5)
    assert f["S:text:family:DeepSeek-R1:peak"].weeks == (WEEKS[5],)
    assert f["S:text:provider:Anthropic:start_to_end"].value == pytest.approx(-9.35)
    assert f["S:reasoning:chart:parent:start"].value == pytest.approx(2.0)
    assert f["S:video:family:Kling-2.0:weeks_release_to_peak"].value == 5
    assert f["S:video:family:Kling-2.0:rank_end"].value == 1
    assert f["S:registry:bots"].value == sum(not b.excluded for b in dataset().registry.bots.values())
    assert L.releases[Entity("family", "Kling-2.0")] == (date(2025, 4, 21),)
    assert L.fact("F1.share").finding and L.fact("F1.share").value == 21.0


def test_ledger_without_findings():
    L = build_ledger(shares(), None, dataset().registry)
    assert not L.finding_ids
    r = check_text("Kling-2.0-Master took 21% of video three weeks after its release.", "en", L,
                   chart="video")
    assert r.ok and r.bound == ()


# ------------------------------------------------------------------ the sample data


@pytest.fixture(scope="module")
def sample():
    from pathlib import Path

    from writer.findings import find
    from writer.load import load
    from writer.periods import parse_period, resolve_weeks
    from writer.shares import compute_shares

    root = Path(__file__).resolve().parents[1] / "data"
    if not (root / "usage.csv").exists():
        pytest.skip("no sample data")
    data = load(root / "usage.csv", root / "models.csv")
    s = compute_shares(data, resolve_weeks(parse_period("2025H1"), data.mondays))
    found = find(s, data.registry)
    return found, build_ledger(s, found, data.registry)


def test_every_finding_sentence_on_the_sample_verifies_with_parity(sample):
    found, L = sample
    assert found.findings
    for f in found.findings:
        reports = {lang: check_text(f.text[lang], lang, L, chart=f.chart) for lang in ("en", "zh")}
        for lang, r in reports.items():
            assert r.ok, (f.text[lang], [i.render() for i in r.issues])
        # the English and the Chinese sentence cite the same facts of the findings
        assert reports["en"].bound == reports["zh"].bound, f.id
        assert parity(reports["en"], reports["zh"]) == ()


def test_a_wrong_published_figure_on_the_sample_is_caught(sample):
    _, L = sample
    assert verify_text("Kling-2.0 took 21% of video generations three weeks after its launch.",
                       "en", L, chart="video") == ()
    (issue,) = verify_text("Kling-2.0 took 12% of video generations three weeks after its launch.",
                           "en", L, chart="video")
    assert issue.nearest.startswith("Kling-2.0: 12% stated, 21")


def test_verify_file_reads_the_front_matter(tmp_path):
    path = tmp_path / "2025-06-02-post-en.md"
    path.write_text(POST_EN, encoding="utf-8")
    seen = {}

    def ledger_for(front):
        seen.update(front)
        return ledger()

    from writer.verify import verify_file

    report = verify_file(path, ledger_for)
    assert report.ok and report.lang == "en" and report.file == str(path)
    assert seen["period"] == "2025H1" and seen["data_sha256"] == "abc123"
