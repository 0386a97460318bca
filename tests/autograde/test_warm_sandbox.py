"""Is a kernel forked from the warm sandbox confined as one in bubblewrap of its own, and does
nothing a learner leaves behind reach the next learner's kernel in the same warm sandbox?

These start real kernels (``WarmKernelManager``, ``ConfinedKernelManager``) in a small course
folder and read back what code inside them found.  The whole attack suite also runs with warm
kernels (``test_sandbox_attacks.py``).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import time
from pathlib import Path

import pytest

from grader.autograde.confined_kernel import ConfinedKernelManager
from grader.autograde.sandbox import Sandbox, kernel_uid, sandbox_problem, warm_kernels_possible
from grader.autograde.warm_kernel import WarmKernelManager
from grader.autograde.warm_sandbox import close_warm_sandbox, warm_sandbox

pytestmark = pytest.mark.slow

LOOK_AROUND = r"""
import json, os, resource, socket
from pathlib import Path
found = {
    "uid": os.getuid(),
    "cwd": os.getcwd(),
    "files": sorted(os.listdir(".")),
    "root": sorted(os.listdir("/")),
    "tmp": sorted(n for n in os.listdir("/tmp") if not n.startswith(".")),
    "shm": sorted(os.listdir("/dev/shm")),
    "processes": sorted(p for p in os.listdir("/proc") if p.isdigit()),
    "limits": [resource.getrlimit(getattr(resource, f"RLIMIT_{r}"))[1] for r in ("AS", "NPROC", "FSIZE")],
    "home": os.environ.get("HOME"),
    "sees": {p: os.path.exists(p) for p in SEES},
}
try:
    socket.create_connection(("127.0.0.1", PORT), timeout=3)
    found["network"] = "connected"
except OSError as error:
    found["network"] = type(error).__name__
try:
    Path("answers.json").write_text("changed")
    found["own_copy_written"] = True
except OSError:
    found["own_copy_written"] = False
print("FOUND" + json.dumps(found))
"""

# The first learner: a process that outlives its kernel and keeps writing, and files left behind.
LEAVE_BEHIND = r"""
import os, socket, time
from pathlib import Path
for folder in ("/tmp", "/dev/shm", "."):
    try:
        Path(folder, "left-behind.txt").write_text("from the first learner")
    except OSError:
        pass  # refused here, as in a kernel in bubblewrap of its own
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind("\0decisionlab-left-behind")
        listener.listen(1)
        while True:
            for target in ("/tmp", "/dev/shm", NEXT, NEXT + "/answers.json"):
                try:
                    if os.path.isdir(target):
                        Path(target, "written-later.txt").write_text("from the first learner")
                    else:
                        Path(target).write_text("changed by the first learner")
                except OSError:
                    pass
            time.sleep(0.1)
    os._exit(0)
time.sleep(0.5)
print("FOUND" + "{}")
"""

# The next learner: waits long enough for a survivor to act, then looks for any trace of it.
LOOK_FOR_TRACES = r"""
import json, os, socket, time
from pathlib import Path
time.sleep(1.5)
traces = [str(p) for folder in ("/tmp", "/dev/shm", ".") for p in Path(folder).iterdir()
          if p.name in ("left-behind.txt", "written-later.txt")]
try:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.connect("\0decisionlab-left-behind")
    reached = True
except OSError:
    reached = False
found = {
    "traces": traces,
    "answers": Path("answers.json").read_text(),
    "processes": sorted(p for p in os.listdir("/proc") if p.isdigit()),
    "reached_survivor": reached,
}
print("FOUND" + json.dumps(found))
"""


@pytest.fixture
def fresh_warm_sandbox():
    """Warm kernels possible here, and a warm sandbox of this test's own, ended afterwards."""
    if sandbox_problem(Sandbox()) or not warm_kernels_possible():
        pytest.skip("warm kernels need bubblewrap and root on Linux")
    close_warm_sandbox()
    yield
    close_warm_sandbox()


