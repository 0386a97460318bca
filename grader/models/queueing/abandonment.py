"""Erlang A (M/M/N+M): Erlang C with callers who hang up after an exponential patience.

Computed exactly from its birth-death chain: the states below N by Erlang B, the queue tail
as a series summed in log space and cut when what is left is negligible, with closed forms
for the waiting-time distribution (see :func:`erlang_a`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from grader.models.bounds import Bounds
from grader.models.queueing.erlang import _asa_from_c, _erlang_b, _erlang_c_from_b, _service_level_from_c
from grader.models.queueing.inputs import (
    _CALLS,
    _SECONDS,
    _SECONDS_OR_ZERO,
    _count,
    _non_negative,
    _positive,
    _within,
)

__all__ = ["ErlangAResult", "erlang_a"]

_NEGLIGIBLE = 1e-17  # a series is cut once what is left is below this share of what was summed
_EXACT_PEAK = 4096  # below this, the Erlang A tail series is summed exactly from its first term
_MAX_CHUNK = 1 << 16
_PATIENCE = Bounds(0, math.inf, closed_low=False)  # math.inf: nobody abandons


@dataclass(frozen=True)
class ErlangAResult:
    """Steady state of an M/M/N+M (Erlang A) queue; ``asa`` in seconds."""

    p_wait: float
    p_abandon: float
    service_level: float
    asa: float
    occupancy: float


class _LogSums:
    """Sums of exp(log-terms) kept relative to their largest term, so nothing overflows.

    ``total`` and ``weighted`` collect w_q and q w_q; ``discounted`` collects
    w_q exp(-shrink (q - 1)) for q >= 1, with its own reference ``top_d``.
    """

    def __init__(self, log_first: float, first: int, shrink: float) -> None:
        self.shrink = shrink
        self.top, self.total, self.weighted = log_first, 1.0, float(first)
        self.top_d, self.discounted = -math.inf, 0.0
        if first >= 1:
            self.top_d, self.discounted = log_first - shrink * (first - 1), 1.0

    def add(self, logs: np.ndarray, qs: np.ndarray) -> None:
        peak = float(logs.max())
        if peak > self.top:
            scale = math.exp(self.top - peak)
            self.total, self.weighted, self.top = self.total * scale, self.weighted * scale, peak
        w = np.exp(logs - self.top)
        self.total += float(w.sum())
        self.weighted += float(qs @ w)

        logs_d = logs - self.shrink * (qs - 1)
        logs_d[qs < 1] = -math.inf
        peak_d = float(logs_d.max())
        if peak_d > self.top_d:
            self.discounted, self.top_d = self.discounted * math.exp(self.top_d - peak_d), peak_d
        self.discounted += float(np.exp(logs_d - self.top_d).sum())

    def negligible(self, log_term: float, q: int, log_factor: float) -> bool:
        """Is a rest of at most exp(log_term + log_factor) negligible in both sums?"""
        limit = math.log(_NEGLIGIBLE)
        return (
            log_term + log_factor - self.top - math.log(self.total) <= limit
            and log_term - self.shrink * (q - 1) + log_factor - self.top_d - math.log(self.discounted)
            <= limit
        )


def _tail(x: float, b: float, shrink: float) -> tuple[float, float, float]:
    """Sums over the weights w_q = prod_{j=1..q} x / (b + j), q = 0, 1, 2, ...

    Returns log S (S = sum of w_q), the w-weighted mean of q, and
    log D (D = sum over q >= 1 of w_q exp(-shrink (q - 1))), S and D on the same scale.

    For Erlang A, with x = lambda/theta and b = N mu/theta, w_q is pi_{N+q} / pi_N: the
    stationary weight of q callers in queue relative to all agents busy and nobody waiting.
    Terms are summed in log space outward from the largest one, and a pass stops when a
    geometric bound on its rest is below ``_NEGLIGIBLE`` of both sums.
    """
    if x == 0:  # only the q = 0 term
        return 0.0, 0.0, -math.inf
    logx = math.log(x)
    peak = max(0, math.ceil(x - b) - 1)  # w_q grows while q < x - b
    if peak <= _EXACT_PEAK:
        start, l_start = 0, 0.0
    else:  # start at the mode; lgamma only where the exact product would take too many terms
        start = peak
        l_start = peak * logx - (math.lgamma(b + peak + 1) - math.lgamma(b + 1))
    sums = _LogSums(l_start, start, shrink)

    last, q_end, size = l_start, start, 64
    while True:  # upward: q = start+1, start+2, ...; both series shrink past x - b
        qs = np.arange(q_end + 1, q_end + size + 1, dtype=np.float64)
        logs = last + np.cumsum(logx - np.log(b + qs))
        sums.add(logs, qs)
        last, q_end = float(logs[-1]), q_end + size
        ratio = x / (b + q_end + 1)
        if ratio < 1 and sums.negligible(last, q_end, math.log(q_end + 1) - 2 * math.log1p(-ratio)):
            break
        size = min(2 * size, _MAX_CHUNK)

    last, q_low, size = l_start, start, 64
    while q_low > 0:  # downward: q = start-1, ..., 0
        low = max(0, q_low - size)
        qs = np.arange(q_low - 1, low - 1, -1, dtype=np.float64)
        logs = last + np.cumsum(np.log(b + qs + 1) - logx)
        sums.add(logs, qs)
        last, q_low = float(logs[-1]), low
        log_ratio = math.log(b + q_low) - logx + shrink  # the discounted series falls slower downward
        if q_low > 0 and log_ratio < 0:
            ratio = math.exp(log_ratio)
            if sums.negligible(last, q_low, log_ratio - math.log1p(-ratio)):
                break
        size = min(2 * size, _MAX_CHUNK)
    log_s = sums.top + math.log(sums.total)
    log_d = sums.top_d + math.log(sums.discounted) if sums.discounted > 0 else -math.inf
    return log_s, sums.weighted / sums.total, log_d


def _tail_arguments(
    n_calls: float, length: float, h: float, wait_limit: float, n: int, t: float
) -> tuple[float, float, float]:
    """The arguments of :func:`_tail` for these (checked) inputs: lambda/theta, N mu/theta, theta t."""
    lam = n_calls / length
    return lam * wait_limit, n * wait_limit / h, (1 / wait_limit) * t


def _expit(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def erlang_a(
    calls: float, interval: float, aht: float, patience: float, agents: int, target: float
) -> ErlangAResult:
    """Erlang A (M/M/N+M): Erlang C with callers who hang up after an exponential patience.

    Poisson arrivals at ``lambda = calls / interval``, exponential handling with mean ``aht``
    and exponential patience with mean ``patience`` seconds (``math.inf``: nobody abandons, the
    result is Erlang C's). With theta = 1/patience the birth-death chain has birth rate lambda
    and death rate ``min(n, N)/aht + max(n - N, 0) theta`` in state n; it is solved exactly: the
    states below N by Erlang B, the queue tail as a series in log space cut when negligible.

    * ``p_wait``: P(n >= N) seen by an arrival (PASTA): the share of calls that wait at all.
    * ``p_abandon``: ``theta E[queue] / lambda``.
    * ``asa``: ``E[queue] / lambda`` in seconds: by Little's law the mean time in queue over
      *all* arrivals, counting a call that abandons by its time to abandon and a call answered
      at once as 0.
    * ``service_level``: P(answered within ``target``): the share of *all offered* calls that
      are served after a wait of at most ``target``; calls that abandon count as missed. An
      arrival that finds q callers ahead is served after q + 1 exits at rates
      ``N/aht + j theta``, j = q .. 0, unless its own patience runs out first. Summed over the
      stationary distribution this has the closed form used here
      ``pi_N (N/aht) integral_0^t exp(-(N/aht + theta) s + (lambda/theta)(1 - exp(-theta s))) ds``.
    * ``occupancy``: busy agents / agents ``= lambda (1 - p_abandon) aht / N`` (0.0 without agents).

    With finite patience the queue is stable with any number of agents (abandonment bounds
    it), so every value is finite, also when ``agents <= A``.

    >>> r = erlang_a(100, 1800, aht=180, patience=300, agents=14, target=20)
    >>> round(r.p_wait, 5), round(r.p_abandon, 6), round(r.occupancy, 6)
    (0.14526, 0.013984, 0.704297)
    >>> round(r.asa / 60, 6), round(r.service_level, 6)  # ASA in minutes
    (0.069919, 0.916792)
    >>> c = erlang_a(100, 1800, aht=180, patience=math.inf, agents=14, target=20)
    >>> round(c.p_wait, 7), round(c.service_level, 5), c.p_abandon
    (0.1741319, 0.88835, 0.0)
    """
    n_calls = _non_negative("calls", calls, _CALLS)
    length = _positive("interval", interval, _SECONDS)
    h = _positive("aht", aht, _SECONDS)
    patient = "a positive number of seconds (math.inf: never abandons)"
    wait_limit = _within("patience", patience, _PATIENCE, patient)
    n = _count("agents", agents)
    t = _non_negative("target", target, _SECONDS_OR_ZERO)
    return _erlang_a_checked(n_calls, length, h, wait_limit, n, t)


def _erlang_a_checked(
    n_calls: float,
    length: float,
    h: float,
    wait_limit: float,
    n: int,
    t: float,
    tail: tuple[float, float, float] | None = None,
) -> ErlangAResult:
    """:func:`erlang_a` on inputs already checked: Python floats in range, ``n`` an int.

    ``tail`` is what :func:`_tail` gives for these inputs (``x``, ``b`` and ``shrink`` as
    :func:`_tail_arguments` writes them), where the caller has it already.
    """
    lam = n_calls / length
    traffic = n_calls * h / length
    if traffic == 0:
        return ErlangAResult(p_wait=0.0, p_abandon=0.0, service_level=1.0, asa=0.0, occupancy=0.0)
    b_n = _erlang_b(traffic, n)

    if wait_limit == math.inf:
        c = _erlang_c_from_b(traffic, n, b_n)
        occupancy = 0.0 if n == 0 else min(1.0, traffic / n)
        return ErlangAResult(
            p_wait=c,
            p_abandon=0.0,
            service_level=_service_level_from_c(traffic, n, c, h, t),
            asa=_asa_from_c(traffic, n, c, h),
            occupancy=occupancy,
        )

    theta = 1 / wait_limit
    x, bq, shrink = _tail_arguments(n_calls, length, h, wait_limit, n, t)
    log_s, mean_q, log_d = tail if tail is not None else _tail(x, bq, shrink)
    if n == 0:
        p_wait = 1.0
    elif b_n == 0:  # Erlang B underflowed: far more agents than traffic
        p_wait = 0.0
    else:  # p_wait = pi_N S with pi_N = 1 / (1/B - 1 + S)
        p_wait = _expit(log_s + math.log(b_n) - math.log1p(-b_n))
    p_abandon = min(p_wait, p_wait * mean_q / x)  # only callers who wait can abandon; clip rounding
    mean_wait = p_wait * mean_q / lam

    # P(served within t, having waited) = pi_N (N/aht) integral_0^t exp(g(s)) ds,
    # g(s) = x (1 - exp(-theta s)) - (N/aht + theta) s. Expanding the integral in the same
    # weights w_q gives (N/A) p_wait [(S - 1)/S - exp(g(t)) D/S]: no second series, no overflow.
    served_fast = 0.0
    if n > 0 and p_wait > 0:
        g = -x * math.expm1(-theta * t) - (n / h + theta) * t
        late = math.exp(min(0.0, g + log_d - log_s))  # at most (S - 1)/S; min() only guards rounding
        served_fast = p_wait * n / traffic * (-math.expm1(-log_s) - late)
    sl = min(1.0, max(0.0, 1 - p_wait + served_fast))
    occupancy = 0.0 if n == 0 else min(1.0, lam * (1 - p_abandon) * h / n)
    return ErlangAResult(
        p_wait=p_wait, p_abandon=p_abandon, service_level=sl, asa=mean_wait, occupancy=occupancy
    )
