"""A course's gradebook as plain frozen records, read once and closed (``grader.gradebook.reader``).

The export writes its files from these and the report takes its points from them, so no
file or chart depends on a live database session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["CellScore", "GradebookSnapshot", "GradedLab", "Lab", "Learner"]


@dataclass(frozen=True)
class Learner:
    """A learner as nbgrader's Student table knows them; only ``id`` is always there."""

    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""  # the LMS's own user id, which nbgrader records for learners arriving by LTI

    @property
    def sortable_name(self) -> str:
        """ "Last, First" as LMS rosters write it; the id when the gradebook has no names.

        >>> Learner("ada", "Ada", "Lovelace").sortable_name
        'Lovelace, Ada'
        >>> Learner("learner-001").sortable_name
        'learner-001'
        """
        if self.first_name and self.last_name:
            return f"{self.last_name}, {self.first_name}"
        return self.last_name or self.first_name or self.id


@dataclass(frozen=True)
class Lab:
    """An assignment of the course (a lab) and the points it is out of."""

    id: str
    max_points: float


@dataclass(frozen=True)
class CellScore:
    """The gradebook's score of one grade cell of a submission: the manual score when a
    grader gave one, else the automatic one, plus any extra credit (nbgrader's ``Grade.score``)."""

    cell: str
    points: float
    max_points: float


@dataclass(frozen=True)
class GradedLab:
    """One learner's graded submission of one lab."""

    learner: str
    lab: str
    cells: tuple[CellScore, ...]
    late_penalty: float

    @property
    def raw_points(self) -> float:
        """The sum of every grade cell's points, before the late penalty."""
        return sum(cell.points for cell in self.cells)

    @property
    def points(self) -> float:
        """What the learner earns in the lab: raw points less the late penalty, never below
        zero (as ``nbgrader export`` computes it)."""
        return max(0.0, self.raw_points - self.late_penalty)


@dataclass(frozen=True)
class GradebookSnapshot:
    """Every learner, every lab, and every graded submission of a course's gradebook."""

    learners: tuple[Learner, ...]
    labs: tuple[Lab, ...]
    graded: tuple[GradedLab, ...]
    notes: tuple[str, ...] = ()
    # Submissions in the gradebook with no score in any cell yet (nbgrader counts them as 0).
    waiting: tuple[GradedLab, ...] = ()
    # Every submission's total before any late penalty, summed by the database as nbgrader's
    # ``SubmittedAssignment.score`` is, by (learner, lab): graded and waiting alike.
    totals: Mapping[tuple[str, str], float] = field(default_factory=dict)

    def points_by_learner_and_lab(self) -> dict[tuple[str, str], float]:
        """Each graded submission's points, by (learner, lab); a lab a learner has no graded
        submission of is absent."""
        return {(graded.learner, graded.lab): graded.points for graded in self.graded}
