"""Lab 05's charts: the week's volumes, the annual cost by delivery model, and the live explorer."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart, grouped_bars
from grader.display.formats import usd
from grader.display.messages import Message
from grader.runtime import grading_in_progress

from .costs import DAYS, HOME, cost_table, scenario_data
from .waves import plan_model

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab


def volumes_chart(lab: Lab) -> FiguredChart:
    """Calls per interval through the week, one line per queue."""
    import pandas as pd

    data = scenario_data(lab)
    hours = np.arange(len(data.days)) * data.a.interval_minutes / 60
    labels = {q: str(row["queue"]) for q, row in data.queues.items()}
    frame = pd.concat(
        [pd.DataFrame({"hour": hours, "calls": data.calls[q], "queue": labels[q]}) for q in labels],
        ignore_index=True,
    )
    colours = dict(zip(labels.values(), PALETTE, strict=False))
    per_day = data.a.intervals_per_day
    parts, legend = [], []
    for qid, label in labels.items():
        calls = data.calls[qid]
        peak = int(np.argmax(calls))
        busiest = DAYS[int(np.argmax(calls.reshape(-1, per_day).sum(axis=1)))]
        text = (
            f"{calls.sum():,.0f} calls a week, busiest on {busiest}, peak {calls.max():,.0f} calls "
            f"at {data.starts[peak]} on {DAYS[peak // per_day]}"
        )
        parts.append(f"{label}: {text}")
        legend.append((label, colours[label], text))
    summary = (
        f"Calls offered per {data.a.interval_minutes:g}-minute interval through one week, Monday to Sunday, "
        f"for {len(labels)} queues (closed hours at zero). " + "; ".join(parts) + "."
    )
    day_names = "['Mon','Tue','Wed','Thu','Fri','Sat','Sun'][floor(datum.value / 24)]"

    def build(alt: Any) -> Any:
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_line(strokeWidth=1.2)
            .encode(
                x=alt.X(
                    "hour:Q",
                    title=None,
                    scale=alt.Scale(domain=[0, 168], nice=False),
                    axis=alt.Axis(values=[12, 36, 60, 84, 108, 132, 156], labelExpr=day_names, grid=False),
                ),
                y=alt.Y("calls:Q", title="Calls per interval", axis=alt.Axis(tickCount=4)),
                color=alt.Color(
                    "queue:N",
                    scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                    legend=None,
                ),
            )
            .properties(width=520, height=180)
        )

    title = "A week of calls, queue by queue"
    return FiguredChart(f"staffing-volumes-{len(labels)}", build, frame, summary, legend, title=title)


def costs_chart(lab: Lab) -> FiguredChart:
    """Annual cost of every queue at every location, with each queue's planned move."""
    costs = cost_table(lab)
    model = plan_model(lab)
    locations = list(dict.fromkeys(costs["location_label"]))
    colours = dict(zip(locations, PALETTE, strict=False))
    costs["label"] = [f"{c / 1e6:.2f}M" for c in costs["annual_cost"]]
    lines = []
    for qid, rows in costs.groupby("queue", sort=False):
        home = rows[rows.location == HOME].iloc[0]
        there = rows[rows.planned].iloc[0]
        # No move's own payback month: one of them is the payback question's answer.
        move = model.moves[str(qid)]
        lines.append(
            f"{home.queue_label}: {home.fte:,.1f} FTE in-house at {usd(home.annual_cost)} a year "
            f"({home.cost_per_resolved_issue:,.2f} USD per resolved issue); planned move to "
            f"{there.location_label} at {usd(there.annual_cost)} a year with its repeat contacts "
            f"({there.cost_per_resolved_issue:,.2f} USD per resolved issue) plus "
            f"{usd(12 * move.retained_monthly)} a year to govern the provider, saving "
            f"{usd(12 * move.monthly_saving)} a year once settled, for one-off costs of {usd(move.one_off)}"
        )
    rate = costs.drop_duplicates("location").set_index("location_label")["paid_hour_cost"]
    legend = [(loc, colours[loc], f"{rate[loc]:,.2f} USD per paid hour") for loc in locations]
    summary = (
        "Annual cost of each queue at each location, pay and attrition replacement included, each "
        "location answering the repeat calls of its own first contact resolution. " + "; ".join(lines) + "."
    )

    build = grouped_bars(
        "queue_label",
        "location_label",
        "annual_cost",
        groups=locations,
        colours=colours,
        value_title="USD a year",
        value_format="~s",
    )

    return FiguredChart(
        f"staffing-costs-{len(locations)}",
        build,
        costs[["queue_label", "location_label", "annual_cost", "label"]],
        summary,
        legend,
        title="Annual cost of each queue by delivery model",
    )


# --------------------------------------------------------------------------- the live explorer


def explorer_chart(lab: Lab) -> object:
    """The live explorer for this scenario (``explorer.py``); a note while grading."""
    if grading_in_progress():
        return Message("Staffing and cost explorer: not drawn while grading", "info")
    from .explorer import Explorer

    return Explorer(lab)


# --------------------------------------------------------------------------- the business case, part by part


@dataclass(frozen=True)
class BusinessCase:
    """Every queue's move, part by part, as a table (``frame``, USD) with a sentence above it."""

    frame: Any  # pandas DataFrame, one row per queue
    summary: str

    def _repr_html_(self) -> str:
        return f"<p>{escape(self.summary)}</p>" + self.frame.to_html()


def business_case_table(lab: Lab) -> BusinessCase:
    """Every queue's move, part by part: the figures a payback by hand needs (USD, a month or once)."""
    import pandas as pd

    model = plan_model(lab)
    terms = model.terms
    rows = []
    for qid, move in model.moves.items():
        row = model.queues[qid]
        still = terms.still_paid(move.inhouse_pay_monthly, move.home_attrition, terms.wind_down_months)
        rows.append(
            {
                "queue": qid,
                "destination": row["destination"],
                "inhouse_a_month": round(move.inhouse_monthly),
                "provider_bill_a_month": round(move.vendor_monthly),
                "retained_organisation_a_month": round(move.retained_monthly),
                "saving_a_month_once_settled": round(move.monthly_saving),
                "transition_cost": round(move.transition_cost),
                "severance_and_retraining": round(move.people_cost),
                **{f"inhouse_pay_still_due_month_{i}": round(v) for i, v in enumerate(still, start=1)},
                "ramp_months": int(row["ramp_months"]),
                "ramp_productivity": float(row["ramp_productivity"]),
            }
        )
    summary = (
        "Each queue's move in USD: its monthly cost in-house, the provider's monthly bill with its "
        "repeat calls, the retained organisation a month, the saving a month once settled, the one-off "
        "transition, severance and retraining costs, and the in-house cost still running (pay, seats, IT "
        "and supervision) in each month of "
        f"the {terms.wind_down_months}-month wind-down. The figures are in .frame."
    )
    return BusinessCase(pd.DataFrame(rows).set_index("queue"), summary)
