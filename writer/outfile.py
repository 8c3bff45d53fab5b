"""Writing one output file safely: never over an input, never half-written, OS errors as
input errors (exit 2 with the path and a fix), never a traceback.

`writer draft` publishes its posts and charts as one transaction; the single-file outputs
of `preview`, `eval` and `aggregate` use this module.
"""

from __future__ import annotations

import os
import secrets
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


def replace_atomically(path: Path, data: bytes) -> None:
    """Write to a temp file beside `path`, then rename, so a reader sees the old file or the
    new one, never a part. OSError is the caller's to handle."""
    # os.open with 0o666 lets the umask set the mode (mkstemp would make it 0600, which a
    # web server serving the files could not read).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: bytes | str, *, what: str = "output",
                 flag: str = "--out") -> Path:
    """replace_atomically, with the folder made and an OS error as one input error."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise InputError(Problem(f"cannot write the {what} ({exc.strerror or exc})",
                                 file=str(path), fix=f"choose {flag} in a folder you can write "
                                 "to, with free space")) from None
    return path
