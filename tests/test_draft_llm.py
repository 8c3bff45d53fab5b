"""Drafting with an LLM, against a real OpenAI-compatible HTTP server on 127.0.0.1.

Nothing here patches the openai client: every request crosses a socket to
tests/fake_openai.py, and what was sent is read from that server's request log.

The scripted model (`ScriptedModel`) reads each request like a model would: the section or
frame it is asked for, the language, the findings JSON with their slots and the slots it
must use. It answers with bullets that put those slots in bold, so one responder serves
every section and language, concurrently and in any order. Faults are scripted per job
("video/en"): the n-th request of that job gets the n-th fault, then good answers.

Fast cases call writer.draft.draft_with_llm directly (no charts). A few true end-to-end cases
run `python -m writer draft --llm openai` in a subprocess, in a temporary working folder so
the LLM cache (<--out>/.cache/llm) lands there too.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import threading
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import DATA, MODELS, build_sample, clean_env, draft_args, run_writer
from fake_openai import (
    FakeOpenAI,
    Script,
    dropped,
    rate_limited,
    server_error,
    unauthorized,
)

from writer.draft import LANGS, draft_with_llm
from writer.vocab import Vocabulary
from writer.llm import OpenAIBackend
from writer.offline import write_offline
from writer.post import split_post
from writer.settings import LLMSettings
from writer.verify import verify_text

SECRET = "sk-test-SECRET-9f8e7d"
KEY_VAR = "WRITER_TEST_KEY"


# --------------------------------------------------------------------------------------------
# The scripted model
# --------------------------------------------------------------------------------------------

SLOT = re.compile(r"\{\{[^{}]+\}\}")
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_CHART = {"reasoning": "推理", "text": "文本"}


def _plain(title: str) -> str:
    return title.split(" ", 1)[1] if title and not title[0].isalnum() and " " in title else title


TITLE_TO_CHART = {_plain(Vocabulary().title(chart, lang)): chart for lang in LANGS
                  for chart in ("text", "reasoning", "image", "video", "audio")}


def read_request(body: dict) -> dict:
    """What a model reads in a drafting request: job, language, findings, slots to use."""
    messages = body.get("messages", [])
    system = next((str(m["content"]) for m in messages if m.get("role") == "system"), "")
    users = [str(m["content"]) for m in messages if m.get("role") == "user"]
    first = users[0]
    lang = "zh" if CJK.search(system) else "en"
    if '"highlights"' in first:
        part = "frame"
    else:
        title = re.search(r'Write the "(.+?)" section|报告中“(.+?)”这一部分', first)
        title = title.group(1) or title.group(2)
        part = TITLE_TO_CHART.get(title, title)
    findings = json.loads(re.search(r"```json\n(.*?)\n```", first, re.DOTALL).group(1))
    line = next(line for line in first.splitlines() if "at least once" in line
                or "至少用一次" in line or "must appear" in line)
    noun = re.search(r"percentage of all (.+?) on the platform|当周平台上全部(.+?)中", first)
    return {
        "key": f"{part}/{lang}", "part": part, "lang": lang, "findings": findings,
        "required": SLOT.findall(line), "noun": (noun.group(1) or noun.group(2)) if noun else None,
        "round": len(users) - 1,  # 0 = first answer, 1 = first repair round, ...
        "repair_prompt": users[-1] if len(users) > 1 else None,
    }


def sentence(finding: dict, lang: str, noun: str | None) -> str:
    """One bullet about a finding, with its key slots in it."""
    slots = {s["slot"].strip("{}").split(".", 1)[1]: s["slot"] for s in finding["slots"]}
    about = {s["slot"].strip("{}").split(".", 1)[1]: s["about"] for s in finding["slots"]}
    subject, kind = finding["subject"], finding["kind"]
    g = slots.__getitem__
    if lang == "en":
        of = f" of {noun}" if noun else ""
        if kind == "category_share":
            return (f"The share of all text messages sent to {subject} models went from "
                    f"{g('start')} to **{g('end')}**.")
        if kind == "launch_ramp":
            return (f"**{subject}** reached **{g('share')}**{of} {g('weeks_after_launch')} "
                    "after its launch.")
        if kind in ("rise", "fall"):
            verb = "grew" if kind == "rise" else "slipped"
            return f"**{subject}** {verb} from {g('start')} to **{g('end')}**{of}."
        if kind == "provider_change":
            return f"**{subject}**'s models together went from {g('start')} to **{g('end')}**{of}."
        if kind == "peak_decline":
            return (f"**{subject}** peaked at **{g('peak')}**{of}, then fell back to "
                    f"**{g('end')}** by the end of the period.")
        if kind == "concentration":
            return (f"**{subject}** handled **{g('share')}**{of} at the end of the period; the "
                    f"remaining {g('rest')} went to its rivals.")
        if kind == "leader":
            return (f"**{subject}** led{of} with **{g('share')}** at the end of the period, "
                    f"{g('gap')} ahead of {about['runner_up']}.")
        if kind == "succession":
            pred = about["predecessor_end"]
            return (f"**{subject}** is taking over from {pred}: it ended the period at "
                    f"**{g('share')}**{of}, while {pred} fell to {g('predecessor_end')}.")
        if kind == "steady":
            return f"**{subject}** has stayed at **{g('share')}**{of} for {g('weeks')}."
        if kind == "small_share":
            return ("Some launches stayed small: "
                    + ", ".join(f"one peaked at {slot}" for slot in slots.values()) + ".")
    else:
        if kind == "category_share":
            return (f"发给{ZH_CHART.get(subject, subject)}模型的消息在全部文本消息中的占比，"
                    f"从{g('start')}升至 **{g('end')}**。")
        if kind == "launch_ramp":
            return (f"**{subject}** 上线{g('weeks_after_launch')}后就拿下了 **{g('share')}** "
                    f"的{noun or '份额'}。")
        if kind in ("rise", "fall"):
            verb = "升至" if kind == "rise" else "降至"
            return f"**{subject}** 的份额从{g('start')}{verb} **{g('end')}**。"
        if kind == "provider_change":
            return f"**{subject}** 旗下模型的合计份额从{g('start')}变为 **{g('end')}**。"
        if kind == "peak_decline":
            return f"**{subject}** 一度达到 **{g('peak')}** 的峰值，期末降至 **{g('end')}**。"
        if kind == "concentration":
            return (f"**{subject}** 期末拿下了 **{g('share')}** 的{noun or '份额'}；"
                    f"其余{g('rest')}由其他对手瓜分。")
        if kind == "leader":
            return (f"**{subject}** 期末以 **{g('share')}** 领跑，比{about['runner_up']}高出"
                    f"{g('gap')}。")
        if kind == "succession":
            pred = about["predecessor_end"]
            return (f"**{subject}** 正在取代{pred}：期末拿下 **{g('share')}**，"
                    f"而{pred}降至{g('predecessor_end')}。")
        if kind == "steady":
            return f"**{subject}** 已连续{g('weeks')}保持在 **{g('share')}**。"
        if kind == "small_share":
            return ("一些新模型用量很小：" + "、".join(f"最高仅{slot}" for slot in slots.values())
                    + "。")
    raise AssertionError(f"the scripted model has no sentence for a {kind} finding")


HEADLINE = {"en": "Scripted headline: newer models win users fast",
            "zh": "脚本标题：新模型很快赢得用户"}
TAKEAWAY = {"en": "Scripted takeaway: users follow the newest releases.",
            "zh": "脚本总结：用户紧跟最新发布的模型。"}


def good_answer(info: dict) -> dict:
    lang, findings = info["lang"], info["findings"]
    bullets = [sentence(f, lang, info["noun"]) for f in findings]
    used = sorted({s.strip("{}") for b in bullets for s in SLOT.findall(b)})
    if info["part"] != "frame":
        return {"headline": HEADLINE[lang], "bullets": bullets, "takeaway": TAKEAWAY[lang],
                "facts_used": used}
    en = lang == "en"
    return {
        "title": ("{{period}} AI model usage trends: scripted title" if en
                  else "{{period}}AI模型使用趋势报告：脚本标题"),
        "lead": ("Scripted lead: weekly message shares across the platform's models, and what "
                 "changed." if en else "脚本导语：平台上各模型的每周消息份额，以及其中的变化。"),
        "highlights": [(f"**{f['subject']} stands out**: " if en
                        else f"**{f['subject']}表现突出**：") + b
                       for f, b in zip(findings, bullets)],
        "conclusion": ("Scripted conclusion: we will keep watching these shifts." if en
                       else "脚本结语：我们会继续关注这些变化。"),
        "facts_used": used,
    }


class ScriptedModel:
    """A responder for FakeOpenAI: good answers, except for the faults scripted per job.

    faults: {"video/en": [fault, ...]}: the n-th request of that job (transport retries and
    repair rounds included) gets the n-th fault, later ones a good answer; {"video/en":
    always(fault)} gives the fault every time. A fault is a Script (a transport fault) or a
    function of the request info returning the reply text.
    """

    def __init__(self, faults: dict | None = None, delay: float = 0.0):
        self.faults = faults or {}
        self.delay = delay
        self.seen: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    def __call__(self, body: dict) -> Script:
        info = read_request(body)
        with self._lock:
            n = self.seen[info["key"]]
            self.seen[info["key"]] += 1
        plan = self.faults.get(info["key"], [])
        fault = plan(n) if callable(plan) else (plan[n] if n < len(plan) else None)
        if fault is None:
            return Script(content=json.dumps(good_answer(info), ensure_ascii=False),
                          delay=self.delay)
        if isinstance(fault, Script):
            return fault
        return Script(content=fault(info), delay=self.delay)


def always(fault):
    return lambda n: fault


def edited(change):
    """A fault: the good answer, changed by change(answer_dict, info)."""
    def fault(info):
        answer = good_answer(info)
        change(answer, info)
        return json.dumps(answer, ensure_ascii=False)
    return fault


MALFORMED = '{"headline": "Kling-2.0 takes off", "bullets": ["**Kling-2.0** reached'


def bad_json(info):
    return MALFORMED


def _unknown(answer, info):
    answer["bullets"][0] = SLOT.sub("{{F999.share}}", answer["bullets"][0], count=1)


unknown_slot = edited(_unknown)


def typed(words_en: str, words_zh: str):
    """A fault: a bullet with a number the model typed itself, and a marker to find it by."""
    def change(answer, info):
        answer["bullets"][0] += (f" Marker: it took {words_en}." if info["lang"] == "en"
                                 else f"插话：只用了{words_zh}。")
    return edited(change)


def _wrong_entity(answer, info):
    # F16.peak is Kling-1.6's peak share (15%); Runway never had 15% of video generations.
    answer["bullets"].append("**Runway** fell to **{{F16.peak}}** of video generations."
                             if info["lang"] == "en"
                             else "**Runway** 的份额降至 **{{F16.peak}}**。")


wrong_entity = edited(_wrong_entity)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def make_backend(server: FakeOpenAI, folder: Path, *, sleep=None, **overrides) -> OpenAIBackend:
    options = {"backend": "openai", "base_url": server.base_url, "model": "m",
               "cache_dir": folder / "cache", "max_retries": 3, "timeout": 10}
    options.update(overrides)
    return OpenAIBackend(LLMSettings(**options), env={KEY_VAR: SECRET, "OPENAI_API_KEY": SECRET},
                         sleep=Sleeps() if sleep is None else sleep)


def by_job(server: FakeOpenAI) -> dict[str, list]:
    """The chat requests in the server's log, grouped by job ("video/en"), in arrival order."""
    out = defaultdict(list)
    for r in server.chat_requests():
        out[read_request(r.body)["key"]].append(r)
    return out


