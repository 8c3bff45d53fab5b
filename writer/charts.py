"""Charts: share tables → Altair/Vega-Lite specs → SVG, 2× PNG and Vega-Lite JSON files.

One chart per table: weekly 100%-stacked bars by family (top N plus Other), weeks labelled
by date, launches marked with a rule and a label. The reasoning table also gets a line
chart of reasoning's share of all text. Everything a reader sees is in the post's language.

Colours are a pure function of the families being charted, so the same data always gives
the same spec and the same SVG bytes:
- each provider owns a hue (OpenAI greens, Google blues, Anthropic oranges, ...); a
  provider not in PROVIDER_HUES gets a hue from a SHA-256 of its name, moved away from the
  hues of providers it shares a chart with;
- a provider's families are lightness steps of that hue, dark to light in release order
  (then name order); families that share a chart never share a step;
- `Other` is always neutral grey.
Pass one `palette(...)` built from every table of a post to each `build_chart` call so a
family keeps its colour from chart to chart.

Names from the data are only ever data values in the spec (never field names, expressions
or markup), so `{{`, `<script>` or `|` in a family name is drawn as those characters.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
import json
import math
import os
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from writer.load import OTHER, UNKNOWN_PROVIDER
from writer.outfile import replace_atomically
from writer.shares import ShareTable
from writer.vocab import Vocabulary

# Altair (~0.15 s to import) is imported only by the functions that build a spec: a
# re-draft whose specs are cached (see cached_charts) never needs it.
LANGS = ("en", "zh")
OTHER_COLOR = "#bdbdbd"
LINE_COLOR = "#3b4a6b"
# Browsers showing the SVG walk the whole list; vl-convert (which measures the text for the
# layout, and draws the PNG) takes the first it has. English has no CJK font: vl-convert opens
# the font file it picked for every string it measures, and the 20 MB Noto CJK collection
# made that ~1 CPU-second a draft. Without it, vl-convert falls through to its built-in
# Liberation Sans (metrics identical to Arial, close to Helvetica: what most readers' browsers
# show, so the layout fits them better too). An English chart that shows CJK text (a family
# name, say) gets EN_CJK_FONT, so those glyphs come from the same sans font as before.
FONTS = {
    "en": "Noto Sans, Helvetica Neue, Helvetica, Arial, sans-serif",
    "zh": "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, "
          "Hiragino Sans GB, Microsoft YaHei, sans-serif",
}
CJK_FONT = "Noto Sans CJK SC"
EN_CJK_FONT = "Noto Sans, Noto Sans CJK SC, Helvetica Neue, Helvetica, Arial, sans-serif"
CJK_FIX = "apt-get install fonts-noto-cjk"
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
CJK_FONT_FILES = re.compile(r"^(NotoSansCJK|NotoSansSC|SourceHanSans)", re.IGNORECASE)

WIDTH, HEIGHT, LINE_HEIGHT = 640, 330, 200
MAX_WEEK_LABELS = 11
LABEL_ROW = 15  # px between stacked annotation labels above the plot

# Hue (OKLCH degrees) per provider, keyed by a normalised name (lowercase letters and
# digits). Twelve hues 30° apart; earlier entries win when two providers that share a
# chart want the same hue (the later one moves to the nearest free hue).
PROVIDER_HUES: Mapping[str, float] = MappingProxyType({
    "openai": 150,  # greens
    "google": 250, "googledeepmind": 250, "deepmind": 250,  # blues
    "anthropic": 55,  # oranges
    "blackforestlabs": 310, "bfl": 310,  # purples
    "kuaishou": 25, "kling": 25,  # reds
    "deepseek": 200,  # teal: clear of Google's blue, with which it shares text
    "meta": 280, "xai": 340, "mistral": 85, "mistralai": 85, "alibaba": 310, "qwen": 310,
    "moonshot": 118, "moonshotai": 118, "bytedance": 220, "tencent": 118,
    "runway": 185, "luma": 280, "lumaai": 280, "minimax": 340, "pika": 85,
    "stabilityai": 85, "ideogram": 340, "recraft": 185, "playground": 220,
    "elevenlabs": 280, "cartesia": 55, "unrealspeech": 185, "playai": 340,
    "canopylabs": 85, "hume": 25,
})
HUE_GAP = 28  # degrees kept between the hues of providers that share a chart
UNKNOWN_RAMP_HUE, UNKNOWN_RAMP_CHROMA = 70.0, 0.035  # taupe: registry gaps, not a lab

TEXT = {
    "en": {
        "other": "Other", "family": "Family", "provider": "Provider", "week": "Week",
        "share": "Share", "week_axis": "Week starting (Monday)",
        "share_axis": "Share of {unit} (%)",
        "title": "{chart}: weekly share by model family",
        "subtitle": "Share of {unit} each week; top {top} families, the rest in Other",
        "subtitle_all": "Share of {unit} each week, by family",
        "parent_title": "Reasoning models' share of all {parent}",
        "parent_subtitle": "The percentage of all {parent} that went to reasoning models, "
                           "weekly",
        "parent_axis": "Share of all {parent} (%)",
        "alt": "Weekly 100% stacked bar chart of {unit} by model family, {start} to {end}.",
        "alt_parent": "Line chart of reasoning models' share of all {parent} by week, "
                      "{start} to {end}.",
        "launch": "launch",
    },
    "zh": {
        "other": "其他", "family": "模型系列", "provider": "厂商", "week": "周",
        "share": "份额", "week_axis": "周（自周一起）",
        "share_axis": "{unit}份额（%）",
        "title": "{chart}：各模型系列每周份额",
        "subtitle": "每周{unit}份额；前{top}个系列，其余归入“其他”",
        "subtitle_all": "每周{unit}份额，按模型系列",
        "parent_title": "推理模型占全部{parent}的比例",
        "parent_subtitle": "推理模型在全部{parent}中所占的百分比，按周",
        "parent_axis": "占全部{parent}的比例（%）",
        "alt": "{start}至{end}各模型系列{unit}每周份额的百分比堆叠柱状图。",
        "alt_parent": "{start}至{end}推理模型占全部{parent}比例的每周折线图。",
        "launch": "发布",
    },
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Annotation:
    """A mark on a chart: `label` drawn at `week` (any day of it), e.g. a family's launch."""

    entity: str
    week: date
    label: str


