"""Autograded folders appear only once their grades are in the course gradebook.

A worker lets nbgrader write a submission's autograded folder under a private staging
folder inside the course (``.decisionlab-grading/<id>/<student>/<assignment>``, nbgrader's
own layout with another first part); after the writer has committed the grades, the folder
is moved into ``autograded/``.  Resuming trusts an autograded folder (``grader.grading.plan``),
so a batch stopped between grading and committing must leave none behind: it leaves only a
staging folder, which the next run clears.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from grader.grading.course import Course
from grader.grading.results import SubmissionId

STAGING = ".decisionlab-grading"


def new_staging_step() -> str:
    """A fresh first part for nbgrader's path layout, in place of ``autograded``."""
    return f"{STAGING}/{uuid.uuid4().hex}"


def publish(course: Course, submission: SubmissionId, step: str) -> None:
    """Move the staged autograded folder of ``submission`` to its place, replacing an older one."""
    staged = Path(course.coursedir.format_path(step, submission.student, submission.assignment))
    final = course.autograded_folder(submission)
    if final.exists():
        _remove(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final)
    discard(course.root, step)


def discard(root: Path, step: str) -> None:
    """Remove a staging folder (a failed submission's, or one left by an interrupted run)."""
    folder = root / step
    if folder.exists():
        _remove(folder)


def clear_leftovers(root: Path) -> None:
    """Remove what an interrupted batch left staged (call only while no batch runs)."""
    discard(root, STAGING)


def _remove(folder: Path) -> None:
    from nbgrader.utils import rmtree  # nbgrader leaves its output read-only; its rmtree copes

    rmtree(str(folder))
