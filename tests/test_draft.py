"""writer.draft: number slots, typed numbers, the checks on an LLM's answer, the plan, and the
offline backend's determinism.

The sample period (2025H1 of data/) gives the facts: F2 is Kling-2.0's launch (21% of video
generations three weeks after launch), F7 Runway's fall (40% to 20%), F9 GPT-4.1's launch
(about 10% of text messages), F16 Kling-1.6's peak (15%).
"""

from __future__ import annotations

import json
import re

import pytest

from writer.vocab import Vocabulary

from writer.draft import (
    LANGS,
    SectionPlan,
    chart_words,
    check_frame,
    check_section,
    fill_slots,
    frame_messages,
    key_facts,
    make_plan,
    period_phrase,
    section_messages,
    typed_numbers,
)
from writer.offline import write_offline
from writer.verify import verify_text


def fill(sample, text: str, lang: str = "en"):
    return fill_slots(text, lang, sample.ctx.fact, sample.ctx.period_phrase(lang))


def section(sample, chart: str) -> SectionPlan:
    return next(s for s in sample.plan.sections if s.chart == chart)


# --------------------------------------------------------------------------------------------
# fill_slots
# --------------------------------------------------------------------------------------------


def test_fill_known_slots_with_the_shared_formatters(sample):
    got = fill(sample, "**Kling-2.0** reached **{{F2.share}}** of video generations "
                       "{{F2.weeks_after_launch}} after its launch in {{F2.launch}}; "
                       "Runway's share {{F7.ratio}} in {{period}}.")
    assert got.text == ("**Kling-2.0** reached **21%** of video generations three weeks after "
                        "its launch in late April; Runway's share halved in January–May 2025.")
    assert got.used == ("F2.share", "F2.weeks_after_launch", "F2.launch", "F7.ratio")
    assert got.problems == ()


def test_fill_in_chinese(sample):
    got = fill(sample, "Kling-2.0上线{{F2.weeks_after_launch}}后拿下了{{F2.share}}（{{period}}）",
               "zh")
    assert got.text == "Kling-2.0上线3周后拿下了21%（2025年1月至5月）"
    assert got.problems == ()


def test_fill_repeated_slot_is_listed_once_and_spaces_inside_braces_are_allowed(sample):
    got = fill(sample, "{{F2.share}}, {{ F2.share }} and {{F2.share }}")
    assert got.text == "21%, 21% and 21%"
    assert got.used == ("F2.share",)


def test_fill_styles(sample):
    # F9.share is 9.54%: plain rounding says "about 10%"; the styles ask for other wordings.
    cases = {
        "{{F9.share}}": ("about 10%", "约10%"),
        "{{F9.share|exact}}": ("9.5%", "9.5%"),
        "{{F9.share|tilde}}": ("~10%", "约10%"),
        "{{F9.share|under}}": ("under 10%", "不到10%"),
        "{{ F2.share | round }}": ("about 20%", "约20%"),
        "{{F7.change|signed}}": ("down 20 points", "下降20个百分点"),
        "{{F2.weeks_after_launch|digits}}": ("3 weeks", "3周"),
        "{{F2.launch|year}}": ("late April 2025", "2025年4月下旬"),
        "{{F2.launch|last_week}}": ("the last week of April", "4月最后一周"),
    }
    for token, (en, zh) in cases.items():
        assert (fill(sample, token, "en").text, fill(sample, token, "zh").text) == (en, zh), token
        assert fill(sample, token).problems == ()


@pytest.mark.parametrize("token", ["{{F99.share}}", "{{F2.nope}}", "{{F2}}", "{{S.share}}"])
def test_fill_unknown_fact_is_a_problem_and_the_token_stays(sample, token):
    got = fill(sample, f"Kling-2.0 reached {token} of video generations.")
    assert got.problems == (f"the slot {token} names no fact you were given",)
    assert token in got.text and got.used == ()


@pytest.mark.parametrize("token", ["{{F2.share|signed}}", "{{F2.share|bogus}}",
                                   "{{F2.weeks_after_launch|round}}"])
