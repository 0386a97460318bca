"""Lab 04: a team's weekly KPIs after launch, read layer by layer, and what a fix would restore.

Every scenario of this lab is generated (``generator.py`` beside this module): each learner gets
their own twenty weeks with one planted root cause.  The three tables are

* ``weekly``: one row per queue and week, with the service, quality and business layers of the
  KPI stack and the team's staffing;
* ``intervals``: the last week of one queue in open half-hours;
* ``reviews``: one row per contact QA scored, with the agent's tenure band and the error found.

This module holds the reference versions of the lab's three exercises (the hidden tests hold
the learner's code to them, on the learner's own tables), the lab's charts and the
consequence view of the ``fix`` decision.  The visible tests check shapes with
:func:`grader.notebook.checks.check_shape`.

>>> import pandas as pd
>>> weekly = pd.DataFrame({"week": [1, 1, 2, 2], "queue": ["a", "b", "a", "b"],
...                        "calls_answered": [100, 50, 200, 40], "repeat_contacts": [10, 5, 30, 2]})
>>> repeat_rate_table(weekly).to_dict()
{'a': {1: 0.1, 2: 0.15}, 'b': {1: 0.1, 2: 0.05}}
>>> intervals = pd.DataFrame({"day": ["Mon", "Mon", "Tue"], "calls_offered": [10, 30, 20],
...                           "answered_in_20s": [10, 15, 16]})
>>> daily_service_level(intervals).to_dict()
{'Mon': 0.625, 'Tue': 0.8}
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart
from grader.display.html import ConsequenceView

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

ERROR_TYPES = ("policy", "process", "knowledge", "tone")  # the order error_mix returns them in
NO_ERROR = "none"
FIX = "fix"
CALENDAR_COLOUR = "#777777"
#: (column, panel title) of the layers chart, service first, then quality, then business.
LAYER_PANELS = (
    ("service_level", "Service: service level (share in 20 s)"),
    ("abandon_rate", "Service: abandon rate"),
    ("qa_score", "Quality: QA score"),
    ("fcr", "Quality: first-contact resolution"),
    ("csat", "Business: CSAT"),
    ("complaints", "Business: complaints"),
)
SHARES = {"service_level", "abandon_rate", "csat"}  # shown as percentages in words
STAFF_SERIES = {
    "required_agents": ("Required agents per open half-hour", PALETTE[5]),
    "scheduled_agents": ("Scheduled agents per open half-hour", PALETTE[0]),
    "headcount": ("Headcount taking calls", PALETTE[2]),
    "in_training": ("New hires in training", PALETTE[1]),
    "leavers": ("Leavers that week", PALETTE[3]),
}
ERROR_COLOURS = dict(zip(ERROR_TYPES, (PALETTE[5], PALETTE[0], PALETTE[1], PALETTE[3]), strict=True))

# --- consequence view: an illustrative recovery model, not a forecast -----------------------
_CAUSES = ("training_gap", "escalation_workflow", "policy_change", "staffing_shortfall", "attrition_spike")
PROJECTION_WEEKS = 12
RECOVERY_KPIS = (("service_level", "Service level"), ("fcr", "FCR"), ("csat", "CSAT"))
#: Share of the gap to the pre-incident level a fix closes, by layer (service, quality, business),
#: for each cause; a cause not listed gets nothing.  Negative: the fix makes that layer worse.
RECOVERY: dict[str, dict[str, tuple[float, float, float]]] = {
    "retrain_nesting": {
        "training_gap": (1.0, 1.0, 1.0),
        "attrition_spike": (0.4, 1.0, 0.6),
        "policy_change": (0.0, 0.2, 0.1),
        "staffing_shortfall": (-0.3, 0.0, -0.1),  # agents pulled off the phones to train
    },
    "repair_escalation": {"escalation_workflow": (1.0, 1.0, 1.0)},
    "policy_owner": {"policy_change": (1.0, 1.0, 1.0)},
    "reforecast_staff": {
        "staffing_shortfall": (1.0, 1.0, 1.0),
        "attrition_spike": (1.0, 0.2, 0.5),
        "policy_change": (0.8, 0.0, 0.3),
        "training_gap": (0.5, 0.0, 0.2),
        "escalation_workflow": (0.3, 0.0, 0.1),
    },
    "retention_plan": {
        "attrition_spike": (1.0, 1.0, 1.0),
        "staffing_shortfall": (0.2, 0.0, 0.1),
    },
    "csat_campaign": {cause: (0.0, 0.0, 0.15) for cause in _CAUSES},  # a short lift, nothing below it
    "new_vendor": {cause: (-0.5, -0.5, -0.3) for cause in _CAUSES},  # a second launch curve
}
#: Weeks for a fix to close about 63 % of what it closes (an exponential approach).
TIME_CONSTANT = {
    "retrain_nesting": 3.0,
    "repair_escalation": 1.5,
    "policy_owner": 2.0,
    "reforecast_staff": 2.0,
    "retention_plan": 4.0,
    "csat_campaign": 1.0,
    "new_vendor": 4.0,
}
HARM_FLOOR = 0.03  # the least a harmful fix takes off a KPI (share points)
NO_CHANGE, YOURS, FOR_CAUSE = "No change", "Your fix", "The fix for the cause"
PLAN_COLOURS = {NO_CHANGE: "#999999", YOURS: PALETTE[0], FOR_CAUSE: PALETTE[2]}


# --------------------------------------------------------------------------- the exercises


def repeat_rate_table(weekly: pd.DataFrame) -> pd.DataFrame:
    """Repeat contacts / calls answered, one row per week and one column per queue (first-seen order)."""
    rates = weekly.assign(repeat_rate=weekly["repeat_contacts"] / weekly["calls_answered"])
    table = rates.pivot(index="week", columns="queue", values="repeat_rate")
    return table[list(dict.fromkeys(weekly["queue"]))].sort_index()


def daily_service_level(intervals: pd.DataFrame) -> pd.Series:
    """Calls answered within 20 s / calls offered, per day in the table's order; abandons count as missed.

    Summed over the day's half-hours first: a day's service level weights each half-hour by its
    calls, so it is not the mean of the half-hours' service levels.
    """
    days = intervals.groupby("day", sort=False)[["answered_in_20s", "calls_offered"]].sum()
    return days["answered_in_20s"] / days["calls_offered"]


def error_mix(
    reviews: pd.DataFrame,
    first_week: int | None = None,
    last_week: int | None = None,
    tenure: str | None = None,
) -> pd.Series:
    """Share of each error type among the reviews with an error, in :data:`ERROR_TYPES` order.

    Only reviews from ``first_week`` to ``last_week`` (both included; ``None`` leaves that side
    open) and, if given, of the ``tenure`` band count.  No error in the selection: all zeros.
    """
    import pandas as pd

    rows = reviews
    if first_week is not None:
        rows = rows[rows["week"] >= first_week]
    if last_week is not None:
        rows = rows[rows["week"] <= last_week]
    if tenure is not None:
        rows = rows[rows["tenure"] == tenure]
    errors = rows.loc[rows["error_type"] != NO_ERROR, "error_type"]
    counts = errors.value_counts().reindex(list(ERROR_TYPES), fill_value=0).astype(float)
    total = float(counts.sum())
    return pd.Series((counts / total if total else counts * 0.0).to_numpy(), index=list(ERROR_TYPES))


# --------------------------------------------------------------------------- charts


def _queue_labels(lab: Lab) -> dict[str, str]:
    from .generator import profile_for

    return {q.id: q.label for q in profile_for(lab.template).queues}


def _calendar_note(weekly: pd.DataFrame) -> str:
    marked = weekly.loc[weekly["calendar"] != "", ["week", "calendar"]].drop_duplicates()
    if marked.empty:
        return ""
    return (
        "Grey lines mark "
        + " and ".join(f"the {c} in week {w}" for w, c in marked.itertuples(index=False))
        + "."
    )


def _shown(column: str, value: float) -> str:
    if column in SHARES:
        return f"{100 * value:.0f} %"
    if column == "fcr":
        return f"{value:.2f}"
    return f"{value:.0f}" if column == "complaints" else f"{value:.1f}"


def _period_mean(rows: pd.DataFrame, column: str, weeks: range) -> float:
    picked = rows[rows["week"].isin(list(weeks)) & (rows["calendar"] == "")]
    return float(picked[column].mean())


def layers_chart(lab: Lab) -> FiguredChart:
    """Six KPIs over the weeks, two per layer, one line per queue, calendar weeks marked."""
    import pandas as pd

    weekly = lab.table("weekly")
    names = _queue_labels(lab)
    weekly["queue_label"] = weekly["queue"].map(names).fillna(weekly["queue"])
    queues = list(dict.fromkeys(weekly["queue_label"]))
    colours = dict(zip(queues, PALETTE, strict=False))
    long = pd.concat(
        [
            weekly[["week", "queue_label", "calendar"]].assign(panel=title, value=weekly[column])
            for column, title in LAYER_PANELS
        ],
        ignore_index=True,
    )
    last = int(weekly["week"].max())
    early, recent = range(4, 8), range(last - 3, last + 1)
    lines = []
    for column, title in LAYER_PANELS:
        parts = []
        for queue in queues:
            rows = weekly[weekly["queue_label"] == queue]
            before, now = _period_mean(rows, column, early), _period_mean(rows, column, recent)
            parts.append(f"{queue} {_shown(column, before)} then {_shown(column, now)}")
        lines.append(f"{title}: " + ", ".join(parts))
    summary = (
        f"Weekly KPIs of {len(queues)} queues over {last} weeks, averaged over weeks 4-7 and over "
        f"the last four weeks (calendar weeks left out). " + "; ".join(lines) + ". " + _calendar_note(weekly)
    )
    latest = weekly[weekly["week"] == last].set_index("queue_label")
    legend = [
        (
            q,
            colours[q],
            f"week {last}: service level {_shown('service_level', latest.loc[q, 'service_level'])}, "
            f"FCR {_shown('fcr', latest.loc[q, 'fcr'])}, CSAT {_shown('csat', latest.loc[q, 'csat'])}",
        )
        for q in queues
    ]

    def build(alt: Any) -> Any:
        base = alt.Chart()
        trend = base.mark_line(strokeWidth=1.5).encode(
            x=alt.X("week:Q", title="Week", axis=alt.Axis(tickMinStep=1, tickCount=10)),
            y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(tickCount=4)),
            color=alt.Color(
                "queue_label:N",
                scale=alt.Scale(domain=queues, range=[colours[q] for q in queues]),
                legend=None,
            ),
        )
        marks = (
            base.transform_filter("datum.calendar != ''")
            .mark_rule(color=CALENDAR_COLOUR, strokeDash=[4, 3])
            .encode(x="week:Q")
        )
        return (
            alt.layer(marks, trend, data=alt.Data(name=DATA_NAME))
            .properties(width=240, height=100)
            .facet(facet=alt.Facet("panel:N", title=None, sort=[t for _, t in LAYER_PANELS]), columns=2)
            .resolve_scale(y="independent")
        )

    return FiguredChart(
        f"kpis-layers-{len(queues)}",
        build,
        long,
        summary,
        legend,
        title="The KPI stack, week by week: service, quality, business",
    )


def staffing_chart(lab: Lab) -> FiguredChart:
    """Required and scheduled agents, headcount, new hires in training and leavers, by queue."""
    import pandas as pd

    weekly = lab.table("weekly")
    names = _queue_labels(lab)
    weekly["queue_label"] = weekly["queue"].map(names).fillna(weekly["queue"])
    queues = list(dict.fromkeys(weekly["queue_label"]))
    series = [label for label, _ in STAFF_SERIES.values()]
    long = pd.concat(
        [
            weekly[["week", "queue_label", "calendar"]].assign(series=label, value=weekly[column])
            for column, (label, _) in STAFF_SERIES.items()
        ],
        ignore_index=True,
    )
    lines = []
    for queue in queues:
        rows = weekly[weekly["queue_label"] == queue]
        short = rows[rows["scheduled_agents"] < 0.9 * rows["required_agents"]]["week"].tolist()
        training = rows[rows["in_training"] > 0]["week"].tolist()
        lines.append(
            f"{queue}: scheduled more than 10 % below required in "
            + (f"week(s) {', '.join(map(str, short))}" if short else "no week")
            + f"; {int(rows['leavers'].sum())} leavers in all, at most {int(rows['leavers'].max())} a week; "
            + (
                f"new hires in training in weeks {training[0]}-{training[-1]}"
                if training
                else "no class in training"
            )
            + f"; headcount {int(rows['headcount'].min())} to {int(rows['headcount'].max())}"
        )
    summary = "Staffing by queue and week. " + "; ".join(lines) + ". " + _calendar_note(weekly)
    legend = [(label, colour, "agents") for label, colour in STAFF_SERIES.values()]

    def build(alt: Any) -> Any:
        base = alt.Chart()
        trend = base.mark_line(strokeWidth=1.5).encode(
            x=alt.X("week:Q", title="Week", axis=alt.Axis(tickMinStep=1, tickCount=10)),
            y=alt.Y("value:Q", title="Agents", axis=alt.Axis(tickCount=4)),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=series, range=[c for _, c in STAFF_SERIES.values()]),
                legend=None,
            ),
        )
        marks = (
            base.transform_filter("datum.calendar != '' && datum.series == '" + series[0] + "'")
            .mark_rule(color=CALENDAR_COLOUR, strokeDash=[4, 3])
            .encode(x="week:Q")
        )
        return (
            alt.layer(marks, trend, data=alt.Data(name=DATA_NAME))
            .properties(width=240, height=110)
            .facet(facet=alt.Facet("queue_label:N", title=None, sort=queues), columns=2)
        )

    return FiguredChart(
        f"kpis-staffing-{len(queues)}", build, long, summary, legend, title="Staffing by queue, week by week"
    )


def qa_errors_chart(lab: Lab) -> FiguredChart:
    """Share of scored contacts with each error type, by queue and week (stacked)."""
    import pandas as pd

    reviews = lab.table("reviews")
    names = _queue_labels(lab)
    reviews["queue_label"] = reviews["queue"].map(names).fillna(reviews["queue"])
    queues = list(dict.fromkeys(reviews["queue_label"]))
    scored = reviews.groupby(["queue_label", "week"], sort=False).size().rename("scored")
    errors = (
        reviews[reviews["error_type"] != NO_ERROR]
        .groupby(["queue_label", "week", "error_type"], sort=False)
        .size()
        .rename("errors")
        .reset_index()
        .merge(scored.reset_index(), on=["queue_label", "week"])
    )
    errors["share"] = errors["errors"] / errors["scored"]
    errors["rank"] = errors["error_type"].map({t: i for i, t in enumerate(ERROR_TYPES)})
    last = int(reviews["week"].max())
    lines = []
    for queue in queues:
        rows = reviews[reviews["queue_label"] == queue]
        parts = []
        for label, weeks in (
            ("weeks 1-8", rows["week"] <= 8),
            (f"weeks {last - 5}-{last}", rows["week"] > last - 6),
        ):
            picked = rows[weeks]
            shares = ", ".join(f"{t} {100 * (picked['error_type'] == t).mean():.0f} %" for t in ERROR_TYPES)
            parts.append(f"{label}: {shares}")
        lines.append(f"{queue}: " + "; ".join(parts))
    summary = "Share of scored contacts with each error type, by queue. " + ". ".join(lines) + "."
    legend = [
        (
            t,
            ERROR_COLOURS[t],
            f"{int((reviews['error_type'] == t).sum())} errors in {len(reviews)} scored contacts",
        )
        for t in ERROR_TYPES
    ]
    data = pd.DataFrame(errors[["queue_label", "week", "error_type", "share", "rank"]])

    def build(alt: Any) -> Any:
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_bar()
            .encode(
                x=alt.X("week:O", title="Week"),
                y=alt.Y(
                    "sum(share):Q", title="Share of scored contacts", axis=alt.Axis(format="%", tickCount=4)
                ),
                color=alt.Color(
                    "error_type:N",
                    scale=alt.Scale(domain=list(ERROR_TYPES), range=[ERROR_COLOURS[t] for t in ERROR_TYPES]),
                    legend=None,
                ),
                order=alt.Order("rank:Q"),
            )
            .properties(width=240, height=110)
            .facet(facet=alt.Facet("queue_label:N", title=None, sort=queues), columns=2)
        )

    return FiguredChart(
        f"kpis-qa-errors-{len(queues)}",
        build,
        data,
        summary,
        legend,
        title="QA errors by type, queue and week",
    )


# --------------------------------------------------------------------------- consequence view


def projection(
    weekly: pd.DataFrame, queue: str, start_week: int, cause: str, fixes: dict[str, str | None]
) -> pd.DataFrame:
    """Projected weekly KPIs of ``queue`` after the last week, for each plan in ``fixes`` (plan -> fix id).

    Each KPI starts from its mean over the last two weeks and closes a share of the gap to its
    mean over the four weeks before ``start_week`` (:data:`RECOVERY`), at the pace of
    :data:`TIME_CONSTANT`.  A plan whose fix is ``None`` changes nothing.
    """
    import pandas as pd

    rows = weekly[weekly["queue"] == queue]
    last = int(rows["week"].max())
    before = range(max(4, start_week - 4), start_week)
    out = []
    for plan, fix in fixes.items():
        shares = RECOVERY.get(fix or "", {}).get(cause, (0.0, 0.0, 0.0))
        pace = TIME_CONSTANT.get(fix or "", 1.0)
        for (column, label), share in zip(RECOVERY_KPIS, shares, strict=True):
            now = float(rows[rows["week"] > last - 2][column].mean())
            # Only a real loss is recovered (higher is better for all three); a fix that does
            # harm takes at least a visible slice off.
            gap = max(_period_mean(rows, column, before) - now, 0.0)
            if share < 0:
                gap = max(gap, HARM_FLOOR)
            for step in range(0, PROJECTION_WEEKS + 1):
                value = now + gap * share * (1 - math.exp(-step / pace))
                out.append(
                    {"plan": plan, "kpi": label, "week": last + step, "value": min(max(value, 0.0), 1.0)}
                )
    return pd.DataFrame(out)


def consequence_view(lab: Lab, decision_id: str) -> ConsequenceView | None:
    """For ``fix``: the next twelve weeks of the hit queue under no change, your fix and the cause's fix."""
    if decision_id != FIX:
        return None
    withheld = (
        "In assessment mode the projected recovery under your fix is not shown: it would tell "
        "you whether the fix is right. You see it with your feedback."
    )
    # Every part of this view follows from the variant's cause, the key: it is all practice.
    return ConsequenceView(withheld, withheld=withheld, practice=lambda: _recovery(lab))


def _recovery(lab: Lab) -> ConsequenceView:
    from .generator import FIX_FOR, incident_for, profile_for

    incident = incident_for(lab.template, lab.seed)
    decision = lab.decision(FIX)
    labels = {o.id: o.label for o in decision.options}  # type: ignore[union-attr]
    choice = lab.choice(FIX)
    chosen = choice if isinstance(choice, str) and choice in labels else None
    right = FIX_FOR[incident.cause]
    plans: dict[str, str | None] = {NO_CHANGE: None}
    if chosen is not None:  # the fix for the cause is feedback: shown once you have chosen
        plans[YOURS] = chosen
        if chosen != right:
            plans[FOR_CAUSE] = right
    weekly = lab.table("weekly")
    data = projection(weekly, incident.queue, incident.start_week, incident.cause, plans)
    queue = profile_for(lab.template).queue(incident.queue).label
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