def last_user(logged) -> str:
    return [m["content"] for m in logged.body["messages"] if m["role"] == "user"][-1]


def run_draft(sample, server, tmp_path, *, repair=1, concurrency=8, sleep=None, events=None,
              **settings):
    offline = {lang: write_offline(sample.ctx, sample.plan, lang) for lang in LANGS}
    with make_backend(server, tmp_path, sleep=sleep, **settings) as backend:
        drafts, outcomes = draft_with_llm(sample.ctx, sample.prompts, sample.plan, LANGS, backend,
                                          offline, concurrency=concurrency, repair=repair,
                                          on_event=(events.append if events is not None else None))
    return drafts, {o.key: o for o in outcomes}, offline


def all_text(draft) -> str:
    parts = [draft.frame.title, draft.frame.lead, *draft.frame.highlights, draft.frame.conclusion]
    for s in draft.sections:
        parts += [s.headline, *s.bullets, s.takeaway]
    return "\n".join(parts)


def assert_every_number_verifies(sample, drafts) -> None:
    for lang, d in drafts.items():
        for s in d.sections:
            for text in (s.headline, *s.bullets, s.takeaway):
                assert verify_text(text, lang, sample.ctx.ledger, chart=s.chart) == (), text
        for text in (d.frame.title, d.frame.lead, *d.frame.highlights, d.frame.conclusion):
            assert verify_text(text, lang, sample.ctx.ledger) == (), text
        assert "{{" not in all_text(d) and "}}" not in all_text(d)


