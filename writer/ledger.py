"""The fact ledger: every number a post about one period may state, indexed for lookup.

    build_ledger(shares, findings, registry) -> Ledger

What goes in (per chart, for every family, provider, brand, tag group and its bot members,
and the chart itself):
- the findings' facts, as they are (ids "F3.share" ...), marked `finding=True`;
- the weekly share series (any week can be cited when the sentence names a date);
- summary values, the way an analyst reads a chart: `first` and `last` (one week),
  `start` and `end` (mean of the first / last two weeks), `peak` (the highest week),
  `peak2` (the highest two-week mean), `low` (the lowest week after it appeared) and `mean`
  (the mean from its first week with messages to the end);
- changes between them: points (`pp`) and ratios, start→end, first→last, peak→end,
  peak→last and start→peak;
- for reasoning, its share of all text (`parent`), with the same summaries;
- ranks (1 = largest) among the chart's families, or providers, at start, end, peak and
  by mean; weekly ranks on demand;
- durations: weeks from a family's release to its peak and to the last week, and the
  period's length;
- counts: families and providers with messages per chart, bots per family, families and
  bots per provider, registry totals, messages per week (on demand) and in the period.

Ledger-only facts have ids starting "S:" (e.g. "S:video:family:Kling-2.0:end").
A new kind of fact is one builder function, listed in CHART_FACTS (run per chart) or
PERIOD_FACTS (run once per period); build_ledger itself only runs them and indexes.

The alias table maps every way a text may name an entity to it: bot names ("Gemini 2.5
Pro" → family Gemini-2.5), family and provider names with case and hyphen variants, brand
words shared by a provider's families ("Claude", "Kling"), tag groups ("hybrid reasoning
models"/"混合推理模型"; a bot a group names is then also itself), and chart words ("video"/"视频",
"reasoning"/"推理", "image"/"图像"/"图片", "audio"/"音频"/"TTS", "text"/"文本").
"""

from __future__ import annotations

import html

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from writer import format as fmt
from writer.escape import escape_alt, escape_name
from writer.load import OTHER, UNKNOWN_PROVIDER, Registry
from writer.mentions import Masker, name_key
from writer.shares import Shares, ShareTable
from writer.vocab import Vocabulary


class Entity(NamedTuple):
    kind: str  # "family", "provider", "brand", "chart", "group" (a registry tag) or "bot"
    name: str

    def __str__(self) -> str:
        return self.name


LEDGER_UNITS = ("pct", "pp", "weeks", "ratio", "date", "count", "rank")  # Fact.UNITS + rank


@dataclass(frozen=True)
class LedgerFact:
    """One citable number. `weeks` are the ISO Mondays it was read from."""

    id: str
    name: str
    value: float | str  # str only for unit "date" (the ISO Monday)
    unit: str
    entity: Entity
    chart: str
    weeks: tuple[date, ...] = ()
    finding: bool = False


# Chart words, as a reader would name a chart. Longer phrases first ("text-to-speech" is
# audio, not text).
CHART_WORDS: dict[str, tuple[str, ...]] = {
    "audio": ("text-to-speech", "text to speech", "文字转语音", "文本转语音", "语音合成", "audio",
              "tts", "speech", "voice", "音频", "语音", "配音"),
    "reasoning": ("reasoning", "推理"),
    "image": ("image generation", "images", "image", "图像", "图片", "画图", "生图"),
    "video": ("videos", "video", "视频"),
    "text": ("text", "文本", "文字", "聊天"),
}


