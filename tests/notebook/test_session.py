"""Does the lab session record, score and show choices the same way by widget and by code?"""

from __future__ import annotations

import json

import pytest

from grader.answers import answers_path
from grader.engine.keys import perfect_answer
from grader.notebook import LabInputError, open_lab
from grader.widgets.panels import DecisionPanel

LAB = "01_sourcing_models"


@pytest.fixture
def fresh_lab(tmp_path, monkeypatch):
    monkeypatch.delenv("DECISIONLAB_MODE", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    for name in ("DECISIONLAB_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    return open_lab(LAB, tmp_path)


def _saved(lab):
    return json.loads(answers_path(lab.folder, LAB).read_text())


def test_plain_code_record_is_saved_at_once(fresh_lab):
    """Is a choice recorded in code written to the answers file immediately?"""
    fresh_lab.record("mexico_model", "bpo")
    saved = _saved(fresh_lab)
    assert saved["choices"][fresh_lab.scenario.id]["mexico_model"] == "bpo"
    assert saved["scenario"] == fresh_lab.scenario.id


def test_choice_outside_options_is_rejected(fresh_lab):
    """Is a choice outside the options rejected with a message naming the options?"""
    with pytest.raises(LabInputError, match="not an option"):
        fresh_lab.record("mexico_model", "moon-base")
    assert not answers_path(fresh_lab.folder, LAB).exists()


def test_unknown_decision_is_a_learner_error(fresh_lab):
    """Does an unknown decision id name the decisions that exist?"""
    with pytest.raises(LabInputError, match="queue_mapping"):
        fresh_lab.record("no_such_decision", "x")


def test_widget_and_code_paths_are_equivalent(tmp_path, monkeypatch):
    """Does a widget change write exactly what lab.record writes?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    by_code = open_lab(LAB, tmp_path / "code")
    by_widget = open_lab(LAB, tmp_path / "widget")
    radio = DecisionPanel(by_widget, by_widget.decision("mexico_model")).children[1]
    radio.value = "eor"
    by_code.record("mexico_model", "eor")
    assert _saved(by_widget)["choices"] == _saved(by_code)["choices"]


def test_widget_change_refreshes_feedback(fresh_lab):
    """Does changing a choice in the panel show the engine's feedback for it?"""
    panel = DecisionPanel(fresh_lab, fresh_lab.decision("mexico_model"))
    radio = panel.children[1]
    radio.value = "entity"
    first = fresh_lab.result("mexico_model")
    radio.value = "bpo"
    second = fresh_lab.result("mexico_model")
    assert first.notes[0].subject != second.notes[0].subject
    assert "saved" in panel.status.value.lower()


def test_choices_survive_reopening(fresh_lab):
    """Do saved choices come back when the lab is opened again (a kernel restart)?"""
    key = perfect_answer(fresh_lab.decision("queue_mapping"))
    fresh_lab.record("queue_mapping", key)
    reopened = open_lab(LAB, fresh_lab.folder)
    assert reopened.choice("queue_mapping") == key
    assert reopened.result("queue_mapping").points == reopened.decision("queue_mapping").points
    panel = DecisionPanel(reopened, reopened.decision("queue_mapping"))
    menus = panel.children[1].children
    assert {m.description for m in menus if m.value} == {
        i.label for i in reopened.decision("queue_mapping").items
    }


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
    lab.record("mexico_model", "bpo")
    shown = lab.feedback("mexico_model")._repr_html_()
    assert "recorded" in shown and "points" not in shown
    assert lab.grade("mexico_model") is None


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
    fresh_lab.record("mexico_model", "bpo")
    fresh_lab.use_scenario(other)
    assert fresh_lab.choice("mexico_model") is None
    fresh_lab.use_scenario(first)
    assert fresh_lab.choice("mexico_model") == "bpo"


def test_unsaveable_choice_warns_and_is_kept_in_session(tmp_path, monkeypatch):
    """When the file cannot be written, is the learner warned and the choice kept in memory?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    lab = open_lab(LAB, tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    lab.store.path = blocker / "x.answers.json"
    message = lab.record("mexico_model", "bpo")
    assert message.level == "warning" and "could not save" in message.text
    assert lab.choice("mexico_model") == "bpo"


def test_nothing_drawn_while_grading(fresh_lab, monkeypatch):
    """While nbgrader executes, are panels and charts skipped (nobody sees them)?"""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert "not drawn" in repr(fresh_lab.decide("queue_mapping"))
    assert fresh_lab.chart("queues").svg() == ""
    assert fresh_lab.consequences("queue_mapping") is None


def test_document_shows_its_markdown(tmp_path, monkeypatch):
    """Does lab.document show a scenario's text under its title, and name the documents that exist?"""
    from tests.conftest import FIXTURES

    monkeypatch.setenv("DECISIONLAB_SCENARIOS", str(FIXTURES / "scenarios"))
    lab = open_lab("99_fixture", tmp_path)
    shown = lab.document("memo").data
    assert shown.startswith("### A memo") and "every** seat" in shown
    with pytest.raises(LabInputError, match="documents: memo"):
        lab.document("proposal")
