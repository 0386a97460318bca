"""Feedback that reads well offline: no script from a CDN, and the charts drawn.

``nbgrader generate_feedback`` turns each autograded notebook into HTML with nbgrader's
``feedback`` template, which loads MathJax from a CDN (a page that waits on the network, and
typesets "$20 to $30" as math).  Our template, ``templates/decisionlab_feedback``, is
nbgrader's with that one macro left empty.

Charts are not drawn while nbgrader grades (``docs/architecture.md``: it would cost every
learner's every lab the import of Altair), so the autograded notebook holds each chart's
text summary only.  :class:`DrawFeedbackCharts` draws them when the feedback is made, once
per learner and lab: for each cell that is exactly ``lab.chart("name")`` or
``lab.consequences("decision")``, it opens the learner's lab outside any kernel (their
scenario and variant, the answers file they submitted, the lab's released mode) and puts
the drawn output in place of the summary-only one.  The cell's text is matched, never run.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool

from grader.answers import answers_path, read_answers
from grader.catalog import assign, scenarios_for
from grader.runtime import SETTINGS_FILE

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_NAME = "decisionlab_feedback"
DRAWN_CALL = re.compile(
    r"""^\s*lab\.(?P<kind>chart|consequences)\(\s*(["'])(?P<name>[A-Za-z0-9_\-]+)\2\s*\)\s*;?\s*$"""
)


def configure_feedback(c: Any) -> None:
    """Use the offline template and draw the charts in ``generate_feedback`` (a course's own choices stay)."""
    from nbgrader.converters import GenerateFeedback

    if "template_name" not in c.HTMLExporter and "extra_template_basedirs" not in c.HTMLExporter:
        import nbgrader

        nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
        c.HTMLExporter.template_name = TEMPLATE_NAME
        c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES), str(nbgrader_templates)]
    section = c["GenerateFeedback"]
    steps = (
        list(section["preprocessors"])
        if "preprocessors" in section
        else list(GenerateFeedback.class_traits()["preprocessors"].default())
    )
    if not any(step is DrawFeedbackCharts for step in steps):
        steps.insert(0, DrawFeedbackCharts)  # before GetGrades, which only reads grade cells
    c.GenerateFeedback.preprocessors = steps


class DrawFeedbackCharts(Preprocessor):
    """Draw the charts of an autograded notebook for its feedback (see the module docstring)."""

    enabled = Bool(True, help="Draw each chart cell's chart in the feedback.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        cells = [(cell, match) for cell in nb.cells if (match := _drawn_call(cell)) is not None]
        if not cells:
            return nb, resources
        lab_id = str(resources.get("unique_key", ""))
        folder = Path(resources.get("metadata", {}).get("path", "."))
        student = str(resources.get("nbgrader", {}).get("student", ""))
        try:
            with tempfile.TemporaryDirectory(prefix="decisionlab-feedback-") as scratch:
                session = _learner_session(lab_id, folder, student, Path(scratch), self._search())
                for cell, match in cells:
                    self._draw(cell, session, match["kind"], match["name"], student, lab_id)
        except Exception as error:  # feedback without a chart is better than no feedback
            self.log.warning(
                "decisionlab: %s/%s: charts not drawn in the feedback: %s", student, lab_id, error
            )
        return nb, resources

    def _draw(
        self, cell: NotebookNode, session: Any, kind: str, name: str, student: str, lab_id: str
    ) -> None:
        try:
            shown = getattr(session, kind)(name)
        except Exception as error:
            self.log.warning("decisionlab: %s/%s: %s(%r) not drawn: %s", student, lab_id, kind, name, error)
            return
        if shown is None or not hasattr(shown, "_repr_html_"):
            return
        cell.outputs = [
            new_output(
                "execute_result",
                data={"text/html": shown._repr_html_(), "text/plain": repr(shown)},
                execution_count=cell.get("execution_count"),
            )
        ]

    def _search(self) -> tuple[Path, ...]:
        from grader.paths import scenario_dirs

        own = self.config.get("ScoreDecisions", {}).get("scenario_dirs", [])
        return (*(Path(p) for p in own), *scenario_dirs())


def _drawn_call(cell: NotebookNode) -> re.Match[str] | None:
    return DRAWN_CALL.match(cell.get("source", "")) if cell.get("cell_type") == "code" else None


def _learner_session(lab_id: str, folder: Path, student: str, scratch: Path, search: tuple[Path, ...]) -> Any:
    """The learner's lab, opened in ``scratch`` on the answers they submitted and their own variant."""
    from grader.notebook.session import Lab

    pool = scenarios_for(lab_id, search)
    assignment = assign(pool, lab_id, student)
    answers = read_answers(answers_path(folder, lab_id), lab_id).answers
    answers = replace(
        answers, lab=lab_id, learner=student, scenario=assignment.template.id, variant_seed=assignment.seed
    )
    answers_path(scratch, lab_id).write_text(json.dumps(answers.to_json()), encoding="utf-8")
    if (folder / SETTINGS_FILE).is_file():  # the lab's released mode decides what a view may show
        shutil.copyfile(folder / SETTINGS_FILE, scratch / SETTINGS_FILE)
    return Lab(lab_id, scratch, scenario=assignment.template.id, search=search)
