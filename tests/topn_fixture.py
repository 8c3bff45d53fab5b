"""A top-N extract of another platform, as its public weekly rankings publish it.

Each week lists only its 9 largest models by tokens, plus an `Others` row holding the
rest. Categories are `text`, `image` and `tools` (a category writer has no words of its
own for). The registry has families and providers (one empty) but no `released` dates,
so nothing here is known to be a launch: a model that appears has only entered the top 9.

Stories planted on purpose, each asserted by tests/test_topn.py:
- text: `nova-pro` spikes to first place for one week (week 12, the "free week");
  `atlas-3` leads until week 9, then leaves the top 9 for good; `zephyr-2` enters the top
  9 in week 6 and climbs.
- tools: a chart of a category with no words of its own.

    python tests/topn_fixture.py OUT_DIR      # writes usage.csv and models.csv
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

N_WEEKS = 16
FIRST = date(2025, 9, 1)
MONDAYS = [FIRST + timedelta(weeks=i) for i in range(N_WEEKS)]
TOP = 9
SPIKE_WEEK = 11  # 0-based: the week of 17 November 2025
LEAVES = 9       # atlas-3 is below the cut-off from this week on
ENTERS = 5       # zephyr-2 is in the top 9 from this week on
TOTAL = {"text": 2.0e12, "image": 4.0e10, "tools": 3.0e11}  # tokens a week


def _text_shares(week: int) -> dict[str, float]:
    s = {
        "atlas-3": 24.0 - 1.2 * week,
        "borealis-pro": 16.0 + 0.2 * week,
        "corvid-mini": 12.0,
        "dune-70b": 9.0 - 0.2 * week,
        "ember-flash": 7.0 + 0.5 * week,
        "nova-pro": 4.0,
        "quill-8b": 3.2,
        "rook-1": 2.8,
        "sable-2": 2.5 - 0.05 * week,
        "tern-lite": 2.2,
    }
    if week >= ENTERS:
        s["zephyr-2"] = 2.0 + 1.5 * (week - ENTERS)
    if week == SPIKE_WEEK:
        s["nova-pro"] = 22.0
    if week >= LEAVES:
        s["atlas-3"] = 0.5  # still used, but below the cut-off
    return s


def _image_shares(week: int) -> dict[str, float]:
    return {"pixel-xl": 40.0 - week, "lumen-2": 20.0 + week, "stroke": 12.0, "hue-3": 8.0,
            "canvas-1": 6.0, "iris": 4.0, "mosaic": 3.0, "prism-v": 2.5, "tint": 2.0,
            "dot-9": 1.5}


def _tools_shares(week: int) -> dict[str, float]:
    return {"atlas-3": 30.0 - 0.5 * week, "borealis-pro": 25.0 + 0.5 * week,
            "corvid-mini": 10.0, "dune-70b": 8.0, "ember-flash": 6.0, "quill-8b": 5.0,
            "rook-1": 4.0, "sable-2": 3.0, "tern-lite": 2.0, "nova-pro": 1.0}


REGISTRY = [
    ("atlas-3", "Atlas-3", "Atlas Labs"),
    ("borealis-pro", "Borealis", "Northwind"),
    ("corvid-mini", "Corvid", "Northwind"),
    ("dune-70b", "Dune", ""),  # provider unknown: allowed, and never a provider finding
    ("ember-flash", "Ember", "Kiln AI"),
    ("nova-pro", "Nova", "Stellar"),
    ("quill-8b", "Quill", "Inkwell"),
    ("rook-1", "Rook", "Castle"),
    ("sable-2", "Sable", "Castle"),
    ("tern-lite", "Tern", "Seabird"),
    ("zephyr-2", "Zephyr", "Kiln AI"),
]


def rows() -> list[str]:
    out = ["week,category,bot,messages"]
    for category, shares_of in (("text", _text_shares), ("image", _image_shares),
                                ("tools", _tools_shares)):
        for i, monday in enumerate(MONDAYS):
            shares = shares_of(i)
            listed = sorted(shares, key=lambda b: (-shares[b], b))[:TOP]
            for bot in listed:
                out.append(f"{monday},{category},{bot},{int(TOTAL[category] * shares[bot] / 100)}")
            rest = 100 - sum(shares[b] for b in listed)
            out.append(f"{monday},{category},Others,{int(TOTAL[category] * rest / 100)}")
    return out


def write(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    usage = folder / "usage.csv"
    models = folder / "models.csv"
    usage.write_text("\n".join(rows()) + "\n", encoding="utf-8")
    reg = ["bot,family,provider"] + [",".join(r) for r in REGISTRY] + ["Others,Other,"]
    models.write_text("\n".join(reg) + "\n", encoding="utf-8")
    return usage, models


if __name__ == "__main__":
    print(*write(Path(sys.argv[1])), sep="\n")
