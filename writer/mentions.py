"""Mentions: every number a reader would take as a claim, found in English or Chinese text.

    extract(text, lang, names) -> [Mention]

First the text is *masked*: the parts that contain digits but make no claim are blanked
out, keeping every other character where it was (so line:col stay true):
- bot, family and provider names ("GPT-4.1", "Gemini 2.5 Pro", "Claude 3.7 Sonnet" with or
  without hyphens, "Qwen3" for "Qwen-3"), plus name-shaped tokens the registry does not
  know ("Gen-4-Alpha-Turbo", "H100");
- URLs, image and link targets, footnote markers ([1], [^1]), Liquid ({{ }}, {% %}),
  kramdown attributes ({:toc}, {#chart-video}), HTML tags and comments, code;
- list and heading enumerators ("1. ", "一、", "（二）") and labels ("Trend 1", "图2").

Then a hand-written grammar, tried in this order (an earlier match claims its characters):
dates, ratios and percent changes, durations, ranks, percentages and points (with ranges
and from→to pairs), shares said in words (成, 百分之, fractions, 一半), counts, and last any
bare number that is left ("number"). Nothing numeric is silently dropped except the
article "one"/"一" (a model, 一款模型) and fixed expressions (之一, 一度, "one of").

A Mention records what the text *says*; verify.py decides what that allows (the tolerance).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

KINDS = ("pct", "pp", "duration", "ratio", "date", "count", "rank", "number")
QUALIFIERS = (
    "exact",  # no qualifier: the shown digits set the rounding interval
    "approx",  # about, around, roughly, ~, 约, 左右
    "nearly",  # nearly, almost, 近, 将近, 接近: at or just short of N
    "above",  # over, more than, 超过, 逾, 以上 (after a share)
    "at_least",  # at least, 至少, N+, 不少于
    "below",  # under, less than, 不到, 不足, 低于
    "at_most",  # at most, up to, 不超过, 最多, 以下
    "within",  # within N weeks, N周内: a duration at most N
    "just",  # just, only, 仅, 短短: rounds to N (the word adds emphasis, not slack)
    "plus",  # 两成多, 二十多, 三周多, 出头: above N, below the next unit it counts in
    "just_over",  # just over, slightly above, 略高于: above N, by no more than "about" allows
)


@dataclass(frozen=True)
class When:
    """A span of calendar days named in text. year=None: the reader infers it (the period's)."""

    year: int | None
    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]  # (month, day); a day past the month's end means its last day
    end_year_offset: int = 0  # 1 when the span runs into the next year

    def days(self, year: int | None = None) -> tuple[date, date]:
        y = self.year if self.year is not None else year
        if y is None:
            raise ValueError("this date phrase names no year; pass the year to assume")
        return _day(y, *self.start), _day(y + self.end_year_offset, *self.end)

    def resolve(self, first: date, last: date) -> tuple[date, date]:
        """The day range, choosing the year (when none is named) that overlaps first..last."""
        if self.year is not None:
            return self.days()
        for y in range(first.year, last.year + 1):
            lo, hi = self.days(y)
            if lo <= last and hi >= first:
                return lo, hi
        return self.days(last.year)


def _day(year: int, month: int, day: int) -> date:
    """Day `day` of the month, clipped to its last day; day -7 is the seventh-last day."""
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    if day < 0:
        return last + timedelta(days=day + 1)
    return min(date(year, month, 1) + timedelta(days=day - 1), last)


@dataclass(frozen=True)
class Mention:
    """One numeric claim as written.

    value: the stated number (float), or a range (lo, hi) for "20–25%", "十几个", "dozens";
    None for dates (see `when`). unit: the rounding unit of the shown digits (1 for "21%",
    0.1 for "21.3%", 10 for "三成"). For kind "ratio", basis says how to read value:
    "multiple" (2.5x, 3倍, value = end/start), "word" (halved, doubled: value = end/start),
    or "change" (fell by 40%: value = 40, the percent change, sign = direction).
    sign: +1 said to rise, -1 said to fall, 0 not said. role: "from" / "to" (a from→to pair),
    "release" or "peak" (a date said of a launch or a peak), "ordinal" (in its third week).
    """

    kind: str
    value: float | tuple[float, float] | None
    qualifier: str
    line: int
    col: int
    text: str
    start: int = 0  # offsets into the text given to extract()
    end: int = 0
    unit: float = 1.0
    when: When | None = None
    sign: int = 0
    role: str | None = None
    basis: str | None = None

    @property
    def lo(self) -> float | None:
        return self.value[0] if isinstance(self.value, tuple) else self.value

    @property
    def hi(self) -> float | None:
        return self.value[1] if isinstance(self.value, tuple) else self.value


# ====================================================================== masking

def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile with ASCII \\b \\w \\d: CJK characters then count as word boundaries."""
    return re.compile(pattern, flags | re.ASCII)


MASK = "\ue000"  # a private-use character: no digit, no letter, never in real text
_WORD_CHAR = r"A-Za-z0-9"
_SEP = r"[-_\s]"


def name_key(name: str) -> str:
    """How names are compared: case, spaces, hyphens and underscores ignored."""
    return re.sub(r"[-_\s]+", "", name).lower()


def _name_pattern(name: str) -> str:
    """A regex for one name that tolerates case, hyphen vs space, and Qwen3 vs Qwen-3."""
    out = []
    for i, part in enumerate(p for p in re.split(r"[-_\s]+", name.strip()) if p):
        if i:
            out.append(f"{_SEP}?")
        # Where two or more letters meet digits inside a part, a separator may appear.
        m = re.match(r"(?a)^([A-Za-z]{2,})(\d.*)$", part)
        if m:
            out.extend([re.escape(m.group(1)), f"{_SEP}?", re.escape(m.group(2))])
        else:
            out.append(re.escape(part))
    return "".join(out)


class Masker:
    """Finds names in text, longest first, case- and separator-insensitively."""

    def __init__(self, names: Iterable[str]):
        seen: dict[str, str] = {}
        for n in names:
            n = str(n).strip()
            if n and name_key(n) not in seen:
                seen[name_key(n)] = n
        self.names: dict[str, str] = seen  # normalised key -> the name as given
        by_start: dict[str, list[tuple[int, str]]] = {}
        for key, name in seen.items():
            first = name.strip()[0].lower()
            by_start.setdefault(first, []).append((len(key), name))
        self._patterns: dict[str, re.Pattern] = {}
        for first, items in by_start.items():
            items.sort(key=lambda t: (-t[0], t[1]))
            alternation = "|".join(_name_pattern(n) for _, n in items)
            # Unicode case folding (not _rx's ASCII): a name may start with Ñ, É or Ø, and
            # the text may spell it in the other case. Boundaries stay explicit classes.
            self._patterns[first] = re.compile(
                rf"(?:{alternation})(?![{_WORD_CHAR}])", re.IGNORECASE)
        starts = "|".join(sorted({re.escape(c) for c in by_start}))
        self._start = (re.compile(rf"(?<![{_WORD_CHAR}])(?:{starts})", re.IGNORECASE)
                       if starts else None)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name as given) for every name in text, left to right, no overlaps."""
        out: list[tuple[int, int, str]] = []
        if self._start is None:
            return out
        pos = 0
        while True:
            m = self._start.search(text, pos)
            if not m:
                break
            i = m.start()
            pat = self._patterns.get(text[i].lower())
            hit = pat.match(text, i) if pat else None
            if hit and hit.end() > i:
                key = name_key(hit.group(0))
                out.append((i, hit.end(), self.names.get(key, hit.group(0))))
                pos = hit.end()
            else:
                pos = i + 1
        return out


@lru_cache(maxsize=16)
def masker_for(names: tuple[str, ...]) -> Masker:
    return Masker(names)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = MASK


