"""The one user-facing error type. Only the CLI turns it into a message and an exit code."""

from __future__ import annotations

from dataclasses import dataclass


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
        return text


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
