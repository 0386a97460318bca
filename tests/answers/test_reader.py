"""Does the one answers reader give the learner's session and the grader the same answers and warnings?"""

from __future__ import annotations

import json
import logging

import pytest

from grader.answers import MAX_BYTES, Answers, AnswersStore, answers_path, read_answers
from grader.autograde import CaptureSubmittedAnswers
from grader.autograde.preprocessors import RESOURCE_KEY

LAB = "01_lab"


def _write(tmp_path, content: bytes):
    path = answers_path(tmp_path, LAB)
    path.write_bytes(content)
    return path


def _valid_file(tmp_path):
    data = Answers(lab=LAB, learner="ana", scenario="s1", choices={"s1": {"d1": "a"}}).to_json()
    return _write(tmp_path, json.dumps(data).encode())


def _capture(tmp_path, max_bytes: int = MAX_BYTES) -> tuple[Answers, list[str]]:
    step = CaptureSubmittedAnswers(max_bytes=max_bytes)
    resources = {"unique_key": LAB, "metadata": {"path": str(tmp_path)}, "nbgrader": {"student": "ana"}}
    _, resources = step.preprocess(None, resources)
    return resources[RESOURCE_KEY]["answers"], resources[RESOURCE_KEY]["warnings"]


def test_valid_file_reads_the_same_in_session_and_grader(tmp_path):
    """Do the store and the grading step read the same choices from one file?"""
    path = _valid_file(tmp_path)
    direct = read_answers(path, LAB)
    stored = AnswersStore(path, LAB).load().answers
    captured, warnings = _capture(tmp_path)
    assert direct.answers.for_scenario("s1") == stored.for_scenario("s1") == captured.for_scenario("s1")
    assert direct.warnings == [] and warnings == []
    assert not direct.missing and not direct.unreadable


def test_missing_file_is_no_warning_for_the_learner_but_noted_for_the_grader(tmp_path):
    """Is a missing file silent in a fresh lab and reported when a submission lacks it?"""
    report = read_answers(answers_path(tmp_path, LAB), LAB)
    assert report.missing and report.warnings == []
    assert AnswersStore(answers_path(tmp_path, LAB), LAB).load().warnings == []
    _, warnings = _capture(tmp_path)
    assert warnings == [f"no answers file ({LAB}.answers.json) was submitted"]


def test_file_over_the_cap_is_not_read(tmp_path):
    """Is a file larger than the cap left unread, with the size in the warning?"""
    _write(tmp_path, b'{"format": "decisionlab-answers", "pad": "' + b"x" * 200 + b'"}')
    report = read_answers(answers_path(tmp_path, LAB), LAB, max_bytes=100)
    assert report.unreadable and report.answers.choices == {}
    assert report.warnings == [f"{LAB}.answers.json is larger than 100 bytes and was not read"]
    _, warnings = _capture(tmp_path, max_bytes=100)
    assert warnings == report.warnings


def test_endless_file_costs_only_the_cap(tmp_path):
    """Does a link to an endless file (/dev/zero) stop at the cap instead of reading forever?"""
    zero = "/dev/zero"
    path = answers_path(tmp_path, LAB)
    try:
        path.symlink_to(zero)
    except OSError:
        pytest.skip("this system cannot make the link")
    report = read_answers(path, LAB, max_bytes=1000)
    assert "larger than 1000 bytes" in report.unreadable


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"format": "decisionlab-answers", "cho', "not valid JSON"),
        (b'{"format": "caf\xe9"}', "not UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=["cut-off", "latin-1", "deeply-nested"],
)
def test_undecodable_file_says_why(tmp_path, content, reason):
    """Is a file that is not UTF-8 JSON reported with the reason, the same way in both readers?"""
    _write(tmp_path, content)
    report = read_answers(answers_path(tmp_path, LAB), LAB)
    assert reason in report.unreadable
    assert report.warnings == [f"{LAB}.answers.json could not be read ({report.unreadable})"]
    _, warnings = _capture(tmp_path)
    assert warnings == report.warnings


def test_session_moves_an_unreadable_file_aside_with_the_reason(tmp_path):
    """Does the learner's store keep an unreadable file under a new name and say why?"""
    _write(tmp_path, b'{"format": "decisionlab-answers", "cho')
    report = AnswersStore(answers_path(tmp_path, LAB), LAB).load()
    assert report.moved_aside is not None and report.moved_aside.exists()
    (warning,) = report.warnings
    assert "could not be read (not valid JSON" in warning and report.moved_aside.name in warning


def test_grading_never_moves_a_file(tmp_path, monkeypatch):
    """While nbgrader executes, is an unreadable file left where it is?"""
    path = _write(tmp_path, b"\xff\xfe")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    report = AnswersStore(path, LAB).load()
    assert report.moved_aside is None and path.exists()
    assert report.warnings == [f"{LAB}.answers.json could not be read (not UTF-8 text)"]


def test_unusable_entries_are_reported_by_both(tmp_path, caplog):
    """Are hand-edited entries reported with the same words by the session and the grading log?"""
    data = Answers(lab=LAB, scenario="s1", choices={"s1": {"d1": "a"}}).to_json()
    data["choices"]["s2"] = "not a mapping"
    _write(tmp_path, json.dumps(data).encode())
    stored = AnswersStore(answers_path(tmp_path, LAB), LAB).load()
    with caplog.at_level(logging.WARNING):
        answers, warnings = _capture(tmp_path)
    assert warnings == stored.warnings == [f"{LAB}.answers.json: choices for scenario 's2' are unreadable"]
    assert answers.for_scenario("s1") == {"d1": "a"}
    assert "decisionlab: ana/01_lab: 01_lab.answers.json: choices for scenario 's2'" in caplog.text
