"""Lab 04's charts: the KPI stack week by week, staffing by queue, and QA errors by type.

Each chart's summary says in words what it shows (every queue, early and recent weeks, the
calendar weeks), so a learner who cannot see it reads the same story.  A summary names no week but
fixed ones and the calendar's: which week things broke is a decision of the lab, read off the
chart or the table, and a summary that listed the short weeks would answer it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart

from .reading import period_mean, queue_labels
from .vocabulary import ERROR_TYPES, NO_ERROR

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

__all__ = ["layers_chart", "qa_errors_chart", "staffing_chart"]

CALENDAR_COLOUR = "#777777"
#: (column, panel title) of the layers chart, service first, then quality, then business.
LAYER_PANELS = (
    ("service_level", "Service: service level as reported (share in 20 s)"),
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


def _calendar_note(weekly: pd.DataFrame) -> str:
    marked = weekly.loc[weekly["calendar"] != "", ["week", "calendar"]].drop_duplicates()
    if marked.empty:
        return ""
    return (
        "Grey lines mark "
        + " and ".join(f"the {c} in week {w}" for w, c in marked.itertuples(index=False))
        + "."
    )


def _leavers(count: int) -> str:
    return f"{count} leaver" if count == 1 else f"{count} leavers"


def _classes(in_training: Iterable[float]) -> str:
    """Each class a queue trained, by size and weeks in the classroom, in the order they trained.

    Every queue replaces its leavers with small classes, so the summary names them all; the
    weeks they trained are left to the chart, as the break's week is.
    """
    runs: list[tuple[int, int]] = []  # (size, weeks) of each unbroken run of weeks in training
    previous = 0
    for count in (int(c) for c in in_training):
        if count and count == previous:
            runs[-1] = (count, runs[-1][1] + 1)
        elif count:
            runs.append((count, 1))
        previous = count
    if not runs:
        return "no class in training"
    return " and ".join(f"a class of {size} new hires in training for {weeks} weeks" for size, weeks in runs)


def _shown(column: str, value: float) -> str:
    if column in SHARES:
        return f"{100 * value:.0f} %"
    if column == "fcr":
        return f"{value:.2f}"
    return f"{value:.0f}" if column == "complaints" else f"{value:.1f}"


def layers_chart(lab: Lab) -> FiguredChart:
    """Six KPIs over the weeks, two per layer, one line per queue, calendar weeks marked."""
    import pandas as pd

    weekly = lab.table("weekly")
    names = queue_labels(lab)
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
            before, now = period_mean(rows, column, early), period_mean(rows, column, recent)
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
    """Required and scheduled agents, headcount, new hires in training and leavers, by queue.

    The summary gives each queue's cover (scheduled over required agents) and headcount early
    and late, and the leanest week's cover, without the week it fell in.
    """
    import pandas as pd

    weekly = lab.table("weekly")
    names = queue_labels(lab)
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
    last = int(weekly["week"].max())
    early, recent = range(4, 8), range(last - 3, last + 1)
    lines = []
    for queue in queues:
        rows = weekly[weekly["queue_label"] == queue]
        plain = rows[(rows["week"] >= early.start) & (rows["calendar"] == "")]
        cover = plain["scheduled_agents"] / plain["required_agents"]

        def covered(weeks: range, rows: pd.DataFrame = rows) -> str:
            scheduled = period_mean(rows, "scheduled_agents", weeks)
            return f"{100 * scheduled / period_mean(rows, 'required_agents', weeks):.0f} %"

        lines.append(
            f"{queue}: scheduled agents {covered(early)} of required over weeks 4-7 and "
            f"{covered(recent)} over the last four weeks, {100 * cover.min():.0f} % in the leanest week; "
            f"{_leavers(int(rows['leavers'].sum()))} in all; "
            + _classes(rows["in_training"].to_numpy())
            + f"; headcount {period_mean(rows, 'headcount', early):.0f} over weeks 4-7 and "
            f"{period_mean(rows, 'headcount', recent):.0f} over the last four weeks, "
            f"{int(rows['headcount'].min())} to {int(rows['headcount'].max())} in all"
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
    names = queue_labels(lab)
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
