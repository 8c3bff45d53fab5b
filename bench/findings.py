"""Benchmark `writer.findings.find` on synthetic data: 10 years of weeks × 500 bots.

The data is a seeded synthetic platform, built once and not timed: 500 bots, each its own
family (the worst case for per-family detectors), from 40 providers with predecessor
chains, over 520 weeks and four categories plus the reasoning subset of text. Bots launch
at random weeks, trend, plateau, fade or vanish, with weekly noise and the odd one-week
spike. Every 10th bot is tagged hybrid-reasoning and every 7th open-weights, so each chart
also has two tag groups. The shares are computed once with the share engine; then find()
is timed.

    python bench/findings.py              # 7 runs, writes bench/results/findings.md
    python bench/findings.py --runs 5 --weeks 104 --bots 100   # a smaller smoke run

The goal (issue 3) is a median under 5 s on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from writer.findings import find
from writer.load import Bot, Dataset, Family, Registry
from writer.periods import Period, Weeks
from writer.shares import compute_shares

RESULTS = ROOT / "bench" / "results" / "findings.md"
SEED = 20250605
GOAL_SECONDS = 5.0
CATEGORIES = {"text": 0.5, "image": 0.2, "video": 0.15, "audio": 0.15}  # share of the bots


def synthetic(weeks: int, bots: int, seed: int = SEED) -> tuple[Dataset, Weeks]:
    """A Dataset of `bots` bots over `weeks` weeks, every bot its own family."""
    rng = np.random.default_rng(seed)
    first = date(2016, 1, 4)
    mondays = tuple(first + timedelta(weeks=i) for i in range(weeks))
    names = [f"bot-{i:03d}" for i in range(bots)]
    cats = rng.choice(list(CATEGORIES), size=bots, p=list(CATEGORIES.values()))
    providers = [f"Lab-{i % 40:02d}" for i in range(bots)]
    t = np.arange(weeks)
    frames = []
    bot_rows, fam_rows = {}, {}
    last_of_provider: dict[tuple[str, str], str] = {}
    for i, name in enumerate(names):
        launch = int(rng.integers(-weeks // 4, weeks - 2))  # negative: there from the start
        life = int(rng.integers(8, weeks))
        peak = float(rng.lognormal(0.0, 1.2))
        shape = np.clip((t - launch) / max(4, rng.integers(2, 30)), 0, 1)  # ramp up
        fade = np.clip(1 - (t - launch - life) / max(4, rng.integers(4, 60)), 0, 1)  # fade out
        level = peak * shape * fade * (1 + 0.3 * np.sin(t / rng.uniform(20, 80)))
        level *= 1 + rng.normal(0, 0.05, weeks)  # weekly noise
        spikes = rng.random(weeks) < 0.01
        level[spikes] *= rng.uniform(2, 4, spikes.sum())
        messages = np.rint(np.clip(level, 0, None) * 1e4).astype("int64")
        live = messages > 0
        if not live.any():
            messages[-1], live[-1] = 1, True
        frames.append(pd.DataFrame({
            "week": pd.to_datetime([mondays[k] for k in np.flatnonzero(live)]),
            "category": cats[i], "bot": name, "messages": messages[live],
            "reasoning": False, "trigger": "user"}))
        if cats[i] == "text" and rng.random() < 0.3:  # a reasoning bot: most of it reasons
            frames[-1] = frames[-1].assign(messages=frames[-1]["messages"] // 3)
            frames.append(frames[-1].assign(reasoning=True, messages=frames[-1]["messages"] * 2))
        key = (providers[i], str(cats[i]))
        released = mondays[max(launch, 0)] + timedelta(days=2)
        fam_rows[name] = Family(name, providers[i], released, last_of_provider.get(key),
                                (name,))
        last_of_provider[key] = name
        # registry tags, so the tag-group detectors run too: two tags across many families
        tags = tuple(t for t, every in (("hybrid-reasoning", 10), ("open-weights", 7))
                     if i % every == 0)
        bot_rows[name] = Bot(name, name, providers[i], tags=tags)
    usage = pd.concat(frames, ignore_index=True)
    registry = Registry(MappingProxyType(bot_rows), MappingProxyType(fam_rows))
    dataset = Dataset(usage, registry, "synthetic", None, "0" * 64)
    period = Period("bench", mondays[0], mondays[-1] + timedelta(days=6))
    return dataset, Weeks("bench", period, mondays)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weeks", type=int, default=520)
    parser.add_argument("--bots", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS,
                        help=f"where to write the results (default {RESULTS.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 (the median of fewer runs is noise)")

    t0 = time.perf_counter()
    dataset, weeks = synthetic(args.weeks, args.bots)
    shares = compute_shares(dataset, weeks)
    setup = time.perf_counter() - t0
    sizes = {c: len(t.entities) for c, t in shares.tables.items()}
    groups = len(shares.groups)
    times, count = [], 0
    for _ in range(args.runs):
        t1 = time.perf_counter()
        findings = find(shares, dataset.registry)
        times.append(time.perf_counter() - t1)
        count = len(findings)
    median = statistics.median(times)
    verdict = "meets" if median < GOAL_SECONDS else "MISSES"
    print(f"find(): median {median:.3f} s over {args.runs} runs "
          f"(min {min(times):.3f}, max {max(times):.3f}); {count} findings; "
          f"{verdict} the {GOAL_SECONDS:g} s goal")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "# Findings benchmark\n\n"
        f"`python bench/findings.py --weeks {args.weeks} --bots {args.bots} --runs {args.runs}`"
        f", {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}\n\n"
        "| what | value |\n|---|---|\n"
        f"| data | {args.weeks} weeks × {args.bots} bots (each its own family), seed {SEED} |\n"
        f"| entities per chart | {', '.join(f'{c} {n}' for c, n in sizes.items())} |\n"
        f"| tag groups | {groups} (two tags, in every chart they have messages in) |\n"
        f"| findings | {count} |\n"
        f"| find() median | **{median:.3f} s** ({args.runs} runs; min {min(times):.3f}, "
        f"max {max(times):.3f}) |\n"
        f"| goal | < {GOAL_SECONDS:g} s: {verdict} |\n"
        f"| setup (data + shares, not timed) | {setup:.1f} s |\n"
        f"| machine | {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__} |\n",
        encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
