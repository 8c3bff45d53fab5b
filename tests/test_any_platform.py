"""Any platform, any period (issue 12): `draft` on generated hostile-but-valid platforms.

For each seed, tests/platforms.py writes a platform (usage.csv + models.csv) and this test
drafts one period of it, of every kind in turn (2025H1, 2025Q2, 2025-05, 2025, 2025W07,
a..b with arbitrary dates, and the whole data range), mostly overlapping the data and
sometimes not. The contract:
- `draft` exits 0 and `verify` accepts its two posts as a pair (exit 0), or `draft` exits 2
  with one clear message ("error: ..."). Never a traceback (an exception escaping
  `writer.cli.main`), never exit 1 on its own output.
- Text claims checked mechanically from the output (see `_text_checks`): in a top-N extract
  nothing "launched" unless the registry gave a release date, nothing "fell to 0%"; a
  leader's "first for N weeks" counts only weeks with data in its chart; with
  `--platform X --unit tokens` neither post (nor a chart spec) says Poe, subscriber(s),
  订阅, messages or 消息.

Speed: the cases call `writer.cli.main([...])` in-process (no interpreter start-up per
case). Rendering charts through vl-convert (~0.6 s a chart, several charts a language) is
most of a draft's time and says nothing about the words or numbers, so for most cases
`writer.charts._start_many` is replaced by a stub returning a fixed SVG/PNG; the Vega-Lite
JSON is still written by the real `export`. One case in RENDER_EVERY really renders, so a
spec that vl-convert rejects (an odd name, an empty chart) still fails here.

Reproduce a failure with the one command it prints, e.g.

    python tests/platforms.py --seed 17 --out /tmp/p17 && python -m writer draft ...

or re-run one case: `python -m pytest tests/test_any_platform.py -k 'case[17]'`.
The whole classification (for notes/gen-failures.md):
`python tests/test_any_platform.py --seeds 0:360` (grouped by class, with a name
ablation: does the failure go with plain names, or without one feature of the names).
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shlex
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import platforms  # noqa: E402

CI_CASES = 360  # about 300 of them draft; the rest are periods outside the data (exit 2)
# under `slow` (CI runs it; `-m "not slow"` skips it): ~0.25 s a case; WRITER_GEN_SLOW=N for more
SLOW_CASES = int(os.environ.get("WRITER_GEN_SLOW", "640"))
RENDER_EVERY = 15
PLATFORM = "Acme Rankings"
FORBIDDEN = re.compile(r"\bpoe\b|subscriber|订阅|\bmessages?\b|消息", re.I)
ZERO_PCT = re.compile(r"(?<![\d.,])0(?:\.0+)?\s?%|\bto zero\b|\bto 0\b|降至0|跌至0|降为0|归零")


def _supports(flag: str) -> bool:
    from writer.cli import build_parser

    p = build_parser("draft")
    sub = next(a for a in p._actions if a.__class__.__name__ == "_SubParsersAction")
    return any(flag in a.option_strings for a in sub.choices["draft"]._actions)


@dataclass
class Outcome:
    seed: int
    period: str
    argv: list[str]
    rc: int | None = None
    stdout: str = ""
    stderr: str = ""
    traceback: str = ""
    problems: list[str] = field(default_factory=list)  # (class key, detail)
    klass: str = ""
    base: str = ""  # klass without the name ablation
    top_n: int | None = None  # the N of a detected top-N extract

    def command(self, folder: str) -> str:
        argv = [a.replace(str(self._root), folder) for a in self.argv] if self._root else self.argv
        return (f"python tests/platforms.py --seed {self.seed} --out {folder} && "
                f"python -m writer {shlex.join(argv)}")

    _root: Path | None = None


def _call(argv: list[str]) -> tuple[int | None, str, str, str]:
    """writer.cli.main in-process: (exit code, stdout, stderr, traceback or '')."""
    from writer import cli

    out, err = io.StringIO(), io.StringIO()
    tb = ""
    rc = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = cli.main(argv)
        except SystemExit as exc:  # argparse
            rc = exc.code if isinstance(exc.code, int) else 2
        except BaseException:  # noqa: BLE001 - any escape is a traceback the user would see
            tb = traceback.format_exc()
    return rc, out.getvalue(), err.getvalue(), tb


def pick_period(seed: int, data: Path) -> tuple[str, bool]:
    text = data.read_text(encoding="utf-8").splitlines()[1:]
    mondays = sorted({date.fromisoformat(line[:10]) for line in text})
    kind = platforms.PERIOD_KINDS[seed % len(platforms.PERIOD_KINDS)]
    overlap = random.Random(f"overlap:{seed}").random() < 0.85
    return platforms.period_for(seed, kind, mondays[0], mondays[-1], overlap), overlap


def _chart_data_weeks(usage_csv: Path, models_csv: Path, weeks: tuple[date, ...]) -> dict:
    """chart → number of the period's weeks with a positive counted total (user trigger,
    not excluded): the weeks 'first for N weeks' may count."""
    import csv

    excluded = set()
    with open(models_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("excluded", "").strip().lower() in ("true", "1", "yes", "y", "t"):
                excluded.add(row["bot"].strip())
    inside = set(weeks)
    have: dict[str, set] = {}
    with open(usage_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row.get("trigger") or "user").strip() not in ("user", ""):
                continue
            if row["bot"].strip() in excluded or int(row["messages"]) <= 0:
                continue
            w = date.fromisoformat(row["week"])
            if w not in inside:
                continue
            # categories are compared as the loader compares them: no case, no extra spaces
            category = " ".join(row["category"].split()).lower()
            have.setdefault(category, set()).add(w)
            if category == "text" and \
                    (row.get("reasoning") or "").strip().lower() in ("true", "1", "yes", "y", "t"):
                have.setdefault("reasoning", set()).add(w)
    return {k: len(v) for k, v in have.items()}


def _text_checks(o: Outcome, knobs, posts: dict[str, str], specs: str, analysis,
                 folder: Path, platform_flags: bool) -> None:
    topn = analysis is not None and getattr(analysis.shares, "top_n", None)
    if platform_flags:
        for lang, text in posts.items():
            for m in FORBIDDEN.finditer(text):
                ctx = text[max(0, m.start() - 60):m.end() + 40].replace("\n", " ")
                o.problems.append(("forbidden word with --platform/--unit tokens",
                                   f"{lang}: {m.group(0)!r} in …{ctx}…"))
                break
        m = FORBIDDEN.search(specs)
        if m:
            ctx = specs[max(0, m.start() - 60):m.end() + 40]
            o.problems.append(("forbidden word in a chart spec", f"{m.group(0)!r} in …{ctx}…"))
    if topn:
        released = any(f.released for f in analysis.dataset.registry.families.values()
                       if f.registered)
        if not released:
            for lang, pat in (("en", r"\blaunch"), ("zh", r"上线|推出|发布")):
                m = re.search(pat, posts.get(lang, ""))
                if m:
                    t = posts[lang]
                    o.problems.append(("top-N: 'launched' without a released date",
                                       f"{lang}: …{t[max(0, m.start() - 80):m.end() + 40]}…"
                                       .replace("\n", " ")))
        for lang, text in posts.items():
            body = text.split("\n---", 2)[-1]
            m = ZERO_PCT.search(body)
            if m:
                o.problems.append(("top-N: a model said to be at 0%",
                                   f"{lang}: …{body[max(0, m.start() - 80):m.end() + 20]}…"
                                   .replace("\n", " ")))
    if analysis is not None:
        vocab = analysis.vocab
        for lang, text in posts.items():
            note = vocab.top_n_note(lang) if topn else None
            body = text.split("\n---", 2)[-1]
            head, _, rest = body.partition("\n## ")
            tail = rest.rsplit("\n## ", 1)[-1]
            if note and not (note in head and note in tail):
                o.problems.append(("top-N: the extract is not said in the data note and the "
                                   "footnotes", f"{lang}: {note!r} in lead: {note in head}, in "
                                   f"the last section: {note in tail}"))
            said = re.search(r"entered the top \d|进入前\d+名|top-\d+ extract|榜单摘录", body)
            if not topn and said:
                o.problems.append(("top-N wording on full data",
                                   f"{lang}: …{body[max(0, said.start() - 80):said.end() + 20]}…"
                                   .replace("\n", " ")))
        have = _chart_data_weeks(folder / "usage.csv", folder / "models.csv",
                                 tuple(analysis.weeks.mondays))
        for f in analysis.findings:
            fact = f.facts.get("weeks_led")
            if fact is not None and fact.value > have.get(f.chart, 0):
                o.problems.append(("'first for N weeks' counts weeks without data",
                                   f"{f.id} {f.kind} {f.subject!r} in {f.chart}: weeks_led "
                                   f"{fact.value} > {have.get(f.chart, 0)} weeks with data"))


def run_case(seed: int, root: Path, render: bool | None = None, tame: bool | str = False) -> Outcome:
    """Generate seed's platform under root, draft one period, verify; classify the result."""
    from writer import charts, pipeline

    folder = root / (f"p{seed}" + (f"-{tame}" if tame else ""))
    knobs = platforms.write(seed, folder, tame)
    period, overlap = pick_period(seed, folder / "usage.csv")
    platform_flags = _supports("--platform") and random.Random(f"pf:{seed}").random() < 0.8
    argv = ["draft", "--period", period, "--data", str(folder / "usage.csv"),
            "--models", str(folder / "models.csv"), "--out", str(folder / "out"), "--no-cache"]
    if platform_flags:
        argv += ["--platform", PLATFORM, "--unit", "tokens"]
    if knobs.declare_top_n:
        argv += ["--config", str(folder / "writer.toml")]
    o = Outcome(seed, period, argv)
    o._root = folder
    render = (seed % RENDER_EVERY == 0) if render is None else render

    captured = []
    real_analyse, real_many, real_start = (pipeline.analyse, charts._start_many,
                                           charts.start_renderer)

    def analyse(*a, **kw):
        result = real_analyse(*a, **kw)
        captured.append(result)
        return result

    def stub(jobs, scale, workers):  # see the module docstring: rendering is the cost
        return lambda: [('<svg xmlns="http://www.w3.org/2000/svg"/>',
                         b"\x89PNG stub" if png else None) for _spec, png in jobs]

    pipeline.analyse = analyse
    if not render:
        charts._start_many, charts.start_renderer = stub, (lambda cache: None)
    try:
        o.rc, o.stdout, o.stderr, o.traceback = _call(argv)
    finally:
        pipeline.analyse, charts._start_many, charts.start_renderer = (
            real_analyse, real_many, real_start)

    if o.traceback:
        o.problems.append(("traceback", o.traceback))
    elif o.rc == 2:
        errors = [ln for ln in o.stderr.splitlines() if ln.startswith("error:")]
        if len(errors) != 1:
            o.problems.append(("exit 2 without one 'error:' message", o.stderr[-800:]))
    elif o.rc == 1:
        o.problems.append(("draft exit 1 on its own output", o.stderr[-1500:]))
    elif o.rc != 0:
        o.problems.append((f"draft exit {o.rc}", o.stderr[-800:]))
    else:
        posts = [ln for ln in o.stdout.splitlines() if ln.endswith(".md")]
        vargv = ["verify", *posts, "--data", str(folder / "usage.csv"),
                 "--models", str(folder / "models.csv")]
        if platform_flags:
            vargv += ["--platform", PLATFORM, "--unit", "tokens"]
        if knobs.declare_top_n:
            vargv += ["--config", str(folder / "writer.toml")]
        vrc, vout, verr, vtb = _call(vargv)
        if vtb:
            o.problems.append(("verify traceback", vtb))
        elif vrc != 0:
            o.problems.append(("verify rejects draft's own posts", (vout + verr)[-1500:]))
        texts = {("zh" if p.endswith("-zh.md") else "en"): Path(p).read_text(encoding="utf-8")
                 for p in posts}
        specs = "\n".join(p.read_text(encoding="utf-8")
                          for p in (folder / "out" / "assets").rglob("*.vl.json"))
        _text_checks(o, knobs, texts, specs, captured[-1] if captured else None, folder,
                     platform_flags)
    if captured:
        o.top_n = getattr(captured[-1].shares, "top_n", None)
    o.klass = classify(o)
    return o


