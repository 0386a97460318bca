"""Does decisions.csv put the gradebook's points beside the choice they were given for?"""

from __future__ import annotations

import csv
from pathlib import Path

from grader.export import export_course
from grader.export.decisions_csv import COLUMNS
from tests.export.conftest import LAB, SCENARIO, gradebook_url


def _decisions(course: Path, out: Path) -> list[dict[str, str]]:
    export_course(course, out, show_progress=False)
    with (out / "decisions.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def test_one_row_per_graded_learner_and_decision_in_the_scenario_order(orientation_graded, tmp_path):
    """Is there one row per graded learner and decision, in the scenario's order, and none for a
    learner with nothing graded?"""
    rows = _decisions(orientation_graded, tmp_path / "out")
    assert [(r["learner"], r["decision"]) for r in rows] == [
        ("ada", "warmup_channel"),
        ("ada", "warmup_estimate"),
        ("grace", "warmup_channel"),
        ("grace", "warmup_estimate"),
    ]
    assert {(r["lab"], r["scenario"], r["variant"], r["max_points"]) for r in rows} == {
        (LAB, SCENARIO, "0", "1")
    }


def test_choices_points_and_reveals_are_the_learners_own(orientation_graded, tmp_path):
    """Does each row carry the recorded choice, the gradebook's points and the reveal flag?"""
    ada = [r for r in _decisions(orientation_graded, tmp_path / "out") if r["learner"] == "ada"]
    assert [(r["choice"], r["points"], r["revealed"]) for r in ada] == [
        ("offshore", "1", "yes"),
        ("1.5", "0.5", "no"),
    ]
    assert ada[0]["revealed_at"].startswith("20") and ada[1]["revealed_at"] == ""


def test_a_submission_without_answers_file_has_blank_choices_and_a_note(orientation_graded, tmp_path):
    """Is a graded submission whose answers file is missing exported with blank choices, and said so?"""
    summary = export_course(orientation_graded, tmp_path / "out", show_progress=False)
    with (tmp_path / "out" / "decisions.csv").open(encoding="utf-8", newline="") as handle:
        grace = [r for r in csv.DictReader(handle) if r["learner"] == "grace"]
    assert [(r["choice"], r["points"], r["revealed"]) for r in grace] == [("", "0", "no"), ("", "0", "no")]
    assert any(note.startswith("grace/00_orientation: no answers file") for note in summary.notes)


def test_a_manual_score_is_what_is_exported(orientation_graded, tmp_path):
    """When a grader overrides a decision's score by hand, does the export carry the manual score?"""
    from nbgrader.api import Gradebook

    with Gradebook(gradebook_url(orientation_graded), "decisionlab") as gradebook:
        grade = gradebook.find_grade("decision-warmup_estimate", LAB, LAB, "ada")
        grade.manual_score = 0.75
        gradebook.db.commit()
    ada = [r for r in _decisions(orientation_graded, tmp_path / "out") if r["learner"] == "ada"]
    assert [r["points"] for r in ada] == ["1", "0.75"]
