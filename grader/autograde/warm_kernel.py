"""A confined kernel manager whose kernels are forked from the grading process's warm sandbox.

Used by ``ConfinedExecute`` when ``c.Sandbox.warm_kernels`` is on and grading runs as root
on Linux (``grader.autograde.warm_sandbox``).  A kernel spec that is not this Python's
``ipykernel_launcher``, or a warm sandbox that cannot start, gets a kernel started as
``ConfinedKernelManager`` starts it: in bubblewrap of its own.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from grader.autograde.confined_kernel import ConfinedKernelManager
from grader.autograde.sandbox import KernelPlace
from grader.autograde.warm_sandbox import WarmSandbox, WarmSandboxError, warm_sandbox


class WarmKernelManager(ConfinedKernelManager):
    """``ConfinedKernelManager`` that forks its kernel from a warm process when it can."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._warm: WarmSandbox | None = None
        self._warm_args: list[str] | None = None
        try:
            self._warm = warm_sandbox(self.sandbox)
        except (OSError, WarmSandboxError) as error:
            self.log.warning("decisionlab: kernels start without the warm sandbox: %s", error)
            return
        # The socket folder must be one the warm sandbox sees: inside its socket root.
        shutil.rmtree(self._private, ignore_errors=True)
        self._private = Path(tempfile.mkdtemp(prefix="kernel-", dir=self._warm.ipc_root))
        self._ipc_dir = self._private / "ipc"
        self._ipc_dir.mkdir()
        self._ipc_dir.chmod(0o777)
        self.connection_file = str(self._ipc_dir / "kernel.json")
        self.ip = str(self._ipc_dir / "kernel")

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        plain = super(ConfinedKernelManager, self).format_kernel_cmd(extra_arguments)
        self._warm_args = _launcher_args(plain) if self._warm is not None else None
        if self._warm_args is None:
            return super().format_kernel_cmd(extra_arguments)
        os.chmod(self.connection_file, 0o644)  # the kernel's user must read its key
        cwd = Path(self._launch_args.get("cwd") or os.getcwd()).resolve()
        self._place = KernelPlace(cwd=cwd, ipc_dir=self._ipc_dir)
        return plain

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        if self._warm_args is None or self._warm is None:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        env = kw.get("env") or dict(os.environ)
        process = self._warm.start_kernel(self._warm_args, self._place, self.sandbox, env)
        provisioner = self.provisioner
        assert provisioner is not None
        # The local provisioner drives it as it drives a process it started itself.
        provisioner.process = process  # type: ignore[attr-defined]
        provisioner.pid = process.pid  # type: ignore[attr-defined]
        provisioner.pgid = None  # type: ignore[attr-defined]
        provisioner.cwd = str(self._place.cwd)  # type: ignore[attr-defined]
        self._reconcile_connection_info(provisioner.connection_info)


def _launcher_args(kernel_cmd: list[str]) -> list[str] | None:
    """The arguments of ``python -m ipykernel_launcher ARGS`` when ``python`` is this Python."""
    if len(kernel_cmd) < 3 or kernel_cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    program = shutil.which(kernel_cmd[0])
    if program is None or os.path.realpath(program) != os.path.realpath(sys.executable):
        return None
    return kernel_cmd[3:]
