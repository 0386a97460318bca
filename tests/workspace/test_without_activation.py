"""Do the commands work run by their full path, with the environment not activated (as pipx runs them)?

Each test runs the environment's ``decisionlab`` script in a process whose PATH holds only
the system folders and whose HOME is empty, so nothing of the environment is on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import grader

pytestmark = pytest.mark.slow

SOURCE = Path(grader.__file__).resolve().parents[1]  # this copy of the package, not the installed one
SYSTEM_PATH = os.pathsep.join(["/usr/bin", "/bin"])
LAB = "00_orientation"


@pytest.fixture
def console_script(tmp_path: Path) -> Path:
    """The environment's `decisionlab` script, or one made the way pip makes it if none is installed."""
    installed = Path(sys.executable).parent / "decisionlab"
    if installed.is_file():
        return installed
    script = tmp_path / "bin" / "decisionlab"
    script.parent.mkdir()
    script.write_text(f"#!{sys.executable}\nimport sys\nfrom grader.cli import main\nsys.exit(main())\n")
    script.chmod(0o755)
    return script


def _run_bare(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    if shutil.which("alembic", path=SYSTEM_PATH):
        pytest.skip("this system has alembic outside any Python environment; the test would prove nothing")
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [str(script), *args],
        env={"PATH": SYSTEM_PATH, "HOME": str(home), "PYTHONPATH": str(SOURCE)},
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_start_by_full_path_prepares_the_workspace(console_script, tmp_path):
    """Does `~/env/bin/decisionlab start DIR --no-launch` make learner versions (nbgrader runs alembic)?"""
    workspace = tmp_path / "ws"
    run = _run_bare(console_script, tmp_path / "home", "start", str(workspace), "--no-launch")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Workspace ready." in run.stdout and "Traceback" not in run.stderr
    assert (workspace / LAB / f"{LAB}.ipynb").is_file() and (workspace / "index.ipynb").is_file()


def test_demo_cohort_by_full_path_builds_the_course(console_script, tmp_path):
    """Does `decisionlab demo-cohort` by its full path build a course with submissions for one lab?"""
    course = tmp_path / "course"
    args = ["demo-cohort", str(course), "--learners", "2", "--labs", LAB]
    run = _run_bare(console_script, tmp_path / "home", *args)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert (course / "release" / LAB / f"{LAB}.ipynb").is_file()
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["learner-001", "learner-002"]
    assert (course / "gradebook.db").is_file()
