"""Write the sample data, data/usage.csv and data/models.csv, deterministically.

This is a RECONSTRUCTION from the figures Poe published in "Spring 2025 AI model usage
trends" (see data/README.md and data/FIGURES.md), not platform logs. Each family gets a
target share curve (piecewise linear between hand-set knots, in percent of its chart);
curves times a growing weekly category total give message counts, split over the
family's bots, with a little seeded noise. A few one-decimal press figures are then
pinned exactly at their stated week.

    python data/generate.py [--seed N] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path

import numpy as np

WEEKS = [dt.date(2025, 1, 6) + dt.timedelta(weeks=i) for i in range(21)]  # Jan 6 .. May 26
DEFAULT_SEED = 20250605  # the reference post's date
NOISE_SD, NOISE_CLIP = 0.01, 0.03  # relative; small so every figure holds week by week

# Long-tail text bots, in the family Other.
OTHER_TEXT = ("MythoMax-L2-13B", "Hermes-3-70B", "Dolphin-Mixtral-8x22B", "Inflection-3-Pi",
              "Reka-Core", "Jamba-1.5-Large", "Solar-Pro", "Yi-Large")

# The registry: (family, provider, predecessor family, {bot: released}). A family with
# a bot launched inside the window dates all its bots, so the family's launch date
# (the earliest) is the real one. Family names in footnote [3] are kept exactly.
REGISTRY = [
    # --- text: OpenAI
    ("GPT-4o", "OpenAI", "", {"GPT-4o": "", "ChatGPT-4o-Latest": "", "GPT-4o-mini": ""}),
    ("GPT-4.1", "OpenAI", "GPT-4o",
     {"GPT-4.1": "2025-04-14", "GPT-4.1-mini": "2025-04-14", "GPT-4.1-nano": "2025-04-14"}),
    ("GPT-4.5", "OpenAI", "", {"GPT-4.5-Preview": "2025-02-27"}),
    ("GPT-4", "OpenAI", "", {"GPT-4-Classic": "", "GPT-4-Turbo": ""}),
    ("GPT-3.5", "OpenAI", "", {"GPT-3.5-Turbo": ""}),
    ("o1", "OpenAI", "", {"o1": "2024-12-17", "o1-preview": "2024-09-12", "o1-mini": "2024-09-12"}),
    # o1-pro is its own family: footnote [3] defines o1 as exactly o1, o1-preview, o1-mini.
    ("o1-pro", "OpenAI", "o1", {"o1-pro": "2025-03-19"}),
    ("o3", "OpenAI", "o1", {"o3-mini": "2025-01-31", "o3-mini-high": "2025-01-31",
                            "o3": "2025-04-16"}),
    # o3-mini (family o3) -> o4-mini: a family of its own whose predecessor is o3.
    ("o4-mini", "OpenAI", "o3", {"o4-mini": "2025-04-16"}),
    # --- text: Anthropic
    ("Claude-3.5-Sonnet", "Anthropic", "", {"Claude-3.5-Sonnet": "", "Claude-3.5-Sonnet-June": ""}),
    ("Claude-3.7-Sonnet", "Anthropic", "Claude-3.5-Sonnet",
     {"Claude-3.7-Sonnet": "2025-02-24", "Claude-3.7-Sonnet-Reasoning": "2025-02-24"}),
    ("Claude-3-Opus", "Anthropic", "", {"Claude-3-Opus": ""}),
    ("Claude-Haiku", "Anthropic", "", {"Claude-3.5-Haiku": "", "Claude-3-Haiku": ""}),
    # --- text: Google
    ("Gemini-2.5", "Google", "Gemini-2.0",
     {"Gemini-2.5-Pro": "2025-03-25", "Gemini-2.5-Flash": "2025-04-17"}),
    ("Gemini-2.0", "Google", "Gemini-1.5",
     {"Gemini-2.0-Flash-Exp": "2024-12-11", "Gemini-2.0-Flash": "2025-02-05",
      "Gemini-2.0-Flash-Lite": "2025-02-25"}),
    ("Gemini-2.0-Flash-Thinking", "Google", "", {"Gemini-2.0-Flash-Thinking": "2024-12-19"}),
    ("Gemini-1.5", "Google", "", {"Gemini-1.5-Pro": "", "Gemini-1.5-Flash": ""}),
    ("Gemma-3", "Google", "", {"Gemma-3-27B": "2025-03-12"}),
    # --- text: others
    ("DeepSeek-R1", "DeepSeek", "", {"DeepSeek-R1": "2025-01-20"}),
    ("DeepSeek-V3", "DeepSeek", "", {"DeepSeek-V3": "2024-12-26"}),
    ("Grok-3", "xAI", "Grok-2", {"Grok-3": "2025-02-17", "Grok-3-Mini": "2025-02-17"}),
    ("Grok-2", "xAI", "", {"Grok-2": ""}),
    ("Qwen-3", "Alibaba", "Qwen-2.5",
     {"Qwen3-235B-A22B": "2025-04-29", "Qwen3-32B": "2025-04-29", "Qwen3-30B-A3B": "2025-04-29"}),
    ("Qwen-2.5", "Alibaba", "", {"Qwen-2.5-72B-T": "2024-09-19", "Qwen-2.5-Coder-32B": "2024-11-12",
                                 "Qwen2.5-Max": "2025-01-28"}),
    ("QwQ", "Alibaba", "", {"QwQ-32B-Preview": "2024-11-28", "QwQ-32B": "2025-03-06"}),
    ("Llama-3", "Meta", "", {"Llama-3.3-70B": "", "Llama-3.1-405B": "", "Llama-3.1-70B": "",
                             "Llama-3.1-8B": ""}),
    ("Llama-4", "Meta", "Llama-3", {"Llama-4-Maverick": "2025-04-05",
                                    "Llama-4-Scout": "2025-04-05"}),
    ("Mistral", "Mistral", "", {"Mistral-Large-2": "2024-07-24", "Mixtral-8x22B": "2024-04-17",
                                "Mistral-Small-3": "2025-01-30", "Mistral-Medium-3": "2025-05-07"}),
    ("Command", "Cohere", "", {"Command-R-Plus": "2024-04-04", "Command-R": "2024-03-11",
                               "Command-A": "2025-03-13"}),
    ("Perplexity-Sonar", "Perplexity", "",
     {"Perplexity-Sonar": "2024-11-01", "Perplexity-Sonar-Pro": "2024-11-01",
      "Perplexity-Sonar-Reasoning": "2025-01-29"}),
    ("Nova", "Amazon", "", {"Nova-Pro": "", "Nova-Lite": "", "Nova-Micro": ""}),
    ("Phi-4", "Microsoft", "", {"Phi-4": ""}),
    ("MiniMax-Text", "MiniMax", "", {"MiniMax-Text-01": "2025-01-15"}),
    # Other: the long-tail bucket. Its provider is Other so every family has one provider.
    ("Other", "Other", "", dict.fromkeys(OTHER_TEXT + ("Sana-1.6B", "Lumina-Image-2", "LTX-Video",
                                                       "Mochi-1"), "")),
    ("Assistant", "Poe", "", {"Assistant": ""}),  # excluded from every share (footnote [2])
    # --- image
    ("FLUX", "Black Forest Labs", "",
     dict.fromkeys(("FLUX-pro-1.1", "FLUX-pro-1.1-ultra", "FLUX-dev", "FLUX-schnell", "FLUX-pro"),
                   "")),
    ("Imagen-3", "Google", "", {"Imagen-3": "", "Imagen-3-Fast": ""}),
    ("GPT-Image-1", "OpenAI", "DALL-E-3", {"GPT-Image-1": "2025-04-23"}),
    ("DALL-E-3", "OpenAI", "", {"DALL-E-3": ""}),
    ("Ideogram", "Ideogram", "", {"Ideogram-v2": "2024-08-21", "Ideogram-v2-Turbo": "2024-08-21",
                                  "Ideogram-v2a": "2025-02-27", "Ideogram-v3": "2025-03-26"}),
    ("Playground", "Playground", "", {"Playground-v3": "", "Playground-v2.5": ""}),
    ("StableDiffusion", "Stability AI", "",
     {"StableDiffusion3.5-L": "", "SD3-Turbo": "", "StableDiffusionXL": ""}),
    ("Recraft", "Recraft", "", {"Recraft-V3": ""}),
    # --- video
    ("Runway", "Runway", "", {"Runway": ""}),  # serves Gen-3-Alpha-Turbo (footnote [5])
    ("Kling-2.0", "Kuaishou", "Kling-1.6", {"Kling-2.0-Master": "2025-04-21"}),
    ("Kling-1.6", "Kuaishou", "Kling-1.5",
     {"Kling-1.6-Pro": "2024-12-19", "Kling-1.6-Standard": "2024-12-19"}),
    ("Kling-1.5", "Kuaishou", "", {"Kling-1.5-Pro": ""}),
    ("Veo-2", "Google", "", {"Veo-2": "2025-02-10"}),
    ("Pika", "Pika", "", {"Pika": "2024-12-13", "Pika-2.2": "2025-02-28"}),
    ("Hailuo", "MiniMax", "", {"Hailuo-AI": "2024-09-01", "Hailuo-Director": "2025-01-28"}),
    ("Luma", "Luma AI", "", {"Dream-Machine": "2024-06-12", "Ray2": "2025-01-15"}),
    ("Wan", "Alibaba", "", {"Wan-2.1": "2025-02-25"}),
    ("Hunyuan-Video", "Tencent", "", {"Hunyuan-Video": ""}),
    # --- audio
    ("ElevenLabs", "ElevenLabs", "", {"ElevenLabs-v2.5-Turbo": "",
                                      "ElevenLabs-Multilingual-v2": ""}),
    ("Cartesia", "Cartesia", "", {"Cartesia": ""}),
    ("Unreal-Speech", "Unreal Speech", "", {"Unreal-Speech": ""}),
    ("PlayAI", "PlayAI", "", {"PlayAI-TTS": "2024-10-01", "PlayAI-Dialog": "2025-02-18"}),
    ("Orpheus", "Canopy Labs", "", {"Orpheus-TTS": "2025-03-19"}),
]
EXCLUDED = {"Assistant"}
# Registry tags: groups that cut across families. Hybrid reasoning models decide how much to
# reason from the conversation itself (the reference post's Gemini 2.5 Flash and Qwen 3);
# Claude 3.7 Sonnet's thinking is switched by a request parameter, so it is not tagged.
TAGS = {bot: "hybrid-reasoning"
        for bot in ("Gemini-2.5-Flash", "Qwen3-235B-A22B", "Qwen3-32B", "Qwen3-30B-A3B")}

# Weekly user-triggered, non-excluded messages: (first week, weekly growth). Subscriber
# growth; the shares divide it out again.
TOTALS = {"text": (17.0e6, 0.020), "image": (1.10e6, 0.025), "video": (60e3, 0.040),
          "audio": (120e3, 0.030)}


def S(category, bots, knots, reasoning=False):
    """A share series: bots (name or {name: weight}) and knots {"MM-DD": % of the chart}.

    Zero before the first knot (which must be the launch week for a bot launched in the
    window), linear between knots, flat after the last. knots=None: the chart's remainder.
    """
    return category, {bots: 1} if isinstance(bots, str) else bots, knots, reasoning


# Shares are % of the category's weekly user total; text series with reasoning=True are
# the reasoning-flagged messages, so the reasoning chart is their sum and mix.
SERIES = [
    # GPT-4o stays the largest family all along (press: 35.8% in the last week).
    S("text", {"GPT-4o": 50, "ChatGPT-4o-Latest": 18, "GPT-4o-mini": 32},
      {"01-06": 36.0, "01-13": 36.2, "02-10": 35.0, "02-24": 35.2, "03-24": 36.8, "04-14": 37.0,
       "04-28": 36.2, "05-12": 35.9, "05-26": 35.8}),
    # GPT-4.1: ~10% within weeks of its 2025-04-14 launch (press 9.4% pinned at 05-05).
    S("text", {"GPT-4.1": 45, "GPT-4.1-mini": 40, "GPT-4.1-nano": 15},
      {"04-14": 3.0, "04-21": 6.2, "04-28": 8.1, "05-05": 9.4, "05-12": 9.7, "05-19": 9.9,
       "05-26": 10.1}),
    S("text", "GPT-4.5-Preview", {"02-24": 0.3, "03-03": 0.8, "03-17": 0.7, "04-28": 0.5,
                                  "05-26": 0.3}),
    S("text", {"GPT-4-Classic": 40, "GPT-4-Turbo": 60}, {"01-06": 2.4, "05-26": 1.0}),
    S("text", "GPT-3.5-Turbo", {"01-06": 0.8, "05-26": 0.4}),
    # o-series: all reasoning. o1 is nearly all of January's ~2%; users move o1 -> o3 and
    # o3-mini -> o4-mini within weeks of each launch.
    S("text", {"o1": 50, "o1-preview": 15, "o1-mini": 35},
      {"01-06": 1.85, "01-20": 1.85, "01-27": 1.8, "02-03": 1.65, "02-17": 1.45, "03-17": 1.25,
       "04-14": 1.05, "04-21": 0.7, "05-05": 0.5, "05-26": 0.35}, reasoning=True),
    S("text", "o1-pro", {"03-17": 0.03, "03-24": 0.08, "05-26": 0.06}, reasoning=True),
    S("text", {"o3-mini": 55, "o3-mini-high": 45},
      {"01-27": 0.6, "02-03": 2.0, "02-10": 3.0, "02-17": 3.2, "02-24": 2.8, "03-03": 2.2,
       "03-17": 1.7, "04-14": 1.4, "04-21": 0.8, "04-28": 0.55, "05-12": 0.4,
       "05-26": 0.35}, reasoning=True),
    S("text", "o3", {"04-14": 0.25, "04-21": 0.6, "04-28": 0.75, "05-12": 0.85,
                     "05-26": 0.95}, reasoning=True),
    S("text", "o4-mini", {"04-14": 0.3, "04-21": 0.9, "04-28": 1.25, "05-05": 1.4, "05-12": 1.55,
                          "05-26": 1.75}, reasoning=True),
    # DeepSeek-R1 (all reasoning): viral from late January, 7% peak mid-February, 3% at
    # the end of April; it keeps falling in May (see README: the 12.2% press figure).
    S("text", "DeepSeek-R1",
      {"01-20": 0.8, "01-27": 3.6, "02-03": 5.6, "02-10": 6.9, "02-17": 7.1, "02-24": 6.5,
       "03-03": 5.8, "03-10": 5.2, "03-17": 4.7, "03-24": 4.3, "03-31": 4.0, "04-07": 3.7,
       "04-14": 3.45, "04-21": 3.2, "04-28": 2.85, "05-05": 2.3, "05-12": 1.85, "05-19": 1.5,
       "05-26": 1.25}, reasoning=True),
    S("text", "DeepSeek-V3", {"01-06": 1.2, "01-27": 2.2, "02-17": 2.4, "03-17": 1.9, "03-31": 2.1,
                              "05-26": 1.6}),
    # Anthropic: 3.7 Sonnet (2025-02-24) takes over from 3.5 Sonnet, which keeps ~12%;
    # the provider loses ~10 points. Reasoning is on for only a fifth of 3.7's messages.
    S("text", {"Claude-3.5-Sonnet": 85, "Claude-3.5-Sonnet-June": 15},
      {"01-06": 31.2, "01-13": 31.0, "01-27": 29.5, "02-17": 27.0, "02-24": 25.5, "03-03": 22.0,
       "03-10": 20.0, "03-17": 18.0, "03-31": 16.0, "04-14": 14.5, "04-28": 13.2, "05-12": 12.5,
       "05-19": 12.1, "05-26": 11.9}),
    S("text", {"Claude-3.7-Sonnet": 96, "Claude-3.7-Sonnet-Reasoning": 4},
      {"02-24": 2.55, "03-03": 6.0, "03-10": 8.2, "03-17": 9.05, "03-31": 9.45, "04-14": 8.9,
       "04-28": 8.25, "05-12": 7.85, "05-26": 7.6}),
    S("text", {"Claude-3.7-Sonnet": 30, "Claude-3.7-Sonnet-Reasoning": 70},
      {"02-24": 0.45, "03-03": 1.0, "03-10": 1.3, "03-17": 1.4, "03-31": 1.5, "04-14": 1.5,
       "04-28": 1.5, "05-12": 1.65, "05-26": 1.9}, reasoning=True),
    S("text", "Claude-3-Opus", {"01-06": 1.5, "05-26": 1.1}),
    S("text", {"Claude-3.5-Haiku": 70, "Claude-3-Haiku": 30}, {"01-06": 1.8, "05-26": 1.9}),
    # Gemini-2.5: Pro always thinks (all reasoning); Flash is hybrid and mostly not.
    S("text", "Gemini-2.5-Pro", {"03-24": 0.7, "03-31": 1.6, "04-07": 2.2, "04-14": 2.7,
                                 "04-21": 3.0, "04-28": 3.2, "05-05": 3.2, "05-12": 3.2,
                                 "05-19": 3.15, "05-26": 3.15}, reasoning=True),
    S("text", "Gemini-2.5-Flash", {"04-14": 0.3, "04-21": 0.9, "04-28": 1.3, "05-05": 1.7,
                                   "05-12": 2.0, "05-19": 2.4, "05-26": 2.75}),
    S("text", "Gemini-2.5-Flash", {"04-14": 0.01, "04-21": 0.03, "04-28": 0.04,
                                   "05-12": 0.05}, reasoning=True),
    S("text", "Gemini-2.0-Flash-Exp", {"01-06": 2.8, "02-03": 1.4, "02-17": 0.4, "05-26": 0.1}),
    S("text", "Gemini-2.0-Flash", {"02-03": 1.0, "02-10": 2.0, "02-17": 2.6, "03-31": 3.0,
                                   "04-14": 2.7, "04-28": 2.0, "05-26": 1.4}),
    S("text", "Gemini-2.0-Flash-Lite", {"02-24": 0.2, "03-10": 0.4, "04-14": 0.45, "05-26": 0.3}),
    S("text", "Gemini-2.0-Flash-Thinking",
      {"01-06": 0.1, "02-17": 0.08, "03-24": 0.04, "05-26": 0.02}, reasoning=True),
    S("text", {"Gemini-1.5-Pro": 55, "Gemini-1.5-Flash": 45},
      {"01-06": 2.2, "02-03": 1.6, "03-17": 1.0, "05-26": 0.6}),
    S("text", "Gemma-3-27B", {"03-10": 0.1, "03-17": 0.2, "05-26": 0.15}),
    # Grok-3-Mini is the family's only reasoning model: under 1% of reasoning.
    S("text", "Grok-3", {"02-17": 0.3, "02-24": 0.6, "03-17": 0.8, "05-26": 0.9}),
    S("text", "Grok-3-Mini", {"02-17": 0.02, "02-24": 0.04, "04-14": 0.06,
                              "05-26": 0.07}, reasoning=True),
    S("text", "Grok-2", {"01-06": 0.6, "02-17": 0.4, "03-17": 0.2, "05-26": 0.1}),
    # Qwen-3 is hybrid: with Gemini-2.5-Flash's thinking turns, ~1% of reasoning.
    S("text", {"Qwen3-235B-A22B": 60, "Qwen3-32B": 25, "Qwen3-30B-A3B": 15},
      {"04-28": 0.1, "05-05": 0.2, "05-12": 0.25, "05-26": 0.3}),
    S("text", {"Qwen3-235B-A22B": 60, "Qwen3-32B": 25, "Qwen3-30B-A3B": 15},
      {"04-28": 0.02, "05-05": 0.04, "05-26": 0.05}, reasoning=True),
    S("text", {"Qwen-2.5-72B-T": 60, "Qwen-2.5-Coder-32B": 40}, {"01-06": 0.8, "05-26": 0.5}),
    S("text", "Qwen2.5-Max", {"01-27": 0.1, "02-10": 0.3, "05-26": 0.2}),
    S("text", "QwQ-32B-Preview", {"01-06": 0.05, "03-03": 0.02, "05-26": 0.01}, reasoning=True),
    S("text", "QwQ-32B", {"03-03": 0.05, "03-10": 0.08, "05-26": 0.06}, reasoning=True),
    S("text", {"Llama-3.3-70B": 50, "Llama-3.1-405B": 25, "Llama-3.1-70B": 15, "Llama-3.1-8B": 10},
      {"01-06": 3.8, "05-26": 2.2}),
    S("text", {"Llama-4-Maverick": 60, "Llama-4-Scout": 40},
      {"03-31": 0.4, "04-07": 0.6, "04-21": 0.5, "05-26": 0.4}),
    S("text", {"Mistral-Large-2": 70, "Mixtral-8x22B": 30}, {"01-06": 1.4, "05-26": 0.8}),
    S("text", "Mistral-Small-3", {"01-27": 0.1, "05-26": 0.2}),
    S("text", "Mistral-Medium-3", {"05-05": 0.1, "05-26": 0.2}),
    S("text", {"Command-R-Plus": 60, "Command-R": 40}, {"01-06": 0.5, "05-26": 0.3}),
    S("text", "Command-A", {"03-10": 0.05, "05-26": 0.15}),
    S("text", {"Perplexity-Sonar": 55, "Perplexity-Sonar-Pro": 45}, {"01-06": 1.2, "05-26": 1.0}),
    S("text", "Perplexity-Sonar-Reasoning",
      {"01-27": 0.05, "02-17": 0.12, "05-26": 0.08}, reasoning=True),
    S("text", {"Nova-Pro": 50, "Nova-Lite": 35, "Nova-Micro": 15}, {"01-06": 0.3, "05-26": 0.25}),
    S("text", "Phi-4", {"01-06": 0.1, "05-26": 0.1}),
    S("text", "MiniMax-Text-01", {"01-13": 0.05, "05-26": 0.05}),
    S("text", dict.fromkeys(OTHER_TEXT, 1), None),
    # Image. FLUX leads throughout, falling ~45% -> ~35%; Imagen-3 climbs ~10% -> ~30%;
    # GPT-Image-1 (API 2025-04-23) reaches 17% two weeks after its launch week.
    S("image", {"FLUX-pro-1.1": 35, "FLUX-pro-1.1-ultra": 20, "FLUX-dev": 20, "FLUX-schnell": 20,
                "FLUX-pro": 5},
      {"01-06": 45.2, "01-13": 44.8, "03-03": 42.0, "03-31": 39.5, "04-14": 37.5, "04-21": 36.2,
       "04-28": 35.1, "05-05": 35.0, "05-26": 34.9}),
    S("image", {"Imagen-3": 60, "Imagen-3-Fast": 40},
      {"01-06": 9.8, "01-13": 10.2, "03-03": 16.0, "03-31": 22.0, "04-14": 25.0, "04-28": 27.5,
       "05-12": 29.0, "05-19": 29.7, "05-26": 30.3}),
    S("image", "GPT-Image-1", {"04-21": 8.0, "04-28": 16.6, "05-05": 17.2, "05-12": 17.3,
                               "05-26": 17.6}),
    S("image", "DALL-E-3", {"01-06": 9.0, "04-14": 8.0, "04-21": 6.5, "04-28": 4.3, "05-26": 3.6}),
    S("image", {"Ideogram-v2": 70, "Ideogram-v2-Turbo": 30},
      {"01-06": 10.0, "02-24": 9.5, "03-24": 7.0, "04-21": 4.5, "04-28": 3.4, "05-26": 2.3}),
    S("image", "Ideogram-v2a", {"02-24": 0.5, "05-26": 1.0}),
    S("image", "Ideogram-v3", {"03-24": 1.0, "04-07": 2.5, "05-26": 2.5}),
    S("image", {"Playground-v3": 60, "Playground-v2.5": 40},
      {"01-06": 8.0, "03-31": 6.0, "04-21": 4.5, "04-28": 3.0, "05-26": 2.0}),
    S("image", {"StableDiffusion3.5-L": 40, "SD3-Turbo": 25, "StableDiffusionXL": 35},
      {"01-06": 10.0, "03-31": 6.5, "04-21": 5.0, "04-28": 3.2, "05-26": 2.0}),
    S("image", "Recraft-V3",
      {"01-06": 5.0, "03-31": 3.5, "04-21": 3.0, "04-28": 2.2, "05-26": 1.8}),
    S("image", {"Sana-1.6B": 1, "Lumina-Image-2": 1}, None),
    # Video. Runway ~40% -> ~20%; Veo-2 steady ~20% after February; Kling-2.0-Master
    # (first week 04-21) 21% three weeks later, Kuaishou's Kling families ~30%.
    S("video", "Runway", {"01-06": 40.5, "01-13": 39.5, "02-03": 38.0, "02-24": 32.0, "03-17": 30.0,
                          "04-14": 26.0, "04-28": 22.5, "05-12": 20.8, "05-26": 19.8}),
    S("video", "Kling-2.0-Master", {"04-21": 10.0, "04-28": 17.0, "05-05": 20.9, "05-12": 21.0,
                                    "05-19": 21.2, "05-26": 21.3}),
    S("video", {"Kling-1.6-Pro": 55, "Kling-1.6-Standard": 45},
      {"01-06": 10.5, "02-17": 12.0, "03-31": 14.5, "04-14": 15.0, "04-21": 11.0, "04-28": 8.5,
       "05-05": 7.5, "05-12": 7.0, "05-26": 6.8}),
    S("video", "Kling-1.5-Pro", {"01-06": 4.5, "02-17": 3.5, "04-14": 2.5, "04-28": 2.0,
                                 "05-26": 1.7}),
    S("video", "Veo-2", {"02-10": 8.0, "02-17": 15.0, "02-24": 19.5, "03-03": 20.0, "03-31": 20.3,
                         "04-28": 19.8, "05-26": 20.0}),
    S("video", "Pika", {"01-06": 12.0, "02-03": 11.0, "02-24": 8.0, "04-14": 6.0, "05-26": 3.5}),
    S("video", "Pika-2.2", {"02-24": 1.0, "03-17": 3.0, "05-26": 3.0}),
    S("video", "Hailuo-AI", {"01-06": 15.0, "02-03": 14.0, "02-24": 9.0, "04-14": 7.5,
                             "05-26": 4.5}),
    S("video", "Hailuo-Director", {"01-27": 0.5, "05-26": 2.0}),
    S("video", "Dream-Machine", {"01-06": 14.0, "02-03": 11.0, "02-24": 6.5, "04-14": 4.5,
                                 "05-26": 3.0}),
    S("video", "Ray2", {"01-13": 1.0, "02-24": 2.0, "04-14": 3.5, "05-26": 4.0}),
    S("video", "Wan-2.1", {"02-24": 1.0, "03-31": 3.0, "05-26": 3.5}),
    S("video", "Hunyuan-Video", {"01-06": 1.5, "02-24": 1.0, "05-26": 1.0}),
    S("video", {"LTX-Video": 1, "Mochi-1": 1}, None),
    # Audio: ElevenLabs ~80% throughout; the challengers split the rest.
    S("audio", {"ElevenLabs-v2.5-Turbo": 55, "ElevenLabs-Multilingual-v2": 45},
      {"01-06": 80.4, "03-17": 80.1, "05-26": 79.8}),
    S("audio", "Cartesia", {"01-06": 6.5, "05-26": 6.8}),
    S("audio", "PlayAI-TTS", {"01-06": 4.5, "05-26": 3.6}),
    S("audio", "PlayAI-Dialog", {"02-17": 0.2, "05-26": 1.0}),
    S("audio", "Orpheus-TTS", {"03-17": 0.5, "04-14": 2.0, "05-26": 3.0}),
    S("audio", "Unreal-Speech", None),
]

# Volume outside the shares, as a multiple of the category's user total: the platform's
# own Assistant (~15% of raw text) and the follow-up buttons, routed to bots whose shares
# would look very different if these were counted: (category, trigger, ratio, {bot: weight}).
EXTRA = [
    ("text", "user", 0.176, {"Assistant": 1}),
    ("video", "animate_button", 0.6, {"Runway": 0.7, "Pika": 0.3}),
    ("audio", "speak_button", 1.0, {"Unreal-Speech": 0.7, "Cartesia": 0.3}),
]

# One-decimal press figures, pinned exactly at their week after the noise: (chart, week,
# {family: %}). Each is a tiny rescale of that family's rows, well inside the noise.
PINS = [
    ("reasoning", "05-26", {"Gemini-2.5": 31.5, "Claude-3.7-Sonnet": 19.1, "DeepSeek-R1": 12.2}),
    ("text", "05-26", {"GPT-4o": 35.8}),
    ("text", "05-05", {"GPT-4.1": 9.4}),
]

FAMILY = {bot: fam for fam, _, _, bots in REGISTRY for bot in bots}
RELEASED = {bot: rel for _, _, _, bots in REGISTRY for bot, rel in bots.items()}


def week_index(mmdd: str) -> int:
    return WEEKS.index(dt.date.fromisoformat(f"2025-{mmdd}"))  # ValueError: not one of our Mondays


def curve(knots: dict[str, float]) -> np.ndarray:
    """Piecewise-linear share per week: 0 before the first knot, flat after the last."""
    xs = [week_index(k) for k in knots]
    out = np.interp(np.arange(len(WEEKS)), xs, list(knots.values()))
    out[: xs[0]] = 0.0
    return out


def launch_week(bot: str) -> int:
    """Index of the week holding the bot's release day (0 if it predates the window)."""
    released = RELEASED[bot]
    if not released or dt.date.fromisoformat(released) < WEEKS[0]:
        return 0
    return (dt.date.fromisoformat(released) - WEEKS[0]).days // 7


