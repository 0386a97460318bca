"""Does a multiple select reward right ticks, charge wrong ones, and show check boxes?"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grader.kinds.base import Verdict
from grader.kinds.multiple import KIND, MultipleSelect

EXAMPLE = {
    "id": "pick_many",
    "kind": "multiple",
    "title": "Pick many",
    "prompt": "Which apply?",
    "points": 3,
    "principle": "Check before you sign.",
    "options": [
        {"id": "a", "label": "A", "feedback": "Yes.", "correct": True},
        {"id": "b", "label": "B", "feedback": "Yes.", "correct": True},
        {"id": "c", "label": "C", "feedback": "No."},
        {"id": "d", "label": "D", "feedback": "No."},
    ],
}
DECISION = MultipleSelect.model_validate(EXAMPLE)


def test_false_picks_cost_points():
    """Does a wrong tick cancel a right one?"""
    assert KIND.judge(DECISION, ["a"]).fraction == 0.5
    assert KIND.judge(DECISION, ["a", "c"]).fraction == 0
    assert KIND.judge(DECISION, ["a", "b", "c", "d"]).fraction == 0


def test_penalty_is_set_per_decision():
    """Does a false-pick penalty of one half cancel only half a right pick?"""
    decision = MultipleSelect.model_validate({**EXAMPLE, "false_pick_penalty": 0.5})
    assert KIND.judge(decision, ["a", "b", "c"]).fraction == 0.75


def test_notes_name_right_wrong_and_missed_options():
    """Does the feedback mark ticked right, ticked wrong and missed options, in option order?"""
    notes = KIND.judge(DECISION, ["c", "a"]).notes
    assert [(n.subject, n.verdict) for n in notes] == [
        ("A", Verdict.RIGHT),
        ("B", Verdict.MISSED),
        ("C", Verdict.WRONG),
    ]


def test_unknown_option_counts_as_wrong_pick():
    """Is an id that is not an option reported and charged as a wrong pick?"""
    judgement = KIND.judge(DECISION, ["a", "b", "zzz"])
    assert judgement.problems == ["'zzz' is not an option; it counts as a wrong pick"]
    assert judgement.fraction == 0.5


def test_repeated_pick_counts_once():
    """Does ticking the same right option twice count once?"""
    assert KIND.judge(DECISION, ["a", "a"]).fraction == 0.5


def test_text_instead_of_list_is_reported():
    """Is a single id given as text reported as the wrong shape?"""
    assert KIND.judge(DECISION, "a").problems == ["expected a list of option ids, got 'a'"]


def test_needs_a_correct_option():
    """Is a multiple select with no correct option rejected?"""
    data = {**EXAMPLE, "options": [{**o, "correct": False} for o in EXAMPLE["options"]]}
    with pytest.raises(ValidationError, match="at least one option needs 'correct: true'"):
        MultipleSelect.model_validate(data)


def test_check_boxes_show_saved_ticks_and_read_in_option_order():
    """Do the check boxes start on the saved ticks and read back ticked ids in option order?"""
    changes = []
    boxes, read = KIND.control(DECISION, ["c", "a"], changes.append)
    assert read() == ["a", "c"]
    boxes.children[1].value = True
    assert read() == ["a", "b", "c"] and len(changes) == 1


def test_practice_notes_count_the_missed_and_never_name_them():
    """After one tick, are missed statements only counted, never named or quoted?"""
    notes = KIND.practice_notes(DECISION, ["a"])
    assert [(n.subject, n.verdict) for n in notes] == [
        ("A", Verdict.RIGHT),
        ("Not ticked yet", Verdict.MISSED),
    ]
    assert notes[1].text == "1 statement that belongs here is not ticked yet."
    assert all("B" not in f"{n.subject} {n.text}" for n in notes)


def test_practice_notes_judge_a_wrong_tick():
    """Is a wrong tick called wrong, with its own feedback, and are both missed ones counted?"""
    notes = KIND.practice_notes(DECISION, ["c"])
    assert [(n.subject, n.verdict, n.text) for n in notes[:1]] == [("C", Verdict.WRONG, "No.")]
    assert notes[1].text == "2 statements that belong here are not ticked yet."


def test_practice_notes_judge_no_tick_when_more_are_ticked_than_belong():
    """Does ticking more statements than belong give one note and no verdict on any tick?"""
    notes = KIND.practice_notes(DECISION, ["a", "b", "c"])
    assert [(n.subject, n.verdict) for n in notes] == [("Too many ticks", Verdict.INFO)]
    assert notes[0].text.startswith("You ticked 3 statements; fewer than that belong here.")
    assert all(word not in notes[0].text for word in ("Yes.", "No.", "A", "B", "C"))


def test_practice_notes_still_judge_each_tick_when_as_many_are_ticked_as_belong():
    """With as many ticks as the key holds, is each tick still judged on its own?"""
    notes = KIND.practice_notes(DECISION, ["a", "c"])
    assert [(n.subject, n.verdict) for n in notes] == [
        ("A", Verdict.RIGHT),
        ("C", Verdict.WRONG),
        ("Not ticked yet", Verdict.MISSED),
    ]
