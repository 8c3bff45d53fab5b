"""The one function that runs the stages in order, for `draft` and for `verify`.

draft:  load → shares → findings → ledger → plan → prose (offline or LLM) → verify →
        charts → posts, written only when every number in every language is backed.
verify: read the post → rebuild the same ledger from the data → check every number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from writer import __version__
from writer import format as fmt
from writer.draft import (
    Context, Draft, Outcome, chart_words, draft_with_llm, make_plan,
)
from writer.errors import InputError, Problem, UsageError, WriterError
from writer.findings import FindingSettings, Findings, compare, find
from writer.ledger import Ledger, build_ledger
from writer.load import Dataset
from writer.offline import write_offline
from writer.periods import Weeks
from writer.post import (
    ChartImage, PostInput, Site, check_overwrite, default_date, post_path,
    render_post, slug_for,
)
from writer.prompts import Prompts
from writer.resources import sample_fingerprint
from writer.shares import Shares, compute_shares
from writer.verify import Report, parity, read_front_matter, verify_markdown, verify_text
from writer.vocab import Profile, Vocabulary

SAMPLE_FINGERPRINT = sample_fingerprint()


class VerificationFailed(WriterError):
    """Numbers without data behind them: exit 1, and nothing is written."""

    exit_code = 1


@dataclass(frozen=True)
class DraftOptions:
    langs: tuple[str, ...] = ("en", "zh")
    out: Path = Path("output")
    day: date | None = None
    top: int = 10
    force: bool = False
    repair: int = 1
    concurrency: int = 4
    site: Site = Site()
    findings: FindingSettings = FindingSettings()
    data_note: str | None = None  # overrides the automatic note for the sample data
    chart_cache: Path | None = None  # rendered charts reused across runs (None: render all)
    profile: Profile = Profile()  # the platform: its name, unit, audience and words
    compare_weeks: Weeks | None = None  # draft --compare: the earlier period to compare with
    notes: str = ""  # draft --context FILE: notes the LLM may use for 'why' sentences


@dataclass(frozen=True)
class DraftResult:
    posts: tuple[Path, ...]
    assets: tuple[Path, ...]
    outcomes: tuple[Outcome, ...]
    fallback_sections: Mapping[str, tuple[str, ...]]
    mentions_checked: Mapping[str, int]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything computed from the data for one period: shared by draft and verify."""

    dataset: Dataset
    weeks: Weeks
    shares: Shares
    findings: Findings
    ledger: Ledger
    vocab: Vocabulary = Vocabulary()
    # "Since the last report": changes from an earlier period (findings.compare), if asked
    comparisons: tuple = ()
    compare_weeks: Weeks | None = None


def analyse(dataset: Dataset, weeks: Weeks, settings: FindingSettings = FindingSettings(),
            profile: Profile = Profile(), compare_weeks: Weeks | None = None) -> Analysis:
    shares = compute_shares(dataset, weeks, profile.top_n)
    vocab = Vocabulary.for_data(profile, shares.top_n, dataset.registry)
    findings = find(shares, dataset.registry, settings, vocab)
    comparisons = ()
    if compare_weeks is not None:
        before = compute_shares(dataset, compare_weeks, shares.top_n)
        comparisons = compare(shares, before, dataset.registry, settings, vocab)
    # the comparisons' facts are facts of the ledger too: a post may state them
    ledger = build_ledger(shares, Findings(findings.period, findings.findings + comparisons,
                                           findings.charts), dataset.registry, vocab)
    return Analysis(dataset, weeks, shares, findings, ledger, vocab, comparisons, compare_weeks)


