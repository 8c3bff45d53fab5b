"""Numbers into words, in English and Chinese: the one place this happens.

Findings, drafting, the post and verification all use these functions, so a number reads
the same everywhere and verification knows exactly which phrasings the tool produces.
Chinese follows Chinese conventions (约30%, 仅三周, 翻了一番, 2月中旬), not English word order.

Rules (verification mirrors them; change both together)
--------------------------------------------------------
Rounding is half up (9.5 → "10%", 9.49 → "9%"), never banker's rounding.

Percentages (`pct`) and percentage points (`pp`), automatic mode (approx=None):
- Values of 1 or more are shown as whole numbers. The plain form ("21%") is used when the
  value is within QUARTER = 0.25 of the shown integer; otherwise "about 21%" / "~21%" /
  "约21%". So the plain form is never more than a quarter point off, and "about" is never
  more than half a point off (the ordinary rounding interval).
- Values below 1 are shown with one decimal ("0.6%"), plain within 0.025, else "about".
  Values above 0 that round to 0.0 are shown as "under 0.1%" / "不到0.1%".
- approx=True always says "about"; approx=False never does and shows one decimal when the
  integer would be more than 0.05 off ("21.3%"). Every form is true under verification's
  tolerance: the digits shown set the rounding interval, and "about" only widens it.
- nice=True (render style "round") rounds as a person would: "about 30%" for 31.5, to
  the nearest multiple of 5 when it lies within max(1 point, 10% of it) of the value;
  otherwise the rules above apply.
- `under(value)` states an upper bound: "under 1%" / "不到1%", the smallest of 0.1, 0.5, 1,
  2, 5, 10, 20, 25, 50, 100 that is strictly above the value.

Durations (`duration`): whole weeks. English spells out one to nine ("three weeks"), Chinese
一 to 十 with 两 for two ("两周", "三周", "十周"); larger numbers are digits ("12 weeks",
"12周"). `digits=True` gives "6 weeks" / "6周".

Date phrases (`week_phrase`, `day_phrase`). A week (Monday to Sunday) is named by its
Thursday, the ISO rule for which month a week belongs to, so the phrase's day range always
contains a day of the week. Day ranges within a month:
- early = days 1–10   ("early February", "2月上旬")
- mid   = days 11–20  ("mid-February",   "2月中旬")
- late  = days 21–end ("late February",  "2月下旬")
- "the last week of April" / "4月最后一周" = the last seven days of the month (24–30 April);
  it is said only of the last week whose Thursday falls in that month (so its Thursday is in
  those seven days), and otherwise the early/mid/late phrase is used.
A year is added ("mid-February 2025", "2025年2月中旬") when asked for.

Ratios (`ratio`), r = end ÷ start:
    r = 0            fell to zero             降至零
    0 < r < 0.30     fell by about N%         下降了约N%        (N = (1 − r) × 100)
    0.30 ≤ r < 0.45  more than halved         下降了一半以上
    0.45 ≤ r ≤ 0.55  halved                   下降了一半
    0.55 < r < 1     fell by about N%         下降了约N%
    r = 1            was unchanged            持平
    1 < r < 1.8      rose by about N%         增长了约N%        (N = (r − 1) × 100)
    1.8 ≤ r ≤ 2.2    doubled                  翻了一番
    2.2 < r < 2.8    more than doubled        增长了一倍多
    2.8 ≤ r ≤ 3.2    tripled                  增长了两倍
    3.2 < r < 3.8    more than tripled        增长了两倍多
    r ≥ 3.8          grew about N-fold        增长到约N倍       (N = r rounded)
The percent changes inside ratio phrases follow the `pct` rules ("about" only when needed).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from writer.facts import Fact

LANGS = ("en", "zh")
QUARTER = 0.25  # within this of the shown integer, no "about"
NICE_POINTS, NICE_RELATIVE = 1.0, 0.10  # how far "about 30%" may be from the value (nice=True)
UNDER_BOUNDS = (0.1, 0.5, 1, 2, 5, 10, 20, 25, 50, 100)

EN_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ZH_WORDS = ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# Day ranges of the parts of a month (inclusive); "late" runs to the month's last day.
EARLY = (1, 10)
MID = (11, 20)
LATE = (21, 31)


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGS)}")
    return lang


def round_half_up(value: float, decimals: int = 0) -> float:
    """9.5 → 10, 0.25 → 0.3 at one decimal: the rounding a reader assumes."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def _digits(value: float, decimals: int) -> str:
    shown = round_half_up(value, decimals)
    return f"{shown:.{decimals}f}" if decimals else str(int(shown))


def _number(value: float, approx: bool | None) -> tuple[str, bool]:
    """The digits to show for a share-like magnitude, and whether to say "about"."""
    v = abs(float(value))
    if v == 0 or round_half_up(v, 1) >= 1:
        decimals, slack = 0, QUARTER
    else:
        decimals, slack = 1, QUARTER / 10
    if approx is False:
        if decimals == 0 and abs(v - round_half_up(v)) > 0.05:
            decimals = 1
        return _digits(v, decimals), False
    about = approx is True or abs(v - round_half_up(v, decimals)) > slack
    return _digits(v, decimals), about


