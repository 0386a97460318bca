"""Answers built from a scenario: the full-marks answer, and a random one.

Used for synthetic cohorts and for property tests; never shown to a learner.  Each kind
(``grader.kinds``) knows how to build its own.
"""

from __future__ import annotations

import random

from grader.kinds import kind_of
from grader.schema.model import AnyDecision

__all__ = ["perfect_answer", "random_answer"]


def perfect_answer(decision: AnyDecision) -> object:
    """An answer that earns every point of ``decision``."""
    return kind_of(decision).perfect_answer(decision)


def random_answer(decision: AnyDecision, rng: random.Random) -> object:
    """A well-formed answer picked at random (what a guessing learner might submit)."""
    return kind_of(decision).random_answer(decision, rng)
