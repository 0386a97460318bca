"""Cohort grading: nbgrader's autograde of every submission, fanned out on Dask.

``grade_course(course_dir, ...)`` (``decisionlab grade``) plans what needs grading
(``plan``), sends one task per submission to Dask workers (``fanout``), where nbgrader
autogrades it into a private blueprint gradebook (``blueprint``, ``worker``), and commits
each result to the course gradebook from one writer (``gradebook``), SQLite or PostgreSQL,
publishing its autograded folder after (``staging``); ``progress`` draws the bar and
``summary`` tells the result.  The design of the writes is in ``docs/scale.md``.
"""

from __future__ import annotations

from grader.grading.batch import grade_course
from grader.grading.course import CourseError
from grader.grading.summary import GradingSummary

__all__ = ["CourseError", "GradingSummary", "grade_course"]
