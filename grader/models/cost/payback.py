"""Return on investment: staying with the current model against switching, month by month."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from grader.models.cost.ownership import CostOfOwnership, total_cost_of_ownership

__all__ = ["RoiResult", "roi"]


@dataclass(frozen=True)
class RoiResult:
    """A current and a proposed model over the same horizon, and what switching earns.

    Savings are current minus proposed, so positive means the proposal is cheaper.
    """

    current: CostOfOwnership
    proposed: CostOfOwnership

    @property
    def months(self) -> int:
        return self.current.months

    @property
    def transition_cost(self) -> float:
        return self.proposed.transition_cost - self.current.transition_cost

    @property
    def monthly_savings(self) -> tuple[float, ...]:
        """Running savings each month, before the transition cost."""
        return tuple(
            c - p for c, p in zip(self.current.monthly_costs, self.proposed.monthly_costs, strict=True)
        )

    @property
    def cumulative_savings(self) -> tuple[float, ...]:
        """Net position at the end of each month: current TCO to date - proposed TCO to date.

        It starts at minus the transition cost and crosses zero at the payback month.
        """
        return tuple(
            c - p for c, p in zip(self.current.cumulative_costs, self.proposed.cumulative_costs, strict=True)
        )

    @property
    def net_savings(self) -> float:
        """Running savings over the horizon minus the transition cost (USD)."""
        return self.cumulative_savings[-1]

    @property
    def payback_month(self) -> int | None:
        """The first month (1-based) whose cumulative savings are >= 0; None if none in the horizon."""
        return next((i for i, s in enumerate(self.cumulative_savings, start=1) if s >= 0), None)

    @property
    def roi(self) -> float | None:
        """(running savings - transition cost) / transition cost; None when nothing is invested."""
        return self.net_savings / self.transition_cost if self.transition_cost > 0 else None

    def summary(self) -> str:
        """One line for logs and screen readers."""
        payback = "no payback" if self.payback_month is None else f"payback in month {self.payback_month}"
        roi = "ROI undefined (no transition cost)" if self.roi is None else f"ROI {self.roi:.0%}"
        return f"Over {self.months} months: net savings {self.net_savings:,.0f} USD, {payback}, {roi}"

    def _repr_html_(self) -> str:
        return f"<p class='decisionlab-roi'>{escape(self.summary())}</p>"


def roi(
    current_monthly_cost: float,
    proposed_monthly_cost: float,
    months: int,
    *,
    transition_cost: float,
    ramp_months: int = 0,
    ramp_productivity: float = 1.0,
) -> RoiResult:
    """Compare staying with the current model against switching to the proposed one.

    Monthly costs are steady-state USD per month for the same demand (e.g.
    :meth:`CostBreakdown.monthly_cost`).  The proposal pays ``transition_cost`` up front and
    ramps up as in :func:`total_cost_of_ownership`; the current model just keeps running.

        monthly saving i     = current_i - proposed_i
        cumulative saving i  = saving_1 + ... + saving_i - transition_cost
        payback month        = first i with cumulative saving i >= 0 (None if never)
        ROI                  = (sum of savings - transition_cost) / transition_cost

    >>> r = roi(100_000.0, 80_000.0, 12, transition_cost=60_000.0, ramp_months=2, ramp_productivity=0.8)
    >>> r.monthly_savings[:3]
    (0.0, 0.0, 20000.0)
    >>> r.cumulative_savings[:6]
    (-60000.0, -60000.0, -40000.0, -20000.0, 0.0, 20000.0)
    >>> r.payback_month, r.net_savings, r.roi
    (5, 140000.0, 2.3333333333333335)
    >>> r.summary()
    'Over 12 months: net savings 140,000 USD, payback in month 5, ROI 233%'
    """
    return RoiResult(
        current=total_cost_of_ownership(current_monthly_cost, months),
        proposed=total_cost_of_ownership(
            proposed_monthly_cost,
            months,
            transition_cost=transition_cost,
            ramp_months=ramp_months,
            ramp_productivity=ramp_productivity,
        ),
    )
