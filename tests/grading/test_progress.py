"""Does the progress bar count notebooks done, failed and left, and name a failure at once?"""

from __future__ import annotations

import io

from grader.grading.progress import GradingProgress
from grader.grading.results import FailedSubmission, GradedSubmission, SubmissionId


def _graded(student: str) -> GradedSubmission:
    return GradedSubmission(SubmissionId("lab-a", student), None, (), staging="unused", seconds=1.0)


def test_the_bar_counts_done_failed_and_left():
    """After one graded and one failed submission of three, does the bar say 1 done, 1 failed, 1 left?"""
    stream = io.StringIO()
    with GradingProgress(3, stream, shown=True) as progress:
        progress.finished(_graded("learner-1"), 1)
        progress.finished(FailedSubmission(SubmissionId("lab-a", "learner-2"), "NotJSONError: not JSON"), 1)
        assert (progress.done, progress.failed, progress.left) == (1, 1, 1)
    drawn = stream.getvalue()
    assert "done 1, failed 1, left 1" in drawn
    assert "failed: learner-2/lab-a: NotJSONError: not JSON" in drawn
    assert "2/3" in drawn


def test_a_failure_is_told_even_without_a_terminal():
    """Without a terminal (no bar), is a failure still written as one line?"""
    stream = io.StringIO()
    with GradingProgress(1, stream, shown=False) as progress:
        progress.finished(FailedSubmission(SubmissionId("lab-a", "learner-2"), "crashed"), 1)
    assert stream.getvalue() == "failed: learner-2/lab-a: crashed\n"
