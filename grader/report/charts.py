"""The report's charts, drawn with Altair and rendered to inline SVG by vl-convert.

vl-convert bundles Vega, so a chart becomes plain SVG markup inside the HTML file: nothing
is fetched when the report opens, no script runs, and it prints as it shows.  (Altair's
HTML output would load Vega from a CDN.)  Colour is never the only key: every mark that
carries a category also has it on an axis or in a label.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from grader.display.charts import FONT, PALETTE

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "decisions_chart",
    "heatmap_chart",
    "mistakes_chart",
    "no_iri_format_checks",
    "outcomes_chart",
    "prepare",
    "scores_chart",
    "to_svg",
]

EXPERT_COLOUR = PALETTE[5]  # vermilion: the expert path
LEARNER_COLOUR = PALETTE[0]  # blue: learners
WIDTH = 420
LABEL_ROOM = 60  # px
_NAMESPACES = (' xmlns="http://www.w3.org/2000/svg"', ' xmlns:xlink="http://www.w3.org/1999/xlink"')


@contextmanager
def no_iri_format_checks() -> Iterator[None]:
    """Inside the block, jsonschema loads without its "iri" format checks (for a chart-only process).

    When the ``rfc3987_syntax`` package is installed (``jsonschema[format-nongpl]``, which
    JupyterLab's event system asks for), ``import jsonschema``, and so ``import altair``,
    compiles its 38 grammars at once: about a second, more than the rest of Altair's import.
    Only the "iri" and "iri-reference" formats use them, and the Vega-Lite schema that Altair
    validates charts against asks for none of them ("uri", "uri-reference" and "color-hex"
    only), so every chart is checked as before.  The process keeps jsonschema without those
    two checks; so ``decisionlab report`` uses this, never a kernel that someone goes on using.
    Where jsonschema is loaded already, nothing changes.
    """
    hide = "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules
    if hide:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        yield
    finally:
        if hide and sys.modules.get("rfc3987_syntax", ...) is None:
            del sys.modules["rfc3987_syntax"]  # a later import finds the installed package


def prepare() -> None:
    """Import what drawing a chart needs (Altair alone takes a second or two), ahead of the first chart.

    Vega's renderer itself starts at the first chart: it runs threads, and a process that
    forks should not have them yet.
    """
    import altair  # noqa: F401
    import vl_convert  # noqa: F401
    from altair.utils._importers import vl_version_for_vl_convert  # noqa: F401


def to_svg(chart: Any) -> str:
    """The SVG markup of an Altair chart, rendered offline."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    spec = chart.to_dict()
    # Vega measures label text with vl-convert's own font; a browser draws it in the page's,
    # often wider, so long axis labels need room on the left or they are cut off.
    spec["padding"] = {"left": LABEL_ROOM, "top": 5, "right": 5, "bottom": 5}
    # Measured and drawn in the same font where it is installed (most Linux desktops), so the
    # room Vega leaves for a label is the room the browser needs.
    spec.setdefault("config", {})["font"] = FONT
    svg = vl_convert.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())
    # Inside HTML an <svg> element is in the SVG namespace already; dropping the declarations
    # leaves the file without a single URL, so "nothing points off the machine" is checkable.
    for declaration in _NAMESPACES:
        svg = svg.replace(declaration, "")
    return svg


