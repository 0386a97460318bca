"""What an export reads from the gradebook and writes out: plain frozen records, no database session.

The gradebook is read once into these (``grader.export.gradebook_snapshot``) and closed;
every file is then written from them, so a CSV never depends on a live connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def points_by_learner_and_lab(self) -> dict[tuple[str, str], float]:
        """Each graded submission's points, by (learner, lab); a lab a learner has no graded
        submission of is absent."""
        return {(graded.learner, graded.lab): graded.points for graded in self.graded}


@dataclass(frozen=True)
class DecisionRow:
    """One row of ``decisions.csv``: one learner's result on one decision of one lab."""

    learner: str
    lab: str
    decision: str
    choice: str  # as the answers file records it ("" when the learner made none)
    points: float
    max_points: float
    scenario: str
    variant: int
    revealed: bool
    revealed_at: str = ""


@dataclass
class ExportSummary:
    """What an export wrote, and what the instructor should know about it."""

    folder: str
    files: list[str] = field(default_factory=list)
    learners: int = 0
    labs: int = 0
    decision_rows: int = 0
    notes: list[str] = field(default_factory=list)

    def lines(self, most_notes: int = 20) -> list[str]:
        """The summary to print: up to ``most_notes`` notes (and how many more), then the files."""
        lines = [f"note: {note}" for note in self.notes[:most_notes]]
        if len(self.notes) > most_notes:
            lines.append(f"note: ... and {len(self.notes) - most_notes} more like these")
        lines.append(
            f"Exported {self.decision_rows} decision row(s) of {self.learners} learner(s) in "
            f"{self.labs} lab(s) to {self.folder}:"
        )
        lines += [f"  {name}" for name in self.files]
        return lines
