"""What moving a queue really costs: the people who leave it, the organisation you keep, and the
repeat contacts a weaker first contact resolution (FCR) brings.

A move's saving does not start at go-live.  The in-house agents of a moved queue go one of three
ways (the scenario's ``assumptions`` table sets the shares and prices, each with its range):

- a share ``redeploy_share`` fill open roles elsewhere; each costs ``retraining_per_agent`` once,
  and their pay leaves the queue at go-live (it replaces hiring for those roles);
- the others stay on the payroll for ``wind_down_months`` after go-live (notice and handover).
  During those months some leave by natural attrition (the in-house ``annual_attrition``, spread
  evenly and not replaced), so the in-house pay still due in month *i* is
  ``(1 - redeploy_share) x monthly pay x (1 - annual_attrition x (i - 0.5) / 12)``;
- whoever is still there at the end of the wind-down is paid ``severance_weeks`` of wage and
  benefits.  Severance and retraining are counted as one-off costs at go-live with the
  transition cost (a simplification: it brings them forward a month or two).

Outsourcing does not remove governance: a retained organisation (vendor management, QA,
calibration, reporting) costs ``retained_share`` of the provider's bill each month, by
destination.  And a location resolves fewer issues on the first contact than your own centre
(``fcr_change``, by destination), so the same issues make more calls there:
calls x FCR in-house / FCR at the destination.  Both sides are therefore priced for the same
resolved issues, which makes the comparison one per resolved contact, not per hour.

No queue may move before its procedures have run unchanged for ``stable_months`` at its
destination (offshore needs longer than nearshore: the distance slows the fixing of a
procedure that turns out wrong).  The ``ready_month`` of the queues table follows this rule
(``tests/labs/test_staffing_moves.py`` holds it to it).

>>> terms = MoveTerms(0.2, 3000.0, 2, 8.0, {"offshore": 0.12}, {"offshore": -0.08}, {"offshore": 3})
>>> terms.people_exit_cost(fte=10.0, weekly_pay=1000.0, annual_attrition=0.36)
66160.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from grader.models.cost import CostOfOwnership, RoiResult

if TYPE_CHECKING:
    import pandas as pd

    from .costs import LocationCost


@dataclass(frozen=True)
class MoveTerms:
    """The scenario's figures for the people, the retained organisation, quality and stability."""

    redeploy_share: float
    retraining_per_agent: float
    wind_down_months: int
    severance_weeks: float
    retained_share: Mapping[str, float]  # location id -> share of the provider's bill kept in-house
    fcr_change: Mapping[str, float]  # location id -> FCR points against in-house on the same queue
    stable_months: Mapping[str, int]  # location id -> months a procedure must run unchanged first

    @classmethod
    def of(cls, table: pd.DataFrame) -> MoveTerms:
        values = {str(k): float(v) for k, v in zip(table["id"], table["value"], strict=True)}

        def by_location(prefix: str) -> dict[str, float]:
            return {k.removeprefix(prefix): v for k, v in values.items() if k.startswith(prefix)}

        return cls(
            redeploy_share=values["redeploy_share"],
            retraining_per_agent=values["retraining_per_agent"],
            wind_down_months=int(values["wind_down_months"]),
            severance_weeks=values["severance_weeks"],
            retained_share=by_location("retained_share_"),
            fcr_change=by_location("fcr_change_"),
            stable_months={k: int(v) for k, v in by_location("stable_months_").items()},
        )

    def fcr_at(self, fcr_home: float, location: str) -> float:
        """The queue's FCR at ``location``: in-house FCR plus the location's change."""
        return fcr_home + float(self.fcr_change.get(location, 0.0))

    def people_exit_cost(self, *, fte: float, weekly_pay: float, annual_attrition: float) -> float:
        """One-off USD for the queue's in-house agents: retraining the redeployed, severance for the rest.

        Severance goes to those still on the payroll when the wind-down ends, after natural
        attrition has taken ``annual_attrition x wind_down_months / 12`` of them.
        """
        redeployed = self.redeploy_share * fte
        staying = (
            (1 - self.redeploy_share) * fte * max(0.0, 1 - annual_attrition * self.wind_down_months / 12)
        )
        return redeployed * self.retraining_per_agent + staying * self.severance_weeks * weekly_pay

    def still_paid(self, monthly_pay: float, annual_attrition: float, months: int) -> list[float]:
        """In-house pay still due in each month after go-live while the agents not redeployed leave."""
        return [
            (1 - self.redeploy_share) * monthly_pay * max(0.0, 1 - annual_attrition * (i - 0.5) / 12)
            if i <= self.wind_down_months
            else 0.0
            for i in range(1, months + 1)
        ]


