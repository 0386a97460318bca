"""Does the report read what the cohort did: the gradebook's points and the submitted choices?"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
import warnings

from grader.answers import answers_path
from grader.report import DECISION_COLUMNS, decision_results, read_cohort
from tests.report.conftest import LABS, PROFILES


def test_every_graded_decision_of_every_submission_is_one_row(eight_learner_course):
    """Is there one row per submitted learner, lab and decision, with the shared columns?"""
    frame = decision_results(eight_learner_course)
    assert tuple(frame.columns) == DECISION_COLUMNS
    submitted = [learner for learner, profile in PROFILES.items() if profile != "missing"]
    assert sorted(frame["learner"].unique()) == submitted
    assert len(frame) == len(submitted) * (2 + 3)  # lab 00 has two decisions, lab 01 three
    assert not frame.duplicated(["learner", "lab", "decision"]).any()


def test_choices_are_the_submitted_ones_on_the_learners_own_scenario(eight_learner_course):
    """Is each choice the one in the learner's submitted answers file, under their scenario?"""
    frame = decision_results(eight_learner_course)
    row = frame[(frame["learner"] == "learner-03") & (frame["lab"] == LABS[1])].iloc[0]
    path = answers_path(eight_learner_course / "submitted" / "learner-03" / LABS[1], LABS[1])
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert row["scenario"] == saved["scenario"]
    assert row["choice"] == saved["choices"][row["scenario"]][row["decision"]]


def test_a_learner_without_answers_file_has_unanswered_decisions_at_zero(eight_learner_course):
    """Does a submission with no answers file give unanswered decisions worth nothing?"""
    frame = decision_results(eight_learner_course)
    empty = frame[frame["learner"] == "learner-06"]
    assert empty["choice"].isna().all()
    assert (empty["points"] == 0).all()


def test_a_missing_submission_is_missing_not_zero(eight_learner_course):
    """Is a lab a learner never submitted marked as not submitted, with no score?"""
    scores = read_cohort(eight_learner_course).scores
    missing = scores[scores["learner"] == "learner-07"]
    assert len(missing) == len(LABS)
    assert not missing["submitted"].any()
    assert all(math.isnan(s) for s in missing["score"])


def test_revealed_answers_are_reported(eight_learner_course):
    """Is every decision whose expert answer the learner revealed marked as revealed, and no other?"""
    frame = decision_results(eight_learner_course)
    assert set(frame.loc[frame["revealed"], "learner"]) == {"learner-08"}
    assert frame.loc[frame["learner"] == "learner-08", "revealed"].all()


def test_a_grade_changed_by_hand_is_the_one_reported(eight_learner_course, tmp_path):
    """Does a manual grade in the gradebook win over the automatic one, as nbgrader's total does?"""
    from nbgrader.api import Gradebook

    course = shutil.copytree(eight_learner_course, tmp_path / "course")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "decisionlab") as gradebook:
            grade = gradebook.find_grade("decision-warmup_channel", LABS[0], LABS[0], "learner-04")
            grade.manual_score = 0.75
            gradebook.db.commit()
    frame = decision_results(course)
    row = frame[(frame["learner"] == "learner-04") & (frame["decision"] == "warmup_channel")]
    assert row["points"].tolist() == [0.75]


def test_the_autograded_copy_of_the_answers_file_is_read_first(eight_learner_course, tmp_path):
    """Is the answers file autograde kept (autograded/) read before the one in submitted/?"""
    course = shutil.copytree(eight_learner_course, tmp_path / "course")
    source = course / "submitted" / "learner-01" / LABS[0]
    kept = course / "autograded" / "learner-01" / LABS[0]
    kept.mkdir(parents=True)
    data = json.loads(answers_path(source, LABS[0]).read_text(encoding="utf-8"))
    data["choices"][data["scenario"]]["warmup_channel"] = "nearshore"
    answers_path(kept, LABS[0]).write_text(json.dumps(data), encoding="utf-8")
    frame = decision_results(course)
    row = frame[(frame["learner"] == "learner-01") & (frame["decision"] == "warmup_channel")]
    assert row["choice"].tolist() == ["nearshore"]


def test_a_course_configured_for_grading_is_read_without_importing_nbgrader(eight_learner_course, tmp_path):
    """Does the report read a course whose nbgrader_config.py installs the grading chain with the
    same rows, and without importing nbgrader (seconds of start-up the report does not need)?"""
    course = shutil.copytree(eight_learner_course, tmp_path / "course")
    config = course / "nbgrader_config.py"
    config.write_text(
        config.read_text(encoding="utf-8") + "from grader.autograde import configure\nconfigure(c)\n",
        encoding="utf-8",
    )
    probe = (
        "import sys; from pathlib import Path; from grader.report import decision_results; "
        f"frame = decision_results(Path({str(course)!r})); "
        "print(len(frame), sorted(m for m in sys.modules if m.split('.')[0] in ('nbgrader', 'nbformat')))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.split() == [str(len(decision_results(eight_learner_course))), "[]"]
