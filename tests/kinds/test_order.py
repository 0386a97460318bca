"""Does an ordering earn the share of pairs in the right order, or by the money it loses when
priced, and show one menu per place?"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grader.display.formats import usd
from grader.kinds.base import Verdict
from grader.kinds.order import KIND, Order

EXAMPLE = {
    "id": "rank",
    "kind": "order",
    "title": "Rank",
    "prompt": "In what order?",
    "points": 3,
    "principle": "Discovery comes first.",
    "options": [
        {"id": "x", "label": "X", "feedback": "First."},
        {"id": "y", "label": "Y", "feedback": "Second."},
        {"id": "z", "label": "Z", "feedback": "Third."},
    ],
    "key": ["x", "y", "z"],
}
DECISION = Order.model_validate(EXAMPLE)


def test_pairs():
    """Does ordering earn the share of pairs in the right order?"""
    assert KIND.judge(DECISION, ["x", "y", "z"]).fraction == 1
    assert KIND.judge(DECISION, ["z", "y", "x"]).fraction == 0
    assert KIND.judge(DECISION, ["y", "x", "z"]).fraction == pytest.approx(2 / 3)


def test_notes_say_where_each_option_belongs():
    """Does each note say where the learner put the option and where it belongs?"""
    notes = KIND.judge(DECISION, ["y", "x"]).notes
    assert [(n.verdict, n.text) for n in notes] == [
        (Verdict.WRONG, "you put it at 2, it belongs at 1. First."),
        (Verdict.WRONG, "you put it at 1, it belongs at 2. Second."),
        (Verdict.MISSED, "not placed. Third."),
    ]


def test_repeated_and_unknown_options_are_reported():
    """Is an option placed twice kept at its first place, and an unknown one left out?"""
    judgement = KIND.judge(DECISION, ["x", "x", "w", "y", "z"])
    assert judgement.problems == [
        "'x' appears twice; only its first place counts",
        "'w' is not an option; it is left out",
    ]
    assert judgement.fraction == 1


def test_text_instead_of_list_is_reported():
    """Is a single id given as text reported as the wrong shape?"""
    assert KIND.judge(DECISION, "x").problems == ["expected a list of option ids in order, got 'x'"]


def test_key_lists_every_option_once():
    """Is a key that misses an option and names another rejected, naming both?"""
    with pytest.raises(
        ValidationError, match=r"key: must list every option once \(missing z; not an option: w\)"
    ):
        Order.model_validate({**EXAMPLE, "key": ["x", "y", "w"]})
    with pytest.raises(ValidationError, match="an option is listed twice"):
        Order.model_validate({**EXAMPLE, "key": ["x", "y", "y", "z"]})


def test_menus_show_saved_order_and_read_filled_places():
    """Does each place's menu start on the saved option, and does the value list filled places only?"""
    changes = []
    menus, read = KIND.control(DECISION, ["y", "gone"], changes.append)
    assert [m.description for m in menus.children] == ["Place 1:", "Place 2:", "Place 3:"]
    assert read() == ["y"]
    menus.children[2].value = "x"
    assert read() == ["y", "x"] and len(changes) == 1


def test_practice_notes_count_pairs_and_name_no_place():
    """Does practice feedback count the pairs in order, without saying where an option belongs?"""
    notes = KIND.practice_notes(DECISION, ["y", "x", "z"])
    assert [n.text for n in notes] == ["2 of 3 pairs of options are in the right order."]
    assert KIND.practice_notes(DECISION, ["z"])[0].text == (
        "0 of 3 pairs of options are in the right order. 2 options are not placed yet."
    )
    assert all(word not in notes[0].text for word in ("First.", "belongs", "place 1"))


EITHER = Order.model_validate({**EXAMPLE, "either_order": [["y", "z"]]})


