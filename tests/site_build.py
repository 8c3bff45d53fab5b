"""Build posts with the real Jekyll, in a copy of the minimal site kept in tests/jekyll_site/.

(Not named `site.py`: that would be shadowed by Python's own `site` module, which every
interpreter imports at start-up.)

`build_site(posts, assets_dir, tmp_path)` copies the site skeleton, the posts and the assets
into tmp_path, runs `jekyll build --trace` with a timeout and returns a `BuiltSite`: the
output Jekyll printed, each post's URL and HTML, and the list of files in `_site`.
`need_tool` skips a test when jekyll or chromium is missing, and fails it instead when the
`CI` environment variable is set, because CI installs both.

The posts come from the real code: `drafted_site` runs `writer draft` on the sample data and
builds its posts once per session; `write_sample_posts` renders hand-made drafts through
writer.post (fast, and the words are known exactly), for the preview and injection tests.
`markdown_headings`/`markdown_texts` say what a post's Markdown should read as on the page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from writer.preview import split_front_matter

SKELETON = Path(__file__).resolve().parent / "jekyll_site"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BUILD_TIMEOUT = 180  # seconds; a build of a few posts takes one or two
# Lines in Jekyll's output that mean a page did not render as written.
TROUBLE = re.compile(r"Liquid Warning|Liquid Exception|Liquid syntax error|Conversion error|"
                     r"\bError\b|Build Warning|Kramdown warning|[Ii]nvalid byte sequence")


def need_tool(name: str, path: str | None = None) -> str:
    """The tool's path; skip when it is missing, but fail under CI, which installs it."""
    found = path if path and os.access(path, os.X_OK) else shutil.which(name)
    if found:
        return found
    why = f"{name} is not installed (Debian: apt-get install {name})"
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI must install it (.ci/run does)", pytrace=False)
    pytest.skip(why)


class JekyllFailed(AssertionError):
    pass


@dataclass(frozen=True)
class BuiltSite:
    source: Path  # the copied site
    site: Path  # its _site
    baseurl: str  # "/blog"
    stdout: str
    stderr: str
    seconds: float
    files: tuple[str, ...]  # every file in _site, relative, with forward slashes
    urls: Mapping[str, str]  # post file name → its URL, baseurl included
    html: Mapping[str, str]  # post file name → the built page

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def trouble(self) -> list[str]:
        """The lines of Jekyll's output that report a Liquid or conversion problem."""
        return [line for line in self.output.splitlines() if TROUBLE.search(line)]

    def file_for(self, url: str) -> Path | None:
        """The file in _site that an absolute URL on this site points to, if it exists."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.baseurl + "/"):
            return None
        rel = path[len(self.baseurl) + 1:]
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        target = (self.site / rel).resolve()
        if self.site.resolve() not in target.parents or not target.is_file():
            return None
        return target

    def post(self, name_part: str) -> str:
        """The HTML of the one post whose file name contains name_part."""
        hits = [k for k in self.html if name_part in k]
        assert len(hits) == 1, f"{name_part!r} matches posts {hits} of {list(self.html)}"
        return self.html[hits[0]]


# A page that tells the test where Jekyll put each post: the same URL a blog would link to.
URL_MAP = """---
layout: null
permalink: /test-post-urls.json
---
{ {% for post in site.posts %}{{ post.path | jsonify }}: {{ post.url | jsonify }}
  {%- unless forloop.last %}, {% endunless %}{% endfor %} }