def resolve_compare(value: str, weeks: Weeks, resolve: Callable[[str], Weeks]) -> Weeks:
    """The period `draft --compare` compares with: `previous` (the same number of weeks right
    before this period), or any period label. It must end before this period starts."""
    from datetime import timedelta

    if value == "previous":
        n = len(weeks.mondays)
        start = weeks.mondays[0] - timedelta(weeks=n)
        label = f"{start.isoformat()}..{(weeks.mondays[0] - timedelta(days=1)).isoformat()}"
        try:
            before = resolve(label)
        except UsageError:
            before = None
        if before is None or len(before.mondays) < n:
            raise UsageError(f"--compare: the data does not hold the {n} weeks before "
                             f"{weeks.mondays[0]}. Fix: give --compare a period the data "
                             "holds, e.g. --compare 2025Q1, or draft a later period")
        return before
    before = resolve(value)
    if before.mondays[-1] >= weeks.mondays[0]:
        raise UsageError(f"--compare {value}: it must end before the post's period starts "
                         f"({weeks.mondays[0]}). Fix: give an earlier period, or "
                         "--compare alone for the weeks right before")
    return before


def since_bullets(a: Analysis, lang: str, per_chart: int = 1) -> tuple[tuple[str, tuple], ...]:
    """The "Since the last report" bullets: each chart's biggest move, in chart order."""
    out = []
    for chart in a.shares.charts:
        for f in [c for c in a.comparisons if c.chart == chart][:per_chart]:
            text = f.text[lang]
            shown = a.vocab.display(f.subject, lang)
            if text.startswith(shown):
                text = f"**{shown}**{text[len(shown):]}"
            out.append((text, tuple(x.id for x in f.facts.values())))
    return tuple(out)


def all_names(dataset: Dataset) -> tuple[str, ...]:
    reg = dataset.registry
    names = set(reg.bots) | set(reg.families) | {f.provider for f in reg.families.values()}
    names |= {f.name_zh for f in reg.families.values() if f.name_zh} | set(reg.provider_zh.values())
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def is_sample(dataset: Dataset) -> bool:
    """True when the data is the reconstruction shipped in data/ (its fingerprint matches)."""
    try:
        return SAMPLE_FINGERPRINT.read_text().split()[0] == dataset.sha256
    except (OSError, IndexError):
        return False


def sample_note(lang: str) -> str:
    if lang == "zh":
        return ("数据说明：本文由writer根据其自带的示例数据生成。这些数据是依据公开报告中的数字重建的，"
                "并非真实的平台日志。")
    return ("About the data: this post was drafted from the sample data that ships with writer, "
            "a reconstruction from published figures, not real platform logs.")


def _nothing_to_say(a: Analysis) -> Problem:
    """Why a period gives no section: no counts at all, or shares that did not move."""
    counted = sum(float(sum(a.shares[c].totals)) for c in a.shares.charts)
    where = f"--period {a.weeks.label} ({len(a.weeks.mondays)} weeks, " \
            f"{len(a.shares.charts)} chart(s))"
    if counted == 0:
        return Problem(f"{where}: every count in the period is 0, so there is no share to "
                       "write about", file=a.dataset.usage_path,
                       fix="check the messages column, or pick a period with usage")
    return Problem(f"{where}: no finding passes the thresholds: the shares barely moved, so "
                   "there is nothing to write about", file=a.dataset.usage_path,
                   fix="pick a longer period, or lower the [findings] thresholds in writer.toml")


