"""The wheel: built from a copy of the repository, installed into a fresh virtualenv outside it,
and run from an empty folder. It must find its own templates and the sample it ships.

The virtualenv sees the shared interpreter's site-packages (--system-site-packages) for the
third-party dependencies, because this machine reaches package registries only; the wheel itself
is installed with --no-deps into the venv, whose own site-packages come first, and the test
checks that `writer` is imported from there and not from the repository or a shared install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the test must not see the repository's own writer/
    return env


def _run(cmd, cwd, check=True):
    proc = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=600)
    if check:
        assert proc.returncode == 0, f"{cmd}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    return proc


def test_wheel_drafts_and_verifies_from_an_empty_folder(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    # Build from a copy so the build's scratch folders never land in the working tree.
    for name in ("writer", "prompts", "data"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(src)], cwd=src)
    (wheel,) = dist.glob("*.whl")
    assert wheel.name.startswith("usage_trends_writer-")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], cwd=tmp_path)
    python = str(venv / "bin" / "python")
    _run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], cwd=tmp_path)

    empty = tmp_path / "empty"
    empty.mkdir()
    where = _run([python, "-c", "import writer; print(writer.__file__)"], cwd=empty).stdout
    assert Path(where.strip()).is_relative_to(venv), where

    drafted = _run([python, "-m", "writer", "draft", "--period", "2025H1"], cwd=empty)
    assert "using the sample data shipped with writer" in drafted.stderr
    assert drafted.stderr.count("using the sample data") == 1
    posts = sorted((empty / "output" / "_posts").glob("*.md"))
    assert [p.name[-6:] for p in posts] == ["-en.md", "-zh.md"]
    # The sample is recognised from the shipped fingerprint, so the post says it is the sample.
    assert "drafted from the sample data that ships with writer" in posts[0].read_text()

    checked = _run([python, "-m", "writer", "verify", *map(str, posts)], cwd=empty, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 unbacked" in checked.stderr
