"""Does the scoring engine stay within bounds, reward the key and report bad choices?

Each kind's own rule is tested in tests/kinds/test_<kind>.py.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from grader.engine import score, score_decision
from grader.engine.keys import perfect_answer, random_answer
from grader.engine.results import Verdict
from grader.schema import load_scenario
from tests.conftest import FIXTURES

SCENARIO = load_scenario(FIXTURES / "scenarios" / "all-kinds")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=5), children, max_size=5)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(choices=st.dictionaries(st.sampled_from([d.id for d in SCENARIO.decisions]), json_values))
def test_any_value_scores_within_bounds(choices):
    """Does any value at all score within [0, max] without raising?"""
    result = score(SCENARIO, choices)
    for decision in result.decisions:
        assert 0 <= decision.points <= decision.max_points
    assert 0 <= result.points <= result.max_points


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_well_formed_random_answers_within_bounds(seed):
    """Do well-formed random answers score within bounds and report no problems?"""
    rng = random.Random(seed)
    result = score(SCENARIO, {d.id: random_answer(d, rng) for d in SCENARIO.decisions})
    assert all(not d.problems for d in result.decisions)
    assert 0 <= result.points <= result.max_points


def test_perfect_answer_gets_max():
    """Does the key earn every point?"""
    result = score(SCENARIO, {d.id: perfect_answer(d) for d in SCENARIO.decisions})
    assert result.points == result.max_points == 14


def test_empty_answer_gets_zero():
    """Does an empty answer get 0 without error, each decision marked unanswered?"""
    result = score(SCENARIO, {})
    assert result.points == 0
    assert all(not d.answered for d in result.decisions)


def test_points_are_the_rules_share_of_the_decisions_points():
    """Are a decision's points its kind's share of credit times the points it is worth?"""
    assert score_decision(SCENARIO.decision("pick_one"), "b").points == 1.0  # half of 2
    assert score_decision(SCENARIO.decision("place"), {"q1": "far"}).points == 1.0  # a quarter of 4


def test_share_below_zero_earns_zero():
    """Do wrong ticks that outweigh the right ones earn 0 points, never fewer?"""
    assert score_decision(SCENARIO.decision("pick_many"), ["c", "d"]).points == 0


def test_problems_reach_the_result():
    """Is a part of the answer the rule could not use reported on the result, earning nothing?"""
    result = score_decision(SCENARIO.decision("pick_one"), "zzz")
    assert result.points == 0 and result.answered
    assert result.problems == ("'zzz' is not an option (options: a, b, c)",)


def test_scoring_is_deterministic():
    """Do the same choices always give the same result?"""
    choices = {"pick_one": "b", "place": {"q1": "near"}}
    assert score(SCENARIO, choices) == score(SCENARIO, choices)


def test_results_render_html_without_colour_alone():
    """Does the HTML carry words for each verdict, not colour alone?"""
    html = score(SCENARIO, {"pick_many": ["a", "c"]})._repr_html_()
    assert "(right)" in html and "(not right)" in html and "(missed)" in html
    assert all(f"{v.symbol}</span>" in html for v in (Verdict.RIGHT, Verdict.WRONG, Verdict.MISSED))


def test_results_speak_the_kinds_verdicts():
    """Are the engine's Verdict and Note the very types the kinds' rules write?"""
    from grader import kinds
    from grader.engine import Note
    from grader.engine.rules import Judgement

    assert (Verdict, Note, Judgement) == (kinds.Verdict, kinds.Note, kinds.Judgement)
