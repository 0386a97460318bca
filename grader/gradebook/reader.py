"""Read a course's gradebook in four queries, with SQLAlchemy alone, into plain records.

The gradebook is the one ``nbgrader`` and ``decisionlab grade`` write: SQLite or PostgreSQL,
named by the course's ``CourseDirectory.db_url`` (or ``--db-url``).  It is only read.
nbgrader's ``Gradebook`` would create a missing SQLite file (and its tables, and a course row)
and loads each submission's notebooks and grades one query at a time, thousands of round trips
for a cohort; importing its API also costs seconds.  Its tables are stable (nbgrader migrates
them with alembic), so the same columns are read here directly, and a cell's points follow
nbgrader's own rule (``Grade.score``): the manual score when a grader gave one, else the
automatic one, plus any extra credit; neither set is 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from grader.gradebook.records import CellScore, GradebookSnapshot, GradedLab, Lab, Learner
from grader.grading.course import CourseError, printable_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

__all__ = ["read_gradebook"]

# Labs in nbgrader's order (``Gradebook.assignments``); a lab's points are its grade and task
# cells' maxima, over every notebook of the lab (``Assignment.max_score``).
_LABS = """
SELECT a.name,
       (SELECT COALESCE(SUM(gc.max_score), 0.0) FROM grade_cells gc
          JOIN base_cell bc ON bc.id = gc.id JOIN notebook n ON n.id = bc.notebook_id
         WHERE n.assignment_id = a.id)
     + (SELECT COALESCE(SUM(tc.max_score), 0.0) FROM task_cells tc
          JOIN base_cell bc ON bc.id = tc.id JOIN notebook n ON n.id = bc.notebook_id
         WHERE n.assignment_id = a.id)
  FROM assignment a
 ORDER BY a.duedate, a.name
"""

# Each submission's total as nbgrader's ``SubmittedAssignment.score`` asks the database for it:
# the same sum in the same order, so the same number to the last bit (a sum of the cells in
# another order can differ in it, and move a chart's tick).
_TOTALS = """
SELECT sa.student_id, a.name,
       (SELECT COALESCE(SUM(CASE
                  WHEN g.manual_score IS NOT NULL THEN g.manual_score
                       + CASE WHEN g.extra_credit IS NOT NULL THEN g.extra_credit ELSE 0.0 END
                  WHEN g.auto_score IS NOT NULL THEN g.auto_score
                       + CASE WHEN g.extra_credit IS NOT NULL THEN g.extra_credit ELSE 0.0 END
                  ELSE 0.0 END), 0.0)
          FROM submitted_notebook sn, grade g
         WHERE sn.assignment_id = sa.id AND g.notebook_id = sn.id)
  FROM submitted_assignment sa
  JOIN assignment a ON a.id = sa.assignment_id
"""

_LEARNERS = "SELECT id, first_name, last_name, email, lms_user_id FROM student"

# One row per grade of every submission (a submission without notebooks or grades: one row of
# NULLs after its names, so it is still there).
_GRADES = """
SELECT sa.student_id, a.name, sn.id, sn.late_submission_penalty, bc.name,
       g.auto_score, g.manual_score, g.extra_credit, COALESCE(gc.max_score, tc.max_score, 0.0)
  FROM submitted_assignment sa
  JOIN assignment a ON a.id = sa.assignment_id
  LEFT JOIN submitted_notebook sn ON sn.assignment_id = sa.id
  LEFT JOIN grade g ON g.notebook_id = sn.id
  LEFT JOIN base_cell bc ON bc.id = g.cell_id
  LEFT JOIN grade_cells gc ON gc.id = g.cell_id
  LEFT JOIN task_cells tc ON tc.id = g.cell_id
