"""Sanity of the sample data itself: data/usage.csv, data/models.csv and data/FIGURES.md.

The CSVs are read with pandas directly, and every published figure (one line of
data/FIGURES.md, one test) is recomputed with the small helper below, written straight
from the methodology rather than with the share engine. After changing the generator,
refresh the figures table's `actual` column with:

    python tests/test_sample_data.py --update-figures
"""

from __future__ import annotations

import functools
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIGURES = DATA / "FIGURES.md"
WEEKS = [(date(2025, 1, 6) + timedelta(weeks=i)).isoformat() for i in range(21)]
KEY = ["week", "category", "bot", "reasoning", "trigger"]

# Footnote [3] of the report: the text chart's families, bot for bot.
FOOTNOTE_FAMILIES = {
    "GPT-4.1": {"GPT-4.1", "GPT-4.1-mini", "GPT-4.1-nano"},
    "GPT-4o": {"GPT-4o", "ChatGPT-4o-Latest", "GPT-4o-mini"},
    "GPT-4": {"GPT-4-Classic", "GPT-4-Turbo"},
    "o1": {"o1", "o1-preview", "o1-mini"},
    "o3": {"o3", "o3-mini", "o3-mini-high"},
    "Claude-3.7-Sonnet": {"Claude-3.7-Sonnet", "Claude-3.7-Sonnet-Reasoning"},
    "Gemini-2.5": {"Gemini-2.5-Pro", "Gemini-2.5-Flash"},
    "Gemini-2.0": {"Gemini-2.0-Flash", "Gemini-2.0-Flash-Lite", "Gemini-2.0-Flash-Exp"},
    "Gemini-1.5": {"Gemini-1.5-Pro", "Gemini-1.5-Flash"},
    "Grok-3": {"Grok-3", "Grok-3-Mini"},
}


# ---------------------------------------------------------------- reading


@functools.cache
def raw(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@functools.cache
def usage() -> pd.DataFrame:
    frame = raw("usage.csv").copy()
    frame["messages"] = frame["messages"].astype("int64")
    frame["reasoning"] = frame["reasoning"] == "true"
    return frame


@functools.cache
def models() -> pd.DataFrame:
    frame = raw("models.csv").copy()
    frame["excluded"] = frame["excluded"] == "true"
    return frame.set_index("bot")


# ---------------------------------------------------------------- the methodology


@functools.cache
def counts(chart: str) -> pd.DataFrame:
    """Messages per week (rows) and bot (columns) that count toward a chart's shares."""
    rows = usage()
    rows = rows[(rows["trigger"] == "user") & ~rows["bot"].map(models()["excluded"])]
    rows = rows[rows["category"] == ("text" if chart == "reasoning" else chart)]
    if chart == "reasoning":
        rows = rows[rows["reasoning"]]
    table = rows.pivot_table(index="week", columns="bot", values="messages", aggfunc="sum",
                             fill_value=0)
    return table.reindex(WEEKS, fill_value=0)


def shares(chart: str) -> pd.DataFrame:
    table = counts(chart)
    return table.div(table.sum(axis=1), axis=0) * 100


def bots_of(term: str) -> list[str]:
    """`bot:X`, `provider:P` or a family name → its bots."""
    if term.startswith("bot:"):
        return [term[4:]]
    if term.startswith("provider:"):
        return list(models().index[models()["provider"] == term[9:]])
    return list(models().index[models()["family"] == term])


def series(chart: str, subject: str) -> pd.Series:
    """Weekly share of a subject: `reasoning` (of text) or terms joined by ' + '."""
    if subject == "reasoning":
        return counts("reasoning").sum(axis=1) / counts("text").sum(axis=1) * 100
    table = shares(chart)
    bots = [b for term in subject.split(" + ") for b in bots_of(term)]
    return table[[b for b in bots if b in table.columns]].sum(axis=1)


def weeks_of(spec: str) -> list[str]:
    if ".." in spec:
        first, last = spec.split("..")
        return [w for w in WEEKS if first <= w <= last]
    return spec.split(",")


def evaluate(fig: dict) -> float | str:
    """The figure's actual value in the data (a date for `launch`)."""
    chart, subject, stat, weeks = fig["chart"], fig["subject"], fig["statistic"], fig["weeks"]
    if stat == "launch":
        live = counts(chart)[bots_of(subject)].sum(axis=1)
        return live[live > 0].index[0]
    if stat == "lead":
        a, b = subject.split(" > ")
        return float((series(chart, a) - series(chart, b))[weeks_of(weeks)].mean())
    if stat == "change":
        before, after = weeks.split(">")
        s = series(chart, subject)
        return float(s[weeks_of(after)].mean() - s[weeks_of(before)].mean())
    if stat == "rank":
        families = shares(chart).T.groupby(models()["family"]).sum().T
        ranks = families.rank(axis=1, ascending=False, method="min")[subject]
        return float(ranks[weeks_of(weeks)].max())
    s = series(chart, subject)
    if stat == "peak":
        return float(s.rolling(2).mean().max())
    picked = s[weeks_of(weeks)]
    if stat in ("min", "max"):
        return float(getattr(picked, stat)())
    return float(picked.mean())  # `week` and `mean`


def holds(fig: dict, actual: float | str) -> bool:
    expected, tol = fig["expected"], fig["tol"]
    if fig["statistic"] == "launch":
        return actual == expected
    if fig["statistic"] == "peak":  # it must also peak where the figure says
        rolling = series(fig["chart"], fig["subject"]).rolling(2).mean()
        top = rolling.argmax()
        if list(rolling.index[top - 1: top + 1]) != weeks_of(fig["weeks"]):
            return False
    if expected[0] in "<>":
        bound = float(expected[1:])
        return actual < bound if expected[0] == "<" else actual > bound
    return abs(actual - float(expected)) <= float(tol)


def fmt(actual: float | str) -> str:
    return actual if isinstance(actual, str) else f"{actual:.2f}"


# ---------------------------------------------------------------- the figures table

COLUMNS = ["id", "chart", "subject", "statistic", "weeks", "expected", "tol", "actual", "source"]


def read_figures() -> tuple[list[str], list[dict]]:
    lines = FIGURES.read_text(encoding="utf-8").splitlines()
    figs = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == len(COLUMNS) and cells[0] not in ("id", "") \
                and not set(cells[0]) <= set("-: "):
            figs.append(dict(zip(COLUMNS, cells)))
    return lines, figs


def update_figures() -> None:
    lines, figs = read_figures()
    by_id = {f["id"]: f for f in figs}
    out = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] in by_id and len(cells) == len(COLUMNS):
            cells[COLUMNS.index("actual")] = fmt(evaluate(by_id[cells[0]]))
            line = "| " + " | ".join(cells) + " |"
        out.append(line)
    FIGURES.write_text("\n".join(out) + "\n", encoding="utf-8")


