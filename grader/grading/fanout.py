"""The fan-out: one Dask task per submission, results handed back as each one finishes.

By default an embedded ``LocalCluster`` of ``jobs`` worker processes, one thread each
(nbgrader changes the working directory, which a process shares between its threads), and
no dashboard.  Given an address, the batch runs on that existing scheduler's workers
instead: they need this package installed and the course folder at the same path (a shared
file system), and should be started with ``--nthreads 1``.  The batch's blueprint gradebook
is sent once to every worker, not once per task.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from grader.grading.course import CourseError
from grader.grading.plan import GradingTask
from grader.grading.results import FailedSubmission, Outcome
from grader.grading.worker import grade_submission

if TYPE_CHECKING:
    from distributed import Client

CONNECT_SECONDS = 20


@contextmanager
def dask_client(jobs: int, scheduler: str | None = None, worker_log: Path | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a local cluster of ``jobs`` processes.

    A local cluster's workers write what they and their kernels print to ``worker_log``
    (appended), not over the progress bar; an existing cluster's workers log where they do.
    """
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=f"{CONNECT_SECONDS}s")
        except (OSError, ValueError, TypeError) as error:
            raise CourseError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=jobs,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:
        if worker_log is not None:
            from grader.grading.worker_output import OutputToFile  # imports distributed

            client.register_plugin(OutputToFile(str(worker_log)))
        yield client


def grade_on_dask(
    client: Client, course_root: str, tasks: list[GradingTask], blueprint: bytes
) -> Iterator[tuple[GradingTask, Outcome]]:
    """Each task with its outcome, in the order they finish; a lost worker fails only its task."""
    from distributed import as_completed

    shared = client.scatter(blueprint, broadcast=True)
    futures = {
        client.submit(
            grade_submission,
            course_root,
            task,
            shared,
            key=f"grade-{task.submission.assignment}-{task.submission.student}-{index}",
            pure=False,
        ): task
        for index, task in enumerate(tasks)
    }
    for future in as_completed(futures):
        task = futures.pop(future)
        try:
            outcome = future.result()
        except Exception as error:  # the worker died (killed, out of memory): Dask gave up on it
            outcome = FailedSubmission(
                task.submission, f"its worker stopped: {type(error).__name__}: {error}"
            )
        future.release()
        yield task, outcome
