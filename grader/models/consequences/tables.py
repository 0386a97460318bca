"""The tables the quarter simulation reads and writes: their columns, and the checks of its inputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from grader.models.consequences.settings import SimulationSettings

__all__ = [
    "ALLOWED_COLUMN",
    "ANYWHERE",
    "CHANNEL_COLUMN",
    "DEFERRED_CHANNELS",
    "HOME",
    "LOCATION_COLUMNS",
    "SPANISH_EXTRA_COLUMN",
    "SPANISH_SHARE_COLUMN",
    "QUEUE_COLUMNS",
    "RATINGS",
    "WEEKLY_COLUMNS",
    "allowed_locations",
    "deferred_queues",
    "spanish_hour_rates",
]

HOME = "inhouse"
#: Queue attributes rated low, medium or high; with ``language`` they are what fit rules match.
RATINGS = ("complexity", "risk", "collaboration", "documentation")
_LEVELS = frozenset({"low", "medium", "high"})
QUEUE_COLUMNS = ("id", "monthly_contacts", "aht_minutes", *RATINGS, "language")
#: Optional queue column: the location ids a contract or law allows the queue's work at,
#: separated by spaces; ``any`` (or a blank cell, or no column) means no such rule.
ALLOWED_COLUMN = "allowed_locations"
ANYWHERE = "any"
LOCATION_COLUMNS = ("id", "loaded_cost_per_hour")
#: Optional queue column: the share of the queue's contacts in Spanish, 0 to 1 (no column: 0).
SPANISH_SHARE_COLUMN = "spanish_share"
#: Optional location column: USD added to each paid hour worked in Spanish there, where a
#: scenario states that bilingual agents are short (overtime, a language premium); no column: 0.
SPANISH_EXTRA_COLUMN = "spanish_extra_per_hour"
#: Optional queue column: the main contact channel. Email and back-office work waits in a
#: queue of its own, with nobody on the line: it is staffed by workload, not by Erlang.
CHANNEL_COLUMN = "channel"
DEFERRED_CHANNELS = frozenset({"email", "back office"})
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
    "labour_cost",
    "error_cost",
    "escalation_cost",
    "exposure",
    "answered",
    "resolved",
    "aht_seconds",
    "paid_hours",
)


def allowed_locations(queues: pd.DataFrame) -> list[frozenset[str] | None]:
    """Per queue, the locations its contract or law allows; ``None`` where no rule limits it.

    >>> q = pd.DataFrame({"allowed_locations": ["inhouse onshore", "any", None]})
    >>> [sorted(a) if a is not None else a for a in allowed_locations(q)]
    [['inhouse', 'onshore'], None, None]
    """
    if ALLOWED_COLUMN not in queues.columns:
        return [None] * len(queues)
    out: list[frozenset[str] | None] = []
    for cell in queues[ALLOWED_COLUMN]:
        words = frozenset(str(cell).split()) if isinstance(cell, str) else frozenset()
        out.append(None if not words or ANYWHERE in words else words)
    return out


def deferred_queues(queues: pd.DataFrame) -> np.ndarray:
    """Per queue, whether its work is deferred (email, back office) rather than live; no column: live.

    >>> deferred_queues(pd.DataFrame({"channel": ["phone", "Email", "back office", None]})).tolist()
    [False, True, True, False]
    """
    if CHANNEL_COLUMN not in queues.columns:
        return np.zeros(len(queues), dtype=bool)
    return np.array(
        [isinstance(c, str) and c.strip().lower() in DEFERRED_CHANNELS for c in queues[CHANNEL_COLUMN]],
        dtype=bool,
    )


def spanish_hour_rates(queues: pd.DataFrame, locations: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per location, each queue's cost per paid hour there: the location's rate plus its extra
    for Spanish hours, weighted by the queue's share of contacts in Spanish.

    >>> q = pd.DataFrame({"spanish_share": [0.0, 0.5]})
    >>> loc = pd.DataFrame({"id": ["inhouse", "nearshore"], "loaded_cost_per_hour": [46, 31],
    ...                     "spanish_extra_per_hour": [6, 0]})
    >>> {k: v.tolist() for k, v in spanish_hour_rates(q, loc).items()}
    {'inhouse': [46.0, 49.0], 'nearshore': [31.0, 31.0]}
    """
    share = _optional(queues, SPANISH_SHARE_COLUMN)
    extra = _optional(locations, SPANISH_EXTRA_COLUMN)
    rates = locations["loaded_cost_per_hour"].to_numpy(dtype=float)
    return {
        str(loc): rate + more * share for loc, rate, more in zip(locations["id"], rates, extra, strict=True)
    }


def _optional(table: pd.DataFrame, column: str) -> np.ndarray:
    """An optional numeric column as floats, blank cells and a missing column read as 0."""
    if column not in table.columns:
        return np.zeros(len(table))
    return pd.to_numeric(table[column], errors="coerce").fillna(0.0).to_numpy(dtype=float)


def _validate(
    queues: pd.DataFrame, locations: pd.DataFrame, mapping: Mapping[str, str], settings: SimulationSettings
) -> None:
    _validate_tables(queues, locations)
    _validate_mapping(queues, locations, mapping, settings)


def _validate_tables(queues: pd.DataFrame, locations: pd.DataFrame) -> None:
    """The checks of the two tables alone (a view repeats them only when the tables change)."""
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
    share = _optional(queues, SPANISH_SHARE_COLUMN)
    if not np.all((share >= 0) & (share <= 1)):
        raise ValueError(f"queues.{SPANISH_SHARE_COLUMN} must hold shares from 0 to 1")
    extra = _optional(locations, SPANISH_EXTRA_COLUMN)
    if not np.all(np.isfinite(extra) & (extra >= 0)):
        raise ValueError(f"locations.{SPANISH_EXTRA_COLUMN} must hold finite numbers >= 0")
    location_ids = set(locations["id"])
    if HOME not in location_ids:
        raise ValueError(f"locations must include the home location {HOME!r}")
    for queue, allowed in zip(queues["id"], allowed_locations(queues), strict=True):
        unknown = sorted((allowed or set()) - location_ids)
        if unknown:
            raise ValueError(f"queues.{ALLOWED_COLUMN} of {queue!r} names unknown location {unknown[0]!r}")


def _validate_mapping(
    queues: pd.DataFrame, locations: pd.DataFrame, mapping: Mapping[str, str], settings: SimulationSettings
) -> None:
    queue_ids, location_ids = set(queues["id"]), set(locations["id"])
    for queue, loc in mapping.items():
        if queue not in queue_ids:
            raise ValueError(f"mapping names unknown queue {queue!r}")
        if loc not in location_ids:
            raise ValueError(f"mapping sends {queue!r} to unknown location {loc!r}")
    for loc in {HOME, *mapping.values()}:
        for setting in ("shrinkage", "annual_attrition"):
            if loc not in getattr(settings, setting):
                raise ValueError(f"settings.{setting} has no value for location {loc!r}")
