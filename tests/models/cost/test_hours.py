"""Does a productive hour cost the paid hour divided by what shrinkage and occupancy leave of it?"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.cost import cost_per_productive_hour, productive_hours

shares = st.floats(0, 0.95, allow_nan=False)


# --------------------------------------------------------------------------- hand-computed values


def test_productive_hours_by_hand():
    """Is a 2080-hour year at 25 % shrinkage and 80 % occupancy 1248 productive hours?"""
    assert productive_hours(2080, shrinkage=0.25, occupancy=0.8) == pytest.approx(1248)


def test_billed_rate_per_productive_hour_by_hand():
    """Does 40 USD/h at 20 % shrinkage and 80 % occupancy cost 40 / 0.8 / 0.8 = 62.5 per productive hour?"""
    assert cost_per_productive_hour(billed_rate=40, shrinkage=0.2, occupancy=0.8) == pytest.approx(62.5)


def test_inhouse_rate_per_productive_hour_by_hand():
    """Does an in-house hour of 10 x 1.5 + 5 = 20 USD become 20 / 0.64 = 31.25 per productive hour?"""
    cost = cost_per_productive_hour(
        base_wage=10, benefits_load=0.5, overhead_per_hour=5, shrinkage=0.2, occupancy=0.8
    )
    assert cost == pytest.approx(31.25)


def test_inhouse_defaults_to_no_load_and_no_overhead():
    """Is a bare wage with no shrinkage at full occupancy just the wage?"""
    assert cost_per_productive_hour(base_wage=18, shrinkage=0, occupancy=1) == 18


# --------------------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None)
@given(shrinkage=st.tuples(shares, shares), occupancy=st.floats(0.05, 1))
def test_more_shrinkage_dearer_productive_hour(shrinkage, occupancy):
    """Does more shrinkage make a productive hour dearer, and is it never cheaper than the paid hour?"""
    low, high = sorted(shrinkage)
    cheap = cost_per_productive_hour(billed_rate=30, shrinkage=low, occupancy=occupancy)
    assert cost_per_productive_hour(billed_rate=30, shrinkage=high, occupancy=occupancy) >= cheap >= 30
