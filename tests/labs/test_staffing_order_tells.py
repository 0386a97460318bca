"""Can lab 05's wave order be read off how the queues are listed, instead of worked out?

The wave order is scored by pairs (``Order.pairs_right``): a random order earns about half of
them.  An order a learner can take without thinking, the queues as the files list them (or
that list backwards), or sorted by how long their names are, must earn no more than that.

A sort by one of the queue table's numeric columns is held to a looser bound, at most
``COLUMN_PAIRS`` of the ten pairs.  Row order cannot change such a sort (only its ties), and
some columns follow the key by design, since they are what the decision is about: a queue
ready sooner, stable longer, cheaper and quicker to move goes early unless a larger saving is
worth waiting for.  Within one swap of the key (nine pairs) would be a giveaway.
"""

from __future__ import annotations

import pandas as pd
import pytest

from grader.catalog import scenarios_for
from grader.notebook import open_lab

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
COLUMN_PAIRS = 8


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _score(lab, order: list[str]) -> tuple[int, int]:
    return lab.decision("wave_order").pairs_right(order)


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


def test_the_queues_as_listed_earn_at_most_half_the_pairs(lab):
    """Does taking the queues in the order any file or the option list gives, or backwards,
    earn at most half the pairs?"""
    for name, order in _listed_orders(lab).items():
        right, pairs = _score(lab, order)
        assert 2 * right <= pairs, f"{lab.scenario.id}: {name} earns {right}/{pairs} pairs: {order}"


def test_sorting_by_name_length_earns_at_most_half_the_pairs(lab):
    """Does sorting the queues by the length of their names, in the table or in the option
    list, either way, earn at most half the pairs?"""
    queues = lab.table("queues")
    options = {o.id: o.label for o in lab.decision("wave_order").options}
    lengths = {
        "queue name": queues["queue"].str.len(),
        "option label": queues["id"].map(lambda q: len(options[q])),
    }
    for name, values in lengths.items():
        for way, order in _sorted_by(queues, values).items():
            right, pairs = _score(lab, order)
            assert 2 * right <= pairs, f"{lab.scenario.id}: {name} length {way}: {right}/{pairs} pairs"


def test_no_numeric_column_sorted_either_way_is_within_one_swap_of_the_key(lab):
    """Does sorting the queue table by any one numeric column, either way, earn at most
    COLUMN_PAIRS pairs?"""
    queues = lab.table("queues")
    numeric = [c for c in queues.columns if pd.api.types.is_numeric_dtype(queues[c])]
    assert len(numeric) >= 5, numeric  # the columns were read as numbers
    for column in numeric:
        for way, order in _sorted_by(queues, queues[column]).items():
            right, _ = _score(lab, order)
            assert right <= COLUMN_PAIRS, f"{lab.scenario.id}: {column} {way}: {right} pairs: {order}"


def test_both_scenarios_are_checked():
    """Are both staffing scenarios read, so that a broken file cannot pass these checks by being left out?"""
    assert set(SCENARIOS) == {"staffing-broadband", "staffing-mealkit"}
