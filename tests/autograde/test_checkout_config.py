"""Does `nbgrader generate_assignment` work from a checkout, with labs/ as the source?"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_generate_assignment_from_a_checkout(tmp_path):
    """Does the root nbgrader_config.py release lab 01 from labs/ without its solutions?"""
    for part in ("grader", "labs", "scenarios"):
        shutil.copytree(
            ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__", "_content")
        )
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "01_sourcing_models"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    released = (tmp_path / "release" / "01_sourcing_models" / "01_sourcing_models.ipynb").read_text()
    assert "BEGIN SOLUTION" not in released and "raise NotImplementedError()" in released
