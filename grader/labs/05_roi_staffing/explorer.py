"""Lab 05's live explorer: sliders for one queue that recompute its staffing, cost and ROI.

Every figure comes from the same functions as the rest of the lab (``costs.py``):
:func:`explore` recomputes one queue for the slider values, :class:`Explorer` draws it and
redraws on every change.  Wage and attrition change costs, not agents, so the staffing drawing
is kept when only they move, and both charts go out as Vega specs that JupyterLab draws
(:mod:`grader.display.live`): that keeps a slider change well under 50 ms
(``benchmarks/sliders.py``).
It draws no return for the payback question's queue at any slider values: that return is the
question's answer, and a nudged slider would give nearly the same month.  :class:`Explorer` asks
the lab which queue that is on every redraw (:func:`~.payback.payback_queue`) and hands it to
:func:`explore`, which then computes no return for it; nothing the explorer keeps says which
queue is withheld, so no change to the explorer's state can draw that return.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart
from grader.display.formats import usd
from grader.display.html import no_math
from grader.display.live import chart_outputs, html_output

from .costs import (
    DAYS,
    HOME,
    ScenarioData,
    scenario_data,
)
from .exploration import Exploration, explore, explorer_defaults
from .payback import payback_queue

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab


def _staffing_figure(data: ScenarioData, x: Exploration) -> FiguredChart:
    """Agents per interval on the queue's busiest day: on the phones, and scheduled at both ends."""
    import pandas as pd

    per_day = data.a.intervals_per_day
    day = int(np.argmax(data.calls[x.queue].reshape(-1, per_day).sum(axis=1)))
    span = slice(day * per_day, (day + 1) * per_day)
    hours = np.arange(per_day) * data.a.interval_minutes / 60
    raw, there, home = (
        x.staffing.raw[span],
        x.staffing.scheduled[x.destination][span],
        x.staffing.scheduled[HOME][span],
    )
    keys = ("phones", "destination", "inhouse")
    frame = pd.DataFrame(
        {
            "hour": np.tile(hours, 3),
            "agents": np.concatenate([raw, there, home]),
            "line": np.repeat(keys, per_day),
        }
    )
    dest = x.costs[x.destination].label
    occupancy = x.staffing.occupancy[span][raw > 0]
    busy = f"from {occupancy.min():.0%} to {occupancy.max():.0%}" if occupancy.size else "nil"
    peak = day * per_day + int(np.argmax(raw))
    summary = (
        f"{x.label} on {DAYS[day]}, its busiest day: peak {raw.max():,.0f} agents on the phones at "
        f"{data.starts[peak]}; {there.max():,.0f} scheduled at {dest} and {home.max():,.0f} in-house once "
        f"shrinkage is added. Occupancy in open hours runs {busy}."
    )
    hours_of = data.a.interval_minutes / 60
    legend = [
        (
            "On the phones, Erlang C (solid)",
            PALETTE[0],
            f"peak {raw.max():,.0f}, {raw.sum() * hours_of:,.0f} agent-hours",
        ),
        (
            f"Scheduled at {dest} (dashed)",
            PALETTE[1],
            f"peak {there.max():,.0f}, {there.sum() * hours_of:,.0f} paid hours",
        ),
        (
            "Scheduled in-house (dotted)",
            PALETTE[2],
            f"peak {home.max():,.0f}, {home.sum() * hours_of:,.0f} paid hours",
        ),
    ]

    def build(alt: Any) -> Any:
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_line(interpolate="step-after")
            .encode(
                x=alt.X(
                    "hour:Q",
                    title=None,
                    scale=alt.Scale(domain=[0, 24], nice=False),
                    axis=alt.Axis(values=[0, 12, 24]),
                ),
                y=alt.Y("agents:Q", title=None, axis=alt.Axis(tickCount=3)),
                color=alt.Color("line:N", scale=alt.Scale(domain=list(keys), range=PALETTE[:3]), legend=None),
                strokeDash=alt.StrokeDash(
                    "line:N", scale=alt.Scale(domain=list(keys), range=[[1, 0], [6, 3], [2, 2]]), legend=None
                ),
            )
            .properties(width=380, height=140)
        )

    # Axis titles stay out of the drawing (laying out text is most of a redraw); the title names them.
    title = f"Agents per half hour on {DAYS[day]} (up) by hour of the day (across)"
    return FiguredChart("staffing-explorer-day", build, frame, summary, legend, title=title)


