"""Read a course's gradebook once, through nbgrader's ``Gradebook`` API, into plain records.

The gradebook is the one ``nbgrader`` and ``decisionlab grade`` write: SQLite or PostgreSQL,
named by the course's ``CourseDirectory.db_url`` (or ``--db-url``).  It is only read.  A
SQLite gradebook that does not exist is an error rather than a new empty one (nbgrader's
``Gradebook`` would create it), and so is a gradebook in which nothing is graded yet.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from grader.export.records import CellScore, GradebookSnapshot, GradedLab, Lab, Learner
from grader.grading.course import CourseError, printable_url

if TYPE_CHECKING:
    from nbgrader.api import Gradebook, Student, SubmittedAssignment


def read_gradebook(db_url: str, course_id: str, grade_command: str) -> GradebookSnapshot:
    """Every learner, lab and graded submission of the gradebook at ``db_url``.

    ``CourseError`` in one line when there is no gradebook, it cannot be opened, or nothing
    in it is graded (``grade_command`` is what the instructor should run first).
    """
    _require_existing_sqlite(db_url, grade_command)
    with _open(db_url, course_id) as gradebook, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's warnings about nbgrader's relationships
        labs = tuple(Lab(a.name, float(a.max_score or 0.0)) for a in gradebook.assignments)
        learners = tuple(sorted((_learner(s) for s in gradebook.students), key=lambda s: s.id))
        graded: list[GradedLab] = []
        waiting = 0
        for lab in labs:
            for submission in gradebook.assignment_submissions(lab.id):
                result = _graded_lab(submission)
                if result is None:
                    waiting += 1
                else:
                    graded.append(result)
    if not graded:
        raise CourseError(f"nothing is graded yet in {printable_url(db_url)}; run '{grade_command}' first")
    notes = []
    if waiting:
        notes.append(f"{waiting} submission(s) in the gradebook have no grade yet and are left out")
    graded.sort(key=lambda g: (g.learner, g.lab))
    return GradebookSnapshot(learners, labs, tuple(graded), tuple(notes))


def _learner(student: Student) -> Learner:
    return Learner(
        id=str(student.id),
        first_name=student.first_name or "",
        last_name=student.last_name or "",
        email=student.email or "",
        lms_user_id=getattr(student, "lms_user_id", None) or "",
    )


def _graded_lab(submission: SubmittedAssignment) -> GradedLab | None:
    """The submission's cell scores, or None if no cell has a score yet (not graded)."""
    cells: list[CellScore] = []
    scored = False
    penalty = 0.0
    for notebook in submission.notebooks:
        penalty += notebook.late_submission_penalty or 0.0
        for grade in notebook.grades:
            scored = scored or grade.auto_score is not None or grade.manual_score is not None
            cells.append(CellScore(grade.name, float(grade.score), float(grade.max_score)))
    if not scored:
        return None
    return GradedLab(submission.student.id, submission.name, tuple(cells), penalty)


def _require_existing_sqlite(db_url: str, grade_command: str) -> None:
    """Refuse a SQLite gradebook file that does not exist (opening it would create one)."""
    from pathlib import Path

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(db_url)
    except ArgumentError:
        raise CourseError(f"the gradebook address {db_url!r} is not a database URL") from None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        if not Path(url.database).is_file():
            raise CourseError(f"no gradebook at {url.database}; run '{grade_command}' first")


def _open(db_url: str, course_id: str) -> Gradebook:
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return Gradebook(db_url, course_id)
    except (SQLAlchemyError, ImportError) as error:
        text = str(error).strip()
        first_line = text.splitlines()[0] if text else type(error).__name__
        raise CourseError(f"cannot open the gradebook {printable_url(db_url)}: {first_line}") from error
