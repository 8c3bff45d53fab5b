"""`writer eval` against a real local OpenAI-protocol server with two scripted "models".

- "good" answers every job with valid JSON using exactly the slots offered (the offline
  writer's own sentences, slots unfilled), so every section verifies on the first try;
- "sloppy" follows a fixed pattern: section or frame number p (0-5, frame first) of the
  run with seed 7+r gets case (p + r + (1 if Chinese else 0)) % 4:
    0: a good answer                                    -> verified first try
    1: a typed number, then (repair) a good answer      -> verified after repair
    2: broken JSON, then broken JSON again              -> failed its checks
    3: an unknown slot id, then JSON missing a key      -> failed its checks
  so the English and Chinese cases of a part differ by one. English drafts first: in (0, 1)
  both verify; in (1, 2) the verified English is dropped for parity; in (2, 3) and (3, 0)
  the English failed, so the Chinese is not asked.

The expected counts are computed from that script, not read off the report.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Script, fake_openai  # noqa: F401  (fixture)

from writer import eval as ev
from replay_model import read_job

from writer.draft import SLOT, frame_findings, frame_messages, make_plan, section_messages
from writer.offline import _macros, _View, platform_view
from writer.vocab import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "usage.csv"
MODELS = ROOT / "data" / "models.csv"
PERIOD = "2025H1"
LANGS = ("en", "zh")
RUNS = 2
SEED = 7
TYPED = " (up 12%)"  # one typed number
BROKEN = '{"headline": "Text models keep'  # not JSON


# ------------------------------------------------------------------ the scripted models


class Script2Models:
    """Answers for both models, keyed by the job's prompt (what the server can see)."""

    def __init__(self):
        from writer.draft import Context
        from writer.load import load
        from writer.periods import parse_period, resolve_weeks
        from writer.pipeline import all_names, analyse
        from writer.prompts import load_prompts

        ds = load(DATA, MODELS)
        weeks = resolve_weeks(parse_period(PERIOD), ds.mondays)
        a = analyse(ds, weeks)
        self.plan = make_plan(a.findings, a.shares.charts)
        self.ctx = Context(a.findings, a.ledger, all_names(ds), weeks.label,
                           weeks.start.isoformat(), weeks.end.isoformat(), weeks.count,
                           Vocabulary())
        prompts = load_prompts(None)
        # Jobs in draft_with_llm's order: per language, the frame then each section.
        self.jobs: list[str] = []
        self.prompt: dict[str, str] = {}
        self.good: dict[str, dict] = {}
        for lang in LANGS:
            m = _macros(None, lang)
            key = f"frame/{lang}"
            self.jobs.append(key)
            self.prompt[key] = frame_messages(self.ctx, prompts, self.plan, lang)[1][1]
            views = [_View(f, lang, self.ctx.weeks, self.ctx.vocab) for f in self.plan.highlights]
            platform = platform_view(self.ctx, self.plan, lang)
            self.good[key] = {
                "title": str(m.title([str(m.story(v)) for v in views[:2]])).strip(),
                "lead": str(m.lead(platform)).strip(),
                "highlights": [str(m.highlight(v)).strip() for v in views],
                "conclusion": str(m.conclusion(platform, [v.kind for v in views],
                                               [str(m.story(v)) for v in views[:2]])).strip(),
            }
            for section in self.plan.sections:
                key = f"{section.chart}/{lang}"
                self.jobs.append(key)
                self.prompt[key] = section_messages(self.ctx, prompts, section, lang)[1][1]
                views = [_View(f, lang, self.ctx.weeks, self.ctx.vocab) for f in section.findings]
                self.good[key] = {
                    "headline": str(m.headline(views[0])).strip(),
                    "bullets": [str(m.bullet(v)).strip() for v in views],
                    "takeaway": str(m.takeaway(views[0])).strip(),
                }
        for key, answer in self.good.items():
            answer["facts_used"] = sorted(self.slot_ids(key))

    def slot_ids(self, key: str) -> set[str]:
        texts = [v for v in self.good[key].values() if isinstance(v, str)]
        texts += [x for v in self.good[key].values() if isinstance(v, list) for x in v]
        return {f"{m[1]}.{m[2]}" for t in texts for m in SLOT.finditer(t) if m[2]}

    def job_of(self, body: dict) -> str:
        # By what the request asks for, not by its whole text: Chinese prompts carry the
        # English text's slots, and frames the drafted sections, which vary per run.
        part, lang, _ = read_job(body)
        return f"{part}/{lang}"

    def case(self, key: str, run: int) -> int:
        part, lang = key.split("/")
        p = self.jobs.index(f"{part}/en")
        return (p + run + (1 if lang == "zh" else 0)) % 4

    def answer(self, body: dict) -> Script:
        key = self.job_of(body)
        round_ = sum(m["role"] == "user" for m in body["messages"]) - 1
        good = dict(self.good[key])
        if body["model"] == "good":
            return Script(json.dumps(good, ensure_ascii=False))
        case = self.case(key, body["seed"] - SEED)
        text_key = "conclusion" if key.startswith("frame/") else "headline"
        if case == 0 or (case == 1 and round_ == 1):
            return Script(json.dumps(good, ensure_ascii=False))
        if case == 1:
            good[text_key] += TYPED
            return Script(json.dumps(good, ensure_ascii=False))
        if case == 2:
            return Script(BROKEN)
        if round_ == 0:
            good[text_key] += " {{F999.share}}"
            return Script(json.dumps(good, ensure_ascii=False))
        del good["facts_used"]
        return Script(json.dumps(good, ensure_ascii=False), delay=0.01)

    # --- what the report must say -------------------------------------------------------------

    def offered(self, key: str) -> set[str]:
        part = key.split("/")[0]
        findings = frame_findings(self.plan) if part == "frame" else next(
            s.findings for s in self.plan.sections if s.chart == part)
        return {fact.id for f in findings for fact in f.facts.values() if fact.unit != "date"}

    def expected(self, model: str) -> dict:
        """English drafts first; a part whose English failed is not asked in Chinese; a part
        verified in English whose Chinese failed is dropped for parity."""
        first = repaired = failed = dropped = not_asked = replies = invalid = schema = 0
        typed = unknown = cited = offered = pairs = equal = 0
        for run in range(RUNS):
            for key in self.jobs:
                offered += len(self.offered(key))
            for key in [k for k in self.jobs if k.endswith("/en")]:
                zh = key[:-3] + "/zh"
                asked = [key]
                en_case = 0 if model == "good" else self.case(key, run)
                if en_case in (0, 1):
                    asked.append(zh)
                else:
                    not_asked += 1
                verified = []
                for job in asked:
                    case = 0 if model == "good" else self.case(job, run)
                    first += case == 0
                    repaired += case == 1
                    failed += case in (2, 3)
                    replies += 1 if case == 0 else 2
                    invalid += 2 if case == 2 else 0
                    schema += case == 3
                    typed += case == 1
                    unknown += case == 3
                    if case in (0, 1):
                        cited += len(self.slot_ids(job) & self.offered(job))
                        verified.append(job)
                if len(verified) == 2:
                    pairs += 1
                    equal += self.slot_ids(key) == self.slot_ids(zh)
                elif verified:
                    dropped += 1
        n = len(self.jobs) * RUNS
        return {"total": n, "first_try": first, "repaired": repaired, "failed": failed,
                "not_asked": not_asked, "dropped": dropped,
                "fallback": failed + not_asked + dropped,
                "replies": replies, "invalid_json": invalid, "bad_schema": schema,
                "typed_numbers": typed, "unknown_fact_ids": unknown,
                "coverage": (cited, offered), "parity": (pairs, equal)}


