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
