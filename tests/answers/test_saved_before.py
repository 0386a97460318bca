"""Do answers files saved by an earlier version of the course still load and score the same?

The files in ``tests/fixtures/answers`` were saved by learner ``ada`` before the package was
restructured (labs in their own folders, one assignment rule): lab 00 with every decision
answered, and lab 04 (a generated lab) with every decision of ada's own variant answered
right.  They must open with every choice in place and earn full marks.
"""

from __future__ import annotations

import shutil

import pytest

from grader.notebook import open_lab
from tests.conftest import FIXTURES

SAVED = FIXTURES / "answers"


@pytest.mark.parametrize("lab_id", ["00_orientation", "04_kpi_diagnosis"])
def test_an_answers_file_saved_before_the_restructure_still_scores(lab_id, tmp_path, monkeypatch):
    """Does an old answers file open with every choice in place, worth full marks?"""
    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "JUPYTERHUB_USER", "DECISIONLAB_SCENARIOS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DECISIONLAB_LEARNER", "ada")
    shutil.copy(SAVED / f"{lab_id}.answers.json", tmp_path)
    lab = open_lab(lab_id, tmp_path)
    assert lab.notices() == []
    assert all(lab.choice(d.id) is not None for d in lab.scenario.decisions)
    result = lab.results()
    assert result.points == pytest.approx(result.max_points)