def section_of(draft, chart: str):
    return next(s for s in draft.sections if s.chart == chart)


JOBS = [f"{part}/{lang}" for lang in LANGS
        for part in ("frame", "text", "reasoning", "image", "video", "audio")]


# --------------------------------------------------------------------------------------------
# A good answer
# --------------------------------------------------------------------------------------------


def test_good_answers_become_the_draft(sample, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel())
    drafts, outcomes, _ = run_draft(sample, server, tmp_path)

    assert {k: o.status for k, o in outcomes.items()} == {k: "llm" for k in JOBS}
    jobs = by_job(server)
    assert sorted(jobs) == sorted(JOBS) and all(len(v) == 1 for v in jobs.values())
    # structured output: the schema goes in response_format, and the key in a header
    for r in server.chat_requests():
        assert r.body["response_format"]["type"] == "json_schema" and r.had_authorization
    for lang in LANGS:
        d = drafts[lang]
        assert d.fallback_sections == ()
        assert d.frame.source == "llm" and d.frame.title.startswith(
            "January–May 2025 AI" if lang == "en" else "2025年1月至5月AI")
        for s in d.sections:
            assert s.source == "llm" and s.headline == HEADLINE[lang]
    video = section_of(drafts["en"], "video")
    assert video.bullets[0] == ("**Kling-2.0** reached **21%** of video generations three weeks "
                                "after its launch.")
    assert section_of(drafts["zh"], "video").bullets[0] == \
        "**Kling-2.0** 上线3周后就拿下了 **21%** 的视频生成请求。"
    assert_every_number_verifies(sample, drafts)
    assert set(drafts["en"].facts) == set(drafts["zh"].facts)


def test_a_story_across_sections(sample, fake_openai, tmp_path):
    """Each section sees a line about every other; the frame sees every part's leading
    findings and the text drafted for it (the English frame the English sections', after
    them; the Chinese frame the Chinese ones)."""
    server = fake_openai(ScriptedModel())
    run_draft(sample, server, tmp_path)
    jobs = by_job(server)
    video = read_request(jobs["video/en"][0].body)
    user = [m["content"] for m in jobs["video/en"][0].body["messages"] if m["role"] == "user"][0]
    assert "The other sections of the post tell these stories" in user
    assert "- Audio generation (text to speech): ElevenLabs (holds most of the chart)" in user
    assert "- Video generation:" not in user and video["part"] == "video"
    for lang in LANGS:
        (frame,) = jobs[f"frame/{lang}"]
        text = last_user(frame)
        assert text.count(HEADLINE[lang]) == 5  # every section's drafted headline
        assert "**Kling-2.0** reached **{{F2.share}}**" in text if lang == "en" else \
            "**Kling-2.0** 上线{{F2.weeks_after_launch}}后就拿下了 **{{F2.share}}**" in text
        assert '"subject": "ElevenLabs"' in text  # the audio part's leading finding
        # asked after its language's sections were answered
        last_section = max(r.finished for k, v in jobs.items() if k.endswith(f"/{lang}")
                           and not k.startswith("frame") for r in v)
        assert frame.arrived >= last_section