@dataclass(frozen=True, eq=False)
class Ledger:
    """Everything verification may bind a number to, for one period."""

    period: str
    weeks: tuple[date, ...]
    charts: tuple[str, ...]
    facts: Mapping[str, LedgerFact]  # id → fact (findings and ledger summaries)
    by_entity: Mapping[Entity, tuple[LedgerFact, ...]]
    by_chart: Mapping[str, tuple[LedgerFact, ...]]
    series: Mapping[tuple[str, Entity], np.ndarray] = field(repr=False)
    chart_entities: Mapping[str, tuple[Entity, ...]] = field(repr=False)
    releases: Mapping[Entity, tuple[date, ...]] = field(repr=False)  # Mondays of release weeks
    present: Mapping[Entity, tuple[date, date]] = field(repr=False)  # first..last Monday seen
    totals: Mapping[str, np.ndarray] = field(repr=False)  # messages per week per chart
    aliases: Mapping[str, tuple[Entity, ...]] = field(repr=False)  # normalised name → entities
    names: tuple[str, ...] = field(repr=False)
    masker: Masker = field(repr=False)
    chart_word_rx: re.Pattern = field(repr=False)
    ranks: Mapping[tuple[str, str], tuple[tuple[Entity, ...], np.ndarray]] = field(repr=False)
    finding_ids: frozenset[str] = frozenset()
    parents: Mapping[str, str] = field(default_factory=dict)  # chart → its parent chart
    vocab_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # chart → words
    owner: Mapping[str, str] = field(default_factory=dict)  # family → its provider (registry)

    # ------------------------------------------------------------ lookups

    @property
    def first_day(self) -> date:
        return self.weeks[0]

    @property
    def last_day(self) -> date:
        return self.weeks[-1] + timedelta(days=6)

    def fact(self, fact_id: str) -> LedgerFact | None:
        return self.facts.get(fact_id)

    def entities_named(self, name: str) -> tuple[Entity, ...]:
        """The entities a name (bot, family, provider, brand, any case or hyphenation) means."""
        return self.aliases.get(name_key(name), ())

    def chart_of_word(self, word: str) -> str | None:
        w = word.lower()
        for chart in self.charts:  # a chart's own label first: "text to speech" may be a chart
            if chart.lower() == w:
                return chart
        # a word two charts share ("文字转语音" for audio and a `text to speech` chart) names
        # neither: the sentence is read in its section's chart, or any
        named = [chart for chart, words in self.chart_words().items() if w in words]
        return named[0] if len(named) == 1 else None

    def chart_words(self) -> dict[str, tuple[str, ...]]:
        words = {c: self.vocab_words.get(c, CHART_WORDS.get(c, ())) + (c.lower(),)
                 for c in self.charts}
        return words

    def week_index(self, monday: date) -> int | None:
        i = (monday - self.weeks[0]).days // 7
        return i if 0 <= i < len(self.weeks) and self.weeks[i] == monday else None

    def weekly(self, chart: str, entity: Entity, i: int) -> LedgerFact:
        """The share of `entity` in week i of `chart`, as a fact."""
        values = self.series[(chart, entity)]
        week = self.weeks[i]
        return LedgerFact(f"S:{chart}:{entity.kind}:{entity.name}:{week.isoformat()}", "week",
                          float(values[i]), "pct", entity, chart, (week,))

    def weekly_mean2(self, chart: str, entity: Entity, i: int) -> LedgerFact:
        """The mean share of weeks i and i+1."""
        values = self.series[(chart, entity)]
        w = (self.weeks[i], self.weeks[i + 1])
        return LedgerFact(f"S:{chart}:{entity.kind}:{entity.name}:{w[0].isoformat()}+1", "2-week",
                          float((values[i] + values[i + 1]) / 2), "pct", entity, chart, w)

    def weekly_rank(self, chart: str, entity: Entity, i: int) -> LedgerFact | None:
        table = self.ranks.get((chart, entity.kind))
        if table is None or entity not in table[0]:
            return None
        j = table[0].index(entity)
        week = self.weeks[i]
        return LedgerFact(f"S:{chart}:{entity.kind}:{entity.name}:rank:{week.isoformat()}",
                          "rank_week", float(table[1][i, j]), "rank", entity, chart, (week,))

    def weekly_total(self, chart: str, i: int) -> LedgerFact:
        week = self.weeks[i]
        return LedgerFact(f"S:{chart}:total:{week.isoformat()}", "messages_week",
                          float(self.totals[chart][i]), "count", Entity("chart", chart), chart,
                          (week,))


# ====================================================================== building


def _mean2(v: np.ndarray) -> np.ndarray:
    return (v[:-1] + v[1:]) / 2 if len(v) > 1 else v.copy()


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


