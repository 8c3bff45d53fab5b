"""The posts writer makes, built by the real Jekyll (Debian's jekyll 4.3 with kramdown/GFM).

Two builds, each once per session: the posts `writer draft --period 2025H1` writes from the
shipped sample data (en and zh, with their SVG charts), and the injection posts: hand-made
drafts rendered by writer.post whose data names try Liquid, HTML, a table and emphasis, with
the methodology footnotes writer.pipeline.footnotes builds for a registry of such names.
The site is tests/jekyll_site/, served under baseurl /blog.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from site_build import (
    ARTIFACTS,
    Page,
    build_site,
    drafted_site,
    front_matter,
    markdown_footnotes,
    markdown_headings,
    markdown_images,
    markdown_texts,
    need_tool,
    write_sample_posts,
)

pytestmark = pytest.mark.slow
LANGS = ("en", "zh")


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    return drafted_site(tmp_path_factory)


def source(drafted, lang: str) -> str:
    return drafted[0].posts[lang].read_text(encoding="utf-8")


def visible(html: str) -> str:
    """The page's text as a reader sees it, with kramdown's typographic apostrophes undone."""
    return Page(html).text.replace("\u2019", "'").replace("\u2018", "'")


def content(html: str) -> str:
    """The post's own part of the page, without the layout around it."""
    return re.search(r'<div class="post-content">(.*)</article>', html, re.S).group(1)


# ------------------------------------------------------------------ missing tools


def test_a_missing_tool_skips_locally_and_fails_under_ci(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="jekyll is not installed"):
        need_tool("jekyll")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must install it"):
        need_tool("jekyll")
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed"):
        need_tool("chromium", "/nonexistent/chromium")


# ------------------------------------------------------------------ the drafted sample posts


def test_build_succeeds_without_liquid_warnings(drafted):
    posts, site = drafted
    assert site.trouble() == [], site.output
    assert "done in" in site.stdout, site.output
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "jekyll-build.log").write_text(
        f"writer draft: {posts.seconds:.1f}s\njekyll build: {site.seconds:.2f}s\n{site.output}",
        encoding="utf-8")


def test_the_two_posts_get_distinct_urls(drafted):
    posts, site = drafted
    assert sorted(site.urls) == sorted(p.name for p in posts.posts.values())
    urls = {lang: site.urls[posts.posts[lang].name] for lang in LANGS}
    assert urls["en"] != urls["zh"]
    for lang, url in urls.items():
        assert url.startswith("/blog/") and url.endswith(f"-{lang}.html"), url
        assert site.file_for(url) is not None, f"{url} is not in _site"
        assert f'<html lang="{lang}">' in site.html[posts.posts[lang].name]


@pytest.mark.parametrize("lang", LANGS)
def test_title_and_date_show(drafted, lang):
    posts, site = drafted
    front = front_matter(source(drafted, lang))
    page = Page(site.html[posts.posts[lang].name])
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", site.html[posts.posts[lang].name], re.S).group(1)
    assert h1 == front["title"]
    day, clock, offset = front["date"].split()
    assert page.find("time", datetime=f"{day}T{clock}{offset[:3]}:{offset[3:]}")


@pytest.mark.parametrize("lang", LANGS)
def test_table_of_contents_links_every_section(drafted, lang):
    posts, site = drafted
    html = site.html[posts.posts[lang].name]
    assert 'id="markdown-toc"' in html
    toc = re.search(r'<ul id="markdown-toc">(.*?)</ul>', html, re.S).group(1)
    heading_ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert re.findall(r'<a href="#([^"]+)"', toc) == heading_ids
    for chart in re.findall(r"\{#chart-([^}]+)\}", source(drafted, lang)):
        assert f'<h2 id="chart-{chart}">' in html  # the {#chart-…} ids survived kramdown


@pytest.mark.parametrize("lang", LANGS)
def test_footnotes_render(drafted, lang):
    posts, site = drafted
    html = site.html[posts.posts[lang].name]
    count = markdown_footnotes(source(drafted, lang))
    assert count >= 3  # weeks, exclusions, families at least
    assert 'class="footnotes"' in html
    block = html[html.index('class="footnotes"'):]
    for i in range(1, count + 1):
        assert f'<a href="#fn:{i}" class="footnote"' in html  # the marker in the text
        assert f'<li id="fn:{i}"' in block  # the note itself
        assert f'href="#fnref:{i}"' in block  # its way back
    assert f'id="fn:{count + 1}"' not in block
    assert "[^" not in visible(html)  # no marker left unrendered


@pytest.mark.parametrize("lang", LANGS)
def test_every_image_resolves_to_a_file_in_the_site(drafted, lang):
    posts, site = drafted
    page = Page(site.html[posts.posts[lang].name])
    written = markdown_images(source(drafted, lang))
    srcs = [img["src"] for img in page.find("img")]
    assert len(srcs) == len(written) >= 5  # a chart per section at least
    for src, url in zip(srcs, written):
        assert src == site.baseurl + url  # relative_url added the baseurl
        target = site.file_for(src)
        assert target is not None, f"{src} does not resolve to a file in _site"
        assert target.read_bytes() == (posts.out / url.lstrip("/")).read_bytes()
        assert target.read_bytes().lstrip().startswith((b"<svg", b"<?xml"))
    assert all(img.get("alt") for img in page.find("img")), "every chart has alt text"