def test_fill_style_that_does_not_apply(sample, token):
    got = fill(sample, f"reached {token}")
    assert got.problems == (f"the slot {token} has a style that does not apply",)
    assert got.used == ()


@pytest.mark.parametrize("text", [
    "reached {{F2.share} of video",  # a brace missing
    "reached {F2.share}} of video",
    "reached { {F2.share}} of video",
    "{% if big %}reached{% endif %}",  # a template tag, not a slot
    "reached {{ }} of video",
    "reached {{F2.share}}} of video",  # a brace too many: '21%}' would be printed
    "reached {{{F2.share}} of video",
    "reached {F2.share} of video",  # single braces: the token would be printed as is
    "reached {period} of video",
])
def test_fill_stray_braces_are_a_problem(sample, text):
    got = fill(sample, text)
    assert got.problems, f"{text!r} was accepted as {got.text!r}"


def test_fill_period_slot_needs_no_fact(sample):
    assert fill(sample, "{{period}}", "en").text == "January–May 2025"
    assert fill(sample, "{{period}}", "zh").text == "2025年1月至5月"
    assert fill(sample, "{{period}}").used == ()


def test_fill_leaves_a_data_name_with_braces_alone(sample):
    """A family literally named '{{ site.title }}' (the Jekyll injection case) is prose, not a
    slot: protected names are neither filled nor reported."""
    name = "{{ site.title }}"
    got = fill_slots(f"**{name}** reached **{{{{F2.share}}}}**.", "en", sample.ctx.fact,
                     "H1 2025", names=(name,))
    assert got.problems == ()
    assert got.text == f"**{name}** reached **21%**."
    assert got.used == ("F2.share",)


# --------------------------------------------------------------------------------------------
# typed_numbers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "GPT-4.1 and Gemini-2.5 overtook Claude-3.5-Sonnet while Kling-2.0 and Veo-2 grew.",
    "o3, o4-mini and GPT-4o reached {{F9.share}}, Claude-3.7-Sonnet {{F11.share|about}}.",
    "**Kling-2.0** reached **{{F2.share}}** {{F2.weeks_after_launch}} after its launch.",
    "{{F16.peak}} and {{F7.start|round}} in {{period}}",
])
def test_typed_numbers_ignores_model_names_and_slots(sample, text):
    assert typed_numbers(text, "en", sample.ctx.names) == ()


@pytest.mark.parametrize("text, typed", [
    ("Kling-2.0 reached 21% of video generations.", "21%"),
    ("Kling-2.0 took off in just three weeks.", "three weeks"),
    ("Runway's share halved.", "halved"),
    ("GPT-4.1 launched in mid-April.", "mid-April"),
    ("Claude-3.5-Sonnet fell by 19 points.", "19 points"),
    ("Kling-2.0 is now among the top three.", "top three"),
    ("GPT-4.1 reached {{F9.share}}, about a quarter of OpenAI's.", "a quarter"),
])
def test_typed_numbers_finds_numbers_the_model_wrote(sample, text, typed):
    assert typed in typed_numbers(text, "en", sample.ctx.names)


@pytest.mark.parametrize("text, typed", [
    ("Kling-2.0上线三周后拿下了{{F2.share}}", "三周"),
    ("GPT-4.1约占10%", "10%"),
    ("Runway的份额下降了一半", "下降了一半"),
    ("推理模型占了两成", "两成"),
    ("GPT-4.1于4月中旬上线", "4月中旬"),
])
def test_typed_numbers_in_chinese(sample, text, typed):
    assert typed in "".join(typed_numbers(text, "zh", sample.ctx.names))


def test_typed_numbers_chinese_names_and_slots(sample):
    assert typed_numbers("GPT-4.1和Gemini-2.5分别占{{F9.share}}和{{F19.share}}", "zh",
                         sample.ctx.names) == ()


# --------------------------------------------------------------------------------------------
# check_section / check_frame
# --------------------------------------------------------------------------------------------