# Markup that is never prose. Order matters little: each only blanks characters.
_MARKUP = [
    _rx(r"^```.*?^```[^\n]*$", re.DOTALL | re.MULTILINE),  # fenced code
    _rx(r"^~~~.*?^~~~[^\n]*$", re.DOTALL | re.MULTILINE),
    _rx(r"`[^`\n]+`"),  # inline code
    _rx(r"<!--.*?-->", re.DOTALL),  # HTML comments
    _rx(r"<(style|script)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE),  # CSS, scripts
    _rx(r"</?[A-Za-z!][^>\n]*>"),  # HTML tags and their attributes
    _rx(r"\{\{.*?\}\}", re.DOTALL),  # Liquid output
    _rx(r"\{%.*?%\}", re.DOTALL),  # Liquid tags
    _rx(r"\{:[^}\n]*\}"),  # kramdown {:toc} {: .class}
    _rx(r"\{#[^}\n]*\}"),  # kramdown {#id}
    _rx(r"\{\.[^}\n]*\}"),
    _rx(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # link and image targets ](...)
    # reference link definitions; not footnotes ("[^2]: Assistant ... 15%"), which are prose
    _rx(r"^\s*\[(?!\^)[^\]\n]+\]:\s*\S+.*$", re.MULTILINE),
    _rx(r"(?:https?://|www\.)[^\s)\]>\"'）】，。]+"),  # bare URLs
    # footnote markers [1] [^1] [^note]; not a bracketed word, which may be part of a name
    # such as "Veo [preview]" (a title keeps its brackets unescaped)
    _rx(r"\[(?:\^[0-9A-Za-z_-]+|[0-9]+)\]"),
    _rx(r"[0-9#*]\ufe0f?\u20e3"),  # keycap emoji 1️⃣
    _rx(r"&#?\w+;"),  # HTML entities
]
# Enumerators at the start of a list item or heading: "1. ", "2) ", "一、", "（二）", "## 3. ",
# "### 2.1 Title". A number followed by anything but a space ("21.3%") is not one.
_ENUM = _rx(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:[*_]{1,3})?"
    r"(\d{1,2}[.)](?=[ \t])|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）])",
    re.MULTILINE)
_HEADING_NUMBER = _rx(r"^[ \t]*#{1,6}[ \t]+(?:[*_]{1,3})?"
                      r"(\d{1,2}(?:\.\d{1,2})+[.)、]?|\d{1,2}[.)、])(?=[ \t])", re.MULTILINE)
# Labels: "Trend 1", "Figure 2", "图1", "表 2", "趋势3", "注1"
_LABEL = _rx(
    r"(?:\b(?:Trend|Part|Section|Figure|Fig\.|Chart|Table|Step|Note|Footnote|Appendix|"
    r"Finding|Takeaway|Highlight)\s+(\d{1,2})\b|(?:图|表|趋势|注|附录|发现|要点)\s*(\d{1,2})(?!\s*[%％周月日年个]))")
# Name-shaped tokens the registry does not list: letters joined to digits ("Gen-4",
# "Llama3", "H100", "GPT-Image-1", "GPT-5-mini"). A token that starts with a digit
# ("12-week", "3-fold") is not a name, nor one that starts with a stop word ("top-3").
_NAME_LIKE = _rx(r"(?<![A-Za-z0-9.\-])[A-Za-z][A-Za-z0-9.]*(?:-[A-Za-z0-9][A-Za-z0-9.]*)*")
_NAME_STOP = frozenset(["top", "no", "q", "h", "w", "fy", "week", "weeks", "rank", "trend", "fig", "figure", "chart", "table", "step", "part", "section", "note", "from", "to", "by", "up", "down", "over", "under", "about", "around", "nearly", "in", "of", "at", "and", "or", "the", "mid", "early", "late", "pp", "pt", "pts", "x", "vs", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "ai", "api", "a", "an", "number"])


@dataclass(frozen=True)
class Masked:
    text: str  # same length as the input; masked characters are MASK
    names: tuple[tuple[int, int, str], ...]  # registry names found: (start, end, name)
    # tokens that look like a model name (letters and digits: "GPT-5") but name nothing the
    # data knows; blanked so their digits are not read as numbers, kept for the checker
    guessed: tuple[tuple[int, int, str], ...] = ()


def mask(text: str, masker: Masker | None = None, *, guess_names: bool = True) -> Masked:
    """Blank out names and markup so that only prose numbers remain."""
    chars = list(text)
    found: list[tuple[int, int, str]] = []
    # Names first, on the text as written: a name's escaped spelling may hold what looks
    # like markup (`Runway{{ "{{" }} 7`, `Veo \[preview\]`), and must be found whole.
    if masker is not None:
        for start, end, name in masker.find(text):
            found.append((start, end, name))
            _blank(chars, start, end)
    for rx in _MARKUP:
        for m in rx.finditer(text):
            _blank(chars, m.start(), m.end())
    for rx in (_ENUM, _HEADING_NUMBER):
        for m in rx.finditer(text):
            _blank(chars, m.start(1), m.end(1))
    for m in _LABEL.finditer(text):
        g = 1 if m.group(1) is not None else 2
        _blank(chars, m.start(g), m.end(g))
    current = "".join(chars)
    guessed: list[tuple[int, int, str]] = []
    if guess_names:
        for m in _NAME_LIKE.finditer(current):
            token = m.group(0).rstrip(".")
            if not re.search(r"\d", token) or _looks_like_date_token(token):
                continue
            head = re.match(r"[A-Za-z]+", token).group(0).lower()
            if head in _NAME_STOP or (token.lower().startswith(head) and
                                      re.fullmatch(r"(?a)(?:st|nd|rd|th|x)", head)):
                continue
            _blank(chars, m.start(), m.start() + len(token))
            guessed.append((m.start(), m.start() + len(token), token))
        current = "".join(chars)
    return Masked(current, tuple(found), tuple(guessed))


def _looks_like_date_token(token: str) -> bool:
    return bool(re.fullmatch(r"(?a)(?i)(?:h[12]|q[1-4]|fy\d{2,4}|w\d{1,2})", token))


# ====================================================================== number words

EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
           "eighty": 80, "ninety": 90}
EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}
EN_NUMBER = (
    r"(?=[ahtfsenzoAHTFSENZO])(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"a hundred|one hundred|hundred)"
)
DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
ZH_DIGIT = "零〇一二两三四五六七八九"
ZH_NUM = r"[零〇一二两三四五六七八九十百千万]+(?:点[零〇一二三四五六七八九]+)?"
_NUM_START = r"(?=[0-9A-Za-z零〇一二两三四五六七八九十百千万])"
ZH_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
ZH_POWERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december")
MONTH_RX = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
            r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")


def en_number(word: str) -> float:
    w = word.lower().replace("-", " ").strip()
    if w in ("a hundred", "one hundred", "hundred"):
        return 100
    if w in EN_UNITS:
        return EN_UNITS[w]
    parts = w.split()
    total = EN_TENS.get(parts[0], 0)
    if len(parts) > 1:
        total += EN_UNITS.get(parts[1], 0)
    return total


def zh_number(text: str) -> float:
    """Chinese numerals to a number: 三 3, 十五 15, 二十一 21, 两百 200, 三点五 3.5, 一万二 12000."""
    if "点" in text:
        whole, frac = text.split("点", 1)
        digits = "".join(str(ZH_VALUES[c]) for c in frac if c in ZH_VALUES)
        return zh_number(whole or "零") + (float("0." + digits) if digits else 0.0)
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in ZH_VALUES:
            digit = ZH_VALUES[ch]
        elif ch == "万":
            section = (section + (digit or 0)) * 10000
            total += section
            section, digit = 0, None
        elif ch in ZH_POWERS:
            section += (1 if digit is None else digit) * ZH_POWERS[ch]
            digit = None
    return total + section + (digit or 0)


def number_value(token: str) -> tuple[float, float]:
    """(value, rounding unit) for digits, English words or Chinese numerals."""
    t = token.strip()
    if re.fullmatch(DIGITS, t):
        t = t.replace(",", "")
        decimals = len(t.split(".")[1]) if "." in t else 0
        return float(t), 10.0 ** -decimals
    if re.fullmatch(ZH_NUM, t):
        v = zh_number(t)
        decimals = len(t.split("点")[1]) if "点" in t else 0
        return float(v), 10.0 ** -decimals
    return float(en_number(t)), 1.0


def _tens_unit(value: float) -> float:
    """The unit that 多 counts in: 3 → 1, 20 → 10, 100 → 100 (二十多 is 21–29)."""
    v = int(value)
    if v <= 0 or value != v:
        return 1.0
    u = 1
    while v % 10 == 0:
        v //= 10
        u *= 10
    return float(u)


# ====================================================================== context words

_FILLER = r"(?:a|an|the|its|their|his|her|our|some|just|only)"
EN_QUAL = [
    (r"(?:just|slightly|a little|a bit) (?:over|above|more than)", "just_over"),
    (r"(?:just|slightly|a little|a bit) (?:under|below|less than|short of)", "nearly"),
    (r"(?:about|around|roughly|approximately|approx\.?|some|circa|ca\.|an estimated|~|≈|∼)",
     "approx"),
    (r"(?:nearly|almost|close to|nearing|approaching|not quite)", "nearly"),
    (r"(?:more than|over|above|upwards of|in excess of|north of|exceeding)", "above"),
    (r"(?:at least|no less than|no fewer than|a minimum of)", "at_least"),
    (r"(?:under|below|less than|fewer than|beneath|south of|short of)", "below"),
    (r"(?:at most|up to|no more than|a maximum of|not more than)", "at_most"),
    (r"(?:within|inside|in under|in less than)", "within"),
    (r"(?:just|only|a mere|merely)", "just"),
]
ZH_QUAL = [
    (r"(?:略高于|略超过|稍高于|略多于|刚过|刚刚超过|略超)", "just_over"),
    (r"(?:约为|约占|大约|大概|大致|约|差不多|估计)", "approx"),
    (r"(?:将近|接近|近乎|几乎|逼近|近)", "nearly"),
    (r"(?:超过了|超过|超出|突破|升破|逾|高于|多于|大于|过)", "above"),
    (r"(?:至少|不少于|不低于)", "at_least"),
    (r"(?:不到|不足|低于|少于|小于|未满|未及|跌破|跌穿|跌到了?\s*不足)", "below"),
    (r"(?:最多|至多|不超过|不高于|上限)", "at_most"),
    (r"(?:仅仅用了|仅用了|只用了|仅仅|仅用|只用|短短|仅|只有|只|才)", "just"),
]
_EN_QUAL_RX = _rx(
    r"(?:^|(?<=[\s(\[—–-]))(" + "|".join(p for p, _ in EN_QUAL) + r")\s*(?:of\s+)?$",
    re.IGNORECASE)
_ZH_QUAL_RX = _rx(r"(" + "|".join(p for p, _ in ZH_QUAL) + r")(?:了|达|为)?\s*$")
_EN_QUAL_MAP = [(_rx(rf"^{p}$", re.IGNORECASE), q) for p, q in EN_QUAL]
_ZH_QUAL_MAP = [(_rx(rf"^{p}$"), q) for p, q in ZH_QUAL]
_SUFFIX_QUAL = _rx(
    r"^\s*(左右|上下|前后|以上|以下|之内|以内|内|多|出头|余|or so|or more|or less|plus|\+)",
    re.IGNORECASE)
_SUFFIX_QUAL_MAP = {
    "左右": "approx", "上下": "approx", "前后": "approx", "or so": "approx", "以上": "at_least",
    "or more": "at_least", "plus": "at_least", "+": "at_least", "以下": "at_most",
    "or less": "at_most", "之内": "within", "以内": "within", "内": "within", "多": "plus",
    "出头": "plus", "余": "plus",
}

UP_EN = (r"rose|risen|rising|rises|grew|grown|growing|grows|increased|increases|increasing|"
         r"climbed|climbing|climbs|jumped|jumps|surged|surges|gained|gains|went up|was up|"
         r"up|expanded|soared|soars|doubled|tripled|rebounded|recovered|added|improved|"
         r"picked up|ramped up|ramped|ramp|rise|growth|increase|jump|gain")
DOWN_EN = (r"fell|fallen|falling|falls|dropped|drops|dropping|declined|declines|declining|"
           r"decreased|decreases|decreasing|slid|slides|slipped|slips|shrank|shrunk|shrinks|"
           r"sank|sinks|plunged|plunges|dipped|dips|lost|loses|losing|went down|was down|down|"
           r"eroded|slumped|tumbled|halved|cut|fall|drop|decline|decrease|loss|slide|dip")
