"""An editor's corpus for issue 15: single-claim edits a comms editor would plausibly make to
the drafted sample posts (`writer draft --period 2025H1`), each marked true or false.

Written from the DATA, not from the checker's rules: the truth of every edit was decided from
weekly shares computed with pandas straight from data/usage.csv and data/models.csv (text
excludes the Assistant bot; reasoning = text messages with reasoning on; video and audio count
only user-triggered requests; shares by family unless a provider is named). "At the end"
means the last weeks of the period (mean of 2025-05-19 and 2025-05-26); a sentence with no
time is read at the end. A stated share is true within rounding ("about 30%" for 29.6%,
"a third" for 31-35%). Figures quoted in `why` are those weekly shares, in %.

Each edit is either a replacement (`find` → `replace`, `find` must occur exactly once in the
post) or, with `insert=True`, a new line `replace` put after the line that contains `find`.
`backed` says whether the data backs the edited claim; `why` says why it is false (with the
true value) or why the paraphrase is true.

The shared runner (`measure`) is used by tests/test_editor_corpus.py and bench/editor_corpus.py.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

KINDS = ("names", "chart", "ranks", "directions", "counts", "sets", "fractions", "everywhere",
         "numbers")


@dataclass(frozen=True)
class Edit:
    kind: str
    lang: str
    find: str
    replace: str
    backed: bool
    why: str
    insert: bool = False


class StaleEdit(AssertionError):
    """The post no longer holds an edit's `find` text exactly once: the corpus must be updated."""


def apply(edit: Edit, text: str) -> str:
    """The post with this one edit made."""
    n = text.count(edit.find)
    if n != 1:
        raise StaleEdit(f"{edit.kind}/{edit.lang}: {edit.find!r} occurs {n} times in the post "
                        "(expected exactly once); update tests/editor_corpus.py")
    if not edit.insert:
        return text.replace(edit.find, edit.replace, 1)
    end = text.index("\n", text.index(edit.find)) + 1
    return text[:end] + edit.replace + "\n" + text[end:]


# ------------------------------------------------------------------------------------------
# Ways of writing an edit
# ------------------------------------------------------------------------------------------

def F(kind, lang, find, replace, why):
    """A false replacement."""
    return Edit(kind, lang, find, replace, False, why)


def T(kind, lang, find, replace, why):
    """A true paraphrase (replacement)."""
    return Edit(kind, lang, find, replace, True, why)


def FB(kind, lang, after, sentence, why):
    """A false bullet added after the line holding `after`."""
    return Edit(kind, lang, after, "- " + sentence, False, why, insert=True)


def TB(kind, lang, after, sentence, why):
    """A true bullet added after the line holding `after`."""
    return Edit(kind, lang, after, "- " + sentence, True, why, insert=True)


def FP(kind, lang, after, sentence, why):
    """A false paragraph added after the line holding `after`."""
    return Edit(kind, lang, after, "\n" + sentence, False, why, insert=True)


def TP(kind, lang, after, sentence, why):
    """A true paragraph added after the line holding `after`."""
    return Edit(kind, lang, after, "\n" + sentence, True, why, insert=True)


def FM(kind, lang, line, backed, why):
    """A front-matter line (excerpt:, description:, ...) added after `icon: web`."""
    return Edit(kind, lang, "icon: web", line, backed, why, insert=True)


# Where new lines go: the last bullet of each section, unique in its post.
TXT = "- **DeepSeek-R1** peaked at **7%** of text messages"
RSN = "- **o3** is taking over from o1:"
IMG = "- **Playground** fell from 8%"
VID = "- **Veo-2**, launched in mid-February"
AUD = "- **Unreal-Speech** fell from about 9%"
HL = "- **ElevenLabs dominates audio generation**"
INTRO = "Which AI models did Poe subscribers actually use"
CONC = "Reasoning models surge and Kling-2.0 takes off: in January–May 2025"
ZTXT = "- **DeepSeek-R1**在2月中旬达到**7%**的峰值"
ZRSN = "- **o3**正在取代前代的o1"
ZIMG = "- **Playground**的份额从8%降至"
ZVID = "- **Veo-2**于2月中旬上线"
ZAUD = "- **Unreal-Speech**的份额从约9%降至"
ZHL = "- **ElevenLabs一家独大**"
ZINTRO = "2025年1月至5月，Poe的订阅用户究竟在用哪些AI模型？"
ZCONC = "2025年1月至5月，推理模型快速崛起、Kling-2.0迅速走红"


# ------------------------------------------------------------------------------------------
# 1. names: a model or brand not in the data, a subject naming nothing, a real name swapped
# ------------------------------------------------------------------------------------------
K = "names"
NAMES = (
    F(K, "en", "- **FLUX** fell from 45% to **35%**", "- **Midjourney** fell from 45% to **35%**",
      "Midjourney is not in the data; FLUX is the family that fell 45→35"),
    FB(K, "en", IMG, "Midjourney held 35% of image generations at the end of the period.",
       "Midjourney is not in the data (FLUX held 34.8%)"),
    FB(K, "en", VID, "Sora reached 20% of video generations in its first month.",
       "Sora is not in the data"),
    F(K, "en", "- **GPT-Image-1** reached **17%** of image generations",
      "- **Imagen-4** reached **17%** of image generations",
      "Imagen-4 is not in the data; GPT-Image-1 reached 17%"),
    FB(K, "en", VID, "One newcomer reached 30% of video generations in May.",
       "names nothing, and no video family reached 30% in May (max Kling-2.0 21.3%)"),
    FB(K, "en", TXT, "Claude-4-Opus drew 8% of text messages in its first weeks.",
       "Claude-4-Opus is not in the data"),
    FB(K, "en", TXT, "GPT-5 already handles 12% of text messages.",
       "GPT-5 is not in the data"),
    FB(K, "en", RSN, "DeepSeek-R2 took 10% of reasoning messages by the end of May.",
       "DeepSeek-R2 is not in the data (DeepSeek-R1 ended at 13.4%)"),
    F(K, "en", "- **Kling-2.0** reached **21%** of video generations three weeks",
      "- **Veo-3** reached **21%** of video generations three weeks",
      "Veo-3 is not in the data; Veo-2 sat at 20% and launched in February, Kling-2.0 is the 21% one"),
    FB(K, "en", AUD, "Suno picked up 5% of audio generations in April.",
       "Suno is not in the data (audio families: ElevenLabs, Cartesia, Unreal-Speech, PlayAI, Orpheus)"),
    FB(K, "en", IMG, "A newcomer from a small lab grabbed 12% of image generations in March.",
       "names nothing; no image family launched in the period before late April (GPT-Image-1), and none had 12% new in March"),
    F(K, "en", "- **GPT-4.1** reached **about 10%** of text messages four weeks",
      "- **GPT-4.5** reached **about 10%** of text messages four weeks",
      "real name swapped: GPT-4.5 peaked at 0.8% of text (GPT-4.1 is the 10% one)"),
    F(K, "en", "- **Runway** fell from 40% to **20%**", "- **Pika** fell from 40% to **20%**",
      "real name swapped: Pika fell from 11.8% to about 6.7%, not 40→20 (that is Runway)"),
    F(K, "en", "- **Orpheus** reached **about 3%** of audio generations",
      "- **PlayAI** reached **about 3%** of audio generations",
      "real name swapped: PlayAI was at 4.4-4.6% all period and did not launch in mid-March"),
    F(K, "en", "- **GPT-4o** led text messages with **36%**", "- **GPT-4.1** led text messages with **36%**",
      "real name swapped: GPT-4.1 ended at about 10%; GPT-4o led with 36%"),
    F(K, "en", "- **Hailuo** fell from 15% to **about 7%**", "- **Wan** fell from 15% to **about 7%**",
      "real name swapped: Wan launched in late February and rose from 1% to 3.5%"),
    F(K, "en", "- **StableDiffusion** fell from 10% to **2%**", "- **Recraft** fell from 10% to **2%**",
      "real name swapped: Recraft fell from 5.0% to 1.8%, never held 10%"),
    F(K, "en", "- **Imagen-3** grew from 10% to **30%**", "- **Ideogram** grew from 10% to **30%**",
      "real name swapped: Ideogram fell from 10.2% to 5.9%"),
    F(K, "en", "Gemini-2.5 led reasoning messages at the end of the period, 13 points ahead",
      "Grok-3 led reasoning messages at the end of the period, 13 points ahead",
      "real name swapped: Grok-3 had 0.7% of reasoning; Gemini-2.5 led with 31.5%"),
    FB(K, "en", RSN, "A model from a Chinese startup now holds a quarter of reasoning messages.",
       "names nothing; the Chinese models in reasoning (DeepSeek-R1 13.4%, QwQ 0.7%, Qwen-3 0.5%) hold nowhere near 25%"),
    FB(K, "en", TXT, "Llama-5 drew 3% of text messages in May.", "Llama-5 is not in the data"),
    F(K, "zh", "- **FLUX**的份额从45%降至**35%**", "- **Midjourney**的份额从45%降至**35%**",
      "Midjourney不在数据中；45%→35%的是FLUX"),
    FB(K, "zh", ZVID, "Sora上线首月就拿下了视频生成请求的20%。", "Sora不在数据中"),
    FB(K, "zh", ZVID, "一款新模型在5月拿下了30%的视频生成请求。",
       "未指名任何模型；5月没有哪个视频模型达到30%（最高Kling-2.0约21%）"),
    FB(K, "zh", ZTXT, "豆包期末占到文本消息的5%。", "豆包不在数据中"),
    FB(K, "zh", ZTXT, "文心一言在4月拿下了3%的文本消息。", "文心一言不在数据中"),
    FB(K, "zh", ZIMG, "Imagen-4上线后很快拿下了图像生成请求的15%。", "Imagen-4不在数据中（Imagen-3期末约30%）"),
    F(K, "zh", "- **Kling-2.0**于4月下旬上线，3周后拿下了",
      "- **Kling-3.0**于4月下旬上线，3周后拿下了", "Kling-3.0不在数据中"),
    FB(K, "zh", ZRSN, "DeepSeek-R2期末拿下了推理消息的10%。", "DeepSeek-R2不在数据中"),
    FB(K, "zh", ZAUD, "Suno在4月拿下了5%的音频生成请求。", "Suno不在数据中"),
    F(K, "zh", "- **GPT-4.1**于4月中旬上线，4周后就拿下了",
      "- **GPT-4.5**于4月中旬上线，4周后就拿下了",
      "真实名称被替换：GPT-4.5于2月下旬上线，最高只占文本消息0.8%"),
    F(K, "zh", "- **Runway**的份额从40%降至**20%**", "- **Pika**的份额从40%降至**20%**",
      "真实名称被替换：Pika从11.8%降至约6.7%"),
    F(K, "zh", "- **Imagen-3**的份额从10%升至**30%**", "- **Ideogram**的份额从10%升至**30%**",
      "真实名称被替换：Ideogram从10.2%降至5.9%"),
    F(K, "zh", "Gemini-2.5也已领跑推理消息", "Grok-3也已领跑推理消息",
      "真实名称被替换：Grok-3只占推理消息0.7%"),
    FB(K, "zh", ZRSN, "某家中国创业公司的模型如今占到推理消息的四分之一。",
       "未指名任何模型；数据中的中国推理模型（DeepSeek-R1约13%、QwQ 0.7%、Qwen-3 0.5%）远不到25%"),
    FB(K, "zh", ZIMG, "Midjourney期末拿下了图像生成请求的35%。", "Midjourney不在数据中（FLUX为34.8%）"),
    # true: real names, restated
    T(K, "en", "- **FLUX** fell from 45% to **35%**", "- **Black Forest Labs' FLUX** fell from 45% to **35%**",
      "FLUX is Black Forest Labs' family; 45.0→34.8"),
    TB(K, "en", IMG, "Google's Imagen-3 ended the period at 30% of image generations.",
       "Imagen-3 (Google) 29.7/30.4 at the end"),
    TB(K, "en", VID, "Veo-2, Google's video model, held about 20% of video generations at the end.",
       "Veo-2 20.3/20.0 at the end"),
    TB(K, "en", AUD, "Cartesia ended the period at about 7% of audio generations.",
       "Cartesia 6.8/6.9 at the end"),
    TB(K, "zh", ZIMG, "谷歌的Imagen-3期末占图像生成请求的30%。", "Imagen-3期末29.7/30.4"),
    TB(K, "zh", ZAUD, "Cartesia期末约占音频生成请求的7%。", "Cartesia期末6.8/6.9"),
    TB(K, "zh", ZVID, "谷歌的Veo-2期末约占视频生成请求的20%。", "Veo-2期末20.3/20.0"),
)

# ------------------------------------------------------------------------------------------
# 2. chart: a true number put on another chart's noun
# ------------------------------------------------------------------------------------------
K = "chart"
CHART = (
    FB(K, "en", IMG, "ElevenLabs held 80% of image generations at the end of the period.",
       "80% is ElevenLabs' share of audio; ElevenLabs has no image generations"),
    FB(K, "en", AUD, "ElevenLabs held 80% of image generations at the end of the period.",
       "in the audio section, but the sentence names image generations; ElevenLabs is audio only"),
    F(K, "en", "handled **80%** of audio generations at the end of the period and led",
      "handled **80%** of video generations at the end of the period and led",
      "80% is audio; ElevenLabs has no video generations"),
    F(K, "en", "- **FLUX** fell from 45% to **35%** of image generations",
      "- **FLUX** fell from 45% to **35%** of video generations",
      "FLUX is an image family; no FLUX video generations"),
    F(K, "en", "- **Runway** fell from 40% to **20%** of video generations",
      "- **Runway** fell from 40% to **20%** of image generations",
      "Runway is a video family; no Runway image generations"),
    F(K, "en", "- **GPT-4o** led text messages with **36%**", "- **GPT-4o** led reasoning messages with **36%**",
      "GPT-4o has no reasoning messages; reasoning leader Gemini-2.5 31.5%"),
    FB(K, "en", TXT, "Gemini-2.5 reached 30% of text messages six weeks after its launch.",
       "30% is its share of reasoning; of text it had 5.0% six weeks after launch"),
    FB(K, "en", TXT, "Imagen-3 grew to 30% of all text messages.",
       "Imagen-3 is an image family (30% of images); no text messages"),
    FB(K, "en", IMG, "Kling-2.0 reached 21% of image generations three weeks after its launch.",
       "21% is Kling-2.0's share of video; no image generations"),
    F(K, "en", "- **OpenAI** handled **51%** of text messages", "- **OpenAI** handled **51%** of reasoning messages",
      "OpenAI's share of reasoning at the end was 34%; 51% is text"),
    FB(K, "en", TXT, "DeepSeek-R1 peaked at about 59% of text messages in mid-February.",
       "59% is reasoning; of text it peaked at 7.2%"),
    FB(K, "en", IMG, "Veo-2 has stayed at 20% of image generations since late February.",
       "Veo-2 is video (20%); no image generations"),
    FB(K, "en", TXT, "o4-mini reached 16% of text messages five weeks after its launch.",
       "16% is reasoning; of text o4-mini had 1.7%"),
    FB(K, "en", TXT, "Claude-3.7-Sonnet ended the period at about 18% of text messages.",
       "18% is reasoning; of text it ended at 9.4%"),
    FB(K, "en", AUD, "Cartesia held 7% of video generations at the end.",
       "Cartesia is audio (7%); no video generations"),
    FB(K, "en", VID, "GPT-Image-1 reached 17% of video generations two weeks after launch.",
       "GPT-Image-1 is image (17%); no video generations"),
    F(K, "en", "- **Kuaishou**'s models together rose from 15% to **30%** of video generations",
      "- **Kuaishou**'s models together rose from 15% to **30%** of image generations",
      "Kuaishou has no image models; 30% is video"),
    FB(K, "en", RSN, "Gemini-2.5 held about 32% of text messages at the end of the period.",
       "32% is reasoning; of text Gemini-2.5 ended at 5.8%"),
    FB(K, "en", AUD, "Orpheus reached about 3% of text messages.",
       "Orpheus is audio (3%); no text messages"),
    F(K, "zh", "期末拿下了**80%**的音频生成请求，而且每周都排在首位", "期末拿下了**80%**的图像生成请求，而且每周都排在首位",
      "80%是音频；ElevenLabs没有图像生成请求"),
    FB(K, "zh", ZAUD, "ElevenLabs期末拿下了80%的图像生成请求。", "在音频一节，但句子说的是图像生成；ElevenLabs只有音频"),
    FB(K, "zh", ZIMG, "ElevenLabs拿下了80%的图像生成请求。", "80%是音频份额"),
    F(K, "zh", "- **FLUX**的份额从45%降至**35%**，减少了10个百分点。", "- **FLUX**在视频生成请求中的份额从45%降至**35%**，减少了10个百分点。",
      "FLUX是图像模型，没有视频生成请求"),
    FB(K, "zh", ZIMG, "Runway的图像生成份额从40%降至20%。", "Runway是视频模型"),
    FB(K, "zh", ZTXT, "Gemini-2.5上线6周后拿下了30%的文本消息。", "30%是推理消息；文本中只有5.0%"),
    FB(K, "zh", ZTXT, "DeepSeek-R1在2月中旬达到占文本消息约59%的峰值。", "59%是推理消息；文本峰值7.2%"),
    F(K, "zh", "- **OpenAI**期末拿下了**51%**的文本消息", "- **OpenAI**期末拿下了**51%**的推理消息",
      "OpenAI期末占推理消息34%"),
    FB(K, "zh", ZIMG, "Kling-2.0上线3周后拿下了21%的图像生成请求。", "21%是视频份额"),
    FB(K, "zh", ZTXT, "o4-mini上线5周后拿下了16%的文本消息。", "16%是推理消息；文本中1.7%"),
    FB(K, "zh", ZVID, "GPT-Image-1上线2周后拿下了17%的视频生成请求。", "GPT-Image-1是图像模型"),
    F(K, "zh", "- **GPT-4o**期末以**36%**的份额领跑文本消息", "- **GPT-4o**期末以**36%**的份额领跑推理消息",
      "GPT-4o没有推理消息；推理领跑者是Gemini-2.5（31.5%）"),
    FB(K, "zh", ZAUD, "Orpheus拿下了约3%的文本消息。", "Orpheus是音频模型"),
    FB(K, "zh", ZTXT, "Imagen-3期末占全部文本消息的30%。", "Imagen-3是图像模型"),
    FB(K, "zh", ZRSN, "Claude-3.7-Sonnet期末约占文本消息的18%。", "18%是推理消息；文本中9.4%"),
    # true: the right chart, in other words or another section
    T(K, "en", "handled **80%** of audio generations at the end of the period and led",
      "handled **80%** of text-to-speech requests at the end of the period and led",
      "audio generations are text-to-speech requests (the section's own heading); 80%"),
    TB(K, "en", TXT, "In image generation, FLUX still led with 35% at the end.",
       "a sentence in the text section that names its chart: FLUX 34.8% of images, first"),
    TB(K, "en", AUD, "Gemini-2.5 held about 32% of reasoning messages at the end.",
       "reasoning 31.5% at the end, stated in the audio section with its chart noun"),
    TB(K, "en", IMG, "Of all text messages, DeepSeek-R1 peaked at 7% in mid-February.",
       "text peak 7.2% on 2025-02-17"),
    TB(K, "en", VID, "Gemini-2.5 held about 6% of text messages at the end.",
       "text 5.6/5.9 at the end"),
    TB(K, "zh", ZIMG, "在文本消息中，GPT-4o期末占36%。", "文本36.0/35.8"),
    TB(K, "zh", ZAUD, "在推理消息中，Gemini-2.5期末约占32%。", "推理31.5"),
    TB(K, "zh", ZTXT, "在图像生成请求中，FLUX期末仍以35%领先。", "图像34.8，第一"),
    TB(K, "zh", ZVID, "ElevenLabs期末拿下了80%的音频生成请求。", "音频80"),
)

