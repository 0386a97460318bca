"""Does the sandbox command confine a program as it says, and say in one line when it cannot start?

These run a small program (not a kernel) in the very command a kernel gets.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from grader.autograde.sandbox import (
    KernelPlace,
    Sandbox,
    _probe,
    confined_command,
    kernel_uid,
    readable_paths,
    sandbox_problem,
)

PROBE = r"""
import json, os, resource, socket, sys
from pathlib import Path
found = {"uid": os.getuid(), "cwd": os.getcwd(), "files": sorted(os.listdir("."))}
found["limits"] = [resource.getrlimit(r)[1] for r in (resource.RLIMIT_AS, resource.RLIMIT_NPROC)]
Path("answers.json").write_text("changed")
found["sees"] = {p: os.path.exists(p) for p in sys.argv[1:]}
try:
    socket.create_connection(("127.0.0.1", int(os.environ["PORT"])), timeout=3)
    found["network"] = "connected"
except OSError as error:
    found["network"] = type(error).__name__
try:
    Path(sys.argv[1]).write_text("x") if sys.argv[1:] else None
    found["wrote_outside"] = bool(sys.argv[1:])
except OSError:
    found["wrote_outside"] = False
print(json.dumps(found))
"""


def _run_confined(course: Path, tmp_path: Path, *can_it_see: Path) -> tuple[dict, Path]:
    sandbox = Sandbox()
    if sandbox_problem(sandbox):
        pytest.skip(sandbox_problem(sandbox))
    ipc = tmp_path / "ipc"
    ipc.mkdir()
    cwd = course / "autograded" / "me" / "lab"
    command = confined_command(
        [sys.executable, "-c", PROBE, *map(str, can_it_see)],
        KernelPlace(cwd=cwd, ipc_dir=ipc),
        sandbox,
        readable_paths(sandbox),
    )
    with socket.create_server(("127.0.0.1", 0)) as server:
        env = {**os.environ, "PORT": str(server.getsockname()[1])}
        run = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1]), cwd


def test_a_confined_program_sees_only_its_own_submission(course, tmp_path):
    """Does the program see its copy of its folder, and none of the gradebook, source/, another
    learner or a private pack?"""
    pack = tmp_path / "pack"
    pack.mkdir()
    found, cwd = _run_confined(
        course,
        tmp_path,
        course / "gradebook.db",
        course / "source" / "lab" / "lab.ipynb",
        course / "autograded" / "other" / "lab" / "answers.json",
        pack,
        Path(sys.prefix),
    )
    assert found["cwd"] == str(cwd) and found["files"] == ["answers.json"]
    assert found["sees"] == {
        str(course / "gradebook.db"): False,
        str(course / "source" / "lab" / "lab.ipynb"): False,
        str(course / "autograded" / "other" / "lab" / "answers.json"): False,
        str(pack): False,
        sys.prefix: True,
    }
    assert found["wrote_outside"] is False


def test_a_confined_program_changes_only_a_copy(course, tmp_path):
    """Does a write to its own answers file leave the graded folder's file as it was?"""
    _run_confined(course, tmp_path, course / "gradebook.db")
    assert (course / "autograded" / "me" / "lab" / "answers.json").read_text() == "me"
    assert (course / "gradebook.db").read_text() == "grades"


def test_a_confined_program_has_no_network_and_capped_limits(course, tmp_path):
    """Is a server on the host's 127.0.0.1 out of reach, and are memory and processes capped?"""
    found, _ = _run_confined(course, tmp_path)
    assert found["network"] != "connected"
    sandbox = Sandbox()
    assert found["limits"] == [sandbox.memory_mb * 1024 * 1024, sandbox.processes]
    if os.geteuid() == 0:
        assert found["uid"] == kernel_uid(sandbox) != 0, "as root, the program must not run as root"


def test_the_command_never_binds_the_course_or_a_private_pack(course, tmp_path, monkeypatch):
    """Are the course folder, its gradebook and the scenario packs absent from the command?"""
    pack = tmp_path / "pack"
    monkeypatch.setenv("DECISIONLAB_SCENARIOS", str(pack))
    cwd = course / "autograded" / "me" / "lab"
    command = confined_command(
        ["python"], KernelPlace(cwd=cwd, ipc_dir=tmp_path / "ipc"), Sandbox(), readable_paths(Sandbox())
    )
    sources = {Path(command[i + 1]) for i, arg in enumerate(command) if arg in ("--bind", "--ro-bind")}
    assert [s for s in sources if s.is_relative_to(course)] == [cwd]  # its own folder, to copy
    assert not [s for s in sources if s.is_relative_to(pack) or course.is_relative_to(s)]
    assert {"--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session"} <= set(command)
    assert command[command.index("--unsetenv") + 1] == "DECISIONLAB_SCENARIOS"


def test_missing_bubblewrap_is_one_line_that_says_how_to_allow_it():
    """Without bwrap, is the problem one line naming bubblewrap and the unconfined option?"""
    _probe.cache_clear()
    problem = sandbox_problem(Sandbox(bwrap="no-such-bwrap-here"))
    assert "\n" not in problem
    assert "bubblewrap" in problem and "c.Sandbox.enabled = False" in problem


def test_another_os_is_one_line_too(monkeypatch):
    """On a system that is not Linux, does the check say so in one line?"""
    _probe.cache_clear()
    monkeypatch.setattr(sys, "platform", "darwin")
    problem = sandbox_problem(Sandbox())
    _probe.cache_clear()
    assert "needs Linux" in problem and "\n" not in problem


def test_a_disabled_sandbox_has_no_problem():
    """With c.Sandbox.enabled = False, is nothing checked at all?"""
    assert sandbox_problem(Sandbox(enabled=False, bwrap="no-such-bwrap-here")) == ""
