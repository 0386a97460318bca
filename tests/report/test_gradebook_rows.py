"""Are the cohort's points, read once for the course, the ones nbgrader's own objects give?"""

from __future__ import annotations

import warnings

import pytest

from grader.gradebook import read_gradebook
from grader.report.gradebook_rows import decision_points, submission_points


@pytest.fixture
def snapshot(eight_learner_course):
    return read_gradebook(f"sqlite:///{eight_learner_course / 'gradebook.db'}", "decisionlab grade")


@pytest.fixture
def gradebook(eight_learner_course):
    from nbgrader.api import Gradebook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(f"sqlite:///{eight_learner_course / 'gradebook.db'}", "decisionlab") as opened:
            yield opened


def test_each_submissions_points_are_nbgraders(gradebook, snapshot):
    """Is every submission there, with the score and maximum nbgrader's submission object gives?"""
    expected = {
        (s.student.id, a.name): pytest.approx((s.score, s.max_score))
        for a in gradebook.assignments
        for s in gradebook.assignment_submissions(a.name)
    }
    assert submission_points(snapshot) == expected


def test_only_decision_cells_are_read_as_decisions(gradebook, snapshot):
    """Are a submission's decision cells read, by decision id, and its code cells left out?"""
    expected = {}
    for assignment in gradebook.assignments:
        for submission in gradebook.assignment_submissions(assignment.name):
            found = {
                grade.name.removeprefix("decision-"): (grade.score, grade.max_score)
                for notebook in submission.notebooks
                for grade in notebook.grades
                if grade.name.startswith("decision-")
            }
            if found:
                expected[(submission.student.id, assignment.name)] = found
    assert expected
    assert decision_points(snapshot) == expected
