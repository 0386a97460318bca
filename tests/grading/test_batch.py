"""Does `decisionlab grade` give a small demo cohort the grades serial `nbgrader autograde` gives?

One cohort (three learners: strong, weak, malformed answers file; two labs) is graded three
ways, each in its own copy of the course: serially by `nbgrader autograde`, one lab after
the other (the reference); by `decisionlab grade --jobs 2` into the SQLite gradebook; and by
`decisionlab grade --jobs 2` into a real PostgreSQL server.  The gradebooks must agree on
every learner, notebook and cell.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.cli import main
from grader.cohort.demo import build_demo_cohort
from grader.grading.batch import FAILURE_LOG
from tests.grading.postgres import postgres_server, server_programs

pytestmark = pytest.mark.slow
LABS = ["00_orientation", "01_sourcing_models"]
LEARNERS = 3  # strong, weak, and one whose answers file is cut off half-way
COURSE_ID = "decisionlab"
BROKEN = ("learner-broken", "00_orientation")  # a submitted notebook that is not JSON
CRASHING = ("learner-crash", "01_sourcing_models")  # a notebook whose code kills its kernel
# The autograde sandbox stops a kernel that dies and grades its cells as failing (docs/sandbox.md),
# so that submission is graded, not failed.


def gradebook_scores(db_url: str) -> dict[tuple[str, ...], object]:
    """Every automatic grade, review flag, comment and late penalty, by (learner, lab, notebook, cell)."""
    from nbgrader.api import Gradebook

    scores: dict[tuple[str, ...], object] = {}
    with Gradebook(db_url, COURSE_ID) as gradebook:
        for assignment in gradebook.assignments:
            for submission in gradebook.assignment_submissions(assignment.name):
                for notebook in submission.notebooks:
                    where = (submission.student.id, assignment.name, notebook.name)
                    scores[(*where, "late penalty")] = notebook.late_submission_penalty
                    for grade in notebook.grades:
                        scores[(*where, grade.name)] = (grade.auto_score, grade.needs_manual_grade)
                    for comment in notebook.comments:
                        scores[(*where, f"comment on {comment.name}")] = comment.auto_comment
    return scores


def sqlite_url(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


@dataclass(frozen=True)
class Graded:
    course: Path
    exit_code: int
    output: str
    seconds: float


def _grade(course: Path, *extra: str) -> Graded:
    """Run `decisionlab grade COURSE EXTRA...` as a user would (`--jobs 2` unless EXTRA names a
    scheduler); its exit code and output."""
    output = io.StringIO()
    started = time.perf_counter()
    jobs = [] if "--scheduler" in extra else ["--jobs", "2"]
    with redirect_stdout(output), redirect_stderr(output):
        code = main(["grade", str(course), *jobs, *extra])
    return Graded(course, code, output.getvalue(), time.perf_counter() - started)


@pytest.fixture(scope="module")
def demo_course(tmp_path_factory, generated_course) -> Path:
    """The small demo cohort, submitted and not yet graded (a fresh copy for each use)."""
    root = tmp_path_factory.mktemp("demo") / "course"
    with generated_course.instead_of_generating():
        build_demo_cohort(root, LEARNERS, labs=LABS, progress=lambda _: None)
    return root


def _copy(course: Path, target: Path) -> Path:
    shutil.copytree(course, target)
    return target


@pytest.fixture(scope="module")
def serial_scores(demo_course, tmp_path_factory) -> dict:
    """The reference: plain `nbgrader autograde '*'`, one lab after the other in one process (as
    the README has an instructor grade a rehearsal cohort; one start of nbgrader, not one a lab)."""
    course = _copy(demo_course, tmp_path_factory.mktemp("serial") / "course")
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", "*"],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=600 * len(LABS),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    graded = sorted(p.relative_to(course / "autograded") for p in course.glob("autograded/*/*"))
    assert len(graded) == LEARNERS * len(LABS), graded  # every lab's submissions, not one lab's
    print(f"serial nbgrader autograde: {time.perf_counter() - started:.1f} s")
    return gradebook_scores(sqlite_url(course))


@pytest.fixture(scope="module")
def graded_in_parallel(demo_course, tmp_path_factory) -> Graded:
    """`decisionlab grade --jobs 2` of the cohort, plus a submission whose notebook is not JSON
    and one whose code kills its kernel."""
    import nbformat

    course = _copy(demo_course, tmp_path_factory.mktemp("parallel") / "course")
    student, lab = BROKEN
    broken = course / "submitted" / student / lab
    shutil.copytree(course / "release" / lab, broken)
    (broken / f"{lab}.ipynb").write_text("{this is not a notebook", encoding="utf-8")
    student, lab = CRASHING
    crashing = course / "submitted" / student / lab / f"{lab}.ipynb"
    shutil.copytree(course / "release" / lab, crashing.parent)
    notebook = nbformat.read(crashing, as_version=4)
    notebook.cells.insert(1, nbformat.v4.new_code_cell("import os\nos._exit(1)"))
    nbformat.write(notebook, crashing)
    graded = _grade(course)
    print(f"decisionlab grade --jobs 2: {graded.seconds:.1f} s")
    return graded


def test_parallel_grades_equal_serial_nbgrader(graded_in_parallel, serial_scores):
    """Does every (learner, notebook, cell) get from `decisionlab grade` what serial nbgrader gives?"""
    parallel = gradebook_scores(sqlite_url(graded_in_parallel.course))
    assert len(serial_scores) > LEARNERS * len(LABS) * 2
    assert {k: v for k, v in parallel.items() if k[0] != CRASHING[0]} == serial_scores


def test_broken_and_crashing_submissions_are_listed_and_stop_nothing(graded_in_parallel):
    """Is a notebook that is not JSON listed at the end with exit 1, one that kills its kernel
    graded with its cells failing, and every other one graded?"""
    course, output = graded_in_parallel.course, graded_in_parallel.output
    assert graded_in_parallel.exit_code == 1, output
    assert "1 submission(s) could not be graded:" in output
    assert "learner-broken/00_orientation: nbformat.reader.NotJSONError" in output
    assert f"Graded {LEARNERS * len(LABS) + 1} submission(s)" in output
    assert "learner-broken" in (course / FAILURE_LOG).read_text()
    assert "learner-crash" not in (course / FAILURE_LOG).read_text()
    graded = sorted(p.relative_to(course / "autograded") for p in course.glob("autograded/*/*"))
    assert len(graded) == LEARNERS * len(LABS) + 1
    assert Path(*BROKEN) not in graded and Path(*CRASHING) in graded
    crashed = gradebook_scores(sqlite_url(course))
    assert crashed[(*CRASHING, CRASHING[1], "paid_hours_tests")] == (0, False), (
        "the cells after the crash fail"
    )
    assert not (course / ".decisionlab-grading").exists() or not any(
        (course / ".decisionlab-grading").iterdir()
    )


def test_a_second_run_grades_only_what_changed(graded_in_parallel):
    """Does a second run skip what is graded, and grade again a submission handed in after grading?"""
    course = graded_in_parallel.course
    before = gradebook_scores(sqlite_url(course))
    for student, _ in (BROKEN, CRASHING):
        shutil.rmtree(course / "submitted" / student)  # the failing ones are withdrawn
    resubmitted = course / "submitted" / "learner-002" / "01_sourcing_models" / "01_sourcing_models.ipynb"
    graded_copy = course / "autograded" / "learner-002" / "01_sourcing_models" / "01_sourcing_models.ipynb"
    untouched = course / "autograded" / "learner-001" / "00_orientation" / "00_orientation.ipynb"
    untouched_time = untouched.stat().st_mtime_ns
    later = graded_copy.stat().st_mtime + 5
    os.utime(resubmitted, (later, later))

    again = _grade(course)

    assert again.exit_code == 0, again.output
    assert "Graded 1 submission(s)" in again.output
    assert f"{LEARNERS * len(LABS) - 1} already up to date" in again.output
    assert graded_copy.stat().st_mtime >= later
    assert untouched.stat().st_mtime_ns == untouched_time
    assert gradebook_scores(sqlite_url(course)) == before
    assert not (course / FAILURE_LOG).exists()


def test_force_on_an_existing_scheduler_grades_again_to_the_same_grades(graded_in_parallel):
    """Does --force grade a lab's submissions again, on the workers of a running Dask scheduler,
    to the same grades?"""
    from distributed import LocalCluster

    course = graded_in_parallel.course
    before = gradebook_scores(sqlite_url(course))
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        forced = _grade(course, "--force", "00_orientation", "--scheduler", cluster.scheduler_address)
    assert forced.exit_code == 0, forced.output
    assert f"Graded {LEARNERS} submission(s)" in forced.output
    assert gradebook_scores(sqlite_url(course)) == before


def test_grades_into_a_real_postgresql_gradebook(demo_course, serial_scores, tmp_path_factory):
    """Does `decisionlab grade` fill a PostgreSQL gradebook (db_url) with serial nbgrader's grades?"""
    programs = server_programs()
    if programs is None:
        pytest.skip(
            "PostgreSQL's server programs (initdb, pg_ctl) are not installed; "
            "scripts/install-test-deps.sh installs them"
        )
    from nbgrader.apps import NbGraderAPI

    from grader.grading.course import load_course_config

    course = _copy(demo_course, tmp_path_factory.mktemp("postgres") / "course")
    (course / "gradebook.db").unlink()
    with postgres_server(programs) as server:
        url = server.create_database("gradebook")
        with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
            config.write(f"c.CourseDirectory.db_url = {url!r}\n")
        # As an instructor would: release the labs into the course's (PostgreSQL) gradebook.
        api = NbGraderAPI(config=load_course_config(course))
        for lab in LABS:
            result = api.generate_assignment(lab, force=True)
            assert result["success"], result.get("log")
        graded = _grade(course)
        assert graded.exit_code == 0, graded.output
        assert gradebook_scores(url) == serial_scores
    assert not (course / "gradebook.db").exists()