UP_ZH = r"增加|增长|上升|提升|提高|上涨|攀升|增|升|涨|翻"
DOWN_ZH = r"下降|下跌|下滑|减少|降低|回落|缩水|萎缩|跌|降|减|下挫|滑落"
_SIGN_EN = _rx(rf"\b(?:({UP_EN})|({DOWN_EN}))\b", re.IGNORECASE)
_SIGN_ZH = _rx(rf"(?:({UP_ZH})|({DOWN_ZH}))")

# Verbs after which "N%" is a change, not a level ("fell 40%", "下降了40%").
_CHANGE_EN = _rx(
    rf"\b(?:{UP_EN}|{DOWN_EN})\s+(?:by\s+)?(?:(?:{'|'.join(p for p, _ in EN_QUAL)})\s+)?$",
    re.IGNORECASE)
_CHANGE_ZH = _rx(
    rf"(?:{UP_ZH}|{DOWN_ZH})(?:了)?(?:{'|'.join(p for p, _ in ZH_QUAL)})?\s*$")
_CHANGE_NOUN_AFTER = _rx(
    r"^\s*(?:(increase|rise|gain|jump|growth|surge|uptick)|(drop|decline|decrease|fall|"
    r"loss|cut|slide|dip|reduction|contraction)|(higher|more|larger|bigger)|"
    r"(lower|less|smaller|fewer))\b", re.IGNORECASE)
_LEVEL_BEFORE_EN = _rx(
    r"\b(?:to|into|at|of|reach(?:ed|ing|es)?|hit|hits|held|holds|holding|took|takes|taking|"
    r"made up|makes up|accounted for|accounts for|stood at|stands at|peaked at|settled at|"
    r"captured|claimed|won|share|was|is|are|were|with|for|from)\s+"
    rf"(?:{_FILLER}\s+)*(?:(?:{'|'.join(p for p, _ in EN_QUAL)})\s+)?$",
    re.IGNORECASE)

RELEASE_EN = _rx(
    r"\b(?:released|release|releasing|launched|launch|launches|launching|debuted|debut|"
    r"debuting|arrived|arrival|arriving|introduced|introducing|unveiled|unveiling|rolled out|"
    r"rolling out|went live|going live|shipped|shipping|announced|available|introduction)\b"
    r"(?:\s+\w+){0,3}\s+(?:in|on|during|at|around|since|by|from)?\s*(?:(?:the|an?)\s+)?$",
    re.IGNORECASE)
RELEASE_ZH = _rx(r"^(?:的)?(?:正式)?(?:发布|推出|上线|问世|亮相|登场|开放|发行|面世)")
RELEASE_ZH_BEFORE = _rx(r"(?:发布|推出|上线|问世|亮相)(?:于|在)\s*$")
PEAK_EN = _rx(
    r"\b(?:peak|peaked|peaking|peaks|high|highs|topped|maximum|max|crest|crested|"
    r"high point|high-water mark|zenith)\s+(?:(?:in|on|of|during|at|around|back)\s+)+"
    r"(?:(?:the|an?)\s+)?$",
    re.IGNORECASE)
PEAK_ZH = _rx(r"^(?:的)?(?:高峰|峰值|巅峰|顶峰|最高点|最高|见顶|达到峰值|登顶)")

_CLAUSE_BREAK = _rx(r"[,;:，；：。！？!?\n()（）]")


def _strip_markup(s: str) -> str:
    return s.replace("*", "").replace("_", "").replace(MASK, " ")


def _before(text: str, pos: int, n: int = 40, clause: bool = True) -> str:
    lo = max(0, pos - n)
    chunk = text[lo:pos]
    if clause:
        cut = [m.end() for m in _CLAUSE_BREAK.finditer(chunk)]
        if cut:
            chunk = chunk[cut[-1]:]
    return _strip_markup(chunk)


def _after(text: str, pos: int, n: int = 24) -> str:
    return _strip_markup(text[pos:pos + n])


def _qualifier_before(text: str, pos: int) -> str | None:
    b = _before(text, pos, 32).rstrip()
    b_ws = _before(text, pos, 32)
    m = _ZH_QUAL_RX.search(b)
    if m:
        for rx, q in _ZH_QUAL_MAP:
            if rx.match(m.group(1)):
                return q
    m = _EN_QUAL_RX.search(b_ws.rstrip() + " ")
    if not m:
        m = _EN_QUAL_RX.search(b_ws)
    if m:
        word = re.sub(r"\s+", " ", m.group(1).strip())
        for rx, q in _EN_QUAL_MAP:
            if rx.match(word):
                return q
    return None


def _qualifier_after(text: str, pos: int) -> tuple[str | None, int]:
    m = _SUFFIX_QUAL.match(_strip_markup(text[pos:pos + 12]))
    if not m:
        return None, 0
    word = m.group(1)
    return _SUFFIX_QUAL_MAP.get(word.lower(), _SUFFIX_QUAL_MAP.get(word)), len(m.group(0))


def _combine(prefix: str | None, suffix: str | None, default: str = "exact") -> str:
    # "约20%左右": both say approx. "超过20%以上": above. A suffix refines a bare number.
    if prefix and suffix:
        if suffix == "within":
            return "within"
        return prefix
    return prefix or suffix or default


def _sign_near(text: str, start: int, end: int, lang: str) -> int:
    """+1 / -1 from a rise or fall verb just before the number (or right after it)."""
    b = _before(text, start, 30)
    found = 0
    for m in _SIGN_EN.finditer(b):
        found = 1 if m.group(1) else -1
    for m in _SIGN_ZH.finditer(b):
        found = 1 if m.group(1) else -1
    return found


# ====================================================================== the grammar


class _Claims:
    """Characters already claimed by an earlier, more specific pattern."""

    def __init__(self, n: int):
        self.taken = bytearray(n)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)


@dataclass
class _Hit:
    kind: str
    value: float | tuple[float, float] | None
    qualifier: str
    start: int
    end: int
    unit: float = 1.0
    when: When | None = None
    sign: int = 0
    role: str | None = None
    basis: str | None = None


def _month_of(token: str) -> int:
    t = token.lower().rstrip(".")
    for i, name in enumerate(EN_MONTHS):
        if name.startswith(t[:3]):
            return i + 1
    raise ValueError(token)


def _zh_month(token: str) -> int:
    return int(token) if token.isdigit() else int(zh_number(token))


_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "start": (1, 10),
              "beginning": (1, 10), "middle": (11, 20), "end": (21, 31),
              "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "初": (1, 10), "中": (11, 20),
              "底": (21, 31), "末": (21, 31)}
_YEAR_PART = {"early": ((1, 1), (4, 30)), "mid": ((5, 1), (8, 31)), "late": ((9, 1), (12, 31)),
              "start": ((1, 1), (2, 28 + 3)), "beginning": ((1, 1), (2, 31)),
              "middle": ((5, 1), (8, 31)), "end": ((11, 1), (12, 31)),
              "年初": ((1, 1), (2, 31)), "年中": ((6, 1), (7, 31)), "年底": ((11, 1), (12, 31)),
              "年末": ((11, 1), (12, 31))}
_SEASONS = {"spring": ((3, 1), (5, 31)), "summer": ((6, 1), (8, 31)),
            "autumn": ((9, 1), (11, 30)), "fall": ((9, 1), (11, 30)),
            "winter": ((12, 1), (2, 31)),
            "春季": ((3, 1), (5, 31)), "春天": ((3, 1), (5, 31)), "夏季": ((6, 1), (8, 31)),
            "夏天": ((6, 1), (8, 31)), "秋季": ((9, 1), (11, 30)), "秋天": ((9, 1), (11, 30)),
            "冬季": ((12, 1), (2, 31)), "冬天": ((12, 1), (2, 31))}
_ORD_WEEK = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4, "一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _week_of_month(n: int | str, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    k = int(n)
    return (month, 7 * (k - 1) + 1), (month, 7 * k)


def _yr(s: str | None) -> int | None:
    return int(s) if s else None


_EN_YEAR_TAIL = r"(?:,?\s+(\d{4}))?"
_DATE_PATTERNS_EN: list[tuple[re.Pattern, str]] = [
    (_rx(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])"), "iso"),
    (_rx(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})\s*(?:\.\.|–|—|to)\s*(\d{4})-(\d{2})-(\d{2})"
                r"(?![\d-])"), "iso_range"),
    (_rx(rf"\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+week\s+"
                rf"of\s+({MONTH_RX}){_EN_YEAR_TAIL}\b", re.IGNORECASE), "week_of_month"),
    (_rx(rf"\b(early|mid|late)[-\s]+({MONTH_RX}){_EN_YEAR_TAIL}\b", re.IGNORECASE), "part_month"),
    (_rx(rf"\b(?:the\s+)?(beginning|start|middle|end)\s+of\s+({MONTH_RX}){_EN_YEAR_TAIL}\b",
                re.IGNORECASE), "part_month"),
    (_rx(rf"\b({MONTH_RX})\s+(\d{{1,2}})(?:st|nd|rd|th)?{_EN_YEAR_TAIL}(?![\d%])", re.IGNORECASE),
     "month_day"),
    (_rx(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RX}){_EN_YEAR_TAIL}\b", re.IGNORECASE),
     "day_month"),
    (_rx(r"\b(?:the\s+)?(first|second|1st|2nd)\s+half\s+of\s+(?:(\d{4})|the\s+year)\b",
                re.IGNORECASE), "half"),
    (_rx(r"\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
                r"(?:\s+of\s+(?:(\d{4})|the\s+year))?\b", re.IGNORECASE), "quarter_words"),
    (_rx(r"\b(?:the\s+)?first\s+(two|three|four|five|six|seven|eight|nine|ten|eleven|"
                r"\d{1,2})\s+months(?:\s+of\s+(?:(\d{4})|the\s+year))?\b", re.IGNORECASE), "first_months"),
    (_rx(r"\b(early|mid|late)[-\s]+(\d{4})\b", re.IGNORECASE), "part_year"),
    (_rx(r"\b(?:the\s+)?(beginning|start|middle|end)\s+of\s+(\d{4})\b", re.IGNORECASE),
     "part_year"),
    (_rx(r"\b(?:(\d{4})\s*)?([HhQq])([1-4])(?:\s+(\d{4}))?\b"), "hq"),
    (_rx(r"\b([1-4])([HhQq])\s*'?(\d{2}|\d{4})\b"), "hq_short"),
    (_rx(r"\b(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))\b", re.IGNORECASE), "season"),
    (_rx(rf"(?=[JFMASOND])\b({MONTH_RX}){_EN_YEAR_TAIL}\b"), "month"),
    (_rx(r"(?<![\d.,$])((?:19|20)\d{2})(?![\d%.,]|\s*(?:%|percent|weeks?|months?|days?|"
                r"points?|models?|bots?|messages?))"), "year"),
]
_ZH_MONTH = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_ZH_DATE_START = r"(?=[\d一二三四五六七八九十上下前第QqH春夏秋冬年])"
_DATE_PATTERNS_ZH: list[tuple[re.Pattern, str]] = [
    (_rx(rf"{_ZH_DATE_START}(?:(\d{{4}})年)?{_ZH_MONTH}月(?:份)?(最后一周|最后一个星期|第([一二三四1-4])周|"
                r"上旬|中旬|下旬|初|中|底|末|(\d{1,2})[日号])"), "zh_month_part"),
    (_rx(_ZH_DATE_START + r"(?:(\d{4})年)?(上半年|下半年)"), "zh_half"),
    (_rx(_ZH_DATE_START + r"(?:(\d{4})年)?(?:第([一二三四1-4])季度|([一二三四1-4])季度|[Qq]([1-4]))"),
     "zh_quarter"),
    (_rx(_ZH_DATE_START + r"(?:(\d{4})年)?前([两二三四五六七八九十\d]{1,2})个月"),
     "zh_first_months"),
    (_rx(_ZH_DATE_START + r"(?:(\d{4})年)?(春季|春天|夏季|夏天|秋季|秋天|冬季|冬天)"),
     "zh_season"),
    (_rx(r"(\d{4})年(初|中|底|末)"), "zh_year_part"),
    (_rx(r"(?<![\d年])(年初|年中|年底|年末)"), "zh_year_part_bare"),
    (_rx(rf"{_ZH_DATE_START}(?:(\d{{4}})年)?{_ZH_MONTH}月(?!份?(?:[上中下]旬|初|中(?![国文])|底|末|最后|第)|[\d一二三四五六七八九十]+[日号])"), "zh_month"),
    (_rx(r"(?<!\d)(\d{4})年(?!\d)"), "zh_year"),
]