# --------------------------------------------------------------------------------------------
# Transport faults: retried, then the answer is used as if nothing happened
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fault, statuses", [
    (rate_limited(1), [429, 200]),
    (server_error(500), [500, 200]),
    (server_error(503), [503, 200]),
    (dropped(), [0, 200]),
])
def test_transport_fault_is_retried(sample, fake_openai, tmp_path, fault, statuses):
    server = fake_openai(ScriptedModel({"text/en": [fault]}))
    sleeps, events = Sleeps(), []
    drafts, outcomes, _ = run_draft(sample, server, tmp_path, sleep=sleeps, events=events)

    assert [r.status for r in by_job(server)["text/en"]] == statuses
    assert outcomes["text/en"].status == "llm"  # retried at the transport: no repair round
    assert all(o.status == "llm" for o in outcomes.values())
    assert len(sleeps) == 1
    if statuses[0] == 429:
        assert sleeps == [1.0]  # the server's Retry-After
    assert [e.key for e in events if e.status == "retried"] == ["text/en"]
    assert section_of(drafts["en"], "text").source == "llm"
    assert_every_number_verifies(sample, drafts)


def test_401_is_not_retried_and_every_part_falls_back(sample, fake_openai, tmp_path):
    # This server wants another key, and echoes the one it got in its error text.
    server = fake_openai(ScriptedModel(), api_key="sk-the-right-one")
    events = []
    drafts, outcomes, offline = run_draft(sample, server, tmp_path, events=events,
                                          api_key_env=KEY_VAR)

    jobs = by_job(server)
    # English drafts first; a Chinese part whose English fell back is not asked at all
    assert sorted(jobs) == sorted(k for k in JOBS if k.endswith("/en"))
    assert all([r.status for r in v] == [401] for v in jobs.values())  # no retry, no repair
    for key, o in outcomes.items():
        assert o.status == "fallback"
        if key.endswith("/en"):
            assert f"the API key in ${KEY_VAR} was rejected" in o.problems[0]
            assert "--api-key-env" in o.problems[0]
        else:
            assert not o.asked and "the en text fell back" in o.problems[0]
    for lang in LANGS:
        assert drafts[lang].fallback_sections == ("frame", "text", "reasoning", "image", "video",
                                                  "audio")
        assert all_text(drafts[lang]) == all_text(offline[lang])
    assert SECRET not in repr(outcomes) + repr(events)


# --------------------------------------------------------------------------------------------
# Content faults: a repair round in which the model sees its problems, then a fallback
# --------------------------------------------------------------------------------------------


def test_malformed_json_gets_a_repair_round(sample, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel({"reasoning/zh": [bad_json]}))
    drafts, outcomes, _ = run_draft(sample, server, tmp_path)

    _, second = by_job(server)["reasoning/zh"]
    roles = [m["role"] for m in second.body["messages"]]
    assert roles == ["system", "user", "assistant", "user"]
    assert second.body["messages"][2]["content"] == MALFORMED  # the model sees its answer
    repair = last_user(second)
    assert "你的回答未能通过程序核对" in repair  # the Chinese repair template
    assert "the answer is not a JSON object" in repair
    assert outcomes["reasoning/zh"].status == "llm-repaired"
    assert section_of(drafts["zh"], "reasoning").source == "llm-repaired"
    assert all(o.status == "llm" for k, o in outcomes.items() if k != "reasoning/zh")
    assert_every_number_verifies(sample, drafts)


def test_unknown_fact_id_is_repaired(sample, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel({"video/en": [unknown_slot]}))
    drafts, outcomes, _ = run_draft(sample, server, tmp_path)

    _, second = by_job(server)["video/en"]
    repair = last_user(second)
    assert "A program checked it and found these problems" in repair
    assert "bullet 1: the slot {{F999.share}} names no fact you were given" in repair
    assert outcomes["video/en"].status == "llm-repaired"
    assert "F999" not in all_text(drafts["en"])
    assert_every_number_verifies(sample, drafts)


def test_unknown_fact_id_that_persists_falls_back_in_every_language(sample, fake_openai,
                                                                    tmp_path):
    server = fake_openai(ScriptedModel({"video/en": always(unknown_slot)}))
    drafts, outcomes, offline = run_draft(sample, server, tmp_path)

    assert len(by_job(server)["video/en"]) == 2  # the answer and one repair round (--repair 1)
    # The posts must cite the same facts: with no English text, Chinese is not even asked.
    assert len(by_job(server)["video/zh"]) == 0
    assert outcomes["video/en"].status == "fallback"
    assert any("{{F999.share}} names no fact" in p for p in outcomes["video/en"].problems)
    assert outcomes["video/zh"].status == "fallback" and not outcomes["video/zh"].asked
    assert "the en text fell back" in outcomes["video/zh"].problems[0]
    assert drafts["zh"].reasons["video"].startswith("the en text fell back")
    for lang in LANGS:
        got = section_of(drafts[lang], "video")
        assert got == replace(section_of(offline[lang], "video"), source="fallback")
        assert drafts[lang].fallback_sections == ("video",)
        assert "F999" not in all_text(drafts[lang])
        assert section_of(drafts[lang], "audio").source == "llm"
    assert set(drafts["en"].facts) == set(drafts["zh"].facts)
    assert_every_number_verifies(sample, drafts)