def draft(dataset: Dataset, weeks: Weeks, prompts: Prompts, options: DraftOptions,
          backend=None, on_event: Callable | None = None) -> DraftResult:
    """Draft, verify and write one post per language; nothing is written if a check fails."""
    from writer.charts import start_renderer

    offline_only = backend is None or getattr(backend, "offline", False)
    if offline_only:
        # The chart renderers start up (~0.35 s each, on the other core) while this process
        # analyses, writes and verifies; with an LLM they would only wait for its answers.
        start_renderer(options.chart_cache)
    a = analyse(dataset, weeks, options.findings, options.profile, options.compare_weeks)
    plan = make_plan(a.findings, a.shares.charts)
    if not plan.sections:
        raise InputError(_nothing_to_say(a))
    ctx = context(a, plan, options.notes)
    offline = {lang: write_offline(ctx, plan, lang) for lang in options.langs}
    outcomes: tuple[Outcome, ...] = ()
    drafts: Mapping[str, Draft] = offline
    if backend is not None and not getattr(backend, "offline", False):
        drafts, outcomes = draft_with_llm(ctx, prompts, plan, options.langs, backend, offline,
                                          concurrency=options.concurrency,
                                          repair=options.repair, on_event=on_event)

    day = options.day or default_date(weeks.mondays[-1])
    slug = slug_for(weeks.label)
    assets_dir = options.out / "assets" / slug
    if not offline_only:
        start_renderer(options.chart_cache)  # warms up on the other core while specs are built
    charts = _chart_specs(a, plan, options, drafts)
    from writer.charts import ExportJob, begin_export

    # The posts show the SVGs; a PNG is only the post's thumbnail (render_post: its first
    # image), so only that chart gets one per language.
    thumbs = {lang: next((stem for by_lang in charts.values() for stem, _ in by_lang[lang]), None)
              for lang in options.langs}
    jobs = [ExportJob(spec, stem, png=stem == thumbs[lang])
            for by_lang in charts.values() for lang in options.langs
            for stem, spec in by_lang[lang]]
    # the helpers render while this process writes and verifies the posts
    rendering = begin_export(jobs, cache=options.chart_cache)
    try:
        return _verify_and_publish(a, plan, ctx, drafts, charts, jobs, rendering, options,
                                   backend, outcomes, day, slug, assets_dir)
    except BaseException:
        if rendering.cancel is not None:
            rendering.cancel()  # a run that stops here leaves no helper behind
        raise


def _verify_and_publish(a, plan, ctx, drafts, charts, jobs, rendering, options, backend,
                        outcomes, day, slug, assets_dir) -> DraftResult:
    """Render the posts, verify them (both languages, and the pair), then publish the posts
    and the charts being rendered as one transaction."""
    dataset, weeks = a.dataset, a.weeks
    texts: dict[str, str] = {}
    reports: dict[str, Report] = {}
    for lang in options.langs:
        images = {chart: tuple(ChartImage(chart, f"{stem}.svg", spec.alt)
                               for stem, spec in by_lang[lang])
                  for chart, by_lang in charts.items()}
        post = render_post(PostInput(
            draft=drafts[lang], period_label=weeks.label, day=day, slug=slug,
            data_sha256=dataset.sha256,
            generated_by=f"writer {__version__} ({_backend_name(backend)})",
            site=options.site, images=images, footnotes=footnotes(a, plan, lang, options.top),
            data_note=data_note(a, lang, options.data_note),
            parent_noun=a.vocab.noun("text", lang),
            names=ctx.names,
            since=since_bullets(a, lang),
            compare_label=a.compare_weeks.label if a.compare_weeks is not None else None,
        ))
        texts[lang] = post
        reports[lang] = _verify_post(post, lang, a.ledger, drafts[lang].frame.title)

    problems = [i.render() for r in reports.values() for i in r.issues]
    if len(options.langs) == 2 and not problems:
        en, zh = (drafts[lang].facts for lang in options.langs)
        if set(en) != set(zh):
            problems.append("the English and Chinese drafts cite different facts: "
                            + ", ".join(sorted(set(en) ^ set(zh))))
        # the very check `writer verify` runs on the pair, so the two can never disagree
        gaps = parity(reports["en"], reports["zh"]) if set(options.langs) == {"en", "zh"} else ()
        problems.extend(f"parity: {gap} is cited in one language only" for gap in gaps)
    if problems:
        raise VerificationFailed([Problem(p) for p in problems[:50]], more=max(0, len(problems) - 50))

    paths = {lang: post_path(options.out, day, slug, lang) for lang in options.langs}
    from writer import publish
    from writer.charts import export_all

    assets, warnings = [], []
    # One transaction (writer.publish): locked, staged, then charts before posts.
    with publish.transaction(options.out) as staging:
        check_overwrite(list(paths.values()), options.force)
        publish.clean_temp(paths[options.langs[0]].parent)  # left by a run killed before
        publish.clean_temp(assets_dir)
        if options.chart_cache is not None:
            publish.clean_temp(options.chart_cache)
        staged_assets = staging.path(assets_dir.relative_to(options.out))
        for result in export_all(jobs, staged_assets, cache=options.chart_cache,
                                 started=rendering):
            assets.extend(assets_dir / f.name for f in result.files)
            if result.warning and result.warning not in warnings:
                warnings.append(result.warning)
        staged_posts = {staging.write(path.relative_to(options.out), texts[lang]): path
                        for lang, path in paths.items()}
        publish.commit(staging, staged_posts, slug)
    return DraftResult(
        posts=tuple(paths.values()), assets=tuple(assets), outcomes=outcomes,
        fallback_sections={lang: d.fallback_sections for lang, d in drafts.items()},
        mentions_checked={lang: r.mentions_checked for lang, r in reports.items()},
        warnings=tuple(warnings),
    )


