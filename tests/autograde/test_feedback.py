"""Does the feedback nbgrader writes open offline, with the charts drawn and dollar amounts as text?"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.converters import GenerateFeedback
from traitlets.config import Config

from grader.answers import AnswersStore, answers_path
from grader.autograde import configure
from grader.autograde.feedback import TEMPLATE_NAME, DrawFeedbackCharts
from tests.conftest import mixed_answers

LAB = "01_sourcing_models"
LEARNER = "learner-042"


def test_configure_draws_charts_first_and_keeps_nbgraders_feedback_steps():
    """Is our chart step first in generate_feedback's list, nbgrader's own steps kept, and only once?"""
    c = Config()
    configure(c)
    configure(c)
    default = list(GenerateFeedback.class_traits()["preprocessors"].default())
    assert c.GenerateFeedback.preprocessors == [DrawFeedbackCharts, *default]
    assert c.HTMLExporter.template_name == TEMPLATE_NAME


def test_a_courses_own_feedback_template_stays():
    """Does a course that chose its own feedback template keep it?"""
    c = Config()
    c.HTMLExporter.template_name = "my_feedback"
    configure(c)
    assert c.HTMLExporter.template_name == "my_feedback"


def _feedback_html(notebook: nbformat.NotebookNode) -> str:
    """``notebook`` through nbgrader's feedback exporter, as generate_feedback configures it."""
    import nbgrader

    c = Config()
    configure(c)
    css = (
        Path(nbgrader.__file__).parent / "server_extensions/formgrader/static/node_modules/bootstrap/dist/css"
    )
    c.HTMLExporter.extra_template_paths = [str(css)]
    resources = {"nbgrader": {"notebook": LAB, "score": 1.0, "max_score": 2.0, "late_penalty": 0}}
    html, _ = HTMLExporter(config=c).from_notebook_node(notebook, resources=resources)
    return html


def test_the_feedback_page_loads_nothing_from_the_network():
    """Does the page carry no script, stylesheet or image from another host (MathJax's CDN included)?"""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("From $20 to $30 a month.")])
    html = _feedback_html(notebook)
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "<script src" not in html
    assert "From $20 to $30 a month." in html


def _autograded_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "autograded" / LEARNER / LAB
    folder.mkdir(parents=True)
    AnswersStore(answers_path(folder, LAB), LAB).write(mixed_answers(LAB, LEARNER, "feedback"))
    return folder


def _chart_cell(source: str) -> nbformat.NotebookNode:
    summary_only = nbformat.v4.new_output(
        "execute_result", data={"text/html": "<figure class='decisionlab-chart'>summary</figure>"}
    )
    return nbformat.v4.new_code_cell(source, outputs=[summary_only], execution_count=5)


def test_a_chart_cell_gets_its_chart_drawn(tmp_path):
    """Is the output of a `lab.chart("queues")` cell replaced by the drawn chart, as SVG?"""
    folder = _autograded_folder(tmp_path)
    notebook = nbformat.v4.new_notebook(cells=[_chart_cell('lab.chart("queues")')])
    resources = {"unique_key": LAB, "metadata": {"path": str(folder)}, "nbgrader": {"student": LEARNER}}
    DrawFeedbackCharts().preprocess(notebook, resources)
    (output,) = notebook.cells[0].outputs
    assert "<svg" in output["data"]["text/html"]
    assert output["execution_count"] == 5


def test_a_cell_that_does_more_than_draw_is_left_alone(tmp_path):
    """Is a cell whose text is not exactly one chart call kept as graded (its text is never run)?"""
    folder = _autograded_folder(tmp_path)
    notebook = nbformat.v4.new_notebook(cells=[_chart_cell('lab.chart("queues"); import os')])
    resources = {"unique_key": LAB, "metadata": {"path": str(folder)}, "nbgrader": {"student": LEARNER}}
    DrawFeedbackCharts().preprocess(notebook, resources)
    assert (
        notebook.cells[0].outputs[0]["data"]["text/html"]
        == "<figure class='decisionlab-chart'>summary</figure>"
    )
