"""Which cells of a lab notebook grade a decision: one rule for grading and for validation.

A decision grade cell is a code cell that nbgrader grades and whose ``grade_id`` is
``decision-<decision id>``.  ``ScoreDecisions`` sets the output of these cells, and
``decisionlab validate`` checks that every scenario of the lab offers their decisions.
This module imports nothing, so validation does not load nbgrader.
"""

from __future__ import annotations

from collections.abc import Mapping

DECISION_PREFIX = "decision-"


def decision_grade_id(decision_id: str) -> str:
    """The ``grade_id`` of the cell that grades ``decision_id``.

    >>> decision_grade_id("queue_mapping")
    'decision-queue_mapping'
    """
    return f"{DECISION_PREFIX}{decision_id}"


def graded_decision(cell: Mapping) -> str | None:
    """The id of the decision ``cell`` grades, or ``None`` if it grades none.

    >>> def cell(grade_id):
    ...     return {"cell_type": "code", "metadata": {"nbgrader": {"grade": True, "grade_id": grade_id}}}
    >>> graded_decision(cell("decision-queue_mapping"))
    'queue_mapping'
    >>> graded_decision(cell("paid_hours_tests")) is None
    True
    """
    meta = cell.get("metadata", {}).get("nbgrader", {})
    grade_id = str(meta.get("grade_id", ""))
    if cell.get("cell_type") == "code" and meta.get("grade") and grade_id.startswith(DECISION_PREFIX):
        return grade_id[len(DECISION_PREFIX) :]
    return None


def is_debrief(cell: Mapping) -> bool:
    """Whether ``cell`` is a lab's debrief cell (its whole source is ``lab.debrief()``).

    >>> is_debrief({"cell_type": "code", "source": "lab.debrief()\\n"})
    True
    >>> is_debrief({"cell_type": "markdown", "source": "lab.debrief()"})
    False
    """
    source = cell.get("source", "")
    text = source if isinstance(source, str) else "".join(source)
    return cell.get("cell_type") == "code" and text.strip() == "lab.debrief()"
