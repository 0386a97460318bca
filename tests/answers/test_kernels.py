"""With real Jupyter kernels: is no choice lost when a kernel is killed mid-save, when two
kernels share a lab, or when the answers file cannot be written?

The kernels open the fixture lab ``99_fixture`` (the all-kinds scenario in ``tests/fixtures``),
so these tests exercise the answers file, not a lab's content."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from grader.answers import answers_path
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow
LAB = "99_fixture"
KERNEL_KILL_TRIALS = 12
CLEAN_ENV = ("DECISIONLAB_MODE", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER", "NBGRADER_EXECUTION")


@contextmanager
def kernel(folder: Path) -> Iterator:
    """A real ipykernel whose working folder is ``folder``, with the lab opened."""
    from jupyter_client.manager import start_new_kernel

    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env["DECISIONLAB_SCENARIOS"] = str(FIXTURES / "scenarios")
    # No command history: a kernel that drops its uid could not write the history database,
    # and IPython would print that failure into whatever the cell shows.
    manager, client = start_new_kernel(
        kernel_name="python3", cwd=str(folder), env=env, extra_arguments=["--HistoryManager.enabled=False"]
    )
    try:
        run(client, f"from grader import open_lab\nlab = open_lab({LAB!r})")
        yield manager, client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run(client, code: str) -> str:
    """Run ``code`` and return what it printed; fail on an error."""
    reply = client.execute_interactive(code, timeout=60, output_hook=_collect(out := []))
    assert reply["content"]["status"] == "ok", (code, reply["content"], out)
    return "".join(out)


def _collect(sink: list[str]):
    def hook(message: dict) -> None:
        content = message["content"]
        if message["msg_type"] == "stream":
            sink.append(content["text"])
        elif message["msg_type"] in ("execute_result", "display_data"):
            sink.append(content["data"].get("text/plain", ""))
        elif message["msg_type"] == "error":
            sink.append("\n".join(content["traceback"]))

    return hook


def _saved(folder: Path) -> dict:
    data = json.loads(answers_path(folder, LAB).read_text())
    return data["choices"][data["scenario"]]


def test_two_kernels_saving_alternately_keep_every_choice(tmp_path):
    """Do two kernels on one lab, saving in turn, keep each other's choices?"""
    with kernel(tmp_path) as (_, first), kernel(tmp_path) as (_, second):
        run(first, 'lab.record("pick_one", "b")')
        run(second, 'lab.record("pick_many", ["a"])')
        run(first, 'lab.record("pick_one", "c")')
        run(second, 'm = lab.record("place", {lab.table("queues").id[0]: "far"})')
        # Each kernel reads the other's choice back from the file when it reopens the lab.
        seen = run(first, f'print(open_lab("{LAB}").choice("pick_many"))')
    assert "['a']" in seen
    saved = _saved(tmp_path)
    assert saved["pick_one"] == "c"
    assert saved["pick_many"] == ["a"]
    assert list(saved["place"].values()) == ["far"]


SAVE_LOOP = """
import itertools, sys
options = ["a", "b", "c"]
for n in itertools.count():
    lab.record("pick_one", options[n % 3])
    lab.record("place", {lab.table("queues").id[0]: ["near", "far"][n % 2]})
    print(n, flush=True)
"""


def _wait_for_first_save(client) -> None:
    """Return once the save loop has printed its first line (a save is done), or fail after a minute."""
    while client.get_iopub_msg(timeout=60)["msg_type"] != "stream":
        pass


def test_killing_the_kernel_mid_save_leaves_a_whole_file(tmp_path):
    """Killed with SIGKILL at random moments while saving, does a kernel leave a readable file every time?"""
    rng = random.Random(5)
    corrupt = interrupted_saves = 0
    path = answers_path(tmp_path, LAB)
    for trial in range(KERNEL_KILL_TRIALS):
        before = path.read_bytes() if path.exists() else b""
        with kernel(tmp_path) as (manager, client):
            client.execute(SAVE_LOOP)
            _wait_for_first_save(client)  # however busy the machine, the kill lands among saves
            time.sleep(rng.uniform(0.3, 1.2))
            os.kill(manager.provisioner.process.pid, signal.SIGKILL)
            manager.provisioner.process.wait(timeout=10)
        interrupted_saves += path.exists() and path.read_bytes() != before
        try:
            saved = _saved(tmp_path)
        except (json.JSONDecodeError, FileNotFoundError):
            corrupt += 1
            continue
        assert saved["pick_one"] in {"a", "b", "c"}, (trial, saved)
    assert corrupt == 0
    assert interrupted_saves >= KERNEL_KILL_TRIALS - 1, "the kernels must have been saving when killed"
    # The next kernel opens the lab with no warning and the last choices intact.
    with kernel(tmp_path) as (_, client):
        shown = run(client, "print(lab.notices(), lab.choice('pick_one'))")
        run(client, 'lab.record("pick_one", "b")')
    assert any(line.startswith("[] ") for line in shown.splitlines()), shown
    assert not list(tmp_path.glob(".*.tmp")), "the next save tidies what the kills left"


READ_ONLY_SAVE = """
import os
{drop}
m = lab.record("pick_many", ["a"])
print(m.level, "|", m.text)
print("kept:", lab.choice("pick_many"))
"""


def test_read_only_file_warns_and_keeps_the_choice(tmp_path):
    """If the file and folder are read-only, is the learner warned, the choice kept, the file unchanged?"""
    folder = Path(tempfile.mkdtemp(prefix="decisionlab-readonly-"))
    try:
        with kernel(folder) as (_, client):
            run(client, 'lab.record("pick_one", "b")')
            before = answers_path(folder, LAB).read_bytes()
            os.chmod(answers_path(folder, LAB), 0o444)
            os.chmod(folder, 0o555)
            # Root ignores permission bits, so a root test drops to 'nobody' inside the kernel.
            drop = "os.setgid(65534); os.setuid(65534)" if os.geteuid() == 0 else ""
            shown = run(client, READ_ONLY_SAVE.format(drop=drop))
        # The warning is a line of its own, wherever it falls among what else the kernel printed.
        assert re.search(r"^warning \| could not save", shown, re.MULTILINE), shown
        assert "kept: ['a']" in shown
        assert answers_path(folder, LAB).read_bytes() == before
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder, ignore_errors=True)
