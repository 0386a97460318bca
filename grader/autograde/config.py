"""One function that every nbgrader_config.py of the course calls."""

from __future__ import annotations

from typing import Any


def configure(c: Any, source_directory: str = "source") -> None:
    """Install the decision-grading steps around nbgrader's own autograde pipeline."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        ClearOutput,
        Execute,
        IgnorePattern,
        LimitOutput,
        OverwriteCells,
        OverwriteKernelspec,
        SaveAutoGrades,
    )

    from grader.autograde.preprocessors import CaptureSubmittedAnswers, DeduplicateGradeIds, ScoreDecisions

    c.CourseDirectory.source_directory = source_directory
    c.CourseDirectory.course_id = "decisionlab"
    # nbgrader 0.9's default sanitize list, with a DeduplicateIds that leaves no empty metadata.
    c.Autograde.sanitize_preprocessors = [
        ClearOutput,
        DeduplicateGradeIds,
        OverwriteKernelspec,
        OverwriteCells,
        CheckCellMetadata,
    ]
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
    # Answers files must never sit in the source folder: nbgrader would copy a source file
    # over the learner's submitted one.  `generate_into` leaves them out, and a test checks
    # that labs/ holds none.  (They must not be in CourseDirectory.ignore either: ignored
    # files are not copied from submitted/ to autograded/.)
    c.Execute.timeout = 120
    # A learner who deletes a grade cell gets it back, run against their work (and a
    # decision cell scored from their answers file), rather than a silent zero; nbgrader
    # logs each one it adds.
    c.OverwriteCells.add_missing_cells = True