@dataclass(frozen=True)
class ChartSpec:
    """A finished chart: its Vega-Lite spec plus the words the post shows around it."""

    chart: str  # the share table's chart ("text", "reasoning", ...)
    lang: str
    title: str
    alt: str
    spec: Mapping[str, Any] = field(repr=False)
    kind: str = "shares"  # "shares" (stacked bars) or "parent" (reasoning's share of text)
    colors: Mapping[str, str] = field(default_factory=dict, repr=False)  # shown name → hex

    @property
    def key(self) -> str:
        """'text', 'reasoning', ... for bars; 'reasoning-share' for the parent line."""
        return self.chart if self.kind == "shares" else f"{self.chart}-share"

    @property
    def stem(self) -> str:
        """A file name stem safe for any chart label: 'text-en', 'reasoning-share-zh'."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.key.casefold()).strip("-")
        if not slug or slug != self.key.casefold():  # a label like 'podcasts/中文': keep it unique
            slug = (slug + "-" if slug else "chart-") + hashlib.sha256(
                self.key.encode()).hexdigest()[:8]
        return f"{slug}-{self.lang}"

    def to_dict(self) -> dict[str, Any]:
        """A fresh copy of the Vega-Lite spec (safe to change)."""
        return json.loads(self.to_json())

    def to_json(self) -> str:
        """The spec as canonical JSON: sorted keys, so equal specs give equal bytes."""
        return json.dumps(_thaw(self.spec), sort_keys=True, ensure_ascii=False, indent=1)


@dataclass(frozen=True)
class ExportResult:
    svg: Path
    png: Path | None  # None when the Chinese font is missing (the PNG would show boxes)
    json: Path
    warning: str | None = None

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file written, in the order svg, png (if any), json."""
        return tuple(p for p in (self.svg, self.png, self.json) if p is not None)


# ---------------------------------------------------------------- words and dates


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang {lang!r} is not supported; use one of {', '.join(LANGS)}")


def week_label(day: date, lang: str) -> str:
    """'Jan 6' / '1月6日'."""
    _check_lang(lang)
    if lang == "zh":
        return f"{day.month}月{day.day}日"
    return f"{MONTHS[day.month - 1]} {day.day}"


def _full_date(day: date, lang: str) -> str:
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _week_labels(weeks: Sequence[date], lang: str) -> list[str]:
    if weeks and (weeks[-1] - weeks[0]).days >= 365:  # "Jan 6" alone would be ambiguous
        return [_full_date(w, lang) for w in weeks]
    return [week_label(w, lang) for w in weeks]


def _shown(entity: str, lang: str) -> str:
    return TEXT[lang]["other"] if entity == OTHER else entity


# ---------------------------------------------------------------- colours


def _norm(provider: str) -> str:
    return re.sub(r"[^0-9a-z]", "", provider.casefold())


def _oklch_hex(lightness: float, chroma: float, hue: float) -> str:
    """OKLCH → sRGB hex; chroma is lowered until the colour fits in sRGB."""
    h = math.radians(hue)
    while True:
        a, b = chroma * math.cos(h), chroma * math.sin(h)
        l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
        m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
        s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
        rgb = (4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
               -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
               -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_)
        if all(-1e-9 <= c <= 1 + 1e-9 for c in rgb) or chroma <= 0:
            break
        chroma = max(0.0, chroma - 0.005)
    out = []
    for c in rgb:
        c = min(1.0, max(0.0, c))
        c = 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
        out.append(round(c * 255))
    return "#{:02x}{:02x}{:02x}".format(*out)


def _ramp(hue: float, step: int, steps: int, chroma: float = 0.13) -> str:
    """Step `step` of `steps` lightness steps of one hue, dark to light.

    Neighbouring steps also lean ±6° apart in hue, which keeps two adjacent steps (the
    closest any two families of a provider in one chart can be) easier to tell apart.
    """
    t = 0.5 if steps == 1 else step / (steps - 1)
    lightness = 0.62 if steps == 1 else 0.42 + t * (0.84 - 0.42)
    lean = 0.0 if steps == 1 else (6.0 if step % 2 else -6.0)
    # lighter steps get less chroma, so they read as tints rather than neon
    return _oklch_hex(lightness, chroma * (1 - 0.35 * t), (hue + (0.5 - t) * 16 + lean) % 360)


def _hash_hue(provider: str) -> float:
    digest = hashlib.sha256(_norm(provider).encode()).digest()
    return float(int.from_bytes(digest[:4], "big") % 24 * 15)


def _hue_gap(a: float, b: float) -> float:
    d = abs(a - b) % 360
    return min(d, 360 - d)