@pytest.mark.parametrize("words_en, words_zh, shown", [
    ("21%", "21%", "21%"),
    ("three weeks", "三周", "three weeks"),
])
def test_typed_number_is_repaired_then_falls_back(sample, fake_openai, tmp_path, words_en,
                                                  words_zh, shown):
    fault = typed(words_en, words_zh)
    server = fake_openai(ScriptedModel({"image/en": always(fault), "image/zh": [fault]}))
    drafts, outcomes, offline = run_draft(sample, server, tmp_path)

    en = by_job(server)["image/en"]
    assert len(en) == 2
    assert f"bullet 1: you typed the number '{shown}' yourself" in last_user(en[1])
    assert len(by_job(server)["image/zh"]) == 0  # en fell back: zh is not asked
    assert outcomes["image/en"].status == "fallback"
    assert outcomes["image/zh"].status == "fallback"
    for lang in LANGS:
        text = all_text(drafts[lang])
        assert "Marker" not in text and "插话" not in text
        assert section_of(drafts[lang], "image") == replace(section_of(offline[lang], "image"),
                                                            source="fallback")
    assert_every_number_verifies(sample, drafts)


def test_wrong_entity_is_caught_by_verification_and_repaired(sample, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel({"video/en": [wrong_entity], "video/zh": [wrong_entity]}))
    drafts, outcomes, _ = run_draft(sample, server, tmp_path)

    for lang in LANGS:
        _, second = by_job(server)[f"video/{lang}"]
        assert "no share of Runway is" in last_user(second)
        # the repair teaches: the checker's reason, the slot that gave the figure, the true
        # value, and the model's own text with its slots
        assert "from your slot {{F16.peak}}); the data says: Runway:" in last_user(second)
        assert ("**Runway** fell to **{{F16.peak}}** of video generations." if lang == "en"
                else "**Runway** 的份额降至 **{{F16.peak}}**。") in last_user(second)
        assert outcomes[f"video/{lang}"].status == "llm-repaired"
        assert "Runway** fell to" not in all_text(drafts[lang])
        assert "Runway** 的份额降至" not in all_text(drafts[lang])
    assert_every_number_verifies(sample, drafts)


def test_wrong_entity_that_persists_falls_back(sample, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel({"video/zh": always(wrong_entity)}))
    drafts, outcomes, _ = run_draft(sample, server, tmp_path)

    assert outcomes["video/zh"].status == "fallback"
    assert any("no share of Runway is" in p for p in outcomes["video/zh"].problems)
    for lang in LANGS:
        assert section_of(drafts[lang], "video").source == "fallback"
        bullets = section_of(drafts[lang], "video").bullets
        assert not [b for b in bullets if "Runway" in b and "15%" in b]
    assert_every_number_verifies(sample, drafts)


def test_repair_zero_falls_back_at_once(sample, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel({"audio/en": [unknown_slot]}))
    drafts, outcomes, _ = run_draft(sample, server, tmp_path, repair=0)
    assert len(by_job(server)["audio/en"]) == 1
    assert outcomes["audio/en"].status == "fallback"
    assert drafts["en"].fallback_sections == drafts["zh"].fallback_sections == ("audio",)


def test_two_repair_rounds(sample, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel({"audio/en": [unknown_slot, bad_json]}))
    _, outcomes, _ = run_draft(sample, server, tmp_path, repair=2)
    requests = by_job(server)["audio/en"]
    assert len(requests) == 3
    assert [m["role"] for m in requests[2].body["messages"]] == \
        ["system", "user", "assistant", "user", "assistant", "user"]
    assert outcomes["audio/en"].status == "llm-repaired"


def _extra_f2_end(answer, info):
    answer["bullets"].append("**Kling-2.0** ended the period at **{{F2.end}}** of video "
                             "generations." if info["lang"] == "en" else
                             "**Kling-2.0** 期末的份额为 **{{F2.end}}**。")


def test_a_parity_gap_is_repaired_in_one_round(sample, fake_openai, tmp_path):
    """English cites an optional slot (F2.end); Chinese is asked to cite it, leaves it out,
    is told which id is missing, and cites it in its repair round."""
    server = fake_openai(ScriptedModel({"video/en": [edited(_extra_f2_end)],
                                        "video/zh": [edited(lambda a, i: None),
                                                     edited(_extra_f2_end)]}))
    drafts, outcomes, _ = run_draft(sample, server, tmp_path)

    first, second = by_job(server)["video/zh"]
    assert "{{F2.end}}" in read_request(first.body)["required"]  # parity by design
    repair = last_user(second)
    assert "parity: the English text cites {{F2.end}} and this one does not" in repair
    assert outcomes["video/zh"].status == "llm-repaired"
    assert outcomes["video/en"].status == "llm"
    assert "F2.end" in section_of(drafts["zh"], "video").facts
    assert set(drafts["en"].facts) == set(drafts["zh"].facts)
    assert drafts["en"].fallback_sections == drafts["zh"].fallback_sections == ()
    assert_every_number_verifies(sample, drafts)


def test_a_parity_gap_gets_its_round_even_with_repair_zero(sample, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel({"video/en": [edited(_extra_f2_end)],
                                        "video/zh": [edited(lambda a, i: None),
                                                     edited(_extra_f2_end)],
                                        "audio/en": [unknown_slot]}))
    _, outcomes, _ = run_draft(sample, server, tmp_path, repair=0)
    assert len(by_job(server)["video/zh"]) == 2
    assert outcomes["video/zh"].status == "llm-repaired"
    assert outcomes["audio/en"].status == "fallback"  # other problems: no round at --repair 0
    assert len(by_job(server)["audio/en"]) == 1


