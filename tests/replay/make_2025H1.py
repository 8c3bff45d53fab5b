"""The replies of tests/replay/2025H1.json, as a careful model would write them for the
current prompts. Edit the texts here, then run `python tests/replay/make_2025H1.py` to
rewrite the JSON (see tests/test_replay.py for the whole procedure)."""

import json
from pathlib import Path


def section(headline, bullets, takeaway):
    return {"headline": headline, "bullets": bullets, "takeaway": takeaway}


def frame(title, lead, highlights, conclusion):
    return {"title": title, "lead": lead, "highlights": highlights, "conclusion": conclusion}


EN = {
    "text": section(
        "OpenAI still carries most text conversations, while every lab's new releases win "
        "users within weeks",
        ["**GPT-4.1** reached **{{F9.share}}** of text messages {{F9.weeks_after_launch}} "
         "after its launch.",
         "**Claude-3.7-Sonnet** is taking over from Claude-3.5-Sonnet: it reached "
         "**{{F11.share}}** of text messages {{F11.weeks_after_launch}} after its launch, while "
         "Claude-3.5-Sonnet ended the period at {{F25.predecessor_end}}.",
         "**OpenAI**'s models handled **{{F14.share}}** of text messages at the end of the "
         "period, ranking {{F14.rank}} among the labs; the remaining {{F14.rest}} went to its "
         "rivals.",
         "**Gemini-2.5** reached **{{F19.share}}** of text messages {{F19.weeks_after_launch}} "
         "after its launch, and Gemini-2.0 fell to {{F37.predecessor_end}} as users moved to "
         "the newer model.",
         "**GPT-4o** ranked {{F20.rank}} among text models with **{{F20.share}}** at the end of "
         "the period, {{F20.gap}} ahead of Claude-3.5-Sonnet.",
         "**DeepSeek-R1** peaked at **{{F24.peak}}** of text messages in {{F24.peak_week}}, "
         "then fell back to {{F24.end}} by the end of the period."],
        "Users move to a lab's newest model quickly, but rarely leave the lab itself."),
    "reasoning": section(
        "Reasoning models became the new battleground after DeepSeek-R1's breakout",
        ["The share of all text messages sent to reasoning models went from {{F1.start}} to "
         "**{{F1.end}}**.",
         "**DeepSeek-R1** peaked at **{{F29.peak}}** of reasoning messages in "
         "{{F29.peak_week}}, then fell back to {{F29.end}} as rivals arrived.",
         "**Gemini-2.5** reached **{{F34.share}}** of reasoning messages "
         "{{F34.weeks_after_launch}} after its launch. Gemini-2.5 ranked {{F56.rank}} among "
         "reasoning models at the end of the period, {{F56.gap}} ahead of Claude-3.7-Sonnet.",
         "**o4-mini** reached **{{F47.share}}** of reasoning messages "
         "{{F47.weeks_after_launch}} after its launch, overtaking o3, which ended the period at "
         "{{F51.predecessor_end}}.",
         "**o3** took over from o1: it ended the period at **{{F49.share}}**, while o1 fell to "
         "{{F49.predecessor_end}}.",
         "Some newcomers stayed small: o1-pro peaked at {{F52.o1_pro}} and Grok-3 at "
         "{{F52.grok_3}}."],
        "In reasoning, the lead changes hands within weeks of each major launch."),
    "image": section(
        "OpenAI and Google gain on FLUX in image generation",
        ["**GPT-Image-1** reached **{{F4.share}}** of image generations "
         "{{F4.weeks_after_launch}} after its launch, while DALL-E-3 fell to "
         "{{F13.predecessor_end}}.",
         "**Imagen-3** {{F5.ratio}} its share, from {{F5.start}} to **{{F5.end}}** of image "
         "generations.",
         "**OpenAI**'s image models together went from {{F15.start}} to **{{F15.end}}** of "
         "image generations.",
         "**FLUX** fell from {{F17.start}} to **{{F17.end}}** of image generations. FLUX "
         "still ranked {{F36.rank}}, {{F36.gap}} ahead of Imagen-3.",
         "**StableDiffusion** fell from {{F23.start}} to **{{F23.end}}** of image generations.",
         "**Playground** fell from {{F28.start}} to **{{F28.end}}** of image generations."],
        "Image generation is now a close race between FLUX, Google and OpenAI."),
    "video": section(
        "Kuaishou's Kling models take the lead in video",
        ["**Kling-2.0** reached **{{F2.share}}** of video generations "
         "{{F2.weeks_after_launch}} after its launch, while Kling-1.6 fell to "
         "{{F10.predecessor_end}}.",
         "**Kuaishou**'s Kling models together {{F12.ratio}}, from {{F12.start}} to "
         "**{{F12.end}}** of video generations.",
         "**Runway**'s share {{F7.ratio}}, from {{F7.start}} to **{{F7.end}}** of video "
         "generations.",
         "**Veo-2** has stayed at **{{F27.share}}** of video generations for "
         "{{F27.weeks}}.",
         "**Hailuo** fell from {{F21.start}} to **{{F21.end}}** of video generations.",
         "**Luma** fell from {{F26.start}} to **{{F26.end}}** of video generations."],
        "Chinese labs now set the pace in video generation."),
    "audio": section(
        "ElevenLabs dominates voice generation",
        ["**ElevenLabs** ranked {{F6.rank}} and handled **{{F6.share|fraction}}** audio "
         "generations at the end of the period; the remaining {{F6.rest}} went to its rivals.",
         "**Orpheus** reached **{{F35.share}}** of audio generations "
         "{{F35.weeks_after_launch}} after its launch.",
         "**Unreal-Speech** fell from {{F42.start}} to **{{F42.end}}** of audio generations."],
        "In voice, one provider sets the standard and newcomers struggle to break in."),
    "frame": frame(
        "{{period}} AI model usage trends: reasoning takes off, Kling-2.0 leads video",
        "This report follows the weekly share of messages each AI model received on Poe, "
        "chart by chart. Reasoning models became a category of their own, every lab's new "
        "releases won users within weeks, and Kuaishou's Kling models took the lead in video.",
        ["**Reasoning is the new battleground**: the share of all text messages sent to "
         "reasoning models went from {{F1.start}} to **{{F1.end}}**.",
         "**Kling-2.0 takes off**: Kling-2.0 reached **{{F2.share}}** of video generations "
         "{{F2.weeks_after_launch}} after its launch.",
         "**GPT-Image-1 arrives**: GPT-Image-1 reached **{{F4.share}}** of image generations "
         "{{F4.weeks_after_launch}} after its launch.",
         "**ElevenLabs dominates voice**: ElevenLabs handled **{{F6.share}}** of audio "
         "generations at the end of the period."],
        "New models win users within weeks of their launch, and the labs that ship often "
        "keep them. Reasoning and video are where the next shifts are most likely."),
}

