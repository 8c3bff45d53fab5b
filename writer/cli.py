"""The command line: the only module that prints for the user or exits.

Every command returns an exit code: 0 success, 1 verification found unbacked numbers,
2 a usage or input error (a WriterError, printed as plain sentences, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from writer.errors import Problem, UsageError, WriterError

DEFAULT_DATA = "data/usage.csv"
DEFAULT_MODELS = "data/models.csv"


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on bad flags already; keep its message, drop nothing."""

    def error(self, message: str):  # noqa: D401 - argparse's signature
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _data_args(p: argparse.ArgumentParser, *, period: bool = True) -> None:
    p.add_argument("--data", default=None,
                   help=f"usage table, CSV or Parquet (default {DEFAULT_DATA}; "
                        "without one, the sample shipped with writer)")
    p.add_argument("--models", default=None,
                   help=f"model registry CSV (default {DEFAULT_MODELS}, if present)")
    if period:
        p.add_argument("--period", required=True,
                       help="2025H1, 2025Q2, 2025-05, 2025, 2025W07 or 2025-01-06..2025-05-25")


def profile_args(p: argparse.ArgumentParser) -> None:
    """--platform and --unit: the platform profile, over writer.toml's [platform] table."""
    p.add_argument("--platform", default=None,
                   help="the platform's name in the post (default Poe; [platform] name)")
    p.add_argument("--unit", default=None,
                   help="what the data counts: messages (default), tokens, requests, "
                        "generations or any noun ([platform] unit)")


def _at_least(low: int):
    """An argparse type: a whole number >= low ('--top 0' is no top at all, not the default)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"{value} is too small: use a number >= {low}")
        return value
    parse.__name__ = f"whole number >= {low}"
    return parse


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; `command` (the first argument) lets slow-to-import commands load lazily."""
    parser = _Parser(prog="writer", description=(
        "Turn weekly AI-model usage data into a bilingual trends post whose every number "
        "is checked against the data."))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("draft", help="draft the trends post(s) for a period")
    _data_args(p)
    p.add_argument("--lang", default="en,zh", help="languages, comma-separated (default en,zh)")
    p.add_argument("--llm", choices=["offline", "openai"], default=None,
                   help="prose backend (default offline; env WRITER_LLM)")
    p.add_argument("--base-url", default=None,
                   help="OpenAI-compatible endpoint (env WRITER_BASE_URL, then OPENAI_BASE_URL)")
    p.add_argument("--model", default=None, help="model name (env WRITER_MODEL)")
    p.add_argument("--api-key-env", default=None,
                   help="name of the env variable holding the API key (default OPENAI_API_KEY)")
    p.add_argument("--out", default="output", help="output folder (default output/)")
    p.add_argument("--date", default=None,
                   help="post date YYYY-MM-DD (default: the Monday after the last week of data)")
    p.add_argument("--prompts", default=None, help="folder of prompt templates (default prompts/)")
    p.add_argument("--concurrency", type=_at_least(1), default=None,
                   help="LLM calls in flight at once (default 4)")
    p.add_argument("--repair", type=_at_least(0), default=None,
                   help="repair rounds for a section that fails verification (default 1)")
    p.add_argument("--top", type=_at_least(1), default=None, help="families per chart before Other (default 10)")
    p.add_argument("--config", default=None, help="settings file (default ./writer.toml if present)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the caches (LLM answers, rendered charts)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 if any section fell back to the offline text")
    p.add_argument("--force", action="store_true", help="overwrite posts a person has edited")
    p.add_argument("--compare", nargs="?", const="previous", default=None, metavar="PERIOD",
                   help="add 'Since the last report': each chart's biggest change against "
                        "PERIOD (alone: the same number of weeks right before the period)")
    p.add_argument("--context", default=None, metavar="FILE",
                   help="Markdown notes on launches and events (either language) the LLM may "
                        "use for 'why' sentences; their numbers are still checked")
    profile_args(p)

    p = sub.add_parser("shares", help="print one chart's weekly share table")
    _data_args(p)
    p.add_argument("--chart", required=True, help="text, reasoning, image, video, audio, ...")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--top", type=_at_least(1), default=10,
                   help="families to show before folding the rest into Other (default 10)")
    p.add_argument("--by", choices=["family", "provider"], default="family")

    p = sub.add_parser("findings", help="print the ranked findings for a period")
    _data_args(p)
    p.add_argument("--chart", default=None, help="only this chart's findings")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the table")
    p.add_argument("--config", default=None, help="settings file (default ./writer.toml if present)")
    profile_args(p)

    p = sub.add_parser("verify", help="check every number in a post against the data")
    p.add_argument("posts", nargs="+", metavar="POST.md")
    _data_args(p, period=False)
    p.add_argument("--period", default=None, help="override the period in the front matter")
    p.add_argument("--format", choices=["text", "json", "github"], default="text",
                   help="github: one ::error file=,line=,col=:: annotation per problem, for Actions")
    p.add_argument("--config", default=None, help="settings file (default ./writer.toml if present)")
    profile_args(p)

    p = sub.add_parser("precommit", help="verify changed posts against the data each was drafted "
                       "from (found by data_sha256); the pre-commit hook and CI step")
    p.add_argument("posts", nargs="*", metavar="POST.md")
    p.add_argument("--data", action="append", default=[],
                   help="a usage table or a folder of them (repeatable; also writer.toml [verify] data)")
    p.add_argument("--models", action="append", default=[],
                   help="a registry CSV (repeatable; a models.csv next to the data is tried too)")
    p.add_argument("--format", choices=["text", "github"], default="text")
    p.add_argument("--config", default=None, help="settings file (default ./writer.toml if present)")
    profile_args(p)

    p = sub.add_parser("preview", help="render a post to standalone HTML (no Jekyll needed)")
    p.add_argument("post", metavar="POST.md")
    p.add_argument("--out", default=None, help="HTML file (default: next to the post)")

    try:
        from writer import aggregate
    except ImportError:  # pragma: no cover - the module ships with the package
        aggregate = None
    if aggregate is not None and hasattr(aggregate, "add_arguments"):
        p = sub.add_parser("aggregate", help="raw event logs → the weekly usage table")
        aggregate.add_arguments(p)
    p = sub.add_parser("eval", help="model bake-off: how well each LLM drafts under verification")
    if command == "eval":  # eval pulls in the openai client: only import it when asked for
        from writer import eval as eval_cmd

        eval_cmd.add_arguments(p)
    return parser


