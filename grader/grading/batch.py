"""A grading batch: plan, fan out, commit each result as it arrives, sum up.

One batch per course at a time (a lock file in the course folder says so to a second one).
The process that runs the batch is the gradebook's only writer; a result is committed, then
its autograded folder published, before the next result is taken (``docs/scale.md``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

from grader.grading.blueprint import batch_blueprint
from grader.grading.course import Course, CourseError, open_course, printable_url
from grader.grading.fanout import dask_client, grade_on_dask
from grader.grading.gradebook import GradebookWriter
from grader.grading.plan import plan_grading
from grader.grading.progress import GradingProgress
from grader.grading.results import FailedSubmission, GradedSubmission, Outcome
from grader.grading.staging import clear_leftovers, discard, publish
from grader.grading.summary import GradingSummary

LOCK_FILE = ".decisionlab-grading.lock"
FAILURE_LOG = "decisionlab-grade-failures.log"
WORKER_LOG = "decisionlab-grade-workers.log"  # what a local cluster's workers and kernels print


def grade_course(
    course_dir: Path,
    assignments: list[str] | None = None,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    force: bool = False,
    stream: TextIO | None = None,
    show_progress: bool | None = None,
) -> GradingSummary:
    """Autograde every submission of ``course_dir`` that needs it; see the module docstring."""
    from filelock import FileLock, Timeout

    course = open_course(course_dir)
    try:
        lock = FileLock(str(course.root / LOCK_FILE)).acquire(timeout=0)
    except Timeout:
        raise CourseError(f"another 'decisionlab grade' is running in {course.root}; wait for it") from None
    with lock:
        clear_leftovers(course.root)  # no other batch runs: whatever is staged was left by a stopped one
        started = time.perf_counter()
        summary = _run(course, list(assignments or []), jobs, scheduler, force, stream, show_progress)
        summary.wall_seconds = time.perf_counter() - started
    failure_log = course.root / FAILURE_LOG
    if summary.failed:
        summary.write_failure_log(failure_log)
        summary.failure_log = failure_log
    else:
        failure_log.unlink(missing_ok=True)  # an earlier run's failures, graded since
    return summary


def _run(
    course: Course,
    assignments: list[str],
    jobs: int,
    scheduler: str | None,
    force: bool,
    stream: TextIO | None,
    show_progress: bool | None,
) -> GradingSummary:
    with _open_writer(course) as writer:
        plan = plan_grading(course, writer.gradebook, assignments, force)
        summary = GradingSummary(up_to_date=len(plan.up_to_date), notes=plan.notes)
        if not plan.tasks:
            return summary
        names = sorted({task.submission.assignment for task in plan.tasks})
        blueprint = batch_blueprint(writer.gradebook, names, course.course_id)
        total = sum(task.notebooks for task in plan.tasks)
        with (
            # No more workers than submissions: each costs a process start and nbgrader's imports.
            dask_client(min(jobs, len(plan.tasks)), scheduler, _fresh(course.root / WORKER_LOG)) as client,
            GradingProgress(total, stream, show_progress) as progress,
        ):
            for task, outcome in grade_on_dask(client, str(course.root), plan.tasks, blueprint):
                committing = time.perf_counter()
                outcome = _commit(course, writer, outcome)
                summary.commit_seconds += time.perf_counter() - committing
                summary.add(outcome)
                progress.finished(outcome, task.notebooks)
    return summary


def _fresh(path: Path) -> Path:
    """``path``, emptied: a log of this run only."""
    path.write_bytes(b"")
    return path


def _commit(course: Course, writer: GradebookWriter, outcome: Outcome) -> Outcome:
    """Record a graded submission and publish its autograded folder; a failure to save is a failure."""
    if not isinstance(outcome, GradedSubmission):
        return outcome
    try:
        writer.record(outcome)
        publish(course, outcome.submission, outcome.staging)
    except Exception as error:
        discard(course.root, outcome.staging)
        return FailedSubmission(
            outcome.submission, f"its grades could not be saved: {type(error).__name__}: {error}"
        )
    return outcome


def _open_writer(course: Course) -> GradebookWriter:
    """The course gradebook's writer; ``CourseError`` in one line if the database cannot be opened."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return GradebookWriter(course.db_url, course.course_id)
    except (SQLAlchemyError, ImportError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CourseError(
            f"cannot open the gradebook {printable_url(course.db_url)}: {first_line}"
        ) from error