def context(a: Analysis, plan=None, notes: str = "") -> Context:
    """What drafting needs to know about the period, for both backends and for eval."""
    weeks = a.weeks
    return Context(a.findings, a.ledger, all_names(a.dataset), weeks.label,
                   weeks.start.isoformat(), weeks.end.isoformat(), weeks.count, a.vocab,
                   notes)


def data_note(a: Analysis, lang: str, override: str | None = None) -> str | None:
    """The note under the lead: what the data is (the profile's note, or the sample's),
    where it comes from, and that it is a top-N extract when it is one."""
    parts = [override or a.vocab.data_note(lang)
             or (sample_note(lang) if is_sample(a.dataset) else None),
             a.vocab.source(lang), a.vocab.top_n_note(lang)]
    parts = [p.strip() for p in parts if p and p.strip()]
    return " ".join(parts) if lang == "en" else "".join(parts) if parts else None


def _backend_name(backend) -> str:
    if backend is None or getattr(backend, "offline", False):
        return "offline"
    settings = getattr(backend, "settings", None)
    return f"openai:{settings.model}" if settings is not None else "openai"


def _verify_post(post: str, lang: str, ledger: Ledger, title: str, file: str | None = None
                 ) -> Report:
    """Verify a post's body and its title (the title lives in the front matter, which the
    body check skips)."""
    from dataclasses import replace

    from writer.verify import read_front_matter

    report = verify_markdown(post, lang, ledger, file=file)
    extra = list(verify_text(title, lang, ledger, chart=None,
                             file=f"{file} (title)" if file else "title"))
    # every other piece of prose in the front matter (excerpt, description, summary, ...):
    # anything a reader or a feed may show
    front = read_front_matter(post)
    for key, value in front.items() if isinstance(front, dict) else ():
        if key in _MACHINE_KEYS or key == "title" or not isinstance(value, str):
            continue
        extra.extend(verify_text(value, lang, ledger, chart=None,
                                 file=f"{file} ({key})" if file else key))
    if extra:
        report = replace(report, issues=tuple(report.issues) + tuple(extra))
    return report


# front-matter keys that hold no prose: ids, dates, paths, hashes and settings
_MACHINE_KEYS = frozenset({
    "layout", "date", "category", "categories", "tags", "thumbnail", "icon", "lang", "ref",
    "period", "data_sha256", "generated_by", "fallback_sections", "facts", "body_sha256",
    "post_sha256", "compare", "permalink", "image", "author", "slug", "published", "hidden",
    "last_modified_at", "redirect_from", "toc", "comments", "mathjax", "sitemap"})


