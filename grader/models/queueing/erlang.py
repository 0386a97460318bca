"""Erlang B (calls lost when every line is busy) and Erlang C (calls wait): P(wait), service level, ASA.

Erlang B uses the stable recursion ``B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1))``, Erlang C is
derived from it (``C = N B / (N - A (1 - B))``), so both stay exact to rounding for thousands of
agents. The unchecked ``_..._from_...`` helpers are shared with Erlang A and staffing, which
have checked their inputs already.
"""

from __future__ import annotations

import math

from grader.models.queueing.inputs import (
    _ERLANGS,
    _SECONDS,
    _SECONDS_OR_ZERO,
    _count,
    _non_negative,
    _positive,
)

__all__ = ["asa", "erlang_b", "erlang_c", "service_level"]


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
