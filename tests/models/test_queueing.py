"""Do the Erlang B, C and A models give the published figures, behave as queues must and refuse bad inputs?"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.queueing import (
    ErlangAResult,
    StaffingResult,
    asa,
    erlang_a,
    erlang_b,
    erlang_c,
    required_agents,
    required_agents_many,
    service_level,
)

# 100 calls per 30 minutes, AHT 3 minutes: 10 Erlangs.
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


def test_occupancy_cap_reference():
    """Does a 70 % occupancy cap on that load need 15 agents: SL 0.941, occupancy 0.667, P(wait) 0.102?"""
    r = required_agents(CALLS, INTERVAL, AHT, 0.8, 20, max_occupancy=0.70)
    assert r.raw_agents == 15
    assert round(r.service_level, 3) == 0.941
    assert round(r.occupancy, 3) == 0.667
    assert round(r.p_wait, 3) == 0.102


def test_erlang_b_reference():
    """Does 10 Erlangs need 17 lines for at most 2 % blocking (B(16) = 0.0223, B(17) = 0.0129)?"""
    assert round(erlang_b(10, 16), 4) == 0.0223
    assert round(erlang_b(10, 17), 4) == 0.0129
    assert min(n for n in range(40) if erlang_b(10, n) <= 0.02) == 17


def test_erlang_a_reference():
    """Does Erlang A with 5 minutes' mean patience give the literature's five figures?"""
    r = erlang_a(CALLS, INTERVAL, AHT, patience=300, agents=14, target=20)
    assert isinstance(r, ErlangAResult)
    assert round(r.p_wait, 5) == 0.14526
    assert r.p_abandon == pytest.approx(0.013984, rel=1e-4)
    assert round(r.p_abandon, 6) == 0.013984
    assert round(r.occupancy, 6) == 0.704297
    assert round(r.asa / 60, 6) == 0.069919
    assert round(r.service_level, 6) == 0.916792


def test_erlang_a_is_frozen():
    """Can a result not be changed after the fact?"""
    r = erlang_a(CALLS, INTERVAL, AHT, 300, 14, 20)
    with pytest.raises(AttributeError):
        r.p_wait = 0.0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        required_agents(CALLS, INTERVAL, AHT, 0.8, 20).raw_agents = 1  # type: ignore[misc]


# --------------------------------------------------------------------------- independent checks


def _erlang_b_direct(a: float, n: int) -> float:
    terms = [a**k / math.factorial(k) for k in range(n + 1)]
    return terms[-1] / sum(terms)


@given(a=st.floats(min_value=0.01, max_value=30), n=st.integers(0, 40))
def test_erlang_b_matches_textbook_formula(a, n):
    """Does the recursion equal (A^N/N!) / sum(A^k/k!) where that formula is still safe?"""
    assert erlang_b(a, n) == pytest.approx(_erlang_b_direct(a, n), rel=1e-12)


def _erlang_a_brute(calls, interval, aht, patience, n, target, states=400):
    """Truncated birth-death chain; each waiting state's chance of service in time by uniformisation."""
    lam, mu, theta = calls / interval, 1 / aht, 1 / patience
    w = [1.0]
    for k in range(1, states):
        w.append(w[-1] * lam / (min(k, n) * mu + max(k - n, 0) * theta))
    pi = np.array(w) / sum(w)
    queue = np.maximum(np.arange(states) - n, 0)
    p_wait = pi[n:].sum()
    mean_queue = (queue * pi).sum()
    served_in_time = 0.0
    for q in range(states - n):
        if pi[n + q] < 1e-18:
            break
        # Phases j = q..0 callers ahead; leave a phase by an exit ahead (N mu + j theta) or own abandonment.
        rates = np.array([n * mu + j * theta for j in range(q, -1, -1)])
        total = rates + theta
        big = total.max()
        probs = np.zeros(q + 2)  # phase index 0..q, then "served"
        probs[0] = 1.0
        poisson = math.exp(-big * target)
        acc = 0.0
        for k in range(2000):
            acc += poisson * probs[-1]
            moved = np.zeros_like(probs)
            moved[1:-1] += probs[:-2] * rates[:-1] / big
            moved[-1] = probs[-1] + probs[-2] * rates[-1] / big
            moved[:-1] += probs[:-1] * (1 - total / big)
            probs = moved
            poisson *= big * target / (k + 1)
            if k > big * target and poisson < 1e-18:
                break
        served_in_time += pi[n + q] * acc
    return {
        "p_wait": p_wait,
        "p_abandon": theta * mean_queue / lam,
        "asa": mean_queue / lam,
        "service_level": 1 - p_wait + served_in_time,
    }


