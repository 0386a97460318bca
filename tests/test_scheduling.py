"""Does ``-n auto`` start as many workers as the selected tests can keep busy?"""

from __future__ import annotations

import os

import pytest

from tests.conftest import leaves_out_slow_tests, pytest_xdist_auto_num_workers


@pytest.mark.parametrize("markexpr", ["not slow", "not slow and not browser", "long and not slow"])
def test_a_run_without_slow_tests_is_recognised(markexpr):
    """Is an expression that deselects every slow test, whatever its other marks, recognised?"""
    assert leaves_out_slow_tests(markexpr)


MAY_HOLD_SLOW_TESTS = ["", "slow", "browser", "not browser", "not long", "not (", "slow or not slow"]


@pytest.mark.parametrize("markexpr", MAY_HOLD_SLOW_TESTS)
def test_a_run_that_may_hold_slow_tests_is_not(markexpr):
    """Is an expression under which some slow test still runs (or no expression, or a malformed
    one) never taken for a run without slow tests?"""
    assert not leaves_out_slow_tests(markexpr)


class _Config:
    def __init__(self, markexpr: str) -> None:
        self.markexpr = markexpr

    def getoption(self, name: str, default: object = None) -> object:
        return self.markexpr if name == "markexpr" else default


def test_only_the_slow_tests_get_a_worker_more_than_the_cpus():
    """Does ``-m "not slow"`` get one worker per CPU, and the whole suite one more?"""
    cpus = os.cpu_count() or 1
    assert pytest_xdist_auto_num_workers(_Config("not slow")) == cpus
    assert pytest_xdist_auto_num_workers(_Config("")) == cpus + 1
