"""Does the note a lab opens with name the lab as the learner knows it, by its title?"""

from __future__ import annotations

import pytest

from grader.labs.titles import lab_title
from grader.notebook import open_lab

LAB = "00_orientation"


@pytest.fixture
def orientation(tmp_path, monkeypatch):
    """Lab 00 opened in an empty folder, in practice mode, with no learner id."""
    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    return open_lab(LAB, tmp_path)


def test_the_opening_note_names_the_lab_by_its_title_not_its_id(orientation):
    """Does the opening note start with the lab's title and leave its id out?"""
    note = orientation._repr_html_()
    title = lab_title(LAB)
    assert orientation.status.text.startswith(f"{title}. Scenario '{orientation.scenario.title}'")
    assert LAB not in note.replace(f"{LAB}.answers.json", "")  # only the answers file, by its name
