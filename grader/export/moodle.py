"""``gradebook_moodle.csv``: the course's lab scores for Moodle's CSV grade import.

Moodle's import takes any CSV with a header row; on its preview page the instructor maps one
column to a user field ("ID number" to the user's ID number, or "Email address" to their
email) and each other column to a grade item (or a new one).  So the file has the learner's
identity columns as Moodle's own grade export names them, then one column per lab, named by
its id.  See ``docs/export.md`` for the sources and the import steps.
"""

from __future__ import annotations

from pathlib import Path

from grader.export.csv_files import points_text, write_csv
from grader.export.records import GradebookSnapshot

FILE_NAME = "gradebook_moodle.csv"
LEARNER_COLUMNS = ("ID number", "First name", "Last name", "Email address")


def write_moodle(folder: Path, snapshot: GradebookSnapshot) -> int:
    """Write ``gradebook_moodle.csv`` into ``folder``: one row per learner; the rows written."""
    labs = [lab.id for lab in snapshot.labs]
    scores = snapshot.points_by_learner_and_lab()
    rows = (
        [
            learner.id,
            learner.first_name,
            learner.last_name,
            learner.email,
            *(points_text(scores.get((learner.id, lab))) for lab in labs),
        ]
        for learner in snapshot.learners
    )
    return write_csv(folder / FILE_NAME, [*LEARNER_COLUMNS, *labs], rows)
