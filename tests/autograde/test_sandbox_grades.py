"""Does the sandbox leave honest grades alone, and does autograde stop cleanly where it cannot start?

The demo cohort (``tests/fixtures/demo_cohort.py``) is graded by real ``nbgrader autograde``
with the sandbox (once per test run, shared with ``tests/grading/test_batch.py``); here a copy
of it is graded again, unconfined by the instructor's explicit option on a machine without
bubblewrap, and another with the sandbox on where bubblewrap is missing.  Lab 01 is the lab
with code exercises; lab 00 has only decisions, which the sandbox cannot change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.demo_cohort import LEARNERS, GradedRun, copy_course

pytestmark = pytest.mark.slow
LAB = "01_sourcing_models"


def _autograde(course: Path, without_bwrap: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PATH"] = str(without_bwrap)  # nbgrader runs as sys.executable; no bwrap to be found
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", LAB],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )


def _grades(course: Path) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "decisionlab") as gradebook:
        return {
            (submission.student.id, grade.name): grade.score
            for submission in gradebook.assignment_submissions(LAB)
            for notebook in submission.notebooks
            for grade in notebook.grades
        }


@pytest.fixture(scope="module")
def without_bubblewrap(tmp_path_factory) -> Path:
    """A PATH on which no bwrap is found."""
    return tmp_path_factory.mktemp("empty-path")


@pytest.fixture(scope="module")
def unconfined(tmp_path_factory, submitted_demo_cohort, without_bubblewrap) -> GradedRun:
    """The cohort's lab 01 autograded with the sandbox turned off, on a machine without bubblewrap."""
    course = copy_course(submitted_demo_cohort, tmp_path_factory.mktemp("unconfined") / "course")
    with (course / "nbgrader_config.py").open("a") as config:
        config.write("c.Sandbox.enabled = False\n")
    run = _autograde(course, without_bubblewrap)
    return GradedRun(course, run.returncode, run.stdout + run.stderr, 0.0)


@pytest.fixture(scope="module")
def missing(tmp_path_factory, submitted_demo_cohort, without_bubblewrap) -> GradedRun:
    """The cohort's lab 01 autograded with the sandbox on, on a machine without bubblewrap."""
    course = copy_course(submitted_demo_cohort, tmp_path_factory.mktemp("missing") / "course")
    run = _autograde(course, without_bubblewrap)
    return GradedRun(course, run.returncode, run.stdout + run.stderr, 0.0)


def test_honest_grades_are_the_same_with_and_without_the_sandbox(autograded_demo_cohort, unconfined):
    """Does every learner get exactly the same grade for every cell, confined or not?"""
    assert autograded_demo_cohort.exit_code == 0, autograded_demo_cohort.output[-3000:]
    assert unconfined.exit_code == 0, unconfined.output[-3000:]
    grades = _grades(autograded_demo_cohort.course)
    assert len({student for student, _ in grades}) == LEARNERS
    assert any(score for score in grades.values()), "someone must earn something for this to mean anything"
    assert grades == _grades(unconfined.course)


def test_the_confined_run_logs_no_sandbox_trouble_for_honest_learners(autograded_demo_cohort):
    """Does the sandbox report nothing about honest notebooks?"""
    assert autograded_demo_cohort.exit_code == 0, autograded_demo_cohort.output[-3000:]
    assert "sandbox:" not in autograded_demo_cohort.output


def test_without_bubblewrap_autograde_stops_with_one_clear_line(missing):
    """Where bwrap is missing, does autograde stop before grading anyone, with one line that
    says why and how to allow it, and no traceback?"""
    assert missing.exit_code != 0
    said = [line for line in missing.output.splitlines() if "sandbox" in line]
    assert len(said) == 1, missing.output[-3000:]
    assert "bubblewrap" in said[0] and "c.Sandbox.enabled = False" in said[0]
    assert "Traceback" not in missing.output
    assert not (missing.course / "autograded").exists() or not any((missing.course / "autograded").iterdir())
