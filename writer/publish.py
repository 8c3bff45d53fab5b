"""Publishing a draft as one transaction: stage everything, then switch in a safe order.

In: the --out folder and the files of one run (posts and charts, as bytes).
Out: the files in place, or an InputError naming the file and the fix; never half a run.

How it holds, even when the process is killed (SIGKILL) at any moment:
1. A lock (`OUT/.writer.lock`, flock) admits one run at a time; another run waits up to
   LOCK_WAIT seconds, then stops with exit 2. The lock file stays: deleting it would race.
2. Every file of the run is written into `OUT/.writer-staging-<pid>-<random>/` first.
   A run killed while staging leaves only that folder, which the next run deletes.
3. Chart names carry a hash of their spec (`text-en-<hash>.svg`), so publishing a new run's
   charts never changes a chart an older post shows; charts are moved in before the posts.
4. The commit point is `OUT/.writer-journal.json` (written atomically): the list of moves.
   The posts are then moved in (os.replace, each atomic) and the journal deleted. A run
   killed after the commit point left a journal; the next run, before anything else, rolls
   it forward (does the moves still to do), so the pair of posts ends complete and new.
5. Charts of the slug that no post in OUT/_posts links any more are deleted last.

The one window where a reader can see the English post of the new run beside the Chinese
post of the old one is between the two post renames (microseconds); it is closed by the
journal, and any run of `draft` into the same folder completes it first.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from writer.errors import InputError, Problem

LOCK_NAME = ".writer.lock"
JOURNAL_NAME = ".writer-journal.json"
STAGING_PREFIX = ".writer-staging-"
LOCK_WAIT = float(os.environ.get("WRITER_LOCK_WAIT", "60"))  # seconds a second run waits
# Files writer makes in assets/<slug>/: `<stem>-<lang>[-<12 hex>].(svg|png|vl.json)`; the only
# ones it ever deletes (a person's own files beside them are left alone).
CHART_FILE = re.compile(r"^[a-z0-9-]+-(?:en|zh)(?:-[0-9a-f]{12})?\.(?:svg|png|vl\.json)$")
# A temp file of an atomic write (writer.post, writer.charts): `.<name>.[<pid>.]<x>.tmp`.
TEMP_FILE = re.compile(r"^\..+\.tmp$")


def os_error(exc: OSError, out: Path, action: str = "write the draft") -> InputError:
    """An OS error on the output side as one message with the file and the fix."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        fix = "free some disk space, or pass --out a folder on another disk"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
        fix = "make the folder writable, or pass --out a folder you can write to"
    elif code in (errno.ENOTDIR, errno.EEXIST):
        fix = "--out must be a folder (or a path where one can be made), not a file"
    elif code == errno.EISDIR:
        fix = "move or remove the folder that stands where a file must go"
    else:
        fix = "check the --out folder and try again"
    file = exc.filename or out
    return InputError(Problem(f"cannot {action} ({exc.strerror or exc})", file=str(file),
                              fix=fix))


# ------------------------------------------------------------------ lock


@contextmanager
def locked(out: Path, wait: float | None = None) -> Iterator[None]:
    """Hold OUT/.writer.lock; wait up to `wait` seconds for another run to let go."""
    import fcntl

    wait = LOCK_WAIT if wait is None else wait
    if out.exists() and not out.is_dir():
        raise InputError(Problem("--out is a file, not a folder", file=str(out),
                                 fix="pass --out a folder, or a path where one can be made"))
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise os_error(exc, out) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise InputError(Problem(
                        f"another writer draft is writing into this folder (waited {wait:g} s "
                        "for it)", file=str(out / LOCK_NAME),
                        fix="let it finish, then run draft again; or pass another --out"
                    )) from None
                time.sleep(0.05)
            except OSError as exc:
                raise os_error(exc, out, "lock the output folder") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


# ------------------------------------------------------------------ recovery


def recover(out: Path) -> None:
    """Finish or discard what a killed run left: roll a committed journal forward, then
    delete staging folders and temp files. Call with the lock held."""
    journal = out / JOURNAL_NAME
    try:
        if journal.exists():
            try:
                moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
            except (ValueError, KeyError, TypeError):
                moves = None  # written atomically, so unreadable means not ours: discard
            if moves is not None:
                _apply(out, [(str(s), str(d)) for s, d in moves if _ours(str(s), str(d))])
            journal.unlink()
        for entry in out.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
                shutil.rmtree(entry)
            elif entry.name.startswith(f"{JOURNAL_NAME}.") and entry.name.endswith(".tmp"):
                entry.unlink()
    except OSError as exc:
        raise os_error(exc, out, "finish the run that was interrupted in this folder") from None


