"""The gradebook's points for a whole cohort, in two queries rather than several per submission.

nbgrader's objects load each submission's score, notebooks and grades lazily, one query at a
time: for 200 learners and 6 labs that is thousands of round trips.  The same columns
(``score`` and ``max_score`` are nbgrader's own, so a grade changed by hand is the one read)
are asked for here once for the whole course.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.autograde.cells import DECISION_PREFIX

if TYPE_CHECKING:
    from nbgrader.api import Gradebook

__all__ = ["Points", "decision_points", "submission_points"]

Points = tuple[float, float]  # score, max_score


def submission_points(gradebook: Gradebook) -> dict[tuple[str, str], Points]:
    """Every submission's score and maximum, by (learner, lab)."""
    from nbgrader.api import Assignment, SubmittedAssignment

    query = gradebook.db.query(
        SubmittedAssignment.student_id,
        Assignment.name,
        SubmittedAssignment.score,
        SubmittedAssignment.max_score,
    ).join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
    return {(learner, lab): (float(score), float(most)) for learner, lab, score, most in query}


def decision_points(gradebook: Gradebook) -> dict[tuple[str, str], dict[str, Points]]:
    """Every decision cell's score and maximum, by (learner, lab) and decision id."""
    from nbgrader.api import Assignment, BaseCell, Grade, SubmittedAssignment, SubmittedNotebook

    query = (
        gradebook.db.query(
            SubmittedAssignment.student_id, Assignment.name, BaseCell.name, Grade.score, Grade.max_score
        )
        .select_from(Grade)
        .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
        .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .join(BaseCell, Grade.cell_id == BaseCell.id)
    )
    found: dict[tuple[str, str], dict[str, Points]] = {}
    for learner, lab, cell, score, most in query:
        # Filtered here, not in SQL: the prefix's underscore is a LIKE wildcard.
        if cell.startswith(DECISION_PREFIX):
            found.setdefault((learner, lab), {})[cell.removeprefix(DECISION_PREFIX)] = (
                float(score),
                float(most),
            )
    return found