class _Builder:
    """What the fact builders share: the inputs, and the facts and indexes built so far.

    A builder reads `shares`, `registry`, `findings`, `weeks`, `charts`, `releases`
    (family → release days) and `brands` (brand → families), and writes through `add` (a
    fact; the first fact of an id stays), `track` (an entity's weekly series in a chart) and
    `summaries` (the summary values of a series), or into `ranks` and `finding_ids`.
    """

    def __init__(self, shares: Shares, findings: Any | None, registry: Registry):
        self.shares, self.findings, self.registry = shares, findings, registry
        self.weeks = tuple(shares.weeks.mondays)
        self.charts = tuple(shares.charts)
        self.releases = _releases(shares, registry)
        self.brands = _brands(registry)
        self.facts: dict[str, LedgerFact] = {}
        self.series: dict[tuple[str, Entity], np.ndarray] = {}
        self.chart_entities: dict[str, list[Entity]] = {c: [] for c in self.charts}
        self.totals: dict[str, np.ndarray] = {c: np.asarray(shares[c].totals, dtype=float)
                                              for c in self.charts}  # messages per week
        self.present: dict[Entity, tuple[date, date]] = {}
        self.ranks: dict[tuple[str, str], tuple[tuple[Entity, ...], np.ndarray]] = {}
        self.finding_ids: set[str] = set()

    def add(self, fact: LedgerFact) -> None:
        if fact.id not in self.facts:
            self.facts[fact.id] = fact

    def track(self, chart: str, e: Entity, v: np.ndarray) -> None:
        """e's weekly series in chart: citable by week, listed among the chart's entities."""
        self.series[(chart, e)] = v
        self.chart_entities[chart].append(e)
        _present(self.present, e, v, self.weeks)

    def summaries(self, chart: str, entity: Entity, v: np.ndarray, prefix: str,
                  release: date | None) -> None:
        """first/last/start/end/peak/peak2/low/mean, their changes, and durations."""
        n = len(v)
        if n == 0 or not np.any(v > 0):
            return
        w = self.weeks
        base = f"S:{chart}:{prefix}"

        def put(name: str, value: float, unit: str, weeks: tuple[date, ...]) -> None:
            if np.isfinite(value):
                self.add(LedgerFact(f"{base}:{name}", name, float(value), unit, entity, chart,
                                    weeks))

        nz = np.flatnonzero(v > 0)
        first_seen = int(nz[0])
        m2 = _mean2(v)
        s_w = w[:2] if n > 1 else w[:1]
        e_w = w[-2:] if n > 1 else w[-1:]
        ip = int(np.argmax(v))
        ip2 = int(np.argmax(m2))
        p2_w = (w[ip2], w[ip2 + 1]) if n > 1 else (w[0],)
        values = {
            "first": (v[0], (w[0],)), "last": (v[-1], (w[-1],)),
            "start": (m2[0], s_w), "end": (m2[-1], e_w),
            "peak": (v[ip], (w[ip],)), "peak2": (m2[ip2], p2_w),
            "low": (float(np.min(v[first_seen:])),
                    (w[first_seen + int(np.argmin(v[first_seen:]))],)),
            "mean": (float(np.mean(v[first_seen:])), tuple(w[first_seen:])),
        }
        if first_seen > 0:  # appeared during the period: its first two weeks with messages
            fs = v[first_seen:first_seen + 2]
            values["launch"] = (float(np.mean(fs)), tuple(w[first_seen:first_seen + 2]))
        for name, (value, weeks) in values.items():
            put(name, value, "pct", weeks)
        pairs = [("start", "end"), ("first", "last"), ("peak2", "end"), ("peak", "last"),
                 ("start", "peak2"), ("first", "peak"), ("peak", "end"), ("peak2", "last")]
        for a, b in pairs:
            va, wa = values[a]
            vb, wb = values[b]
            put(f"{a}_to_{b}", vb - va, "pp", tuple(dict.fromkeys(wa + wb)))
            if va > 0:
                put(f"{a}_to_{b}_ratio", vb / va, "ratio", tuple(dict.fromkeys(wa + wb)))
        if release is not None:
            r = _monday(release)
            for name, idx in (("peak", ip), ("last", n - 1)):
                k = (w[idx] - r).days // 7
                if k >= 0:
                    put(f"weeks_release_to_{name}", k, "weeks", (w[idx],))


