"""The tables the quarter simulation reads and writes: their columns, and the checks of its inputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from grader.models.consequences.settings import SimulationSettings

__all__ = ["HOME", "LOCATION_COLUMNS", "QUEUE_COLUMNS", "RATINGS", "WEEKLY_COLUMNS"]

HOME = "inhouse"
#: Queue attributes rated low, medium or high; with ``language`` they are what fit rules match.
RATINGS = ("complexity", "risk", "collaboration", "documentation")
_LEVELS = frozenset({"low", "medium", "high"})
QUEUE_COLUMNS = ("id", "monthly_contacts", "aht_minutes", *RATINGS, "language")
LOCATION_COLUMNS = ("id", "loaded_cost_per_hour")
WEEKLY_COLUMNS = (
    "week",
    "queue",
    "location",
    "offered",
    "repeats",
    "agents",
    "service_level",
    "asa",
    "abandon_rate",
    "fcr",
    "csat_proxy",
    "cost",
    "answered",
    "resolved",
    "aht_seconds",
    "paid_hours",
)


def _validate(
    queues: pd.DataFrame, locations: pd.DataFrame, mapping: Mapping[str, str], settings: SimulationSettings
) -> None:
    for name, table, needed in (
        ("queues", queues, QUEUE_COLUMNS),
        ("locations", locations, LOCATION_COLUMNS),
    ):
        missing = [c for c in needed if c not in table.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s) {', '.join(missing)}")
        duplicated = table["id"][table["id"].duplicated()].tolist()
        if duplicated:
            raise ValueError(f"{name}.id must be unique, {duplicated[0]!r} appears twice")
    for rating in RATINGS:
        bad = sorted(set(queues[rating]) - _LEVELS)
        if bad:
            raise ValueError(f"queues.{rating} must be low, medium or high, got {bad[0]!r}")
    for column in ("monthly_contacts", "aht_minutes"):
        values = pd.to_numeric(queues[column], errors="coerce").to_numpy(dtype=float)
        if not np.all(np.isfinite(values) & (values >= 0)) or (
            column == "aht_minutes" and np.any(values <= 0)
        ):
            raise ValueError(f"queues.{column} must hold finite numbers > 0 (contacts >= 0)")
    rates = pd.to_numeric(locations["loaded_cost_per_hour"], errors="coerce").to_numpy(dtype=float)
    if not np.all(np.isfinite(rates) & (rates >= 0)):
        raise ValueError("locations.loaded_cost_per_hour must hold finite numbers >= 0")
    queue_ids, location_ids = set(queues["id"]), set(locations["id"])
    if HOME not in location_ids:
        raise ValueError(f"locations must include the home location {HOME!r}")
    for queue, loc in mapping.items():
        if queue not in queue_ids:
            raise ValueError(f"mapping names unknown queue {queue!r}")
        if loc not in location_ids:
            raise ValueError(f"mapping sends {queue!r} to unknown location {loc!r}")
    for loc in {HOME, *mapping.values()}:
        for setting in ("shrinkage", "annual_attrition"):
            if loc not in getattr(settings, setting):
                raise ValueError(f"settings.{setting} has no value for location {loc!r}")
