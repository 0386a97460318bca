"""Can lab 05's wave order be read off how the queues are listed, instead of worked out?

The wave order is scored by the money it loses against the best order (``scoring: regret``):
a random order earns well under half the points.  An order a learner can take without
thinking, the queues as the files list them (or that list backwards), or sorted by how long
their names are, must earn at most half.

A sort by one of the queue table's numeric columns is held to a looser bound, at most
``COLUMN_CREDIT`` of the points.  Row order cannot change such a sort (only its ties), and
some columns follow the key by design, since they are what the decision is about: a queue
ready sooner, stable longer, cheaper and quicker to move goes early unless a larger saving is
worth waiting for.  An order that loses almost nothing would be a giveaway.
"""

from __future__ import annotations

import pandas as pd
import pytest

from grader.catalog import scenarios_for
from grader.engine import score_decision
from grader.notebook import open_lab

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
COLUMN_CREDIT = 0.9


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _credit(lab, order: list[str]) -> float:
    """The share of the wave order's points that ``order`` earns, priced by the lab's model."""
    decision = lab.decision("wave_order")
    assert decision.by_regret, "the practice session prices every order"
    return score_decision(decision, order).fraction


def _both_ways(order: list[str]) -> dict[str, list[str]]:
    return {"as listed": order, "backwards": order[::-1]}


def _listed_orders(lab) -> dict[str, list[str]]:
    """Each place that lists the queues, in its order and backwards."""
    queues = lab.table("queues")
    intervals = lab.table("intervals")
    ids = set(queues["id"])
    places = {
        "queues.csv rows": list(queues["id"]),
        "intervals.csv columns": [c for c in intervals.columns if c in ids],
        "wave_order options": [o.id for o in lab.decision("wave_order").options],
    }
    return {f"{place}, {way}": o for place, order in places.items() for way, o in _both_ways(order).items()}


def _sorted_by(frame: pd.DataFrame, values: pd.Series) -> dict[str, list[str]]:
    """``frame``'s ids sorted by ``values`` both ways; a tie keeps the file's order, as a spreadsheet does."""
    keyed = frame.assign(_by=values.to_numpy())
    return {
        way: list(keyed.sort_values("_by", ascending=ascending, kind="stable")["id"])
        for way, ascending in (("ascending", True), ("descending", False))
    }


def test_the_queues_as_listed_earn_at_most_half_the_points(lab):
    """Does taking the queues in the order any file or the option list gives, or backwards,
    earn at most half the points?"""
    for name, order in _listed_orders(lab).items():
        credit = _credit(lab, order)
        assert credit <= 0.5, f"{lab.scenario.id}: {name} earns {credit:.0%}: {order}"


def test_sorting_by_name_length_earns_at_most_half_the_points(lab):
    """Does sorting the queues by the length of their names, in the table or in the option
    list, either way, earn at most half the points?"""
    queues = lab.table("queues")
    options = {o.id: o.label for o in lab.decision("wave_order").options}
    lengths = {
        "queue name": queues["queue"].str.len(),
        "option label": queues["id"].map(lambda q: len(options[q])),
    }
    for name, values in lengths.items():
        for way, order in _sorted_by(queues, values).items():
            credit = _credit(lab, order)
            assert credit <= 0.5, f"{lab.scenario.id}: {name} length {way}: {credit:.0%}"


def test_no_numeric_column_sorted_either_way_comes_close_to_the_best_order(lab):
    """Does sorting the queue table by any one numeric column, either way, earn at most
    COLUMN_CREDIT of the points?"""
    queues = lab.table("queues")
    numeric = [c for c in queues.columns if pd.api.types.is_numeric_dtype(queues[c])]
    assert len(numeric) >= 5, numeric  # the columns were read as numbers
    for column in numeric:
        for way, order in _sorted_by(queues, queues[column]).items():
            credit = _credit(lab, order)
            assert credit <= COLUMN_CREDIT, f"{lab.scenario.id}: {column} {way}: {credit:.0%}: {order}"


def test_both_scenarios_are_checked():
    """Are both staffing scenarios read, so that a broken file cannot pass these checks by being left out?"""
    assert set(SCENARIOS) == {"staffing-broadband", "staffing-mealkit"}
