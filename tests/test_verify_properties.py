"""Property tests: generated posts pass, and a changed number, date or duration is caught.

Each example draws a video chart of three families with smooth curves (a launch that ramps
up, a fall, a peak that declines), runs the real findings engine on it, and takes the
English and Chinese sentences it writes with writer.format: the sentences a post is made
of. Then:
- every such sentence passes verification (no false alarm on the tool's own prose);
- a share in it changed by more than its tolerance is caught;
- a date phrase moved by a month is caught;
- a duration changed by two weeks or more is caught.

"Caught" is asserted only when the changed sentence is actually false. That is decided
by an oracle written here, independently of writer/verify.py: it looks straight at the
share table with a generous band, and when the new value happens to be true of some week
(a coincidence of the data, not a miss) the example is discarded with assume(). The
curves are steep and the families few, so that happens rarely.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from types import MappingProxyType

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from writer import format as fmt
from writer.findings import find
from writer.ledger import build_ledger
from writer.load import OTHER, Bot, Dataset, Family, Registry
from writer.mentions import extract
from writer.periods import parse_period, resolve_weeks
from writer.shares import compute_shares
from writer.verify import check_text

WEEKS = tuple(date(2025, 1, 6) + timedelta(weeks=i) for i in range(21))
N = len(WEEKS)
FAMILIES = (  # names with digits in them: masking is exercised on every example
    ("Kling-2.0", "Kuaishou", "Kling-2.0-Master"),
    ("Veo-2", "Google", "Veo-2"),
    ("Gen-3-Alpha", "Runway", "Gen-3-Alpha-Turbo"),
)
PROPS = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])


@st.composite
def curves(draw):
    """Three share curves: a launch ramp, a fall and a rise-then-decline, steep enough that
    a value a month away is clearly different."""
    r = draw(st.integers(4, 12))  # launch week of the ramp
    level = draw(st.floats(14, 30))
    ramp = np.zeros(N)
    steps = draw(st.integers(3, 5))
    for i in range(r, N):
        ramp[i] = min(level, level * (i - r + 1) / steps) + 0.4 * max(0, i - r - steps)
    start = draw(st.floats(30, 45))
    end = draw(st.floats(4, 12))
    fall = np.linspace(start, end, N)
    p = draw(st.integers(6, 12))
    top = draw(st.floats(18, 28))
    low = draw(st.floats(2, 6))
    peak = np.array([low + (top - low) * i / p if i <= p else
                     top - (top - low) * (i - p) / (N - 1 - p) for i in range(N)])
    return (ramp, fall, peak), r


def build(curves_and_launch):
    (ramp, fall, peak), r = curves_and_launch
    bots, families, rows = {}, {}, []
    for (fam, provider, bot), curve, released in zip(
            FAMILIES, (ramp, fall, peak), (WEEKS[r] + timedelta(days=2), None, None)):
        bots[bot] = Bot(bot, fam, provider)
        families[fam] = Family(fam, provider, released, None, (bot,))
        for i, share in enumerate(curve):
            if round(share * 1000):
                rows.append((WEEKS[i], "video", bot, round(share * 1000), False, "user"))
    rest = 100 - (ramp + fall + peak)
    bots["Other-video"] = Bot("Other-video", OTHER, "unknown")
    families[OTHER] = Family(OTHER, "unknown", None, None, ("Other-video",))
    for i, share in enumerate(rest):
        rows.append((WEEKS[i], "video", "Other-video", round(share * 1000), False, "user"))
    usage = pd.DataFrame(rows, columns=["week", "category", "bot", "messages", "reasoning",
                                        "trigger"])
    usage["week"] = pd.to_datetime(usage["week"])
    registry = Registry(MappingProxyType(bots), MappingProxyType(families))
    data = Dataset(usage, registry, "<gen>", None, "0" * 64)
    shares = compute_shares(data, resolve_weeks(parse_period("2025H1"), data.mondays))
    findings = find(shares, registry)
    return shares, findings, build_ledger(shares, findings, registry)


def sentences(findings):
    return [(f, lang, f.text[lang]) for f in findings.findings for lang in ("en", "zh")]


def names():
    return [n for fam, prov, bot in FAMILIES for n in (fam, prov, bot)]


# ------------------------------------------------------------------ the oracle


def band(value: float) -> float:
    """Generous: wider than any tolerance verify.py allows for a share of this size."""
    return max(1.5, 0.15 * abs(value)) + 0.5


def named(text: str) -> list[int]:
    """The columns of the families the sentence names (by family, bot or provider name)."""
    cols = []
    low = text.lower().replace(" ", "-")
    table_entities = SHARES_ENTITIES
    for fam, provider, bot in FAMILIES:
        if any(n.lower() in low for n in (fam, provider, bot)):
            cols.append(table_entities.index(fam))
    return cols


SHARES_ENTITIES: list[str] = []


def weekly_values(shares, text: str, weeks_idx=None) -> list[float]:
    """Every weekly share and two-week mean of the families the sentence names (all families
    when it names none), in those weeks."""
    m = shares["video"].shares
    SHARES_ENTITIES[:] = list(shares["video"].entities)
    cols = named(text) or range(m.shape[1])
    idx = range(N) if weeks_idx is None else weeks_idx
    out = []
    for j in cols:
        v = m[:, j]
        for i in idx:
            out.append(float(v[i]))
            if i + 1 < N:
                out.append(float((v[i] + v[i + 1]) / 2))
            if i > 0:
                out.append(float((v[i - 1] + v[i]) / 2))
    return out


def finding_values(finding) -> list[float]:
    return [float(x.value) for x in finding.facts.values() if x.unit in ("pct", "pp")]


def true_somewhere(value: float, citable: list[float], rest: bool = False) -> bool:
    return any(abs(value - c) <= band(value) or (rest and abs(value - (100 - c)) <= band(value))
               for c in citable)


def weeks_overlapping(lo: date, hi: date) -> list[int]:
    return [i for i, w in enumerate(WEEKS) if w <= hi and w + timedelta(days=6) >= lo]


# ------------------------------------------------------------------ properties


@PROPS
@given(curves())
def test_every_generated_sentence_verifies(data):
    _shares, findings, ledger = build(data)
    assume(findings.findings)
    for f, lang, text in sentences(findings):
        report = check_text(text, lang, ledger, chart=f.chart)
        assert report.ok, (text, [i.render() for i in report.issues])


@PROPS
@given(curves(), st.data())
def test_a_share_changed_beyond_its_tolerance_is_caught(data, draw):
    shares, findings, ledger = build(data)
    cases = []
    for f, lang, text in sentences(findings):
        for m in extract(text, lang, names()):
            if m.kind == "pct" and not isinstance(m.value, tuple) and m.qualifier in (
                    "exact", "approx"):
                cases.append((f, lang, text, m))
    assume(cases)
    f, lang, text, m = draw.draw(st.sampled_from(cases))
    # a share above or below everything the families it names ever had, beyond tolerance
    values = weekly_values(shares, text) + finding_values(f)
    delta = draw.draw(st.integers(0, 30))
    if draw.draw(st.booleans()):
        new = round(max(values) + band(max(values)) + 1 + delta)
    else:
        new = round(min(v for v in values if v > 0) - band(m.value) - 1 - delta)
    slack = max(1.0, 0.1 * m.value)  # verify's "about" slack for the stated number
    assume(1 <= new <= 99 and abs(new - m.value) > slack + 0.5)
    rest = bool(re.search(r"remaining|rest|其余", text))
    assume(not true_somewhere(new, values, rest))
    digits = re.search(r"\d+(?:\.\d+)?", m.text)
    changed = text[:m.start + digits.start()] + str(new) + text[m.start + digits.end():]
    report = check_text(changed, lang, ledger, chart=f.chart)
    assert not report.ok, (text, changed)


MONTH_EN = re.compile(r"\b(early|mid|late)[- ](" + "|".join(fmt.EN_MONTHS) + r")\b|"
                      r"\bthe last week of (" + "|".join(fmt.EN_MONTHS) + r")\b")
MONTH_ZH = re.compile(r"(\d{1,2})月(上旬|中旬|下旬|最后一周)")


def _moved(text: str, lang: str, shift: int):
    """Every week phrase in the sentence, each moved by `shift` months: (new text, old
    day range, new day range)."""
    out = []
    rx = MONTH_ZH if lang == "zh" else MONTH_EN
    for m in rx.finditer(text):
        if lang == "zh":
            month = int(m.group(1))
            part = m.group(2)
            new_month = month + shift
            if not 1 <= new_month <= 12:
                continue
            new = f"{new_month}月{part}"
            start, end = m.span()
        else:
            name = m.group(2) or m.group(3)
            month = fmt.EN_MONTHS.index(name) + 1
            new_month = month + shift
            if not 1 <= new_month <= 12:
                continue
            new_name = fmt.EN_MONTHS[new_month - 1]
            start, end = m.span(2) if m.group(2) else m.span(3)
            new = new_name
            part = m.group(1) or "last"
        out.append((text[:start] + new + text[end:], _days(month, part), _days(new_month, part)))
    return out


def _days(month: int, part: str) -> tuple[date, date]:
    last = (date(2025, month % 12 + 1, 1) if month < 12 else date(2026, 1, 1)) - timedelta(days=1)
    if part in ("early", "上旬"):
        return date(2025, month, 1), date(2025, month, 10)
    if part in ("mid", "中旬"):
        return date(2025, month, 11), date(2025, month, 20)
    if part in ("late", "下旬"):
        return date(2025, month, 21), last
    return last - timedelta(days=6), last


@PROPS
@given(curves(), st.data())
def test_a_date_moved_by_a_month_is_caught(data, draw):
    shares, findings, ledger = build(data)
    cases = []
    for f, lang, text in sentences(findings):
        for shift in (-1, 1):
            for changed, old, new in _moved(text, lang, shift):
                cases.append((f, lang, text, changed, new))
    assume(cases)
    f, lang, text, changed, (lo, hi) = draw.draw(st.sampled_from(cases))
    # discard coincidences: a number of the sentence is also true in the new weeks, or a
    # launch or peak of the chart falls in them
    stated = [m.value for m in extract(text, lang, names())
              if m.kind == "pct" and not isinstance(m.value, tuple)]
    idx = weeks_overlapping(lo, hi)
    assume(not any(true_somewhere(s, weekly_values(shares, text, idx)) for s in stated))
    m = shares["video"].shares
    peaks = {int(np.argmax(m[:, j])) for j in range(m.shape[1])}
    peaks |= {int(np.argmax((m[:-1, j] + m[1:, j]) / 2)) + k for j in range(m.shape[1])
              for k in (0, 1)}
    launches = {int(np.flatnonzero(m[:, j] > 0)[0]) for j in range(m.shape[1])
                if (m[:, j] > 0).any()}
    assume(not (set(idx) & (peaks | launches)))
    report = check_text(changed, lang, ledger, chart=f.chart)
    assert not report.ok, (text, changed)


DURATION_EN = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|\d{1,2}) weeks?\b")
DURATION_ZH = re.compile(r"([一两三四五六七八九十]|\d{1,2})周")
ZH_N = {c: i for i, c in enumerate(fmt.ZH_WORDS)} | {"二": 2}


@PROPS
@given(curves(), st.data())
def test_a_duration_changed_by_two_weeks_or_more_is_caught(data, draw):
    shares, findings, ledger = build(data)
    cases = []
    for f, lang, text in sentences(findings):
        rx = DURATION_ZH if lang == "zh" else DURATION_EN
        for m in rx.finditer(text):
            word = m.group(1)
            n = int(word) if word.isdigit() else (
                ZH_N[word] if lang == "zh" else fmt.EN_WORDS.index(word))
            cases.append((f, lang, text, m, n))
    assume(cases)
    f, lang, text, m, n = draw.draw(st.sampled_from(cases))
    k = draw.draw(st.sampled_from([-4, -3, -2, 2, 3, 4]))
    new = n + k
    assume(0 <= new <= 30)
    changed = text[:m.start()] + fmt.duration(new, lang) + text[m.end():]
    # discard coincidences: a share the sentence states is also true `new` weeks after a
    # launch, or the new number of weeks is another duration of the data
    ramp_launch = int(np.flatnonzero(shares["video"].series("Kling-2.0") > 0)[0])
    stated = [x.value for x in extract(text, lang, names())
              if x.kind == "pct" and not isinstance(x.value, tuple)]
    week = ramp_launch + new
    if week < N:
        assume(not any(true_somewhere(s, weekly_values(shares, text, [week])) for s in stated))
    other = [x.value for g in findings.findings for x in g.facts.values() if x.unit == "weeks"]
    assume(new not in other and new != N)
    report = check_text(changed, lang, ledger, chart=f.chart)
    assert not report.ok, (text, changed)


# ------------------------------------------------------------------ every formatter's output


def _with_fact(value, unit: str, name: str = "x"):
    """The corpus ledger plus one finding fact about Pika (video) with this value."""
    from dataclasses import replace as _replace

    from verify_corpus import ledger as corpus_ledger

    from writer.ledger import Entity, LedgerFact

    base = corpus_ledger()
    e = Entity("family", "Pika")
    weeks = (WEEKS[18],) if unit in ("pct", "date") else ()
    fact = LedgerFact(f"F99.{name}", name, value, unit, e, "video", weeks, finding=True)
    facts = dict(base.facts) | {fact.id: fact}
    by_entity = dict(base.by_entity) | {e: base.by_entity.get(e, ()) + (fact,)}
    return _replace(base, facts=MappingProxyType(facts), by_entity=MappingProxyType(by_entity),
                    finding_ids=base.finding_ids | {fact.id}), fact


def _ok(text: str, lang: str, ledger, fact_id: str):
    report = check_text(text, lang, ledger, chart="video")
    assert report.ok, (text, [i.render() for i in report.issues])
    assert fact_id in report.bound, (text, report.bound)


LANGS = st.sampled_from(("en", "zh"))


@settings(max_examples=150, deadline=None)
@given(st.floats(0.01, 99.9), LANGS, st.sampled_from([None, "about", "exact", "tilde", "round",
                                                       "under"]))
def test_every_pct_format_verifies(value, lang, style):
    ledger, fact = _with_fact(value, "pct", "share")
    from writer.facts import Fact

    words = fmt.render_fact(Fact("F99.share", "share", value, "pct", "Pika", "family", "video",
                                 (WEEKS[18],)), lang, style)
    text = f"Pika took {words} of video." if lang == "en" else f"Pika 占视频生成的{words}。"
    _ok(text, lang, ledger, fact.id)


@settings(max_examples=100, deadline=None)
@given(st.floats(-60, 60).filter(lambda v: abs(v) >= 0.05), LANGS,
       st.sampled_from([None, "about", "exact", "signed"]))
def test_every_pp_format_verifies(value, lang, style):
    from writer.facts import Fact

    ledger, fact = _with_fact(value, "pp", "change")
    words = fmt.render_fact(Fact("F99.change", "change", value, "pp", "Pika", "family", "video",
                                 ()), lang, style)
    if style == "signed":
        text = f"Pika was {words}." if lang == "en" else f"Pika {words}。"
    else:
        verb = ("rose" if value > 0 else "fell") if lang == "en" else (
            "上升了" if value > 0 else "下降了")
        text = f"Pika {verb} {words}." if lang == "en" else f"Pika 的份额{verb}{words}。"
    _ok(text, lang, ledger, fact.id)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.just(0.0), st.just(1.0), st.floats(0.01, 12.0)), LANGS)
def test_every_ratio_format_verifies(value, lang):
    ledger, fact = _with_fact(value, "ratio", "ratio")
    words = fmt.ratio(value, lang)
    text = f"Pika's share {words}." if lang == "en" else f"Pika 的份额{words}。"
    _ok(text, lang, ledger, fact.id)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 30), LANGS, st.sampled_from([None, "about", "digits"]))
def test_every_duration_format_verifies(weeks, lang, style):
    from writer.facts import Fact

    ledger, fact = _with_fact(float(weeks), "weeks", "weeks")
    words = fmt.render_fact(Fact("F99.weeks", "weeks", weeks, "weeks", "Pika", "family", "video",
                                 ()), lang, style)
    text = (f"Pika's steady run lasted {words}." if lang == "en" else
            f"Pika 已经稳定了{words}。")
    _ok(text, lang, ledger, fact.id)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 51), LANGS, st.sampled_from([None, "last_week", "year"]))
def test_every_week_phrase_verifies(k, lang, style):
    from writer.facts import Fact

    monday = date(2025, 1, 6) + timedelta(weeks=k)
    ledger, fact = _with_fact(monday.isoformat(), "date", "launch")
    words = fmt.render_fact(Fact("F99.launch", "launch", monday.isoformat(), "date", "Pika",
                                 "family", "video", (monday,)), lang, style)
    text = f"Pika launched in {words}." if lang == "en" else f"Pika 于{words}上线。"
    _ok(text, lang, ledger, fact.id)


# ------------------------------------------------------------------ robustness

TOKENS = ["21%", "21.3 %", "about", "约", "近", "超过", "不到", "多", "成", "三", "十几", "周",
          "weeks", "within", "mid-", "February", "2月", "中旬", "最后一周", "the last week of",
          "April", "H1", "Q2", "2025", "年", "from", "to", "从", "到", "降至", "fell", "by",
          "halved", "翻了一番", "一半", "第二", "No.", "1", "top three", "100+", "dozens",
          "Kling-2.0", "Veo 2", "Gen-3-Alpha-Turbo", "Pika", "video", "视频", "reasoning",
          "of all text", "(", ")", "（", "）", ",", "，", ".", "。", "\n", "- ", "## ",
          "{#chart-video}", "![", "](/a.png)", "[1]", "{{ F1.share }}", "0", "99.99", "-",
          "–", "~", "points", "个百分点", "x", "倍", "2025-05-12", "5月12日", " ", " ", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40), LANGS)
def test_any_text_is_checked_without_crashing(tokens, lang):
    from verify_corpus import ledger as corpus_ledger

    from writer.verify import verify_markdown

    text = "".join(tokens)
    extract(text, lang, names())
    report = check_text(text, lang, corpus_ledger(), chart="video")
    for issue in report.issues:
        assert issue.line >= 1 and issue.col >= 1 and issue.render()
    verify_markdown("---\nlang: en\n---\n" + text, lang, corpus_ledger())
