"""Which placed items went further than they fit, and which stayed closer (labs 01 and 02).

"Not right" alone does not tell a learner which way a placement is wrong.  A queue sent to a
cheaper location than its best fit pays the saving back in repeat contacts and rework; a queue
kept at a dearer location than it needs simply costs more.  The consequence views say which.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from grader.schema import AnyDecision


@dataclass(frozen=True)
class Misplaced:
    """Labels of placed items, by the direction of their mistake."""

    too_far: list[str] = field(default_factory=list)  # at a cheaper rate than their best fit
    too_close: list[str] = field(default_factory=list)  # at a dearer rate than they need

    def note(self, *, far_cost: str, close_gain: str) -> str:
        """Both lists in words: ``far_cost`` says what going too far costs, ``close_gain`` what
        the items kept too close would gain at their best fit.  Empty when nothing is off."""
        parts = []
        if self.too_far:
            parts.append(f"Moved further than they fit: {', '.join(self.too_far)}. {far_cost}")
        if self.too_close:
            parts.append(
                f"Kept closer, at a higher rate, than they need: {', '.join(self.too_close)}. {close_gain}"
            )
        return " ".join(parts)


def misplaced(decision: AnyDecision, placed: Mapping[str, str], rate: Mapping[str, float]) -> Misplaced:
    """Sort the placed items of an assign ``decision`` that are not on their key by ``rate``.

    ``placed`` maps item id to location id (unplaced items are left out); ``rate`` is a cost per
    hour by location id.  An item's best fit is the cheapest of its key's locations.

    >>> from grader.schema.model import Assign
    >>> d = Assign.model_validate({
    ...     "id": "m", "kind": "assign", "title": "t", "prompt": "p", "points": 2,
    ...     "principle": "why",
    ...     "categories": [{"id": "home", "label": "Home"}, {"id": "far", "label": "Far"}],
    ...     "items": [{"id": "a", "label": "Easy work", "key": ["far"], "feedback": "f"},
    ...               {"id": "b", "label": "Hard work", "key": ["home"], "feedback": "f"}]})
    >>> misplaced(d, {"a": "home", "b": "far"}, {"home": 40.0, "far": 15.0})
    Misplaced(too_far=['Hard work'], too_close=['Easy work'])
    """
    result = Misplaced()
    for item in getattr(decision, "items", []):
        chosen = placed.get(item.id)
        if chosen is None or chosen in item.key or chosen not in rate:
            continue
        best = min(rate.get(loc, math.inf) for loc in item.key)
        if rate[chosen] < best:
            result.too_far.append(item.label)
        elif rate[chosen] > best:
            result.too_close.append(item.label)
    return result
