"""Does every queueing model refuse a bad input by naming the argument, and accept NumPy numbers?"""

from __future__ import annotations

import math

import numpy as np
import pytest

from grader.models.queueing import (
    asa,
    erlang_a,
    erlang_b,
    erlang_c,
    required_agents,
    required_agents_many,
    service_level,
)

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
