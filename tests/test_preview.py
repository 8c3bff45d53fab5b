"""`writer preview`: a post as standalone HTML through the `markdown` package, no Jekyll."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

import pytest
from site_build import SAMPLE_TEXT, Page, write_sample_posts

from writer.cli import main
from writer.errors import InputError
from writer.preview import render_preview, split_front_matter, write_preview


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample_posts(tmp_path_factory.mktemp("preview") / "out")


@pytest.fixture(scope="module")
def previews(sample):
    return {lang: write_preview(path) for lang, path in sample.posts.items()}


def test_default_output_is_beside_the_post(sample, previews):
    for lang, post in sample.posts.items():
        assert previews[lang] == post.with_suffix(".html")
        assert previews[lang].is_file()
    leftovers = [p.name for p in sample.posts["en"].parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # the temp file of the atomic write is gone


def test_page_has_charset_lang_title_and_date(sample, previews):
    for lang, path in previews.items():
        html = path.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>")
        assert '<meta charset="utf-8">' in html
        assert f'<html lang="{lang}">' in html
        title = SAMPLE_TEXT[lang]["title"]
        assert f"<title>{title}</title>" in html and f"<h1>{title}</h1>" in html
        assert '<time datetime="2025-06-02T12:00:00+08:00">2025-06-02</time>' in html
        assert "Noto Sans CJK SC" in html  # the CSS names a CJK font


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_of_contents_replaces_kramdowns_marker(previews, lang):
    html = previews[lang].read_text(encoding="utf-8")
    assert "{:toc}" not in html and "* content" not in html and "[TOC]" not in html
    toc = re.search(r'<div class="toc">(.*?)</div>', html, re.S).group(1)
    heading_ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert re.findall(r'href="#([^"]+)"', toc) == heading_ids
    for chart in SAMPLE_TEXT[lang]["sections"]:
        assert f'<h2 id="chart-{chart}">' in html  # kramdown's {#id} became the id
    assert "{#" not in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_footnotes_render(sample, previews, lang):
    html = previews[lang].read_text(encoding="utf-8")
    notes = sample.footnotes[lang]
    block = html[html.index('<div class="footnote">'):]
    for i, note in enumerate(notes, start=1):
        assert f'href="#fn:{i}"' in html and f'<li id="fn:{i}">' in block
        assert note.replace("**", "") in unescape(re.sub(r"<[^>]+>", "", block))
    assert "[^" not in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_image_paths_resolve_to_the_chart_files(sample, previews, lang):
    html = previews[lang].read_text(encoding="utf-8")
    srcs = [img["src"] for img in Page(html).find("img")]
    assert len(srcs) == len(sample.images[lang])
    for src, written in zip(srcs, sample.images[lang]):
        assert not src.startswith("/") and "relative_url" not in src
        target = (previews[lang].parent / unquote(src)).resolve()
        assert target == (sample.out / written.lstrip("/")).resolve()
        assert target.is_file()


def test_out_elsewhere_keeps_image_paths_working(sample, tmp_path):
    out = write_preview(sample.posts["zh"], tmp_path / "elsewhere" / "deep" / "zh.html")
    assert out == tmp_path / "elsewhere" / "deep" / "zh.html"
    srcs = [img["src"] for img in Page(out.read_text(encoding="utf-8")).find("img")]
    assert srcs and all((out.parent / unquote(s)).is_file() for s in srcs)


def test_chinese_headings_and_text_are_intact(previews):
    html = previews["zh"].read_text(encoding="utf-8")
    words = SAMPLE_TEXT["zh"]
    h2 = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert h2 == ["报告要点"] + [f"{'一二三四五'[i]}、{heading}" for i, (heading, *_)
                                  in enumerate(words["sections"].values())] + ["结语", "方法说明"]
    text = Page(html).text
    for s in [words["lead"], *words["highlights"], words["conclusion"]]:
        assert s.replace("**", "") in text
    for _, headline, bullets, takeaway in words["sections"].values():
        for s in (headline, *bullets, f"总结：{takeaway}"):
            assert s.replace("**", "") in text
    assert "\ufffd" not in html


def test_liquid_escapes_and_data_show_literally(tmp_path):
    post = tmp_path / "_posts" / "2025-06-02-x-en.md"
    post.parent.mkdir()
    post.write_text(
        '---\ntitle: "A {{ b }} <c>"\nlang: en\ndate: 2025-06-02 12:00:00 +0800\n---\n'
        'Names: {{ "{{" }} site.title }}, {{ "{%" }} include x %}, &lt;script&gt;alert(1)'
        "&lt;/script&gt;, a\\|b\\|c, \\*\\*bold\\*\\*, {% raw %}{{ kept }}{% endraw %}.\n",
        encoding="utf-8")
    html = write_preview(post).read_text(encoding="utf-8")
    page = Page(html)
    assert ("Names: {{ site.title }}, {% include x %}, <script>alert(1)</script>, a|b|c, "
            "**bold**, {{ kept }}.") in page.text
    assert page.find("script") == [] and page.find("table") == [] and page.find("strong") == []
    assert "<h1>A {{ b }} &lt;c&gt;</h1>" in html  # the title is text too


def test_a_hand_written_post_without_front_matter(tmp_path):
    post = tmp_path / "note.md"
    post.write_text("# 标题\n\n![图](/assets/x/y.svg)\n", encoding="utf-8")
    html = render_preview(post.read_text(encoding="utf-8"), post=post, out=tmp_path / "n.html")
    assert '<html lang="en">' in html and "<title>note</title>" in html
    assert 'src="assets/x/y.svg"' in html  # outside _posts, the post's folder is the site


def test_windows_line_endings(tmp_path):
    post = tmp_path / "w.md"
    post.write_bytes('---\r\ntitle: "视窗"\r\nlang: zh\r\n---\r\n正文 **粗**\r\n'.encode())
    html = write_preview(post).read_text(encoding="utf-8")
    assert '<html lang="zh">' in html and "<h1>视窗</h1>" in html
    assert "<p>正文 <strong>粗</strong></p>" in html and "---" not in html


def test_front_matter_values_are_unquoted():
    text = '---\ntitle: "引号 \\"x\\""\nicon: web\nq: \'it\'\'s\'\n---\nB\n'
    front, body = split_front_matter(text)
    assert front == {"title": '引号 "x"', "icon": "web", "q": "it's"}
    assert body == "B\n"


def test_missing_post_is_an_input_error(tmp_path):
    missing = tmp_path / "_posts" / "nope.md"
    with pytest.raises(InputError) as err:
        write_preview(missing)
    problem = err.value.problems[0]
    assert problem.file == str(missing) and problem.fix
    assert not (tmp_path / "_posts").exists()  # nothing was written


def test_a_folder_or_non_utf8_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="folder"):
        write_preview(tmp_path)
    bad = tmp_path / "latin1.md"
    bad.write_bytes("café".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8") as err:
        write_preview(bad)
    assert "save the post as UTF-8" in err.value.render()


def test_cli_writes_the_preview_and_prints_its_path(sample, tmp_path, capsys):
    out = tmp_path / "p.html"
    assert main(["preview", str(sample.posts["en"]), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    assert out.is_file()


def test_cli_missing_post_exits_2_with_the_fix(tmp_path, capsys):
    missing = tmp_path / "nope.md"
    assert main(["preview", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"error: {missing}: there is no such post. Fix: give the path of a post written by "
        "`writer draft`, e.g. output/_posts/2025-06-02-…-en.md\n")