@pytest.fixture(scope="module")
def script() -> Script2Models:
    return Script2Models()


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="writer eval")
    ev.add_arguments(parser)
    return parser.parse_args(list(argv))


def eval_args(server: FakeOpenAI, out: Path, *extra: str) -> argparse.Namespace:
    return parse("--period", PERIOD, "--base-url", server.base_url, "--model", "sloppy",
                 "--model", "good", "--runs", str(RUNS), "--seed", str(SEED),
                 "--data", str(DATA), "--models", str(MODELS), "--out", str(out), *extra)


def png_size_and_pixels(data: bytes) -> tuple[int, int, set[bytes]]:
    """Decode a PNG (8-bit RGB/RGBA, no interlace) with zlib: width, height, distinct pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    idat = b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks.setdefault(kind, body)
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and color in (2, 6)
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    pixels: set[bytes] = set()
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 7 == 0:
            pixels.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp * 5))
        prev = line
    return width, height, pixels


# ------------------------------------------------------------------ tests


@pytest.fixture
def run_eval(fake_openai, script, tmp_path, monkeypatch):  # noqa: F811
    """Start the scripted server, run eval from an empty working folder; return what it did."""
    monkeypatch.chdir(tmp_path)
    for var in ("WRITER_BASE_URL", "OPENAI_BASE_URL", "WRITER_MODEL", "WRITER_API_KEY_ENV"):
        monkeypatch.delenv(var, raising=False)
    server = fake_openai(script.answer, models={"good", "sloppy"})

    def go(out: Path, *extra: str):
        stdout, stderr = io.StringIO(), io.StringIO()
        code = ev.run(eval_args(server, out, *extra), stdout, stderr)
        return code, stdout.getvalue(), stderr.getvalue()

    return server, go


def test_ranks_good_above_sloppy_with_exact_counts(run_eval, script, tmp_path):
    server, go = run_eval
    prices = tmp_path / "prices.toml"
    prices.write_text('[models."good"]\ninput_per_mtok = 2.0\noutput_per_mtok = 8.0\n')
    code, stdout, stderr = go(tmp_path / "out", "--prices", str(prices))
    assert code == 0, stderr

    report = json.loads((tmp_path / "out" / "eval.json").read_text())
    assert [m["model"] for m in report["models"]] == ["good", "sloppy"]
    assert [m["rank"] for m in report["models"]] == [1, 2]
    assert report["seeds"] == [7, 8] and report["cache"] is False
    for m in report["models"]:
        want = script.expected(m["model"])
        s, r = m["sections"], m["replies"]
        assert (s["total"], s["first_try"], s["repaired"], s["failed_checks"], s["not_asked"],
                s["dropped_for_parity"], s["fallback"]) == (
            want["total"], want["first_try"], want["repaired"], want["failed"],
            want["not_asked"], want["dropped"], want["fallback"]), m["model"]
        assert (r["total"], r["invalid_json"], r["bad_schema"], r["typed_numbers"],
                r["unknown_fact_ids"]) == (want["replies"], want["invalid_json"],
                                           want["bad_schema"], want["typed_numbers"],
                                           want["unknown_fact_ids"]), m["model"]
        assert (m["coverage"]["cited"], m["coverage"]["offered"]) == want["coverage"]
        assert (m["parity"]["pairs"], m["parity"]["equal"]) == want["parity"]
        assert m["requests"]["failed"] == 0
        assert m["latency_s"]["median"] > 0 and m["latency_s"]["p95"] >= m["latency_s"]["median"]
    good, sloppy = report["models"]
    # The numbers the pattern gives for 12 jobs × 2 runs, spelled out. English drafts first:
    # 5 parts fail in English, so their Chinese is not asked; of the 19 jobs asked, cases
    # 0/1/2/3 come up 3/7/7/2 times; 3 parts verify in both languages, and 4 verify in
    # English only and are dropped for parity.
    assert (good["sections"]["first_try"], good["sections"]["fallback"]) == (24, 0)
    assert (sloppy["sections"]["first_try"], sloppy["sections"]["repaired"],
            sloppy["sections"]["failed_checks"], sloppy["sections"]["not_asked"],
            sloppy["sections"]["dropped_for_parity"]) == (3, 7, 9, 5, 4)
    assert sloppy["sections"]["fallback"] == 9 + 5 + 4
    assert (sloppy["replies"]["invalid_json"], sloppy["replies"]["bad_schema"],
            sloppy["replies"]["typed_numbers"], sloppy["replies"]["unknown_fact_ids"]) == (
        14, 2, 7, 2)
    assert (sloppy["parity"]["pairs"], sloppy["parity"]["equal"]) == (3, 3)
    # Requests made: good 24, sloppy 3×1 + 16×2.
    assert len(server.chat_requests()) == 24 + 35

    # Tokens and cost: the fake server counts words; the cost uses the given prices.
    posts = RUNS * len(LANGS)
    tokens = good["tokens_per_post"]
    assert tokens["total"] == pytest.approx(tokens["prompt"] + tokens["completion"], abs=0.2)
    assert good["cost_per_post_usd"] == pytest.approx(
        (tokens["prompt"] * 2.0 + tokens["completion"] * 8.0) / 1e6, rel=1e-3)
    assert sloppy["cost_per_post_usd"] is None and posts == 4

    md = (tmp_path / "out" / "eval.md").read_text()
    assert md.index("`good`") < md.index("`sloppy`")
    assert "| 1 | `good` | 24/24 (100%) | 0 (0%) | 0 | 0 | 0 (0%) |" in md
    assert "| 2 | `sloppy` | 3/24 (12%) | 7 (29%) | 9 | 4 | 18 (75%) |" in md
    assert "| `sloppy` | 35 | 14 | 2 | 7 (in 7 replies) | 2 |" in md
    assert "| text/zh | 0 | 0 | 1 | 1 | 0 | 2 |" in md  # failed in run 1, not asked in run 2
    assert stdout.splitlines()[:2] == [str(tmp_path / "out" / "eval.md"),
                                       str(tmp_path / "out" / "eval.json")]


def test_cache_is_off_and_the_json_is_deterministic(run_eval, tmp_path):
    server, go = run_eval
    go(tmp_path / "a")
    first = len(server.chat_requests())
    go(tmp_path / "b")
    assert len(server.chat_requests()) == 2 * first  # every answer was asked for again
    assert not list(tmp_path.rglob("responses"))  # and none was cached

    text = (tmp_path / "a" / "eval.json").read_text()

    def keys(node, path=""):
        if isinstance(node, dict):
            assert list(node) == sorted(node), path
            for k, v in node.items():
                keys(v, f"{path}.{k}")
        elif isinstance(node, list):
            for v in node:
                keys(v, path)

    keys(json.loads(text))
    # Apart from timings, two evals give the same report.
    strip = re.compile(r'"(median|p95|wall_s)": [0-9.]+')
    assert strip.sub("", text) == strip.sub("", (tmp_path / "b" / "eval.json").read_text())


def test_chart_renders_and_nothing_but_the_report_is_written(run_eval, tmp_path):
    _, go = run_eval
    before = set(tmp_path.rglob("*"))
    go(tmp_path / "out")
    created = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
               if p not in before and p.is_file()}
    assert not any("_posts" in p for p in created)
    assert created == {"out/eval.md", "out/eval.json", "out/eval-chart.svg",
                       "out/eval-chart.png", "out/eval-chart.vl.json",
                       "out/.llm-modes/modes.json"}

    out = tmp_path / "out"
    svg = (out / "eval-chart.svg").read_text()
    assert svg.startswith("<svg") and "good" in svg and "sloppy" in svg
    spec = json.loads((out / "eval-chart.vl.json").read_text())
    assert len(spec["hconcat"]) == 2
    width, height, pixels = png_size_and_pixels((out / "eval-chart.png").read_bytes())
    assert width > 400 and height > 100
    assert len(pixels) > 5  # not blank: background, text and bars
    assert bytes.fromhex("2e7d32") in pixels  # the first-try bars are drawn
    assert bytes.fromhex("3b4a6b") in pixels  # and the latency bars


def test_seeds_are_sent_per_run(run_eval, tmp_path):
    server, go = run_eval
    go(tmp_path / "out", "--lang", "en")
    seeds = {r.body["seed"] for r in server.chat_requests()}
    assert seeds == {7, 8}


def test_unreachable_model_is_reported_and_exits_1(fake_openai, tmp_path,  # noqa: F811
                                                   monkeypatch):
    monkeypatch.chdir(tmp_path)
    server = fake_openai(lambda body: "{}", models={"good"})
    args = parse("--period", PERIOD, "--base-url", server.base_url, "--model", "missing",
                 "--runs", "1", "--lang", "en", "--data", str(DATA), "--models", str(MODELS),
                 "--out", str(tmp_path / "out"))
    stderr = io.StringIO()
    assert ev.run(args, io.StringIO(), stderr) == 1
    report = json.loads((tmp_path / "out" / "eval.json").read_text())
    (m,) = report["models"]
    assert m["requests"]["answered"] == 0 and m["sections"]["fallback"] == m["sections"]["total"]
    assert "404" in m["errors"][0]
    assert "no request to model 'missing' was answered" in stderr.getvalue()


def test_bad_prices_file_names_the_key(tmp_path):
    from writer.errors import InputError

    path = tmp_path / "prices.toml"
    path.write_text('[models."good"]\ninput_per_mtok = "cheap"\noutput_per_mtok = 1\n')
    with pytest.raises(InputError, match=r'models."good".input_per_mtok must be a number'):
        ev.load_prices(path, ["good"])


def test_flags_and_defaults():
    args = parse("--period", "2025H1", "--model", "a", "--model", "b")
    assert args.model == ["a", "b"] and args.runs == 5 and args.seed == 7
    assert args.lang == "en,zh" and args.out == "output/eval" and args.prices is None
    with pytest.raises(SystemExit):
        parse("--model", "a")  # --period is required


def test_percentile_matches_linear_interpolation():
    assert ev.percentile([1, 2, 3, 4], 50) == 2.5
    assert ev.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert ev.percentile([], 95) is None


# ------------------------------------------------------------------ a real model (opt-in)


@pytest.mark.realllm
def test_real_model(tmp_path, monkeypatch):
    url = os.environ.get("WRITER_REAL_LLM_URL")
    if not url:
        pytest.skip("set WRITER_REAL_LLM_URL (and WRITER_REAL_LLM_MODEL) to run against a "
                    "real OpenAI-compatible server")
    model = os.environ.get("WRITER_REAL_LLM_MODEL", "smollm2")
    monkeypatch.chdir(tmp_path)
    # Small local models are slow: give each request time, one at a time.
    (tmp_path / "writer.toml").write_text("[llm]\ntimeout = 600\nmax_retries = 1\n")
    args = parse("--period", PERIOD, "--base-url", url, "--model", model, "--runs",
                 os.environ.get("WRITER_REAL_LLM_RUNS", "1"), "--lang", "en,zh",
                 "--concurrency", "1", "--data", str(DATA), "--models", str(MODELS),
                 "--out", str(tmp_path / "out"))
    stderr = io.StringIO()
    code = ev.run(args, io.StringIO(), stderr)
    print(stderr.getvalue())
    report = json.loads((tmp_path / "out" / "eval.json").read_text())
    print((tmp_path / "out" / "eval.md").read_text())
    (m,) = report["models"]
    assert code == 0 and m["requests"]["answered"] > 0
    s = m["sections"]
    assert s["first_try"] + s["repaired"] + s["fallback"] == s["total"] > 0
    assert (tmp_path / "out" / "eval-chart.png").stat().st_size > 0
    assert not list(tmp_path.rglob("_posts"))
