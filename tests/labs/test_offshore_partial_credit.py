"""Does every place in lab 02's delivery decision earn the credit one written rule gives it?

The rule is in docs/content-standards.md ("Part credit in lab 02's delivery decision"): a
provider whose pilot team fell ten points or more below your own team earns nothing; a dearer
provider whose team held and resolved as much as the key's team, within the pilot's noise,
earns half; keeping the work close when the key is a provider earns a quarter only when every
provider team fell outside the pilot's noise below your own. These tests derive each place's
credit from the pilot table by that rule and compare it with the scenario's key and partials,
so two programs alike in their figures cannot earn different credit.
"""

from __future__ import annotations

import pandas as pd
import pytest

from grader.catalog import scenarios_for
from grader.notebook import open_lab
from tests.labs import lab_parts

offshore = lab_parts("02_offshore_tradeoffs")

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
FELL_BEHIND = 0.10  # the deciding question's line: ten points or more below your own team
HELD_AS_WELL = 0.5
CAUTIOUS_AND_DEAR = 0.25


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _rule_credit(program: str, place: str, key: str, priced: pd.DataFrame, estimates: pd.DataFrame) -> float:
    """What the written rule gives ``place`` on ``program`` when ``key`` is the keyed place."""
    rows = priced[priced["program"] == program].set_index("location")
    observed = estimates[estimates["program"] == program].set_index("location")["contacts_observed"]
    home = float(rows.loc[offshore.HOME, "quality"])

    def noise(location: str) -> float:
        return offshore.interval_half_width(float(rows.loc[location, "quality"]), float(observed[location]))

    if place == key:
        return 1.0
    if place == offshore.HOME:
        providers = [loc for loc in rows.index if loc != offshore.HOME]
        every_team_lost_ground = all(home - rows.loc[loc, "quality"] > noise(loc) for loc in providers)
        return CAUTIOUS_AND_DEAR if every_team_lost_ground else 0.0
    quality = float(rows.loc[place, "quality"])
    if home - quality >= FELL_BEHIND - 1e-9:
        return 0.0
    dearer = rows.loc[place, "cost_per_resolution"] > rows.loc[key, "cost_per_resolution"]
    as_good_as_the_key = quality >= float(rows.loc[key, "quality"]) - noise(key)
    return HELD_AS_WELL if dearer and as_good_as_the_key else 0.0


def test_every_place_earns_what_the_pilot_rule_gives_it(lab):
    """Does each program's key and part credit match what the rule derives from its pilot figures?"""
    priced = offshore.lab_resolution_table(lab)
    estimates = lab.table("estimates")
    decision = lab.decision("delivery_model")
    places = [category.id for category in decision.categories]
    wrong = {}
    for item in decision.items:
        (key,) = item.key
        for place in places:
            written = 1.0 if place in item.key else item.partial.get(place, 0.0)
            derived = _rule_credit(item.id, place, key, priced, estimates)
            if written != pytest.approx(derived):
                wrong[f"{item.id}/{place}"] = (written, derived)
    assert not wrong, f"credit written (first) against the rule's (second): {wrong}"
