"""`writer eval`: a bake-off of LLMs drafting under verification, on the user's own data.

For each model, every job the draft stage would send (the frame and each section, in each
language) is drafted `--runs` times through the same code drafting uses
(`writer.draft.draft_with_llm`, so the same prompts, checks, repair rounds and fallbacks),
with the cache off and seed `--seed + run`. A thin recorder around the backend keeps every
request and reply, so each reply is also scored on its own:

- per job:   verified on the first try, verified after repair, or fell back;
- per reply: not JSON, JSON of the wrong shape, numbers the model typed itself
             (`writer.draft.typed_numbers`), slot ids that name no fact, latency, tokens;
- per run:   findings covered (fact ids cited in verified texts, out of those offered in
             the prompts) and EN/ZH parity (a section verified in both languages cites the
             same fact ids in both).

Models are ranked by first-try verification rate, then fallback rate, then median latency.
The report is `eval.md`, `eval.json` (sorted keys) and a chart (`eval-chart.svg/.png/.vl.json`)
in `--out`. Eval never renders or writes a post: whatever a model drafted lives only in the
report's counts.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import threading
import time
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from writer.draft import (
    FRAME_SCHEMA,
    PERIOD_SLOT,
    SECTION_SCHEMA,
    SLOT,
    Context,
    Plan,
    _shape_problems,
    draft_with_llm,
    frame_findings,
    make_plan,
    typed_numbers,
)
from writer.errors import InputError, Problem, UsageError, strip_url_credentials
from writer.outfile import write_atomic
from writer.llm import ChatReply, ChatRequest, LLMError, OpenAIBackend

DEFAULT_DATA = "data/usage.csv"
DEFAULT_MODELS = "data/models.csv"
REPORT_STEM = "eval"
CHART_STEM = "eval-chart"
TEXT_FIELDS = ("headline", "bullets", "takeaway", "title", "lead", "highlights", "conclusion")


# ------------------------------------------------------------------ command line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from writer.cli import profile_args

    profile_args(parser)
    parser.add_argument("--period", required=True,
                        help="2025H1, 2025Q2, 2025-05, 2025, 2025W07 or 2025-01-06..2025-05-25")
    parser.add_argument("--base-url", default=None,
                        help="OpenAI-compatible endpoint (env WRITER_BASE_URL, then "
                             "OPENAI_BASE_URL)")
    parser.add_argument("--model", action="append", default=None, metavar="NAME",
                        help="a model to evaluate; repeat for each (env WRITER_MODEL for one)")
    parser.add_argument("--runs", type=int, default=5,
                        help="drafts of every section and language per model (default 5)")
    parser.add_argument("--seed", type=int, default=7,
                        help="seed of the first run; run n uses seed+n (default 7)")
    parser.add_argument("--lang", default="en,zh",
                        help="languages, comma-separated (default en,zh)")
    parser.add_argument("--prices", default=None, metavar="prices.toml",
                        help='per-model prices: [models."NAME"] input_per_mtok, output_per_mtok')
    parser.add_argument("--out", default="output/eval",
                        help="folder for the report (default output/eval)")
    parser.add_argument("--data", default=None,
                        help=f"usage table, CSV or Parquet (default {DEFAULT_DATA})")
    parser.add_argument("--models", default=None,
                        help=f"model registry CSV (default {DEFAULT_MODELS}, if present)")
    parser.add_argument("--api-key-env", default=None,
                        help="name of the env variable holding the API key (default "
                             "OPENAI_API_KEY)")
    parser.add_argument("--concurrency", type=int, default=None,
                        help="LLM calls in flight at once (default 4)")
    parser.add_argument("--repair", type=int, default=None,
                        help="repair rounds for a section that fails its checks (default 1)")
    parser.add_argument("--context", default=None, metavar="FILE",
                        help="Markdown notes on launches and events, as for draft --context")


def run(args: argparse.Namespace, stdout: TextIO | None = None,
        stderr: TextIO | None = None) -> int:
    """Run `writer eval`. The report's paths go to stdout, progress to stderr.

    Exit 0 when the report is written; 1 when it is written but some model could not be
    evaluated at all (every request failed: wrong URL, model or key); WriterError (exit 2)
    for bad flags or input.
    """
    from writer.load import load
    from writer.periods import parse_period, resolve_weeks
    from writer.pipeline import analyse
    from writer.pipeline import context as pipeline_context
    from writer.vocab import Profile
    from writer.prompts import load_prompts
    from writer.settings import load_config, resolve_llm_settings

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if args.runs < 1:
        raise UsageError(Problem("--runs must be 1 or more", value=str(args.runs),
                                 fix="e.g. --runs 5"))
    langs = _langs(args.lang)
    config = load_config(None)
    flags = {"llm": "openai", "base_url": args.base_url, "api_key_env": args.api_key_env,
             "concurrency": args.concurrency, "repair": args.repair, "use_cache": False,
             "model": (args.model or [None])[0]}
    base = resolve_llm_settings(flags, os.environ, config.get("llm", {}))
    models = list(dict.fromkeys(args.model or [base.model]))
    out = Path(args.out)
    # No cached answers are read or written; the cache folder only keeps modes.json, which
    # remembers which structured-output mode each endpoint accepts.
    base = replace(base, use_cache=False, cache_dir=out / ".llm-modes")
    prices = load_prices(Path(args.prices), models) if args.prices else {}

    data = args.data or DEFAULT_DATA
    registry = args.models
    if registry is None and Path(DEFAULT_MODELS).exists():
        registry = DEFAULT_MODELS
    dataset = load(data, registry)
    weeks = resolve_weeks(parse_period(args.period), dataset.mondays)
    profile = Profile.from_config(config, platform=args.platform, unit=args.unit)
    a = analyse(dataset, weeks, profile=profile)
    plan = make_plan(a.findings, a.shares.charts)
    # The same Context pipeline.draft builds, so the prompts are the ones a draft sends.
    from writer.cli import context_notes

    ctx = pipeline_context(a, plan, context_notes(getattr(args, "context", None)))
    prompts = load_prompts(None)

    def progress(text: str) -> None:
        stderr.write(f"eval: {text}\n")
        stderr.flush()

    results = []
    for model in models:
        settings = replace(base, model=model)
        results.append(evaluate_model(ctx, prompts, plan, langs, settings, runs=args.runs,
                                      seed=args.seed, progress=progress))
    report = build_report(results, prices, period=weeks.label, langs=langs, runs=args.runs,
                          seed=args.seed, repair=base.repair, base_url=base.base_url or "")
    paths = write_report(report, out)
    for path in paths:
        stdout.write(f"{path}\n")
    dead = [m["model"] for m in report["models"] if m["requests"]["answered"] == 0]
    for model in dead:
        stderr.write(f"warning: no request to model '{model}' was answered; see "
                     f"'errors' in {out / (REPORT_STEM + '.json')}\n")
    return 1 if dead else 0


def _langs(text: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(x.strip() for x in text.split(",") if x.strip()))
    if not langs or any(x not in ("en", "zh") for x in langs):
        raise UsageError(f"--lang {text!r}: the languages are en and zh, e.g. --lang en,zh")
    return langs


def load_prices(path: Path, models: Sequence[str]) -> dict[str, dict[str, float]]:
    """[models."NAME"] input_per_mtok = 0.15, output_per_mtok = 0.60 (USD per million tokens)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(Problem(f"cannot read the prices file ({exc.strerror})",
                                 file=str(path), fix="check the path given to --prices")) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(Problem(f"not valid TOML: {exc}", file=str(path),
                                 fix='write [models."NAME"] tables')) from None
    table = data.get("models", {})
    if not isinstance(table, dict):
        raise InputError(Problem("'models' must be a table", file=str(path),
                                 fix='write [models."NAME"] tables'))
    prices: dict[str, dict[str, float]] = {}
    problems = []
    for name, entry in table.items():
        if not isinstance(entry, dict):
            problems.append(Problem(f"models.{name} must be a table", file=str(path),
                                    fix='write [models."NAME"] with input_per_mtok and '
                                        "output_per_mtok"))
            continue
        row = {}
        for key in ("input_per_mtok", "output_per_mtok"):
            value = entry.get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                problems.append(Problem(f'models."{name}".{key} must be a number >= 0',
                                        file=str(path), value=None if value is None else str(value),
                                        fix=f"set {key} in USD per million tokens"))
            else:
                row[key] = float(value)
        unknown = sorted(set(entry) - {"input_per_mtok", "output_per_mtok"})
        if unknown:
            problems.append(Problem(f'unknown key(s) {", ".join(unknown)} in models."{name}"',
                                    file=str(path), fix="use input_per_mtok and output_per_mtok"))
        if len(row) == 2:
            prices[name] = row
    if problems:
        raise InputError(problems)
    return {m: prices[m] for m in models if m in prices}


