"""One submission autograded inside a Dask worker, by nbgrader's own autograde.

Each worker process keeps one nbgrader application per course (its configuration, read as
``nbgrader`` reads it, and its ``CourseDirectory``), made on first use, so the configuration
file and nbgrader's imports are paid once per worker, not once per notebook; each submission
is one run of nbgrader's ``Autograde`` converter, as nbgrader's formgrader runs it.
Every notebook still runs in a fresh kernel: nbgrader's ``Execute`` starts one per notebook,
forked from a warm process whose imports are done (``c.Sandbox.warm_kernels``, on in a worker
unless the course sets it), in namespaces and a root of its own.

nbgrader writes its grades into a private copy of the assignment's blueprint
(``grader.grading.blueprint``) and its autograded folder into a staging folder
(``grader.grading.staging``); the worker reads the grades back and returns them as plain
data.  nbgrader changes the working directory while it converts, which is global to a
process, so a worker grades one submission at a time (a local cluster has one thread per
worker; ``_ONE_AT_A_TIME`` guards workers started with more).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import time
import traceback
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.grading.plan import GradingTask
from grader.grading.results import (
    CellComment,
    CellGrade,
    FailedSubmission,
    GradedSubmission,
    NotebookGrades,
    Outcome,
    SubmissionId,
)
from grader.grading.staging import discard, new_staging_step

if TYPE_CHECKING:
    from nbgrader.coursedir import CourseDirectory

_ONE_AT_A_TIME = threading.Lock()
_APPLICATIONS: dict[tuple[str, float], _Application] = {}
_LOG_NAME = "decisionlab.grading.nbgrader"


def grade_submission(course_root: str, task: GradingTask, blueprint: bytes) -> Outcome:
    """Autograde ``task``'s submission in ``course_root``; never raises for a bad submission."""
    started = time.perf_counter()
    step = new_staging_step()
    with _ONE_AT_A_TIME, warnings.catch_warnings():
        # nbgrader's own gradebook code trips SQLAlchemy warnings on every new submission.
        warnings.simplefilter("ignore")
        try:
            application = _application(course_root)
            with tempfile.TemporaryDirectory(prefix="decisionlab-grading-", dir=_memory_folder()) as scratch:
                path = Path(scratch) / "gradebook.db"
                path.write_bytes(blueprint)
                url = f"sqlite:///{path}"
                _register_learner(url, application.coursedir.course_id, task)
                result = application.autograde(task.submission, db_url=url, autograded_directory=step)
                if not result.get("success"):
                    discard(Path(course_root), step)
                    log = str(result.get("log") or "")
                    return FailedSubmission(task.submission, failure_reason(log, result.get("error")), log)
                return _read_back(application.coursedir, url, task, step, time.perf_counter() - started)
        except Exception as error:  # anything else about this submission: report it, go on
            discard(Path(course_root), step)
            return FailedSubmission(
                task.submission, f"{type(error).__name__}: {error}", traceback.format_exc()
            )


class _Application:
    """nbgrader as ``nbgrader autograde`` runs it in a course: its configuration and course folders."""

    def __init__(self, root: Path) -> None:
        from nbgrader.coursedir import CourseDirectory

        from grader.grading.course import load_course_config

        self.log = logging.getLogger(_LOG_NAME)
        self.log.propagate = False  # each run's log is captured and handed back, not printed
        self.log.setLevel(logging.INFO)
        self.config = load_course_config(root)
        # Fork each notebook's kernel from a warm process, imports done once per worker
        # (grader.autograde.warm_sandbox), unless the course decided.
        if "warm_kernels" not in self.config.Sandbox:
            self.config.Sandbox.warm_kernels = True
        self.coursedir = CourseDirectory(config=self.config, log=self.log)

    def autograde(self, submission: SubmissionId, db_url: str, autograded_directory: str) -> dict[str, Any]:
        """nbgrader's ``Autograde`` of one submission, run as ``NbGraderAPI.autograde`` runs it."""
        from nbgrader.converters import Autograde
        from nbgrader.utils import capture_log

        self.coursedir.assignment_id = submission.assignment
        self.coursedir.student_id = submission.student
        self.coursedir.db_url = db_url
        self.coursedir.autograded_directory = autograded_directory
        converter = Autograde(coursedir=self.coursedir, config=self.config, log=self.log)
        converter.force = True  # the plan decided; a stale autograded folder is the writer's to replace
        converter.create_student = True
        return capture_log(converter)


