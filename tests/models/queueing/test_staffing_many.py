"""Does staffing many intervals at once equal staffing them one by one?"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.queueing import StaffingResult, required_agents, required_agents_many

targets = st.floats(min_value=0, max_value=300, allow_nan=False)


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
