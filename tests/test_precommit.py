"""The pre-commit hook in a Jekyll repository: installed by pre-commit from writer's local path,
it lets a correct post through and blocks one whose number was changed, naming file:line:col.

pre-commit builds its own virtualenv for the hook and installs writer (and its dependencies,
through pip's configured index) into it, as it would for a blog's repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DATA, MODELS

from writer.hook import plan

ROOT = Path(__file__).resolve().parent.parent


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONPATH" and not k.startswith(("WRITER_", "OPENAI_", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(home / "pre-commit"), HOME=str(home),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return env


def _git(cwd: Path, env, *args, check=True):
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)
    if check:
        assert proc.returncode == 0, f"git {args}\n{proc.stdout}\n{proc.stderr}"
    return proc


def _writer_repo(tmp: Path, env) -> tuple[Path, str]:
    """A git repository holding the current working tree of writer (pre-commit needs a rev)."""
    src = tmp / "writer-src"
    src.mkdir()
    for name in ("writer", "prompts", "data"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, src / name)
    _git(src, env, "init", "-q")
    _git(src, env, "add", "-A")
    _git(src, env, "commit", "-qm", "writer")
    return src, _git(src, env, "rev-parse", "HEAD").stdout.strip()


def test_hook_passes_a_correct_post_and_blocks_a_changed_number(offline_runs, tmp_path):
    env = _env(tmp_path)
    src, rev = _writer_repo(tmp_path, env)
    blog = tmp_path / "blog"
    (blog / "_posts").mkdir(parents=True)
    (blog / "data").mkdir()
    shutil.copy(DATA, blog / "data" / "usage.csv")
    shutil.copy(MODELS, blog / "data" / "models.csv")
    (blog / "_config.yml").write_text("title: blog\n")
    (blog / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {src}\n  rev: {rev}\n  hooks:\n  - id: writer-verify\n"
        "    args: [--data, data/]\n")
    _git(blog, env, "init", "-q")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=blog, env=env,
                             capture_output=True, text=True, timeout=120)
    assert install.returncode == 0, install.stderr

    (en,) = sorted((offline_runs[0] / "_posts").glob("*-en.md"))
    post = blog / "_posts" / en.name
    shutil.copy(en, post)
    # A hand-written post without writer's front matter is none of the hook's business.
    (blog / "_posts" / "2025-01-01-hello.md").write_text("---\ntitle: Hello\n---\nWe are 100% in.\n")
    _git(blog, env, "add", "-A")
    ok = _git(blog, env, "commit", "-m", "a drafted post", check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout + ok.stderr

    lines = post.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("- **") and "%**" in line)
    end = lines[row].index("%**")
    col = end
    while lines[row][col - 1].isdigit():
        col -= 1
    changed = str(int(lines[row][col:end]) + 7)
    lines[row] = lines[row][:col] + changed + lines[row][end:]
    post.write_text("\n".join(lines), encoding="utf-8")
    _git(blog, env, "add", "-A")
    blocked = _git(blog, env, "commit", "-m", "one number changed", check=False)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "Failed" in out
    assert f"_posts/{en.name}:{row + 1}:{col + 1}: '{changed}%'" in out
    assert _git(blog, env, "log", "--oneline").stdout.count("\n") == 1  # not committed


def test_plan_finds_the_data_by_fingerprint_from_writer_toml(offline_runs, tmp_path):
    (en,) = sorted((offline_runs[0] / "_posts").glob("*-en.md"))
    other = tmp_path / "other.csv"
    other.write_text(DATA.read_text().replace("\n", "\n", 1) + "\n")  # different bytes
    mine = tmp_path / "hello.md"
    mine.write_text("---\ntitle: Hello\n---\n1\n")
    found = plan([str(en), str(mine)], [], [],
                 {"verify": {"data": [str(other), str(DATA)], "models": str(MODELS)}})
    assert found.skipped == (str(mine),)
    (group,) = found.groups
    assert (group.data, group.models, group.posts) == (str(DATA), str(MODELS), (str(en),))
    # Without the registry it was drafted with, nothing has the post's fingerprint.
    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy(DATA, lone / "usage.csv")
    import pytest

    from writer.errors import InputError
    with pytest.raises(InputError, match="no data file has this post's data_sha256"):
        plan([str(en)], [str(lone)], [], None)