def _date_hit(kind: str, m: re.Match) -> When | None:
    g = m.groups()
    if kind == "iso":
        y, mo, d = int(g[0]), int(g[1]), int(g[2])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return When(y, (mo, d), (mo, d))
    if kind == "iso_range":
        y1, m1, d1, y2, m2, d2 = map(int, g)
        return When(y1, (m1, d1), (m2, d2), y2 - y1)
    if kind == "week_of_month":
        month = _month_of(g[1])
        if g[0].lower() in ("last", "final"):  # the month's last seven days (24–30 April)
            return When(_yr(g[2]), (month, -7), (month, 31))
        (s, e) = _week_of_month(_ORD_WEEK[g[0].lower()], month)
        return When(_yr(g[2]), s, e)
    if kind == "part_month":
        month = _month_of(g[1])
        lo, hi = _PART_DAYS[g[0].lower()]
        return When(_yr(g[2]), (month, lo), (month, hi))
    if kind == "month_day":
        month, day = _month_of(g[0]), int(g[1])
        if not 1 <= day <= 31:
            return None
        return When(_yr(g[2]), (month, day), (month, day))
    if kind == "day_month":
        day, month = int(g[0]), _month_of(g[1])
        if not 1 <= day <= 31:
            return None
        return When(_yr(g[2]), (month, day), (month, day))
    if kind == "half":
        first = g[0].lower() in ("first", "1st")
        return When(_yr(g[1]), (1, 1) if first else (7, 1), (6, 30) if first else (12, 31))
    if kind == "quarter_words":
        q = _ORD_WEEK[g[0].lower()]
        return When(_yr(g[1]), (3 * q - 2, 1), (3 * q, 31))
    if kind == "first_months":
        n = int(g[0]) if g[0].isdigit() else int(en_number(g[0]))
        if not 1 <= n <= 12:
            return None
        return When(_yr(g[1]), (1, 1), (n, 31))
    if kind == "part_year":
        (s, e) = _YEAR_PART[g[0].lower()]
        return When(int(g[1]), s, e)
    if kind in ("hq", "hq_short"):
        if kind == "hq":
            year = g[0] or g[3]
            letter, n = g[1].upper(), int(g[2])
        else:
            n, letter, year = int(g[0]), g[1].upper(), g[2]
            if year and len(year) == 2:
                year = "20" + year
        if letter == "H":
            if n > 2:
                return None
            return When(_yr(year), (1, 1) if n == 1 else (7, 1), (6, 30) if n == 1 else (12, 31))
        return When(_yr(year), (3 * n - 2, 1), (3 * n, 31))
    if kind == "season":
        (s, e) = _SEASONS[g[0].lower()]
        return When(_yr(g[1]), s, e, 1 if s[0] > e[0] else 0)
    if kind == "month":
        month = _month_of(g[0])
        return When(_yr(g[1]), (month, 1), (month, 31))
    if kind == "year":
        return When(int(g[0]), (1, 1), (12, 31))
    if kind == "zh_month_part":
        year, month, part, nth, day = g
        month_n = _zh_month(month)
        if not 1 <= month_n <= 12:
            return None
        if part.startswith("最后"):
            return When(_yr(year), (month_n, -7), (month_n, 31))
        if nth:
            s, e = _week_of_month(_ORD_WEEK[nth], month_n)
            return When(_yr(year), s, e)
        if day:
            d = int(day)
            return When(_yr(year), (month_n, d), (month_n, d))
        lo, hi = _PART_DAYS[part]
        return When(_yr(year), (month_n, lo), (month_n, hi))
    if kind == "zh_half":
        first = g[1] == "上半年"
        return When(_yr(g[0]), (1, 1) if first else (7, 1), (6, 30) if first else (12, 31))
    if kind == "zh_quarter":
        q = g[1] or g[2] or g[3]
        n = int(q) if q.isdigit() else int(zh_number(q))
        return When(_yr(g[0]), (3 * n - 2, 1), (3 * n, 31))
    if kind == "zh_first_months":
        n = int(g[1]) if g[1].isdigit() else int(zh_number(g[1]))
        if not 1 <= n <= 12:
            return None
        return When(_yr(g[0]), (1, 1), (n, 31))
    if kind == "zh_season":
        (s, e) = _SEASONS[g[1]]
        return When(_yr(g[0]), s, e, 1 if s[0] > e[0] else 0)
    if kind == "zh_year_part":
        (s, e) = _YEAR_PART["年" + g[1]]
        return When(int(g[0]), s, e)
    if kind == "zh_year_part_bare":
        (s, e) = _YEAR_PART[g[0]]
        return When(None, s, e)
    if kind == "zh_month":
        month_n = _zh_month(g[1])
        if not 1 <= month_n <= 12:
            return None
        return When(_yr(g[0]), (month_n, 1), (month_n, 31))
    if kind == "zh_year":
        return When(int(g[0]), (1, 1), (12, 31))
    return None


_MAY_CONTEXT = _rx(
    r"(?:\b(?:in|of|during|by|since|until|through|from|to|and|or|between|before|after|late|"
    r"early|mid|end|start|beginning|middle)[-\s]+$)", re.IGNORECASE)


def _dates(text: str, claims: _Claims, hits: list[_Hit]) -> None:
    for patterns in (_DATE_PATTERNS_ZH, _DATE_PATTERNS_EN):
        for rx, kind in patterns:
            for m in rx.finditer(text):
                if not claims.free(m.start(), m.end()):
                    continue
                if kind == "month":
                    word = m.group(1)
                    if word[0].islower():
                        continue  # "may", "march": verbs, not months
                    if word.lower().startswith("may") and not (
                            m.group(2) or _MAY_CONTEXT.search(text[max(0, m.start() - 12):m.start()])):
                        continue
                    if len(word.rstrip(".")) == 3 and word.lower() in ("mar", "jun", "jul"):
                        continue
                if kind == "year":
                    # a bare four-digit number is a year only in a year-like place
                    before = text[max(0, m.start() - 12):m.start()]
                    after = text[m.end():m.end() + 3]
                    if not (re.search(r"(?a)(?:\b(?:in|of|since|by|during|for|from|to|until|through|"
                                      r"early|mid|late|and|year)[-\s]+$|^)", before, re.IGNORECASE)
                            or after.startswith("年") or re.match(r"(?a)^\s*[,.;)]", after)
                            or re.search(r"(?a)[\u4e00-\u9fff]\s*$", before)):
                        continue
                when = _date_hit(kind, m)
                if when is None:
                    continue
                start, end = m.start(), m.end()
                qual = _qualifier_before(text, start)
                qual = "approx" if qual in ("approx", "nearly") else "exact"
                sq, n = _qualifier_after(text, end)
                if sq == "approx":
                    qual, end = "approx", end + n
                role = None
                b = _before(text, start, 48)
                a = text[end:end + 8]
                if RELEASE_EN.search(b) or RELEASE_ZH.match(_strip_markup(a)) or \
                        re.match(r"(?ai)\s*(?:release|launch|debut|roll-?out|arrival)\b", a) or \
                        RELEASE_ZH_BEFORE.search(b):
                    role = "release"
                elif PEAK_EN.search(b) or PEAK_ZH.match(_strip_markup(a)):
                    role = "peak"
                claims.take(m.start(), m.end())
                hits.append(_Hit("date", None, qual, start, end, when=when, role=role))


# ---------------------------------------------------------------- ratios and changes