def test_an_unrepairable_parity_gap_falls_back_with_its_reason(sample, fake_openai, tmp_path):
    """Both answers pass their own checks, but Chinese never cites English's F2.end: after
    one repair round the part falls back in both languages, and says why."""
    server = fake_openai(ScriptedModel({"video/en": [edited(_extra_f2_end)]}))
    drafts, outcomes, offline = run_draft(sample, server, tmp_path)
    assert len(by_job(server)["video/zh"]) == 2  # the answer and its parity round
    zh, en = outcomes["video/zh"], outcomes["video/en"]
    assert zh.status == en.status == "fallback"
    assert zh.problems[0].startswith("parity gap with the en text after 1 repair round(s)")
    assert "{{F2.end}}" in zh.problems[0]
    assert en.verified == "llm"  # verified, and dropped: never silently
    assert en.problems[0].startswith("dropped although verified: the zh text fell back")
    assert drafts["zh"].reasons["video"] == "parity gap with the en text (F2.end)"
    assert drafts["en"].reasons["video"] == ("verified, dropped for parity (zh: parity gap "
                                             "with the en text (F2.end))")
    for lang in LANGS:
        assert drafts[lang].fallback_sections == ("video",)
        assert section_of(drafts[lang], "video") == replace(
            section_of(offline[lang], "video"), source="fallback")
    assert set(drafts["en"].facts) == set(drafts["zh"].facts)


def _launched_in(answer, info):
    """Veo-2's ramp, dated by the tool's own {{F3.launch}} slot, read off a gerund."""
    answer["bullets"] = [b for b in answer["bullets"] if "Veo-2" not in b]
    answer["bullets"].append(
        "**Veo-2** reached **{{F3.share}}** of video generations {{F3.weeks_after_launch}} "
        "after launching in {{F3.launch}}." if info["lang"] == "en" else
        "**Veo-2** 于{{F3.launch}}上线，{{F3.weeks_after_launch}}后就拿下了 **{{F3.share}}** "
        "的视频生成份额。")
    answer["facts_used"] = sorted({s.strip("{}") for b in answer["bullets"]
                                   for s in SLOT.findall(b)})


def test_the_mid_february_launch_sentence_lands_verified(sample, fake_openai, tmp_path):
    """Issue 17: "Veo-2 ... three weeks after launching in mid-February" (the date from the
    draft's own {{F3.launch}} slot) was rejected while "after it launched" passed. A video
    section that tells Veo-2's launch ramp (F3) instead of its steady share (F27) lands on
    the first try in both languages, and every number in it verifies."""
    ramp = next(f for f in sample.ctx.findings.findings if f.id == "F3")
    sections = []
    for s in sample.plan.sections:
        if s.chart == "video":
            s = replace(s, findings=tuple(ramp if f.id == "F27" else f for f in s.findings),
                        required=tuple(r for r in s.required if not r.startswith("F27."))
                        + ("F3.share", "F3.weeks_after_launch"))
        sections.append(s)
    plan = replace(sample.plan, sections=tuple(sections))
    server = fake_openai(ScriptedModel({"video/en": [edited(_launched_in)],
                                        "video/zh": [edited(_launched_in)]}))
    drafts, outcomes, _ = run_draft(replace(sample, plan=plan), server, tmp_path)

    assert outcomes["video/en"].status == outcomes["video/zh"].status == "llm"
    assert len(by_job(server)["video/en"]) == len(by_job(server)["video/zh"]) == 1
    en, zh = section_of(drafts["en"], "video"), section_of(drafts["zh"], "video")
    assert en.bullets[-1] == ("**Veo-2** reached **20%** of video generations three weeks "
                              "after launching in mid-February.")
    assert zh.bullets[-1] == "**Veo-2** 于2月中旬上线，3周后就拿下了 **20%** 的视频生成份额。"
    assert {"F3.share", "F3.weeks_after_launch", "F3.launch"} <= set(en.facts) == set(zh.facts)
    assert drafts["en"].fallback_sections == drafts["zh"].fallback_sections == ()
    assert_every_number_verifies(sample, drafts)
    # and the checker still reads the date: the wrong month is caught
    assert verify_text("Veo-2 reached 20% of video generations three weeks after launching "
                       "in late April.", "en", sample.ctx.ledger, chart="video")


def test_frame_falls_back_like_a_section(sample, fake_openai, tmp_path):
    def no_period_typed(answer, info):
        answer["title"] = "H1 2025 AI model usage trends"  # typed, instead of {{period}}
    server = fake_openai(ScriptedModel({"frame/en": always(edited(no_period_typed))}))
    drafts, outcomes, offline = run_draft(sample, server, tmp_path)
    assert "title: you typed the number" in last_user(by_job(server)["frame/en"][1])
    for lang in LANGS:
        assert outcomes[f"frame/{lang}"].status == "fallback"
        assert drafts[lang].frame == replace(offline[lang].frame, source="fallback")
        assert drafts[lang].fallback_sections == ("frame",)


