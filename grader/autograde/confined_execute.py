"""nbgrader's ``Execute`` step with each kernel in the sandbox, and a batch that always goes on.

``configure(c)`` puts :class:`ConfinedExecute` where nbgrader's own ``Execute`` was.  It:

- starts each submitted notebook's kernel with ``ConfinedKernelManager`` (``c.Sandbox.*``),
  or forks it from a warm sandbox (``c.Sandbox.warm_kernels``: ``WarmKernelManager``), or
  stops autograde with one line when the sandbox cannot start here (:class:`CheckSandbox`
  says so before the first submission; ``c.Sandbox.enabled = False`` runs unconfined);
- caps the whole notebook's time (``Sandbox.notebook_timeout``) as well as each cell's
  (``Execute.timeout``);
- when a kernel dies (it went over a cap) or will not stop after a timeout, stops it and
  marks that cell and every later code cell with an error, so the notebook is graded as
  nbgrader grades failing cells, instead of failing the learner's whole submission;
- logs every cap the notebook hit and every cell that the sandbox refused something, as
  ``decisionlab: <student>/<lab>: sandbox: ...``.
"""

from __future__ import annotations

import math
import signal
from time import monotonic
from typing import Any

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

from grader.autograde.confined_kernel import ConfinedKernelManager
from grader.autograde.sandbox import Sandbox, sandbox_problem, warm_kernels_possible

STOPPED = "SandboxStopped"
# Errors a cell gets when the sandbox refuses it something (a file, the network, a process).
REFUSALS = {
    "PermissionError",
    "FileNotFoundError",
    "NotADirectoryError",
    "IsADirectoryError",
    "OSError",
    "BlockingIOError",
    "ConnectionRefusedError",
    "ConnectionError",
    "OperationalError",
}


class ConfinedExecute(Execute):
    """``Execute`` in the autograde sandbox, under a time cap per notebook."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sandbox = Sandbox(parent=self)
        if self.sandbox.enabled:
            self.kernel_manager_class = ConfinedKernelManager
            if self.sandbox.warm_kernels and warm_kernels_possible():
                from grader.autograde.warm_kernel import WarmKernelManager

                self.kernel_manager_class = WarmKernelManager

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any], km: Any = None
    ) -> tuple[NotebookNode, dict[str, Any]]:
        stop_if_unavailable(self.sandbox, self.log)
        if not self.sandbox.enabled:
            return super().preprocess(nb, resources, km)
        who = f"{resources.get('nbgrader', {}).get('student', '?')}/{resources.get('unique_key', '')}"
        self._who = who
        self._stopped = ""
        self._cell_timeout = self.timeout
        self._deadline = monotonic() + self.sandbox.notebook_timeout
        try:
            return super().preprocess(nb, resources, km)
        finally:
            self.timeout = self._cell_timeout

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if not self.sandbox.enabled or cell.cell_type != "code":
            return super().preprocess_cell(cell, resources, index)
        if not self._stopped and monotonic() >= self._deadline:
            self._stop(f"the notebook ran past its {self.sandbox.notebook_timeout} s cap at cell {index}")
        if self._stopped:
            cell.outputs = [_stopped_output(self._stopped)]
            return cell, resources
        remaining = math.ceil(self._deadline - monotonic())
        self.timeout = remaining if not self._cell_timeout else min(self._cell_timeout, remaining)
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._stop(
                f"the kernel died at cell {index} (over the sandbox's memory cap of "
                f"{self.sandbox.memory_mb} MiB or its process cap of {self.sandbox.processes}, or killed)"
            )
            cell.outputs.append(_stopped_output(self._stopped))
        except CellTimeoutError:
            self._stop(f"cell {index} ran past {self.timeout} s and did not stop when interrupted")
            cell.outputs.append(_stopped_output(self._stopped))
        else:
            self._report(cell, index)
        return cell, resources

    def _stop(self, reason: str) -> None:
        """Kill the kernel (the sandbox and everything in it go with it) and remember why."""
        self._stopped = reason
        self.log.warning(
            "decisionlab: %s: sandbox: %s; it and every later code cell are graded as failing",
            self._who,
            reason,
        )
        if self.km is not None:
            try:
                run_sync(self.km.signal_kernel)(signal.SIGKILL)
            except (OSError, RuntimeError):
                pass  # already gone

    def _report(self, cell: NotebookNode, index: int) -> None:
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            name, value = output.get("ename", ""), output.get("evalue", "")
            if name == "MemoryError":
                what = f"ran out of memory (the sandbox's cap is {self.sandbox.memory_mb} MiB)"
            elif name == "CellTimeoutError":
                what = f"ran past the {self.timeout} s cell time limit and was interrupted"
            elif name in REFUSALS or "can't start new thread" in value:
                what = f"was refused by the sandbox: {name}: {value}"
            else:
                continue
            self.log.warning("decisionlab: %s: sandbox: cell %d %s", self._who, index, what)


def _stopped_output(reason: str) -> NotebookNode:
    return NotebookNode(
        output_type="error",
        ename=STOPPED,
        evalue=reason,
        traceback=[f"{STOPPED}: {reason}; this cell was not graded as run"],
    )


def stop_if_unavailable(sandbox: Sandbox, log: Any) -> None:
    """Stop autograde with one line when the sandbox is on but cannot start here."""
    problem = sandbox_problem(sandbox)
    if problem:
        log.error("decisionlab: %s", problem)
        raise SystemExit(1)  # not an Exception: nbgrader must not go on to the next learner


class CheckSandbox:
    """nbgrader's ``Autograde.pre_convert_hook``: the sandbox check before the first submission
    is copied, so that a stopped autograde leaves nothing half done to skip next time."""

    def __init__(self, config: Any) -> None:
        self.config = config

    def __call__(self, **_: Any) -> None:
        from traitlets.log import get_logger

        stop_if_unavailable(Sandbox(config=self.config), get_logger())

    def __repr__(self) -> str:
        return "CheckSandbox()"
