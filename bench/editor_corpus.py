"""Measure `writer verify` on the editor's corpus (issue 15, acceptance item 1).

Drafts the sample posts offline (`draft --period 2025H1`, charts not rendered), applies each
single-claim edit of tests/editor_corpus.py alone to a copy of its post, verifies that file and
counts, per kind, false edits caught (exit 1) and true paraphrases accepted (exit 0). Writes
bench/results/editor-corpus.md with the counts and every miss, by kind, with verify's line.

    python bench/editor_corpus.py                 # writes bench/results/editor-corpus.md
    python bench/editor_corpus.py --out -         # print the report instead

Goal: at least 98% of false edits caught and at least 98% of true paraphrases accepted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import editor_corpus as corpus  # noqa: E402
from drafting import charts_not_rendered, draft_in_process  # noqa: E402

GOAL = 0.98


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _short(line: str, work: Path) -> str:
    """verify's line without the temporary folder, so the report is stable across runs."""
    return line.replace(str(work) + os.sep, "").strip()


def report(outcomes, seconds: float, work: Path) -> str:
    table = corpus.tally(outcomes)
    fc = sum(r["false_caught"] for r in table.values())
    ft = sum(r["false_total"] for r in table.values())
    ta = sum(r["true_accepted"] for r in table.values())
    tt = sum(r["true_total"] for r in table.values())
    lines = [
        "# Editor corpus: how `writer verify` does on an editor's single-claim edits",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on commit `{_commit()}` with "
        "`python bench/editor_corpus.py`. Corpus: `tests/editor_corpus.py` (each edit applied "
        "alone to the drafted sample post, `draft --period 2025H1`, then `writer verify` on that "
        f"one file). {len(outcomes)} edits verified in {seconds:.1f} s.",
        "",
        f"Goal (issue 15): at least {GOAL:.0%} of false edits caught (exit 1) and at least "
        f"{GOAL:.0%} of true paraphrases accepted (exit 0).",
        "",
        "| kind | false caught | % | true accepted | % |",
        "|---|---|---|---|---|",
    ]
    pct = lambda a, b: f"{a / b:.0%}" if b else "–"  # noqa: E731
    for kind, r in table.items():
        lines.append(f"| {kind} | {r['false_caught']} / {r['false_total']} | "
                     f"{pct(r['false_caught'], r['false_total'])} | {r['true_accepted']} / "
                     f"{r['true_total']} | {pct(r['true_accepted'], r['true_total'])} |")
    lines.append(f"| **all** | **{fc} / {ft}** | **{pct(fc, ft)}** | **{ta} / {tt}** | "
                 f"**{pct(ta, tt)}** |")
    verdict = "meets" if ft and tt and fc / ft >= GOAL and ta / tt >= GOAL else "does not meet"
    lines += ["", f"Result: **{verdict}** the goal."]
    later = set(getattr(corpus, "LATER", ()))
    if later:
        fresh = [o for o in outcomes if o.edit in later]
        lf = [o for o in fresh if not o.edit.backed]
        lt = [o for o in fresh if o.edit.backed]
        lines += ["", f"Of these, the {len(fresh)} edits of `LATER` (written after main's claims "
                  "checker was first merged, so not ones it was tuned on): false caught "
                  f"{sum(o.ok for o in lf)} / {len(lf)}, true accepted {sum(o.ok for o in lt)} / "
                  f"{len(lt)}."]
    held = set(getattr(corpus, "HELDOUT", ()))
    if held:
        fresh = [o for o in outcomes if o.edit in held]
        hf = [o for o in fresh if not o.edit.backed]
        ht = [o for o in fresh if o.edit.backed]
        lines += ["", f"Of these, the {len(fresh)} edits of `HELDOUT` (a held-out set written "
                  "without reading the checker, its tests or the sentences above it; on its first "
                  "run, before the checker was fixed on its misses, it scored 82 / 94 false caught "
                  "(87%) and 40 / 45 true accepted (89%), the honest measure then; it is no longer "
                  f"held out): false caught {sum(o.ok for o in hf)} / {len(hf)} "
                  f"({pct(sum(o.ok for o in hf), len(hf))}), true accepted "
                  f"{sum(o.ok for o in ht)} / {len(ht)} ({pct(sum(o.ok for o in ht), len(ht))}).",
                  "", "| kind | held-out false caught | held-out true accepted |", "|---|---|---|"]
        htable = corpus.tally(fresh)
        for kind, r in htable.items():
            lines.append(f"| {kind} | {r['false_caught']} / {r['false_total']} | "
                         f"{r['true_accepted']} / {r['true_total']} |")
    held2 = set(getattr(corpus, "HELDOUT2", ()))
    if held2:
        fresh = [o for o in outcomes if o.edit in held2]
        hf = [o for o in fresh if not o.edit.backed]
        ht = [o for o in fresh if o.edit.backed]
        lines += ["", f"Of these, the {len(fresh)} edits of `HELDOUT2` (a second held-out set, "
                  "written after the checker was tuned on `HELDOUT`, again without reading the "
                  "checker or its tests; on its first run it scored 46 / 70 false caught (66%) and "
                  "23 / 35 true accepted (66%), the honest measure of how the checker does on claim "
                  "shapes it has not seen; the checker was then fixed on the claim kinds it missed "
                  "(comparisons, multiples, counts past a threshold, owners, steady falls), so it "
                  f"is no longer held out either): false caught {sum(o.ok for o in hf)} / {len(hf)} "
                  f"({pct(sum(o.ok for o in hf), len(hf))}), true accepted "
                  f"{sum(o.ok for o in ht)} / {len(ht)} ({pct(sum(o.ok for o in ht), len(ht))}).",
                  "", "| kind | held-out-2 false caught | held-out-2 true accepted |", "|---|---|---|"]
        htable = corpus.tally(fresh)
        for kind, r in htable.items():
            lines.append(f"| {kind} | {r['false_caught']} / {r['false_total']} | "
                         f"{r['true_accepted']} / {r['true_total']} |")
    lines += ["", "## Misses, by kind", ""]
    for kind in corpus.KINDS:
        missed = [o for o in outcomes if o.edit.kind == kind and not o.ok]
        if not missed:
            continue
        lines += [f"### {kind} ({len(missed)})", ""]
        for o in missed:
            what = "false, accepted" if not o.edit.backed else "true, rejected"
            if o.edit in held:
                what += ", HELDOUT"
            if o.edit in held2:
                what += ", HELDOUT2"
            lines.append(f"- [{o.edit.lang}] {what} (exit {o.rc}): `{o.edit.replace.strip()}`  ")
            lines.append(f"  why: {o.edit.why}  ")
            lines.append(f"  verify: `{_short(o.line, work)}`")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "editor-corpus.md"),
                    help="where to write the report ('-' for stdout)")
    args = ap.parse_args()
    os.chdir(ROOT)  # `writer verify` reads data/usage.csv and data/models.csv from here
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "draft"
        with charts_not_rendered():
            draft_in_process(["draft", "--period", "2025H1", "--no-cache", "--out", str(out)])
        posts = {p.name[-5:-3]: p for p in (out / "_posts").glob("*.md")}
        for path in posts.values():
            rc, text = corpus.verify(path)
            if rc != 0:
                print(f"the unedited post does not verify:\n{text}", file=sys.stderr)
                return 1
        work = Path(tmp) / "edits"
        start = time.perf_counter()
        outcomes = corpus.measure(posts, work)
        seconds = time.perf_counter() - start
        text = report(outcomes, seconds, work)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
