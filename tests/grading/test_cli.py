"""Does `decisionlab grade` answer a user's mistake with one line and exit 2, and no traceback?"""

from __future__ import annotations

import pytest

from grader.cli import main
from grader.grading.batch import LOCK_FILE
from tests.cli_output import one_line_error
from tests.grading.conftest import tiny_course


def test_an_unknown_course_folder_is_a_usage_error(tmp_path, capsys):
    """Does a course folder that does not exist exit 2 naming it?"""
    assert main(["grade", str(tmp_path / "nowhere")]) == 2
    assert one_line_error(capsys) == f"decisionlab grade: no course folder {tmp_path / 'nowhere'}"


def test_a_folder_without_nbgrader_config_is_a_usage_error(tmp_path, capsys):
    """Does a folder with no nbgrader_config.py exit 2 saying so?"""
    assert main(["grade", str(tmp_path)]) == 2
    assert "has no nbgrader_config.py" in one_line_error(capsys)


def test_an_unknown_assignment_is_a_usage_error(course_with_one_lab, capsys):
    """Does an assignment the course does not have exit 2 naming those it has?"""
    assert main(["grade", str(course_with_one_lab), "lab-z"]) == 2
    line = one_line_error(capsys)
    assert "no assignment lab-z" in line and "lab-a" in line


def test_an_assignment_not_yet_generated_says_what_to_run(course_with_one_lab, capsys):
    """Is an assignment in source/ but not in the gradebook told to run generate_assignment first?"""
    (course_with_one_lab / "source" / "lab-b").mkdir()
    assert main(["grade", str(course_with_one_lab), "--force", "lab-b"]) == 2
    assert "nbgrader generate_assignment lab-b" in one_line_error(capsys)


@pytest.mark.parametrize("jobs", ["0", "-1", "two", "1.5"])
def test_a_bad_jobs_count_is_a_usage_error(course_with_one_lab, capsys, jobs):
    """Is --jobs that is not a whole number of at least 1 refused in one line?"""
    assert main(["grade", str(course_with_one_lab), "--jobs", jobs]) == 2
    assert (
        one_line_error(capsys)
        == f"decisionlab grade: --jobs must be a whole number of at least 1, not {jobs!r}"
    )


def test_jobs_and_scheduler_together_are_a_usage_error(course_with_one_lab, capsys):
    """Is --jobs (the local cluster's size) refused beside --scheduler (someone else's cluster)?"""
    assert main(["grade", str(course_with_one_lab), "--jobs", "2", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler" in one_line_error(capsys)


def test_an_unreachable_postgresql_gradebook_is_one_line_without_the_password(tmp_path, capsys):
    """Does a db_url that cannot be opened exit 2 in one line that hides the password?"""
    course = tiny_course(tmp_path / "course")
    with (course / "nbgrader_config.py").open("a") as config:
        config.write('c.CourseDirectory.db_url = "postgresql+psycopg://grader:s3cret@127.0.0.1:1/grades"\n')
    assert main(["grade", str(course)]) == 2
    line = one_line_error(capsys)
    assert line.startswith("decisionlab grade: cannot open the gradebook postgresql+psycopg://grader:***@")
    assert "s3cret" not in line


def test_a_second_batch_in_the_same_course_is_refused(course_with_one_lab, capsys):
    """Is a batch refused while another holds the course's grading lock?"""
    from filelock import FileLock

    with FileLock(str(course_with_one_lab / LOCK_FILE)):
        assert main(["grade", str(course_with_one_lab), "--force"]) == 2
    assert "another 'decisionlab grade' is running" in one_line_error(capsys)


def test_an_unreachable_scheduler_is_a_usage_error(course_with_one_lab, capsys, monkeypatch):
    """Does a --scheduler address where nothing answers exit 2 in one line naming it?"""
    monkeypatch.setattr("grader.grading.fanout.CONNECT_SECONDS", 1)
    assert main(["grade", str(course_with_one_lab), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert one_line_error(capsys).startswith(
        "decisionlab grade: cannot reach the Dask scheduler at tcp://127.0.0.1:1"
    )


def test_nothing_submitted_is_nothing_to_do(tmp_path, capsys):
    """Does a course with no submissions exit 0 having graded none (and started no cluster)?"""
    course = tiny_course(tmp_path / "course")
    assert main(["grade", str(course)]) == 0
    assert "Graded 0 submission(s)" in capsys.readouterr().out