# ------------------------------------------------------------------------------------------
# 3. ranks and superlatives
# ------------------------------------------------------------------------------------------
K = "ranks"
RANKS = (
    FB(K, "en", TXT, "Claude-3.7-Sonnet is now the most popular text model.",
       "GPT-4o is (36%); Claude-3.7-Sonnet is fourth (9.4%)"),
    FB(K, "en", RSN, "Gemini-2.5 ranked third among reasoning models at the end of the period.",
       "it ranked first (31.5%)"),
    FB(K, "en", TXT, "Claude-3.5-Sonnet ranked third among text models at the end of the period.",
       "it ranked second (12.0%) behind GPT-4o; GPT-4.1 was third (10.0%)"),
    FB(K, "en", IMG, "Imagen-3 was the most used image model at the end of the period.",
       "FLUX was (34.8% vs 30.1%)"),
    FB(K, "en", IMG, "GPT-Image-1 became the second-largest image model in May.",
       "it was third in every May week (17-18%) behind FLUX and Imagen-3 (29-30%)"),
    FB(K, "en", VID, "Veo-2 led video generations every week since its launch.",
       "Veo-2 was never first: Runway led until early May (29% in March), then Kling-2.0"),
    FB(K, "en", VID, "Kling-2.0 led video generations in every week of the period.",
       "it launched in late April; Runway led until 5 May"),
    FB(K, "en", AUD, "Unreal-Speech was the second most used audio model at the end of the period.",
       "Cartesia was second (6.8%); Unreal-Speech third (5.8%)"),
    FB(K, "en", AUD, "Cartesia was the runner-up in audio in January.",
       "Unreal-Speech was second in January (8.7-8.9% vs Cartesia 6.4-6.6%)"),
    FB(K, "en", RSN, "o3 was the leading reasoning model in mid-February.",
       "DeepSeek-R1 led (59.5% vs o3 26.5%)"),
    FB(K, "en", RSN, "DeepSeek-R1 remained the top reasoning model at the end of the period.",
       "Gemini-2.5 was top (31.5%); DeepSeek-R1 fourth (13.4%)"),
    FB(K, "en", TXT, "Anthropic was the largest text provider at the end of the period.",
       "OpenAI was (51.1% vs Anthropic 24.5%)"),
    FB(K, "en", VID, "Google led video generations at the end of the period.",
       "Kuaishou led by provider (29.8% vs Google 20.1%)"),
    FB(K, "en", TXT, "GPT-4.1 ranked second among text models at the end of the period.",
       "it ranked third (10.0%) behind Claude-3.5-Sonnet (12.0%)"),
    FB(K, "en", RSN, "o4-mini was the No. 1 reasoning model at the end of the period.",
       "it was third (16.9%) behind Gemini-2.5 (31.5%) and Claude-3.7-Sonnet (18.3%)"),
    F(K, "en", "Gemini-2.5 led reasoning messages at the end of the period, 13 points ahead",
      "Gemini-2.5 ranked second in reasoning messages at the end of the period, 13 points ahead",
      "it ranked first"),
    F(K, "en", "FLUX still led image generations at the end of the period",
      "FLUX fell to second place in image generations at the end of the period",
      "FLUX was first every week, 34.8% at the end"),
    FB(K, "en", IMG, "Ideogram was the second-largest image model at the end of the period.",
       "Ideogram was fourth (5.9%)"),
    FB(K, "en", TXT, "DeepSeek-R1 was the most used text model in mid-February.",
       "GPT-4o was (35.2% vs DeepSeek-R1 7.2%)"),
    FB(K, "en", VID, "Runway was the largest video model in every week of the period.",
       "Kling-2.0 passed it in the last three weeks (21.2/21.1/21.3 vs 20.8/20.2/19.9)"),
    F(K, "zh", "Gemini-2.5也已领跑推理消息", "Gemini-2.5在推理消息中排名第三",
      "期末排名第一（31.5%）"),
    FB(K, "zh", ZTXT, "Claude-3.7-Sonnet目前在文本消息中排名第一。", "GPT-4o第一（36%），Claude-3.7-Sonnet第四（9.4%）"),
    FB(K, "zh", ZIMG, "GPT-Image-1已成为第二大图像生成模型。", "第三（17.6%），Imagen-3第二（30.1%）"),
    FB(K, "zh", ZVID, "Veo-2每周都在视频生成请求中居首。", "Veo-2从未排名第一"),
    FB(K, "zh", ZIMG, "Imagen-3期末在图像生成请求中领跑。", "FLUX领跑（34.8% vs 30.1%）"),
    FB(K, "zh", ZIMG, "FLUX在图像生成中一家独大。", "FLUX只领先Imagen-3约5个百分点（34.8% vs 30.1%），谈不上一家独大"),
    FB(K, "zh", ZRSN, "DeepSeek-R1期末仍是推理消息中的第一名。", "Gemini-2.5第一（31.5%），DeepSeek-R1第四（13.4%）"),
    FB(K, "zh", ZTXT, "Claude-3.5-Sonnet每周都排名第一。", "GPT-4o每周第一"),
    FB(K, "zh", ZAUD, "Unreal-Speech期末是第二大音频生成模型。", "Cartesia第二（6.8%），Unreal-Speech第三（5.8%）"),
    FB(K, "zh", ZRSN, "2月中旬，o3在推理消息中居首。", "DeepSeek-R1居首（59.5% vs 26.5%）"),
    FB(K, "zh", ZTXT, "GPT-4.1期末已成为第二大文本模型。", "第三（10.0%），第二是Claude-3.5-Sonnet（12.0%）"),
    FB(K, "zh", ZVID, "谷歌期末在视频生成请求中领跑。", "快手领跑（29.8% vs 谷歌20.1%）"),
    F(K, "zh", "FLUX仍领跑图像生成请求", "FLUX已退居图像生成请求第二", "FLUX每周第一"),
    FB(K, "zh", ZRSN, "o4-mini期末在推理消息中排名第一。", "第三（16.9%）"),
    FB(K, "zh", ZVID, "Kling-2.0每周都在视频生成请求中排名第一。", "4月下旬才上线；5月5日前Runway第一"),
    # true
    TB(K, "en", TXT, "GPT-4o remained the most popular text model.", "first every week, 36% at the end"),
    TB(K, "en", RSN, "Gemini-2.5 ended the period as the top reasoning model.", "31.5%, first since late April"),
    TB(K, "en", IMG, "FLUX was the largest image model in every week.", "first every week (45→35%)"),
    TB(K, "en", AUD, "ElevenLabs ranked first in audio every week.", "about 80% every week"),
    TB(K, "en", TXT, "Claude-3.5-Sonnet was the second most used text model at the end of the period.",
       "12.0%, behind GPT-4o 35.9%"),
    TB(K, "en", IMG, "Imagen-3 was the second-largest image model at the end of the period.", "30.1%, behind FLUX 34.8%"),
    TB(K, "en", RSN, "DeepSeek-R1 was the most used reasoning model in mid-February.", "59.5% on 2025-02-17"),
    TB(K, "en", RSN, "Claude-3.7-Sonnet was the runner-up among reasoning models at the end of the period.",
       "18.3%, second behind Gemini-2.5"),
    TB(K, "en", VID, "Runway led video generations in January.", "38.9-40.4% in January, first"),
    TB(K, "en", AUD, "Cartesia was the second-largest audio model at the end of the period.", "6.8% vs Unreal-Speech 5.8%"),
    TB(K, "en", TXT, "OpenAI was the largest text provider every week.", "41-51%, first every week"),
    TB(K, "en", IMG, "GPT-Image-1 ranked third among image models at the end of the period.", "17.6%, behind FLUX and Imagen-3"),
    TB(K, "zh", ZTXT, "GPT-4o每周都排名第一。", "每周第一"),
    TB(K, "zh", ZIMG, "Imagen-3期末已成为第二大图像生成模型。", "30.1%，第二"),
    TB(K, "zh", ZRSN, "Gemini-2.5期末在推理消息中居首。", "31.5%，第一"),
    TB(K, "zh", ZAUD, "ElevenLabs每周都在音频生成中排名第一。", "每周约80%"),
    TB(K, "zh", ZIMG, "FLUX每周都在图像生成请求中领跑。", "每周第一"),
    TB(K, "zh", ZRSN, "2月中旬，DeepSeek-R1在推理消息中领跑。", "59.5%"),
    TB(K, "zh", ZTXT, "Claude-3.5-Sonnet期末是第二大文本模型。", "12.0%，第二"),
)

# ------------------------------------------------------------------------------------------
# 4. directions and shape
# ------------------------------------------------------------------------------------------
K = "directions"
DIRECTIONS = (
    F(K, "en", "- **Veo-2**, launched in mid-February, has stayed at **20%** of video generations for 14 weeks",
      "- **Veo-2**, launched in mid-February, has been falling steadily since its launch, to **20%** of video generations",
      "Veo-2 rose to ~20% within three weeks and held 19.6-20.4% since; it did not fall"),
    F(K, "en", "- **Imagen-3** grew from 10% to **30%**", "- **Imagen-3** fell from 10% to **30%**",
      "it rose 9.8→30.4, every week"),
    F(K, "en", "- **FLUX** fell from 45% to **35%**", "- **FLUX** rose from 45% to **35%**",
      "it fell 45.0→34.8"),
    F(K, "en", "- **Runway** fell from 40% to **20%**", "- **Runway** climbed from 40% to **20%**",
      "it fell 40.4→20.0"),
    F(K, "en", "- **Luma** fell from 14% to **7%**", "- **Luma** grew from 14% to **7%**", "it fell 14.0→7.1"),
    F(K, "en", "- **Unreal-Speech** fell from about 9% to **6%**", "- **Unreal-Speech** rose from about 9% to **6%**",
      "it fell 8.8→5.8"),
    F(K, "en", "- **Kuaishou**'s models together rose from 15%", "- **Kuaishou**'s models together fell from 15%",
      "they rose 15.1→29.8"),
    F(K, "en", "peaked at **7%** of text messages in mid-February, then fell back",
      "peaked at **7%** of text messages in mid-April, then fell back",
      "DeepSeek-R1's text peak was mid-February (7.2% on 2025-02-17); mid-April 3.5%"),
    FB(K, "en", TXT, "GPT-4.1's share has declined since its launch in mid-April.",
       "it rose every week after launch: 3.0→10.1"),
    FB(K, "en", TXT, "Claude-3.5-Sonnet's share grew over the period.", "it fell 31.3→11.9"),
    FB(K, "en", RSN, "Reasoning messages' share of text peaked in May.", "it peaked in mid-February (12.1%); May 10.1-10.7"),
    FB(K, "en", RSN, "The share of text going to reasoning models rose every single week.",
       "it fell from 12.1% (Feb 17) to 9.4% (Mar 17) and from 11.1% to 10.1% after April"),
    FB(K, "en", AUD, "ElevenLabs' share climbed sharply over the period.", "it held steady at 79.7-80.4%"),
    FB(K, "en", AUD, "Orpheus' share has declined since its launch.", "it rose every week: 0.5→3.0"),
    FB(K, "en", VID, "Kling-1.6 kept growing after Kling-2.0's launch.", "it fell 15.0→6.8 after late April"),
    FB(K, "en", IMG, "DALL-E-3 rose after GPT-Image-1 arrived in late April.", "it fell 8.0→3.6"),
    FB(K, "en", VID, "Hailuo's share grew steadily through the period.", "it fell 15.1→6.5"),
    FB(K, "en", TXT, "GPT-4o's share fell sharply over the period.", "it held steady at 34.9-37.1%"),
    FB(K, "en", RSN, "o1's share of reasoning messages rose after o3's launch.", "it fell 66.8→3.5"),
    F(K, "en", "it reached **21%** of video generations three weeks after its launch in late April.",
      "it reached **21%** of video generations three weeks before its launch in late April.",
      "three weeks before its launch Kling-2.0 had 0%"),
    FB(K, "en", TXT, "Claude-3.7-Sonnet kept growing right up to the end of the period.",
       "it peaked at 10.9% (Mar 31) and slipped to 9.4%"),
    FB(K, "en", IMG, "StableDiffusion held steady at around 10% of image generations.", "it fell 10.1→2.0"),
    FB(K, "zh", ZVID, "Veo-2上线以来份额持续下降。", "上线3周内升至约20%，此后稳定在19.6-20.4%"),
    F(K, "zh", "- **Imagen-3**的份额从10%升至**30%**", "- **Imagen-3**的份额从10%降至**30%**", "实为上升9.8→30.4"),
    F(K, "zh", "- **FLUX**的份额从45%降至**35%**", "- **FLUX**的份额从45%升至**35%**", "实为下降45.0→34.8"),
    F(K, "zh", "- **Runway**的份额从40%降至**20%**", "- **Runway**的份额从40%上升到**20%**", "实为下降40.4→20.0"),
    F(K, "zh", "- **快手**旗下模型的合计份额从15%升至**30%**", "- **快手**旗下模型的合计份额从15%回落至**30%**",
      "实为上升15.1→29.8"),
    F(K, "zh", "在2月中旬达到**7%**的峰值，此后一路回落", "在4月中旬达到**7%**的峰值，此后一路回落",
      "文本峰值在2月中旬（7.2%），4月中旬3.5%"),
    FB(K, "zh", ZTXT, "GPT-4.1上线后份额持续下降。", "上线后每周上升：3.0→10.1"),
    FB(K, "zh", ZTXT, "Claude-3.5-Sonnet的份额稳步上升。", "31.3→11.9，下降"),
    FB(K, "zh", ZRSN, "推理消息占文本消息的比例在5月见顶。", "在2月中旬见顶（12.1%）"),
    FB(K, "zh", ZAUD, "ElevenLabs的份额大幅上升。", "稳定在79.7-80.4%"),
    FB(K, "zh", ZAUD, "Orpheus上线后份额一路下降。", "持续上升0.5→3.0"),
    FB(K, "zh", ZVID, "Kling-2.0上线后，Kling-1.6的份额继续上升。", "下降15.0→6.8"),
    FB(K, "zh", ZIMG, "GPT-Image-1上线后，DALL-E-3的份额上升。", "下降8.0→3.6"),
    FB(K, "zh", ZTXT, "GPT-4o的份额大幅下降。", "稳定在34.9-37.1%"),
    FB(K, "zh", ZVID, "Runway的份额始终保持稳定。", "40.4→20.0，持续下降"),
    # true
    T(K, "en", "- **FLUX** fell from 45% to **35%**", "- **FLUX** slipped from 45% to **35%**", "45.0→34.8"),
    T(K, "en", "- **Imagen-3** grew from 10% to **30%**", "- **Imagen-3** climbed steadily from 10% to **30%**",
      "9.8→30.4, up every week"),
    TB(K, "en", VID, "Veo-2 has held steady at about 20% since late February.", "19.5-20.4% from Feb 24 on"),
    TB(K, "en", AUD, "ElevenLabs held steady at about 80% all period.", "79.7-80.4%"),
    TB(K, "en", TXT, "GPT-4.1 climbed every week after its launch in mid-April.", "3.0, 6.2, 8.1, 9.4, 9.7, 9.8, 10.1"),
    TB(K, "en", TXT, "Claude-3.5-Sonnet's share declined over the period.", "31.3→11.9"),
    TB(K, "en", RSN, "The reasoning share of text peaked in mid-February.", "12.1% on 2025-02-17"),
    TB(K, "en", AUD, "Orpheus' share has risen since its launch.", "0.5→3.0"),
    TB(K, "en", VID, "Kling-1.6 declined after Kling-2.0 launched in late April.", "15.0→6.8"),
    TB(K, "en", IMG, "DALL-E-3 slipped after GPT-Image-1 launched.", "8.0→3.6"),
    TB(K, "en", TXT, "GPT-4o's share held steady at about 36%.", "34.9-37.1%"),
    TB(K, "en", VID, "Runway's share declined steadily.", "40.4→19.9, down every week"),
    TB(K, "zh", ZIMG, "Imagen-3的份额持续上升。", "逐周上升9.8→30.4"),
    TB(K, "zh", ZVID, "Veo-2自2月下旬以来份额保持稳定。", "19.5-20.4%"),
    TB(K, "zh", ZTXT, "DeepSeek-R1的文本份额在2月中旬见顶。", "7.2%（2月17日那周）"),
    TB(K, "zh", ZAUD, "Unreal-Speech的份额有所下降。", "8.8→5.8"),
    TB(K, "zh", ZTXT, "GPT-4.1上线后份额持续上升。", "3.0→10.1，每周上升"),
    TB(K, "zh", ZVID, "Runway的份额持续下降。", "40.4→19.9"),
)

