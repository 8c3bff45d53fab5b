"""Another platform's public top-9 rankings, in tokens: the post tells them truthfully.

The fixture (tests/topn_fixture.py) lists each week's 9 largest models plus an `Others`
row, with categories text, image and tools, no release dates, a model that spikes to first
place for one week and a leader that leaves the top 9. Drafted with `--platform Acme --unit
tokens`, neither post may speak of Poe, subscribers or messages anywhere (prose, chart
titles, axis labels, alt text, footnotes), no model may be said to launch or to fall to 0%,
and what `draft` wrote must pass `verify` as a pair.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import clean_env, run_writer
from topn_fixture import write

FORBIDDEN = re.compile(r"Poe|subscriber|订阅|messages|消息", re.IGNORECASE)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("topn")
    usage, models = write(folder / "data")
    out = folder / "out"
    args = ["--data", str(usage), "--models", str(models)]
    done = run_writer(["draft", "--period", "2025-09-01..2025-12-21", *args, "--out", str(out),
                       "--platform", "Acme", "--unit", "tokens"], cwd=folder, env=clean_env())
    assert done.returncode == 0, done.stderr
    posts = sorted((out / "_posts").glob("*.md"))
    assert [p.name[-6:] for p in posts] == ["-en.md", "-zh.md"]
    return {"folder": folder, "out": out, "args": args, "stderr": done.stderr,
            "en": posts[0].read_text(encoding="utf-8"), "zh": posts[1].read_text(encoding="utf-8"),
            "paths": posts}


def _bullet(post: str, name: str) -> str:
    lines = [line for line in post.splitlines() if line.startswith(f"- **{name}**")]
    assert lines, f"no bullet about {name}"
    return lines[0]


def test_the_pair_passes_verify(drafted):
    done = run_writer(["verify", *map(str, drafted["paths"]), *drafted["args"]],
                      cwd=drafted["folder"], env=clean_env())
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_word_of_poe_subscribers_or_messages_anywhere(drafted):
    for lang in ("en", "zh"):
        hit = FORBIDDEN.search(drafted[lang])
        assert hit is None, f"{lang}: {drafted[lang][max(0, hit.start() - 60):hit.end() + 60]!r}"
    # chart titles, subtitles, axis titles and descriptions, in every language's spec
    for spec in (drafted["out"] / "assets").rglob("*.vl.json"):
        text = json.dumps(json.loads(spec.read_text(encoding="utf-8")), ensure_ascii=False)
        hit = FORBIDDEN.search(text)
        assert hit is None, f"{spec.name}: {text[max(0, hit.start() - 60):hit.end() + 60]!r}"


def test_an_entry_into_the_top_nine_is_never_a_launch(drafted):
    en, zh = _bullet(drafted["en"], "Zephyr"), _bullet(drafted["zh"], "Zephyr")
    assert "entered the top 9 in mid-October" in en and "launch" not in en
    assert "10月中旬进入前9名" in zh and "上线" not in zh
    assert not re.search(r"launch", drafted["en"].split("## Conclusion")[0], re.IGNORECASE)


def test_a_leader_that_left_the_top_nine_dropped_out_and_never_fell_to_zero(drafted):
    en, zh = _bullet(drafted["en"], "Atlas-3"), _bullet(drafted["zh"], "Atlas-3")
    assert "in early November, it dropped out of the top 9" in en
    assert "11月上旬起，它跌出了前9名" in zh
    for post in (drafted["en"], drafted["zh"]):
        assert not re.search(r"(?<![\d.])0%", post), "a model below the cut-off was said to be at 0%"


def test_a_one_week_spike_to_first_place_is_told_with_that_weeks_value(drafted):
    en, zh = _bullet(drafted["en"], "Nova"), _bullet(drafted["zh"], "Nova")
    assert "spiked to **22%** of text tokens in the week of 17 November, first place that week" in en
    assert "11月17日这一周突然升至文本token用量的**22%**，当周排名第一" in zh


def test_the_post_says_once_that_the_data_is_a_top_nine_extract(drafted):
    for lang, phrase in (("en", "The data is a top-9 extract"), ("zh", "数据为榜单摘录")):
        post = drafted[lang]
        body, notes = post.split("[^1]:", 1)
        assert body.count(phrase) == 1  # the data note under the lead
        assert notes.count(phrase) == 1  # and the methodology footnotes


def test_a_category_without_words_of_its_own_gets_a_readable_title(drafted):
    assert "## 🧰 Tool use {#chart-tools}" in drafted["en"]
    assert "## 三、🧰 工具调用 {#chart-tools}" in drafted["zh"]
    assert "tool-use tokens" in drafted["en"] and "工具调用token用量" in drafted["zh"]
    for post in (drafted["en"], drafted["zh"]):
        assert "## tools" not in post and "tools消息" not in post


def test_the_title_names_the_dates_in_words(drafted):
    assert 'title: "1 September – 21 December 2025 AI model usage trends' in drafted["en"]
    assert 'title: "2025年9月1日至12月21日AI模型使用趋势报告' in drafted["zh"]


def test_first_for_n_weeks_counts_only_weeks_with_data(tmp_path):
    """A chart with no rows for most weeks: "first every week" means the weeks it has data."""
    usage, models = write(tmp_path / "data")
    lines = usage.read_text(encoding="utf-8").splitlines()
    keep = [lines[0]] + [line for line in lines[1:] if not line.split(",")[1] == "tools"
                         or line.split(",")[0] >= "2025-11-24"]
    usage.write_text("\n".join(keep) + "\n", encoding="utf-8")
    done = run_writer(["findings", "--period", "2025-09-01..2025-12-21", "--data", str(usage),
                       "--models", str(models), "--format", "json", "--chart", "tools",
                       "--unit", "tokens", "--platform", "Acme"], cwd=tmp_path, env=clean_env())
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["findings"]
    led = [f["facts"]["weeks_led"]["value"] for f in found if "weeks_led" in f["facts"]]
    assert led and max(led) <= 4  # the tools chart has 4 weeks of data


def test_display_names_are_used_in_the_chinese_post_and_verify_accepts_them(tmp_path):
    usage, models = write(tmp_path / "data")
    reg = models.read_text(encoding="utf-8").splitlines()
    reg[0] += ",family_zh,provider_zh"
    reg = [reg[0]] + [line + (",北风,北风科技" if line.split(",")[2] == "Northwind" else ",,")
                      for line in reg[1:]]
    models.write_text("\n".join(reg) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["--data", str(usage), "--models", str(models)]
    done = run_writer(["draft", "--period", "2025-09-01..2025-12-21", *args, "--out", str(out),
                       "--unit", "tokens", "--platform", "Acme", "--lang", "en,zh"],
                      cwd=tmp_path, env=clean_env())
    assert done.returncode == 0, done.stderr
    en, zh = sorted((out / "_posts").glob("*.md"))
    zh_text = zh.read_text(encoding="utf-8")
    assert "北风科技" in zh_text and "Northwind" not in zh_text.split("---", 2)[2]
    assert "Northwind" in en.read_text(encoding="utf-8")
    # an editor's hand-written sentence with the Chinese name is checked like the original
    edited = zh_text.replace("## 结语", "北风科技期末占工具调用token用量的90%。\n\n## 结语")
    zh.write_text(edited, encoding="utf-8")
    done = run_writer(["verify", str(zh), *args, "--unit", "tokens"], cwd=tmp_path,
                      env=clean_env())
    assert done.returncode == 1 and "90%" in done.stdout and "Northwind" in done.stdout