def targets() -> dict[tuple[str, str, bool, str], np.ndarray]:
    """Expected messages per (category, bot, reasoning, trigger) and week, before noise."""
    growth = {c: a * (1 + g) ** np.arange(len(WEEKS)) for c, (a, g) in TOTALS.items()}
    cells: dict[tuple[str, str, bool, str], np.ndarray] = {}
    for category in TOTALS:
        series = [s for s in SERIES if s[0] == category]
        named = sum(curve(k) for _, _, k, _ in series if k is not None)
        rest = 100.0 - named
        if rest.min() < 0.5:  # the remainder series needs room in every week
            raise ValueError(f"{category}: named shares leave {rest.min():.2f}% for the remainder")
        for _, bots, knots, reasoning in series:
            pct = rest if knots is None else curve(knots)
            first = int(np.flatnonzero(pct)[0])
            weight = sum(bots.values())
            for bot, w in bots.items():
                if first != launch_week(bot):
                    raise ValueError(f"{bot}: series starts in week {first}, "
                                     f"launch week is {launch_week(bot)}")
                key = (category, bot, reasoning, "user")
                if key in cells:
                    raise ValueError(f"{key} has two series")
                cells[key] = growth[category] * pct / 100.0 * w / weight
    for category, trigger, ratio, bots in EXTRA:
        for bot, w in bots.items():
            cells[(category, bot, False, trigger)] = growth[category] * ratio * w
    return cells


