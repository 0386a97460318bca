"""Queueing models for workforce management: Erlang B, Erlang C and Erlang A (M/M/N+M).

Conventions used throughout:

* Times (``interval``, ``aht``, ``target``, ``target_time``, ``patience``, and every ``asa``
  returned) are in **seconds**; traffic is in **Erlangs**, ``A = calls x aht / interval``.
* Agents (servers) are non-negative integers.
* When agents do not exceed the traffic (``N <= A``, ``A > 0``) an Erlang C queue grows without
  bound. That is a result, not an error: P(wait) is 1.0, the service level 0.0 and the ASA
  ``math.inf``.
* Zero traffic is served perfectly by any number of agents: P(wait) 0.0, service level 1.0,
  ASA 0.0 (and ``required_agents`` staffs it with 0 agents).
* Bad inputs (negative, NaN, infinite where a finite value is needed, zero interval or AHT,
  non-numbers) raise ``ValueError`` naming the argument.

Erlang B uses the stable recursion ``B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1))``, Erlang C is
derived from it (``C = N B / (N - A (1 - B))``), so both stay exact to rounding for thousands of
agents. Erlang A is computed exactly from its birth-death chain, in log space, with closed forms
for the waiting-time distribution (see :func:`erlang_a`). ``required_agents_many`` staffs a whole
week of intervals at once with NumPy.

>>> round(erlang_c(10, 14), 7)
0.1741319
>>> required_agents(100, 1800, 180, 0.8, 20).raw_agents
14
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "ErlangAResult",
    "StaffingResult",
    "asa",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "required_agents",
    "required_agents_many",
    "service_level",
]

_NEGLIGIBLE = 1e-17  # a series is cut once what is left is below this share of what was summed
_EXACT_PEAK = 4096  # below this, the Erlang A tail series is summed exactly from its first term
_MAX_CHUNK = 1 << 16
_SEARCH_STRIDE = 4  # vectorised search: rows of N added between checks (a week needs about 2 checks)
_SCHEDULE_SLACK = 1e-9  # keeps 14 / (1 - 0.3) = 20.000000000000004 at 20 scheduled agents

ArrayLike = Sequence[float] | np.ndarray | pd.Series


# --------------------------------------------------------------------------- validation


def _shown(value: object) -> str:
    return str(value) if isinstance(value, numbers.Real) else repr(value)


def _number(name: str, value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    x = float(value)
    if math.isnan(x):
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    return x


def _non_negative(name: str, value: object, what: str) -> float:
    x = _number(name, value, what)
    if not 0 <= x < math.inf:
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    return x


def _positive(name: str, value: object, what: str) -> float:
    x = _number(name, value, what)
    if not 0 < x < math.inf:
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    return x


def _count(name: str, value: object) -> int:
    what = "a non-negative integer"
    x = _number(name, value, what)
    if not (0 <= x < math.inf and x.is_integer()):
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    return int(x)


def _fraction(
    name: str, value: object, low: float, high: float, *, closed_low: bool, closed_high: bool
) -> float:
    interval = f"{'[' if closed_low else '('}{low:g}, {high:g}{']' if closed_high else ')'}"
    what = f"a fraction in {interval}"
    x = _number(name, value, what)
    above = x >= low if closed_low else x > low
    below = x <= high if closed_high else x < high
    if not (above and below):
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    return x


_SECONDS = "a positive number of seconds"
_SECONDS_OR_ZERO = "a non-negative number of seconds"
_ERLANGS = "a non-negative number of Erlangs"
_CALLS = "a non-negative number of calls"


def _target_sl(value: object) -> float:
    return _fraction("target_sl", value, 0, 1, closed_low=False, closed_high=False)


def _max_occupancy(value: object) -> float | None:
    if value is None:
        return None
    return _fraction("max_occupancy", value, 0, 1, closed_low=False, closed_high=True)


def _shrinkage(value: object) -> float:
    return _fraction("shrinkage", value, 0, 1, closed_low=True, closed_high=False)


# --------------------------------------------------------------------------- Erlang B and C


def _erlang_b(traffic: float, servers: int) -> float:
    b = 1.0
    for k in range(1, servers + 1):
        t = traffic * b
        b = t / (t + k)
    return b


def _erlang_c_from_b(traffic: float, agents: int, b: float) -> float:
    if traffic == 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    return agents * b / (agents - traffic * (1 - b))


def _service_level_from_c(traffic: float, agents: int, c: float, aht: float, target: float) -> float:
    if traffic == 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    return 1 - c * math.exp(-((agents - traffic) * target) / aht)


def _asa_from_c(traffic: float, agents: int, c: float, aht: float) -> float:
    if traffic == 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return c * aht / (agents - traffic)


def erlang_b(traffic: float, servers: int) -> float:
    """Blocking probability of an M/M/N/N loss system (Erlang B) with ``traffic`` Erlangs.

    Computed by the recursion ``B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1))``, which never
    overflows and stays accurate for thousands of servers.

    >>> round(erlang_b(10, 16), 4), round(erlang_b(10, 17), 4)  # 17 lines keep blocking under 2 %
    (0.0223, 0.0129)
    >>> erlang_b(10, 0)
    1.0
    >>> erlang_b(-1, 3)
    Traceback (most recent call last):
    ...
    ValueError: traffic must be a non-negative number of Erlangs, got -1
    """
    a = _non_negative("traffic", traffic, _ERLANGS)
    n = _count("servers", servers)
    return _erlang_b(a, n)


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that a call waits (Erlang C): ``C = N B / (N - A (1 - B))``.

    When ``agents <= traffic`` (and traffic is positive) the queue grows without bound and
    every call waits: the result is 1.0, not an exception. With zero traffic no call waits.

    >>> round(erlang_c(10, 14), 7)
    0.1741319
    >>> erlang_c(10, 10)
    1.0
    >>> 0 < erlang_c(950, 1000) < 1  # exact and finite at a thousand agents
    True
    """
    a = _non_negative("traffic", traffic, _ERLANGS)
    n = _count("agents", agents)
    return _erlang_c_from_b(a, n, _erlang_b(a, n))


