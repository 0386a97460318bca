"""Erlang A over many intervals at once: the inputs checked as arrays, each interval solved exactly.

A generated week asks Erlang A for hundreds of (calls, AHT, agents) at a time. Checking each
input of each call on its own cost about a third of the work, so here every argument is
checked once as an array; each interval is then solved by the same exact computation as
:func:`~grader.models.queueing.abandonment.erlang_a`, so every figure equals what a call of
``erlang_a`` on that interval gives.

>>> from grader.models.queueing import erlang_a
>>> many = erlang_a_many([100, 0], 1800, 180, 300, [14, 3], 20)
>>> many[0] == erlang_a(100, 1800, 180, 300, 14, 20), many[1].service_level
(True, 1.0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from grader.models.bounds import Bounds
from grader.models.queueing.abandonment import _PATIENCE, ErlangAResult, _erlang_a_checked
from grader.models.queueing.inputs import _CALLS, _NON_NEGATIVE, _POSITIVE, _SECONDS, _SECONDS_OR_ZERO

if TYPE_CHECKING:
    from grader.models.queueing.staffing_many import ArrayLike

__all__ = ["erlang_a_many"]

_PATIENT = "a positive number of seconds (math.inf: never abandons)"


def _checked(name: str, values: ArrayLike, bounds: Bounds, what: str) -> np.ndarray:
    """``values`` as a float array, or the ValueError :func:`erlang_a` gives for its first bad element."""
    raw = np.asarray(values)
    numeric = np.issubdtype(raw.dtype, np.integer) or np.issubdtype(raw.dtype, np.floating)
    if raw.dtype == bool or not numeric:
        shown = raw.flat[0] if raw.size else raw
        raise ValueError(f"{name} must be {what}, got {shown!r}")
    array = raw.astype(np.float64)
    bad = ~bounds.admits(array)  # NaN is never admitted
    if bad.any():
        raise ValueError(f"{name} must be {what}, got {raw[bad].flat[0]}")
    return array


def erlang_a_many(
    calls: ArrayLike,
    interval: ArrayLike,
    aht: ArrayLike,
    patience: ArrayLike,
    agents: ArrayLike,
    target: ArrayLike,
) -> list[ErlangAResult]:
    """:func:`erlang_a` for every interval, the arguments broadcast together as NumPy arrays.

    Returns one :class:`ErlangAResult` per element of the broadcast shape, in row-major order
    (a week of ``weeks x levels`` gives ``weeks * levels`` results, a week's levels together).
    Bad inputs raise the ``ValueError`` that ``erlang_a`` raises for the first bad element.
    """
    n_calls = _checked("calls", calls, _NON_NEGATIVE, _CALLS)
    length = _checked("interval", interval, _POSITIVE, _SECONDS)
    h = _checked("aht", aht, _POSITIVE, _SECONDS)
    wait_limit = _checked("patience", patience, _PATIENCE, _PATIENT)
    n = _checked("agents", agents, _NON_NEGATIVE, "a non-negative integer")
    t = _checked("target", target, _NON_NEGATIVE, _SECONDS_OR_ZERO)
    fractional = n != np.floor(n)
    if fractional.any():
        raise ValueError(f"agents must be a non-negative integer, got {n[fractional].flat[0]}")
    columns = [a.ravel().tolist() for a in np.broadcast_arrays(n_calls, length, h, wait_limit, n, t)]
    return [_erlang_a_checked(c, s, a, p, int(k), g) for c, s, a, p, k, g in zip(*columns, strict=True)]
