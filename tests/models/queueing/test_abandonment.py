"""Does Erlang A give the literature's figures, agree with the chain it solves and stay a sane queue?"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.queueing import ErlangAResult, asa, erlang_a, erlang_c, required_agents, service_level

CALLS, INTERVAL, AHT = 100, 1800, 180
targets = st.floats(min_value=0, max_value=300, allow_nan=False)


# --------------------------------------------------------------------------- reference values


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
    from grader.models.queueing import abandonment

    exact = erlang_a(calls, 900, aht, patience, agents, 20)
    monkeypatch.setattr(abandonment, "_EXACT_PEAK", 0)
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
