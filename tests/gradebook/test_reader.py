"""Does the one gradebook reader give what nbgrader's own objects give, without writing anything?"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from grader.gradebook import CellScore, read_gradebook
from grader.grading.course import CourseError
from tests.report.conftest import graded_course

PROFILES = {"learner-a": "strong", "learner-b": "weak", "learner-c": "empty", "learner-d": "missing"}


@pytest.fixture(scope="module")
def course_with_hand_grades(tmp_path_factory) -> Path:
    """A graded course in which a grader set a manual score and extra credit, a late penalty
    was charged, and one submission is in the gradebook with no grade yet."""
    from nbgrader.api import Gradebook

    course = graded_course(tmp_path_factory.mktemp("gradebook") / "course", PROFILES)
    with warnings.catch_warnings(), Gradebook(_url(course), "decisionlab") as gradebook:
        warnings.simplefilter("ignore")
        lab = gradebook.assignments[0].name
        grade = gradebook.assignment_submissions(lab)[0].notebooks[0].grades[0]
        grade.manual_score, grade.extra_credit = 0.5, 0.25
        gradebook.assignment_submissions(lab)[1].notebooks[0].late_submission_penalty = 1.0
        gradebook.add_submission(lab, "learner-d")  # submitted, never graded
        gradebook.db.commit()
    return course


def _url(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def _nbgraders_view(course: Path) -> dict[tuple[str, str], tuple[list[CellScore], float]]:
    from nbgrader.api import Gradebook

    with warnings.catch_warnings(), Gradebook(_url(course), "decisionlab") as gradebook:
        warnings.simplefilter("ignore")
        return {
            (s.student.id, a.name): (
                sorted(
                    (
                        CellScore(g.name, float(g.score), float(g.max_score))
                        for n in s.notebooks
                        for g in n.grades
                    ),
                    key=lambda c: c.cell,
                ),
                float(s.late_submission_penalty),
            )
            for a in gradebook.assignments
            for s in gradebook.assignment_submissions(a.name)
        }


def test_every_cells_points_are_nbgraders_own(course_with_hand_grades):
    """Is each cell's score nbgrader's (manual over automatic, plus extra credit), with each late penalty?"""
    snapshot = read_gradebook(_url(course_with_hand_grades), "decisionlab grade")
    read = {
        (s.learner, s.lab): (sorted(s.cells, key=lambda c: c.cell), s.late_penalty)
        for s in (*snapshot.graded, *snapshot.waiting)
    }
    assert read == _nbgraders_view(course_with_hand_grades)
    assert any(c.points == 0.75 for s in snapshot.graded for c in s.cells)


def test_a_submission_without_grades_waits_with_a_note(course_with_hand_grades):
    """Is a submission nobody graded kept apart from the graded ones, and counted in a note?"""
    snapshot = read_gradebook(_url(course_with_hand_grades), "decisionlab grade")
    assert [(s.learner, s.lab) for s in snapshot.waiting] == [("learner-d", snapshot.labs[0].id)]
    assert "learner-d" not in {s.learner for s in snapshot.graded}
    assert snapshot.notes == ("1 submission(s) in the gradebook have no grade yet and are left out",)


def test_learners_and_labs_are_the_gradebooks(course_with_hand_grades):
    """Is every learner on the roster there, sorted, and every lab with nbgrader's maximum?"""
    from nbgrader.api import Gradebook

    snapshot = read_gradebook(_url(course_with_hand_grades), "decisionlab grade")
    with warnings.catch_warnings(), Gradebook(_url(course_with_hand_grades), "decisionlab") as gradebook:
        warnings.simplefilter("ignore")
        labs = [(a.name, float(a.max_score)) for a in gradebook.assignments]
    assert [learner.id for learner in snapshot.learners] == sorted(PROFILES)
    assert [(lab.id, lab.max_points) for lab in snapshot.labs] == labs


def test_reading_needs_no_nbgrader_api(course_with_hand_grades):
    """Is the gradebook read without importing nbgrader, whose import alone costs seconds?"""
    import subprocess
    import sys

    code = (
        "import sys; from grader.gradebook import read_gradebook; "
        f"read_gradebook({_url(course_with_hand_grades)!r}, 'x'); "
        "print('nbgrader' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_a_database_that_is_no_gradebook_is_one_line_and_left_alone(tmp_path):
    """Is a SQLite file without nbgrader's tables refused in one line, and left without new tables?"""
    import sqlite3

    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE notes (text TEXT)").connection.close()
    with pytest.raises(CourseError, match="could not be read"):
        read_gradebook(f"sqlite:///{path}", "decisionlab grade")
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("notes",)]


def test_nothing_graded_is_refused_only_when_asked(course_with_hand_grades, tmp_path):
    """Does a gradebook whose submissions all wait raise for the export, and read for the report?"""
    import shutil
    import sqlite3

    copy = tmp_path / "gradebook.db"
    shutil.copyfile(course_with_hand_grades / "gradebook.db", copy)
    with sqlite3.connect(copy) as db:
        db.execute("UPDATE grade SET auto_score = NULL, manual_score = NULL")
    with pytest.raises(CourseError, match="nothing is graded yet"):
        read_gradebook(f"sqlite:///{copy}", "decisionlab grade")
    assert read_gradebook(f"sqlite:///{copy}", "decisionlab grade", require_graded=False).waiting