def test_an_either_order_pair_earns_its_credit_both_ways():
    """Does a pair listed as either order earn full credit swapped, while the other pairs still count?"""
    assert KIND.judge(EITHER, ["x", "y", "z"]).fraction == 1
    assert KIND.judge(EITHER, ["x", "z", "y"]).fraction == 1
    assert KIND.judge(DECISION, ["x", "z", "y"]).fraction == pytest.approx(2 / 3)
    assert KIND.judge(EITHER, ["y", "z", "x"]).fraction == pytest.approx(1 / 3)


def test_an_either_order_pair_counts_only_once_both_are_placed():
    """Does a pair of the either-order list earn nothing while one of its options is unplaced?"""
    assert KIND.judge(EITHER, ["x", "z"]).fraction == pytest.approx(1 / 3)


def test_notes_give_both_places_of_an_either_order_pair():
    """Is an option of an either-order pair right at its partner's place, and told both places when wrong?"""
    notes = KIND.judge(EITHER, ["x", "z", "y"]).notes
    assert [(n.verdict, n.text) for n in notes] == [
        (Verdict.RIGHT, "place 1. First."),
        (Verdict.RIGHT, "place 2 or 3 (either order is sound). Second."),
        (Verdict.RIGHT, "place 2 or 3 (either order is sound). Third."),
    ]
    wrong = KIND.judge(EITHER, ["y", "x", "z"]).notes[1]
    assert (wrong.verdict, wrong.text) == (
        Verdict.WRONG,
        "you put it at 1, it belongs at 2 or 3 (either order is sound). Second.",
    )


def test_practice_counts_an_either_order_pair_as_right_both_ways():
    """Does practice feedback count a swapped either-order pair among the pairs in order?"""
    assert KIND.practice_notes(EITHER, ["x", "z", "y"])[0].text == (
        "3 of 3 pairs of options are in the right order."
    )


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([["x", "w"]], r"either_order\.0: not an option: w"),
        ([["x", "x"]], r"either_order\.0: a pair needs two different options, got 'x' twice"),
        (
            [["x", "z"]],
            r"either_order\.0: 'x' and 'z' must be next to each other in the key "
            r"\(they are at places 1 and 3\)",
        ),
        ([["x", "y"], ["y", "x"]], r"either_order\.1: the pair 'y', 'x' is listed twice"),
        ([["x", "y", "z"]], r"either_order\.0"),
    ],
)
def test_either_order_pairs_are_checked(pairs, message):
    """Is an either-order pair rejected, at its index, when an id is unknown, repeated, not a
    neighbour in the key, listed twice, or not a pair?"""
    with pytest.raises(ValidationError, match=message):
        Order.model_validate({**EXAMPLE, "either_order": pairs})


def test_without_either_order_nothing_changes():
    """Is a decision without the field scored as before, each option right at its own place only?"""
    assert DECISION.either_order == []
    assert DECISION.places("y") == [2] and EITHER.places("y") == [2, 3] and EITHER.places("x") == [1]


# --------------------------------------------------------------------------- scored by money lost

BY_REGRET = Order.model_validate({**EXAMPLE, "scoring": {"rule": "regret", "zero_at": 0.5}})
# What each order nets: the key 1,000 USD; a swap at the end loses 100, at the start 400.
NETS = {
    ("x", "y", "z"): 1000.0,
    ("x", "z", "y"): 900.0,
    ("y", "x", "z"): 600.0,
    ("y", "z", "x"): 500.0,
    ("z", "x", "y"): 450.0,
    ("z", "y", "x"): 100.0,
}
PRICED = BY_REGRET.priced(NETS, usd)


def test_a_priced_order_earns_by_the_money_it_loses():
    """Does credit fall in a straight line from full at no loss to none at zero_at of the best net?"""
    assert KIND.judge(PRICED, ["x", "y", "z"]).fraction == 1
    assert KIND.judge(PRICED, ["x", "z", "y"]).fraction == pytest.approx(0.8)
    assert KIND.judge(PRICED, ["y", "x", "z"]).fraction == pytest.approx(0.2)
    assert KIND.judge(PRICED, ["z", "x", "y"]).fraction == 0
    assert KIND.judge(PRICED, ["z", "y", "x"]).fraction == 0


