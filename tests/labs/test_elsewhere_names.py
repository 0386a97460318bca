"""Does no per-place text of an assign item name where the item belongs?

A per-place (``elsewhere``) text is shown as soon as the learner puts an item in a wrong place,
in practice too, so it must say why *that* place is worse without naming the right one. The
category labels are generic ("Nearshore (Monterrey provider)"); what gives the key away is the
city or country of the keyed place ("while Monterrey stayed within four points"). The names are
read from the scenario's own locations table, so a new scenario is checked without a list here.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from grader.catalog import scenario_folder, scenarios_for

# Labs whose scenarios place work by location in an assign decision.
LOCATION_LABS = ("01_sourcing_models", "02_offshore_tradeoffs")

# A place name: a capitalised word or run of them, not the first word of the location text
# (that is the generic label: "Keep", "Nearshore", "In-house"); "US" and "USD" need a lowercase
# letter after the capital, so they are not place names of one option.
PLACE = re.compile(r"(?<!^)\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def place_names(location: str) -> set[str]:
    """The cities and countries a location's description names."""
    return {match.group(0) for match in PLACE.finditer(location) if match.start() > 0}


def _location_table(scenario) -> pd.DataFrame:
    table = next(t for t in scenario.tables if t.id == "locations")
    return pd.read_csv(scenario_folder(scenario.id) / table.file)


def _cases() -> list:
    return [
        pytest.param(scenario, decision, id=f"{scenario.id}:{decision.id}")
        for lab in LOCATION_LABS
        for scenario in scenarios_for(lab)
        for decision in scenario.decisions
        if decision.kind == "assign"
    ]


def test_the_sweep_finds_every_location_scenario() -> None:
    """Does the sweep find the assign decisions of both location labs, so it cannot pass on nothing?"""
    assert len(_cases()) >= 4


def test_place_names_are_the_cities_and_countries() -> None:
    """Are the names read from a location text its cities and countries, and not its label?"""
    assert place_names("Keep close: your own center in Kansas City") == {"Kansas City"}
    assert place_names("Nearshore provider in Monterrey (Mexico)") == {"Monterrey", "Mexico"}
    assert place_names("Onshore outsourced (US provider)") == set()
    assert place_names("In-house (Columbus center)") == {"Columbus"}


@pytest.mark.parametrize(("scenario", "decision"), _cases())
def test_no_wrong_place_text_names_the_keyed_place(scenario, decision) -> None:
    """Does no elsewhere text of an item name the city or country of a place its key holds?"""
    locations = _location_table(scenario).set_index("id")["location"]
    assert {c.id for c in decision.categories} <= set(locations.index), "every category has a location row"
    naming = [
        f"{item.id}/{'+'.join(entry.places)} names {name!r} ({key})"
        for item in decision.items
        for entry in item.elsewhere
        for key in item.key
        for name in sorted(place_names(locations[key]))
        if re.search(rf"\b{re.escape(name)}\b", entry.feedback)
    ]
    assert not naming, naming
