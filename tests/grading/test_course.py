"""Does a course read without nbgrader say what nbgrader's own CourseDirectory says?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grader.grading.course import open_course
from grader.grading.results import SubmissionId

SUBMISSION = SubmissionId("lab-a", "learner-1")

# Course configurations as instructors write them: nbgrader's defaults, and each setting moved.
CONFIGS = {
    "defaults": "",
    "course_id_with_spaces": 'c.CourseDirectory.course_id = " decisionlab "\n',
    "sqlite_elsewhere": 'c.CourseDirectory.db_url = "sqlite:////srv/grades/course.db"\n',
    "postgresql": 'c.CourseDirectory.db_url = "postgresql://grader:secret@db:5432/grades"\n',
    "own_folders": (
        'c.CourseDirectory.directory_structure = "{nbgrader_step}/by-lab/{assignment_id}/{student_id}"\n'
        'c.CourseDirectory.submitted_directory = "handed_in"\n'
        'c.CourseDirectory.autograded_directory = "marked"\n'
    ),
    "root_set_in_the_file": 'c.CourseDirectory.root = "/somewhere/else"\n',
}


def course_configured(root: Path, lines: str) -> Path:
    root.mkdir()
    (root / "nbgrader_config.py").write_text(f"c = get_config()  # noqa: F821\n{lines}", encoding="utf-8")
    return root


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_course_settings_agree_with_nbgrader(tmp_path, name):
    """Are the gradebook address, course id and submission folders nbgrader's, for every kind of config?"""
    course = open_course(course_configured(tmp_path / name, CONFIGS[name]))
    nbgrader = course.coursedir
    assert course.db_url == nbgrader.db_url
    assert course.course_id == nbgrader.course_id
    for step, folder in (
        (nbgrader.submitted_directory, course.submitted_folder(SUBMISSION)),
        (nbgrader.autograded_directory, course.autograded_folder(SUBMISSION)),
    ):
        assert folder == Path(nbgrader.format_path(step, SUBMISSION.student, SUBMISSION.assignment))


def test_opening_a_course_imports_no_nbgrader(tmp_path):
    """Does opening a course and asking for its gradebook and folders leave nbgrader unimported?"""
    root = course_configured(tmp_path / "course", CONFIGS["own_folders"])
    probe = (
        "import sys; from pathlib import Path; from grader.grading.course import open_course; "
        "from grader.grading.results import SubmissionId; "
        f"course = open_course(Path({str(root)!r})); course.db_url, course.course_id; "
        "course.submitted_folder(SubmissionId('lab-a', 'learner-1')); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nbgrader', 'nbformat')))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
