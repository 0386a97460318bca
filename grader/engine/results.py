"""Typed scoring results that explain themselves, in text and in notebook HTML."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# A kind's rule writes the notes; they are defined with the kinds, which never import the engine.
from grader.kinds.base import Note, Verdict

__all__ = ["DecisionResult", "LabResult", "Note", "Verdict"]


@dataclass(frozen=True)
class DecisionResult:
    """The score of one decision and the feedback that explains it.

    ``problems`` lists parts of the answer the engine could not use (an option that does
    not exist, a value of the wrong type); they earn nothing but never raise.

    ``expert`` says whether ``notes`` are the full expert feedback (which names the key) or
    practice feedback on what was chosen (``grader.engine.practice_result``).
    """

    decision_id: str
    title: str
    points: float
    max_points: float
    answered: bool
    principle: str
    notes: tuple[Note, ...] = ()
    problems: tuple[str, ...] = ()
    expert: bool = True

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0

    @property
    def status(self) -> str:
        if not self.answered:
            return "not answered yet"
        if self.points >= self.max_points:
            return "full marks"
        return "partial marks" if self.points > 0 else "no marks"

    def summary(self) -> str:
        """One line for logs and screen readers: ``title: 3/4 points (partial marks)``."""
        return f"{self.title}: {self.points:g}/{self.max_points:g} points ({self.status})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<li><span aria-hidden='true'>{n.verdict.symbol}</span> "
            f"<strong>{escape(n.subject)}</strong> <em>({n.verdict.value})</em>: {escape(n.text)}</li>"
            for n in self.notes
        )
        problems = "".join(f"<li>{escape(p)}</li>" for p in self.problems)
        problem_block = (
            f"<p><strong>Could not use part of this answer:</strong></p><ul>{problems}</ul>"
            if problems
            else ""
        )
        return (
            "<section class='decisionlab-result mathjax_ignore' style='border-left:4px solid #888;"
            "padding:0.3em 0.8em;margin:0.5em 0'>"
            f"<h4 style='margin:0.2em 0'>{escape(self.summary())}</h4>"
            f"{problem_block}<ul>{rows}</ul>"
            f"<p><strong>Principle:</strong> {escape(self.principle)}</p>{self._practice_line()}</section>"
        )

    def _practice_line(self) -> str:
        if self.expert or not self.answered:
            return ""
        return (
            "<p class='decisionlab-practice'><small>Practice feedback on what you chose. The expert "
            f'answer is shown when you ask for it (<code>lab.reveal("{escape(self.decision_id)}")</code>); '
            "your instructor sees that you did.</small></p>"
        )


@dataclass(frozen=True)
class LabResult:
    """The scores of every decision in one scenario."""

    scenario_id: str
    decisions: tuple[DecisionResult, ...]

    @property
    def points(self) -> float:
        return round(sum(d.points for d in self.decisions), 6)

    @property
    def max_points(self) -> float:
        return round(sum(d.max_points for d in self.decisions), 6)

    def __getitem__(self, decision_id: str) -> DecisionResult:
        for decision in self.decisions:
            if decision.decision_id == decision_id:
                return decision
        raise KeyError(decision_id)

    def summary(self) -> str:
        return f"{self.points:g}/{self.max_points:g} points"

    def _repr_html_(self) -> str:
        parts = "".join(d._repr_html_() for d in self.decisions)
        return f"<div class='mathjax_ignore'><h3>Your score: {escape(self.summary())}</h3>{parts}</div>"
