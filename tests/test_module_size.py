"""Does every module of the package stay small enough to read in one sitting?

A module may pass 400 lines only if its docstring says why, in a line starting with
"Longer than 400 lines because".
"""

from __future__ import annotations

import ast
from pathlib import Path

import grader

MAX_LINES = 400
PACKAGE = Path(grader.__file__).parent
REASON = "Longer than 400 lines because"


def _too_long() -> dict[str, int]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_content" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_LINES and REASON not in (ast.get_docstring(ast.parse(text)) or ""):
            found[str(path.relative_to(PACKAGE))] = lines
    return found


def test_every_module_has_at_most_400_lines_or_says_why():
    """Is every module of grader at most 400 lines long, or does its docstring give the reason?"""
    assert len(list(PACKAGE.rglob("*.py"))) > 50  # the package was found
    too_long = _too_long()
    assert not too_long, f"split these modules, or say why in their docstring (lines): {too_long}"