def test_one_costly_swap_earns_less_than_a_cheap_one_with_the_same_pairs():
    """Do two orders one swap from the key earn by what each swap costs, not alike as by pairs?"""
    cheap, costly = ["x", "z", "y"], ["y", "x", "z"]
    assert DECISION.pairs_right(cheap) == DECISION.pairs_right(costly)
    assert KIND.judge(PRICED, cheap).fraction > KIND.judge(PRICED, costly).fraction


def test_an_incomplete_order_cannot_be_priced_and_earns_nothing():
    """Does an order that leaves an option out earn nothing, and say why?"""
    judgement = KIND.judge(PRICED, ["x", "y"])
    assert judgement.fraction == 0
    assert "only a complete one can be priced: 1 option is not placed" in judgement.notes[0].text


def test_notes_say_the_money_lost_and_practice_keeps_the_best_net_back():
    """Does the expert note give the loss and the best net in dollars, and practice the loss only?"""
    expert = KIND.judge(PRICED, ["x", "z", "y"]).notes[0].text
    assert "loses $100 against the best order" in expert and "nets $1,000" in expert
    practice = KIND.practice_notes(PRICED, ["x", "z", "y"])[0].text
    assert "loses $100 against the best order" in practice
    assert "$1,000" not in practice and "pair" not in practice


def test_a_copy_nobody_priced_is_scored_by_pairs():
    """Without the lab's prices (a withheld copy), is the order scored by pairs as before?"""
    assert not BY_REGRET.by_regret and PRICED.by_regret
    assert KIND.judge(BY_REGRET, ["y", "x", "z"]).fraction == pytest.approx(2 / 3)


def test_withholding_drops_the_prices():
    """Does the withheld copy keep the rule but lose every order's net?"""
    copy = KIND.withhold(PRICED)
    assert copy.scoring == PRICED.scoring and not copy.by_regret and copy.loss(["x", "y", "z"]) is None


def test_prices_must_be_of_complete_orders():
    """Are prices of an order that is not a complete ordering of the options refused?"""
    with pytest.raises(ValueError, match="complete orders"):
        BY_REGRET.priced({("x", "y"): 1.0}, usd)
    with pytest.raises(ValidationError, match="zero_at"):
        Order.model_validate({**EXAMPLE, "scoring": {"rule": "regret", "zero_at": 0}})


GATE = {"id": "risky_opening", "cap": 0.4, "note": "Its first option is a risky one to open with."}
GATED = Order.model_validate(
    {**EXAMPLE, "scoring": {"rule": "regret", "zero_at": 0.5, "gates": [GATE]}}
).priced(
    {order: net for order, net in NETS.items() if order != ("z", "y", "x")},
    usd,
    unpriced={("z", "y", "x"): "z would start after the horizon."},
    gated={("x", "z", "y"): ("risky_opening",), ("z", "x", "y"): ("risky_opening",)},
)


def test_an_order_the_lab_leaves_unpriced_earns_nothing_and_says_why():
    """Does a complete order the lab leaves unpriced earn nothing, with the lab's reason in the note?"""
    judgement = KIND.judge(GATED, ["z", "y", "x"])
    assert judgement.fraction == 0 and GATED.loss(["z", "y", "x"]) is None
    assert (
        "cannot be priced, so it earns nothing: z would start after the horizon." in judgement.notes[0].text
    )
    assert "z would start after the horizon." in KIND.practice_notes(GATED, ["z", "y", "x"])[0].text


