"""The mention grammar: what counts as a number in English and Chinese text, and what not."""

from __future__ import annotations

import pytest

from writer.mentions import Masker, When, extract, mask, zh_number

NAMES = ("GPT-4.1", "GPT-4.1-mini", "Gemini-2.5-Pro", "Gemini-2.5", "Kling-2.0-Master",
         "Kling-2.0", "o3", "o3-mini", "o4-mini", "Imagen-3", "Veo-2", "Qwen-3",
         "Gen-3-Alpha-Turbo", "Claude-3.7-Sonnet", "Claude-3.5-Sonnet", "DeepSeek-R1",
         "Grok-3-Mini", "Google", "OpenAI", "ElevenLabs", "FLUX-pro-1.1")


def kinds(text, lang="en"):
    return [(m.kind, pytest.approx(m.value) if isinstance(m.value, float) else m.value,
             m.qualifier) for m in extract(text, lang, NAMES)]


def one(text, lang="en"):
    ms = extract(text, lang, NAMES)
    assert len(ms) == 1, [(m.kind, m.text) for m in ms]
    return ms[0]


# ------------------------------------------------------------------ names are not numbers


@pytest.mark.parametrize("text", [
    "GPT-4.1 and GPT 4.1 mini and gpt-4.1",
    "Gemini 2.5 Pro, Gemini-2.5-Pro and Gemini 2.5",
    "Kling-2.0-Master, Kling 2.0 Master and Kling 2.0",
    "o3, o3-mini and o4-mini",
    "Imagen 3, Veo 2, Qwen 3 and Qwen3",
    "Gen-3-Alpha-Turbo and Gen 3 Alpha Turbo",
    "Claude 3.7 Sonnet replaced Claude-3.5-Sonnet",
    "DeepSeek R1 and DeepSeek-R1, Grok-3-mini, FLUX pro 1.1",
    "Unregistered names too: Gen-4-Alpha-Turbo, Llama3, GPT-5-mini, H100, GPT-Image-1",
    "快手的 Kling 2.0 和 GPT-4.1 系列、Gemini 2.5 Pro 以及 o4-mini",
])
def test_names_are_masked(text):
    assert extract(text, "en", NAMES) == [] and extract(text, "zh", NAMES) == []


def test_masker_reports_which_names_it_found():
    masked = mask("Gemini 2.5 Pro beat GPT-4.1-mini, not GPT-4.1.", Masker(NAMES))
    assert [name for _, _, name in masked.names] == ["Gemini-2.5-Pro", "GPT-4.1-mini", "GPT-4.1"]
    assert len(masked.text) == len("Gemini 2.5 Pro beat GPT-4.1-mini, not GPT-4.1.")


def test_a_name_next_to_a_number_leaves_the_number():
    assert kinds("GPT-4.1 took 10%") == [("pct", 10.0, "exact")]
    assert kinds("GPT-4.1占10%", "zh") == [("pct", 10.0, "exact")]
    assert kinds("o3 was 3% of reasoning") == [("pct", 3.0, "exact")]


@pytest.mark.parametrize("text", [
    "See [1] and [^2] and [^note].",
    "![video chart](/assets/2025/video-21.png)",
    "Read https://poe.com/blog/2025/05/12/report-21 now.",
    "{{ '/assets/2025-06/x.svg' | relative_url }} {% include chart-3.html %}",
    "* content\n{:toc}\n## Video {#chart-video-2}",
    '<img src="a-21.png" width="300"> <!-- 42 -->',
    "Use `--period 2025H1` here.",
    "1. First item\n2. Second item\n## 3. Heading\n### 3.1 More",
    "## 一、💬 文本模型趋势\n### ✅ 趋势一：增长\n（二）说明",
    "Trend 1: growth. Figure 2 shows it. 图1 和 表2。",
])
def test_markup_and_enumerators_are_masked(text):
    assert extract(text, "en", NAMES) == [] and extract(text, "zh", NAMES) == []


def test_a_heading_can_state_a_number():
    assert kinds("## 21 weeks of data") == [("duration", 21.0, "exact")]


def test_image_alt_text_is_read():
    assert kinds("![Kling-2.0 took 21% of video](/a/b.png)") == [("pct", 21.0, "exact")]


# ------------------------------------------------------------------ English


