"""Where writer's own files are: the prompt templates and the sample data.

In the repository they live at the top level (`prompts/`, `data/`), where people edit them.
The wheel maps those same folders into the package at build time (pyproject.toml
`package-dir`: `prompts/` -> `writer/_prompts/`, `data/` -> `writer/_sample/`), so git keeps
one copy and an installed writer still finds them. The packaged location is tried first: it
exists only in an installed wheel, whereas the folder above the package could be anything in
site-packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent

DEFAULT_DATA = "data/usage.csv"
DEFAULT_MODELS = "data/models.csv"


def _find(packaged: str, checkout: str) -> Path:
    inside = _PACKAGE / packaged
    return inside if inside.exists() else _CHECKOUT / checkout


def prompts_dir() -> Path:
    """The default prompt templates."""
    return _find("_prompts", "prompts")


def sample_dir() -> Path:
    """The folder holding the sample usage table, its registry and its fingerprint."""
    return _find("_sample", "data")


def sample_fingerprint() -> Path:
    return sample_dir() / "sample.sha256"


@dataclass(frozen=True)
class Inputs:
    data: str
    models: str | None
    notice: str | None  # one line for the user when the packaged sample stands in


def default_inputs(data: str | None, models: str | None, cwd: Path | None = None) -> Inputs:
    """The usage table and registry a command reads.

    A named file is used as given. With no --data and no data/usage.csv in the working
    folder, the sample shipped with writer stands in (with its registry), and `notice` says
    so, so that a fresh install can draft at once and nobody mistakes the sample for their data.
    The default registry is optional: it is used only when the file exists.
    """
    here = Path.cwd() if cwd is None else cwd
    if data is None and not (here / DEFAULT_DATA).exists():
        sample = sample_dir()
        if (sample / "usage.csv").exists():
            if models is None:
                models = str(sample / "models.csv")
            return Inputs(str(sample / "usage.csv"), models,
                          f"no {DEFAULT_DATA} here: using the sample data shipped with writer "
                          f"({sample / 'usage.csv'}); pass --data to use your own")
    if models is None and (here / DEFAULT_MODELS).exists():
        models = DEFAULT_MODELS
    return Inputs(data or DEFAULT_DATA, models, None)
