"""A course release is in assessment mode, with its keys withheld, unless the source says otherwise.

``configure(c)`` installs :class:`ReleaseInAssessment` as nbgrader's
``GenerateAssignment.post_convert_hook`` (unless the course set its own hook), so a course
that runs ``nbgrader generate_assignment`` itself releases each lab with a
``decisionlab.json`` of ``{"mode": "assessment"}``: a graded lab must not tell a learner
which answer is right while they can still change it.  A lab whose source folder has its
own ``decisionlab.json`` (``{"mode": "practice"}`` for practice feedback) is released with
that file, as nbgrader copies it.  ``grader.workspace.generate`` makes the self-study
workspace in practice mode after this hook has run.

An assessment release also carries the learner's copies of the lab's scenarios, keys and
feedback withheld (``grader.schema.withhold``), in ``.scenarios/`` beside the notebook, and
the settings file names that folder, so the learner's lab opens on them.  The grading step
scores from the instructor's full copies.  A scenario that ships inside the package has its
keys in the package too (the course is open source): the hook logs a warning for each, and
an exam should use a private pack (``DECISIONLAB_SCENARIOS``).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

from traitlets.config import Config

from grader.catalog import scenario_folder, scenarios_for
from grader.paths import content_root
from grader.runtime import RELEASE_PACK_KEY, SETTINGS_FILE
from grader.schema.loader import SCENARIO_FILE
from grader.schema.withhold import withheld_yaml

RELEASE_MODE = "assessment"
RELEASE_PACK = ".scenarios"
_OPEN_LAB = re.compile(r"open_lab\(\s*[\"']([A-Za-z0-9_\-]+)[\"']")
log = logging.getLogger(__name__)


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
        settings = {"mode": RELEASE_MODE}
        if write_withheld_pack(release, release / RELEASE_PACK):
            settings[RELEASE_PACK_KEY] = RELEASE_PACK
        (release / SETTINGS_FILE).write_text(json.dumps(settings) + "\n", encoding="utf-8")

    def __repr__(self) -> str:
        return "ReleaseInAssessment()"


def labs_opened_in(folder: Path) -> list[str]:
    """The lab ids the notebooks in ``folder`` open (``open_lab("<lab_id>")``)."""
    found: set[str] = set()
    for notebook in folder.glob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        for cell in cells:
            source = cell.get("source", "")
            found.update(_OPEN_LAB.findall(source if isinstance(source, str) else "".join(source)))
    return sorted(found)


def write_withheld_pack(release: Path, pack: Path) -> list[str]:
    """Write the learner's copy of every scenario of the labs released in ``release`` into
    ``pack`` (data files as they are, the scenario file with keys and feedback withheld);
    return the scenario ids."""
    built_in = (content_root() / "scenarios").resolve()
    written = []
    for lab_id in labs_opened_in(release):
        for scenario in scenarios_for(lab_id):
            origin = scenario_folder(scenario.id)
            target = pack / scenario.id
            shutil.copytree(origin, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            (target / SCENARIO_FILE).write_text(withheld_yaml(scenario), encoding="utf-8")
            written.append(scenario.id)
            if origin.resolve().is_relative_to(built_in):
                log.warning(
                    "decisionlab: scenario '%s' ships with the package, so its keys are public; "
                    "for an exam, release from a private pack (DECISIONLAB_SCENARIOS)",
                    scenario.id,
                )
    return written
