"""Does work shared between forked processes come back whole, in order, and as a plain loop gives it?"""

from __future__ import annotations

import os

from grader.forked import PER_PROCESS, forked_map


def _doubled_where(item: int) -> tuple[int, int]:
    return item * 2, os.getpid()


def test_shared_work_comes_back_in_order_from_other_processes():
    """With items enough for two workers, is every result there, in order, and made outside this process?"""
    items = list(range(PER_PROCESS * 4))
    results = forked_map(_doubled_where, items, processes=2)
    assert [doubled for doubled, _ in results] == [i * 2 for i in items]
    assert os.getpid() not in {pid for _, pid in results}


def test_a_little_work_is_done_here():
    """With too few items to earn a worker, is the work done in this process?"""
    results = forked_map(_doubled_where, list(range(PER_PROCESS - 1)), processes=2)
    assert {pid for _, pid in results} == {os.getpid()}
