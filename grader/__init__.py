"""Customer Care Decision Lab: scenario schema, scoring engine, lab sessions, nbgrader glue.

Notebooks start with ``from grader import open_lab``.  Heavy libraries (pandas, altair,
ipywidgets) load only when a cell needs them, so nbgrader's re-execution stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.engine import score
from grader.schema import Scenario, load_scenario

if TYPE_CHECKING:
    from grader.notebook.session import Lab

__all__ = ["Scenario", "load_scenario", "open_lab", "score"]
__version__ = "0.1.0"


def open_lab(lab_id: str, folder: str | None = None, scenario: str | None = None) -> Lab:
    """Open a lab for the notebook in ``folder`` (default: the current folder)."""
    from grader.notebook.session import open_lab as _open

    return _open(lab_id, folder, scenario)
