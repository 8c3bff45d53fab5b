"""The one user-facing error type. Only the CLI turns it into a message and an exit code."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A secret is never echoed (README, "Promises"). Two shapes are recognised wherever a text
# reaches the user: credentials inside a URL (http://user:KEY@host) and tokens shaped like
# API keys (sk-…, hf_…, AKIA…, or a run of 32+ letters and digits mixing upper case, lower
# case and digits;
# a SHA-256 in hex is lower case only, so fingerprints stay readable).
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]*@")
_URL_SECRET_QUERY = re.compile(r"(?i)([?&](?:api[_-]?key|key|token|access_token|secret)=)[^&\s]+")
_KEY_PREFIXED = re.compile(
    r"\b(?:sk|pk|rk)[-_][A-Za-z0-9_-]{8,}|\b(?:hf|ghp|gho|ghs|github_pat|xox[abps])_[A-Za-z0-9_-]{8,}"
    r"|\bAKIA[0-9A-Z]{12,}|\bAIza[0-9A-Za-z_-]{20,}")
_LONG_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{32,}(?![A-Za-z0-9])")
REDACTED = "[redacted]"


def looks_like_secret(text: str) -> bool:
    """True for a value shaped like an API key (so it must not be shown back)."""
    return redact(str(text)) != str(text)


def strip_url_credentials(url: str) -> str:
    """`http://user:KEY@host/v1?key=K` → `http://host/v1?key=[redacted]`."""
    return _URL_SECRET_QUERY.sub(r"\1" + REDACTED, _URL_USERINFO.sub(r"\1", url))


def redact(text: str) -> str:
    """`text` with URL credentials removed and key-shaped tokens replaced by [redacted]."""
    text = strip_url_credentials(text)
    text = _KEY_PREFIXED.sub(REDACTED, text)

    def mixed(m: re.Match) -> str:
        token = m.group(0)
        if re.search(r"[a-z]", token) and re.search(r"[A-Z]", token) and re.search(r"\d", token):
            return REDACTED
        return token

    return _LONG_TOKEN.sub(mixed, text)


@dataclass(frozen=True)
class Problem:
    """One bad thing in one place, phrased so the user knows what to change."""

    message: str
    file: str | None = None
    row: int | None = None  # 1-based data row (the header is row 1, so the first data row is 2)
    column: str | None = None
    value: str | None = None
    fix: str | None = None

    def render(self) -> str:
        where = self.file or ""
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        parts = [f"{where}: {self.message}" if where else self.message]
        if self.value is not None:
            parts.append(f"value {self.value!r}")
        text = "; ".join(parts)
        if self.fix:
            text += f". Fix: {self.fix}"
        return redact(text)


class WriterError(Exception):
    """A usage or input error: the CLI prints it and exits with code 2."""

    exit_code = 2

    def __init__(self, problems: Problem | str | list[Problem], *, more: int = 0):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.more = more  # problems found but not listed (the report is capped)
        super().__init__(self.render())

    def render(self) -> str:
        lines = [p.render() for p in self.problems]
        if self.more:
            lines.append(f"... and {self.more} more problem(s) of the same kind")
        return "\n".join(lines)


class InputError(WriterError):
    """Bad data, registry or settings file."""


class UsageError(WriterError):
    """Bad flags or arguments."""


def read_text(path, what: str = "file", fix_path: str = "check the path") -> str:
    """A text file people edit (a post, a settings file), as str. UTF-8 with or without a
    byte-order mark is read; anything else is an InputError that names the encoding it
    looks like and how to fix it, never a UnicodeDecodeError."""
    from pathlib import Path

    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(Problem(f"this is a folder, not a {what}", file=name,
                                 fix=fix_path)) from None
    except FileNotFoundError:
        raise InputError(Problem(f"there is no such {what}", file=name, fix=fix_path)) from None
    except OSError as exc:
        raise InputError(Problem(f"cannot read the {what} ({exc.strerror})", file=name,
                                 fix=fix_path)) from None
    except ValueError:  # a NUL byte in the path: no file can have that name
        raise InputError(Problem(f"{name!r} is not a usable path for the {what}",
                                 fix=fix_path)) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark some Windows editors add: still UTF-8
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(Problem(f"the {what} is UTF-16 text", file=name,
                                 fix=f"save the {what} as UTF-8 (in most editors: Save with "
                                     "Encoding > UTF-8)"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\x00" in raw:
            why, fix = "is binary, not UTF-8 text", "give the path of a UTF-8 Markdown file"
        else:
            try:
                raw.decode("gb18030")
                why = "is not UTF-8 (it looks like GBK/GB18030 Chinese text)"
                fix = f"save the {what} as UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"
            except UnicodeDecodeError:
                why, fix = "is not UTF-8 text", f"save the {what} as UTF-8"
        raise InputError(Problem(f"the {what} {why}: byte {exc.start} cannot be read",
                                 file=name, fix=fix)) from None
