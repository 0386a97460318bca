"""Does every module of the decision models stay small enough to read in one sitting?"""

from __future__ import annotations

from pathlib import Path

import grader.models

MAX_LINES = 400
MODELS = Path(grader.models.__file__).parent


def test_every_model_module_has_at_most_400_lines():
    """Is every Python module under grader/models at most 400 lines long?"""
    modules = sorted(MODELS.rglob("*.py"))
    assert len(modules) > 10  # the subpackages were found
    too_long = {
        str(path.relative_to(MODELS)): n
        for path in modules
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long, f"split these modules (lines): {too_long}"
