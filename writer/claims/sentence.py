"""One sentence as the claim checkers see it: its masked text, the names and chart words in
it, its clauses, and helpers to read the ledger's series at the time a sentence speaks of."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from writer.ledger import Entity, Ledger
from writer.mentions import Mention

# "at the start of the period", 期初: verify's own phrase (ranks and sums read it too)
from writer.verify import _PERIOD_START as PERIOD_START  # noqa: E402
from writer.verify import _clauses  # noqa: E402


@dataclass
class Sentence:
    ledger: Ledger
    lang: str
    masked: str  # the section's masked text (names and markup blanked)
    original: str  # the section's text as written
    start: int
    end: int
    names: tuple[tuple[int, int, tuple[Entity, ...]], ...]  # names in the sentence
    words: tuple[tuple[int, int, str], ...]  # chart words in the sentence: (start, end, chart)
    charts: tuple[str, ...]  # the charts in scope (section chart first, then chart words)
    mentions: tuple[Mention, ...]
    file: str | None
    first_line: int
    cache: dict = field(default_factory=dict)

    # ------------------------------------------------------------ text

    @property
    def text(self) -> str:
        return self.masked[self.start:self.end]

    def where(self, pos: int) -> tuple[int, int]:
        """(line, column) of an offset, in the file's numbering."""
        line = self.original.count("\n", 0, pos)
        return self.first_line + line, pos - (self.original.rfind("\n", 0, pos) + 1) + 1

    def issue(self, start: int, end: int, reason: str, nearest: str | None = None):
        from writer.verify import Issue

        shown = self.original[start:end].strip().replace("\n", " ")
        return Issue(self.file, *self.where(start), shown, reason, nearest)

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        return _clauses(self.masked, self.start, self.end)

    def clause(self, pos: int) -> tuple[int, int]:
        for a, b in self.clauses:
            if a <= pos < b:
                return a, b
        return self.start, self.end

    def find(self, rx: re.Pattern) -> list[re.Match]:
        return list(rx.finditer(self.masked, self.start, self.end))

    # ------------------------------------------------------------ who and where

    def entities(self) -> list[Entity]:
        out: list[Entity] = []
        for _, _, ents in self.names:
            out.extend(e for e in ents if e not in out)
        return out

    def subject(self, pos: int, *, after: bool = False) -> tuple[Entity, ...]:
        """The entities a word at `pos` is said of: the nearest name before it in its clause,
        else in the sentence (the first after it when `after`: "led by X"; "A fades and B
        gains ground": B gains). Names in brackets
        are examples, not subjects ("OpenAI (GPT-4o, o3) led"). () when none is named."""
        a, b = self.clause(pos)
        free = [n for n in self.names if not self.in_brackets(n[0])]
        for lo, hi in ((a, b), (self.start, self.end)):
            if after:
                cands = [n for n in free if pos <= n[0] < hi]
            else:
                cands = [n for n in free if lo <= n[0] < pos]
            if cands:
                return min(cands)[2] if after else max(cands)[2]
        return ()

    def in_brackets(self, pos: int) -> bool:
        before = self.masked[self.start:pos]
        return (before.count("(") + before.count("（")) > (before.count(")") + before.count("）"))

    def chart_near(self, pos: int) -> str | None:
        """The chart a word in this clause names ("of image generations", "图像生成")."""
        a, b = self.clause(pos)
        near = [(min(abs(s - pos), abs(e - pos)), c) for s, e, c in self.words if a <= s < b
                and not self._name_between(pos, s)]
        return min(near)[1] if near else None

    def _name_between(self, x: int, y: int) -> bool:
        """A name between two points: "A gains ground and B dominates audio" says nothing of
        A in audio."""
        lo, hi = min(x, y), max(x, y)
        return any(lo < n[0] < hi for n in self.names)

    def charts_of(self, e: Entity, pos: int | None = None) -> tuple[str, ...]:
        """The charts a claim about `e` is read in: the chart a word in its clause names,
        else every chart where e has a series, the sentence's first ("A gains ground, B
        dominates audio" may be about A in any chart)."""
        L = self.ledger
        word = self.chart_near(pos) if pos is not None else None
        if word is not None:
            return (word,) if (word, e) in L.series else ()
        inside = tuple(c for c in self.charts if (c, e) in L.series)
        return inside + tuple(c for c in L.charts if (c, e) in L.series and c not in inside)

    # ------------------------------------------------------------ the data

    def data_weeks(self, chart: str) -> np.ndarray:
        """Indices of the weeks the chart has data for."""
        key = ("weeks", chart)
        if key not in self.cache:
            t = self.ledger.totals.get(chart)
            self.cache[key] = (np.flatnonzero(np.asarray(t) > 0) if t is not None
                               else np.arange(len(self.ledger.weeks)))
        return self.cache[key]

    def weeks_in(self, rngs) -> list[int]:
        from writer.verify import _week_range

        return sorted({i for lo, hi in rngs for i in _week_range(self.ledger.weeks, lo, hi)})
