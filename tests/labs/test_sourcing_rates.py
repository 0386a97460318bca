"""Does every hourly rate of lab 01's locations sit inside the range the course cites for it?

In-house cost is built from the US base wage each scenario states in its locations notes
(inside the cited range, entry to median) at the cited loading of 2-2.5 times; the providers'
rates are the cited billed ranges. A rate outside its range is what once made an onshore key
rest on "costs a little less than in-house".
"""

from __future__ import annotations

import re

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


_BASE_PAY = re.compile(r"about ([\d.]+) USD/h base pay, loaded about ([\d.]+) times")


def stated_pay(notes: str) -> tuple[float, float]:
    """The base wage and loading an in-house note states: "about W USD/h base pay, loaded about L times"."""
    found = _BASE_PAY.search(notes)
    assert found, f"the in-house notes should state base pay and loading: {notes!r}"
    return float(found.group(1)), float(found.group(2))


def test_the_stated_pay_is_read_from_a_note():
    """Are the wage and loading read from the note's wording, decimals included?"""
    assert stated_pay("Own agents at about 21 USD/h base pay, loaded about 2.2 times") == (21.0, 2.2)


@pytest.mark.parametrize("scenario_id", [s.id for s in scenarios_for(LAB)])
def test_in_house_rate_is_the_cited_loading_of_the_stated_wage(scenario_id):
    """Is the stated base wage inside the cited range, in-house cost 2 to 2.5 times it, and the
    loading as stated?"""
    notes = (
        pd.read_csv(scenario_folder(scenario_id) / "locations.csv").set_index("id").loc["inhouse", "notes"]
    )
    wage, stated_loading = stated_pay(notes)
    cited_wage = REFERENCE_RANGES["base_wage_us"]
    assert cited_wage.low <= wage <= cited_wage.high, f"{wage} USD/h is outside the cited US wages"
    loading = REFERENCE_RANGES["inhouse_loaded_multiple"]
    rate = rates(scenario_id)["inhouse"]
    assert loading.low * wage <= rate <= loading.high * wage
    assert round(rate / wage, 1) == stated_loading, f"{rate} / {wage} is not about {stated_loading} times"


@pytest.mark.parametrize("scenario_id", [s.id for s in scenarios_for(LAB)])
@pytest.mark.parametrize("location", sorted(BILLED))
def test_provider_rates_sit_in_the_cited_billed_range(scenario_id, location):
    """Is each provider's rate inside the billed range the course cites for its region?"""
    cited = REFERENCE_RANGES[BILLED[location]]
    assert cited.low <= rates(scenario_id)[location] <= cited.high
