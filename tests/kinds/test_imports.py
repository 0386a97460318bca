"""Do the kinds stay below the schema, engine and widgets, and keep ipywidgets out of scoring?"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import grader.kinds

REPO = Path(__file__).resolve().parents[2]
KIND_FILES = sorted(Path(grader.kinds.__file__).parent.glob("*.py"))
ABOVE_THE_KINDS = ("grader.schema", "grader.engine", "grader.widgets", "grader.notebook")


def _module_level_imports(path: Path) -> list[tuple[str, bool]]:
    """Modules imported outside functions, each with whether only a type checker sees it."""
    found: list[tuple[str, bool]] = []

    def visit(statements: list[ast.stmt], typing_only: bool) -> None:
        for node in statements:
            if isinstance(node, ast.Import):
                found.extend((alias.name, typing_only) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append((node.module, typing_only))
            elif isinstance(node, ast.If):
                checking = isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
                visit(node.body, typing_only or checking)
                visit(node.orelse, typing_only)
            elif isinstance(node, ast.Try):
                visit(node.body, typing_only)

    visit(ast.parse(path.read_text(encoding="utf-8")).body, False)
    return found


@pytest.mark.parametrize("path", KIND_FILES, ids=lambda p: p.name)
def test_kinds_import_nothing_above_them(path):
    """Does a kinds module import nothing of the schema, engine, widgets or notebook at module level?"""
    above = [m for m, _ in _module_level_imports(path) if m.startswith(ABOVE_THE_KINDS)]
    assert above == []


@pytest.mark.parametrize("path", KIND_FILES, ids=lambda p: p.name)
def test_kinds_import_ipywidgets_only_when_drawing(path):
    """Is ipywidgets imported inside the control only, never when a kinds module loads?"""
    eager = [
        m for m, typing_only in _module_level_imports(path) if m.startswith("ipywidgets") and not typing_only
    ]
    assert eager == []


@pytest.mark.parametrize(
    "path", [p for p in KIND_FILES if p.stem not in {"__init__", "base"}], ids=lambda p: p.name
)
def test_kind_module_imports_no_other_kind(path):
    """Does a kind module build on grader.kinds.base alone, so each kind is one unit?"""
    ours = {m for m, _ in _module_level_imports(path) if m.startswith("grader")}
    assert ours == {"grader.kinds.base"}


SCORE_WITHOUT_WIDGETS = """
import json, sys
from grader.engine import score
from grader.engine.keys import perfect_answer
from grader.schema import load_scenario
scenario = load_scenario(sys.argv[1])
result = score(scenario, {d.id: perfect_answer(d) for d in scenario.decisions})
print(json.dumps({"points": result.points, "max": result.max_points,
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("ipywidgets", "IPython"))}))
"""


def test_validating_and_scoring_never_import_ipywidgets():
    """In a fresh interpreter, does loading and scoring a scenario of every kind leave ipywidgets out?"""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    fixture = REPO / "tests" / "fixtures" / "scenarios" / "all-kinds"
    run = subprocess.run(
        [sys.executable, "-c", SCORE_WITHOUT_WIDGETS, str(fixture)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["points"] == report["max"] > 0
    assert report["loaded"] == []
