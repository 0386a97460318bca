"""Where the course is running, read in one place: mode, learner, scenario packs, grading.

Everything that differs between a learner's laptop, a JupyterHub cohort and nbgrader's
grading run is read here, and nowhere else:

* **mode**, practice (feedback on each choice at once, the key only when asked for) or
  assessment (feedback when the instructor releases it): the ``DECISIONLAB_MODE``
  environment variable, else a ``decisionlab.json`` file in the notebook's folder or any
  folder above it (a course release carries one in assessment mode, the self-study
  workspace one in practice mode; see ``grader.workspace.generate``), else practice;
* **learner**: ``DECISIONLAB_LEARNER``, else ``JUPYTERHUB_USER``, else nobody (self-study);
* **scenario packs**: ``DECISIONLAB_SCENARIOS`` (paths separated by ``os.pathsep``), an
  instructor's private folders searched before the course's own scenarios;
* **grading**: whether nbgrader is executing the notebook (``NBGRADER_EXECUTION``).

In an assessment release (a settings file that names a release pack) the mode is fixed once
read: setting ``runtime.mode`` afterwards raises :class:`FixedModeError`, so a learner cannot
turn the released kernel to practice and ask for feedback or a reveal before grading.

:class:`Runtime` is a traitlets ``Configurable``, the Jupyter idiom, so the same values can
come from an nbgrader or Jupyter config file (``c.Runtime.scenario_packs = [...]``) as well
as from the environment.  This module imports nothing else of ``grader``: every layer may
ask it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from traitlets import Bool, Enum, List, Unicode, validate
from traitlets.config import Configurable

Mode = Literal["practice", "assessment"]
MODES: tuple[Mode, ...] = ("practice", "assessment")
SETTINGS_FILE = "decisionlab.json"
MODE_ENV = "DECISIONLAB_MODE"
LEARNER_ENV = ("DECISIONLAB_LEARNER", "JUPYTERHUB_USER")
SCENARIOS_ENV = "DECISIONLAB_SCENARIOS"
GRADING_ENV = "NBGRADER_EXECUTION"
RELEASE_PACK_KEY = "scenarios"  # in the settings file: the folder of the release's withheld copies


class FixedModeError(ValueError):
    """The mode of an assessment release was set after it was read (shown as its message alone)."""


def grading_in_progress() -> bool:
    """True while nbgrader executes the notebook (autograde or validate)."""
    return bool(os.environ.get(GRADING_ENV))


def autograding_in_progress() -> bool:
    """True while nbgrader autogrades the notebook (not while it validates one)."""
    return os.environ.get(GRADING_ENV) == "autograde"


def learner_from_environment() -> str:
    """Who is working: set by JupyterHub, or by the learner for self-study; may be empty."""
    for name in LEARNER_ENV:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return ""


def scenario_packs_from_environment() -> list[str]:
    """Private scenario folders named in ``DECISIONLAB_SCENARIOS``, first searched first."""
    return [p for p in os.environ.get(SCENARIOS_ENV, "").split(os.pathsep) if p]


class Runtime(Configurable):
    """The settings of one running notebook, or of one grading run."""

    mode = Enum(list(MODES), default_value="practice", help="practice or assessment").tag(config=True)
    learner = Unicode("", help="The learner's id (JupyterHub user name); empty for self-study.").tag(
        config=True
    )
    scenario_packs = List(
        Unicode(), help="Folders of scenarios searched before the course's own (private packs)."
    ).tag(config=True)
    mode_source = Unicode("default", help="Where the mode was read: a variable, a file or the default.")
    release_pack = Unicode(
        "",
        help=(
            "The learner's copies of this lab's scenarios in an assessment release (keys withheld), "
            "named by the settings file; searched before every other folder."
        ),
    )
    warnings = List(Unicode(), help="Settings that could not be used, in words for the learner.")
    mode_fixed = Bool(
        False, help="Whether the mode may no longer change: an assessment release's, once read."
    )

    @validate("mode")
    def _keep_a_fixed_mode(self, proposal: Any) -> str:
        if self.mode_fixed and proposal["value"] != self.mode:
            raise FixedModeError(
                f"this lab is released in {self.mode} mode, set by its {SETTINGS_FILE}; "
                "the mode cannot be changed in the notebook"
            )
        return str(proposal["value"])

    @validate("mode_fixed")
    def _stay_fixed(self, proposal: Any) -> bool:
        # Once fixed, for the same reason: unfixing it would reopen the mode.
        if self.mode_fixed and not proposal["value"]:
            raise FixedModeError("the mode of this lab is fixed by its release; it cannot be unfixed")
        return bool(proposal["value"])

    @property
    def grading(self) -> bool:
        """Whether nbgrader is executing the notebook now (read live: the same kernel may be both)."""
        return grading_in_progress()

    @property
    def autograding(self) -> bool:
        """Whether nbgrader is autograding now; validating (the learner's Validate button) is not."""
        return autograding_in_progress()

    @property
    def reveals_feedback(self) -> bool:
        """Whether a choice's feedback (and what would give its key away) may be shown now.

        Not while an assessment notebook is validated: Validate would otherwise tell a learner
        which decisions are right, and they could change a choice and validate again.
        """
        return self.mode == "practice" or self.autograding

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    @classmethod
    def read(cls, folder: Path | str, **config: Any) -> Runtime:
        """The runtime of a notebook in ``folder``, from the environment and its settings file."""
        mode, source, warnings = _read_mode(Path(folder))
        pack = _release_pack(source)
        runtime = cls(
            mode=mode,
            mode_source=source,
            warnings=warnings,
            release_pack=pack,
            learner=learner_from_environment(),
            scenario_packs=scenario_packs_from_environment(),
            **config,
        )
        # A release pack means an assessment release: its keys are withheld, and so is its mode.
        runtime.mode_fixed = bool(pack)
        return runtime


def _release_pack(settings_file: str) -> str:
    """The folder of withheld scenario copies that a release's settings file names, if any."""
    if not settings_file.endswith(SETTINGS_FILE):
        return ""
    file = Path(settings_file)
    try:
        pack = json.loads(file.read_text(encoding="utf-8")).get(RELEASE_PACK_KEY, "")
    except (OSError, ValueError, AttributeError):
        return ""
    return str(file.parent / pack) if isinstance(pack, str) and pack else ""


def _read_mode(folder: Path) -> tuple[Mode, str, list[str]]:
    env = os.environ.get(MODE_ENV, "").strip().lower()
    if env:
        if env in MODES:
            return env, MODE_ENV, []  # type: ignore[return-value]
        return "practice", "default", [f"{MODE_ENV}={env!r} is not one of {', '.join(MODES)}; using practice"]
    for place in [folder.resolve(), *folder.resolve().parents]:
        file = place / SETTINGS_FILE
        if file.is_file():
            try:
                mode = json.loads(file.read_text(encoding="utf-8")).get("mode", "practice")
            except (OSError, ValueError, AttributeError):
                return "practice", "default", [f"{file} is not valid JSON; using practice mode"]
            if mode not in MODES:
                return "practice", "default", [f"{file}: mode {mode!r} is not one of {', '.join(MODES)}"]
            return mode, str(file), []
    return "practice", "default", []
