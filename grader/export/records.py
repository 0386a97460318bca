"""What an export writes out: plain frozen records, no database session.

The gradebook's own records (learners, labs, graded submissions) are read once by
``grader.gradebook`` and closed; they are named here too, where the export has always
found them.  Every file is written from records, so a CSV never depends on a live connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.gradebook.records import CellScore, GradebookSnapshot, GradedLab, Lab, Learner

__all__ = [
    "CellScore",
    "DecisionRow",
    "ExportSummary",
    "GradebookSnapshot",
    "GradedLab",
    "Lab",
    "Learner",
]


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