ZH = {
    "text": section(
        "OpenAI仍承担大部分文本对话，各家新模型上线后很快赢得用户",
        ["**GPT-4.1** 上线{{F9.weeks_after_launch}}后拿下了 **{{F9.share}}** 的文本消息。",
         "**Claude-3.7-Sonnet** 正在接替Claude-3.5-Sonnet：上线{{F11.weeks_after_launch}}后"
         "份额达到 **{{F11.share}}**，而Claude-3.5-Sonnet期末降至{{F25.predecessor_end}}。",
         "**OpenAI** 旗下模型期末占文本消息的 **{{F14.share}}**，在各厂商中排名{{F14.rank}}；"
         "其余{{F14.rest}}由其他厂商分享。",
         "**Gemini-2.5** 上线{{F19.weeks_after_launch}}后拿下 **{{F19.share}}** 的文本消息，"
         "Gemini-2.0则降至{{F37.predecessor_end}}，用户转向了新一代模型。",
         "**GPT-4o** 期末以 **{{F20.share}}** 领先Claude-3.5-Sonnet {{F20.gap}}，在文本模型中"
         "排名{{F20.rank}}。",
         "**DeepSeek-R1** 在{{F24.peak_week}}达到 **{{F24.peak}}** 的峰值，期末回落至"
         "{{F24.end}}。"],
        "用户会很快转向同一厂商的最新模型，却很少离开这家厂商。"),
    "reasoning": section(
        "DeepSeek-R1爆红之后，推理模型成为新战场",
        ["发给推理模型的消息在全部文本消息中的占比，从{{F1.start}}升至 **{{F1.end}}**。",
         "**DeepSeek-R1** 在{{F29.peak_week}}一度拿下 **{{F29.peak}}** 的推理消息，随着对手陆续"
         "上线，期末回落至{{F29.end}}。",
         "**Gemini-2.5** 上线{{F34.weeks_after_launch}}后拿下 **{{F34.share}}** 的推理消息。"
         "期末Gemini-2.5领先Claude-3.7-Sonnet {{F56.gap}}，在推理模型中排名{{F56.rank}}。",
         "**o4-mini** 上线{{F47.weeks_after_launch}}后拿下 **{{F47.share}}** 的推理消息，超过了"
         "期末降至{{F51.predecessor_end}}的o3。",
         "**o3** 接替了o1：期末拿下 **{{F49.share}}**，而o1降至{{F49.predecessor_end}}。",
         "一些新模型用量很小：o1-pro最高仅{{F52.o1_pro}}，Grok-3最高仅{{F52.grok_3}}。"],
        "在推理模型中，每逢重要发布，领先者很快就会易主。"),
    "image": section(
        "OpenAI和谷歌在图像生成上追赶FLUX",
        ["**GPT-Image-1** 上线{{F4.weeks_after_launch}}后拿下了 **{{F4.share}}** 的图像生成"
         "请求，DALL-E-3则降至{{F13.predecessor_end}}。",
         "**Imagen-3** 的份额从{{F5.start}}升至 **{{F5.end}}**，{{F5.ratio}}。",
         "**OpenAI** 旗下图像模型的合计份额从{{F15.start}}升至 **{{F15.end}}**。",
         "**FLUX** 的份额从{{F17.start}}降至 **{{F17.end}}**。FLUX领先Imagen-3 "
         "{{F36.gap}}，仍排名{{F36.rank}}。",
         "**StableDiffusion** 的份额从{{F23.start}}降至 **{{F23.end}}**。",
         "**Playground** 的份额从{{F28.start}}降至 **{{F28.end}}**。"],
        "图像生成已经变成FLUX、谷歌和OpenAI之间的激烈角逐。"),
    "video": section(
        "快手的Kling系列在视频生成中跃居首位",
        ["**Kling-2.0** 上线{{F2.weeks_after_launch}}后就拿下了 **{{F2.share}}** 的视频生成"
         "请求，Kling-1.6则降至{{F10.predecessor_end}}。",
         "**快手**旗下的 Kling 系列合计从{{F12.start}}升至 **{{F12.end}}**，{{F12.ratio}}。",
         "**Runway** 的份额从{{F7.start}}降至 **{{F7.end}}**，{{F7.ratio}}。",
         "**Veo-2** 已连续{{F27.weeks}}保持在 **{{F27.share}}**。",
         "**Hailuo** 的份额从{{F21.start}}降至 **{{F21.end}}**。",
         "**Luma** 的份额从{{F26.start}}降至 **{{F26.end}}**。"],
        "在视频生成上，中国厂商正在引领节奏。"),
    "audio": section(
        "ElevenLabs在语音生成中一家独大",
        ["**ElevenLabs** 排名{{F6.rank}}，期末拿下了 **{{F6.share|fraction}}** 的音频生成请求，"
         "其余{{F6.rest}}由其他对手分享。",
         "**Orpheus** 上线{{F35.weeks_after_launch}}后份额达到 **{{F35.share}}**。",
         "**Unreal-Speech** 的份额从{{F42.start}}降至 **{{F42.end}}**。"],
        "在语音领域，一家厂商定下了标准，新来者很难挤进来。"),
    "frame": frame(
        "{{period}}AI模型使用趋势报告：推理模型崛起，Kling-2.0领跑视频",
        "本报告按图表梳理了Poe平台上各AI模型每周获得的消息份额。推理模型成长为独立的类别，"
        "各家新模型上线后很快就赢得了用户，快手的Kling系列则在视频生成中跃居首位。",
        ["**推理成为新战场**：发给推理模型的消息在全部文本消息中的占比从{{F1.start}}升至 "
         "**{{F1.end}}**。",
         "**Kling-2.0爆红**：Kling-2.0上线{{F2.weeks_after_launch}}后就拿下了 **{{F2.share}}** "
         "的视频生成请求。",
         "**GPT-Image-1登场**：GPT-Image-1上线{{F4.weeks_after_launch}}后拿下了 "
         "**{{F4.share}}** 的图像生成请求。",
         "**ElevenLabs一家独大**：ElevenLabs期末拿下了 **{{F6.share}}** 的音频生成请求。"],
        "新模型上线后很快就能赢得用户，更新频繁的厂商也更能留住用户。接下来，推理和视频生成"
        "最有可能出现新的变化。"),
}

def build() -> dict:
    """The fixture: every reply, with facts_used filled from its slots."""
    import re

    slot = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)")
    out: dict = {}
    for lang, parts in (("en", EN), ("zh", ZH)):
        for part, reply in parts.items():
            texts = [v for v in reply.values() if isinstance(v, str)]
            texts += [x for v in reply.values() if isinstance(v, list) for x in v]
            ids = sorted({m for t in texts for m in slot.findall(t)})
            out.setdefault(lang, {})[part] = {**reply, "facts_used": ids}
    return out


PATH = Path(__file__).with_name("2025H1.json")


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    PATH.write_text(render(), encoding="utf-8")
    print(PATH)