"""


def read_gradebook(db_url: str, grade_command: str, *, require_graded: bool = True) -> GradebookSnapshot:
    """Every learner, lab and submission of the gradebook at ``db_url``.

    Submissions with a score in some cell are ``graded``; the others are ``waiting``, and a
    note says how many.  ``CourseError`` in one line when there is no gradebook or it cannot be
    read, and, with ``require_graded``, when nothing in it is graded (``grade_command`` is what
    the instructor should run first).
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    _require_existing_sqlite(db_url, grade_command)
    try:
        engine = create_engine(db_url)
    except (SQLAlchemyError, ImportError) as error:  # e.g. a database driver that is not installed
        raise _unreadable(db_url, error) from error
    try:
        with engine.connect() as connection:
            labs = tuple(Lab(name, float(most or 0.0)) for name, most in connection.execute(text(_LABS)))
            learners = tuple(sorted(_learners(connection), key=lambda learner: learner.id))
            graded, waiting = _submissions(connection.execute(text(_GRADES)))
            totals = {
                (str(learner), str(lab)): float(total)
                for learner, lab, total in connection.execute(text(_TOTALS))
            }
    except SQLAlchemyError as error:  # a database that answers nothing, or is no gradebook
        raise _unreadable(db_url, error) from error
    finally:
        engine.dispose()
    if require_graded and not graded:
        raise CourseError(f"nothing is graded yet in {printable_url(db_url)}; run '{grade_command}' first")
    notes = (
        [f"{len(waiting)} submission(s) in the gradebook have no grade yet and are left out"]
        if waiting
        else []
    )
    return GradebookSnapshot(learners, labs, graded, tuple(notes), waiting, totals)


def _learners(connection: Connection) -> Iterable[Learner]:
    from sqlalchemy import text

    for learner, first, last, email, lms in connection.execute(text(_LEARNERS)):
        yield Learner(str(learner), first or "", last or "", email or "", lms or "")


def _submissions(rows: Iterable[tuple]) -> tuple[tuple[GradedLab, ...], tuple[GradedLab, ...]]:
    """The rows of ``_GRADES`` as submissions, sorted by learner and lab: (graded, waiting)."""
    cells: dict[tuple[str, str], list[tuple[str, CellScore]]] = {}
    penalties: dict[tuple[str, str], dict[str, float]] = {}
    scored: set[tuple[str, str]] = set()
    for learner, lab, notebook, penalty, cell, auto, manual, extra, most in rows:
        key = (str(learner), str(lab))
        found = cells.setdefault(key, [])
        if notebook is None:
            continue
        penalties.setdefault(key, {})[notebook] = float(penalty or 0.0)
        if cell is None:
            continue
        if auto is not None or manual is not None:
            scored.add(key)
        found.append((notebook, CellScore(cell, _points(auto, manual, extra), float(most))))
    graded, waiting = [], []
    for key in sorted(cells):
        # Notebook by notebook, each cell by name: the same order however the database returns rows.
        ordered = tuple(score for _, score in sorted(cells[key], key=lambda c: (c[0], c[1].cell)))
        submission = GradedLab(*key, ordered, sum(penalties.get(key, {}).values()))
        (graded if key in scored else waiting).append(submission)
    return tuple(graded), tuple(waiting)


def _points(auto: float | None, manual: float | None, extra: float | None) -> float:
    """nbgrader's ``Grade.score``: manual over automatic, plus extra credit; nothing set is 0.

    >>> _points(1.0, None, None), _points(1.0, 0.5, 0.25), _points(None, None, 2.0)
    (1.0, 0.75, 0.0)
    """
    if manual is not None:
        return float(manual) + float(extra or 0.0)
    if auto is not None:
        return float(auto) + float(extra or 0.0)
    return 0.0


def _require_existing_sqlite(db_url: str, grade_command: str) -> None:
    """Refuse a SQLite gradebook file that does not exist (connecting would create one)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(db_url)
    except ArgumentError:
        raise CourseError(f"the gradebook address {db_url!r} is not a database URL") from None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        if not Path(url.database).is_file():
            raise CourseError(f"no gradebook at {url.database}; run '{grade_command}' first")


def _unreadable(db_url: str, error: Exception) -> CourseError:
    text = str(error).strip()
    first_line = text.splitlines()[0] if text else type(error).__name__
    return CourseError(f"the gradebook at {printable_url(db_url)} could not be read: {first_line}")
