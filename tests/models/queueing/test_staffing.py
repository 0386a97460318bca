"""Does staffing one interval find the fewest agents under an occupancy cap, then add shrinkage?"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.queueing import required_agents, service_level

CALLS, INTERVAL, AHT = 100, 1800, 180
targets = st.floats(min_value=0, max_value=300, allow_nan=False)


# --------------------------------------------------------------------------- reference values


def test_occupancy_cap_reference():
    """Does a 70 % occupancy cap on that load need 15 agents: SL 0.941, occupancy 0.667, P(wait) 0.102?"""
    r = required_agents(CALLS, INTERVAL, AHT, 0.8, 20, max_occupancy=0.70)
    assert r.raw_agents == 15
    assert round(r.service_level, 3) == 0.941
    assert round(r.occupancy, 3) == 0.667
    assert round(r.p_wait, 3) == 0.102


# --------------------------------------------------------------------------- properties


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