def scores_chart(shares: pd.DataFrame) -> Any:
    """One tick per submitted learner and lab at their share of the lab's points, the median as a bar."""
    import altair as alt

    submitted = shares[shares["submitted"]][["learner", "lab", "share"]]
    base = alt.Chart(submitted).encode(
        y=alt.Y("lab:N", title=None, sort=None),
    )
    ticks = base.mark_tick(color=LEARNER_COLOUR, opacity=0.6, thickness=2).encode(
        x=alt.X(
            "share:Q",
            title="Share of the lab's points",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
    )
    median = base.mark_tick(color=EXPERT_COLOUR, thickness=4, size=22).encode(x="median(share):Q")
    return (ticks + median).properties(width=WIDTH, height=alt.Step(36))


def heatmap_chart(shares: pd.DataFrame) -> Any:
    """Learners by labs, each cell shaded by the share of the points; a missing lab is marked."""
    import altair as alt

    table = shares[["learner", "lab", "share", "submitted"]].copy()
    table["label"] = [
        f"{s:.0%}" if ok else "missing" for s, ok in zip(table["share"], table["submitted"], strict=True)
    ]
    base = alt.Chart(table).encode(
        x=alt.X("lab:N", title=None, sort=None, axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("learner:N", title=None),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.condition(
            "datum.submitted",
            alt.Color(
                "share:Q",
                scale=alt.Scale(domain=[0, 1], scheme="blues"),
                legend=alt.Legend(format="%", title="Share"),
            ),
            alt.value("#dddddd"),
        )
    )
    text = base.mark_text(fontSize=10).encode(
        text="label:N",
        color=alt.condition("datum.share > 0.6", alt.value("white"), alt.value("black")),
    )
    return (cells + text).properties(width=alt.Step(90), height=alt.Step(18))


def decisions_chart(statistics: pd.DataFrame) -> Any:
    """One row per decision: its difficulty as a bar, its discrimination as a dot (dashed: 0.2)."""
    import altair as alt

    table = statistics[["lab", "title", "difficulty", "discrimination"]].copy()
    table["name"] = [f"{lab[:2]} {title}" for lab, title in zip(table["lab"], table["title"], strict=True)]
    y = alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=260))
    difficulty = (
        alt.Chart(table)
        .mark_bar(color=LEARNER_COLOUR)
        .encode(
            y=y,
            x=alt.X(
                "difficulty:Q",
                title="Difficulty (mean share of points)",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%", tickCount=5),
            ),
        )
        .properties(width=200, height=alt.Step(20))
    )
    dots = (
        alt.Chart(table)
        .mark_point(filled=True, size=60, color=EXPERT_COLOUR)
        .encode(
            y=alt.Y("name:N", sort=None, axis=None),
            x=alt.X("discrimination:Q", title="Discrimination (r)", scale=alt.Scale(domain=[-1, 1])),
        )
    )
    weak = alt.Chart(table).mark_rule(strokeDash=[4, 3], color="#888888").encode(x=alt.datum(0.2))
    discrimination = (weak + dots).properties(width=160, height=alt.Step(20))
    return alt.hconcat(difficulty, discrimination, spacing=8)


def mistakes_chart(mistakes: pd.DataFrame, top: int = 10) -> Any:
    """The ``top`` most shared mistakes: one bar each, the share of learners who answered."""
    import altair as alt

    table = mistakes.head(top)[["lab", "title", "mistake", "share", "learners"]].copy()
    table["name"] = [
        f"{lab[:2]} {title}: {m}"
        for lab, title, m in zip(table["lab"], table["title"], table["mistake"], strict=True)
    ]
    table["label"] = [f"{s:.0%} ({n})" for s, n in zip(table["share"], table["learners"], strict=True)]
    base = alt.Chart(table).encode(
        y=alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=380)),
        x=alt.X(
            "share:Q",
            title="Share of the learners who answered",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
    )
    bars = base.mark_bar(color=LEARNER_COLOUR)
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(text="label:N")
    return (bars + labels).properties(width=260, height=alt.Step(20))


AXIS_FORMATS = {"usd": "$,.2~f", "share": "+.0%", "count": ",.0f"}
GAP_TITLES = {
    "usd": "USD above (+) or below (-) the expert path",
    "share": "Percentage points above (+) or below (-) the expert path",
    "count": "Above (+) or below (-) the expert path",
}


def outcomes_chart(outcomes: pd.DataFrame) -> Any:
    """Per measure of one lab, each learner's gap to the expert path (0, the vermilion rule)."""
    import altair as alt

    charted = outcomes[outcomes["gap"].notna()]
    rows = []
    for measure, group in charted.groupby("measure", sort=False):
        unit = str(group["unit"].iloc[0])
        ticks = (
            alt.Chart(group[["learner", "gap"]])
            .mark_tick(color=LEARNER_COLOUR, thickness=2, size=18, opacity=0.7)
            .encode(
                x=alt.X(
                    "gap:Q",
                    title=GAP_TITLES.get(unit, GAP_TITLES["count"]),
                    axis=alt.Axis(format=AXIS_FORMATS.get(unit, ",.0f"), tickCount=5),
                )
            )
        )
        expert = (
            alt.Chart(group[["gap"]].head(1))
            .mark_rule(color=EXPERT_COLOUR, strokeWidth=2)
            .encode(x=alt.datum(0))
        )
        # Vega does not wrap titles; a long measure name takes two lines rather than being cut.
        lines = textwrap.wrap(str(measure), 62) or [""]
        title = alt.TitleParams(lines if len(lines) > 1 else lines[0], anchor="start", fontSize=11)
        rows.append((ticks + expert).properties(width=WIDTH, height=26, title=title))
    return alt.vconcat(*rows, spacing=14)