GOOD_VIDEO_EN = {
    "headline": "Kling-2.0 takes the lead in video",
    "bullets": [
        "**Kling-2.0** reached **{{F2.share}}** of video generations {{F2.weeks_after_launch}} "
        "after its launch.",
        "**Kling-2.0** is taking over from Kling-1.6, which fell to {{F10.predecessor_end}}.",
        "**Runway** slipped from {{F7.start}} to **{{F7.end}}** of video generations.",
        "**Kuaishou**'s models together went from {{F12.start}} to **{{F12.end}}** of video "
        "generations.",
        "**Hailuo** fell from {{F21.start}} to **{{F21.end}}** of video generations.",
        "**Luma** fell from {{F26.start}} to **{{F26.end}}** of video generations.",
        "**Veo-2** has stayed at **{{F27.share}}** of video generations for {{F27.weeks}}.",
    ],
    "takeaway": "New video models win users within weeks.",
    "facts_used": ["F2.share"],
}


def test_check_section_good_answer(sample):
    got = check_section(sample.ctx, section(sample, "video"), "en", GOOD_VIDEO_EN)
    assert not isinstance(got, list), got
    assert got.chart == "video" and got.heading == chart_words("video", "en", Vocabulary())[0]
    assert got.bullets[0] == ("**Kling-2.0** reached **21%** of video generations three weeks "
                              "after its launch.")
    assert got.headline == GOOD_VIDEO_EN["headline"] and got.source == "llm"
    # facts come from the slots actually used, not from what the model says it used
    assert set(got.facts) == set(section(sample, "video").required)
    assert "{{" not in json.dumps([got.headline, got.bullets, got.takeaway])


def with_(base: dict, **changes) -> dict:
    out = json.loads(json.dumps(base))
    out.update(changes)
    return out


@pytest.mark.parametrize("answer, problem", [
    (None, "the answer is not a JSON object"),
    (["a list"], "the answer is not a JSON object"),
    ("a string", "the answer is not a JSON object"),
    ({k: v for k, v in GOOD_VIDEO_EN.items() if k != "takeaway"}, "the key 'takeaway' is missing"),
    ({k: v for k, v in GOOD_VIDEO_EN.items() if k != "bullets"}, "the key 'bullets' is missing"),
    (with_(GOOD_VIDEO_EN, headline=["a", "list"]), "'headline' must be a string"),
    (with_(GOOD_VIDEO_EN, bullets="one string"), "'bullets' must be a list of strings"),
    (with_(GOOD_VIDEO_EN, bullets=["ok", 3]), "'bullets' must be a list of strings"),
    (with_(GOOD_VIDEO_EN, facts_used="F2.share"), "'facts_used' must be a list of strings"),
    (with_(GOOD_VIDEO_EN, bullets=[]), "'bullets' is empty"),
    (with_(GOOD_VIDEO_EN, bullets=GOOD_VIDEO_EN["bullets"][1:]),
     "the slot {{F2.share}} is not used; use it once"),
    (with_(GOOD_VIDEO_EN, headline="Kling-2.0 grabs 21% in three weeks"),
     "headline: you typed the number '21%' yourself"),
    (with_(GOOD_VIDEO_EN, takeaway="See {{F99.share}}."),
     "takeaway: the slot {{F99.share}} names no fact you were given"),
    # a fact of Kling-1.6 (15%) in a sentence about Runway: only verification can tell
    (with_(GOOD_VIDEO_EN, bullets=GOOD_VIDEO_EN["bullets"]
           + ["**Runway** fell to **{{F16.peak}}** of video generations."]),
     f"bullet {len(GOOD_VIDEO_EN['bullets']) + 1}: no share of Runway is"),
])
def test_check_section_problems(sample, answer, problem):
    got = check_section(sample.ctx, section(sample, "video"), "en", answer)
    assert isinstance(got, list), f"accepted: {got}"
    assert any(problem in p for p in got), got


def test_check_section_reports_every_shape_problem_at_once(sample):
    got = check_section(sample.ctx, section(sample, "video"), "en",
                        {"headline": 1, "bullets": "x", "facts_used": []})
    assert got == ["'headline' must be a string", "'bullets' must be a list of strings",
                   "the key 'takeaway' is missing"]


