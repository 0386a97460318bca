"""What a worker hands back for one submission: its grades, or why it could not be graded.

Plain frozen dataclasses, so they travel between Dask processes by pickle and carry no
database session: a worker never writes the course gradebook, the one writer does
(``grader.grading.gradebook``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, order=True)
class SubmissionId:
    """One learner's submission of one assignment (``submitted/<student>/<assignment>/``)."""

    assignment: str
    student: str

    def __str__(self) -> str:
        return f"{self.student}/{self.assignment}"


@dataclass(frozen=True)
class CellGrade:
    """nbgrader's automatic grade of one grade (or task) cell."""

    cell: str
    auto_score: float | None
    needs_manual_grade: bool


@dataclass(frozen=True)
class CellComment:
    """nbgrader's automatic comment on one solution (or task) cell ("No response." or none)."""

    cell: str
    auto_comment: str | None


@dataclass(frozen=True)
class NotebookGrades:
    """Everything autograde decided about one notebook of a submission."""

    notebook: str
    submitted: bool  # False: the learner handed no such file, and nbgrader gave it zero
    late_submission_penalty: float | None
    grades: tuple[CellGrade, ...]
    comments: tuple[CellComment, ...]


@dataclass(frozen=True)
class GradedSubmission:
    """A submission nbgrader autograded: what the writer commits to the course gradebook."""

    submission: SubmissionId
    timestamp: datetime | None  # from the submission's timestamp.txt, as nbgrader read it
    notebooks: tuple[NotebookGrades, ...]
    staging: str  # where nbgrader wrote the autograded folder, until it is published
    seconds: float  # time the worker spent, for the progress estimate and the benchmark


@dataclass(frozen=True)
class FailedSubmission:
    """A submission that could not be graded: it crashed, timed out or is malformed."""

    submission: SubmissionId
    reason: str  # one line for the summary
    log: str = ""  # nbgrader's log of the attempt, for the instructor who wants details


Outcome = GradedSubmission | FailedSubmission
