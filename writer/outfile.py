"""Writing one output file safely: never over an input, never half-written, OS errors as
input errors (exit 2 with the path and a fix), never a traceback.

`writer draft` publishes its posts and charts as one transaction; the single-file outputs
of `preview`, `eval` and `aggregate` use this module.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from writer.errors import InputError, Problem


def check_target(path: str | Path, inputs: Iterable[str | Path] = (), *, what: str = "output",
                 flag: str = "--out") -> Path:
    """The output path, refused when it is a folder or one of the command's own inputs."""
    path = Path(path)
    if path.is_dir():
        raise InputError(Problem(f"{flag} is a folder, not a file for the {what}",
                                 file=str(path), fix=f"give {flag} a file name inside it, "
                                 f"e.g. {path / ('out' + (path.suffix or '.html'))}"))
    for source in inputs:
        if _same_file(path, Path(source)):
            raise InputError(Problem(f"{flag} is one of this command's inputs: writing the "
                                     f"{what} there would replace it", file=str(path),
                                     fix=f"choose another {flag} path"))
    return path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: str | Path, data: bytes | str, *, what: str = "output",
                 flag: str = "--out") -> Path:
    """Write `data` to `path` through a temp file in the same folder and os.replace, so a
    reader sees the old file or the new one, never a part."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise InputError(Problem(f"cannot write the {what} ({exc.strerror or exc})",
                                 file=str(path), fix=f"choose {flag} in a folder you can write "
                                 "to, with free space")) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path
