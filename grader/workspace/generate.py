"""Learner versions of the labs, made by nbgrader's own ``generate_assignment``.

Learner notebooks are never kept by hand: they are generated from ``labs/`` each time, so
solutions, hidden tests and checksums are exactly what nbgrader would release.

Each released lab folder carries a ``decisionlab.json`` naming its mode.  A course release
(``generate_into``, also the demo cohort, and any ``generate_assignment`` configured with
``grader.autograde.configure``) is in **assessment** mode: a graded lab must not tell a
learner which answer is right while they can still change it.  An instructor who
wants practice feedback for a lab puts ``{"mode": "practice"}`` in its source folder, which
nbgrader releases as it is.  The self-study workspace (``learner_versions``, which
``decisionlab start`` and Binder use) is in **practice** mode.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from traitlets.config import Config

from grader.autograde.config import configure
from grader.autograde.release import RELEASE_PACK
from grader.paths import lab_ids, labs_dir
from grader.runtime import SETTINGS_FILE, Mode
from grader.workspace.environment import EnvironmentProblem, problem_in_log

# The course id of every course these functions make (the demo cohort's config says the same).
COURSE_ID = "decisionlab"


class GenerationError(RuntimeError):
    """nbgrader could not generate a lab; the message carries nbgrader's log."""


def generate_into(
    course_root: Path,
    labs: Iterable[str] | None = None,
    progress: Callable[[str], None] = lambda _: None,
    mode: Mode = "assessment",
) -> Path:
    """Copy labs into ``course_root/source`` and run ``generate_assignment`` there.

    Returns the course's ``release`` folder.  ``course_root`` becomes a working nbgrader
    course (``nbgrader_config.py``, gradebook) that an instructor can keep using.  Each
    released lab gets a settings file in ``mode`` unless its source folder has one.
    """
    from nbgrader.apps import NbGraderAPI

    labs = list(labs or lab_ids())
    unknown = sorted(set(labs) - set(lab_ids()))
    if unknown:
        raise GenerationError(f"no lab named {', '.join(unknown)}; the labs are: {', '.join(lab_ids())}")
    course_root.mkdir(parents=True, exist_ok=True)
    for lab_id in labs:
        target = course_root / "source" / lab_id
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(
            labs_dir() / lab_id,
            target,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.answers.json"),
        )
    config = Config()
    config.CourseDirectory.root = str(course_root)
    config.CourseDirectory.course_id = COURSE_ID
    config.CourseDirectory.source_directory = "source"
    if mode == "practice":
        # Self-study gives feedback from the full scenarios: no withheld copies to write, and no
        # warning for an exam that is not one.
        config.GenerateAssignment.post_convert_hook = None
    configure(config)
    api = NbGraderAPI(config=config)
    for lab_id in labs:
        progress(f"generating learner version of {lab_id}")
        result = api.generate_assignment(lab_id, force=True)
        if not result.get("success"):
            log = str(result.get("log") or result.get("error"))
            problem = problem_in_log(log)
            if problem is not None:  # the environment, not the lab: one line, not nbgrader's traceback
                raise EnvironmentProblem(problem)
            raise GenerationError(f"nbgrader could not generate {lab_id}:\n{log}")
    release = course_root / "release"
    set_release_mode(release, labs, mode, source=course_root / "source")
    return release


def set_release_mode(release: Path, labs: Iterable[str], mode: Mode, source: Path | None = None) -> None:
    """Write ``{"mode": mode}`` into each released lab, unless its source folder chose one.

    The learner's notebook finds the file in its folder (``grader.runtime``); an instructor's
    own ``decisionlab.json`` in ``source/<lab>`` is released by nbgrader and left as it is.
    Practice gives feedback from the full scenarios, so the withheld copies an assessment
    release carries are removed.
    """
    for lab_id in labs:
        if source is not None and (source / lab_id / SETTINGS_FILE).is_file():
            continue
        if mode == "practice":
            shutil.rmtree(release / lab_id / RELEASE_PACK, ignore_errors=True)
        target = release / lab_id / SETTINGS_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"mode": mode}) + "\n", encoding="utf-8")


def learner_versions(
    labs: Iterable[str] | None = None, progress: Callable[[str], None] = lambda _: None
) -> tuple[Path, tempfile.TemporaryDirectory]:
    """Self-study versions (practice mode) in a temporary course; its release folder and handle."""
    handle = tempfile.TemporaryDirectory(prefix="decisionlab-")
    return generate_into(Path(handle.name), labs, progress, mode="practice"), handle
