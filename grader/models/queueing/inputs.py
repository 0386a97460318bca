"""Checks of the queueing models' scalar inputs: each ValueError names the argument and its unit.

>>> _positive("aht", -3, _SECONDS)
Traceback (most recent call last):
...
ValueError: aht must be a positive number of seconds, got -3
>>> _shrinkage(1)
Traceback (most recent call last):
...
ValueError: shrinkage must be a fraction in [0, 1), got 1
"""

from __future__ import annotations

import math
import numbers

from grader.models.bounds import Bounds

_SECONDS = "a positive number of seconds"
_SECONDS_OR_ZERO = "a non-negative number of seconds"
_ERLANGS = "a non-negative number of Erlangs"
_CALLS = "a non-negative number of calls"

_NON_NEGATIVE = Bounds(0, math.inf, closed_high=False)
_POSITIVE = Bounds(0, math.inf, closed_low=False, closed_high=False)
_TARGET_SL = Bounds(0, 1, closed_low=False, closed_high=False)
_OCCUPANCY_CAP = Bounds(0, 1, closed_low=False)
_SHRINKAGE = Bounds(0, 1, closed_high=False)


def _shown(value: object) -> str:
    return str(value) if isinstance(value, numbers.Real) else repr(value)


def _number(name: str, value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    x = float(value)
    if math.isnan(x):
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    return x


def _within(name: str, value: object, bounds: Bounds, what: str) -> float:
    x = _number(name, value, what)
    if x not in bounds:
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    return x


def _non_negative(name: str, value: object, what: str) -> float:
    return _within(name, value, _NON_NEGATIVE, what)


def _positive(name: str, value: object, what: str) -> float:
    return _within(name, value, _POSITIVE, what)


def _count(name: str, value: object) -> int:
    what = "a non-negative integer"
    x = _non_negative(name, value, what)
    if not x.is_integer():
        raise ValueError(f"{name} must be {what}, got {_shown(value)}")
    return int(x)


def _fraction(name: str, value: object, bounds: Bounds) -> float:
    return _within(name, value, bounds, f"a fraction in {bounds}")


def _target_sl(value: object) -> float:
    return _fraction("target_sl", value, _TARGET_SL)


def _max_occupancy(value: object) -> float | None:
    if value is None:
        return None
    return _fraction("max_occupancy", value, _OCCUPANCY_CAP)


def _shrinkage(value: object) -> float:
    return _fraction("shrinkage", value, _SHRINKAGE)
