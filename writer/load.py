"""Load and validate the two input files: the weekly usage table and the model registry.

Everything a person could get wrong in these files becomes a `Problem` naming the file,
the row, the column, the value and the fix. Problems are collected (up to a limit) so a
user fixes a file in one pass, not one error per run.

Row numbers are the ones a spreadsheet shows: in a CSV the header is row 1 and the first
data row is row 2; in Parquet the first row is row 1.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from writer.errors import InputError, Problem

MAX_PROBLEMS = 20
KEY = ("week", "category", "bot", "reasoning", "trigger")
USAGE_REQUIRED = ("week", "category", "bot", "messages")
MAX_COUNT = 2**53  # the largest whole number float64 holds exactly (and int64 sums safely)
USAGE_OPTIONAL = {"reasoning": "false", "trigger": "user"}
REGISTRY_REQUIRED = ("bot", "family")
# provider may be missing or empty: the lab is then unknown, and provider-level findings skip it.
# family_zh / provider_zh are display names for the Chinese post (快手 for Kuaishou).
REGISTRY_OPTIONAL = ("provider", "released", "excluded", "predecessor", "tags", "family_zh",
                     "provider_zh")
# A tag groups bots across families ("hybrid-reasoning"): lowercase words joined by hyphens.
TAG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
OTHER = "Other"  # the long-tail family: counted everywhere, never a finding's subject
UNKNOWN_PROVIDER = "unknown"
TRUE = {"true", "1", "yes", "y", "t"}
FALSE = {"false", "0", "no", "n", "f", ""}


@dataclass(frozen=True)
class Family:
    name: str
    provider: str
    released: date | None
    predecessor: str | None
    bots: tuple[str, ...]
    registered: bool = True  # False: made up for a bot missing from the registry
    name_zh: str | None = None  # the registry's family_zh: its name in a Chinese post


@dataclass(frozen=True)
class Bot:
    name: str
    family: str
    provider: str
    excluded: bool = False
    tags: tuple[str, ...] = ()  # registry tags, sorted: groups that cut across families


@dataclass(frozen=True)
class Registry:
    bots: Mapping[str, Bot]
    families: Mapping[str, Family]
    # provider → its name in a Chinese post (the registry's provider_zh: 快手 for Kuaishou)
    provider_zh: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def display(self, name: str, lang: str) -> str:
        """A family's or provider's name as a post in `lang` shows it."""
        if lang != "zh":
            return name
        family = self.families.get(name)
        if family is not None and family.name_zh:
            return family.name_zh
        return self.provider_zh.get(name, name)

    def family_of(self, bot: str) -> str:
        return self.bots[bot].family

    def provider_of(self, family: str) -> str:
        return self.families[family].provider

    @property
    def providers(self) -> tuple[str, ...]:
        return tuple(sorted({f.provider for f in self.families.values()}))

    @property
    def tags(self) -> tuple[str, ...]:
        """Every tag some bot carries, sorted."""
        return tuple(sorted({t for b in self.bots.values() for t in b.tags}))


@dataclass(frozen=True)
class Dataset:
    """Validated usage rows plus the registry that covers every bot in them.

    `usage` has columns week (datetime64, a Monday), category, bot, messages (int64),
    reasoning (bool) and trigger. Stages treat it as read-only.
    """

    usage: pd.DataFrame = field(repr=False)
    registry: Registry
    usage_path: str
    models_path: str | None
    sha256: str
    unregistered: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def mondays(self) -> tuple[date, ...]:
        return tuple(d.date() for d in sorted(self.usage["week"].unique()))


class _Problems:
    """Collects problems up to MAX_PROBLEMS and counts the rest."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.more = 0

    def add(self, **kw) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(**kw))
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items, more=self.more)


# ---------------------------------------------------------------- reading files


