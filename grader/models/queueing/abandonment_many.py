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

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from grader.models.bounds import Bounds
from grader.models.queueing.abandonment import (
    _EXACT_PEAK,
    _PATIENCE,
    ErlangAResult,
    _erlang_a_checked,
    _LogSums,
    _tail,
    _tail_arguments,
)
from grader.models.queueing.inputs import _CALLS, _NON_NEGATIVE, _POSITIVE, _SECONDS, _SECONDS_OR_ZERO

if TYPE_CHECKING:
    from grader.models.queueing.staffing_many import ArrayLike

__all__ = ["erlang_a_many"]

_FIRST = 64  # the terms of _tail's first pass
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
    rows = [(c, s, a, p, int(k), g) for c, s, a, p, k, g in zip(*columns, strict=True)]
    # Only intervals with calls and callers who hang up need the queue's tail series.
    tailed = [i for i, (c, _, _, p, _, _) in enumerate(rows) if c > 0 and p != math.inf]
    tails = dict(zip(tailed, _tails([_tail_arguments(*rows[i]) for i in tailed]), strict=True))
    return [_erlang_a_checked(*row, tail=tails.get(i)) for i, row in enumerate(rows)]


def _tails(arguments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """``_tail`` of every ``(x, b, shrink)``, equal to it bit for bit.

    A week's queues are small: their series start at q = 0 and are done after the first
    :data:`_FIRST` terms, so that pass is made for all of them at once, with the very
    operations ``_tail`` makes on each (the same NumPy functions, row by row, and the dot
    product one row at a time, as a matrix product may add in another order).  A series
    that needs more terms, or starts at its mode, is summed by ``_tail`` itself.
    """
    done: list[tuple[float, float, float] | None] = [None] * len(arguments)
    quick = [
        i for i, (x, b, _) in enumerate(arguments) if x > 0 and max(0, math.ceil(x - b) - 1) <= _EXACT_PEAK
    ]
    if quick:
        x = [arguments[i][0] for i in quick]
        b = np.array([arguments[i][1] for i in quick])[:, None]
        shrink = np.array([arguments[i][2] for i in quick])[:, None]
        logx = np.array([math.log(v) for v in x])[:, None]  # math.log, as _tail takes it
        qs = np.arange(1, _FIRST + 1, dtype=np.float64)
        logs = 0.0 + np.cumsum(logx - np.log(b + qs), axis=1)
        peak = logs.max(axis=1)
        w = np.exp(logs - np.maximum(peak, 0.0)[:, None])
        w_sum = w.sum(axis=1)
        logs_d = logs - shrink * (qs - 1)
        top_d = logs_d.max(axis=1)
        discounted = np.exp(logs_d - top_d[:, None]).sum(axis=1)
        for row, i in enumerate(quick):
            first = _FirstPass(
                float(logs[row, -1]),
                float(peak[row]),
                float(w_sum[row]),
                float(qs @ w[row]),
                float(top_d[row]),
                float(discounted[row]),
            )
            done[i] = first.tail(x[row], float(b[row, 0]), float(shrink[row, 0]))
    return [tail if tail is not None else _tail(*arguments[i]) for i, tail in enumerate(done)]


@dataclass(frozen=True)
class _FirstPass:
    """What ``_tail``'s first pass (q = 1 .. _FIRST, from q = 0) found for one series."""

    last: float  # log of the last term
    peak: float  # log of the largest term
    w_sum: float  # sum of the terms, relative to max(peak, 0)
    qw: float  # sum of q times the terms, on the same scale
    top_d: float  # log of the largest discounted term
    discounted: float  # sum of the discounted terms, relative to top_d

    def tail(self, x: float, b: float, shrink: float) -> tuple[float, float, float] | None:
        """The tail, as ``_LogSums`` keeps it after this pass; None where more terms are needed."""
        sums = _LogSums(0.0, 0, shrink)
        if self.peak > sums.top:
            scale = math.exp(sums.top - self.peak)
            sums.total, sums.weighted, sums.top = sums.total * scale, sums.weighted * scale, self.peak
        sums.total += self.w_sum
        sums.weighted += self.qw
        sums.discounted = sums.discounted * math.exp(sums.top_d - self.top_d) + self.discounted
        sums.top_d = self.top_d
        ratio = x / (b + _FIRST + 1)
        rest = math.log(_FIRST + 1) - 2 * math.log1p(-ratio) if ratio < 1 else math.inf
        if ratio >= 1 or not sums.negligible(self.last, _FIRST, rest):
            return None
        log_s = sums.top + math.log(sums.total)
        log_d = sums.top_d + math.log(sums.discounted) if sums.discounted > 0 else -math.inf
        return log_s, sums.weighted / sums.total, log_d
