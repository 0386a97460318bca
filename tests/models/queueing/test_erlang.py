"""Do Erlang B and C give the published figures and behave as queues must?"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.queueing import (
    ErlangAResult,
    asa,
    erlang_a,
    erlang_b,
    erlang_c,
    required_agents,
    service_level,
)

CALLS, INTERVAL, AHT = 100, 1800, 180
traffics = st.floats(min_value=0.01, max_value=400, allow_nan=False)
ahts = st.floats(min_value=5, max_value=3600, allow_nan=False)
targets = st.floats(min_value=0, max_value=300, allow_nan=False)


# --------------------------------------------------------------------------- reference values


def test_erlang_c_reference():
    """Does 10 Erlangs on 14 agents give P(wait) 0.1741319, SL 0.88835, ASA 7.836 s, occupancy 0.714?"""
    assert erlang_c(10, 14) == pytest.approx(0.1741319, rel=1e-6)
    assert round(service_level(10, 14, AHT, 20), 5) == 0.88835
    assert round(asa(10, 14, AHT), 3) == 7.836
    r = required_agents(CALLS, INTERVAL, AHT, 0.8, 20)
    assert r.traffic == pytest.approx(10)
    assert r.raw_agents == 14
    assert round(r.occupancy, 3) == 0.714
    assert r.p_wait == pytest.approx(0.1741319, rel=1e-6)


def test_erlang_b_reference():
    """Does 10 Erlangs need 17 lines for at most 2 % blocking (B(16) = 0.0223, B(17) = 0.0129)?"""
    assert round(erlang_b(10, 16), 4) == 0.0223
    assert round(erlang_b(10, 17), 4) == 0.0129
    assert min(n for n in range(40) if erlang_b(10, n) <= 0.02) == 17


# --------------------------------------------------------------------------- independent checks


def _erlang_b_direct(a: float, n: int) -> float:
    terms = [a**k / math.factorial(k) for k in range(n + 1)]
    return terms[-1] / sum(terms)


@given(a=st.floats(min_value=0.01, max_value=30), n=st.integers(0, 40))
def test_erlang_b_matches_textbook_formula(a, n):
    """Does the recursion equal (A^N/N!) / sum(A^k/k!) where that formula is still safe?"""
    assert erlang_b(a, n) == pytest.approx(_erlang_b_direct(a, n), rel=1e-12)


# --------------------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None)
@given(a=traffics, extra=st.integers(0, 60), aht=ahts, target=targets)
def test_service_level_rises_with_agents(a, extra, aht, target):
    """Does service level rise (or stay) with every added agent?"""
    n = max(0, math.floor(a) - 2 + extra)
    assert service_level(a, n, aht, target) <= service_level(a, n + 1, aht, target) + 1e-12


@settings(max_examples=200, deadline=None)
@given(
    calls=st.floats(min_value=1, max_value=500),
    agents=st.integers(1, 200),
    aht=ahts,
    longer=st.floats(min_value=1, max_value=3),
    target=targets,
)
def test_service_level_falls_with_aht(calls, agents, aht, longer, target):
    """Does a longer handling time (more traffic from the same calls) never raise service level?"""

    def sl(h):
        return service_level(calls * h / 900, agents, h, target)

    assert sl(aht * longer) <= sl(aht) + 1e-12


@settings(max_examples=200, deadline=None)
@given(a=st.floats(min_value=0, max_value=3000), n=st.integers(0, 3000))
def test_p_wait_is_a_probability(a, n):
    """Is P(wait) always within [0, 1]?"""
    c = erlang_c(a, n)
    assert 0 <= c <= 1
    assert 0 <= erlang_b(a, n) <= 1


@pytest.mark.parametrize(("a", "n"), [(950, 1000), (1900, 2000), (4990, 5000), (100, 5000)])
def test_erlang_c_at_thousands_of_agents(a, n):
    """Is Erlang C finite and a probability at 1,000+ agents?"""
    c = erlang_c(a, n)
    assert math.isfinite(c) and 0 <= c <= 1
    sl = service_level(a, n, 300, 20)
    assert math.isfinite(sl) and 0 <= sl <= 1
    assert math.isfinite(asa(a, n, 300))


def test_erlang_c_large_system_value():
    """Does 950 Erlangs on 1,000 agents give the value of an exact high-precision computation?"""
    # Exact rational arithmetic: 1/B(N) = sum_k N!/(k! A^(N-k)).
    from fractions import Fraction

    a, n = Fraction(950), 1000
    inv_b, term = Fraction(1), Fraction(1)
    for k in range(n, 0, -1):
        term = term * k / a
        inv_b += term
    b = 1 / inv_b
    c = n * b / (n - a * (1 - b))
    assert erlang_c(950, 1000) == pytest.approx(float(c), rel=1e-12)


@settings(max_examples=100, deadline=None)
@given(a=traffics, short=st.integers(0, 5), aht=ahts, target=targets)
def test_too_few_agents_never_clear_the_queue(a, short, aht, target):
    """With agents <= traffic, does every call wait, SL fall to 0 and ASA become infinite?"""
    n = max(0, math.floor(a) - short)
    assert erlang_c(a, n) == 1.0
    assert service_level(a, n, aht, target) == 0.0
    assert asa(a, n, aht) == math.inf


def test_zero_traffic():
    """Does an interval without calls never wait and need no agents?"""
    assert erlang_c(0, 0) == 0.0 and erlang_c(0, 3) == 0.0
    assert service_level(0, 0, 180, 20) == 1.0
    assert asa(0, 2, 180) == 0.0
    r = required_agents(0, 900, 300, 0.8, 20, shrinkage=0.3)
    assert (r.raw_agents, r.scheduled_agents, r.service_level, r.asa) == (0, 0, 1.0, 0.0)
    assert erlang_a(0, 900, 300, 60, 0, 20) == ErlangAResult(0.0, 0.0, 1.0, 0.0, 0.0)