# ------------------------------------------------------------------------------------------
# 5. counts: weeks, categories, models, families, providers
# ------------------------------------------------------------------------------------------
K = "counts"
COUNTS = (
    FP(K, "en", INTRO, "This report covers 30 weeks of data.", "21 weeks (2025-01-06 to 2025-05-26)"),
    FP(K, "en", INTRO, "The data spans 26 weeks, January to June.", "21 weeks, January to May"),
    FP(K, "en", INTRO, "We track seven categories of usage.", "five: text, reasoning, image, video, audio"),
    FP(K, "en", INTRO, "The report follows usage across three categories.", "five charts (text, reasoning, image, video, audio)"),
    FB(K, "en", VID, "Three Kuaishou models lead the chart: Kling-2.0, Kling-1.6, Kling-1.5 and Kling-1.0.",
       "Kuaishou has three families (Kling-2.0, Kling-1.6, Kling-1.5); Kling-1.0 is not in the data and the list has four"),
    FB(K, "en", VID, "Kuaishou's two models, Kling-2.0 and Kling-1.6, together drew 30% of video generations.",
       "Kuaishou has three families; Kling-2.0 + Kling-1.6 = 28.1%, the 30% includes Kling-1.5"),
    FB(K, "en", VID, "Kuaishou's five video models together held 30% of video generations.",
       "three families (four bots), not five"),
    FB(K, "en", AUD, "Six audio models compete on Poe.", "five families (seven bots)"),
    FB(K, "en", AUD, "Only two challengers share the rest of audio generations.",
       "four: Cartesia, Unreal-Speech, PlayAI, Orpheus"),
    FB(K, "en", AUD, "ElevenLabs' three voices together held 80% of audio generations.",
       "ElevenLabs has two bots (Multilingual-v2, v2.5-Turbo)"),
    FB(K, "en", IMG, "OpenAI's three image models, DALL-E-3 and GPT-Image-1, together held about 21% of image generations.",
       "two image families, and the list names two"),
    FB(K, "en", VID, "Google's two video models held 20% of video generations.", "Google has one video family, Veo-2"),
    FB(K, "en", TXT, "DeepSeek's three models together drew about 3% of text messages.",
       "two: DeepSeek-V3 and DeepSeek-R1 (1.65 + 1.35 = 3.0%)"),
    F(K, "en", "has stayed at **20%** of video generations for 14 weeks",
      "has stayed at **20%** of video generations for 20 weeks",
      "14 weeks (Feb 24 - May 26); only 15 weeks of data after its launch week"),
    FB(K, "en", IMG, "Nine image families fell over the period.",
       "there are eight named image families (plus Other), and two rose (Imagen-3, GPT-Image-1)"),
    FB(K, "en", AUD, "The audio chart shows eight providers.", "five audio providers"),
    FB(K, "en", IMG, "FLUX's four variants together held 35% of image generations.",
       "FLUX has five bots (dev, pro, pro-1.1, pro-1.1-ultra, schnell)"),
    FP(K, "en", CONC, "Over 52 weeks, model choice on Poe moved fast.", "21 weeks of data"),
    FB(K, "en", RSN, "Two hybrid reasoning models from three labs stayed small.",
       "the two (Gemini-2.5-Flash, Qwen-3) come from two labs, Google and Alibaba"),
    FB(K, "en", IMG, "Ideogram's two versions held about 6% of image generations at the end.",
       "Ideogram has four bots (v2, v2-Turbo, v2a, v3)"),
    FP(K, "zh", ZINTRO, "本报告覆盖了七个类别。", "五个：文本、推理、图像、视频、音频"),
    FP(K, "zh", ZINTRO, "本报告覆盖了30周的数据。", "21周"),
    FP(K, "zh", ZINTRO, "数据共涵盖26周，从1月到6月。", "21周，1月至5月"),
    FB(K, "zh", ZVID, "快手的三款模型Kling-2.0、Kling-1.6、Kling-1.5和Kling-1.0合计占视频生成请求的30%。",
       "快手有三个系列，列表却有四个；Kling-1.0不在数据中"),
    FB(K, "zh", ZVID, "快手的两款模型合计拿下了30%的视频生成请求。", "三个系列（Kling-2.0、Kling-1.6、Kling-1.5）"),
    FB(K, "zh", ZAUD, "共有六款音频模型在Poe上竞争。", "五个系列（七个机器人）"),
    FB(K, "zh", ZAUD, "其余份额只由两家挑战者分享。", "四家：Cartesia、Unreal-Speech、PlayAI、Orpheus"),
    FB(K, "zh", ZVID, "谷歌的两款视频模型期末占视频生成请求的20%。", "谷歌只有Veo-2一个视频系列"),
    F(K, "zh", "自2月下旬以来已持续14周", "自2月下旬以来已持续20周", "14周（2月24日至5月26日）"),
    FB(K, "zh", ZTXT, "DeepSeek的三款模型合计约占文本消息的3%。", "两款：DeepSeek-V3和DeepSeek-R1"),
    FB(K, "zh", ZIMG, "OpenAI的三款图像模型DALL-E-3和GPT-Image-1合计约占21%。", "两个图像系列"),
    FB(K, "zh", ZAUD, "ElevenLabs的三款语音模型合计占音频生成请求的80%。", "两个机器人"),
    FP(K, "zh", ZCONC, "在这52周里，Poe上的模型选择变化很快。", "21周"),
    FB(K, "zh", ZIMG, "FLUX的四个版本合计占图像生成请求的35%。", "FLUX有五个机器人"),
    FB(K, "zh", ZAUD, "音频图表中共有八家厂商。", "五家"),
    # true
    TP(K, "en", INTRO, "This report covers 21 weeks of data.", "2025-01-06 to 2025-05-26: 21 weeks"),
    TP(K, "en", INTRO, "The report has five charts: text, reasoning, image, video and audio.",
       "five chart sections (reasoning is a share of text, with its own chart)"),
    TB(K, "en", VID, "Kuaishou's three models, Kling-2.0, Kling-1.6 and Kling-1.5, together drew 30% of video generations.",
       "three families, 29.8% at the end"),
    TB(K, "en", AUD, "The audio chart shows five model families.",
       "ElevenLabs, Cartesia, Unreal-Speech, PlayAI, Orpheus"),
    TB(K, "en", TXT, "DeepSeek's two models together drew about 3% of text messages at the end.", "1.65 + 1.35 = 3.0"),
    TB(K, "en", IMG, "OpenAI's two image models, DALL-E-3 and GPT-Image-1, together held about 21% at the end.",
       "3.65 + 17.65 = 21.3"),
    TP(K, "zh", ZINTRO, "本报告覆盖了21周的数据。", "21周"),
    TP(K, "zh", ZINTRO, "本报告包含文本、推理、图像、视频、音频五类图表。", "五个图表章节"),
    TB(K, "zh", ZVID, "快手的三款模型Kling-2.0、Kling-1.6和Kling-1.5期末合计占视频生成请求的30%。", "29.8%"),
    TB(K, "zh", ZAUD, "音频图表中共有五个模型系列。", "ElevenLabs、Cartesia、Unreal-Speech、PlayAI、Orpheus"),
)

# ------------------------------------------------------------------------------------------
# 6. sets: "the remaining X% was split among A, B and C"
# ------------------------------------------------------------------------------------------
K = "sets"
SETS = (
    F(K, "en", "the remaining 49% went to the rest of the field, led by Claude-3.5-Sonnet, Claude-3.7-Sonnet, Gemini-2.5 and Llama-3",
      "the remaining 49% was split among Claude-3.5-Sonnet, Claude-3.7-Sonnet, Gemini-2.5 and Llama-3",
      "those four hold 12.0 + 9.4 + 5.8 + 2.3 = 29.5%, not 49%"),
    F(K, "en", "the remaining 20% went to the rest of the field, led by Cartesia, Unreal-Speech, PlayAI and Orpheus",
      "the remaining 20% was split between Cartesia and Unreal-Speech",
      "those two hold 6.8 + 5.8 = 12.7%"),
    F(K, "en", "the remaining 20% went to the rest of the field, led by Cartesia, Unreal-Speech, PlayAI and Orpheus",
      "the remaining 20% was split among PlayAI and Orpheus",
      "those two hold 4.6 + 2.9 = 7.5%"),
    FB(K, "en", IMG, "FLUX held 35% at the end; the remaining 65% was split between Imagen-3 and GPT-Image-1.",
       "Imagen-3 + GPT-Image-1 = 30.1 + 17.6 = 47.7%"),
    FB(K, "en", VID, "Kuaishou held 30%; the remaining 70% was split between Google and Runway.",
       "Google + Runway = 20.1 + 20.1 = 40.2%"),
    FB(K, "en", RSN, "Gemini-2.5 held about 32%; the remaining 68% went to Claude-3.7-Sonnet and o4-mini.",
       "18.3 + 16.9 = 35.2%"),
    FB(K, "en", TXT, "GPT-4o held 36%; the remaining 64% was shared by Claude-3.5-Sonnet and GPT-4.1.",
       "12.0 + 10.0 = 22.0%"),
    FB(K, "en", IMG, "FLUX, Imagen-3 and GPT-Image-1 together held 95% of image generations at the end.",
       "34.8 + 30.1 + 17.6 = 82.5%"),
    FB(K, "en", VID, "Kling-2.0, Veo-2 and Runway together accounted for 80% of video generations at the end.",
       "21.2 + 20.2 + 20.1 = 61.4%"),
    FB(K, "en", AUD, "Cartesia and PlayAI shared the 20% ElevenLabs left.", "6.8 + 4.6 = 11.4%"),
    FB(K, "en", TXT, "OpenAI held 51%; Anthropic and Google took the remaining 49%.", "24.5 + 8.5 = 33.0%"),
    FB(K, "en", RSN, "OpenAI held 34% of reasoning messages; the remaining 66% was split between Google and Anthropic.",
       "31.7 + 18.3 = 50.0%"),
    FB(K, "en", IMG, "The other 65% of image generations was divided among Imagen-3, GPT-Image-1 and Ideogram.",
       "30.1 + 17.6 + 5.9 = 53.6%"),
    FB(K, "en", VID, "Luma, Hailuo and Pika together held 40% of video generations at the end.", "7.1 + 6.7 + 6.7 = 20.4%"),
    FB(K, "en", TXT, "Claude-3.5-Sonnet and Claude-3.7-Sonnet together held 30% of text messages at the end.",
       "12.0 + 9.4 = 21.4%"),
    FB(K, "en", AUD, "Unreal-Speech, PlayAI and Orpheus split the remaining 20% of audio generations.",
       "5.8 + 4.6 + 2.9 = 13.3% (Cartesia's 6.8% is missing)"),
    FB(K, "en", IMG, "The remaining 70% of image generations went to Imagen-3 and GPT-Image-1.",
       "47.7%; and FLUX left 65%, not 70%"),
    FB(K, "en", RSN, "DeepSeek-R1 and o3 together held 40% of reasoning messages at the end.", "13.4 + 12.7 = 26.1%"),
    FB(K, "en", VID, "Veo-2 and Runway split the remaining 70% of video generations.", "20.2 + 20.1 = 40.3%"),
    F(K, "zh", "其余49%分散在其他模型之间，以Claude-3.5-Sonnet、Claude-3.7-Sonnet、Gemini-2.5和Llama-3居前",
      "其余49%由Claude-3.5-Sonnet、Claude-3.7-Sonnet、Gemini-2.5和Llama-3瓜分",
      "四者合计12.0+9.4+5.8+2.3=29.5%"),
    F(K, "zh", "其余20%分散在其他模型之间，以Cartesia、Unreal-Speech、PlayAI和Orpheus居前",
      "其余20%由Cartesia和Unreal-Speech瓜分", "6.8+5.8=12.7%"),
    F(K, "zh", "其余20%分散在其他模型之间，以Cartesia、Unreal-Speech、PlayAI和Orpheus居前",
      "其余20%由PlayAI和Orpheus平分", "4.6+2.9=7.5%"),
    FB(K, "zh", ZIMG, "FLUX期末占35%，其余65%由Imagen-3和GPT-Image-1瓜分。", "30.1+17.6=47.7%"),
    FB(K, "zh", ZVID, "快手占30%，其余70%由谷歌和Runway瓜分。", "20.1+20.1=40.2%"),
    FB(K, "zh", ZTXT, "GPT-4o占36%，其余64%由Claude-3.5-Sonnet和GPT-4.1瓜分。", "12.0+10.0=22.0%"),
    FB(K, "zh", ZRSN, "Gemini-2.5约占32%，其余68%由Claude-3.7-Sonnet和o4-mini瓜分。", "18.3+16.9=35.2%"),
    FB(K, "zh", ZIMG, "FLUX、Imagen-3和GPT-Image-1期末合计占图像生成请求的95%。", "82.5%"),
    FB(K, "zh", ZVID, "Kling-2.0、Veo-2和Runway期末合计占视频生成请求的80%。", "61.4%"),
    FB(K, "zh", ZTXT, "OpenAI占51%，其余49%由Anthropic和谷歌瓜分。", "24.5+8.5=33.0%"),
    FB(K, "zh", ZAUD, "ElevenLabs之外的20%由Cartesia和PlayAI分享。", "6.8+4.6=11.4%"),
    FB(K, "zh", ZTXT, "Claude-3.5-Sonnet和Claude-3.7-Sonnet期末合计占文本消息的30%。", "21.4%"),
    FB(K, "zh", ZRSN, "DeepSeek-R1和o3期末合计占推理消息的40%。", "26.1%"),
    FB(K, "zh", ZVID, "Luma、Hailuo和Pika期末合计占视频生成请求的40%。", "20.4%"),
    FB(K, "zh", ZAUD, "其余20%由Unreal-Speech、PlayAI和Orpheus瓜分。", "13.3%，漏了Cartesia（6.8%）"),
    # true
    T(K, "en", "the remaining 20% went to the rest of the field, led by Cartesia, Unreal-Speech, PlayAI and Orpheus",
      "the remaining 20% was split among Cartesia, Unreal-Speech, PlayAI and Orpheus",
      "6.8 + 5.8 + 4.6 + 2.9 = 20.2%: those four are all the rest"),
    T(K, "en", "the remaining 49% went to the rest of the field, led by Claude-3.5-Sonnet, Claude-3.7-Sonnet, Gemini-2.5 and Llama-3",
      "the remaining 49% was split among Claude-3.5-Sonnet, Claude-3.7-Sonnet, Gemini-2.5, Llama-3 and others",
      "'and others' makes the list open"),
    TB(K, "en", IMG, "FLUX held 35%; the remaining 65% was split among Imagen-3, GPT-Image-1, Ideogram and others.",
       "open list; 100 - 34.8 = 65.2"),
    TB(K, "en", IMG, "Imagen-3 and GPT-Image-1 together held about 48% of image generations at the end.",
       "30.1 + 17.6 = 47.7"),
    TB(K, "en", VID, "Veo-2 and Runway together held 40% of video generations at the end.", "20.2 + 20.1 = 40.3"),
    TB(K, "en", TXT, "Claude-3.5-Sonnet and Claude-3.7-Sonnet together held about 21% of text messages at the end.",
       "12.0 + 9.4 = 21.4"),
    TB(K, "en", RSN, "Gemini-2.5 held about 32%; the remaining 68% was split among Claude-3.7-Sonnet, o4-mini, DeepSeek-R1 and others.",
       "open list; 100 - 31.5 = 68.5"),
    T(K, "zh", "其余20%分散在其他模型之间，以Cartesia、Unreal-Speech、PlayAI和Orpheus居前",
      "其余20%由Cartesia、Unreal-Speech、PlayAI和Orpheus瓜分", "6.8+5.8+4.6+2.9=20.2%"),
    T(K, "zh", "其余49%分散在其他模型之间，以Claude-3.5-Sonnet、Claude-3.7-Sonnet、Gemini-2.5和Llama-3居前",
      "其余49%由Claude-3.5-Sonnet、Claude-3.7-Sonnet、Gemini-2.5和Llama-3等模型瓜分", "“等”表示列表不完整"),
    TB(K, "zh", ZIMG, "Imagen-3和GPT-Image-1期末合计约占图像生成请求的48%。", "47.7%"),
    TB(K, "zh", ZVID, "Veo-2和Runway期末合计占视频生成请求的40%。", "40.3%"),
    TB(K, "zh", ZIMG, "FLUX期末占35%，其余65%由Imagen-3、GPT-Image-1、Ideogram等瓜分。", "开放列表"),
)

# ------------------------------------------------------------------------------------------
# 7. fractions
# ------------------------------------------------------------------------------------------
K = "fractions"
FRACTIONS = (
    F(K, "en", "handled **80%** of audio generations at the end of the period and led",
      "handled nine in ten audio generations at the end of the period and led", "80%, four in five"),
    F(K, "en", "handled **80%** of audio generations at the end of the period and led",
      "handled two thirds of audio generations at the end of the period and led", "80%"),
    F(K, "en", "- **OpenAI** handled **51%** of text messages", "- **OpenAI** handled less than half of text messages",
      "51.1%, more than half"),
    F(K, "en", "- **OpenAI** handled **51%** of text messages", "- **OpenAI** handled two thirds of text messages", "51.1%"),
    F(K, "en", "- **GPT-4o** led text messages with **36%**", "- **GPT-4o** led text messages with half of them",
      "35.9%"),
    F(K, "en", "- **Runway** fell from 40% to **20%**", "- **Runway** fell from 40% to a third", "to 20.0%, a fifth"),
    F(K, "en", "- **Imagen-3** grew from 10% to **30%**", "- **Imagen-3** grew from one in ten to half",
      "to 30.1%, not half"),
    F(K, "en", "- **FLUX** fell from 45% to **35%**", "- **FLUX** fell from 45% to a quarter", "to 34.8%"),
    FB(K, "en", TXT, "Reasoning models now draw one in five text messages.", "10.1%, one in ten"),
    FB(K, "en", RSN, "DeepSeek-R1 drew two thirds of reasoning messages in mid-February.", "59.5%, about three in five"),
    FB(K, "en", RSN, "Gemini-2.5 handles half of all reasoning messages.", "31.5%, about a third"),
    FB(K, "en", VID, "Kling-2.0 grabbed a third of video generations within three weeks.", "21%, a fifth"),
    FB(K, "en", AUD, "Challengers now take a third of audio generations.", "about 20% (100 - 80)"),
    FB(K, "en", TXT, "Claude-3.5-Sonnet still holds a quarter of text messages.", "12.0% at the end"),
    FB(K, "en", IMG, "GPT-Image-1 took a third of image generations within two weeks.", "17% (one in six)"),
    FB(K, "en", TXT, "GPT-4.1 reached one in five text messages four weeks after its launch.", "9.7%, one in ten"),
    FB(K, "en", VID, "Veo-2 handles one in three video generations.", "20%, one in five"),
    FB(K, "en", RSN, "o1 kept nine in ten reasoning messages through February.", "12.0-17.6% in February"),
    FB(K, "en", IMG, "Google's Imagen-3 now serves half of image generations.", "30.1%"),
    FB(K, "en", TXT, "Anthropic's models together hold half of text messages.", "24.5%, a quarter"),
    F(K, "zh", "- **OpenAI**期末拿下了**51%**的文本消息", "- **OpenAI**期末占文本消息的不到一半", "51.1%，超过一半"),
    F(K, "zh", "期末拿下了**80%**的音频生成请求，而且每周都排在首位", "期末拿下了三分之二的音频生成请求，而且每周都排在首位",
      "80%，五分之四"),
    F(K, "zh", "期末拿下了**80%**的音频生成请求，而且每周都排在首位", "期末拿下了十分之九的音频生成请求，而且每周都排在首位",
      "80%"),
    F(K, "zh", "- **GPT-4o**期末以**36%**的份额领跑文本消息", "- **GPT-4o**期末以半壁江山领跑文本消息", "35.9%"),
    F(K, "zh", "- **Runway**的份额从40%降至**20%**", "- **Runway**的份额从40%降至三分之一", "降至20.0%，五分之一"),
    F(K, "zh", "- **FLUX**的份额从45%降至**35%**", "- **FLUX**的份额从45%降至四分之一", "降至34.8%"),
    FB(K, "zh", ZTXT, "推理模型如今占到文本消息的五分之一。", "10.1%，十分之一"),
    FB(K, "zh", ZRSN, "2月中旬DeepSeek-R1拿下了推理消息的三分之二。", "59.5%"),
    FB(K, "zh", ZRSN, "Gemini-2.5期末拿下了推理消息的半壁江山。", "31.5%"),
    FB(K, "zh", ZVID, "Kling-2.0上线3周就拿下了三分之一的视频生成请求。", "21%"),
    FB(K, "zh", ZAUD, "挑战者们如今拿下了三分之一的音频生成请求。", "约20%"),
    FB(K, "zh", ZTXT, "Claude-3.5-Sonnet期末仍占文本消息的四分之一。", "12.0%"),
    FB(K, "zh", ZIMG, "Imagen-3期末占图像生成请求的一半。", "30.1%"),
    FB(K, "zh", ZTXT, "Anthropic旗下模型合计占文本消息的半壁江山。", "24.5%"),
    FB(K, "zh", ZVID, "Veo-2占视频生成请求的三分之一。", "20%，五分之一"),
    # true
    T(K, "en", "handled **80%** of audio generations at the end of the period and led",
      "handled four in five audio generations at the end of the period and led", "79.9% ≈ four in five"),
    T(K, "en", "- **OpenAI** handled **51%** of text messages", "- **OpenAI** handled more than half of text messages",
      "51.1%"),
    T(K, "en", "- **OpenAI** handled **51%** of text messages", "- **OpenAI** handled half of text messages", "51.1%"),
    T(K, "en", "- **Runway** fell from 40% to **20%**", "- **Runway** fell from 40% to a fifth", "20.0%"),
    TB(K, "en", TXT, "Reasoning models drew one in ten text messages at the end.", "10.1%"),
    TB(K, "en", RSN, "DeepSeek-R1 drew three in five reasoning messages in mid-February.", "59.5%"),
    TB(K, "en", IMG, "FLUX held about a third of image generations at the end.", "34.8%"),
    TB(K, "en", VID, "Veo-2 handled one in five video generations at the end.", "20.2%"),
    TB(K, "en", TXT, "GPT-4o held more than a third of text messages.", "35.9%"),
    TB(K, "en", RSN, "o1 drew nine in ten reasoning messages in early January.", "92.6/92.8%"),
    TB(K, "en", IMG, "Imagen-3 served three in ten image generations at the end.", "30.1%"),
    TB(K, "en", TXT, "Anthropic's models together held about a quarter of text messages at the end.", "24.5%"),
    T(K, "zh", "期末拿下了**80%**的音频生成请求，而且每周都排在首位", "期末拿下了五分之四的音频生成请求，而且每周都排在首位", "79.9%"),
    T(K, "zh", "- **OpenAI**期末拿下了**51%**的文本消息", "- **OpenAI**期末拿下了文本消息的半壁江山", "51.1%"),
    T(K, "zh", "- **OpenAI**期末拿下了**51%**的文本消息", "- **OpenAI**期末占文本消息的一半以上", "51.1%"),
    TB(K, "zh", ZIMG, "FLUX期末约占图像生成请求的三分之一。", "34.8%"),
    TB(K, "zh", ZTXT, "推理模型期末占文本消息的十分之一。", "10.1%"),
    TB(K, "zh", ZVID, "Runway期末占视频生成请求的五分之一。", "20.0%"),
    TB(K, "zh", ZTXT, "Anthropic旗下模型期末合计约占文本消息的四分之一。", "24.5%"),
)