def _load(args):
    """Load the data for a command; the default registry is optional, a named one is not."""
    from writer.load import load
    from writer.resources import default_inputs

    inputs = default_inputs(args.data, args.models)
    if inputs.notice:
        print(f"note: {inputs.notice}", file=sys.stderr)
    return load(inputs.data, inputs.models)


def _resolve(args, dataset, period_label=None):
    from writer.periods import parse_period, resolve_weeks

    weeks = resolve_weeks(parse_period(period_label or args.period), dataset.mondays)
    return weeks


def _warn(lines) -> None:
    for line in lines:
        print(f"warning: {line}", file=sys.stderr)


def _announce(weeks) -> None:
    if weeks.shorter_than_asked:
        print(weeks.describe(), file=sys.stderr)


def cmd_shares(args) -> int:
    from writer.shares import compute_shares

    dataset = _load(args)
    _warn(dataset.warnings)
    weeks = _resolve(args, dataset)
    _announce(weeks)
    shares = compute_shares(dataset, weeks)
    if args.chart not in shares.tables:
        raise UsageError(
            f"--chart {args.chart!r} has no data in {weeks.label}; "
            f"the charts are {', '.join(shares.charts)}")
    table = shares[args.chart]
    if args.by == "provider":
        table = table.by_provider()
    frame = table.fold(args.top).to_frame()
    frame.index = [w.isoformat() for w in frame.index]
    frame.index.name = "week"
    if args.format == "csv":
        sys.stdout.write(frame.round(6).to_csv(lineterminator="\n"))
    elif args.format == "json":
        out = {"period": weeks.as_json(), "chart": table.chart, "level": table.level,
               "weeks": [{"week": w, **{k: (round(float(v), 6) if k != "total" else int(v))
                                          for k, v in row.items()}}
                         for w, row in frame.iterrows()]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        shown = frame.copy()
        pct_cols = [c for c in shown.columns if c != "total"]
        shown[pct_cols] = shown[pct_cols].map(lambda v: f"{v:.1f}")
        shown["total"] = shown["total"].map(lambda v: f"{int(v):,}")
        title = f"{table.chart}: weekly share of messages by {table.level}, % ({weeks.describe()})"
        if table.parent:
            title += f"; share_of_{table.parent} = {table.chart} messages as % of all {table.parent}"
        print(title)
        print(shown.to_string())
    return 0


def cmd_findings(args) -> int:
    from writer.findings import FindingSettings, find, to_json, to_table
    from writer.shares import compute_shares
    from writer.vocab import Vocabulary

    dataset = _load(args)
    _warn(dataset.warnings)
    weeks = _resolve(args, dataset)
    _announce(weeks)
    config = _config(args)
    settings = FindingSettings.from_config(config.get("findings", {}))
    profile = _profile(args, config)
    shares = compute_shares(dataset, weeks, profile.top_n)
    findings = find(shares, dataset.registry, settings, Vocabulary(profile, shares.top_n))
    if args.chart:
        findings = findings.only_chart(args.chart)
    if args.format == "json":
        sys.stdout.write(to_json(findings))
    else:
        sys.stdout.write(to_table(findings, lang=args.lang))
    return 0


def _config(args) -> dict:
    from writer.settings import load_config

    path = getattr(args, "config", None)
    return load_config(Path(path) if path else None)


def _profile(args, config: dict):
    from writer.vocab import Profile

    return Profile.from_config(config, platform=getattr(args, "platform", None),
                               unit=getattr(args, "unit", None),
                               file=getattr(args, "config", None) or "writer.toml")


def _langs(text: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(x.strip() for x in text.split(",") if x.strip()))
    bad = [x for x in langs if x not in ("en", "zh")]
    if bad or not langs:
        raise UsageError(f"--lang {text!r}: the languages are en and zh, e.g. --lang en,zh")
    return langs


def _day(text: str | None):
    if text is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date {text!r} is not a date; write it as YYYY-MM-DD") from None


def context_notes(path: str | None) -> str:
    """--context FILE: the notes' text (UTF-8 Markdown), or '' without the flag."""
    if path is None:
        return ""
    from writer.errors import read_text

    return read_text(path, "context notes file",
                     "give --context the path of a UTF-8 Markdown file of notes")


def cmd_draft(args) -> int:
    import os

    from writer import pipeline
    from writer.findings import FindingSettings
    from writer.llm import make_backend
    from writer.post import Site
    from writer.prompts import load_prompts
    from writer.settings import resolve_llm_settings

    config = _config(args)
    flags = {"llm": args.llm, "base_url": args.base_url, "model": args.model,
             "api_key_env": args.api_key_env, "concurrency": args.concurrency,
             "repair": args.repair, "use_cache": False if args.no_cache else None}
    if "cache_dir" not in config.get("llm", {}):
        # The cache belongs with the output it produced, not with the working folder.
        flags["cache_dir"] = str(Path(args.out) / ".cache" / "llm")
    settings = resolve_llm_settings(flags, os.environ, config.get("llm", {}))
    langs = _langs(args.lang)
    prompts = load_prompts(args.prompts)
    dataset = _load(args)
    _warn(dataset.warnings)
    weeks = _resolve(args, dataset)
    _announce(weeks)
    compare_weeks = None
    if args.compare:
        compare_weeks = pipeline.resolve_compare(
            args.compare, weeks, lambda label: _resolve(args, dataset, label))
        print(f"compare with {compare_weeks.mondays[0]} to {compare_weeks.end} "
              f"({len(compare_weeks.mondays)} weeks)", file=sys.stderr)
    post_cfg = config.get("post", {})
    options = pipeline.DraftOptions(
        langs=langs, out=Path(args.out), day=_day(args.date),
        top=args.top or int(post_cfg.get("top", 10)), force=args.force,
        repair=settings.repair, concurrency=settings.concurrency,
        site=Site.from_config(config.get("site", {})),
        findings=FindingSettings.from_config(config.get("findings", {})),
        data_note=post_cfg.get("data_note"),
        chart_cache=None if args.no_cache else Path(args.out) / ".cache" / "charts",
        profile=_profile(args, config),
        compare_weeks=compare_weeks,
        notes=context_notes(args.context),
    )
    backend = make_backend(settings)

    def progress(event) -> None:
        detail = f" ({event.detail})" if event.detail else ""
        print(f"  {event.key}: {event.status}{detail}", file=sys.stderr)

    try:
        result = pipeline.draft(dataset, weeks, prompts, options, backend, on_event=progress)
    finally:
        close = getattr(backend, "close", None)
        if close:
            close()
    _warn(result.warnings)
    for outcome in result.outcomes:
        if outcome.status == "fallback":
            why = outcome.problems[0] if outcome.problems else ""
            print(f"  {outcome.key}: fell back to the offline text ({why})", file=sys.stderr)
    for path in result.posts:
        print(path)
    checked = ", ".join(f"{lang} {n}" for lang, n in result.mentions_checked.items())
    fell_back = sorted({part for parts in result.fallback_sections.values() for part in parts})
    fallbacks = len(fell_back)
    usage = backend.usage().summary() if hasattr(backend, "usage") and settings.backend != "offline" \
        else "offline backend, no LLM calls"
    # a text that verified and was still not used is named, never dropped silently
    dropped = [o.key for o in result.outcomes
               if o.status == "fallback" and getattr(o, "verified", None)]
    print(f"verified: every number backed by the data (numbers checked: {checked}); "
          f"{len(result.assets)} chart files; {usage}; "
          + (f"fell back to the offline text: {', '.join(fell_back)}" if fell_back
             else "no section fell back")
          + (f" (verified, dropped for EN/ZH parity: {', '.join(dropped)})" if dropped else ""),
          file=sys.stderr)
    if args.strict and fallbacks:
        print("error: --strict: some sections fell back to the offline text", file=sys.stderr)
        return 1
    return 0


def cmd_verify(args) -> int:
    from writer import pipeline
    from writer.findings import FindingSettings
    from writer.periods import parse_period, resolve_weeks
    from writer.verify import parity, report_to_json

    dataset = _load(args)
    config = _config(args)
    settings = FindingSettings.from_config(config.get("findings", {}))
    profile = _profile(args, config)
    results = [pipeline.verify_post_file(Path(p), dataset,
                                         lambda label: resolve_weeks(parse_period(label),
                                                                     dataset.mondays),
                                         args.period, settings, profile)
               for p in args.posts]
    problems = 0
    parity_gaps: tuple[str, ...] = ()
    langs = {r.lang: r for r in results}
    if len(results) == 2 and set(langs) == {"en", "zh"}:
        parity_gaps = parity(langs["en"].report, langs["zh"].report)
    if args.format == "json":
        out = {"posts": [{"path": str(r.path), "lang": r.lang, "warnings": list(r.warnings),
                          **report_to_json(r.report)} for r in results],
               "parity": list(parity_gaps)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        problems = sum(len(r.report.issues) for r in results) + len(parity_gaps)
    elif args.format == "github":
        from writer.verify import github_annotations

        for r in results:
            _warn(r.warnings)
        sys.stdout.write(github_annotations(
            [i for r in results for i in r.report.issues], parity_gaps,
            str(langs["en"].path) if parity_gaps else None))
        problems = sum(len(r.report.issues) for r in results) + len(parity_gaps)
    else:
        for r in results:
            _warn(r.warnings)
            for issue in r.report.issues:
                print(issue.render())
            problems += len(r.report.issues)
            print(f"{r.path}: {r.report.mentions_checked} numbers checked, "
                  f"{len(r.report.issues)} unbacked", file=sys.stderr)
        for gap in parity_gaps:
            print(f"parity: {gap} is cited in one language only")
        problems += len(parity_gaps)
    return 1 if problems else 0


def cmd_precommit(args) -> int:
    from writer.hook import plan

    found = plan(args.posts, args.data, args.models, _config(args))
    for post in found.skipped:
        print(f"{post}: skipped, no data_sha256 in its front matter (not drafted by writer)",
              file=sys.stderr)
    code = 0
    for group in found.groups:
        one = argparse.Namespace(posts=list(group.posts), data=group.data, models=group.models,
                                 period=None, format=args.format, config=args.config,
                                 platform=args.platform, unit=args.unit)
        code = max(code, cmd_verify(one))
    return code


def cmd_preview(args) -> int:
    from writer.preview import write_preview

    out = write_preview(Path(args.post), Path(args.out) if args.out else None)
    print(out)
    return 0


def cmd_aggregate(args) -> int:
    from writer import aggregate

    return aggregate.run(args, sys.stdout, sys.stderr)


def cmd_eval(args) -> int:
    from writer import eval as eval_cmd

    return eval_cmd.run(args, sys.stdout, sys.stderr)


COMMANDS = {"eval": cmd_eval, "draft": cmd_draft, "shares": cmd_shares, "findings": cmd_findings,
            "verify": cmd_verify, "precommit": cmd_precommit, "preview": cmd_preview,
            "aggregate": cmd_aggregate}


def _no_nul_paths(args) -> None:
    """A NUL byte cannot be in a file name (the OS refuses it with a ValueError deep inside
    whatever opens it) nor mean anything in a period or a name: say so once, up front."""
    for name, value in vars(args).items():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and "\x00" in v:
                flag = f"--{name.replace('_', '-')}" if name not in ("posts", "post", "events") \
                    else name.upper()
                raise UsageError(Problem(f"{flag} {v!r} holds a NUL byte, which no path, "
                                         "period or name can", fix="check the argument (a stray \\0 or a "
                                         "pasted binary string)"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    try:
        _no_nul_paths(args)
        return COMMANDS[args.command](args)
    except WriterError as exc:
        print(f"error: {exc.render()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `writer shares ... | head` closes the pipe early
        return 0
