"""Monthly cost of a queue-to-location mapping (lab 01), as the paid-hours exercise computes it.

Paid hours = contacts x AHT / occupancy / (1 - shrinkage): logged-in agents are not busy
every minute (occupancy, a share of logged-in time), and paid agents are not logged in every
hour (shrinkage: breaks, training, absence), so a queue pays for more hours than its talk time.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from grader.models.consequences import spanish_hour_rates

DEFAULT_OCCUPANCY = 0.80  # within the 75-85 % sustainable band (ICMI via TMCnet)
DEFAULT_SHRINKAGE = 0.27  # the average share of paid time not available (OpsDog: 13-39 %)


def monthly_cost(
    queues: pd.DataFrame,
    locations: pd.DataFrame,
    mapping: Mapping[str, str],
    occupancy: float = DEFAULT_OCCUPANCY,
    shrinkage: float = DEFAULT_SHRINKAGE,
) -> pd.DataFrame:
    """One row per queue: paid hours, chosen location, its cost and the all-in-house cost.

    A location's ``spanish_extra_per_hour`` (if the table has one) is added to its rate for the
    queue's ``spanish_share`` of the hours, as the simulated quarter does.

    >>> q = pd.DataFrame({"id": ["a"], "queue": ["A"], "monthly_contacts": [600], "aht_minutes": [8]})
    >>> loc = pd.DataFrame({"id": ["inhouse", "offshore"], "location": ["In", "Off"],
    ...                     "loaded_cost_per_hour": [50.0, 15.0]})
    >>> table = monthly_cost(q, loc, {"a": "offshore"}, shrinkage=0.2)
    >>> table.loc[0, ["paid_hours", "cost", "inhouse_cost"]].tolist()
    [125.0, 1875.0, 6250.0]
    """
    if not 0 < occupancy <= 1:
        raise ValueError(f"occupancy must be in (0, 1], got {occupancy}")
    if not 0 <= shrinkage < 1:
        raise ValueError(f"shrinkage must be in [0, 1), got {shrinkage}")
    # Per location, each queue's rate: a Spanish hour costs more where bilingual agents are short,
    # as in the simulated quarter.
    rates = spanish_hour_rates(queues, locations)
    labels = dict(zip(locations["id"], locations["location"], strict=True))
    table = queues[["id", "queue"]].copy()
    table["paid_hours"] = (
        queues["monthly_contacts"] * queues["aht_minutes"] / 60 / occupancy / (1 - shrinkage)
    )
    table["location"] = [mapping.get(i, "") for i in queues["id"]]
    table["location_label"] = [labels.get(loc, "not placed") for loc in table["location"]]
    table["cost"] = [
        h * rates.get(loc, rates["inhouse"])[row]
        for row, (h, loc) in enumerate(zip(table["paid_hours"], table["location"], strict=True))
    ]
    table["inhouse_cost"] = table["paid_hours"] * rates["inhouse"]
    return table.round(2)
