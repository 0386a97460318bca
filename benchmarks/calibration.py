"""One calibration figure printed beside every benchmark's results.

Machines of the same kind differ (the same benchmark has run 3-4x slower on one 2-core
machine than on another), so an absolute time means little alone.  This times a fixed,
pure-CPU workload in the same run; comparing it between two machines says how much of a
difference in results is the machine.
"""

from __future__ import annotations

import hashlib
import time


def _workload() -> int:
    # Fixed work: hashing and sorting, no I/O, no allocation growth, single-threaded.
    digest = b"decisionlab"
    for _ in range(20_000):
        digest = hashlib.sha256(digest).digest()
    return sum(sorted(range(200_000), key=lambda i: (i * 7919) % 10007)[:10])


def calibration_ms(repeats: int = 5) -> float:
    """Best-of-``repeats`` time of the fixed workload, in milliseconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        _workload()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def calibration_line() -> str:
    return f"calibration: fixed CPU workload {calibration_ms():.1f} ms (best of 5; compare machines by this)"


if __name__ == "__main__":
    print(calibration_line())
