"""Is no choice lost when a kernel dies mid-save, two kernels save at once, or the disk is full?"""

from __future__ import annotations

import errno
import json
import os
import random
import resource
import signal
import subprocess
import time

import pytest

from grader.answers import AnswersStore, answers_path
from tests.conftest import FIXTURES

LAB = "01_lab"
FIXTURE_LAB = "99_fixture"  # the all-kinds fixture scenario: these tests are about the file, not a lab


@pytest.fixture
def fixture_scenarios(monkeypatch):
    """The fixture scenarios found by lab id (a forked child inherits the variable), practice mode."""
    monkeypatch.setenv("DECISIONLAB_SCENARIOS", str(FIXTURES / "scenarios"))
    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)


KILL_TRIALS = 200


def _child_records(path, start: int, count: int, ack_fd: int | None = None) -> None:
    store = AnswersStore(path, LAB)
    for n in range(start, start + count):
        store.record("s1", f"d{n % 40}", n)
        if ack_fd is not None:
            os.write(ack_fd, f"{n}\n".encode())


def _fork(target, *args) -> int:
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        code = 0
        try:
            target(*args)
        except BaseException:
            code = 1
        os._exit(code)
    return pid


@pytest.mark.slow
def test_kill_during_saves_loses_no_acknowledged_choice(tmp_path):
    """Across many kills at random moments, is the file always whole, with every saved choice?"""
    rng = random.Random(11)
    path = answers_path(tmp_path, LAB)
    lost = corrupt = 0
    for trial in range(KILL_TRIALS):
        read_end, write_end = os.pipe()
        pid = _fork(_child_records, path, trial * 1000, 1000, write_end)
        os.close(write_end)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end) as acks:
            acknowledged = [int(line) for line in acks.read().split()]
        if not path.exists():
            continue
        try:
            data = json.loads(path.read_text())
        except json.JSONDecodeError:
            corrupt += 1
            continue
        choices = data["choices"]["s1"]
        for n in acknowledged[-40:]:
            if choices.get(f"d{n % 40}", -1) < n:
                lost += 1
    assert (corrupt, lost) == (0, 0)
    AnswersStore(path, LAB).record("s1", "after", 1)  # the next save tidies what kills left
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.slow
def test_two_kernels_saving_at_once_keep_every_choice(tmp_path):
    """Do two processes recording different decisions at the same time keep all of them?"""
    path = answers_path(tmp_path, LAB)
    first = _fork(lambda: [AnswersStore(path, LAB).record("s1", f"a{i}", i) for i in range(150)])
    second = _fork(lambda: [AnswersStore(path, LAB).record("s1", f"b{i}", i) for i in range(150)])
    for pid in (first, second):
        assert os.waitpid(pid, 0)[1] == 0
    choices = json.loads(path.read_text())["choices"]["s1"]
    assert len(choices) == 300


def _save_on_full_disk(folder, result_fd: int) -> None:
    from grader.notebook import open_lab

    lab = open_lab(FIXTURE_LAB, folder)
    lab.record("pick_one", "b")
    size = answers_path(folder, FIXTURE_LAB).stat().st_size
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full disk fails the write, it does not kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 64, size + 64))
    message = lab.record("pick_many", ["a"] * 400)
    kept = len(lab.choice("pick_many") or [])
    # A pipe is not a file: its writes are not limited by RLIMIT_FSIZE.
    os.write(result_fd, json.dumps({"level": message.level, "text": message.text, "kept": kept}).encode())


def test_full_disk_warns_and_keeps_the_file_whole(tmp_path, fixture_scenarios):
    """When the disk is full, does the learner see a warning while the file stays whole?"""
    read_end, write_end = os.pipe()
    pid = _fork(_save_on_full_disk, tmp_path, write_end)
    os.close(write_end)
    assert os.waitpid(pid, 0)[1] == 0
    with os.fdopen(read_end) as pipe:
        outcome = json.loads(pipe.read())
    assert outcome["level"] == "warning" and "could not save" in outcome["text"]
    assert outcome["kept"] == 400, "the choice stays in the session"
    saved = json.loads(answers_path(tmp_path, FIXTURE_LAB).read_text())
    assert list(saved["choices"].values())[0] == {"pick_one": "b"}


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KiB file system of its own (tmpfs), so filling it fills nothing else."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs as root and must mount a small file system: {done.stderr.strip()}")
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder) -> None:
    """Write zeros to ``folder`` until its file system says it has no space left."""
    with open(folder / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 512)
        except OSError as error:
            assert error.errno == errno.ENOSPC, error


def test_really_full_disk_warns_then_saves_everything_once_space_returns(tiny_disk, fixture_scenarios):
    """With no space left, is the learner warned and the file kept whole, and is the unsaved
    choice written with the next save once space is freed?"""
    from grader.notebook import open_lab

    lab = open_lab(FIXTURE_LAB, tiny_disk)
    first, second = [option.id for option in lab.decision("pick_one").options[:2]]
    assert lab.record("pick_one", first).level != "warning"
    path = answers_path(tiny_disk, FIXTURE_LAB)
    before = path.read_bytes()
    _fill(tiny_disk)

    picks = [option.id for option in lab.decision("pick_many").options[:2]]
    message = lab.record("pick_many", picks)
    assert message.level == "warning" and "could not save" in message.text
    assert path.read_bytes() == before, "the saved file is untouched"
    lock = f".{path.name}.lock"  # the lock two kernels share; it stays by design
    assert {p.name for p in tiny_disk.iterdir()} - {lock} == {"filler", path.name}, "no temp file left"
    assert lab.choice("pick_many") == picks, "the choice stays in the session"

    (tiny_disk / "filler").unlink()
    saved_now = lab.record("pick_one", second)
    assert saved_now.level == "saved" and "with 1 earlier choice not saved before" in saved_now.text
    saved = list(json.loads(path.read_text())["choices"].values())[0]
    assert saved == {"pick_one": second, "pick_many": picks}