# ---------------------------------------------------------------- per chart: b, chart, table


def _family_series(b: _Builder, chart: str, table: ShareTable) -> None:
    """Each family's series and summaries (with durations from its release), then ranks."""
    _level_series(b, chart, "family", table.entities, table.shares)


def _provider_series(b: _Builder, chart: str, table: ShareTable) -> None:
    """Each provider's series (its families added together) and summaries, then ranks."""
    prov = table.by_provider()
    _level_series(b, chart, "provider", prov.entities, prov.shares)


def _level_series(b: _Builder, chart: str, kind: str, names: tuple[str, ...],
                  matrix: np.ndarray) -> None:
    for j, name in enumerate(names):
        if kind == "provider" and name in ("", UNKNOWN_PROVIDER):
            continue
        e = Entity(kind, name)
        v = np.asarray(matrix[:, j], dtype=float)
        b.track(chart, e, v)
        rel = b.releases.get(name) if kind == "family" else None
        b.summaries(chart, e, v, f"{kind}:{name}", rel[0] if rel else None)
    # a level's ranks follow its own series (not all levels' series first): the facts keep
    # the order they always had, and the first fact of an id is the one that stays
    _rank_facts(b, chart, kind, names, matrix)


def _rank_facts(b: _Builder, chart: str, kind: str, names: tuple[str, ...],
                matrix: np.ndarray) -> None:
    """Ranks among the chart's named families (or providers): the weekly rank table, the
    best and the every-week rank, and the rank at start, end, peak and by mean."""
    named = [(j, n) for j, n in enumerate(names) if n != OTHER and
             not (kind == "provider" and n in ("", UNKNOWN_PROVIDER))]
    if not named:
        return
    weeks = b.weeks
    idx = [j for j, _ in named]
    sub = np.asarray(matrix[:, idx], dtype=float)
    rk = _rank_matrix(sub)
    order = tuple(Entity(kind, n) for _, n in named)
    b.ranks[(chart, kind)] = (order, rk)
    data = np.flatnonzero(b.totals[chart] > 0)  # the weeks the chart has data
    # "led in every week", "每周都排第一": the same rank in every week with data
    for k, e in enumerate(order):
        col = rk[data, k] if len(data) else rk[:0, k]
        seen = col[sub[data, k] > 0] if len(col) else col
        if len(seen):  # "entered the top 5": its best weekly rank
            i = int(data[np.flatnonzero(sub[data, k] > 0)[int(np.argmin(seen))]])
            b.add(LedgerFact(f"S:{chart}:{kind}:{e.name}:rank_best", "rank_best",
                             float(seen.min()), "rank", e, chart, (weeks[i],)))
        if len(col) and (col == col[0]).all() and sub[data, k].min() > 0:
            b.add(LedgerFact(f"S:{chart}:{kind}:{e.name}:rank_every", "rank_every",
                             float(col[0]), "rank", e, chart, tuple(weeks[i] for i in data)))
    # the start and end the chart shows: its first and last two weeks with data
    shown = sub[data] if len(data) else sub
    for measure, row in (("start", _mean2(shown)[0] if len(shown) > 1 else shown[0]),
                         ("end", _mean2(shown)[-1] if len(shown) > 1 else shown[-1]),
                         ("peak", sub.max(axis=0)), ("mean", sub.mean(axis=0))):
        r = _rank_row(row)
        wd = [weeks[i] for i in data] if len(data) else list(weeks)
        for k, e in enumerate(order):
            if row[k] <= 0:
                continue
            if measure == "start":
                weeks_of = wd[:2]
            elif measure == "end":
                weeks_of = wd[-2:]
            elif measure == "peak":
                weeks_of = (weeks[int(np.argmax(sub[:, k]))],)
            else:
                weeks_of = weeks
            b.add(LedgerFact(f"S:{chart}:{kind}:{e.name}:rank_{measure}", f"rank_{measure}",
                             float(r[k]), "rank", e, chart, tuple(weeks_of)))


