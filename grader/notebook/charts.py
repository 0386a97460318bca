"""Charts that render with no network, with a text summary beside each.

Altair's default renderer loads Vega from a CDN, and JupyterLab 4 does not render
Vega-Lite v6 mime bundles.  We render to SVG inside the kernel with vl-convert (which
bundles Vega and is what Altair's own ``svg`` renderer uses): a static SVG shows offline in
JupyterLab, in nbgrader's feedback HTML and in any notebook viewer.  Interactivity is
given up; the widgets carry that instead.

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

from grader.answers import grading_in_progress

if TYPE_CHECKING:
    import pandas as pd

DATA_NAME = "table"
_templates: dict[str, dict[str, Any]] = {}


def _template(key: str, build: Callable[[Any], Any]) -> dict[str, Any]:
    if key not in _templates:
        import altair as alt

        spec = build(alt).to_dict()
        spec.pop("datasets", None)
        _templates[key] = spec
    return _templates[key]


def render_svg(key: str, build: Callable[[Any], Any], data: pd.DataFrame) -> str:
    """SVG of the chart ``build(alt)`` (whose data must be ``alt.Data(name=DATA_NAME)``)."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    spec = dict(_template(key, build))
    spec["datasets"] = {DATA_NAME: json.loads(data.to_json(orient="records"))}
    return vl_convert.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())


class FiguredChart:
    """A chart plus the sentence that says what it shows (for screen readers and print).

    ``build(alt)`` returns an Altair chart over ``alt.Data(name="table")``; ``data`` fills it.
    Charts with the same ``key`` must have the same shape: only their rows differ.
    """

    def __init__(
        self, key: str, build: Callable[[Any], Any], data: pd.DataFrame, summary: str
    ) -> None:
        self.key, self._build, self.data, self.summary = key, build, data, summary

    def svg(self) -> str:
        if grading_in_progress():
            return ""
        return render_svg(self.key, self._build, self.data)

    def _repr_html_(self) -> str:
        caption = f"<figcaption><strong>Chart summary:</strong> {escape(self.summary)}</figcaption>"
        return f"<figure class='decisionlab-chart' role='group'>{self.svg()}{caption}</figure>"

    def __repr__(self) -> str:
        return f"Chart: {self.summary}"
