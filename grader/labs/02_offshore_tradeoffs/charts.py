"""Lab 02's charts: the programs, and every program's cost per resolved contact at every location."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart, grouped_bars

from .pricing import lab_resolution_table

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

__all__ = ["cheaper_per_hour_not_per_resolution", "programs_chart", "resolution_costs_chart"]


def cheaper_per_hour_not_per_resolution(costs: pd.DataFrame) -> list[str]:
    """Programs whose lowest-rate location is not their cheapest per resolved contact."""
    found = []
    for _, rows in costs.groupby("program", sort=False):
        by_rate = rows.loc[rows["rate_per_paid_hour"].idxmin()]
        by_resolution = rows.loc[rows["cost_per_resolution"].idxmin()]
        if by_rate["location"] != by_resolution["location"]:
            found.append(str(by_rate["program_label"]))
    return found


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
