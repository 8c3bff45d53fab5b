"""Benchmark verification: a 3,000-word bilingual post checked against its ledger.

The post is assembled from the findings' own English and Chinese sentences on the sample
data (data/usage.csv, data/models.csv, 2025H1), laid out like a real post: front matter,
a lead, chart sections with `{#chart-<chart>}` headings, bullets with bold figures, image
alt text and footnotes. Sections are repeated until the English post has at least
--words words; the Chinese post carries the same sentences. Building the ledger is timed
on its own; the headline is verify_markdown() on both posts.

A second case stresses the size of the data: the ledger of the findings benchmark's
synthetic platform (10 years of weeks × 500 bots, every bot its own family), and a post
of its findings' sentences.

    python bench/verify.py             # 7 runs, writes bench/results/verify.md
    python bench/verify.py --runs 5 --words 1000 --no-large   # a quick smoke run

The goal (issue 5) is a median under 1 s for the bilingual 3,000-word post.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from writer.findings import find
from writer.ledger import build_ledger
from writer.load import load
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares
from writer.verify import verify_markdown

RESULTS = ROOT / "bench" / "results" / "verify.md"
GOAL_SECONDS = 1.0
TITLES = {"text": ("💬 Text models", "💬 文本模型"), "reasoning": ("🧠 Reasoning models", "🧠 推理模型"),
          "image": ("🖼️ Image generation", "🖼️ 图像生成"), "video": ("🎞️ Video generation", "🎞️ 视频生成"),
          "audio": ("🔊 Audio generation", "🔊 音频生成")}


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9%.\-]+", text))


def post(findings, lang: str, min_words: int, period: str) -> str:
    """A Jekyll post made of the findings' sentences, in chart sections, with findings
    repeated (a second round of sections) until the English text has min_words words."""
    facts = sorted({x.id for f in findings.findings for x in f.facts.values()})
    head = (f"---\nlayout: post\ntitle: \"Usage trends {period}\"\nlang: {lang}\n"
            f"period: {period}\nfacts: [{', '.join(facts)}]\n---\n"
            "* content\n{:toc}\n\n")
    order = list(findings.findings)
    chosen, total, rounds = [], 0, 0
    while total < min_words:
        rounds += 1
        for f in order:
            chosen.append((rounds, f))
            total += words(f.text["en"]) + 3  # and its share of headings, alt text, takeaways
            if total >= min_words:
                break
    body: list[str] = []
    for r in range(1, rounds + 1):
        for chart in dict.fromkeys(f.chart for rr, f in chosen if rr == r):
            own = [f for rr, f in chosen if rr == r and f.chart == chart]
            title = TITLES.get(chart, (chart, chart))[lang == "zh"]
            # no round number in the heading: "Reasoning models (3)" would be a claim
            body.append(f"## {title} {{#chart-{chart}}}\n")
            body.append(f"![{own[0].text[lang]}](/assets/{chart}-{r}.svg)\n")
            for f in own:
                text = f.text[lang]
                first, _, rest = text.partition(" ")
                body.append(f"- **{first}** {rest}" if lang == "en" else f"- {text}")
            body.append("\n📌 **Takeaway:** see the chart above [1].\n" if lang == "en" else
                        "\n📌 **总结**：见上图 [1]。\n")
    return head + "\n".join(body) + "\n\n[1]: https://poe.com/ 2025-06-05\n"


def timed(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def case(shares, registry, label: str, min_words: int, runs: int) -> dict:
    t0 = time.perf_counter()
    findings = find(shares, registry)
    t_find = time.perf_counter() - t0
    t_ledger, _ = timed(lambda: build_ledger(shares, findings, registry), 3)
    ledger = build_ledger(shares, findings, registry)
    en = post(findings, "en", min_words, label)
    zh = post(findings, "zh", min_words, label)
    r_en = verify_markdown(en, "en", ledger, file="en.md")
    r_zh = verify_markdown(zh, "zh", ledger, file="zh.md")
    issues = list(r_en.issues) + list(r_zh.issues)

    def both():
        verify_markdown(en, "en", ledger)
        verify_markdown(zh, "zh", ledger)

    median, times = timed(both, runs)
    return {"label": label, "findings": len(findings), "facts": len(ledger.facts),
            "names": len(ledger.names), "en_words": words(en), "zh_chars": len(zh),
            "mentions": r_en.mentions_checked + r_zh.mentions_checked,
            "issues": issues, "median": median, "times": times, "ledger": t_ledger,
            "find": t_find}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--no-large", action="store_true",
                        help="skip the 520-week × 500-bot case")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 (the median of fewer runs is noise)")

    data = load(ROOT / "data" / "usage.csv", ROOT / "data" / "models.csv")
    weeks = resolve_weeks(parse_period("2025H1"), data.mondays)
    results = [case(compute_shares(data, weeks), data.registry, "2025H1", args.words,
                    args.runs)]
    if not args.no_large:
        from findings import synthetic  # bench/findings.py

        big, big_weeks = synthetic(520, 500)
        results.append(case(compute_shares(big, big_weeks), big.registry, "bench",
                            args.words, args.runs))

    for r in results:
        verdict = "meets" if r["median"] < GOAL_SECONDS else "MISSES"
        print(f"{r['label']}: verify EN+ZH ({r['en_words']} EN words, {r['mentions']} numbers) "
              f"median {r['median']:.3f} s over {args.runs} runs; ledger {r['ledger']:.3f} s; "
              f"{len(r['issues'])} issues; {verdict} the {GOAL_SECONDS:g} s goal")
        for i in r["issues"][:5]:
            print("  ", i.render())

    import numpy as np
    import pandas as pd

    main_case = results[0]
    lines = [
        "# Verification benchmark\n",
        (f"`python bench/verify.py --runs {args.runs} --words {args.words}`, "
         f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}\n"),
        "| what | sample data, 2025H1 | " + (
            "synthetic, 520 weeks × 500 bots |" if len(results) > 1 else ""),
        "|---|---|" + ("---|" if len(results) > 1 else ""),
    ]

    def row(name, fn):
        lines.append(f"| {name} | " + " | ".join(fn(r) for r in results) + " |")

    row("post", lambda r: f"EN {r['en_words']:,} words, ZH {r['zh_chars']:,} characters")
    row("numbers checked (EN + ZH)", lambda r: f"{r['mentions']:,}")
    row("ledger", lambda r: f"{r['facts']:,} facts, {r['names']:,} names; "
                            f"{r['findings']} findings")
    row("**verify EN + ZH, median**",
        lambda r: f"**{r['median']:.3f} s** ({args.runs} runs; min {min(r['times']):.3f}, "
                  f"max {max(r['times']):.3f})")
    row("goal < 1 s", lambda r: "meets" if r["median"] < GOAL_SECONDS else "MISSES")
    row("issues found (must be 0)", lambda r: str(len(r["issues"])))
    row("build_ledger, median of 3 (not in the median above)", lambda r: f"{r['ledger']:.3f} s")
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines.append(
        f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}; "
        f"load average {load1:.1f} when it ran (other jobs share the machine, so the times "
        "are an upper bound).\n")
    lines.append(
        "The headline is the first column: verifying both posts of a 3,000-word bilingual "
        f"draft takes {main_case['median']:.2f} s. `python -m writer verify` also loads the "
        "data and computes the shares and findings; those stages have their own benchmarks.\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    return 0 if all(r["median"] < GOAL_SECONDS and not r["issues"] for r in results[:1]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
