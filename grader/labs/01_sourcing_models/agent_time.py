"""Lab 01's view of a queue map in assessment mode: agent time at each location's rate, nothing more.

Everything else the quarter shows (mistakes, cases handed back, repeat contacts, resolution,
service, compliance exposure, cost per resolved contact) moves with how well each queue fits
its place. Those fit rules are what the map is graded on, so a learner who could watch any of
those figures could find the key by trying each queue in each place and keeping the best.
Agent time is what the learner can work out from the two tables (the paid-hours rule of
:mod:`.costs`): it rewards sending everything to the cheapest rate, which is not the key.
The full quarter comes with feedback: in practice at once, in an assessment once released.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.display.formats import usd
from grader.display.html import ConsequenceView, Table

from .compliance import forbidden_sentence
from .costs import monthly_cost

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

__all__ = ["WAITS_FOR_FEEDBACK", "agent_time_view"]

WAITS_FOR_FEEDBACK = (
    "What the map does to mistakes, cases handed back, repeat contacts, service, compliance "
    "exposure and the cost per resolved contact depends on how well each queue fits its place, "
    "which is what you are asked to judge, so the simulated quarter comes with your feedback."
)


def agent_time_view(lab: Lab, placed: dict[str, str]) -> ConsequenceView:
    """Paid hours a month and their cost at each location's rate, for ``placed`` against all in-house."""
    queues = lab.table("queues")
    costs = monthly_cost(queues, lab.table("locations"), placed)
    mine, home = float(costs["cost"].sum()), float(costs["inhouse_cost"].sum())
    hours = float(costs["paid_hours"].sum())
    rows = [
        ("Paid hours a month", f"{hours:,.0f}", f"{hours:,.0f}"),
        ("Cost a month at each location's rate", usd(mine), usd(home)),
        ("Cost of a 13-week quarter", usd(mine * 3), usd(home * 3)),
    ]
    summary = (
        f"{len(placed)} of {len(queues)} queues placed (the rest stay in-house). Agent time, as the "
        f"paid-hours rule gives it from the two tables: {hours:,.0f} paid hours a month, costing "
        f"{usd(mine)} a month at each location's rate against {usd(home)} all in-house."
        f"{forbidden_sentence(queues, placed)}"
    )
    table = Table(
        "Agent time of your queue map (paid hours at each location's rate)",
        ("", "Your map", "All in-house"),
        rows,
        css_class="decisionlab-quarter",
    )
    # The figures only: which queue sits where is the learner's own map, not a consequence.
    data = {"paid_hours": round(hours, 2), "cost": round(mine, 2), "inhouse_cost": round(home, 2)}
    return ConsequenceView(summary, table=table, notes=(WAITS_FOR_FEEDBACK,), data=data)
