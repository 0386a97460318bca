"""Does a decision's options' shown order come from its seed alone, and tell nothing of the key?"""

from __future__ import annotations

from collections import Counter

from grader.kinds.base import shuffled_options
from grader.kinds.numeric import Numeric
from grader.kinds.single import SingleChoice

from .test_numeric import EXAMPLE as NUMERIC_EXAMPLE

KEY_LISTED_FIRST = SingleChoice.model_validate(
    {
        "id": "pick",
        "kind": "single",
        "title": "Pick",
        "prompt": "Which?",
        "points": 1,
        "principle": "The first one.",
        "options": [
            {"id": o, "label": o.upper(), "feedback": "Why.", "credit": 1.0 if o == "a" else 0.0}
            for o in "abcd"
        ],
    }
)
SEEDS = [f"seed-{n}" for n in range(40)]


def _ids(decision) -> list[str]:
    return [o.id for o in decision.options]


def test_the_same_seed_gives_the_same_order():
    """Does a seed give the same order every time it is asked (a rerun, a restart)?"""
    assert _ids(shuffled_options(KEY_LISTED_FIRST, "s")) == _ids(shuffled_options(KEY_LISTED_FIRST, "s"))


def test_the_order_does_not_follow_the_file():
    """Is the shown order the same whatever order the file lists the options in?"""
    reversed_file = KEY_LISTED_FIRST.model_copy(update={"options": KEY_LISTED_FIRST.options[::-1]})
    for seed in SEEDS[:5]:
        assert _ids(shuffled_options(reversed_file, seed)) == _ids(shuffled_options(KEY_LISTED_FIRST, seed))


def test_the_key_listed_first_is_not_shown_first_for_every_seed():
    """Over 40 fixed seeds, does each of the four options come first at least once, the key at
    most half the time?"""
    firsts = Counter(shuffled_options(KEY_LISTED_FIRST, seed).options[0].id for seed in SEEDS)
    assert set(firsts) == {"a", "b", "c", "d"}, firsts
    assert firsts["a"] <= len(SEEDS) / 2, firsts


def test_only_the_order_changes():
    """Are the shuffled options the same options, with the same credits and feedback?"""
    shown = shuffled_options(KEY_LISTED_FIRST, "s")
    assert sorted(shown.options, key=lambda o: o.id) == KEY_LISTED_FIRST.options
    assert shown.model_copy(update={"options": KEY_LISTED_FIRST.options}) == KEY_LISTED_FIRST


def test_a_decision_without_options_is_left_as_it_is():
    """Is a decision with nothing to shuffle (a number) returned unchanged?"""
    decision = Numeric.model_validate(NUMERIC_EXAMPLE)
    assert shuffled_options(decision, "s") is decision


def test_a_multiple_select_never_shows_all_its_correct_options_on_top():
    """Over many seeds, is no order drawn that puts exactly the correct options of a multiple
    select on top, although a plain draw does so about one time in three here?"""
    from grader.kinds.multiple import MultipleSelect

    decision = MultipleSelect.model_validate(
        {
            "id": "ticks",
            "kind": "multiple",
            "title": "Ticks",
            "prompt": "Which?",
            "points": 1,
            "principle": "The first two.",
            "options": [
                {"id": o, "label": o.upper(), "feedback": "Why.", "correct": o in "ab"} for o in "abc"
            ],
        }
    )
    tops = [set(_ids(shuffled_options(decision, seed))[:2]) for seed in SEEDS]
    assert {"a", "b"} not in tops
    assert len({frozenset(top) for top in tops}) == 2  # the other two pairs both still occur


def test_an_ordering_is_never_listed_in_an_order_that_earns_every_pair():
    """Over many learners, is an ordering never listed in its key's order, nor in one its
    either-order pair makes as good, while every other order still turns up?"""
    from grader.kinds.order import Order
    from tests.kinds.test_order import EXAMPLE

    ordering = Order.model_validate({**EXAMPLE, "either_order": [["y", "z"]]})
    listings = {tuple(_ids(shuffled_options(ordering, f"learner-{n}"))) for n in range(400)}
    assert ("x", "y", "z") not in listings
    assert ("x", "z", "y") not in listings
    assert len(listings) == 4
