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


def test_no_answer_key_material_in_learner_files(workspace):
    """Do learner files carry no solution code, hidden tests or scenario feedback and keys?"""
    from grader.catalog import scenarios_for
    from grader.paths import labs_dir

    forbidden = ["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "credit:", "correct: true"]
    for lab_id in lab_ids():
        source = nbformat.read(labs_dir() / lab_id / f"{lab_id}.ipynb", as_version=4)
        for cell in source.cells:
            if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
                inside = cell.source.split("### BEGIN SOLUTION")[-1].split("### END SOLUTION")[0]
                forbidden += [line.strip() for line in inside.splitlines() if len(line.strip()) > 12]
        for scenario in scenarios_for(lab_id):
            for decision in scenario.decisions:
                for part in [*getattr(decision, "options", []), *getattr(decision, "items", [])]:
                    forbidden.append(part.feedback.strip()[:60])
    files = [p for p in workspace.rglob("*") if p.is_file()]
    assert files
    for path in files:
        text = path.read_text(errors="replace")
        leaks = [f for f in forbidden if f and f in text]
        assert not leaks, (path, leaks[:3])
