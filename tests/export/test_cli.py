"""Does `decisionlab export` answer a user's mistake with one line naming the path, and exit 2?"""

from __future__ import annotations

from grader.cli import main
from tests.cli_output import one_line_error
from tests.grading.conftest import tiny_course


def test_an_unknown_course_folder_is_a_usage_error(tmp_path, capsys):
    """Does a course folder that does not exist exit 2 naming it?"""
    assert main(["export", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 2
    assert one_line_error(capsys) == f"decisionlab export: no course folder {tmp_path / 'nowhere'}"
    assert not (tmp_path / "out").exists()


def test_a_folder_without_nbgrader_config_is_a_usage_error(tmp_path, capsys):
    """Does a folder that is no nbgrader course exit 2 naming it?"""
    assert main(["export", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert f"{tmp_path} has no nbgrader_config.py" in one_line_error(capsys)


def test_a_course_without_gradebook_is_a_usage_error(tmp_path, capsys):
    """Does a course with no gradebook file exit 2 naming the missing file and the command to run,
    without creating an empty gradebook?"""
    course = tiny_course(tmp_path / "course")
    (course / "gradebook.db").unlink()
    assert main(["export", str(course), "-o", str(tmp_path / "out")]) == 2
    line = one_line_error(capsys)
    assert f"no gradebook at {course / 'gradebook.db'}" in line and "decisionlab grade" in line
    assert not (course / "gradebook.db").exists()


def test_a_missing_db_url_file_is_a_usage_error(orientation_graded, tmp_path, capsys):
    """Does --db-url naming a SQLite file that does not exist exit 2 naming it?"""
    missing = tmp_path / "elsewhere.db"
    assert (
        main(
            [
                "export",
                str(orientation_graded),
                "-o",
                str(tmp_path / "out"),
                "--db-url",
                f"sqlite:///{missing}",
            ]
        )
        == 2
    )
    assert f"no gradebook at {missing}" in one_line_error(capsys)


def test_nothing_graded_yet_is_a_usage_error(tmp_path, capsys):
    """Does a course whose gradebook has no graded submission exit 2 saying what to run?"""
    course_with_one_lab = tiny_course(tmp_path / "course", learners=("learner-1",))
    assert main(["export", str(course_with_one_lab), "-o", str(tmp_path / "out")]) == 2
    line = one_line_error(capsys)
    assert "nothing is graded yet" in line and f"decisionlab grade {course_with_one_lab}" in line
    assert not (tmp_path / "out").exists()


def test_an_output_that_is_a_file_is_a_usage_error(orientation_graded, tmp_path, capsys):
    """Does -o naming an existing file exit 2 naming it?"""
    target = tmp_path / "taken.csv"
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", str(orientation_graded), "-o", str(target)]) == 2
    assert one_line_error(capsys) == f"decisionlab export: the output {target} is a file, not a folder"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_an_export_exits_0_naming_its_files(orientation_graded, tmp_path, capsys):
    """Does a graded course export exit 0, make the output folder and list the three files?"""
    out = tmp_path / "new" / "out"
    assert (
        main(
            [
                "export",
                str(orientation_graded),
                "-o",
                str(out),
                "--db-url",
                f"sqlite:///{orientation_graded / 'gradebook.db'}",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "Exported 4 decision row(s) of 3 learner(s) in 1 lab(s)" in printed
    assert sorted(p.name for p in out.iterdir()) == [
        "decisions.csv",
        "gradebook_canvas.csv",
        "gradebook_moodle.csv",
    ]
