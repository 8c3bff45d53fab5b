"""How data text is written into a post: Markdown, HTML and Liquid taken literally.

The post writer escapes with these, and the ledger adds each name's escaped spelling as an
alias, so the checker reads the name the post shows as the name it is.
"""

from __future__ import annotations

import hashlib
import re

LIQUID = re.compile(r"\{\{|\{%")
MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def escape_liquid(text: str) -> str:
    """Keep Jekyll from evaluating `{{` or `{%` that came from data or prose."""
    return LIQUID.sub(lambda m: '{{ "' + m.group(0) + '" }}', text)


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_name(name: str) -> str:
    """A data name, safe inside Markdown prose: no emphasis, links, tables, HTML or Liquid."""
    return escape_liquid(MD_SPECIAL.sub(r"\\\1", escape_html(name)))


def escape_alt(text: str) -> str:
    """Text inside an image's [alt]: brackets and pipes escaped (a name may be
    `Veo [preview]`), no HTML, no Liquid, one line."""
    text = escape_liquid(escape_html(text)).replace("[", "\\[").replace("]", "\\]")
    return text.replace("|", "\\|").replace("\n", " ")


def chart_anchor(chart: str) -> str:
    """The heading id of a chart's section (`{#chart-<anchor>}`): the chart's name when it
    is a plain ASCII slug already (text, image, long_context), else an ASCII slug of it with
    a short hash, so '<script>', 'music} {#x' or '音乐' never reach the page raw and two
    names never share an id."""
    if re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", chart):
        return chart
    slug = re.sub(r"[^a-z0-9]+", "-", chart.lower()).strip("-")[:40]
    digest = hashlib.sha256(chart.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"c-{digest}"
