"""The answers file: one per lab, beside the notebook, written atomically."""

from grader.answers.format import FORMAT, FORMAT_VERSION, Answers, LoadReport, answers_path, parse_answers
from grader.answers.reader import MAX_BYTES, read_answers
from grader.answers.store import AnswersStore, grading_in_progress

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_BYTES",
    "Answers",
    "AnswersStore",
    "LoadReport",
    "answers_path",
    "grading_in_progress",
    "parse_answers",
    "read_answers",
]