# ------------------------------------------------------------------------------------------
# 8. everywhere: front matter, headings, alt text, tables, footnotes, lead, conclusion
# ------------------------------------------------------------------------------------------
K = "everywhere"
EN_TITLE = 'title: "January–May 2025 AI model usage trends: Reasoning models surge, Kling-2.0 takes off"'
ZH_TITLE = 'title: "2025年1月至5月AI模型使用趋势报告：推理模型快速崛起，Kling-2.0迅速走红"'
EN_FN2 = "[^2]: Messages sent to the platform's own bots (Assistant) are excluded, to reflect users' explicit choice of a named model."
ZH_FN2 = "[^2]: 发给平台自有机器人（Assistant）的消息不计入统计，以反映用户对具名模型的明确选择。"
EN_FN3 = "[^3]: Video generations triggered by the Animate button and other follow-up actions are excluded, to reflect users' own demand."
ZH_FN3 = "[^3]: 由“动画”按钮等后续操作触发的视频生成请求不计入统计，以反映用户的主动需求。"
EN_FN4 = "[^4]: Audio generations triggered by the Speak button and other follow-up actions are excluded, to reflect users' own demand."
ZH_FN4 = "[^4]: 由“朗读”按钮等后续操作触发的音频生成请求不计入统计，以反映用户的主动需求。"
TABLE_EN = "\n| Model | Share of image generations, end of May |\n|---|---|\n| {0} | {1} |\n"
TABLE_ZH = "\n| 模型 | 期末图像生成请求份额 |\n|---|---|\n| {0} | {1} |\n"
EVERYWHERE = (
    F(K, "en", EN_TITLE, 'title: "January–May 2025 AI model usage trends: Reasoning models reach 30% of text, Kling-2.0 takes off"',
      "reasoning ended at 10.1% of text (peak 12.1%)"),
    F(K, "en", EN_TITLE, 'title: "January–May 2025 AI model usage trends: Kling-2.0 takes 40% of video"',
      "Kling-2.0 ended at 21.2%"),
    F(K, "en", EN_TITLE, 'title: "January–May 2025 AI model usage trends: Midjourney takes 35% of images"',
      "Midjourney is not in the data"),
    FM(K, "en", 'excerpt: "Reasoning models drew a quarter of all text messages by May."', False,
       "reasoning: 10.1% of text at the end"),
    FM(K, "en", 'description: "ElevenLabs held 60% of audio generations in January–May 2025."', False,
       "ElevenLabs held 80%"),
    FM(K, "en", 'excerpt: "GPT-4.1 became the most popular text model within four weeks."', False,
       "GPT-4o was first every week; GPT-4.1 third"),
    FM(K, "en", 'description: "Kling-2.0 reached 21% of image generations three weeks after launch."', False,
       "21% is video; Kling-2.0 has no image generations"),
    FM(K, "en", 'excerpt: "Imagen-3 fell from 30% to 10% of image generations."', False, "it rose 10→30"),
    F(K, "en", "## 🖼️ Image generation {#chart-image}", "## 🖼️ Image generation: FLUX holds half {#chart-image}",
      "FLUX ended at 34.8%"),
    F(K, "en", "**GPT-Image-1 shakes up the ranking within weeks**", "**GPT-Image-1 takes 40% within weeks**",
      "GPT-Image-1 reached 17-18%"),
    F(K, "en", "**Reasoning models gain share**[^5][^6]", "**Reasoning models triple their share to 30%**[^5][^6]",
      "reasoning went 2→10% of text (5-fold, to 10%, not 30%)"),
    F(K, "en", "![GPT-4.1 reached about 10% of text messages four weeks after", "![GPT-4.1 reached about 20% of text messages four weeks after",
      "alt text: 9.7% four weeks after launch"),
    F(K, "en", "![Kling-2.0 reached 21% of video generations three weeks after its launch in late April; it ended the period at 21%.]",
      "![Kling-2.0 reached 31% of video generations three weeks after its launch in late April; it ended the period at 21%.]",
      "alt text: 21.2% three weeks after launch"),
    F(K, "en", "![ElevenLabs held 80% of audio generations at the end and led every week;",
      "![ElevenLabs held 90% of audio generations at the end and led every week;", "alt text: 79.9%"),
    FP(K, "en", "{: .writer-chart}\n\n- **GPT-Image-1** reached", TABLE_EN.format("FLUX", "50%"),
       "table cell: FLUX ended at 34.8%"),
    FP(K, "en", "{: .writer-chart}\n\n- **GPT-Image-1** reached", TABLE_EN.format("Midjourney", "35%"),
       "table cell: Midjourney is not in the data"),
    F(K, "en", EN_FN2, EN_FN2 + " The Assistant bot drew 40% of all text messages.",
      "footnote: Assistant drew 14.7-15.2% of all text messages"),
    F(K, "en", EN_FN3, EN_FN3 + " They were about 60% of all video requests.",
      "footnote: Animate-button requests were 37.3-38.1% of video requests"),
    F(K, "en", EN_FN4, EN_FN4 + " They were about a quarter of audio requests.",
      "footnote: Speak-button requests were about 50% of audio requests"),
    F(K, "en", "📌 **Takeaway:** ElevenLabs dominates for now,", "📌 **Takeaway:** ElevenLabs, with 95% of audio, dominates for now,",
      "takeaway: ElevenLabs 79.9%"),
    FP(K, "en", CONC, "In all, GPT-4.1 ended the period as the most used text model.",
       "conclusion: GPT-4o was first (35.9%), GPT-4.1 third"),
    FP(K, "en", INTRO, "Over the period, Assistant alone drew 40% of all text messages.", "lead: about 15%"),
    F(K, "en", "> About the data: this post was drafted from the sample data",
      "> About the data: Gemini-2.5 led reasoning in every week; this post was drafted from the sample data",
      "data note: Gemini-2.5 led only the last five weeks"),
    F(K, "zh", ZH_TITLE, 'title: "2025年1月至5月AI模型使用趋势报告：推理模型占到文本消息的30%，Kling-2.0迅速走红"',
      "推理模型期末占文本消息10.1%"),
    F(K, "zh", ZH_TITLE, 'title: "2025年1月至5月AI模型使用趋势报告：Kling-2.0拿下40%的视频生成请求"', "21.2%"),
    FM(K, "zh", 'excerpt: "推理模型在5月占到全部文本消息的四分之一。"', False, "10.1%"),
    FM(K, "zh", 'description: "ElevenLabs拿下了60%的音频生成请求。"', False, "80%"),
    FM(K, "zh", 'excerpt: "GPT-4.1上线4周就成为最受欢迎的文本模型。"', False, "GPT-4o每周第一"),
    F(K, "zh", "## 三、🖼️ 图像生成 {#chart-image}", "## 三、🖼️ 图像生成：FLUX占据半壁江山 {#chart-image}", "FLUX期末34.8%"),
    F(K, "zh", "**GPT-Image-1迅速改写排名**", "**GPT-Image-1数周内拿下40%**", "17-18%"),
    F(K, "zh", "![GPT-Image-1于4月下旬上线，2周后占图像生成请求的17%", "![GPT-Image-1于4月下旬上线，2周后占图像生成请求的27%",
      "替代文字：16.9%"),
    F(K, "zh", "![ElevenLabs期末占音频生成请求的80%", "![ElevenLabs期末占音频生成请求的90%", "替代文字：79.9%"),
    FP(K, "zh", "{: .writer-chart}\n\n- **GPT-Image-1**于4月下旬上线", TABLE_ZH.format("FLUX", "50%"), "表格：FLUX期末34.8%"),
    F(K, "zh", ZH_FN2, ZH_FN2 + "这些消息约占全部文本消息的40%。", "脚注：Assistant约占全部文本消息的15%"),
    F(K, "zh", ZH_FN3, ZH_FN3 + "这类请求约占全部视频生成请求的60%。", "脚注：约37-38%"),
    F(K, "zh", ZH_FN4, ZH_FN4 + "这类请求约占全部音频生成请求的四分之一。", "脚注：约50%"),
    FP(K, "zh", ZCONC, "总体来看，GPT-4.1期末已成为最受欢迎的文本模型。", "GPT-4o第一，GPT-4.1第三"),
    F(K, "zh", "📌 **总结**：ElevenLabs目前一家独大，", "📌 **总结**：ElevenLabs以95%的份额目前一家独大，", "79.9%"),
    # true
    FM(K, "en", 'excerpt: "Reasoning models went from 2% to 10% of all text messages in January–May 2025."', True,
       "2.0 → 10.1"),
    FM(K, "en", 'description: "ElevenLabs held 80% of audio generations in January–May 2025."', True,
       "79.7-80.4% every week"),
    T(K, "en", "**GPT-Image-1 shakes up the ranking within weeks**", "**GPT-Image-1 takes 17% within two weeks**",
      "16.9% two weeks after its launch"),
    T(K, "en", EN_FN2, EN_FN2 + " The Assistant bot drew about 15% of all text messages.",
      "Assistant: 14.7-15.2% of all text messages, every week"),
    T(K, "en", EN_FN3, EN_FN3 + " They were about 37% of all video requests.", "37.3-38.1%"),
    T(K, "en", EN_FN4, EN_FN4 + " They were about half of all audio requests.", "49.6-50.2%"),
    TP(K, "en", "{: .writer-chart}\n\n- **GPT-Image-1** reached", TABLE_EN.format("FLUX", "35%"), "table: 34.8%"),
    T(K, "en", "## 🖼️ Image generation {#chart-image}", "## 🖼️ Image generation: FLUX still leads at 35% {#chart-image}",
      "first every week, 34.8% at the end"),
    FM(K, "zh", 'excerpt: "推理模型占全部文本消息的比例从2%升至10%。"', True, "2.0→10.1"),
    T(K, "zh", ZH_FN2, ZH_FN2 + "这些消息约占全部文本消息的15%。", "14.7-15.2%"),
    T(K, "zh", ZH_FN4, ZH_FN4 + "这类请求约占全部音频生成请求的一半。", "49.6-50.2%"),
    T(K, "zh", "**GPT-Image-1迅速改写排名**", "**GPT-Image-1两周拿下17%**", "16.9% two weeks after launch"),
    TP(K, "zh", "{: .writer-chart}\n\n- **GPT-Image-1**于4月下旬上线", TABLE_ZH.format("FLUX", "35%"), "表格：34.8%"),
)

# ------------------------------------------------------------------------------------------
# 9. numbers, dates and durations
# ------------------------------------------------------------------------------------------
K = "numbers"
NUMBERS = (
    F(K, "en", "- **FLUX** fell from 45% to **35%**", "- **FLUX** fell from 55% to **35%**", "it started at 45.0%"),
    F(K, "en", "- **Runway** fell from 40% to **20%**", "- **Runway** fell from 40% to **25%**", "it ended at 20.0%"),
    F(K, "en", "- **GPT-Image-1** reached **17%** of image generations", "- **GPT-Image-1** reached **27%** of image generations",
      "16.9% two weeks after launch"),
    F(K, "en", "it handled **80%** of audio generations at the end of the period.",
      "it handled **90%** of audio generations at the end of the period.", "79.9%"),
    F(K, "en", "they drew **10%** of all text messages at the end, up from 2% at the start.",
      "they drew **15%** of all text messages at the end, up from 2% at the start.", "10.1%"),
    F(K, "en", "24 points ahead of Claude-3.5-Sonnet (12%)", "14 points ahead of Claude-3.5-Sonnet (12%)", "35.9 - 12.0 = 24"),
    F(K, "en", "- **GPT-4.1** reached **about 10%** of text messages four weeks after its launch in mid-April.",
      "- **GPT-4.1** reached **about 10%** of text messages one week after its launch in mid-April.",
      "one week after launch it had 6.2%"),
    F(K, "en", "- **Kling-2.0** reached **21%** of video generations three weeks after its launch in late April",
      "- **Kling-2.0** reached **21%** of video generations one week after its launch in late April",
      "one week after launch 17.1%"),
    F(K, "en", "- **Gemini-2.5** reached **about 5%** of text messages eight weeks after its launch in late March",
      "- **Gemini-2.5** reached **about 5%** of text messages eight weeks after its launch in late January",
      "it launched 2025-03-25 (late March)"),
    F(K, "en", "- **Orpheus** reached **about 3%** of audio generations nine weeks after its launch in mid-March.",
      "- **Orpheus** reached **about 3%** of audio generations nine weeks after its launch in mid-January.",
      "it launched 2025-03-19; there was no Orpheus in January"),
    F(K, "en", "peaked at **7%** of text messages in mid-February", "peaked at **12%** of text messages in mid-February",
      "text peak 7.2%"),
    F(K, "en", "- **Hailuo** fell from 15% to **about 7%**", "- **Hailuo** fell from 25% to **about 7%**", "started at 15.1%"),
    F(K, "en", "- **Luma** fell from 14% to **7%** of video generations, down 7 points",
      "- **Luma** fell from 14% to **7%** of video generations, down 12 points", "14.0 - 7.1 = 7 points"),
    F(K, "en", "- **Imagen-3** grew from 10% to **30%** of image generations, up 20 points",
      "- **Imagen-3** grew from 10% to **30%** of image generations, up 25 points", "20 points"),
    F(K, "en", "- **StableDiffusion** fell from 10% to **2%**", "- **StableDiffusion** fell from 10% to **5%**", "ended at 2.1%"),
    F(K, "en", "- **Veo-2**, launched in mid-February,", "- **Veo-2**, launched in mid-March,", "launched 2025-02-10 (mid-February)"),
    F(K, "en", "- **o4-mini** reached **16%** of reasoning messages five weeks after its launch in mid-April",
      "- **o4-mini** reached **26%** of reasoning messages five weeks after its launch in mid-April", "16.5%"),
    F(K, "en", "it ended the period at **about 13%** of reasoning messages, while o1 fell",
      "it ended the period at **about 23%** of reasoning messages, while o1 fell", "o3 ended at 12.7%"),
    F(K, "en", "- **Unreal-Speech** fell from about 9% to **6%**", "- **Unreal-Speech** fell from about 12% to **6%**",
      "started at 8.8%"),
    F(K, "en", "- **Playground** fell from 8% to **2%**", "- **Playground** fell from 18% to **2%**", "started at 8.0%"),
    FB(K, "en", TXT, "GPT-4o held 46% of text messages at the end of the period.", "35.9%"),
    FB(K, "en", VID, "Kling-2.0 launched in early March.", "it launched 2025-04-21 (late April)"),
    F(K, "zh", "- **FLUX**的份额从45%降至**35%**", "- **FLUX**的份额从55%降至**35%**", "起点45.0%"),
    F(K, "zh", "- **Runway**的份额从40%降至**20%**", "- **Runway**的份额从40%降至**25%**", "期末20.0%"),
    F(K, "zh", "- **GPT-Image-1**于4月下旬上线，2周后拿下了**17%**", "- **GPT-Image-1**于4月下旬上线，2周后拿下了**27%**", "16.9%"),
    F(K, "zh", "- **ElevenLabs一家独大**：期末拿下了**80%**", "- **ElevenLabs一家独大**：期末拿下了**70%**", "79.9%"),
    F(K, "zh", "高出24个百分点", "高出14个百分点", "35.9-12.0=24"),
    F(K, "zh", "- **Kling-2.0**于4月下旬上线，3周后拿下了", "- **Kling-2.0**于3月下旬上线，3周后拿下了", "4月21日上线"),
    F(K, "zh", "- **Kling-2.0迅速走红**：4月下旬上线，3周后", "- **Kling-2.0迅速走红**：4月下旬上线，1周后", "1周后为17.1%"),
    F(K, "zh", "- **GPT-4.1**于4月中旬上线，4周后就拿下了", "- **GPT-4.1**于4月中旬上线，1周后就拿下了", "1周后6.2%"),
    F(K, "zh", "- **Orpheus**于3月中旬上线", "- **Orpheus**于1月中旬上线", "3月19日上线"),
    F(K, "zh", "- **Hailuo**的份额从15%降至**约7%**", "- **Hailuo**的份额从25%降至**约7%**", "起点15.1%"),
    F(K, "zh", "- **Luma**的份额从14%降至**7%**，减少了7个百分点", "- **Luma**的份额从14%降至**7%**，减少了12个百分点", "7个百分点"),
    F(K, "zh", "- **StableDiffusion**的份额从10%降至**2%**", "- **StableDiffusion**的份额从10%降至**5%**", "期末2.1%"),
    F(K, "zh", "- **o4-mini**于4月中旬上线，5周后拿下了**16%**", "- **o4-mini**于4月中旬上线，5周后拿下了**26%**", "16.5%"),
    F(K, "zh", "- **Veo-2**于2月中旬上线", "- **Veo-2**于3月中旬上线", "2月10日上线"),
    FB(K, "zh", ZTXT, "GPT-4o期末占文本消息的46%。", "35.9%"),
    # true
    T(K, "en", "- **FLUX** fell from 45% to **35%** of image generations, down 10 points.",
      "- Down 10 points, **FLUX** ended at **35%** of image generations, from 45%.", "45.0 → 34.8, reordered"),
    T(K, "en", "- **Runway** fell from 40% to **20%**", "- **Runway** fell from 40 percent to **20 percent**", "40.4 → 20.0"),
    TB(K, "en", VID, "Kling-2.0 launched in late April.", "2025-04-21"),
    TB(K, "en", TXT, "GPT-4o held 36% of text messages at the end of the period.", "35.9%"),
    TB(K, "en", IMG, "Three weeks after its launch, GPT-Image-1 held 17% of image generations.", "17.1% (2025-05-12)"),
    TB(K, "en", AUD, "By late May, ElevenLabs still handled 80% of audio generations.", "80.0/79.7"),
    TB(K, "en", RSN, "In early May, DeepSeek-R1 was down to about 22% of reasoning messages.", "21.5% (2025-05-05)"),
    TB(K, "en", TXT, "In January, Claude-3.5-Sonnet drew about 30% of text messages.", "29.5-31.3% in January"),
    TB(K, "zh", ZTXT, "GPT-4o期末占文本消息的36%。", "35.9%"),
    TB(K, "zh", ZVID, "Kling-2.0于4月下旬上线。", "4月21日"),
    TB(K, "zh", ZAUD, "到5月下旬，ElevenLabs仍占音频生成请求的80%。", "80.0/79.7"),
    TB(K, "zh", ZIMG, "上线3周后，GPT-Image-1占图像生成请求的17%。", "17.1%（5月12日那周）"),
    T(K, "zh", "- **Runway**的份额从40%降至**20%**", "- **Runway**的份额由40%跌至**20%**", "40.4→20.0，换一种说法"),
)

