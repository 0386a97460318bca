"""Does the instructor notebook show the report's view, from the same functions, top to bottom?"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parents[2] / "instructor" / "cohort_report.ipynb"

pytestmark = pytest.mark.slow


def test_the_notebook_shows_every_section_and_writes_the_file(eight_learner_course, tmp_path, monkeypatch):
    """Does it run without error, show every section with its chart, and write the HTML file?"""
    folder = tmp_path / "instructor"
    folder.mkdir()
    shutil.copyfile(NOTEBOOK, folder / NOTEBOOK.name)
    monkeypatch.setenv("DECISIONLAB_COURSE_DIR", str(eight_learner_course))
    notebook = nbformat.read(folder / NOTEBOOK.name, as_version=4)
    NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(folder)}}).execute()
    shown = notebook.cells[1].outputs[0]["data"]["text/html"]
    for title in (
        "Scores per lab",
        "Difficulty and discrimination",
        "most common wrong choices",
        "need help",
    ):
        assert title in shown
    assert shown.count("<svg") >= 5
    assert (folder / "cohort-report.html").is_file()