@pytest.mark.parametrize("lang", LANGS)
def test_headings_and_text_are_intact(drafted, lang):
    posts, site = drafted
    html = site.html[posts.posts[lang].name]
    text = visible(content(html))
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", html) == markdown_headings(source(drafted, lang))
    for line in markdown_texts(source(drafted, lang)):
        assert line.replace("\u2019", "'") in text, line


def test_chinese_post_is_chinese_and_unmangled(drafted):
    posts, site = drafted
    html = site.html[posts.posts["zh"].name]
    h2 = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert h2[0] == "报告要点" and h2[-2:] == ["结语", "方法说明"]
    assert "一、💬 文本模型（聊天、写作、编程助手）" in h2
    text = Page(content(html)).text
    assert "图表中每根柱子代表一周（周一至周日）的数据。" in text
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 1000
    assert "\ufffd" not in html  # no replacement characters
    # UTF-8 read as Latin-1 shows up as Ã, â, ä, å, æ…: the post's text has none of U+0080–U+00FF.
    latin1 = re.search(r".{0,20}[\u0080-\u00ff].{0,20}", text)
    assert latin1 is None, latin1


def test_no_liquid_or_markdown_syntax_is_left_over(drafted):
    _, site = drafted
    for name, html in site.html.items():
        for leftover in ("{{", "{%", "relative_url", "{:toc}", "{#chart", "* content", "**"):
            assert leftover not in html, f"{name} still has {leftover!r}"


def test_no_markdown_escape_shows(drafted):
    _, site = drafted
    for name, html in site.html.items():
        shown = re.findall(r".{0,30}\\.{0,30}", Page(content(html)).text)
        assert shown == [], f"{name}: {shown}"


# ------------------------------------------------------------------ injection

# Names a bot, family or trigger might carry. Each must show literally on the built page.
CASES = {
    "liquid-output": "{{ site.title }}",
    "liquid-tag": "{% include x %}",
    "script": "<script>alert(1)</script>",
    "pipes": "a|b|c",
    "bold": "**bold**",
    "star": "*star*",
}
# Where the name sits: prose the drafting stage wrote around it, the chart's alt text, and
# the methodology footnotes, which writer.pipeline.footnotes builds from the registry.
PROSE = ("title", "lead", "highlight", "heading", "headline", "bullet", "bullet-start",
         "takeaway", "conclusion")
PLACES = PROSE + ("alt", "footnote-family", "footnote-bot", "footnote-excluded",
                  "footnote-trigger")
WEEKS = ("2025-01-06", "2025-01-13")

EXPECTED_FAILURES: dict[tuple[str, str], str] = {}  # every case passes; add (case, place) here to track a known bug


def _mark(case: str, place: str) -> str:
    return f"⟪{place}:{case}⟫"


def _end(case: str, place: str) -> str:
    return f"⟪/{place}:{case}⟫"


def _wrapped(case: str, place: str) -> str:
    return f"{_mark(case, place)} {CASES[case]} {_end(case, place)}"


def _write_injection_data(folder: Path) -> tuple[Path, Path]:
    """A tiny usage table and registry whose families, bots and triggers carry the cases."""
    models = [("Plain", "Plain", "Plain Lab", "false"), ("Helper", "Helper", "Platform", "true")]
    usage = []
    for i, name in enumerate(CASES.values()):
        models += [(name, name, f"Lab {i}", "false"), (f"{name} mini", name, f"Lab {i}", "false"),
                   (f"Own {name}", "Helper", "Platform", "true")]
        for week in WEEKS:
            usage += [(week, "text", name, 100 + 10 * i, "true", "user"),
                      (week, "text", name, 50, "false", "user"),
                      (week, "text", f"{name} mini", 20 + i, "false", "user"),
                      (week, "text", f"Own {name}", 30, "false", "user"),
                      (week, "image", name, 40 + i, "false", "user"),
                      (week, "image", name, 5, "false", f"{name} button")]
    for week in WEEKS:
        usage += [(week, "text", "Plain", 500, "false", "user"),
                   (week, "image", "Plain", 60, "false", "user")]
    data, registry = folder / "usage.csv", folder / "models.csv"
    with data.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["week", "category", "bot", "messages", "reasoning", "trigger"])
        w.writerows(usage)
    with registry.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["bot", "family", "provider", "excluded"])
        w.writerows(models)
    return data, registry


