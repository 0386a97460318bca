"""Does the fit note sort misplaced items by which way they are wrong?"""

from __future__ import annotations

from grader.labs.placement import misplaced
from grader.schema.model import Assign


def _decision() -> Assign:
    return Assign.model_validate(
        {
            "id": "map",
            "kind": "assign",
            "title": "Map",
            "prompt": "Place each queue.",
            "points": 3,
            "principle": "Place work by its attributes.",
            "categories": [{"id": c, "label": c.title()} for c in ("home", "near", "far")],
            "items": [
                {"id": "simple", "label": "Simple", "key": ["far", "near"], "feedback": "f"},
                {"id": "mid", "label": "Middle", "key": ["near"], "feedback": "f"},
                {"id": "hard", "label": "Hard", "key": ["home"], "feedback": "f"},
            ],
        }
    )


RATES = {"home": 50.0, "near": 30.0, "far": 15.0}


def test_right_and_unplaced_items_are_not_named():
    """Are items on their key, or not placed at all, left out of both lists?"""
    found = misplaced(_decision(), {"simple": "near", "hard": "home"}, RATES)
    assert found.too_far == [] and found.too_close == []


def test_direction_is_judged_against_the_cheapest_fit():
    """Is an item kept dearer than its cheapest fit too close, and one sent cheaper too far?"""
    found = misplaced(_decision(), {"simple": "home", "mid": "far", "hard": "near"}, RATES)
    assert found.too_close == ["Simple"]
    assert found.too_far == ["Middle", "Hard"]


def test_a_location_without_a_rate_is_skipped():
    """Does a location missing from the rates (a hand-edited file) name nothing instead of failing?"""
    found = misplaced(_decision(), {"mid": "moon"}, RATES)
    assert found.too_far == [] and found.too_close == []
