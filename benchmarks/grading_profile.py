"""Where a grading worker's time goes, per notebook (issue #13, item 6).

Grades a few synthetic submissions of one lab, and of a near-empty notebook (one code cell,
``pass``), in this process exactly as a ``decisionlab grade`` worker does
(``grader.grading.worker.grade_submission``), under cProfile, after one warm-up submission
that pays the worker's one-off costs (nbgrader's imports, the course's configuration).  It
prints, per notebook on average:

- the kernel's start: from asking for it to its first reply (bubblewrap, the kernel
  process, ipykernel's imports, inside the sandbox), and its shutdown;
- each learner cell's time as the grading side waits for it (its imports included);
- our steps (``CaptureSubmittedAnswers``, ``ScoreDecisions``) and nbgrader's own
  (``ClearOutput``, ``OverwriteCells``, ``SaveAutoGrades``, writing the notebook, ...);
- the rest of the worker's own work (private gradebook, reading grades back);

and then the functions with the most cumulative time, for what the table leaves out.

``--cold`` starts each kernel in bubblewrap of its own, as ``nbgrader autograde`` does by
default, instead of forking it from the worker's warm sandbox.

Run: python3 benchmarks/grading_profile.py [--lab 01_sourcing_models] [--learners 3] [--top 25] [--cold]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calibration import calibration_line  # noqa: E402

NEAR_EMPTY = "00_near_empty"


class Clock:
    """Seconds spent in named steps, summed over the notebooks graded while it runs."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started


def _timed(cls: type, method: str, clock: Clock, name: str | None = None) -> None:
    """Time every call of ``cls.method`` under ``name`` (the class's name by default)."""
    original = cls.__dict__[method]
    label = name or cls.__name__

    if _is_coroutine(original):

        async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            with clock.step(label):
                return await original(self, *args, **kwargs)
    else:

        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
            with clock.step(label):
                return original(self, *args, **kwargs)

    setattr(cls, method, wrapper)


def _is_coroutine(function: Any) -> bool:
    import inspect

    return inspect.iscoroutinefunction(function)


def instrument(clock: Clock) -> None:
    """Wrap the steps a worker runs per notebook with ``clock``."""
    from nbclient import NotebookClient
    from nbgrader.converters import Autograde
    from nbgrader.converters.base import BaseConverter

    from grader.autograde.confined_execute import ConfinedExecute

    # nbclient's synchronous names, which its setup_kernel calls (bound when its class was made).
    _timed(NotebookClient, "start_new_kernel", clock, "kernel: start the sandbox and kernel process")
    _timed(NotebookClient, "start_new_kernel_client", clock, "kernel: wait until it answers")
    _timed(NotebookClient, "_cleanup_kernel", clock, "kernel: shut down")
    _timed(ConfinedExecute, "preprocess_cell", clock, "learner cells (run in the kernel)")
    _timed(BaseConverter, "write_single_notebook", clock, "nbgrader: write the notebook")
    _timed(Autograde, "init_assignment", clock, "nbgrader: learner, submission, copy source files")
    seen: set[type] = set()
    for step in _autograde_steps():
        if step in seen or issubclass(step, ConfinedExecute):
            continue
        seen.add(step)
        if "preprocess" in step.__dict__:
            _timed(step, "preprocess", clock, f"step: {step.__name__}")
    _timed(ConfinedExecute, "preprocess", clock, "step: ConfinedExecute (all of it)")


def _autograde_steps() -> list[type]:
    from nbgrader.converters import Autograde
    from traitlets.config import Config

    from grader.autograde import configure

    config = Config()
    configure(config)
    steps = [*config.Autograde.sanitize_preprocessors, *config.Autograde.autograde_preprocessors]
    default_sanitize = Autograde.class_traits()["sanitize_preprocessors"].default()
    return [s for s in [*steps, *default_sanitize] if isinstance(s, type)]


def add_near_empty_lab(course: Path, learners: list[str]) -> None:
    """A lab whose notebook has one code cell, ``pass``: the floor of a notebook's grading."""
    import subprocess

    source = course / "source" / NEAR_EMPTY
    source.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell("pass"))
    nbformat.write(nb, source / f"{NEAR_EMPTY}.ipynb")
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", NEAR_EMPTY, "--force"],
        cwd=course,
        capture_output=True,
        check=True,
    )
    for learner in learners:
        folder = course / "submitted" / learner / NEAR_EMPTY
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{NEAR_EMPTY}.ipynb")


def grade_profiled(course: Path, assignment: str, clock: Clock, top: int) -> None:
    from grader.grading.blueprint import batch_blueprint
    from grader.grading.course import open_course
    from grader.grading.gradebook import GradebookWriter
    from grader.grading.plan import plan_grading
    from grader.grading.results import GradedSubmission
    from grader.grading.worker import grade_submission

    handle = open_course(course)
    writer = GradebookWriter(handle.db_url, handle.course_id)
    plan = plan_grading(handle, writer.gradebook, [assignment], force=True)
    blueprint = batch_blueprint(writer.gradebook, [assignment], handle.course_id)
    tasks = plan.tasks
    warm, measured = tasks[0], tasks[1:]
    grade_submission(str(course), warm, blueprint)  # the worker's one-off costs, not measured

    clock.seconds.clear()
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for task in measured:
        outcome = grade_submission(str(course), task, blueprint)
        if not isinstance(outcome, GradedSubmission):
            raise SystemExit(f"{task.submission} failed: {outcome}")
    profile.disable()
    total = (time.perf_counter() - started) / len(measured)

    print(f"\n== {assignment}: {len(measured)} notebooks, {total:.2f} s each on average")
    for name, seconds in sorted(clock.seconds.items(), key=lambda item: -item[1]):
        each = seconds / len(measured)
        print(f"  {each:6.2f} s  {100 * each / total:4.0f} %  {name}")
    print("  (kernel and learner cells are parts of the Execute step; steps nest in nbgrader's run)")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative")
    print(f"-- top {top} functions by cumulative time (all {len(measured)} notebooks):")
    stats.print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lab", default="01_sourcing_models")
    parser.add_argument("--learners", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--cold", action="store_true", help="start each kernel in bubblewrap of its own (no warm sandbox)"
    )
    args = parser.parse_args()
    print(calibration_line(), flush=True)
    from grader.cohort.demo import build_demo_cohort

    with tempfile.TemporaryDirectory(prefix="decisionlab-profile-") as scratch:
        course = Path(scratch) / "course"
        cohort = build_demo_cohort(course, args.learners + 1, labs=[args.lab], progress=lambda _: None)
        add_near_empty_lab(course, [learner.learner_id for learner in cohort])
        warm = "False" if args.cold else "True"
        with (course / "nbgrader_config.py").open("a") as config:
            config.write(f"c.Sandbox.warm_kernels = {warm}\n")
        print(f"kernels: {'each in bubblewrap of its own' if args.cold else 'forked from a warm sandbox'}")
        clock = Clock()
        instrument(clock)
        grade_profiled(course, NEAR_EMPTY, clock, args.top)
        grade_profiled(course, args.lab, clock, args.top)


if __name__ == "__main__":
    main()
