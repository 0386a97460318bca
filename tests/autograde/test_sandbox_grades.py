"""Does the sandbox leave honest grades alone, and does autograde stop cleanly where it cannot start?

The same demo cohort is graded three times by real ``nbgrader autograde``: with the sandbox,
unconfined by the instructor's explicit option on a machine without bubblewrap, and with the
sandbox on where bubblewrap is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.cohort.demo import build_demo_cohort

pytestmark = pytest.mark.slow
LAB = "01_sourcing_models"
LEARNERS = 4


def _autograde(course: Path, without_bwrap: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if without_bwrap is not None:
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
def three_runs(tmp_path_factory, generated_course) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    root = tmp_path_factory.mktemp("sandbox-grades")
    with generated_course.instead_of_generating():
        build_demo_cohort(root / "confined", LEARNERS, labs=[LAB], progress=lambda _: None)
    for name in ("unconfined", "missing"):
        shutil.copytree(root / "confined", root / name)
    with (root / "unconfined" / "nbgrader_config.py").open("a") as config:
        config.write("c.Sandbox.enabled = False\n")
    no_bwrap = root / "empty-path"
    no_bwrap.mkdir()
    return {
        "confined": (root / "confined", _autograde(root / "confined")),
        "unconfined": (root / "unconfined", _autograde(root / "unconfined", no_bwrap)),
        "missing": (root / "missing", _autograde(root / "missing", no_bwrap)),
    }


def test_honest_grades_are_the_same_with_and_without_the_sandbox(three_runs):
    """Does every learner get exactly the same grade for every cell, confined or not?"""
    (confined, run), (unconfined, unconfined_run) = three_runs["confined"], three_runs["unconfined"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert unconfined_run.returncode == 0, unconfined_run.stderr[-3000:]
    grades = _grades(confined)
    assert len({student for student, _ in grades}) == LEARNERS
    assert any(score for score in grades.values()), "someone must earn something for this to mean anything"
    assert grades == _grades(unconfined)


def test_the_confined_run_logs_no_sandbox_trouble_for_honest_learners(three_runs):
    """Does the sandbox report nothing about honest notebooks?"""
    _, run = three_runs["confined"]
    assert "sandbox:" not in run.stdout + run.stderr


def test_without_bubblewrap_autograde_stops_with_one_clear_line(three_runs):
    """Where bwrap is missing, does autograde stop before grading anyone, with one line that
    says why and how to allow it, and no traceback?"""
    course, run = three_runs["missing"]
    assert run.returncode != 0
    log = run.stdout + run.stderr
    said = [line for line in log.splitlines() if "sandbox" in line]
    assert len(said) == 1, log[-3000:]
    assert "bubblewrap" in said[0] and "c.Sandbox.enabled = False" in said[0]
    assert "Traceback" not in log
    assert not (course / "autograded").exists() or not any((course / "autograded").iterdir())