# ------------------------------------------------------------------ running one model


@dataclass(frozen=True)
class ReplyScore:
    """One request and what came back."""

    key: str
    run: int
    round: int  # 0 = first try, 1 = first repair, ...
    error: str | None  # the LLMError text when the request failed
    invalid_json: bool = False
    bad_schema: bool = False
    typed: tuple[str, ...] = ()  # numbers the model typed itself
    unknown_ids: tuple[str, ...] = ()  # slot / facts_used ids that name no fact
    latency_s: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass(frozen=True)
class JobResult:
    key: str  # 'frame/en', 'text/zh', ...
    run: int
    status: str  # the model's: 'llm' (verified first try), 'llm-repaired', 'failed', or
    #              'not asked' (the language drafted first fell back)
    published: str  # what the draft kept: the same, or 'fallback' when a verified text was
    #                 dropped so that every language cites the same facts
    offered: tuple[str, ...]  # fact ids offered as slots in the prompt
    cited: tuple[str, ...]  # fact ids cited by the verified text; () when it failed
    problems: tuple[str, ...] = ()


@dataclass
class ModelResult:
    model: str
    jobs: list[JobResult] = field(default_factory=list)
    replies: list[ReplyScore] = field(default_factory=list)
    seeded: bool = True  # False when the endpoint refused seeds and runs went without them
    wall_s: float = 0.0