def _read_frame(path: Path, what: str, flag: str) -> tuple[pd.DataFrame, int, bytes]:
    """Read CSV or Parquet into a frame; returns (frame, number of the first data row, bytes)."""
    name = str(path)
    if not path.exists():
        raise InputError(Problem(
            f"the {what} file does not exist", file=name,
            fix=f"check the path, or point {flag} at the right file",
        ))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(
            f"the {what} file cannot be read ({exc.strerror})", file=name,
            fix="check the file's permissions",
        )) from None
    if not raw.strip():
        raise InputError(Problem(
            f"the {what} file is empty", file=name,
            fix="write a header row and at least one data row",
        ))
    suffix = path.suffix.lower()
    if raw[:4] == b"PAR1" or suffix in {".parquet", ".pq"}:
        try:
            import pyarrow.parquet as pq

            frame = pq.read_table(path).to_pandas()
        except Exception as exc:  # pyarrow raises several types for a corrupt file
            raise InputError(Problem(
                f"the {what} file is not a readable Parquet file ({type(exc).__name__})",
                file=name, fix="write it again as Parquet, or as CSV with a .csv name",
            )) from None
        first_row = 1
    elif suffix in {".csv", ".txt", ""}:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(Problem(
                f"the {what} file is neither UTF-8 text nor Parquet", file=name,
                fix="save it as UTF-8 CSV, or as Parquet",
            )) from None
        if "\x00" in text:
            raise InputError(Problem(
                f"the {what} file is binary, not CSV", file=name,
                fix="save it as UTF-8 CSV, or as Parquet",
            ))
        import io

        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                                skipinitialspace=True)
        except pd.errors.ParserError as exc:
            raise InputError(Problem(
                f"the {what} file is not valid CSV ({str(exc).strip()})", file=name,
                fix="make every row have as many fields as the header",
            )) from None
        except pd.errors.EmptyDataError:
            raise InputError(Problem(
                f"the {what} file is empty", file=name,
                fix="write a header row and at least one data row",
            )) from None
        first_row = 2
    else:
        raise InputError(Problem(
            f"the {what} file is not CSV or Parquet (its name ends in {suffix!r})", file=name,
            fix="give it a .csv or .parquet name, in that format",
        ))
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise InputError(Problem(
            f"the {what} file has a header but no data rows", file=name,
            fix="add at least one data row",
        ))
    return frame, first_row, raw


def _require_columns(frame: pd.DataFrame, required, name: str, what: str) -> None:
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError(Problem(
            f"the {what} has no column {', '.join(repr(c) for c in missing)} "
            f"(its columns are {', '.join(map(repr, frame.columns))})",
            file=name, column=missing[0],
            fix=f"add the column; the required columns are {', '.join(required)}",
        ))


def _as_text(series: pd.Series) -> pd.Series:
    return series.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v)
                      ).str.strip()


def _parse_bool(series: pd.Series, column: str, name: str, first_row: int,
                problems: _Problems) -> pd.Series:
    text = _as_text(series).str.lower()
    bad = ~text.isin(TRUE | FALSE)
    for i in bad[bad].index:
        problems.add(message="is not true or false", file=name, row=int(i) + first_row,
                     column=column, value=str(series[i]), fix="write true or false")
    return text.isin(TRUE)


def _parse_dates(series: pd.Series, column: str, name: str, first_row: int,
                 problems: _Problems, *, monday: bool, optional: bool = False) -> pd.Series:
    text = _as_text(series)
    # Parquet may hold real dates or midnight timestamps; keep just the day.
    text = text.str.replace(r"[ T]00:00:00(\.0+)?$", "", regex=True)
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    blank = text == ""
    bad = parsed.isna() & ~(blank & optional)
    for i in bad[bad].index:
        problems.add(message="is not a date", file=name, row=int(i) + first_row, column=column,
                     value=str(series[i]), fix="write dates as YYYY-MM-DD, e.g. 2025-01-06")
    if monday:
        off = parsed.notna() & (parsed.dt.day_of_week != 0)
        for i in off[off].index:
            day = parsed[i].date()
            start = day - timedelta(days=day.weekday())
            problems.add(
                message=f"is a {day.strftime('%A')}, not a Monday", file=name,
                row=int(i) + first_row, column=column, value=str(series[i]),
                fix=f"name each week by its Monday (this one is {start.isoformat()})",
            )
    return parsed


# ---------------------------------------------------------------- the usage table