_RATIO_WORDS_EN = [
    ((r"more than halved|more than halving|fell by more than half|dropped by more than half|"
     r"lost more than half"), 0.5, "below"),
    (r"nearly halved|almost halved", 0.5, "nearly"),
    ((r"halved|halving|halves|cut in half|fell by half|dropped by half|lost half|"
     r"fell by 50 ?%|declined by half"), 0.5, "exact"),
    (r"more than doubled|more than doubling", 2.0, "above"),
    (r"nearly doubled|almost doubled", 2.0, "nearly"),
    (r"doubled|doubling|doubles|grew twofold|two-fold|twofold", 2.0, "exact"),
    (r"more than tripled", 3.0, "above"),
    (r"nearly tripled|almost tripled", 3.0, "nearly"),
    (r"tripled|tripling|triples|threefold|three-fold", 3.0, "exact"),
    (r"more than quadrupled", 4.0, "above"),
    (r"quadrupled|quadrupling|fourfold|four-fold", 4.0, "exact"),
    (r"fell to zero|dropped to zero|went to zero|vanished", 0.0, "exact"),
    ((r"was unchanged|stayed unchanged|remained unchanged|held steady|was flat|stayed flat|"
     r"remained flat"), 1.0, "exact"),
]
_RATIO_WORDS_ZH = [
    ((r"下降了一半以上|下降一半以上|下降超过一半|下降了超过一半|减少了一半以上|减少一半以上|"
     r"跌去一半以上|降幅超过一半|腰斩以上|少了一半以上|缩水一半以上|下降了一半多|减少了一半多"), 0.5, "below"),
    (r"(?:近乎|几乎|接近|将近)(?:下降了?|减少了?)?(?:一半|腰斩|减半)", 0.5, "nearly"),
    ((r"下降了一半|下降一半|减少了一半|减少一半|减半|腰斩|少了一半|缩水一半|降了一半|跌了一半|"
     r"跌去一半|砍半|下跌一半|下滑了一半|下滑一半"), 0.5, "exact"),
    (r"翻了两番|翻两番", 4.0, "exact"),
    (r"增长了一倍多|增加了一倍多|翻了一番多|翻了一倍多|翻倍有余|增长一倍多", 2.0, "above"),
    (r"(?:近乎|几乎|接近|将近)(?:翻了一番|翻番|翻倍)", 2.0, "nearly"),
    (r"翻了一番|翻一番|翻番|翻了一倍|翻倍|增长了一倍|增加了一倍|增长一倍|增加一倍", 2.0, "exact"),
    (r"降至零|降为零|归零|跌至零", 0.0, "exact"),
    (r"(?:基本)?持平|保持不变|没有变化|毫无变化", 1.0, "exact"),
]
def _first_letters(patterns) -> str:
    """A lookahead of the letters the alternatives start with: most positions fail at once."""
    firsts = {alt[0] for p, _, _ in patterns for alt in p.split("|")}
    return "(?=[" + "".join(sorted(re.escape(c) for c in firsts | {c.upper() for c in firsts})) + "])"


_RATIO_EN_RX = _rx(
    _first_letters(_RATIO_WORDS_EN) + r"\b(?:" +
    "|".join(f"({p})" for p, _, _ in _RATIO_WORDS_EN) + r")\b", re.IGNORECASE)
_RATIO_ZH_RX = _rx("(?=[下近几接将减腰少缩降跌砍翻增基保没毫持归(])(?:" +
                   "|".join(f"({p})" for p, _, _ in _RATIO_WORDS_ZH) + ")")

# "增长了两倍" = ×3 (the Chinese convention format.py follows); "增长到约4倍", "是…的3倍" = ×N.
_ZH_TIMES = _rx(
    rf"(?=[^\s,.;:，。；：、（）()]{{0,8}}倍)({UP_ZH}|{DOWN_ZH})?(了|到|至|为)?(约|大约|近|将近|超过|逾|不到)?"
    rf"({DIGITS}|{ZH_NUM})\s*倍(多|以上|左右)?")
_EN_TIMES = _rx(
    rf"(?<![A-Za-z0-9.])({DIGITS}|{EN_NUMBER})\s*(?:-\s*fold|fold|x|×|times)(?![A-Za-z0-9])", re.IGNORECASE)


def _ratios(text: str, claims: _Claims, hits: list[_Hit]) -> None:
    for rx, table in ((_RATIO_EN_RX, _RATIO_WORDS_EN), (_RATIO_ZH_RX, _RATIO_WORDS_ZH)):
        for m in rx.finditer(text):
            if not claims.free(m.start(), m.end()):
                continue
            idx = next(i for i, g in enumerate(m.groups()) if g is not None)
            _, value, qual = table[idx]
            claims.take(m.start(), m.end())
            hits.append(_Hit("ratio", value, qual, m.start(), m.end(), basis="word",
                             sign=1 if value > 1 else (-1 if value < 1 else 0)))
    for m in _ZH_TIMES.finditer(text):
        if not claims.free(m.start(4), m.end()):
            continue
        verb, link, qual_word, num, suffix = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
        value, unit = number_value(num)
        qual = _qualifier_before(text, m.start(3) if qual_word else m.start(4)) or "exact"
        if qual_word:
            qual = _match_zh_qual(qual_word)
        if suffix:
            qual = {"多": "above", "以上": "at_least", "左右": "approx"}[suffix]
        if verb and re.fullmatch(UP_ZH, verb) and link == "了":
            value += 1  # 增长了两倍 = three times the start
        elif verb and re.fullmatch(DOWN_ZH, verb):
            continue  # "下降了3倍" is not a well-formed ratio; leave it to the number pass
        start = m.start(3) if qual_word else m.start(4)
        claims.take(start, m.end())
        hits.append(_Hit("ratio", value, qual, start, m.end(), unit=unit, basis="multiple",
                         sign=1 if value > 1 else -1))
    for m in _EN_TIMES.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        after = text[m.end():m.end() + 20]
        word = m.group(0).lower()
        if "times" in word and not re.match(
                r"\s+(?:as|more|larger|bigger|higher|greater|the|over|what|its)\b", after, re.IGNORECASE):
            continue  # "three times" alone is a count of events
        value, unit = number_value(m.group(1))
        qual = _qualifier_before(text, m.start()) or "exact"
        claims.take(m.start(), m.end())
        hits.append(_Hit("ratio", value, qual, m.start(), m.end(), unit=unit, basis="multiple",
                         sign=1 if value > 1 else -1))


def _match_zh_qual(word: str) -> str:
    for rx, q in _ZH_QUAL_MAP:
        if rx.match(word):
            return q
    return "exact"


# ---------------------------------------------------------------- durations

_WEEK_WORDS = r"(?:weeks?|wks?\.?)"
_EN_DURATION = _rx(
    rf"(?<![A-Za-z0-9.])(?:(a|one|a\s+couple\s+of|a\s+few|several|{DIGITS}|{EN_NUMBER})"
    rf"(?:\s*\+)?[\s-]+(?:more\s+)?({_WEEK_WORDS}|months?|days?))(?![A-Za-z0-9])", re.IGNORECASE)
_EN_ORDINAL_WEEK = _rx(
    r"\b(?:its|their|the)\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d{1,2}(?:st|nd|rd|th))\s+week\b", re.IGNORECASE)
_ZH_DURATION = _rx(
    rf"({DIGITS}|{ZH_NUM}|几|数|十几|几十)(多)?\s*(?:个)?\s*(周|星期|礼拜|个月|天)(?:多)?")
_ZH_ORDINAL_WEEK = _rx(r"第\s*([一二三四五六七八九十\d]{1,3})\s*(?:个)?\s*(?:周|星期)")
_VAGUE = {"a few": (2.0, 6.0), "several": (3.0, 9.0), "a couple of": (2.0, 3.0), "几": (2.0, 9.0),
          "数": (2.0, 9.0), "十几": (11.0, 19.0), "几十": (20.0, 99.0)}
_TO_WEEKS = {"month": 4.345, "day": 1 / 7}


def _durations(text: str, claims: _Claims, hits: list[_Hit]) -> None:
    for m in _ZH_ORDINAL_WEEK.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        v = m.group(1)
        n = int(v) if v.isdigit() else int(zh_number(v))
        claims.take(m.start(), m.end())
        hits.append(_Hit("duration", float(n), "exact", m.start(), m.end(), role="ordinal"))
    for m in _EN_ORDINAL_WEEK.finditer(text):
        if not claims.free(m.start(1), m.end()):
            continue
        w = m.group(1).lower()
        n = EN_ORDINALS.get(w) or int(re.match(r"(?a)\d+", w).group(0))
        claims.take(m.start(1), m.end())
        hits.append(_Hit("duration", float(n), "exact", m.start(1), m.end(), role="ordinal"))
    for rx, lang in ((_EN_DURATION, "en"), (_ZH_DURATION, "zh")):
        for m in rx.finditer(text):
            if not claims.free(m.start(), m.end()):
                continue
            num = re.sub(r"\s+", " ", m.group(1).strip().lower())
            if lang == "zh" and num == "一" and text[max(0, m.start() - 1):m.start()] in \
                    tuple("那这同每当该上下前首") + ("第",):
                continue  # 那一周, 同一周, 每一周: a week named, not a duration
            if lang == "en":
                unit_word = m.group(2).lower()
                plus = "+" in m.group(0)
            else:
                unit_word = m.group(3)
                plus = bool(m.group(2)) or m.group(0).endswith("多")
            per = 1.0
            if unit_word.startswith("month") or unit_word == "个月":
                per = _TO_WEEKS["month"]
            elif unit_word.startswith("day") or unit_word == "天":
                per = _TO_WEEKS["day"]
            if num in _VAGUE:
                lo, hi = _VAGUE[num]
                value: float | tuple[float, float] = (lo * per, hi * per)
                unit = 1.0
                qual = "exact"
            else:
                if num in ("a", "one") or num == "一" and lang == "zh":
                    n, unit = 1.0, 1.0
                else:
                    n, unit = number_value(num)
                value = n * per
                unit = unit * per if per != 1.0 else unit
                qual = "exact"
            start, end = m.start(), m.end()
            pq = _qualifier_before(text, start)
            sq, k = _qualifier_after(text, end)
            if plus:
                sq = "plus" if lang == "zh" else "at_least"
            qual = _combine(pq, sq)
            if re.search(r"(?ai)\b(?:within|in\s+under|in\s+less\s+than|inside)\b[^,;.]{0,16}$",
                         _before(text, start, 32)):
                qual = "within"
            if sq == "within" or (lang == "zh" and text[end:end + 2] in ("之内", "以内")):
                qual = "within"
                end += k
            elif sq in ("approx",) and k:
                end += k
            if per != 1.0 and qual == "exact":
                qual = "approx"  # months and days are converted: "three months" is ~13 weeks
            if qual == "plus" and not isinstance(value, tuple):
                unit = _tens_unit(value) * (per if per != 1.0 else 1.0)
            claims.take(start, end)
            hits.append(_Hit("duration", value, qual, start, end, unit=unit))