def _about(text: str, about: bool, lang: str, tilde: bool = False) -> str:
    if not about:
        return text
    if lang == "zh":
        return "约" + text
    return ("~" if tilde else "about ") + text


def nice_round(value: float) -> float | None:
    """The nearest multiple of 5 if within max(1, 10% of it) of the value, else None."""
    target = round_half_up(value / 5) * 5
    if target > 0 and abs(value - target) <= max(NICE_POINTS, NICE_RELATIVE * target):
        return target
    return None


def pct(value: float, lang: str, approx: bool | None = None, tilde: bool = False,
        nice: bool = False) -> str:
    """A share in percent: "21%", "21.3%" (approx=False), "about 21%", "~21%", "约21%".

    nice=True rounds to the nearest multiple of 5 as a person would ("about 30%" for 31.5)
    when it lies within max(1 point, 10% of it), and says "about" unless the value is within
    a quarter point of it.
    """
    _lang(lang)
    if 0 < value < 0.05:
        return under(value, lang)
    target = nice_round(value) if nice and approx is not False else None
    if target is not None:
        about = approx is True or abs(value - target) > QUARTER
        return _about(f"{int(target)}%", about, lang, tilde)
    digits, about = _number(value, approx)
    return _about(digits + "%", about, lang, tilde)


def under(value: float, lang: str) -> str:
    """An upper bound: "under 1%" / "不到1%" (the smallest round bound above the value)."""
    _lang(lang)
    bound = next((b for b in UNDER_BOUNDS if value < b), None)
    if bound is None:
        raise ValueError(f"no share bound above {value}: a share is at most 100%")
    text = f"{bound:g}%"
    return f"不到{text}" if lang == "zh" else f"under {text}"


def pp(value: float, lang: str, approx: bool | None = None, signed: bool = False) -> str:
    """A change in percentage points, as a magnitude: "10 points", "约10个百分点".

    signed=True puts the direction in: "down 10 points", "下降10个百分点". Without it the
    sentence around the number must carry the direction.
    """
    _lang(lang)
    digits, about = _number(value, approx)
    if lang == "zh":
        text = _about(f"{digits}个百分点", about, lang)
        if signed and value:
            text = ("上升" if value > 0 else "下降") + text
        return text
    unit = "point" if digits == "1" else "points"
    text = _about(f"{digits} {unit}", about, lang)
    if signed and value:
        text = ("up " if value > 0 else "down ") + text
    return text


def count(n: int, lang: str) -> str:
    """A whole number of things: "three" / "三" (两 for two); 10+ in EN and 11+ in ZH as digits."""
    _lang(lang)
    n = int(n)
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    if lang == "zh":
        return ZH_WORDS[n] if n <= 10 else str(n)
    return EN_WORDS[n] if n <= 9 else str(n)


def duration(weeks: int, lang: str, digits: bool = False, approx: bool = False) -> str:
    """Whole weeks: "three weeks", "3周"; digits=True gives "6 weeks" (Chinese always has digits)."""
    _lang(lang)
    if weeks != int(weeks) or weeks < 0:
        raise ValueError(f"a duration is a whole, non-negative number of weeks, not {weeks}")
    n = int(weeks)
    # Chinese posts write every duration in digits ("3周", as "12周"): one numeral style
    word = str(n) if digits or lang == "zh" else count(n, lang)
    if lang == "zh":
        return _about(f"{word}周", approx, lang)
    return _about(f"{word} week{'s' if n != 1 else ''}", approx, lang)


def _part(day: int) -> str:
    if day <= EARLY[1]:
        return "early"
    if day <= MID[1]:
        return "mid"
    return "late"


def day_phrase(day: date, lang: str, with_year: bool = False) -> str:
    """The part of the month a day falls in: "mid-February", "2月中旬"."""
    _lang(lang)
    part = _part(day.day)
    if lang == "zh":
        zh = {"early": "上旬", "mid": "中旬", "late": "下旬"}[part]
        return f"{f'{day.year}年' if with_year else ''}{day.month}月{zh}"
    month = EN_MONTHS[day.month - 1] + (f" {day.year}" if with_year else "")
    return f"mid-{month}" if part == "mid" else f"{part} {month}"


def is_last_week_of_month(monday: date) -> bool:
    """True when this is the last week whose Thursday falls in that Thursday's month."""
    thursday = monday + timedelta(days=3)
    return (thursday + timedelta(days=7)).month != thursday.month