def pin(cells: dict, chart: str, week: int, wanted: dict[str, float]) -> None:
    """Rescale the named families' rows in one week so each has exactly its wanted share.

    Only text figures are pinned: chart "text" is all its user rows, "reasoning" the
    flagged ones.
    """
    pool = [k for k in cells if k[0] == "text" and k[3] == "user" and k[1] not in EXCLUDED
            and (chart == "text" or k[2])]
    subject = {f: [k for k in pool if FAMILY[k[1]] == f] for f in wanted}
    pinned = {k for keys in subject.values() for k in keys}
    rest = sum(cells[k][week] for k in pool if k not in pinned)
    total = rest / (1.0 - sum(wanted.values()) / 100.0)
    for family, keys in subject.items():
        factor = total * wanted[family] / 100.0 / sum(cells[k][week] for k in keys)
        for k in keys:
            cells[k][week] *= factor


def build(seed: int = DEFAULT_SEED) -> list[tuple[str, str, str, int, str, str]]:
    """Every usage row, sorted by (week, category, bot, reasoning, trigger)."""
    rng = np.random.default_rng(seed)
    cells = targets()
    for key in sorted(cells):  # a fixed draw order keeps the output byte-for-byte stable
        noise = np.clip(rng.normal(0, NOISE_SD, len(WEEKS)), -NOISE_CLIP, NOISE_CLIP)
        cells[key] = cells[key] * (1 + noise)
    for chart, mmdd, wanted in PINS:  # reasoning first: text pins touch no reasoning rows
        pin(cells, chart, week_index(mmdd), wanted)
    rows = []
    for (category, bot, reasoning, trigger), values in cells.items():
        for i in range(launch_week(bot), len(WEEKS)):  # no row before a bot exists
            rows.append((WEEKS[i].isoformat(), category, bot, int(np.rint(values[i])),
                         "true" if reasoning else "false", trigger))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[4], r[5]))
    return rows