# ------------------------------------------------------------------------------------------
# Rewordings: whole sentences an editor rewrites in their own words (true unless marked),
# and the ZH "成" and "翻番" idioms, filed under the kind of claim they restate
# ------------------------------------------------------------------------------------------
EN_KLING = ("- **Kling-2.0** reached **21%** of video generations three weeks after its launch in late April "
            "and is taking over from Kling-1.6, which fell from 15% to 7%.")
EN_GPT4O = "- **GPT-4o** led text messages with **36%** at the end of the period, 24 points ahead of Claude-3.5-Sonnet (12%)."
EN_R1 = "- **DeepSeek-R1** peaked at **7%** of text messages in mid-February, then fell back to **about 1%** by the end of the period."
ZH_FLUX = "- **FLUX**的份额从45%降至**35%**，减少了10个百分点。"
ZH_IMAGEN = "- **Imagen-3**的份额从10%升至**30%**，增加了20个百分点，增长了两倍。"
ZH_RUNWAY = "- **Runway**的份额从40%降至**20%**，减少了20个百分点，下降了一半。"
ZH_R1 = "- **DeepSeek-R1**在2月中旬达到**7%**的峰值，此后一路回落，期末降至**约1%**。"
ZH_11L = "期末拿下了**80%**的音频生成请求，而且每周都排在首位"
REWORDED = (
    T("numbers", "en", EN_KLING,
      "- Three weeks after its launch in late April, **Kling-2.0** had **21%** of video generations; "
      "Kling-1.6, which it is replacing, fell from 15% to 7%.",
      "reordered: 21.2% on 2025-05-12; Kling-1.6 15.0→6.8"),
    T("numbers", "en", "- **Unreal-Speech** fell from about 9% to **6%** of audio generations, down 3 points.",
      "- **Unreal-Speech** lost 3 points of audio generations, sliding from about 9% to **6%**.", "8.8→5.8"),
    T("numbers", "en", "- **Orpheus** reached **about 3%** of audio generations nine weeks after its launch in mid-March.",
      "- Nine weeks after it launched in mid-March, **Orpheus** had **about 3%** of audio generations.",
      "launched 2025-03-19; 2.8% on 2025-05-19"),
    T("numbers", "en", "- **OpenAI**'s models together rose from 9% to **about 21%** of image generations, up about 12 points.",
      "- Together, **OpenAI**'s image models went from 9% to **roughly 21%** of image generations.", "8.9→21.3"),
    T("numbers", "zh", ZH_FLUX, "- **FLUX**的份额下滑了10个百分点，从45%降到**35%**。", "45.0→34.8，语序调整"),
    T("numbers", "zh", "- **Orpheus**于3月中旬上线，9周后拿下了**约3%**的音频生成请求。",
      "- 3月中旬上线的**Orpheus**，9周后已拿下约3%的音频生成请求。", "2.8%"),
    T("numbers", "zh", "- **Unreal-Speech**的份额从约9%降至**6%**，减少了3个百分点。",
      "- **Unreal-Speech**的份额由约9%滑落到**6%**，少了3个百分点。", "8.8→5.8"),
    T("numbers", "zh", "- **GPT-4.1**于4月中旬上线，4周后就拿下了**约10%**的文本消息。",
      "- 4月中旬上线的**GPT-4.1**，仅用4周就拿下了约10%的文本消息。", "9.7%（5月12日那周）"),
    T("directions", "en", EN_R1,
      "- **DeepSeek-R1**'s share of text messages topped out at **7%** in mid-February before sliding to "
      "**about 1%** by the end of the period.", "peak 7.2% (Feb 17), end 1.35%"),
    T("directions", "en", "- **Luma** fell from 14% to **7%** of video generations, down 7 points: its share halved.",
      "- **Luma**'s share of video generations halved, from 14% to **7%**.", "14.0→7.1"),
    T("directions", "en", "- **Hailuo** fell from 15% to **about 7%** of video generations, down 8 points: its share more than halved.",
      "- **Hailuo** lost more than half its share of video generations, dropping from 15% to **about 7%**.",
      "15.1→6.65"),
    F("directions", "en", "up 20 points: its share tripled.", "up 20 points: its share quadrupled.",
      "9.8→30.1 is three times, not four"),
    F("directions", "en", "down 20 points: its share halved.", "down 20 points: its share fell by two thirds.",
      "40.4→20.0 is a fall of about half"),
    T("directions", "zh", ZH_RUNWAY, "- **Runway**的份额腰斩，从40%跌到**20%**。", "腰斩即减半：40.4→20.0"),
    T("directions", "zh", ZH_IMAGEN, "- **Imagen-3**的份额从10%升至**30%**，是期初的三倍。", "9.8→30.1"),
    F("directions", "zh", ZH_IMAGEN, "- **Imagen-3**的份额从10%升至**30%**，翻了两番。",
      "翻两番是四倍；实为三倍（9.8→30.1）"),
    T("directions", "zh", ZH_R1, "- **DeepSeek-R1**的文本消息份额在2月中旬见顶（**7%**），随后一路下滑，期末只剩**约1%**。",
      "峰值7.2%（2月17日那周），期末1.35%"),
    T("ranks", "en", "Gemini-2.5 led reasoning messages at the end of the period, 13 points ahead",
      "Gemini-2.5 was the top reasoning model at the end of the period, 13 points ahead", "31.5%, first"),
    T("ranks", "en", EN_GPT4O,
      "- **GPT-4o** finished the period as the most used text model with **36%**, 24 points ahead of the "
      "runner-up, Claude-3.5-Sonnet (12%).", "35.9 vs 12.0; Claude-3.5-Sonnet second"),
    T("ranks", "zh", "FLUX仍领跑图像生成请求，领先Imagen-3（30%）5个百分点。",
      "FLUX仍排名第一，比第二名Imagen-3（30%）高出5个百分点。", "34.8 vs 30.1"),
    T("ranks", "zh", "- **GPT-4o**期末以**36%**的份额领跑文本消息", "- **GPT-4o**期末以**36%**的份额在文本消息中居首",
      "35.9%，第一"),
    T("fractions", "zh", ZH_11L, "期末拿下了八成音频生成请求，而且每周都排在首位", "79.9%"),
    F("fractions", "zh", ZH_11L, "期末拿下了九成音频生成请求，而且每周都排在首位", "79.9%，八成"),
    TB("fractions", "zh", ZIMG, "Imagen-3期末拿下了三成图像生成请求。", "30.1%"),
    FB("fractions", "zh", ZIMG, "FLUX期末仍占据五成图像生成请求。", "34.8%"),
    TB("fractions", "zh", ZVID, "Runway期末占两成视频生成请求。", "20.0%"),
    FB("fractions", "zh", ZVID, "Runway期末仍占三成视频生成请求。", "20.0%"),
    TB("fractions", "zh", ZTXT, "GPT-4o期末占逾三成文本消息。", "35.9%"),
    FB("fractions", "zh", ZTXT, "GPT-4o期末占四成文本消息。", "35.9%"),
    TB("fractions", "zh", ZRSN, "2月中旬，DeepSeek-R1拿下了近六成推理消息。", "59.5%"),
    TB("fractions", "zh", ZTXT, "OpenAI期末拿下了过半的文本消息。", "51.1%"),
    FB("fractions", "zh", ZTXT, "推理模型期末占文本消息的两成。", "10.1%，一成"),
    TB("fractions", "en", VID, "Kling-2.0 ended the period with roughly one in five video generations.", "21.2%"),
    TB("fractions", "en", TXT, "OpenAI ended the period with just over half of text messages.", "51.1%"),
    T("chart", "en", "- **FLUX** fell from 45% to **35%** of image generations",
      "- **FLUX** fell from 45% to **35%** of image requests", "image requests are image generations; 45.0→34.8"),
    T("chart", "zh", ZH_FLUX, "- **FLUX**在图片生成请求中的份额从45%降至**35%**，减少了10个百分点。",
      "图片生成即图像生成；45.0→34.8"),
    T("sets", "en", "- **ElevenLabs** handled **80%** of audio generations at the end of the period and led in every week; "
      "the remaining 20% went to the rest of the field, led by Cartesia, Unreal-Speech, PlayAI and Orpheus.",
      "- **ElevenLabs** took **80%** of audio generations at the end of the period; Cartesia, Unreal-Speech, "
      "PlayAI and Orpheus shared the other 20%.", "6.8 + 5.8 + 4.6 + 2.9 = 20.2"),
    TB("sets", "zh", ZAUD, "ElevenLabs期末占80%，其余20%由Cartesia、Unreal-Speech、PlayAI和Orpheus分享。",
       "6.8+5.8+4.6+2.9=20.2"),
    T("counts", "en", "- **Veo-2**, launched in mid-February, has stayed at **20%** of video generations for 14 weeks, since late February.",
      "- For 14 weeks since late February, **Veo-2** (launched in mid-February) has held **20%** of video generations.",
      "19.5-20.4% from Feb 24 to May 26, 14 weeks"),
    TP("counts", "zh", ZINTRO, "本报告的数据覆盖21周，从1月6日到6月1日。", "21周"),
    T("names", "en", EN_KLING,
      "- **Kuaishou's Kling-2.0** reached **21%** of video generations three weeks after its launch in late April "
      "and is taking over from Kling-1.6, which fell from 15% to 7%.", "Kling-2.0 is Kuaishou's"),
    T("names", "zh", "- **Kling-2.0**于4月下旬上线，3周后拿下了", "- **快手的Kling-2.0**于4月下旬上线，3周后拿下了",
      "Kling-2.0属于快手"),
    TB("names", "en", VID, "Alibaba's Wan ended the period at about 3% of video generations.", "3.45%"),
    TB("names", "zh", ZRSN, "谷歌的Gemini-2.5期末约占推理消息的32%。", "31.5%"),
    T("everywhere", "en", "## 🔊 Audio generation (text to speech) {#chart-audio}",
      "## 🔊 Audio generation: ElevenLabs at 80% {#chart-audio}", "heading: 79.9%"),
    T("everywhere", "zh", "## 五、🔊 音频生成（文字转语音） {#chart-audio}",
      "## 五、🔊 音频生成：ElevenLabs占八成 {#chart-audio}", "标题：79.9%"),
    FM("everywhere", "zh", 'description: "ElevenLabs拿下了80%的音频生成请求。"', True, "79.9%"),
    T("everywhere", "en", "📌 **Takeaway:** ElevenLabs dominates for now,",
      "📌 **Takeaway:** ElevenLabs, with 80% of audio, dominates for now,", "79.9%"),
    F("everywhere", "en", "![DeepSeek-R1 launched in late January and peaked at about 59% of reasoning messages",
      "![DeepSeek-R1 launched in late January and peaked at about 79% of reasoning messages",
      "alt text: the peak was 59.5%"),
    F("everywhere", "zh", "![DeepSeek-R1于1月下旬上线后在2月中旬达到占推理消息约59%的峰值",
      "![DeepSeek-R1于1月下旬上线后在2月中旬达到占推理消息约79%的峰值", "替代文字：峰值59.5%"),
)


# ------------------------------------------------------------------------------------------
# Written later: after main's claims checker (d8c2081) was merged into this branch, fresh
# edits in new words, so the bench can tell how the checker does on edits it was not tuned
# on (bench/editor_corpus.py reports them on their own line as well).
# ------------------------------------------------------------------------------------------
EN_VIDEO_ALT = "![Kling-2.0 reached 21% of video generations three weeks after its launch in late April;"
LATER = (
    FB("names", "en", IMG, "Recraft-V4 held 2% of image generations at the end.",
       "Recraft-V4 is not in the data (the Recraft bot is Recraft-V3)"),
    FB("names", "en", TXT, "Mistral-Large-3 drew 1% of text messages.", "Mistral-Large-3 is not in the data"),
    FB("names", "zh", ZIMG, "可图（Kolors）期末占图像生成请求的3%。", "可图/Kolors不在数据中"),
    FB("names", "en", VID, "Hunyuan-Video-2 reached 1% of video generations.",
       "Hunyuan-Video-2 is not in the data (Hunyuan-Video is, at 1.0%)"),
    FB("chart", "en", TXT, "Runway ended the period at 20% of text messages.", "Runway is video (20%); no text"),
    FB("chart", "zh", ZVID, "Veo-2期末占图像生成请求的20%。", "Veo-2是视频模型"),
    FB("chart", "en", AUD, "Cartesia's share of image generations was about 7% at the end.",
       "Cartesia is audio (6.8%); no image generations"),
    FB("ranks", "en", VID, "Pika was the third-largest video model in January.",
       "Luma was third (13.0-14.1%); Pika fourth or fifth (11.1-11.8%)"),
    FB("ranks", "en", TXT, "Llama-3 was the fifth most used text model at the end.",
       "fifth was Gemini-2.5 (5.75%); Llama-3 (2.25%) came after it"),
    FB("ranks", "zh", ZRSN, "2月上旬，o3已是推理消息中的第一名。", "DeepSeek-R1第一（58.8% vs o3 21.5%）"),
    FB("ranks", "zh", ZIMG, "Ideogram期末在图像生成请求中排名第二。", "第四（5.9%）"),
    FB("ranks", "en", RSN, "Claude-3.7-Sonnet topped the reasoning chart in March.",
       "DeepSeek-R1 led all of March (39-55%); Claude-3.7-Sonnet 9-15%"),
    FB("directions", "en", IMG, "Ideogram's share climbed through the spring.", "it fell 10.2→5.8"),
    FB("directions", "zh", ZVID, "Pika的份额逐步走高。", "11.8→6.5，下降"),
    FB("directions", "en", RSN, "o3's share of reasoning messages has risen since mid-February.", "26.5→12.9"),
    FB("directions", "zh", ZIMG, "Recraft的份额稳中有升。", "5.0→1.8，下降"),
    FB("directions", "en", VID, "Wan's share of video generations shrank after its launch.", "it rose 1.0→3.5"),
    FB("counts", "en", RSN, "The reasoning chart tracks 25 model families.", "12 families have reasoning messages"),
    FP("counts", "zh", ZINTRO, "本期共追踪了40周的数据。", "21周"),
    FB("counts", "en", VID, "Alibaba's three video models together held about 3% of video generations.",
       "Alibaba has one video model, Wan"),
    FB("counts", "zh", ZVID, "Luma的三款视频模型期末合计占7%。", "Luma有两款：Dream-Machine和Ray2"),
    FB("sets", "en", IMG, "Ideogram, Playground and StableDiffusion split the remaining 20% of image generations.",
       "5.9 + 2.1 + 2.15 = 10.2%"),
    FB("sets", "zh", ZRSN, "其余50%由o4-mini和o3瓜分。", "16.9+12.7=29.6%"),
    FB("sets", "en", TXT, "GPT-4.1 and Claude-3.7-Sonnet together held 30% of text messages at the end.",
       "10.0 + 9.4 = 19.4%"),
    FB("fractions", "en", VID, "Runway still drew two in five video generations at the end.", "20.0%, one in five"),
    FB("fractions", "zh", ZRSN, "DeepSeek-R1期末仍占推理消息的一半。", "13.4%"),
    FB("fractions", "en", IMG, "Imagen-3 ended with half of image generations.", "30.1%"),
    FB("fractions", "zh", ZVID, "Kling-2.0上线3周就拿下了视频生成请求的一半。", "21.2%"),
    FM("everywhere", "en", 'summary: "FLUX held 50% of image generations at the end of May."', False,
       "front matter: FLUX 34.8%"),
    F("everywhere", "zh", "## 四、🎞️ 视频生成 {#chart-video}", "## 四、🎞️ 视频生成：Runway每周领跑 {#chart-video}",
      "标题：Kling-2.0在最后三周领先Runway"),
    F("everywhere", "en", EN_VIDEO_ALT,
      "![Kling-2.0 reached 21% of video generations three weeks after its launch in early March;",
      "alt text: it launched 2025-04-21"),
    F("everywhere", "en", "For models that can switch reasoning off (Claude-3.7-Sonnet, Gemini-2.5, Qwen-3), "
      "only the messages with reasoning on count.",
      "For models that can switch reasoning off (Claude-3.7-Sonnet, Gemini-2.5, Qwen-3), only the messages "
      "with reasoning on count. Reasoning messages were about 25% of all text messages at the end.",
      "footnote: 10.1% at the end"),
    FB("numbers", "en", AUD, "Cartesia ended the period at 12% of audio generations.", "6.85%"),
    FB("numbers", "zh", ZIMG, "Ideogram的份额从10%降至1%。", "期末5.9%"),
    FB("numbers", "en", IMG, "GPT-Image-1 launched in early April.", "2025-04-23, late April"),
    FB("numbers", "zh", ZRSN, "o4-mini于5月上线。", "4月16日上线"),
    # true
    TB("ranks", "en", VID, "Luma was the third-largest video model in January.",
       "third in every January week: Runway, Hailuo, Luma"),
    TB("ranks", "zh", ZVID, "1月，Hailuo是第二大视频生成模型。", "1月每周第二（14.2-15.1%）"),
    TB("directions", "en", IMG, "Ideogram's share slipped over the period.", "10.2→5.8"),
    TB("directions", "zh", ZVID, "Wan上线后份额稳步上升。", "1.0→3.5"),
    TB("directions", "en", RSN, "o3's share of reasoning messages has roughly halved since mid-February.",
       "26.5→12.7"),
    TB("counts", "en", VID, "Luma has two video models, Dream-Machine and Ray2.", "two bots in the Luma family"),
    TB("counts", "zh", ZVID, "阿里巴巴在视频生成中只有Wan一个模型。", "Wan"),
    TB("sets", "en", IMG, "Ideogram, Playground and StableDiffusion together held about 10% of image generations at the end.",
       "5.9 + 2.1 + 2.15 = 10.2"),
    TB("sets", "zh", ZRSN, "o4-mini和o3期末合计约占推理消息的30%。", "16.9+12.7=29.6"),
    TB("fractions", "en", VID, "Kling-2.0 took about a fifth of video generations at the end.", "21.2%"),
    TB("fractions", "zh", ZTXT, "Claude-3.5-Sonnet期初约占文本消息的三成。", "31.3%（1月6日那周）"),
    FM("everywhere", "en", 'summary: "FLUX held 35% of image generations at the end of May."', True, "34.8%"),
    T("everywhere", "zh", "## 四、🎞️ 视频生成 {#chart-video}", "## 四、🎞️ 视频生成：Kling-2.0后来居上 {#chart-video}",
      "Kling-2.0期末第一（21.2%）"),
    TB("numbers", "en", IMG, "GPT-Image-1 launched in late April.", "2025-04-23"),
    TB("numbers", "zh", ZRSN, "o4-mini于4月中旬上线。", "4月16日"),
    TB("names", "en", RSN, "Alibaba's Qwen-3 stayed under 1% of reasoning messages.", "peak 0.5%"),
    TB("chart", "en", AUD, "In video, Runway ended the period at 20%.", "20.0%"),
    TB("chart", "zh", ZTXT, "图像生成方面，Imagen-3期末占30%。", "30.1%"),
)