def week_phrase(monday: date, lang: str, last_week_of_month: bool = False,
                with_year: bool = False) -> str:
    """The week starting `monday`, named by its Thursday: "late April", "4月下旬".

    last_week_of_month=True says "the last week of April" / "4月最后一周" when the week is
    that (see is_last_week_of_month), and falls back to the early/mid/late phrase when not.
    """
    _lang(lang)
    thursday = monday + timedelta(days=3)
    if last_week_of_month and is_last_week_of_month(monday):
        if lang == "zh":
            return f"{f'{thursday.year}年' if with_year else ''}{thursday.month}月最后一周"
        month = EN_MONTHS[thursday.month - 1] + (f" {thursday.year}" if with_year else "")
        return f"the last week of {month}"
    return day_phrase(thursday, lang, with_year)


def week_of(monday: date, lang: str, with_year: bool = False) -> str:
    """One week by its Monday: "the week of 17 November" / "11月17日这一周"."""
    _lang(lang)
    if lang == "zh":
        return f"{f'{monday.year}年' if with_year else ''}{monday.month}月{monday.day}日这一周"
    return f"the week of {monday.day} {EN_MONTHS[monday.month - 1]}" + (
        f" {monday.year}" if with_year else "")


def ratio(r: float, lang: str) -> str:
    """end ÷ start in words: "halved", "下降了一半", "doubled", "翻了一番" (table in the module doc)."""
    _lang(lang)
    if r < 0 or math.isnan(r) or math.isinf(r):
        raise ValueError(f"a ratio of shares is a finite number >= 0, not {r}")
    zh = lang == "zh"
    if r == 0:
        return "降至零" if zh else "fell to zero"
    if r < 0.30 or 0.55 < r < 1:
        change = pct((1 - r) * 100, lang)
        return f"下降了{change}" if zh else f"fell by {change}"
    if r < 0.45:
        return "下降了一半以上" if zh else "more than halved"
    if r <= 0.55:
        return "下降了一半" if zh else "halved"
    if r == 1:
        return "持平" if zh else "was unchanged"
    if r < 1.8:
        change = pct((r - 1) * 100, lang)
        return f"增长了{change}" if zh else f"rose by {change}"
    if r <= 2.2:
        return "翻了一番" if zh else "doubled"
    if r < 2.8:
        return "增长了一倍多" if zh else "more than doubled"
    if r <= 3.2:
        return "增长了两倍" if zh else "tripled"
    if r < 3.8:
        return "增长了两倍多" if zh else "more than tripled"
    n = int(round_half_up(r))
    return f"增长到约{n}倍" if zh else f"grew about {n}-fold"


def names(items, lang: str) -> str:
    """A list of names: "A, B and C" / "A、B和C"."""
    _lang(lang)
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


# Registry tags a post can name as a group of models (writer.shares.Group). Another tag is
# named by itself: "open-weights models" / "open-weights 类模型".
TAG_NOUNS = {
    "hybrid-reasoning": ("hybrid reasoning models", "混合推理模型"),
}


def tag_noun(tag: str, lang: str) -> str:
    """The models a registry tag groups: "hybrid reasoning models" / "混合推理模型"."""
    _lang(lang)
    en, zh = TAG_NOUNS.get(tag, (f"{tag.replace('-', ' ')} models", f"“{tag}”类模型"))
    return zh if lang == "zh" else en


# Which `style` values render_fact accepts, per unit (None is always allowed).
STYLES = {
    "pct": ("about", "exact", "tilde", "round", "under"),
    "pp": ("about", "exact", "signed"),
    "weeks": ("about", "digits"),
    "ratio": (),
    "date": ("last_week", "year", "week_of"),
    "count": (),
}


def render_fact(fact: Fact, lang: str, style: str | None = None) -> str:
    """The words for one fact, as drafting fills a slot such as {{F7.share}}.

    style (optional, per unit): pct: about | exact | tilde | round | under; pp: about | exact |
    signed; weeks: about | digits; date: last_week | year. Unknown styles raise ValueError.
    """
    _lang(lang)
    allowed = STYLES[fact.unit]
    if style is not None and style not in allowed:
        raise ValueError(
            f"style {style!r} does not apply to {fact.unit} facts ({fact.id}); "
            f"use one of {', '.join(allowed) or 'none'}"
        )
    v = fact.value
    if fact.unit == "pct":
        if style == "under":
            return under(float(v), lang)
        return pct(float(v), lang, approx={"about": True, "tilde": True, "exact": False}.get(style),
                   tilde=style == "tilde", nice=style == "round")
    if fact.unit == "pp":
        return pp(float(v), lang, approx={"about": True, "exact": False}.get(style),
                  signed=style == "signed")
    if fact.unit == "weeks":
        return duration(int(v), lang, digits=style == "digits", approx=style == "about")
    if fact.unit == "ratio":
        return ratio(float(v), lang)
    if fact.unit == "date" and style == "week_of":
        return week_of(date.fromisoformat(str(v)), lang, with_year=fact.with_year)
    if fact.unit == "date":
        return week_phrase(date.fromisoformat(str(v)), lang, last_week_of_month=style == "last_week",
                           with_year=style == "year" or fact.with_year)
    return count(int(v), lang)
