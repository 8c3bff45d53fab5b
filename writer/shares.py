"""Weekly percentage shares, one table per chart. Pure: no I/O, frozen results.

A chart is a usage category (text, image, video, audio, or any other label) or
`reasoning`, the reasoning subset of text. A share is a family's percentage of the
chart's weekly total, after the methodology's exclusions:
- only rows whose trigger is `user` count (follow-up buttons are not a user's choice);
- bots marked `excluded` in the registry (such as the platform's own Assistant) are dropped.
A week whose total is zero has every share at 0 (and `totals` says why).

Groups cut across families: the bots that carry one registry tag ("hybrid-reasoning") in
one chart, e.g. Gemini-2.5-Flash (one bot of the Gemini-2.5 family) with the Qwen-3
family. A member is named by its family when every bot of that family with messages in the
chart carries the tag, else by the bot, so a story names what a reader would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from writer.errors import InputError, Problem
from writer.load import OTHER, Dataset
from writer.periods import Weeks

CHART_ORDER = ("text", "reasoning", "image", "video", "audio")
USER = "user"


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a, dtype=float)
    a.setflags(write=False)
    return a


def _percent(counts: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """counts (weeks × columns) as percent of each week's total; 0 in a week with none."""
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = counts / totals[:, None] * 100.0
    return _frozen(np.where(totals[:, None] > 0, pct, 0.0))


@dataclass(frozen=True)
class ShareTable:
    """One chart's weekly shares: rows are weeks, columns are entities (families or providers)."""

    chart: str
    level: str  # "family" or "provider"
    weeks: tuple[date, ...]
    entities: tuple[str, ...]
    counts: np.ndarray = field(repr=False)  # messages, weeks × entities
    totals: np.ndarray = field(repr=False)  # messages per week
    provider: Mapping[str, str] = field(repr=False)  # entity → provider
    parent: str | None = None  # "text" for reasoning
    parent_totals: np.ndarray | None = field(default=None, repr=False)

    @property
    def shares(self) -> np.ndarray:
        """Percent of the weekly total, weeks × entities; 0 in a week with no messages."""
        return _percent(self.counts, self.totals)

    @property
    def parent_share(self) -> np.ndarray | None:
        """This chart's weekly total as a percent of its parent's (reasoning of all text)."""
        if self.parent_totals is None:
            return None
        with np.errstate(invalid="ignore", divide="ignore"):
            pct = self.totals / self.parent_totals * 100.0
        return _frozen(np.where(self.parent_totals > 0, pct, 0.0))

    def series(self, entity: str) -> np.ndarray:
        return self.shares[:, self.entities.index(entity)]

    def to_frame(self) -> pd.DataFrame:
        """A fresh DataFrame of shares, indexed by week (a copy: safe to change)."""
        frame = pd.DataFrame(self.shares, columns=list(self.entities),
                             index=pd.Index(self.weeks, name="week"))
        frame["total"] = self.totals
        if self.parent_totals is not None:
            frame[f"share_of_{self.parent}"] = self.parent_share
        return frame

    def fold(self, top: int | None) -> ShareTable:
        """Keep the `top` entities with the highest weekly peak; fold the rest into Other.

        Ranking by peak rather than by average keeps a late launch or a faded star that
        mattered for a few weeks, which is what a usage-trends chart is about.
        """
        named = [e for e in self.entities if e != OTHER]
        if top is None or len(named) <= top:
            return self
        keep = set(named[:top])  # entities are already in peak order
        kept_idx = [i for i, e in enumerate(self.entities) if e in keep]
        rest_idx = [i for i, e in enumerate(self.entities) if e not in keep]
        counts = np.column_stack([self.counts[:, kept_idx], self.counts[:, rest_idx].sum(axis=1)])
        entities = tuple(self.entities[i] for i in kept_idx) + (OTHER,)
        provider = {e: self.provider.get(e, "") for e in entities}
        return ShareTable(self.chart, self.level, self.weeks, entities, _frozen(counts),
                          self.totals, MappingProxyType(provider), self.parent, self.parent_totals)

    def by_provider(self) -> ShareTable:
        """The same chart with each provider's families added together."""
        frame = pd.DataFrame(self.counts, columns=list(self.entities))
        groups = [self.provider.get(e, "") if e != OTHER else OTHER for e in self.entities]
        summed = frame.T.groupby(groups, sort=False).sum().T
        return _table(self.chart, "provider", self.weeks, summed.to_numpy(),
                      list(summed.columns), self.totals, {p: p for p in summed.columns},
                      self.parent, self.parent_totals)


@dataclass(frozen=True)
class Exclusion:
    """Messages left out of the shares, and why: for the methodology footnotes."""

    category: str
    reason: str  # "trigger" or "excluded bot"
    what: str  # the trigger value or the bot name
    messages: int