@pytest.mark.parametrize(
    ("calls", "interval", "aht", "patience", "agents", "target"),
    [
        (100, 1800, 180, 300, 14, 20),
        (100, 1800, 180, 60, 9, 30),  # under-staffed: stable only thanks to abandonment
        (40, 900, 240, 120, 12, 10),
        (250, 900, 300, 600, 80, 60),
        (300, 900, 300, 120, 90, 20),  # 100 Erlangs on 90 agents
    ],
)
def test_erlang_a_matches_brute_force(calls, interval, aht, patience, agents, target):
    """Does the closed-form Erlang A agree with a state-by-state computation of the same chain?"""
    got = erlang_a(calls, interval, aht, patience, agents, target)
    want = _erlang_a_brute(calls, interval, aht, patience, agents, target)
    for key, value in want.items():
        assert getattr(got, key) == pytest.approx(value, rel=1e-9, abs=1e-12), key


@pytest.mark.parametrize(
    ("calls", "aht", "patience", "agents"),
    [(3600, 300, 600, 1000), (3600, 300, 600, 1300), (900, 600, 3600, 400), (500, 240, 12000, 60)],
)
def test_erlang_a_series_started_at_its_mode_agrees(monkeypatch, calls, aht, patience, agents):
    """Does summing the queue series outward from its largest term (used for huge queues) agree?"""
    from grader.models import queueing

    exact = erlang_a(calls, 900, aht, patience, agents, 20)
    monkeypatch.setattr(queueing, "_EXACT_PEAK", 0)
    from_mode = erlang_a(calls, 900, aht, patience, agents, 20)
    for key in ("p_wait", "p_abandon", "service_level", "asa", "occupancy"):
        assert getattr(from_mode, key) == pytest.approx(getattr(exact, key), rel=1e-9, abs=1e-13), key


def test_erlang_a_huge_queue():
    """With a queue of thousands (60 agents for 133 Erlangs, patient callers), are the figures still right?"""
    r = erlang_a(500, 900, 240, 20000, 60, 20)
    assert r.p_wait == pytest.approx(1.0)
    assert r.p_abandon == pytest.approx(1 - 60 / (500 * 240 / 900), rel=1e-9)  # all agents always busy
    assert r.occupancy == pytest.approx(1.0)
    assert r.service_level < 1e-9  # thousands ahead: nobody is answered within 20 s
    later = erlang_a(500, 900, 240, 20000, 60, 1e6)
    assert later.service_level == pytest.approx(1 - later.p_abandon, abs=1e-9)


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


@settings(max_examples=100, deadline=None)
@given(
    calls=st.floats(min_value=1, max_value=400),
    aht=st.floats(min_value=30, max_value=900),
    headroom=st.floats(min_value=1.03, max_value=2),
    plus=st.integers(0, 5),
    target=st.floats(min_value=0, max_value=120),
)
def test_erlang_a_without_abandonment_is_erlang_c(calls, aht, headroom, plus, target):
    """With practically endless patience, does Erlang A give Erlang C's results?"""
    a = calls * aht / 900
    n = math.ceil(a * headroom) + plus
    # The gap to Erlang C shrinks in proportion to 1/patience: at 1e9 s it is still 1e-5 of a
    # 3,000 s mean wait, so take 1e13 s.
    huge = erlang_a(calls, 900, aht, patience=1e13, agents=n, target=target)
    endless = erlang_a(calls, 900, aht, patience=math.inf, agents=n, target=target)
    c = erlang_c(a, n)
    assert huge.p_wait == pytest.approx(c, rel=1e-6, abs=1e-12)
    assert huge.service_level == pytest.approx(service_level(a, n, aht, target), rel=1e-6, abs=1e-12)
    assert huge.asa == pytest.approx(asa(a, n, aht), rel=1e-6, abs=1e-9)
    assert huge.p_abandon < 1e-6
    assert huge.occupancy == pytest.approx(a / n, rel=1e-6)
    assert endless.p_wait == c and endless.p_abandon == 0.0
    assert endless.service_level == service_level(a, n, aht, target)


@settings(max_examples=200, deadline=None)
@given(
    calls=st.floats(min_value=0.5, max_value=2000),
    aht=st.floats(min_value=10, max_value=1800),
    patience=st.floats(min_value=1, max_value=3600),
    agents=st.integers(0, 1500),
    target=targets,
)
def test_erlang_a_is_a_sane_queue(calls, aht, patience, agents, target):
    """Are Erlang A's figures probabilities, is SL at most the answered share, and is the ASA finite?"""
    r = erlang_a(calls, 900, aht, patience, agents, target)
    for p in (r.p_wait, r.p_abandon, r.service_level, r.occupancy):
        assert 0 <= p <= 1
    assert r.p_abandon <= r.p_wait + 1e-12
    assert r.service_level <= 1 - r.p_abandon + 1e-9
    assert math.isfinite(r.asa) and 0 <= r.asa <= patience * (1 + 1e-9)


