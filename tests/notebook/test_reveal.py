"""Does practice mode teach without handing over the key, and is revealing it a recorded act?

Run on the fixture lab ``99_fixture`` (its all-kinds scenario), as tests/notebook/test_session.py.
"""

from __future__ import annotations

import json

import pytest

from grader.answers import answers_path
from grader.notebook import LabInputError, open_lab
from grader.widgets.panels import DecisionPanel

LAB = "99_fixture"
pytestmark = pytest.mark.usefixtures("all_kinds_practice")


@pytest.fixture
def placed_one_queue(tmp_path):
    """A practice lab where one of the two queues is placed, wrongly."""
    lab = open_lab(LAB, tmp_path)
    lab.record("place", {"q1": "far"})
    return lab


def test_practice_feedback_hides_the_item_feedback(placed_one_queue):
    """Does the panel's feedback give the verdict and points, but not the item's feedback?"""
    shown = placed_one_queue.feedback("place")._repr_html_()
    assert "points" in shown and "partly right" in shown
    assert "Complex." not in shown and "Simple." not in shown
    assert "lab.reveal" in shown


def test_grade_cell_in_practice_shows_practice_feedback(placed_one_queue, capsys):
    """Does the grade cell in practice give the points, with the same practice feedback?"""
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()
    assert placed_one_queue.grade("place") == pytest.approx(placed_one_queue.result("place").points)
    assert "Complex." not in capsys.readouterr().out


def test_reveal_shows_the_expert_answer_and_is_saved(placed_one_queue):
    """Does revealing show the full feedback, and is it saved with its time for the choice key?"""
    lab = placed_one_queue
    assert not lab.revealed("place")
    expert = lab.reveal("place")._repr_html_()
    assert "Complex." in expert and "Simple." in expert
    assert lab.revealed("place") and "Complex." in lab.feedback("place")._repr_html_()
    saved = json.loads(answers_path(lab.folder, LAB).read_text())
    assert saved["format_version"] == 2
    assert list(saved["revealed"][lab.choice_key]) == ["place"]
    assert saved["revealed"][lab.choice_key]["place"].endswith("+00:00")


def test_a_second_reveal_keeps_the_first_time(placed_one_queue):
    """Is the first reveal's time kept when the learner reveals again after reopening?"""
    placed_one_queue.reveal("place")
    first = placed_one_queue.answers.revealed_at(placed_one_queue.choice_key, "place")
    reopened = open_lab(LAB, placed_one_queue.folder)
    assert reopened.revealed("place")
    reopened.reveal("place")
    assert reopened.answers.revealed_at(reopened.choice_key, "place") == first


def test_reveal_needs_a_choice(tmp_path):
    """Is a reveal before any choice refused, and nothing recorded?"""
    lab = open_lab(LAB, tmp_path)
    with pytest.raises(LabInputError, match="make a choice first"):
        lab.reveal("pick_one")
    assert not lab.revealed("pick_one")


def test_reveal_is_refused_in_assessment(tmp_path):
    """In assessment mode, is a reveal refused, so the feedback still waits for the instructor?"""
    (tmp_path / "decisionlab.json").write_text('{"mode": "assessment"}')
    lab = open_lab(LAB, tmp_path)
    lab.record("pick_one", "b")
    with pytest.raises(LabInputError, match="instructor releases"):
        lab.reveal("pick_one")
    assert "recorded" in lab.feedback("pick_one")._repr_html_()


def test_panel_reveal_asks_before_it_shows(placed_one_queue):
    """Does the panel's reveal button ask first, and only the confirmation reveal and record?"""
    panel = DecisionPanel(placed_one_queue, placed_one_queue.decision("place"))
    (ask,) = panel.reveal_area.children
    ask.click()
    assert not placed_one_queue.revealed("place"), "one click must not reveal"
    question, buttons = panel.reveal_area.children
    assert "instructor sees" in question.value
    not_now = buttons.children[1]
    not_now.click()
    assert not placed_one_queue.revealed("place")
    panel.reveal_area.children[0].click()
    panel.reveal_area.children[1].children[0].click()
    assert placed_one_queue.revealed("place")
    assert panel.reveal_area.children == ()