def _ours(src: str, dst: str) -> bool:
    """A move a run of writer can have journaled: from its staging folder to a path inside
    OUT (a journal edited by hand never moves files elsewhere)."""
    parts = Path(src).parts + Path(dst).parts
    return (src.startswith(STAGING_PREFIX) and ".." not in parts
            and not Path(src).is_absolute() and not Path(dst).is_absolute())


def clean_temp(folder: Path) -> None:
    """Delete temp files that atomic writes left in `folder` when their process was killed.

    Only with the lock held: no other draft writes there then. A temp file whose name
    carries the pid of a live process (the chart cache's) is left alone.
    """
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if TEMP_FILE.match(entry.name) and entry.is_file() and not _alive(entry.name):
            entry.unlink(missing_ok=True)


def _alive(name: str) -> bool:
    found = re.match(r"^\..+\.(\d+)\.[0-9a-f]+\.tmp$", name)
    if not found or int(found[1]) == os.getpid():
        return False
    try:
        os.kill(int(found[1]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process: not ours to judge
    return True


# ------------------------------------------------------------------ the transaction


@dataclass(frozen=True)
class Staging:
    """One run's staging folder inside OUT; `path(rel)` is where the file for OUT/rel goes."""

    out: Path
    root: Path

    def path(self, rel: Path | str) -> Path:
        return self.root / rel

    def write(self, rel: Path | str, data: bytes | str) -> Path:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        return target


@contextmanager
def transaction(out: Path, wait: float | None = None) -> Iterator[Staging]:
    """Lock OUT, finish what a killed run left, and give a fresh staging folder.

    Nothing in OUT outside the staging folder changes until `commit`. On any error the
    staging folder is deleted (OS errors become an InputError naming file and fix).
    """
    out = Path(out)
    with locked(out, wait):
        recover(out)
        root = out / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            root.mkdir()
        except OSError as exc:
            raise os_error(exc, out) from None
        try:
            yield Staging(out, root)
        except OSError as exc:
            raise os_error(exc, out) from None
        finally:
            shutil.rmtree(root, ignore_errors=True)


def commit(staging: Staging, posts: Mapping[Path, Path], slug: str) -> None:
    """Publish the staged run: charts first, then the posts, then delete stale charts.

    `posts` maps each staged post (under staging.root) to its final path under OUT; every
    other staged file goes to the same relative path under OUT.
    """
    out, root = staging.out, staging.root
    try:
        for target in posts.values():
            if target.is_dir():
                raise InputError(Problem("a folder stands where the post must be written",
                                         file=str(target), fix="move or remove the folder"))
        staged = sorted(p for p in root.rglob("*") if p.is_file())
        post_sources = set(posts)
        for path in staged:
            _fsync(path)  # the bytes are on disk before the journal says "publish them"
        moves = [(str(p.relative_to(out)), str(p.relative_to(root)))
                 for p in staged if p not in post_sources]
        moves += [(str(src.relative_to(out)), str(dst.relative_to(out)))
                  for src, dst in posts.items()]
        _write_journal(out, moves)  # the commit point
        _apply(out, moves)
        (out / JOURNAL_NAME).unlink()
        _fsync_dir(out)
        remove_stale_charts(out, slug)
    except OSError as exc:
        raise os_error(exc, out) from None


def remove_stale_charts(out: Path, slug: str) -> None:
    """Delete writer's chart files in assets/<slug>/ that no post in OUT/_posts links."""
    folder = out / "assets" / slug
    if not folder.is_dir():
        return
    linked: set[str] = set()
    pattern = re.compile(rf"/{re.escape(slug)}/([^/'\"()\s]+)")
    posts = out / "_posts"
    for post in posts.rglob("*") if posts.is_dir() else ():
        try:
            if not post.is_file():
                continue
            text = post.read_bytes().decode("utf-8", "replace")
        except OSError:
            return  # a post we cannot read may link anything: delete nothing
        linked.update(_chart_base(name) for name in pattern.findall(text))
    for entry in folder.iterdir():
        if CHART_FILE.match(entry.name) and _chart_base(entry.name) not in linked:
            entry.unlink(missing_ok=True)


def _chart_base(name: str) -> str:
    for ext in (".vl.json", ".svg", ".png"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def _apply(out: Path, moves: list[tuple[str, str]]) -> None:
    """Do each move whose source is still there (a rolled-forward journal did some)."""
    for src, dst in moves:
        source, target = out / src, out / dst
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)


def _write_journal(out: Path, moves: list[tuple[str, str]]) -> None:
    tmp = out / f"{JOURNAL_NAME}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump({"version": 1, "moves": moves}, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out / JOURNAL_NAME)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(out)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        _fsync(path)
    except OSError:
        pass  # some file systems cannot sync a folder; the renames still happened
