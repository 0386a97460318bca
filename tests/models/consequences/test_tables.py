"""Does the simulation refuse maps and tables it cannot run, naming what is wrong?"""

from __future__ import annotations

import pandas as pd
import pytest

from grader.models.consequences import allowed_locations, simulate
from tests.models.consequences.homegoods import LOCATIONS, QUEUES

# --------------------------------------------------------------------------- bad input


def test_unknown_queue_is_named():
    """Does a map naming a queue that does not exist raise ValueError naming it?"""
    with pytest.raises(ValueError, match="unknown queue 'billing'"):
        simulate(QUEUES, LOCATIONS, {"billing": "offshore"})


def test_unknown_location_is_named():
    """Does a map sending a queue to a location that does not exist raise ValueError naming it?"""
    with pytest.raises(ValueError, match="unknown location 'moon'"):
        simulate(QUEUES, LOCATIONS, {"returns": "moon"})


@pytest.mark.parametrize(
    ("queues", "locations", "message"),
    [
        (QUEUES.drop(columns="risk"), LOCATIONS, "queues is missing column(s) risk"),
        (pd.concat([QUEUES, QUEUES.head(1)]), LOCATIONS, "queues.id must be unique"),
        (QUEUES.assign(risk="extreme"), LOCATIONS, "queues.risk must be low, medium or high, got 'extreme'"),
        (QUEUES.assign(aht_minutes=0), LOCATIONS, "queues.aht_minutes must hold finite numbers > 0"),
        (QUEUES, LOCATIONS.assign(loaded_cost_per_hour=-1), "locations.loaded_cost_per_hour must hold"),
        (
            QUEUES,
            LOCATIONS[LOCATIONS["id"] != "inhouse"],
            "locations must include the home location 'inhouse'",
        ),
        (QUEUES.assign(spanish_share=1.5), LOCATIONS, "queues.spanish_share must hold shares from 0 to 1"),
        (
            QUEUES,
            LOCATIONS.assign(spanish_extra_per_hour=-6),
            "locations.spanish_extra_per_hour must hold finite numbers >= 0",
        ),
    ],
    ids=[
        "missing column",
        "duplicate id",
        "unknown rating",
        "zero AHT",
        "negative rate",
        "no home",
        "share above one",
        "negative Spanish extra",
    ],
)
def test_tables_it_cannot_run_are_named(queues, locations, message):
    """Does a table the simulation cannot run raise ValueError saying which table and column?"""
    with pytest.raises(ValueError) as error:
        simulate(queues, locations, {})
    assert str(error.value).startswith(message)


def test_a_rule_naming_an_unknown_location_is_named():
    """Does an allowed_locations cell naming a location that does not exist raise ValueError naming both?"""
    queues = QUEUES.assign(
        allowed_locations=QUEUES["allowed_locations"].where(QUEUES["id"] != "returns", "moon")
    )
    with pytest.raises(ValueError, match="allowed_locations of 'returns' names unknown location 'moon'"):
        simulate(queues, LOCATIONS, {})


@pytest.mark.parametrize("cell", ["any", "", None, "inhouse any"])
def test_any_or_a_blank_cell_means_no_rule(cell):
    """Is a queue whose cell is 'any', blank or missing free to go anywhere?"""
    queues = QUEUES.assign(allowed_locations=cell)
    assert allowed_locations(queues) == [None] * len(QUEUES)
    assert simulate(queues, LOCATIONS, {q: "offshore" for q in QUEUES["id"]}).summary.exposure == 0