def read_usage(path: str | Path) -> tuple[pd.DataFrame, bytes]:
    """Read and validate the usage table. Returns the typed frame and the file's bytes."""
    usage, raw, _ = _read_usage(path)
    return usage, raw


# Categories writer makes itself: "reasoning" is the text rows marked reasoning=true, and
# "Other" is where a chart folds its long tail. Data may not use them as categories.
RESERVED_CATEGORIES = {
    "reasoning": "mark the text rows of reasoning models with reasoning=true instead "
                 "(the reasoning chart is drawn from them)",
    "other": "name the category for what it counts (e.g. 'misc'); Other is the long tail "
             "inside each chart",
}


def _category_key(text: str) -> str:
    """How categories are compared: ' Text ' and 'text' are one category."""
    return " ".join(text.split()).lower()


def _read_usage(path: str | Path) -> tuple[pd.DataFrame, bytes, list[str]]:
    path = Path(path)
    name = str(path)
    frame, first_row, raw = _read_frame(path, "usage", "--data")
    _require_columns(frame, USAGE_REQUIRED, name, "usage table")
    problems = _Problems()

    week = _parse_dates(frame["week"], "week", name, first_row, problems, monday=True)

    for column in ("category", "bot"):
        blank = _as_text(frame[column]) == ""
        for i in blank[blank].index:
            problems.add(message="is empty", file=name, row=int(i) + first_row, column=column,
                         value="", fix=f"every row needs a {column}")

    notes: list[str] = []
    category_text = _as_text(frame["category"])
    category = category_text.map(_category_key)
    for i in category[category.isin(list(RESERVED_CATEGORIES))].index:
        problems.add(message="is a name writer reserves", file=name, row=int(i) + first_row,
                     column="category", value=category_text[i],
                     fix=RESERVED_CATEGORIES[category[i]])
    respelled = sorted({(a, b) for a, b in zip(category_text, category) if a != b and b})
    if respelled:
        shown = ", ".join(f"{a!r} as {b!r}" for a, b in respelled[:10])
        notes.append(f"categories are compared without case and extra spaces: read {shown}"
                     + (f" and {len(respelled) - 10} more" if len(respelled) > 10 else ""))

    messages_text = _as_text(frame["messages"])
    messages = pd.to_numeric(messages_text, errors="coerce")
    for i in messages[messages.isna()].index:
        problems.add(message="is not a number", file=name, row=int(i) + first_row,
                     column="messages", value=messages_text[i],
                     fix="write a whole number of messages, e.g. 1200")
    negative = messages < 0
    for i in negative[negative].index:
        problems.add(message="is negative", file=name, row=int(i) + first_row,
                     column="messages", value=messages_text[i],
                     fix="counts cannot be below zero; write 0 or the right count")
    # Shares are summed in float64, exact for whole numbers up to 2**53 (about 9.0e15): a
    # count above it would be rounded, and one past int64 would wrap negative.
    huge = messages > MAX_COUNT
    for i in huge[huge].index:
        problems.add(message=f"is larger than the {MAX_COUNT:,} a count may be", file=name,
                     row=int(i) + first_row, column="messages", value=messages_text[i],
                     fix="check the number (a stray digit, a unit mix-up); if it is right, "
                         "divide every count in the file by the same power of ten")
    fractional = (messages >= 0) & (messages % 1 != 0)
    for i in fractional[fractional].index:
        problems.add(message="is not a whole number", file=name, row=int(i) + first_row,
                     column="messages", value=messages_text[i],
                     fix="messages are counted, so write a whole number")

    if "reasoning" in frame.columns:
        reasoning = _parse_bool(frame["reasoning"], "reasoning", name, first_row, problems)
    else:
        reasoning = pd.Series(False, index=frame.index)
    if "trigger" in frame.columns:
        trigger = _as_text(frame["trigger"]).replace("", "user")
    else:
        trigger = pd.Series("user", index=frame.index)

    usage = pd.DataFrame({
        "week": week,
        "category": category,
        "bot": _as_text(frame["bot"]),
        "messages": messages,
        "reasoning": reasoning.astype(bool),
        "trigger": trigger,
    })

    # A repeated key would be double-counted; name both rows so the user can pick one.
    keyed = usage.assign(_row=usage.index + first_row)
    dup = keyed.duplicated(list(KEY), keep=False) & keyed["week"].notna()
    if dup.any():
        for _, group in keyed[dup].groupby(list(KEY), sort=False):
            rows = group["_row"].tolist()
            first = group.iloc[0]
            problems.add(
                message=f"repeats the key of row {rows[0]} (week {first['week'].date()}, "
                        f"category {first['category']}, bot {first['bot']}, "
                        f"reasoning {str(first['reasoning']).lower()}, trigger {first['trigger']})",
                file=name, row=rows[1], column="bot", value=first["bot"],
                fix="keep one row per week, category, bot, reasoning and trigger, "
                    "or add the counts together",
            )
    problems.raise_if_any()
    usage["messages"] = usage["messages"].astype("int64")
    weekly = usage.groupby("week")["messages"].sum()  # no row above 2**53: no int64 wrap
    over = weekly[weekly > MAX_COUNT]
    if not over.empty:
        problems.add(message=f"the counts of week {over.index[0].date()} add up to "
                             f"{int(over.iloc[0]):,}, more than the {MAX_COUNT:,} shares can "
                             f"be computed from exactly", file=name, column="messages",
                     fix="divide every count in the file by the same power of ten")
        problems.raise_if_any()
    return usage, raw, notes


