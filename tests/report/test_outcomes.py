"""Are the class's simulated outcomes each lab's own debrief figures, set against the expert path?"""

from __future__ import annotations

import pytest

from grader.report import read_cohort
from grader.report.outcomes import outcome_figures, parse_amount

LAB = "01_sourcing_models"


@pytest.fixture(scope="module")
def outcomes(eight_learner_course):
    return outcome_figures(read_cohort(eight_learner_course))


def test_the_expert_path_has_no_gap_to_itself(outcomes):
    """Does a learner who answered every decision with the key sit at a gap of zero on every measure?"""
    strong = outcomes[(outcomes["lab"] == LAB) & outcomes["learner"].isin(["learner-01", "learner-02"])]
    priced = strong[strong["gap"].notna()]
    assert len(priced) >= 4  # cost per contact, total cost, resolution, exposure, agent cost
    assert (priced["gap"].abs() < 1e-9).all()
    assert (strong["yours"] == strong["expert"]).all()


def test_a_weak_map_costs_more_than_the_expert_path(outcomes):
    """Does a map placed at random cost more per resolved contact than the keyed map?"""
    per_contact = outcomes[(outcomes["lab"] == LAB) & outcomes["measure"].str.startswith("Cost per resolved")]
    weak = per_contact[per_contact["learner"].isin(["learner-03", "learner-04", "learner-05"])]
    assert len(weak) == 3
    assert (weak["gap"] > 0).all()
    assert (weak["unit"] == "usd").all()


def test_an_unfinished_map_is_not_priced(outcomes):
    """Does a learner with no map get the lab's own 'not complete' text and no number?"""
    empty = outcomes[(outcomes["lab"] == LAB) & (outcomes["learner"] == "learner-06")]
    assert not empty.empty
    assert empty["gap"].isna().all()
    assert empty["yours"].str.contains("not complete").all()


def test_only_a_single_amount_becomes_a_number():
    """Are money, shares and counts read as numbers, and figures in words left as text?"""
    assert parse_amount("$3,690,396").value == 3690396
    assert parse_amount("66%").value == pytest.approx(0.66)
    assert parse_amount("$8,400 a month").per == "a month"
    assert parse_amount("In-house 3,938; Nearshore (Mexico) 12,443") is None
    assert parse_amount("5 of 5 that matter; 0 that do not") is None