def classify(o: Outcome) -> str:
    """A short key per failure class: exception + innermost writer frame, or the message shape."""
    if not o.problems:
        return ""
    kind, detail = o.problems[0]
    if kind in ("traceback", "verify traceback"):
        lines = detail.strip().splitlines()
        exc = lines[-1].split(":")[0]
        frames = re.findall(r'File "([^"]+)", line (\d+), in (\w+)', detail)
        ours = [f for f in frames if "/writer/" in f[0]] or frames
        where = f"{Path(ours[-1][0]).name}:{ours[-1][2]}" if ours else "?"
        return f"{kind}: {exc} at {where}"
    if kind in ("draft exit 1 on its own output", "verify rejects draft's own posts"):
        # the message shape: the first checker line, without position, value and names
        lines = [ln for ln in detail.splitlines()
                 if re.search(r"^(error: )?(<text>|\S+\.md):\d+:\d+: |^error: |^parity: ", ln)]
        first = lines[0] if lines else detail.strip().splitlines()[-1]
        first = re.sub(r"^(error: )?(<text>|\S+\.md):\d+:\d+: ", "", first)
        first = re.sub(r"^error: ", "", first)
        m = re.match(r"'[^']*': (no (?!number)[\w ]+? of|.*)", first)
        shape = m.group(1) if m else first
        if not shape.endswith(" of"):  # the first seven words say the kind of check
            shape = " ".join(shape.split()[:7])
        shape = re.sub(r"\bF\d+\.\w+", "F.fact", shape) + " …"
        shape = re.sub(r"\d[\d.,]*", "N", shape)
        return f"{kind}: {shape}"
    return kind


