"""Is a course release graded in assessment mode, and the self-study workspace in practice?"""

from __future__ import annotations

import json

import pytest

from grader.paths import lab_ids
from grader.runtime import SETTINGS_FILE, Runtime
from grader.workspace import generate
from grader.workspace.generate import set_release_mode


@pytest.fixture
def no_mode_variable(monkeypatch):
    monkeypatch.delenv("DECISIONLAB_MODE", raising=False)


def test_release_mode_is_written_into_every_lab(tmp_path, no_mode_variable):
    """Does every released lab get a settings file that the runtime reads as its mode?"""
    set_release_mode(tmp_path, ["00_orientation", "01_sourcing_models"], "assessment")
    for lab_id in ("00_orientation", "01_sourcing_models"):
        assert json.loads((tmp_path / lab_id / SETTINGS_FILE).read_text()) == {"mode": "assessment"}
        assert Runtime.read(tmp_path / lab_id).mode == "assessment"


def test_an_instructors_own_choice_is_kept(tmp_path, no_mode_variable):
    """Is a lab whose source folder names a mode released with the instructor's file untouched?"""
    source, release = tmp_path / "source", tmp_path / "release"
    for folder in (source, release):
        (folder / "00_orientation").mkdir(parents=True)
        (folder / "00_orientation" / SETTINGS_FILE).write_text('{"mode": "practice"}')
    set_release_mode(release, ["00_orientation", "01_sourcing_models"], "assessment", source=source)
    assert Runtime.read(release / "00_orientation").mode == "practice"
    assert Runtime.read(release / "01_sourcing_models").mode == "assessment"


def test_self_study_versions_ask_for_practice(monkeypatch):
    """Does ``learner_versions`` (``decisionlab start``, Binder) generate in practice mode?"""
    asked = {}

    def generate_into(course_root, labs=None, progress=None, mode="assessment"):
        asked["mode"] = mode
        return course_root / "release"

    monkeypatch.setattr(generate, "generate_into", generate_into)
    _, handle = generate.learner_versions()
    handle.cleanup()
    assert asked == {"mode": "practice"}


def test_a_course_release_defaults_to_assessment():
    """Is assessment the mode ``generate_into`` releases in when the caller names none?"""
    import inspect

    assert inspect.signature(generate.generate_into).parameters["mode"].default == "assessment"


@pytest.mark.slow
def test_generated_course_release_is_in_assessment(generated_course, no_mode_variable):
    """Does every lab nbgrader released for the course open in assessment mode?"""
    for lab_id in lab_ids():
        runtime = Runtime.read(generated_course.release / lab_id)
        assert (runtime.mode, runtime.mode_source) == (
            "assessment",
            str(generated_course.release / lab_id / SETTINGS_FILE),
        )


@pytest.mark.slow
def test_self_study_versions_carry_no_exam_copies_nor_warnings(tmp_path, caplog, no_mode_variable):
    """Does a practice release write no withheld scenario copies, and log no warning meant for an
    instructor releasing an exam?"""
    import logging

    from grader.autograde.release import RELEASE_PACK

    with caplog.at_level(logging.WARNING):
        release = generate.generate_into(tmp_path / "course", ["00_orientation"], mode="practice")
    assert Runtime.read(release / "00_orientation").mode == "practice"
    assert not (release / "00_orientation" / RELEASE_PACK).exists()
    assert not [r for r in caplog.records if "ships with the package" in r.getMessage()]
