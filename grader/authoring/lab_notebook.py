"""What a lab notebook grades: the points of each decision grade cell.

The notebook is the reference for its scenarios.  Its decision cells are locked nbgrader
grade cells with fixed points, released to every learner whatever scenario they get, so a
scenario that declares other decisions or other points cannot be graded by it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from grader.autograde.cells import decision_grade_id, graded_decision
from grader.schema import Problem


@dataclass(frozen=True)
class LabNotebook:
    """A lab notebook's decision grade cells: decision id to points, in notebook order."""

    path: Path
    points: dict[str, float] = field(default_factory=dict)

    def describe(self) -> str:
        """The decision cells, as an author would look them up in the notebook."""
        return ", ".join(f"{decision_grade_id(d)} ({p:g} pts)" for d, p in self.points.items()) or "none"


def notebook_path(labs: Path, lab_id: str) -> Path:
    """Where lab ``lab_id``'s notebook lives."""
    return labs / lab_id / f"{lab_id}.ipynb"


def lab_ids_in(labs: Path) -> list[str]:
    """The labs that have a notebook in ``labs``, in order."""
    if not labs.is_dir():
        return []
    return sorted(p.name for p in labs.iterdir() if notebook_path(labs, p.name).is_file())


def read_lab_notebook(labs: Path, lab_id: str) -> tuple[LabNotebook | None, list[Problem]]:
    """Lab ``lab_id``'s notebook, or ``None`` (with the reason, when it exists but is unreadable)."""
    path = notebook_path(labs, lab_id)
    if not path.is_file():
        return None, []
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, UnicodeDecodeError, ValueError, AttributeError) as error:
        return None, [Problem(path, f"this lab notebook could not be read ({error}); open and save it again")]
    points: dict[str, float] = {}
    problems: list[Problem] = []
    for cell in cells:
        decision_id = graded_decision(cell) if isinstance(cell, dict) else None
        if decision_id is None:
            continue
        value = cell["metadata"]["nbgrader"].get("points", 0)
        try:
            points.setdefault(decision_id, float(value))
        except (TypeError, ValueError):
            message = f"grade cell {decision_grade_id(decision_id)} has points {value!r}, not a number"
            problems.append(Problem(path, message))
    return LabNotebook(path, points), problems
