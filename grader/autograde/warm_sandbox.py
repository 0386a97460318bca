"""A warm process per grading process, in the sandbox, that forks each notebook's kernel.

Starting a kernel costs bubblewrap, a Python interpreter, ipykernel's imports and then the
lab's own (pandas, the course package): about a second of CPU per notebook, the same every
time.  With ``c.Sandbox.warm_kernels`` (which ``decisionlab grade`` turns on for its workers),
one process per grading process does those imports once, inside a bubblewrap sandbox that
sees what every kernel may read and nothing of any submission, and then forks one kernel per
notebook (``grader.autograde.inside_warm_sandbox``).  Each forked kernel gets new
namespaces and a new root built from the very mount list a kernel's own bubblewrap gets, the
same limits and user, and the files of its own submission only; it is ended, with every
process it started, before the next notebook's kernel is forked.  Why that confines a
notebook exactly as before is argued in ``docs/sandbox.md``.

:func:`warm_sandbox` gives this process's warm process for a sandbox's settings (starting it,
or a new one if it died); :class:`WarmKernelProcess` is one forked kernel as jupyter_client's
provisioner sees a process.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from base64 import b64encode
from pathlib import Path
from typing import Any

from grader.autograde.sandbox import (
    MIB,
    KernelPlace,
    Sandbox,
    kernel_environment,
    kernel_limits,
    kernel_mounts,
    readable_paths,
    warm_command,
)

# Imported once in the warm process: what every kernel and every lab's first cell import
# (and each lab's own code, ``_lab_modules``).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "IPython",
    "zmq",
    "numpy",
    "pandas",
    "grader",
    "grader.notebook",
    "grader.labs",
)
START_SECONDS = 120


class WarmSandboxError(RuntimeError):
    """The warm process could not start, or could not fork a kernel."""


class WarmSandbox:
    """One warm process and the folder its kernels' sockets live in."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.settings = _settings(sandbox)
        # 0700 for the grading user; each kernel's socket folder inside it is open to its user.
        self.ipc_root = Path(tempfile.mkdtemp(prefix="decisionlab-warm-"))
        entry = Path(__file__).with_name("inside_warm_sandbox.py")
        program = [sys.executable, str(entry), *PRELOAD, *_lab_modules()]
        command = warm_command(sandbox, readable_paths(sandbox), self.ipc_root, program)
        self._lock = threading.Lock()
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = self._read()
        if not ready.get("ready"):
            raise WarmSandboxError(f"the warm sandbox did not start: {ready}")

    def alive(self) -> bool:
        return self._process.poll() is None

    def request(self, **request: Any) -> dict[str, Any]:
        with self._lock:
            if not self.alive():
                raise WarmSandboxError("the warm sandbox has stopped")
            assert self._process.stdin is not None
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            return self._read()

    def _read(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise WarmSandboxError(f"the warm sandbox stopped (exit status {self._process.wait()})")
        return json.loads(line)

    def start_kernel(
        self, kernel_args: list[str], place: KernelPlace, sandbox: Sandbox, env: dict[str, str]
    ) -> WarmKernelProcess:
        """Fork a kernel for the notebook in ``place.cwd``; its channels are in ``place.ipc_dir``."""
        unset, settings = kernel_environment()
        kernel_env = {k: v for k, v in env.items() if k not in unset} | settings
        request = {
            "op": "start",
            "mounts": kernel_mounts(place, sandbox, readable_paths(sandbox)),
            "cwd": str(place.cwd),
            "files": submission_files(place.cwd, sandbox.scratch_mb * MIB),
            "limits": _limits(sandbox),
            "env": kernel_env,
            "kernel_args": kernel_args,
        }
        answer = self.request(**request)
        if "error" in answer:
            raise WarmSandboxError(f"the warm sandbox could not start a kernel: {answer['error']}")
        return WarmKernelProcess(self, int(answer["pid"]))

    def close(self) -> None:
        if self.alive():
            self._process.kill()
        self._process.wait()
        shutil.rmtree(self.ipc_root, ignore_errors=True)


class WarmKernelProcess:
    """A forked kernel, with the part of ``subprocess.Popen``'s interface a provisioner uses."""

    stdin = stdout = stderr = None

    def __init__(self, warm: WarmSandbox, pid: int) -> None:
        self.warm = warm
        self.pid = pid  # in the warm sandbox's process ids; meaningless outside it
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = self.warm.request(op="poll", pid=self.pid)["status"]
            except WarmSandboxError:
                self.returncode = -9  # the warm process, and every kernel it forked, are gone
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is not None:
            return
        try:
            self.warm.request(op="signal", pid=self.pid, signum=int(signum))
        except WarmSandboxError:
            pass  # gone, and the kernel with it

    def kill(self) -> None:
        import signal

        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        import signal

        self.send_signal(signal.SIGTERM)


def submission_files(folder: Path, max_bytes: int) -> list[dict[str, Any]]:
    """The folder's content as the warm process writes it: folders, files and symbolic links
    (kept as links, never followed, as ``inside_sandbox`` copies them)."""
    files: list[dict[str, Any]] = []
    total = 0
    for parent, dirs, names in os.walk(folder):
        here = Path(parent)
        for name in sorted(dirs):
            path = here / name
            relative = str(path.relative_to(folder))
            if path.is_symlink():
                files.append({"path": relative, "kind": "link", "target": os.readlink(path)})
            else:
                files.append({"path": relative, "kind": "dir"})
        for name in sorted(names):
            path = here / name
            relative = str(path.relative_to(folder))
            if path.is_symlink():
                files.append({"path": relative, "kind": "link", "target": os.readlink(path)})
                continue
            if not path.is_file():
                continue  # not something a copy would make either
            data = path.read_bytes()
            total += len(data)
            if total > max_bytes:
                raise WarmSandboxError(f"the submission is larger than the sandbox's {max_bytes // MIB} MiB")
            files.append(
                {
                    "path": relative,
                    "kind": "file",
                    "mode": path.stat().st_mode,
                    "data": b64encode(data).decode(),
                }
            )
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return files


def _lab_modules() -> list[str]:
    """Each lab's own code, which its notebook's first cell imports through ``open_lab``."""
    from grader.paths import lab_ids

    return [f"grader.labs.{lab}" for lab in lab_ids()]


def _limits(sandbox: Sandbox) -> dict[str, int]:
    """``kernel_limits`` as the warm process reads them."""
    limits = {}
    for option in kernel_limits(sandbox):
        name, value = option.removeprefix("--").split("=")
        limits[name.replace("-", "_")] = int(value)
    return limits


def _settings(sandbox: Sandbox) -> tuple[Any, ...]:
    """What a warm process depends on: a change of any of these needs another one."""
    return (
        sandbox.bwrap,
        sandbox.scratch_mb,
        tuple(sandbox.read_only_paths),
        tuple(str(p) for p in readable_paths(sandbox)),
        os.environ.get("PYTHONPATH", ""),
    )


_WARM: dict[str, WarmSandbox] = {}
_WARM_LOCK = threading.Lock()


def warm_sandbox(sandbox: Sandbox) -> WarmSandbox:
    """This process's warm sandbox for these settings: started on first use, again if it died."""
    with _WARM_LOCK:
        current = _WARM.get("current")
        if current is not None and (current.settings != _settings(sandbox) or not current.alive()):
            current.close()
            current = None
        if current is None:
            if not _WARM:
                atexit.register(close_warm_sandbox)
            current = WarmSandbox(sandbox)
            _WARM["current"] = current
        return current


def close_warm_sandbox() -> None:
    """End this process's warm sandbox, if any (its kernels end with it)."""
    with _WARM_LOCK:
        current = _WARM.pop("current", None)
    if current is not None:
        current.close()