FIGS = read_figures()[1]


@pytest.mark.parametrize("fig", FIGS, ids=[f["id"] for f in FIGS])
def test_published_figure(fig):
    actual = evaluate(fig)
    assert holds(fig, actual), f"actual {fmt(actual)}, expected {fig['expected']} ± {fig['tol']}"
    assert fig["actual"] == fmt(actual), \
        "FIGURES.md is stale: run python tests/test_sample_data.py --update-figures"


def test_figures_table_has_every_figure_once():
    ids = [f["id"] for f in FIGS]
    assert len(ids) == len(set(ids)) and len(ids) >= 40
    assert {f["chart"] for f in FIGS} == {"text", "reasoning", "image", "video", "audio"}


# ---------------------------------------------------------------- the files themselves


def test_generator_reproduces_the_committed_files_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, str(DATA / "generate.py"), "--out-dir", str(tmp_path)],
                   check=True)
    for name in ("usage.csv", "models.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_another_seed_changes_only_the_noise(tmp_path):
    subprocess.run([sys.executable, str(DATA / "generate.py"), "--out-dir", str(tmp_path),
                    "--seed", "7"], check=True)
    other = pd.read_csv(tmp_path / "usage.csv", dtype=str, keep_default_na=False)
    assert (tmp_path / "models.csv").read_bytes() == (DATA / "models.csv").read_bytes()
    assert other[KEY].equals(raw("usage.csv")[KEY])
    assert not other["messages"].equals(raw("usage.csv")["messages"])


def test_columns_and_text_values():
    assert list(raw("usage.csv").columns) == ["week", "category", "bot", "messages", "reasoning",
                                              "trigger"]
    assert list(raw("models.csv").columns) == ["bot", "family", "provider", "released", "excluded",
                                               "predecessor", "tags", "provider_zh"]
    assert raw("models.csv").query("provider == 'Kuaishou'")["provider_zh"].unique().tolist() \
        == ["快手"]
    assert set(raw("models.csv")["tags"]) == {"", "hybrid-reasoning"}
    assert set(raw("usage.csv")["reasoning"]) == {"true", "false"}
    assert set(raw("models.csv")["excluded"]) == {"true", "false"}
    assert set(raw("usage.csv")["category"]) == {"text", "image", "video", "audio"}
    assert set(raw("usage.csv")["trigger"]) == {"user", "animate_button", "speak_button"}


def test_21_monday_weeks():
    weeks = sorted(set(raw("usage.csv")["week"]))
    assert weeks == WEEKS
    assert all(date.fromisoformat(w).weekday() == 0 for w in weeks)


def test_messages_are_non_negative_integers():
    assert raw("usage.csv")["messages"].str.fullmatch(r"\d+").all()


def test_rows_are_sorted_and_keys_unique():
    frame = raw("usage.csv")
    assert not frame.duplicated(KEY).any()
    assert list(frame[KEY].itertuples(index=False)) == sorted(frame[KEY].itertuples(index=False))
    assert list(raw("models.csv")["bot"]) == sorted(raw("models.csv")["bot"])


def test_registry_has_100_plus_bots_and_covers_the_usage_exactly():
    assert len(models()) >= 100 and models().index.is_unique
    assert set(usage()["bot"]) == set(models().index)


def test_footnote_families_have_exactly_their_bots():
    for family, bots in FOOTNOTE_FAMILIES.items():
        assert set(models().index[models()["family"] == family]) == bots, family


def test_each_family_has_one_provider_and_a_known_predecessor():
    per_family = models().groupby("family")
    assert (per_family["provider"].nunique() == 1).all()
    assert (per_family["predecessor"].nunique() == 1).all()
    predecessors = set(models()["predecessor"]) - {""}
    assert predecessors <= set(models()["family"])
    assert models().loc["Claude-3.7-Sonnet", "predecessor"] == "Claude-3.5-Sonnet"
    assert models().loc["o4-mini", "predecessor"] == "o3"
    assert models().loc["o3", "predecessor"] == "o1"
    assert models().loc["Kling-2.0-Master", "predecessor"] == "Kling-1.6"
    assert "Other" in set(models()["family"])


def test_bots_start_in_their_release_week():
    first = usage().groupby("bot")["week"].min()
    for bot, released in models()["released"].items():
        if released and released >= WEEKS[0]:
            day = date.fromisoformat(released)
            assert first[bot] == (day - timedelta(days=day.weekday())).isoformat(), bot
        else:
            assert first[bot] == WEEKS[0], bot


def test_the_assistant_is_excluded_and_about_15_percent_of_raw_text():
    assert list(models().index[models()["excluded"]]) == ["Assistant"]
    text = usage()[(usage()["category"] == "text") & (usage()["trigger"] == "user")]
    weekly = text.groupby("week")["messages"].sum()
    share = text[text["bot"] == "Assistant"].groupby("week")["messages"].sum() / weekly
    assert share.between(0.14, 0.16).all()


@pytest.mark.parametrize("category, trigger, family", [("video", "animate_button", "Runway"),
                                                        ("audio", "speak_button", "ElevenLabs")])
def test_follow_ups_would_move_the_shares_if_counted(category, trigger, family):
    rows = usage()[usage()["category"] == category]
    last = rows[rows["week"] == WEEKS[-1]]
    last = last.assign(mine=last["bot"].map(models()["family"]) == family)
    counted = last[last["trigger"] == "user"]
    user_share = counted[counted["mine"]]["messages"].sum() / counted["messages"].sum() * 100
    all_share = last[last["mine"]]["messages"].sum() / last["messages"].sum() * 100
    assert set(rows["trigger"]) == {"user", trigger}
    assert abs(all_share - user_share) > 10


def test_reasoning_flags_follow_the_models():
    flags = usage().groupby("bot")["reasoning"].agg(["min", "max"])
    assert not usage()[usage()["category"] != "text"]["reasoning"].any()
    always = ["o1", "o1-mini", "o3", "o3-mini", "o4-mini", "DeepSeek-R1", "Gemini-2.5-Pro",
              "Grok-3-Mini"]
    never = ["GPT-4o", "GPT-4.1", "Claude-3.5-Sonnet", "Grok-3", "DeepSeek-V3"]
    assert flags.loc[always, "min"].all()
    assert not flags.loc[never, "max"].any()
    # Hybrids: both kinds of rows, mostly without reasoning.
    text = usage()[usage()["category"] == "text"]
    for bot in ["Claude-3.7-Sonnet", "Gemini-2.5-Flash", "Qwen3-235B-A22B"]:
        mine = text[text["bot"] == bot]
        assert 0 < mine[mine["reasoning"]]["messages"].sum() < 0.3 * mine["messages"].sum(), bot


def test_volumes_are_platform_sized_and_growing():
    user = usage()[usage()["trigger"] == "user"]
    user = user[~user["bot"].map(models()["excluded"])]
    weekly = user.groupby(["category", "week"])["messages"].sum().unstack("week")
    for category, low, high in [("text", 15e6, 27e6), ("image", 1e6, 2e6), ("video", 50e3, 150e3),
                                ("audio", 100e3, 300e3)]:
        assert weekly.loc[category].between(low, high).all(), category
        assert weekly.loc[category, WEEKS[-1]] > 1.3 * weekly.loc[category, WEEKS[0]], category


if __name__ == "__main__":
    if sys.argv[1:] == ["--update-figures"]:
        update_figures()
        print(f"updated {FIGURES}")
    else:
        sys.exit("usage: python tests/test_sample_data.py --update-figures")
