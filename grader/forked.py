"""Work over a whole cohort shared between forked processes, where the machine has CPUs to spare.

A report opens every learner's lab: hundreds of independent pieces of work, each a fraction
of a second.  Forked workers start with everything the parent has imported and built (lab
code, realised variants, the cohort's answers), so only each piece's arguments and result
travel between processes.  Where fork is not available, or no worker can be started, the
work is done in this process, with the same results in the same order.

While the workers compute, the parent is free: ``meanwhile`` gives it work that does not
depend on their results (importing Altair for the charts, say), so that work no longer
waits for theirs, nor theirs for it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

__all__ = ["PER_PROCESS", "available_cpus", "forked_map"]

T = TypeVar("T")
R = TypeVar("R")

# A worker needs at least this many items to earn its start (tens of milliseconds).
PER_PROCESS = 16


def available_cpus() -> int:
    """The CPUs this process may run on: fewer than the machine has under a container's or taskset's limit."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def forked_map(
    function: Callable[[T], R],
    items: Sequence[T],
    processes: int | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[R]:
    """``[function(item) for item in items]``, over up to ``processes`` forked workers (default: the CPUs).

    ``function`` must be a module-level function; what it reads besides its item it finds
    in the state the workers inherit.  ``meanwhile`` is called once in this process, while
    the workers compute (before the loop, where the work is done here).
    """
    workers = min(processes or available_cpus(), len(items) // PER_PROCESS)
    pool = _forking_pool(workers) if workers > 1 else None
    if pool is not None:
        # Several chunks per worker, so one slow chunk does not leave the other worker idle.
        chunk = max(1, len(items) // (workers * 4))
        with pool:
            try:
                # map() hands every chunk to the workers before it returns: they are busy from here.
                results = pool.map(function, items, chunksize=chunk)
            except (BrokenProcessPool, OSError):
                results = None  # no worker could be started: do the work here
            if results is not None:
                if meanwhile is not None:
                    # Outside the guard below: an error of its own is its caller's to see.
                    meanwhile, later = None, meanwhile
                    later()
                try:
                    return list(results)
                except (BrokenProcessPool, OSError):
                    pass  # a worker was lost: do the work here
    if meanwhile is not None:
        meanwhile()
    return [function(item) for item in items]


def _forking_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` forked processes, or None where fork or the pool's locks are not available."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    except OSError:  # no shared-memory locks (some sandboxes): do the work here
        return None
