"""The report's view of the gradebook: points by submission and by decision, from one snapshot.

The gradebook is read once for the whole course by ``grader.gradebook`` (the export reads it
the same way).  A submission with no score yet is still a submission here, at 0 points, as
nbgrader counts it; only a lab never submitted is missing.
"""

from __future__ import annotations

from grader.autograde.cells import DECISION_PREFIX
from grader.gradebook import GradebookSnapshot

__all__ = ["Points", "decision_points", "submission_points"]

Points = tuple[float, float]  # score, max_score


def submission_points(snapshot: GradebookSnapshot) -> dict[tuple[str, str], Points]:
    """Every submission's score (before any late penalty, as nbgrader's) and its lab's maximum."""
    most = {lab.id: lab.max_points for lab in snapshot.labs}
    return {(learner, lab): (total, most.get(lab, 0.0)) for (learner, lab), total in snapshot.totals.items()}


def decision_points(snapshot: GradebookSnapshot) -> dict[tuple[str, str], dict[str, Points]]:
    """Every decision cell's score and maximum, by (learner, lab) and decision id."""
    found: dict[tuple[str, str], dict[str, Points]] = {}
    for submission in (*snapshot.graded, *snapshot.waiting):
        for cell in submission.cells:
            if cell.cell.startswith(DECISION_PREFIX):
                found.setdefault((submission.learner, submission.lab), {})[
                    cell.cell.removeprefix(DECISION_PREFIX)
                ] = (cell.points, cell.max_points)
    return found
