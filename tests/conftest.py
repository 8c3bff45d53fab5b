"""Shared fixtures: the fake OpenAI server, the sample period's drafting context, snapshots.

Snapshots (golden files under tests/snapshots/) are refreshed with

    python -m pytest tests/test_prompt_snapshots.py --update-snapshots

or with the environment variable UPDATE_SNAPSHOTS=1. Without it, a mismatch fails with a
unified diff of the golden file against what the code produces now.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from fake_openai import fake_openai  # noqa: F401  (re-exported: the fixture every test can use)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "usage.csv"
MODELS = ROOT / "data" / "models.csv"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def pytest_addoption(parser):
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="rewrite the golden files under tests/snapshots/ instead of comparing")


# --------------------------------------------------------------------------------------------
# Snapshots
# --------------------------------------------------------------------------------------------


class Snapshots:
    def __init__(self, update: bool, directory: Path = SNAPSHOTS):
        self.update = update
        self.directory = directory

    def check(self, name: str, actual: str) -> None:
        """Compare `actual` with tests/snapshots/<name>; fail with a unified diff."""
        path = self.directory / name
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not path.exists():
            pytest.fail(f"no golden file {shown}; create it with "
                        "`python -m pytest tests/test_prompt_snapshots.py --update-snapshots`",
                        pytrace=False)
        expected = path.read_text(encoding="utf-8")
        if expected != actual:
            diff = "".join(difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                fromfile=f"{shown} (golden)", tofile=f"{name} (now)"))
            pytest.fail(f"{name} differs from its golden file. If the change is intended, "
                        "refresh with `python -m pytest tests/test_prompt_snapshots.py "
                        f"--update-snapshots`.\n{diff}", pytrace=False)


@pytest.fixture
def snapshot(request) -> Snapshots:
    update = request.config.getoption("--update-snapshots") or \
        os.environ.get("UPDATE_SNAPSHOTS", "") not in ("", "0")
    return Snapshots(update)


# --------------------------------------------------------------------------------------------
# The sample period, analysed once per session
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    dataset: object
    weeks: object
    analysis: object
    plan: object
    ctx: object
    prompts: object


def build_sample(data: Path = DATA, models: Path | None = MODELS, period: str = "2025H1") -> Sample:
    """What pipeline.draft computes before it drafts: analysis, plan and drafting context."""
    from writer import pipeline
    from writer.draft import make_plan
    from writer.load import load
    from writer.periods import parse_period, resolve_weeks
    from writer.prompts import load_prompts

    dataset = load(str(data), str(models) if models else None)
    weeks = resolve_weeks(parse_period(period), dataset.mondays)
    a = pipeline.analyse(dataset, weeks)
    plan = make_plan(a.findings, a.shares.charts)
    ctx = pipeline.context(a, plan)
    return Sample(dataset, weeks, a, plan, ctx, load_prompts(None))


@pytest.fixture(scope="session")
def sample() -> Sample:
    return build_sample()


# --------------------------------------------------------------------------------------------
# The CLI in a subprocess
# --------------------------------------------------------------------------------------------


def clean_env(**extra: str) -> dict[str, str]:
    """os.environ without any LLM setting or key of the developer's, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("WRITER_", "OPENAI_", "POE_")) and k != "UPDATE_SNAPSHOTS"}
    env.update(extra)
    return env


def run_writer(args: list[str], cwd: Path, env: dict[str, str] | None = None,
               timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "writer", *args], cwd=cwd,
                          env=env if env is not None else clean_env(),
                          capture_output=True, text=True, timeout=timeout)


def draft_args(out: Path, *more: str) -> list[str]:
    return ["draft", "--period", "2025H1", "--data", str(DATA), "--models", str(MODELS),
            "--out", str(out), *more]


@pytest.fixture(scope="session")
def offline_runs(tmp_path_factory) -> tuple[Path, Path]:
    """Two offline drafts of the sample period into two folders, run side by side."""
    folders = [tmp_path_factory.mktemp(f"offline{i}") for i in (1, 2)]
    procs = [subprocess.Popen([sys.executable, "-m", "writer", *draft_args(f / "out")], cwd=f,
                              env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
             for f in folders]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    return folders[0] / "out", folders[1] / "out"
