"""nbgrader autograde steps that grade decisions in the grading process, not the kernel.

A learner's kernel can be changed by any cell the learner writes, so a grade computed
there could be forged.  These two steps run inside ``nbgrader autograde`` itself:

- ``CaptureSubmittedAnswers`` goes first, before ``Execute``: it reads each lab's answers
  file exactly as submitted, before any notebook code runs.
- ``ScoreDecisions`` goes after ``Execute``: it replaces the output of every decision grade
  cell (``grade_id`` ``decision-<id>``) with the engine's score of those captured answers.
  nbgrader then reads that number as partial credit.  A decision whose expert answer the
  learner revealed in practice mode before submitting is logged and marked in its cell's
  output ("answer revealed before submission"); its points do not change.

(nbgrader runs the autograde pass with fresh ``resources``, so the capture must sit in
``autograde_preprocessors``, not in the sanitize pass.)
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, NamedTuple

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import DeduplicateIds
from traitlets import Bool, Int, List, Unicode

from grader.answers import MAX_BYTES, Answers, answers_path, read_answers
from grader.autograde.cells import graded_decision, is_debrief
from grader.autograde.graded_variant import graded_variant
from grader.catalog import choice_key, scenarios_for
from grader.engine import DecisionResult, score_decision
from grader.schema import Scenario

RESOURCE_KEY = "decisionlab"


class Graded(NamedTuple):
    """What a submission is graded on: the realised scenario, its choice key, template and seed."""

    scenario: Scenario
    key: str
    template_id: str
    seed: int


REVEALED_NOTE = "Answer revealed before submission"


class CaptureSubmittedAnswers(Preprocessor):
    """Keep the submitted answers file in ``resources`` before the notebook runs."""

    enabled = Bool(True).tag(config=True)
    max_bytes = Int(MAX_BYTES, help="Answers files larger than this are not read.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        lab_id = resources.get("unique_key", "")
        folder = Path(resources.get("metadata", {}).get("path", "."))
        path = answers_path(folder, lab_id)
        report = read_answers(path, lab_id, self.max_bytes)
        answers, warnings = report.answers, list(report.warnings)
        if report.missing:
            warnings.append(f"no answers file ({path.name}) was submitted")
        student = resources.get("nbgrader", {}).get("student", "?")
        for warning in warnings:
            self.log.warning("decisionlab: %s/%s: %s", student, lab_id, warning)
        resources[RESOURCE_KEY] = {"answers": answers, "warnings": warnings}
        return nb, resources


class ScoreDecisions(Preprocessor):
    """Set each decision grade cell's output to the engine's score of the captured answers."""

    enabled = Bool(True).tag(config=True)
    scenario_dirs = List(
        Unicode(), help="Folders searched for scenarios first (an instructor's private pack)."
    ).tag(config=True)
    trust_recorded_assignment = Bool(
        False,
        help=(
            "Grade the scenario and variant recorded in the answers file instead of the ones that "
            "follow from the nbgrader student id. Only for courses whose student ids differ from the "
            "learners' JupyterHub user names: it lets a learner choose a scenario, or submit a file "
            "made for another learner's variant."
        ),
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        captured = resources.get(RESOURCE_KEY)
        if captured is None:
            raise RuntimeError(
                "ScoreDecisions needs CaptureSubmittedAnswers earlier in "
                "Autograde.autograde_preprocessors (use grader.autograde.configure)"
            )
        lab_id = resources.get("unique_key", "")
        student = str(resources.get("nbgrader", {}).get("student", ""))
        answers: Answers = captured["answers"]
        notes = list(captured["warnings"])
        graded = self._assignment(lab_id, student, answers, notes)
        for note in notes[len(captured["warnings"]) :]:
            self.log.warning("decisionlab: %s/%s: %s", student or "?", lab_id, note)
        for cell in nb.cells:
            if is_debrief(cell) and graded is not None:
                self._write_debrief(cell, lab_id, graded, answers, student)
                continue
            decision_id = graded_decision(cell)
            if decision_id is None:
                continue
            points = float(cell.metadata["nbgrader"].get("points", 0))
            claimed = _claimed_points(cell)
            revealed_at = answers.revealed_at(graded.key, decision_id) if graded is not None else ""
            if revealed_at:
                self.log.warning(
                    "decisionlab: %s/%s: %s: answer revealed before submission (at %s)",
                    student or "?",
                    lab_id,
                    decision_id,
                    revealed_at,
                )
            output, earned, problems = self._output(
                cell, graded, answers, decision_id, points, notes, revealed_at
            )
            for problem in problems:
                self.log.warning("decisionlab: %s/%s: %s: %s", student or "?", lab_id, decision_id, problem)
            if claimed is not None and abs(claimed - earned) > 1e-6:
                # The learner's kernel computed something else from the same file: some cell
                # changed the lab, the engine or the file while the notebook ran.
                self.log.warning(
                    "decisionlab: %s/%s: %s: the notebook's own kernel showed %g points but the "
                    "submitted answers earn %g; a cell may have changed the scoring or the answers file",
                    student or "?",
                    lab_id,
                    decision_id,
                    claimed,
                    earned,
                )
            cell.outputs = [output]
        return nb, resources

    def _search(self) -> tuple[Path, ...]:
        """Where the grading side finds scenarios: its own folders, never the submission's copies."""
        from grader.paths import scenario_dirs

        return (*(Path(p) for p in self.scenario_dirs), *scenario_dirs())

    def _pool(self, lab_id: str) -> list[Scenario]:
        return scenarios_for(lab_id, self._search())

    def _write_debrief(
        self, cell: NotebookNode, lab_id: str, graded: Graded, answers: Answers, student: str
    ) -> None:
        """Replace the debrief cell's output with the grading side's debrief of these answers."""
        from grader.autograde.debrief import debrief_output

        try:
            output = debrief_output(lab_id, graded.template_id, graded.seed, answers, self._search())
        except Exception as error:  # a debrief must never stop a learner's grading
            self.log.warning("decisionlab: %s/%s: debrief not written: %s", student or "?", lab_id, error)
            return
        if output.get("output_type") == "execute_result":  # display_data has no count (nbformat)
            output["execution_count"] = cell.get("execution_count")
        cell.outputs = [output]

    def _assignment(self, lab_id: str, student: str, answers: Answers, notes: list[str]) -> Graded | None:
        """The scenario (with this student's variant key) to grade, and where its choices are.

        The scenario and the variant follow from the student id nbgrader knows, not from the
        file, which the learner can edit or copy from someone else; differences are reported.
        """
        pool = self._pool(lab_id)
        if not pool:
            notes.append(f"no scenario of lab '{lab_id}' was found on the grading machine")
            return None
        template, seed, differences = graded_variant(
            pool, lab_id, student, answers, trust_recorded=self.trust_recorded_assignment
        )
        notes.extend(differences)
        from grader.notebook.graded import graded_scenario

        scenario = graded_scenario(lab_id, template, seed, self._search())
        return Graded(scenario, choice_key(template, seed), template.id, seed)

    def _output(
        self,
        cell: NotebookNode,
        graded: Graded | None,
        answers: Answers,
        decision_id: str,
        cell_points: float,
        notes: list[str],
        revealed_at: str = "",
    ) -> tuple[NotebookNode, float, list[str]]:
        """The cell's new output, the points it carries, and what was wrong with the choice."""
        result: DecisionResult | None = None
        if graded is not None:
            scenario, key = graded.scenario, graded.key
            try:
                decision = scenario.decision(decision_id)
            except KeyError as error:
                notes = [*notes, str(error.args[0])]
            else:
                result = score_decision(decision, answers.for_scenario(key).get(decision_id))
        earned = 0.0 if result is None else round(result.fraction * cell_points, 6)
        html = "<p><em>Scored by the grading process from the answers file you submitted.</em></p>"
        html += "".join(f"<p><strong>Note:</strong> {escape(n)}</p>" for n in notes)
        if revealed_at:
            html += (
                f"<p class='decisionlab-revealed'><strong>{REVEALED_NOTE}</strong> "
                f"(the learner asked to see the expert answer at {escape(revealed_at)}; the points "
                "are not changed).</p>"
            )
        if result is not None:
            html += result._repr_html_()
        output = new_output(
            "execute_result",
            data={"text/plain": f"{earned:.10g}", "text/html": html},
            execution_count=cell.get("execution_count"),
        )
        return output, earned, list(result.problems) if result is not None else []


def _claimed_points(cell: NotebookNode) -> float | None:
    """The points the learner's kernel printed for a decision cell, if it printed a number."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "execute_result":
            try:
                return float(output.get("data", {}).get("text/plain", ""))
            except ValueError:
                return None
    return None


class DeduplicateGradeIds(DeduplicateIds):
    """nbgrader's ``DeduplicateIds``, leaving no empty ``nbgrader`` metadata behind.

    nbgrader 0.9 strips a duplicated grade cell's metadata to ``{}``; with
    ``OverwriteCells.add_missing_cells`` on, its ``add_missing_task_cells`` then looks up
    ``grade_id`` in that empty dict and the whole submission fails to grade.  Removing the
    key makes the copy an ordinary cell, which is what nbgrader means it to be.
    """

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], cell_index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.get("metadata", {}).get("nbgrader", None) == {}:
            del cell.metadata["nbgrader"]
        return cell, resources
