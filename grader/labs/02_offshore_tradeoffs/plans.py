"""Lab 02: what each delivery option costs per *resolved* contact, and what a poor fit puts at risk.

The scenario carries three tables:

* ``programs``: one row per support program, with ``monthly_issues`` (customer issues to
  resolve a month), the ratings the lab is about, and two named churn assumptions,
  ``churn_if_unresolved`` (share of customers left unresolved by their first contact who
  leave because of it) and ``value_of_lost_customer`` (USD). Both are labelled illustrative
  in the scenario, never constants here;
* ``locations``: one row per delivery option, with the hourly rate per *paid* hour, the
  shrinkage and occupancy that turn it into a cost per handling hour, the QA and governance
  share, annual attrition and what each replacement costs you;
* ``estimates``: one row per program and location, with the pilot's AHT, FCR and rework.

For every program and location the cost per resolved contact comes from
:func:`grader.models.cost.cost_per_resolved_contact`, the same function the lab's hidden
tests hold the learner's code to, so the exercise, the chart and this view agree.  Revenue
at risk is what a move adds to churn compared with keeping the program close::

    revenue at risk a month = monthly_issues x max(0, FCR kept close - FCR there)
                              x churn_if_unresolved x value_of_lost_customer

Why not :func:`grader.models.consequences.simulate`: its FCR comes from its own fit table
(complexity, risk, collaboration, documentation, language), which knows nothing of
emotional weight or brand sensitivity, the attributes this lab is about, and would
contradict the pilot estimates the learner has just worked with.

>>> plan_mapping(["a", "b"], {"a": "offshore", "c": "nearshore"})
{'a': 'offshore', 'b': 'inhouse'}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart, grouped_bars
from grader.display.formats import usd
from grader.display.html import ConsequenceView, Table
from grader.labs.placement import misplaced
from grader.models.cost import cost_per_productive_hour, cost_per_resolved_contact, productive_hours

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

DECISION = "delivery_model"
HOME = "inhouse"  # "keep close": the baseline every move is compared with
OFFSHORE = "offshore"
NOT_PLACED = "not placed (costed as kept close)"

#: Monthly cost components (USD) in stacking order, with the colour each is drawn in.
COMPONENTS: dict[str, str] = {
    "First contact": PALETTE[0],
    "Repeat contacts": PALETTE[1],
    "Rework": PALETTE[2],
    "QA and governance": PALETTE[3],
    "Attrition replacement": PALETTE[4],
    "Revenue at risk (churn)": PALETTE[5],
}
PLANS = ("Your plan", "All offshore (lowest hourly rate)", "All kept close")


# --------------------------------------------------------------------------- the numbers


def resolution_table(
    programs: pd.DataFrame, locations: pd.DataFrame, estimates: pd.DataFrame
) -> pd.DataFrame:
    """One row per program and location: cost per resolved contact, its parts, and revenue at risk.

    Monthly USD columns are named after :data:`COMPONENTS`; ``monthly_cost`` is their sum
    without the churn line and ``monthly_total`` with it.
    """
    import pandas as pd

    where = locations.set_index("id")
    what = programs.set_index("id")
    kept_close = estimates[estimates["location"] == HOME].set_index("program")["fcr"]
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
        issues = float(prog["monthly_issues"])
        fcr_drop = max(0.0, float(kept_close[est.program]) - float(est.fcr))
        at_risk = (
            issues * fcr_drop * float(prog["churn_if_unresolved"]) * float(prog["value_of_lost_customer"])
        )
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
                "kept_close_fcr": float(kept_close[est.program]),
                "cost_per_resolution": breakdown.total,
                "repeat_contacts_per_month": issues * (breakdown.contacts_per_resolution - 1),
                **monthly,
                "Revenue at risk (churn)": at_risk,
                "monthly_cost": breakdown.total * issues,
                "monthly_total": breakdown.total * issues + at_risk,
            }
        )
    return pd.DataFrame(rows)


def lab_resolution_table(lab: Lab) -> pd.DataFrame:
    """:func:`resolution_table` for the lab's scenario."""
    return resolution_table(lab.table("programs"), lab.table("locations"), lab.table("estimates"))


def plan_mapping(program_ids: list[str], mapping: Mapping[str, object]) -> dict[str, str]:
    """Every program's location: the learner's choice, or kept close where there is none."""
    return {p: str(mapping[p]) if isinstance(mapping.get(p), str) else HOME for p in program_ids}


def plan_rows(costs: pd.DataFrame, mapping: Mapping[str, str]) -> pd.DataFrame:
    """The rows of ``costs`` a plan (program id -> location id) picks, one per program, in program order."""
    picked = costs[
        [mapping.get(p) == loc for p, loc in zip(costs["program"], costs["location"], strict=True)]
    ]
    order = list(dict.fromkeys(costs["program"]))
    return picked.set_index("program").loc[order].reset_index()


