"""Do the decision models stay importable from the schema, which builds its union from the kinds?"""

from __future__ import annotations

import grader.kinds.assign
import grader.kinds.base
import grader.kinds.multiple
import grader.kinds.numeric
import grader.kinds.order
import grader.kinds.single
from grader.schema import AnyDecision as PackageAnyDecision
from grader.schema.model import (
    AnyDecision,
    Assign,
    Category,
    Item,
    MultipleSelect,
    Numeric,
    Option,
    Order,
    SingleChoice,
)


def test_decision_models_are_the_kinds_own():
    """Are the names labs and notebooks import from grader.schema.model the kinds' own models?"""
    assert (SingleChoice, MultipleSelect, Assign, Order, Numeric) == (
        grader.kinds.single.SingleChoice,
        grader.kinds.multiple.MultipleSelect,
        grader.kinds.assign.Assign,
        grader.kinds.order.Order,
        grader.kinds.numeric.Numeric,
    )
    assert (Option, Item, Category) == (
        grader.kinds.base.Option,
        grader.kinds.assign.Item,
        grader.kinds.assign.Category,
    )


def test_any_decision_accepts_every_kind_in_isinstance():
    """Can code check ``isinstance(d, AnyDecision)`` for a decision of any kind, and not for other models?"""
    assert PackageAnyDecision is AnyDecision
    decision = SingleChoice.model_validate(
        {
            "id": "d",
            "kind": "single",
            "title": "T",
            "prompt": "P",
            "points": 1,
            "principle": "Q",
            "options": [
                {"id": "a", "label": "A", "feedback": "F", "credit": 1},
                {"id": "b", "label": "B", "feedback": "F"},
            ],
        }
    )
    assert isinstance(decision, AnyDecision)
    assert not isinstance(decision.options[0], AnyDecision)
