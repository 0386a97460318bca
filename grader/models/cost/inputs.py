"""Checks of the cost model's inputs. Each names the argument first, so a learner's ValueError
says which input is wrong.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

from grader.models.bounds import Bounds

_SHARE = Bounds(0, 1, closed_high=False)
_RATE_OF_SUCCESS = Bounds(0, 1, closed_low=False)


def _finite(name: str, value: float) -> float:
    # numbers.Real also admits numpy scalars, which is what a value read from a DataFrame is.
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def _non_negative(name: str, value: float) -> float:
    if _finite(name, value) < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return float(value)


def _positive(name: str, value: float) -> float:
    if _finite(name, value) <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return float(value)


def _within(name: str, value: float, bounds: Bounds) -> float:
    if _finite(name, value) not in bounds:
        raise ValueError(f"{name} must be in {bounds}, got {value}")
    return float(value)


def _share(name: str, value: float) -> float:
    """A share of something that must leave a remainder: [0, 1)."""
    return _within(name, value, _SHARE)


def _rate_of_success(name: str, value: float) -> float:
    """A share we divide by (occupancy, FCR, productivity): (0, 1]."""
    return _within(name, value, _RATE_OF_SUCCESS)


def _whole(name: str, value: int, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)
