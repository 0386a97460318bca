"""One function that every nbgrader_config.py of the course calls."""

from __future__ import annotations

from typing import Any


def configure(c: Any, source_directory: str = "source") -> None:
    """Install the decision-grading steps around nbgrader's own autograde pipeline."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        Execute,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    from grader.autograde.preprocessors import CaptureSubmittedAnswers, ScoreDecisions

    c.CourseDirectory.source_directory = source_directory
    c.CourseDirectory.course_id = "decisionlab"
    # The same list as nbgrader 0.9's default, with our two steps around Execute.
    c.Autograde.autograde_preprocessors = [
        CaptureSubmittedAnswers,
        Execute,
        ScoreDecisions,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]
    # Answers files are never in the source folder, but if an instructor adds an example
    # one there, it must not replace a learner's submitted file.
    c.CourseDirectory.ignore = [
        ".ipynb_checkpoints",
        "*.pyc",
        "__pycache__",
        "feedback",
        "*.answers.json",
    ]
    c.Execute.timeout = 120