def test_check_section_reports_all_kinds_of_problems_in_one_round(sample):
    """With --repair 1 the model gets one chance: it must see every problem in it, the typed
    number, the unknown slot, the slot it left out and the wrong-entity claim."""
    answer = with_(GOOD_VIDEO_EN, headline="Kling-2.0 takes 21% of video", bullets=[
        "**Kling-2.0** reached **{{F99.share}}** {{F2.weeks_after_launch}} after its launch.",
        *GOOD_VIDEO_EN["bullets"][1:],
        "**Runway** fell to **{{F16.peak}}** of video generations."])
    got = check_section(sample.ctx, section(sample, "video"), "en", answer)
    assert isinstance(got, list)
    text = "\n".join(got)
    assert "headline: you typed the number '21%' yourself" in text
    assert "bullet 1: the slot {{F99.share}} names no fact you were given" in text
    assert "the slot {{F2.share}} is not used; use it once" in text
    assert f"bullet {len(GOOD_VIDEO_EN['bullets']) + 1}: no share of Runway is" in text
    assert "{{F2.weeks_after_launch}} is not used" not in text  # it is used, in bullet 1


GOOD_FRAME_EN = {
    "title": "{{period}} AI model usage trends: reasoning surges, Kling-2.0 takes off",
    "lead": "Which models did subscribers use? This report follows weekly message shares.",
    "highlights": [
        "**Reasoning surges**: the share of all text messages sent to reasoning models went "
        "from {{F1.start}} to **{{F1.end}}**.",
        "**Kling-2.0 takes off**: **Kling-2.0** reached **{{F2.share}}** of video generations.",
        "**GPT-Image-1 takes off**: **GPT-Image-1** reached **{{F4.share}}** of image "
        "generations.",
        "**ElevenLabs dominates**: **ElevenLabs** handled **{{F6.share}}** of audio generations "
        "at the end of the period.",
    ],
    "conclusion": "Model choice moves fast. We will keep watching.",
    "facts_used": [],
}


def test_check_frame_good_answer(sample):
    got = check_frame(sample.ctx, sample.plan, "en", GOOD_FRAME_EN)
    assert not isinstance(got, list), got
    assert got.title == ("January–May 2025 AI model usage trends: reasoning surges, "
                         "Kling-2.0 takes off")
    assert set(got.facts) >= set(sample.plan.highlight_required)


@pytest.mark.parametrize("answer, problem", [
    ({k: v for k, v in GOOD_FRAME_EN.items() if k != "lead"}, "the key 'lead' is missing"),
    (with_(GOOD_FRAME_EN, highlights="one"), "'highlights' must be a list of strings"),
    (with_(GOOD_FRAME_EN, conclusion=None), "'conclusion' must be a string"),
    (with_(GOOD_FRAME_EN, highlights=GOOD_FRAME_EN["highlights"][:3]),
     "the slot {{F6.share}} is not used"),
    (with_(GOOD_FRAME_EN, title="H1 2025: reasoning surges"), "title: you typed the number"),
])
def test_check_frame_problems(sample, answer, problem):
    got = check_frame(sample.ctx, sample.plan, "en", answer)
    assert isinstance(got, list), f"accepted: {got}"
    assert any(problem in p for p in got), got


# --------------------------------------------------------------------------------------------
# make_plan and the prompts built from it
# --------------------------------------------------------------------------------------------


def test_make_plan_tells_one_story_per_bullet_in_rank_order(sample):
    findings = sample.analysis.findings.findings
    rank = {f.id: i for i, f in enumerate(findings)}
    assert [s.chart for s in sample.plan.sections] == list(sample.analysis.shares.charts)
    for s in sample.plan.sections:
        leads = s.leads()
        named = [f.subject for f in leads if f.subject_kind in ("family", "provider")]
        assert len(named) == len(set(named)), (s.chart, named)  # one bullet per model or lab
        assert all(f.chart == s.chart for f in s.findings)
        assert 1 <= len(leads) <= 6

        def story_rank(f):  # a bullet ranks by its strongest finding
            return min(rank[g.id] for g in (f, *s.companions.get(f.id, ())))
        assert [story_rank(f) for f in leads] == sorted(story_rank(f) for f in leads)
    video = section(sample, "video")
    # Kling-2.0's launch (F2) is told inside its hand-over from Kling-1.6 (F10), whose own
    # peak and fall (F16) it replaces; Veo-2 held steady (F27) rather than "took off" (F3)
    assert [f.id for f in video.leads()] == ["F10", "F7", "F12", "F21", "F26", "F27"]
    assert [c.id for c in video.companions["F10"]] == ["F2"]