# ---------------------------------------------------------------- the registry


def read_registry(path: str | Path) -> tuple[Registry, bytes]:
    """Read and validate the model registry CSV."""
    path = Path(path)
    name = str(path)
    frame, first_row, raw = _read_frame(path, "registry", "--models")
    known = REGISTRY_REQUIRED + REGISTRY_OPTIONAL
    unknown = [c for c in frame.columns if c not in known]
    if unknown:
        raise InputError(Problem(
            f"the registry has an unknown column {unknown[0]!r}", file=name, column=unknown[0],
            fix=f"rename or remove it; the registry's columns are {', '.join(known)}",
        ))
    _require_columns(frame, REGISTRY_REQUIRED, name, "registry")
    problems = _Problems()
    text = {c: _as_text(frame[c]) if c in frame.columns else pd.Series("", index=frame.index)
            for c in known}
    for column in REGISTRY_REQUIRED:
        blank = text[column] == ""
        for i in blank[blank].index:
            problems.add(message="is empty", file=name, row=int(i) + first_row, column=column,
                         value="", fix=f"every registry row needs a {column}")
    released = _parse_dates(text["released"], "released", name, first_row, problems,
                            monday=False, optional=True)
    excluded = _parse_bool(text["excluded"], "excluded", name, first_row, problems)

    bots: dict[str, Bot] = {}
    rows_of: dict[str, int] = {}
    fam_rows: dict[str, list[int]] = {}
    for i in frame.index:
        bot, family, provider = text["bot"][i], text["family"][i], text["provider"][i]
        row = int(i) + first_row
        if not bot or not family:
            continue
        if bot in bots:
            problems.add(message=f"lists bot {bot!r} again (first at row {rows_of[bot]})",
                         file=name, row=row, column="bot", value=bot,
                         fix="keep one row per bot")
            continue
        tags = _parse_tags(text["tags"][i], name, row, problems)
        bots[bot] = Bot(bot, family, provider or UNKNOWN_PROVIDER, bool(excluded[i]), tags)
        rows_of[bot] = row
        fam_rows.setdefault(family, []).append(i)

    families: dict[str, Family] = {}
    for family, idx in fam_rows.items():
        providers = sorted({text["provider"][i] for i in idx if text["provider"][i]})
        if len(providers) > 1:
            problems.add(
                message=f"family {family!r} has bots from several providers ({', '.join(providers)})",
                file=name, row=int(idx[0]) + first_row, column="provider", value=providers[1],
                fix="give every bot of a family the same provider",
            )
        dates = sorted(d.date() for d in released[idx] if pd.notna(d))
        preds = sorted({text["predecessor"][i] for i in idx if text["predecessor"][i]})
        if len(preds) > 1:
            problems.add(
                message=f"family {family!r} names several predecessors ({', '.join(preds)})",
                file=name, row=int(idx[0]) + first_row, column="predecessor", value=preds[1],
                fix="give a family one predecessor, on any of its rows",
            )
        zh_names = sorted({text["family_zh"][i] for i in idx if text["family_zh"][i]})
        if len(zh_names) > 1:
            problems.add(
                message=f"family {family!r} has several Chinese names ({', '.join(zh_names)})",
                file=name, row=int(idx[0]) + first_row, column="family_zh", value=zh_names[1],
                fix="give a family one family_zh, on any of its rows",
            )
        families[family] = Family(
            name=family,
            provider=providers[0] if providers else UNKNOWN_PROVIDER,
            released=dates[0] if dates else None,
            predecessor=preds[0] if preds else None,
            bots=tuple(sorted(frame_bot for frame_bot in (text["bot"][i] for i in idx))),
            name_zh=zh_names[0] if zh_names else None,
        )
    provider_zh: dict[str, str] = {}
    for i in frame.index:
        provider, zh = text["provider"][i], text["provider_zh"][i]
        if not zh:
            continue
        if not provider:
            problems.add(message="names a Chinese provider name for an empty provider",
                         file=name, row=int(i) + first_row, column="provider_zh", value=zh,
                         fix="fill in the provider, or leave provider_zh empty")
        elif provider_zh.setdefault(provider, zh) != zh:
            problems.add(message=f"provider {provider!r} has several Chinese names "
                                 f"({provider_zh[provider]}, {zh})",
                         file=name, row=int(i) + first_row, column="provider_zh", value=zh,
                         fix="give a provider one provider_zh")
    for family in families.values():
        if family.predecessor and family.predecessor not in families:
            i = next(i for i in fam_rows[family.name] if text["predecessor"][i])
            problems.add(
                message=f"names predecessor {family.predecessor!r}, which is not a family here",
                file=name, row=int(i) + first_row, column="predecessor",
                value=family.predecessor,
                fix="use a name from the family column, or leave it empty",
            )
    problems.raise_if_any()
    _check_cycles(families, fam_rows, text, name, first_row)
    return Registry(MappingProxyType(bots), MappingProxyType(families),
                    MappingProxyType(provider_zh)), raw


