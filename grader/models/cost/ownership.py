"""Total cost of ownership: a one-off transition, then running costs month by month."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from grader.models.cost.inputs import _non_negative, _rate_of_success, _whole

__all__ = ["CostOfOwnership", "total_cost_of_ownership"]


@dataclass(frozen=True)
class CostOfOwnership:
    """Running costs month by month plus a one-off transition cost paid before month 1 (USD)."""

    monthly_costs: tuple[float, ...]
    transition_cost: float = 0.0

    @property
    def months(self) -> int:
        return len(self.monthly_costs)

    @property
    def cumulative_costs(self) -> tuple[float, ...]:
        """Cost to the end of each month, transition included: T + m_1 + ... + m_i."""
        return tuple(accumulate(self.monthly_costs, initial=self.transition_cost))[1:]

    @property
    def total(self) -> float:
        """Transition cost plus every month's running cost over the horizon."""
        return self.cumulative_costs[-1]


def total_cost_of_ownership(
    monthly_run_cost: float,
    months: int,
    *,
    transition_cost: float = 0.0,
    ramp_months: int = 0,
    ramp_productivity: float = 1.0,
) -> CostOfOwnership:
    """Cost over ``months``: a one-off transition, then the monthly running cost.

    For the first ``ramp_months`` the new team works at ``ramp_productivity`` (e.g. 0.7) of
    its steady pace and needs 1 / productivity as many hours for the same demand, so

        month i cost = monthly_run_cost / ramp_productivity   if i <= ramp_months
                     = monthly_run_cost                        otherwise
        TCO = transition_cost + sum of month costs

    The whole run cost is scaled during ramp-up (fixed governance costs too, a simplification),
    the ramp is flat rather than a curve, and nothing is discounted.  Running the old and the
    new model in parallel belongs in ``transition_cost``.

    >>> tco = total_cost_of_ownership(100.0, 4, transition_cost=50.0, ramp_months=1, ramp_productivity=0.5)
    >>> tco.monthly_costs, tco.cumulative_costs, tco.total
    ((200.0, 100.0, 100.0, 100.0), (250.0, 350.0, 450.0, 550.0), 550.0)
    """
    run = _non_negative("monthly_run_cost", monthly_run_cost)
    horizon = _whole("months", months, 1)
    ramp = _whole("ramp_months", ramp_months, 0)
    if ramp > horizon:
        raise ValueError(f"ramp_months must be <= months ({horizon}), got {ramp}")
    productivity = _rate_of_success("ramp_productivity", ramp_productivity)
    monthly = tuple(run / productivity if i < ramp else run for i in range(horizon))
    return CostOfOwnership(monthly, _non_negative("transition_cost", transition_cost))
