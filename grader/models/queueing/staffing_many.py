"""Staffing many intervals at once (a day, a week, a what-if sweep) with NumPy.

Erlang B is carried up for all intervals together, then N is searched upward from each
interval's lower bound in vectorised steps; the arithmetic is the scalar model's, so every
row equals :func:`~grader.models.queueing.staffing.required_agents` for its interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from grader.models.bounds import Bounds
from grader.models.queueing.inputs import (
    _NON_NEGATIVE,
    _OCCUPANCY_CAP,
    _POSITIVE,
    _SHRINKAGE,
    _TARGET_SL,
    _shown,
)
from grader.models.queueing.staffing import _SCHEDULE_SLACK

__all__ = ["ArrayLike", "required_agents_many"]

_SEARCH_STRIDE = 4  # vectorised search: rows of N added between checks (a week needs about 2 checks)

ArrayLike = Sequence[float] | np.ndarray | pd.Series


def _array(name: str, value: object, size: int | None, what: str) -> np.ndarray:
    """A float64 vector (a scalar is broadcast to ``size``), or ValueError naming ``name``."""
    if isinstance(value, bool | np.bool_) or (
        isinstance(value, np.ndarray | pd.Series) and value.dtype == np.bool_
    ):
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be {what}, got {_shown(value)}") from None
    if size is None:
        if arr.ndim != 1:
            raise ValueError(f"{name} must be a one-dimensional sequence of {what}s, got shape {arr.shape}")
        return arr
    if arr.ndim == 0:
        return np.full(size, float(arr))
    if arr.shape != (size,):
        raise ValueError(f"{name} must be a single value or one per interval ({size}), got shape {arr.shape}")
    return arr


@dataclass(frozen=True)
class _Allowed:
    """What each value of a vector argument must be: ``one`` for a wrong type, ``many`` out of ``bounds``."""

    one: str
    bounds: Bounds
    many: str


_CALL_COUNTS = _Allowed("a number of calls", _NON_NEGATIVE, "non-negative numbers of calls")
_DURATIONS = _Allowed("a number of seconds", _POSITIVE, "positive numbers of seconds")
_WAITS = _Allowed("a number of seconds", _NON_NEGATIVE, "non-negative numbers of seconds")


def _fractions(bounds: Bounds) -> _Allowed:
    return _Allowed("a fraction", bounds, f"fractions in {bounds}")


def _vector(name: str, value: object, size: int | None, allowed: _Allowed) -> np.ndarray:
    """:func:`_array` of ``value`` with every element as ``allowed``; else ValueError naming the first."""
    arr = _array(name, value, size, allowed.one)
    bad = np.flatnonzero(~allowed.bounds.admits(arr))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"{name} must be {allowed.many}, got {arr[i]} at position {i}")
    return arr


def _erlang_b_many(traffic: np.ndarray, servers: np.ndarray) -> np.ndarray:
    """Erlang B for every (traffic, servers) pair in one recursion pass.

    Pairs are sorted by servers, most first, so at step k only the prefix that still needs
    B(k) is updated, and each pair's value is left in place when its own k is reached.
    """
    order = np.argsort(-servers, kind="stable")
    a = traffic[order]
    b = np.ones_like(a)
    t = np.empty_like(a)
    neg = -servers[order]
    k_max = int(-neg[0]) if neg.size else 0
    still = np.searchsorted(neg, -np.arange(1, k_max + 1), side="right").tolist()
    for k, m in enumerate(still, start=1):
        tm, bm = t[:m], b[:m]
        np.multiply(a[:m], bm, out=tm)
        np.divide(tm, tm + k, out=bm)
    out = np.empty_like(b)
    out[order] = b
    return out


def _first_by_occupancy_many(traffic: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Smallest N >= 1 with traffic / N <= cap for each interval, as the scalar search finds it."""
    n = np.maximum(1.0, np.ceil(traffic / cap))
    n += traffic / n > cap
    n -= (n > 1) & (traffic / np.maximum(n - 1, 1) <= cap)
    return n


