"""Lab 04's consequence view of the fix: the hit queue's next weeks under no change, your fix and the cause's.

The projection (:mod:`.recovery`) follows from the variant's cause, which is the key, so the
whole view is practice: in assessment mode it says so and draws nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart
from grader.display.html import ConsequenceView

from .content_file import content_for
from .incident import draw_incident
from .recovery import PROJECTION_WEEKS, RECOVERY_KPIS, projection
from .vocabulary import FIX

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

__all__ = ["FOR_CAUSE", "NO_CHANGE", "PLAN_COLOURS", "YOURS", "consequence_view"]

NO_CHANGE, YOURS, FOR_CAUSE = "No change", "Your fix", "The fix for the cause"
PLAN_COLOURS = {NO_CHANGE: "#999999", YOURS: PALETTE[0], FOR_CAUSE: PALETTE[2]}


def consequence_view(lab: Lab, decision_id: str) -> ConsequenceView | None:
    """For ``fix``: the next twelve weeks of the hit queue under no change, your fix and the cause's fix."""
    if decision_id != FIX:
        return None
    withheld = (
        "The projected recovery under your fix would tell you whether the fix is right, so it "
        'is shown with the expert answer: in practice once you reveal it (lab.reveal("fix")), '
        "in an assessment with your feedback."
    )
    # Every part of this view follows from the variant's cause, the key: all of it waits.
    return ConsequenceView(withheld, withheld=withheld, practice=lambda: _recovery(lab))


def _recovery(lab: Lab) -> ConsequenceView:
    content = content_for(lab.template)
    incident = draw_incident(content, lab.seed)
    decision = lab.decision(FIX)
    labels = {o.id: o.label for o in decision.options}  # type: ignore[union-attr]
    choice = lab.choice(FIX)
    chosen = choice if isinstance(choice, str) and choice in labels else None
    right = content.causes[incident.cause].fix
    plans: dict[str, str | None] = {NO_CHANGE: None}
    if chosen is not None:  # the fix for the cause is feedback: shown once you have chosen
        plans[YOURS] = chosen
        if chosen != right:
            plans[FOR_CAUSE] = right
    weekly = lab.table("weekly")
    data = projection(weekly, incident.queue, incident.start_week, incident.cause, plans, incident.lacks)
    queue = content.queue(incident.queue).label
    end = int(data["week"].max())
    words = []
    for plan, fix in plans.items():
        rows = data[(data["plan"] == plan) & (data["week"] == end)].set_index("kpi")["value"]
        kpis = ", ".join(
            f"{label} {rows[label]:.2f}" if column == "fcr" else f"{label} {100 * rows[label]:.0f} %"
            for column, label in RECOVERY_KPIS
        )
        short = labels[fix].split(":")[0].split(",")[0] if fix else ""
        name = f"{plan} ({short[0].lower()}{short[1:]})" if fix else plan
        words.append(f"{name}: {kpis}")
    start = data[data["week"] == end - PROJECTION_WEEKS].drop_duplicates("kpi").set_index("kpi")["value"]
    now = ", ".join(
        f"{label} {start[label]:.2f}" if column == "fcr" else f"{label} {100 * start[label]:.0f} %"
        for column, label in RECOVERY_KPIS
    )
    summary = (
        f"Projected KPIs of the {queue} queue, the one the incident hit, {PROJECTION_WEEKS} weeks on "
        f"(week {end}); now: {now}. " + "; ".join(words) + ". "
        "Illustrative: the course's assumption of how much of the gap each fix closes, not a forecast."
    )
    if chosen is None:
        summary = "You have not chosen a fix yet; choose one to see what it would do. " + summary
    legend = [
        (plan, PLAN_COLOURS[plan], labels[fix] if fix else "the incident goes on")
        for plan, fix in plans.items()
    ]

    def build(alt: Any) -> Any:
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_line(strokeWidth=2)
            .encode(
                x=alt.X("week:Q", title="Week", axis=alt.Axis(tickMinStep=1, tickCount=6)),
                y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(tickCount=4)),
                color=alt.Color(
                    "plan:N",
                    scale=alt.Scale(domain=list(PLAN_COLOURS), range=list(PLAN_COLOURS.values())),
                    legend=None,
                ),
                strokeDash=alt.StrokeDash(
                    "plan:N",
                    scale=alt.Scale(domain=list(PLAN_COLOURS), range=[[4, 3], [1, 0], [8, 2]]),
                    legend=None,
                ),
            )
            .properties(width=170, height=120)
            .facet(column=alt.Column("kpi:N", title=None, sort=[label for _, label in RECOVERY_KPIS]))
        )  # one shared scale: a KPI the fix does not move stays a flat line, not a zoomed-in curve

    chart = FiguredChart(
        "kpis-recovery",
        build,
        data,
        summary,
        legend,
        title=f"The next {PROJECTION_WEEKS} weeks on the {queue} queue",
    )
    note = (
        "How much of the gap each fix closes is a course assumption; what matters is whether the fix "
        "reaches the layer where the break began."
    )
    return ConsequenceView(summary, chart=chart, lead=note)