# ------------------------------------------------------------------------------------------
# HELDOUT: a held-out set, written without reading the checker (writer/verify.py,
# writer/mentions.py, writer/claims/*) or its tests, and without reading the sentences above:
# only the drafted posts, the reference post, issue 15 and weekly shares computed with pandas
# from data/usage.csv and data/models.csv. The checker was never tuned on these, so its score
# here is the honest one. Figures in `why` are weekly shares in %, "end" = mean of 2025-05-19
# and 05-26, "start" = mean of 2025-01-06 and 01-13.
# ------------------------------------------------------------------------------------------
HELDOUT = (
    # names: brands not in the data, a subject naming nothing, a real name on another's figure
    FB("names", "en", IMG, "Adobe Firefly ended the period with about 5% of image generations.",
       "Firefly is not in the data (the ~6% image family is Ideogram, 5.9)"),
    FB("names", "en", AUD, "Suno drew 4% of audio generations by May.",
       "Suno is not in the data (audio is ElevenLabs, Cartesia, Unreal-Speech, PlayAI, Orpheus)"),
    F("names", "en", "- **Orpheus** reached **about 3%** of audio generations",
      "- **Fish-Audio** reached **about 3%** of audio generations",
      "Fish-Audio is not in the data; Orpheus is the 3% newcomer (2.9 at the end)"),
    FB("names", "en", TXT, "Grok-4 took 2% of text messages in May.",
       "Grok-4 is not in the data (xAI's Grok-3 ended at 1.0 of text)"),
    FB("names", "en", VID, "A new video model claimed 40% of video generations within a month of launch.",
       "names nothing, and no video family ever reached 40% after launch (Kling-2.0 max 21.3)"),
    F("names", "en", "- **Runway** fell from 40% to **20%**", "- **Hailuo** fell from 40% to **20%**",
      "Hailuo fell from 14.9 to 6.7; it is Runway that went 40.0 → 20.1"),
    FB("names", "zh", ZTXT, "豆包在5月拿下了约3%的文本消息。",
       "豆包 (Doubao) is not in the data"),
    FB("names", "zh", ZVID, "Vidu上线后一个月就拿下了10%的视频生成请求。",
       "Vidu is not in the data"),
    F("names", "zh", "- **Kling-2.0**于4月下旬上线，3周后拿下了**21%**",
      "- **Seedance**于4月下旬上线，3周后拿下了**21%**",
      "Seedance is not in the data; the 21% late-April launch is Kling-2.0"),
    FB("names", "zh", ZRSN, "Kimi-K1.5在推理消息中的份额一度达到5%。",
       "Kimi-K1.5 is not in the data"),
    FB("names", "zh", ZIMG, "即梦期末占图像生成请求的约6%。",
       "即梦 (Jimeng/Seedream) is not in the data; the ~6% image family is Ideogram (5.9)"),
    TB("names", "en", AUD, "Canopy Labs' Orpheus, launched in mid-March, ended the period at about 3% of audio generations.",
       "Orpheus-TTS (provider Canopy Labs, released 2025-03-19) ends at 2.9"),
    TB("names", "en", IMG, "Black Forest Labs' FLUX ended the period at about 35% of image generations.",
       "FLUX (Black Forest Labs) ends at 34.8"),
    TB("names", "zh", ZRSN, "xAI的Grok-3在推理消息中的份额从未超过1%。",
       "Grok-3 (xAI) max 0.69 of reasoning"),
    TB("names", "zh", ZVID, "快手的Kling-2.0期末约占视频生成请求的21%。",
       "Kling-2.0 (Kuaishou) ends at 21.2"),
    TB("names", "zh", ZVID, "谷歌的Veo-2自3月以来一直稳定在视频生成的20%左右。",
       "Veo-2 (Google) every week 03-03..05-26 between 19.6 and 20.4"),

    # chart: a number put on another chart
    FB("chart", "en", AUD, "Kling-2.0 drew 21% of audio generations in May.",
       "Kling-2.0 is a video model (21.2 of video); it has no audio generations"),
    FB("chart", "en", TXT, "Gemini-2.5 ended the period with about 30% of text messages.",
       "Gemini-2.5 ends at 5.75 of text; 31.5 is its share of reasoning messages"),
    FB("chart", "en", IMG, "In image generation, GPT-4o finished May with 36%.",
       "GPT-4o is a text family (35.9 of text); it has no image generations"),
    F("chart", "en", "- **Imagen-3** grew from 10% to **30%** of image generations",
      "- **Imagen-3** grew from 10% to **30%** of video generations",
      "Imagen-3 is an image model (10.0 → 30.05 of image); it has no video generations"),
    FB("chart", "en", RSN, "o4-mini drew 16% of all text messages by late May.",
       "o4-mini ends at 1.7 of all text messages; 16.9 is its share of reasoning messages"),
    FB("chart", "en", VID, "FLUX ended the period with 35% of video generations.",
       "FLUX is an image family (34.8 of image); no video generations"),
    FB("chart", "zh", ZAUD, "Runway期末占音频生成请求的20%。",
       "Runway is a video model (20.1 of video); it has no audio generations"),
    FB("chart", "zh", ZTXT, "Claude-3.7-Sonnet期末拿下了约18%的文本消息。",
       "Claude-3.7-Sonnet ends at 9.4 of text; 18.3 is its share of reasoning messages"),
    F("chart", "zh", "2周后拿下了**17%**的图像生成请求", "2周后拿下了**17%**的视频生成请求",
      "GPT-Image-1 is an image model (17.2 of image in 05-05); no video generations"),
    FB("chart", "zh", ZIMG, "DeepSeek-R1在2月中旬一度占图像生成请求的59%。",
       "DeepSeek-R1 peaked at 59.5 of reasoning messages; it has no image generations"),
    FB("chart", "zh", ZVID, "ElevenLabs期末占视频生成请求的80%。",
       "ElevenLabs is an audio model (79.8 of audio); no video generations"),
    TB("chart", "en", RSN, "Claude-3.7-Sonnet held about 18% of reasoning messages but only about 9% of all text messages at the end.",
       "Claude-3.7-Sonnet ends at 18.3 of reasoning and 9.4 of text"),
    TB("chart", "en", AUD, "In text messages, GPT-4o ended the period at 36%.",
       "GPT-4o ends at 35.9 of text"),
    TB("chart", "en", VID, "Over in image generation, GPT-Image-1 ended May at about 18%.",
       "GPT-Image-1 ends at 17.7 of image"),
    TB("chart", "zh", ZAUD, "在视频生成中，Veo-2期末约占20%。", "Veo-2 ends at 20.1 of video"),
    TB("chart", "zh", ZRSN, "Gemini-2.5期末约占推理消息的31%，但只占全部文本消息的约6%。",
       "Gemini-2.5 ends at 31.5 of reasoning and 5.75 of text"),

    # ranks
    FB("ranks", "en", TXT, "GPT-4.1 overtook GPT-4o as the most used text model in May.",
       "GPT-4o led every week (35.9 at the end) and GPT-4.1 never passed 10.1"),
    FB("ranks", "en", RSN, "DeepSeek-R1 was still the top reasoning model at the end of May.",
       "at the end DeepSeek-R1 is fourth (13.35) behind Gemini-2.5 31.5, Claude-3.7-Sonnet 18.3, o4-mini 16.9"),
    FB("ranks", "en", IMG, "Imagen-3 overtook FLUX as the leading image model in May.",
       "FLUX led every week; at the end FLUX 34.8, Imagen-3 30.05"),
    FB("ranks", "en", IMG, "GPT-Image-1 became the second most used image model within two weeks.",
       "two weeks after launch (05-05) GPT-Image-1 was third: Imagen-3 28.3, GPT-Image-1 17.3"),
    FB("ranks", "en", TXT, "Gemini-2.5 is now the third most used text model.",
       "at the end Gemini-2.5 (5.75) is fifth, behind GPT-4o 35.9, Claude-3.5-Sonnet 12.0, GPT-4.1 10.0, Claude-3.7-Sonnet 9.4"),
    FB("ranks", "zh", ZRSN, "期末Claude-3.7-Sonnet已是推理消息中排名第一的模型。",
       "at the end Claude-3.7-Sonnet is second (18.3), Gemini-2.5 first (31.5)"),
    FB("ranks", "zh", ZVID, "Veo-2上线后不久便成为视频生成第一名。",
       "Veo-2 never led a week: Runway led until 05-05, Kling-2.0 from 05-12 (Veo-2 max 20.4)"),
    FB("ranks", "zh", ZAUD, "Unreal-Speech稳坐音频生成第二把交椅。",
       "at the end Unreal-Speech is third (5.85) behind Cartesia (6.8); last week 5.8 vs 6.9"),
    FB("ranks", "zh", ZTXT, "Llama-3期末在文本消息中排名第三。",
       "Llama-3 ends at 2.3, seventh (behind GPT-4o, Claude-3.5-Sonnet, GPT-4.1, Claude-3.7-Sonnet, Gemini-2.5, Other)"),
    FB("ranks", "zh", ZRSN, "o1期末仍位居推理消息前三。",
       "o1 ends at 3.7, sixth in reasoning (behind Gemini-2.5, Claude-3.7-Sonnet, o4-mini, DeepSeek-R1, o3)"),
    TB("ranks", "en", RSN, "DeepSeek-R1 led reasoning messages from late January until late April.",
       "DeepSeek-R1 first in every week 01-27..04-21; Gemini-2.5 first from 04-28"),
    TB("ranks", "en", AUD, "Cartesia ended May as the second most used audio model.",
       "end: Cartesia 6.8, Unreal-Speech 5.85, PlayAI 4.6, Orpheus 2.9"),
    TB("ranks", "en", TXT, "Even after its slide, Claude-3.5-Sonnet remained number two in text at the end of May.",
       "end: GPT-4o 35.9, Claude-3.5-Sonnet 12.0, GPT-4.1 10.0"),
    TB("ranks", "zh", ZIMG, "FLUX每周都是图像生成请求最多的模型。",
       "FLUX first in all 21 weeks (min 34.6, others max 30.4)"),
    TB("ranks", "zh", ZVID, "期末Kling-2.0已跃居视频生成第一。",
       "end: Kling-2.0 21.2, Veo-2 20.1, Runway 20.06; first in each of the last three weeks"),

    # directions
    F("directions", "en", "- **Imagen-3** grew from 10% to **30%** of image generations, up 20 points: its share tripled.",
      "- **Imagen-3** slipped from 30% to **10%** of image generations.",
      "Imagen-3 rose 10.0 → 30.05"),
    FB("directions", "en", VID, "Veo-2's share kept climbing through April and May.",
       "Veo-2 flat: 19.9, 19.7, 19.6, 19.8, 20.3, 20.0 over 04-21..05-26"),
    FB("directions", "en", AUD, "ElevenLabs' share eroded steadily over the five months.",
       "ElevenLabs flat between 79.7 and 80.4 every week"),
    FB("directions", "en", TXT, "Claude-3.5-Sonnet gained ground after Claude-3.7-Sonnet launched.",
       "Claude-3.5-Sonnet fell from 25.7 (02-24) to 11.9 (05-26)"),
    FB("directions", "en", IMG, "FLUX's share has been rising since March.",
       "FLUX fell from 42.1 (03-03) to 34.6 (05-26)"),
    FB("directions", "zh", ZVID, "Runway的份额从1月起稳步上升。", "Runway fell 40.4 → 19.9"),
    FB("directions", "zh", ZAUD, "Orpheus上线后份额逐月下滑。", "Orpheus rose every week from 0.5 (03-17) to 3.0 (05-26)"),
    FB("directions", "zh", ZRSN, "o1的份额在这五个月里持续攀升。", "o1 fell from 92.7 to 3.7 of reasoning"),
    FB("directions", "zh", ZTXT, "GPT-4.1上线后份额一路走低。", "GPT-4.1 rose every week after launch: 3.0 → 10.1"),
    FB("directions", "zh", ZIMG, "Imagen-3的份额整体呈下降趋势。", "Imagen-3 rose 10.0 → 30.05"),
    TB("directions", "en", IMG, "Imagen-3's share climbed week after week, from about 10% in January to 30% in late May.",
       "Imagen-3 9.8 (01-06) rising to 30.4 (05-26), end 30.05"),
    TB("directions", "en", TXT, "Claude-3.5-Sonnet's share declined steadily from January to May.",
       "Claude-3.5-Sonnet fell every week: 31.3 → 11.9"),
    TB("directions", "zh", ZVID, "Veo-2自3月起基本持平，一直在20%上下。",
       "Veo-2 between 19.6 and 20.4 every week from 03-03"),
    TB("directions", "zh", ZAUD, "Unreal-Speech的份额自3月起逐步下滑。",
       "Unreal-Speech 8.9 (03-03) → 5.8 (05-26), falling almost every week"),
    TB("directions", "zh", ZTXT, "GPT-4.1上线后份额逐周攀升，期末达到10%。",
       "GPT-4.1 3.0, 6.2, 8.1, 9.4, 9.7, 9.8, 10.1; end 10.0"),

    # counts
    F("counts", "en", "for 14 weeks, since late February", "for 20 weeks, since late February",
      "Veo-2 launched 2025-02-10: the data has only 16 weeks from its launch, 14 from late February"),
    FP("counts", "en", INTRO, "The data covers 26 weeks, from early January to the end of May.",
       "21 weeks (2025-01-06 .. 2025-05-26)"),
    FB("counts", "en", AUD, "Only three providers offer audio models: ElevenLabs, Cartesia and PlayAI.",
       "five audio providers: ElevenLabs, Cartesia, Unreal Speech, PlayAI, Canopy Labs"),
    FB("counts", "en", RSN, "Six hybrid reasoning bots launched during the period.",
       "four hybrid-reasoning bots: Gemini-2.5-Flash, Qwen3-235B-A22B, Qwen3-30B-A3B, Qwen3-32B"),
    FB("counts", "en", HL, "This report tracks six areas: text, reasoning, image, video, audio and search.",
       "five charts (text, reasoning, image, video, audio); no search"),
    FB("counts", "en", IMG, "Black Forest Labs has seven FLUX models on Poe.",
       "five FLUX bots: FLUX-dev, FLUX-pro, FLUX-pro-1.1, FLUX-pro-1.1-ultra, FLUX-schnell"),
    FP("counts", "zh", ZINTRO, "本报告共涵盖25周的数据。", "21周（2025-01-06至2025-05-26）"),
    FB("counts", "zh", ZAUD, "音频生成领域共有七家厂商参与竞争。",
       "five audio providers (ElevenLabs, Cartesia, Unreal Speech, PlayAI, Canopy Labs)"),
    FB("counts", "zh", ZRSN, "o3系列共有两款模型：o3和o3-mini。",
       "the o3 family has three bots: o3, o3-mini, o3-mini-high"),
    FB("counts", "zh", ZVID, "Luma旗下共有三款视频模型。", "Luma has two bots: Dream-Machine and Ray2"),
    F("counts", "zh", "自2月下旬以来已持续14周", "自2月下旬以来已持续18周",
      "Veo-2 launched 2025-02-10: only 16 weeks of data from its launch, 14 from late February"),
    TP("counts", "en", INTRO, "The data covers 21 weeks, from 6 January to 1 June 2025.",
       "21 weeks, 2025-01-06 .. 2025-06-01"),
    TB("counts", "en", VID, "Kuaishou's three Kling families (Kling-1.5, Kling-1.6 and Kling-2.0) together held about 30% of video generations at the end.",
       "Kling-1.5 1.75 + Kling-1.6 6.9 + Kling-2.0 21.2 = 29.8 (Kuaishou)"),
    TB("counts", "en", RSN, "The o3 family has three bots: o3, o3-mini and o3-mini-high.",
       "models.csv: family o3 = o3, o3-mini, o3-mini-high"),
    TB("counts", "zh", ZAUD, "TTS赛道目前只有五个系列在争夺用户：ElevenLabs、Cartesia、Unreal-Speech、PlayAI和Orpheus。",
       "audio families: exactly ElevenLabs, Cartesia, Unreal-Speech, PlayAI, Orpheus"),
    TB("counts", "zh", ZRSN, "混合推理模型共有四款。",
       "four hybrid-reasoning bots (footnote 6)"),

    # sets
    FB("sets", "en", AUD, "The other 20% of audio generations went to Cartesia and PlayAI.",
       "Cartesia 6.8 + PlayAI 4.6 = 11.4 of the remaining 20.2; Unreal-Speech and Orpheus hold the rest"),
    FB("sets", "en", TXT, "Between them, Claude-3.5-Sonnet and Claude-3.7-Sonnet still had nearly a third of text messages at the end.",
       "12.0 + 9.4 = 21.4"),
    FB("sets", "en", VID, "The top three video models, Kling-2.0, Veo-2 and Runway, now account for four-fifths of video generations.",
       "21.2 + 20.1 + 20.06 = 61.4"),
    FB("sets", "en", IMG, "Beyond FLUX, Imagen-3 and GPT-Image-1, the remaining 17% was split between Ideogram, DALL-E-3 and StableDiffusion.",
       "the remaining is 17.5, but Ideogram 5.9 + DALL-E-3 3.6 + StableDiffusion 2.15 = 11.7 (Playground, Recraft, Other hold the rest)"),
    FB("sets", "en", RSN, "OpenAI's o3 and o4-mini together handled about half of reasoning messages at the end.",
       "o3 12.7 + o4-mini 16.9 = 29.6"),
    FB("sets", "zh", ZAUD, "剩下的两成基本被Cartesia和Unreal-Speech包揽。",
       "Cartesia 6.8 + Unreal-Speech 5.85 = 12.7 of the remaining 20.2"),
    FB("sets", "zh", ZRSN, "期末Gemini-2.5与Claude-3.7-Sonnet合计拿下了推理消息的约70%。",
       "31.5 + 18.3 = 49.8"),
    FB("sets", "zh", ZVID, "期末Runway、Luma和Hailuo三家合计仍占视频生成的一半以上。",
       "20.06 + 7.06 + 6.68 = 33.8"),
    FB("sets", "zh", ZIMG, "期末FLUX和Imagen-3合计占图像生成请求的80%以上。",
       "34.8 + 30.05 = 64.9"),
    FB("sets", "zh", ZTXT, "期末GPT-4o与Claude-3.5-Sonnet合计占文本消息的六成。",
       "35.9 + 12.0 = 47.9"),
    TB("sets", "en", AUD, "Cartesia, Unreal-Speech, PlayAI and Orpheus together held about 20% of audio generations.",
       "6.8 + 5.85 + 4.6 + 2.9 = 20.2 at the end"),
    TB("sets", "en", RSN, "Gemini-2.5 and Claude-3.7-Sonnet together held about half of reasoning messages at the end.",
       "31.5 + 18.3 = 49.8"),
    TB("sets", "en", IMG, "FLUX and Imagen-3 together made up about two-thirds of image generations at the end of May.",
       "34.8 + 30.05 = 64.9"),
    TB("sets", "zh", ZVID, "期末Kling-2.0、Veo-2和Runway合计占视频生成请求的约六成。",
       "21.2 + 20.1 + 20.06 = 61.4"),
    TB("sets", "zh", ZTXT, "GPT-4o和GPT-4.1期末合计约占文本消息的46%。", "35.9 + 10.0 = 45.9"),

    # fractions
    FB("fractions", "en", AUD, "ElevenLabs handled two-thirds of audio generations at the end of May.",
       "ElevenLabs 79.8 (four in five, not two in three)"),
    FB("fractions", "en", VID, "Runway still held a third of video generations at the end of the period.",
       "Runway ends at 20.06 (a fifth)"),
    FB("fractions", "en", TXT, "GPT-4o alone accounted for half of all text messages.",
       "GPT-4o 35.9 at the end; never above 37.1"),
    FB("fractions", "en", RSN, "By the end of May, reasoning models drew a quarter of all text messages.",
       "reasoning share of text 10.1 at the end"),
    FB("fractions", "en", RSN, "At its peak DeepSeek-R1 had three quarters of reasoning messages.",
       "DeepSeek-R1 peak 59.5 (02-17)"),
    FB("fractions", "zh", ZIMG, "FLUX期末仍占据图像生成的半壁江山。", "FLUX ends at 34.8"),
    FB("fractions", "zh", ZIMG, "Imagen-3势头很猛，期末份额已达四成。", "in the image section: Imagen-3 ends at 30.05 (三成)"),
    FB("fractions", "zh", ZVID, "快手旗下模型期末占了视频生成的一半。", "Kuaishou ends at 29.8"),
    FB("fractions", "zh", ZTXT, "Claude-3.5-Sonnet期末仍有近三成的文本消息。", "Claude-3.5-Sonnet ends at 12.0"),
    FB("fractions", "zh", ZAUD, "ElevenLabs期末的份额已不足六成。", "ElevenLabs ends at 79.8"),
    TB("fractions", "en", TXT, "OpenAI's models handled just over half of all text messages at the end.",
       "OpenAI 51.07 of text at the end"),
    TB("fractions", "en", RSN, "About one text message in ten now goes to a reasoning model.",
       "reasoning share of text 10.1 at the end"),
    TB("fractions", "en", VID, "Runway's share halved to about a fifth of video generations.",
       "Runway 40.0 → 20.06"),
    TB("fractions", "zh", ZRSN, "1月初，o1独占推理消息的九成以上。", "o1 92.6 (01-06), 92.8 (01-13)"),
    TB("fractions", "zh", ZIMG, "谷歌的Imagen-3从一成涨到了三成。", "Imagen-3 10.0 → 30.05"),

    # everywhere: title, front matter, headings, alt text, footnotes
    F("everywhere", "en", "Reasoning models surge, Kling-2.0 takes off\"",
      "Reasoning models fade, Kling-2.0 takes off\"",
      "title: reasoning share of text rose 2.0 → 10.1"),
    FM("everywhere", "en", 'excerpt: "One in four text messages on Poe now goes to a reasoning model."', False,
       "reasoning share of text ends at 10.1"),
    FM("everywhere", "en", 'description: "GPT-Image-1 grabbed 30% of image generations within two weeks of launch."', False,
       "GPT-Image-1 17.2 two weeks after launch (05-05), max 17.8"),
    F("everywhere", "en", "## 🎞️ Video generation {#chart-video}",
      "## 🎞️ Video generation: Runway stays on top {#chart-video}",
      "Runway halved to 20.06 and is third at the end (Kling-2.0 21.2, Veo-2 20.1); it lost the lead in 05-12"),
    F("everywhere", "en", "![ElevenLabs held 80% of audio generations at the end",
      "![ElevenLabs held 60% of audio generations at the end",
      "alt text: ElevenLabs ends at 79.8"),
    F("everywhere", "en", "[^2]: Messages sent to the platform's own bots (Assistant) are excluded",
      "[^2]: Messages sent to the platform's own bots (Assistant), about a third of all text messages, are excluded",
      "footnote: the Assistant is 14.7-15.2 of all text messages each week"),
    F("everywhere", "zh", "推理模型快速崛起，Kling-2.0迅速走红\"",
      "推理模型份额下滑，Kling-2.0迅速走红\"",
      "title: reasoning share of text rose 2.0 → 10.1"),
    F("everywhere", "zh", "## 三、🖼️ 图像生成 {#chart-image}",
      "## 三、🖼️ 图像生成：Imagen-3登顶 {#chart-image}",
      "heading: FLUX led image every week; Imagen-3 second at 30.05"),
    F("everywhere", "zh", "![Kling-2.0于4月下旬上线，3周后占视频生成请求的21%",
      "![Kling-2.0于4月下旬上线，3周后占视频生成请求的31%",
      "alt text: Kling-2.0 21.2 three weeks after launch, max 21.3"),
    F("everywhere", "zh", "[^4]: 由“朗读”按钮等后续操作触发的音频生成请求不计入统计",
      "[^4]: 由“朗读”按钮等后续操作触发的音频生成请求（约占全部音频请求的一成）不计入统计",
      "footnote: speak-button requests are 49.6-50.2 of all audio requests each week"),
    FM("everywhere", "zh", 'excerpt: "ElevenLabs在音频生成中的份额已跌破五成。"', False,
       "ElevenLabs 79.7-80.4 every week"),
    FM("everywhere", "en", 'description: "Reasoning models went from 2% to 10% of text messages on Poe between January and May 2025."', True,
       "reasoning share of text 2.0 → 10.1"),
    T("everywhere", "en", "[^2]: Messages sent to the platform's own bots (Assistant) are excluded",
      "[^2]: Messages sent to the platform's own bots (Assistant), about 15% of all text messages, are excluded",
      "the Assistant is 14.7-15.2 of all text messages each week"),
    T("everywhere", "en", "## 🔊 Audio generation (text to speech) {#chart-audio}",
      "## 🔊 Audio generation: ElevenLabs way out in front {#chart-audio}",
      "ElevenLabs first every week, 79.7-80.4 against at most 8.9 for anyone else"),
    T("everywhere", "zh", "## 二、🧠 推理模型 {#chart-reasoning}",
      "## 二、🧠 推理模型：Gemini-2.5后来居上 {#chart-reasoning}",
      "Gemini-2.5 launched late March and is first at the end (31.5)"),
    T("everywhere", "zh", "[^3]: 由“动画”按钮等后续操作触发的视频生成请求不计入统计",
      "[^3]: 由“动画”按钮等后续操作触发的视频生成请求（接近全部视频请求的四成）不计入统计",
      "animate-button requests are 37.2-38.1 of all video requests each week"),

    # numbers: shares, dates, durations
    F("numbers", "en", "24 points ahead of Claude-3.5-Sonnet (12%)", "more than four times the share of Claude-3.5-Sonnet (12%)",
      "at the end GPT-4o 35.9 is 3.0 times Claude-3.5-Sonnet 12.0"),
    F("numbers", "en", "- **Orpheus** reached **about 3%**", "- **Orpheus** reached **about 8%**",
      "Orpheus max 3.0"),
    F("numbers", "en", "- **Hailuo** fell from 15% to **about 7%**", "- **Hailuo** fell from 15% to **about 12%**",
      "Hailuo ends at 6.7"),
    F("numbers", "en", "peaked at **7%** of text messages in mid-February", "peaked at **7%** of text messages in mid-April",
      "DeepSeek-R1 peaked 02-17 (7.2); mid-April it was about 3"),
    F("numbers", "en", "eight weeks after its launch in late March", "eight weeks after its launch in early January",
      "Gemini-2.5's first bot (Gemini-2.5-Pro) launched 2025-03-25"),
    F("numbers", "zh", "- **Luma**的份额从14%降至", "- **Luma**的份额从24%降至", "Luma starts at 14.05, max 14.1"),
    F("numbers", "zh", "在2月中旬达到**7%**的峰值", "在3月下旬达到**7%**的峰值",
      "DeepSeek-R1 peaked at 7.2 of text in 02-17; in late March it was about 4.3"),
    F("numbers", "zh", "- **OpenAI**期末拿下了**51%**", "- **OpenAI**期末拿下了**61%**", "OpenAI ends at 51.07 of text"),
    F("numbers", "zh", "4周后就拿下了**约10%**", "4周后就拿下了**约20%**", "GPT-4.1 9.4 four weeks after launch, max 10.1"),
    F("numbers", "zh", "5周后拿下了**16%**的推理消息", "5周后拿下了**26%**的推理消息", "o4-mini max 17.3 of reasoning"),
    TB("numbers", "en", VID, "Kuaishou peaked at about 30% of video generations in early May.",
       "Kuaishou 30.4 in 05-05, its highest week"),
    TB("numbers", "zh", ZIMG, "Playground期末只剩约2%的图像生成请求。", "Playground ends at 2.1"),
    TB("numbers", "en", TXT, "Claude-3.7-Sonnet launched in late February and peaked at about 11% of text messages in late March.",
       "released 2025-02-24; max 10.9 in 03-31"),
    TB("numbers", "zh", ZRSN, "推理消息里，Claude-3.7-Sonnet期末排在Gemini-2.5之后，约占18%。", "18.3 at the end, second to Gemini-2.5 31.5"),
    TB("numbers", "zh", ZVID, "Runway的份额从年初的约40%降至5月底的约20%。", "Runway 40.0 → 20.06"),
)


