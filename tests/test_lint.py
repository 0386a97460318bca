"""Is the code clean by the project's own lint and format rules?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["grader", "tests", "benchmarks", "nbgrader_config.py"]


def test_ruff_check_passes():
    """Does `ruff check` find nothing?"""
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *TARGETS], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout


def test_ruff_format_is_applied():
    """Is every file formatted as `ruff format` would?"""
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *TARGETS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout
