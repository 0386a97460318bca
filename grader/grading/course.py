"""An nbgrader course folder as ``nbgrader autograde`` run in it would see it.

The configuration is read the way nbgrader reads it (Jupyter's config folders, then the
course's own ``nbgrader_config.py``, which wins), so the grading steps, ``db_url`` and folder
layout are the course's, ours (``grader.autograde.configure``) included.  Folder names come
from nbgrader's ``CourseDirectory``, so a course with its own ``directory_structure`` works.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from grader.grading.results import SubmissionId

if TYPE_CHECKING:
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

CONFIG_FILE = "nbgrader_config.py"


class CourseError(ValueError):
    """The course folder or an argument naming part of it is wrong; the message says how."""


def load_course_config(root: Path) -> Config:
    """The configuration ``nbgrader`` started in ``root`` would have, with ``root`` as course root."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    # Lowest priority first: system, environment, user; the course's own file last, as nbgrader does.
    for folder in [*reversed(jupyter_config_path()), str(root)]:
        if (Path(folder) / CONFIG_FILE).is_file():
            config.merge(PyFileConfigLoader(CONFIG_FILE, path=folder).load_config())
    config.CourseDirectory.root = str(root)
    return config


@dataclass(frozen=True)
class Course:
    """A course folder, its configuration and nbgrader's view of its folders."""

    root: Path
    config: Config
    coursedir: CourseDirectory

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url

    @property
    def course_id(self) -> str:
        return self.coursedir.course_id

    def submitted_folder(self, submission: SubmissionId) -> Path:
        return Path(
            self.coursedir.format_path(
                self.coursedir.submitted_directory, submission.student, submission.assignment
            )
        )

    def autograded_folder(self, submission: SubmissionId) -> Path:
        return Path(
            self.coursedir.format_path(
                self.coursedir.autograded_directory, submission.student, submission.assignment
            )
        )

    def source_assignments(self) -> set[str]:
        """Assignments with a folder in the course's source directory."""
        pattern = self.coursedir.format_path(self.coursedir.source_directory, ".", "*")
        return {Path(p).name for p in glob.glob(pattern) if Path(p).is_dir()}

    def submissions(self, assignments: set[str]) -> list[SubmissionId]:
        """Every submitted folder of ``assignments``, in a stable order (excluded students left out)."""
        submitted = self.coursedir.submitted_directory
        pattern = self.coursedir.format_path(submitted, "*", "*")
        regexp = re.compile(
            self.coursedir.format_path(submitted, "(?P<student>[^/]+)", "(?P<assignment>[^/]+)", escape=True)
        )
        excluded = set(filter(None, (self.coursedir.student_id_exclude or "").split(",")))
        found = set()
        for path in glob.glob(pattern):
            match = regexp.fullmatch(path)
            if match is None or not Path(path).is_dir():
                continue
            if match["assignment"] in assignments and match["student"] not in excluded:
                found.add(SubmissionId(match["assignment"], match["student"]))
        return sorted(found)

    def submitted_assignments(self) -> set[str]:
        """Assignments that at least one learner submitted."""
        pattern = self.coursedir.format_path(self.coursedir.submitted_directory, "*", "*")
        return {Path(p).name for p in glob.glob(pattern) if Path(p).is_dir()}


def open_course(root: Path) -> Course:
    """The course in ``root``; ``CourseError`` if it is no nbgrader course folder."""
    from nbgrader.coursedir import CourseDirectory

    if not root.is_dir():
        raise CourseError(f"no course folder {root}")
    if not (root / CONFIG_FILE).is_file():
        raise CourseError(f"{root} has no {CONFIG_FILE}; is it an nbgrader course folder?")
    root = root.resolve()
    try:
        config = load_course_config(root)
    except Exception as error:  # the instructor's Python file: say where, not our traceback
        raise CourseError(f"{root / CONFIG_FILE} could not be read: {error}") from error
    return Course(root, config, CourseDirectory(config=config))


def printable_url(url: str) -> str:
    """A gradebook's ``url`` fit to print: its password hidden.

    >>> printable_url("postgresql://grader:secret@db:5432/grades")
    'postgresql://grader:***@db:5432/grades'
    """
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unreadable db_url)"
