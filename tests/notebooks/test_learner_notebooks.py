"""Does every lab's learner version run top to bottom in a fresh kernel, as a learner gets it?

The rule is nbval's lax mode: every code cell runs, in order, in one kernel; an error fails
the test unless its cell is tagged ``raises-exception`` (an unfinished exercise, or the test
cell that checks it); outputs are not compared.

Why not nbval itself: nbval collects notebooks as test files, so they would have to exist
when pytest collects, which meant generating them at import time of a conftest, into the
checkout, for every run (``-m "not slow"`` included) and racing between xdist workers.  The
learner versions now come from the session fixture ``generated_course`` (generated once per
session, outside the checkout, shared by the workers), which only exists once tests run.
So there is one test per lab, parametrized over ``grader.paths.lab_ids()`` (known at
collection), that runs the notebook with nbclient, the executor nbconvert and nbgrader use.
nbclient applies the same rule: with ``allow_errors=False`` it stops at the first error
outside a ``raises-exception`` cell and reports that cell's source and traceback.

Each notebook runs in a copy of its lab folder under ``tmp_path``, so whatever the lab writes
beside it stays out of the shared build, as the course releases it (assessment mode, from the
release's ``decisionlab.json``).

Why not practice mode here too: ``tests/binder/test_binder_config.py`` already runs every
learner notebook as the self-study workspace has it (``decisionlab start``, practice mode,
which it asserts), under the same rule (every code cell run, errors only in
``raises-exception`` cells), in a fresh environment of the pinned set.  Running them again
here would double this module's kernels to repeat that check in the dev environment.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from grader.paths import lab_ids

pytestmark = pytest.mark.slow

# Variables that would switch a lab out of practice mode or tie it to a learner id.
MODE_AND_LEARNER = ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER")
CELL_TIMEOUT = 600  # s: generous, for a busy machine; a cell that hangs still fails


@pytest.mark.parametrize("lab_id", lab_ids())
def test_learner_version_runs_top_to_bottom(lab_id, learner_release, tmp_path, monkeypatch):
    """Does every cell run, as the course releases it, with errors only where an unfinished
    exercise must raise?"""
    from nbclient import NotebookClient

    from grader.runtime import Runtime

    for name in MODE_AND_LEARNER:
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / lab_id
    shutil.copytree(learner_release / lab_id, folder)
    assert Runtime.read(folder).mode == "assessment"
    notebook = nbformat.read(folder / f"{lab_id}.ipynb", as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        startup_timeout=120,
        allow_errors=False,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()  # raises CellExecutionError (cell source and traceback) at an unexpected error
    code = [c for c in notebook.cells if c.cell_type == "code" and c.source.strip()]
    assert code and all(c.get("execution_count") for c in code), "every code cell must have run"