def _chart_specs(a: Analysis, plan, options: DraftOptions, drafts: Mapping[str, Draft] | None = None):
    """chart → lang → [(file stem, ChartSpec)]: reasoning's line first, then the bars.

    One palette per post, so a family keeps its colour from chart to chart.
    """
    # Altair is slow to import: only drafting needs it, and a re-draft whose specs are in the
    # chart cache not even then.
    from writer.charts import cached_charts

    tables = {s.chart: a.shares[s.chart] for s in plan.sections}
    released = {name: f.released for name, f in a.dataset.registry.families.items()}
    annotations, alts = {}, {}
    out: dict[str, dict[str, list]] = {chart: {} for chart in tables}
    for lang in options.langs:
        # each chart's title is its section's headline, its lead story's subject highlighted
        headlines = ({s.chart: s.headline for s in drafts[lang].sections if s.headline}
                     if drafts and lang in drafts else {})
        highlights = {}
        for section in plan.sections:
            annotations[section.chart] = _launch_annotations(section.findings, tables[section.chart])
            parent = next((f for f in section.findings if f.kind == "category_share"), None)
            bars = next((f for f in section.findings if f is not parent), section.findings[0])
            alts[section.chart] = bars.text[lang]  # each image's alt states its own headline
            if bars.subject_kind in ("family", "provider"):
                highlights[section.chart] = (bars.subject_kind, bars.subject)
            if parent is not None and section.findings[0] is parent and section.chart in headlines:
                # the headline tells the share line's story (reasoning's rise), not the bars'
                headlines[f"{section.chart}-share"] = headlines.pop(section.chart)
            if parent is not None:
                alts[f"{section.chart}-share"] = parent.text[lang]
        for spec in cached_charts(options.chart_cache, tables, lang, top=options.top,
                                  annotations=annotations, alts=alts, released=released,
                                  vocab=a.vocab, headlines=headlines, highlights=highlights):
            entry = (chart_stem(spec), spec)
            specs = out[spec.chart].setdefault(lang, [])
            specs.insert(0, entry) if spec.kind == "parent" else specs.append(entry)
    return out


def chart_stem(spec) -> str:
    """The chart's file stem with a hash of its spec: 'text-en-1a2b3c4d5e6f'. A run with other
    data writes other names, so it never changes a chart that an older post still shows
    (writer.publish); the same data gives the same names (deterministic output)."""
    import hashlib

    return f"{spec.stem}-{hashlib.sha256(spec.to_json().encode('utf-8')).hexdigest()[:12]}"


def _launch_annotations(findings, table):
    """Mark the launch week of every family whose launch is one of the section's findings."""
    from writer.charts import Annotation

    notes = []
    for f in findings:
        launch = f.facts.get("launch")
        if f.kind == "launch_ramp" and launch is not None and f.subject in table.entities:
            notes.append(Annotation(f.subject, launch.weeks[0], f.subject))
    return tuple(notes)


# ------------------------------------------------------------------ footnotes