@settings(max_examples=100, deadline=None)
@given(
    calls=st.floats(min_value=1, max_value=500),
    patience=st.floats(min_value=10, max_value=1200),
    agents=st.integers(1, 120),
)
def test_erlang_a_service_level_tends_to_answered_share(calls, patience, agents):
    """Given a target far beyond any wait, is service level the share of calls answered?"""
    r = erlang_a(calls, 900, 240, patience, agents, target=1e6)
    assert r.service_level == pytest.approx(1 - r.p_abandon, abs=1e-9)


def test_erlang_a_at_thousands_of_agents():
    """Is Erlang A finite and sensible at 1,000+ agents, over- and under-staffed?"""
    # 950 Erlangs: 3.1667 calls/s for 300 s each.
    for agents in (900, 1000, 1200):
        r = erlang_a(950 * 900 / 300, 900, 300, 180, agents, 20)
        for value in (r.p_wait, r.p_abandon, r.service_level, r.occupancy, r.asa):
            assert math.isfinite(value)
        assert 0 <= r.p_wait <= 1 and 0 <= r.service_level <= 1
    assert erlang_a(2850, 900, 300, 180, 1000, 20).p_wait < erlang_c(950, 1000)


@settings(max_examples=100, deadline=None)
@given(
    calls=st.floats(min_value=0.1, max_value=600),
    aht=st.floats(min_value=20, max_value=900),
    goal=st.floats(min_value=0.05, max_value=0.99),
    target=targets,
    cap=st.none() | st.floats(min_value=0.5, max_value=1),
)
def test_required_agents_is_the_fewest(calls, aht, goal, target, cap):
    """Does required_agents meet the targets, and would one agent fewer miss one?"""
    r = required_agents(calls, 900, aht, goal, target, max_occupancy=cap)
    a = calls * aht / 900
    assert r.service_level >= goal
    assert r.service_level == service_level(a, r.raw_agents, aht, target)
    if cap is not None:
        assert r.occupancy <= cap
    fewer = r.raw_agents - 1
    misses_sl = service_level(a, fewer, aht, target) < goal
    misses_cap = cap is not None and (fewer == 0 or a / fewer > cap)
    assert misses_sl or misses_cap


@pytest.mark.parametrize(
    ("raw", "shrinkage", "scheduled"), [(14, 0.3, 20), (7, 0.3, 10), (15, 0.3, 22), (10, 0, 10)]
)
def test_shrinkage_rounds_up_without_float_noise(raw, shrinkage, scheduled):
    """Does shrinkage scale agents up to a whole number, without 14/0.7 = 20.000000000000004 adding one?"""
    # Pick a load whose raw staffing is `raw` by capping occupancy at exactly traffic / raw.
    r = required_agents(raw * 900 / 300 * 0.5, 900, 300, 0.01, 0, max_occupancy=0.5, shrinkage=shrinkage)
    assert r.raw_agents == raw
    assert r.scheduled_agents == scheduled


# --------------------------------------------------------------------------- vectorised


@settings(max_examples=60, deadline=None)
@given(
    calls=st.lists(st.one_of(st.just(0.0), st.floats(min_value=0, max_value=600)), min_size=1, max_size=40),
    aht_many=st.booleans(),
    goal=st.floats(min_value=0.05, max_value=0.99),
    target=targets,
    cap=st.none() | st.floats(min_value=0.4, max_value=1),
    shrinkage=st.floats(min_value=0, max_value=0.6),
    seed=st.integers(0, 1000),
)
def test_vectorised_equals_scalar(calls, aht_many, goal, target, cap, shrinkage, seed):
    """Does required_agents_many equal required_agents interval by interval?"""
    rng = np.random.default_rng(seed)
    ahts_ = rng.uniform(60, 900, len(calls)) if aht_many else 300.0
    table = required_agents_many(calls, 900, ahts_, goal, target, max_occupancy=cap, shrinkage=shrinkage)
    assert list(table.columns) == [
        "traffic",
        "raw_agents",
        "scheduled_agents",
        "service_level",
        "occupancy",
        "asa",
        "p_wait",
    ]
    assert len(table) == len(calls)
    for i, c in enumerate(calls):
        h = float(ahts_[i]) if aht_many else ahts_
        one = required_agents(c, 900, h, goal, target, max_occupancy=cap, shrinkage=shrinkage)
        row = table.iloc[i]
        assert (row.raw_agents, row.scheduled_agents) == (one.raw_agents, one.scheduled_agents)
        for key in ("traffic", "service_level", "occupancy", "asa", "p_wait"):
            assert row[key] == pytest.approx(getattr(one, key), rel=1e-12, abs=1e-15), key