def cheaper_per_hour_not_per_resolution(costs: pd.DataFrame) -> list[str]:
    """Programs whose lowest-rate location is not their cheapest per resolved contact."""
    found = []
    for _, rows in costs.groupby("program", sort=False):
        by_rate = rows.loc[rows["rate_per_paid_hour"].idxmin()]
        by_resolution = rows.loc[rows["cost_per_resolution"].idxmin()]
        if by_rate["location"] != by_resolution["location"]:
            found.append(str(by_rate["program_label"]))
    return found


# --------------------------------------------------------------------------- charts


def programs_chart(lab: Lab) -> FiguredChart:
    """Monthly issues per program, each bar labelled with its emotional weight and brand sensitivity."""
    programs = lab.table("programs").assign(
        label=lambda t: "emotional weight " + t.emotional_weight + ", brand " + t.brand_sensitivity
    )
    biggest = programs.sort_values("monthly_issues", ascending=False).iloc[0]
    summary = (
        f"Monthly customer issues for {len(programs)} programs; the largest is {biggest.program} at "
        f"{biggest.monthly_issues:,.0f}. "
        + "; ".join(
            f"{r.program}: {r.monthly_issues:,.0f} issues, emotional weight {r.emotional_weight}, "
            f"brand sensitivity {r.brand_sensitivity}"
            for r in programs.itertuples()
        )
        + "."
    )

    def build(alt: Any) -> Any:
        base = alt.Chart(alt.Data(name=DATA_NAME)).encode(
            y=alt.Y("program:N", sort="-x", title=None, axis=alt.Axis(labelLimit=280)),
            x=alt.X("monthly_issues:Q", title="Customer issues per month", axis=alt.Axis(tickCount=4)),
        )
        bars = base.mark_bar(color=PALETTE[0])
        labels = base.mark_text(align="left", dx=3).encode(text="label:N")
        return (bars + labels).properties(width=360, height=28 * len(programs))

    return FiguredChart(f"offshore-programs-{len(programs)}", build, programs, summary)


def resolution_costs_chart(lab: Lab) -> FiguredChart:
    """Cost per resolved contact of every program at every location (the engine's figures)."""
    costs = lab_resolution_table(lab).round({"cost_per_resolution": 2})
    # Each bar says which location it is in words too, so colour is not the only key.
    costs["label"] = [
        f"{loc} {usd:.2f}" for loc, usd in zip(costs.location, costs.cost_per_resolution, strict=True)
    ]
    locations = list(dict.fromkeys(costs["location_label"]))
    colours = dict(zip(locations, PALETTE, strict=False))
    rates = costs.drop_duplicates("location").set_index("location_label")["rate_per_paid_hour"]
    legend = [(loc, colours[loc], f"{rates[loc]:,.0f} USD per paid hour") for loc in locations]
    lines = []
    for label, rows in costs.groupby("program_label", sort=False):
        cheapest = rows.loc[rows["cost_per_resolution"].idxmin()]
        parts = ", ".join(f"{r.location} {r.cost_per_resolution:,.2f}" for r in rows.itertuples())
        lines.append(f"{label}: {parts} USD (cheapest: {cheapest.location})")
    flipped = cheaper_per_hour_not_per_resolution(costs)
    summary = (
        "Cost per resolved contact, in USD, by program and location. "
        + "; ".join(lines)
        + ". "
        + (
            f"The lowest hourly rate is not the cheapest per resolved contact for: {', '.join(flipped)}."
            if flipped
            else "Here the lowest hourly rate is also the cheapest per resolved contact for every program."
        )
    )

    build = grouped_bars(
        "program_label",
        "location_label",
        "cost_per_resolution",
        groups=locations,
        colours=colours,
        value_title="USD per resolved contact",
        label_limit=280,
        width=360,
        step=14,
    )

    return FiguredChart(
        f"offshore-resolution-costs-{len(locations)}",
        build,
        costs[["program_label", "location_label", "cost_per_resolution", "label"]],
        summary,
        legend,
        title="Cost per resolved contact by program and location",
    )


# --------------------------------------------------------------------------- consequence view


def _fit_note(lab: Lab, placed: dict[str, str], costs: pd.DataFrame) -> str:
    """Practice only: which placed programs went further, or stayed closer, than they fit."""
    rate = costs.drop_duplicates("location").set_index("location")["rate_per_paid_hour"].astype(float)
    return misplaced(lab.decision(DECISION), placed, rate.to_dict()).note(
        far_cost="The cheaper rate comes back as repeat contacts, rework and customers who leave.",
        close_gain="They would be resolved as well further away, for less.",
    )


