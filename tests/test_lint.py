"""Is the code clean by the project's own lint and format rules?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["grader", "tests", "benchmarks", "nbgrader_config.py"]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, *TARGETS], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_check_passes():
    """Does `ruff check` find nothing?"""
    run = _ruff("check")
    assert run.returncode == 0, run.stdout


def test_ruff_format_is_applied():
    """Is every file formatted as `ruff format` would?"""
    run = _ruff("format", "--check")
    assert run.returncode == 0, run.stdout


def test_every_package_module_is_linted():
    """Does the lint reach every module of the package (no folder of it excluded by a pattern)?"""
    run = _ruff("check", "--show-files")
    listed = {Path(line.strip()).resolve() for line in run.stdout.splitlines() if line.strip()}
    modules = {path.resolve() for path in (ROOT / "grader").rglob("*.py") if "_content" not in path.parts}
    assert modules and not modules - listed, sorted(str(p) for p in modules - listed)
