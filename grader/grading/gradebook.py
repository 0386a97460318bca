"""The one writer of the course gradebook: commits each graded submission as one transaction.

Workers never open the course gradebook; they return grades (``grader.grading.results``) and
this writer, in the process that runs the batch, records them through nbgrader's
``Gradebook`` API.  So SQLite never sees two writers, PostgreSQL never sees half a
submission, and a worker that dies mid-notebook leaves nothing behind in either.  What is
written is what nbgrader's ``autograde`` writes itself (its ``SaveAutoGrades`` and
``AssignLatePenalties`` steps): the automatic score and comment of each cell, the late
penalty of each notebook, the submission's timestamp.  Manual grades and comments are
never touched, and a cell an instructor has graded by hand is flagged for review again, as
nbgrader does.
"""

from __future__ import annotations

import warnings
from types import TracebackType
from typing import TYPE_CHECKING

from grader.grading.results import GradedSubmission, NotebookGrades, SubmissionId

if TYPE_CHECKING:
    from nbgrader.api import Gradebook


class GradebookWriter:
    """Open the course gradebook at ``db_url`` for the batch; ``record`` each graded submission."""

    def __init__(self, db_url: str, course_id: str) -> None:
        from nbgrader.api import Gradebook

        self.gradebook: Gradebook = Gradebook(db_url, course_id)

    def __enter__(self) -> GradebookWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.gradebook.close()

    def record(self, graded: GradedSubmission) -> None:
        """Commit ``graded`` to the course gradebook: its grades in one transaction.

        The learner and submission rows come first (nbgrader's API commits each as it makes
        it); they carry no grade, and a submission without grades is graded again next run.
        """
        assignment, student = graded.submission.assignment, graded.submission.student
        with warnings.catch_warnings():
            # nbgrader's add_submission trips SQLAlchemy warnings on every new submission.
            warnings.simplefilter("ignore")
            self._record(graded, assignment, student)

    def _record(self, graded: GradedSubmission, assignment: str, student: str) -> None:
        gradebook = self.gradebook
        try:
            gradebook.update_or_create_student(student)
            if graded.timestamp is not None:
                gradebook.update_or_create_submission(assignment, student, timestamp=graded.timestamp)
            else:
                gradebook.update_or_create_submission(assignment, student)
            for notebook in graded.notebooks:
                self._record_notebook(graded.submission, notebook)
            gradebook.db.commit()
        except BaseException:
            gradebook.db.rollback()
            raise

    def _record_notebook(self, submission: SubmissionId, notebook: NotebookGrades) -> None:
        assignment, student, name = submission.assignment, submission.student, notebook.notebook
        stored = self.gradebook.find_submission_notebook(name, assignment, student)
        stored.late_submission_penalty = notebook.late_submission_penalty
        for cell in notebook.grades:
            grade = self.gradebook.find_grade(cell.cell, name, assignment, student)
            grade.auto_score = cell.auto_score
            # nbgrader: a missing notebook scores zero, reviewed by nobody; a graded one needs a
            # human when it has no automatic score, or a human graded it before.
            grade.needs_manual_grade = notebook.submitted and (
                cell.needs_manual_grade or grade.manual_score is not None
            )
        for cell in notebook.comments:
            self.gradebook.find_comment(cell.cell, name, assignment, student).auto_comment = cell.auto_comment