"""


def build_site(posts: Path | Iterable[Path], assets_dir: Path | None, tmp_path: Path, *,
               timeout: float = BUILD_TIMEOUT) -> BuiltSite:
    """Copy the skeleton, the posts (a _posts folder or files) and assets/, then build."""
    jekyll = need_tool("jekyll")
    source = tmp_path / "site"
    shutil.copytree(SKELETON, source)
    (source / "_posts").mkdir(exist_ok=True)
    files = sorted(Path(posts).glob("*.md")) if isinstance(posts, (str, Path)) else list(posts)
    assert files, f"no posts to build in {posts}"
    for f in files:
        shutil.copy2(f, source / "_posts" / f.name)
    if assets_dir is not None:
        shutil.copytree(assets_dir, source / "assets", dirs_exist_ok=True)
    (source / "test-post-urls.json").write_text(URL_MAP, encoding="utf-8")
    dest = source / "_site"
    cmd = [jekyll, "build", "--trace", "--disable-disk-cache", "-s", str(source), "-d", str(dest)]
    started = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=timeout, cwd=source, check=False,
                              env={**os.environ, "JEKYLL_ENV": "production"})
    except subprocess.TimeoutExpired as exc:
        raise JekyllFailed(f"jekyll build took longer than {timeout}s: {' '.join(cmd)}\n"
                           f"{exc.stdout or ''}{exc.stderr or ''}") from None
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise JekyllFailed(f"jekyll build exited {proc.returncode}\n--- stdout\n{proc.stdout}"
                           f"\n--- stderr\n{proc.stderr}")
    config = (source / "_config.yml").read_text(encoding="utf-8")
    baseurl = re.search(r"^baseurl:\s*(\S*)", config, re.M).group(1).strip("\"'").rstrip("/")
    url_map = json.loads((dest / "test-post-urls.json").read_text(encoding="utf-8"))
    urls, html = {}, {}
    for path, url in url_map.items():
        name = Path(path).name
        urls[name] = baseurl + url
        page = dest / unquote(url).lstrip("/")
        if url.endswith("/"):
            page = page / "index.html"
        html[name] = page.read_text(encoding="utf-8")
    listing = tuple(sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()))
    return BuiltSite(source, dest, baseurl, proc.stdout, proc.stderr, seconds, listing,
                     urls, html)


# ------------------------------------------------------------------ reading the HTML


class Page(HTMLParser):
    """Just enough of a page for the assertions: elements, attributes and visible text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._text: list[str] = []
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)

    @property
    def text(self) -> str:
        """The visible text, whitespace collapsed."""
        return re.sub(r"\s+", " ", "".join(self._text))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements
                if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]


# ----------------------------------------------------------- hand-made drafts, real writer.post

SAMPLE_DAY = (2025, 6, 2)
SAMPLE_PERIOD = "2025H1"
# The hand-made prose of the sample posts: what the drafting stage would hand to the post.
SAMPLE_TEXT = {
    "en": {
        "title": "AI model usage trends, H1 2025: reasoning models rise fast",
        "lead": "Weekly usage across the platform's models shows which ones people pick, "
                "and how fast new releases take over.",
        "highlights": (("**Reasoning models rise fast**: their share of text messages grew "
                        "about fivefold."),
                       "**Image and video generation diversify**, with new labs entering.",
                       "**Audio is still a one-horse race**: ElevenLabs leads."),
        "sections": {
            "text": ("💬 Text models", "New releases take share within weeks",
                     ("**GPT-4.1** reached about **10%** of text messages within weeks.",
                      "**Gemini-2.5-Pro** climbed to **5%** soon after launch."),
                     "users move to the newest model quickly."),
            "reasoning": ("🧠 Reasoning models", "Reasoning grew from 2% to 10% of text",
                          ("**Gemini-2.5-Pro** took **30%** of reasoning messages in six weeks.",
                           "OpenAI's o3 and o4-mini drew users to the newest versions."),
                          "reasoning is the new front line."),
            "image": ("🖼️ Image generation", "GPT-Image-1 took 17% in two weeks",
                      ("**FLUX** still leads with about **35%**.",),
                      "new entrants keep arriving."),
            "video": ("🎞️ Video generation", "Kling 2.0 took 21% in its first week",
                      ("**Runway** fell from first place.",), "the leader changes fast."),
            "audio": ("🔊 Audio generation (text to speech)", "ElevenLabs holds about 80%",
                      ("**Cartesia** is the runner-up.",), "one clear leader."),
        },
        "conclusion": "Model choice keeps moving: new releases win users within weeks.",
        "footnotes": ("Each bar in the charts is one week, Monday to Sunday.",
                      "Messages sent to the platform's own bots (Assistant) are excluded.",
                      "Families in the charts: GPT-4.1 includes GPT-4.1 and GPT-4.1-mini."),
        "alt": "{chart} chart: weekly share of messages by model family",
    },
    "zh": {
        "title": "2025年上半年AI模型使用趋势：推理模型快速崛起",
        "lead": "通过分析平台上跨模型的真实使用数据，揭示了AI模型在2025年上半年的主要使用趋势。",
        "highlights": ("**推理模型快速崛起**：推理消息在文本消息中的占比增长约五倍。",
                       "**图像与视频生成走向多样性**：尤其中国厂商的进入正在重塑市场。",
                       "**音频生成尚属初级博弈阶段**，ElevenLabs仍居绝对优势。"),
        "sections": {
            "text": ("💬 文本模型（聊天、写作、编程助手）", "OpenAI 和 Google 的模型越来越受欢迎",
                     ("**GPT-4.1 系列**发布后几周内就快速占据了约 **10% 的使用量**。",
                      "**Gemini-2.5-Pro** 也在上线不久后达到 **5%**，并持续增长。"),
                     "用户喜欢用最新版模型，老模型即使还在也会慢慢被淘汰。"),
            "reasoning": ("🧠 推理模型", "推理模型占比从2%涨到10%",
                          ("**Gemini-2.5-Pro** 短短6周内拿下了 **30% 的推理消息**。",
                           "OpenAI 连发多个新推理模型（如 o3、o4-mini），用户也快速迁移到新版本。"),
                          "推理能力正在成为AI模型的新竞争重点。"),
            "image": ("🖼️ 图像生成", "GPT-Image-1 两周拿下17%",
                      ("**FLUX 系列（黑森林实验室）** 当前份额约 **35%**，略有下降。",),
                      "新选手不断加入，图像生成领域竞争激烈。"),
            "video": ("🎞️ 视频生成", "Kling 2.0 首周拿下21%",
                      ("**Runway** 失去了第一的位置。",), "视频生成的领先者更替很快。"),
            "audio": ("🔊 音频生成（文字转语音）", "ElevenLabs 约占80%",
                      ("**Cartesia** 位居第二。",), "ElevenLabs 仍居绝对优势。"),
        },
        "conclusion": "模型选择持续变化：新发布的模型几周内就能赢得用户。",
        "footnotes": ("图表中每根柱子代表一周（周一至周日）的数据。",
                      "发给平台自有机器人（Assistant）的消息不计入统计。",
                      "图表中的模型系列：GPT-4.1包括GPT-4.1、GPT-4.1-mini。"),
        "alt": "{chart}图表：各模型系列每周消息份额",
    },
}