# ------------------------------------------------------------------------------------------
# HELDOUT2: a second held-out set, written after the checker had been tuned on HELDOUT, again
# without reading the checker (writer/verify.py, writer/mentions.py, writer/claims/*) or its
# tests; the sentences above were skimmed only to avoid their shapes and wording. Truth from
# weekly shares computed with pandas from data/usage.csv and data/models.csv (family, or
# provider when one is named). Figures in `why` are weekly shares in %, "end" = mean of
# 2025-05-19 and 05-26, "start" = mean of 2025-01-06 and 01-13.
# ------------------------------------------------------------------------------------------
HELDOUT2 = (
    # names: brands not in the data, a provider put on another's model, a subject naming nothing
    FB("names", "en", IMG, "Leonardo.Ai's Phoenix ended May at about 4% of image generations.",
       "Leonardo/Phoenix is not in the data (image families: FLUX, Imagen-3, GPT-Image-1, Ideogram, "
       "DALL-E-3, StableDiffusion, Playground, Recraft, Other)"),
    FB("names", "en", VID, "Kling-2.0, MiniMax's new video model, held about 21% of video generations at the end of May.",
       "Kling-2.0 is Kuaishou's (21.2 at the end); MiniMax's video family is Hailuo, 6.7 at the end"),
    FB("names", "en", AUD, "Stability AI's Stable Audio picked up 2% of audio generations after its spring launch.",
       "Stable Audio is not in the data; Stability AI has only image models (StableDiffusion)"),
    FB("names", "en", VID, "Amazon's Nova Reel took about 5% of video generations by May.",
       "Nova Reel is not in the data; Amazon's only family, Nova, is a text model (0.25 of text)"),
    FB("names", "zh", ZTXT, "智谱的GLM-4期末约占文本消息的2%。",
       "GLM-4 (Zhipu) is not in the data"),
    FB("names", "zh", ZIMG, "百度的文心一格期末约占图像生成请求的3%。",
       "文心一格 (Baidu ERNIE-ViLG) is not in the data"),
    FB("names", "zh", ZVID, "腾讯的Wan期末约占视频生成请求的3%。",
       "Wan is Alibaba's (3.4 at the end); Tencent's video family is Hunyuan-Video, 1.0 at the end"),
    FB("names", "zh", ZAUD, "一款名不见经传的语音模型3月上线后，很快拿下了一成的音频生成请求。",
       "names nothing; the only audio model launched in March is Orpheus, max 3.0"),
    TB("names", "en", TXT, "Meta's Llama-4, launched in early April, never got past about 0.6% of text messages.",
       "Llama-4 (Meta, released 2025-04-05) max 0.60 (04-07), 0.41 at the end"),
    TB("names", "en", VID, "Alibaba's Wan, new in late February, ended May at about 3% of video generations.",
       "Wan-2.1 (Alibaba, released 2025-02-25) ends at 3.44"),
    TB("names", "zh", ZVID, "MiniMax的海螺期末约占视频生成请求的7%。",
       "海螺 = Hailuo (MiniMax), ends at 6.68"),
    TB("names", "zh", ZVID, "腾讯的Hunyuan-Video期末只占视频生成请求的约1%。",
       "Hunyuan-Video (Tencent) ends at 1.00"),

    # chart: a provider's or model's figure put on another chart
    FB("chart", "en", TXT, "Google's models ended the period with about 30% of text messages.",
       "Google ends at 8.4 of text; 30.05 is its image share (31.7 of reasoning)"),
    FB("chart", "en", RSN, "Anthropic's share of reasoning messages ended at about 24%.",
       "Anthropic ends at 18.3 of reasoning; 24.5 is its share of text"),
    FB("chart", "en", IMG, "Google ended May with about 20% of image generations.",
       "Google ends at 30.05 of image; 20.1 is its share of video (Veo-2)"),
    FB("chart", "en", TXT, "DeepSeek ended May with about 13% of all text messages.",
       "DeepSeek ends at 3.0 of text; 13.35 is its share of reasoning messages"),
    FB("chart", "zh", ZTXT, "谷歌旗下模型期末约占文本消息的三成。",
       "Google ends at 8.4 of text; about 30 is its image (30.05) and reasoning (31.7) share"),
    FB("chart", "zh", ZVID, "黑森林实验室期末约占视频生成请求的35%。",
       "Black Forest Labs (FLUX) is image only, 34.8 of image; it has no video generations"),
    FB("chart", "zh", ZRSN, "o1期初占全部文本消息的九成以上。",
       "o1 starts at 92.7 of reasoning messages but only 1.9 of all text messages"),
    F("chart", "zh", "8周后拿下了**约5%**的文本消息", "8周后拿下了**约5%**的推理消息",
      "Gemini-2.5 eight weeks after launch (05-19) had 5.6 of text but 31.5 of reasoning messages"),
    TB("chart", "en", TXT, "Google's models ended the period at about 8% of text messages, far below their 32% of reasoning messages.",
       "Google ends at 8.4 of text and 31.7 of reasoning"),
    TB("chart", "en", VID, "Google ended May with 30% of image generations (Imagen-3) and 20% of video generations (Veo-2).",
       "Google ends at 30.05 of image and 20.1 of video"),
    TB("chart", "zh", ZRSN, "2月中旬的峰值时期，DeepSeek-R1占推理消息近六成，但只占全部文本消息的约7%。",
       "DeepSeek-R1 in 02-17: 59.5 of reasoning, 7.2 of text"),
    TB("chart", "zh", ZIMG, "OpenAI期末约占图像生成请求的21%，在文本消息中则超过一半。",
       "OpenAI ends at 21.3 of image and 51.07 of text"),

    # ranks: pairwise order, a mid-period week, providers
    FB("ranks", "en", VID, "By mid-March, Kling-1.6 had overtaken Runway in video generations.",
       "03-17: Runway 29.8, Kling-1.6 13.7; Kling-1.6 never passed Runway (max 15.0)"),
    FB("ranks", "en", AUD, "Orpheus overtook PlayAI in audio generations by the end of May.",
       "end: PlayAI 4.6, Orpheus 2.9; Orpheus max 3.0"),
    FB("ranks", "en", IMG, "Ideogram finished the period behind StableDiffusion in image generations.",
       "end: Ideogram 5.9, StableDiffusion 2.15"),
    FB("ranks", "en", TXT, "In January, Anthropic's models drew more text messages than OpenAI's.",
       "January: OpenAI 40.8-41.2, Anthropic 32.8-34.6; OpenAI led every week"),
    FB("ranks", "en", RSN, "In early April, Claude-3.7-Sonnet was the most used reasoning model.",
       "04-07: DeepSeek-R1 35.7, Gemini-2.5 21.3, Claude-3.7-Sonnet 14.6 (third)"),
    FB("ranks", "zh", ZVID, "3月时，Hailuo在视频生成中仅次于Runway。",
       "March: Runway ~28-31, Veo-2 ~20, Kling-1.6 ~13-15, Hailuo ~9.2-9.7 (fourth)"),
    FB("ranks", "zh", ZTXT, "期末谷歌旗下模型在文本消息中排名第二。",
       "end by provider: OpenAI 51.07, Anthropic 24.5, Google 8.4 (third)"),
    FB("ranks", "zh", ZIMG, "期末DALL-E-3的份额仍高于Ideogram。",
       "end: Ideogram 5.9, DALL-E-3 3.6"),
    TB("ranks", "en", VID, "Veo-2 ranked second in video generations from late February to the end of April.",
       "Veo-2 second every week 02-17..04-28 (behind Runway); third from 05-05"),
    TB("ranks", "en", IMG, "At the end, Google was the second-largest image provider, behind Black Forest Labs.",
       "end: Black Forest Labs 34.8, Google 30.05, OpenAI 21.3"),
    TB("ranks", "zh", ZAUD, "期末PlayAI在音频生成中排名第四，仍领先Orpheus。",
       "end: ElevenLabs 79.8, Cartesia 6.8, Unreal-Speech 5.85, PlayAI 4.6, Orpheus 2.9"),
    TB("ranks", "zh", ZRSN, "4月上旬，DeepSeek-R1仍是推理消息中用量最大的模型，Gemini-2.5排第二。",
       "04-07: DeepSeek-R1 35.7, Gemini-2.5 21.3, Claude-3.7-Sonnet 14.6"),

    # directions: over a sub-period, a reversal, a provider
    FB("directions", "en", RSN, "The share of text messages going to reasoning models rose every week from February to May.",
       "it fell from 12.1 (02-17) to 9.4 (03-17), rose to 11.1 (04-21), then fell to 10.1 (05-26)"),
    FB("directions", "en", VID, "Kling-1.6 lost share steadily from January onward.",
       "Kling-1.6 rose from 10.5 (01-06) to 15.0 (04-14) before falling to 6.8"),
    FB("directions", "en", TXT, "Gemini-2.0's share declined steadily throughout the period.",
       "Gemini-2.0 fell 2.8 → 1.8 (01-27), doubled to 3.7 (03-31), then fell to 1.8"),
    FB("directions", "en", RSN, "o3's share of reasoning messages kept climbing after its launch.",
       "o3 family rose 9.7 (01-27) → 26.5 (02-17), then fell to 11.8 (04-28); ends at 12.7"),
    FB("directions", "zh", ZIMG, "GPT-Image-1上线之前，OpenAI在图像生成中的份额就已开始回升。",
       "OpenAI image share drifted down before the launch: 8.9 (01-06) → 8.0 (04-14)"),
    FB("directions", "zh", ZTXT, "DeepSeek-R1在文本消息中的份额自上线起一路下滑。",
       "DeepSeek-R1 rose from 0.8 (01-20) to 7.2 (02-17) before falling"),
    FB("directions", "zh", ZTXT, "谷歌在文本消息中的份额全程持续下滑。",
       "Google text 5.1 (01-06) → 3.6 (01-27) → 8.5 (05-26): it rose from late January on"),
    FB("directions", "zh", ZAUD, "Unreal-Speech的份额在1月至2月间明显下滑。",
       "Unreal-Speech flat at 8.7-8.9 every week 01-06..03-10; it fell only from mid-March"),
    TB("directions", "en", RSN, "Google's share of reasoning messages shrank from about 5% in January to about half a percent in mid-March, before Gemini-2.5 lifted it past 30%.",
       "Google reasoning 4.95 (01-06) → 0.52 (03-17) → 31.7 at the end"),
    TB("directions", "en", VID, "Kling-1.6 kept gaining until mid-April, then lost more than half its share once Kling-2.0 arrived.",
       "Kling-1.6 10.5 → 15.0 (04-14) → 6.8 (05-26)"),
    TB("directions", "zh", ZRSN, "推理模型占文本消息的比例在2月中旬见顶后回落，4月又回升至11%左右。",
       "12.1 (02-17) → 9.4 (03-17) → 11.1 (04-21)"),
    TB("directions", "zh", ZTXT, "Claude-3.7-Sonnet上线后，Anthropic在文本消息中的份额一度回升，3月上旬后又继续下滑。",
       "Anthropic text 29.95 (02-17) → 32.4 (03-10) → 24.4 (05-26)"),

    # counts: weeks led, how many above a bar, how many launched
    FB("counts", "en", VID, "Kling-2.0 has now led video generations for five straight weeks.",
       "Kling-2.0 first only in the last three weeks (05-12, 05-19, 05-26); Runway led 05-05"),
    FB("counts", "en", IMG, "Only two image models held more than 10% of image generations at the end.",
       "three: FLUX 34.8, Imagen-3 30.05, GPT-Image-1 17.7"),
    FB("counts", "en", TXT, "Five text models ended the period above 10% of text messages.",
       "two: GPT-4o 35.9, Claude-3.5-Sonnet 12.0 (GPT-4.1 10.0, Claude-3.7-Sonnet 9.4)"),
    FB("counts", "en", RSN, "OpenAI added only one new reasoning bot during the period.",
       "five: o3-mini, o3-mini-high (01-31), o1-pro (03-19), o3, o4-mini (04-16)"),
    FB("counts", "zh", ZAUD, "期间共有四款新的音频模型上线。",
       "two audio bots released in the period: PlayAI-Dialog (02-18), Orpheus-TTS (03-19)"),
    FB("counts", "zh", ZVID, "期末共有五个视频模型系列的份额超过10%。",
       "three: Kling-2.0 21.2, Veo-2 20.1, Runway 20.06"),
    FB("counts", "zh", ZIMG, "FLUX在全部21周中只有一半时间排名第一。",
       "FLUX first in all 21 weeks"),
    FB("counts", "zh", ZRSN, "DeepSeek-R1在推理消息中连续20周排名第一。",
       "first for 13 weeks, 01-27..04-21 (o1 led 01-20, Gemini-2.5 from 04-28)"),
    TB("counts", "en", VID, "Three video models ended the period at about 20% each: Kling-2.0, Veo-2 and Runway.",
       "Kling-2.0 21.2, Veo-2 20.1, Runway 20.06; next is Luma 7.1"),
    TB("counts", "en", TXT, "Only two text models, GPT-4o and Claude-3.5-Sonnet, stayed above 10% of text messages every week.",
       "GPT-4o min 34.9, Claude-3.5-Sonnet min 11.9; no other family above 10 every week"),
    TB("counts", "zh", ZRSN, "DeepSeek-R1连续13周位居推理消息榜首。",
       "first every week 01-27..04-21 (13 weeks)"),
    TB("counts", "zh", ZIMG, "期末有三款图像模型的份额超过一成：FLUX、Imagen-3和GPT-Image-1。",
       "34.8, 30.05, 17.7; next Ideogram 5.9"),

    # sets: everyone but X, a group of providers
    FB("sets", "en", VID, "Chinese providers (Kuaishou, MiniMax, Alibaba and Tencent) together held more than half of video generations at the end.",
       "29.8 + 6.7 + 3.4 + 1.0 = 40.9"),
    FB("sets", "en", TXT, "Outside OpenAI and Anthropic, all other providers together drew about 35% of text messages at the end.",
       "100 - 51.07 - 24.46 = 24.5"),
    FB("sets", "en", IMG, "Everything outside the top three image models added up to less than 10% of image generations at the end.",
       "100 - 34.8 - 30.05 - 17.7 = 17.5"),
    FB("sets", "en", RSN, "Google and Anthropic together handled about 70% of reasoning messages at the end.",
       "Google 31.7 + Anthropic 18.3 = 50.0"),
    FB("sets", "zh", ZVID, "除快手外，其余厂商期末合计只占视频生成请求的约五成。",
       "100 - Kuaishou 29.8 = 70.2"),
    FB("sets", "zh", ZTXT, "期末Meta、Mistral和DeepSeek三家合计约占文本消息的15%。",
       "2.7 + 1.2 + 3.0 = 6.9"),
    FB("sets", "zh", ZAUD, "期初，ElevenLabs以外的音频模型合计约占三成。",
       "start: 100 - 80.4 = 19.6"),
    TB("sets", "en", TXT, "OpenAI and Anthropic together accounted for about three quarters of text messages at the end.",
       "51.07 + 24.46 = 75.5"),
    TB("sets", "en", VID, "Chinese providers Kuaishou, MiniMax, Alibaba and Tencent together ended the period with about 40% of video generations.",
       "29.8 + 6.7 + 3.4 + 1.0 = 40.9"),
    TB("sets", "zh", ZRSN, "期末OpenAI旗下的o4-mini、o3和o1合计约占推理消息的三分之一。",
       "16.9 + 12.7 + 3.7 = 33.3"),
    TB("sets", "zh", ZIMG, "期末Ideogram、DALL-E-3、StableDiffusion、Playground和Recraft五家合计约占图像生成请求的16%。",
       "5.9 + 3.6 + 2.15 + 2.1 + 1.85 = 15.65"),

    # fractions: ratios between models, share kept
    FB("fractions", "en", TXT, "GPT-4o ended the period with about twice GPT-4.1's share of text messages.",
       "35.9 / 10.0 = 3.6 times"),
    FB("fractions", "en", IMG, "Imagen-3 ended the period with about half of FLUX's share.",
       "30.05 / 34.8 = 0.86"),
    FB("fractions", "en", VID, "Luma kept about three quarters of its January share of video generations.",
       "14.05 → 7.06, it kept half"),
    FB("fractions", "en", RSN, "o1 kept about a fifth of its January share of reasoning messages.",
       "92.7 → 3.7, it kept 4% (a twenty-fifth)"),
    FB("fractions", "en", AUD, "ElevenLabs' share was eight times that of all other audio models combined.",
       "79.8 / 20.2 = 4.0 times"),
    FB("fractions", "zh", ZTXT, "期末Claude-3.5-Sonnet的份额仍是Claude-3.7-Sonnet的两倍。",
       "12.0 / 9.4 = 1.3 times"),
    FB("fractions", "zh", ZRSN, "期末Gemini-2.5的推理消息份额是o4-mini的三倍。",
       "31.5 / 16.9 = 1.9 times"),
    FB("fractions", "zh", ZIMG, "StableDiffusion期末的份额只剩期初的十分之一。",
       "9.9 → 2.15, about a fifth (0.22) of its start"),
    TB("fractions", "en", TXT, "At the end, GPT-4o's share of text messages was about three times Claude-3.5-Sonnet's.",
       "35.9 / 12.0 = 3.0"),
    TB("fractions", "en", AUD, "ElevenLabs handled about four times as many audio generations as all its rivals combined.",
       "79.8 / 20.2 = 3.96"),
    TB("fractions", "zh", ZVID, "期末Kling-2.0的份额约为Kling-1.6的三倍。",
       "21.2 / 6.9 = 3.1"),
    TB("fractions", "zh", ZRSN, "期末Gemini-2.5的推理消息份额接近o4-mini的两倍。",
       "31.5 / 16.9 = 1.86"),

    # everywhere: takeaways, bold subheads, the intro, the conclusion, a chart lead-in, front matter
    F("everywhere", "en", "📌 **Takeaway:** A strong new model can win a large share within weeks, so the ranking can change quickly.",
      "📌 **Takeaway:** GPT-4.1 overtook Claude-3.5-Sonnet within weeks of launch, so the ranking can change quickly.",
      "takeaway: GPT-4.1 max 10.1, Claude-3.5-Sonnet min 11.9; GPT-4.1 never passed it"),
    F("everywhere", "en", "**ElevenLabs keeps its lead, while challengers appear**[^4]",
      "**ElevenLabs' lead shrinks to 60% as challengers appear**[^4]",
      "subhead: ElevenLabs 79.7-80.4 every week"),
    F("everywhere", "en", "New models won a large share within weeks, and older versions faded",
      "New models won a large share within weeks (Gemini-2.5 alone took a fifth of all text messages), and older versions faded",
      "conclusion: Gemini-2.5 max 5.9 of text"),
    FM("everywhere", "en", 'description: "Veo-2 led video generation for most of the spring."', False,
       "Veo-2 never led a week (Runway until 05-05, then Kling-2.0); max 20.4"),
    F("everywhere", "zh", "**Kling-2.0开局强势**[^3]", "**Kling-2.0开局强势，一举拿下四成份额**[^3]",
      "subhead: Kling-2.0 max 21.3"),
    F("everywhere", "zh", "📌 **总结**：推理能力正在成为各家前沿实验室竞争的新焦点。",
      "📌 **总结**：推理消息已占全部文本消息的三成，推理能力正在成为各家前沿实验室竞争的新焦点。",
      "takeaway: reasoning share of text 10.1 at the end, max 12.1"),
    F("everywhere", "zh", "看新模型如何迅速赢得用户，老模型又如何让出位置。",
      "看新模型如何迅速赢得用户（GPT-Image-1两周内就拿下了一半的图像生成请求），老模型又如何让出位置。",
      "intro: GPT-Image-1 17.3 two weeks after launch, max 17.8"),
    F("everywhere", "zh", "推理模型在全部文本消息中所占比例的逐周变化：",
      "推理模型在全部文本消息中所占比例的逐周变化（期间从未超过5%）：",
      "chart lead-in: reasoning share of text max 12.1 (02-17), 10.1 at the end"),
    T("everywhere", "en", "📌 **Takeaway:** Reasoning is becoming the main arena of competition between frontier labs.",
      "📌 **Takeaway:** With one text message in ten now going to a reasoning model, reasoning is becoming the main arena of competition between frontier labs.",
      "reasoning share of text 10.1 at the end"),
    T("everywhere", "en", "**A fast start for Kling-2.0**[^3]", "**Kling-2.0 edges past Runway and Veo-2**[^3]",
      "end: Kling-2.0 21.2, Veo-2 20.1, Runway 20.06; first in each of the last three weeks"),
    T("everywhere", "zh", "在一家独大的领域，挑战者也已开始出现。",
      "在ElevenLabs占据八成份额的音频领域，挑战者也已开始出现。",
      "conclusion: ElevenLabs 79.8 at the end"),
    FM("everywhere", "zh", 'excerpt: "2025年1月至5月，Runway在视频生成中的份额减半，Kling-2.0后来居上。"', True,
       "Runway 40.0 → 20.06; Kling-2.0 first at the end (21.2)"),

    # numbers: points lost, first-week shares, crossover dates, gaps, launch dates
    FB("numbers", "en", VID, "Kling-2.0 overtook Runway in early April.",
       "Kling-2.0 launched 2025-04-21 and first passed Runway in the week of 05-12 (21.2 vs 20.8)"),
    FB("numbers", "en", RSN, "At the end, Gemini-2.5 led Claude-3.7-Sonnet by about 25 points in reasoning messages.",
       "31.5 - 18.3 = 13.2 points"),
    FB("numbers", "en", IMG, "Ideogram lost about 10 points of image generations over the period.",
       "10.1 → 5.9, 4.2 points"),
    FB("numbers", "en", TXT, "Claude-3.5-Sonnet lost about 30 points of text share between January and May.",
       "31.1 → 12.0, 19.1 points"),
    FB("numbers", "zh", ZAUD, "Orpheus上线首周就拿下了约3%的音频生成请求。",
       "first week (03-17) 0.5; it reached 3.0 only in 05-26"),
    FB("numbers", "zh", ZVID, "Veo-2上线首周即拿下约20%的视频生成请求。",
       "first week (02-10) 8.1; about 20 from 02-24 on"),
    FB("numbers", "zh", ZRSN, "DeepSeek-R1于2月下旬上线。",
       "DeepSeek-R1 released 2025-01-20 (late January)"),
    TB("numbers", "en", IMG, "GPT-Image-1 already had 8% of image generations in its first week.",
       "week of 04-21 (released 04-23): 8.0"),
    TB("numbers", "zh", ZTXT, "Anthropic旗下模型在文本消息中的份额从约34%降至约24%，减少了约10个百分点。",
       "Anthropic 34.4 → 24.5, 9.95 points"),
    TB("numbers", "zh", ZVID, "5月中旬，Kling-2.0首次超过Runway，登上视频生成榜首。",
       "first ahead in the week of 05-12: Kling-2.0 21.2, Runway 20.8"),
)


