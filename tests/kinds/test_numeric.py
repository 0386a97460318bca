"""Does a numeric answer earn full, partial or no credit by distance, and show a number box?"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grader.kinds.base import Verdict
from grader.kinds.numeric import KIND, Numeric

EXAMPLE = {
    "id": "estimate",
    "kind": "numeric",
    "title": "Estimate",
    "prompt": "How many?",
    "points": 2,
    "principle": "Occupancy inflates paid hours.",
    "answer": 100,
    "tolerance": 1,
    "partial_tolerance": 10,
    "unit": "hours",
    "feedback": "600 x 8 / 60 / 0.8.",
}
DECISION = Numeric.model_validate(EXAMPLE)


def test_bands():
    """Does a numeric answer earn full, partial or no credit by distance?"""
    assert KIND.judge(DECISION, 100.5).fraction == 1
    assert KIND.judge(DECISION, 95).fraction == 0.5
    assert KIND.judge(DECISION, 50).fraction == 0


def test_edge_of_band_survives_float_arithmetic():
    """Is a value exactly on the edge of a band inside it, though the subtraction is inexact?"""
    decision = Numeric.model_validate({**EXAMPLE, "answer": 0.1, "tolerance": 0.3, "partial_tolerance": None})
    assert 0.4 - 0.1 > 0.3  # the float arithmetic the slack exists for
    assert KIND.judge(decision, 0.4).fraction == 1


def test_note_repeats_the_value_with_its_unit():
    """Does the note repeat the value entered, with its unit, before the worked answer?"""
    (note,) = KIND.judge(DECISION, 95).notes
    assert (note.subject, note.verdict, note.text) == (
        "Estimate",
        Verdict.PARTLY,
        "You entered 95 hours. 600 x 8 / 60 / 0.8.",
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (float("nan"), "expected a finite number, got nan"),
        (float("inf"), "expected a finite number, got inf"),
        (True, "expected a number, got True"),
        ("100", "expected a number, got '100'"),
    ],
)
def test_values_that_are_not_finite_numbers_are_reported(value, problem):
    """Are NaN, infinity, booleans and text reported rather than scored?"""
    judgement = KIND.judge(DECISION, value)
    assert judgement.problems == [problem] and judgement.fraction == 0


def test_partial_band_must_contain_full_band():
    """Is a partial band narrower than the full-credit band rejected?"""
    with pytest.raises(ValidationError, match="partial_tolerance: must not be smaller than tolerance"):
        Numeric.model_validate({**EXAMPLE, "partial_tolerance": 0.5})


def test_number_box_shows_unit_and_saved_value():
    """Does the number box name the unit and start on the saved value (0 when there is none)?"""
    changes = []
    box, read = KIND.control(DECISION, 95.0, changes.append)
    assert box.description == "Your answer (hours):" and read() == 95.0
    box.value = 101.0
    assert read() == 101.0 and len(changes) == 1
    _, empty = KIND.control(DECISION, "not a number", lambda _: None)
    assert empty() == 0.0


def test_practice_notes_say_within_tolerance_never_the_answer():
    """Does practice feedback say how close a value is, without the answer or its working?"""
    far, close, right = (KIND.practice_notes(DECISION, v)[0] for v in (150, 95, 100.5))
    assert (far.verdict, close.verdict, right.verdict) == (Verdict.WRONG, Verdict.PARTLY, Verdict.RIGHT)
    assert far.text.startswith("You entered 150 hours: not within the tolerance")
    assert "close" in close.text
    for note in (far, close):
        assert "100" not in note.text and "600 x 8" not in note.text
