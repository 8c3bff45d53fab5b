"""Run `writer eval` against the replay fixture (issue 17): the real local HTTP server of the
tests (tests/fake_openai.py) answering with tests/replay/2025H1.json, what a careful model
writes for the current prompts.

    python bench/eval_replay.py                 # writes output/eval-replay/eval.md
    python bench/eval_replay.py --out DIR

Goal: 100% of parts verified on the first try and 0 dropped for parity.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import DATA, MODELS, clean_env  # noqa: E402
from fake_openai import FakeOpenAI  # noqa: E402
from replay_model import ReplayModel  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "output" / "eval-replay"))
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    server = FakeOpenAI(ReplayModel()).start()
    try:
        env = clean_env(PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                        OPENAI_API_KEY="replay")
        r = subprocess.run([sys.executable, "-m", "writer", "eval", "--period", "2025H1",
                            "--base-url", server.base_url, "--model", "replay",
                            "--runs", str(args.runs), "--data", str(DATA),
                            "--models", str(MODELS), "--out", args.out],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    finally:
        server.stop()
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    return r.returncode


if __name__ == "__main__":
    raise SystemExit(main())
