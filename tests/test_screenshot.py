"""The built Chinese post in headless Chromium: its rendered text, its images, a screenshot.

The site from test_jekyll's build of the drafted sample posts is served over http.server on
127.0.0.1 under its baseurl. Chromium dumps the DOM it rendered (the assertions read text,
not pixels) and saves a screenshot to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_build import (
    ARTIFACTS,
    Page,
    drafted_site,
    front_matter,
    markdown_headings,
    markdown_images,
    markdown_texts,
    need_tool,
)

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--hide-scrollbars"]
DESKTOP, PHONE = (1200, 3000), (390, 3000)  # a laptop browser and a phone held upright
TIMEOUT = 90  # seconds per Chromium run; a run takes a second or two


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves _site under the site's baseurl and notes every request and its status."""

    baseurl = ""
    log: list[tuple[str, int]]

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.baseurl + "/"):
            return str(Path(self.directory) / "__outside_the_baseurl__")
        return super().translate_path(path[len(self.baseurl):])

    def log_request(self, code="-", size="-"):
        self.log.append((unquote(urlsplit(self.path).path), int(code)))

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(the drafted posts, their build, the server's root URL, the request log)."""
    posts, site = drafted_site(tmp_path_factory)
    log: list[tuple[str, int]] = []
    handler = functools.partial(
        type("Handler", (_Handler,), {"baseurl": site.baseurl, "log": log}),
        directory=str(site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield posts, site, f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def chromium(args: list[str], profile: Path, window: tuple[int, int] = DESKTOP
             ) -> subprocess.CompletedProcess:
    binary = need_tool("chromium", "/usr/bin/chromium")
    cmd = [binary, *CHROMIUM_FLAGS, f"--window-size={window[0]},{window[1]}",
           f"--user-data-dir={profile}", *args]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium took longer than {TIMEOUT}s: {' '.join(cmd)}")


@pytest.fixture(scope="module")
def zh_page(served, tmp_path_factory):
    """(the DOM Chromium rendered for the zh post, its image requests, the screenshot path)."""
    posts, site, root, log = served
    url = root + site.urls[posts.posts["zh"].name]
    profile = tmp_path_factory.mktemp("chromium-profile")
    started = time.monotonic()
    dom = chromium(["--virtual-time-budget=5000", "--dump-dom", url], profile)
    dump_seconds = time.monotonic() - started
    assert dom.returncode == 0, dom.stderr[-3000:]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "zh-post.png"
    shot.unlink(missing_ok=True)
    started = time.monotonic()
    run = chromium([f"--screenshot={shot}", "--virtual-time-budget=5000", url], profile)
    shot_seconds = time.monotonic() - started
    assert run.returncode == 0, run.stderr[-3000:]
    phone = ARTIFACTS / "zh-post-390.png"
    phone.unlink(missing_ok=True)
    run = chromium([f"--screenshot={phone}", "--virtual-time-budget=5000", url], profile, PHONE)
    assert run.returncode == 0, run.stderr[-3000:]
    (ARTIFACTS / "chromium.log").write_text(
        f"{url}\ndump-dom: {dump_seconds:.2f}s\nscreenshot: {shot_seconds:.2f}s\n",
        encoding="utf-8")
    return dom.stdout, list(log), shot


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_screenshots_are_saved_for_a_laptop_and_a_phone(zh_page):
    _, _, shot = zh_page
    assert _png_size(shot) == DESKTOP
    assert _png_size(shot.with_name("zh-post-390.png")) == PHONE


def test_rendered_page_shows_the_chinese_headings_and_text(zh_page, served):
    dom, _, _ = zh_page
    posts = served[0]
    post = posts.posts["zh"].read_text(encoding="utf-8")
    page = Page(dom)
    assert re.search(r'<html[^>]*lang="zh"', dom)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", dom, re.S).group(1)
    assert h1 == front_matter(post)["title"]
    h2 = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", dom, re.S)]
    assert h2 == markdown_headings(post)
    assert h2[0] == "报告要点" and h2[1] == "一、💬 文本模型（聊天、写作、编程助手）"
    for line in markdown_texts(post):
        assert line in page.text, line
    assert page.find("ul", id="markdown-toc")
    assert page.find("div", class_="footnotes")


def test_every_image_loads(zh_page, served):
    dom, requests, _ = zh_page
    posts, site, _, _ = served
    srcs = [img["src"] for img in Page(dom).find("img")]
    written = markdown_images(posts.posts["zh"].read_text(encoding="utf-8"))
    assert srcs == [site.baseurl + u for u in written] and srcs
    served_ok = {path for path, status in requests if status == 200}
    for src in srcs:
        assert site.file_for(src) is not None, f"{src} is not in _site"
        assert src in served_ok, f"Chromium did not load {src}: {requests}"
    assert not [r for r in requests if r[1] >= 400 and not r[0].endswith("favicon.ico")]


def test_artifacts_are_ignored_by_git():
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    repo = Path(__file__).resolve().parent.parent
    check = subprocess.run([git, "check-ignore", "-q", "tests/artifacts/zh-post.png"], cwd=repo,
                           check=False)
    assert check.returncode == 0, "tests/artifacts/ must be git-ignored"