# ---------------------------------------------------------------- ranks

_EN_RANK = [
    _rx(r"(?<![A-Za-z0-9])(?:No\.|no\.|number|#)\s?(\d{1,2}|one|two|three|four|five)\b"),
    _rx(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
               r"\d{1,2}(?:st|nd|rd|th))[-\s](?:largest|biggest|most[-\s][a-z]+|highest|"
               r"place|spot|position|ranked|-ranked|favou?rite|leading|largest)\b",
               re.IGNORECASE),
    _rx(r"\b(?:in|took|takes|held|holds|claimed|to|into)\s+(first|second|third|fourth|fifth|"
               r"\d{1,2}(?:st|nd|rd|th))\s+place\b", re.IGNORECASE),
    _rx(r"\b(?:ranked|ranks|rank|ranking|placed|places|finished|came)\s+"
               r"(?:No\.\s?|number\s|#)?(\d{1,2}|first|second|third|fourth|fifth|sixth|"
               r"seventh|eighth|ninth|tenth)(?:st|nd|rd|th)?\b", re.IGNORECASE),
]
_EN_TOP = _rx(r"\btop[-\s](\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b",
                     re.IGNORECASE)
_EN_RUNNER = _rx(r"\brunner[-\s]up\b", re.IGNORECASE)
_ZH_RANK = _rx(
    r"(?:排名|排|位居|位列|名列|居|位于)?第\s*([一二三四五六七八九十\d]{1,3})"
    r"(?!\s*(?:次|周|个|季度|部分|章|节|条|天|年|月|批|代|款|轮|阶段|步|点|期|页|类))(名|位|大)?")
_ZH_TOP = _rx(r"(?:排名|位居|位列|跻身)?前\s*([二两三四五六七八九十\d]{1,2})\s*(名|位|大|强)?"
                     r"(?!\s*(?:个月|周|天|年|季度))")


def _ranks(text: str, claims: _Claims, hits: list[_Hit]) -> None:
    for rx in _EN_RANK:
        for m in rx.finditer(text):
            if not claims.free(m.start(), m.end()):
                continue
            w = m.group(1).lower()
            if w in EN_ORDINALS:
                n = EN_ORDINALS[w]
            elif w in EN_UNITS:
                n = EN_UNITS[w]
            else:
                n = int(re.match(r"(?a)\d+", w).group(0))
            claims.take(m.start(), m.end())
            hits.append(_Hit("rank", float(n), "exact", m.start(), m.end()))
    for m in _EN_TOP.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        w = m.group(1).lower()
        n = int(w) if w.isdigit() else EN_UNITS[w]
        claims.take(m.start(), m.end())
        hits.append(_Hit("rank", float(n), "at_most", m.start(), m.end()))
    for m in _EN_RUNNER.finditer(text):
        if claims.free(m.start(), m.end()):
            claims.take(m.start(), m.end())
            hits.append(_Hit("rank", 2.0, "exact", m.start(), m.end()))
    for m in _ZH_RANK.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        v = m.group(1)
        n = int(v) if v.isdigit() else int(zh_number(v))
        claims.take(m.start(), m.end())
        hits.append(_Hit("rank", float(n), "exact", m.start(), m.end()))
    for m in _ZH_TOP.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        # "位居推理消息前三。": a ranking verb a few characters back, the clause ending at 前N
        ranked = re.search(r"(?:排名|位居|位列|跻身|排在|挤进|稳居|仍居)[^，。；,;]{0,10}$",
                           text[max(0, m.start() - 14):m.start()]) and \
            re.match(r"(?a)\s*(?:[，。；,;！!]|$)", text[m.end():m.end() + 2])
        if not (m.group(2) or text[max(0, m.start() - 2):m.start()] in ("排名", "位居", "位列", "跻身")
                or re.match(r"(?a)\s*(?:之列|之内|名单|榜)", text[m.end():m.end() + 4]) or ranked):
            continue
        v = m.group(1)
        n = int(v) if v.isdigit() else int(zh_number(v))
        claims.take(m.start(), m.end())
        hits.append(_Hit("rank", float(n), "at_most", m.start(), m.end()))


# ---------------------------------------------------------------- percentages and points

_NUM = rf"(?:{DIGITS}|{ZH_NUM})"
_PCT_SUFFIX = r"\s?(?:%|percent\b|per\s+cent\b|pct\b)"
_PP_SUFFIX = (r"\s?(?:percentage[-\s]points?|percent(?:age)?\s+pts?\.?|pp\b|p\.p\.|pts?\b\.?|"
              r"points?\b|个百分点|百分点|个点)")
_RANGE_SEP = r"\s*(?:–|—|-|~|～|to|至|到|and)\s*"
_PCT_RANGE = _rx(
    rf"(?<![A-Za-z0-9.])({DIGITS})\s?(%|percent)?{_RANGE_SEP}({DIGITS})({_PCT_SUFFIX}|{_PP_SUFFIX})",
    re.IGNORECASE)
_ZH_BAI = _rx(rf"百分之\s*({ZH_NUM}|{DIGITS})")
_PCT = _rx(rf"{_NUM_START}(?<![A-Za-z0-9.])({DIGITS}|{EN_NUMBER})({_PCT_SUFFIX})",
          re.IGNORECASE)
_PP = _rx(rf"{_NUM_START}(?<![A-Za-z0-9.])({DIGITS}|{EN_NUMBER}|{ZH_NUM})({_PP_SUFFIX})",
          re.IGNORECASE)
_FROM_EN = _rx(
    r"\bfrom\s+(?:(?:a|an|the|its|their|about|around|roughly|approximately|nearly|almost|over|"
    r"under|just|some|~|peak|high|low|share|level|of|record|a\s+peak\s+of)\s+)*~?$",
    re.IGNORECASE)
_FROM_ZH = _rx(r"(?:从|由)[^从由到至]{0,16}?(?:的)?(?:高峰|峰值|低点)?(?:约|大约|近|将近|超过|不到)?\s*$")
_TO_EN = _rx(
    r"\b(?:to|into|down\s+to|reaching)\s+(?:(?:a|an|the|about|around|roughly|"
    r"approximately|nearly|almost|over|under|just|only|some|~)\s+)*~?$", re.IGNORECASE)
_TO_ZH = _rx(r"(?:(?<!不)到|至|为|达到|达)(?:了)?(?:约|大约|近|将近|超过|不到|仅)?\s*$")
_ABSOLUTE = _rx(r"absolute|绝对")


def _percent_like(text: str, claims: _Claims, hits: list[_Hit], lang: str) -> None:
    # ranges first: "20–25%", "20% to 25%", "10至15个百分点"
    for m in _PCT_RANGE.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        b = _before(text, m.start(), 40)
        sep = re.search(_RANGE_SEP, text[m.end(2) if m.group(2) else m.end(1):m.start(3)])
        sep_word = sep.group(0).strip().lower() if sep else ""
        if _FROM_EN.search(b) or re.search(r"(?a)(?:从|由)\s*$", b) or sep_word == "and" and not \
                re.search(r"(?a)\bbetween\s+$", b, re.IGNORECASE):
            continue  # "from 40 to 20%": two claims, handled below
        lo, ulo = number_value(m.group(1))
        hi, uhi = number_value(m.group(3))
        if hi < lo:
            continue
        kind = "pp" if re.search(_PP_SUFFIX, m.group(4), re.IGNORECASE) and "%" not in m.group(4) else "pct"
        claims.take(m.start(), m.end())
        hits.append(_Hit(kind, (lo, hi), _qualifier_before(text, m.start()) or "exact",
                         m.start(), m.end(), unit=min(ulo, uhi)))
    # "from 40 to 20%": the first number borrows the second's unit
    for m in re.finditer(rf"(?a)(?<![A-Za-z0-9.])({DIGITS})(\s+(?:to|至|到)\s+|\s*(?:至|到|→|->)\s*)({DIGITS})"
                         rf"({_PCT_SUFFIX})", text, re.IGNORECASE):
        if not claims.free(m.start(1), m.end(1)):
            continue
        b = _before(text, m.start(), 40)
        if not (_FROM_EN.search(b) or re.search(r"(?a)(?:从|由)\s*$", b) or "→" in m.group(2)
                or "->" in m.group(2)):
            continue
        value, unit = number_value(m.group(1))
        claims.take(m.start(1), m.end(1))
        hits.append(_Hit("pct", value, _qualifier_before(text, m.start(1)) or "exact",
                         m.start(1), m.end(1), unit=unit, role="from"))
    for m in _ZH_BAI.finditer(text):
        if claims.free(m.start(), m.end()):
            value, unit = number_value(m.group(1))
            _pct_hit(text, claims, hits, m.start(), m.end(), value, unit, lang)
    for rx, kind in ((_PP, "pp"), (_PCT, "pct")):
        for m in rx.finditer(text):
            if not claims.free(m.start(), m.end()):
                continue
            token = m.group(1)
            if kind == "pp" and re.fullmatch(ZH_NUM, token) and not m.group(2).strip().startswith(
                    ("个百分点", "百分点")):
                continue
            if token.lower() == "one" and kind == "pp" and "point" in m.group(2).lower():
                pass
            value, unit = number_value(token)
            if kind == "pp":
                _pp_hit(text, claims, hits, m.start(), m.end(), value, unit)
            else:
                _pct_hit(text, claims, hits, m.start(), m.end(), value, unit, lang)


_FROM_ZH_SPAN = _rx(r"(?:从|由)[^，。；：,;:%从由到至]{0,16}$")
_TO_ZH_SPAN = _rx(r"(?:(?<!不)到|至|达到)[^，。；：,;:%从由到至]{0,12}$")


_REST = _rx(r"(?i)(?:\b(?:the\s+)?(?:remaining|rest|other|others)\b[^.;]{0,12}$|"
            r"(?:其余|剩余|剩下|其他)[^，。；]{0,8}$)")


