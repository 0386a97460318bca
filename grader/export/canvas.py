"""``gradebook_canvas.csv``: the course's lab scores in the layout Canvas's gradebook imports.

Canvas reads the layout of its own gradebook export: the columns "Student", "ID",
"SIS User ID", "SIS Login ID" and "Section", then one column per assignment, and a second row
whose "Student" cell is "Points Possible" giving each assignment's maximum.  Canvas finds each
learner by "ID" (its own user id) when that is filled, else by "SIS User ID"; an assignment
column whose name matches no assignment of the Canvas course creates one.  See
``docs/export.md`` for the sources and the import steps.
"""

from __future__ import annotations

from pathlib import Path

from grader.export.csv_files import points_text, write_csv
from grader.export.records import GradebookSnapshot, Learner

FILE_NAME = "gradebook_canvas.csv"
LEARNER_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
POINTS_POSSIBLE = "Points Possible"


def write_canvas(folder: Path, snapshot: GradebookSnapshot) -> int:
    """Write ``gradebook_canvas.csv`` into ``folder``: the points row, then one row per learner."""
    labs = [lab.id for lab in snapshot.labs]
    scores = snapshot.points_by_learner_and_lab()
    possible = [POINTS_POSSIBLE, "", "", "", "", *(points_text(lab.max_points) for lab in snapshot.labs)]
    rows = [possible] + [
        [*_identity(learner), *(points_text(scores.get((learner.id, lab))) for lab in labs)]
        for learner in snapshot.learners
    ]
    return write_csv(folder / FILE_NAME, [*LEARNER_COLUMNS, *labs], rows) - 1


def _identity(learner: Learner) -> list[str]:
    """Student, ID, SIS User ID, SIS Login ID, Section.

    The nbgrader student id is the SIS User ID; the Canvas user id is known only when
    nbgrader recorded it (``lms_user_id``, for learners arriving by LTI); nbgrader knows no
    login or section.
    """
    return [learner.sortable_name, learner.lms_user_id, learner.id, "", ""]
