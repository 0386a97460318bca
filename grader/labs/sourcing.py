"""Lab 01: the queue map's monthly cost, and where the fit is poor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.models.sourcing import monthly_cost
from grader.notebook.charts import FiguredChart

if TYPE_CHECKING:
    import pandas as pd

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
        base = alt.Chart(queues).encode(
            y=alt.Y("queue:N", sort="-x", title=None),
            x=alt.X("hours:Q", title="Handling hours per month"),
        )
        bars = base.mark_bar().encode(
            color=alt.Color("complexity:N", sort=["low", "medium", "high"], title="Complexity"),
            tooltip=["queue", "hours", "complexity", "risk"],
        )
        labels = base.mark_text(align="left", dx=3).encode(text="complexity:N")
        return (bars + labels).properties(width=420, height=24 * len(queues))

    return FiguredChart(build, summary)


def cost_table(lab: Lab, mapping: dict[str, str]) -> pd.DataFrame:
    return monthly_cost(lab.table("queues"), lab.table("locations"), mapping)


def consequence_view(lab: Lab, decision_id: str) -> object | None:
    if decision_id != "queue_mapping":
        return None
    mapping = lab.choice("queue_mapping") or {}
    if not isinstance(mapping, dict):
        return None
    table = cost_table(lab, mapping)
    by_location = (
        table[table.location != ""].groupby("location_label", as_index=False)[["cost", "paid_hours"]].sum()
    )
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

    def build(alt):  # type: ignore[no-untyped-def]
        return (
            alt.Chart(by_location)
            .mark_bar()
            .encode(
                x=alt.X("cost:Q", title="Monthly cost (USD)"),
                y=alt.Y("location_label:N", title=None),
                tooltip=["location_label", "cost", "paid_hours"],
            )
            .properties(width=420, height=160, title="Monthly cost of your queue map by location")
        )

    return FiguredChart(build, summary)
