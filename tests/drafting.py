"""Drafting in-process for tests about words: the CLI as a user runs it, charts not rendered."""

from __future__ import annotations

import contextlib
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from writer import charts, cli


def no_render(monkeypatch) -> None:
    """The words are under test, not the pictures: a fixed SVG instead of vl-convert."""
    monkeypatch.setattr(charts, "_start_many", lambda jobs, scale, workers: lambda: [
        ('<svg xmlns="http://www.w3.org/2000/svg"/>', b"png" if png else None)
        for _, png in jobs])
    monkeypatch.setattr(charts, "start_renderer", lambda cache: None)


def draft_in_process(argv: list[str]) -> dict[str, str]:
    """`writer draft ...` in this process; lang → the post's text. Fails on a non-zero exit."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = cli.main(argv)
    assert rc == 0, err.getvalue()[-2000:]
    posts = [Path(p) for p in out.getvalue().split() if p.endswith(".md")]
    return {("zh" if p.name.endswith("-zh.md") else "en"): p.read_text(encoding="utf-8")
            for p in posts}


@contextlib.contextmanager
def charts_not_rendered():
    """no_render for a module-scoped fixture (which cannot use the monkeypatch fixture)."""
    mp = pytest.MonkeyPatch()
    no_render(mp)
    try:
        yield
    finally:
        mp.undo()


def generated_platform(seed: int, root: Path) -> tuple[list[str], date, date]:
    """tests/platforms.py's platform `seed` (plain names: the words are under test) written
    under root: (its --data/--models/--config arguments, its first Monday, its last Sunday)."""
    import platforms  # tests/ is on sys.path in the modules that import this one

    folder = root / f"p{seed}"
    platforms.write(seed, folder, True)
    weeks = sorted({ln.split(",", 1)[0]
                    for ln in (folder / "usage.csv").read_text().splitlines()[1:]})
    args = ["--data", str(folder / "usage.csv"), "--models", str(folder / "models.csv")]
    if (folder / "writer.toml").exists():
        args += ["--config", str(folder / "writer.toml")]
    return args, date.fromisoformat(weeks[0]), date.fromisoformat(weeks[-1]) + timedelta(days=6)
