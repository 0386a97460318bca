"""Staffing one interval: the fewest agents meeting a service-level target, then shrinkage.

The search starts at the smallest N that can serve the traffic at all (``floor(A) + 1``, or
more under an occupancy cap) and adds agents one at a time, carrying Erlang B along.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from grader.models.queueing.erlang import _asa_from_c, _erlang_b, _erlang_c_from_b, _service_level_from_c
from grader.models.queueing.inputs import (
    _CALLS,
    _SECONDS,
    _SECONDS_OR_ZERO,
    _max_occupancy,
    _non_negative,
    _positive,
    _shrinkage,
    _target_sl,
)

__all__ = ["StaffingResult", "required_agents"]

_SCHEDULE_SLACK = 1e-9  # keeps 14 / (1 - 0.3) = 20.000000000000004 at 20 scheduled agents


@dataclass(frozen=True)
class StaffingResult:
    """Agents needed for one interval (Erlang C); ``asa`` in seconds, ``traffic`` in Erlangs."""

    traffic: float
    raw_agents: int
    scheduled_agents: int
    service_level: float
    occupancy: float
    asa: float
    p_wait: float


def _first_by_occupancy(traffic: float, cap: float) -> int:
    """Smallest N >= 1 with traffic / N <= cap, as evaluated in floating point."""
    n = max(1, math.ceil(traffic / cap))
    if traffic / n > cap:
        n += 1
    if n > 1 and traffic / (n - 1) <= cap:
        n -= 1
    return n


def _scheduled(raw: int, shrinkage: float) -> int:
    return math.ceil(raw / (1 - shrinkage) - _SCHEDULE_SLACK)


def required_agents(
    calls: float,
    interval: float,
    aht: float,
    target_sl: float,
    target_time: float,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
) -> StaffingResult:
    """Fewest agents meeting a service-level target (Erlang C), then scheduled for shrinkage.

    ``raw_agents`` is the smallest N with service level >= ``target_sl`` within
    ``target_time`` seconds and, if ``max_occupancy`` is given, occupancy A/N <= it.
    ``scheduled_agents = ceil(raw_agents / (1 - shrinkage))``. The other fields describe the
    raw staffing. An interval without calls needs 0 agents.

    >>> r = required_agents(100, 1800, aht=180, target_sl=0.8, target_time=20)
    >>> r.raw_agents, round(r.service_level, 5), round(r.asa, 3)
    (14, 0.88835, 7.836)
    >>> capped = required_agents(100, 1800, 180, 0.8, 20, max_occupancy=0.70, shrinkage=0.3)
    >>> capped.raw_agents, capped.scheduled_agents, round(capped.service_level, 3)
    (15, 22, 0.941)
    >>> round(capped.occupancy, 3), round(capped.p_wait, 3)
    (0.667, 0.102)
    """
    n_calls = _non_negative("calls", calls, _CALLS)
    length = _positive("interval", interval, _SECONDS)
    h = _positive("aht", aht, _SECONDS)
    goal = _target_sl(target_sl)
    t = _non_negative("target_time", target_time, _SECONDS_OR_ZERO)
    cap = _max_occupancy(max_occupancy)
    loss = _shrinkage(shrinkage)

    traffic = n_calls * h / length
    if traffic == 0:
        return StaffingResult(traffic, 0, 0, 1.0, 0.0, 0.0, 0.0)
    n = math.floor(traffic) + 1
    if cap is not None:
        n = max(n, _first_by_occupancy(traffic, cap))
    b = _erlang_b(traffic, n)
    while True:
        c = _erlang_c_from_b(traffic, n, b)
        sl = _service_level_from_c(traffic, n, c, h, t)
        if sl >= goal:
            break
        n += 1
        tb = traffic * b
        b = tb / (tb + n)
    return StaffingResult(
        traffic=traffic,
        raw_agents=n,
        scheduled_agents=_scheduled(n, loss),
        service_level=sl,
        occupancy=traffic / n,
        asa=_asa_from_c(traffic, n, c, h),
        p_wait=c,
    )