def test_a_gate_caps_an_order_that_loses_little_and_says_so():
    """Does a gated order earn at most the gate's cap, with its sentence in the note, while a
    gated order already below the cap keeps its own credit?"""
    capped = KIND.judge(GATED, ["x", "z", "y"])
    assert capped.fraction == pytest.approx(0.4)  # 80 % by money alone
    assert "80% by the money alone" in capped.notes[0].text
    assert (
        "Its first option is a risky one to open with. Such an order earns at most 40%."
        in capped.notes[0].text
    )
    assert KIND.judge(GATED, ["z", "x", "y"]).fraction == 0
    assert KIND.judge(GATED, ["x", "y", "z"]).fraction == 1


def test_withholding_drops_the_unpriced_orders_and_the_gates_broken():
    """Does the withheld copy forget which orders are unpriced or gated, which would point at the key?"""
    copy = KIND.withhold(GATED)
    assert copy.unpriced_because(["z", "y", "x"]) is None and copy.gates_broken(["x", "z", "y"]) == []
    # A gate's sentence names the judgement it caps, which another decision may ask for.
    assert copy.scoring is not None and copy.scoring.gates == []
    assert copy.scoring.zero_at == GATED.scoring.zero_at
    assert "risky" not in str(copy.model_dump())


ON_PAR = BY_REGRET.priced(NETS, usd, par={("y", "x", "z"): NETS[("y", "x", "z")]})


def test_an_order_on_par_is_judged_against_the_best_order_that_starts_the_same_way():
    """Does an order the lab judges on par lose only what it loses against its par, and say so,
    while the other orders are still judged against the best order?"""
    on_par = KIND.judge(ON_PAR, ["y", "x", "z"])
    assert on_par.fraction == 1 and ON_PAR.loss(["y", "x", "z"])[0] == 0
    assert "against the best order that starts the same way" in on_par.notes[0].text
    assert not ON_PAR.judged_on_par(["x", "y", "z"])
    priced = BY_REGRET.priced(NETS, usd)
    assert KIND.judge(ON_PAR, ["x", "z", "y"]).fraction == KIND.judge(priced, ["x", "z", "y"]).fraction == 0.8
    assert not KIND.withhold(ON_PAR).judged_on_par(["y", "x", "z"])


def test_a_par_above_the_best_net_or_of_an_unpriced_order_is_refused():
    """Is a par that beats the best order, or that an unpriced order is given, refused?"""
    with pytest.raises(ValueError, match="par"):
        BY_REGRET.priced(NETS, usd, par={("y", "x", "z"): max(NETS.values()) + 1})
    priced = {order: net for order, net in NETS.items() if order != ("z", "y", "x")}
    with pytest.raises(ValueError, match="par"):
        BY_REGRET.priced(priced, usd, par={("z", "y", "x"): 0.0})


def test_a_gate_the_scoring_does_not_name_or_an_order_both_priced_and_not_is_refused():
    """Are prices that name an unknown gate, or price an order they also leave unpriced, refused?"""
    with pytest.raises(ValueError, match="not a gate"):
        BY_REGRET.priced(NETS, usd, gated={("x", "y", "z"): ("risky_opening",)})
    with pytest.raises(ValueError, match="both priced and unpriced"):
        BY_REGRET.priced(NETS, usd, unpriced={("x", "y", "z"): "late."})
    with pytest.raises(ValidationError, match="cap"):
        Order.model_validate(
            {**EXAMPLE, "scoring": {"rule": "regret", "zero_at": 0.5, "gates": [{**GATE, "cap": 1}]}}
        )


# z reads y's results: an order that puts z ahead of y earns at most half, however many pairs it has right.
CAPPED = Order.model_validate({**EXAMPLE, "caps": [{"before": ["z", "y"], "at_most": 0.5}]})