# --------------------------------------------------------------------------------------------
# Concurrency: 10 sections x 2 languages, 1 s of latency each
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ten_sections(tmp_path_factory):
    """A small dataset with text and nine custom categories: ten charts, ten sections."""
    folder = tmp_path_factory.mktemp("ten")
    weeks = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(21)]
    rows = []
    for c, category in enumerate(["text"] + [f"cat{i}" for i in range(1, 10)]):
        for i, week in enumerate(weeks):
            t = i / 20
            for bot, n in ((f"Rise{c}", 100 + 300 * t + 7 * c), (f"Fall{c}", 500 - 300 * t),
                           (f"Flat{c}", 400)):
                rows.append((week.isoformat(), category, bot, int(n * 10), "false", "user"))
    path = folder / "usage.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["week", "category", "bot", "messages", "reasoning", "trigger"])
        writer.writerows(rows)
    sample = build_sample(path, None, "2025H1")
    assert len(sample.plan.sections) == 10
    return sample


def test_sections_are_drafted_concurrently(ten_sections, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel(delay=1.0))
    drafts, outcomes, _ = run_draft(ten_sections, server, tmp_path, concurrency=20)

    assert len(server.chat_requests()) == 22  # (10 sections + the frame) x 2 languages
    assert all(o.status == "llm" for o in outcomes.values()), outcomes
    # From the server's own log: requests were answered side by side, not one after another,
    # and never more at once than --concurrency allows.
    assert 10 <= server.max_in_flight() <= 20
    assert_every_number_verifies(ten_sections, drafts)


def test_the_pool_is_bounded(ten_sections, fake_openai, tmp_path):
    server = fake_openai(ScriptedModel(delay=0.2))
    run_draft(ten_sections, server, tmp_path, concurrency=3)
    assert len(server.chat_requests()) == 22
    assert 2 <= server.max_in_flight() <= 3


# --------------------------------------------------------------------------------------------
# End to end: `python -m writer draft --llm openai`
# --------------------------------------------------------------------------------------------


def llm_args(out: Path, server: FakeOpenAI, *more: str) -> list[str]:
    return draft_args(out, "--llm", "openai", "--base-url", server.base_url, "--model", "m",
                      "--api-key-env", KEY_VAR, *more)


def posts_in(out: Path) -> dict[str, Path]:
    return {p.name[-5:-3]: p for p in sorted((out / "_posts").glob("*.md"))}


def front(path: Path) -> dict[str, str]:
    return split_post(path.read_text(encoding="utf-8"))[0]


def verify_cli(paths, cwd: Path):
    return run_writer(["verify", *map(str, paths), "--data", str(DATA), "--models", str(MODELS)],
                      cwd)


def files_holding(folder: Path, needle: bytes) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


FAULTS = {
    "text/en": [rate_limited(1)],  # retried after the server's Retry-After
    "text/zh": [server_error(500)],  # retried after a backoff
    "reasoning/en": [dropped()],  # retried
    "reasoning/zh": [bad_json],  # repaired
    "image/en": always(typed("21%", "21%")),  # repaired, fails again: falls back
    "video/en": [wrong_entity],  # verification catches it; repaired
    "video/zh": [unknown_slot],  # repaired
    "audio/zh": [unauthorized(echo_key=True)],  # not retried: falls back
}


