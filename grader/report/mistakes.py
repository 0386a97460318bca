"""What was wrong in one learner's choice, part by part, in words an instructor can count.

A whole answer rarely repeats between learners (ten queues can be mapped in thousands of
ways), but its wrong parts do: "Escalations placed in Offshore" is a misconception that
five learners may share.  Each kind's parts:

* single choice: the option chosen, when it earns less than full credit;
* multiple select: each option ticked that does not belong, each one that belongs left out;
* assign: each item placed where it earns less than full credit, with the place;
* order: each option the learner put outside the places where it belongs;
* numeric: whether the value was too high or too low (outside the full-credit tolerance).

An unanswered decision has no wrong parts: it is counted apart, as unanswered.
"""

from __future__ import annotations

from collections.abc import Mapping

from grader.kinds.assign import Assign
from grader.kinds.multiple import MultipleSelect
from grader.kinds.numeric import SLACK, Numeric
from grader.kinds.order import Order
from grader.kinds.single import SingleChoice
from grader.schema import AnyDecision

__all__ = ["wrong_parts"]


def wrong_parts(decision: AnyDecision, choice: object | None) -> list[str]:
    """The parts of ``choice`` that earn less than full credit, each as a short phrase.

    >>> from grader.schema.model import SingleChoice
    >>> d = SingleChoice.model_validate({"id": "d", "kind": "single", "title": "Where",
    ...     "prompt": "?", "points": 2, "principle": "Fit the work.",
    ...     "options": [{"id": "a", "label": "In-house", "feedback": "Good.", "credit": 1},
    ...                 {"id": "b", "label": "Offshore", "feedback": "No.", "credit": 0}]})
    >>> wrong_parts(d, "b"), wrong_parts(d, "a"), wrong_parts(d, None)
    (['chose “Offshore”'], [], [])
    """
    if choice is None:
        return []
    if isinstance(decision, SingleChoice):
        return _single(decision, choice)
    if isinstance(decision, MultipleSelect):
        return _multiple(decision, choice)
    if isinstance(decision, Assign):
        return _assign(decision, choice)
    if isinstance(decision, Order):
        return _order(decision, choice)
    if isinstance(decision, Numeric):
        return _numeric(decision, choice)
    return []


def _single(decision: SingleChoice, choice: object) -> list[str]:
    option = next((o for o in decision.options if o.id == choice), None)
    if option is None:
        return ["chose something that is not an option"]
    return [f"chose “{option.label}”"] if option.credit < 1.0 else []


def _multiple(decision: MultipleSelect, choice: object) -> list[str]:
    if isinstance(choice, str) or not isinstance(choice, list | tuple | set | frozenset):
        return ["answer in the wrong form"]
    ticked = {c for c in choice if isinstance(c, str)}
    parts = [f"ticked “{o.label}”" for o in decision.options if o.id in ticked and not o.correct]
    parts += [f"left out “{o.label}”" for o in decision.options if o.correct and o.id not in ticked]
    return parts


def _assign(decision: Assign, choice: object) -> list[str]:
    if not isinstance(choice, Mapping):
        return ["answer in the wrong form"]
    places = {c.id: c.label for c in decision.categories}
    parts = []
    for item in decision.items:
        chosen = choice.get(item.id)
        if isinstance(chosen, str) and chosen in places and item.credit(chosen) < 1.0:
            parts.append(f"“{item.label}” placed in {places[chosen]}")
    return parts


def _order(decision: Order, choice: object) -> list[str]:
    if isinstance(choice, str) or not isinstance(choice, list | tuple):
        return ["answer in the wrong form"]
    labels = {o.id: o.label for o in decision.options}
    placed = list(dict.fromkeys(c for c in choice if isinstance(c, str) and c in labels))
    return [
        f"“{labels[option]}” put at place {number}"
        for number, option in enumerate(placed, start=1)
        if number not in decision.places(option)
    ]


def _numeric(decision: Numeric, choice: object) -> list[str]:
    if isinstance(choice, bool) or not isinstance(choice, int | float):
        return ["answer in the wrong form"]
    if abs(choice - decision.answer) <= decision.tolerance + SLACK:
        return []
    return ["a value too high" if choice > decision.answer else "a value too low"]
