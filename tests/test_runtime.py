"""Does the runtime tell practice, assessment, autograding and validating apart?"""

from __future__ import annotations

import json

import pytest

from grader.runtime import GRADING_ENV, MODE_ENV, RELEASE_PACK_KEY, SETTINGS_FILE, FixedModeError, Runtime


@pytest.mark.parametrize(
    ("mode", "execution", "grading", "reveals"),
    [
        ("practice", None, False, True),
        ("assessment", None, False, False),
        ("assessment", "autograde", True, True),
        ("assessment", "validate", True, False),
        ("practice", "validate", True, True),
    ],
    ids=["practice", "assessment", "autograde", "validate an assessment", "validate practice"],
)
def test_feedback_shows_in_practice_and_at_autograde_only(
    tmp_path, monkeypatch, mode, execution, grading, reveals
):
    """Is feedback shown in practice and while autograding, but not while an assessment
    notebook is validated (where it would tell the learner which choices are right)?"""
    monkeypatch.setenv(MODE_ENV, mode)
    if execution:
        monkeypatch.setenv(GRADING_ENV, execution)
    else:
        monkeypatch.delenv(GRADING_ENV, raising=False)
    runtime = Runtime.read(tmp_path)
    assert (runtime.grading, runtime.reveals_feedback) == (grading, reveals)


@pytest.fixture
def released_in_assessment(tmp_path, monkeypatch):
    """A lab folder of an assessment release: its settings file names the withheld copies."""
    monkeypatch.delenv(MODE_ENV, raising=False)
    monkeypatch.delenv(GRADING_ENV, raising=False)
    (tmp_path / SETTINGS_FILE).write_text(
        json.dumps({"mode": "assessment", RELEASE_PACK_KEY: ".scenarios"}), encoding="utf-8"
    )
    return tmp_path


def test_an_assessment_releases_mode_cannot_be_set_to_practice(released_in_assessment):
    """In an assessment release, does setting the mode to practice after it was read fail in one
    sentence and leave feedback hidden?"""
    runtime = Runtime.read(released_in_assessment)
    with pytest.raises(FixedModeError, match="cannot be changed") as raised:
        runtime.mode = "practice"
    assert "\n" not in str(raised.value)
    assert (runtime.mode, runtime.reveals_feedback) == ("assessment", False)
    with pytest.raises(FixedModeError):
        runtime.mode_fixed = False
    runtime.mode = "assessment"  # setting the same mode again changes nothing
    assert runtime.mode_fixed


def test_a_mode_read_without_a_release_pack_may_still_change(tmp_path, monkeypatch):
    """Outside an assessment release (the variable, a settings file naming no pack), may the mode
    still be set, as a course's own setup or a self-study learner may?"""
    monkeypatch.setenv(MODE_ENV, "assessment")
    runtime = Runtime.read(tmp_path)
    runtime.mode = "practice"
    assert runtime.reveals_feedback and not runtime.mode_fixed