@dataclass(frozen=True)
class Group:
    """The bots with one registry tag in one chart, as shares of that chart's total."""

    tag: str
    chart: str
    members: tuple[str, ...]  # families or bots, largest first (see the module doc)
    member_kind: Mapping[str, str] = field(repr=False)  # member → "family" or "bot"
    counts: np.ndarray = field(repr=False)  # messages, weeks × members
    totals: np.ndarray = field(repr=False)  # the chart's messages per week

    @property
    def shares(self) -> np.ndarray:
        """Each member's percent of the chart's weekly total, weeks × members."""
        return _percent(self.counts, self.totals)

    @property
    def share(self) -> np.ndarray:
        """The whole group's percent of the chart's weekly total."""
        return _frozen(self.shares.sum(axis=1))


@dataclass(frozen=True)
class Shares:
    """Every chart's table for one period, in post order."""

    weeks: Weeks
    tables: Mapping[str, ShareTable]
    exclusions: tuple[Exclusion, ...]
    groups: tuple[Group, ...] = ()  # tag groups, by chart order then tag
    # The data lists only each week's top N bots plus an Other row (detected, or [data]
    # top_n): a bot missing from a week was below the cut-off, so its zero is not a value.
    top_n: int | None = None

    @property
    def charts(self) -> tuple[str, ...]:
        return tuple(self.tables)

    def __getitem__(self, chart: str) -> ShareTable:
        return self.tables[chart]