def _brand_series(b: _Builder, chart: str, table: ShareTable) -> None:
    """Brands: families of one provider sharing a leading word ("Claude", "Kling")."""
    for brand, members in b.brands.items():
        cols = [table.entities.index(m) for m in members if m in table.entities]
        if not cols:
            continue
        e = Entity("brand", brand)
        v = np.asarray(table.shares[:, cols].sum(axis=1), dtype=float)
        b.track(chart, e, v)
        b.summaries(chart, e, v, f"brand:{brand}", None)


def _group_series(b: _Builder, chart: str, table: ShareTable) -> None:
    """Tag groups ("hybrid reasoning models") and the bots they name apart from their family."""
    ents = b.chart_entities[chart]
    for group in (g for g in b.shares.groups if g.chart == chart):
        members = group.shares
        parts = [(Entity("group", group.tag), group.share)]
        parts += [(Entity("bot", m), members[:, k]) for k, m in enumerate(group.members)
                  if group.member_kind[m] == "bot"]
        for e, v in parts:
            if e in ents:
                continue  # a bot two tags name: its series is the same in both
            v = np.asarray(v, dtype=float)
            b.track(chart, e, v)
            b.summaries(chart, e, v, f"{e.kind}:{e.name}", None)
        # "混合推理模型共有四款", "four hybrid reasoning bots": the bots the registry tags
        tagged = [n for n, bot in b.registry.bots.items() if group.tag in bot.tags
                  and not bot.excluded]
        b.add(LedgerFact(f"S:{chart}:group:{group.tag}:bots", "bots", float(len(tagged)),
                         "count", Entity("group", group.tag), chart, b.weeks))


def _chart_counts(b: _Builder, chart: str, table: ShareTable) -> None:
    """The chart itself: its share of its parent (reasoning of all text), and its counts of
    families, providers, messages and launches, and of families per provider."""
    weeks, fam = b.weeks, table.shares
    ce = Entity("chart", chart)
    if table.parent_share is not None:
        v = np.asarray(table.parent_share, dtype=float)
        b.series[(chart, ce)] = v
        b.summaries(chart, ce, v, "chart:parent", None)
    b.chart_entities[chart].append(ce)
    active = [n for j, n in enumerate(table.entities) if n != OTHER and fam[:, j].sum() > 0]
    provs = {table.provider.get(n) for n in active} - {None, "", UNKNOWN_PROVIDER}
    b.add(LedgerFact(f"S:{chart}:families", "families", float(len(active)), "count", ce,
                     chart, weeks))
    b.add(LedgerFact(f"S:{chart}:providers", "providers", float(len(provs)), "count", ce,
                     chart, weeks))
    b.add(LedgerFact(f"S:{chart}:messages", "messages", float(b.totals[chart].sum()), "count",
                     ce, chart, weeks))
    launched = [n for n in active if n in b.releases and b.releases[n][0] > weeks[0]]
    b.add(LedgerFact(f"S:{chart}:launched", "launched", float(len(launched)), "count", ce,
                     chart, weeks))
    for p in sorted(provs):  # sorted: the fact order must not follow the hash seed
        fams = [n for n in active if table.provider.get(n) == p]
        b.add(LedgerFact(f"S:{chart}:provider:{p}:families", "families", float(len(fams)),
                         "count", Entity("provider", p), chart, weeks))


# ---------------------------------------------------------------- the period: b

_PERIOD = Entity("chart", "*")  # the entity of period-wide facts (chart "*")


def _registry_counts(b: _Builder) -> None:
    """Bots per family, families and bots per provider, and the registry's totals."""
    registry = b.registry
    everywhere = b.charts[0] if b.charts else ""
    for fam_name, family in registry.families.items():
        if fam_name == OTHER:
            continue
        b.add(LedgerFact(f"S:registry:family:{fam_name}:bots", "bots", float(len(family.bots)),
                         "count", Entity("family", fam_name), everywhere, ()))
    by_provider: dict[str, list[str]] = {}
    for fam_name, family in registry.families.items():
        by_provider.setdefault(family.provider, []).append(fam_name)
    for p, fams in by_provider.items():
        if p in ("", UNKNOWN_PROVIDER):
            continue
        pe = Entity("provider", p)
        b.add(LedgerFact(f"S:registry:provider:{p}:families", "families", float(len(fams)),
                         "count", pe, everywhere, ()))
        nbots = sum(len(registry.families[f].bots) for f in fams)
        b.add(LedgerFact(f"S:registry:provider:{p}:bots", "bots", float(nbots), "count", pe,
                         everywhere, ()))
    active_bots = [n for n, bot in registry.bots.items() if not bot.excluded]
    for name, value in (("bots", len(active_bots)), ("families", len(registry.families)),
                        ("providers", len(registry.providers)), ("charts", len(b.charts))):
        b.add(LedgerFact(f"S:registry:{name}", name, float(value), "count", _PERIOD, "*", ()))


