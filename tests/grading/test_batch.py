"""Does `decisionlab grade` give a small demo cohort the grades serial `nbgrader autograde` gives?

One cohort (three learners: strong, weak, malformed answers file; two labs;
``tests/fixtures/demo_cohort.py``) is graded three ways, each in its own copy of the course:
serially by `nbgrader autograde`, one lab after the other (the reference); by
`decisionlab grade --jobs 2` into the SQLite gradebook; and by `decisionlab grade --jobs 2` into
a real PostgreSQL server.  The gradebooks must agree on every learner, notebook and cell.  The
first two gradings are shared with other modules; the later runs here grade copies of them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from grader.grading.batch import FAILURE_LOG
from tests.fixtures.demo_cohort import (
    COURSE_ID,
    LABS,
    LEARNERS,
    GradedRun,
    copy_course,
    decisionlab_grade,
    sqlite_url,
)
from tests.grading.postgres import postgres_server, server_programs

pytestmark = pytest.mark.slow
BROKEN = ("learner-broken", "00_orientation")  # a submitted notebook that is not JSON
CRASHING = ("learner-crash", "01_sourcing_models")  # a notebook whose code kills its kernel
# The autograde sandbox stops a kernel that dies and grades its cells as failing (docs/sandbox.md),
# so that submission is graded, not failed.
RESUBMITTED = ("learner-002", "01_sourcing_models")  # handed in again after grading
UNTOUCHED = ("learner-001", "00_orientation")


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


def _notebook(course: Path, part: str, student: str, lab: str) -> Path:
    return course / part / student / lab / f"{lab}.ipynb"


@pytest.fixture(scope="module")
def serial_scores(autograded_demo_cohort: GradedRun) -> dict:
    """The reference: the gradebook of plain `nbgrader autograde '*'` of the cohort."""
    course, run = autograded_demo_cohort.course, autograded_demo_cohort
    assert run.exit_code == 0, run.output[-3000:]
    graded = sorted(p.relative_to(course / "autograded") for p in course.glob("autograded/*/*"))
    assert len(graded) == LEARNERS * len(LABS), graded  # every lab's submissions, not one lab's
    print(f"serial nbgrader autograde: {run.seconds:.1f} s")
    return gradebook_scores(sqlite_url(course))


@pytest.fixture(scope="module")
def graded_again(graded_demo_cohort: GradedRun, tmp_path_factory) -> GradedRun:
    """A second `decisionlab grade --jobs 2` of the graded cohort (a copy), after a submission whose
    notebook is not JSON, one whose code kills its kernel, and a resubmission were handed in."""
    import nbformat

    course = copy_course(graded_demo_cohort.course, tmp_path_factory.mktemp("again") / "course")
    student, lab = BROKEN
    broken = course / "submitted" / student / lab
    shutil.copytree(course / "release" / lab, broken)
    (broken / f"{lab}.ipynb").write_text("{this is not a notebook", encoding="utf-8")
    student, lab = CRASHING
    crashing = _notebook(course, "submitted", student, lab)
    shutil.copytree(course / "release" / lab, crashing.parent)
    notebook = nbformat.read(crashing, as_version=4)
    notebook.cells.insert(1, nbformat.v4.new_code_cell("import os\nos._exit(1)"))
    nbformat.write(notebook, crashing)
    later = _notebook(course, "autograded", *RESUBMITTED).stat().st_mtime + 5
    os.utime(_notebook(course, "submitted", *RESUBMITTED), (later, later))
    code, output, seconds = decisionlab_grade(course)
    print(f"decisionlab grade --jobs 2, second run: {seconds:.1f} s")
    return GradedRun(course, code, output, seconds)


def test_parallel_grades_equal_serial_nbgrader(graded_demo_cohort, serial_scores):
    """Does every (learner, notebook, cell) get from `decisionlab grade` what serial nbgrader gives?"""
    assert graded_demo_cohort.exit_code == 0, graded_demo_cohort.output
    assert f"Graded {LEARNERS * len(LABS)} submission(s)" in graded_demo_cohort.output
    parallel = gradebook_scores(sqlite_url(graded_demo_cohort.course))
    assert len(serial_scores) > LEARNERS * len(LABS) * 2
    assert parallel == serial_scores


def test_broken_and_crashing_submissions_are_listed_and_stop_nothing(graded_again):
    """Is a notebook that is not JSON listed at the end with exit 1, one that kills its kernel
    graded with its cells failing, and every other one graded?"""
    course, output = graded_again.course, graded_again.output
    assert graded_again.exit_code == 1, output
    assert "1 submission(s) could not be graded:" in output
    assert "learner-broken/00_orientation: nbformat.reader.NotJSONError" in output
    assert "Graded 2 submission(s)" in output  # the crashing one and the resubmission
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


def test_a_second_run_grades_only_what_changed(graded_demo_cohort, graded_again):
    """Does a second run skip what is graded, and grade again a submission handed in after grading?"""
    first, course = graded_demo_cohort.course, graded_again.course
    assert f"{LEARNERS * len(LABS) - 1} already up to date" in graded_again.output
    resubmitted = _notebook(course, "submitted", *RESUBMITTED).stat().st_mtime
    assert _notebook(course, "autograded", *RESUBMITTED).stat().st_mtime >= resubmitted
    untouched = _notebook(course, "autograded", *UNTOUCHED).stat().st_mtime_ns
    assert untouched == _notebook(first, "autograded", *UNTOUCHED).stat().st_mtime_ns
    again = {k: v for k, v in gradebook_scores(sqlite_url(course)).items() if k[0] != CRASHING[0]}
    assert again == gradebook_scores(sqlite_url(first))


def test_force_on_an_existing_scheduler_grades_again_to_the_same_grades(graded_again, tmp_path):
    """Does --force grade a lab's submissions again, on the workers of a running Dask scheduler,
    to the same grades, and leave no failure log from the run before, whose failures are withdrawn?"""
    from distributed import LocalCluster

    course = copy_course(graded_again.course, tmp_path / "course")
    for student, _ in (BROKEN, CRASHING):
        shutil.rmtree(course / "submitted" / student)
    assert (course / FAILURE_LOG).exists()
    before = gradebook_scores(sqlite_url(course))
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        code, output, _ = decisionlab_grade(
            course, "--force", "00_orientation", "--scheduler", cluster.scheduler_address
        )
    assert code == 0, output
    assert f"Graded {LEARNERS} submission(s)" in output
    assert gradebook_scores(sqlite_url(course)) == before
    assert not (course / FAILURE_LOG).exists()


def test_grades_into_a_real_postgresql_gradebook(submitted_demo_cohort, serial_scores, tmp_path):
    """Does `decisionlab grade` fill a PostgreSQL gradebook (db_url) with serial nbgrader's grades?"""
    programs = server_programs()
    if programs is None:
        pytest.skip(
            "PostgreSQL's server programs (initdb, pg_ctl) are not installed; "
            "scripts/install-test-deps.sh installs them"
        )
    from nbgrader.apps import NbGraderAPI

    from grader.grading.course import load_course_config

    course = copy_course(submitted_demo_cohort, tmp_path / "course")
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
        code, output, _ = decisionlab_grade(course)
        assert code == 0, output
        assert gradebook_scores(url) == serial_scores
    assert not (course / "gradebook.db").exists()