def footnotes(a: Analysis, plan, lang: str, top: int):
    from writer.post import Footnotes, escape_name

    zh = lang == "zh"
    v = a.vocab
    items: list[str] = []
    anchors: list[str | None] = []  # where each note's marker stands (writer.post.Footnotes)
    drafted = [s.chart for s in plan.sections]

    def add(text: str, *charts: str) -> None:
        items.append(text)
        anchors.append(next((c for c in charts if c in drafted), None))

    audience = v.audience(lang)
    if zh:
        grow = f"{audience}增长" if audience else "平台整体用量增长"
        add(f"图表中每根柱子代表一周（周一至周日）的数据。所有图表都换算成当周的百分比份额，"
            f"以排除{grow}带来的影响。")
    else:
        grow = f"growth in {audience}" if audience else "the platform's overall growth"
        add("Each bar in the charts is one week, Monday to Sunday. Every chart is "
            f"normalised to that week's percentage shares, which removes the effect of {grow}.")
    if v.top_n_note(lang):
        add(v.top_n_note(lang))
    excluded_bots = sorted({e.what for e in a.shares.exclusions if e.reason == "excluded bot"})
    if excluded_bots:
        names = "、".join(map(escape_name, excluded_bots)) if zh else ", ".join(map(escape_name, excluded_bots))
        where = sorted({e.category for e in a.shares.exclusions if e.reason == "excluded bot"},
                       key=lambda c: drafted.index(c) if c in drafted else len(drafted))
        add(f"发给平台自有机器人（{names}）的{v.unit(lang)}不计入统计，以反映用户对具名模型的明确选择。"
            if zh else
            f"{v.unit(lang).capitalize()} sent to the platform's own bots ({names}) are "
            "excluded, to reflect users' explicit choice of a named model.", *where)
    triggers: dict[str, list[str]] = {}
    for e in a.shares.exclusions:
        if e.reason == "trigger":
            triggers.setdefault(e.what, []).append(e.category)
    for trigger, cats in sorted(triggers.items()):
        cat_words = ("、".join(chart_words(c, "zh", v)[1] for c in sorted(set(cats))) if zh
                     else ", ".join(chart_words(c, "en", v)[1] for c in sorted(set(cats))))
        label = escape_name(v.trigger(trigger, lang))
        add(f"由{label}等后续操作触发的{cat_words}不计入统计，以反映用户的主动需求。" if zh
            else f"{cat_words[:1].upper() + cat_words[1:]} triggered by {label} and "
                 "other follow-up actions are excluded, to reflect users' own demand.",
            *sorted(set(cats)))
    if "reasoning" in a.shares.tables:
        mixed = _hybrid_families(a.dataset)
        mixed_txt = ("、".join(map(escape_name, mixed)) if zh else ", ".join(map(escape_name, mixed)))
        if zh:
            text = f"推理图表统计的是开启推理（推理token数大于零）时的{v.noun('text', 'zh')}。"
            if mixed:
                text += f"对于{mixed_txt}这类可以开关推理的模型，只计入开启推理的{v.unit('zh')}。"
        else:
            text = (f"The reasoning chart counts {v.noun('text', 'en')} sent with reasoning on "
                    "(reasoning tokens above zero).")
            if mixed:
                text += f" For models that can switch reasoning off ({mixed_txt}), only the " \
                        f"{v.unit('en')} with reasoning on count."
        add(text, "reasoning")
    for tag, bots in _tag_groups(a, plan):
        label = _code(tag)
        if zh:
            # Chinese prose has no code font: the tag is quoted, as a label is in Chinese
            add(f"{fmt.tag_noun(tag, lang)}指模型登记表中标记为“{escape_name(tag)}”的模型："
                f"{'、'.join(map(escape_name, bots))}。", *_group_charts(a, plan, tag))
        else:
            noun = fmt.tag_noun(tag, lang)
            add(f"{noun[0].upper() + noun[1:]} are the bots the model registry tags "
                f"{label}: {_and(list(map(escape_name, bots)))}.", *_group_charts(a, plan, tag))
    groups = _groupings(a, plan, top)
    if groups:
        if zh:
            parts = [f"{escape_name(fam)}包括{'、'.join(map(escape_name, bots))}" for fam, bots in groups]
            add("图表中的模型系列：" + "；".join(parts) + "。其余较小的模型计入“其他”。", *drafted[:1])
        else:
            parts = [f"{escape_name(fam)} includes {_and(list(map(escape_name, bots)))}"
                     for fam, bots in groups]
            add("Families in the charts: " + "; ".join(parts)
                + ". Smaller models are grouped as Other.", *drafted[:1])
    return Footnotes(tuple(v.localise(item, lang) for item in items), tuple(anchors))


def _group_charts(a: Analysis, plan, tag: str) -> list[str]:
    """The charts whose drafted findings cite tag group `tag`."""
    return [s.chart for s in plan.sections for f in s.findings
            if any(fact.entity == tag and fact.entity_kind == "group" for fact in f.facts.values())]


