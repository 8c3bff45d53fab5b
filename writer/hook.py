"""The blog repository's guard: which data file each changed post was drafted from.

A post that writer drafted carries `data_sha256`, the fingerprint of the usage table and
registry it came from (see load.load: sha256 over sha256(usage bytes) + sha256(registry
bytes, or nothing)). The pre-commit hook and the GitHub Actions step are handed the changed
posts; this module pairs each with the data whose fingerprint matches, among the paths given
in the hook's arguments (`--data`, `--models`, files or folders) or in writer.toml:

    [verify]
    data = ["data/usage.csv"]      # files or folders holding the usage tables
    models = ["data/models.csv"]   # optional; a models.csv next to a data file is tried anyway

A post without writer's front matter (no data_sha256) is not writer's, and is skipped.
Fingerprints are computed from the files' bytes, without parsing them, so a hook run on a
post that changed nothing else stays cheap.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from writer.errors import InputError, Problem, read_text
from writer.verify import read_front_matter

_TABLES = (".csv", ".parquet", ".pq")


@dataclass(frozen=True)
class Planned:
    """Posts to verify against one data file (and registry, or None)."""

    data: str
    models: str | None
    posts: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    groups: tuple[Planned, ...]
    skipped: tuple[str, ...]  # posts without writer's front matter


def _expand(paths, *, models: bool) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in _TABLES)
            # In a folder, models.csv is a registry and everything else a usage table.
            out += [f for f in found if (f.name == "models.csv") == models]
        elif p.is_file():
            out.append(p)
    return out


def _paths(table: dict, key: str) -> list[str]:
    value = table.get(key, [])
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(Problem(f"[verify] {key} must be a path or a list of paths",
                                 file="writer.toml", fix=f'write e.g. {key} = ["data/"]'))
    return value


def _digest(path: Path | None) -> bytes:
    return hashlib.sha256(path.read_bytes() if path is not None else b"").digest()


def plan(posts, data_paths=(), models_paths=(), config: dict | None = None) -> Plan:
    """Pair each post with the (data, models) whose fingerprint is the post's data_sha256."""
    table = (config or {}).get("verify", {})
    data_paths = [*data_paths, *_paths(table, "data")]
    models_paths = [*models_paths, *_paths(table, "models")]
    datas = _expand(data_paths, models=False)
    registries = _expand(models_paths, models=True) + _expand(data_paths, models=True)
    fingerprints: dict[str, tuple[Path, Path | None]] = {}
    for data in datas:
        beside = data.parent / "models.csv"
        for reg in dict.fromkeys([*registries, *([beside] if beside.is_file() else []), None]):
            digest = hashlib.sha256(_digest(data) + _digest(reg)).hexdigest()
            fingerprints.setdefault(digest, (data, reg))
    groups: dict[tuple[Path, Path | None], list[str]] = {}
    skipped = []
    for post in posts:
        text = read_text(post, "post")
        stated = str(read_front_matter(text).get("data_sha256") or "")
        if not stated:
            skipped.append(str(post))
            continue
        if stated not in fingerprints:
            looked = ", ".join(str(p) for p in datas) or "no data files"
            raise InputError(Problem(
                f"no data file has this post's data_sha256 {stated[:12]}… (looked at: {looked})",
                file=str(post),
                fix="add the data file the post was drafted from to the hook's args "
                    "(--data PATH) or to writer.toml [verify] data",
            ))
        groups.setdefault(fingerprints[stated], []).append(str(post))
    return Plan(tuple(Planned(str(d), None if m is None else str(m), tuple(ps))
                      for (d, m), ps in groups.items()), tuple(skipped))
