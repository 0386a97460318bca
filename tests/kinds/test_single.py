"""Does a single choice earn its option's credit, reject what is not an option, and show a radio group?"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grader.kinds.base import Verdict
from grader.kinds.single import KIND, SingleChoice

EXAMPLE = {
    "id": "pick_one",
    "kind": "single",
    "title": "Pick one",
    "prompt": "Which?",
    "points": 2,
    "principle": "Fit the work to the place.",
    "options": [
        {"id": "a", "label": "A", "feedback": "Best.", "credit": 1},
        {"id": "b", "label": "B", "feedback": "Half.", "credit": 0.5},
        {"id": "c", "label": "C", "feedback": "No."},
    ],
}
DECISION = SingleChoice.model_validate(EXAMPLE)


def test_partial_credit_option_earns_its_share():
    """Does a half-credit option earn half, with a 'partly right' note carrying its feedback?"""
    judgement = KIND.judge(DECISION, "b")
    assert judgement.fraction == 0.5
    assert [(n.subject, n.verdict, n.text) for n in judgement.notes] == [("B", Verdict.PARTLY, "Half.")]


def test_zero_credit_option_is_not_right():
    """Does an option without credit earn nothing and say 'not right'?"""
    judgement = KIND.judge(DECISION, "c")
    assert judgement.fraction == 0 and judgement.notes[0].verdict is Verdict.WRONG


def test_choice_outside_options_is_reported():
    """Is a choice outside the options reported with the options, not crashed on?"""
    judgement = KIND.judge(DECISION, "zzz")
    assert judgement.fraction == 0
    assert judgement.problems == ["'zzz' is not an option (options: a, b, c)"]


def test_list_instead_of_id_is_reported():
    """Is a list given for a single choice reported as the wrong shape?"""
    assert KIND.judge(DECISION, ["a"]).problems == ["expected one option id (text), got ['a']"]


def test_needs_a_full_credit_option():
    """Is a single choice without any option worth full credit rejected?"""
    data = {**EXAMPLE, "options": [{**o, "credit": 0.5} for o in EXAMPLE["options"]]}
    with pytest.raises(ValidationError, match="at least one option needs 'credit: 1'"):
        SingleChoice.model_validate(data)


def test_option_ids_are_unique():
    """Is an option id used twice rejected, naming the second use?"""
    data = {**EXAMPLE, "options": [*EXAMPLE["options"], {"id": "a", "label": "A2", "feedback": "Again."}]}
    with pytest.raises(ValidationError, match=r"options.3.id: 'a' is used twice \(first at options.0\)"):
        SingleChoice.model_validate(data)


def test_radio_group_shows_saved_choice_and_reports_changes():
    """Does the radio group start on the saved option and call back when the learner picks another?"""
    changes = []
    radio, read = KIND.control(DECISION, "b", changes.append)
    assert read() == "b"
    radio.value = "a"
    assert read() == "a" and len(changes) == 1


def test_radio_group_ignores_saved_value_that_is_not_an_option():
    """Does a saved id that is no longer an option leave the radio group empty?"""
    _, read = KIND.control(DECISION, "gone", lambda _: None)
    assert read() is None


def test_practice_notes_explain_the_chosen_option_only():
    """Does practice feedback on a wrong pick explain that pick, and name no other option?"""
    notes = KIND.practice_notes(DECISION, "c")
    assert [(n.subject, n.verdict, n.text) for n in notes] == [("C", Verdict.WRONG, "No.")]
    shown = " ".join(f"{n.subject} {n.text}" for n in notes)
    assert "Best." not in shown and "A" not in shown
