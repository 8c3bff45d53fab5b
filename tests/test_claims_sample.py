"""Claims read on the sample's own ledger (2025H1): each sentence below is true or false of
the sample data by a margin a reader would agree with, and `check_text` must say so.

These are the claim shapes the held-out editor edits (tests/editor_corpus.py, HELDOUT) found
the checker missing; each false sentence sits beside a true one of the same shape, so a rule
that rejects the shape outright fails here. Values (two-week means at the end unless dated):
reasoning 2.0% → 10.1% of text (peak 11.9% in February); ElevenLabs 79.8% of audio; o1 #6 and
o3 #5 of reasoning at the end; DeepSeek-R1 #1 of reasoning every week 01-27..04-21; Veo-2
flat at about 20% from March; Runway 31.9% → 28.4% over March; GPT-4o has no image share;
Runway 30.1% and Kling-1.6 13.5% of video in mid-March; PlayAI 4.6% and Orpheus 2.9% of audio
at the end; OpenAI 41.0% and Anthropic 33.8% of text in January; Ideogram 5.9% and DALL-E-3
3.6% of image at the end; GPT-4o 35.9%, Claude-3.5-Sonnet 12.0%, GPT-4.1 10.0% of text at the
end; Kling-2.0 21.2% and Kling-1.6 6.9% of video at the end;
the registry tags four bots hybrid-reasoning.
"""

from __future__ import annotations

import argparse
from functools import lru_cache

import pytest

from writer import pipeline
from writer.cli import _load
from writer.periods import parse_period, resolve_weeks
from writer.verify import check_text


@lru_cache(maxsize=1)
def _ledger():
    ds = _load(argparse.Namespace(data=None, models=None, config=None))
    return pipeline.analyse(ds, resolve_weeks(parse_period("2025H1"), ds.mondays)).ledger


