"""Does lab 05's what-if calculator agree with the plan model, and is the assumption it points to the key?"""

from __future__ import annotations

import itertools

import pytest

from grader.catalog import scenarios_for
from grader.notebook import open_lab
from tests.labs import lab_parts

staffing = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
# The key's swing must beat the runner-up's by this much at least, at the scenario's values and
# at either end of every other range, so that no defensible working finds another answer.
MARGIN = 1.15


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _keyed(lab) -> str:
    return next(o.id for o in lab.decision("biggest_lever").options if o.credit == 1)


def test_the_calculator_at_the_tables_values_is_the_plan_model(lab):
    """With no assumption moved, is the calculator's net position the plan model's, for any order?"""
    what_if = lab.chart("what_if")
    model = staffing.plan_model(lab)
    key = list(lab.decision("wave_order").key)
    for order in (key, list(reversed(key)), key[1:] + key[:1]):
        assert what_if.net(order) == pytest.approx(model.plan(order).net)


def test_a_moved_assumption_moves_the_net_position(lab):
    """Does moving an assumption to the other end of its range move the net position the expected way?"""
    what_if = lab.chart("what_if")
    key = list(lab.decision("wave_order").key)
    assert what_if.net(key, severance_weeks=12) < what_if.net(key) < what_if.net(key, severance_weeks=4)
    assert what_if.net(key, redeploy_share=0.25) > what_if.net(key, redeploy_share=0.1)


def test_the_calculator_refuses_what_it_cannot_compute(lab):
    """Are an unknown assumption, a fixed one, an unknown queue and a missing order refused in words?"""
    what_if = lab.chart("what_if")
    key = list(lab.decision("wave_order").key)
    for bad in ({"no_such_thing": 1.0}, {"horizon_months": 36.0}):
        with pytest.raises(ValueError, match="not an assumption with a range"):
            what_if.net(key, **bad)
    with pytest.raises(ValueError, match="queue id"):
        what_if.net(["nowhere", *key])
    with pytest.raises(ValueError, match="queue id"):
        what_if.net(None)
    with pytest.raises(ValueError, match="complete order"):
        what_if.net(key[:1])
    assert "wind_down_months" in what_if._repr_html_() and "$" not in what_if._repr_html_()


def test_the_keyed_assumption_moves_the_net_position_most(lab):
    """On the keyed wave order, does the keyed assumption's range move the net position most, clearly?"""
    what_if = lab.chart("what_if")
    name, ratio = staffing.largest_swing(what_if, list(lab.decision("wave_order").key))
    assert name == _keyed(lab) and ratio >= MARGIN, (name, ratio)


def test_the_keyed_assumption_stays_first_at_either_end_of_every_other_range(lab):
    """With any other course assumption at its low or high end, is the keyed one still the largest swing?"""
    what_if = lab.chart("what_if")
    table = lab.table("assumptions").set_index("id")
    key = list(lab.decision("wave_order").key)
    keyed = _keyed(lab)
    for other in what_if.assumptions:
        if other == keyed:
            continue
        for end in ("low", "high"):
            name, ratio = staffing.largest_swing(what_if, key, **{other: float(table.loc[other, end])})
            assert name == keyed and ratio >= MARGIN, (other, end, name, ratio)


def test_any_complete_order_points_to_the_same_assumption(lab):
    """Whatever complete order the learner works from, is the largest swing the keyed assumption's?"""
    what_if = lab.chart("what_if")
    keyed = _keyed(lab)
    for order in itertools.permutations(lab.decision("wave_order").key):
        name, ratio = staffing.largest_swing(what_if, list(order))
        assert name == keyed and ratio >= MARGIN, (order, name, ratio)


def test_every_option_is_a_ranged_assumption_whose_feedback_quotes_its_swing(lab):
    """Is each option an assumption with a range, its feedback quoting its swing on the key (to
    10,000) and saying that the figure is the best wave order's, since another order's differs?"""
    what_if = lab.chart("what_if")
    swings = staffing.swings(what_if, list(lab.decision("wave_order").key))
    for option in lab.decision("biggest_lever").options:
        assert option.id in what_if.assumptions, option.id
        feedback = " ".join(option.feedback.split())
        quoted = f"about {round(abs(swings[option.id]), -4):,.0f} USD"
        assert quoted in feedback, (option.id, quoted)
        assert "the best wave order" in feedback[: feedback.index(quoted) + len(quoted) + 30], option.id


def test_the_swings_differ_by_order_so_the_feedback_names_its_order(lab):
    """Does some option's swing differ by more than the feedback's rounding between the best order
    and the calculator's reference plan, so that naming the order is needed?"""
    what_if = lab.chart("what_if")
    best = staffing.swings(what_if, list(lab.decision("wave_order").key))
    reference = staffing.swings(what_if, list(what_if.queue_ids))
    assert any(abs(best[name] - reference[name]) > 10_000 for name in best)


def test_the_prompt_says_what_the_calculator_prices_in_an_assessment(lab):
    """Does the lever prompt say that in an assessment the calculator prices one fixed reference
    plan, as the calculator does, rather than sending the learner to it with their own order?"""
    prompt = " ".join(lab.decision("biggest_lever").prompt.split())
    assert "on your wave order" not in prompt
    assert f"one fixed reference plan, {staffing.REFERENCE_PLAN}, whatever order you give it" in prompt
