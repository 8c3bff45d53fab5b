"""The vocabulary: every word a post uses for the platform, its unit and its charts."""

from __future__ import annotations

import pytest

from writer.errors import InputError
from writer.vocab import Profile, Vocabulary


def test_the_default_is_poes_words():
    v = Vocabulary()
    assert v.platform("en") == "Poe" and v.audience("en") == "subscribers"
    assert v.noun("text", "en") == "text messages" and v.noun("text", "zh") == "文本消息"
    assert v.noun("video", "en") == "video generations"
    assert v.noun("video", "zh") == "视频生成请求"
    assert v.title("audio", "zh") == "🔊 音频生成（文字转语音）"


def test_another_platform_counting_tokens_never_says_messages_or_subscribers():
    v = Vocabulary(Profile.from_config({}, platform="Acme", unit="tokens"))
    assert v.platform("en") == "Acme" and v.audience("en") is None and v.audience("zh") is None
    for chart in ("text", "reasoning", "image", "video", "audio", "tools", "x_y"):
        for lang in ("en", "zh"):
            noun = v.noun(chart, lang)
            assert "message" not in noun and "消息" not in noun, (chart, lang, noun)
            assert "token" in noun
    assert v.noun("text", "en") == "text tokens" and v.noun("text", "zh") == "文本token用量"


def test_an_unknown_category_gets_a_readable_title_never_the_bare_label():
    v = Vocabulary()
    assert v.title("long_context", "en") == "🧩 Long context models"
    assert v.title("long_context", "zh") == "🧩 “long_context”类模型"
    assert v.noun("long_context", "en") == "long context messages"
    assert v.title("tools", "en") == "🧰 Tool use"  # a common category has words of its own


def test_categories_and_platform_come_from_writer_toml():
    config = {"platform": {"name": "Acme", "unit": "requests", "audience": "developers",
                           "source": "Source: Acme public rankings"},
              "categories": {"rag": {"title": "Retrieval", "title_zh": "检索增强",
                                     "noun": "retrieval", "noun_zh": "检索"}},
              "data": {"top_n": 9}}
    p = Profile.from_config(config)
    v = Vocabulary(p, p.top_n)
    assert (p.unit, p.unit_zh, p.audience, p.audience_zh, p.top_n) == (
        "requests", "请求", "developers", "开发者", 9)
    assert v.title("rag", "en") == "🧩 Retrieval" and v.noun("rag", "zh") == "检索请求"
    assert v.source("zh") == "Source: Acme public rankings"  # no source_zh: the same line
    assert "top-9 extract" in v.top_n_note("en") and "前9名" in v.top_n_note("zh")


def test_the_flags_override_the_file():
    p = Profile.from_config({"platform": {"name": "Acme", "unit": "requests"}},
                            platform="Beta", unit="tokens")
    assert (p.name, p.unit, p.unit_zh) == ("Beta", "tokens", "token用量")


@pytest.mark.parametrize("config, says", [
    ({"platform": {"nmae": "Acme"}}, "unknown key 'nmae' in [platform]"),
    ({"platform": {"name": ""}}, "[platform] name must be a non-empty text"),
    ({"platform": {"unit": 3}}, "[platform] unit must be a non-empty text"),
    ({"data": {"top_n": 0}}, "[data] top_n must be a whole number of at least 1"),
    ({"data": {"top_n": "nine"}}, "[data] top_n must be a whole number of at least 1"),
    ({"categories": {"tools": {"titel": "x"}}}, "unknown key 'titel' in [categories.tools]"),
    ({"categories": {"tools": "Tool use"}}, "[categories] tools must be a table"),
])
def test_a_bad_profile_is_an_input_error_that_names_the_fix(config, says):
    with pytest.raises(InputError) as err:
        Profile.from_config(config)
    assert says in err.value.render() and "fix" in err.value.render().lower()


def test_display_names_replace_whole_names_only():
    from types import MappingProxyType

    v = Vocabulary(names_zh=MappingProxyType({"Kuaishou": "快手", "Kling": "可灵"}))
    text = "Kuaishou旗下的Kling系列与Kling-2.0相比"
    assert v.localise(text, "zh") == "快手旗下的可灵系列与Kling-2.0相比"
    assert v.localise(text, "en") == text
