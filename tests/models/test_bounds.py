"""Does a range admit exactly the values between its ends, and write itself as it tests?"""

from __future__ import annotations

import math

import numpy as np
import pytest

from grader.models.bounds import Bounds


@pytest.mark.parametrize(
    ("bounds", "shown", "inside", "outside"),
    [
        (Bounds(0, 1), "[0, 1]", [0.0, 0.5, 1.0], [-0.1, 1.1]),
        (Bounds(0, 1, closed_high=False), "[0, 1)", [0.0, 0.999], [1.0, -1e-12]),
        (Bounds(0, 1, closed_low=False), "(0, 1]", [1e-12, 1.0], [0.0, 1.5]),
        (
            Bounds(0, math.inf, closed_low=False, closed_high=False),
            "(0, inf)",
            [1e-300, 1e300],
            [0.0, math.inf],
        ),
    ],
)
def test_ends_belong_as_written(bounds, shown, inside, outside):
    """Does each end belong to the range exactly when its bracket is closed?"""
    assert str(bounds) == shown
    assert all(x in bounds for x in inside)
    assert not any(x in bounds for x in outside)


def test_nan_is_never_inside():
    """Is NaN outside every range, even an unbounded one?"""
    assert float("nan") not in Bounds(-math.inf, math.inf)


def test_arrays_are_tested_element_by_element():
    """Does an array get one answer per element, the same as each element alone?"""
    bounds = Bounds(0, 1, closed_low=False)
    values = np.array([-1.0, 0.0, 0.5, 1.0, np.nan, 2.0])
    assert bounds.admits(values).tolist() == [x in bounds for x in values.tolist()]
