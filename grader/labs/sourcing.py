"""Lab 01: the queue map's monthly cost, and where the fit is poor."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from grader.models.sourcing import monthly_cost
from grader.notebook.charts import DATA_NAME, PALETTE, FiguredChart

if TYPE_CHECKING:
    from grader.notebook.session import Lab


def queue_profile_chart(lab: Lab) -> FiguredChart:
    """Monthly workload of every queue, coloured by complexity and labelled in text too."""
    queues = lab.table("queues").assign(hours=lambda t: t.monthly_contacts * t.aht_minutes / 60)
    biggest = queues.sort_values("hours", ascending=False).iloc[0]
    summary = (
        f"Monthly handling hours for {len(queues)} queues; the largest is {biggest.queue} "
        f"at about {biggest.hours:,.0f} hours. Each bar is labelled with its complexity."
    )

    def build(alt):  # type: ignore[no-untyped-def]
        base = alt.Chart(alt.Data(name=DATA_NAME)).encode(
            y=alt.Y("queue:N", sort="-x", title=None),
            x=alt.X("hours:Q", title="Handling hours per month"),
        )
        bars = base.mark_bar().encode(
            color=alt.Color(
                "complexity:N",
                scale=alt.Scale(domain=["low", "medium", "high"], range=PALETTE[:3]),
                title="Complexity",
            ),
            tooltip=["queue:N", "hours:Q", "complexity:N", "risk:N"],
        )
        labels = base.mark_text(align="left", dx=3).encode(text="complexity:N")
        return (bars + labels).properties(width=420, height=24 * len(queues))

    return FiguredChart(f"queue-profile-{len(queues)}", build, queues, summary)


def cost_table(lab: Lab, mapping: dict[str, str]) -> pd.DataFrame:
    return monthly_cost(lab.table("queues"), lab.table("locations"), mapping)


def consequence_view(lab: Lab, decision_id: str) -> object | None:
    if decision_id != "queue_mapping":
        return None
    mapping = lab.choice("queue_mapping") or {}
    if not isinstance(mapping, dict):
        return None
    table = cost_table(lab, mapping)
    table["segment"] = table.location_label.where(table.location != "", "Not placed (costed in-house)")
    yours = table.groupby("segment", as_index=False)["cost"].sum().assign(plan="Your map")
    inhouse = pd.DataFrame(
        {"segment": ["Everything in-house"], "cost": [table.inhouse_cost.sum()], "plan": ["All in-house"]}
    )
    bars = pd.concat([yours, inhouse], ignore_index=True).round(0)
    total, baseline = table.cost.sum(), table.inhouse_cost.sum()
    placed = int((table.location != "").sum())
    saving = baseline - total
    summary = (
        f"{placed} of {len(table)} queues placed. Monthly cost of your map: ${total:,.0f} "
        f"against ${baseline:,.0f} with every queue in-house "
        f"({'a saving' if saving >= 0 else 'an extra cost'} of ${abs(saving):,.0f}). "
        "Unplaced queues are costed in-house."
    )
    if lab.settings.reveals_feedback:
        result = lab.result("queue_mapping")
        poor = [n.subject for n in result.notes if n.verdict.value == "not right"]
        if poor:
            summary += (
                f" Poor fit, where cheaper labour is likely to come back as repeat contacts, "
                f"escalations or compliance exposure: {', '.join(poor)}."
            )

    segments = [*lab.table("locations")["location"], "Not placed (costed in-house)", "Everything in-house"]
    colours = dict(zip(segments, PALETTE, strict=False))
    totals = bars.groupby("segment")["cost"].sum()
    legend = [(seg, colours[seg], f"${totals[seg]:,.0f} a month") for seg in segments if seg in totals]

    def build(alt):  # type: ignore[no-untyped-def]
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_bar()
            .encode(
                x=alt.X("sum(cost):Q", title="Monthly cost (USD)", axis=alt.Axis(tickCount=4)),
                y=alt.Y("plan:N", title=None, sort=["Your map", "All in-house"]),
                color=alt.Color(
                    "segment:N",
                    scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                    legend=None,
                ),
                tooltip=["plan:N", "segment:N", "cost:Q"],
            )
            .properties(width=420, height=70)
        )

    return FiguredChart(
        f"queue-map-cost-{len(segments)}", build, bars, summary, legend,
        title="Monthly cost: your queue map against all in-house",
    )


CHARTS = {"queues": queue_profile_chart}
