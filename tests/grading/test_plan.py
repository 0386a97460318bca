"""Is a submission graded again exactly when it changed since it was graded?"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from grader.grading.course import open_course
from grader.grading.plan import choose_assignments, is_up_to_date
from grader.grading.results import SubmissionId

SUBMISSION = SubmissionId("lab-a", "learner-1")


@pytest.fixture
def graded_once(course_with_one_lab):
    """The tiny course with learner-1's lab-a autograded a minute after it was handed in."""
    course = open_course(course_with_one_lab)
    submitted = course.submitted_folder(SUBMISSION) / "lab-a.ipynb"
    graded = course.autograded_folder(SUBMISSION)
    graded.mkdir(parents=True)
    (graded / "lab-a.ipynb").write_text("{}")
    handed_in = submitted.stat().st_mtime - 120
    os.utime(submitted, (handed_in, handed_in))
    os.utime(graded / "lab-a.ipynb", (handed_in + 60, handed_in + 60))
    return course


RECORDED = SimpleNamespace(timestamp=None)


def test_a_graded_submission_is_up_to_date(graded_once):
    """Is a submission autograded after its files last changed, and in the gradebook, skipped?"""
    assert is_up_to_date(graded_once, SUBMISSION, RECORDED)


def test_a_submission_the_gradebook_lacks_is_graded(graded_once):
    """Is a submission graded when the gradebook has no record of it (a new or replaced gradebook)?"""
    assert not is_up_to_date(graded_once, SUBMISSION, None)


def test_a_file_changed_after_grading_is_graded_again(graded_once):
    """Is a submission graded again when a file of it changed after it was graded?"""
    answers = graded_once.submitted_folder(SUBMISSION) / "lab-a.answers.json"
    answers.write_text("{}")
    assert not is_up_to_date(graded_once, SUBMISSION, RECORDED)


def test_a_missing_autograded_notebook_is_graded_again(graded_once):
    """Is a submission graded again when one of its autograded notebooks is missing?"""
    (graded_once.autograded_folder(SUBMISSION) / "lab-a.ipynb").unlink()
    assert not is_up_to_date(graded_once, SUBMISSION, RECORDED)


def test_timestamps_decide_when_the_submission_has_one(graded_once):
    """With nbgrader's timestamp.txt, is it handing in again (a later timestamp) that counts?"""
    from datetime import datetime

    submitted = graded_once.submitted_folder(SUBMISSION) / "timestamp.txt"
    graded = graded_once.autograded_folder(SUBMISSION) / "timestamp.txt"
    submitted.write_text("2026-03-01 10:00:00.000000 UTC")
    graded.write_text("2026-03-01 10:00:00.000000 UTC")
    recorded = SimpleNamespace(timestamp=datetime(2026, 3, 1, 10, 0, 0))
    assert is_up_to_date(graded_once, SUBMISSION, recorded)
    submitted.write_text("2026-03-02 09:00:00.000000 UTC")
    assert not is_up_to_date(graded_once, SUBMISSION, recorded)


def test_submitted_assignments_missing_from_the_gradebook_are_noted(course_with_one_lab):
    """Without names, are all assignments in the gradebook graded, and one only submitted noted?"""
    (course_with_one_lab / "submitted" / "learner-1" / "lab-new").mkdir()
    chosen, notes = choose_assignments(open_course(course_with_one_lab), {"lab-a", "lab-unsubmitted"}, [])
    assert chosen == ["lab-a"]
    assert len(notes) == 1 and "lab-new" in notes[0] and "generate_assignment lab-new" in notes[0]