@pytest.mark.parametrize("text, expected", [
    ("21%", [("pct", 21.0, "exact")]),
    ("21.3 %", [("pct", 21.3, "exact")]),
    ("21 percent", [("pct", 21.0, "exact")]),
    ("twenty-one percent", [("pct", 21.0, "exact")]),
    ("about 21%", [("pct", 21.0, "approx")]),
    ("around 21%", [("pct", 21.0, "approx")]),
    ("roughly 21%", [("pct", 21.0, "approx")]),
    ("~21%", [("pct", 21.0, "approx")]),
    ("nearly 21%", [("pct", 21.0, "nearly")]),
    ("almost 21%", [("pct", 21.0, "nearly")]),
    ("over 21%", [("pct", 21.0, "above")]),
    ("more than 21%", [("pct", 21.0, "above")]),
    ("under 1%", [("pct", 1.0, "below")]),
    ("less than 1%", [("pct", 1.0, "below")]),
    ("at least 5%", [("pct", 5.0, "at_least")]),
    ("up to 5%", [("pct", 5.0, "at_most")]),
    ("just over 20%", [("pct", 20.0, "just_over")]),
    ("a quarter of video", [("pct", 25.0, "approx")]),
    ("one in five requests", [("pct", 20.0, "approx")]),
    ("two thirds of requests", [("pct", 2 / 3 * 100, "approx")]),
    ("half of all requests", [("pct", 50.0, "approx")]),
    ("three labs", [("count", 3.0, "exact")]),
    ("100+ models", [("count", 100.0, "at_least")]),
    ("more than 100 models", [("count", 100.0, "above")]),
    ("dozens of bots", [("count", (24.0, 143.0), "exact")]),
    ("10 points", [("pp", 10.0, "exact")]),
    ("about 10 percentage points", [("pp", 10.0, "approx")]),
    ("20–25%", [("pct", (20.0, 25.0), "exact")]),
    ("between 19% and 21%", [("pct", (19.0, 21.0), "exact")]),
])
def test_english_numbers(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text, value, qualifier, sign", [
    ("it halved", 0.5, "exact", -1), ("it more than halved", 0.5, "below", -1),
    ("it nearly halved", 0.5, "nearly", -1), ("it doubled", 2.0, "exact", 1),
    ("it more than doubled", 2.0, "above", 1), ("it tripled", 3.0, "exact", 1),
    ("it was unchanged", 1.0, "exact", 0), ("it fell to zero", 0.0, "exact", -1),
])
def test_english_ratio_words(text, value, qualifier, sign):
    m = one(text)
    assert (m.kind, m.value, m.qualifier, m.basis, m.sign) == ("ratio", value, qualifier,
                                                               "word", sign)


@pytest.mark.parametrize("text, sign", [("it fell 40%", -1), ("it fell by 40%", -1),
                                        ("down 40%", -1), ("a 40% drop", -1), ("rose 40%", 1),
                                        ("a 40% increase", 1)])
def test_a_percent_change_is_a_ratio(text, sign):
    m = one(text)
    assert (m.kind, m.value, m.basis, m.sign) == ("ratio", 40.0, "change", sign)


def test_a_level_after_to_is_a_share_not_a_change():
    ms = extract("Runway fell from 40% to 20%.", "en", NAMES)
    assert [(m.kind, m.value, m.role) for m in ms] == [("pct", 40.0, "from"), ("pct", 20.0, "to")]
    assert ms[1].sign == -1
    assert [(m.kind, m.role) for m in extract("fell from 40 to 20%", "en")] == [
        ("pct", "from"), ("pct", "to")]


def test_points_carry_their_direction():
    assert one("Anthropic was down 10 points").sign == -1
    assert one("Anthropic gained 10 points").sign == 1
    m = one("a ~10% absolute share decline")
    assert (m.kind, m.qualifier) == ("pp", "approx")


@pytest.mark.parametrize("text, value, qualifier, role", [
    ("within 6 weeks", 6.0, "within", None), ("within ~6 weeks", 6.0, "within", None),
    ("in just three weeks", 3.0, "just", None), ("two weeks after release", 2.0, "exact", None),
    ("about 6 weeks", 6.0, "approx", None), ("a 12-week run", 12.0, "exact", None),
    ("in its third week", 3.0, "exact", "ordinal"),
])
def test_english_durations(text, value, qualifier, role):
    m = one(text)
    assert (m.kind, m.value, m.qualifier, m.role) == ("duration", value, qualifier, role)


def test_vague_durations_are_ranges():
    assert one("a few weeks").value == (2.0, 6.0)
    assert one("several weeks").value == (3.0, 9.0)
    assert one("three months").qualifier == "approx"


