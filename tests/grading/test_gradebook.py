"""Does the one writer record what nbgrader's autograde records, and leave the rest alone?"""

from __future__ import annotations

from datetime import datetime

from nbgrader.api import Gradebook

from grader.grading.blueprint import batch_blueprint
from grader.grading.gradebook import GradebookWriter
from grader.grading.results import CellComment, CellGrade, GradedSubmission, NotebookGrades, SubmissionId
from tests.grading.conftest import COURSE_ID

SUBMISSION = SubmissionId("lab-a", "learner-1")


def _graded(auto_score: float | None, submitted: bool = True) -> GradedSubmission:
    notebook = NotebookGrades(
        notebook="lab-a",
        submitted=submitted,
        late_submission_penalty=0.5,
        grades=(CellGrade("answer", auto_score, auto_score is None),),
        comments=(CellComment("answer", "No response."),),
    )
    return GradedSubmission(
        SUBMISSION, datetime(2026, 3, 1, 10, 0), (notebook,), staging="unused", seconds=1.0
    )


def _url(course) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def test_grades_comments_penalty_and_timestamp_are_recorded(course_with_one_lab):
    """Are the automatic score, review flag, comment, late penalty and timestamp all written?"""
    with GradebookWriter(_url(course_with_one_lab), COURSE_ID) as writer:
        writer.record(_graded(1.5))
    with Gradebook(_url(course_with_one_lab), COURSE_ID) as gradebook:
        grade = gradebook.find_grade("answer", "lab-a", "lab-a", "learner-1")
        assert (grade.auto_score, grade.needs_manual_grade) == (1.5, False)
        assert gradebook.find_comment("answer", "lab-a", "lab-a", "learner-1").auto_comment == "No response."
        notebook = gradebook.find_submission_notebook("lab-a", "lab-a", "learner-1")
        assert notebook.late_submission_penalty == 0.5
        assert gradebook.find_submission("lab-a", "learner-1").timestamp == datetime(2026, 3, 1, 10, 0)


def test_a_manual_grade_is_kept_and_flagged_for_review(course_with_one_lab):
    """When a grader scored a cell by hand, is that score kept and the cell flagged, as nbgrader does?"""
    with GradebookWriter(_url(course_with_one_lab), COURSE_ID) as writer:
        writer.record(_graded(1.0))
        grade = writer.gradebook.find_grade("answer", "lab-a", "lab-a", "learner-1")
        grade.manual_score = 2.0
        writer.gradebook.db.commit()
        writer.record(_graded(0.0))
        grade = writer.gradebook.find_grade("answer", "lab-a", "lab-a", "learner-1")
        assert (grade.auto_score, grade.manual_score, grade.needs_manual_grade) == (0.0, 2.0, True)


def test_a_notebook_never_handed_in_needs_no_review(course_with_one_lab):
    """Is a notebook the learner did not hand in scored zero with no review, as nbgrader does?"""
    with GradebookWriter(_url(course_with_one_lab), COURSE_ID) as writer:
        writer.record(_graded(1.0))
        grade = writer.gradebook.find_grade("answer", "lab-a", "lab-a", "learner-1")
        grade.manual_score = 2.0
        writer.gradebook.db.commit()
        writer.record(_graded(0.0, submitted=False))
        grade = writer.gradebook.find_grade("answer", "lab-a", "lab-a", "learner-1")
        assert (grade.auto_score, grade.needs_manual_grade) == (0.0, False)


def test_the_blueprint_holds_what_autograde_reads(course_with_one_lab, tmp_path):
    """Does the blueprint carry the assignment's notebooks and cells, field for field, and no submission?"""
    with GradebookWriter(_url(course_with_one_lab), COURSE_ID) as writer:
        writer.record(_graded(1.0))
        writer.gradebook.update_or_create_assignment("lab-a", duedate="2026-03-01 12:00:00 UTC")
        blueprint = batch_blueprint(writer.gradebook, ["lab-a"], COURSE_ID)
    copy = tmp_path / "blueprint.db"
    copy.write_bytes(blueprint)
    with Gradebook(f"sqlite:///{copy}", COURSE_ID) as gradebook:
        assignment = gradebook.find_assignment("lab-a")
        assert assignment.duedate == datetime(2026, 3, 1, 12, 0)
        assert assignment.submissions == [] and gradebook.students == []
        notebook = gradebook.find_notebook("lab-a", "lab-a")
        assert notebook.kernelspec == '{"name": "python3"}'
        grade_cell = gradebook.find_grade_cell("answer", "lab-a", "lab-a")
        assert (grade_cell.max_score, grade_cell.cell_type) == (2, "code")
        gradebook.find_solution_cell("answer", "lab-a", "lab-a")
        source = gradebook.find_source_cell("answer", "lab-a", "lab-a")
        assert (source.source, source.checksum, source.cell_type) == ("x = ...", "abc", "code")