def _code(text: str) -> str:
    """A code span that shows `text` as typed: kramdown shows escapes literally inside code."""
    from writer.post import escape_liquid

    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{escape_liquid(text)}{pad}{fence}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _hybrid_families(dataset: Dataset) -> list[str]:
    usage = dataset.usage
    text = usage[(usage["category"] == "text") & (usage["messages"] > 0)]
    both = text.groupby("bot")["reasoning"].nunique()
    bots = both[both > 1].index
    fams = sorted({dataset.registry.bots[b].family for b in bots} - {"Other"})
    return fams


def _tag_groups(a: Analysis, plan) -> list[tuple[str, list[str]]]:
    """Each tag group the post's findings cite, with its bots: a reader needs the list."""
    cited = {fact.entity for section in plan.sections for f in section.findings
             for fact in f.facts.values() if fact.entity_kind == "group"}
    registry = a.dataset.registry
    usage = a.dataset.usage
    mondays = pd.DatetimeIndex(pd.to_datetime(list(a.shares.weeks.mondays)))
    counted = usage[usage["week"].isin(mondays) & (usage["trigger"] == "user")
                    & (usage["messages"] > 0)]
    active = set(counted["bot"])  # the bots the shares counted, as the group's shares did
    return [(tag, sorted(b.name for b in registry.bots.values()
                         if tag in b.tags and not b.excluded and b.name in active))
            for tag in sorted(cited)]


def _groupings(a: Analysis, plan, top: int) -> list[tuple[str, list[str]]]:
    shown: list[str] = []
    for section in plan.sections:
        for fam in a.shares[section.chart].fold(top).entities:
            if fam not in shown and fam != "Other":
                shown.append(fam)
    out = []
    for fam in shown:
        family = a.dataset.registry.families.get(fam)
        if family is not None and len(family.bots) > 1:
            out.append((fam, list(family.bots)))
    return out


# ------------------------------------------------------------------ verify a post on disk


@dataclass(frozen=True)
class VerifyResult:
    path: Path
    lang: str
    report: Report
    warnings: tuple[str, ...]


def verify_post_file(path: Path, dataset: Dataset, resolve: Callable[[str], Weeks],
                     period_override: str | None, settings: FindingSettings,
                     profile: Profile = Profile()) -> VerifyResult:
    """Re-check a post, perhaps hand-edited, against the data it claims to come from."""
    from writer.errors import read_text

    text = read_text(path, "post")  # UTF-8 with or without a BOM; others named, exit 2
    fm = read_front_matter(text)
    period = period_override or str(fm.get("period") or "")
    if not period:
        raise InputError(Problem("the post has no 'period' in its front matter", file=str(path),
                                 fix="pass --period, e.g. --period 2025H1"))
    lang = str(fm.get("lang") or "en")
    if lang not in ("en", "zh"):
        raise InputError(Problem(f"the front matter's lang {lang!r} is not en or zh",
                                 file=str(path), fix="set lang: en or lang: zh"))
    warnings = []
    stated = str(fm.get("data_sha256") or "")
    if stated and stated != dataset.sha256:
        warnings.append(f"{path}: the data changed since this post was drafted "
                        f"(data_sha256 {stated[:12]}… in the post, {dataset.sha256[:12]}… now); "
                        "numbers are checked against the data as it is now")
    compare_label = str(fm.get("compare") or "")
    weeks = resolve(period)
    # a post drafted with --compare states the earlier period's figures: rebuild them
    compare_weeks = resolve_compare(compare_label, weeks, resolve) if compare_label else None
    a = analyse(dataset, weeks, settings, profile, compare_weeks)
    report = _verify_post(text, lang, a.ledger, str(fm.get("title") or ""), file=str(path))
    return VerifyResult(path, lang, report, tuple(warnings))