def service_level(traffic: float, agents: int, aht: float, target: float) -> float:
    """Share of calls answered within ``target`` seconds (Erlang C).

    ``SL = 1 - C exp(-(N - A) target / aht)``; 0.0 when ``agents <= traffic``.

    >>> round(service_level(10, 14, aht=180, target=20), 5)
    0.88835
    >>> service_level(10, 9, aht=180, target=20)
    0.0
    >>> service_level(10, 14, aht=-3, target=20)
    Traceback (most recent call last):
    ...
    ValueError: aht must be a positive number of seconds, got -3
    """
    a = _non_negative("traffic", traffic, _ERLANGS)
    n = _count("agents", agents)
    h = _positive("aht", aht, _SECONDS)
    t = _non_negative("target", target, _SECONDS_OR_ZERO)
    c = _erlang_c_from_b(a, n, _erlang_b(a, n))
    return _service_level_from_c(a, n, c, h, t)


def asa(traffic: float, agents: int, aht: float) -> float:
    """Average speed of answer in seconds (Erlang C): ``C aht / (N - A)``, the mean wait of all calls.

    ``math.inf`` when ``agents <= traffic``.

    >>> round(asa(10, 14, aht=180), 3)
    7.836
    >>> asa(10, 10, aht=180)
    inf
    """
    a = _non_negative("traffic", traffic, _ERLANGS)
    n = _count("agents", agents)
    h = _positive("aht", aht, _SECONDS)
    c = _erlang_c_from_b(a, n, _erlang_b(a, n))
    return _asa_from_c(a, n, c, h)


# --------------------------------------------------------------------------- Erlang A


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
    wait_limit = _number("patience", patience, patient)
    if not wait_limit > 0:
        raise ValueError(f"patience must be {patient}, got {_shown(patience)}")
    n = _count("agents", agents)
    t = _non_negative("target", target, _SECONDS_OR_ZERO)

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
    x = lam * wait_limit  # lambda / theta
    bq = n * wait_limit / h  # N mu / theta
    log_s, mean_q, log_d = _tail(x, bq, theta * t)
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


# --------------------------------------------------------------------------- staffing


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


def _check(name: str, arr: np.ndarray, ok: np.ndarray, what: str) -> None:
    bad = np.flatnonzero(~ok)
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"{name} must be {what}, got {arr[i]} at position {i}")


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


def _staff_many(
    traffic: np.ndarray, aht: np.ndarray, goal: np.ndarray, t: np.ndarray, cap: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Raw agents, service level, P(wait) and B for traffic > 0, the same arithmetic as the scalar."""
    n0 = np.floor(traffic) + 1
    if cap is not None:
        by_occ = np.maximum(1.0, np.ceil(traffic / cap))
        by_occ += traffic / by_occ > cap
        by_occ -= (by_occ > 1) & (traffic / np.maximum(by_occ - 1, 1) <= cap)
        n0 = np.maximum(n0, by_occ)
    b = _erlang_b_many(traffic, n0)
    rows = [b]
    j = 0
    while True:  # add rows N = n0 + j, 4 at a time, until every interval meets its target in the last
        for _ in range(_SEARCH_STRIDE):
            j += 1
            tb = traffic * b
            b = tb / (tb + (n0 + j))
            rows.append(b)
        n = n0 + j
        c = n * b / (n - traffic * (1 - b))
        if np.all(1 - c * np.exp(-((n - traffic) * t) / aht) >= goal):
            break
    bs = np.vstack(rows)
    ns = n0 + np.arange(len(rows))[:, None]
    cs = ns * bs / (ns - traffic * (1 - bs))
    sls = 1 - cs * np.exp(-((ns - traffic) * t) / aht)
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
    calls_a = _array("calls", calls, None, "a number of calls")
    _check("calls", calls_a, (calls_a >= 0) & np.isfinite(calls_a), "non-negative numbers of calls")
    size = calls_a.size
    length = _array("interval", interval, size, "a number of seconds")
    _check("interval", length, (length > 0) & np.isfinite(length), "positive numbers of seconds")
    h = _array("aht", aht, size, "a number of seconds")
    _check("aht", h, (h > 0) & np.isfinite(h), "positive numbers of seconds")
    goal = _array("target_sl", target_sl, size, "a fraction")
    _check("target_sl", goal, (goal > 0) & (goal < 1), "fractions in (0, 1)")
    t = _array("target_time", target_time, size, "a number of seconds")
    _check("target_time", t, (t >= 0) & np.isfinite(t), "non-negative numbers of seconds")
    cap = None
    if max_occupancy is not None:
        cap = _array("max_occupancy", max_occupancy, size, "a fraction")
        _check("max_occupancy", cap, (cap > 0) & (cap <= 1), "fractions in (0, 1]")
    loss = _array("shrinkage", shrinkage, size, "a fraction")
    _check("shrinkage", loss, (loss >= 0) & (loss < 1), "fractions in [0, 1)")

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
