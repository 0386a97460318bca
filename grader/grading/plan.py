"""Which submissions to grade: the assignments asked for, less those already graded.

Grading is resumable.  A submission is up to date, and skipped unless ``force``, when the
course gradebook records it, every submitted notebook has its autograded copy, and that copy
is not older than the submission: by nbgrader's ``timestamp.txt`` when the submission has
one (the time the learner handed it in), else by the files' modification times.  A batch
cut short, a submission that failed (nbgrader removes its autograded folder) or one handed
in again is therefore graded by the next run, and nothing else is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.grading.course import Course, CourseError
from grader.grading.results import SubmissionId

if TYPE_CHECKING:
    from nbgrader.api import Gradebook


@dataclass(frozen=True)
class GradingTask:
    """One submission for a worker, with what the course gradebook knows that autograde needs."""

    submission: SubmissionId
    extension: timedelta | None  # granted in the course gradebook; late penalties depend on it
    notebooks: int = 1  # submitted notebooks, for the progress bar


@dataclass
class GradingPlan:
    tasks: list[GradingTask] = field(default_factory=list)
    up_to_date: list[SubmissionId] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # submissions left aside, and why


def choose_assignments(
    course: Course, in_gradebook: set[str], requested: list[str]
) -> tuple[list[str], list[str]]:
    """The assignments to grade and notes on submitted ones left out; ``CourseError`` for a bad name."""
    for name in requested:
        if name in in_gradebook:
            continue
        if name in course.source_assignments():
            raise CourseError(
                f"assignment {name} is not in the gradebook yet: run 'nbgrader generate_assignment {name}' "
                f"in {course.root} first"
            )
        known = ", ".join(sorted(in_gradebook)) or "none"
        raise CourseError(f"no assignment {name} in {course.root} (assignments in its gradebook: {known})")
    if requested:
        return list(dict.fromkeys(requested)), []
    submitted = course.submitted_assignments()
    notes = [
        f"{name}: submitted but not in the gradebook; run 'nbgrader generate_assignment {name}' to grade it"
        for name in sorted(submitted - in_gradebook)
    ]
    return sorted(submitted & in_gradebook), notes


def plan_grading(course: Course, gradebook: Gradebook, requested: list[str], force: bool) -> GradingPlan:
    """What to grade in ``course`` (see module docstring)."""
    in_gradebook = {assignment.name for assignment in gradebook.assignments}
    assignments, notes = choose_assignments(course, in_gradebook, requested)
    plan = GradingPlan(notes=notes)
    for assignment in assignments:
        recorded = {s.student.id: s for s in gradebook.assignment_submissions(assignment)}
        for submission in course.submissions({assignment}):
            record = recorded.get(submission.student)
            if not force and is_up_to_date(course, submission, record):
                plan.up_to_date.append(submission)
            else:
                extension = record.extension if record is not None else None
                notebooks = len(list(course.submitted_folder(submission).glob("*.ipynb")))
                plan.tasks.append(GradingTask(submission, extension, notebooks))
    return plan


def is_up_to_date(course: Course, submission: SubmissionId, record: Any) -> bool:
    """Has ``submission`` been autograded, into the gradebook, since it was last handed in?"""
    submitted, graded = course.submitted_folder(submission), course.autograded_folder(submission)
    if record is None or not graded.is_dir():
        return False
    notebooks = [path.name for path in submitted.glob("*.ipynb")]
    if not notebooks or not all((graded / name).is_file() for name in notebooks):
        return False
    handed_in = _timestamp(course, submitted)
    if handed_in is not None:
        graded_at = _timestamp(course, graded)
        recorded_at = record.timestamp
        return (
            graded_at is not None
            and graded_at >= handed_in
            and recorded_at is not None
            and recorded_at >= handed_in
        )
    newest_file = max(path.stat().st_mtime for path in submitted.rglob("*") if path.is_file())
    oldest_grading = min((graded / name).stat().st_mtime for name in notebooks)
    return oldest_grading >= newest_file


def _timestamp(course: Course, folder: Path) -> datetime | None:
    """nbgrader's reading of ``folder/timestamp.txt`` (None: none, or unreadable: grade again)."""
    try:
        return course.coursedir.get_existing_timestamp(str(folder))
    except Exception:  # nbgrader's own autograde will report a broken timestamp file
        return None