def _roles(text: str, start: int) -> tuple[str | None, int]:
    """from / to when the number sits in a from→to pair ("from 7% ... to 3%", "从2%增加到10%");
    rest for "the remaining 49%" / "其余49%"."""
    b = _before(text, start, 48)
    if _REST.search(_before(text, start, 16)):
        return "rest", 0
    if _FROM_EN.search(b) or _FROM_ZH_SPAN.search(b):
        return "from", 0
    if _TO_EN.search(b) or _TO_ZH_SPAN.search(b):
        return "to", _sign_near(text, start, start, "")
    return None, 0


def _pct_hit(text, claims, hits, start, end, value, unit, lang, qual_override=None,
             word=False) -> None:
    pq = _qualifier_before(text, start)
    sq, k = _qualifier_after(text, end)
    if sq == "within":
        sq, k = None, 0
    qual = qual_override or _combine(pq, sq)
    if word and qual == "exact":
        # a bare 四成 is a share in words, approximate as "two in five" is: 40 ± 4, not a
        # rounding to the nearest ten (36% is 三成多 or 近四成)
        qual, unit = "approx", 1.0
    if sq and k:
        end += k
    if qual == "plus":
        unit = _tens_unit(value) if sq in ("多", "plus") or text[end - 1:end] == "多" else unit
    b = _before(text, start, 40)
    a = _after(text, end, 20)
    # "fell 40%", "下降了40%", "a 40% drop": a change, read as a ratio (never as points)
    change = _CHANGE_EN.search(b) or _CHANGE_ZH.search(b)
    noun = _CHANGE_NOUN_AFTER.match(a)
    absolute = bool(_ABSOLUTE.search(b + a[:14]))
    if (change or noun) and not _TO_EN.search(b) and not re.search(r"(?a)(?:(?<!不)到|至)\s*(?:约|近)?\s*$", b) \
            and not re.search(r"(?a)\b(?:made|make|makes|took|take|takes)\s+up\s+$", b, re.IGNORECASE) \
            and not re.search(r"(?a)\b(?:share|shares)\s+(?:of\s+)?$", b, re.IGNORECASE):
        sign = 0
        if noun:
            sign = 1 if (noun.group(1) or noun.group(3)) else -1
        if change:
            sm = list(_SIGN_EN.finditer(b)) + list(_SIGN_ZH.finditer(b))
            if sm:
                last = max(sm, key=lambda x: x.end())
                sign = 1 if last.group(1) else -1
        claims.take(start, end)
        if absolute:
            hits.append(_Hit("pp", value, qual, start, end, unit=unit, sign=sign))
        else:
            hits.append(_Hit("ratio", value, qual, start, end, unit=unit, basis="change",
                             sign=sign))
        return
    role, sign = _roles(text, start)
    claims.take(start, end)
    hits.append(_Hit("pp" if absolute else "pct", value, qual, start, end, unit=unit, role=role,
                     sign=sign))


def _pp_hit(text, claims, hits, start, end, value, unit) -> None:
    pq = _qualifier_before(text, start)
    sq, k = _qualifier_after(text, end)
    if sq == "within":
        sq, k = None, 0
    qual = _combine(pq, sq)
    if sq and k:
        end += k
    b = _before(text, start, 40)
    sign = 0
    sm = list(_SIGN_EN.finditer(b)) + list(_SIGN_ZH.finditer(b))
    if sm:
        last = max(sm, key=lambda x: x.end())
        sign = 1 if last.group(1) else -1
    a = _after(text, end, 20)
    nm = _CHANGE_NOUN_AFTER.match(a)
    if nm and not sign:
        sign = 1 if (nm.group(1) or nm.group(3)) else -1
    claims.take(start, end)
    hits.append(_Hit("pp", value, qual, start, end, unit=unit, sign=sign))


# ---------------------------------------------------------------- shares in words

_CHENG = _rx(r"(?<![一二两三四五六七八九十])([一二两三四五六七八九十])成([一二三四五六七八九])?"
                    r"(?![为功立绩长熟果员交本型])")
_ZH_FRACTION = _rx(r"([一二两三四五六七八九十]+)分之([一二两三四五六七八九十]+)")
_YIBAN = _rx(r"(一半|半数|过半|大半|半壁江山)")  # 半壁江山: "half the field"
_EN_FRACTION = _rx(
    r"\b(?:(a|one)[-\s](half|third|quarter|fifth|sixth|tenth)|"
    r"(two|three|four)[-\s](thirds|quarters|fifths|tenths)|"
    r"(one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+"
    r"(two|three|four|five|six|seven|eight|nine|ten|\d+)|"
    r"(half))\b", re.IGNORECASE)
# a verb that holds a share, right before a bare "half": "FLUX holds half", "took almost half"
_HELD_HALF = _rx(r"\b(?:holds?|held|holding|takes?|took|taking|has|had|won|wins|claims?|claimed|"
                 r"captured|commands?|commanded|controls?|controlled|draws?|drew|accounts?\s+for|"
                 r"accounted\s+for|makes?\s+up|made\s+up|handles?|handled)\s+"
                 r"(?:(?:about|almost|nearly|roughly|around|over|more\s+than|less\s+than|"
                 r"under|just\s+over|just\s+under|close\s+to)\s+)?$", re.IGNORECASE)
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "sixth": 1 / 6,
              "tenth": 0.1, "thirds": 1 / 3, "quarters": 0.25, "fifths": 0.2, "tenths": 0.1}


def _share_words(text: str, claims: _Claims, hits: list[_Hit], lang: str) -> None:
    for m in _CHENG.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        tens = zh_number(m.group(1))
        value = tens * 10 + (zh_number(m.group(2)) if m.group(2) else 0)
        unit = 1.0 if m.group(2) else 10.0
        _pct_hit(text, claims, hits, m.start(), m.end(), float(value), unit, lang,
                 word=not m.group(2))
    for m in _ZH_FRACTION.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        den, num = zh_number(m.group(1)), zh_number(m.group(2))
        if not den:
            continue
        _fraction_hit(text, claims, hits, m.start(), m.end(), num / den)
    for m in _YIBAN.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        word = m.group(1)
        if text[max(0, m.start() - 1):m.start()] in ("上", "下", "多") and word == "一半":
            continue
        if word == "过半" or word == "大半":
            claims.take(m.start(), m.end())
            hits.append(_Hit("pct", 50.0, "above", m.start(), m.end()))
            continue
        after = text[m.end():m.end() + 2]
        qual = None
        end = m.end()
        if after.startswith(("以上", "多")):
            qual, end = "above", end + (2 if after.startswith("以上") else 1)
        _fraction_hit(text, claims, hits, m.start(), end, 0.5, qual)
    for m in _EN_FRACTION_NOUN.finditer(text):
        num, den = EN_UNITS[m.group(1).lower()], EN_UNITS[m.group(3).lower()]
        if num < den and claims.free(m.start(), m.end()) and \
                not re.search(r"(?i)\b(?:of|and|or|to|than)\b", m.group(2)):
            _fraction_hit(text, claims, hits, m.start(), m.end(), num / den)
    for m in _EN_FRACTION.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        if m.group(1):
            frac = _FRACTIONS[m.group(2).lower()]
        elif m.group(3):
            frac = EN_UNITS[m.group(3).lower()] * _FRACTIONS[m.group(4).lower()]
        elif m.group(5):
            den = m.group(6)
            d = int(den) if den.isdigit() else EN_UNITS[den.lower()]
            if not d or EN_UNITS[m.group(5).lower()] >= d:
                continue  # "four in five" is a share; "five in three" is not a fraction
            frac = EN_UNITS[m.group(5).lower()] / d
        else:
            after = text[m.end():m.end() + 12].lower()
            before = _before(text, m.start(), 12).lower()
            held = _HELD_HALF.search(_before(text, m.start(), 40))
            if not (after.startswith((" of", " the")) or re.search(r"(?a)\bby\s*$", before)
                    or held):
                continue  # "FLUX holds half": a share; "half a step": not one
            frac = 0.5
        _fraction_hit(text, claims, hits, m.start(), m.end(), frac)


# "one text message in ten", "one request in five": a fraction with its noun inside
_EN_FRACTION_NOUN = _rx(
    r"\b(one|two|three|four)\s+((?:[a-z-]+\s+){1,3}?)in\s+(two|three|four|five|six|seven|eight|"
    r"nine|ten)\b", re.IGNORECASE)


def _fraction_hit(text, claims, hits, start, end, frac, qual=None) -> None:
    """A fraction is a share ("a quarter of video") or, after a change verb, a ratio."""
    b = _before(text, start, 30)
    pq = _qualifier_before(text, start)
    q = qual or pq or "approx"  # fractions are approximate by nature
    if q == "exact":
        q = "approx"
    change = _CHANGE_EN.search(b) or _CHANGE_ZH.search(b) or re.search(r"(?a)\bby\s+$", b, re.IGNORECASE)
    if re.search(r"(?ai)\b(?:made|make|makes|making|took|take|takes)\s+up\s+"
                 r"(?:(?:about|around|roughly|nearly|almost|over|under)\s+)?$", b):
        change = None  # "made up about two-thirds": a share, as "made up 65%" is
    claims.take(start, end)
    if change and not re.search(r"(?a)(?:(?<!不)到|至)\s*$|\bto\s+$", b):
        sm = list(_SIGN_EN.finditer(b)) + list(_SIGN_ZH.finditer(b))
        sign = (1 if max(sm, key=lambda x: x.end()).group(1) else -1) if sm else -1
        hits.append(_Hit("ratio", frac * 100, q, start, end, unit=1.0, basis="change", sign=sign))
    else:
        role, sign = _roles(text, start)
        hits.append(_Hit("pct", frac * 100, q, start, end, unit=1.0, role=role, sign=sign))


# ---------------------------------------------------------------- counts and bare numbers

_COUNT_NOUNS = (r"models?|bots?|families|family|labs?|providers?|companies|company|vendors?|"
                r"integrations?|entrants?|competitors?|players?|newcomers?|launches|releases|"
                r"versions?|variants?|charts?|categories|category|messages?|requests?|users?|"
                r"subscribers?|generations?|challengers?|rivals?|options?|startups?")
_EN_COUNT_WORDS = _rx(
    r"\b(?:(dozens|hundreds|thousands|millions)\s+of|(a\s+dozen)|(a\s+handful\s+of))\b",
    re.IGNORECASE)