def _version_key(name: str) -> tuple:
    """Name order that reads numbers as numbers: GPT-4 < GPT-4.1 < GPT-4o, o1 < o3 < o10."""
    parts = re.split(r"(\d+)", name.casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def palette(tables: Iterable[ShareTable], *, top: int | None = 10,
            released: Mapping[str, date | None] | None = None) -> Mapping[str, str]:
    """Colours for every entity charted from `tables` (each folded to `top`): entity → hex.

    Deterministic in its inputs. Give it every table of a post (and the registry's release
    dates) so that each family has one colour in all of the post's charts.
    """
    released = released or {}
    folded = [t.fold(top) for t in tables]
    provider_of: dict[str, str] = {}
    providers_together: dict[str, set[str]] = {}
    # A reader compares a chart with its parent (reasoning with text), so their families
    # count as sharing a chart too; charts of other modalities may reuse a step.
    groups: dict[str, list[str]] = {}
    charts_named: list[list[str]] = []
    for table in folded:
        named = [e for e in table.entities if e != OTHER]
        charts_named.append(named)
        for e in named:
            provider_of.setdefault(e, table.provider.get(e, "") or UNKNOWN_PROVIDER)
        group = groups.setdefault(table.parent or table.chart, [])
        group.extend(e for e in named if e not in group)
        provs = {provider_of[e] for e in named}
        for p in provs:
            providers_together.setdefault(p, set()).update(provs - {p})

    hues: dict[str, float] = {}
    known = list(dict.fromkeys(_norm(p) for p in PROVIDER_HUES))

    def priority(p: str) -> tuple:
        n = _norm(p)
        return (0, known.index(n), p) if n in PROVIDER_HUES else (1, 0, p)

    for p in sorted(set(provider_of.values()), key=priority):
        if _norm(p) == _norm(UNKNOWN_PROVIDER):
            continue
        want = float(PROVIDER_HUES[_norm(p)]) if _norm(p) in PROVIDER_HUES else _hash_hue(p)
        taken = [hues[q] for q in providers_together.get(p, ()) if q in hues]
        # the nearest hue (15° steps, alternating sides) clear of its chart neighbours
        for shift in (0, 15, -15, 30, -30, 45, -45, 60, -60, 75, -75, 90, -90, 105, -105,
                      120, -120, 135, -135, 150, -150, 165, -165, 180):
            hue = (want + shift) % 360
            if all(_hue_gap(hue, t) >= HUE_GAP for t in taken):
                break
        else:
            hue = want  # more providers in one chart than the wheel has room for
        hues[p] = hue

    def order(e: str) -> tuple:
        # undated families first: a registry usually dates only the newer ones
        return (released.get(e) or date.min, _version_key(e), e)

    ordered = sorted(provider_of, key=order)
    step: dict[str, int] = {}
    steps: dict[str, int] = {}
    for p in sorted(set(provider_of.values())):
        mine = [e for e in ordered if provider_of[e] == p]
        in_charts = [[e for e in c if provider_of[e] == p] for c in charts_named]
        in_groups = [[e for e in g if provider_of[e] == p] for g in groups.values()]
        found, steps[p] = _assign_steps(mine, in_charts, in_groups)
        step.update(found)

    colors = {OTHER: OTHER_COLOR}
    for e in sorted(provider_of, key=order):
        p = provider_of[e]
        if p in hues:
            colors[e] = _ramp(hues[p], step[e], steps[p])
        else:
            colors[e] = _ramp(UNKNOWN_RAMP_HUE, step[e], steps[p], UNKNOWN_RAMP_CHROMA)
    return MappingProxyType(colors)


def _assign_steps(families: list[str], charts: list[list[str]],
                  groups: list[list[str]]) -> tuple[dict[str, int], int]:
    """One provider's families (in release order) → (lightness step each, number of steps).

    Families in one group (a chart and its parent) get different steps. Among the ways to
    do that, take the one whose families in the same chart are the most steps apart, then
    the one nearest to release order (dark = first). Groups that share no family are
    solved apart; each is small enough to try every assignment.
    """
    groups = [g for g in groups if g]
    n = max([len(g) for g in groups] + [1])
    rank = {e: i for i, e in enumerate(families)}
    ideal = {e: rank[e] * (n - 1) / max(1, len(families) - 1) for e in families}
    step: dict[str, int] = {}
    for component in _components(groups):
        members = [e for e in families if e in component]
        local_charts = [c for c in charts if len(c) > 1 and c[0] in component]
        step.update(_best_steps(members, n, local_charts, ideal))
    for e in families:
        step.setdefault(e, 0)
    return step, n


def _components(groups: list[list[str]]) -> list[set[str]]:
    """Groups joined when they share a family (a family drawn in two modalities)."""
    out: list[set[str]] = []
    for g in groups:
        merged = set(g)
        for c in [c for c in out if c & merged]:
            merged |= c
            out.remove(c)
        out.append(merged)
    return out


def _best_steps(members: list[str], n: int, charts: list[list[str]],
                ideal: Mapping[str, float]) -> dict[str, int]:
    def score(a: Mapping[str, int]) -> tuple:
        gaps = [min(abs(a[x] - a[y]) for i, x in enumerate(c) for y in c[i + 1:]) for c in charts]
        worst = min(gaps, default=0)
        return (worst, -gaps.count(worst), sum(gaps),
                -round(sum(abs(a[e] - ideal[e]) for e in members), 9))

    if len(members) > n or math.perm(n, len(members)) > 50_000:
        return {e: i % n for i, e in enumerate(members)}  # too many to try: release order
    best, best_score = None, None
    for slots in itertools.permutations(range(n), len(members)):
        a = dict(zip(members, slots))
        s = score(a)
        if best_score is None or s > best_score:
            best, best_score = a, s
    return best or {}


# ---------------------------------------------------------------- chart pieces


def _week_index(table: ShareTable, day: date) -> int:
    monday = day - timedelta(days=day.weekday())
    if monday not in table.weeks:
        raise ValueError(
            f"annotation week {day.isoformat()} is outside the chart's weeks "
            f"({table.weeks[0].isoformat()} to {(table.weeks[-1] + timedelta(days=6)).isoformat()})"
            if table.weeks else f"annotation week {day.isoformat()}: the chart has no weeks")
    return table.weeks.index(monday)


def _stack_order(table: ShareTable, colors: Mapping[str, str]) -> list[str]:
    """Legend order: providers by average share, their families dark to light; Other last."""
    shares = table.shares
    mean = {e: float(shares[:, i].mean()) if len(table.weeks) else 0.0
            for i, e in enumerate(table.entities)}
    named = [e for e in table.entities if e != OTHER]
    by_provider: dict[str, list[str]] = {}
    for e in named:
        by_provider.setdefault(table.provider.get(e, "") or UNKNOWN_PROVIDER, []).append(e)
    weight = {p: sum(mean[e] for e in es) for p, es in by_provider.items()}
    out = []
    for p in sorted(by_provider, key=lambda p: (-round(weight[p], 9), p)):
        # dark to light: hex colours of one ramp sort by lightness via their luma
        out += sorted(by_provider[p], key=lambda e: (_luma(colors[e]), e))
    if OTHER in table.entities:
        out.append(OTHER)
    return out


def _luma(hex_color: str) -> float:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _label_rows(annotations: Sequence[tuple[int, str]], step_px: float) -> list[int]:
    """Row per annotation (in week order) so labels on nearby weeks do not overlap."""
    ends: list[float] = []  # right edge of the last label in each row
    rows = []
    for index, label in annotations:
        x = (index + 0.5) * step_px
        width = _text_px(label, 11.5) + 14  # bold 11 px text plus the marker
        row = next((r for r, end in enumerate(ends) if x > end), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = x + width
        rows.append(row)
    return rows


MIN_TEXT_PX = 12  # the smallest text in a chart, in CSS pixels at the chart's own size


def _config(lang: str) -> dict[str, Any]:
    return {
        "font": FONTS[lang],
        "background": "#ffffff",
        "padding": {"left": 8, "right": 12, "top": 10, "bottom": 8},
        "view": {"stroke": None},
        "title": {"anchor": "start", "fontSize": 17, "fontWeight": 600, "color": "#1a1a1a",
                  "subtitleFontSize": 12, "subtitleColor": "#5f6368", "subtitlePadding": 4},
        # No text under MIN_TEXT_PX: on a phone a chart is shown at its own size (the
        # post's phone layout scrolls it sideways), so these are the sizes a reader sees.
        "axis": {"labelColor": "#4a4a4a", "titleColor": "#4a4a4a", "labelFontSize": MIN_TEXT_PX,
                 "titleFontSize": MIN_TEXT_PX, "titleFontWeight": 500, "domainColor": "#9e9e9e",
                 "tickColor": "#9e9e9e", "gridColor": "#ececec"},
        "legend": {"labelFontSize": MIN_TEXT_PX, "titleFontSize": MIN_TEXT_PX,
                   "titleFontWeight": 600,
                   "labelColor": "#333333", "titleColor": "#333333", "symbolType": "square",
                   "symbolSize": 120, "rowPadding": 5, "labelLimit": 190},
    }


def _text_px(text: str, size: float = 11) -> float:
    """A rough width of `text` in pixels: CJK glyphs are square, Latin ones about 0.56 em."""
    return sum(size if ord(c) > 0x2E80 else 0.56 * size for c in text)


def _x_axis(labels: list[str], lang: str) -> altair.Axis:
    # Show every k-th week so labels keep ~14 px apart, and never more than 11 of them.
    import altair

    widest = max((_text_px(label) for label in labels), default=0) + 14
    fit = max(1, int(WIDTH // widest)) if widest else MAX_WEEK_LABELS
    every = max(1, math.ceil(len(labels) / min(fit, MAX_WEEK_LABELS)))
    return altair.Axis(title=TEXT[lang]["week_axis"], values=labels[::every], labelAngle=0,
                    labelPadding=6, ticks=True, tickSize=4, domain=True, labelOverlap=False)


def _annotation_layers(table: ShareTable, annotations: Sequence[Annotation], labels: list[str],
                       colors: Mapping[str, str], lang: str, y_top: float,
                       y_field: str, datasets: dict[str, list]) -> list[altair.Chart]:
    """A dashed rule and a label above the plot for each annotation (Vega makes room for them)."""
    import altair

    if not annotations:
        return []
    placed = sorted(((_week_index(table, a.week), a) for a in annotations),
                    key=lambda ia: (ia[0], ia[1].label, ia[1].entity))
    rows = _label_rows([(i, a.label) for i, a in placed], WIDTH / max(1, len(table.weeks)))
    values = [{"week_label": labels[i], "label": a.label, "entity": _shown(a.entity, lang),
               "row": r, "color": colors.get(a.entity, "#333333"), y_field: y_top}
              for (i, a), r in zip(placed, rows)]
    n_rows = max(rows) + 1
    data = _named(values, datasets)
    x = altair.X("week_label:O")
    rule = altair.Chart(data).mark_rule(color="#222222", strokeWidth=1.2, strokeDash=[4, 3],
                                     opacity=0.75).encode(x=x)
    # Labels sit in the band above the plot, one row per overlap level; Vega offsets are
    # pixels, so each row is `dy` further up.
    text_layers, dot_layers = [], []
    for r in range(n_rows):
        dy = -8 - LABEL_ROW * (n_rows - 1 - r)
        rows_data = _named([v for v in values if v["row"] == r], datasets)
        dot_layers.append(altair.Chart(rows_data).mark_point(
            shape="triangle-down", filled=True, size=60, opacity=1, yOffset=dy + 3,
            stroke="#222222", strokeWidth=0.6,
        ).encode(x=x, y=altair.Y(f"{y_field}:Q"), color=altair.Color("color:N", scale=None)))
        text_layers.append(altair.Chart(rows_data).mark_text(
            align="left", baseline="middle", dx=6, dy=dy, fontSize=MIN_TEXT_PX, fontWeight=600,
            color="#222222",
        ).encode(x=x, y=altair.Y(f"{y_field}:Q"), text="label:N"))
    return [rule, *dot_layers, *text_layers]


# ---------------------------------------------------------------- the charts


def _unchecked(build):
    """Run an Altair-building function with Altair's debug mode off.

    In debug mode (its default) Altair validates every schema object against the Vega-Lite
    schema as it is created: about half of building a chart. The tests validate every spec
    we make once (test_every_spec_is_valid_vega_lite), so the check is not lost."""
    @functools.wraps(build)
    def run(*args, **kwargs):
        import altair

        with altair.utils.schemapi.debug_mode(False):
            return build(*args, **kwargs)
    return run


@_unchecked
def build_chart(table: ShareTable, lang: str, *, top: int = 10,
                annotations: Sequence[Annotation] = (), title: str | None = None,
                alt: str = "", colors: Mapping[str, str] | None = None,
                subtitle: str | None = None, vocab: Vocabulary | None = None,
                headline: str | None = None, highlight: tuple[str, str] | None = None
                ) -> ChartSpec:
    """ShareTable → weekly 100%-stacked bars by family (top N + Other), in `lang`.

    `colors` should come from one `palette()` over all of a post's tables; without it the
    palette is made from this table alone. `alt` is the image's alt text: pass the chart's
    headline finding (a plain description is used when it is empty). `headline` (the
    section's lead story) becomes the chart's title, the plain description its subtitle;
    `highlight` = ("family" | "provider", name) keeps that series in full colour and mutes
    the rest, so the story's subject is the first thing a reader sees.
    """
    import altair

    _check_lang(lang)
    folded = table.fold(top)
    colors = dict(colors) if colors is not None else dict(palette([folded], top=None))
    missing = [e for e in folded.entities if e not in colors]
    if missing:
        raise ValueError(f"no colour for {', '.join(map(repr, missing))}; build the palette "
                         "from every table you chart (palette(shares.tables.values(), top=N))")
    words = TEXT[lang]
    labels = _week_labels(folded.weeks, lang)
    order = _stack_order(folded, colors)
    shown = [_shown(e, lang) for e in order]
    rank = {e: i for i, e in enumerate(order)}
    shares = folded.shares
    values = []
    for w, label in enumerate(labels):
        if folded.totals[w] <= 0:
            continue  # an empty week stays an empty slot rather than a 0% bar
        for i, e in enumerate(folded.entities):
            share = round(float(shares[w, i]), 6)
            values.append({
                "week": folded.weeks[w].isoformat(), "week_label": label,
                "family": _shown(e, lang), "provider": folded.provider.get(e, "") or "",
                "share": share, "share_text": f"{share:.1f}%",
                "aria": f"{_shown(e, lang)}, {label}: {share:.1f}%",
                # Vega-Lite stacks ascending from the axis: the legend's first entry on top.
                "stack": len(order) - rank[e],
            })
    values.sort(key=lambda v: (v["week"], -v["stack"]))

    vocab = vocab or Vocabulary()
    unit = vocab.noun(folded.chart, lang)
    named = len([e for e in folded.entities if e != OTHER])
    folded_any = len([e for e in table.entities if e != OTHER]) > named
    title = title or words["title"].format(chart=vocab.name(folded.chart, lang))
    if subtitle is None:
        subtitle = (words["subtitle"].format(unit=unit, top=top) if folded_any
                    else words["subtitle_all"].format(unit=unit))
    if headline:  # the story on top, what the chart is underneath
        title, subtitle = headline.replace("*", "").strip(), [title, subtitle]
    focus = _focus(folded, highlight, lang)
    if not alt and folded.weeks:
        alt = words["alt"].format(unit=unit, start=_full_date(folded.weeks[0], lang),
                                       end=_full_date(folded.weeks[-1] + timedelta(6), lang))

    crowded = len(labels) > 40  # thin bars: white gaps and outlines would drown the colour
    datasets: dict[str, list] = {}
    bars = altair.Chart(_named(values, datasets)).mark_bar(
        stroke="#ffffff", strokeWidth=0.25 if crowded else 0.6,
    ).encode(
        x=altair.X("week_label:O", sort=labels, axis=_x_axis(labels, lang),
                   scale=altair.Scale(domain=labels, paddingInner=0.04 if crowded else 0.14,
                                      paddingOuter=0.08)),
        y=altair.Y("share:Q", stack="zero",
                scale=altair.Scale(domain=[0, 100], nice=False, zero=True),
                axis=altair.Axis(title=words["share_axis"].format(unit=unit),
                              values=[0, 25, 50, 75, 100], labelExpr="datum.value + '%'",
                              grid=False, tickSize=4, domain=False)),
        color=altair.Color("family:N", sort=shown,
                        scale=altair.Scale(domain=shown, range=[colors[e] for e in order]),
                        legend=altair.Legend(title=words["family"], orient="right",
                                          offset=14)),
        order=altair.Order("stack:Q", sort="ascending"),
        **({"opacity": altair.condition(
            altair.FieldOneOfPredicate(field="family", oneOf=focus),
            altair.value(1.0), altair.value(MUTED))} if focus else {}),
        description="aria:N",  # what a screen reader says for each bar
        tooltip=[altair.Tooltip("family:N", title=words["family"]),
                 altair.Tooltip("provider:N", title=words["provider"]),
                 altair.Tooltip("week_label:O", title=words["week"]),
                 altair.Tooltip("share_text:N", title=words["share"])],
    )
    notes = _annotation_layers(folded, annotations, labels, colors, lang, 100.0, "share",
                               datasets)
    chart = altair.layer(bars, *notes) if notes else bars
    chart = chart.properties(
        width=WIDTH, height=HEIGHT, description=alt,
        title=altair.TitleParams(title, subtitle=subtitle, offset=12),
    ).configure(**_config(lang))
    spec = _frozen_spec(chart, datasets)
    return ChartSpec(folded.chart, lang, title, alt, spec, "shares",
                     MappingProxyType({_shown(e, lang): colors[e] for e in order}))


MUTED = 0.38  # opacity of the series a chart's story is not about


def _focus(folded: ShareTable, highlight: tuple[str, str] | None, lang: str) -> list[str]:
    """The shown names of the highlighted series: one family, or a provider's families.
    Empty (nothing muted) when the subject is not a charted series (a group, the chart)."""
    if not highlight:
        return []
    kind, name = highlight
    if kind == "family":
        picked = [e for e in folded.entities if e == name and e != OTHER]
    elif kind == "provider":
        picked = [e for e in folded.entities if e != OTHER and folded.provider.get(e) == name]
    else:
        picked = []
    return [_shown(e, lang) for e in picked]


@_unchecked
def build_parent_line(table: ShareTable, lang: str, *, annotations: Sequence[Annotation] = (),
                      title: str | None = None, alt: str = "",
                      subtitle: str | None = None, vocab: Vocabulary | None = None,
                      headline: str | None = None) -> ChartSpec:
    """The reasoning table → a line of reasoning's weekly share of all text messages."""
    import altair

    _check_lang(lang)
    if table.parent_share is None:
        raise ValueError(f"chart {table.chart!r} has no parent share; only the reasoning "
                         "table (a share of all text) has one")
    words = TEXT[lang]
    parent = (vocab or Vocabulary()).noun(table.parent or "text", lang)
    labels = _week_labels(table.weeks, lang)
    pct = table.parent_share
    values = [{"week": w.isoformat(), "week_label": labels[i],
               "share": round(float(pct[i]), 6), "share_text": f"{float(pct[i]):.1f}%"}
              for i, w in enumerate(table.weeks) if table.parent_totals[i] > 0]
    top = max((v["share"] for v in values), default=0.0)
    y_max = _nice_ceiling(top * 1.12)

    title = title or words["parent_title"].format(parent=parent)
    if subtitle is None:
        subtitle = words["parent_subtitle"].format(parent=parent)
    if headline:  # the section's story on top, what the chart is underneath
        title, subtitle = headline.replace("*", "").strip(), [title, subtitle]
    if not alt and table.weeks:
        alt = words["alt_parent"].format(parent=parent,
                                         start=_full_date(table.weeks[0], lang),
                                         end=_full_date(table.weeks[-1] + timedelta(6), lang))
    datasets: dict[str, list] = {}
    data = _named(values, datasets)
    x = altair.X("week_label:O", sort=labels, axis=_x_axis(labels, lang),
                  scale=altair.Scale(domain=labels, padding=0.5))
    y = altair.Y("share:Q", scale=altair.Scale(domain=[0, y_max], nice=False),
                  axis=altair.Axis(title=words["parent_axis"].format(parent=parent),
                                    labelExpr="datum.value + '%'", tickCount=5, grid=True,
                                    domain=False, tickSize=0))
    tooltip = [altair.Tooltip("week_label:O", title=words["week"]),
               altair.Tooltip("share_text:N", title=words["share"])]
    area = altair.Chart(data).mark_area(color=LINE_COLOR, opacity=0.08).encode(x=x, y=y)
    line = altair.Chart(data).mark_line(color=LINE_COLOR, strokeWidth=2.4).encode(x=x, y=y)
    points = altair.Chart(data).mark_point(
        filled=True, size=34, color=LINE_COLOR, opacity=1,
    ).encode(x=x, y=y, tooltip=tooltip)
    # Label the first, the last and the highest week with their value.
    marked = _marked_points(values)
    value_labels = altair.Chart(_named(marked, datasets)).mark_text(
        dy=-11, fontSize=MIN_TEXT_PX, fontWeight=600, color=LINE_COLOR,
    ).encode(x=x, y=y, text="share_text:N")
    notes = _annotation_layers(table, annotations, labels, {}, lang, y_max, "share", datasets)
    chart = altair.layer(area, line, points, value_labels, *notes).properties(
        width=WIDTH, height=LINE_HEIGHT, description=alt,
        title=altair.TitleParams(title, subtitle=subtitle, offset=12),
    ).configure(**_config(lang))
    return ChartSpec(table.chart, lang, title, alt, _frozen_spec(chart, datasets), "parent",
                     MappingProxyType({}))


def build_charts(tables: Mapping[str, ShareTable] | Iterable[ShareTable], lang: str, *,
                 top: int = 10, annotations: Mapping[str, Sequence[Annotation]] | None = None,
                 alts: Mapping[str, str] | None = None,
                 released: Mapping[str, date | None] | None = None,
                 vocab: Vocabulary | None = None,
                 headlines: Mapping[str, str] | None = None,
                 highlights: Mapping[str, tuple[str, str]] | None = None
                 ) -> tuple[ChartSpec, ...]:
    """Every chart of a post in one language, sharing one palette; in table order, each
    parent line right after its bars. `annotations` and `alts` are keyed by ChartSpec.key,
    `headlines` and `highlights` (see build_chart) by chart."""
    tables = list(tables.values()) if isinstance(tables, Mapping) else list(tables)
    annotations = annotations or {}
    alts = alts or {}
    headlines = headlines or {}
    highlights = highlights or {}
    colors = palette(tables, top=top, released=released)
    out = []
    for table in tables:
        out.append(build_chart(table, lang, top=top, colors=colors,
                               annotations=annotations.get(table.chart, ()),
                               alt=alts.get(table.chart, ""), vocab=vocab,
                               headline=headlines.get(table.chart),
                               highlight=highlights.get(table.chart)))
        if table.parent_share is not None:
            key = f"{table.chart}-share"
            out.append(build_parent_line(table, lang, annotations=annotations.get(key, ()),
                                         alt=alts.get(key, ""), vocab=vocab,
                                         headline=headlines.get(key)))
    return tuple(out)


def cached_charts(cache: Path | None, tables: Mapping[str, ShareTable], lang: str, *,
                  top: int = 10, annotations: Mapping[str, Sequence[Annotation]] | None = None,
                  alts: Mapping[str, str] | None = None,
                  released: Mapping[str, date | None] | None = None,
                  vocab: Vocabulary | None = None,
                  headlines: Mapping[str, str] | None = None,
                  highlights: Mapping[str, tuple[str, str]] | None = None
                  ) -> tuple[ChartSpec, ...]:
    """build_charts(tables, lang, ...), read from `cache` when these very inputs were built
    before, so that a re-draft needs neither Altair (~0.15 s to import) nor the building
    (~0.15 s a language).

    The key is every input, exactly (arrays by their bytes, mappings in their order), the
    source of every writer module and Altair's version, so any change builds afresh. Inputs
    that cannot be keyed, or a cache that cannot be read or written, only cost the building.
    """
    options = {"top": top, "annotations": annotations or {}, "alts": alts or {},
               "released": released or {}, "vocab": vocab or Vocabulary(),
               "headlines": headlines or {}, "highlights": highlights or {}}
    try:
        key = hashlib.sha256(json.dumps(
            [_code_stamp(), lang, _plain(tables), _plain(options)]).encode("utf-8")).hexdigest()
    except TypeError:
        key = None
    path = cache / f"specs-{key}.json" if cache is not None and key else None
    if path is not None:
        try:
            return tuple(ChartSpec(c["chart"], c["lang"], c["title"], c["alt"], _freeze(c["spec"]),
                                   c["kind"], MappingProxyType(dict(c["colors"])))
                         for c in json.loads(path.read_bytes().decode("utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # not built yet (or unreadable): build
    built = build_charts(tables, lang, **options)
    if path is not None:
        data = [{"chart": c.chart, "lang": c.lang, "title": c.title, "alt": c.alt,
                 "spec": _thaw(c.spec), "kind": c.kind, "colors": list(c.colors.items())}
                for c in built]
        try:
            cache.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
        except OSError:
            pass
    return built


@functools.cache
def _code_stamp() -> str:
    """The source of every writer module and Altair's version: what turns inputs into specs."""
    from importlib.metadata import PackageNotFoundError, version

    from writer import __version__

    digest = hashlib.sha256(__version__.encode() + b"\0")  # also when installed without .py files
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    try:
        digest.update(version("altair").encode())
    except PackageNotFoundError:
        digest.update(b"altair ?")
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """`value` as JSON that tells apart any two inputs that differ (TypeError if it cannot)."""
    import dataclasses

    import numpy as np

    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, date):
        return ["date", value.isoformat()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return ["obj", type(value).__qualname__,
                [[f.name, _plain(getattr(value, f.name))] for f in dataclasses.fields(value)]]
    if isinstance(value, Mapping):
        return ["map", [[_plain(k), _plain(v)] for k, v in value.items()]]
    if isinstance(value, tuple | list):
        return ["seq", [_plain(v) for v in value]]
    if isinstance(value, np.ndarray):
        return ["array", str(value.dtype), list(value.shape), value.tobytes().hex()]
    raise TypeError(f"cannot key {type(value).__name__}")


def _marked_points(values: list[dict]) -> list[dict]:
    if not values:
        return []
    peak = max(range(len(values)), key=lambda i: (values[i]["share"], -i))
    picks = sorted({0, peak, len(values) - 1})
    return [values[i] for i in picks]


def _nice_ceiling(x: float) -> float:
    if x <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(x))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * magnitude >= x:
            return float(m * magnitude)
    return float(10 * magnitude)


def _named(values: list[dict], datasets: dict[str, list]) -> altair.NamedData:
    """`values` as a dataset named the way Altair names inline data ("data-" + the first 32
    hex digits of the SHA-256 of its sorted JSON), kept in `datasets` for _frozen_spec.

    Altair deep-copies a chart's data each time a chart is layered, given properties or
    configured (~0.5 s for a post's 12 specs); a name costs nothing to copy. _frozen_spec
    puts the values back where Altair's to_dict would (the top-level "datasets"), so the
    spec is the same, byte for byte.
    """
    import altair

    name = "data-" + hashlib.sha256(
        json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
    datasets[name] = values
    return altair.NamedData(name=name)


def _frozen_spec(chart: altair.TopLevelMixin, datasets: Mapping[str, list] | None = None
                 ) -> Mapping[str, Any]:
    """chart.to_dict() with `datasets` (see _named), read-only and independent of Altair."""
    # Schema validation costs ~0.2 s a chart; the tests validate every spec once instead.
    spec = chart.to_dict(validate=False)
    if datasets:
        spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    if spec.get("config", {}).get("font") == FONTS["en"] and _has_cjk(text):
        spec["config"]["font"] = EN_CJK_FONT  # see FONTS
        text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    return _freeze(json.loads(text))


def _has_cjk(text: str) -> bool:
    """True when `text` has a CJK (or other East Asian) character, as _text_px counts them."""
    return any(ord(c) > 0x2E80 for c in text)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


# ---------------------------------------------------------------- export

_registered_dirs: set[str] = set()


def _cjk_font_files() -> list[Path]:
    found = []
    for root in FONT_DIRS:
        base = Path(root).expanduser()
        if base.is_dir():
            found += [p for p in base.rglob("*") if CJK_FONT_FILES.match(p.name)
                      and p.suffix.lower() in {".ttc", ".otf", ".ttf"}]
    return sorted(found)


def cjk_font_available() -> bool:
    """True when a Noto Sans CJK SC (or Source Han Sans) font file is installed."""
    return bool(_cjk_font_files())


def _register_fonts() -> None:
    """vl-convert finds only some system font folders by itself; add the CJK one."""
    import vl_convert as vlc

    for directory in sorted({str(p.parent) for p in _cjk_font_files()}):
        if directory not in _registered_dirs:
            vlc.register_font_directory(directory)
            _registered_dirs.add(directory)


def _vl_version(spec: Mapping[str, Any]) -> str | None:
    import vl_convert as vlc

    found = re.search(r"/v(\d+)\.(\d+)", str(spec.get("$schema", "")))
    if found and f"{found[1]}.{found[2]}" in vlc.get_vegalite_versions():
        return f"{found[1]}.{found[2]}"
    return None  # vl-convert's newest


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file beside `path`, then rename (OSError as is: the caller decides
    whether a failed write matters, as for the cache it does not)."""
    replace_atomically(path, data)


def render_svg(spec: ChartSpec) -> str:
    """The chart as SVG text (vl-convert, no network access)."""
    import vl_convert as vlc

    _register_fonts()
    return vlc.vegalite_to_svg(_thaw(spec.spec), vl_version=_vl_version(spec.spec),
                               allowed_base_urls=[])


def render_png(spec: ChartSpec, scale: float = 2, svg: str | None = None) -> bytes:
    """The chart as PNG bytes at `scale` × its CSS pixel size, rasterised from its SVG."""
    import vl_convert as vlc

    # Rasterising the SVG gives the same bytes as vegalite_to_png without running Vega again.
    svg = render_svg(spec) if svg is None else svg
    return vlc.svg_to_png(svg, scale=scale)


def _font_stamp() -> list[tuple[str, int, int]]:
    """Every font file the renderer may pick a glyph from (the folders it searches and the
    ones _register_fonts adds are all under FONT_DIRS), with size and mtime, so installing,
    removing or upgrading any font changes the cache key, not only the CJK one."""
    out = []
    for root in FONT_DIRS:
        base = Path(root).expanduser()
        if base.is_dir():
            for path in base.rglob("*"):
                try:
                    if path.is_file():
                        st = path.stat()
                        out.append((str(path), st.st_size, st.st_mtime_ns))
                except OSError:
                    continue
    return sorted(out)


def _render_key(spec: ChartSpec, scale: float, fonts: list | None = None) -> str:
    """Everything the rendered bytes depend on: the spec, the renderer and the fonts it sees
    (`fonts`: _font_stamp(), if the caller has it already)."""
    import vl_convert as vlc

    stamp = json.dumps([spec.to_json(), getattr(vlc, "__version__", "?"), scale,
                        _font_stamp() if fonts is None else fonts])
    return hashlib.sha256(stamp.encode("utf-8")).hexdigest()


def _cached(spec: ChartSpec, cache: Path | None, png: bool, scale: float,
            fonts: list | None = None) -> tuple[str, str | None, bytes | None]:
    """(cache key, SVG text or None, PNG bytes or None) for this exact chart from `cache`.
    Rendering is most of a draft's time; the same spec, renderer and fonts give the same
    bytes, so a re-draft need not pay it again."""
    if cache is None:
        return "", None, None
    key = _render_key(spec, scale, fonts)
    try:
        svg = (cache / f"{key}.svg").read_bytes().decode("utf-8")  # as written: no newline change
    except (OSError, UnicodeDecodeError):
        return key, None, None  # not cached yet (or unreadable): render it
    try:
        image = (cache / f"{key}.png").read_bytes() if png else None
    except OSError:
        image = None  # an SVG without its PNG (a chart first rendered without one)
    return key, svg, image


def _store(cache: Path | None, key: str, svg: str, image: bytes | None) -> None:
    if cache is None:
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        if image is not None:
            _write_atomic(cache / f"{key}.png", image)
        _write_atomic(cache / f"{key}.svg", svg.encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs time


@dataclass(frozen=True)
class ExportJob:
    """One chart to write as `<stem>.svg` and `<stem>.vl.json`, and `<stem>.png` if `png`."""

    spec: ChartSpec
    stem: str
    png: bool = True


_early: list[subprocess.Popen] = []  # helpers started by start_renderer, not yet used


def _spawn() -> subprocess.Popen | None:
    import sys

    try:
        return subprocess.Popen([sys.executable, str(Path(__file__).with_name("_render.py"))],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _helpers_wanted() -> int:
    return min(2, os.cpu_count() or 1)


def start_renderer(cache: Path | None) -> None:
    """Start the helper processes now, when nothing is cached yet (so rendering is certain),
    so that their start-up (~0.35 s each: vl-convert's first conversion starts its JavaScript
    engine) overlaps the building of the specs. export_all uses them; a helper left unused
    exits when its input closes (at the latest when this process ends)."""
    if _early or _helpers_wanted() < 2:
        return
    if cache is not None and cache.is_dir() and any(cache.glob("*.svg")):
        return
    for _ in range(_helpers_wanted()):
        proc = _spawn()
        if proc is not None:
            _early.append(proc)


def _helper(jobs: list[tuple[ChartSpec, bool]], scale: float, claims: str
            ) -> subprocess.Popen | None:
    """writer/_render.py working through `jobs`, taking each job it can claim in `claims`
    (see _render.py); None if it cannot start (the caller renders its share)."""
    # PNGs (svg and png: the longest jobs) first, so no helper starts one at the very end.
    order = sorted(range(len(jobs)), key=lambda i: (not jobs[i][1], i))
    request = {"font_dirs": sorted({str(p.parent) for p in _cjk_font_files()}), "claims": claims,
               "order": order,
               "jobs": [{"spec": _thaw(spec.spec), "vl_version": _vl_version(spec.spec),
                         "png": png, "scale": scale} for spec, png in jobs]}
    proc = _early.pop() if _early else _spawn()
    if proc is None:
        return None
    # Hand the request over on a thread: a pipe holds 64 KiB, and the specs are larger.
    import threading

    def feed() -> None:
        try:
            proc.stdin.write(json.dumps(request).encode("utf-8"))
            proc.stdin.close()
        except OSError:
            pass

    threading.Thread(target=feed, daemon=True).start()
    return proc


def _collect(proc: subprocess.Popen | None, n: int) -> dict[int, tuple[str, bytes | None]]:
    """The jobs `proc` rendered, by index; {} if it failed (the caller renders what is left)."""
    if proc is None:
        return {}
    try:
        # Not communicate(): the feeding thread owns stdin and closes it when done.
        raw = proc.stdout.read()
        answer = json.loads(raw.decode("utf-8")) if proc.wait(timeout=600) == 0 else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        proc.kill()
        return {}
    finally:
        proc.stdout.close()
    if not isinstance(answer, list):
        return {}
    out = {}
    for a in answer:
        if isinstance(a, dict) and isinstance(a.get("i"), int) and 0 <= a["i"] < n:
            out[a["i"]] = (a["svg"], base64.b64decode(a["png"]) if a["png"] else None)
    return out


@dataclass
class Rendering:
    """Charts handed to the helper processes, rendering while the caller does other work
    (begin_export); export_all collects them."""

    jobs: list  # the ExportJobs
    wants: list[bool]  # PNG wanted (and possible)
    found: list  # (cache key, cached SVG or None, cached PNG or None) per job
    todo: list[int]  # jobs not in the cache
    result: Any  # () -> [(svg, png or None)] for `todo`, in order (waits for the helpers)
    cancel: Any = None  # () -> None: stop the helpers (the run failed before export_all)


def begin_export(jobs: Sequence[ExportJob], cache: Path | None = None,
                 workers: int | None = None, scale: float = 2) -> Rendering:
    """Look the jobs up in the cache and start rendering the rest in the helpers now, so the
    caller can write and verify its posts meanwhile. Pass the result to export_all."""
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    jobs = list(jobs)
    no_font = not cjk_font_available() if any(j.spec.lang == "zh" for j in jobs) else False
    wants = [job.png and not (job.spec.lang == "zh" and no_font) for job in jobs]
    fonts = _font_stamp() if cache is not None else None  # once, not once per chart
    found = [_cached(job.spec, cache, png, scale, fonts) for job, png in zip(jobs, wants)]
    todo = [i for i, (_, svg, _) in enumerate(found) if svg is None]
    result = _start_many([(jobs[i].spec, wants[i]) for i in todo], scale, workers)
    return Rendering(jobs, wants, found, todo, result, getattr(result, "cancel", None))


def _start_many(jobs: list[tuple[ChartSpec, bool]], scale: float, workers: int):
    """Start rendering `jobs` (spec, want PNG) in `workers` helper processes when workers > 1;
    returns the function that waits for them and gives [(svg, png or None)] in job order.

    The helpers share the jobs out as they go (each claims the next unclaimed one), so both
    cores stay busy however unequal the charts are; this process only waits, so it never
    pays vl-convert's start-up itself. The helpers run the same vl-convert with the same
    fonts registered, so their bytes are the ones this process would make; whatever they do
    not deliver (a helper that fails for any reason), this process renders.
    """
    procs, claims = [], None
    if jobs and workers > 1 and (len(jobs) > 1 or _early):
        import tempfile

        claims = tempfile.mkdtemp(prefix="writer-render-")
        procs = [_helper(jobs, scale, claims) for _ in range(min(workers, len(jobs)))]

    def result() -> list[tuple[str, bytes | None]]:
        import shutil

        done: dict[int, tuple[str, bytes | None]] = {}
        try:
            for proc in procs:
                done.update(_collect(proc, len(jobs)))
        finally:
            if claims:
                shutil.rmtree(claims, ignore_errors=True)
        for i, (spec, png) in enumerate(jobs):
            if i not in done:
                svg = render_svg(spec)
                done[i] = (svg, render_png(spec, scale=scale, svg=svg) if png else None)
        return [done[i] for i in range(len(jobs))]

    def cancel() -> None:
        import shutil

        for proc in procs:
            if proc is not None:
                proc.kill()
                proc.wait()
                for pipe in (proc.stdin, proc.stdout):
                    try:
                        pipe.close()
                    except OSError:
                        pass
        if claims:
            shutil.rmtree(claims, ignore_errors=True)

    result.cancel = cancel
    return result


def export_all(jobs: Sequence[ExportJob], directory: Path, cache: Path | None = None,
               workers: int | None = None, scale: float = 2,
               started: Rendering | None = None) -> tuple[ExportResult, ...]:
    """Write every job's files into `directory`, atomically; results in job order.

    Charts not in `cache` are rendered once each, split over `workers` processes (default:
    2 when the machine has more than one core); `started` is the begin_export of these very
    jobs, when the rendering was started earlier. A Chinese chart without the CJK font still
    gets its SVG and JSON (a browser may have the font); its PNG is skipped and the result's
    `warning` says how to fix it.
    """
    for job in jobs:
        if not job.stem or "/" in job.stem or "\\" in job.stem or job.stem.startswith("."):
            raise ValueError(f"stem {job.stem!r} must be a plain file name without a directory")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    r = started if started is not None else begin_export(jobs, cache, workers, scale)
    jobs, wants, found = r.jobs, r.wants, r.found
    rendered = dict(zip(r.todo, r.result()))
    for i, (_, svg, image) in enumerate(found):
        if svg is not None and wants[i] and image is None:
            # Cached without its PNG (it was not a thumbnail then): rasterise the cached SVG.
            rendered[i] = (svg, render_png(jobs[i].spec, scale=scale, svg=svg))
    results = []
    for i, job in enumerate(jobs):
        key, svg, image = found[i]
        if i in rendered:
            svg, image = rendered[i]
            _store(cache, key, svg, image)
        spec, stem = job.spec, job.stem
        svg_path, png_path = directory / f"{stem}.svg", directory / f"{stem}.png"
        json_path = directory / f"{stem}.vl.json"
        _write_atomic(json_path, (spec.to_json() + "\n").encode("utf-8"))
        _write_atomic(svg_path, svg.encode("utf-8"))
        if image is not None:
            _write_atomic(png_path, image)
            results.append(ExportResult(svg_path, png_path, json_path))
        elif job.png:
            results.append(ExportResult(svg_path, None, json_path, warning=(
                f"{png_path.name} was not written: its Chinese text needs the {CJK_FONT} font, "
                f"which is not installed, and would show as empty boxes. {svg_path.name} and "
                f"{json_path.name} were written. Fix: {CJK_FIX} (Debian/Ubuntu), then run "
                "draft again.")))
        else:
            results.append(ExportResult(svg_path, None, json_path))
    return tuple(results)


def export(spec: ChartSpec, directory: Path, stem: str, cache: Path | None = None
           ) -> ExportResult:
    """Write `<stem>.svg`, `<stem>.png` (2×) and `<stem>.vl.json` into `directory`, atomically.

    One chart, rendered in this process (see export_all for the details and for many charts).
    """
    return export_all([ExportJob(spec, stem)], directory, cache, workers=1)[0]