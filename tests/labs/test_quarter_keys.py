"""Does lab 01's quarter reward the keyed map over every cheaper shortcut, in every scenario?

The measure is the one the view shows and a learner judges by: the quarter's cost per
resolved contact with every cost in it (agent time, a poor fit's mistakes and escalations,
and the expected cost of compliance exposure). The quarter is the view's own: the lab's
``quarter`` on the scenario's own seed, the map cleaned by ``placed_queues``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.models.consequences import simulate
from grader.models.cost import REFERENCE_RANGES
from grader.notebook import open_lab
from tests.labs import lab_parts

LAB = "01_sourcing_models"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
VIEW = lab_parts(LAB)
#: How much dearer per resolved contact a one-location map must be than the key.
CLEAR_MARGIN = 0.10


@pytest.fixture(params=SCENARIOS)
def scenario_lab(request, practice: Path):
    return open_lab(LAB, practice, scenario=request.param)


def per_resolved(lab, mapping: dict[str, str]) -> float:
    """The quarter's cost per resolved contact, every cost included, as the view computes it."""
    return VIEW.quarter(lab, VIEW.placed_queues(lab, mapping)).summary.cost_per_resolved_contact


def keyed(lab) -> dict[str, str]:
    return perfect_answer(lab.decision("queue_mapping"))


def rates(lab) -> dict[str, float]:
    locations = lab.table("locations")
    return dict(zip(locations["id"], locations["loaded_cost_per_hour"].astype(float), strict=True))


def moves(lab, cheaper: bool) -> list[tuple[str, str]]:
    """Every (queue, location) that moves one keyed queue to a cheaper (or a dearer) location."""
    rate = rates(lab)
    return [
        (queue, where)
        for queue, home in keyed(lab).items()
        for where in rate
        if (rate[where] < rate[home] if cheaper else rate[where] > rate[home])
    ]


def test_every_scenario_of_the_lab_is_checked():
    """Are both shipped scenarios, and any added later, among the cases?"""
    assert {"sourcing-healthbenefits", "sourcing-homegoods"} <= set(SCENARIOS)


def test_the_test_measures_what_the_view_shows(scenario_lab):
    """Is the figure the test compares the one the learner sees for the keyed map?"""
    scenario_lab.record("queue_mapping", keyed(scenario_lab))
    view = scenario_lab.consequences("queue_mapping")
    figure = per_resolved(scenario_lab, keyed(scenario_lab))
    assert f"${figure:,.2f} against" in view.chart.summary
    assert view.data.summary.cost_per_resolved_contact == figure


def test_keyed_map_beats_moving_any_queue_somewhere_cheaper(scenario_lab):
    """Is the key at least as good as every map that sends one keyed queue to a cheaper location?"""
    key = keyed(scenario_lab)
    best = per_resolved(scenario_lab, key)
    cases = moves(scenario_lab, cheaper=True)
    assert len(cases) >= 10  # the scenarios key several queues closer than offshore
    cheaper_than_key = {
        f"{queue} -> {where}": round(figure, 2)
        for queue, where in cases
        if (figure := per_resolved(scenario_lab, {**key, queue: where})) < best
    }
    assert not cheaper_than_key, f"key at ${best:.2f}; these beat it: {cheaper_than_key}"


def test_keyed_map_beats_keeping_any_queue_closer(scenario_lab):
    """Is a queue kept somewhere dearer than its key dearer per resolved contact, as the fit note says?"""
    key = keyed(scenario_lab)
    best = per_resolved(scenario_lab, key)
    cheaper_than_key = {
        f"{queue} -> {where}": round(figure, 2)
        for queue, where in moves(scenario_lab, cheaper=False)
        if (figure := per_resolved(scenario_lab, {**key, queue: where})) < best
    }
    assert not cheaper_than_key, f"key at ${best:.2f}; these beat it: {cheaper_than_key}"


@pytest.mark.parametrize("everywhere", ["offshore", "nearshore"])
def test_keyed_map_clearly_beats_one_location_for_all(scenario_lab, everywhere):
    """Is the key at least 10 % cheaper per resolved contact than sending every queue to one location?"""
    key = keyed(scenario_lab)
    best = per_resolved(scenario_lab, key)
    one_place = per_resolved(scenario_lab, dict.fromkeys(scenario_lab.table("queues")["id"], everywhere))
    assert one_place >= best * (1 + CLEAR_MARGIN), f"all {everywhere} ${one_place:.2f} vs key ${best:.2f}"


def test_keyed_map_carries_no_compliance_exposure(scenario_lab):
    """Does the key respect every queue's contract or law, so its quarter has no exposure?"""
    result = VIEW.quarter(scenario_lab, keyed(scenario_lab))
    assert result.summary.exposure == 0


@pytest.mark.parametrize("bound", ["low", "high"])
def test_in_house_keys_hold_across_the_cited_us_billed_range(scenario_lab, bound):
    """At either end of the cited US billed range, is every in-house key still cheaper per resolved
    contact than the US provider, so that no key rests on which of two US rates is a little lower?"""
    us_rate = getattr(REFERENCE_RANGES["billed_rate_us"], bound)
    locations = scenario_lab.table("locations").astype({"loaded_cost_per_hour": float})
    locations.loc[locations["id"] == "onshore", "loaded_cost_per_hour"] = us_rate
    queues, key = scenario_lab.table("queues"), keyed(scenario_lab)

    def figure(mapping: dict[str, str]) -> float:
        return simulate(queues, locations, mapping, seed=0).summary.cost_per_resolved_contact

    best = figure(key)
    at_home = [queue for queue, where in key.items() if where == "inhouse"]
    assert at_home
    beaten = {queue: round(f, 2) for queue in at_home if (f := figure({**key, queue: "onshore"})) < best}
    assert not beaten, f"onshore at {us_rate} USD/h beats the key (${best:.2f}) for {beaten}"
