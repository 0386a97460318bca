"""A graded course's results as CSV files: per decision for analysis, per lab for an LMS.

``export_course(course_dir, folder)`` (``decisionlab export``) reads the course's gradebook
(``grader.gradebook``, shared with the report) and each graded submission's answers file (``decisions``), and
writes ``decisions.csv`` (``decisions_csv``), ``gradebook_canvas.csv`` (``canvas``) and
``gradebook_moodle.csv`` (``moodle``).  Every column is described in ``docs/export.md``.
"""

from __future__ import annotations

from grader.export.course_export import export_course
from grader.export.records import DecisionRow, ExportSummary, GradebookSnapshot, GradedLab, Lab, Learner

__all__ = [
    "DecisionRow",
    "ExportSummary",
    "GradebookSnapshot",
    "GradedLab",
    "Lab",
    "Learner",
    "export_course",
]
