"""The sourcing-homegoods scenario's queues and locations, and its key: what the simulation tests run on."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SCENARIO = Path(__file__).resolve().parents[3] / "scenarios" / "sourcing-homegoods"
QUEUES = pd.read_csv(SCENARIO / "queues.csv")
LOCATIONS = pd.read_csv(SCENARIO / "locations.csv")
QUEUE_IDS = QUEUES["id"].tolist()
LOCATION_IDS = LOCATIONS["id"].tolist()
KEY = {
    "order_status": "offshore",
    "account_access": "offshore",
    "assembly_help": "offshore",
    "returns": "nearshore",
    "spanish_orders": "nearshore",
    "delivery_exceptions": "nearshore",
    "financing": "inhouse",
}


def queue_totals(weekly: pd.DataFrame, queue: str) -> pd.Series:
    rows = weekly[weekly["queue"] == queue]
    return pd.Series(
        {
            "cost": rows["cost"].sum(),
            "repeats": rows["repeats"].sum(),
            "fcr": rows["fcr"].mean(),
            "csat_proxy": rows["csat_proxy"].mean(),
            "service_level": rows["service_level"].mean(),
        }
    )