def _p_wait_and_service_level(
    traffic: np.ndarray, n: np.ndarray, b: np.ndarray, aht: np.ndarray, t: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Erlang C and service level from Erlang B, as the scalar model computes them (N > A)."""
    c = n * b / (n - traffic * (1 - b))
    return c, 1 - c * np.exp(-((n - traffic) * t) / aht)


def _staff_many(
    traffic: np.ndarray, aht: np.ndarray, goal: np.ndarray, t: np.ndarray, cap: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Raw agents, service level, P(wait) and B for traffic > 0, the same arithmetic as the scalar."""
    n0 = np.floor(traffic) + 1
    if cap is not None:
        n0 = np.maximum(n0, _first_by_occupancy_many(traffic, cap))
    b = _erlang_b_many(traffic, n0)
    rows = [b]
    j = 0
    while True:  # add rows N = n0 + j, 4 at a time, until every interval meets its target in the last
        for _ in range(_SEARCH_STRIDE):
            j += 1
            tb = traffic * b
            b = tb / (tb + (n0 + j))
            rows.append(b)
        if np.all(_p_wait_and_service_level(traffic, n0 + j, b, aht, t)[1] >= goal):
            break
    bs = np.vstack(rows)
    cs, sls = _p_wait_and_service_level(traffic, n0 + np.arange(len(rows))[:, None], bs, aht, t)
    first = np.argmax(sls >= goal, axis=0)
    cols = np.arange(traffic.size)
    return n0 + first, sls[first, cols], cs[first, cols], bs[first, cols]


def required_agents_many(
    calls: ArrayLike,
    interval: float | ArrayLike,
    aht: float | ArrayLike,
    target_sl: float | ArrayLike,
    target_time: float | ArrayLike,
    max_occupancy: float | ArrayLike | None = None,
    shrinkage: float | ArrayLike = 0.0,
) -> pd.DataFrame:
    """:func:`required_agents` for many intervals at once (a day, a week, a what-if sweep).

    ``calls`` is one value per interval; every other argument is one value for all intervals
    or one per interval. Returns one row per interval (the index of ``calls`` if it is a
    Series) with columns ``traffic, raw_agents, scheduled_agents, service_level, occupancy,
    asa, p_wait``, equal to :func:`required_agents` interval by interval. Erlang B is carried
    up for all intervals together, then N is searched upward from its lower bound
    (``floor(A) + 1``, or the occupancy cap) in vectorised steps.

    >>> week = required_agents_many([100, 0, 250], 1800, 180, 0.8, 20, shrinkage=0.3)
    >>> week[["raw_agents", "scheduled_agents"]].to_dict("list")
    {'raw_agents': [14, 0, 30], 'scheduled_agents': [20, 0, 43]}
    >>> required_agents_many([100, -5], 1800, 180, 0.8, 20)
    Traceback (most recent call last):
    ...
    ValueError: calls must be non-negative numbers of calls, got -5.0 at position 1
    """
    calls_a = _vector("calls", calls, None, _CALL_COUNTS)
    size = calls_a.size
    length = _vector("interval", interval, size, _DURATIONS)
    h = _vector("aht", aht, size, _DURATIONS)
    goal = _vector("target_sl", target_sl, size, _fractions(_TARGET_SL))
    t = _vector("target_time", target_time, size, _WAITS)
    cap = None
    if max_occupancy is not None:
        cap = _vector("max_occupancy", max_occupancy, size, _fractions(_OCCUPANCY_CAP))
    loss = _vector("shrinkage", shrinkage, size, _fractions(_SHRINKAGE))

    traffic = calls_a * h / length
    raw = np.zeros(size)
    sl = np.ones(size)
    p_wait = np.zeros(size)
    busy = np.flatnonzero(traffic > 0)
    if busy.size == size:
        raw, sl, p_wait, _ = _staff_many(traffic, h, goal, t, cap)
    elif busy.size:
        sub = _staff_many(traffic[busy], h[busy], goal[busy], t[busy], None if cap is None else cap[busy])
        raw[busy], sl[busy], p_wait[busy] = sub[:3]
    with np.errstate(divide="ignore", invalid="ignore"):
        occupancy = np.where(raw > 0, traffic / raw, 0.0)
        mean_wait = np.where(raw > 0, p_wait * h / (raw - traffic), 0.0)
    scheduled = np.ceil(raw / (1 - loss) - _SCHEDULE_SLACK)
    index = calls.index if isinstance(calls, pd.Series) else None
    return pd.DataFrame(
        {
            "traffic": traffic,
            "raw_agents": raw.astype(np.int64),
            "scheduled_agents": scheduled.astype(np.int64),
            "service_level": sl,
            "occupancy": occupancy,
            "asa": mean_wait,
            "p_wait": p_wait,
        },
        index=index,
    )
