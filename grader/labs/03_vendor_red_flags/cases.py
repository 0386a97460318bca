"""The cases of lab 03's hidden test: ``benchmark_status`` on ranges and values drawn from a seed.

Each case is ``((value, low, high), expected)``, with :func:`.screening.benchmark_status`'s
answer.  An open side is ``None`` (the hidden test tries it as NaN too, as a blank CSV cell
reads); values fall below, inside, above and exactly on a bound, for shares and for counts.

>>> cases = benchmark_status_cases(3)
>>> sorted({expected for _, expected in cases})
['above', 'below', 'within']
>>> any(value in (low, high) for (value, low, high), _ in cases)
True
"""

from __future__ import annotations

import random

from .screening import benchmark_status

Bound = float | None
Arguments = tuple[float, Bound, Bound]


def _range(rng: random.Random) -> tuple[float, float]:
    if rng.random() < 0.5:  # a share, such as attrition or FCR
        low = round(rng.uniform(0.05, 0.6), 2)
        return low, round(low + rng.uniform(0.0, 0.3), 2)
    low = float(rng.randrange(2, 40))  # a count, such as agents per supervisor or weeks of training
    return low, low + rng.randrange(0, 25)


def _values(rng: random.Random, low: float, high: float) -> list[float]:
    width = high - low or 1.0
    return [
        low,
        high,
        round(low + width * rng.uniform(0.05, 0.95), 3),
        round(low - width * rng.uniform(0.01, 1.0), 3),
        round(high + width * rng.uniform(0.01, 1.0), 3),
    ]


def benchmark_status_cases(seed: int) -> list[tuple[Arguments, str]]:
    """Closed ranges, ranges open on one side and on both, each against values around them."""
    rng = random.Random(f"03_vendor_red_flags/benchmark_status/{seed}")
    arguments: list[Arguments] = []
    for opening in ("none", "none", "low", "high", "both"):
        low, high = _range(rng)
        for value in _values(rng, low, high):
            arguments.append(
                (
                    value,
                    None if opening in ("low", "both") else low,
                    None if opening in ("high", "both") else high,
                )
            )
    return [(a, benchmark_status(*a)) for a in arguments]
