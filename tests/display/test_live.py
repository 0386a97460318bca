"""Does a live view send its chart as a Vega spec that JupyterLab draws, with its words beside it?"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from grader.display import live
from grader.display.charts import DATA_NAME, FiguredChart
from grader.display.html import ConsequenceView, Table


def _build(alt: Any) -> Any:
    return alt.Chart(alt.Data(name=DATA_NAME)).mark_line().encode(x="week:Q", y="cost:Q")


def _weekly_cost_chart(costs: list[float], title: str = "Cost in each week") -> FiguredChart:
    data = pd.DataFrame({"week": range(1, len(costs) + 1), "cost": costs})
    legend = [("Your map (solid line)", "#0072B2", "$10.00 per resolved contact")]
    return FiguredChart("test-live-weekly-cost", _build, data, "Cost falls from 3 to 1.", legend, title=title)


def _not_formatted(shown: object) -> tuple[dict, dict]:
    raise AssertionError(f"a chart or a charted view went through the formatter: {shown!r}")


@pytest.fixture
def svg_rendering_forbidden(monkeypatch):
    """vl-convert's SVG renderer fails the test if anything calls it."""
    import vl_convert

    def refuse(*_args: Any, **_kwargs: Any) -> str:
        raise AssertionError("an SVG was rendered in the kernel for a live view")

    monkeypatch.setattr(vl_convert, "vega_to_svg", refuse)


def _drawing(outputs: tuple[dict, ...]) -> dict:
    drawings = [o for o in outputs if live.VEGA_MIME in o["data"]]
    assert len(drawings) == 1, outputs
    return drawings[0]


def _rows(spec: dict) -> list[dict]:
    return next(entry["values"] for entry in spec["data"] if entry.get("name") == DATA_NAME)


def test_a_live_chart_is_a_vega_v5_spec_with_no_svg_rendered(svg_rendering_forbidden):
    """Does a live chart go out as a Vega v5 spec, which JupyterLab draws, without an SVG from the kernel?"""
    outputs = live.live_outputs(_weekly_cost_chart([3.0, 2.0, 1.0]), _not_formatted)
    drawing = _drawing(outputs)
    spec = drawing["data"][live.VEGA_MIME]
    assert spec["$schema"].endswith("/vega/v5.json")
    assert drawing["metadata"][live.VEGA_MIME]["embed_options"]["actions"] is False
    assert not any("<svg" in o["data"].get("text/html", "") for o in outputs)


def test_each_redraw_swaps_only_the_rows():
    """Does a second chart of the same shape carry its own rows in the same compiled spec?"""
    first = _drawing(live.chart_outputs(_weekly_cost_chart([3.0, 2.0, 1.0])))["data"][live.VEGA_MIME]
    second = _drawing(live.chart_outputs(_weekly_cost_chart([5.0, 4.0])))["data"][live.VEGA_MIME]
    assert [row["cost"] for row in _rows(first)] == [3.0, 2.0, 1.0]
    assert [row["cost"] for row in _rows(second)] == [5.0, 4.0]
    assert {k: v for k, v in first.items() if k != "data"} == {k: v for k, v in second.items() if k != "data"}


def test_the_title_is_above_the_drawing_and_the_words_below():
    """Is the title an HTML output above the drawing, and the legend and summary one below it?"""
    outputs = live.chart_outputs(_weekly_cost_chart([3.0, 2.0, 1.0]))
    kinds = [next(iter(o["data"])) for o in outputs]
    assert kinds == ["text/html", live.VEGA_MIME, "text/html"]
    heading, _, words = (o["data"].get("text/html", "") for o in outputs)
    assert "Cost in each week" in heading and "mathjax_ignore" in heading
    assert "Chart summary:</strong> Cost falls from 3 to 1." in words
    assert "Your map (solid line): $10.00 per resolved contact" in words and "mathjax_ignore" in words
    assert "figure class='decisionlab-chart" in words


def test_a_chart_without_a_title_has_no_heading():
    """Without a title, are the drawing and its words the only outputs?"""
    outputs = live.chart_outputs(_weekly_cost_chart([1.0], title=""))
    assert [next(iter(o["data"])) for o in outputs] == [live.VEGA_MIME, "text/html"]


def test_the_drawing_is_named_by_its_summary():
    """Does the Vega spec carry the summary as its description (the drawing's accessible name)?"""
    spec = _drawing(live.chart_outputs(_weekly_cost_chart([3.0])))["data"][live.VEGA_MIME]
    assert spec["description"] == "Cost falls from 3 to 1."


def test_a_consequence_view_keeps_its_table_apart_from_its_chart(svg_rendering_forbidden):
    """Does a charted view show its table and notes in one HTML output, and its chart after it?"""
    view = ConsequenceView(
        "The quarter in words.",
        table=Table("Your quarter", ("", "Your map"), [("Cost", "$5")]),
        chart=_weekly_cost_chart([3.0, 2.0]),
        notes=("A note.",),
    )
    outputs = live.live_outputs(view, _not_formatted)
    first = outputs[0]["data"]["text/html"]
    assert "Your quarter" in first and "A note." in first and "decisionlab-chart" not in first
    assert [next(iter(o["data"])) for o in outputs[1:]] == ["text/html", live.VEGA_MIME, "text/html"]


def test_anything_else_is_shown_as_ipython_formats_it():
    """Is a view without a chart, or any other object, one output from the formatter?"""
    view = ConsequenceView("Nothing charted.", lead="Nothing charted.")

    def formatted(shown: object) -> tuple[dict, dict]:
        return {"text/html": shown._repr_html_(), "text/plain": repr(shown)}, {}

    (output,) = live.live_outputs(view, formatted)
    assert output["output_type"] == "display_data" and "Nothing charted." in output["data"]["text/html"]


def test_the_static_figure_still_draws_an_svg():
    """Does a chart shown as a cell's result stay a static SVG with its words, for viewers without Vega?"""
    html = _weekly_cost_chart([3.0, 2.0, 1.0])._repr_html_()
    assert "<svg" in html and "Chart summary:" in html and "Cost in each week" in html
