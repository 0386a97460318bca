"""Can a learner answer lab 02 by the stakes columns alone, without reading the pilot?

The stakes of a failed contact are ``churn_if_unresolved`` x ``revenue_of_lost_customer``.  If
the one program whose pilot overturns its ratings were also the only program with high stakes,
"keep the high-stakes work close" would find the overturn with no pilot read.  Each scenario
therefore has a second program with stakes of the same order whose pilot team held, keyed far
away.  These tests mark the decisions as a director would who reads the stakes and ratings and
never opens the pilot:

* the delivery plan: the high-stakes programs (stakes at least a third of the highest) kept
  close, the rest placed by the notebook's rating rule (a rating off the middle that says the
  work travels sends it offshore, one that says it needs closeness keeps it close, none of
  either sends it nearshore); and a generic tiering (high stakes, or low standardisation with
  vulnerable callers, close; high standardisation offshore; the rest nearshore);
* the deciding question, by ticking the high-stakes programs.
"""

from __future__ import annotations

import pandas as pd
import pytest

from grader.catalog import DEFAULT_SEED, scenario_folder, scenarios_for
from grader.kinds import KINDS
from grader.labs import realise

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
# A program is "high-stakes" to this reader if a failed contact risks at least this share of
# what one fails on the program with the highest stakes.
HIGH_STAKES_SHARE = 1 / 3
# About half: a stakes reader should not be able to pass a decision it never read the pilot for.
STAKES_CEILING = 0.55
# The generic tiering once earned 0.9 of the delivery points; it must land well below that.
TIERING_CEILING = 0.75
TRAVELS = {"standardisation": "high", "emotional_weight": "low", "change_pace": "low"}
NEEDS_CLOSENESS = {"standardisation": "low", "emotional_weight": "high", "change_pace": "high"}


def _scenario(scenario_id: str):
    template = next(s for s in scenarios_for(LAB) if s.id == scenario_id)
    return realise(template, DEFAULT_SEED).scenario


def _fraction(scenario_id: str, decision_id: str, answer: object) -> float:
    decision = next(d for d in _scenario(scenario_id).decisions if d.id == decision_id)
    return KINDS[decision.kind].judge(decision, answer).fraction


def _programs(scenario_id: str) -> pd.DataFrame:
    programs = pd.read_csv(scenario_folder(scenario_id) / "programs.csv").set_index("id")
    return programs.assign(stakes=programs["churn_if_unresolved"] * programs["revenue_of_lost_customer"])


def high_stakes(programs: pd.DataFrame) -> list[str]:
    """The programs whose stakes are of the same order as the highest."""
    return list(programs.index[programs["stakes"] >= HIGH_STAKES_SHARE * programs["stakes"].max()])


def by_ratings(program: pd.Series) -> str:
    """The notebook's rating rule: where the off-middle ratings say the work can go."""
    if any(program[column] == value for column, value in TRAVELS.items()):
        return "offshore"
    if any(program[column] == value for column, value in NEEDS_CLOSENESS.items()):
        return "inhouse"
    return "nearshore"


def generic_tier(program_id: str, program: pd.Series, top: list[str]) -> str:
    if program_id in top or (program["standardisation"] == "low" and program["emotional_weight"] == "high"):
        return "inhouse"
    return "offshore" if program["standardisation"] == "high" else "nearshore"


@pytest.fixture(params=SCENARIOS)
def stakes_reader(request) -> tuple[str, pd.DataFrame, list[str]]:
    """A scenario, its programs table and the programs a stakes reader would call high-stakes."""
    programs = _programs(request.param)
    return request.param, programs, high_stakes(programs)


def test_more_than_one_program_carries_high_stakes(stakes_reader):
    """Does a second program carry stakes of the same order as the highest, so stakes single none out?"""
    _, programs, top = stakes_reader
    assert len(top) >= 2, programs["stakes"].to_dict()


def test_keeping_high_stakes_work_close_earns_about_half_the_plan(stakes_reader):
    """Does "keep the high-stakes programs close, the rest by their ratings" earn at most about half?"""
    scenario_id, programs, top = stakes_reader
    plan = {p: "inhouse" if p in top else by_ratings(row) for p, row in programs.iterrows()}
    fraction = _fraction(scenario_id, "delivery_model", plan)
    assert fraction <= STAKES_CEILING + 1e-9, f"{plan} earns {fraction:.2f}"


def test_generic_tiering_falls_well_short(stakes_reader):
    """Does a tiering by stakes, routine and callers, with no pilot read, fall well short of full marks?"""
    scenario_id, programs, top = stakes_reader
    plan = {p: generic_tier(p, row, top) for p, row in programs.iterrows()}
    fraction = _fraction(scenario_id, "delivery_model", plan)
    assert fraction <= TIERING_CEILING + 1e-9, f"{plan} earns {fraction:.2f}"


def test_ticking_the_high_stakes_programs_earns_about_half_the_deciding_question(stakes_reader):
    """Does ticking the high-stakes programs as the pilot's overturns earn at most about half?"""
    scenario_id, _, top = stakes_reader
    fraction = _fraction(scenario_id, "deciding_question", top)
    assert fraction <= STAKES_CEILING + 1e-9, f"{top} earns {fraction:.2f}"


def test_the_stakes_reader_sees_what_this_lab_once_gave_away():
    """With only the top program called high-stakes, would the rule have scored well, as before?"""
    programs = pd.DataFrame(
        {"stakes": [1500.0, 96.0, 72.0]},
        index=["save_desk", "hardship", "billing"],
    )
    assert high_stakes(programs) == ["save_desk"]