def _application(course_root: str) -> _Application:
    """This process's nbgrader application for the course (made again if its config file changed)."""
    from grader.grading.course import CONFIG_FILE

    root = Path(course_root)
    key = (course_root, (root / CONFIG_FILE).stat().st_mtime)
    if key not in _APPLICATIONS:
        _APPLICATIONS.clear()
        _APPLICATIONS[key] = _Application(root)
    return _APPLICATIONS[key]


def _memory_folder() -> str | None:
    """A folder in memory for the private gradebook, where there is one (else the temp folder).

    nbgrader commits once per graded cell; on a busy disk each commit waits for it, for a
    file that is read once and thrown away.
    """
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _register_learner(url: str, course_id: str, task: GradingTask) -> None:
    """Put the learner, and any extension the course granted, in the private gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(url, course_id) as gradebook:
        gradebook.update_or_create_student(task.submission.student)
        if task.extension is not None:
            gradebook.add_submission(
                task.submission.assignment, task.submission.student, extension=task.extension
            )


def _read_back(
    coursedir: CourseDirectory, url: str, task: GradingTask, step: str, seconds: float
) -> GradedSubmission:
    from nbgrader.api import Gradebook

    folder = Path(
        coursedir.format_path(
            coursedir.submitted_directory, task.submission.student, task.submission.assignment
        )
    )
    with Gradebook(url, coursedir.course_id) as gradebook:
        record = gradebook.find_submission(task.submission.assignment, task.submission.student)
        notebooks = tuple(
            NotebookGrades(
                notebook=notebook.name,
                submitted=(folder / f"{notebook.name}.ipynb").is_file(),
                late_submission_penalty=notebook.late_submission_penalty,
                grades=tuple(
                    CellGrade(grade.name, grade.auto_score, grade.needs_manual_grade)
                    for grade in notebook.grades
                ),
                comments=tuple(
                    CellComment(comment.name, comment.auto_comment) for comment in notebook.comments
                ),
            )
            for notebook in record.notebooks
        )
        return GradedSubmission(task.submission, record.timestamp, notebooks, step, seconds)


_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b.*")


def failure_reason(log: str, error: object = None) -> str:
    r"""One line saying why nbgrader could not grade: the last exception of the first traceback
    its log shows (of chained exceptions, the one nbgrader saw), else of ``error``.

    >>> failure_reason("[ERROR] Traceback (most recent call last):\n    File x\n"
    ...     "    ValueError: bad\n    \n    Traceback (most recent call last):\n"
    ...     "    nbformat.reader.NotJSONError: Notebook does not appear to be JSON\n"
    ...     "[ERROR] There was an error processing assignment")
    'nbformat.reader.NotJSONError: Notebook does not appear to be JSON'
    >>> failure_reason("", "Traceback (most recent call last):\n  File x\nNbGraderException: no notebooks")
    'NbGraderException: no notebooks'
    """
    for text in (log, str(error or "")):
        found = None
        for line in _first_traceback(text.splitlines()):
            if _EXCEPTION_LINE.match(line.strip()):
                found = line.strip()
        if found is not None:
            return found[:300]
    errors = [line.removeprefix("[ERROR]").strip() for line in log.splitlines() if line.startswith("[ERROR]")]
    return errors[0][:300] if errors else "nbgrader could not grade it (no reason logged)"


def _first_traceback(lines: list[str]) -> list[str]:
    """The lines of the first traceback: from its first line to the next log record."""
    start = next((i for i, line in enumerate(lines) if "Traceback (most recent call last)" in line), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    return lines[start + 1 : end]
