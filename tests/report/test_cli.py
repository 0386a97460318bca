"""Does `decisionlab report` write the file, and answer a user's mistake with one line and exit 2?"""

from __future__ import annotations

from grader.cli import main
from tests.cli_output import one_line_error


def test_the_report_is_written_where_asked(eight_learner_course, tmp_path, capsys):
    """Does `report COURSE -o FILE` exit 0, write the file and say where?"""
    target = tmp_path / "cohort.html"
    assert main(["report", str(eight_learner_course), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(target) in capsys.readouterr().out


def test_an_unknown_course_folder_is_a_usage_error(tmp_path, capsys):
    """Does a course folder that does not exist exit 2 naming it?"""
    assert main(["report", str(tmp_path / "nowhere")]) == 2
    assert one_line_error(capsys) == f"decisionlab report: no course folder {tmp_path / 'nowhere'}"


def test_a_course_not_graded_yet_says_what_to_run(eight_learner_course, tmp_path, capsys):
    """Does a course without a gradebook exit 2 pointing to `decisionlab grade`?"""
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text((eight_learner_course / "nbgrader_config.py").read_text())
    assert main(["report", str(course), "-o", str(tmp_path / "r.html")]) == 2
    assert "decisionlab grade" in one_line_error(capsys)


def test_an_output_folder_that_does_not_exist_is_a_usage_error(eight_learner_course, tmp_path, capsys):
    """Does `-o` into a missing folder exit 2 naming the folder, before any work?"""
    assert main(["report", str(eight_learner_course), "-o", str(tmp_path / "no" / "r.html")]) == 2
    assert str(tmp_path / "no") in one_line_error(capsys)


def test_a_gradebook_url_that_cannot_be_read_is_one_line(eight_learner_course, tmp_path, capsys):
    """Does a --db-url no database answers exit 2 with one line, even when the driver says more?"""
    url = "postgresql://nobody@127.0.0.1:1/gradebook"
    assert main(["report", str(eight_learner_course), "-o", str(tmp_path / "r.html"), "--db-url", url]) == 2
    assert f"the gradebook at {url} could not be read" in one_line_error(capsys)
