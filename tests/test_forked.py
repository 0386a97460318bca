"""Does work shared between forked processes come back whole, in order, and as a plain loop gives it?"""

from __future__ import annotations

import os

import pytest

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


def _parent_pid(_item: int) -> int:
    return os.getppid()


def test_the_parent_works_while_its_workers_compute():
    """Is `meanwhile` called once, in this process, with the workers already given their work?"""
    calls = []
    results = forked_map(
        _parent_pid, list(range(PER_PROCESS * 4)), processes=2, meanwhile=lambda: calls.append(os.getpid())
    )
    assert calls == [os.getpid()]
    assert set(results) == {os.getpid()}


def test_the_parent_work_is_done_without_workers_too():
    """With too few items to earn a worker, is `meanwhile` still called, once?"""
    calls = []
    forked_map(_doubled_where, [1, 2], processes=2, meanwhile=lambda: calls.append("done"))
    assert calls == ["done"]


def test_a_process_limited_to_one_cpu_forks_no_worker(monkeypatch):
    """Confined to one CPU (a container's or taskset's limit) on a bigger machine, is the work done here?"""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    results = forked_map(_doubled_where, list(range(PER_PROCESS * 4)))
    assert {pid for _, pid in results} == {os.getpid()}


def test_an_error_of_the_parents_own_work_is_raised():
    """Does an OSError of `meanwhile` reach the caller, not pass for a lost worker and redo the work here?"""

    def refused() -> None:
        raise PermissionError("the parent's own file")

    with pytest.raises(PermissionError, match="the parent's own file"):
        forked_map(_doubled_where, list(range(PER_PROCESS * 4)), processes=2, meanwhile=refused)
