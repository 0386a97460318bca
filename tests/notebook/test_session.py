"""Does the lab session record, score and show choices the same way by widget and by code?

These tests run on the fixture lab ``99_fixture`` (``tests/fixtures``): two copies of the
all-kinds scenario and a little lab code, so they test the session, not a lab's content.
"""

from __future__ import annotations

import json

import pytest

from grader.answers import answers_path
from grader.engine.keys import perfect_answer
from grader.notebook import LabInputError, open_lab
from grader.widgets.panels import DecisionPanel
from tests.conftest import fixture_pack

LAB = "99_fixture"


@pytest.fixture(autouse=True)
def fixture_lab(tmp_path_factory, monkeypatch, fixture_lab_code):
    """Lab 99_fixture with two scenarios and its fixture code; practice mode, no learner id."""
    return fixture_pack(tmp_path_factory, monkeypatch, ("all-kinds", "all-kinds-two"))


@pytest.fixture
def fresh_lab(tmp_path):
    return open_lab(LAB, tmp_path)


def _saved(lab):
    return json.loads(answers_path(lab.folder, LAB).read_text())


def test_plain_code_record_is_saved_at_once(fresh_lab):
    """Is a choice recorded in code written to the answers file immediately?"""
    fresh_lab.record("pick_one", "b")
    saved = _saved(fresh_lab)
    assert saved["choices"][fresh_lab.scenario.id]["pick_one"] == "b"
    assert saved["scenario"] == fresh_lab.scenario.id


def test_choice_outside_options_is_rejected(fresh_lab):
    """Is a choice outside the options rejected with a message naming the options?"""
    with pytest.raises(LabInputError, match="not an option"):
        fresh_lab.record("pick_one", "moon-base")
    assert not answers_path(fresh_lab.folder, LAB).exists()


def test_unknown_decision_is_a_learner_error(fresh_lab):
    """Does an unknown decision id name the decisions that exist?"""
    with pytest.raises(LabInputError, match="pick_one"):
        fresh_lab.record("no_such_decision", "x")


def test_widget_and_code_paths_are_equivalent(tmp_path, monkeypatch):
    """Does a widget change write exactly what lab.record writes?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    by_code = open_lab(LAB, tmp_path / "code")
    by_widget = open_lab(LAB, tmp_path / "widget")
    radio = DecisionPanel(by_widget, by_widget.decision("pick_one")).children[1]
    radio.value = "c"
    by_code.record("pick_one", "c")
    assert _saved(by_widget)["choices"] == _saved(by_code)["choices"]


def test_widget_change_refreshes_feedback(fresh_lab):
    """Does changing a choice in the panel show the engine's feedback for it?"""
    panel = DecisionPanel(fresh_lab, fresh_lab.decision("pick_one"))
    radio = panel.children[1]
    radio.value = "a"
    first = fresh_lab.result("pick_one")
    radio.value = "b"
    second = fresh_lab.result("pick_one")
    assert first.notes[0].subject != second.notes[0].subject
    assert "saved" in panel.status.value.lower()


def test_choices_survive_reopening(fresh_lab):
    """Do saved choices come back when the lab is opened again (a kernel restart)?"""
    key = perfect_answer(fresh_lab.decision("place"))
    fresh_lab.record("place", key)
    reopened = open_lab(LAB, fresh_lab.folder)
    assert reopened.choice("place") == key
    assert reopened.result("place").points == reopened.decision("place").points
    panel = DecisionPanel(reopened, reopened.decision("place"))
    menus = panel.children[1].children
    assert {m.description for m in menus if m.value} == {i.label for i in reopened.decision("place").items}


def test_corrupt_answers_file_still_opens(tmp_path):
    """Does a corrupt answers file give a clear message while the lab still opens?"""
    answers_path(tmp_path, LAB).write_text("{not json")
    lab = open_lab(LAB, tmp_path)
    assert any("could not be read" in m.text for m in lab.notices())
    assert list(tmp_path.glob("*.unreadable-*.json"))


