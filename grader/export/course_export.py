"""``decisionlab export``: a graded course's results as CSV files an instructor and an LMS can read.

``export_course(course_dir, folder)`` reads the course's gradebook once
(``grader.gradebook``, as the report does), joins each graded submission's decision points to the choices of
its answers file (``decisions``), and writes ``decisions.csv``, ``gradebook_canvas.csv``
and ``gradebook_moodle.csv`` into ``folder``.  Nothing in the course is changed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from grader.export.canvas import write_canvas
from grader.export.decisions import ScenarioSource, decision_rows
from grader.export.decisions_csv import write_decisions
from grader.export.moodle import write_moodle
from grader.export.records import DecisionRow, ExportSummary, GradedLab
from grader.gradebook import read_gradebook
from grader.grading.course import Course, CourseError, open_course
from grader.grading.results import SubmissionId

# Reading a submission's answers file takes milliseconds: a bar only helps a large cohort.
PROGRESS_FROM = 50


def export_course(
    course_dir: Path,
    folder: Path,
    *,
    db_url: str | None = None,
    stream: TextIO | None = None,
    show_progress: bool | None = None,
) -> ExportSummary:
    """Export the course in ``course_dir`` into ``folder`` (made if missing); see the module docstring.

    ``db_url`` overrides the course's gradebook.  ``CourseError`` in one line for a user's
    mistake: no course, no gradebook, nothing graded, an output path that is a file.
    """
    course = open_course(course_dir)
    if folder.exists() and not folder.is_dir():
        raise CourseError(f"the output {folder} is a file, not a folder")
    snapshot = read_gradebook(db_url or course.db_url, f"decisionlab grade {course.root}")
    rows, notes = _decision_rows(course, snapshot.graded, stream, show_progress)
    folder.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(
        folder=str(folder.resolve()),
        learners=len(snapshot.learners),
        labs=len(snapshot.labs),
        notes=[*snapshot.notes, *notes],
    )
    summary.decision_rows = write_decisions(folder, rows)
    write_canvas(folder, snapshot)
    write_moodle(folder, snapshot)
    summary.files = ["decisions.csv", "gradebook_canvas.csv", "gradebook_moodle.csv"]
    return summary


def _decision_rows(
    course: Course, graded: tuple[GradedLab, ...], stream: TextIO | None, show_progress: bool | None
) -> tuple[list[DecisionRow], list[str]]:
    from tqdm import tqdm

    scenarios = _scenario_source(course)
    rows: list[DecisionRow] = []
    notes: list[str] = []
    if show_progress is None:
        # tqdm's own rule for None: draw on a terminal, stay silent in a log or a pipe.
        disable = None if len(graded) >= PROGRESS_FROM else True
    else:
        disable = not show_progress
    bar = tqdm(graded, unit="submission", desc="exporting", file=stream or sys.stderr, disable=disable)
    with bar:
        for lab in bar:
            folder = course.autograded_folder(SubmissionId(lab.lab, lab.learner))
            found, said = decision_rows(lab, folder, scenarios)
            rows += found
            notes += said
    return rows, notes


def _scenario_source(course: Course) -> ScenarioSource:
    """Where the course's grading finds scenarios: its ``ScoreDecisions`` settings, then the
    course package's own folders (relative folders are taken from the course folder, where
    nbgrader runs)."""
    from grader.autograde.preprocessors import ScoreDecisions
    from grader.paths import scenario_dirs

    step = ScoreDecisions(config=course.config)
    own = tuple(course.root / p for p in step.scenario_dirs)
    return ScenarioSource((*own, *scenario_dirs()), trust_recorded=step.trust_recorded_assignment)