def svg_chart(title: str, shares: tuple[float, ...] = (45, 30, 15, 10)) -> str:
    """A small, valid SVG: one 100%-stacked bar and a title."""
    colours = ("#3b6fd8", "#e07b39", "#3a9e6f", "#9a9a9a")
    rects, x = [], 40.0
    for share, colour in zip(shares, colours):
        width = 520 * share / 100
        rects.append(f'<rect x="{x:.1f}" y="60" width="{width:.1f}" height="60" '
                     f'fill="{colour}"/>')
        x += width
    from html import escape

    return ('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="160" '
            'viewBox="0 0 600 160"><rect width="600" height="160" fill="#ffffff"/>'
            f'<text x="40" y="40" font-family="Noto Sans CJK SC, sans-serif" font-size="20">'
            f'{escape(title)}</text>{"".join(rects)}</svg>\n')


@dataclass(frozen=True)
class SamplePosts:
    out: Path  # OUT: _posts/ and assets/ under it
    posts: Mapping[str, Path]  # lang → post file
    drafts: Mapping[str, object]  # lang → writer.draft.Draft
    images: Mapping[str, tuple[str, ...]]  # lang → asset URLs as the post writes them
    footnotes: Mapping[str, tuple[str, ...]]


def write_sample_posts(out: Path, *, text: Mapping[str, Mapping] = SAMPLE_TEXT,
                       slug: str | None = None, charts_with_share: tuple[str, ...] = ("reasoning",)
                       ) -> SamplePosts:
    """Both languages' posts for hand-made drafts, through writer.post, with real SVG assets."""
    from datetime import date

    from writer.draft import Draft, FrameText, SectionText
    from writer.post import (
        ChartImage,
        Footnotes,
        PostInput,
        Site,
        atomic_write,
        post_path,
        render_post,
        slug_for,
    )

    slug = slug or slug_for(SAMPLE_PERIOD)
    day = date(*SAMPLE_DAY)
    site = Site()
    posts, drafts, images_out, notes_out = {}, {}, {}, {}
    for lang, words in text.items():
        sections = tuple(
            SectionText(chart, heading, headline, bullets, takeaway, (), "offline")
            for chart, (heading, headline, bullets, takeaway) in words["sections"].items())
        frame = FrameText(words["title"], words["lead"], words["highlights"],
                          words["conclusion"], (), "offline")
        draft = Draft(lang, frame, sections)
        images: dict[str, tuple] = {}
        for chart in words["sections"]:
            stems = ([f"{chart}-share-{lang}"] if chart in charts_with_share else []) \
                + [f"{chart}-{lang}"]
            alt = words["alt"][chart] if isinstance(words["alt"], Mapping) \
                else words["alt"].format(chart=chart)
            images[chart] = tuple(ChartImage(chart, f"{stem}.svg", alt) for stem in stems)
            for stem in stems:
                atomic_write(out / "assets" / slug / f"{stem}.svg", svg_chart(stem))
        footnotes = Footnotes(tuple(words["footnotes"]))
        # The data's names, for when PostInput takes them to escape them in prose (the fix
        # test_jekyll.PROSE_BUG proposes); until then render_post has no way to know them.
        names = {"names": tuple(words["names"])} \
            if "names" in words and "names" in PostInput.__dataclass_fields__ else {}
        post = render_post(PostInput(
            draft=draft, period_label=SAMPLE_PERIOD, day=day, slug=slug, data_sha256="0" * 64,
            generated_by="writer tests (hand-made draft)", site=site, images=images,
            footnotes=footnotes, **names))
        path = post_path(out, day, slug, lang)
        atomic_write(path, post)
        posts[lang], drafts[lang] = path, draft
        images_out[lang] = tuple(f"{site.assets_base}/{slug}/{img.file}"
                                 for imgs in images.values() for img in imgs)
        notes_out[lang] = footnotes.items
    return SamplePosts(out, posts, drafts, images_out, notes_out)


