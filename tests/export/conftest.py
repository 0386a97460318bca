"""A course whose gradebook holds lab 00's decision grades, recorded as `decisionlab grade` records
them, and an autograded answers file: fast, without kernels.  The graded demo cohort, with real
kernels, is in ``test_graded_cohort.py``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from grader.answers import AnswersStore, answers_path
from grader.autograde.cells import decision_grade_id
from grader.grading.gradebook import GradebookWriter
from grader.grading.results import CellGrade, GradedSubmission, NotebookGrades, SubmissionId
from tests.grading.conftest import COURSE_ID, tiny_course

LAB = "00_orientation"
SCENARIO = "orientation-warmup"
DECISIONS = ("warmup_channel", "warmup_estimate")  # one point each, in the scenario's order


def gradebook_url(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def add_orientation_lab(course: Path) -> None:
    """Put lab 00 in the course's gradebook as `nbgrader generate_assignment` would: a notebook
    with one grade cell of one point per decision (listed here in reverse, so order comes from
    the scenario, not the gradebook)."""
    from nbgrader.api import Gradebook

    with Gradebook(gradebook_url(course), COURSE_ID) as gradebook:
        gradebook.add_assignment(LAB)
        gradebook.add_notebook(LAB, LAB, kernelspec='{"name": "python3"}')
        for decision in reversed(DECISIONS):
            gradebook.add_grade_cell(decision_grade_id(decision), LAB, LAB, max_score=1, cell_type="code")
        gradebook.add_student("ada", first_name="Ada", last_name="Lovelace", email="ada@example.org")
        gradebook.add_student("linus")  # on the roster, never graded


def record_grades(course: Path, learner: str, points: tuple[float, float], late_penalty: float = 0.0) -> None:
    """Record ``learner``'s points for the two decisions through the course's one writer."""
    notebook = NotebookGrades(
        notebook=LAB,
        submitted=True,
        late_submission_penalty=late_penalty,
        grades=tuple(
            CellGrade(decision_grade_id(d), p, False) for d, p in zip(DECISIONS, points, strict=True)
        ),
        comments=(),
    )
    graded = GradedSubmission(
        SubmissionId(LAB, learner), datetime(2026, 3, 1, 10, 0), (notebook,), staging="", seconds=1.0
    )
    with GradebookWriter(gradebook_url(course), COURSE_ID) as writer:
        writer.record(graded)


@pytest.fixture
def orientation_graded(tmp_path, monkeypatch) -> Path:
    """Lab 00 graded for ada (channel right and revealed, estimate half right, a quarter point
    late) and grace (no answers file); linus is on the roster with nothing graded."""
    for name in ("NBGRADER_EXECUTION", "DECISIONLAB_SCENARIOS"):
        monkeypatch.delenv(name, raising=False)
    course = tiny_course(tmp_path / "course", assignments=())
    add_orientation_lab(course)
    record_grades(course, "ada", (1.0, 0.5), late_penalty=0.25)
    record_grades(course, "grace", (0.0, 0.0))
    autograded = course / "autograded" / "ada" / LAB
    autograded.mkdir(parents=True)
    store = AnswersStore(answers_path(autograded, LAB), LAB)
    store.record(SCENARIO, "warmup_channel", "offshore", scenario=SCENARIO, learner="ada")
    store.record(SCENARIO, "warmup_estimate", 1.5)
    store.record_reveal(SCENARIO, "warmup_channel")
    return course
