"""Does the head count each lab 01 brief states agree with the staff its own quarter pays for?

A director reads both: the brief's "about N agents" and the simulated quarter's labour cost
for the all-in-house operation of today. The quarter staffs phone and chat queues by Erlang C
over the open hours and email and back-office queues by workload; its paid hours a week,
divided by a full-time week, are the full-time equivalents (FTE) the centre pays for today.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from tests.labs import lab_parts

LAB = "01_sourcing_models"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
VIEW = lab_parts(LAB)
#: Paid hours of one full-time agent a week (2,080 a year, as lab 05 counts an FTE).
FULL_TIME_WEEK = 40.0
#: How far the stated head count may sit from the model's FTE: "about" covers rounding, not a gap.
TOLERANCE = 0.10
_HEAD_COUNT = re.compile(r"\babout\s+([\d,]+)\s+agents\b", re.IGNORECASE)


def stated_head_count(brief: str) -> int:
    """The one "about N agents" figure of a brief; a brief with none or several fails the test."""
    found = _HEAD_COUNT.findall(brief)
    assert len(found) == 1, f"the brief should state its head count once as 'about N agents', found {found}"
    return int(found[0].replace(",", ""))


def fte_paid_today(lab) -> float:
    """Full-time equivalents the quarter pays for all in-house: paid hours a week / a full-time week."""
    baseline = VIEW.quarter(lab, {}).baseline_weekly
    weeks = baseline["week"].nunique()
    return float(baseline["paid_hours"].sum()) / weeks / FULL_TIME_WEEK


def test_the_head_count_pattern_reads_a_brief():
    """Is the head count read from a brief's wording, thousands separators included?"""
    assert stated_head_count("Some 1,200 calls a day. About 1,250 agents in Denver serve them.") == 1250


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_stated_head_count_is_the_staff_the_quarter_pays_for_today(scenario_id, practice: Path):
    """Is the brief's head count within 10 % of the FTE the quarter pays for all in-house today?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    stated = stated_head_count(lab.scenario.brief)
    paid = fte_paid_today(lab)
    assert abs(stated - paid) <= TOLERANCE * paid, (
        f"{scenario_id}: the brief says about {stated} agents, the quarter pays for {paid:.0f} FTE"
    )


_SEATS = re.compile(r"\b([\d,]+)\s+seats\b", re.IGNORECASE)


def fte_paid_at(lab, location: str, only_keyed_there: bool = False) -> float:
    """Full-time equivalents the quarter pays for at ``location`` under the keyed map.

    With ``only_keyed_there``, only the queues whose one key is ``location`` count: a queue
    keyed there or elsewhere may wait for a later stage of the site.
    """
    decision = lab.decision("queue_mapping")
    keyed = perfect_answer(decision)
    weekly = VIEW.quarter(lab, VIEW.placed_queues(lab, keyed)).weekly
    there = weekly[weekly["location"] == location]
    if only_keyed_there:
        sure = {item.id for item in decision.items if list(item.key) == [location]}
        there = there[there["queue"].isin(sure)]
    return float(there["paid_hours"].sum()) / weekly["week"].nunique() / FULL_TIME_WEEK


def planned_seats(lab) -> list[int]:
    """Every "N seats" of the brief: in lab 01 only the Mexico plan counts seats (one seat, one FTE)."""
    return [int(n.replace(",", "")) for n in _SEATS.findall(lab.scenario.brief)]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_largest_mexico_site_the_brief_plans_holds_the_keyed_mexico_work(scenario_id, practice: Path):
    """Is the largest seat count the brief plans for Mexico within 10 % of the keyed map's FTE there?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    seats = planned_seats(lab)
    assert seats, f"{scenario_id}: the brief plans no seat count for Mexico"
    paid = fte_paid_at(lab, "nearshore")
    assert abs(max(seats) - paid) <= TOLERANCE * paid, (
        f"{scenario_id}: the brief plans up to {max(seats)} seats, "
        f"the keyed map pays for {paid:.0f} FTE in Mexico"
    )


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_first_mexico_site_the_brief_plans_holds_the_queues_keyed_only_there(scenario_id, practice: Path):
    """Does the smallest seat count planned for Mexico hold the queues keyed to Mexico alone (within 10 %)?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    seats = planned_seats(lab)
    assert seats, f"{scenario_id}: the brief plans no seat count for Mexico"
    paid = fte_paid_at(lab, "nearshore", only_keyed_there=True)
    assert min(seats) >= (1 - TOLERANCE) * paid, (
        f"{scenario_id}: the site opens with {min(seats)} seats, "
        f"the queues keyed to Mexico alone need {paid:.0f} FTE"
    )