def _failure_text(o: Outcome) -> str:
    parts = [f"seed {o.seed}, period {o.period}: {o.klass}",
             "reproduce: " + o.command(f"/tmp/p{o.seed}"),
             f"or: python -m pytest tests/test_any_platform.py -k 'case[{o.seed}]'"]
    for kind, detail in o.problems:
        parts.append(f"--- {kind}\n{detail[-3000:]}")
    return "\n".join(parts)


def _check(o: Outcome) -> None:
    if o.problems:
        pytest.fail(_failure_text(o), pytrace=False)


@pytest.mark.parametrize("seed", range(CI_CASES))
def test_case(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no writer.toml of the developer's
    _check(run_case(seed, tmp_path))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(CI_CASES, CI_CASES + SLOW_CASES))
def test_case_slow(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _check(run_case(seed, tmp_path))


def test_generator_is_deterministic_and_valid(tmp_path):
    """Same seed, same bytes; every generated file loads without an input error."""
    from writer.load import load

    for seed in (0, 1, 7, 123):
        assert platforms.generate(seed)[:2] == platforms.generate(seed)[:2]
        platforms.write(seed, tmp_path / str(seed))
        load(tmp_path / str(seed) / "usage.csv", tmp_path / str(seed) / "models.csv")


def test_generator_covers_the_knobs():
    """The CI seeds reach every knob the issue names, so 300 cases test what they claim."""
    ks = [platforms.draw_knobs(s) for s in range(CI_CASES)]
    assert max(k.weeks for k in ks) >= 300 and min(k.weeks for k in ks) == 1
    assert max(k.bots for k in ks) >= 1000 and min(k.bots for k in ks) == 1
    assert sum(k.top_n is not None for k in ks) > 50
    assert sum(k.empty_provider > 0 for k in ks) > 50
    cats = {c for k in ks for c in k.categories}
    assert {"tools", "embeddings", "music"} <= cats
    kinds = Counter(platforms.PERIOD_KINDS[s % len(platforms.PERIOD_KINDS)] for s in range(CI_CASES))
    assert set(kinds) == set(platforms.PERIOD_KINDS)


# ------------------------------------------------------------------ classification CLI


def _main(argv: list[str]) -> int:
    import argparse
    import tempfile
    import time

    p = argparse.ArgumentParser(description="run many seeds and group the failures by class")
    p.add_argument("--seeds", default="0:300", help="A:B (half-open)")
    p.add_argument("--render", action="store_true", help="really render every chart")
    args = p.parse_args(argv)
    a, b = map(int, args.seeds.split(":"))
    classes: dict[str, list[Outcome]] = {}
    rcs = Counter()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        import os

        os.chdir(tmp)
        for seed in range(a, b):
            o = run_case(seed, Path(tmp), render=True if args.render else None)
            if o.problems:  # the same platform with plain names: does the failure go?
                t = run_case(seed, Path(tmp), render=False, tame=True)
                o.base = o.klass
                if t.problems:
                    o.klass += f" [names: with plain names it fails as: {t.klass}]"
                else:  # which feature of the names? the ones whose removal fixes it
                    fixes = [f for f in platforms.NAME_FEATURES
                             if not run_case(seed, Path(tmp), render=False, tame=f).problems]
                    o.klass += f" [names: {'+'.join(fixes) or 'no single feature'}]"
            rcs[o.rc] += 1
            rcs[f"top-N detected, exit {o.rc}"] += o.top_n is not None
            for kind, _ in o.problems[:1]:
                classes.setdefault(o.klass, []).append(o)
            if o.rc == 2 and not o.problems:
                msg = next((ln for ln in o.stderr.splitlines() if ln.startswith("error:")), "")
                shape = re.sub(r"\d[\d\-.,]*", "N", msg)[:100]
                classes.setdefault("(ok) exit 2: " + shape, []).append(o)
            print(f"seed {seed}: rc={o.rc} {o.klass}", file=sys.stderr, flush=True)
    print(f"# {b - a} cases in {time.perf_counter() - t0:.0f} s; exit codes {dict(rcs)}\n")
    for klass, items in sorted(classes.items(), key=lambda kv: (kv[0].startswith("(ok)"),
                                                                 -len(kv[1]))):
        smallest = min(items, key=lambda o: (platforms.draw_knobs(o.seed).weeks
                                             * platforms.draw_knobs(o.seed).bots))
        print(f"## {klass}\ncount: {len(items)}; seeds: {', '.join(str(o.seed) for o in items[:25])}"
              f"{' …' if len(items) > 25 else ''}")
        print(f"minimal: seed {smallest.seed}, period {smallest.period}\n```\n"
              f"{smallest.command(f'/tmp/p{smallest.seed}')}\n```")
        if smallest.problems:
            print("```\n" + "\n".join(d.strip()[-1200:] for _, d in smallest.problems[:2]) + "\n```")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
