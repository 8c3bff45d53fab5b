"""The Jekyll post: front matter, lead, table of contents, highlights, a section per chart,
conclusion and methodology footnotes. One post per language.

Data is text, never markup: every name that comes from the data is escaped for Markdown,
HTML and Liquid before it is written, so a bot called `{{ site.title }}` or `<script>`
shows literally. A post a person has edited since it was generated (the file, front
matter included, no longer matches the post_sha256 in its front matter) is never
overwritten without --force; writer.publish writes the posts and charts of a run as one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from writer.draft import Draft
from writer.errors import UsageError
from writer.escape import (  # noqa: F401 - escape_name and LIQUID are used via post too
    LIQUID, MD_SPECIAL, chart_anchor, escape_alt, escape_html, escape_liquid, escape_name)

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class Site:
    """Site settings from the [site] table of writer.toml."""

    layout: str = "post"
    category: str = "Frontier Trends"
    icon: str = "web"
    timezone: str = "+0800"
    time: str = "12:00:00"
    assets_base: str = "/assets"
    platform: str = "Poe"

    @classmethod
    def from_config(cls, table: Mapping) -> Site:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: str(v) for k, v in table.items() if k in known})


@dataclass(frozen=True)
class ChartImage:
    chart: str
    file: str  # the file name under assets/<slug>/, e.g. "video-en.svg"
    alt: str


@dataclass(frozen=True)
class Footnotes:
    """The methodology notes, already in the post's language.

    `anchors` says where each note's marker stands, as the reference post puts them: a
    chart's name puts it on that section's headline, None on the lead.
    """

    items: tuple[str, ...]
    anchors: tuple[str | None, ...] = ()

    def marks(self, where: str | None, charts: Sequence[str]) -> str:
        """The markers for one place: the lead (None) also takes notes whose chart has no
        section in the post."""
        out = []
        for i in range(len(self.items)):
            anchor = self.anchors[i] if i < len(self.anchors) else None
            if anchor not in charts:
                anchor = None
            if anchor == where:
                out.append(f"[^{i + 1}]")
        return "".join(out)


def slug_for(period_label: str) -> str:
    return "ai-model-usage-trends-" + re.sub(r"[^a-z0-9]+", "-", period_label.lower()).strip("-")


def default_date(last_monday: date) -> date:
    """The Monday after the last week of data: the same data gives the same post on any day."""
    return last_monday + timedelta(days=7)


def post_path(out: Path, day: date, slug: str, lang: str) -> Path:
    return out / "_posts" / f"{day.isoformat()}-{slug}-{lang}.md"


# ------------------------------------------------------------------ escaping


def _safe_prose(text: str, names: Sequence[str] = ()) -> str:
    """Prose from a template or an LLM keeps its **bold**, but no raw HTML and no Liquid.

    A data name with Markdown in it (`a|b`, `*star*`) is escaped where it occurs, and any
    other `|` too, so prose never turns into a table.
    """
    text = escape_html(text)
    marked = {}
    for i, name in enumerate(n for n in sorted(names, key=len, reverse=True)
                             if MD_SPECIAL.search(n)):
        token = f"\x00{i}\x00"
        shown = escape_html(name)
        if shown in text:
            text = text.replace(shown, token)
            marked[token] = MD_SPECIAL.sub(r"\\\1", shown)
    text = re.sub(r"(?<!\\)\|", r"\\|", text)
    for token, escaped in marked.items():
        text = text.replace(token, escaped)
    return escape_liquid(text)


def _yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


# ------------------------------------------------------------------ rendering


WORDS = {
    "en": {
        "highlights": "Highlights",
        "since": "Since the last report",
        "since_intro": "Compared with the period before, the biggest moves in average share:",
        "conclusion": "Conclusion",
        "notes": "Notes on method",
        "takeaway": "📌 **Takeaway:**",
        "share_line": "Reasoning models' share of all {parent}, week by week:",
        "parent": "text messages",
    },
    "zh": {
        "highlights": "报告要点",
        "since": "与上期相比",
        "since_intro": "与上一期相比，平均份额变化最大的模型如下：",
        "conclusion": "结语",
        "notes": "方法说明",
        "takeaway": "📌 **总结**：",
        "share_line": "推理模型在全部{parent}中所占比例的逐周变化：",
        "parent": "文本消息",
    },
}
CN_ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class PostInput:
    draft: Draft
    period_label: str
    day: date
    slug: str
    data_sha256: str
    generated_by: str
    site: Site
    images: Mapping[str, Sequence[ChartImage]] = field(default_factory=dict)  # chart → images
    footnotes: Footnotes = Footnotes(())
    data_note: str | None = None
    names: Sequence[str] = ()  # every bot, family and provider name, escaped where it occurs
    # "Since the last report" (draft --compare): (bullet text, its fact ids) in this language
    since: Sequence[tuple[str, tuple[str, ...]]] = ()
    compare_label: str | None = None  # the earlier period, for `verify` to rebuild the same
    parent_noun: str | None = None  # what reasoning is a share of ("text tokens"); vocab's


def render_body(p: PostInput) -> str:
    d, lang = p.draft, p.draft.lang
    w = WORDS[lang]
    names = p.names

    def safe_prose(text: str) -> str:  # noqa: F811 - this post's names, bound once
        return _safe_prose(text, names)

    out: list[str] = []
    charts = [s.chart for s in d.sections]
    out.append(safe_prose(d.frame.lead) + p.footnotes.marks(None, charts))
    if p.data_note:
        out.append(f"> {safe_prose(p.data_note)}")
    out.append("* content\n{:toc}")
    out.append(f"## {w['highlights']}\n\n" + "\n".join(
        f"- {safe_prose(h)}" for h in d.frame.highlights))
    for i, section in enumerate(d.sections):
        heading = section.heading
        if lang == "zh" and i < len(CN_ORDINALS):
            heading = f"{CN_ORDINALS[i]}、{heading}"
        block = [f"## {safe_prose(heading)} {{#chart-{chart_anchor(section.chart)}}}"]
        block.append(f"**{safe_prose(section.headline)}**"
                     + p.footnotes.marks(section.chart, charts))
        for image in p.images.get(section.chart, ()):
            if image.file.startswith(f"{section.chart}-share"):
                block.append(w["share_line"].format(parent=p.parent_noun or w["parent"]))
            src = f"{p.site.assets_base.rstrip('/')}/{p.slug}/{image.file}"
            block.append(f"![{_alt(image.alt)}]({{{{ '{src}' | relative_url }}}})\n"
                         "{: .writer-chart}")
        block.append("\n".join(f"- {safe_prose(b)}" for b in section.bullets))
        block.append(f"{w['takeaway']}{'' if lang == 'zh' else ' '}{safe_prose(section.takeaway)}")
        out.append("\n\n".join(block))
    if p.since:
        out.append(f"## {w['since']}\n\n{w['since_intro']}\n\n" + "\n".join(
            f"- {safe_prose(text)}" for text, _ in p.since))
    out.append(f"## {w['conclusion']}\n\n{safe_prose(d.frame.conclusion)}")
    if p.images:
        out.append(PHONE_LAYOUT)
    if p.footnotes.items:
        notes = "\n".join(f"[^{i + 1}]: {item}" for i, item in enumerate(p.footnotes.items))
        out.append(f"## {w['notes']}\n\n{_notes_intro(lang)}\n\n{notes}")
    return "\n\n".join(out) + "\n"


# On a narrow screen a chart keeps its own size (text at least charts.MIN_TEXT_PX) and its
# paragraph scrolls sideways, instead of the chart shrinking to 45% and its text to 5 px.
PHONE_LAYOUT = ("<style>@media (max-width: 640px) { p.writer-chart { overflow-x: auto; } "
                "p.writer-chart img { max-width: none !important; width: auto !important; "
                "height: auto !important; } }</style>")


def _notes_intro(lang: str) -> str:
    return ("How the figures in this post were computed." if lang == "en"
            else "本文数据的统计口径如下。")


def _alt(text: str) -> str:
    return escape_alt(text)


def render_post(p: PostInput) -> str:
    body = render_body(p)
    d = p.draft
    thumb = next((img.file.replace(".svg", ".png") for imgs in p.images.values() for img in imgs),
                 None)
    fm = {
        "layout": p.site.layout,
        "title": _yaml_str(d.frame.title),
        "date": f"{p.day.isoformat()} {p.site.time} {p.site.timezone}",
        "category": _yaml_str(p.site.category),
        "thumbnail": f"{p.site.assets_base.rstrip('/')}/{p.slug}/{thumb}" if thumb else None,
        "icon": p.site.icon,
        "lang": d.lang,
        "ref": p.slug,
        "period": _yaml_str(p.period_label),
        "data_sha256": p.data_sha256,
        "generated_by": _yaml_str(p.generated_by),
        "fallback_sections": "[" + ", ".join(d.fallback_sections) + "]",
        # why each part fell back (LLM drafts only): a verified part is never dropped unsaid
        "fallback_reasons": (json.dumps({k: d.reasons[k] for k in d.fallback_sections
                                         if k in d.reasons}, ensure_ascii=False)
                             if getattr(d, "reasons", None) and d.fallback_sections else None),
        "facts": "[" + ", ".join(list(d.facts) + [i for _, ids in p.since for i in ids]) + "]",
        "compare": _yaml_str(p.compare_label) if p.compare_label else None,
        "body_sha256": body_hash(body),  # what writer before post_sha256 checks
    }
    lines = ["---"] + [f"{k}: {v}" for k, v in fm.items() if v is not None] + ["---"]
    text = "\n".join(lines) + "\n" + body
    # The whole file, front matter included, is what a person may edit: hash all of it
    # but this one line, and put the line last in the front matter.
    head = len("\n".join(lines[:-1])) + 1
    return text[:head] + f"post_sha256: {post_hash(text)}\n" + text[head:]


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


POST_HASH = re.compile(r"^post_sha256: ([0-9a-f]{64})\n", re.M)


def post_hash(text: str) -> str:
    """sha256 of the whole post without its own post_sha256 line (a file cannot hold its
    own hash), so a change anywhere else, front matter or body, shows."""
    return hashlib.sha256(POST_HASH.sub("", text, count=1).encode("utf-8")).hexdigest()


def split_post(text: str) -> tuple[dict[str, str], str, int]:
    """(front matter as raw strings, body, the line number where the body starts)."""
    m = FRONT.match(text)
    if not m:
        return {}, text, 1
    fm = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "\t", "-")):
            fm[key.strip()] = value.strip()
    return fm, text[m.end():], m.group(0).count("\n") + 1


def was_edited(path: Path) -> bool:
    """True when the post on disk is not what writer generated (a person changed it).

    A post with post_sha256 is checked whole; one written before that field existed has
    only body_sha256, and is checked as it was then (its body). A file that is not UTF-8
    text is not writer's: it counts as edited.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return True
    fm, body, _ = split_post(text)
    if "post_sha256" in fm:
        found = POST_HASH.search(text, 0, len(text) - len(body))
        return found is None or found.group(1) != post_hash(text)
    return fm.get("body_sha256") != body_hash(body)


# ------------------------------------------------------------------ writing


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write to a temp file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_overwrite(paths: Sequence[Path], force: bool) -> None:
    """Refuse, before anything is written, to replace a post a person has edited."""
    from writer.errors import InputError, Problem

    for p in paths:
        if p.is_dir():
            raise InputError(Problem("a folder stands where the post must be written",
                                     file=str(p), fix="move or remove the folder"))
    try:
        edited = [p for p in paths if p.exists() and not force and was_edited(p)]
    except OSError as exc:
        raise InputError(Problem(f"cannot read the existing post ({exc.strerror})",
                                 file=str(exc.filename or paths[0]),
                                 fix="make it readable, or move it away")) from None
    if edited:
        names = ", ".join(str(p) for p in edited)
        raise UsageError(
            f"{names} was edited since writer generated it, so it was not overwritten. "
            "Use --force to replace it, or --date YYYY-MM-DD to write a new post beside it")


safe_prose = _safe_prose  # the public name, for callers outside render_body
