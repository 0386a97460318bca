"""Does lab 01's debrief set the learner's map beside the keyed map in the lab's own numbers?"""

from __future__ import annotations

import re

import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from tests.labs import lab_parts

LAB = "01_sourcing_models"
VIEW = lab_parts(LAB)
PER_CONTACT = "Cost per resolved contact over the simulated quarter, every cost included"
EXPOSURE = "Compliance exposure in the quarter (expected cost)"
HOURS = "Paid agent hours a month by location, by the workload rule of the paid-hours exercise"
MONTHLY = (
    "Agent cost a month at each location's rate by that rule, Spanish hours included (the quarter "
    "staffs live queues to their answer target, so it pays for more hours)"
)


@pytest.fixture(params=[s.id for s in scenarios_for(LAB)])
def scenario_lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def figures(lab) -> dict[str, tuple[str, str]]:
    return {f.measure: (f.yours, f.expert) for f in VIEW.LAB.debrief(lab)}


def dollars(text: str) -> float:
    return float(text.replace("$", "").replace(",", ""))


def test_an_unfinished_map_says_how_much_is_placed(scenario_lab):
    """With three queues placed, does every figure of the learner's column say the map is not complete?"""
    key = perfect_answer(scenario_lab.decision("queue_mapping"))
    scenario_lab.record("queue_mapping", dict(list(key.items())[:3]))
    shown = figures(scenario_lab)
    assert shown and all(yours == "map not complete: 3 of 10 queues placed" for yours, _ in shown.values())
    assert all(expert.startswith("$") or "%" in expert or ";" in expert for _, expert in shown.values())


def test_a_map_breaking_the_contracts_costs_more_and_shows_its_exposure(scenario_lab):
    """Does an all-nearshore map cost more per resolved contact than the key, with exposure it lacks?"""
    queues = scenario_lab.table("queues")["id"]
    scenario_lab.record("queue_mapping", dict.fromkeys(queues, "nearshore"))
    shown = figures(scenario_lab)
    yours, expert = shown[PER_CONTACT]
    assert dollars(yours) > dollars(expert)
    assert dollars(shown[EXPOSURE][0]) > 0 and shown[EXPOSURE][1] == "$0"
    assert re.search(r"Nearshore \(Mexico\) [\d,]+", shown[HOURS][0])
    assert "In-house 0;" in shown[HOURS][0] and "In-house 0;" not in shown[HOURS][1]


def test_the_expert_column_is_the_keyed_quarter(scenario_lab):
    """Is the expert's cost per resolved contact the one the consequence view shows for the keyed map?"""
    key = perfect_answer(scenario_lab.decision("queue_mapping"))
    keyed = VIEW.quarter(scenario_lab, key).summary.cost_per_resolved_contact
    assert figures(scenario_lab)[PER_CONTACT][1] == f"${keyed:,.2f}"


def test_the_expert_column_of_a_scenario_with_other_rates_is_worked_out_anew(scenario_lab, monkeypatch):
    """After the keyed map is priced once, does a scenario whose rates differ get its own expert
    cost per resolved contact, the one its quarter gives, not the first one's?"""
    before = figures(scenario_lab)[PER_CONTACT][1]
    as_written = scenario_lab.table

    def rates_doubled(table_id):
        table = as_written(table_id)
        if table_id == "locations":
            table["loaded_cost_per_hour"] = table["loaded_cost_per_hour"] * 2
        return table

    monkeypatch.setattr(scenario_lab, "table", rates_doubled)
    key = perfect_answer(scenario_lab.decision("queue_mapping"))
    keyed = VIEW.quarter(scenario_lab, key).summary.cost_per_resolved_contact
    after = figures(scenario_lab)[PER_CONTACT][1]
    assert after != before
    assert after == f"${keyed:,.2f}"


def test_the_expert_path_quotes_the_quarter_it_describes(scenario_lab):
    """Do the quarter figures the expert path quotes (key, all in-house, all nearshore) read to the
    cent as the view prints them beside it?"""
    text = " ".join(scenario_lab.scenario.debrief.expert_path.split())
    queues = scenario_lab.table("queues")["id"]
    maps = {
        r"about ([\d.]+) USD per resolved contact": perfect_answer(scenario_lab.decision("queue_mapping")),
        r"([\d.]+) all in-house": {},
        r"([\d.]+) all nearshore": dict.fromkeys(queues, "nearshore"),
    }
    for pattern, mapping in maps.items():
        quoted = re.search(pattern, text)
        assert quoted, f"the expert path should quote the quarter of this map: {pattern}"
        modelled = VIEW.quarter(scenario_lab, VIEW.placed_queues(scenario_lab, mapping)).summary
        assert quoted.group(1) == f"{modelled.cost_per_resolved_contact:.2f}", pattern


def test_the_monthly_agent_cost_pays_the_extra_of_an_in_house_spanish_hour(practice):
    """Kept in Columbus, does the Spanish orders queue add its paid hours at the in-house rate plus
    the extra of a Spanish hour to the monthly agent cost, as the quarter prices them?"""
    lab = open_lab(LAB, practice, scenario="sourcing-homegoods")
    key = perfect_answer(lab.decision("queue_mapping"))
    lab.record("queue_mapping", {**key, "spanish_orders": "inhouse"})
    yours, expert = figures(lab)[MONTHLY]
    hours = VIEW.cost_table(lab, key).set_index("id").loc["spanish_orders", "paid_hours"]
    rate = lab.table("locations").set_index("id")
    spanish_hour = rate.loc["inhouse", "loaded_cost_per_hour"] + rate.loc["inhouse", "spanish_extra_per_hour"]
    extra = hours * (spanish_hour - rate.loc["nearshore", "loaded_cost_per_hour"])
    assert dollars(yours) - dollars(expert) == pytest.approx(extra, abs=2)


def test_the_expert_path_is_a_synthesis_of_120_to_250_words(scenario_lab):
    """Is the expert path long enough to walk the whole scenario and short enough to read as one
    synthesis (120 to 250 words)?"""
    assert 120 <= len(scenario_lab.scenario.debrief.expert_path.split()) <= 250


def test_cedarbrook_expert_path_quotes_the_map_the_opening_site_can_staff(practice):
    """Does Cedarbrook's expert path quote the map with benefits kept in Denver (cost per resolved
    contact and Mexico FTE) as its quarter gives them, and the full keyed map's Mexico FTE?"""
    lab = open_lab(LAB, practice, scenario="sourcing-healthbenefits")
    text = " ".join(lab.scenario.debrief.expert_path.split())
    keyed = perfect_answer(lab.decision("queue_mapping"))
    assert keyed["benefits_coverage"] == "nearshore"
    opening = VIEW.placed_queues(lab, {**keyed, "benefits_coverage": "inhouse"})
    full = VIEW.placed_queues(lab, keyed)

    def mexico_fte(placed: dict[str, str]) -> float:
        weekly = VIEW.quarter(lab, placed).weekly
        there = weekly[weekly["location"] == "nearshore"]
        return float(there["paid_hours"].sum()) / weekly["week"].nunique() / 40.0

    cost = VIEW.quarter(lab, opening).summary.cost_per_resolved_contact
    assert re.search(rf"costs {cost:.2f} per resolved contact", text), f"opening map costs {cost:.2f}"
    assert re.search(rf"needs about {mexico_fte(opening):.0f} agents \(FTE\)", text)
    assert re.search(rf"grown to about {mexico_fte(full):.0f} agents", text)
