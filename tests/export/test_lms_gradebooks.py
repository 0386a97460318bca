"""Do the Canvas and Moodle files have the import layouts of docs/export.md, one row per learner?"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from grader.export import export_course


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def exported(orientation_graded, tmp_path) -> Path:
    out = tmp_path / "out"
    export_course(orientation_graded, out, show_progress=False)
    return out


def test_canvas_has_its_header_a_points_possible_row_and_one_row_per_learner(exported):
    """Does the Canvas file start with Canvas's five learner columns and the Points Possible row,
    then hold every learner on the roster once, with the lab's points after the late penalty?"""
    header, possible, *learners = _rows(exported / "gradebook_canvas.csv")
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "00_orientation"]
    assert possible == ["Points Possible", "", "", "", "", "2"]
    assert learners == [
        ["Lovelace, Ada", "", "ada", "", "", "1.25"],
        ["grace", "", "grace", "", "", "0"],
        ["linus", "", "linus", "", "", ""],
    ]


def test_moodle_has_identity_columns_and_one_row_per_learner(exported):
    """Does the Moodle file name Moodle's identity columns, then hold every learner once?"""
    header, *learners = _rows(exported / "gradebook_moodle.csv")
    assert header == ["ID number", "First name", "Last name", "Email address", "00_orientation"]
    assert learners == [
        ["ada", "Ada", "Lovelace", "ada@example.org", "1.25"],
        ["grace", "", "", "", "0"],
        ["linus", "", "", "", ""],
    ]


def test_the_canvas_user_id_is_used_when_nbgrader_knows_it(orientation_graded, tmp_path):
    """When nbgrader recorded a learner's LMS user id, does it fill Canvas's ID column?"""
    from nbgrader.api import Gradebook

    from tests.export.conftest import gradebook_url

    with Gradebook(gradebook_url(orientation_graded), "decisionlab") as gradebook:
        gradebook.update_or_create_student("ada", lms_user_id="48213")
    export_course(orientation_graded, tmp_path / "out", show_progress=False)
    ada = _rows(tmp_path / "out" / "gradebook_canvas.csv")[2]
    assert ada[:3] == ["Lovelace, Ada", "48213", "ada"]