def test_the_stories_an_analyst_leads_with_are_in_the_2025h1_plan(sample):
    told = {(f.chart, f.kind, f.subject) for s in sample.plan.sections for f in s.findings}
    for story in [
        ("text", "peak_decline", "DeepSeek-R1"),  # 7% in mid-February, down to about 1%
        ("text", "succession", "Claude-3.7-Sonnet"),  # took over from Claude-3.5-Sonnet
        ("text", "leader", "GPT-4o"),  # the largest text family
        ("reasoning", "succession", "o3"),  # users move to newer o-series models
        ("reasoning", "succession", "o4-mini"),
        ("reasoning", "small_share", "reasoning"),  # Grok-3 and the hybrids under 1%
        ("reasoning", "launch_ramp", "Gemini-2.5"),  # 30% six weeks after launch
        ("video", "steady", "Veo-2"),  # steady around 20%, not a launch ramp
        ("image", "leader", "FLUX"),  # still the image leader
    ]:
        assert story in told, story
    # a hand-over is one bullet: Claude-3.5-Sonnet's fall is not told on its own
    assert ("text", "fall", "Claude-3.5-Sonnet") not in told


def test_make_plan_required_facts_are_each_storys_key_facts(sample):
    for s in sample.plan.sections:
        want = []
        for f in s.leads():
            with_ = s.companions.get(f.id, ())
            if f.kind == "succession" and with_:
                want += [fact.id for fact in key_facts(with_[0])] + [f.facts["predecessor_end"].id]
            else:
                want += [fact.id for fact in key_facts(f)]
                want += [c.facts["gap"].id for c in with_ if c.kind in ("leader", "concentration")]
        assert s.required == tuple(want)
        for fact_id in s.required:
            assert sample.ctx.fact(fact_id).unit != "date"


def test_make_plan_highlights_one_per_chart_strongest_first(sample):
    plan = sample.plan
    assert [f.id for f in plan.highlights] == ["F1", "F2", "F4", "F6"]
    assert len({f.chart for f in plan.highlights}) == len(plan.highlights)
    assert plan.highlight_required == ("F1.start", "F2.share", "F4.share", "F6.share")


def test_make_plan_limits(sample):
    plan = make_plan(sample.analysis.findings, sample.analysis.shares.charts, per_section=2,
                     highlights=2)
    assert all(len(s.leads()) <= 2 for s in plan.sections)
    assert len(plan.highlights) == 2
    assert make_plan(sample.analysis.findings, ["no-such-chart"]).sections == ()


SLOTS = re.compile(r"\{\{[^{}]+\}\}")


def required_in_prompt(user_prompt: str) -> list[str]:
    line = next(line for line in user_prompt.splitlines()
                if "at least once" in line or "至少用一次" in line)
    return SLOTS.findall(line)


def test_required_slots_are_the_same_in_every_language(sample):
    for s in sample.plan.sections:
        asked = {lang: required_in_prompt(
            section_messages(sample.ctx, sample.prompts, s, lang)[1][1]) for lang in LANGS}
        assert asked["en"] == asked["zh"] == ["{{" + r + "}}" for r in s.required]
    frame = {lang: required_in_prompt(frame_messages(sample.ctx, sample.prompts, sample.plan,
                                                     lang)[1][1])
             for lang in LANGS}
    assert frame["en"] == frame["zh"] == ["{{" + r + "}}" for r in sample.plan.highlight_required]


