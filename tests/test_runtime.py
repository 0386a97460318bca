"""Does the runtime tell practice, assessment, autograding and validating apart?"""

from __future__ import annotations

import pytest

from grader.runtime import GRADING_ENV, MODE_ENV, Runtime


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
