"""The pure scoring engine: ``score(scenario, choices)`` and its typed results.

No I/O, no widgets, no clock: the same scenario and choices always give the same result,
whether the learner's kernel or nbgrader's autograde step asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from grader.engine.results import DecisionResult, LabResult, Note, Verdict
from grader.engine.rules import judge, practice_notes
from grader.schema.model import AnyDecision, Scenario

__all__ = ["DecisionResult", "LabResult", "Note", "Verdict", "practice_result", "score", "score_decision"]


def score_decision(decision: AnyDecision, value: object | None) -> DecisionResult:
    """Score one decision; ``None`` means not answered and earns 0.

    >>> from grader.schema.model import SingleChoice
    >>> d = SingleChoice.model_validate({"id": "d", "kind": "single", "title": "Where",
    ...     "prompt": "?", "points": 2, "principle": "Fit the work.",
    ...     "options": [{"id": "a", "label": "A", "feedback": "Good.", "credit": 1},
    ...                 {"id": "b", "label": "B", "feedback": "Half.", "credit": 0.5}]})
    >>> score_decision(d, "b").points
    1.0
    >>> score_decision(d, "zzz").problems
    ("'zzz' is not an option (options: a, b)",)
    """
    if value is None:
        return DecisionResult(decision.id, decision.title, 0.0, decision.points, False, decision.principle)
    judgement = judge(decision, value)
    return DecisionResult(
        decision_id=decision.id,
        title=decision.title,
        points=round(decision.points * judgement.fraction, 6),
        max_points=decision.points,
        answered=True,
        principle=decision.principle,
        notes=tuple(judgement.notes),
        problems=tuple(judgement.problems),
    )


def practice_result(decision: AnyDecision, value: object | None) -> DecisionResult:
    """The score of one decision with practice notes: what was chosen, explained, not the key.

    The points are the same as ``score_decision``'s; only the notes differ (each kind's
    ``practice_notes``), and the result says it is not the expert feedback.
    """
    result = score_decision(decision, value)
    notes = () if value is None else tuple(practice_notes(decision, value))
    return replace(result, notes=notes, expert=False)


def score(scenario: Scenario, choices: Mapping[str, object]) -> LabResult:
    """Score every decision of ``scenario`` from ``choices`` (decision id to value).

    Choices for decisions the scenario does not have are ignored: they cannot earn points.
    """
    return LabResult(
        scenario.id,
        tuple(score_decision(d, choices.get(d.id)) for d in scenario.decisions),
    )
