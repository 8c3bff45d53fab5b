"""A seeded generator of hostile but valid platforms: usage.csv + models.csv.

Every file it writes is valid by the README's data contract (and writer/load.py): Monday
weeks, whole non-negative counts, one row per key, a registry whose families have one
provider, one family_zh and a predecessor chain without cycles. Everything else is chosen
to be awkward: 1 to 2,000 bots, 1 to 520 weeks, launches and exits, missing weeks, zero
weeks, weekly top-N extracts with an `Other` row, token counts in the 10^12 range, unknown
categories, empty providers, Chinese display names, and odd but legal names.

The same seed always writes the same bytes (only `random.Random(seed)` is used).

    python tests/platforms.py --seed 17 --out /tmp/p17      # one case on disk
    python tests/platforms.py --seed 17 --describe          # its knobs, as JSON

Knobs (all drawn from the seed; see `Knobs`):
- weeks: 1..520, skewed small (most cases under 40 weeks; about 1 in 25 is multi-year).
- bots: 1..2,000, skewed small (most under 30); a big bot count is paired with top-N, so
  the file stays a few thousand rows at most (a top-N extract lists N bots a week).
- start: the first Monday, anywhere from 2015 to 2032.
- categories: 1..4, a mix of the known five (text, image, video, audio) and unknown labels
  (tools, embeddings, music, long_context, code, "Text to Speech", 翻译).
- top_n: None (full data) or N in 3..12: each category-week keeps its N largest bots plus
  one `Other` (or `Others`) row holding the rest, as public rankings publish it. Usually
  with more live bots per category than N. declare_top_n: half of these also get a
  writer.toml with `[data] top_n = N` (pass it with --config); the rest must be detected.
- unit: messages (10^2..10^6 a bot-week) or tokens (10^8..10^12 a bot-week).
- launch/exit: each bot lives in a sub-span of the weeks (some from before the start,
  some to after the end); with `exits` some stop for good.
- gaps: whole weeks with no rows at all (every category), and weeks missing in one
  category only.
- zeros: rows with a count of 0 (never in a top-N extract: a ranking lists no zeros).
- spikes: a bot jumps 3-15x for one week.
- reasoning: text rows may be split into reasoning true/false rows.
- triggers: a few rows with a non-user trigger (excluded from every share).
- registry: 0..100% of bots registered; families group 1-4 bots; provider empty for some;
  family_zh / provider_zh for some; released dates (top-N cases often have none);
  excluded bots; predecessors (acyclic); tags.
- names: unicode, spaces, dots, parentheses, CJK, digits, very long names.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import random
import sys
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

KNOWN = ("text", "image", "video", "audio")
UNKNOWN = ("tools", "embeddings", "music", "long_context", "code", "Text to Speech", "翻译")

# Name pieces. Nothing here is "Other"/"Others" (the long tail), nothing starts or ends with
# a space (the loader strips cells), and no piece reads as the platform "Poe".
STEMS = ("GPT", "Claude", "Gemini", "Llama", "Qwen", "DeepSeek", "Mistral", "Grok", "Kling",
         "Hailuo", "Runway", "Flux", "Suno", "Sora", "Veo", "Imagen", "Ideogram", "Phi",
         "Command", "Nova", "Zephyr", "Atlas", "Ember", "Quill", "Jamba", "Yi", "GLM",
         "通义千问", "文心一言", "豆包", "可灵", "混元", "Émile", "Łódź", "Ñandú", "Ørsted",
         "x", "o", "4o", "R", "Mixtral 8x22B", "Stable Diffusion", "Dream Machine")
SUFFIXES = ("", "-mini", "-Pro", " Turbo", "-2.5", "-3.7-Sonnet", " 405B Instruct", ".1",
            " (beta)", " [preview]", "-v2.0.1", ":32b", "_flash", " 2024", "-1M", "‑V3",
            " Ultra+", " Max", "-Lite", " 72B (Chat)", "·专业版", " 版本2", "-o1", "-R1")
PROVIDERS = ("OpenAI", "Anthropic", "Google", "Meta", "Alibaba", "DeepSeek", "Mistral AI",
             "xAI", "Kuaishou", "MiniMax", "Runway", "Black Forest Labs", "Suno", "Microsoft",
             "Cohere", "ByteDance", "Baidu", "Tencent", "AI21 Labs", "01.AI", "Zhipu (智谱)",
             "Stability AI", "Luma", "Amazon")
PROVIDER_ZH = {"Google": "谷歌", "Kuaishou": "快手", "ByteDance": "字节跳动", "Baidu": "百度",
               "Tencent": "腾讯", "Alibaba": "阿里巴巴", "Microsoft": "微软", "Amazon": "亚马逊",
               "Meta": "Meta", "OpenAI": "OpenAI"}
TAGS = ("hybrid-reasoning", "open-weights", "free-tier", "v2", "long-ctx")


@dataclass
class Knobs:
    seed: int
    weeks: int
    bots: int
    start: str
    categories: list[str]
    top_n: int | None
    declare_top_n: bool  # also write writer.toml with [data] top_n = N (else detected)
    other_name: str
    unit: str
    registered: float  # share of bots with a registry row
    empty_provider: float  # share of families with no provider
    released: float  # share of registered families with a released date
    exits: bool
    gap_weeks: int  # whole weeks with no rows
    category_gaps: int  # weeks missing in one category only
    zero_rows: float  # chance that a live bot-week is written as 0
    spikes: int
    reasoning: bool
    triggers: bool
    long_names: bool
    tame: bool = False  # plain names (see tame_name)
    rows: int = 0  # usage rows written
    notes: list[str] = field(default_factory=list)


def _skewed(rng: random.Random, small: int, medium: int, big: int, p_medium: float,
            p_big: float) -> int:
    """1..small most of the time, up to medium sometimes, up to big rarely (log-uniform)."""
    u = rng.random()
    hi = big if u < p_big else medium if u < p_big + p_medium else small
    return max(1, int(round(math.exp(rng.uniform(0, math.log(hi))))))


def _clip(v: int, hi: int) -> int:
    return max(1, min(hi, v))


def draw_knobs(seed: int) -> Knobs:
    rng = random.Random(seed)
    weeks = _clip(_skewed(rng, 40, 160, 520, 0.2, 0.04), 520)
    top_n = rng.choice([None, None, 3, 5, 9, 9, 10, 12]) if rng.random() < 0.6 else None
    # many bots only as a top-N extract (or a short one), so the file stays small
    if top_n is not None or weeks <= 8:
        bots = _clip(_skewed(rng, 30, 200, 2000, 0.25, 0.08), 2000)
        if top_n is not None and rng.random() < 0.7:  # usually more bots than the list shows
            bots = max(bots, top_n + rng.randrange(1, 30))
    else:
        bots = _clip(_skewed(rng, 30, 60, 120, 0.2, 0.05), 2000)
    n_cat = rng.choice([1, 1, 2, 2, 3, 4])
    pool = list(KNOWN) * 2 + list(UNKNOWN)
    cats: list[str] = []
    while len(cats) < n_cat:
        c = rng.choice(pool)
        if c not in cats:
            cats.append(c)
    start = date(2015, 1, 5) + timedelta(weeks=rng.randrange(0, 52 * 17))
    if top_n is not None and rng.random() < 0.8:
        # a real ranking: more live bots per category than the list shows, most weeks
        bots = min(2000, max(bots, n_cat * (top_n + rng.randrange(3, 25)) * 2))
    declared = top_n is not None and rng.random() < 0.5
    return Knobs(
        seed=seed, weeks=weeks, bots=bots, start=start.isoformat(), categories=cats,
        top_n=top_n, declare_top_n=declared, other_name=rng.choice(["Other", "Other", "Others"]),
        unit=rng.choice(["tokens", "tokens", "messages"]),
        registered=rng.choice([0.0, 0.5, 0.9, 1.0, 1.0]),
        empty_provider=rng.choice([0.0, 0.0, 0.2, 0.6, 1.0]),
        released=0.0 if top_n is not None and rng.random() < 0.7 else rng.choice([0.0, 0.5, 1.0]),
        exits=rng.random() < 0.6,
        gap_weeks=rng.choice([0, 0, 0, 1, 2, 5]) if weeks > 3 else 0,
        category_gaps=rng.choice([0, 0, 1, 3]) if weeks > 3 else 0,
        zero_rows=rng.choice([0.0, 0.0, 0.02, 0.1]),
        spikes=rng.choice([0, 0, 1, 2, 4]),
        reasoning=rng.random() < 0.4,
        triggers=rng.random() < 0.2,
        long_names=rng.random() < 0.2,
    )


def _names(rng: random.Random, n: int, long_names: bool) -> list[str]:
    """n distinct odd-but-legal bot names."""
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(out) < n:
        i += 1
        name = rng.choice(STEMS) + rng.choice(SUFFIXES)
        if rng.random() < 0.15:
            name += f" {rng.randrange(1, 100)}"
        if long_names and rng.random() < 0.2:
            name = (name + " " + "-".join(rng.choice(STEMS) for _ in range(6)))[:120]
        if rng.random() < 0.02:
            name = str(rng.randrange(1000, 99999))  # a bot named by a number only
        if name in seen or name.lower() in ("other", "others"):
            name = f"{name} #{i}"
        seen.add(name)
        out.append(name)
    return out


def tame_name(i: int) -> str:
    """A plain name for bot i: capitalised syllables, no digits or punctuation ("Bakemo")."""
    syl = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    parts = []
    i += len(syl)  # at least two syllables
    while i:
        i, r = divmod(i, len(syl))
        parts.append(syl[r])
    return "".join(parts).capitalize()


NAME_FEATURES = ("digits", "nonascii", "punct")


def _strip_feature(name: str, feature: str) -> str:
    """`name` without one odd feature: digits spelled as letters, non-ASCII letters as
    ASCII, punctuation as spaces."""
    import unicodedata

    if feature == "digits":
        return "".join("abcdefghij"[int(c)] if c.isdigit() and c.isascii() else c for c in name)
    if feature == "nonascii":
        out = unicodedata.normalize("NFKD", name)
        out = "".join(c for c in out if not unicodedata.combining(c))
        return "".join(c if c.isascii() else ("Han" if unicodedata.category(c).startswith("L")
                                               else "-") for c in out)
    if feature == "punct":
        return " ".join("".join(c if c.isalnum() or c == " " else " " for c in name).split())
    raise ValueError(feature)


def generate(seed: int, tame: bool | str = False) -> tuple[str, str, Knobs]:
    """(usage.csv text, models.csv text, knobs) for one seed.

    tame=True writes the same platform with plain names (`tame_name`): a failure that goes
    away with tame names is caused by the names. tame="digits" (or "nonascii", "punct")
    removes only that feature from the names, to find which one.
    """
    k = draw_knobs(seed)
    rng = random.Random(seed * 7919 + 1)
    start = date.fromisoformat(k.start)
    mondays = [start + timedelta(weeks=i) for i in range(k.weeks)]
    names = _names(rng, k.bots, k.long_names)
    if tame is True:
        names = [tame_name(i) for i in range(len(names))]
        k.tame = True
    elif tame:
        seen: set[str] = set()
        renamed = []
        for i, n in enumerate(names):
            n = _strip_feature(n, tame) or tame_name(i)
            while n in seen or n.lower() in ("other", "others"):
                n += " " + tame_name(i)
            seen.add(n)
            renamed.append(n)
        names = renamed
    scale = (1e8, 1e12) if k.unit == "tokens" else (1e2, 1e6)

    # Each bot: a category, a life span, a level, a trend.
    bots = []
    for name in names:
        cat = rng.choice(k.categories)
        first = rng.randrange(-k.weeks // 3, k.weeks) if rng.random() < 0.6 else 0
        first = max(0, first)
        last = k.weeks - 1
        if k.exits and rng.random() < 0.3:
            last = rng.randrange(first, k.weeks)
        level = 10 ** rng.uniform(math.log10(scale[0]), math.log10(scale[1]))
        trend = rng.uniform(-0.08, 0.08)
        bots.append((name, cat, first, last, level, trend))
    spikes = {(rng.randrange(len(bots)), rng.randrange(k.weeks)): rng.uniform(3, 15)
              for _ in range(k.spikes)}
    gone = set(rng.sample(range(k.weeks), min(k.gap_weeks, max(0, k.weeks - 1))))
    cat_gone = {(rng.choice(k.categories), rng.randrange(k.weeks)) for _ in range(k.category_gaps)}

    rows: list[tuple] = []  # (week, category, bot, count, reasoning, trigger)
    for w, monday in enumerate(mondays):
        if w in gone:
            continue
        by_cat: dict[str, list[tuple[str, int]]] = {}
        for b, (name, cat, first, last, level, trend) in enumerate(bots):
            if not first <= w <= last or (cat, w) in cat_gone:
                continue
            v = level * (1 + trend) ** (w - first) * rng.uniform(0.7, 1.3)
            v *= spikes.get((b, w), 1.0)
            count = int(min(v, 9e14))
            if k.top_n is None and rng.random() < k.zero_rows:
                count = 0
            by_cat.setdefault(cat, []).append((name, count))
        for cat, listed in by_cat.items():
            if k.top_n is not None:
                listed.sort(key=lambda t: (-t[1], t[0]))
                kept, rest = listed[:k.top_n], listed[k.top_n:]
                kept = [t for t in kept if t[1] > 0]
                tail = sum(c for _, c in rest)
                if rest:  # a ranking prints the rest as one row
                    kept.append((k.other_name, tail))
                listed = kept
            for name, count in listed:
                if k.reasoning and cat == "text" and k.top_n is None and rng.random() < 0.3:
                    part = rng.randrange(0, count + 1)
                    rows.append((monday, cat, name, count - part, "false", ""))
                    rows.append((monday, cat, name, part, "true", ""))
                else:
                    rows.append((monday, cat, name, count, "", ""))
                if k.triggers and rng.random() < 0.05:
                    rows.append((monday, cat, name, rng.randrange(0, count + 1), "",
                                 rng.choice(["animate_button", "speak_button"])))
    if not rows:  # every week a gap: keep one row so the file is valid
        rows.append((mondays[0], k.categories[0], names[0], 1, "", ""))
    k.rows = len(rows)

    usage = io.StringIO()
    w = csv.writer(usage, lineterminator="\n")
    extra = k.reasoning or k.triggers
    w.writerow(["week", "category", "bot", "messages"] + (["reasoning", "trigger"] if extra else []))
    order = list(range(len(rows)))
    rng.shuffle(order)  # row order is not part of the contract
    for i in order:
        monday, cat, name, count, reasoning, trigger = rows[i]
        w.writerow([monday.isoformat(), cat, name, count]
                   + ([reasoning, trigger] if extra else []))

    return usage.getvalue(), _registry(rng, k, names), k


def _registry(rng: random.Random, k: Knobs, names: list[str]) -> str:
    registered = [n for n in names if rng.random() < k.registered]
    # families of 1-4 bots, named after their first bot (or a made-up family name)
    families: list[list[str]] = []
    i = 0
    while i < len(registered):
        size = rng.choice([1, 1, 1, 2, 3, 4])
        families.append(registered[i:i + size])
        i += size
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    cols = ["bot", "family", "provider", "released", "excluded", "predecessor", "family_zh",
            "provider_zh", "tags"]
    w.writerow(cols)
    fam_names: list[str] = []
    used = set(names)
    for members in families:
        fam = members[0] if len(members) == 1 or rng.random() < 0.5 else \
            members[0].split(" ")[0].split("-")[0] + " family"
        if k.tame and fam not in members:
            fam = members[0] + "group"
        if fam in fam_names or (fam in used and fam not in members):
            fam = f"{fam} ({len(fam_names)})"
        fam_names.append(fam)
        provider = "" if rng.random() < k.empty_provider else rng.choice(PROVIDERS)
        released = ""
        if rng.random() < k.released:
            released = (date.fromisoformat(k.start)
                        + timedelta(days=rng.randrange(-400, 7 * k.weeks + 1))).isoformat()
        family_zh = rng.choice(["", "", f"{fam}（中文）", "可灵", "豆包"]) if rng.random() < 0.3 else ""
        if k.tame and family_zh:
            family_zh = fam + "中文"
        if family_zh in ("可灵", "豆包"):
            family_zh = f"{family_zh}{len(fam_names)}"  # display names stay distinct
        provider_zh = PROVIDER_ZH.get(provider, "") if provider and rng.random() < 0.7 else ""
        # a predecessor is an earlier family: the chain can never cycle
        pred = rng.choice(fam_names[:-1]) if len(fam_names) > 1 and rng.random() < 0.1 else ""
        for j, bot in enumerate(members):
            excluded = "true" if rng.random() < 0.03 else rng.choice(["false", ""])
            tags = ";".join(sorted(rng.sample(TAGS, rng.choice([1, 2])))) if rng.random() < 0.1 else ""
            w.writerow([bot, fam, provider,
                        released if j == 0 else "",
                        excluded, pred if j == 0 else "", family_zh if j == 0 else "",
                        provider_zh, tags])
    if not registered:
        # a registry for nobody in the data: legal, and every bot is unregistered
        w.writerow(["Unused Bot", "Unused", "", "", "", "", "", "", ""])
    return out.getvalue()


def write(seed: int, out: str | Path, tame: bool | str = False) -> Knobs:
    """Write usage.csv and models.csv for `seed` into `out`; returns the knobs."""
    usage, models, knobs = generate(seed, tame)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "usage.csv").write_text(usage, encoding="utf-8")
    (out / "models.csv").write_text(models, encoding="utf-8")
    if knobs.declare_top_n:
        (out / "writer.toml").write_text(f"[data]\ntop_n = {knobs.top_n}\n", encoding="utf-8")
    return knobs


# ------------------------------------------------------------------ periods


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)


def period_for(seed: int, kind: str, first: date, last_monday: date, overlap: bool) -> str:
    """A period label of `kind` that overlaps the data's days (or, with overlap=False,
    most likely does not)."""
    rng = random.Random(f"{seed}:{kind}:{overlap}")  # str seeds are stable across runs
    end = last_monday + timedelta(days=6)
    span = (end - first).days
    if overlap:
        day = first + timedelta(days=rng.randrange(0, span + 1))
    else:
        day = (first - timedelta(days=rng.randrange(30, 900)) if rng.random() < 0.5
               else end + timedelta(days=rng.randrange(30, 900)))
    if kind == "half":
        return f"{day.year}H{1 if day.month <= 6 else 2}"
    if kind == "quarter":
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    if kind == "month":
        return f"{day.year}-{day.month:02d}"
    if kind == "year":
        return f"{day.year}"
    if kind == "week":
        y, w, _ = day.isocalendar()
        return f"{y}W{w:02d}"
    if kind == "range":
        a = day
        b = a + timedelta(days=rng.randrange(0, max(1, min(span, 400)) + 14))
        if rng.random() < 0.3:  # start before the data, end inside or after it
            a = a - timedelta(days=rng.randrange(0, 60))
        return f"{a.isoformat()}..{b.isoformat()}"
    if kind == "all":
        if not overlap:
            a = day
            return f"{a.isoformat()}..{(a + timedelta(days=20)).isoformat()}"
        return f"{first.isoformat()}..{end.isoformat()}"
    raise ValueError(kind)


PERIOD_KINDS = ("half", "quarter", "month", "year", "week", "range", "all")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", help="folder for usage.csv and models.csv")
    p.add_argument("--describe", action="store_true", help="print the seed's knobs as JSON")
    p.add_argument("--tame", nargs="?", const=True, default=False,
                   choices=[True, *NAME_FEATURES],
                   help="the same platform with plain names (to tell a name problem apart); "
                        "--tame digits|nonascii|punct strips one feature only")
    args = p.parse_args(argv)
    if args.out:
        knobs = write(args.seed, args.out, args.tame)
        print(f"wrote {args.out}/usage.csv ({knobs.rows} rows) and {args.out}/models.csv"
              + (f" and {args.out}/writer.toml" if knobs.declare_top_n else ""))
    else:
        _, _, knobs = generate(args.seed)
    if args.describe or not args.out:
        print(json.dumps(asdict(knobs), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
