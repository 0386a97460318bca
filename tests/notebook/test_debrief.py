"""Does the debrief put the learner's path beside the expert's, and only when it may?

Run on the fixture lab ``99_fixture`` (its all-kinds scenario, whose debrief names the key).
"""

from __future__ import annotations

import pytest

from grader.display.messages import Message
from grader.notebook import open_lab
from grader.notebook.debrief import WAITS_FOR_REVEAL, debrief_markdown

LAB = "99_fixture"
pytestmark = pytest.mark.usefixtures("all_kinds_practice")
EXPERT_PATH = "Keep queue 1 near and send queue 2 far"
REFLECTION = "Which of your placements would you defend"


@pytest.fixture
def answered_lab(tmp_path):
    """A practice lab where every decision has a choice, one queue placed far."""
    lab = open_lab(LAB, tmp_path)
    lab.record("place", {"q1": "far", "q2": "far"})
    lab.record("pick_one", "b")
    lab.record("pick_many", ["a"])
    lab.record("rank", ["y", "x", "z"])
    lab.record("estimate", 90)
    return lab


def test_practice_debrief_keeps_the_expert_path_until_every_answer_is_revealed(answered_lab):
    """Before every decision is revealed, does the practice debrief show results and the
    question, but neither the expert path nor the figures?"""
    answered_lab.reveal("place")
    text = debrief_markdown(answered_lab)
    assert "#### Your results" in text and "Complex work stays close." in text
    assert EXPERT_PATH not in text and "Queues kept near" not in text
    assert WAITS_FOR_REVEAL in text and REFLECTION in text


def test_practice_debrief_after_every_reveal_sets_the_paths_side_by_side(answered_lab):
    """Once every decision is revealed, does the debrief give the expert path and the lab's
    figures, the learner's beside the expert's?"""
    for decision in answered_lab.scenario.decisions:
        answered_lab.reveal(decision.id)
    text = debrief_markdown(answered_lab)
    assert EXPERT_PATH in text and WAITS_FOR_REVEAL not in text
    assert "| Queues kept near | 0 | 1 |" in text


def test_grading_debrief_shows_everything(answered_lab, monkeypatch):
    """While nbgrader grades (the feedback a learner later reads), is the whole debrief shown?"""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    lab = open_lab(LAB, answered_lab.folder)
    text = debrief_markdown(lab)
    assert EXPERT_PATH in text and "| Queues kept near | 0 | 1 |" in text


def test_assessment_debrief_waits_for_the_instructor(answered_lab, monkeypatch):
    """In assessment mode, is the debrief only a note that it comes with the feedback?"""
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    shown = open_lab(LAB, answered_lab.folder).debrief()
    assert isinstance(shown, Message) and "instructor" in shown.text


def test_debrief_money_is_not_math(answered_lab, monkeypatch):
    """Are dollar signs in the debrief escaped, so JupyterLab does not typeset them as math?"""
    scenario = answered_lab.scenario
    debrief = scenario.debrief.model_copy(update={"reflection": "Was $20 against $30 worth it?"})
    monkeypatch.setattr(answered_lab, "scenario", scenario.model_copy(update={"debrief": debrief}))
    assert "\\$20 against \\$30" in debrief_markdown(answered_lab)
