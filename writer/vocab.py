"""One vocabulary per language: every word a post uses for the platform, its unit and its charts.

Prose, chart titles, axis labels, alt text, footnotes and the checker all read their words
from a `Vocabulary`, so a platform that counts tokens never reads "messages" anywhere, and a
platform that is not Poe is never called Poe. The vocabulary is data: it comes from the
`[platform]` and `[categories.<name>]` tables of writer.toml (or `--platform`/`--unit`), with
Poe's own words as the default because the sample data is Poe's.

    profile = Profile.from_config(config, platform="Acme", unit="tokens")
    vocab = Vocabulary(profile)
    vocab.noun("text", "en")     # "text tokens"
    vocab.title("tools", "zh")   # "🧰 工具调用"
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from writer.errors import InputError, Problem
from writer.escape import escape_name

LANGS = ("en", "zh")

# The units a platform may count in, with their Chinese words. Any other noun works too, with
# `unit_zh` for its Chinese form (the English word is used in both languages otherwise).
UNITS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "messages": ("messages", "消息"),
    "tokens": ("tokens", "token用量"),
    "requests": ("requests", "请求"),
    "generations": ("generations", "生成次数"),
})


@dataclass(frozen=True)
class CategoryWords:
    """How one chart is named: a heading, a short name for chart titles, and what it is about.

    `topic` is what the chart's units are of ("text", "image generation"): the noun a post
    uses is the topic with the unit ("text tokens", "图像生成token用量"). `counted` overrides the
    whole noun for the default unit (Poe counts images as "image generations", not messages).
    """

    title: str
    title_zh: str
    name: str
    name_zh: str
    topic: str
    topic_zh: str
    counted: str | None = None  # the whole noun when the unit is messages
    counted_zh: str | None = None
    emoji: str = "🧩"


# The five charts the reference post has, in its words.
KNOWN: Mapping[str, CategoryWords] = MappingProxyType({
    "text": CategoryWords("Text models", "文本模型（聊天、写作、编程助手）", "Text", "文本模型",
                          "text", "文本", emoji="💬"),
    "reasoning": CategoryWords("Reasoning models", "推理模型", "Reasoning", "推理模型",
                               "reasoning-model", "推理模型", "reasoning messages", "推理消息",
                               emoji="🧠"),
    "image": CategoryWords("Image generation", "图像生成", "Image generation", "图像生成",
                           "image-generation", "图像生成", "image generations", "图像生成请求",
                           emoji="🖼️"),
    "video": CategoryWords("Video generation", "视频生成", "Video generation", "视频生成",
                           "video-generation", "视频生成", "video generations", "视频生成请求",
                           emoji="🎞️"),
    "audio": CategoryWords("Audio generation (text to speech)", "音频生成（文字转语音）",
                           "Audio generation", "音频生成", "audio-generation",
                           "音频生成", "audio generations", "音频生成请求", emoji="🔊"),
})

# Categories other platforms commonly publish, so their posts read well without any settings.
COMMON: Mapping[str, CategoryWords] = MappingProxyType({
    "tools": CategoryWords("Tool use", "工具调用", "Tool use", "工具调用", "tool-use", "工具调用",
                           emoji="🧰"),
    "code": CategoryWords("Coding", "编程", "Coding", "编程", "coding", "编程", emoji="👩‍💻"),
    "coding": CategoryWords("Coding", "编程", "Coding", "编程", "coding", "编程", emoji="👩‍💻"),
    "embeddings": CategoryWords("Embeddings", "向量嵌入", "Embeddings", "向量嵌入", "embedding",
                                "向量嵌入", emoji="🧭"),
    "search": CategoryWords("Search", "搜索", "Search", "搜索", "search", "搜索", emoji="🔎"),
    "music": CategoryWords("Music generation", "音乐生成", "Music generation", "音乐生成",
                           "music-generation", "音乐生成", emoji="🎵"),
    "translation": CategoryWords("Translation", "翻译", "Translation", "翻译", "translation",
                                 "翻译", emoji="🌐"),
    "agents": CategoryWords("Agents", "智能体", "Agents", "智能体", "agent", "智能体", emoji="🤖"),
})


# Follow-up actions whose generations are left out of the shares, in human words.
TRIGGERS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "animate_button": ("the Animate button", "“动画”按钮"),
    "speak_button": ("the Speak button", "“朗读”按钮"),
    "retry_button": ("the Retry button", "“重试”按钮"),
    "regenerate": ("Regenerate", "“重新生成”"),
})


# Characters that mean something to Markdown, HTML, Liquid or kramdown: a category's words
# are prose, so a label like '{{ site.title }}' or 'music} {#x' loses them.
_MARKUP_CHARS = re.compile(r"[{}<>\[\]|*_`#\\~^]+")


def _humane(label: str) -> str:
    """"long_context-chat" → "long context chat": a readable phrase made from a raw label."""
    words = re.sub(r"[_\-\s]+", " ", _MARKUP_CHARS.sub(" ", label)).strip()
    return words or "other category"


def default_category(label: str) -> CategoryWords:
    """Words for a category nobody configured: a readable title, never the bare label alone."""
    if label in KNOWN:
        return KNOWN[label]
    if label.lower() in COMMON:
        return COMMON[label.lower()]
    words = _humane(label)
    cap = words[:1].upper() + words[1:]
    # the Chinese title quotes the label as the data spells it, markup characters aside
    zh = " ".join(_MARKUP_CHARS.sub(" ", label.replace("_", "\x00")).split()).replace("\x00", "_")
    zh = zh.strip("_") or "其他类别"
    return CategoryWords(f"{cap} models", f"“{zh}”类模型", cap, f"“{zh}”类",
                         words, f"“{zh}”类")


@dataclass(frozen=True)
class Profile:
    """What a post says about the platform and its data (the `[platform]` table)."""

    name: str = "Poe"
    name_zh: str = "Poe"
    unit: str = "messages"
    unit_zh: str = "消息"
    audience: str | None = "subscribers"  # who uses the platform; None: no sentence says
    audience_zh: str | None = "订阅用户"
    source: str | None = None  # a citation line the post prints
    source_zh: str | None = None
    data_note: str | None = None
    data_note_zh: str | None = None
    categories: Mapping[str, CategoryWords] = field(default_factory=lambda: MappingProxyType({}))
    top_n: int | None = None  # [data] top_n: the data lists only each week's top N (None: detect)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], *, platform: str | None = None,
                    unit: str | None = None, file: str = "writer.toml") -> Profile:
        """The profile from writer.toml's tables, then the --platform / --unit flags on top.

        Naming any platform other than the default drops Poe's audience ("subscribers"):
        another platform's post speaks of subscribers only when its profile says so.
        """
        table = dict(config.get("platform", {}) or {})
        site = config.get("site", {}) or {}
        if "name" not in table and "platform" in site:  # the older [site] platform key
            table["name"] = site["platform"]
        if platform is not None:
            table["name"] = platform
        if unit is not None:
            table["unit"] = unit
            table.pop("unit_zh", None) if unit in UNITS else None
        problems = []
        for key, value in table.items():
            if key not in PLATFORM_KEYS:
                problems.append(Problem(f"unknown key '{key}' in [platform]", file=file,
                                        fix=f"known keys are {', '.join(PLATFORM_KEYS)}"))
            elif not isinstance(value, str) or not value.strip():
                problems.append(Problem(f"[platform] {key} must be a non-empty text",
                                        file=file, value=str(value),
                                        fix=f'write e.g. {key} = "..." or remove the key'))
        top_n = (config.get("data", {}) or {}).get("top_n")
        if top_n is not None and (isinstance(top_n, bool) or not isinstance(top_n, int)
                                  or top_n < 1):
            problems.append(Problem("[data] top_n must be a whole number of at least 1",
                                    file=file, value=str(top_n),
                                    fix="write e.g. top_n = 9, or remove the key to detect it"))
        categories = {}
        for label, words in (config.get("categories", {}) or {}).items():
            if not isinstance(words, Mapping):
                problems.append(Problem(f"[categories] {label} must be a table "
                                        f"[categories.{label}]", file=file,
                                        fix=f'write [categories.{label}] with title = "..."'))
                continue
            bad = [k for k in words if k not in CATEGORY_KEYS]
            if bad:
                problems.append(Problem(f"unknown key '{bad[0]}' in [categories.{label}]",
                                        file=file, fix=f"known keys are {', '.join(CATEGORY_KEYS)}"))
                continue
            if any(not isinstance(v, str) or not v.strip() for v in words.values()):
                problems.append(Problem(f"[categories.{label}] values must be non-empty texts",
                                        file=file, fix='write e.g. title = "Tool use"'))
                continue
            # keyed as the loader keys the data's categories: no case, no extra spaces
            key = " ".join(str(label).split()).lower()
            base = default_category(key)
            categories[key] = replace(
                base,
                title=words.get("title", base.title), title_zh=words.get("title_zh",
                                                                         base.title_zh),
                name=words.get("title", base.name), name_zh=words.get("title_zh", base.name_zh),
                topic=words.get("noun", base.topic), topic_zh=words.get("noun_zh", base.topic_zh),
                counted=None if "noun" in words else base.counted,
                counted_zh=None if "noun_zh" in words else base.counted_zh,
            )
        if problems:
            raise InputError(problems)
        name = table.get("name", cls.name)
        default = cls()
        poe = name == default.name
        unit_name = table.get("unit", default.unit)
        known_unit = UNITS.get(unit_name)
        return cls(
            name=name,
            name_zh=table.get("name_zh", name),
            unit=unit_name,
            unit_zh=table.get("unit_zh", known_unit[1] if known_unit else unit_name),
            audience=table.get("audience", default.audience if poe else None),
            audience_zh=table.get("audience_zh",
                                  default.audience_zh if poe and "audience" not in table
                                  else _audience_zh(table.get("audience"))),
            source=table.get("source"),
            source_zh=table.get("source_zh", table.get("source")),
            data_note=table.get("data_note"),
            data_note_zh=table.get("data_note_zh", table.get("data_note")),
            categories=MappingProxyType(categories),
            top_n=top_n if isinstance(top_n, int) else None,
        )


PLATFORM_KEYS = ("name", "name_zh", "unit", "unit_zh", "audience", "audience_zh", "source",
                 "source_zh", "data_note", "data_note_zh")
CATEGORY_KEYS = ("title", "title_zh", "noun", "noun_zh")


def _audience_zh(audience: str | None) -> str | None:
    if audience is None:
        return None
    return {"subscribers": "订阅用户", "users": "用户", "developers": "开发者",
            "customers": "客户"}.get(audience.strip().lower(), audience)


@dataclass(frozen=True)
class Vocabulary:
    """Every word of a post that depends on the platform, its unit or a chart."""

    profile: Profile = Profile()
    top_n: int | None = None  # set from the data when it is a top-N extract
    # family or provider → its name in a Chinese post (the registry's family_zh, provider_zh)
    names_zh: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # every registry name (bots, families, providers): a display name replaces a whole name
    # only, never the front of a longer one ('Suno family' inside 'Suno family (7)')
    names_all: tuple[str, ...] = ()

    @classmethod
    def for_data(cls, profile: Profile, top_n: int | None, registry) -> Vocabulary:
        """The vocabulary of one dataset: its profile, its top N and its display names."""
        names = {f.name: f.name_zh for f in registry.families.values() if f.name_zh}
        names.update(registry.provider_zh)
        every = set(registry.bots) | set(registry.families) | set(registry.provider_zh)
        every |= {f.provider for f in registry.families.values() if f.provider}
        # and as a post spells them: "Jamba \[preview\] #148" is a whole name too, so its
        # "Jamba" is not localised on its own (footnotes list bots by their escaped names)
        every |= {escape_name(n) for n in every}
        return cls(profile, top_n, MappingProxyType(names), tuple(sorted(every)))

    def display(self, name: str, lang: str) -> str:
        """A family's or provider's name as a post in `lang` shows it: 快手 for Kuaishou."""
        return self.names_zh.get(name, name) if lang == "zh" else name

    def localise(self, text: str, lang: str) -> str:
        """Chinese text with each registry name replaced by its display name, whole names
        only ("Kling" is not touched inside "Kling-2.0")."""
        if lang != "zh" or not self.names_zh:
            return text
        rx = _name_regex(tuple(sorted(set(self.names_zh) | set(self.names_all))))
        return rx.sub(lambda m: self.names_zh.get(m.group(0), m.group(0)), text)

    # ---------------------------------------------------------------- charts

    def words(self, chart: str) -> CategoryWords:
        return self.profile.categories.get(chart) or default_category(chart)

    def title(self, chart: str, lang: str) -> str:
        """The section heading: "💬 Text models" / "💬 文本模型（聊天、写作、编程助手）"."""
        w = self.words(chart)
        return f"{w.emoji} {w.title_zh if lang == 'zh' else w.title}"

    def name(self, chart: str, lang: str) -> str:
        """The chart's short name, for chart titles and lists: "Image generation" / "图像生成"."""
        w = self.words(chart)
        return w.name_zh if lang == "zh" else w.name

    def noun(self, chart: str, lang: str) -> str:
        """What the chart counts: "text messages", "text tokens" / "文本消息", "文本token用量"."""
        w = self.words(chart)
        if self.profile.unit == "messages" and (w.counted_zh if lang == "zh" else w.counted):
            return w.counted_zh if lang == "zh" else w.counted
        if lang == "zh":
            return f"{w.topic_zh}{self.profile.unit_zh}"
        return f"{w.topic} {self.profile.unit}"

    def parent_noun(self, chart: str, lang: str) -> str:
        """"all text messages" without "all": what a sub-chart is a share of."""
        return self.noun(chart, lang)

    def chart_phrases(self, chart: str) -> tuple[str, ...]:
        """Words a reader may use for this chart beyond its label (for the checker)."""
        w = self.words(chart)
        out = {w.title, w.title_zh, w.name, w.name_zh, w.topic, w.topic_zh,
               self.noun(chart, "en"), self.noun(chart, "zh")}
        return tuple(sorted((p.strip() for p in out if p and len(p.strip()) > 1),
                            key=lambda p: (-len(p), p)))

    def trigger(self, name: str, lang: str) -> str:
        """A follow-up action as a reader knows it: "the Animate button" / “动画”按钮."""
        if name in TRIGGERS:
            en, zh = TRIGGERS[name]
            return zh if lang == "zh" else en
        # a trigger nobody named is shown as the data spells it, in quotes
        return f"“{name}”操作" if lang == "zh" else f"the “{name}” action"

    # ---------------------------------------------------------------- the platform

    def platform(self, lang: str) -> str:
        return self.profile.name_zh if lang == "zh" else self.profile.name

    def unit(self, lang: str) -> str:
        return self.profile.unit_zh if lang == "zh" else self.profile.unit

    def audience(self, lang: str) -> str | None:
        return self.profile.audience_zh if lang == "zh" else self.profile.audience

    def source(self, lang: str) -> str | None:
        return self.profile.source_zh if lang == "zh" else self.profile.source

    def data_note(self, lang: str) -> str | None:
        return self.profile.data_note_zh if lang == "zh" else self.profile.data_note

    def top_n_note(self, lang: str) -> str | None:
        """The one sentence that says the data is a top-N extract."""
        if not self.top_n:
            return None
        n = self.top_n
        if lang == "zh":
            return (f"数据为榜单摘录：每周只列出{self.unit('zh')}前{n}名的模型，其余合并为“其他”；"
                    f"某周未进入前{n}名的模型，其当周份额未知，只知低于入榜门槛。")
        return (f"The data is a top-{n} extract: each week lists only the top {n} models by "
                f"{self.unit('en')}, with everything else as Other; a model absent from the list "
                f"was below the cut-off that week, not at zero.")


@lru_cache(maxsize=8)
def _name_regex(names: tuple[str, ...]) -> re.Pattern:
    """Whole names, longest first, so a longer name wins where one starts another. ASCII
    word characters only bound a name: a Chinese character right after a name ends it."""
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile("|".join(rf"(?<![A-Za-z0-9_.\-]){re.escape(n)}"
                               rf"(?![A-Za-z0-9_\-]|\.[A-Za-z0-9])" for n in ordered))