T, F = True, False
CASES = [
    # directions: a plain fall is over the period; a fall back is from the peak
    ("reasoning", "en", "Reasoning models fade, Kling-2.0 takes off", F),
    ("reasoning", "en", "Reasoning models surge, Kling-2.0 takes off", T),
    ("reasoning", "zh", "推理模型份额下滑。", F),
    ("reasoning", "zh", "推理模型份额在2月中旬见顶后回落。", T),
    # a direction over the dates its clause names
    ("video", "en", "Veo-2's share kept climbing through April and May.", F),
    ("video", "en", "Runway's share fell in March.", T),
    ("video", "en", "Runway's share rose in March.", F),
    ("reasoning", "en", "o3's share of reasoning messages has fallen since mid-February.", T),
    ("reasoning", "en", "o3's share of reasoning messages has risen since mid-February.", F),
    # ranks: the overtaker holds the rank; 前三; a rank over a span of dates
    ("text", "en", "GPT-4.1 overtook GPT-4o as the most used text model in May.", F),
    ("image", "en", "Imagen-3 overtook FLUX as the leading image model in May.", F),
    ("reasoning", "zh", "Gemini-2.5超过DeepSeek-R1，成为最受欢迎的推理模型。", T),
    ("reasoning", "zh", "o1期末仍位居推理消息前三。", F),
    ("reasoning", "zh", "Claude-3.7-Sonnet期末位居推理消息前三。", T),
    ("reasoning", "en", "DeepSeek-R1 led reasoning messages from late January until late April.", T),
    ("reasoning", "en", "DeepSeek-R1 led reasoning messages from late January until late May.", F),
    ("reasoning", "zh", "DeepSeek-R1在1月下旬至4月下旬一直领跑推理消息。", T),
    ("image", "zh", "图像生成：Imagen-3登顶", F),
    ("image", "zh", "图像生成：FLUX登顶", T),
    # a chart that opens the sentence scopes its numbers
    ("image", "en", "In image generation, GPT-4o finished May with 36%.", F),
    ("image", "en", "In image generation, FLUX finished May with 35%.", T),
    (None, "zh", "在图像生成领域，GPT-4o期末占36%。", F),
    (None, "zh", "图像生成方面，FLUX期末占35%。", T),
    # a share is its owner's, not the rest beside it; 跌破 is below
    ("audio", "zh", "ElevenLabs期末的份额已不足六成。", F),
    ("audio", "zh", "ElevenLabs期末的份额已超过七成。", T),
    ("audio", "zh", "ElevenLabs在音频生成中的份额已跌破五成。", F),
    # fractions in words
    (None, "en", "About one text message in ten now goes to a reasoning model.", T),
    (None, "en", "About one text message in four now goes to a reasoning model.", F),
    ("image", "en", "FLUX and Imagen-3 together made up about two-thirds of image generations "
     "at the end of May.", T),
    ("image", "en", "FLUX and Imagen-3 together made up about half of image generations "
     "at the end of May.", F),
    # counts: a tag group's bots; a count after the names it counts
    ("reasoning", "zh", "混合推理模型共有四款。", T),
    ("reasoning", "en", "Six hybrid reasoning bots took 3% of text messages.", F),
    ("video", "zh", "期末Runway、Luma和Hailuo三家合计约占视频生成的34%。", T),
    ("video", "zh", "期末Runway、Luma和Hailuo四家合计约占视频生成的34%。", F),
    # names outside the data; a model the sentence does not name
    ("audio", "en", "Fish-Audio reached about 3% of audio generations.", F),
    ("audio", "en", "Orpheus reached about 3% of audio generations.", T),
    ("image", "zh", "即梦期末占图像生成请求的约6%。", F),
    ("video", "en", "A new video model reached 21% of video generations in May.", F),
    # a count past a threshold; a count its list makes true
    ("image", "en", "Only three image models held more than 10% of image generations at the "
     "end.", T),
    ("image", "en", "Only two image models held more than 10% of image generations at the "
     "end.", F),
    ("text", "en", "Five text models ended the period above 10% of text messages.", F),
    ("image", "zh", "期末有四款图像模型的份额超过一成。", F),
    ("image", "zh", "期末有三款图像模型的份额超过一成：FLUX、Imagen-3和GPT-Image-1。", T),
    ("video", "en", "Three video models ended the period at about 20% each: Kling-2.0, Veo-2 "
     "and Runway.", T),
    # one model's share as a multiple of another's, or of all the others'
    ("text", "en", "GPT-4o ended the period with about three times Claude-3.5-Sonnet's share of "
     "text messages.", T),
    ("text", "en", "GPT-4o ended the period with about twice GPT-4.1's share of text messages.",
     F),
    ("audio", "en", "ElevenLabs handled about four times as many audio generations as all its "
     "rivals combined.", T),
    ("audio", "en", "ElevenLabs handled about eight times as many audio generations as all its "
     "rivals combined.", F),
    ("video", "zh", "期末Kling-2.0的份额约为Kling-1.6的三倍。", T),
    ("video", "zh", "期末Kling-2.0的份额约为Kling-1.6的五倍。", F),
    # 领先 before a name compares the two; a numeric rank over a span of dates; 旗下 owns
    ("audio", "zh", "期末PlayAI在音频生成中排名第四，仍领先Orpheus。", T),
    ("audio", "zh", "期末Orpheus在音频生成中排名第五，仍领先PlayAI。", F),
    ("video", "en", "Veo-2 ranked second in video generations from late February to the end of "
     "April.", T),
    ("video", "en", "Veo-2 ranked second in video generations from late February to the end of "
     "May.", F),
    ("reasoning", "zh", "期末OpenAI旗下的o4-mini、o3和o1合计约占推理消息的三分之一。", T),
    ("reasoning", "zh", "期末OpenAI旗下的o4-mini、o3和o1合计约占推理消息的一半。", F),
    # a family said to be another provider's
    ("video", "en", "Kling-2.0, MiniMax's new video model, held about 21% of video generations "
     "at the end of May.", F),
    ("video", "en", "Kling-2.0, Kuaishou's new video model, held about 21% of video generations "
     "at the end of May.", T),
    ("video", "zh", "腾讯的Wan期末约占视频生成请求的3%。", F),
    ("video", "zh", "阿里巴巴的Wan期末约占视频生成请求的3%。", T),
    # a from → to pair dated by a pair of dates
    (None, "en", "Reasoning models went from 2% to 10% of text messages on Poe between January "
     "and May 2025.", T),
    (None, "en", "Reasoning models went from 2% to 10% of text messages between March and May.",
     F),
    (None, "zh", "推理模型在1月至5月间从2%升至10%。", T),
    (None, "zh", "推理模型在3月至5月间从2%升至10%。", F),
    # steadily / 一路: no climb back on the way (from the peak when it says so)
    ("video", "en", "Kling-1.6 lost share steadily from January onward.", F),
    ("video", "en", "Runway lost share steadily from January onward.", T),
    ("text", "zh", "DeepSeek-R1在文本消息中的份额自上线起一路下滑。", F),
    ("text", "zh", "DeepSeek-R1在2月中旬达到7%的峰值，此后一路回落，期末降至约1%。", T),
    # comparisons of two named models, in the weeks dated or at the end
    ("video", "en", "By mid-March, Runway was ahead of Kling-1.6.", T),
    ("video", "en", "By mid-March, Kling-1.6 had overtaken Runway.", F),
    ("audio", "en", "PlayAI stayed ahead of Orpheus.", T),
    ("audio", "en", "Orpheus overtook PlayAI.", F),
    ("text", "en", "In January, OpenAI's models drew more text messages than Anthropic's.", T),
    ("text", "en", "In January, Anthropic's models drew more text messages than OpenAI's.", F),
    ("image", "zh", "期末Ideogram的份额仍高于DALL-E-3。", T),
    ("image", "zh", "期末DALL-E-3的份额仍高于Ideogram。", F),
    ("text", "en", "GPT-4o led with 36% at the end, 24 points ahead of Claude-3.5-Sonnet.", T),
    # sums of listed names: every name of the list, bots as themselves
    ("text", "en", "Gemini-2.5-Flash and Qwen-3 together held 6% of text messages at the end "
     "of the period.", F),
    ("text", "en", "Gemini-2.5 and Qwen-3 together held 6% of text messages at the end of the "
     "period.", T),
]


@pytest.mark.parametrize("chart, lang, sentence, true", CASES,
                         ids=[f"{'T' if c[3] else 'F'}-{c[2][:40]}" for c in CASES])
def test_a_claim_on_the_sample_is_caught_or_accepted(chart, lang, sentence, true):
    issues = check_text(sentence, lang, _ledger(), chart=chart).issues
    if true:
        assert issues == (), [i.render() for i in issues]
    else:
        assert issues, f"accepted a false claim: {sentence}"


def test_a_failed_direction_says_over_which_weeks():
    (issue,) = check_text("Veo-2's share kept climbing through April and May.", "en", _ledger(),
                          chart="video").issues
    assert "over 2025-03-31..2025-05-26" in issue.reason
