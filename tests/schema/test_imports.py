"""Does the schema stand alone: no simulation code, no other part of the package?"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import grader.schema

SCHEMA = Path(grader.schema.__file__).parent
HEAVY = ("numpy", "pandas", "grader.variants", "grader.models")


def test_importing_the_schema_loads_no_simulation_code():
    """In a fresh interpreter, does `import grader.schema` leave numpy, pandas, variants, models out?"""
    code = "import json, sys, grader.schema; print(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(run.stdout)
    assert "grader.schema" in loaded
    heavy = [m for m in loaded if any(_within(m, h) for h in HEAVY)]
    assert heavy == []


def test_validating_a_file_loads_no_simulation_code():
    """Does checking a scenario file with the schema alone load numpy, pandas, variants or models?"""
    fixture = Path(__file__).parents[1] / "fixtures" / "scenarios" / "generated-fixture"
    code = (
        "import json, sys\nfrom grader.schema import check_paths\n"
        f"scenarios, problems = check_paths([__import__('pathlib').Path({str(fixture)!r})])\n"
        "assert scenarios and not problems, problems\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    loaded = json.loads(run.stdout)
    assert [m for m in loaded if any(_within(m, h) for h in HEAVY)] == []


def test_schema_modules_import_only_the_schema():
    """Does every module of grader.schema import from grader only within grader.schema and the decision kinds?

    The kinds (``grader.kinds``) sit below the schema: each kind's model is part of a scenario.
    """
    outside: list[str] = []
    for path in sorted(SCHEMA.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            foreign = [
                n
                for n in names
                if _within(n, "grader") and not _within(n, "grader.schema") and not _within(n, "grader.kinds")
            ]
            outside += [f"{path.name}: {n}" for n in foreign]
    assert outside == []


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")
