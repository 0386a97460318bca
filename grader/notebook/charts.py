"""Charts that render with no network, with a text summary beside each.

Altair's default renderer loads Vega from a CDN, and JupyterLab 4 does not render
Vega-Lite v6 mime bundles.  The ``svg`` renderer runs Vega inside the kernel (through
vl-convert, which bundles it) and sends a static SVG: it shows offline in JupyterLab, in
nbgrader's feedback HTML and in any notebook viewer.  Interactivity is given up; the
widgets carry that instead.

Altair costs about two seconds to import, so it is imported only when a chart is drawn,
and never while nbgrader grades (nobody sees those charts).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

from grader.answers import grading_in_progress

if TYPE_CHECKING:
    import altair

_renderer_ready = False


def altair_module() -> Any:
    """Altair, with the offline SVG renderer enabled."""
    global _renderer_ready
    import altair as alt

    if not _renderer_ready:
        alt.renderers.enable("svg")
        _renderer_ready = True
    return alt


class FiguredChart:
    """A chart plus the sentence that says what it shows (for screen readers and print)."""

    def __init__(self, build: Callable[[Any], altair.TopLevelMixin], summary: str) -> None:
        self._build = build
        self.summary = summary

    def svg(self) -> str:
        if grading_in_progress():
            return ""
        chart = self._build(altair_module())
        bundle = chart._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        return str(data.get("image/svg+xml", ""))

    def _repr_html_(self) -> str:
        caption = f"<figcaption><strong>Chart summary:</strong> {escape(self.summary)}</figcaption>"
        return f"<figure class='decisionlab-chart' role='group'>{self.svg()}{caption}</figure>"

    def __repr__(self) -> str:
        return f"Chart: {self.summary}"
