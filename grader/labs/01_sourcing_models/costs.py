"""Monthly cost of a queue-to-location mapping (lab 01's consequence view).

Workload hours = contacts x AHT / occupancy: agents are not busy every paid minute, so a
queue at 80 % occupancy needs a quarter more paid hours than its talk time.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

DEFAULT_OCCUPANCY = 0.80  # within the 75-85 % sustainable band (ICMI via TMCnet)


def monthly_cost(
    queues: pd.DataFrame,
    locations: pd.DataFrame,
    mapping: Mapping[str, str],
    occupancy: float = DEFAULT_OCCUPANCY,
) -> pd.DataFrame:
    """One row per queue: paid hours, chosen location, its cost and the all-in-house cost.

    >>> q = pd.DataFrame({"id": ["a"], "queue": ["A"], "monthly_contacts": [600], "aht_minutes": [8]})
    >>> loc = pd.DataFrame({"id": ["inhouse", "offshore"], "location": ["In", "Off"],
    ...                     "loaded_cost_per_hour": [50.0, 15.0]})
    >>> monthly_cost(q, loc, {"a": "offshore"}).loc[0, ["paid_hours", "cost", "inhouse_cost"]].tolist()
    [100.0, 1500.0, 5000.0]
    """
    if not 0 < occupancy <= 1:
        raise ValueError(f"occupancy must be in (0, 1], got {occupancy}")
    rates = dict(zip(locations["id"], locations["loaded_cost_per_hour"], strict=True))
    labels = dict(zip(locations["id"], locations["location"], strict=True))
    table = queues[["id", "queue"]].copy()
    table["paid_hours"] = queues["monthly_contacts"] * queues["aht_minutes"] / 60 / occupancy
    table["location"] = [mapping.get(i, "") for i in queues["id"]]
    table["location_label"] = [labels.get(loc, "not placed") for loc in table["location"]]
    table["cost"] = [
        h * rates.get(loc, rates["inhouse"])
        for h, loc in zip(table["paid_hours"], table["location"], strict=True)
    ]
    table["inhouse_cost"] = table["paid_hours"] * rates["inhouse"]
    return table.round(2)
