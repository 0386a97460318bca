"""What the commands need from their Python environment, told in one line when it is missing.

``decisionlab`` often runs without its environment activated: installed with pipx, or
started by the full path of its script (``~/venv/bin/decisionlab start``).  nbgrader then
runs programs of that environment by name (``alembic``, to create its gradebook) and finds
none on PATH.  So the command puts the environment's scripts folder first on PATH, for
itself and every program it starts; and when something is still missing (a program, a
package, a folder it may not write) it says what and how to fix it, without a traceback.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import re
import site
import sys
import sysconfig
import traceback
from collections.abc import MutableMapping
from pathlib import Path

# Import names of our dependencies that pip knows under another name.
_DISTRIBUTIONS = {"yaml": "pyyaml", "vl_convert": "vl-convert-python"}


class EnvironmentProblem(RuntimeError):
    """The environment lacks something a command needs; the message says how to fix it."""


def scripts_folders() -> list[Path]:
    """Where this Python environment keeps the programs its packages install, first ours."""
    folders = [Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))]
    if site.ENABLE_USER_SITE:  # `pip install --user` puts programs in the user's scripts folder
        folders.append(Path(sysconfig.get_path("scripts", f"{os.name}_user")))
    return [f for f in dict.fromkeys(folders) if f.is_dir()]


def put_scripts_on_path(environ: MutableMapping[str, str] = os.environ) -> None:
    """Put this environment's scripts folders first on ``environ``'s PATH (for us and our children).

    First, not just present: a program of another environment earlier on PATH (another
    nbgrader's ``alembic``) must not be the one that runs.
    """
    ours = [str(f) for f in scripts_folders()]
    rest = [p for p in environ.get("PATH", "").split(os.pathsep) if p and p not in ours]
    environ["PATH"] = os.pathsep.join([*ours, *rest])


def require_package(module: str) -> None:
    """Raise ``EnvironmentProblem`` unless ``module`` can be imported here."""
    if importlib.util.find_spec(module) is None:
        raise EnvironmentProblem(missing_package(module))


def missing_package(module: str) -> str:
    name = _DISTRIBUTIONS.get(module, module)
    return (
        f"the Python package '{name}' is not installed in this environment ({sys.prefix}); "
        f"install it with: {sys.executable} -m pip install {name}"
    )


def missing_program(program: str) -> str:
    return (
        f"the program '{program}' was found neither in this environment ({Path(sys.executable).parent}) "
        f"nor on PATH; install it in this environment with: {sys.executable} -m pip install {program}"
    )


def unusable_path(filename: object, code: int | None, reason: str) -> str:
    """One line for an operating-system refusal about ``filename``, with what to do."""
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"permission denied for {filename}: choose a folder you can write to "
            "(for example one in your home folder), or change its permissions"
        )
    if code == errno.EROFS:
        return f"{filename} is on a read-only file system: choose a folder you can write to"
    if code == errno.ENOSPC:
        return f"the disk is full (writing {filename}): free some space and run the command again"
    if code == errno.ENOENT:
        return f"{filename}: no such file or folder; check the path"
    if code == errno.ENOTDIR:
        return f"{filename}: a file stands where a folder is needed; choose another folder"
    return f"{filename}: {reason}" if filename else reason


def explain(error: BaseException) -> str | None:
    """One line for an environment problem (missing package or program, refused file), else ``None``."""
    if isinstance(error, EnvironmentProblem):
        return str(error)
    if isinstance(error, ModuleNotFoundError) and error.name and not error.name.startswith("grader"):
        return missing_package(error.name.split(".")[0])
    if isinstance(error, FileNotFoundError) and _raised_starting_a_program(error):
        return missing_program(str(error.filename))
    if isinstance(error, OSError):
        return unusable_path(error.filename, error.errno, error.strerror or str(error))
    return None


def _raised_starting_a_program(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and frames[-1].name == "_execute_child"


_LAST_ERROR = re.compile(r"^\s*([\w.]+(?:Error|Exception)): (.*)$", re.M)
_QUOTED = re.compile(r"'([^']+)'")


def problem_in_log(log: str) -> str | None:
    """The environment problem behind a failure that nbgrader logged with its traceback, if any."""
    errors = _LAST_ERROR.findall(log)
    if not errors:
        return None
    kind, message = errors[-1]
    quoted = _QUOTED.findall(message)
    name = quoted[-1] if quoted else ""
    if kind == "FileNotFoundError" and "_execute_child" in log and name:
        return missing_program(name)
    if kind == "ModuleNotFoundError" and name and not name.startswith("grader"):
        return missing_package(name.split(".")[0])
    if kind == "PermissionError":
        return unusable_path(name, errno.EACCES, message)
    gradebook_refused = "unable to open database" in message or "readonly database" in message
    if "OperationalError" in kind and gradebook_refused:
        return (
            "nbgrader cannot write its gradebook (gradebook.db) in the course folder: "
            "choose a folder you can write to"
        )
    return None