def _period_length(b: _Builder) -> None:
    """The period's length in weeks, and the top N of a top-N extract."""
    b.add(LedgerFact("S:period:weeks", "weeks", float(len(b.weeks)), "weeks", _PERIOD, "*",
                     b.weeks))
    if b.shares.top_n:  # "the top 9": how many models each week's list names
        b.add(LedgerFact("S:top_n", "top_n", float(b.shares.top_n), "count", _PERIOD, "*",
                         b.weeks))


def _exclusion_shares(b: _Builder) -> None:
    """The methodology's exclusions, for the footnotes that state them: each excluded bot's
    and each follow-up trigger's share of its category's requests before exclusion
    ("Assistant ... about 15% of all text messages")."""
    excluded_in: dict[str, int] = {}
    for x in b.shares.exclusions:
        excluded_in[x.category] = excluded_in.get(x.category, 0) + x.messages
    for x in b.shares.exclusions:
        if x.category not in b.totals:
            continue
        whole = float(b.totals[x.category].sum()) + excluded_in[x.category]
        if whole <= 0:
            continue
        bot = b.registry.bots.get(x.what) if x.reason == "excluded bot" else None
        e = Entity("family", bot.family) if bot is not None else Entity("chart", x.category)
        b.add(LedgerFact(f"S:{x.category}:excluded:{x.what}", "excluded_share",
                         100.0 * x.messages / whole, "pct", e, x.category, b.weeks))


def _finding_facts(b: _Builder) -> None:
    """The findings' own facts, as they are. Last, and not through `add`: a finding's fact
    replaces a summary of the same id (in that summary's place in the order)."""
    if b.findings is None:
        return
    for f in getattr(b.findings, "findings", ()):
        for fact in getattr(f, "facts", {}).values():
            e = Entity(fact.entity_kind, fact.entity)
            value = fact.value if fact.unit == "date" else float(fact.value)
            b.facts[fact.id] = LedgerFact(fact.id, fact.name, value, fact.unit, e, fact.chart,
                                          tuple(fact.weeks), finding=True)
            b.finding_ids.add(fact.id)


# The fact builders, in order: the order of the facts (the first fact of an id stays).
CHART_FACTS = (_family_series, _provider_series, _brand_series, _group_series, _chart_counts)
PERIOD_FACTS = (_registry_counts, _period_length, _exclusion_shares, _finding_facts)


