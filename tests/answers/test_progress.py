"""Does a progress file carry every choice across workspaces without destroying newer work?"""

from __future__ import annotations

import json
import random

import pytest

from grader.answers import AnswersStore, answers_path
from grader.answers.progress import export_progress, restore_progress
from grader.catalog import scenarios_for
from grader.cli import main
from grader.engine import score
from grader.engine.keys import random_answer
from grader.paths import lab_ids


def _workspace(root):
    for lab_id in lab_ids():
        (root / lab_id).mkdir(parents=True)
    return root


def _fill(workspace, seed=3):
    """Record a random answer for every decision of every lab; return the expected scores."""
    rng = random.Random(seed)
    expected = {}
    for lab_id in lab_ids():
        scenario = scenarios_for(lab_id)[-1]
        store = AnswersStore(answers_path(workspace / lab_id, lab_id), lab_id)
        for decision in scenario.decisions:
            store.record(scenario.id, decision.id, random_answer(decision, rng))
        choices = store.load().answers.for_scenario(scenario.id)
        expected[lab_id] = score(scenario, choices).points
    return expected


def _scores(workspace):
    result = {}
    for lab_id in lab_ids():
        answers = AnswersStore(answers_path(workspace / lab_id, lab_id), lab_id).load().answers
        scenario = {s.id: s for s in scenarios_for(lab_id)}[answers.scenario]
        result[lab_id] = score(scenario, answers.for_scenario()).points
    return result


def test_round_trip_restores_every_lab(tmp_path):
    """Does export then import into a fresh workspace restore every choice of every lab?"""
    source = _workspace(tmp_path / "a")
    expected = _fill(source)
    export_progress(source, tmp_path / "progress.json")
    target = _workspace(tmp_path / "b")
    report = restore_progress((tmp_path / "progress.json").read_bytes(), target)
    assert not report.problems and len(report.restored) == len(lab_ids())
    assert _scores(target) == expected
    for lab_id in lab_ids():
        before = AnswersStore(answers_path(source / lab_id, lab_id), lab_id).load().answers
        after = AnswersStore(answers_path(target / lab_id, lab_id), lab_id).load().answers
        assert after.choices == before.choices


def test_older_file_never_replaces_newer_choices(tmp_path):
    """Is a choice made after the progress file was saved kept, reported and backed up?"""
    workspace = _workspace(tmp_path / "ws")
    lab_id = "01_sourcing_models"
    scenario = scenarios_for(lab_id)[0]
    store = AnswersStore(answers_path(workspace / lab_id, lab_id), lab_id)
    store.record(scenario.id, "mexico_model", "bpo")
    export_progress(workspace, tmp_path / "old.json")
    data = json.loads((tmp_path / "old.json").read_text())
    data["labs"][lab_id]["saved_at"] = "2000-01-01T00:00:00+00:00"
    store.record(scenario.id, "mexico_model", "entity")

    report = restore_progress(json.dumps(data), workspace)
    assert store.load().answers.for_scenario(scenario.id)["mexico_model"] == "entity"
    assert report.kept and "kept 1 choice" in report.kept[0]

    forced = restore_progress(json.dumps(data), workspace, overwrite_newer=True)
    assert store.load().answers.for_scenario(scenario.id)["mexico_model"] == "bpo"
    assert forced.backups and "entity" in forced.backups[0].read_text()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{broken", "damaged"),
        (b'{"format": "something-else"}', "not a Decision Lab progress file"),
        (b'{"format": "decisionlab-progress", "format_version": 99, "labs": {}}', "newer version"),
        (b"\xff\xfe", "damaged"),
    ],
)
def test_bad_files_say_what_is_wrong_and_change_nothing(tmp_path, content, says):
    """Does a corrupt, foreign or newer file explain itself and leave the workspace alone?"""
    workspace = _workspace(tmp_path / "ws")
    report = restore_progress(content, workspace)
    assert any(says in p for p in report.problems)
    assert not list(workspace.rglob("*.json"))


def test_unknown_lab_is_reported_other_labs_restored(tmp_path):
    """Is a lab missing from this workspace reported while the others are restored?"""
    source = _workspace(tmp_path / "a")
    _fill(source)
    export_progress(source, tmp_path / "p.json")
    target = tmp_path / "b"
    (target / lab_ids()[0]).mkdir(parents=True)
    report = restore_progress((tmp_path / "p.json").read_bytes(), target)
    assert any("no such lab in this workspace" in p for p in report.problems)
    assert report.restored == [f"{lab_ids()[0]}: restored " + report.restored[0].split("restored ")[1]]


def test_cli_export_and_import(tmp_path, capsys):
    """Do the two commands round-trip a workspace?"""
    source = _workspace(tmp_path / "a")
    expected = _fill(source)
    target_file = tmp_path / "p.json"
    assert main(["export-progress", str(source), "-o", str(target_file)]) == 0
    target = _workspace(tmp_path / "b")
    assert main(["import-progress", str(target_file), str(target)]) == 0
    assert _scores(target) == expected
    assert "restored" in capsys.readouterr().out
