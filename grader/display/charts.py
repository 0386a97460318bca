"""Charts that render with no network, with a text summary beside each.

Altair's default renderer loads Vega from a CDN, and JupyterLab 4 does not render
Vega-Lite v6 mime bundles.  A chart shown as a cell's result is an SVG rendered inside the
kernel with vl-convert (which bundles Vega and is what Altair's own ``svg`` renderer uses):
a static SVG shows offline in JupyterLab, in nbgrader's feedback HTML and in any notebook
viewer.  Interactivity is given up; the widgets carry that instead.  A chart that redraws
on every click in a widget is a Vega v5 spec drawn by JupyterLab instead
(:mod:`grader.display.live`): laying out an SVG's text in the kernel costs about 1 ms per
axis label.

Speed: building and validating an Altair chart costs 20-30 ms, too much for a view that
redraws on every click.  So a chart's spec is built once per *shape* (its ``key``) with a
named data source, and each redraw only swaps the rows in.  Altair costs about two
seconds to import, so it is imported only when a chart is first drawn, and never while
nbgrader grades (nobody sees those charts).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

from grader.runtime import grading_in_progress

if TYPE_CHECKING:
    import pandas as pd

DATA_NAME = "table"
# Vega-Lite 5.20 compiles to Vega v5, which JupyterLab 4's bundled renderer draws (v6 specs
# it does not).  vl-convert renders v5 specs as well, so one compiled spec serves the
# static SVG and the live chart, and both draw the same picture.
VEGA_LITE_VERSION = "5.20"
# Colour-blind-safe palette (Okabe-Ito), in a fixed order so HTML legends can match it.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"]
FONT = "DejaVu Sans, Verdana, sans-serif"
_templates: dict[str, dict[str, Any]] = {}


def _template(key: str, build: Callable[[Any], Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The compiled Vega spec of a chart shape, built and compiled once."""
    if key not in _templates:
        import altair as alt
        import vl_convert

        spec = build(alt).to_dict()
        spec["datasets"] = {DATA_NAME: rows}
        # Measured (by vl-convert) and drawn (by the browser) in the same font where it is
        # installed, so the room left for an axis label is the room it takes on screen.
        spec.setdefault("config", {}).setdefault("font", FONT)
        compiled = vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_VERSION)
        # The rows of the first drawing are not kept: each drawing brings its own.
        compiled["data"] = [
            {**entry, "values": []} if entry.get("name") == DATA_NAME else entry for entry in compiled["data"]
        ]
        _templates[key] = compiled
    return _templates[key]


def vega_spec(key: str, build: Callable[[Any], Any], data: pd.DataFrame) -> dict[str, Any]:
    """The Vega v5 spec of the chart ``build(alt)`` (whose data must be ``alt.Data(name=DATA_NAME)``)."""
    rows = json.loads(data.to_json(orient="records"))
    spec = dict(_template(key, build, rows))
    # Vega-Lite compiles named datasets into a Vega data entry of the same name; only its
    # rows change between redraws, so the compiled spec is reused.
    spec["data"] = [
        {**entry, "values": rows} if entry.get("name") == DATA_NAME else entry for entry in spec["data"]
    ]
    return spec


def render_svg(key: str, build: Callable[[Any], Any], data: pd.DataFrame) -> str:
    """SVG of the chart ``build(alt)`` (whose data must be ``alt.Data(name=DATA_NAME)``)."""
    import vl_convert

    return vl_convert.vega_to_svg(vega_spec(key, build, data))


class FiguredChart:
    """A chart plus the sentence that says what it shows (for screen readers and print).

    ``build(alt)`` returns an Altair chart over ``alt.Data(name="table")``; ``data`` fills it.
    Charts with the same ``key`` must have the same shape: only their rows differ.
    """

    def __init__(
        self,
        key: str,
        build: Callable[[Any], Any],
        data: pd.DataFrame,
        summary: str,
        legend: list[tuple[str, str, str]] | None = None,
        title: str = "",
    ) -> None:
        self.title = title
        self.key, self._build, self.data, self.summary = key, build, data, summary
        # (label, colour, value): drawn as an HTML list beside the chart.  Text is costly
        # to lay out in the SVG renderer (about 15 ms per legend), and an HTML legend also
        # reads aloud and carries its values in words, not in colour alone.
        self.legend = legend or []

    def svg(self) -> str:
        if grading_in_progress():
            return ""
        return render_svg(self.key, self._build, self.data)

    def vega(self) -> dict[str, Any]:
        """The chart as a Vega v5 spec, for a renderer outside the kernel; its summary describes it."""
        # Vega puts the description on the drawing as its accessible name.
        return {**vega_spec(self.key, self._build, self.data), "description": self.summary}

    def heading_html(self) -> str:
        """The title above the drawing ("" without one)."""
        return f"<p><strong>{escape(self.title)}</strong></p>" if self.title else ""

    def words_html(self) -> str:
        """The HTML legend and the summary caption that go below the drawing."""
        caption = f"<figcaption><strong>Chart summary:</strong> {escape(self.summary)}</figcaption>"
        legend = "".join(
            f"<li><span aria-hidden='true' style='display:inline-block;width:0.9em;height:0.9em;"
            f"background:{colour};margin-right:0.4em'></span>{escape(label)}: {escape(value)}</li>"
            for label, colour, value in self.legend
        )
        legend_block = f"<ul style='list-style:none;padding-left:0'>{legend}</ul>" if legend else ""
        return f"{legend_block}{caption}"

    def _repr_html_(self) -> str:
        return (
            f"<figure class='decisionlab-chart mathjax_ignore' role='group'>{self.heading_html()}{self.svg()}"
            f"{self.words_html()}</figure>"
        )

    def __repr__(self) -> str:
        return f"Chart: {self.summary}"


def grouped_bars(
    category: str,
    group: str,
    value: str,
    *,
    groups: list[str],
    colours: dict[str, str],
    value_title: str,
    value_format: str | None = None,
    label_limit: int = 260,
    width: int = 380,
    step: int = 12,
) -> Callable[[Any], Any]:
    """``build(alt)`` for horizontal bars: one row per ``category``, one bar per ``group``.

    Each bar carries the text of the data's ``label`` column, so its group is named in
    words and colour is never the only key.
    """

    def build(alt: Any) -> Any:
        axis = alt.Axis(tickCount=4, format=value_format) if value_format else alt.Axis(tickCount=4)
        base = alt.Chart(alt.Data(name=DATA_NAME)).encode(
            y=alt.Y(f"{category}:N", title=None, sort=None, axis=alt.Axis(labelLimit=label_limit)),
            yOffset=alt.YOffset(f"{group}:N", sort=groups),
            x=alt.X(f"{value}:Q", title=value_title, axis=axis),
        )
        bars = base.mark_bar().encode(
            color=alt.Color(
                f"{group}:N",
                scale=alt.Scale(domain=groups, range=[colours[g] for g in groups]),
                legend=None,
            )
        )
        labels = base.mark_text(align="left", dx=3, fontSize=10).encode(text="label:N")
        return (bars + labels).properties(width=width, height=alt.Step(step))

    return build
