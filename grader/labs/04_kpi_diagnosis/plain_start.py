"""Whether a staffing shortfall's first week reads plainly as the week the queue broke.

A shortfall starts part-way through its first week, so that week's cover falls by about
three fifths of what the later weeks lose: to about 0.84-0.89 of required before noise.  Every
queue's cover also wanders from week to week (the calls that come against the forecast, the
share of the schedule the provider fills), and now and then a routine week dips nearly as far.
Where it does, a director dating the break by the weekly table would name the week after the
start, and lose half the points for reading the table as it stands.  So the first week must be
worse than every week before it, since the launch ramp-up, on all three signs a director reads
a shortfall by: cover lower by :data:`COVER_BELOW` or more, abandonment higher by
:data:`ABANDON_ABOVE` or more and ASA longer by :data:`ASA_ABOVE` seconds or more.  The generator
draws the noise on the filled share of the schedule again, in the weeks up to the start, until
it is (:func:`plain_shortfall_start`); the first draw stands in most variants.  In a rare few,
no draw will do, and the shortfall starts with the week's roster instead.

>>> cover = np.array([1.0, 0.98, 0.95, 0.97, 0.86])
>>> abandon = np.array([0.05, 0.06, 0.07, 0.06, 0.09])
>>> starts_plainly(cover, abandon, np.array([15, 18, 21, 18, 27]), start=5, first=2)
True
>>> starts_plainly(cover, abandon, np.array([15, 18, 26, 18, 27]), start=5, first=2)
False
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .drivers import CAPACITY_SIGMA, shortfall_capacity
from .incident import RAMP_WEEKS, WEEKS, Incident

__all__ = ["ABANDON_ABOVE", "ASA_ABOVE", "COVER_BELOW", "plain_shortfall_start", "starts_plainly"]

COVER_BELOW = 0.02  # two points of cover: more than the table's rounding and a routine wobble
ABANDON_ABOVE = 0.005  # half a point of abandonment, about 1.5 s of ASA at the callers' patience
ASA_ABOVE = 2  # seconds
REDRAWS = 200  # draws of the noise at most

Service = tuple[dict[str, np.ndarray], np.ndarray, list[list[Any]]]


def starts_plainly(cover: np.ndarray, abandon: np.ndarray, asa: np.ndarray, start: int, first: int) -> bool:
    """Whether week ``start`` is plainly worse than every week from ``first`` to the one before it
    on cover, abandonment and ASA (each an array over the weeks, as the weekly table shows them)."""
    before, at = slice(first - 1, start - 1), start - 1
    return bool(
        cover[at] <= cover[before].min() - COVER_BELOW
        and abandon[at] >= abandon[before].max() + ABANDON_ABOVE
        and asa[at] >= asa[before].max() + ASA_ABOVE
    )


def _table_reads(service: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cover, abandonment and ASA by week, rounded as the weekly table shows them."""
    cover = np.round(service["scheduled"], 1) / np.round(service["required"], 1)
    return cover, np.round(service["abandon"], 3), np.round(service["asa"])


def plain_shortfall_start(
    serve: Callable[[np.ndarray], Service], capacity: np.ndarray, stream: tuple[int, int], incident: Incident
) -> Service:
    """The hit queue's weekly service (``serve``'s, for a filled share of the schedule) with the
    shortfall's first week plainly the first broken one (:func:`starts_plainly`).

    ``capacity`` is the usual draw; ``stream`` (seed, purpose) names the streams of the redraws.
    Only the weeks up to the start are drawn again: the weeks after it, which the evidence rules
    read, stay as first drawn.  Where no draw will do (calls well over the forecast in a week
    before, well under it in the first), the shortfall starts with the week's roster, at its
    full depth from the first day, with the first draw's noise.
    """
    s = incident.start_week
    level = shortfall_capacity(incident)
    up_to_start = np.arange(1, WEEKS + 1) <= s
    drawn = capacity
    for attempt in range(REDRAWS):
        served = serve(drawn)
        if starts_plainly(*_table_reads(served[0]), start=s, first=RAMP_WEEKS + 1):
            return served
        noise = np.random.default_rng([*stream, attempt]).normal(1.0, CAPACITY_SIGMA, WEEKS)
        drawn = np.where(up_to_start, level * noise, capacity)
    return serve(capacity / level * shortfall_capacity(incident, whole_first_week=True))
