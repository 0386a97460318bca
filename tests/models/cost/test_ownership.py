"""Is the total cost of ownership the transition plus every month, with ramp-up months dearer?"""

from __future__ import annotations

from grader.models.cost import total_cost_of_ownership

# --------------------------------------------------------------------------- by hand


def test_tco_by_hand():
    """Is TCO the transition plus each month, with ramp-up months divided by productivity?"""
    tco = total_cost_of_ownership(100, 4, transition_cost=50, ramp_months=1, ramp_productivity=0.5)
    assert tco.monthly_costs == (200, 100, 100, 100)
    assert tco.cumulative_costs == (250, 350, 450, 550)
    assert (tco.total, tco.months) == (550, 4)
