"""Does a productive hour cost the paid hour over shrinkage and occupancy, and refuse bad inputs?"""

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


# --------------------------------------------------------------------------- bad inputs

BAD_INPUTS = [
    ("billed_rate", lambda: cost_per_productive_hour(billed_rate=-1, shrinkage=0.2, occupancy=0.8)),
    ("billed_rate", lambda: cost_per_productive_hour(billed_rate=float("nan"), shrinkage=0.2, occupancy=0.8)),
    ("base_wage", lambda: cost_per_productive_hour(base_wage=-5, shrinkage=0.2, occupancy=0.8)),
    (
        "benefits_load",
        lambda: cost_per_productive_hour(base_wage=5, benefits_load=45, shrinkage=0, occupancy=1),
    ),
    (
        "overhead_per_hour",
        lambda: cost_per_productive_hour(base_wage=5, overhead_per_hour=-1, shrinkage=0, occupancy=1),
    ),
    ("shrinkage", lambda: cost_per_productive_hour(billed_rate=30, shrinkage=1, occupancy=0.8)),
    ("shrinkage", lambda: cost_per_productive_hour(billed_rate=30, shrinkage=-0.1, occupancy=0.8)),
    ("occupancy", lambda: cost_per_productive_hour(billed_rate=30, shrinkage=0.2, occupancy=0)),
    ("occupancy", lambda: cost_per_productive_hour(billed_rate=30, shrinkage=0.2, occupancy=1.2)),
    ("billed_rate or base_wage", lambda: cost_per_productive_hour(shrinkage=0.2, occupancy=0.8)),
    (
        "billed_rate or base_wage",
        lambda: cost_per_productive_hour(billed_rate=30, base_wage=5, shrinkage=0.2, occupancy=0.8),
    ),
    (
        "benefits_load",
        lambda: cost_per_productive_hour(billed_rate=30, benefits_load=0.4, shrinkage=0.2, occupancy=0.8),
    ),
    ("paid_hours", lambda: productive_hours(-1, shrinkage=0.2, occupancy=0.8)),
]


@pytest.mark.parametrize(
    ("name", "call"), BAD_INPUTS, ids=[f"{i}-{n}" for i, (n, _) in enumerate(BAD_INPUTS)]
)
def test_bad_input_raises_valueerror_naming_the_argument(name, call):
    """Does a bad input raise a ValueError whose message starts with the argument's name?"""
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value).startswith(name)
