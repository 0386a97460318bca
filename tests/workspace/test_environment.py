"""Does every command find its environment's programs, and explain in one line what is missing?"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import grader.cli
from grader.cli import main
from grader.workspace.environment import (
    EnvironmentProblem,
    explain,
    problem_in_log,
    put_scripts_on_path,
    require_package,
    scripts_folders,
)

ENVIRONMENT_BIN = str(Path(sys.executable).parent)

# What nbgrader 0.9 logs when it cannot find alembic (the end of its traceback).
NBGRADER_LOG_WITHOUT_ALEMBIC = """[INFO] Updating/creating assignment '00_orientation': {}
[ERROR] There was an error processing assignment: /tmp/decisionlab-x/source/./00_orientation
[ERROR] Traceback (most recent call last):
      File ".../nbgrader/api.py", line 37, in get_alembic_version
        output = sp.check_output(['alembic', '-c', alembic_ini, 'heads'])
      File ".../subprocess.py", line 1950, in _execute_child
        raise child_exception_type(errno_num, err_msg, err_filename)
    FileNotFoundError: [Errno 2] No such file or directory: 'alembic'

[ERROR] There was an error processing assignment '00_orientation' for student '.'
"""


def _fails_with(error: BaseException):
    def run(args):
        raise error

    return run


def test_environment_scripts_come_first_on_path():
    """Is the environment's scripts folder put first on PATH, once, with the rest kept in order?"""
    environ = {"PATH": os.pathsep.join(["/usr/bin", ENVIRONMENT_BIN, "/bin"])}
    put_scripts_on_path(environ)
    parts = environ["PATH"].split(os.pathsep)
    assert parts[0] == ENVIRONMENT_BIN and parts.count(ENVIRONMENT_BIN) == 1
    assert [p for p in parts if p in ("/usr/bin", "/bin")] == ["/usr/bin", "/bin"]
    put_scripts_on_path(environ)
    assert environ["PATH"].split(os.pathsep) == parts


def test_an_empty_path_gets_the_environment_scripts():
    """Does a process started with no PATH at all still find the environment's programs?"""
    environ: dict[str, str] = {}
    put_scripts_on_path(environ)
    assert environ["PATH"].split(os.pathsep) == [str(f) for f in scripts_folders()]
    assert ENVIRONMENT_BIN in environ["PATH"].split(os.pathsep)


def test_a_missing_program_is_named_with_the_fix():
    """Is a program that cannot be started named, with the pip command of this environment?"""
    try:
        subprocess.run(["decisionlab-no-such-program"], check=False)
    except FileNotFoundError as error:
        message = explain(error)
    assert message is not None and "the program 'decisionlab-no-such-program'" in message
    assert f"{sys.executable} -m pip install decisionlab-no-such-program" in message


def test_a_missing_file_is_not_called_a_missing_program(tmp_path):
    """Is a missing data file told as a path to check, not as a program to install?"""
    try:
        (tmp_path / "progress.json").read_bytes()
    except FileNotFoundError as error:
        message = explain(error)
    assert message == f"{tmp_path / 'progress.json'}: no such file or folder; check the path"


def test_a_missing_package_is_named_by_its_pip_name():
    """Is a missing package named as pip knows it, with the command that installs it here?"""
    assert "install it with: " in explain(ModuleNotFoundError("No module named 'nbgrader'", name="nbgrader"))
    message = explain(ModuleNotFoundError("No module named 'yaml'", name="yaml"))
    assert f"{sys.executable} -m pip install pyyaml" in message


def test_our_own_missing_module_is_a_bug_not_an_environment_problem():
    """Is a missing grader module left as a traceback (it is a bug of ours)?"""
    assert explain(ModuleNotFoundError("No module named 'grader.nope'", name="grader.nope")) is None
    assert explain(KeyError("x")) is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EACCES, "permission denied for /srv/course: choose a folder you can write to"),
        (errno.EROFS, "/srv/course is on a read-only file system: choose a folder you can write to"),
        (errno.ENOSPC, "the disk is full"),
    ],
)
def test_an_unwritable_folder_says_what_to_do(code, expected):
    """Is a folder the system refuses told in one line with what to do?"""
    message = explain(OSError(code, os.strerror(code), "/srv/course"))
    assert message is not None and message.startswith(expected) and "\n" not in message