EDITS: tuple[Edit, ...] = (NAMES + CHART + RANKS + DIRECTIONS + COUNTS + SETS + FRACTIONS + EVERYWHERE
                           + NUMBERS + REWORDED + LATER + HELDOUT + HELDOUT2)


# ------------------------------------------------------------------------------------------
# The runner shared by the test and the bench
# ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    edit: Edit
    rc: int
    output: str  # verify's stdout (the unbacked lines), or its stderr summary when none

    @property
    def ok(self) -> bool:
        """A false edit is caught (exit 1); a true paraphrase is accepted (exit 0)."""
        return self.rc == (0 if self.edit.backed else 1)

    @property
    def line(self) -> str:
        lines = [ln for ln in self.output.splitlines() if ln.strip()]
        return lines[0] if lines else ""


@contextlib.contextmanager
def cached_verify():
    """`writer verify` as the CLI runs it, with the data loaded and the period analysed once
    (the same inputs for every edit), so hundreds of edits verify in seconds. Whatever of
    this cannot be patched (a renamed helper) is left alone: slower, same results."""
    from writer import cli, pipeline

    patched = []

    def memo(module, name, key):
        orig = getattr(module, name, None)
        if orig is None:
            return
        cache: dict = {}

        def wrapper(*a, **kw):
            k = key(a, kw)
            if k not in cache:
                cache[k] = orig(*a, **kw)
            return cache[k]

        setattr(module, name, wrapper)
        patched.append((module, name, orig))

    memo(cli, "_load", lambda a, kw: (getattr(a[0], "data", None), getattr(a[0], "models", None)))
    memo(pipeline, "analyse", lambda a, kw: (id(a[0]), repr(a[1:]), repr(sorted(kw.items()))))
    try:
        yield
    finally:
        for module, name, orig in reversed(patched):
            setattr(module, name, orig)


def verify(path: Path) -> tuple[int, str]:
    """`writer verify PATH` in this process: (exit code, stdout or else stderr)."""
    from writer import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = cli.main(["verify", str(path)])
    return rc, out.getvalue() or err.getvalue()


def measure(posts: dict[str, Path], work: Path, edits: tuple[Edit, ...] = EDITS) -> list[Outcome]:
    """Each edit applied alone to a copy of its post, and that one file verified."""
    texts = {lang: p.read_text(encoding="utf-8") for lang, p in posts.items()}
    outcomes = []
    with cached_verify():
        for edit in edits:
            dest = work / edit.lang / posts[edit.lang].name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(apply(edit, texts[edit.lang]), encoding="utf-8")
            rc, output = verify(dest)
            outcomes.append(Outcome(edit, rc, output))
    return outcomes


def tally(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    """kind → counts: false_caught, false_total, true_accepted, true_total."""
    table = {k: {"false_caught": 0, "false_total": 0, "true_accepted": 0, "true_total": 0} for k in KINDS}
    for o in outcomes:
        row = table[o.edit.kind]
        if o.edit.backed:
            row["true_total"] += 1
            row["true_accepted"] += o.ok
        else:
            row["false_total"] += 1
            row["false_caught"] += o.ok
    return table