# Tags that would read as a chart ("reasoning models" is what a post calls the reasoning
# chart's models), so a group could not be told apart from it in a sentence.
RESERVED_TAGS = ("text", "reasoning", "image", "video", "audio", "other")


def _parse_tags(cell: str, name: str, row: int, problems: _Problems) -> tuple[str, ...]:
    """"hybrid-reasoning; open-weights" → ("hybrid-reasoning", "open-weights")."""
    tags = [t.strip() for t in cell.split(";") if t.strip()]
    good = []
    for t in tags:
        if not TAG.fullmatch(t):
            problems.add(message=f"has the tag {t!r}", file=name, row=row, column="tags", value=t,
                         fix="write tags in lowercase letters, digits and hyphens "
                             "(hybrid-reasoning), separated by ';'")
        elif t in RESERVED_TAGS:
            problems.add(message=f"has the tag {t!r}, which a post would read as the {t} chart",
                         file=name, row=row, column="tags", value=t,
                         fix=f"name the group more closely, e.g. '{t}-first'")
        else:
            good.append(t)
    return tuple(sorted(set(good)))


def _check_cycles(families, fam_rows, text, name, first_row) -> None:
    for start in sorted(families):
        seen = [start]
        current = families[start].predecessor
        while current:
            if current == start:
                chain = " → ".join(seen + [start])
                i = next(i for i in fam_rows[start] if text["predecessor"][i])
                raise InputError(Problem(
                    f"the predecessor column makes a cycle: {chain}", file=name,
                    row=int(i) + first_row, column="predecessor",
                    value=families[start].predecessor,
                    fix="a family cannot be its own ancestor; clear one of these predecessors",
                ))
            if current in seen:
                break  # a cycle that does not pass through `start`; reported from its own member
            seen.append(current)
            current = families[current].predecessor if current in families else None


