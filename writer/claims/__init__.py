"""Claims beyond plain numbers: one module per kind, each with its English and Chinese
phrases side by side and its binding rule, registered in KINDS below.

    KINDS: (name, module) pairs; each module has
        extra_mentions(s: Sentence) -> [Mention]   numbers its words state ("the most used" = rank 1)
        check(s: Sentence) -> [Issue]               claims it checks on its own; a number
                                                    it settles ("A and B together held 48%")
                                                    goes in s.cache["backed"] (ids), and
                                                    needs no ledger fact of its own

verify._check builds one `Sentence` per sentence and runs every kind over it; the numbers,
dates and durations kinds (writer/mentions.py for the phrases, writer/verify.py for the
binding) run first. To add a phrase ("tripled", 翻了两番), add one line to the table of the
kind it belongs to: ranks (superlatives, leader words), compare (A overtook, is ahead of,
trails B), directions (rose, fell, steady),
counts (what a count counts, lists after a count), sets (the rest split among names),
names (a model the data does not know, a sentence that names no model).
"""

from __future__ import annotations

from writer.claims import compare, counts, directions, names, ranks, sets
from writer.claims.sentence import Sentence

KINDS = (
    ("ranks", ranks),
    ("compare", compare),
    ("directions", directions),
    ("counts", counts),
    ("sets", sets),
    ("names", names),
)

__all__ = ["KINDS", "Sentence"]
