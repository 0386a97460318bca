"""Does the binder/ folder give Binder learners a working course?

The fast checks read the configuration files.  The slow ones ask repo2docker what it would
build (without Docker), and install the pinned set into a fresh virtual environment to run
every learner notebook top to bottom.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from grader.paths import lab_ids

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"
POST_BUILD = BINDER / "postBuild"
# Variables that would switch a lab out of practice mode or tie it to a learner id.
MODE_AND_LEARNER = ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER")
INSTALL_TIMEOUT = 15 * 60  # seconds, for each pip install
NOTEBOOK_TIMEOUT = 10 * 60  # seconds, for each notebook run


def _requirement_lines() -> list[str]:
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def _pinned() -> dict[str, str]:
    """Normalised name -> pinned version, from binder/requirements.txt."""
    pins = {}
    for line in _requirement_lines():
        req = Requirement(line)
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"not pinned with ==: {line!r}"
        assert "*" not in specs[0].version, f"wildcard pin: {line!r}"
        pins[canonicalize_name(req.name)] = specs[0].version
    return pins


def test_runtime_is_python_312():
    """Does binder/runtime.txt ask for Python 3.12?"""
    assert (BINDER / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.12"


def test_requirements_pin_every_runtime_dependency():
    """Is every requirement pinned with ==, and is every runtime dependency in pyproject.toml there?"""
    pins = _pinned()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {canonicalize_name(Requirement(dep).name) for dep in project["dependencies"]}
    missing = sorted(wanted - pins.keys())
    assert not missing, f"runtime dependencies missing from binder/requirements.txt: {missing}"


def test_post_build_installs_without_deps_and_is_executable():
    """Is postBuild an executable bash script that stops on errors and installs with --no-deps?"""
    text = POST_BUILD.read_text(encoding="utf-8")
    assert text.startswith("#!"), "postBuild needs a shebang line"
    assert "set -e" in text
    assert "pip install --no-deps" in text
    assert os.access(POST_BUILD, os.X_OK), "chmod +x binder/postBuild"
    if shutil.which("git"):  # git must record the mode too, once the file is tracked
        staged = subprocess.run(
            ["git", "ls-files", "-s", "--", "binder/postBuild"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        if staged:
            assert staged[0] == "100755", "git records postBuild as not executable"


@pytest.mark.slow
def test_repo2docker_picks_up_the_binder_folder():
    """Would repo2docker build Python 3.12, install binder/requirements.txt and run postBuild?"""
    # An unreachable daemon proves the dry run needs no Docker.
    env = {**os.environ, "DOCKER_HOST": "unix:///nonexistent/docker.sock"}
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Building conda environment for python=3.12" in output
    assert "Python version unspecified" not in output
    assert "COPY --chown=0:0 src/binder/requirements.txt ${REPO_DIR}/binder/requirements.txt" in output
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in output
    assert "RUN ./binder/postBuild" in output
    # The base environment's lock file is copied under an escaped name ("." is "-2e").
    assert "environment-2epy-2d3-2e12-2dlinux-2d64-2elock" in output


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    return result


def _unexpected_errors(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.source.strip() and cell.get("execution_count") is None:
            problems.append(f"{notebook.name} cell {index} was not run:\n{cell.source}")
        if "raises-exception" in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(
                    f"{notebook.name} cell {index}:\n{cell.source}\n--> "
                    f"{output.get('ename')}: {output.get('evalue')}"
                )
    return problems


@pytest.mark.slow
def test_pinned_set_runs_every_learner_notebook(tmp_path):
    """In a fresh venv with only the pinned set, does every learner notebook of the self-study
    workspace run every cell, in practice mode, with errors only in ``raises-exception`` cells?"""
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], timeout=300)
    python = str(venv / "bin" / "python")
    # Keep the user's own Jupyter folders out, so "python3" is the venv's kernel.
    # Nor may a variable switch the labs out of practice mode or tie them to a learner id.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "PYTHONPATH")) and k not in MODE_AND_LEARNER
    }
    env |= {
        "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    # Uses pip's cache.  --no-compile: byte-compiling every installed module costs about as much
    # CPU as the rest of the install; instead the first import of a module compiles it into the
    # venv (in tmp_path), and later kernels reuse that, even where the caller turned the cache off.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-compile"]
    _run([*pip, "-r", str(BINDER / "requirements.txt")], env=env, timeout=INSTALL_TIMEOUT)
    _run([*pip, "--no-deps", str(ROOT)], env=env, timeout=INSTALL_TIMEOUT, cwd=tmp_path)

    specs = json.loads(
        _run([python, "-m", "jupyter", "kernelspec", "list", "--json"], env=env, cwd=tmp_path).stdout
    )["kernelspecs"]
    assert Path(specs["python3"]["resource_dir"]).is_relative_to(venv), specs["python3"]

    course = tmp_path / "course"
    decisionlab = str(venv / "bin" / "decisionlab")
    _run([decisionlab, "start", str(course), "--no-launch"], env=env, cwd=tmp_path, timeout=600)
    notebooks = sorted(course.glob("*/*.ipynb"))
    missing = sorted(set(lab_ids()) - {notebook.parent.name for notebook in notebooks})
    assert not missing, f"labs without a learner notebook in {course}: {missing}"
    # The dev environment's notebook test runs these labs in assessment mode only: this test is
    # where practice mode (the self-study workspace's) runs every learner notebook.
    read_modes = "import json, sys; from grader.runtime import Runtime; " + (
        "print(json.dumps({folder: Runtime.read(folder).mode for folder in sys.argv[1:]}))"
    )
    folders = sorted({str(notebook.parent) for notebook in notebooks})
    modes = json.loads(_run([python, "-c", read_modes, *folders], env=env, cwd=tmp_path).stdout)
    assert set(modes.values()) == {"practice"}, modes

    # One nbconvert for all of them (each still in a fresh kernel of its own, started in its
    # folder): each start of nbconvert imports the whole Jupyter stack again.
    _run(
        [
            python,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--allow-errors",
            "--ExecutePreprocessor.kernel_name=python3",
            f"--ExecutePreprocessor.timeout={NOTEBOOK_TIMEOUT}",
            "--output-dir",
            str(tmp_path / "executed"),
            *map(str, notebooks),
        ],
        env=env,
        cwd=tmp_path,
        timeout=INSTALL_TIMEOUT * len(notebooks),
    )
    executed = [tmp_path / "executed" / notebook.name for notebook in notebooks]
    problems = [problem for notebook in executed for problem in _unexpected_errors(notebook)]
    assert not problems, "errors outside raises-exception cells:\n\n" + "\n\n".join(problems)