class _Recorder:
    """Wraps a backend: passes every request through and keeps (request, reply or error)."""

    offline = False

    def __init__(self, backend: OpenAIBackend):
        self.backend = backend
        self.calls: list[tuple[ChatRequest, ChatReply | LLMError]] = []
        self._lock = threading.Lock()

    def complete(self, req: ChatRequest, on_event=None) -> ChatReply:
        try:
            reply = self.backend.complete(req, on_event=on_event)
        except LLMError as exc:
            with self._lock:
                self.calls.append((req, exc))
            raise
        with self._lock:
            self.calls.append((req, reply))
        return reply

    def usage(self):
        return self.backend.usage()


def evaluate_model(ctx: Context, prompts, plan: Plan, langs: Sequence[str], settings,
                   *, runs: int, seed: int, progress=lambda text: None) -> ModelResult:
    from writer.offline import write_offline

    offline = {lang: write_offline(ctx, plan, lang) for lang in langs}
    offered = _offered(plan)
    result = ModelResult(settings.model)
    started = time.monotonic()
    for n in range(runs):
        run_seed: int | None = seed + n if result.seeded else None
        t0 = time.monotonic()
        recorder, outcomes = _one_run(ctx, prompts, plan, langs, settings, run_seed,
                                              offline)
        if run_seed is not None and _refuses_seed(recorder):
            progress(f"{settings.model}: the endpoint refuses 'seed'; running without seeds")
            result.seeded = False
            recorder, outcomes = _one_run(ctx, prompts, plan, langs, settings, None,
                                                  offline)
        result.replies.extend(score_replies(ctx, recorder.calls, n))
        result.jobs.extend(judge_jobs(ctx, plan, recorder.calls, outcomes, offered, n))
        counts = {s: sum(j.status == s for j in result.jobs if j.run == n)
                  for s in ("llm", "llm-repaired", "failed")}
        kept = sum(j.published == "fallback" for j in result.jobs if j.run == n)
        progress(f"{settings.model} run {n + 1}/{runs}: {counts['llm']} verified first try, "
                 f"{counts['llm-repaired']} after repair, {counts['failed']} failed; "
                 f"{kept} fell back "
                 f"({time.monotonic() - t0:.1f} s)")
    result.wall_s = time.monotonic() - started
    return result