# ---------------------------------------------------------------- both together


def load(data: str | Path, models: str | Path | None) -> Dataset:
    """Read the usage table and the registry; cover bots missing from the registry.

    `models` may be None or a path that does not exist only when it is the default path:
    the caller decides that. A bot missing from the registry becomes its own family,
    provider unknown, released in its first week with messages.
    """
    usage, usage_raw, notes = _read_usage(data)
    if models is not None:
        registry, models_raw = read_registry(models)
    else:
        registry, models_raw = Registry(MappingProxyType({}), MappingProxyType({})), b""

    bots = dict(registry.bots)
    families = dict(registry.families)
    missing = sorted(set(usage["bot"]) - set(bots))
    if missing:
        active = usage[usage["bot"].isin(missing) & (usage["messages"] > 0)]
        first_week = active.groupby("bot")["week"].min()
        for bot in missing:
            # A missing bot may share its name with a registered family: keep them apart.
            # "Other"/"Others", the row a top-N extract puts the rest in, is the long tail.
            family = bot if bot not in families else f"{bot} (unregistered)"
            if bot.strip().lower() in ("other", "others"):
                family = OTHER
            released = first_week[bot].date() if bot in first_week.index else None
            bots[bot] = Bot(bot, family, UNKNOWN_PROVIDER)
            if family in families:  # a second spelling of the long tail joins it
                old = families[family]
                families[family] = replace(old, bots=tuple(sorted(old.bots + (bot,))))
                continue
            families[family] = Family(family, UNKNOWN_PROVIDER, released, None, (bot,),
                                      registered=False)
    warnings = list(notes)
    # the long-tail row needs no registry entry: it is Other wherever it comes from
    missing = [b for b in missing if bots[b].family != OTHER]
    if missing:
        shown = ", ".join(missing[:15]) + (f" and {len(missing) - 15} more" if len(missing) > 15 else "")
        where = f"in {models}" if models is not None else "(no registry file was given)"
        warnings.append(
            f"{len(missing)} bot(s) are not in the registry {where}; each is charted as its own "
            f"family with provider unknown: {shown}. Add them to the registry to group them."
        )
    warnings.extend(_gap_warnings(usage, bots))
    digest = hashlib.sha256()
    digest.update(hashlib.sha256(usage_raw).digest())
    digest.update(hashlib.sha256(models_raw).digest())
    return Dataset(
        usage=usage,
        registry=Registry(MappingProxyType(bots), MappingProxyType(families),
                          registry.provider_zh),
        usage_path=str(data),
        models_path=None if models is None else str(models),
        sha256=digest.hexdigest(),
        unregistered=tuple(missing),
        warnings=tuple(warnings),
    )


def _gap_warnings(usage: pd.DataFrame, bots: Mapping[str, Bot]) -> list[str]:
    """Weeks missing inside a category's or a family's series: worth a look, not an error."""
    out = []
    live = usage[usage["messages"] > 0]
    for category, rows in live.groupby("category", sort=True):
        weeks = set(rows["week"])
        span = pd.date_range(min(weeks), max(weeks), freq="7D")
        gaps = [w.date().isoformat() for w in span if w not in weeks]
        if gaps:
            out.append(f"category {category!r} has no rows in {len(gaps)} week(s) inside its "
                       f"range ({', '.join(gaps[:5])}{' ...' if len(gaps) > 5 else ''}); "
                       "those weeks chart as empty")
    fam = live.assign(family=live["bot"].map(lambda b: bots[b].family))
    gapped = []
    for (category, family), rows in fam.groupby(["category", "family"], sort=True):
        if family == OTHER:
            continue
        weeks = rows["week"].drop_duplicates()
        expected = (weeks.max() - weeks.min()).days // 7 + 1
        if len(weeks) < expected:
            gapped.append(f"{family} ({category}, {expected - len(weeks)} week(s))")
    if gapped:
        out.append("some families have weeks with no messages inside their series: "
                   + ", ".join(gapped[:10]) + (" ..." if len(gapped) > 10 else "")
                   + "; their shares read 0% in those weeks")
    return out
