"""How a decision is scored: its kind's rule (``grader.kinds``), with the share clamped.

Pure functions: scenario data and a value in, a fraction of credit and the notes that
explain it out.  A value of the wrong shape, or naming options that do not exist, is
reported as a problem and earns nothing; it never raises.  Fractions are clamped to [0, 1].
"""

from __future__ import annotations

from grader.kinds import kind_of
from grader.kinds.base import Judgement, Note
from grader.schema.model import AnyDecision

__all__ = ["Judgement", "judge", "practice_notes"]


def judge(decision: AnyDecision, value: object) -> Judgement:
    """Score ``value`` against ``decision``; see the module docstring for the contract."""
    result = kind_of(decision).judge(decision, value)
    result.fraction = min(1.0, max(0.0, result.fraction))
    return result


def practice_notes(decision: AnyDecision, value: object) -> list[Note]:
    """Practice feedback on ``value``: its kind's notes on what was chosen, never the key."""
    return kind_of(decision).practice_notes(decision, value)
