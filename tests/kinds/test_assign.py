"""Does an assign decision credit each placement, note the unplaced, and show one menu per item?"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grader.kinds.assign import KIND, Assign
from grader.kinds.base import PLACEHOLDER, Verdict

EXAMPLE = {
    "id": "place",
    "kind": "assign",
    "title": "Place",
    "prompt": "Where?",
    "points": 4,
    "principle": "Complex work stays close.",
    "categories": [{"id": "near", "label": "Near"}, {"id": "far", "label": "Far"}],
    "items": [
        {"id": "q1", "label": "Queue 1", "key": ["near"], "partial": {"far": 0.5}, "feedback": "Complex."},
        {"id": "q2", "label": "Queue 2", "key": ["far"], "feedback": "Simple."},
    ],
}
DECISION = Assign.model_validate(EXAMPLE)


def test_partial_and_missing():
    """Does a partly right placement earn its share and an unplaced item count as missed?"""
    judgement = KIND.judge(DECISION, {"q1": "far"})
    assert judgement.fraction == 0.25  # (0.5 + 0) / 2
    assert [n.verdict for n in judgement.notes] == [Verdict.PARTLY, Verdict.MISSED]
    assert judgement.notes[0].text == "You chose Far. Complex."
    assert judgement.notes[1].text == "Not placed yet. Simple."


def test_unknown_item_and_category_are_reported():
    """Are an item that does not exist and a category that does not exist both reported?"""
    judgement = KIND.judge(DECISION, {"q1": "moon", "q9": "near", "q2": "far"})
    assert judgement.problems == [
        "'q9' is not an item (items: q1, q2)",
        "Queue 1: 'moon' is not a category (categories: near, far)",
    ]
    assert judgement.fraction == 0.5


def test_list_instead_of_mapping_is_reported():
    """Is a list given for an assign decision reported as the wrong shape?"""
    assert KIND.judge(DECISION, ["near"]).problems == [
        "expected a mapping of item id to category id, got ['near']"
    ]


def test_key_must_name_a_category():
    """Is an item's key that names no category rejected at that item's field?"""
    items = [EXAMPLE["items"][0], {**EXAMPLE["items"][1], "key": ["farr"]}]
    with pytest.raises(
        ValidationError, match=r"items.1.key: 'farr' is not one of the categories \(far, near\)"
    ):
        Assign.model_validate({**EXAMPLE, "items": items})


def test_partial_share_stays_within_one():
    """Is a partial share above 1 rejected at its field?"""
    items = [{**EXAMPLE["items"][0], "partial": {"far": 1.5}}, EXAMPLE["items"][1]]
    with pytest.raises(ValidationError, match="items.0.partial.far: must be from 0 to 1"):
        Assign.model_validate({**EXAMPLE, "items": items})


def test_menus_show_saved_places_and_skip_unplaced_items():
    """Does each item's menu start on its saved category, and are unplaced items left out of the value?"""
    changes = []
    menus, read = KIND.control(DECISION, {"q1": "far", "q2": "gone"}, changes.append)
    assert [m.value for m in menus.children] == ["far", ""]
    assert menus.children[1].label == PLACEHOLDER
    assert read() == {"q1": "far"}
    menus.children[1].value = "near"
    assert read() == {"q1": "far", "q2": "near"} and len(changes) == 1


def test_practice_notes_give_verdict_and_hint_never_the_item_feedback():
    """Does practice feedback give each placement's verdict and a hint, but not the item feedback?"""
    with_hint = Assign.model_validate(
        {
            **EXAMPLE,
            "items": [{**EXAMPLE["items"][0], "hint": "Think about complexity."}, EXAMPLE["items"][1]],
        }
    )
    notes = KIND.practice_notes(with_hint, {"q1": "far"})
    assert [(n.subject, n.verdict) for n in notes] == [
        ("Queue 1", Verdict.PARTLY),
        ("Not placed yet", Verdict.MISSED),
    ]
    assert notes[0].text == "You chose Far. Think about complexity."
    assert notes[1].text == "1 of 2 items are not placed yet."
    assert all("Complex." not in n.text and "Simple." not in n.text for n in notes)


def test_practice_notes_without_a_hint_point_to_the_principle():
    """Without a hint, does an item's practice note point to the principle, not to its place?"""
    notes = KIND.practice_notes(DECISION, {"q2": "near"})
    assert notes[0].verdict is Verdict.WRONG
    assert notes[0].text == "You chose Near. Weigh this item's attributes against the principle below."


WITH_ELSEWHERE = {
    **EXAMPLE,
    "categories": [*EXAMPLE["categories"], {"id": "moon", "label": "Moon"}],
    "items": [
        {
            **EXAMPLE["items"][0],
            "hint": "Think about complexity.",
            "elsewhere": [
                {"places": ["far"], "feedback": "Far teams learn its exceptions slowly."},
                {"places": ["moon"], "feedback": "Nobody answers from the moon."},
            ],
        },
        EXAMPLE["items"][1],
    ],
}


def test_a_wrong_place_is_told_why_it_is_worse():
    """Does a learner who chose a place outside the key read why that place is worse, then why
    the item belongs where it does?"""
    decision = Assign.model_validate(WITH_ELSEWHERE)
    notes = KIND.judge(decision, {"q1": "moon"}).notes
    assert notes[0].text == "You chose Moon. Nobody answers from the moon. Complex."


def test_practice_says_why_the_chosen_place_is_worse_not_where_it_belongs():
    """In practice, does a wrong place get its own text, a right place the hint, and neither
    the item's feedback?"""
    decision = Assign.model_validate(WITH_ELSEWHERE)
    wrong = KIND.practice_notes(decision, {"q1": "far"})[0]
    right = KIND.practice_notes(decision, {"q1": "near"})[0]
    assert wrong.text == "You chose Far. Far teams learn its exceptions slowly."
    assert right.text == "You chose Near. Think about complexity."
    assert "Complex." not in wrong.text + right.text


@pytest.mark.parametrize(
    ("elsewhere", "message"),
    [
        ([{"places": ["near"], "feedback": "x"}], r"elsewhere.0.places: 'near' is in this item's key"),
        ([{"places": ["mars"], "feedback": "x"}], r"items.0.elsewhere.0.places: 'mars' is not one of"),
        (
            [{"places": ["far"], "feedback": "x"}, {"places": ["far"], "feedback": "y"}],
            r"items.0.elsewhere.1.places: 'far' already has a text",
        ),
        ([{"places": ["far", "moon"], "feedback": "x"}], r"far, moon earn different credit \(0, 0.5\)"),
    ],
    ids=["key place", "unknown place", "twice", "unequal credit"],
)
def test_a_bad_elsewhere_entry_is_rejected_at_its_field(elsewhere, message):
    """Is a per-place text for the key, for no category, given twice, or shared by places of
    different credit rejected at its field?"""
    items = [{**WITH_ELSEWHERE["items"][0], "elsewhere": elsewhere}, EXAMPLE["items"][1]]
    with pytest.raises(ValidationError, match=message):
        Assign.model_validate({**WITH_ELSEWHERE, "items": items})