@pytest.mark.parametrize("text, days", [
    ("mid-February", ("2025-02-11", "2025-02-20")),
    ("early February", ("2025-02-01", "2025-02-10")),
    ("late April", ("2025-04-21", "2025-04-30")),
    ("late February", ("2025-02-21", "2025-02-28")),
    ("the last week of April", ("2025-04-24", "2025-04-30")),
    ("the end of April", ("2025-04-21", "2025-04-30")),
    ("early 2025", ("2025-01-01", "2025-04-30")),
    ("H1", ("2025-01-01", "2025-06-30")),
    ("H1 2025", ("2025-01-01", "2025-06-30")),
    ("Q2", ("2025-04-01", "2025-06-30")),
    ("the first four months of 2025", ("2025-01-01", "2025-04-30")),
    ("May 12", ("2025-05-12", "2025-05-12")),
    ("2025-05-12", ("2025-05-12", "2025-05-12")),
    ("in May", ("2025-05-01", "2025-05-31")),
    ("in 2025", ("2025-01-01", "2025-12-31")),
])
def test_english_dates(text, days):
    m = one(text)
    assert m.kind == "date"
    lo, hi = m.when.days(2025)
    assert (lo.isoformat(), hi.isoformat()) == days


def test_may_the_verb_is_not_a_month():
    assert extract("Users may switch models.", "en", NAMES) == []
    assert one("By May, it led.").kind == "date"


def test_date_roles():
    assert one("Kling launched in late April").role == "release"
    assert one("Veo 2, after its February release").role == "release"
    assert one("a peak in mid-February").role == "peak"
    assert [m.role for m in extract("3% by the end of April", "en")] == [None, None]


@pytest.mark.parametrize("text, value, qualifier", [
    ("the second-largest family", 2.0, "exact"), ("No. 1", 1.0, "exact"),
    ("the top three", 3.0, "at_most"), ("ranked fifth", 5.0, "exact"),
    ("in second place", 2.0, "exact"), ("the runner-up", 2.0, "exact"),
])
def test_english_ranks(text, value, qualifier):
    m = one(text)
    assert (m.kind, m.value, m.qualifier) == ("rank", value, qualifier)


def test_one_as_an_article_is_not_a_claim():
    assert extract("One model led; one of them fell.", "en", NAMES) == []


# ------------------------------------------------------------------ Chinese


@pytest.mark.parametrize("text, expected", [
    ("约21%", [("pct", 21.0, "approx")]),
    ("大约21%", [("pct", 21.0, "approx")]),
    ("21%左右", [("pct", 21.0, "approx")]),
    ("近30%", [("pct", 30.0, "nearly")]),
    ("将近30%", [("pct", 30.0, "nearly")]),
    ("超过30%", [("pct", 30.0, "above")]),
    ("不到1%", [("pct", 1.0, "below")]),
    ("百分之三十", [("pct", 30.0, "exact")]),
    ("八成", [("pct", 80.0, "approx")]),  # a share in words: approximate, as "a quarter" is
    ("近三成", [("pct", 30.0, "nearly")]),
    ("两成多", [("pct", 20.0, "plus")]),
    ("三成五", [("pct", 35.0, "exact")]),
    ("占了一半", [("pct", 50.0, "approx")]),
    ("过半", [("pct", 50.0, "above")]),
    ("三分之一", [("pct", 100 / 3, "approx")]),
    ("约１０％", [("pct", 10.0, "approx")]),
    ("下降了约10个百分点", [("pp", 10.0, "approx")]),
    ("十几个模型", [("count", (11.0, 19.0), "exact")]),
    ("三家公司", [("count", 3.0, "exact")]),
    ("二十多个", [("count", 20.0, "plus")]),
    ("略高于20%", [("pct", 20.0, "just_over")]),
])
def test_chinese_numbers(text, expected):
    assert kinds(text, "zh") == expected


def test_chengs_unit_is_ten_points_when_qualified():
    assert one("近八成", "zh").unit == 10.0
    assert one("三成五", "zh").unit == 1.0


def test_a_bare_cheng_is_approximate_not_rounded_to_ten():
    from writer.verify import tolerance

    iv = tolerance(one("四成", "zh"))  # 40 ± 4: 36% is 三成多 or 近四成, not 四成
    assert 36.0 in iv and 44.0 in iv and 35.9 not in iv and 44.5 not in iv
    assert 35.9 in tolerance(one("近四成", "zh")) and 35.9 in tolerance(one("约四成", "zh"))


@pytest.mark.parametrize("text, value, qualifier, basis", [
    ("下降了一半", 0.5, "exact", "word"), ("减半", 0.5, "exact", "word"),
    ("下降了一半以上", 0.5, "below", "word"), ("翻了一番", 2.0, "exact", "word"),
    ("翻了两番", 4.0, "exact", "word"), ("增长了一倍多", 2.0, "above", "word"),
    ("增长了两倍", 3.0, "exact", "multiple"), ("增长到约4倍", 4.0, "approx", "multiple"),
    ("持平", 1.0, "exact", "word"), ("降至零", 0.0, "exact", "word"),
])
def test_chinese_ratios(text, value, qualifier, basis):
    m = one(text, "zh")
    assert (m.kind, m.value, m.qualifier, m.basis) == ("ratio", value, qualifier, basis)