def weekly_pay(home: Mapping[str, Any], paid_hours_per_fte: float, base_wage: float | None = None) -> float:
    """USD a week of one full-time in-house agent's wage and benefits (what severance weeks are paid in).

    >>> weekly_pay({"base_wage": 20.0, "benefits_load": 0.3}, 2080)
    1040.0
    """
    wage = float(home["base_wage"] if base_wage is None else base_wage)
    return wage * (1 + float(home["benefits_load"])) * paid_hours_per_fte / 52


@dataclass(frozen=True)
class MoveCosts:
    """One queue's move in USD: the monthly figures and the one-off costs the ROI is built from."""

    inhouse_monthly: float  # what the queue costs in-house today, pay and attrition replacement
    inhouse_pay_monthly: float  # the pay part, still due while the agents leave
    vendor_monthly: float  # the provider's bill once ramped up, repeat contacts included
    retained_monthly: float  # the organisation you keep to govern the provider
    transition_cost: float  # the queues table's one-off transition cost
    people_cost: float  # severance and retraining, one-off
    home_attrition: float

    @property
    def monthly_saving(self) -> float:
        """Saving a month once the new team is at pace and the in-house agents are gone."""
        return self.inhouse_monthly - self.vendor_monthly - self.retained_monthly

    @property
    def one_off(self) -> float:
        return self.transition_cost + self.people_cost


def honest_roi(
    move: MoveCosts, terms: MoveTerms, months: int, *, ramp_months: int, ramp_productivity: float
) -> RoiResult:
    """Staying in-house against moving, month by month from go-live, with every cost of the move.

    proposed month i = vendor bill (x 1 / ramp_productivity while ramping up) + retained organisation
                       + in-house pay still due (:meth:`MoveTerms.still_paid`);
    one-off = transition cost + severance + retraining.
    """
    ramp = min(ramp_months, months)
    still = terms.still_paid(move.inhouse_pay_monthly, move.home_attrition, months)
    proposed = tuple(
        (move.vendor_monthly / ramp_productivity if i < ramp else move.vendor_monthly)
        + move.retained_monthly
        + still[i]
        for i in range(months)
    )
    return RoiResult(
        current=CostOfOwnership((move.inhouse_monthly,) * months),
        proposed=CostOfOwnership(proposed, move.one_off),
    )


def move_costs(
    inhouse: LocationCost,
    vendor: LocationCost,
    destination: str,
    queue: Mapping[str, Any],
    home: Mapping[str, Any],
    terms: MoveTerms,
    paid_hours_per_fte: float,
    *,
    base_wage: float | None = None,
) -> MoveCosts:
    """What moving one queue to ``destination`` costs and saves: monthly figures and one-off costs.

    ``inhouse`` and ``vendor`` are the queue's annual costs in-house and at the destination;
    ``home`` is the in-house row of the locations table (its wage, benefits and attrition).
    """
    attrition = float(home["annual_attrition"])
    return MoveCosts(
        inhouse_monthly=inhouse.monthly,
        inhouse_pay_monthly=inhouse.annual_pay / 12,
        vendor_monthly=vendor.monthly,
        retained_monthly=float(terms.retained_share.get(destination, 0.0)) * vendor.monthly,
        transition_cost=float(queue["transition_cost"]),
        people_cost=terms.people_exit_cost(
            fte=inhouse.fte,
            weekly_pay=weekly_pay(home, paid_hours_per_fte, base_wage),
            annual_attrition=attrition,
        ),
        home_attrition=attrition,
    )


def move_roi(move: MoveCosts, terms: MoveTerms, queue: Mapping[str, Any], months: int) -> RoiResult:
    """The ROI of moving one queue, over ``months`` counted from its go-live, every cost of the move in."""
    return honest_roi(
        move,
        terms,
        months,
        ramp_months=int(queue["ramp_months"]),
        ramp_productivity=float(queue["ramp_productivity"]),
    )
