"""What a grading batch did, told in a few lines, and the command's exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader.grading.results import FailedSubmission, GradedSubmission, Outcome


@dataclass
class GradingSummary:
    graded: list[GradedSubmission] = field(default_factory=list)
    failed: list[FailedSubmission] = field(default_factory=list)
    up_to_date: int = 0
    notes: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    failure_log: Path | None = None  # where nbgrader's log of each failure was written
    commit_seconds: float = 0.0  # time the one writer spent committing grades to the gradebook

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, FailedSubmission):
            self.failed.append(outcome)
        else:
            self.graded.append(outcome)

    @property
    def exit_code(self) -> int:
        """0: every submission graded (or already up to date); 1: some failed (listed)."""
        return 1 if self.failed else 0

    def lines(self) -> list[str]:
        lines = [f"note: {note}" for note in self.notes]
        graded = f"Graded {len(self.graded)} submission(s) in {self.wall_seconds:.1f} s"
        if self.up_to_date:
            graded += f"; {self.up_to_date} already up to date (--force grades them again)"
        lines.append(graded + ".")
        if self.graded:
            lines.append(self._where_the_time_went())
        if self.failed:
            lines.append(f"{len(self.failed)} submission(s) could not be graded:")
            lines += [
                f"  {failure.submission}: {failure.reason}" for failure in sorted(self.failed, key=_order)
            ]
            if self.failure_log is not None:
                lines.append(f"nbgrader's log of each failure is in {self.failure_log}.")
        return lines

    def _where_the_time_went(self) -> str:
        """Worker time per submission and the writer's commit time: what sizes a larger course."""
        count = len(self.graded)
        worker = sum(g.seconds for g in self.graded) / count
        commit_ms = self.commit_seconds / count * 1000
        return (
            f"Each submission took a worker {worker:.1f} s on average; "
            f"committing its grades took the gradebook {commit_ms:.0f} ms."
        )

    def write_failure_log(self, path: Path) -> None:
        """Write nbgrader's log of each failed submission to ``path`` (replaced every run)."""
        sections = [
            f"==== {failure.submission}: {failure.reason}\n{failure.log}"
            for failure in sorted(self.failed, key=_order)
        ]
        path.write_text("\n".join(sections), encoding="utf-8")


def _order(failure: FailedSubmission) -> tuple[str, str]:
    return failure.submission.assignment, failure.submission.student