def build_ledger(shares: Shares, findings: Any | None, registry: Registry,
                 vocab: Vocabulary | None = None) -> Ledger:
    """Share tables (+ findings, optional) + registry → the ledger verification binds against.

    `findings` is a Findings object (anything with `.findings`, each with `.facts`: a mapping
    of name → Fact), or None for a ledger of the share tables alone. `vocab` adds the words
    the platform's profile uses for its charts ("tool use" for `tools`).
    """
    vocab = vocab or Vocabulary(top_n=shares.top_n)

    def chart_words(chart: str) -> tuple[str, ...]:
        # the five known charts keep their own words; any other gets its profile's words
        # ("tool use" for `tools`)
        return CHART_WORDS[chart] if chart in CHART_WORDS else vocab.chart_phrases(chart)

    b = _Builder(shares, findings, registry)
    for chart in b.charts:
        for build in CHART_FACTS:
            build(b, chart, shares[chart])
    for build in PERIOD_FACTS:
        build(b)

    aliases, names = _aliases(registry, shares, b.brands, chart_words)
    for chart in b.charts:
        for word in chart_words(chart) + (chart,):
            aliases.setdefault(name_key(word), (Entity("chart", chart),))
    freeze = MappingProxyType
    return Ledger(
        period=shares.weeks.label, weeks=b.weeks, charts=b.charts,
        facts=freeze(dict(b.facts)),
        by_entity=freeze(_grouped(b.facts.values(), lambda f: f.entity)),
        by_chart=freeze(_grouped(b.facts.values(), lambda f: f.chart)),
        series=freeze(b.series),
        chart_entities=freeze({k: tuple(v) for k, v in b.chart_entities.items()}),
        releases=freeze({Entity("family", n): tuple(dict.fromkeys(_monday(d) for d in ds))
                         for n, ds in b.releases.items()}),  # Mondays of release weeks
        present=freeze(b.present), totals=freeze(b.totals),
        aliases=freeze(aliases), names=names,
        masker=Masker(names),  # chart words carry no digits: they are found, not masked
        chart_word_rx=_chart_word_rx(b.charts, chart_words),
        ranks=freeze(b.ranks), finding_ids=frozenset(b.finding_ids),
        parents=freeze({c: shares[c].parent for c in b.charts if shares[c].parent}),
        vocab_words=freeze({c: tuple(w.lower() for w in chart_words(c)) for c in b.charts}),
        owner=freeze({n: f.provider for n, f in sorted(b.registry.families.items())
                      if f.provider not in ("", UNKNOWN_PROVIDER)}),
    )


def _grouped(facts, key) -> dict:
    out: dict[Any, list[LedgerFact]] = {}
    for fact in facts:
        out.setdefault(key(fact), []).append(fact)
    return {k: tuple(v) for k, v in out.items()}


def _chart_word_rx(charts: tuple[str, ...], chart_words) -> re.Pattern:
    """Any chart word, longest first; an ASCII word only as a whole word."""
    words = sorted({w for c in charts for w in chart_words(c) + (c.lower(),)},
                   key=lambda w: -len(w))
    return re.compile(
        "|".join(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" if w.isascii() else re.escape(w)
                 for w in words) or r"(?!x)x", re.IGNORECASE)


def _present(present: dict, e: Entity, v: np.ndarray, weeks: tuple[date, ...]) -> None:
    nz = np.flatnonzero(v > 0)
    if len(nz):
        lo, hi = weeks[int(nz[0])], weeks[int(nz[-1])]
        if e in present:
            lo, hi = min(lo, present[e][0]), max(hi, present[e][1])
        present[e] = (lo, hi)


def _rank_row(row: np.ndarray) -> np.ndarray:
    """1 + how many are strictly larger: ties share a rank."""
    return 1 + (row[None, :] > row[:, None]).sum(axis=1)


def _rank_matrix(m: np.ndarray) -> np.ndarray:
    return np.vstack([_rank_row(r) for r in m]) if len(m) else m


def _releases(shares: Shares, registry: Registry) -> dict[str, tuple[date, ...]]:
    """family → its release days: the registry's date, and the first week it had messages
    (when that is after the period's first week). Either may be cited."""
    out: dict[str, list[date]] = {}
    for name, fam in registry.families.items():
        if fam.released is not None:
            out.setdefault(name, []).append(fam.released)
    weeks = shares.weeks.mondays
    for chart in shares.charts:
        t = shares[chart]
        m = t.shares
        for j, name in enumerate(t.entities):
            nz = np.flatnonzero(m[:, j] > 0)
            if len(nz) and nz[0] > 0:
                first = weeks[int(nz[0])]
                days = out.setdefault(name, [])
                if first not in days:
                    days.append(first)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _lead_word(name: str) -> str | None:
    m = re.match(r"[A-Za-z]{3,}", name)
    return m.group(0) if m else None


def _brands(registry: Registry) -> dict[str, tuple[str, ...]]:
    """Leading words shared by two or more families of one provider: "Claude", "Gemini"."""
    groups: dict[tuple[str, str], list[str]] = {}
    for name, fam in registry.families.items():
        word = _lead_word(name)
        if word and name != OTHER:
            groups.setdefault((word.lower(), fam.provider), []).append(name)
    taken = {name_key(n) for n in registry.families} | {name_key(p) for p in registry.providers}
    taken |= {name_key(b) for b in registry.bots}
    out: dict[str, tuple[str, ...]] = {}
    by_word: dict[str, list[tuple[str, list[str]]]] = {}
    for (word, provider), members in groups.items():
        by_word.setdefault(word, []).append((provider, members))
    for word, entries in by_word.items():
        if len(entries) != 1:
            continue  # one word, several providers: too vague to name anything
        provider, members = entries[0]
        if len(members) < 2 or word in taken:
            continue
        display = _lead_word(members[0]) or word
        out[display] = tuple(sorted(members))
    return out


