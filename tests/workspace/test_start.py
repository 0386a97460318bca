"""Does `decisionlab start` give learner versions and never overwrite a learner's work?"""

from __future__ import annotations

import nbformat
import pytest

from grader.cli import main
from grader.paths import lab_ids

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ws") / "course"
    assert main(["start", str(folder), "--no-launch"]) == 0
    return folder


def test_every_lab_and_an_index(workspace):
    """Does the workspace hold every lab's notebook and a course index linking them?"""
    for lab_id in lab_ids():
        assert (workspace / lab_id / f"{lab_id}.ipynb").exists()
    index = (workspace / "index.ipynb").read_text()
    assert all(f"{lab_id}/{lab_id}.ipynb" in index for lab_id in lab_ids())


def test_learner_versions_have_no_solutions(workspace):
    """Are solution regions and hidden tests gone from the learner versions?"""
    for notebook in workspace.glob("*/*.ipynb"):
        text = notebook.read_text()
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
        assert "occupancy must be above 0" not in text  # the solution's own wording


def test_refresh_keeps_a_changed_notebook_and_answers(workspace, capsys):
    """Does a second start keep a notebook the learner changed, and their answers file?"""
    lab_id = lab_ids()[-1]
    notebook = workspace / lab_id / f"{lab_id}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("my own notes"))
    nbformat.write(nb, notebook)
    answers = workspace / lab_id / f"{lab_id}.answers.json"
    answers.write_text('{"mine": true}')
    untouched = workspace / lab_ids()[0] / f"{lab_ids()[0]}.ipynb"
    untouched.unlink()

    assert main(["start", str(workspace), "--no-launch"]) == 0
    out = capsys.readouterr().out
    assert "my own notes" in notebook.read_text()
    assert answers.read_text() == '{"mine": true}'
    assert (workspace / lab_id / f"{lab_id}.updated.ipynb").exists()
    assert untouched.exists(), "a deleted notebook is put back"
    assert f"kept your changed {lab_id}/{lab_id}.ipynb" in out