def test_nbgraders_log_of_a_missing_alembic_becomes_one_line():
    """Is nbgrader's traceback about a missing alembic turned into one line naming it?"""
    message = problem_in_log(NBGRADER_LOG_WITHOUT_ALEMBIC)
    assert message is not None and "'alembic'" in message and "pip install alembic" in message
    assert problem_in_log("[ERROR] a notebook cell is malformed\nValueError: bad cell") is None


def test_require_package_names_what_is_missing():
    """Does a check for an absent package raise a problem naming it?"""
    require_package("json")
    with pytest.raises(EnvironmentProblem, match="'decisionlab_no_such_package'"):
        require_package("decisionlab_no_such_package")


def test_cli_missing_package_is_one_line_exit_2(monkeypatch, capsys, tmp_path):
    """Does a command that lacks a package print one line, no traceback, and exit 2?"""
    monkeypatch.setattr(grader.cli, "_export", _fails_with(ModuleNotFoundError("x", name="nbgrader")))
    assert main(["export-progress", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("decisionlab export-progress: the Python package 'nbgrader' is not installed")


def test_cli_unwritable_folder_is_one_line_exit_2(monkeypatch, capsys, tmp_path):
    """Does `start` in a folder it may not write print one line and exit 2?"""
    import grader.workspace.start as start

    denied = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "ws"))
    monkeypatch.setattr(start, "prepare_workspace", _fails_with(denied))
    assert main(["start", str(tmp_path / "ws"), "--no-launch"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "permission denied for" in err and "Traceback" not in err


def test_cli_folder_under_a_file_is_one_line_exit_2(capsys, tmp_path):
    """Does `start` into a path that runs through a file say so in one line?"""
    (tmp_path / "blocker").write_text("a file")
    assert main(["start", str(tmp_path / "blocker" / "ws"), "--no-launch"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a file stands where a folder is needed" in err


def test_cli_start_without_jupyterlab_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    """Is a missing JupyterLab told before launching, with the command that installs it?"""
    import importlib.util

    import grader.workspace.start as start
    from grader.workspace.start import RefreshReport

    monkeypatch.setattr(start, "prepare_workspace", lambda folder: RefreshReport())
    real = importlib.util.find_spec

    def no_jupyterlab(name, *args):
        return None if name == "jupyterlab" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", no_jupyterlab)
    assert main(["start", str(tmp_path / "ws")]) == 2
    err = capsys.readouterr().err
    assert "'jupyterlab' is not installed" in err and "pip install jupyterlab" in err


def test_a_bug_still_shows_its_traceback(monkeypatch, tmp_path):
    """Is an error that is not the user's or the environment's raised, for a bug report?"""
    monkeypatch.setattr(grader.cli, "_export", _fails_with(KeyError("bug")))
    with pytest.raises(KeyError):
        main(["export-progress", str(tmp_path)])


@pytest.mark.slow
def test_start_without_alembic_on_path_is_one_line(monkeypatch, capsys, tmp_path):
    """With alembic nowhere on PATH, does `start` print one line naming it instead of nbgrader's traceback?"""
    bare = os.pathsep.join(["/usr/bin", "/bin"])
    if shutil.which("alembic", path=bare):
        pytest.skip("this system has alembic outside any Python environment")
    monkeypatch.setattr(grader.cli, "put_scripts_on_path", lambda: None)
    monkeypatch.setenv("PATH", bare)
    assert main(["start", str(tmp_path / "ws"), "--no-launch"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the program 'alembic'" in err and "Traceback" not in err
