"""A course release is in assessment mode unless the instructor's source folder says otherwise.

``configure(c)`` installs :class:`ReleaseInAssessment` as nbgrader's
``GenerateAssignment.post_convert_hook`` (unless the course set its own hook), so a course
that runs ``nbgrader generate_assignment`` itself releases each lab with a
``decisionlab.json`` of ``{"mode": "assessment"}``: a graded lab must not tell a learner
which answer is right while they can still change it.  A lab whose source folder has its
own ``decisionlab.json`` (``{"mode": "practice"}`` for practice feedback) is released with
that file, as nbgrader copies it.  ``grader.workspace.generate`` makes the self-study
workspace in practice mode after this hook has run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from traitlets.config import Config

from grader.runtime import SETTINGS_FILE

RELEASE_MODE = "assessment"


class ReleaseInAssessment:
    """nbgrader's post-convert hook: write the assessment settings file into a released lab."""

    def __init__(self, config: Config) -> None:
        # Read when the hook runs: nbgrader_config.py may set the course root after configure(c).
        self.config = config

    def __call__(self, assignment: str, student: str = ".", notebooks: Any = None, **_: Any) -> None:
        from nbgrader.coursedir import CourseDirectory

        course = CourseDirectory(config=self.config)
        source = Path(course.format_path(course.source_directory, ".", assignment))
        release = Path(course.format_path(course.release_directory, ".", assignment))
        if (source / SETTINGS_FILE).is_file() or not release.is_dir():
            return
        (release / SETTINGS_FILE).write_text(json.dumps({"mode": RELEASE_MODE}) + "\n", encoding="utf-8")

    def __repr__(self) -> str:
        return "ReleaseInAssessment()"
