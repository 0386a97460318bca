"""Does a course configured with ``configure(c)`` release its labs in assessment mode?"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from traitlets.config import Config

from grader.autograde.config import configure
from grader.autograde.release import ReleaseInAssessment
from grader.catalog import scenarios_for
from grader.cohort.demo import CONFIG
from grader.paths import labs_dir
from grader.runtime import SETTINGS_FILE


def _course(root):
    config = Config()
    config.CourseDirectory.root = str(root)
    configure(config)
    return config


def test_configure_installs_the_release_hook_once_and_keeps_a_courses_own():
    """Is the hook installed by configure, kept on a second call, and never over a course's own?"""
    config = Config()
    configure(config)
    hook = config.GenerateAssignment.post_convert_hook
    assert isinstance(hook, ReleaseInAssessment)
    configure(config)
    assert config.GenerateAssignment.post_convert_hook is hook
    own = Config()
    own.GenerateAssignment.post_convert_hook = print
    configure(own)
    assert own.GenerateAssignment.post_convert_hook is print


def test_the_hook_writes_assessment_unless_the_source_names_a_mode(tmp_path):
    """Does a released lab get assessment mode, and a lab whose source chose practice keep it?"""
    for lab in ("graded", "practised"):
        (tmp_path / "source" / lab).mkdir(parents=True)
        (tmp_path / "release" / lab).mkdir(parents=True)
    (tmp_path / "source" / "practised" / SETTINGS_FILE).write_text('{"mode": "practice"}')
    hook = ReleaseInAssessment(_course(tmp_path))
    hook(assignment="graded", student=".", notebooks=[])
    hook(assignment="practised", student=".", notebooks=[])
    assert json.loads((tmp_path / "release" / "graded" / SETTINGS_FILE).read_text()) == {"mode": "assessment"}
    assert not (tmp_path / "release" / "practised" / SETTINGS_FILE).exists()


def _release_orientation(course):
    """Run the course's own ``nbgrader generate_assignment`` on lab 00 in ``course``."""
    (course / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(
        labs_dir() / "00_orientation",
        course / "source" / "00_orientation",
        ignore=shutil.ignore_patterns("*.answers.json"),
    )
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "00_orientation"],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]


@pytest.mark.slow
def test_nbgrader_generate_assignment_releases_in_assessment(tmp_path):
    """Does a course's own ``nbgrader generate_assignment`` release the lab in assessment mode?"""
    _release_orientation(tmp_path)
    settings = tmp_path / "release" / "00_orientation" / SETTINGS_FILE
    assert json.loads(settings.read_text()) == {"mode": "assessment", "scenarios": ".scenarios"}


@pytest.mark.slow
def test_validate_in_assessment_says_what_is_unanswered_never_what_is_right(tmp_path, monkeypatch):
    """Does ``nbgrader validate`` on an assessment release fail an unanswered decision, and
    pass an answered one whether it is right or wrong, without showing points?"""
    from grader.notebook import open_lab

    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    _release_orientation(tmp_path)
    learner = tmp_path / "learner"
    shutil.copytree(tmp_path / "release" / "00_orientation", learner)
    lab = open_lab("00_orientation", learner)
    assert lab.runtime.mode == "assessment" and lab.scenario.withheld
    full = scenarios_for("00_orientation")[0]  # the instructor's copy, with its key
    wrong = next(o.id for o in full.decision("warmup_channel").options if o.credit == 0)
    lab.record("warmup_channel", wrong)  # answered, wrongly; warmup_estimate left unanswered
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", "00_orientation.ipynb"],
        cwd=learner,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = run.stdout + run.stderr
    assert "Monthly handling hours: not answered yet" in report, report[-3000:]
    assert "Where the password resets go" not in report, report[-3000:]
    assert "Partial credit" not in report and "points" not in report.lower(), report[-3000:]
