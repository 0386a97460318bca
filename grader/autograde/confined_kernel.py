"""A Jupyter kernel manager that starts its kernel in the autograde sandbox.

The sandbox has no network, not even loopback shared with the grading process, so the
kernel's channels are Unix sockets (``transport="ipc"``) in a folder of their own, bound into
the sandbox at the same path; the connection file sits there too.  The folder's parent is
private to the grading user.  Interrupts travel as messages on the control channel: a
signal to the kernel's process group would reach bubblewrap, not the kernel.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from grader.autograde.sandbox import KernelPlace, Sandbox, confined_command, readable_paths


class ConfinedKernelManager(AsyncKernelManager):
    """``AsyncKernelManager`` whose kernel command runs inside the sandbox (``c.Sandbox.*``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sandbox = Sandbox(parent=self)
        # 0700 for the grading user; the socket folder inside it is open to the kernel's user.
        self._private = Path(tempfile.mkdtemp(prefix="decisionlab-kernel-"))
        self._ipc_dir = self._private / "ipc"
        self._ipc_dir.mkdir()
        self._ipc_dir.chmod(0o777)
        self.transport = "ipc"
        self.connection_file = str(self._ipc_dir / "kernel.json")
        self.ip = str(self._ipc_dir / "kernel")

    @property
    def kernel_spec(self) -> KernelSpec | None:
        spec = super().kernel_spec
        if spec is not None:
            spec.interrupt_mode = "message"
        return spec

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        kernel_cmd = super().format_kernel_cmd(extra_arguments)
        # Written by now, private to the grading user: the kernel's user must read its key.
        os.chmod(self.connection_file, 0o644)
        cwd = Path(self._launch_args.get("cwd") or os.getcwd()).resolve()
        place = KernelPlace(cwd=cwd, ipc_dir=self._ipc_dir)
        return confined_command(kernel_cmd, place, self.sandbox, readable_paths(self.sandbox))

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._private, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources
