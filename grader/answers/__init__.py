"""The answers file: one per lab, beside the notebook, written atomically."""

from grader.answers.store import (
    FORMAT,
    FORMAT_VERSION,
    Answers,
    AnswersStore,
    LoadReport,
    answers_path,
    grading_in_progress,
    parse_answers,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Answers",
    "AnswersStore",
    "LoadReport",
    "answers_path",
    "grading_in_progress",
    "parse_answers",
]