def consequence_view(lab: Lab, decision_id: str) -> ConsequenceView | None:
    """Your delivery plan against all offshore and all kept close: monthly cost and revenue at risk."""
    if decision_id != DECISION:
        return None
    import pandas as pd

    choice = lab.choice(DECISION)
    chosen = choice if isinstance(choice, dict) else {}
    costs = lab_resolution_table(lab)
    programs = list(dict.fromkeys(costs["program"]))
    known = set(costs["location"])
    # A hand-edited answers file may hold anything: unknown programs or locations are left out.
    valid = {p: loc for p, loc in chosen.items() if p in programs and isinstance(loc, str) and loc in known}
    yours = plan_mapping(programs, valid)
    plans = {
        PLANS[0]: plan_rows(costs, yours),
        PLANS[1]: plan_rows(costs, dict.fromkeys(programs, OFFSHORE)),
        PLANS[2]: plan_rows(costs, dict.fromkeys(programs, HOME)),
    }
    bars = pd.DataFrame(
        [
            {"plan": plan, "component": label, "rank": rank, "usd": round(float(rows[label].sum()), 0)}
            for plan, rows in plans.items()
            for rank, label in enumerate(COMPONENTS)
        ]
    )
    totals = {
        plan: (rows["monthly_cost"].sum(), rows["Revenue at risk (churn)"].sum())
        for plan, rows in plans.items()
    }

    mine = plans[PLANS[0]]
    placed = set(valid)
    where = [
        str(loc) if p in placed else NOT_PLACED
        for p, loc in zip(mine["program"], mine["location_label"], strict=True)
    ]
    choice_text = [
        f"{r.program_label}: {w}, {r.cost_per_resolution:,.2f} USD per resolved contact"
        for r, w in zip(mine.itertuples(), where, strict=True)
    ]
    (cost, risk), (off_cost, off_risk), (close_cost, _) = (totals[p] for p in PLANS)
    summary = (
        f"{len(placed)} of {len(programs)} programs placed. "
        + "; ".join(choice_text)
        + f". Your plan costs {usd(cost)} a month to resolve every issue, repeat contacts included, "
        f"and puts {usd(risk)} of revenue at risk a month through customers who leave after an "
        f"unresolved first contact: {usd(cost + risk)} in all. "
        f"All offshore, the lowest hourly rate everywhere: {usd(off_cost)} plus {usd(off_risk)} at risk, "
        f"{usd(off_cost + off_risk)} in all. All kept close: {usd(close_cost)} and no added risk."
    )
    flipped = cheaper_per_hour_not_per_resolution(costs)
    if flipped:
        summary += (
            " The lowest hourly rate is not the cheapest per resolved contact for "
            f"{', '.join(flipped)}: repeat contacts, rework and governance outweigh the rate."
        )

    legend = [
        (label, colour, " · ".join(f"{plan}: {usd(rows[label].sum())}" for plan, rows in plans.items()))
        for label, colour in COMPONENTS.items()
    ]

    def build(alt: Any) -> Any:
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_bar()
            .encode(
                x=alt.X("sum(usd):Q", title="USD per month", axis=alt.Axis(tickCount=4, format="~s")),
                y=alt.Y("plan:N", title=None, sort=list(PLANS)),
                color=alt.Color(
                    "component:N",
                    scale=alt.Scale(domain=list(COMPONENTS), range=list(COMPONENTS.values())),
                    legend=None,
                ),
                order=alt.Order("rank:Q"),
            )
            .properties(width=420, height=90)
        )

    chart = FiguredChart(
        f"offshore-plans-{len(COMPONENTS)}-{len(PLANS)}",
        build,
        bars,
        summary,
        legend,
        title="Monthly cost of resolving every issue, plus revenue at risk",
    )
    table = Table(
        "Your plan, program by program",
        (
            "Program",
            "Your choice",
            "Rate (USD per paid hour)",
            "FCR",
            "USD per resolved contact",
            "Repeat contacts a month",
            "Revenue at risk a month (USD)",
        ),
        [
            (
                r.program_label,
                w,
                f"{r.rate_per_paid_hour:,.0f}",
                f"{r.fcr:.2f}",
                f"{r.cost_per_resolution:,.2f}",
                f"{r.repeat_contacts_per_month:,.0f}",
                f"{risk:,.0f}",
            )
            for r, w, risk in zip(mine.itertuples(), where, mine["Revenue at risk (churn)"], strict=True)
        ],
        css_class="decisionlab-plan",
    )
    data = mine.assign(choice=where, at_risk=mine["Revenue at risk (churn)"])
    view = ConsequenceView(summary, table=table, chart=chart, data=data)
    # Which programs went too far, or stayed too close, is the key: shown only with feedback.
    return replace(view, practice=lambda: replace(view, notes=(_fit_note(lab, valid, costs),)))
