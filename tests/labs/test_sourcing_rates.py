"""Does every hourly rate of lab 01's locations sit inside the range the course cites for it?

In-house cost is built from the US base wage the scenarios state (19 USD/h) at the cited
loading of 2-2.5 times; the providers' rates are the cited billed ranges. A rate outside its
range is what once made an onshore key rest on "costs a little less than in-house".
"""

from __future__ import annotations

import pandas as pd
import pytest

from grader.catalog import scenario_folder, scenarios_for
from grader.models.cost import REFERENCE_RANGES

LAB = "01_sourcing_models"
BILLED = {
    "onshore": "billed_rate_us",
    "nearshore": "billed_rate_nearshore",
    "offshore": "billed_rate_offshore",
}


def rates(scenario_id: str) -> dict[str, float]:
    table = pd.read_csv(scenario_folder(scenario_id) / "locations.csv")
    return dict(zip(table["id"], table["loaded_cost_per_hour"].astype(float), strict=True))


@pytest.mark.parametrize("scenario_id", [s.id for s in scenarios_for(LAB)])
def test_in_house_rate_is_the_cited_loading_of_the_stated_wage(scenario_id):
    """Is in-house cost 2 to 2.5 times the 19 USD/h base wage the scenario states?"""
    notes = (
        pd.read_csv(scenario_folder(scenario_id) / "locations.csv").set_index("id").loc["inhouse", "notes"]
    )
    assert "19 USD/h base pay" in notes
    loading = REFERENCE_RANGES["inhouse_loaded_multiple"]
    wage = REFERENCE_RANGES["base_wage_us"].high
    assert loading.low * wage <= rates(scenario_id)["inhouse"] <= loading.high * wage


@pytest.mark.parametrize("scenario_id", [s.id for s in scenarios_for(LAB)])
@pytest.mark.parametrize("location", sorted(BILLED))
def test_provider_rates_sit_in_the_cited_billed_range(scenario_id, location):
    """Is each provider's rate inside the billed range the course cites for its region?"""
    cited = REFERENCE_RANGES[BILLED[location]]
    assert cited.low <= rates(scenario_id)[location] <= cited.high
