"""Does the answers file keep which expert answers were revealed, and still read version 1?"""

from __future__ import annotations

import json

from grader.answers import FORMAT, AnswersStore, answers_path, parse_answers
from grader.answers.progress import export_progress, restore_progress

LAB = "00_orientation"
VERSION_1 = {
    "format": FORMAT,
    "format_version": 1,
    "lab": LAB,
    "learner": "ada",
    "scenario": "orientation-warmup",
    "variant_seed": 0,
    "choices": {"orientation-warmup": {"warmup_channel": "offshore"}},
    "saved_at": "2026-11-29T09:46:22+00:00",
}


def test_a_version_1_file_reads_as_nothing_revealed():
    """Does a version-1 file read with its choices and no reveals, without a warning?"""
    report = parse_answers(VERSION_1, LAB, "old.json")
    assert report.warnings == []
    assert report.answers.choices == VERSION_1["choices"]
    assert report.answers.revealed == {}


def test_a_version_1_file_is_written_back_as_version_2(tmp_path):
    """Once a reveal is recorded on a version-1 file, is it saved as version 2, choices kept?"""
    path = answers_path(tmp_path, LAB)
    path.write_text(json.dumps(VERSION_1))
    AnswersStore(path, LAB).record_reveal("orientation-warmup", "warmup_channel")
    saved = json.loads(path.read_text())
    assert saved["format_version"] == 2
    assert saved["choices"] == VERSION_1["choices"]
    assert list(saved["revealed"]["orientation-warmup"]) == ["warmup_channel"]


def test_an_unreadable_revealed_entry_is_reported_and_the_rest_kept():
    """Is a malformed reveal entry reported, while the well-formed ones and the choices are kept?"""
    data = {
        **VERSION_1,
        "format_version": 2,
        "revealed": {"good": {"d": "2026-11-29T10:00:00+00:00"}, "bad": 3},
    }
    report = parse_answers(data, LAB, "file.json")
    assert report.answers.revealed == {"good": {"d": "2026-11-29T10:00:00+00:00"}}
    assert report.warnings == ["file.json: revealed answers for 'bad' are unreadable"]
    assert report.answers.choices == VERSION_1["choices"]


def test_restoring_progress_never_drops_a_reveal(tmp_path):
    """Does a progress file carry reveals into a fresh workspace, keeping the earliest time?"""
    source, target = tmp_path / "a" / LAB, tmp_path / "b" / LAB
    source.mkdir(parents=True)
    target.mkdir(parents=True)
    store = AnswersStore(answers_path(source, LAB), LAB)
    store.record("orientation-warmup", "warmup_channel", "offshore")
    store.record_reveal("orientation-warmup", "warmup_channel")
    when = store.load().answers.revealed_at("orientation-warmup", "warmup_channel")
    export_progress(source.parent, tmp_path / "progress.json")
    restore_progress((tmp_path / "progress.json").read_bytes(), target.parent)
    restored = AnswersStore(answers_path(target, LAB), LAB).load().answers
    assert restored.revealed_at("orientation-warmup", "warmup_channel") == when
