"""Is the total cost of ownership the transition plus every month, ramp-up included; is bad input refused?"""

from __future__ import annotations

import pytest

from grader.models.cost import total_cost_of_ownership

# --------------------------------------------------------------------------- by hand


def test_tco_by_hand():
    """Is TCO the transition plus each month, with ramp-up months divided by productivity?"""
    tco = total_cost_of_ownership(100, 4, transition_cost=50, ramp_months=1, ramp_productivity=0.5)
    assert tco.monthly_costs == (200, 100, 100, 100)
    assert tco.cumulative_costs == (250, 350, 450, 550)
    assert (tco.total, tco.months) == (550, 4)


# --------------------------------------------------------------------------- bad inputs

BAD_INPUTS = [
    ("monthly_run_cost", lambda: total_cost_of_ownership(-1, 12)),
    ("months", lambda: total_cost_of_ownership(100, 0)),
    ("months", lambda: total_cost_of_ownership(100, 12.0)),
    ("months", lambda: total_cost_of_ownership(100, True)),
    ("transition_cost", lambda: total_cost_of_ownership(100, 12, transition_cost=-1)),
    ("ramp_months", lambda: total_cost_of_ownership(100, 12, ramp_months=-1)),
    ("ramp_months", lambda: total_cost_of_ownership(100, 12, ramp_months=13)),
    ("ramp_productivity", lambda: total_cost_of_ownership(100, 12, ramp_months=2, ramp_productivity=0)),
]


@pytest.mark.parametrize(
    ("name", "call"), BAD_INPUTS, ids=[f"{i}-{n}" for i, (n, _) in enumerate(BAD_INPUTS)]
)
def test_bad_input_raises_valueerror_naming_the_argument(name, call):
    """Does a bad input raise a ValueError whose message starts with the argument's name?"""
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value).startswith(name)
