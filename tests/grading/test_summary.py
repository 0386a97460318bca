"""Does the closing summary list what failed, and set the exit code by it?"""

from __future__ import annotations

from pathlib import Path

from grader.grading.results import FailedSubmission, GradedSubmission, SubmissionId
from grader.grading.summary import GradingSummary


def test_all_graded_exits_zero_and_counts_the_skipped():
    """With nothing failed, is the exit code 0 and the up-to-date count told with --force's hint?"""
    summary = GradingSummary(up_to_date=4, wall_seconds=2.0)
    summary.add(GradedSubmission(SubmissionId("lab-a", "learner-1"), None, (), "unused", 1.0))
    assert summary.exit_code == 0
    assert summary.lines()[0] == (
        "Graded 1 submission(s) in 2.0 s; 4 already up to date (--force grades them again)."
    )


def test_the_summary_says_where_the_time_went():
    """Does the summary give the mean worker time per submission and the writer's commit time?"""
    summary = GradingSummary(wall_seconds=9.0, commit_seconds=0.05)
    for seconds in (3.0, 5.0):
        learner = SubmissionId("lab-a", f"learner-{seconds:g}")
        summary.add(GradedSubmission(learner, None, (), "unused", seconds))
    assert summary.lines()[1] == (
        "Each submission took a worker 4.0 s on average; committing its grades took the gradebook 25 ms."
    )


def test_failures_exit_one_and_are_listed_in_order(tmp_path):
    """Are failures listed by assignment and learner, with the log file, and the exit code 1?"""
    summary = GradingSummary(failure_log=Path("course/decisionlab-grade-failures.log"))
    summary.add(FailedSubmission(SubmissionId("lab-b", "learner-1"), "timed out", "log b"))
    summary.add(FailedSubmission(SubmissionId("lab-a", "learner-9"), "not JSON", "log a"))
    assert summary.exit_code == 1
    assert summary.lines()[1:] == [
        "2 submission(s) could not be graded:",
        "  learner-9/lab-a: not JSON",
        "  learner-1/lab-b: timed out",
        "nbgrader's log of each failure is in course/decisionlab-grade-failures.log.",
    ]
    summary.write_failure_log(tmp_path / "failures.log")
    text = (tmp_path / "failures.log").read_text()
    assert text.index("log a") < text.index("log b")
