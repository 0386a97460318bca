"""nbgrader glue: the autograde steps and the configuration that installs them.

The steps load on first use, so that ``grader.autograde.cells`` (read by
``decisionlab validate``) and ``configure`` do not import nbgrader and nbconvert.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.autograde.config import configure
    from grader.autograde.preprocessors import CaptureSubmittedAnswers, ScoreDecisions

__all__ = ["CaptureSubmittedAnswers", "ScoreDecisions", "configure"]

_HOMES = {
    "configure": "grader.autograde.config",
    "CaptureSubmittedAnswers": "grader.autograde.preprocessors",
    "ScoreDecisions": "grader.autograde.preprocessors",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'grader.autograde' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
