"""A standalone HTML preview of a post, for a quick look without Jekyll.

In: a post written by `draft` (OUT/_posts/X.md, its charts under OUT/assets/<slug>/).
Out: one HTML file (default OUT/_posts/X.html) that opens from disk with the charts shown.

It imitates the little of Jekyll a post uses: the Liquid that writer writes (asset URLs
through `relative_url`, and the `{{ "{{" }}` escapes that keep data from being evaluated),
then kramdown's table of contents, heading ids and footnotes through the `markdown`
package. It is a preview: the real page is whatever the blog's Jekyll and theme make of it.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from urllib.parse import quote

import markdown
from markdown.extensions.toc import slugify_unicode

from writer.outfile import check_target, write_atomic

FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
# kramdown's table of contents: a one-item list followed by the {:toc} marker.
KRAMDOWN_TOC = re.compile(r"^[*-][ \t]+[^\n]*\n\{:[ \t]*toc[ \t]*\}[ \t]*$", re.M)
# The Liquid output tags writer writes: a quoted string, perhaps through one URL filter.
LIQUID_OUTPUT = re.compile(
    r"""\{\{-?\s*(?:"([^"]*)"|'([^']*)')\s*(?:\|\s*(relative_url|absolute_url)\s*)?-?\}\}""")
ROOT_SRC = re.compile(r'\b(src)="(/(?!/)[^"]*)"')
LIQUID_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
EXTENSIONS = ["toc", "footnotes", "attr_list", "tables"]

CSS = """
:root { color-scheme: light; }
body { margin: 0; background: #fbfbfa; color: #1f2328;
  font: 17px/1.8 -apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial,
    "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
.preview-note { font-size: .8rem; color: #6e7781; border-bottom: 1px dashed #d0d7de;
  padding-bottom: .4rem; }
h1 { font-size: 1.9rem; line-height: 1.35; margin: 1.5rem 0 .25rem; }
.meta { color: #57606a; margin: 0 0 1.5rem; }
h2 { font-size: 1.35rem; line-height: 1.4; margin: 2.5rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 1px solid #d8dee4; }
h3 { font-size: 1.1rem; margin: 1.8rem 0 .5rem; }
p, li { overflow-wrap: anywhere; }
a { color: #0969da; text-decoration: none; }
a:hover { text-decoration: underline; }
img { display: block; max-width: 100%; height: auto; margin: 1rem auto; background: #fff;
  border: 1px solid #eaeef2; border-radius: 6px; }
blockquote { margin: 1rem 0; padding: .5rem 1rem; color: #57606a; background: #f3f5f7;
  border-left: 4px solid #d0d7de; }
code { font: .9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #eff2f5; padding: .1em .3em; border-radius: 4px; }
.toc { background: #f3f5f7; border-radius: 8px; padding: .6rem 1rem; margin: 1.5rem 0; }
.toc ul { margin: .2rem 0; padding-left: 1.2rem; }
.footnote { font-size: .9rem; color: #444c56; margin-top: 3rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; }
"""

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<main>
<p class="preview-note">{note}</p>
<article>
<h1>{title}</h1>
<p class="meta">{meta}</p>
{body}
</article>
</main>
</body>
</html>
"""
NOTE = {"en": "Preview of {name}, rendered without Jekyll.",
        "zh": "预览：{name}（未经 Jekyll 渲染）。"}


def write_preview(post: Path, out: Path | None = None) -> Path:
    """Render the post at `post` to standalone HTML at `out` (default: beside it, .html)."""
    post = Path(post)
    text = _read(post)
    out = Path(out) if out is not None else post.with_suffix(".html")
    check_target(out, [post], what="preview")  # `--out POST.md` would replace the post
    page = render_preview(text, post=post, out=out)
    write_atomic(out, page, what="preview")
    return out


def render_preview(text: str, *, post: Path, out: Path) -> str:
    """The preview page for a post's text; `post` and `out` place the asset links."""
    front, body = split_front_matter(text.replace("\r\n", "\n"))  # a post saved on Windows
    lang = front.get("lang") or "en"
    site_root = _site_root(post)
    body = _liquid(body, lambda url: _asset_href(url, site_root, out))
    body = KRAMDOWN_TOC.sub("[TOC]", body)
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "toc": {"slugify": slugify_unicode},
        "footnotes": {"BACKLINK_TITLE": ""},
    })
    content = md.convert(body)
    # A hand-edited post may link a chart as /assets/… without Liquid: map that too.
    content = ROOT_SRC.sub(lambda m: f'{m[1]}="{_asset_href(html.unescape(m[2]), site_root, out)}"',
                           content)
    title = front.get("title") or post.stem
    day = front.get("date", "")
    meta = [f'<time datetime="{html.escape(_iso(day))}">{html.escape(day[:10])}</time>'] \
        if day else []
    if front.get("category"):
        meta.append(html.escape(front["category"]))
    return PAGE.format(lang=html.escape(lang), title=html.escape(title), css=CSS,
                       note=html.escape(NOTE.get(lang, NOTE["en"]).format(name=post.name)),
                       meta=" · ".join(meta), body=content)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(front matter values, body). Values are plain strings; quoted ones are unquoted."""
    m = FRONT.match(text)
    if not m:
        return {}, text
    front: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if not sep or line.startswith((" ", "\t", "-", "#")):
            continue
        value = value.strip()
        if value.startswith('"'):
            try:
                value = json.loads(value)  # writer writes strings as JSON, valid YAML scalars
            except ValueError:
                value = value.strip('"')
        elif value.startswith("'") and value.endswith("'") and len(value) > 1:
            value = value[1:-1].replace("''", "'")
        front[key.strip()] = str(value)
    return front, text[m.end():]


def _iso(day: str) -> str:
    """Jekyll's "2025-06-02 12:00:00 +0800" as HTML's 2025-06-02T12:00:00+08:00."""
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d)?)\s*([+-]\d\d):?(\d\d)", day)
    return f"{m[1]}T{m[2]}{m[3]}:{m[4]}" if m else day[:10]


def _liquid(body: str, href) -> str:
    """Evaluate the Liquid writer writes; leave anything else as it stands."""
    raws: list[str] = []

    def keep_raw(m: re.Match) -> str:
        raws.append(m.group(1))
        return f"\x00{len(raws) - 1}\x00"

    def output(m: re.Match) -> str:
        value = m.group(1) if m.group(1) is not None else m.group(2)
        return href(value) if m.group(3) else value

    body = LIQUID_RAW.sub(keep_raw, body)
    body = LIQUID_OUTPUT.sub(output, body)
    return re.sub("\x00(\\d+)\x00", lambda m: raws[int(m.group(1))], body)


def _site_root(post: Path) -> Path:
    """The folder Jekyll would treat as the site: the parent of _posts, else the post's folder."""
    folder = post.resolve().parent
    return folder.parent if folder.name == "_posts" else folder


def _asset_href(url: str, site_root: Path, out: Path) -> str:
    """A site URL such as /assets/x/y.svg, as a path relative to the preview's folder."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or not url.startswith("/"):
        return url  # already absolute (https:) or relative: nothing to map
    target = site_root / url.lstrip("/")
    rel = os.path.relpath(target, out.resolve().parent)
    return quote(Path(rel).as_posix(), safe="/._-~")


def _read(post: Path) -> str:
    from writer.errors import read_text

    return read_text(post, "post", fix_path="give the path of a post written by `writer "
                                            "draft`, e.g. output/_posts/2025-06-02-…-en.md")