def test_assessment_mode_hides_correctness(tmp_path, monkeypatch):
    """In assessment mode, is a choice recorded without revealing whether it is right?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    (tmp_path / "decisionlab.json").write_text('{"mode": "assessment"}')
    lab = open_lab(LAB, tmp_path)
    lab.record("pick_one", "b")
    shown = lab.feedback("pick_one")._repr_html_()
    assert "recorded" in shown and "points" not in shown
    assert lab.grade("pick_one") is None


def test_learner_id_picks_a_stable_scenario(tmp_path, monkeypatch):
    """Does a learner id always give the same scenario, and do ids spread across the pool?"""
    seen = set()
    for learner in [f"learner-{i}" for i in range(12)]:
        monkeypatch.setenv("DECISIONLAB_LEARNER", learner)
        first = open_lab(LAB, tmp_path / learner).scenario.id
        assert open_lab(LAB, tmp_path / learner).scenario.id == first
        seen.add(first)
    assert len(seen) > 1


def test_use_scenario_keeps_choices_per_scenario(fresh_lab):
    """Does switching scenario keep the choices made in each?"""
    first = fresh_lab.scenario.id
    other = next(s for s in fresh_lab.scenario_ids if s != first)
    fresh_lab.record("pick_one", "b")
    fresh_lab.use_scenario(other)
    assert fresh_lab.choice("pick_one") is None
    fresh_lab.use_scenario(first)
    assert fresh_lab.choice("pick_one") == "b"


def test_unsaveable_choice_warns_and_is_kept_in_session(tmp_path, monkeypatch):
    """When the file cannot be written, is the learner warned and the choice kept in memory?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    lab = open_lab(LAB, tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    lab.store.path = blocker / "x.answers.json"
    message = lab.record("pick_one", "b")
    assert message.level == "warning" and "could not save" in message.text
    assert lab.choice("pick_one") == "b"


def test_nothing_drawn_while_grading(fresh_lab, monkeypatch):
    """While nbgrader executes, are panels and charts skipped (nobody sees them)?"""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert "not drawn" in repr(fresh_lab.decide("place"))
    assert fresh_lab.chart("contacts").svg() == ""
    assert fresh_lab.consequences("place") is None


def test_document_shows_its_markdown(tmp_path, monkeypatch):
    """Does lab.document show a scenario's text under its title, and name the documents that exist?"""
    lab = open_lab(LAB, tmp_path)
    shown = lab.document("memo").data
    assert shown.startswith("### A memo") and "every** seat" in shown
    with pytest.raises(LabInputError, match="documents: memo"):
        lab.document("proposal")


def test_practice_shows_the_key_part_of_a_view_only_once_revealed(fresh_lab):
    """In practice, does a view show what gives the key away only after the learner reveals it?"""
    fresh_lab.record("place", {"q1": "far"})
    assert "The key places them" not in fresh_lab.consequences("place")._repr_html_()
    fresh_lab.reveal("place")
    assert "The key places them" in fresh_lab.consequences("place")._repr_html_()


def test_assessment_never_builds_the_practice_part(tmp_path, monkeypatch):
    """In assessment, is a view's practice part never built, so no lab can show a key there?"""
    import importlib

    built = importlib.import_module(f"grader.labs.{LAB}").PRACTICE_BUILT
    built.clear()
    (tmp_path / "decisionlab.json").write_text('{"mode": "assessment"}')
    lab = open_lab(LAB, tmp_path)
    lab.record("place", {"q1": "far"})
    html = lab.consequences("place")._repr_html_()
    assert "1 queues placed" in html and "The key" not in html
    assert built == []


def test_validating_an_assessment_checks_only_that_a_decision_is_answered(tmp_path, monkeypatch):
    """While an assessment notebook is validated, does an unanswered grade cell fail with one
    line, and an answered one (right or wrong) pass without points?"""
    open_lab(LAB, tmp_path).record("pick_one", "c")  # a wrong answer
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    lab = open_lab(LAB, tmp_path)
    assert lab.grade("pick_one") is None
    with pytest.raises(LabInputError, match="Pick many: not answered yet"):
        lab.grade("pick_many")