def test_prompts_offer_only_slots_that_fill(sample):
    for s in sample.plan.sections:
        for lang in LANGS:
            user = section_messages(sample.ctx, sample.prompts, s, lang)[1][1]
            block = re.search(r"```json\n(.*?)\n```", user, re.DOTALL).group(1)
            for finding in json.loads(block):
                for slot in finding["slots"]:
                    got = fill(sample, slot["slot"], lang)
                    assert got.problems == () and got.text == slot["reads_as"]


def test_prompts_say_whose_number_each_slot_is(sample):
    """A slot of another entity than the finding's subject (ElevenLabs' runner-up Cartesia,
    DeepSeek-R1 driving the reasoning peak) must say so, or the model will misattribute it."""
    for lang in LANGS:
        user = frame_messages(sample.ctx, sample.prompts, sample.plan, lang)[1][1]
        briefs = json.loads(re.search(r"```json\n(.*?)\n```", user, re.DOTALL).group(1))
        about = {s["slot"]: s["about"] for f in briefs for s in f["slots"]}
        assert about["{{F6.share}}"] == "ElevenLabs"
        assert about["{{F6.second}}"] == about["{{F6.runner_up}}"] == "Cartesia"
        assert about["{{F6.fifth}}"] == "Orpheus"
        assert about["{{F1.driver_share}}"] == "DeepSeek-R1"
        assert about["{{F1.end}}"] == "reasoning"


def test_period_phrase_names_the_weeks_covered_in_words():
    # the sample's 21 weeks, 6 January to 1 June: the months they cover, as the reference's 1-5月
    assert period_phrase("2025-01-06", 21, "en") == "January–May 2025"
    assert period_phrase("2025-01-06", 21, "zh") == "2025年1月至5月"
    # 13 January to 25 May opens and closes mid-month: the exact days
    assert period_phrase("2025-01-13", 19, "en") == "13 January – 25 May 2025"
    assert period_phrase("2025-01-13", 19, "zh") == "2025年1月13日至5月25日"


# --------------------------------------------------------------------------------------------
# The offline backend
# --------------------------------------------------------------------------------------------


def test_offline_texts_pass_the_same_checks_as_an_llm_answer(sample):
    """The offline prose is what a section falls back to: it must itself be checkable."""
    for lang in LANGS:
        d = write_offline(sample.ctx, sample.plan, lang)
        assert [s.chart for s in d.sections] == [s.chart for s in sample.plan.sections]
        for s in d.sections:
            assert s.source == "offline" and "{{" not in "".join(s.bullets)
            for text in (s.headline, *s.bullets, s.takeaway):
                assert verify_text(text, lang, sample.ctx.ledger, chart=s.chart) == (), text
        for text in (d.frame.title, d.frame.lead, *d.frame.highlights, d.frame.conclusion):
            assert verify_text(text, lang, sample.ctx.ledger) == (), text
        assert d.fallback_sections == ()


def test_offline_drafts_cite_the_same_facts_in_both_languages(sample):
    en, zh = (write_offline(sample.ctx, sample.plan, lang) for lang in LANGS)
    assert set(en.facts) == set(zh.facts)
    for a, b in zip(en.sections, zh.sections):
        assert set(a.facts) == set(b.facts)


def test_offline_is_the_same_in_process(sample):
    for lang in LANGS:
        assert write_offline(sample.ctx, sample.plan, lang) == \
            write_offline(sample.ctx, sample.plan, lang)


def test_offline_cli_gives_the_same_post_and_charts_byte_for_byte(offline_runs):
    """Two runs of `writer draft` into two folders: every file is identical."""
    first, second = offline_runs
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()) == files
    posts = [f for f in files if f.parts[0] == "_posts"]
    assert len(posts) == 2 and {p.name[-5:-3] for p in posts} == {"en", "zh"}
    assert any(f.suffix == ".svg" for f in files) and any(f.suffix == ".png" for f in files)
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


# --------------------------------------------------------------------------------------------
# tag groups in the offline prose
# --------------------------------------------------------------------------------------------


