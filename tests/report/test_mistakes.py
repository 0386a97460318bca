"""Does each kind name the wrong parts of a choice, and nothing in a right one?"""

from __future__ import annotations

import pytest

from grader.engine.keys import perfect_answer
from grader.report.mistakes import wrong_parts


def test_a_perfect_answer_has_no_wrong_part(every_kind_scenario):
    """Does the key of every kind give no wrong part?"""
    for decision in every_kind_scenario.decisions:
        assert wrong_parts(decision, perfect_answer(decision)) == [], decision.id


def test_an_unanswered_decision_has_no_wrong_part(every_kind_scenario):
    """Is an unanswered decision left to the unanswered count, not called a mistake?"""
    assert all(wrong_parts(d, None) == [] for d in every_kind_scenario.decisions)


@pytest.mark.parametrize(
    ("decision_id", "choice", "expected"),
    [
        ("pick_one", "b", ["chose “B”"]),  # part credit is still short of the key
        ("pick_one", "zzz", ["chose something that is not an option"]),
        ("pick_many", ["a", "c"], ["ticked “C”", "left out “B”"]),
        ("place", {"q1": "far", "q2": "far"}, ["“Queue 1” placed in Far"]),
        ("place", {"q1": "near"}, []),  # an item not placed yet is not a wrong place
        ("rank", ["y", "x", "z"], ["“Y” put at place 1", "“X” put at place 2"]),
        ("estimate", 120, ["a value too high"]),
        ("estimate", 95, ["a value too low"]),  # within the partial band, still short of the key
        ("estimate", 100.5, []),
        ("pick_many", "a", ["answer in the wrong form"]),
    ],
)
def test_each_kind_names_its_wrong_parts(every_kind_scenario, decision_id, choice, expected):
    """Does each kind say which parts of a choice earn less than full credit?"""
    assert wrong_parts(every_kind_scenario.decision(decision_id), choice) == expected
