"""Cohort grading benchmark (issue #13, item 6): `decisionlab grade --jobs N` against serial
`nbgrader autograde`, side by side in one run, on a synthetic cohort over every lab.

The cohort is built once (``grader.cohort.demo``: learners cycling strong, weak and empty,
one with a cut-off answers file) and copied twice, so both runs grade the same files.  The
serial run is what an instructor types without this package's command: `nbgrader autograde
LAB` for each lab.  The two runs take turns lab by lab (serial, then parallel, on the same
lab), so other work on a shared machine slows both alike and the ratio stays fair.  The
script checks that both gradebooks hold the same grades, then prints each lab's times and
ratio, the totals, the seconds per notebook and where the serial time goes (nbgrader's own
start-up against the notebooks), beside the machine's calibration figure and load.

Run: python3 benchmarks/cohort_grading.py [--learners 200] [--jobs 2] [--labs 00_orientation ...]
A 200-learner cohort over six labs is 1,200 notebooks: about 45 minutes serially on a
quiet 2-core machine, plus the parallel run.  `--learners 12` gives the ratio in minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Both runs, and the kernels they start, grade with this checkout's package, whatever else is
# installed: otherwise the serial kernels could import another copy and the grades differ.
CHECKOUT_ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}

from calibration import calibration_line  # noqa: E402

from grader.cohort.demo import build_demo_cohort  # noqa: E402
from grader.paths import lab_ids  # noqa: E402
from grader.workspace.generate import COURSE_ID  # noqa: E402


def gradebook_scores(course: Path) -> dict[tuple[str, ...], object]:
    """Every automatic grade and review flag in the course's gradebook, by learner, lab and cell."""
    from nbgrader.api import Gradebook

    scores: dict[tuple[str, ...], object] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        for assignment in gradebook.assignments:
            for submission in gradebook.assignment_submissions(assignment.name):
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        key = (submission.student.id, assignment.name, notebook.name, grade.name)
                        scores[key] = (grade.auto_score, grade.needs_manual_grade)
    return scores


def serial_seconds(course: Path, lab: str) -> float:
    """`nbgrader autograde LAB`, as an instructor types it without this package's command."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", lab],
        cwd=course,
        capture_output=True,
        text=True,
        env=CHECKOUT_ENV,
    )
    if run.returncode != 0:
        raise SystemExit(f"nbgrader autograde {lab} failed:\n{run.stderr[-2000:]}")
    return time.perf_counter() - started


def parallel_seconds(course: Path, lab: str, jobs: int) -> float:
    """`decisionlab grade COURSE LAB --jobs N`: the same lab on a local Dask cluster."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "grader.cli", "grade", str(course), lab, "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        env=CHECKOUT_ENV,
    )
    # Exit 1 lists failed submissions; the cohort has none that nbgrader cannot grade.
    if run.returncode not in (0, 1):
        raise SystemExit(f"decisionlab grade failed:\n{run.stderr[-2000:]}")
    return time.perf_counter() - started


def load_average() -> str:
    """The machine's one-minute load, so a reader can tell a busy run from a quiet one."""
    return f"{os.getloadavg()[0]:.1f}"


def empty_autograde_seconds(course: Path) -> float:
    """nbgrader's own cost per command with nothing to grade: the start-up every serial lab pays."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", "no-such-lab"],
        cwd=course,
        env=CHECKOUT_ENV,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--labs", nargs="*", default=None, help="lab ids (default: every lab)")
    args = parser.parse_args()
    labs = args.labs or lab_ids()
    print(calibration_line(), flush=True)
    with tempfile.TemporaryDirectory(prefix="decisionlab-bench-grading-") as scratch:
        built = Path(scratch) / "built"
        started = time.perf_counter()
        build_demo_cohort(built, args.learners, labs=labs, progress=lambda _: None)
        notebooks = sum(1 for _ in (built / "submitted").glob("*/*/*.ipynb"))
        print(
            f"cohort: {args.learners} learners x {len(labs)} labs = {notebooks} notebooks "
            f"(built in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        serial, parallel = Path(scratch) / "serial", Path(scratch) / "parallel"
        shutil.copytree(built, serial)
        shutil.copytree(built, parallel)

        startup = empty_autograde_seconds(serial)
        serial_s = parallel_s = 0.0
        for lab in labs:
            lab_notebooks = sum(1 for _ in (built / "submitted").glob(f"*/{lab}/*.ipynb"))
            load_before = load_average()
            one = serial_seconds(serial, lab)
            many = parallel_seconds(parallel, lab, args.jobs)
            serial_s, parallel_s = serial_s + one, parallel_s + many
            print(
                f"{lab}: {lab_notebooks} notebooks, serial {one:.0f} s, --jobs {args.jobs} {many:.0f} s, "
                f"{one / many:.2f}x (load {load_before} before, {load_average()} after)",
                flush=True,
            )
        print(
            f"serial nbgrader autograde, lab after lab: {serial_s:.0f} s "
            f"({serial_s / notebooks:.2f} s a notebook; nbgrader start-up {startup:.1f} s per lab)",
            flush=True,
        )
        print(
            f"decisionlab grade --jobs {args.jobs}: {parallel_s:.0f} s "
            f"({parallel_s / notebooks:.2f} s a notebook)"
        )
        print(f"speed-up: {serial_s / parallel_s:.2f}x")
        serial_grades, parallel_grades = gradebook_scores(serial), gradebook_scores(parallel)
        differing = sorted(
            key
            for key in serial_grades.keys() | parallel_grades.keys()
            if serial_grades.get(key) != parallel_grades.get(key)
        )
        print(
            "grades: "
            + ("the same in both gradebooks" if not differing else "DIFFER between the two gradebooks")
        )
        for key in differing[:10]:
            print(
                f"  {' / '.join(key)}: serial {serial_grades.get(key)}, parallel {parallel_grades.get(key)}"
            )
        if differing:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
