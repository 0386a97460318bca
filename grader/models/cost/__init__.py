"""Cost per resolved contact, total cost of ownership and ROI for sourcing decisions.

The hourly rate is the wrong unit for comparing locations.  A contact centre buys resolved
customer issues, and one resolved issue costs

    productive-hour cost x hours per contact x contacts per resolution, plus overheads.

Each step is a plain function so a notebook can show it, and every input is a named
assumption: :data:`REFERENCE_RANGES` holds the figures from the course's domain-facts file
with their units and sources.  They are indicative ranges (most come from vendors and
consultants), never laws.  The model is pure arithmetic: no I/O, no randomness, no rounding
inside; round only for display.

One module per concept: :mod:`~grader.models.cost.assumptions` (the named figures),
:mod:`~grader.models.cost.hours` (productive hours and their cost),
:mod:`~grader.models.cost.resolution` (per contact and per resolved contact),
:mod:`~grader.models.cost.ownership` (TCO) and :mod:`~grader.models.cost.payback` (ROI).
Every public name is importable from here.

Worked example: a cheap offshore rate can lose per resolved contact
--------------------------------------------------------------------
Take a nearshore team at the low end of the billed range (28 USD/h) running well, and an
offshore team at the top of its range (18 USD/h) running less well: FCR at SQM's 67 %
example rather than the 80 % world-class mark, more rework and governance (both
illustrative), night-shift shrinkage at 35 % (within OpsDog's 13-39 %) and attrition at the
top of the Philippine range.  Both bill per paid hour, both run at 80 % occupancy with a
6-minute AHT, and the client pays 120 training hours at the billed rate for every new hire
(illustrative):

>>> def per_resolved(rate, *, shrinkage, fcr, rework, governance, attrition):
...     return cost_per_resolved_contact(
...         cost_per_productive_hour(billed_rate=rate, shrinkage=shrinkage, occupancy=0.80),
...         aht_seconds=360, fcr=fcr, rework_share=rework, governance_share=governance,
...         annual_attrition=attrition, cost_per_hire=120 * rate,
...         productive_hours_per_agent_year=productive_hours(2080, shrinkage=shrinkage, occupancy=0.80))
>>> near = per_resolved(28.0, shrinkage=0.27, fcr=0.80, rework=0.05, governance=0.05, attrition=0.20)
>>> off = per_resolved(18.0, shrinkage=0.35, fcr=0.67, rework=0.15, governance=0.15, attrition=0.45)
>>> round(1 - 18.0 / 28.0, 2)  # the offshore rate is 36 % lower per hour ...
0.36
>>> round(near.cost_per_contact, 2), round(off.cost_per_contact, 2)  # ... and 28 % lower per contact
(4.79, 3.46)
>>> round(near.contacts_per_resolution, 2), round(off.contacts_per_resolution, 2)
(1.25, 1.49)
>>> round(near.total, 2), round(off.total, 2)  # ... but dearer per resolved contact
(6.68, 6.99)
>>> for label, usd in off.components().items():
...     print(f"{label:<22} {usd:5.2f}  (nearshore {near.components()[label]:.2f})")
First contact           3.46  (nearshore 4.79)
Repeat contacts         1.70  (nearshore 1.20)
Rework                  0.77  (nearshore 0.30)
QA and governance       0.89  (nearshore 0.31)
Attrition replacement   0.15  (nearshore 0.07)

Repeats, rework and governance turn a 36 % hourly saving into a 5 % loss.  This is a corner
of the ranges chosen to show the mechanism, not a forecast: with mid-range rates and equal
quality the offshore team costs about half as much per resolved contact.

>>> mid_near = per_resolved(31.5, shrinkage=0.27, fcr=0.70, rework=0.05, governance=0.05, attrition=0.30)
>>> mid_off = per_resolved(15.0, shrinkage=0.27, fcr=0.70, rework=0.05, governance=0.05, attrition=0.38)
>>> round(mid_near.total, 2), round(mid_off.total, 2)
(8.64, 4.13)

The lesson is the unit, not the winner: compare locations per resolved contact.
"""

from __future__ import annotations

from grader.models.cost.assumptions import REFERENCE_RANGES, Assumption
from grader.models.cost.hours import cost_per_productive_hour, productive_hours
from grader.models.cost.ownership import CostOfOwnership, total_cost_of_ownership
from grader.models.cost.payback import RoiResult, roi
from grader.models.cost.resolution import (
    SECONDS_PER_HOUR,
    CostBreakdown,
    contacts_per_resolution,
    cost_per_contact,
    cost_per_resolved_contact,
    qa_cost_per_month,
)

__all__ = [
    "REFERENCE_RANGES",
    "SECONDS_PER_HOUR",
    "Assumption",
    "CostBreakdown",
    "CostOfOwnership",
    "RoiResult",
    "contacts_per_resolution",
    "cost_per_contact",
    "cost_per_productive_hour",
    "cost_per_resolved_contact",
    "productive_hours",
    "qa_cost_per_month",
    "roi",
    "total_cost_of_ownership",
]
