"""Is every choice saved atomically, and does a broken file lose nothing silently?"""

from __future__ import annotations

import json

from grader.answers import Answers, AnswersStore, answers_path


def _store(tmp_path):
    return AnswersStore(answers_path(tmp_path, "01_lab"), "01_lab")


def test_record_then_load(tmp_path):
    """Is a recorded choice read back exactly?"""
    store = _store(tmp_path)
    store.record("s1", "d1", {"q": "near"}, learner="ana")
    loaded = store.load().answers
    assert loaded.for_scenario("s1") == {"d1": {"q": "near"}}
    assert loaded.learner == "ana" and loaded.scenario == "s1"


def test_two_writers_keep_each_others_choices(tmp_path):
    """Do two sessions recording different decisions keep both?"""
    first, second = _store(tmp_path), _store(tmp_path)
    first.record("s1", "d1", "a")
    second.record("s1", "d2", "b")
    first.record("s1", "d3", "c")
    assert _store(tmp_path).load().answers.for_scenario("s1") == {"d1": "a", "d2": "b", "d3": "c"}


def test_no_temporary_files_left(tmp_path):
    """Does an atomic write leave only the answers file (and its lock) behind?"""
    _store(tmp_path).record("s1", "d1", "a")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".01_lab.answers.json.lock", "01_lab.answers.json"]


def test_corrupt_file_is_moved_aside_not_deleted(tmp_path):
    """Is an unreadable file kept under another name, with a message?"""
    path = answers_path(tmp_path, "01_lab")
    path.write_text('{"format": "decisionlab-answers", "cho')
    report = _store(tmp_path).load()
    assert report.answers.choices == {}
    assert report.moved_aside is not None and report.moved_aside.read_text().startswith('{"format"')
    assert "could not be read" in report.warnings[0]


def test_hand_edited_entries_are_reported_and_the_rest_kept(tmp_path):
    """Are unusable entries reported while usable ones stay?"""
    path = answers_path(tmp_path, "01_lab")
    data = Answers(lab="01_lab", scenario="s1", choices={"s1": {"d1": "a"}}).to_json()
    data["choices"]["s2"] = "not a mapping"
    data["learner"] = 42
    path.write_text(json.dumps(data))
    report = _store(tmp_path).load()
    assert report.answers.for_scenario("s1") == {"d1": "a"}
    assert len(report.warnings) == 2


def test_nothing_written_while_nbgrader_executes(tmp_path, monkeypatch):
    """Does a re-executed notebook leave the submitted file untouched?"""
    store = _store(tmp_path)
    store.record("s1", "d1", "a")
    before = store.path.read_bytes()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    store.record("s1", "d1", "b")
    assert store.path.read_bytes() == before


def test_unwritable_place_raises_oserror(tmp_path):
    """Is a save that cannot happen an OSError the session can show, not silence?"""
    import pytest

    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    store = AnswersStore(answers_path(blocker, "01_lab"), "01_lab")
    with pytest.raises(OSError):
        store.record("s1", "d1", "a")