@pytest.fixture(scope="module")
def faulty_cli_started(tmp_path_factory):
    """The faulty run (see FAULTS), started in the background so it overlaps the good runs."""
    folder = tmp_path_factory.mktemp("llm-faults")
    server = FakeOpenAI(ScriptedModel(FAULTS)).start()
    proc = subprocess.Popen([sys.executable, "-m", "writer",
                             *llm_args(folder / "out", server, "--strict")],
                            cwd=folder, env=clean_env(**{KEY_VAR: SECRET}),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield {"folder": folder, "out": folder / "out", "proc": proc, "server": server}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        server.stop()


@pytest.fixture(scope="module")
def faulty_cli(faulty_cli_started):
    started = faulty_cli_started
    if "run" not in started:
        out, err = started["proc"].communicate(timeout=600)
        started["run"] = subprocess.CompletedProcess(started["proc"].args,
                                                     started["proc"].returncode, out, err)
    return started


@pytest.fixture(scope="module")
def good_cli(tmp_path_factory, faulty_cli_started):
    """Three runs in one working folder: a first run, the same run again, then --no-cache."""
    folder = tmp_path_factory.mktemp("llm-cli")
    server = FakeOpenAI(ScriptedModel()).start()
    env = clean_env(**{KEY_VAR: SECRET})
    out = folder / "out"
    try:
        runs, counts = [], []
        for more in ((), (), ("--lang", "en", "--no-cache")):
            runs.append(run_writer(llm_args(out, server, "--concurrency", "8", *more), folder,
                                   env))
            counts.append(len(server.chat_requests()))
            if len(runs) == 1:
                first_posts = {lang: p.read_bytes() for lang, p in posts_in(out).items()}
        yield {"folder": folder, "out": out, "runs": runs, "counts": counts,
               "first_posts": first_posts, "server": server}
    finally:
        server.stop()


def test_cli_good_answer_gives_posts_that_pass_verify(good_cli):
    first = good_cli["runs"][0]
    assert first.returncode == 0, first.stderr
    posts = posts_in(good_cli["out"])
    assert sorted(posts) == ["en", "zh"]
    assert [str(p) for p in posts.values()] == first.stdout.split()
    for lang, path in posts.items():
        fm, body, _ = split_post(path.read_text(encoding="utf-8"))
        assert fm["fallback_sections"] == "[]"
        assert "openai:m" in fm["generated_by"]
        assert HEADLINE[lang] in body and TAKEAWAY[lang] in body
    assert "**Kling-2.0** reached **21%** of video generations three weeks after its launch." \
        in posts["en"].read_text(encoding="utf-8")
    assert good_cli["counts"][0] == 12
    assert "12 calls, 0 cache hits" in first.stderr and "no section fell back" in first.stderr
    checked = verify_cli(posts.values(), good_cli["folder"])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 unbacked" in checked.stderr


def test_cli_second_identical_run_makes_no_request(good_cli):
    second = good_cli["runs"][1]
    assert second.returncode == 0, second.stderr
    assert good_cli["counts"][1] == good_cli["counts"][0]  # not one more request in the log
    assert "0 calls, 12 cache hits" in second.stderr
    assert len(re.findall(r": cached", second.stderr)) == 12
    now = {lang: p.read_bytes() for lang, p in posts_in(good_cli["out"]).items()}
    assert now == good_cli["first_posts"]


def test_cli_no_cache_asks_again(good_cli):
    third = good_cli["runs"][2]
    assert third.returncode == 0, third.stderr
    assert good_cli["counts"][2] - good_cli["counts"][1] == 6  # en only: frame + 5 sections
    assert "6 calls, 0 cache hits" in third.stderr


def test_cli_rendered_charts_are_cached_beside_the_llm_answers(good_cli):
    cache = good_cli["out"] / ".cache" / "charts"
    entries = sorted(p.name for p in cache.iterdir())
    # one SVG per chart and language, named by what they were rendered from, and a PNG for
    # each post's thumbnail only; the second and third runs (same charts) added none
    specs = [e for e in entries if e.startswith("specs-")]
    assert len(specs) == 2  # and each language's specs, which a re-draft reads, not builds
    assert len({e.split(".")[0] for e in entries if e not in specs}) == 12
    assert sum(e.endswith(".svg") for e in entries) == 12
    assert sum(e.endswith(".png") for e in entries) == 2
    svgs = {p.read_bytes() for p in (good_cli["out"] / "assets").rglob("*.svg")}
    assert svgs == {p.read_bytes() for p in cache.glob("*.svg")}


def test_cli_the_key_is_nowhere(good_cli):
    folder = good_cli["folder"]
    cache = good_cli["out"] / ".cache" / "llm"  # the cache follows --out
    assert len(list(cache.rglob("*.json"))) >= 12  # the cache is where we look
    assert not (folder / "output").exists()
    assert len(list((good_cli["out"] / "assets").rglob("*"))) > 10
    assert files_holding(folder, SECRET.encode()) == []
    for run in good_cli["runs"]:
        assert SECRET not in run.stdout and SECRET not in run.stderr


def test_cli_faults_are_retried_repaired_or_fall_back(faulty_cli):
    jobs = by_job(faulty_cli["server"])
    assert [r.status for r in jobs["text/en"]] == [429, 200]
    assert [r.status for r in jobs["text/zh"]] == [500, 200]
    assert [r.status for r in jobs["reasoning/en"]] == [0, 200]
    assert [r.status for r in jobs["audio/zh"]] == [401]
    for key in ("reasoning/zh", "video/en", "video/zh", "image/en"):
        assert len(jobs[key]) == 2, key  # the answer and its repair round
    for key in ("frame/en", "frame/zh", "audio/en"):
        assert [r.status for r in jobs[key]] == [200], key
    assert "image/zh" not in jobs  # its English fell back: not asked
    assert "no share of Runway is" in last_user(jobs["video/en"][1])
    assert "{{F999.share}} names no fact" in last_user(jobs["video/zh"][1])
    assert "you typed the number '21%'" in last_user(jobs["image/en"][1])


def test_cli_fallback_is_recorded_and_strict_exits_1(faulty_cli):
    run = faulty_cli["run"]
    assert run.returncode == 1, run.stderr
    assert "--strict: some sections fell back" in run.stderr
    assert "fell back to the offline text: audio, image (verified, dropped for EN/ZH " \
        "parity: audio/en)" in run.stderr
    assert re.search(r"audio/en: fell back to the offline text \(dropped although verified: "
                     r"the zh text fell back", run.stderr)
    assert re.search(r"image/en: fell back to the offline text \(.*you typed the number '21%'",
                     run.stderr)
    assert re.search(r"audio/zh: fell back to the offline text \(.*was rejected", run.stderr)
    posts = posts_in(faulty_cli["out"])  # a fallback is not an error: the posts are written
    assert sorted(posts) == ["en", "zh"]
    for lang, path in posts.items():
        fm, body, _ = split_post(path.read_text(encoding="utf-8"))
        assert fm["fallback_sections"] == "[image, audio]"
        reasons = json.loads(fm["fallback_reasons"])
        assert reasons["image"] == ("failed its checks after repair" if lang == "en"
                                    else "the en text fell back")
        assert reasons["audio"] == ("the request failed" if lang == "zh" else
                                    "verified, dropped for parity (zh: the request failed)")
        assert "Marker" not in body and "插话" not in body and "F999" not in body
        assert "Runway** fell to" not in body and "Runway** 的份额降至" not in body
        assert HEADLINE[lang] in body  # the other sections are the model's


def test_cli_faulty_run_posts_pass_verify_and_hold_no_key(faulty_cli):
    posts = posts_in(faulty_cli["out"])
    checked = verify_cli(posts.values(), faulty_cli["folder"])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    run = faulty_cli["run"]
    assert SECRET not in run.stdout + run.stderr  # the 401 server echoed it in its error
    assert files_holding(faulty_cli["folder"], SECRET.encode()) == []