def test_offline_prose_tells_the_hybrid_group_and_it_verifies(sample):
    from writer.draft import Plan

    findings = sample.analysis.findings
    small = next(f for f in findings if f.kind == "small_share" and f.chart == "reasoning")
    group = next(f for f in findings if f.kind == "group_share" and f.chart == "text")
    plan = Plan((SectionPlan("reasoning", (small,), ()), SectionPlan("text", (group,), ())),
                (small,), ())
    for lang in LANGS:
        draft = write_offline(sample.ctx, plan, lang)
        reasoning, text = draft.sections
        bullet = reasoning.bullets[0]
        # the members, each with its share, then the group's together
        if lang == "en":
            assert ("so did the newly arrived hybrid reasoning models, Gemini-2.5-Flash (0.5%) "
                    "and Qwen-3 (0.5%), together peaking at 1%.") in bullet
            assert text.bullets[0].startswith("Hybrid reasoning models, Gemini-2.5-Flash (")
        else:
            assert "同期出现的混合推理模型Gemini-2.5-Flash（0.5%）和Qwen-3（0.5%）同样用量不大" in bullet
            assert text.bullets[0].startswith("混合推理模型Gemini-2.5-Flash（")
        assert bullet.count("Qwen-3") == 1  # a member of the group, not a small launch too
        assert small.facts["hybrid_reasoning"].id in reasoning.facts
        for part, chart in ((reasoning, "reasoning"), (text, "text")):
            issues = verify_text(" ".join(part.bullets), lang, sample.ctx.ledger, chart=chart)
            assert not issues, [i.render() for i in issues]


def test_a_post_that_cites_a_tag_group_lists_its_bots_in_the_footnotes(sample):
    from writer import pipeline
    from writer.draft import Plan

    small = next(f for f in sample.analysis.findings
                 if f.kind == "small_share" and f.chart == "reasoning")
    with_group = Plan((SectionPlan("reasoning", (small,), ()),), (small,), ())
    en = pipeline.footnotes(sample.analysis, with_group, "en", 10).items
    zh = pipeline.footnotes(sample.analysis, with_group, "zh", 10).items
    assert ("Hybrid reasoning models are the bots the model registry tags `hybrid-reasoning`: "
            "Gemini-2.5-Flash, Qwen3-235B-A22B, Qwen3-30B-A3B and Qwen3-32B.") in en
    assert ("混合推理模型指模型登记表中标记为“hybrid-reasoning”的模型："
            "Gemini-2.5-Flash、Qwen3-235B-A22B、Qwen3-30B-A3B、Qwen3-32B。") in zh
    # only bots the shares counted: not an excluded bot, not one without messages
    from dataclasses import replace
    from types import MappingProxyType

    from writer.load import Bot
    from writer.periods import parse_period, resolve_weeks

    bots = dict(sample.dataset.registry.bots)
    bots["Assistant"] = replace(bots["Assistant"], tags=("hybrid-reasoning",))  # excluded
    bots["Ghost-Hybrid"] = Bot("Ghost-Hybrid", "Qwen-3", "Alibaba", tags=("hybrid-reasoning",))
    data = replace(sample.dataset, registry=replace(sample.dataset.registry,
                                                    bots=MappingProxyType(bots)))
    a = pipeline.analyse(data, resolve_weeks(parse_period("2025H1"), data.mondays))
    small = next(f for f in a.findings if f.kind == "small_share" and f.chart == "reasoning")
    notes = pipeline.footnotes(a, Plan((SectionPlan("reasoning", (small,), ()),), (), ()),
                               "en", 10).items
    listed = next(n for n in notes if "hybrid-reasoning" in n)
    assert "Assistant" not in listed and "Ghost-Hybrid" not in listed  # no messages at all
    assert "Gemini-2.5-Flash" in listed
    # the sample post tells the hybrids' ~1% (as the reference does), so its footnotes
    # explain the group, with the marker on the reasoning section
    notes = pipeline.footnotes(sample.analysis, sample.plan, "en", 10)
    at = [i for i, item in enumerate(notes.items) if "hybrid-reasoning" in item]
    assert len(at) == 1 and notes.anchors[at[0]] == "reasoning"
