"""The range an input must lie in, each end open or closed, written as in mathematics.

The queueing, cost and simulation models each refuse inputs outside a range and say which
range in the error; one class tests membership and writes the range, so a message always
shows the range that was tested.

>>> share = Bounds(0, 1, closed_high=False)
>>> str(share), 0.0 in share, 1.0 in share, float("nan") in share
('[0, 1)', True, False, False)
>>> import numpy as np
>>> share.admits(np.array([-0.5, 0.0, 0.5, 1.0])).tolist()
[False, True, True, False]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

__all__ = ["Bounds"]

T = TypeVar("T")  # a number, or a NumPy array of numbers


@dataclass(frozen=True)
class Bounds:
    """From ``low`` to ``high``; ``closed_low`` and ``closed_high`` say whether each end belongs."""

    low: float
    high: float
    closed_low: bool = True
    closed_high: bool = True

    def admits(self, x: T) -> T:
        """Whether ``x`` lies inside; element by element for a NumPy array (NaN never does)."""
        above = x >= self.low if self.closed_low else x > self.low
        below = x <= self.high if self.closed_high else x < self.high
        return above & below

    def __contains__(self, x: float) -> bool:
        return bool(self.admits(x))

    def __str__(self) -> str:
        opening = "[" if self.closed_low else "("
        closing = "]" if self.closed_high else ")"
        return f"{opening}{self.low:g}, {self.high:g}{closing}"