def test_chinese_percent_change_and_levels():
    m = one("份额下降了40%", "zh")
    assert (m.kind, m.value, m.basis, m.sign) == ("ratio", 40.0, "change", -1)
    ms = extract("从2%增加到10%", "zh", NAMES)
    assert [(m.kind, m.value, m.role, m.sign) for m in ms] == [
        ("pct", 2.0, "from", 0), ("pct", 10.0, "to", 1)]
    ms = extract("从2月中旬的高峰7%下降至4月底的3%", "zh", NAMES)
    assert [(m.kind, m.role) for m in ms] == [("date", "peak"), ("pct", "from"), ("date", None),
                                              ("pct", "to")]


@pytest.mark.parametrize("text, value, qualifier", [
    ("三周", 3.0, "exact"), ("两周内", 2.0, "within"), ("仅用三周", 3.0, "just"),
    ("短短6周内", 6.0, "within"), ("约6周", 6.0, "approx"), ("六周", 6.0, "exact"),
    ("12周", 12.0, "exact"), ("三周多", 3.0, "plus"),
])
def test_chinese_durations(text, value, qualifier):
    m = one(text, "zh")
    assert (m.kind, m.value, m.qualifier) == ("duration", value, qualifier)


@pytest.mark.parametrize("text, days", [
    ("2月中旬", ("2025-02-11", "2025-02-20")), ("2月上旬", ("2025-02-01", "2025-02-10")),
    ("4月下旬", ("2025-04-21", "2025-04-30")), ("4月底", ("2025-04-21", "2025-04-30")),
    ("4月初", ("2025-04-01", "2025-04-10")), ("4月最后一周", ("2025-04-24", "2025-04-30")),
    ("年初", ("2025-01-01", "2025-02-28")), ("2025年初", ("2025-01-01", "2025-02-28")),
    ("上半年", ("2025-01-01", "2025-06-30")), ("第二季度", ("2025-04-01", "2025-06-30")),
    ("5月", ("2025-05-01", "2025-05-31")), ("2025年4月21日", ("2025-04-21", "2025-04-21")),
    ("前四个月", ("2025-01-01", "2025-04-30")), ("４月中旬", ("2025-04-11", "2025-04-20")),
])
def test_chinese_dates(text, days):
    m = one(text, "zh")
    assert m.kind == "date"
    lo, hi = m.when.days(2025)
    assert (lo.isoformat(), hi.isoformat()) == days


def test_yiban_in_all_its_senses():
    assert [m.kind for m in extract("下降了一半，占了一半，上半年", "zh", NAMES)] == [
        "ratio", "pct", "date"]


@pytest.mark.parametrize("text, value, qualifier", [
    ("第二", 2.0, "exact"), ("排名第3", 3.0, "exact"), ("位居第一", 1.0, "exact"),
    ("位列前三名", 3.0, "at_most"),
])
def test_chinese_ranks(text, value, qualifier):
    m = one(text, "zh")
    assert (m.kind, m.value, m.qualifier) == ("rank", value, qualifier)


@pytest.mark.parametrize("text", ["之一", "统一", "一家独大", "一个模型", "进一步", "第一次",
                                  "一度", "唯一", "趋势一：", "成为", "那一周", "同一周"])
def test_chinese_words_with_numerals_are_not_claims(text):
    assert extract(text, "zh", NAMES) == []


@pytest.mark.parametrize("text, value", [("三", 3), ("十", 10), ("十五", 15), ("二十一", 21),
                                         ("两百", 200), ("一百二十", 120), ("三点五", 3.5),
                                         ("一万二千", 12000)])
def test_zh_number(text, value):
    assert zh_number(text) == value


# ------------------------------------------------------------------ positions


def test_line_and_column_are_one_based_characters():
    text = "First line.\n快手的 Kling 2.0 拿下了 21% 的视频。\n  and 3 weeks"
    ms = extract(text, "zh", NAMES, first_line=7)
    assert [(m.line, m.col, m.text) for m in ms] == [(8, 19, "21%"), (9, 7, "3 weeks")]


def test_full_width_digits_keep_their_positions():
    (m,) = extract("占比约１０％。", "zh", NAMES)
    assert (m.col, m.text, m.value, m.qualifier) == (4, "１０％", 10.0, "approx")


def test_when_resolves_the_year_against_a_period():
    from datetime import date

    w = When(None, (12, 21), (12, 31))
    assert w.resolve(date(2024, 11, 4), date(2025, 3, 2))[0] == date(2024, 12, 21)
    assert When(None, (1, 1), (1, 10)).resolve(date(2024, 11, 4), date(2025, 3, 2))[0] == \
        date(2025, 1, 1)


def test_every_kind_and_lang_is_checked():
    with pytest.raises(ValueError):
        extract("21%", "fr", NAMES)