def _one_run(ctx, prompts, plan, langs, settings, seed, offline):
    backend = OpenAIBackend(replace(settings, seed=seed, use_cache=False))
    recorder = _Recorder(backend)
    try:
        _, outcomes = draft_with_llm(ctx, prompts, plan, langs, recorder, offline,
                                          concurrency=settings.concurrency,
                                          repair=settings.repair)
    finally:
        backend.close()
    return recorder, outcomes


def _refuses_seed(recorder: _Recorder) -> bool:
    errors = [r for _, r in recorder.calls if isinstance(r, LLMError)]
    return bool(errors) and len(errors) == len(recorder.calls) and any(
        e.status == 400 and "seed" in e.message.lower() for e in errors)


def _offered(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Fact ids each job's prompt offers as slots (what writer.draft._finding_brief lists)."""

    def ids(findings) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fact.id for f in findings for fact in f.facts.values()
                                   if fact.unit != "date"))

    offered = {"frame": ids(frame_findings(plan))}
    for section in plan.sections:
        offered[section.chart] = ids(section.findings)
    return offered


def judge_jobs(ctx: Context, plan: Plan, calls, outcomes, offered, run_index: int
               ) -> list[JobResult]:
    """Each job's result as the model earned it, and as the draft kept it.

    draft_with_llm's Outcome says both: `verified` is what the model's own text earned (first
    try, after repair, or never), `status` what the post would use. A text that verified can
    still be dropped there (the other language fell back, so every language takes the offline
    text to cite the same facts): that is 'dropped for parity'. A part whose first language
    fell back is not asked in the others ('not asked').
    """
    jobs = []
    for outcome in outcomes:
        part = outcome.key.rsplit("/", 1)[0]
        if outcome.verified is not None:
            status = outcome.verified
        elif not outcome.asked:
            status = "not asked"
        else:
            status = "failed"
        jobs.append(JobResult(outcome.key, run_index, status, outcome.status,
                              offered.get(part, ()), outcome.cited, outcome.problems))
    return jobs


