"""Time `python -m writer draft --period 2025H1` (offline) end to end, as a user runs it.

Usage: python bench/draft.py [--runs 5] [--again]. Prints the median and each run, and peak
RSS. Each run is a fresh process writing into a fresh folder, so start-up is included. With
--again, each run is a second draft (--force) into a folder drafted once before, as a user
re-drafts: the chart renderings then come from <out>/.cache/charts.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--period", default="2025H1")
    parser.add_argument("--again", action="store_true",
                        help="time a re-draft (--force) into an already drafted folder")
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as out:
            cmd = [sys.executable, "-m", "writer", "draft", "--period", args.period,
                   "--out", out]
            if args.again:
                subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
                cmd.append("--force")
            start = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    what = "re-draft" if args.again else "draft"
    print(f"{what} {args.period} offline, {args.runs} runs: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}); peak RSS {rss_mb:.0f} MB")
    print("runs: " + ", ".join(f"{t:.2f}" for t in times))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