# ------------------------------------------------------------------ posts made by `writer draft`

REPO = Path(__file__).resolve().parent.parent
DRAFT_PERIOD = "2025H1"
DRAFT_TIMEOUT = 900  # seconds; drafting the sample with its charts takes about half a minute


@dataclass(frozen=True)
class Drafted:
    out: Path
    posts: Mapping[str, Path]  # lang → post file
    seconds: float
    stderr: str


def draft_sample(out: Path) -> Drafted:
    """`python -m writer draft --period 2025H1` on the shipped sample data, offline."""
    cmd = [sys.executable, "-m", "writer", "draft", "--period", DRAFT_PERIOD, "--out", str(out),
           "--llm", "offline"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("WRITER_")}  # no user settings
    started = time.monotonic()
    try:
        run = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, encoding="utf-8",
                             errors="replace", timeout=DRAFT_TIMEOUT, check=False, env=env)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"writer draft took longer than {DRAFT_TIMEOUT}s") from None
    seconds = time.monotonic() - started
    assert run.returncode == 0, f"writer draft exited {run.returncode}:\n{run.stderr[-4000:]}"
    posts = {path.stem.rsplit("-", 1)[-1]: path for path in sorted((out / "_posts").glob("*.md"))}
    assert sorted(posts) == ["en", "zh"], f"writer draft wrote {list(posts)}"
    return Drafted(out, posts, seconds, run.stderr)


_BUILDS: dict[str, tuple] = {}


def drafted_site(tmp_path_factory) -> tuple[Drafted, BuiltSite]:
    """The drafted sample posts built by Jekyll, once per session for every module that asks."""
    if "drafted" not in _BUILDS:
        need_tool("jekyll")
        root = tmp_path_factory.mktemp("drafted-site")
        drafted = draft_sample(root / "out")
        _BUILDS["drafted"] = (drafted, build_site(drafted.out / "_posts", drafted.out / "assets",
                                                  root))
    return _BUILDS["drafted"]


# ------------------------------------------------------------------ what a post should show


def front_matter(post_text: str) -> dict[str, str]:
    return split_front_matter(post_text)[0]


def _body(post_text: str) -> str:
    return split_front_matter(post_text)[1]


def _as_text(markdown: str) -> str:
    """A line of writer's Markdown as the page reads it: no markup, Liquid escapes undone."""
    text = markdown.replace('{{ "{{" }}', "{{").replace('{{ "{%" }}', "{%")
    text = re.sub(r"\[\^\d+\]", "", text)  # footnote markers become superscript numbers
    # Backslash escapes and ** count outside code spans only: inside one, kramdown shows them.
    parts = re.split(r"(`[^`]*`)", text)
    text = "".join(part[1:-1] if part.startswith("`") else
                   re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", part).replace("**", "")
                   for part in parts)
    return re.sub(r"\s+", " ", unescape(text)).strip()


def markdown_headings(post_text: str) -> list[str]:
    """Each `## ` heading of a post, as its text on the page."""
    return [_as_text(re.sub(r"\s*\{#[^}]+\}\s*$", "", h))
            for h in re.findall(r"^## (.+)$", _body(post_text), re.M)]


def markdown_texts(post_text: str) -> list[str]:
    """Every paragraph, list item, quote and footnote of a post, as its text on the page."""
    out = []
    for raw in _body(post_text).splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "![", "{:", "* content", "<style")):
            continue
        text = _as_text(re.sub(r"^(?:- |> |\[\^\d+\]: )", "", line))
        if text:
            out.append(text)
    return out


def markdown_images(post_text: str) -> list[str]:
    """The site URLs of a post's images, as written in its Liquid."""
    return re.findall(r"!\[[^\]]*\]\(\{\{ '([^']+)' \| relative_url \}\}\)", post_text)


def markdown_footnotes(post_text: str) -> int:
    return len(re.findall(r"^\[\^\d+\]: ", post_text, re.M))