def _run(manager: type, folder: Path, code: str) -> dict:
    return asyncio.run(_run_async(manager, folder, code))


async def _run_async(manager: type, folder: Path, code: str) -> dict:
    km = manager(kernel_name="python3")
    await km.start_kernel(cwd=str(folder))
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        printed: list[str] = []

        def keep(message: dict) -> None:
            content = message["content"]
            printed.append(content.get("text") or content.get("evalue") or "")

        await kc.execute_interactive(code, timeout=60, output_hook=keep)
        text = "".join(printed)
        assert "FOUND" in text, text
        return json.loads(text.split("FOUND", 1)[1].strip().splitlines()[0])
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)


def _look_around(manager: type, course: Path, tmp_path: Path) -> dict:
    sees = [
        str(course / "gradebook.db"),
        str(course / "source" / "lab" / "lab.ipynb"),
        str(course / "autograded" / "next" / "lab" / "answers.json"),
        str(tmp_path / "pack"),
    ]
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        code = f"SEES, PORT = {sees!r}, {port}\n" + LOOK_AROUND
        return _run(manager, course / "autograded" / "me" / "lab", code)


def _without_socket_folder(names: list[str]) -> list[str]:
    """``names`` of /tmp with the kernel's own socket folder (exactly one) left out."""
    sockets = [n for n in names if n.startswith("decisionlab-")]
    assert len(sockets) == 1, names
    return [n for n in names if n not in sockets]


def test_a_warm_kernel_sees_and_may_do_what_a_kernel_in_bubblewrap_of_its_own_may(
    fresh_warm_sandbox, course, tmp_path
):
    """Do both kinds of kernel find the same files, root, processes, limits, user, network and
    environment, and does neither change the graded folder?"""
    (tmp_path / "pack").mkdir()
    cold = _look_around(ConfinedKernelManager, course, tmp_path)
    warm = _look_around(WarmKernelManager, course, tmp_path)
    # The socket folders differ in name only (each kernel has its own, inside /tmp); the rest of
    # /tmp holds the mount points of what both may read (a Python environment kept under /tmp,
    # say), the same for both.
    assert {**warm, "tmp": None} == {**cold, "tmp": None}
    assert _without_socket_folder(warm["tmp"]) == _without_socket_folder(cold["tmp"])
    assert warm["files"] == ["answers.json"] and warm["own_copy_written"] is True
    assert not any(warm["sees"].values()) and warm["network"] != "connected"
    assert warm["processes"] == ["1", "2"] and warm["shm"] == []
    assert warm["uid"] == kernel_uid(Sandbox()) != 0
    assert (course / "autograded" / "me" / "lab" / "answers.json").read_text() == "me"


def test_nothing_a_learner_leaves_behind_reaches_the_next_kernel(fresh_warm_sandbox, course):
    """Do files left in /tmp, /dev/shm and the working folder, and a process started to outlive
    its kernel, leave no trace in the next learner's kernel forked from the same warm process,
    and change nothing of the next learner's work?"""
    warm = warm_sandbox(Sandbox())
    next_folder = course / "autograded" / "next" / "lab"
    _run(
        WarmKernelManager,
        course / "autograded" / "me" / "lab",
        f"NEXT = {str(next_folder)!r}\n" + LEAVE_BEHIND,
    )
    found = _run(WarmKernelManager, next_folder, LOOK_FOR_TRACES)
    assert warm_sandbox(Sandbox()) is warm, "both kernels must come from the same warm process"
    assert found["traces"] == []
    assert found["answers"] == "next"
    assert found["reached_survivor"] is False
    assert found["processes"] == ["1", "2"]
    assert (next_folder / "answers.json").read_text() == "next"
    assert not (next_folder / "written-later.txt").exists()
    time.sleep(0.5)
    uid = kernel_uid(Sandbox())
    assert _processes_of(uid) == [], "no process of the kernel's user may outlive its kernel"


def _processes_of(uid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    found.append(int(entry))
            except OSError:
                pass
    return found
