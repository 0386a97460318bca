"""What a live Output widget shows: HTML for the words, a Vega spec that JupyterLab draws.

A view that redraws on every click (a decision panel's consequences, lab 05's explorer)
cannot afford an SVG rendered in the kernel: vl-convert lays out every axis label and
title in about 1 ms each, more than all the model's arithmetic.  So a live chart goes out
as a Vega v5 mime bundle, which JupyterLab's bundled Vega extension draws in the browser,
offline.  The kernel only swaps the rows into a spec compiled once per chart shape.

The words stay HTML outputs of their own, beside the drawing: the title above it, the
legend and the "Chart summary" caption below, as in the static figure, so a screen reader
and a learner without the drawing lose nothing.  Anything else is formatted as IPython
would display it.  A chart shown as a cell's result stays a static SVG
(``FiguredChart._repr_html_``): nbconvert, nbgrader's feedback and other viewers need one.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from grader.display.charts import FiguredChart
from grader.display.html import NO_MATH, ConsequenceView

VEGA_MIME = "application/vnd.vega.v5+json"
# No action menu (its links lead off this machine); SVG, not canvas, so the drawing is
# in the page's accessibility tree with its description as its name.
EMBED_OPTIONS = {"actions": False, "renderer": "svg"}

Output = dict[str, Any]
Formatter = Callable[[object], tuple[dict[str, Any], dict[str, Any]]]


def display_data(data: dict[str, Any], metadata: dict[str, Any] | None = None) -> Output:
    """One output of an Output widget, as a ``display`` call would send it."""
    return {"output_type": "display_data", "data": data, "metadata": metadata or {}}


def html_output(html: str) -> Output:
    return display_data({"text/html": html})


def chart_outputs(chart: FiguredChart) -> tuple[Output, ...]:
    """The chart as its title, its Vega drawing, and its legend and summary, in that order."""
    heading = chart.heading_html()
    drawing = display_data(
        {VEGA_MIME: chart.vega(), "text/plain": f"Chart: {chart.title or chart.summary}"},
        {VEGA_MIME: {"embed_options": EMBED_OPTIONS}},
    )
    label = f" aria-label='{escape(chart.title, quote=True)}'" if chart.title else ""
    words = html_output(
        f"<figure class='decisionlab-chart decisionlab-live-chart {NO_MATH}' role='group'{label}>"
        f"{chart.words_html()}</figure>"
    )
    if not heading:
        return (drawing, words)
    return (html_output(f"<div class='decisionlab-chart-title {NO_MATH}'>{heading}</div>"), drawing, words)


def live_outputs(shown: object, formatted: Formatter) -> tuple[Output, ...]:
    """The outputs that show ``shown`` in a live Output widget; ``formatted`` formats anything else."""
    if isinstance(shown, FiguredChart):
        return chart_outputs(shown)
    if isinstance(shown, ConsequenceView) and shown.chart is not None:
        return (html_output(shown.html(chart=False)), *chart_outputs(shown.chart))
    data, metadata = formatted(shown)
    return (display_data(data, metadata),)
