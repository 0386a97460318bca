"""How much of a wave plan's saving is in-house overhead that stops with each moved team.

The model stops a moved queue's whole in-house cost when its wind-down ends, the facilities,
IT and supervision of the locations table's ``overhead_per_hour`` included.  That holds only
if the space, seats and licences really go with the team, which the scenarios' briefs state as
a fact (handed back floor by floor and seat by seat).  The figure here is what rests on that
fact, so that the feedback and the debrief can say what it would cost if part of it stayed:
each live wave's monthly overhead, from the first month after its wind-down to the horizon.

>>> overhead_months(go_live=1, wind_down_months=2, horizon_months=24)
22
>>> overhead_months(go_live=23, wind_down_months=2, horizon_months=24)
0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .costs import HOME

if TYPE_CHECKING:
    from .costs import ScenarioData
    from .waves import PlanModel, WavePlan


def overhead_months(*, go_live: int, wind_down_months: int, horizon_months: int) -> int:
    """Months within the horizon after a wave's wind-down ends (its overhead no longer paid)."""
    return max(0, horizon_months - (go_live + wind_down_months) + 1)


def monthly_overhead(data: ScenarioData, queue: str) -> float:
    """USD a month of in-house overhead (facilities, IT, supervision) behind ``queue``'s agents."""
    _, costs = data.costs(queue)
    inhouse = costs[HOME]
    return inhouse.weekly_paid_hours * data.a.weeks_per_year / 12 * float(data.home["overhead_per_hour"])


def overhead_saved(data: ScenarioData, model: PlanModel, plan: WavePlan) -> float:
    """USD of in-house overhead ``plan`` counts as saved within the horizon, after each wind-down."""
    return sum(
        monthly_overhead(data, wave.queue)
        * overhead_months(
            go_live=wave.go_live,
            wind_down_months=model.terms.wind_down_months,
            horizon_months=model.a.horizon_months,
        )
        for wave in plan.waves
    )