def _table(chart, level, weeks, counts, entities, totals, provider, parent=None,
           parent_totals=None) -> ShareTable:
    """Order entities by weekly peak share (ties: total messages, then name); Other last."""
    counts = np.asarray(counts, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(totals[:, None] > 0, counts / totals[:, None], 0.0)
    peak = pct.max(axis=0) if len(weeks) else np.zeros(len(entities))
    volume = counts.sum(axis=0)
    order = sorted(range(len(entities)),
                   key=lambda i: (entities[i] == OTHER, -round(peak[i], 12), -volume[i],
                                  entities[i]))
    return ShareTable(
        chart=chart, level=level, weeks=tuple(weeks),
        entities=tuple(entities[i] for i in order),
        counts=_frozen(counts[:, order]), totals=_frozen(totals),
        provider=MappingProxyType({entities[i]: provider[entities[i]] for i in order}),
        parent=parent,
        parent_totals=None if parent_totals is None else _frozen(parent_totals),
    )


def _pivot(rows: pd.DataFrame, weeks: pd.DatetimeIndex) -> pd.DataFrame:
    counts = rows.pivot_table(index="week", columns="family", values="messages",
                              aggfunc="sum", fill_value=0, observed=True)
    return counts.reindex(weeks, fill_value=0).sort_index(axis=1)


def _nothing_left(data: Dataset, weeks: Weeks, in_period: pd.DataFrame, is_user: pd.Series,
                  excluded_bot: pd.Series) -> Problem:
    """Why a period has nothing to chart: no rows in its weeks, or every row excluded."""
    if in_period.empty:
        return Problem(f"--period {weeks.label}: the data has no rows in its weeks "
                       f"({weeks.mondays[0]} to {weeks.mondays[-1]}), a gap in the data",
                       file=data.usage_path, fix="pick a period with data")
    bots = sorted(set(in_period.loc[excluded_bot, "bot"]))
    triggers = sorted(set(in_period.loc[~is_user, "trigger"]))
    why = []
    if bots:
        shown = ", ".join(repr(b) for b in bots[:5]) + (" ..." if len(bots) > 5 else "")
        why.append(f"bots marked excluded=true: {shown}")
    if triggers:
        why.append("rows whose trigger is not the user's: " + ", ".join(map(repr, triggers[:5])))
    return Problem(f"--period {weeks.label}: all {len(in_period)} usage rows in the period are "
                   f"excluded ({'; '.join(why)}), so there is nothing to chart",
                   file=data.models_path or data.usage_path, column="excluded",
                   fix="set excluded=false for a bot whose use the post should count, or pick "
                       "a period with other bots")


def compute_shares(data: Dataset, weeks: Weeks, top_n: int | None = None) -> Shares:
    """Dataset + resolved weeks → one ShareTable per chart (families unfolded).

    `top_n` says the data is a weekly top-N extract; None detects it (see detect_top_n).
    """
    usage = data.usage
    registry = data.registry
    monday_index = pd.DatetimeIndex(pd.to_datetime(list(weeks.mondays)))
    in_period = usage[usage["week"].isin(monday_index)]
    family = in_period["bot"].map(lambda b: registry.bots[b].family)
    # astype(bool): on an empty frame map() keeps the column's dtype, and ~ and & need bools
    excluded_bot = in_period["bot"].map(lambda b: registry.bots[b].excluded).astype(bool)
    is_user = in_period["trigger"] == USER

    exclusions = []
    dropped = in_period[~is_user]
    for (category, trigger), n in dropped.groupby(["category", "trigger"])["messages"].sum().items():
        exclusions.append(Exclusion(category, "trigger", trigger, int(n)))
    dropped = in_period[is_user & excluded_bot]
    for (category, bot), n in dropped.groupby(["category", "bot"])["messages"].sum().items():
        exclusions.append(Exclusion(category, "excluded bot", bot, int(n)))

    keep = is_user & ~excluded_bot
    # family[keep], not family: assigning a longer Series to an empty frame gives it rows
    kept = in_period[keep].assign(family=family[keep])
    provider = {name: f.provider for name, f in registry.families.items()}
    present = set(kept["category"])
    charts = [c for c in CHART_ORDER if c in present or (c == "reasoning" and "text" in present)]
    charts += sorted(present - set(CHART_ORDER))
    if not charts:
        raise InputError(_nothing_left(data, weeks, in_period, is_user, excluded_bot))

    tables: dict[str, ShareTable] = {}
    groups: list[Group] = []
    text_totals = None
    if top_n is None:
        top_n = detect_top_n(kept)
    for chart in charts:
        if chart == "reasoning":
            text_rows = kept[kept["category"] == "text"]
            rows = text_rows[text_rows["reasoning"]]
            if rows.empty:
                continue
            text_totals = _pivot(text_rows, monday_index).sum(axis=1).to_numpy(dtype=float)
        else:
            rows = kept[kept["category"] == chart]
        counts = _pivot(rows, monday_index)
        totals = counts.sum(axis=1).to_numpy(dtype=float)
        for tag in registry.tags:
            group = _group(tag, chart, rows, monday_index, totals, registry)
            if group is not None:
                groups.append(group)
        tables[chart] = _table(
            chart, "family", weeks.mondays, counts.to_numpy(dtype=float), list(counts.columns),
            totals, provider,
            parent="text" if chart == "reasoning" else None,
            parent_totals=text_totals if chart == "reasoning" else None,
        )
    return Shares(weeks, MappingProxyType(tables), tuple(exclusions), tuple(groups), top_n)


def detect_top_n(rows: pd.DataFrame) -> int | None:
    """N when every category reads as the same weekly top-N list with an Other row, else None.

    A category reads so when each of its weeks with data has an Other row and names at most
    N bots, exactly N in at least 80% of its weeks. Some category must also name more than N
    bots over the period (models came and went: the list was cut), so a small platform that
    simply has N models and a long-tail bucket is not taken for an extract.
    """
    if rows.empty:
        return None
    live = rows[rows["messages"] > 0]
    sizes, rotated = set(), False
    for _, cat in live.groupby("category", sort=True):
        other = cat["family"] == OTHER
        weeks = sorted(set(cat["week"]))
        if set(cat.loc[other, "week"]) != set(weeks):
            return None
        per_week = cat[~other].groupby("week")["bot"].nunique().reindex(weeks, fill_value=0)
        n = int(per_week.max())
        if n < 1 or (per_week == n).mean() < 0.8:
            return None
        sizes.add(n)
        rotated = rotated or cat.loc[~other, "bot"].nunique() > n
    return sizes.pop() if len(sizes) == 1 and rotated else None
def _group(tag: str, chart: str, rows: pd.DataFrame, weeks: pd.DatetimeIndex,
           totals: np.ndarray, registry) -> Group | None:
    """The bots tagged `tag` among one chart's counted rows, named as the module doc says."""
    by_bot = rows.groupby("bot", observed=True)["messages"].sum()
    active = [b for b, n in by_bot.items() if n > 0]
    tagged = sorted(b for b in active if tag in registry.bots[b].tags)
    if not tagged:
        return None
    members: dict[str, list[str]] = {}
    kind: dict[str, str] = {}
    for bot in tagged:
        family = registry.bots[bot].family
        siblings = [b for b in active if registry.bots[b].family == family]
        whole = family != OTHER and all(tag in registry.bots[b].tags for b in siblings)
        name = family if whole else bot
        members.setdefault(name, []).append(bot)
        kind[name] = "family" if whole else "bot"
    per_bot = (rows[rows["bot"].isin(tagged)]
               .pivot_table(index="week", columns="bot", values="messages", aggfunc="sum",
                            fill_value=0, observed=True)
               .reindex(weeks, fill_value=0))
    counts = np.column_stack([per_bot[bots].to_numpy(dtype=float).sum(axis=1)
                              for bots in members.values()])
    names = list(members)
    order = sorted(range(len(names)), key=lambda i: (-counts[:, i].sum(), names[i]))
    return Group(tag, chart, tuple(names[i] for i in order),
                 MappingProxyType({names[i]: kind[names[i]] for i in order}),
                 _frozen(counts[:, order]), _frozen(totals))