def test_a_cap_holds_an_order_that_breaks_its_dependency_below_its_pairs():
    """Does an order that puts an option ahead of the one it depends on earn no more than the cap,
    though two of its three pairs are right, while orders that keep the dependency earn by pairs?"""
    assert CAPPED.pairs_right(["x", "z", "y"]) == (2, 3)
    assert KIND.judge(CAPPED, ["x", "z", "y"]).fraction == 0.5
    assert KIND.judge(CAPPED, ["z", "x", "y"]).fraction == pytest.approx(1 / 3)
    assert KIND.judge(CAPPED, ["y", "x", "z"]).fraction == pytest.approx(2 / 3)
    assert KIND.judge(CAPPED, ["x", "y", "z"]).fraction == 1


def test_a_cap_counts_only_once_both_options_are_placed():
    """Is an order that has placed only one option of a cap held to its pairs alone?"""
    assert CAPPED.caps_broken(["z", "x"]) == []
    assert KIND.judge(CAPPED, ["z", "x"]).fraction == 0


def test_graded_notes_name_the_broken_dependency_and_practice_does_not():
    """Does the graded feedback say which option went ahead of which and the cap, while practice says
    only that a dependency is broken and the cap, naming no option?"""
    graded = [n.text for n in KIND.judge(CAPPED, ["x", "z", "y"]).notes]
    assert "Z comes before Y, which it depends on: such an order earns at most 50%." in graded[0]
    practice = KIND.practice_notes(CAPPED, ["x", "z", "y"])
    assert practice[0].text == (
        "2 of 3 pairs of options are in the right order. Your order puts an option ahead of one "
        "it depends on, so it earns at most 50%."
    )
    assert practice[0].verdict == KIND.judge(CAPPED, ["x", "z", "y"]).notes[0].verdict
    assert (
        KIND.practice_notes(CAPPED, ["x", "y", "z"])[0].text
        == "3 of 3 pairs of options are in the right order."
    )


@pytest.mark.parametrize(
    ("cap", "message"),
    [
        ({"before": ["z", "w"], "at_most": 0.5}, r"caps\.0: not an option: w"),
        ({"before": ["z", "z"], "at_most": 0.5}, r"caps\.0: a cap needs two different options"),
        ({"before": ["y", "z"], "at_most": 0.5}, r"caps\.0: the key itself puts 'y' ahead of 'z'"),
        ({"before": ["z", "y"], "at_most": 1}, r"at_most"),
    ],
)
def test_caps_are_checked(cap, message):
    """Is a cap refused when it names an unknown option or one twice, when the key itself breaks it,
    or when it caps at full credit?"""
    with pytest.raises(ValidationError, match=message):
        Order.model_validate({**EXAMPLE, "caps": [cap]})


def test_a_cap_on_an_either_order_pair_or_listed_twice_or_with_regret_is_refused():
    """Is a cap on a pair sound either way round, a cap listed twice, or a cap beside regret scoring
    refused?"""
    with pytest.raises(ValidationError, match="either order"):
        Order.model_validate(
            {**EXAMPLE, "either_order": [["y", "z"]], "caps": [{"before": ["z", "y"], "at_most": 0.5}]}
        )
    twice = [{"before": ["z", "y"], "at_most": 0.5}, {"before": ["z", "y"], "at_most": 0.3}]
    with pytest.raises(ValidationError, match="listed twice"):
        Order.model_validate({**EXAMPLE, "caps": twice})
    with pytest.raises(ValidationError, match="gates"):
        Order.model_validate(
            {
                **EXAMPLE,
                "caps": [{"before": ["z", "y"], "at_most": 0.5}],
                "scoring": {"rule": "regret", "zero_at": 0.5},
            }
        )


def test_withholding_drops_the_caps():
    """Does the learner's copy drop the caps, which say which option must come before which?"""
    copy = KIND.withhold(CAPPED)
    assert copy.caps == [] and "at_most" not in str(copy.model_dump(exclude_defaults=True))
    assert KIND.judge(copy, ["x", "z", "y"]).fraction == pytest.approx(2 / 3)
