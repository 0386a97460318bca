"""Does ROI find the payback month and the return of a switch, whatever the costs?"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.cost import roi

# --------------------------------------------------------------------------- by hand


def test_roi_by_hand():
    """Does a 20k monthly saving after a 60k transition and two flat ramp months pay back in month 5?"""
    r = roi(100_000, 80_000, 12, transition_cost=60_000, ramp_months=2, ramp_productivity=0.8)
    assert r.monthly_savings == pytest.approx((0, 0) + (20_000,) * 10)
    assert r.cumulative_savings[:6] == pytest.approx((-60_000, -60_000, -40_000, -20_000, 0, 20_000))
    assert r.payback_month == 5
    assert r.net_savings == pytest.approx(140_000)
    assert r.roi == pytest.approx(140_000 / 60_000)
    assert "payback in month 5" in r._repr_html_()


def test_no_payback_when_the_proposal_costs_more():
    """Is the payback month None, and ROI below -100 %, when the proposal is dearer every month?"""
    r = roi(100, 120, 24, transition_cost=1000)
    assert r.payback_month is None
    assert r.roi == pytest.approx((-20 * 24 - 1000) / 1000)
    assert "no payback" in r.summary()


def test_no_payback_within_a_short_horizon():
    """Is the payback None when savings would recover the transition only after the horizon?"""
    assert roi(100, 90, 5, transition_cost=100).payback_month is None
    assert roi(100, 90, 10, transition_cost=100).payback_month == 10


def test_roi_undefined_without_transition_cost():
    """Is ROI None, not infinite, when nothing is invested, and is payback then immediate?"""
    r = roi(100, 90, 3, transition_cost=0)
    assert r.roi is None and r.payback_month == 1


# --------------------------------------------------------------------------- properties

# Whole-dollar costs and productivities of 1, 1/2 or 1/4 keep every sum exact, so the payback
# properties can be checked with no float tolerance.
whole_usd = st.integers(0, 1_000_000).map(float)


@settings(max_examples=300, deadline=None)
@given(
    current=whole_usd,
    proposed=whole_usd,
    transition=whole_usd,
    months=st.integers(1, 60),
    ramp=st.integers(0, 60),
    productivity=st.sampled_from([1.0, 0.5, 0.25]),
)
def test_payback_month_agrees_with_cumulative_savings(
    current, proposed, transition, months, ramp, productivity
):
    """Is payback the first month with cumulative savings >= 0, and do savings stay >= 0 after it?"""
    r = roi(
        current,
        proposed,
        months,
        transition_cost=transition,
        ramp_months=min(ramp, months),
        ramp_productivity=productivity,
    )
    cumulative = r.cumulative_savings
    assert len(cumulative) == len(r.monthly_savings) == months
    assert cumulative[0] == r.monthly_savings[0] - transition
    assert cumulative[-1] == sum(r.monthly_savings) - transition == r.net_savings
    if r.payback_month is None:
        assert all(s < 0 for s in cumulative)
        assert r.net_savings < 0
    else:
        assert all(s < 0 for s in cumulative[: r.payback_month - 1])
        assert all(s >= 0 for s in cumulative[r.payback_month - 1 :])
        assert r.net_savings >= 0
    if transition > 0:
        assert r.roi == r.net_savings / transition
    else:
        assert r.roi is None
