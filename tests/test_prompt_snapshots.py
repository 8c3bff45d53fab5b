"""Golden files of what the model is asked and of the offline posts, for the sample period.

A change to a template, to the findings or to how they are passed shows up here as a unified
diff. When the change is intended, refresh every golden file with one command:

    python -m pytest tests/test_prompt_snapshots.py --update-snapshots

(or UPDATE_SNAPSHOTS=1 python -m pytest tests/test_prompt_snapshots.py), then review the diff
with `git diff tests/snapshots/` before committing it.
"""

from __future__ import annotations

import pytest
from conftest import Snapshots

from writer.draft import (
    LANGS, check_section, frame_messages, repair_messages, section_messages,
)

CHARTS = ("text", "reasoning", "image", "video", "audio")


def _section(sample, chart: str):
    return next(s for s in sample.plan.sections if s.chart == chart)


def test_the_sample_has_the_charts_snapshotted(sample):
    assert tuple(s.chart for s in sample.plan.sections) == CHARTS


@pytest.mark.parametrize("lang", LANGS)
def test_system_prompt(sample, snapshot, lang):
    system = section_messages(sample.ctx, sample.prompts, sample.plan.sections[0], lang)[0]
    assert system[0] == "system"
    # every job shares the one system prompt
    assert frame_messages(sample.ctx, sample.prompts, sample.plan, lang)[0] == system
    snapshot.check(f"prompts/system.{lang}.md", system[1])


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("lang", LANGS)
def test_section_prompt(sample, snapshot, lang, chart):
    role, user = section_messages(sample.ctx, sample.prompts, _section(sample, chart), lang,
                                  post=sample.plan)[1]
    assert role == "user"
    snapshot.check(f"prompts/section.{chart}.{lang}.md", user)


@pytest.mark.parametrize("lang", LANGS)
def test_frame_prompt(sample, snapshot, lang):
    role, user = frame_messages(sample.ctx, sample.prompts, sample.plan, lang)[1]
    assert role == "user"
    snapshot.check(f"prompts/frame.{lang}.md", user)


@pytest.mark.parametrize("lang", LANGS)
def test_repair_prompt(sample, snapshot, lang):
    """The repair prompt as drafting renders it, with the problems a real check finds."""
    bad = {
        "headline": ("Kling-2.0 takes 21% in three weeks" if lang == "en"
                     else "Kling-2.0三周拿下21%"),
        "bullets": ["**Kling-2.0** reached **{{F99.share}}**.",
                    "**Runway** fell to **{{F16.peak}}** of video generations."],
        "takeaway": "New models win fast.",
        "facts_used": ["F99.share"],
    }
    problems = check_section(sample.ctx, _section(sample, "video"), lang, bad)
    assert isinstance(problems, list)
    snapshot.check(f"prompts/repair.{lang}.md",
                   repair_messages(sample.prompts, lang, problems, bad))


@pytest.mark.parametrize("lang", LANGS)
def test_offline_post(offline_runs, snapshot, lang):
    first, _ = offline_runs
    post = next((first / "_posts").glob(f"*-{lang}.md"))
    snapshot.check(f"posts/offline.{lang}.md", post.read_text(encoding="utf-8"))


def test_a_mismatch_fails_with_a_unified_diff(tmp_path):
    (tmp_path / "x.md").write_text("line one\nline two\nline three\n", encoding="utf-8")
    snaps = Snapshots(update=False, directory=tmp_path)
    snaps.check("x.md", "line one\nline two\nline three\n")  # the same: passes
    with pytest.raises(pytest.fail.Exception) as caught:
        snaps.check("x.md", "line one\nline 2\nline three\n")
    message = str(caught.value)
    assert "--update-snapshots" in message
    assert "x.md (golden)" in message and "x.md (now)" in message
    assert "\n-line two\n" in message and "\n+line 2\n" in message


def test_update_writes_the_golden_file(tmp_path):
    Snapshots(update=True, directory=tmp_path).check("sub/y.md", "new\n")
    assert (tmp_path / "sub" / "y.md").read_text(encoding="utf-8") == "new\n"
    Snapshots(update=False, directory=tmp_path).check("sub/y.md", "new\n")
