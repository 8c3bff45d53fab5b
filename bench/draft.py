"""Time an offline `python -m writer draft --period 2025H1` against the bare import of its
libraries, in the same run, as a user runs it.

Usage: python bench/draft.py [--runs 5] [--period 2025H1] [--profile] [--tree PATH]

--tree times another checkout of writer (e.g. main) under the same conditions.

Each round runs, one after the other (interleaved, so all three see the same machine load):
  import    python -c "import pandas, altair, vl_convert, jinja2"   (the floor: start-up)
  cold      draft --no-cache into a fresh folder                      (every chart rendered)
  re-draft  draft --force into a folder drafted once before           (charts from the cache)
Each is a fresh process. Prints the median, min and max of each, the median CPU time (user +
system, helper processes included: less sensitive than wall time to a busy machine), the
cold/import ratio and the load average at the end.
--profile also writes a cProfile of one cold draft to bench/results/draft.prof and prints
its top entries.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT = [sys.executable, "-c", "import pandas, altair, vl_convert, jinja2"]


CPU: dict[str, list[float]] = {}  # user + system seconds of each run, helpers included


def _timed(cmd: list[str], cwd: Path, name: str = "") -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(cwd)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(name, []).append(after.ru_utime - before.ru_utime
                                    + after.ru_stime - before.ru_stime)
    return wall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--period", default="2025H1")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout to time (default: this)")
    args = parser.parse_args()
    root = args.tree.resolve()
    draft = [sys.executable, "-m", "writer", "draft", "--period", args.period]
    times: dict[str, list[float]] = {"import": [], "cold": [], "re-draft": []}
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm"
        _timed([*draft, "--out", str(warm)], root)
        for i in range(args.runs):
            times["import"].append(_timed(IMPORT, root, "import"))
            times["cold"].append(_timed([*draft, "--no-cache", "--out", f"{tmp}/cold{i}"], root,
                                        "cold"))
            times["re-draft"].append(_timed([*draft, "--force", "--out", str(warm)], root,
                                            "re-draft"))
        if args.profile:
            out = ROOT / "bench" / "results" / "draft.prof"
            out.parent.mkdir(exist_ok=True)
            subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), *draft[1:],
                            "--no-cache", "--out", f"{tmp}/prof"], cwd=root, check=True,
                           capture_output=True, env={**os.environ, "PYTHONPATH": str(root)})
            import pstats

            pstats.Stats(str(out)).sort_stats("cumulative").print_stats(25)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"offline draft of {args.period} ({root}), {args.runs} runs each, medians (min-max):")
    for name, values in times.items():
        print(f"  {name:9s} {med[name]:.2f} s ({min(values):.2f}-{max(values):.2f})  runs: "
              + ", ".join(f"{t:.2f}" for t in values)
              + f"  | CPU {statistics.median(CPU[name]):.2f} s")
    print(f"  cold / import = {med['cold'] / med['import']:.1f}x; load average now "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