# How the Chinese post names the labs that Chinese readers know by a Chinese name (the
# registry's provider_zh); the others keep their Latin names, as Chinese tech press does.
PROVIDER_ZH = {"Alibaba": "阿里巴巴", "Amazon": "亚马逊", "Black Forest Labs": "黑森林实验室",
               "Google": "谷歌", "Kuaishou": "快手", "Meta": "Meta", "Microsoft": "微软",
               "Tencent": "腾讯", "MiniMax": "MiniMax"}


def write(out_dir: Path, seed: int = DEFAULT_SEED) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "usage.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["week", "category", "bot", "messages", "reasoning", "trigger"])
        w.writerows(build(seed))
    with open(out_dir / "models.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["bot", "family", "provider", "released", "excluded", "predecessor", "tags",
                    "provider_zh"])
        rows = [(bot, fam, provider, rel, "true" if bot in EXCLUDED else "false", pred,
                 TAGS.get(bot, ""), PROVIDER_ZH.get(provider, ""))
                for fam, provider, pred, bots in REGISTRY for bot, rel in bots.items()]
        w.writerows(sorted(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"noise seed (default {DEFAULT_SEED})")
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parent,
                        help="where to write usage.csv and models.csv (default: this folder)")
    args = parser.parse_args(argv)
    write(args.out_dir, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
