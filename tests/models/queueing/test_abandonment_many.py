"""Does Erlang A over many intervals give, interval by interval, exactly what Erlang A gives?"""

from __future__ import annotations

import math

import numpy as np
import pytest

from grader.models.queueing import erlang_a, erlang_a_many


def _week_of_levels() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Twenty weeks of nine load levels, as lab 04 asks: calls, AHT per week, agents per level."""
    rng = np.random.default_rng(4)
    calls = rng.uniform(0, 900, (20, 9))
    calls[0, 0] = 0.0  # an empty half-hour
    aht = rng.uniform(200, 700, 20)
    agents = rng.integers(1, 60, (20, 9))
    return calls, aht, agents


def test_every_interval_equals_its_own_erlang_a():
    """Is each result of a week at once bit for bit the one-interval result, in row-major order?"""
    calls, aht, agents = _week_of_levels()
    many = erlang_a_many(calls, 1800.0, aht[:, None], 300.0, agents, 20.0)
    one_by_one = [
        erlang_a(calls[w, j], 1800.0, aht[w], 300.0, int(agents[w, j]), 20.0)
        for w in range(calls.shape[0])
        for j in range(calls.shape[1])
    ]
    assert many == one_by_one


def test_queues_of_every_size_equal_their_own_erlang_a():
    """From a trickle to an overloaded queue whose series needs many terms, is each result exact?"""
    rng = np.random.default_rng(13)
    size = 400
    calls = np.exp(rng.uniform(np.log(0.1), np.log(1e5), size))
    aht, patience = rng.uniform(30, 2000, size), rng.uniform(10, 2000, size)
    agents, target = rng.integers(0, 200, size), rng.uniform(0, 120, size)
    many = erlang_a_many(calls, 1800.0, aht, patience, agents, target)
    assert many == [
        erlang_a(calls[i], 1800.0, aht[i], patience[i], int(agents[i]), target[i]) for i in range(size)
    ]


def test_patience_without_end_gives_erlang_c_as_erlang_a_does():
    """Do callers who never hang up give the same figures as the one-interval function?"""
    many = erlang_a_many([100, 250], 1800, 180, math.inf, [14, 30], [20, 0])
    assert many == [erlang_a(100, 1800, 180, math.inf, 14, 20), erlang_a(250, 1800, 180, math.inf, 30, 0)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (([100, -1], 1800, 180, 300, 14, 20), "calls must be a non-negative number of calls, got -1"),
        (([100], 0, 180, 300, 14, 20), "interval must be a positive number of seconds, got 0"),
        (([100], 1800, [float("nan")], 300, 14, 20), "aht must be a positive number of seconds, got nan"),
        (([100], 1800, 180, 0, 14, 20), "patience must be a positive number of seconds"),
        (([100], 1800, 180, 300, [14.5], 20), "agents must be a non-negative integer, got 14.5"),
        (([100], 1800, 180, 300, [True], 20), "agents must be a non-negative integer"),
        (([100], 1800, 180, 300, 14, ["20"]), "target must be a non-negative number of seconds"),
    ],
)
def test_a_bad_input_is_named_as_erlang_a_names_it(arguments, message):
    """Is a bad element refused with the argument's name, as the one-interval function refuses it?"""
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        erlang_a_many(*arguments)