def test_vectorised_per_interval_targets_and_index():
    """Can every argument vary by interval, and does a Series keep its index?"""
    index = pd.date_range("2025-01-06", periods=3, freq="15min")
    calls = pd.Series([120.0, 0.0, 260.0], index=index)
    table = required_agents_many(
        calls, 900, [240, 300, 360], [0.8, 0.9, 0.7], [20, 30, 15], [0.85, 1, 0.9], [0.3, 0.2, 0.1]
    )
    assert table.index.equals(index)
    for i, (c, h, g, t, cap, s) in enumerate(
        zip(
            calls,
            [240, 300, 360],
            [0.8, 0.9, 0.7],
            [20, 30, 15],
            [0.85, 1, 0.9],
            [0.3, 0.2, 0.1],
            strict=True,
        )
    ):
        one = required_agents(c, 900, h, g, t, max_occupancy=cap, shrinkage=s)
        assert isinstance(one, StaffingResult)
        assert table.iloc[i].raw_agents == one.raw_agents
        assert table.iloc[i].scheduled_agents == one.scheduled_agents


def test_vectorised_empty_week():
    """Does an empty list of intervals give an empty table with the usual columns?"""
    table = required_agents_many([], 900, 300, 0.8, 20)
    assert table.empty and "raw_agents" in table.columns


def test_vectorised_large_traffic():
    """Does the vectorised search stay exact for intervals of 1,000+ Erlangs?"""
    calls = np.array([3000.0, 3300.0, 10.0])
    table = required_agents_many(calls, 900, 300, 0.8, 20)
    for i, c in enumerate(calls):
        assert table.iloc[i].raw_agents == required_agents(c, 900, 300, 0.8, 20).raw_agents


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: erlang_b(-1, 3), "traffic"),
        (lambda: erlang_b(float("nan"), 3), "traffic"),
        (lambda: erlang_b(5, 2.5), "servers"),
        (lambda: erlang_b("5", 2), "traffic"),
        (lambda: erlang_c(5, -1), "agents"),
        (lambda: erlang_c(math.inf, 3), "traffic"),
        (lambda: erlang_c(5, True), "agents"),
        (lambda: service_level(10, 14, -3, 20), "aht"),
        (lambda: service_level(10, 14, 0, 20), "aht"),
        (lambda: service_level(10, 14, 180, -1), "target"),
        (lambda: asa(10, 14, None), "aht"),
        (lambda: erlang_a(100, 0, 180, 300, 14, 20), "interval"),
        (lambda: erlang_a(-100, 1800, 180, 300, 14, 20), "calls"),
        (lambda: erlang_a(100, 1800, 180, 0, 14, 20), "patience"),
        (lambda: erlang_a(100, 1800, 180, float("nan"), 14, 20), "patience"),
        (lambda: erlang_a(100, 1800, 180, 300, 14.5, 20), "agents"),
        (lambda: required_agents(100, 1800, 180, 1.2, 20), "target_sl"),
        (lambda: required_agents(100, 1800, 180, 0.8, "20"), "target_time"),
        (lambda: required_agents(100, 1800, 180, 0.8, 20, max_occupancy=0), "max_occupancy"),
        (lambda: required_agents(100, 1800, 180, 0.8, 20, shrinkage=1), "shrinkage"),
        (lambda: required_agents_many([100, float("nan")], 1800, 180, 0.8, 20), "calls"),
        (lambda: required_agents_many(["a", "b"], 1800, 180, 0.8, 20), "calls"),
        (lambda: required_agents_many([[1, 2]], 1800, 180, 0.8, 20), "calls"),
        (lambda: required_agents_many([100, 50], 1800, [180, 0], 0.8, 20), "aht"),
        (lambda: required_agents_many([100, 50], 1800, [180, 200, 300], 0.8, 20), "aht"),
        (lambda: required_agents_many([100, 50], 0, 180, 0.8, 20), "interval"),
        (lambda: required_agents_many([100], 1800, 180, 0, 20), "target_sl"),
        (lambda: required_agents_many([100], 1800, 180, 0.8, -5), "target_time"),
        (lambda: required_agents_many([100], 1800, 180, 0.8, 20, max_occupancy=1.5), "max_occupancy"),
        (lambda: required_agents_many([100], 1800, 180, 0.8, 20, shrinkage=-0.1), "shrinkage"),
    ],
)
def test_bad_inputs_name_the_argument(call, name):
    """Does each bad input raise ValueError whose message starts with the argument's name?"""
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        call()


def test_bad_aht_message_reads_well():
    """Does a negative AHT say what was expected and what was given?"""
    with pytest.raises(ValueError, match=r"^aht must be a positive number of seconds, got -3$"):
        required_agents(100, 1800, -3, 0.8, 20)


def test_numpy_scalars_are_accepted():
    """Do NumPy numbers work wherever Python numbers do?"""
    assert erlang_c(np.float64(10), np.int64(14)) == erlang_c(10, 14)
    assert erlang_b(10, 16.0) == erlang_b(10, 16)
