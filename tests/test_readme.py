"""Do the README's Quick start and CI agree, so CI runs what a new developer would?"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quick_start_has_two_one_line_commands():
    """Does the Quick start give exactly two commands of one line each?"""
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "decisionlab start" in commands[0]


def test_ci_runs_the_readme_test_command():
    """Does .ci/run end with exactly the README's test command?"""
    ci_lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.strip()]
    assert ci_lines[-1] == _quick_start_commands()[1]


def test_readme_test_command_runs_in_parallel_a_module_per_worker():
    """Does the README's test command use every core, each test module on one worker (so a
    module's fixtures, such as a graded cohort or a JupyterLab server, are built once), in the
    order tests/conftest.py gives (slow modules first)?"""
    command = _quick_start_commands()[1].split()
    assert command[command.index("-n") + 1] == "auto"
    assert command[command.index("--dist") + 1] == "loadscope"
    assert "--no-loadscope-reorder" in command


def test_readme_has_a_binder_badge_opening_the_index():
    """Does the Binder badge open the course index?"""
    readme = (ROOT / "README.md").read_text()
    assert "mybinder.org/v2/gh/" in readme and "urlpath=lab/tree/course/index.ipynb" in readme


def test_no_answers_file_in_labs():
    """Is there no answers file in labs/ (nbgrader would copy it over a learner's)?"""
    assert list((ROOT / "labs").rglob("*.answers.json")) == []
