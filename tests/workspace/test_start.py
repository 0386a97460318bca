"""Does `decisionlab start` give learner versions and never overwrite a learner's work?"""

from __future__ import annotations

import nbformat
import pytest

from grader.cli import main
from grader.paths import lab_ids

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, generated_course):
    """A workspace made by `decisionlab start --no-launch` from the session's learner versions."""
    folder = tmp_path_factory.mktemp("ws") / "course"
    with generated_course.instead_of_generating():
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


def test_refresh_keeps_a_changed_notebook_and_answers(workspace, generated_course, capsys):
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

    with generated_course.instead_of_generating():
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


def test_launch_command_allows_root_only_when_root(tmp_path):
    """Is --allow-root passed to JupyterLab when running as root, and only then?"""
    from grader.cli import jupyterlab_command

    index = tmp_path / "index.ipynb"
    as_root = jupyterlab_command(index, port=9123, open_browser=False, as_root=True)
    as_user = jupyterlab_command(index, as_root=False)
    assert "--allow-root" in as_root and "--allow-root" not in as_user
    assert "--ServerApp.port=9123" in as_root and "--ServerApp.open_browser=False" in as_root
    assert as_user[-1] == str(index) and f"--ServerApp.root_dir={tmp_path}" in as_user


def test_start_serves_the_course_index(tmp_path):
    """Does `decisionlab start` bring up JupyterLab on the course index, as whatever user runs it?"""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    log = tmp_path / "start.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "grader.cli", "start", str(tmp_path / "course"), "--port", str(port)]
            + ["--no-browser"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    answered = False
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and server.poll() is None and not answered:
            try:
                with opener.open(f"http://127.0.0.1:{port}/api", timeout=2) as response:
                    answered = response.status == 200
            except OSError:
                time.sleep(0.5)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    text = log.read_text()
    assert answered, f"JupyterLab did not answer; `decisionlab start` printed:\n{text[-3000:]}"
    assert "Workspace ready." in text and "index.ipynb" in text
    assert (tmp_path / "course" / "index.ipynb").is_file()


def test_the_workspace_is_in_practice_mode(workspace, monkeypatch):
    """Does every lab of the self-study workspace open in practice mode, from its own folder's file?"""
    from grader.runtime import SETTINGS_FILE, Runtime

    monkeypatch.delenv("DECISIONLAB_MODE", raising=False)
    for lab_id in lab_ids():
        runtime = Runtime.read(workspace / lab_id)
        assert (runtime.mode, runtime.mode_source) == ("practice", str(workspace / lab_id / SETTINGS_FILE))


def test_notebooks_carry_what_the_kernel_reports(workspace):
    """Does every notebook of the workspace hold the kernelspec and language_info its kernel will
    report, so that JupyterLab has nothing to add when a learner opens it?"""
    from grader.workspace.kernel_metadata import kernel_metadata

    metadata = kernel_metadata()
    assert metadata is not None
    notebooks = [workspace / lab_id / f"{lab_id}.ipynb" for lab_id in lab_ids()] + [workspace / "index.ipynb"]
    for path in notebooks:
        notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        assert {key: notebook.metadata.get(key) for key in metadata} == metadata, path


def test_grade_cells_keep_their_checksums(workspace):
    """Do the workspace's graded cells still match nbgrader's checksums after the kernel's
    metadata is written?"""
    from nbgrader.utils import compute_checksum, is_grade, is_locked

    checked = 0
    for path in workspace.glob("*/*.ipynb"):
        for cell in nbformat.read(path, as_version=nbformat.NO_CONVERT).cells:
            if is_grade(cell) or is_locked(cell):
                assert compute_checksum(cell) == cell.metadata.nbgrader["checksum"], (path, cell.get("id"))
                checked += 1
    assert checked > 0
