"""Does the workspace write the kernel description JupyterLab would otherwise add on opening?"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from grader.paths import lab_ids, labs_dir
from grader.workspace.kernel_metadata import KERNEL_NAME, kernel_metadata, write_kernel_metadata

SOURCE_LAB = lab_ids()[0]


@pytest.fixture
def kernel_that_cannot_be_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernelspec, first on the Jupyter path, whose program does not exist."""
    name = "decisionlab-missing-interpreter"
    folder = tmp_path / "jupyter-data" / "kernels" / name
    folder.mkdir(parents=True)
    spec = {"argv": [str(tmp_path / "no-such-python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"]}
    spec |= {"display_name": "Nowhere", "language": "python"}
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter-data"))
    return name


@pytest.fixture
def lab_notebook_copy(tmp_path: Path) -> Path:
    """A copy of a lab's source notebook: graded cells with nbgrader metadata, a short language_info."""
    target = tmp_path / f"{SOURCE_LAB}.ipynb"
    shutil.copyfile(labs_dir() / SOURCE_LAB / f"{SOURCE_LAB}.ipynb", target)
    return target


def test_a_kernel_that_cannot_be_asked_gives_no_metadata(kernel_that_cannot_be_asked):
    """Is nothing claimed for a kernel whose interpreter cannot be run, so notebooks stay as written?"""
    assert kernel_metadata(kernel_that_cannot_be_asked) is None


def test_an_unknown_kernel_gives_no_metadata():
    """Is nothing claimed for a kernel name no kernelspec has?"""
    assert kernel_metadata("decisionlab-no-such-kernel") is None


def test_writing_the_metadata_leaves_every_cell_alone(lab_notebook_copy):
    """Does writing the kernel's description change the notebook's metadata only, never a cell
    (nbgrader's checksums and ids), and does a second write give the same bytes?"""
    metadata = {
        "kernelspec": {"name": KERNEL_NAME, "display_name": "Python 3 (ipykernel)", "language": "python"},
        "language_info": {"name": "python", "version": "3.99.0", "codemirror_mode": {"name": "ipython"}},
    }
    before = nbformat.read(lab_notebook_copy, as_version=nbformat.NO_CONVERT)
    write_kernel_metadata(lab_notebook_copy, metadata)
    written = lab_notebook_copy.read_bytes()
    after = nbformat.read(lab_notebook_copy, as_version=nbformat.NO_CONVERT)
    assert after.cells == before.cells
    assert after.metadata == metadata
    assert (after.nbformat, after.nbformat_minor) == (before.nbformat, before.nbformat_minor)
    write_kernel_metadata(lab_notebook_copy, metadata)
    assert lab_notebook_copy.read_bytes() == written


@pytest.mark.slow
def test_the_metadata_is_what_a_started_kernel_reports():
    """Are the kernelspec and language_info written exactly what a started kernel of that name
    reports, as JupyterLab would copy them into the notebook?"""
    from jupyter_client.manager import start_new_kernel

    metadata = kernel_metadata()
    assert metadata is not None
    manager, client = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=120)
    try:
        reply = client.kernel_info(reply=True, timeout=60)
        spec = manager.kernel_spec
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert metadata["language_info"] == reply["content"]["language_info"]
    assert metadata["kernelspec"] == {
        "name": KERNEL_NAME,
        "display_name": spec.display_name,
        "language": spec.language,
    }
