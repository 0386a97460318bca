"""Does grading report a decision whose expert answer the learner revealed before submitting?

A fast test: ``CaptureSubmittedAnswers`` and ``ScoreDecisions`` run on a notebook node built
here, for lab 00 (one fixed scenario, so every student has the same assignment).
"""

from __future__ import annotations

import logging

import nbformat
import pytest

from grader.answers import AnswersStore, answers_path
from grader.autograde.cells import decision_grade_id
from grader.autograde.preprocessors import CaptureSubmittedAnswers, ScoreDecisions

LAB = "00_orientation"
SCENARIO = "orientation-warmup"


def _grade_cell(decision_id: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(f'lab.grade("{decision_id}")')
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": decision_grade_id(decision_id), "points": 2}
    return cell


@pytest.fixture
def submitted_after_a_reveal(tmp_path, monkeypatch):
    """A submission of lab 00 with both decisions answered and the channel's answer revealed."""
    for name in ("NBGRADER_EXECUTION", "DECISIONLAB_SCENARIOS"):
        monkeypatch.delenv(name, raising=False)
    store = AnswersStore(answers_path(tmp_path, LAB), LAB)
    store.record(SCENARIO, "warmup_channel", "offshore", scenario=SCENARIO, learner="ada")
    store.record(SCENARIO, "warmup_estimate", 1.0)
    store.record_reveal(SCENARIO, "warmup_channel")
    return tmp_path


def _grade(folder) -> tuple[nbformat.NotebookNode, list[logging.LogRecord]]:
    notebook = nbformat.v4.new_notebook(cells=[_grade_cell("warmup_channel"), _grade_cell("warmup_estimate")])
    resources = {"unique_key": LAB, "metadata": {"path": str(folder)}, "nbgrader": {"student": "ada"}}
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    capture, score = CaptureSubmittedAnswers(), ScoreDecisions()
    for step in (capture, score):
        step.log.addHandler(handler)
    try:
        notebook, resources = capture.preprocess(notebook, resources)
        notebook, _ = score.preprocess(notebook, resources)
    finally:
        for step in (capture, score):
            step.log.removeHandler(handler)
    return notebook, records


def test_a_revealed_decision_is_logged_and_marked(submitted_after_a_reveal):
    """Is the revealed decision logged and marked in its cell, and the other one not?"""
    notebook, records = _grade(submitted_after_a_reveal)
    revealed, other = (cell.outputs[0].data["text/html"] for cell in notebook.cells)
    assert "answer revealed before submission" in revealed.lower()
    assert "revealed" not in other.lower()
    logged = [r.getMessage() for r in records if "revealed" in r.getMessage()]
    assert len(logged) == 1
    assert logged[0].startswith(
        "decisionlab: ada/00_orientation: warmup_channel: answer revealed before submission"
    )


def test_a_reveal_does_not_change_the_points(submitted_after_a_reveal):
    """Does a revealed decision earn the same points as the same choice never revealed?"""
    notebook, _ = _grade(submitted_after_a_reveal)
    with_reveal = [cell.outputs[0].data["text/plain"] for cell in notebook.cells]
    store = AnswersStore(answers_path(submitted_after_a_reveal, LAB), LAB)
    store.modify(lambda answers: answers.revealed.clear())
    notebook, records = _grade(submitted_after_a_reveal)
    assert [cell.outputs[0].data["text/plain"] for cell in notebook.cells] == with_reveal
    assert with_reveal[0] == "2"
    assert not [r for r in records if "revealed" in r.getMessage()]