def _roi_figure(x: Exploration, horizon: int) -> FiguredChart:
    """The net position, month by month, of moving the queue alone in month 1."""
    import pandas as pd

    if x.move is None:
        raise ValueError(f"{x.label}: the explorer withholds this move's return")

    frame = pd.DataFrame({"month": np.arange(1, horizon + 1), "usd": np.round(x.move.cumulative_savings, 0)})
    dest = x.costs[x.destination].label
    payback = x.move.payback_month
    returned = "" if x.move.roi is None else f", a return of {x.move.roi:.0%} on the one-off costs"
    m = x.costs_of_move
    summary = (
        f"Moving {x.label} on its own to {dest} in month 1: transition cost {usd(m.transition_cost)} "
        f"and {usd(m.people_cost)} of severance and retraining, then "
        f"{usd(x.move.monthly_savings[-1])} a month saved once ramped up and the in-house agents are gone "
        f"(after {usd(m.retained_monthly)} a month for the organisation that governs the provider). "
        + (f"It pays back in month {payback}" if payback else f"It does not pay back within {horizon} months")
        + f"; net position after {horizon} months {usd(x.move.net_savings)}{returned}."
    )

    def build(alt: Any) -> Any:
        line = (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_line(color=PALETTE[1], strokeWidth=2)
            .encode(
                x=alt.X(
                    "month:Q",
                    title=None,
                    scale=alt.Scale(domain=[1, horizon], nice=False),
                    axis=alt.Axis(values=[1, horizon // 2, horizon]),
                ),
                y=alt.Y("usd:Q", title=None, axis=alt.Axis(tickCount=3, format="~s")),
            )
        )
        zero = alt.Chart(alt.Data(name=DATA_NAME)).mark_rule(color="#777").encode(y=alt.datum(0))
        return (line + zero).properties(width=380, height=140)

    title = f"Net position in USD (up) by month after going live at {dest} (across)"
    return FiguredChart(f"staffing-explorer-roi-{horizon}", build, frame, summary, title=title)


def _cost_table_html(x: Exploration) -> str:
    home = x.costs[HOME]
    head = "".join(
        f"<th scope='col'>{escape(h)}</th>"
        for h in (
            "Location",
            "USD per paid hour",
            "Paid hours a week",
            "FTE",
            "Pay, USD a year",
            "Attrition replacement, USD a year",
            "Total, USD a year",
            "Saving against in-house, USD a year",
        )
    )
    rows = "".join(
        f"<tr><th scope='row' style='text-align:left'>{escape(c.label)}</th><td>{c.paid_hour_cost:,.2f}</td>"
        f"<td>{c.weekly_paid_hours:,.0f}</td><td>{c.fte:,.1f}</td><td>{c.annual_pay:,.0f}</td>"
        f"<td>{c.attrition:,.0f}</td><td><strong>{c.annual_total:,.0f}</strong></td>"
        f"<td>{home.annual_total - c.annual_total:,.0f}</td></tr>"
        for c in x.costs.values()
    )
    caption = f"{escape(x.label)}: annual cost by delivery model"
    return (
        f"<table class='decisionlab-costs'><caption>{caption}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


class Explorer:
    """Sliders for one queue that redraw its staffing, cost and ROI on every change.

    It displays as its widget box.  ``sliders`` holds the controls by name, ``exploration`` the
    last result, and ``summary`` says it in words.  For the payback question's queue it shows
    staffing and cost but no return.
    """

    def __init__(self, lab: Lab) -> None:
        import ipywidgets as w

        self._lab = lab
        self._data = scenario_data(lab)
        data = self._data
        withheld = payback_queue(lab)
        self._quiet = False
        wide = {"description_width": "24em"}
        layout = w.Layout(width="48em")
        # It opens on a queue whose return it draws.
        first = next((q for q in data.queues if q != withheld), next(iter(data.queues)))
        self.queue = w.Dropdown(
            options=[(str(r["queue"]), q) for q, r in data.queues.items()],
            value=first,
            description="Queue",
            style=wide,
            layout=layout,
        )
        self.destination = w.Dropdown(
            options=[(str(loc["location"]), str(loc["id"])) for loc in data.locations if loc["id"] != HOME],
            value=str(data.queues[first]["destination"]),
            description="Move it to",
            style=wide,
            layout=layout,
        )
        common = {"style": wide, "layout": layout, "continuous_update": False}
        self.sliders: dict[str, Any] = {
            "aht": w.IntSlider(
                min=60, max=1200, step=10, description="Average handle time (seconds)", **common
            ),
            "target_sl": w.IntSlider(min=50, max=95, step=5, description="Service target (%)", **common),
            "fcr": w.IntSlider(min=40, max=95, step=1, description="First contact resolution (%)", **common),
            "base_wage": w.FloatSlider(
                min=12, max=30, step=0.5, description="In-house base wage (USD per hour)", **common
            ),
            "attrition": w.IntSlider(
                min=0, max=100, step=5, description="Attrition at the destination (% a year)", **common
            ),
        }
        self.headline = w.HTML()
        self.staffing_view = w.Output()
        self.cost_view = w.HTML()
        self.roi_view = w.Output()
        self._drawn: tuple[object, ...] = ()
        self._reset()
        for control in (*self.sliders.values(), self.destination):
            control.observe(self._changed, names="value")
        self.queue.observe(self._queue_changed, names="value")
        self.box = w.VBox(
            [
                w.HTML("<h4 style='margin:0.2em 0'>Staffing and cost explorer</h4>"),
                self.queue,
                self.destination,
                *self.sliders.values(),
                self.headline,
                self.staffing_view,
                self.cost_view,
                self.roi_view,
            ]
        )
        self.box.add_class("decisionlab-explorer")
        self.update()

    @property
    def data(self) -> ScenarioData:
        """The scenario's tables the explorer starts from (read only)."""
        return self._data

    def _reset(self) -> None:
        """Set every control to the scenario's values for the chosen queue, without redrawing."""
        values = explorer_defaults(self.data, self.queue.value)
        seconds = float(self.data.queues[self.queue.value]["target_seconds"])
        self._quiet = True
        try:
            self.sliders["aht"].value = round(values["aht"])
            self.sliders["target_sl"].value = round(values["target_sl"] * 100)
            self.sliders[
                "target_sl"
            ].description = f"Service target (% of calls answered within {seconds:g} s)"
            self.sliders["fcr"].value = round(values["fcr"] * 100)
            self.sliders["base_wage"].value = values["base_wage"]
            self.sliders["attrition"].value = round(values["attrition"] * 100)
            self.destination.value = values["destination"]
        finally:
            self._quiet = False

    def _queue_changed(self, _change: object = None) -> None:
        self._reset()
        self.update()

    def _changed(self, _change: object = None) -> None:
        if not self._quiet:
            self.update()

    def values(self) -> dict[str, Any]:
        """The controls' values in the model's units (shares, not percentages)."""
        s = self.sliders
        return {
            "aht": float(s["aht"].value),
            "target_sl": s["target_sl"].value / 100,
            "fcr": s["fcr"].value / 100,
            "base_wage": float(s["base_wage"].value),
            "attrition": s["attrition"].value / 100,
            "destination": self.destination.value,
        }

    def update(self) -> Exploration:
        """Recompute the model for the current values and redraw every view."""
        values = self.values()
        # Asked of the lab on every redraw, not kept: a value the explorer kept could be changed.
        x = explore(self._data, self.queue.value, **values, withheld=payback_queue(self._lab))
        self.exploration = x
        # Wage and attrition change costs, not agents: the staffing drawing is kept for them.
        shape = (self.queue.value, values["destination"], values["aht"], values["target_sl"], values["fcr"])
        redraw = shape != self._drawn
        if redraw:
            self.staffing_chart = _staffing_figure(self.data, x)
            self._drawn = shape
        self.roi_chart = None if x.move is None else _roi_figure(x, self.data.a.horizon_months)
        home, there = x.costs[HOME], x.costs[x.destination]
        self.headline.value = (
            f"<p role='status' class='mathjax_ignore'><strong>{escape(x.label)}</strong>: "
            f"{x.staffing.calls.sum():,.0f} calls a "
            f"week; {home.fte:,.1f} FTE in-house at {usd(home.annual_total)} a year, or "
            f"{there.fte:,.1f} FTE at {escape(there.label)} at {usd(there.annual_total)} a year.</p>"
        )
        if redraw:
            self.staffing_view.outputs = chart_outputs(self.staffing_chart)
        self.cost_view.value = no_math(_cost_table_html(x))
        if self.roi_chart is None:
            no_chart = f"<p class='mathjax_ignore'>{escape(self.roi_summary)}</p>"
            self.roi_view.outputs = (html_output(no_chart),)
        else:
            self.roi_view.outputs = chart_outputs(self.roi_chart)
        return x

    @property
    def roi_summary(self) -> str:
        """The return of the chosen queue's move, in words; for the payback question's queue, why not."""
        if self.roi_chart is not None:
            return self.roi_chart.summary
        return (
            f"The return of moving {self.exploration.label} on its own is not drawn here: its payback "
            "month is the payback decision's question, to work out from the business-case table."
        )

    @property
    def summary(self) -> str:
        return f"Staffing and cost explorer. {self.staffing_chart.summary} {self.roi_summary}"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return self.summary