_ZH_COUNT = _rx(
    rf"(十几|几十|数十|几百|数百|上百|近百|{ZH_NUM}|{DIGITS})(多|余)?\s*(个|家|款|种|位|名|项|类|条|批|次)")
_EN_COUNT = _rx(
    rf"(?<![A-Za-z0-9.])({DIGITS}|{EN_NUMBER})(\+)?\s+(?:(?:new|more|other|official|distinct|"
    rf"different|active|major|leading|named|reasoning|text|image|video|audio|AI|model|frontier|"
    rf"Chinese|American|open|closed|top)\s+){{0,3}}({_COUNT_NOUNS})\b", re.IGNORECASE)
_BARE = _rx(rf"(?<![A-Za-z0-9.]){DIGITS}(\+)?(?![A-Za-z0-9])|{ZH_NUM}")
_BARE_EN_WORD = _rx(rf"\b({EN_NUMBER})\b", re.IGNORECASE)
_ZH_SKIP = _rx(
    r"一(?:些|样|起|定|般|切|直|度|旦|致|同|再|系列|方面|向|并|律|时|下|边|点|批|道|带|家独大|举|步|番|言|如|流|线|手|身)|"
    r"之一|统一|唯一|进一步|第一时间|其一|万一|一一|十分|百分百|千万|三三两两|万事|一体|专一|单一")
_EN_SKIP_ONE = _rx(r"\bone\b(?!\s*(?:%|percent|point|in\s+\w+|out\s+of))", re.IGNORECASE)


_NOUN_BASIS = [
    (r"famil(?:y|ies)|家族|系列", "families"),
    ((r"labs?|providers?|compan(?:y|ies)|vendors?|startups?|players?|competitors?|rivals?|"
     r"entrants?|newcomers?|challengers?|厂商|公司|实验室|提供商|供应商|玩家|对手"), "providers"),
    (r"models?|bots?|integrations?|versions?|variants?|options?|模型|机器人|版本", "bots"),
    (r"messages?|requests?|generations?|users?|subscribers?|消息|请求|用户|订阅", "messages"),
    (r"launch(?:es)?|releases?|新品|发布", "launches"),
    (r"categor(?:y|ies)|charts?|类别|品类|板块", "charts"),
]
_NOUN_RX = _rx("|".join(f"(?P<b{i}>{p})" for i, (p, _) in enumerate(_NOUN_BASIS)),
              re.IGNORECASE)
_PHRASE_END = _rx(r"[，。；：、,.;:!?()（）]|的|在|中|\b(?:from|of|in|on|with|and|that|which|to|"
                  r"for|than|across|by|over|at)\b", re.IGNORECASE)


def _count_noun(text: str, end: int) -> str | None:
    """What a count counts: the last noun of the phrase after it ("model families" →
    families, "三家公司" → providers, "100+ official bots" → bots)."""
    window = _strip_markup(text[end:end + 40])
    cut = _PHRASE_END.search(window)
    if cut:
        window = window[:cut.start()]
    if len(re.findall(r"(?a)[A-Za-z]+", window)) > 4:
        return None
    last = None
    for m in _NOUN_RX.finditer(window):
        last = m
    if last is None:
        return None
    return _NOUN_BASIS[int(last.lastgroup[1:])][1]


def _counts(text: str, claims: _Claims, hits: list[_Hit], lang: str) -> None:
    for m in _EN_COUNT_WORDS.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        if m.group(1):
            word = m.group(1).lower()
            rng = {"dozens": (24.0, 143.0), "hundreds": (200.0, 999.0),
                   "thousands": (2000.0, 999999.0), "millions": (2e6, 999e6)}[word]
            hits.append(_Hit("count", rng, "exact", m.start(), m.end(),
                             basis=_count_noun(text, m.end())))
        elif m.group(2):
            hits.append(_Hit("count", 12.0, "approx", m.start(), m.end(),
                             basis=_count_noun(text, m.end())))
        else:
            hits.append(_Hit("count", (3.0, 6.0), "exact", m.start(), m.end(),
                             basis=_count_noun(text, m.end())))
        claims.take(m.start(), m.end())
    for m in _ZH_COUNT.finditer(text):
        if not claims.free(m.start(), m.end(2) if m.group(2) else m.end(1)):
            continue
        num = m.group(1)
        if num in ("十几", "几十", "数十", "几百", "数百", "上百", "近百"):
            rng = {"十几": (11.0, 19.0), "几十": (20.0, 99.0), "数十": (20.0, 99.0),
                   "几百": (200.0, 999.0), "数百": (200.0, 999.0)}.get(num)
            basis = _zh_classifier(m.group(3)) or _count_noun(text, m.end())
            if rng:
                hits.append(_Hit("count", rng, "exact", m.start(), m.end(), basis=basis))
            elif num == "上百":
                hits.append(_Hit("count", 100.0, "at_least", m.start(), m.end(), basis=basis))
            else:
                hits.append(_Hit("count", 100.0, "nearly", m.start(), m.end(), basis=basis))
            claims.take(m.start(), m.end())
            continue
        if _ZH_SKIP.match(text, m.start()):
            continue
        value, unit = number_value(num)
        if value == 1 and not re.fullmatch(DIGITS, num):
            continue  # 一个/一家/一款: the article "a", not a count
        if m.group(3) == "名" and text[max(0, m.start() - 1):m.start()] == "第":
            continue
        qual = _combine(_qualifier_before(text, m.start()), "plus" if m.group(2) else None)
        unit = _tens_unit(value) if qual == "plus" else unit
        end = m.end(2) if m.group(2) else m.end(1)
        claims.take(m.start(), end)
        hits.append(_Hit("count", value, qual, m.start(), end, unit=unit,
                         basis=_zh_classifier(m.group(3)) or _count_noun(text, m.end())))
    for m in _EN_COUNT.finditer(text):
        if not claims.free(m.start(1), m.end(2) if m.group(2) else m.end(1)):
            continue
        token = m.group(1)
        if token.lower() == "one":
            continue
        value, unit = number_value(token)
        qual = "at_least" if m.group(2) else (_qualifier_before(text, m.start()) or "exact")
        end = m.end(2) if m.group(2) else m.end(1)
        claims.take(m.start(1), end)
        hits.append(_Hit("count", value, qual, m.start(1), end, unit=unit,
                         basis=_count_noun(text, m.start(3))))


def _zh_classifier(word: str | None) -> str | None:
    return {"家": "providers", "款": "bots"}.get(word or "")


def _bare(text: str, claims: _Claims, hits: list[_Hit], lang: str) -> None:
    for m in _BARE.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        token = m.group(0)
        if re.fullmatch(ZH_NUM, token):
            if _ZH_SKIP.match(text, m.start()) or _ZH_SKIP.search(
                    text[max(0, m.start() - 2):m.end() + 1]):
                continue
            if token in ("一", "十", "千", "百", "万", "〇", "零") or not any(
                    c in "二两三四五六七八九十百千" for c in token) and len(token) == 1:
                continue  # single characters are too often words (一, 万, 千)
            # a Chinese numeral with no unit after it is rarely a claim ("三家", "两周" are
            # caught above); only keep it after a qualifier or before a measure word
            if not (_qualifier_before(text, m.start()) or re.match(
                    r"[%％倍周个家款位名]", text[m.end():m.end() + 1])):
                continue
        qual = _qualifier_before(text, m.start()) or "exact"
        end = m.end()
        if m.group(1):
            qual = "at_least"
        value, unit = number_value(token.rstrip("+"))
        claims.take(m.start(), end)
        kind = "count" if m.group(1) else "number"
        hits.append(_Hit(kind, value, qual, m.start(), end, unit=unit,
                         basis=_count_noun(text, end) if kind == "count" else None))
    for m in _BARE_EN_WORD.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        word = m.group(1).lower()
        if word in ("one", "zero"):
            continue
        if word in ("hundred",):
            continue
        value, unit = number_value(word)
        claims.take(m.start(), m.end())
        hits.append(_Hit("count", value, _qualifier_before(text, m.start()) or "exact",
                         m.start(), m.end(), basis=_count_noun(text, m.end())))


# ====================================================================== entry points

_FULL_WIDTH = str.maketrans("０１２３４５６７８９％．＋～－", "0123456789%.+~-")


def normalise(text: str) -> str:
    """Full-width digits and signs to ASCII, one character for one (positions keep)."""
    return text.translate(_FULL_WIDTH)


def extract_masked(masked: str, lang: str, original: str | None = None,
                   line_starts: list[int] | None = None, first_line: int = 1) -> list[Mention]:
    """The grammar over text whose names and markup are already masked (see mask())."""
    text = normalise(masked)
    original = masked if original is None else original
    claims = _Claims(len(text))
    hits: list[_Hit] = []
    _dates(text, claims, hits)
    _ratios(text, claims, hits)
    _durations(text, claims, hits)
    _ranks(text, claims, hits)
    _percent_like(text, claims, hits, lang)
    _share_words(text, claims, hits, lang)
    _counts(text, claims, hits, lang)
    _bare(text, claims, hits, lang)
    hits.sort(key=lambda h: (h.start, h.end))
    if line_starts is None:
        line_starts = _line_starts(original)
    out = []
    import bisect

    for h in hits:
        li = bisect.bisect_right(line_starts, h.start) - 1
        col = h.start - line_starts[li] + 1
        out.append(Mention(
            kind=h.kind, value=h.value, qualifier=h.qualifier, line=first_line + li, col=col,
            text=original[h.start:h.end].strip(), start=h.start, end=h.end, unit=h.unit,
            when=h.when, sign=h.sign, role=h.role, basis=h.basis))
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def extract(text: str, lang: str, names: Iterable[str] = (), *, first_line: int = 1,
            guess_names: bool = True) -> list[Mention]:
    """Every numeric mention in `text` (a Markdown body, no front matter), in order.

    names: every bot, family and provider name (their numbers are never claims).
    lang: "en" or "zh"; both grammars run on any text (Chinese posts quote English names),
    the language only decides ambiguous readings.
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang {lang!r} is not 'en' or 'zh'")
    masker = masker_for(tuple(sorted({str(n) for n in names if str(n).strip()})))
    masked = mask(text, masker, guess_names=guess_names)
    return extract_masked(masked.text, lang, original=text, first_line=first_line)