def _injection_footnotes(folder: Path) -> dict[str, tuple[str, ...]]:
    """The methodology notes writer.pipeline.footnotes writes for the injection data."""
    from writer import pipeline
    from writer.draft import Plan, SectionPlan
    from writer.load import load
    from writer.periods import parse_period, resolve_weeks
    from writer.shares import compute_shares

    dataset = load(*_write_injection_data(folder))
    weeks = resolve_weeks(parse_period(f"{WEEKS[0]}..2025-01-19"), dataset.mondays)
    shares = compute_shares(dataset, weeks)
    # findings and the ledger play no part in the footnotes
    analysis = pipeline.Analysis(dataset, weeks, shares, findings=None, ledger=None)
    plan = Plan(tuple(SectionPlan(chart, (), ()) for chart in shares.charts), (), ())
    return {lang: pipeline.footnotes(analysis, plan, lang, 10).items for lang in ("en", "zh")}


def _injection_text(lang: str, footnotes: tuple[str, ...]) -> dict:
    sections = {}
    for i, case in enumerate(CASES):
        sections[f"c{i}"] = (
            f"Section {_wrapped(case, 'heading')}",
            f"Headline {_wrapped(case, 'headline')}",
            (f"**12%** of messages went to {_wrapped(case, 'bullet')}, up **3 points**.",
             f"{CASES[case]} {_end(case, 'bullet-start')} led the week."),
            f"keep an eye on {_wrapped(case, 'takeaway')}.",
        )
    return {
        "title": "Trends: " + " ".join(_wrapped(c, "title") for c in CASES),
        "lead": "This week " + ", ".join(_wrapped(c, "lead") for c in CASES) + " moved.",
        "highlights": tuple(f"**Up**: {_wrapped(c, 'highlight')} grew." for c in CASES),
        "sections": sections,
        "conclusion": "In short, " + "; ".join(_wrapped(c, "conclusion") for c in CASES) + ".",
        "footnotes": footnotes,
        "names": tuple(n for c in CASES.values() for n in (c, f"{c} mini", f"Own {c}")),
        # The alt text states the chart's headline finding, which names families.
        "alt": {f"c{i}": f"Alt {_wrapped(case, 'alt')}" for i, case in enumerate(CASES)},
    }


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    need_tool("jekyll")
    root = tmp_path_factory.mktemp("injection")
    notes = _injection_footnotes(root)
    text = {lang: _injection_text(lang, notes[lang]) for lang in ("en", "zh")}
    write_sample_posts(root / "out", text=text, slug="injection", charts_with_share=())
    site = build_site(root / "out" / "_posts", root / "out" / "assets", root)
    return site, notes


def _where(html: str, place: str) -> str:
    """The part of the page a place's text lands in."""
    if place.startswith("footnote"):
        return html[html.index('class="footnotes"'):]
    if place == "title":
        return re.search(r"<h1.*?</h1>", html, re.S).group(0)
    return re.search(r'<div class="post-content">(.*?)<div class="footnotes"', html, re.S).group(1)


def _expected(case: str, place: str, lang: str) -> str:
    name = CASES[case]
    return {"footnote-family": f"{name}包括" if lang == "zh" else f"{name} includes",
            "footnote-bot": f"{name} mini",
            "footnote-excluded": f"Own {name}", "footnote-trigger": f"{name} button",
            "bullet-start": f"{name} {_end(case, place)}"}.get(place, _wrapped(case, place))


def _params():
    for case in CASES:
        for place in PLACES:
            for lang in ("en", "zh"):
                why = EXPECTED_FAILURES.get((case, place))
                marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
                yield pytest.param(case, place, lang, id=f"{case}-{place}-{lang}", marks=marks)


@pytest.mark.parametrize("case,place,lang", list(_params()))
def test_data_names_show_literally(injected, case, place, lang):
    site, _ = injected
    html = site.post(f"-{lang}.md")
    want = _expected(case, place, lang)
    if place == "alt":
        alts = [img.get("alt", "") for img in Page(html).find("img")]
        assert any(want in alt for alt in alts), alts
        return
    # The name, escaped as HTML text and unbroken by any tag: no element, table cell or
    # emphasis came out of it, no Markdown escape shows, and no Liquid ran.
    literal = _html_text(want)
    if place == "bullet-start":
        literal = "<li>" + literal
    region = _where(html, place)
    if place == "footnote-trigger":  # a trigger writer has no words for shows in quotes
        assert f"“{literal}”" in region, _near(region, "triggered by", "触发")
        return
    assert literal in region, _near(region, _mark(case, place), _end(case, place))


def _near(html: str, *markers: str) -> str:
    """The page around a case's markers, for the failure message."""
    for marker in markers:
        if marker in html:
            i = html.index(marker)
            return html[max(0, i - 80):i + 240]
    return html[:400]


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_injection_build_is_clean(injected):
    site, notes = injected
    assert site.trouble() == [], site.output
    for lang in ("en", "zh"):
        html = site.post(f"-{lang}.md")
        assert Page(html).find("script") == []  # no data made an element
        assert "Writer Test Blog" not in Page(_where(html, "lead")).text  # nor ran as Liquid
        assert len(notes[lang]) >= 4  # weeks, excluded bots, triggers, reasoning, families
