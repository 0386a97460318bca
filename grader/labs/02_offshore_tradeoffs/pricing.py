"""Lab 02: what each delivery option costs per *resolved* contact, and the margin a poor fit puts at risk.

The scenario carries four tables:

* ``programs``: one row per support program, with ``monthly_issues`` (customer issues to
  resolve a month), the ratings the lab is about, the program's ``quality_measure``
  (``fcr``, or ``save_rate`` for a save desk, where what counts is who stays), and two
  churn figures: ``churn_if_unresolved`` (share of the customers the program fails on its
  measure who leave because of it), stated with its range (``churn_if_unresolved_low`` and
  ``_high``), and ``revenue_of_lost_customer`` (USD);
* ``locations``: one row per delivery option, with the hourly rate per *paid* hour, the
  shrinkage and occupancy that turn it into a cost per handling hour, the QA and governance
  share, annual attrition and what each replacement costs you;
* ``estimates``: one row per program and location, with the pilot's AHT, FCR, rework and,
  for a save desk, save rate;
* ``assumptions``: named course assumptions with ``value``, ``low`` and ``high``, among them
  ``margin_share``, the share of a lost customer's revenue that is margin.

For every program and location the cost per resolved contact comes from
:func:`grader.models.cost.cost_per_resolved_contact`, the same function the lab's hidden
tests hold the learner's code to, so the exercise, the chart and the view agree. Margin at
risk is what a move adds to churn compared with keeping the program close, valued at the
margin a customer brings, not their bill (the costs of serving them leave with them)::

    margin at risk a month = monthly_issues x max(0, quality kept close - quality there)
                             x churn_if_unresolved x revenue_of_lost_customer x margin_share

Why not :func:`grader.models.consequences.simulate`: its FCR comes from its own fit table
(complexity, risk, collaboration, documentation, language), which knows nothing of
emotional weight or brand sensitivity, the attributes this lab is about, and would
contradict the pilot estimates the learner has just worked with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grader.models.cost import cost_per_productive_hour, cost_per_resolved_contact, productive_hours

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

__all__ = [
    "AT_RISK",
    "DECISION",
    "HOME",
    "MARGIN",
    "MEASURES",
    "Stated",
    "is_blank",
    "lab_resolution_table",
    "resolution_table",
    "stated",
]

DECISION = "delivery_model"  # the decision whose plans this lab prices
HOME = "inhouse"  # "keep close": the baseline every move is compared with
MARGIN = "margin_share"  # the assumption that turns a lost customer's revenue into margin
#: A program's quality measure (the estimates column) and how the text names it.
MEASURES = {"fcr": "FCR", "save_rate": "save rate"}
AT_RISK = "Margin at risk (churn)"  # the monthly churn line, named like the cost components


@dataclass(frozen=True)
class Stated:
    """A figure as the scenario states it: the value the model uses, and the range around it.

    >>> Stated(0.4, 0.3, 0.5).at("low"), Stated(0.4, 0.3, 0.5).at("mid")
    (0.3, 0.4)
    """

    value: float
    low: float
    high: float

    def at(self, end: str) -> float:
        """The figure at one end of its range: ``low``, ``mid`` (the value used) or ``high``."""
        return {"low": self.low, "mid": self.value, "high": self.high}[end]


def stated(assumptions: pd.DataFrame, figure_id: str) -> Stated:
    """The ``assumptions`` row ``figure_id`` as a :class:`Stated` figure; KeyError naming it if absent."""
    rows = assumptions[assumptions["id"] == figure_id]
    if rows.empty:
        raise KeyError(f"the assumptions table has no row '{figure_id}'")
    row = rows.iloc[0]
    return Stated(float(row["value"]), float(row["low"]), float(row["high"]))


def _measure(program: pd.Series) -> str:
    measure = program.get("quality_measure", "fcr")
    return "fcr" if not isinstance(measure, str) or not measure else measure


def resolution_table(
    programs: pd.DataFrame, locations: pd.DataFrame, estimates: pd.DataFrame, margin_share: float
) -> pd.DataFrame:
    """One row per program and location: cost per resolved contact, its parts, and margin at risk.

    Monthly USD columns are named after the view's cost components and :data:`AT_RISK`;
    ``monthly_cost`` is their sum without the churn line and ``monthly_total`` with it.
    ``quality`` is the program's measure at the location (``quality_measure`` names it).
    """
    import pandas as pd

    where = locations.set_index("id")
    what = programs.set_index("id")
    by_row = estimates.set_index(["program", "location"])
    rows = []
    for est in estimates.itertuples(index=False):
        loc, prog = where.loc[est.location], what.loc[est.program]
        shrinkage, occupancy = float(loc["shrinkage"]), float(loc["occupancy"])
        hourly = cost_per_productive_hour(
            billed_rate=float(loc["rate_per_paid_hour"]), shrinkage=shrinkage, occupancy=occupancy
        )
        breakdown = cost_per_resolved_contact(
            hourly,
            float(est.aht_minutes) * 60,
            float(est.fcr),
            rework_share=float(est.rework_share),
            governance_share=float(loc["governance_share"]),
            annual_attrition=float(loc["annual_attrition"]),
            cost_per_hire=float(loc["cost_per_hire"]),
            productive_hours_per_agent_year=productive_hours(
                float(loc["paid_hours_per_year"]), shrinkage=shrinkage, occupancy=occupancy
            ),
        )
        measure = _measure(prog)
        quality = float(by_row.loc[(est.program, est.location), measure])
        kept_close = float(by_row.loc[(est.program, HOME), measure])
        issues = float(prog["monthly_issues"])
        customers_lost = issues * max(0.0, kept_close - quality) * float(prog["churn_if_unresolved"])
        at_risk = customers_lost * float(prog["revenue_of_lost_customer"]) * margin_share
        monthly = {label: usd * issues for label, usd in breakdown.components().items()}
        rows.append(
            {
                "program": est.program,
                "program_label": prog["program"],
                "location": est.location,
                "location_label": loc["location"],
                "rate_per_paid_hour": float(loc["rate_per_paid_hour"]),
                "cost_per_handling_hour": hourly,
                "fcr": float(est.fcr),
                "kept_close_fcr": float(by_row.loc[(est.program, HOME), "fcr"]),
                "quality_measure": measure,
                "quality": quality,
                "kept_close_quality": kept_close,
                "cost_per_resolution": breakdown.total,
                "repeat_contacts_per_month": issues * (breakdown.contacts_per_resolution - 1),
                "customers_lost_per_month": customers_lost,
                **monthly,
                AT_RISK: at_risk,
                "monthly_cost": breakdown.total * issues,
                "monthly_total": breakdown.total * issues + at_risk,
            }
        )
    return pd.DataFrame(rows)


def lab_resolution_table(lab: Lab) -> pd.DataFrame:
    """:func:`resolution_table` for the lab's scenario, at the stated margin."""
    margin = stated(lab.table("assumptions"), MARGIN).value
    return resolution_table(lab.table("programs"), lab.table("locations"), lab.table("estimates"), margin)


def is_blank(value: object) -> bool:
    """Is a CSV cell empty (pandas reads it as NaN)?

    >>> is_blank(float("nan")), is_blank(""), is_blank(0.3)
    (True, True, False)
    """
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))
