"""Answers built from a scenario: the full-marks answer, and a random one.

Used for synthetic cohorts and for property tests; never shown to a learner.
"""

from __future__ import annotations

import random

from grader.schema.model import AnyDecision, Assign, MultipleSelect, Numeric, Order, SingleChoice


def perfect_answer(decision: AnyDecision) -> object:
    """An answer that earns every point of ``decision``."""
    if isinstance(decision, SingleChoice):
        return next(o.id for o in decision.options if o.credit == 1.0)
    if isinstance(decision, MultipleSelect):
        return [o.id for o in decision.options if o.correct]
    if isinstance(decision, Assign):
        return {item.id: item.key[0] for item in decision.items}
    if isinstance(decision, Order):
        return list(decision.key)
    assert isinstance(decision, Numeric)
    return decision.answer


def random_answer(decision: AnyDecision, rng: random.Random) -> object:
    """A well-formed answer picked at random (what a guessing learner might submit)."""
    if isinstance(decision, SingleChoice):
        return rng.choice(decision.options).id
    if isinstance(decision, MultipleSelect):
        return [o.id for o in decision.options if rng.random() < 0.5]
    if isinstance(decision, Assign):
        return {item.id: rng.choice(decision.categories).id for item in decision.items}
    if isinstance(decision, Order):
        ids = [o.id for o in decision.options]
        rng.shuffle(ids)
        return ids
    assert isinstance(decision, Numeric)
    spread = max(abs(decision.answer), 1.0)
    return round(decision.answer + rng.uniform(-spread, spread), 2)
