"""A local cluster's workers print to a log file, not over the progress bar."""

from __future__ import annotations

import os

from distributed.diagnostics.plugin import WorkerPlugin


class OutputToFile(WorkerPlugin):
    """A Dask worker plugin: the worker's standard output and error go to a file.

    Kernels that nbgrader starts inherit them, so their start-up warnings go there too.
    It runs in every worker, also one the nanny starts again after a crash.
    """

    name = "decisionlab-output-to-file"

    def __init__(self, path: str) -> None:
        self.path = path

    def setup(self, worker: object) -> None:
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        for stream in (1, 2):
            os.dup2(descriptor, stream)
        os.close(descriptor)

    def teardown(self, worker: object) -> None:
        """Nothing to undo: the worker process ends."""
