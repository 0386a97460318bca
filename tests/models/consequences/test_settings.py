"""Do the settings of a run list every assumption with its source, and refuse impossible values?"""

from __future__ import annotations

import pytest

from grader.models.consequences import ASSUMPTIONS, SimulationSettings, simulate
from tests.models.consequences.homegoods import LOCATIONS, QUEUES

# --------------------------------------------------------------------------- the table


def test_settings_table_lists_every_assumption():
    """Does the settings table give each assumption a unit and a source?"""
    table = SimulationSettings().table()
    assert set(ASSUMPTIONS) <= set(table["name"])
    assert table["unit"].astype(bool).all() and table["source"].astype(bool).all()


# --------------------------------------------------------------------------- bad settings


def test_bad_settings_are_named():
    """Do impossible settings raise ValueError naming the setting?"""
    with pytest.raises(ValueError, match="base_fcr"):
        SimulationSettings(base_fcr=0)
    with pytest.raises(ValueError, match=r"shrinkage\['offshore'\]"):
        SimulationSettings(shrinkage={"inhouse": 0.27, "offshore": 1.0})
    with pytest.raises(ValueError, match="annual_attrition has no value for location 'offshore'"):
        simulate(
            QUEUES,
            LOCATIONS,
            {"returns": "offshore"},
            settings=SimulationSettings(annual_attrition={"inhouse": 0.3}),
        )


def test_error_costs_need_every_risk_level_and_a_sane_value():
    """Are a missing risk level and a negative cost of a mistake refused, naming what is wrong?"""
    with pytest.raises(ValueError, match="error_cost needs one value for each risk level"):
        SimulationSettings(error_cost={"low": 10.0, "high": 100.0})
    with pytest.raises(ValueError, match=r"error_cost\['medium'\]"):
        SimulationSettings(error_cost={"low": 10.0, "medium": -1.0, "high": 100.0})
    with pytest.raises(ValueError, match="breach_probability"):
        SimulationSettings(breach_probability=1.5)


def test_settings_table_lists_the_cost_of_a_mistake_per_risk_level():
    """Does the table give each risk level's cost of a mistake with its range and source?"""
    table = SimulationSettings().table().set_index("name")
    for level in ("low", "medium", "high"):
        row = table.loc[f"error_cost[{level}]"]
        assert row["low"] <= row["value"] <= row["high"] and "course assumption" in row["source"]