def score_replies(ctx: Context, calls, run_index: int) -> list[ReplyScore]:
    """Score each reply the recorder saw, in a stable order (key, then round)."""
    scores = []
    for req, reply in calls:
        round_ = max(0, (len(req.messages) - 2) // 2)
        lang = req.key.rsplit("/", 1)[-1]
        if isinstance(reply, LLMError):
            scores.append(ReplyScore(req.key, run_index, round_, str(reply)))
            continue
        schema = FRAME_SCHEMA if req.schema_name == "frame" else SECTION_SCHEMA
        parsed = reply.parsed
        invalid = parsed is None
        bad_schema = not invalid and bool(_shape_problems(parsed, schema))
        typed: list[str] = []
        unknown: list[str] = []
        if isinstance(parsed, dict):
            for text in _texts(parsed):
                typed.extend(typed_numbers(text, lang, ctx.names))
                for m in SLOT.finditer(text):
                    head, name = m.group(1), m.group(2)
                    if head == PERIOD_SLOT and name is None:
                        continue
                    fact_id = f"{head}.{name}" if name else head
                    if ctx.fact(fact_id) is None:
                        unknown.append(fact_id)
            used = parsed.get("facts_used")
            if isinstance(used, list):
                for item in used:
                    fact_id = str(item).strip().strip("{}").strip().split("|")[0].strip()
                    if fact_id and fact_id != PERIOD_SLOT and ctx.fact(fact_id) is None:
                        unknown.append(fact_id)
        scores.append(ReplyScore(
            req.key, run_index, round_, None, invalid, bad_schema, tuple(typed),
            tuple(dict.fromkeys(unknown)), reply.latency_s, reply.prompt_tokens,
            reply.completion_tokens))
    scores.sort(key=lambda s: (s.key, s.round))
    return scores


def _texts(parsed: Mapping[str, Any]) -> list[str]:
    texts = []
    for key in TEXT_FIELDS:
        value = parsed.get(key)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts.extend(v for v in value if isinstance(v, str))
    return texts


# ------------------------------------------------------------------ the report


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def summarise(result: ModelResult, price: Mapping[str, float] | None, langs: Sequence[str],
              runs: int) -> dict:
    jobs = result.jobs
    n = len(jobs)
    first = sum(j.status == "llm" for j in jobs)
    repaired = sum(j.status == "llm-repaired" for j in jobs)
    failed = sum(j.status == "failed" for j in jobs)
    not_asked = sum(j.status == "not asked" for j in jobs)
    dropped = sum(j.status in ("llm", "llm-repaired") and j.published == "fallback"
                  for j in jobs)
    fallback = sum(j.published == "fallback" for j in jobs)
    answered = [r for r in result.replies if r.error is None]
    latencies = [r.latency_s for r in answered]
    offered = sum(len(j.offered) for j in jobs)
    cited = sum(len(set(j.cited) & set(j.offered)) for j in jobs)

    # EN/ZH parity, per run and section: compared when both languages verified.
    pairs = equal = 0
    if "en" in langs and "zh" in langs:
        by = {(j.run, j.key): j for j in jobs}
        for (run_index, key), job in sorted(by.items()):
            part, lang = key.rsplit("/", 1)
            if lang != "en":
                continue
            other = by.get((run_index, f"{part}/zh"))
            if other is None or not {job.status, other.status} <= {"llm", "llm-repaired"}:
                continue
            pairs += 1
            equal += set(job.cited) == set(other.cited)

    posts = runs * len(langs)
    prompt_tokens = sum(r.prompt_tokens for r in answered)
    completion_tokens = sum(r.completion_tokens for r in answered)
    cost = None
    if price is not None and posts:
        cost = (prompt_tokens * price["input_per_mtok"]
                + completion_tokens * price["output_per_mtok"]) / 1e6 / posts

    sections: dict[str, dict[str, int]] = {}
    for j in jobs:
        row = sections.setdefault(j.key, {"first_try": 0, "repaired": 0, "failed": 0,
                                          "not_asked": 0, "dropped_for_parity": 0,
                                          "fallback": 0})
        row[{"llm": "first_try", "llm-repaired": "repaired",
             "not asked": "not_asked"}.get(j.status, "failed")] += 1
        row["dropped_for_parity"] += (j.status in ("llm", "llm-repaired")
                                      and j.published == "fallback")
        row["fallback"] += j.published == "fallback"
    errors = sorted({r.error for r in result.replies if r.error})

    return {
        "model": result.model,
        "seeded": result.seeded,
        "sections": {
            "total": n,
            "first_try": first,
            "repaired": repaired,
            "failed_checks": failed,
            "not_asked": not_asked,
            "dropped_for_parity": dropped,
            "fallback": fallback,
            "first_try_rate": _rate(first, n),
            "repaired_rate": _rate(repaired, n),
            "fallback_rate": _rate(fallback, n),
        },
        "replies": {
            "total": len(answered),
            "invalid_json": sum(r.invalid_json for r in answered),
            "bad_schema": sum(r.bad_schema for r in answered),
            "typed_numbers": sum(len(r.typed) for r in answered),
            "replies_with_typed_numbers": sum(bool(r.typed) for r in answered),
            "unknown_fact_ids": sum(len(r.unknown_ids) for r in answered),
        },
        "requests": {
            "sent": len(result.replies),
            "answered": len(answered),
            "failed": len(result.replies) - len(answered),
        },
        "coverage": {"cited": cited, "offered": offered, "rate": _rate(cited, offered)},
        "parity": {"pairs": pairs, "equal": equal, "rate": _rate(equal, pairs)},
        "latency_s": {
            "median": _r(statistics.median(latencies) if latencies else None),
            "p95": _r(percentile(latencies, 95)),
        },
        "tokens_per_post": {
            "prompt": _r(prompt_tokens / posts if posts else 0, 1),
            "completion": _r(completion_tokens / posts if posts else 0, 1),
            "total": _r((prompt_tokens + completion_tokens) / posts if posts else 0, 1),
        },
        "cost_per_post_usd": _r(cost, 6),
        "price": dict(price) if price is not None else None,
        "wall_s": _r(result.wall_s, 1),
        "by_section": {k: sections[k] for k in sorted(sections)},
        "errors": errors[:10],
    }


def rank_key(summary: Mapping[str, Any]) -> tuple:
    """First-try verification rate (high first), fallback rate (low first), median latency."""
    median = summary["latency_s"]["median"]
    return (-summary["sections"]["first_try_rate"], summary["sections"]["fallback_rate"],
            median if median is not None else math.inf, summary["model"])


def build_report(results: Sequence[ModelResult], prices: Mapping[str, Mapping[str, float]],
                 *, period: str, langs: Sequence[str], runs: int, seed: int, repair: int,
                 base_url: str) -> dict:
    summaries = [summarise(r, prices.get(r.model), langs, runs) for r in results]
    summaries.sort(key=rank_key)
    for i, s in enumerate(summaries, 1):
        s["rank"] = i
    return {
        "period": period,
        "langs": list(langs),
        "runs": runs,
        "seeds": [seed + n for n in range(runs)],
        "repair_rounds": repair,
        "base_url": strip_url_credentials(base_url),  # the report is shared: no user:KEY@
        "cache": False,
        "ranking": "first-try verification rate, then fallback rate, then median latency",
        "models": summaries,
    }


def write_report(report: Mapping[str, Any], out: Path) -> list[Path]:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # --out is a file, or cannot be made
        raise InputError(Problem(f"cannot make the report folder ({exc.strerror})",
                                 file=str(out), fix="give --out a folder path")) from None
    json_path = out / f"{REPORT_STEM}.json"
    md_path = out / f"{REPORT_STEM}.md"
    _write_text(json_path, json.dumps(report, sort_keys=True, ensure_ascii=False, indent=2)
                + "\n")
    _write_text(md_path, to_markdown(report))
    chart = export_chart(report, out)
    return [md_path, json_path, *chart]


def _write_text(path: Path, text: str) -> None:
    write_atomic(path, text, what="eval report")


def _pct(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def _num(value: float | None, fmt: str = "{:.2f}") -> str:
    return "—" if value is None else fmt.format(value)


def to_markdown(report: Mapping[str, Any]) -> str:
    lines = [
        f"# Model bake-off: {report['period']}",
        "",
        (f"Every section and the frame, in {', '.join(report['langs'])}, drafted "
        f"{report['runs']} time(s) per model (seeds {', '.join(map(str, report['seeds']))}; "
        f"{report['repair_rounds']} repair round(s); cache off) at `{report['base_url']}`, "
        "and checked by the same code that checks a post. Ranked by "
        f"{report['ranking']}. No post was written."),
        "",
        ("| rank | model | verified first try | after repair | failed checks | "
         "dropped for parity | fell back | median / p95 latency | tokens per post | "
         "cost per post |"),
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in report["models"]:
        s = m["sections"]
        lat = m["latency_s"]
        cost = m["cost_per_post_usd"]
        lines.append(
            f"| {m['rank']} | `{m['model']}` | {s['first_try']}/{s['total']} "
            f"({_pct(s['first_try_rate'])}) | {s['repaired']} ({_pct(s['repaired_rate'])}) | "
            f"{s['failed_checks']} | {s['dropped_for_parity']} | "
            f"{s['fallback']} ({_pct(s['fallback_rate'])}) | "
            f"{_num(lat['median'])} s / {_num(lat['p95'])} s | "
            f"{m['tokens_per_post']['total']:,.0f} | "
            f"{'—' if cost is None else f'${cost:.4f}'} |")
    lines += [
        "",
        ("| model | replies | invalid JSON | wrong schema | typed numbers | unknown fact ids | "
        "findings covered | EN/ZH parity | failed requests |"),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in report["models"]:
        r, c, p, q = m["replies"], m["coverage"], m["parity"], m["requests"]
        lines.append(
            f"| `{m['model']}` | {r['total']} | {r['invalid_json']} | {r['bad_schema']} | "
            f"{r['typed_numbers']} (in {r['replies_with_typed_numbers']} replies) | "
            f"{r['unknown_fact_ids']} | {c['cited']}/{c['offered']} ({_pct(c['rate'])}) | "
            f"{p['equal']}/{p['pairs']} | {q['failed']} |")
    lines += [
        "",
        ("- *verified first try / after repair / failed checks*: per section and language, per "
        "run, by the checks a draft runs (JSON shape, typed numbers, slots, verification)."),
        ("- *dropped for parity*: sections that verified but that a draft would still "
         "publish with the offline text, because the other language fell back (both "
         "languages must cite the same facts)."),
        ("- *fell back*: sections a draft would publish with the offline text: those that "
         "failed their checks, those not asked because the language drafted first (English) "
         "fell back, and those dropped for parity."),
        "- *typed numbers*: figures the model wrote itself instead of using a slot.",
        ("- *findings covered*: fact ids cited by verified texts, out of the ids offered as "
        "slots in the prompts (fallbacks cite none)."),
        "- *EN/ZH parity*: sections verified in both languages that cite the same fact ids.",
        "- *latency*: per request, as the client saw it (queueing at the server included).",
        "",
        f"![first-try verification and latency]({CHART_STEM}.svg)",
        "",
        "## By section",
        "",
    ]
    for m in report["models"]:
        lines.append(f"`{m['model']}`" + ("" if m["seeded"] else " (endpoint refused seeds)"))
        lines.append("")
        lines.append("| section | first try | after repair | failed checks | not asked | "
                     "dropped for parity | fell back |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for key, row in m["by_section"].items():
            lines.append(f"| {key} | {row['first_try']} | {row['repaired']} | "
                         f"{row['failed']} | {row['not_asked']} | "
                         f"{row['dropped_for_parity']} | {row['fallback']} |")
        if m["errors"]:
            lines.append("")
            lines.append("Request errors: " + "; ".join(m["errors"]))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def chart_spec(report: Mapping[str, Any]):
    """Models side by side: first-try verification rate, and median latency with its p95."""
    import altair

    from writer.charts import FONTS, ChartSpec

    rows = []
    for m in report["models"]:
        rows.append({
            "model": m["model"],
            "first_try": round(m["sections"]["first_try_rate"] * 100, 2),
            "repaired": round(m["sections"]["repaired_rate"] * 100, 2),
            "median": m["latency_s"]["median"] or 0.0,
            "p95": m["latency_s"]["p95"] or 0.0,
        })
    order = [r["model"] for r in rows]
    data = altair.Data(values=rows)
    y = altair.Y("model:N", sort=order, title=None, axis=altair.Axis(labelLimit=220))
    height = max(60, 34 * len(rows))
    verified = altair.Chart(data).mark_bar(color="#2e7d32").encode(
        x=altair.X("first_try:Q", title="verified on the first try, % of sections",
                   scale=altair.Scale(domain=[0, 100])),
        y=y,
        tooltip=["model:N", "first_try:Q", "repaired:Q"],
    ).properties(width=300, height=height)
    verified_labels = verified.mark_text(align="left", dx=4, color="#333333").encode(
        text=altair.Text("first_try:Q", format=".0f"))
    latency = altair.Chart(data).mark_bar(color="#3b4a6b").encode(
        x=altair.X("median:Q", title="median latency per request, s (tick: p95)"),
        y=altair.Y("model:N", sort=order, title=None, axis=None),
        tooltip=["model:N", "median:Q", "p95:Q"],
    ).properties(width=300, height=height)
    p95 = altair.Chart(data).mark_tick(color="#c62828", thickness=2).encode(
        x="p95:Q", y=altair.Y("model:N", sort=order, title=None, axis=None))
    chart = altair.hconcat(verified + verified_labels, latency + p95, spacing=24).properties(
        title=altair.TitleParams(f"Model bake-off, {report['period']}",
                                 subtitle="ranked by first-try verification, then fallbacks, "
                                          "then latency"),
    ).configure(font=FONTS["en"], background="#ffffff",
                padding={"left": 8, "right": 12, "top": 10, "bottom": 8}
                ).configure_view(stroke=None).configure_title(
        anchor="start", fontSize=17, fontWeight=600, color="#1a1a1a", subtitleFontSize=12,
        subtitleColor="#5f6368")
    spec = json.loads(json.dumps(chart.to_dict(), sort_keys=True))
    alt = "; ".join(f"{r['model']}: {r['first_try']:.0f}% verified first try, median "
                    f"{r['median']:.2f} s" for r in rows)
    return ChartSpec("eval", "en", f"Model bake-off, {report['period']}", alt, spec)


def export_chart(report: Mapping[str, Any], out: Path) -> list[Path]:
    from writer.charts import export

    return list(export(chart_spec(report), out, CHART_STEM).files)


if __name__ == "__main__":  # pragma: no cover - `python -m writer eval` is the entry point
    parser = argparse.ArgumentParser(prog="writer eval")
    add_arguments(parser)
    sys.exit(run(parser.parse_args()))
