"""An nbgrader course folder as ``nbgrader autograde`` run in it would see it.

The configuration is read the way nbgrader reads it (Jupyter's config folders, then the
course's own ``nbgrader_config.py``, which wins), so the grading steps, ``db_url`` and folder
layout are the course's, ours (``grader.autograde.configure``) included.  Folder names come
from nbgrader's ``CourseDirectory``, so a course with its own ``directory_structure`` works.

Importing nbgrader costs seconds (its package imports its server extensions, nbformat and
jsonschema), so a ``Course`` builds that ``CourseDirectory`` only when a grading step asks
for it.  The report and the export need only the gradebook's address, the course id and a
submission's folders: :class:`CourseSettings` reads those settings from the same
configuration with nbgrader's defaults and rules (a test holds the two to the same answers).
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from functools import cached_property
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


# nbgrader's defaults for the ``CourseDirectory`` settings that CourseSettings reads.
_DEFAULTS = {
    "course_id": "",
    "db_url": "",
    "directory_structure": os.path.join("{nbgrader_step}", "{student_id}", "{assignment_id}"),
    "submitted_directory": "submitted",
    "autograded_directory": "autograded",
}


@dataclass(frozen=True)
class CourseSettings:
    """What nbgrader's ``CourseDirectory`` would say of a course's id, gradebook and folders,
    read from the configuration without importing nbgrader."""

    root: str
    course_id: str
    db_url: str
    directory_structure: str
    submitted_directory: str
    autograded_directory: str

    @classmethod
    def of(cls, config: Config) -> CourseSettings:
        # Checked with ``in``: reading a missing section of a traitlets Config would create it.
        section = config["CourseDirectory"] if "CourseDirectory" in config else {}
        values = {
            name: str(section[name]) if name in section else default for name, default in _DEFAULTS.items()
        }
        root = os.path.abspath(str(section["root"]) if "root" in section else os.getcwd())
        values["course_id"] = values["course_id"].strip()  # as CourseDirectory validates it
        values["db_url"] = (
            values["db_url"] or f"sqlite:///{os.path.abspath(os.path.join(root, 'gradebook.db'))}"
        )
        return cls(root=root, **values)

    def format_path(self, nbgrader_step: str, student_id: str, assignment_id: str) -> str:
        """``CourseDirectory.format_path`` (unescaped): the folder of one step of one submission."""
        step = self.directory_structure.format(
            nbgrader_step=nbgrader_step, student_id=student_id, assignment_id=assignment_id
        )
        return os.path.join(self.root, step)


@dataclass(frozen=True)
class Course:
    """A course folder, its configuration and nbgrader's view of its folders."""

    root: Path
    config: Config

    @cached_property
    def settings(self) -> CourseSettings:
        return CourseSettings.of(self.config)

    @cached_property
    def coursedir(self) -> CourseDirectory:
        """nbgrader's own view of the course, for the grading steps (built on first use)."""
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config)

    @property
    def db_url(self) -> str:
        return self.settings.db_url

    @property
    def course_id(self) -> str:
        return self.settings.course_id

    def submitted_folder(self, submission: SubmissionId) -> Path:
        settings = self.settings
        return Path(
            settings.format_path(settings.submitted_directory, submission.student, submission.assignment)
        )

    def autograded_folder(self, submission: SubmissionId) -> Path:
        settings = self.settings
        return Path(
            settings.format_path(settings.autograded_directory, submission.student, submission.assignment)
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
    if not root.is_dir():
        raise CourseError(f"no course folder {root}")
    if not (root / CONFIG_FILE).is_file():
        raise CourseError(f"{root} has no {CONFIG_FILE}; is it an nbgrader course folder?")
    root = root.resolve()
    try:
        config = load_course_config(root)
    except Exception as error:  # the instructor's Python file: say where, not our traceback
        raise CourseError(f"{root / CONFIG_FILE} could not be read: {error}") from error
    return Course(root, config)


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