def _group_names(tag: str) -> tuple[str, ...]:
    """How a text names a tag group: "hybrid reasoning models", "hybrid reasoning model",
    "hybrid reasoning", "hybrid-reasoning", "混合推理模型", "混合推理"."""
    en, zh = fmt.tag_noun(tag, "en"), fmt.tag_noun(tag, "zh")
    out = [tag, en, zh]
    if en.endswith(" models"):
        out += [en[:-1], en[: -len(" models")]]
    if zh.endswith("模型"):
        out.append(zh[: -len("模型")].strip().removesuffix("类").strip().strip("“”"))
    return tuple(dict.fromkeys(n for n in out if n))


def _variants(name: str) -> set[str]:
    """Spellings a writer may use: as given, with spaces for hyphens and hyphens for spaces."""
    return {name, name.replace("-", " "), name.replace(" ", "-"), name.replace("_", " ")}


_MD_ESCAPE = re.compile(r"([\\`*_\[\]|])")


def _aliases(registry: Registry, shares: Shares, brands: Mapping[str, tuple[str, ...]],
             chart_words) -> tuple[dict[str, tuple[Entity, ...]], tuple[str, ...]]:
    table: dict[str, list[Entity]] = {}
    spelled: set[str] = set()

    def add(name: str, e: Entity) -> None:
        if not name or name in (OTHER, UNKNOWN_PROVIDER) or not name.strip():
            return
        # A post writes a name with Markdown or HTML in it escaped (writer.post): the
        # escaped spelling names the same entity, and its digits are not claims either.
        for shown in {_MD_ESCAPE.sub(r"\\\1", name), html.escape(name, quote=False),
                      escape_name(name), escape_alt(name)} - {name}:
            _add_spelling(shown, e)
        _add_spelling(name, e)

    def _add_spelling(name: str, e: Entity) -> None:
        key = name_key(name)
        if not key:
            return
        lst = table.setdefault(key, [])
        if e not in lst:
            lst.append(e)
        spelled.update(_variants(name))

    for name in registry.families:
        add(name, Entity("family", name))
    for bot in registry.bots.values():
        add(bot.name, Entity("family", bot.family))
    for provider in registry.providers:
        add(provider, Entity("provider", provider))
    # the Chinese display names (family_zh, provider_zh) name the same entities
    for family in registry.families.values():
        if family.name_zh:
            add(family.name_zh, Entity("family", family.name))
    for provider, zh in registry.provider_zh.items():
        add(zh, Entity("provider", provider))
    for chart in shares.charts:
        for name in shares[chart].entities:
            add(name, Entity("family", name))
    for brand in brands:
        add(brand, Entity("brand", brand))
    # A group's names never take over a chart's words or another entity's name: "video
    # models" must stay the video chart's, whatever a registry calls its tags.
    chart_phrases = {name_key(p) for c in shares.charts
                     for w in chart_words(c) + (c,)
                     for p in (w, f"{w} models", f"{w} model", f"{w}模型")}
    for group in shares.groups:
        ge = Entity("group", group.tag)
        for name in _group_names(group.tag):
            if name_key(name) not in chart_phrases and name_key(name) not in table:
                add(name, ge)
        for member, kind in group.member_kind.items():
            if kind == "bot":  # "Gemini-2.5-Flash" names its family and, here, the bot
                add(member, Entity("bot", member))
                # a bot named like its family shows the family's Chinese name in a zh post
                fam = registry.families.get(member)
                if fam is not None and fam.name_zh:
                    add(fam.name_zh, Entity("bot", member))
    names = tuple(sorted(spelled, key=lambda n: (-len(n), n)))
    return {k: tuple(v) for k, v in table.items()}, names
