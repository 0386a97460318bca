"""Does configure(c) add our steps to nbgrader's own chain, and leave everything else to the caller?"""

from __future__ import annotations

import pytest
from nbconvert.preprocessors import Preprocessor
from nbgrader.converters import Autograde
from nbgrader.preprocessors import DeduplicateIds, Execute
from traitlets.config import Config

from grader.autograde import CaptureSubmittedAnswers, ScoreDecisions, configure
from grader.autograde.confined_execute import ConfinedExecute
from grader.autograde.preprocessors import DeduplicateGradeIds


class CourseOwnStep(Preprocessor):
    """An extra step an instructor adds in their own nbgrader_config.py."""


def _default(name: str) -> list:
    return list(Autograde.class_traits()[name].default())


def _around_execute(steps: list) -> list:
    at = steps.index(Execute)
    return [*steps[:at], CaptureSubmittedAnswers, ConfinedExecute, ScoreDecisions, *steps[at + 1 :]]


def test_fresh_config_is_nbgraders_chain_with_our_steps_around_execute():
    """On a fresh Config, is it nbgrader's default list with capture just before Execute, score just after?"""
    c = Config()
    configure(c)
    assert c.Autograde.autograde_preprocessors == _around_execute(_default("autograde_preprocessors"))
    sanitize = _default("sanitize_preprocessors")
    assert c.Autograde.sanitize_preprocessors == [
        DeduplicateGradeIds if step is DeduplicateIds else step for step in sanitize
    ]
    assert DeduplicateIds not in c.Autograde.sanitize_preprocessors


def test_a_new_nbgrader_step_survives(monkeypatch):
    """If nbgrader's default list grows a step, does configure keep it (no copied list)?"""

    class StepOfANewerNbgrader(Preprocessor):
        pass

    trait = Autograde.class_traits()["autograde_preprocessors"]
    newer = [*_default("autograde_preprocessors"), StepOfANewerNbgrader]
    monkeypatch.setattr(trait, "default_value", newer)
    c = Config()
    configure(c)
    assert c.Autograde.autograde_preprocessors[-1] is StepOfANewerNbgrader
    assert c.Autograde.autograde_preprocessors == _around_execute(newer)


def test_the_callers_extra_step_survives():
    """Does a step the caller put in the list stay, where the caller put it?"""
    c = Config()
    mine = [Execute, CourseOwnStep, *_default("autograde_preprocessors")[1:]]
    c.Autograde.autograde_preprocessors = list(mine)
    configure(c)
    expected = [CaptureSubmittedAnswers, ConfinedExecute, ScoreDecisions, *mine[1:]]
    assert c.Autograde.autograde_preprocessors == expected


def test_a_step_appended_before_configure_survives():
    """Does `c.Autograde.autograde_preprocessors.append(...)` made before configure(c) stay?"""
    c = Config()
    c.Autograde.autograde_preprocessors.append(CourseOwnStep)
    configure(c)
    assert c.Autograde.autograde_preprocessors == _around_execute(
        [*_default("autograde_preprocessors"), CourseOwnStep]
    )


def test_steps_given_by_name_are_understood():
    """Are steps written as dotted names (as nbgrader allows) found and kept?"""
    c = Config()
    own = f"{__name__}.CourseOwnStep"
    c.Autograde.autograde_preprocessors = ["nbgrader.preprocessors.Execute", own]
    c.Autograde.sanitize_preprocessors = ["nbgrader.preprocessors.DeduplicateIds"]
    configure(c)
    configure(c)
    assert c.Autograde.autograde_preprocessors == [
        CaptureSubmittedAnswers,
        ConfinedExecute,  # nbgrader's own Execute, named or not, runs in the sandbox
        ScoreDecisions,
        own,
    ]
    assert c.Autograde.sanitize_preprocessors == [DeduplicateGradeIds]


def test_configure_twice_adds_nothing_twice():
    """Is configure idempotent?"""
    once = Config()
    configure(once)
    twice = Config()
    configure(twice)
    configure(twice)
    assert twice.Autograde.autograde_preprocessors == once.Autograde.autograde_preprocessors
    assert twice.Autograde.sanitize_preprocessors == once.Autograde.sanitize_preprocessors
    assert twice.Autograde.autograde_preprocessors.count(CaptureSubmittedAnswers) == 1


def test_misplaced_steps_are_put_around_execute():
    """If the caller listed our steps in the wrong places, are they moved next to Execute?"""
    c = Config()
    c.Autograde.autograde_preprocessors = [ScoreDecisions, Execute, CourseOwnStep, CaptureSubmittedAnswers]
    configure(c)
    expected = [CaptureSubmittedAnswers, ConfinedExecute, ScoreDecisions, CourseOwnStep]
    assert c.Autograde.autograde_preprocessors == expected


def test_course_identity_and_folders_are_the_callers():
    """Are course_id and the folders left as the caller set them (or unset)?"""
    c = Config()
    c.CourseDirectory.course_id = "econ-101"
    c.CourseDirectory.source_directory = "instructor"
    configure(c)
    assert c.CourseDirectory.course_id == "econ-101"
    assert c.CourseDirectory.source_directory == "instructor"
    fresh = Config()
    configure(fresh)
    assert "course_id" not in fresh.CourseDirectory and "source_directory" not in fresh.CourseDirectory


def test_grading_settings_are_made_unless_the_caller_chose():
    """Are the timeout and add_missing_cells set, without undoing a caller's own values?"""
    c = Config()
    configure(c)
    assert c.Execute.timeout == 120 and c.OverwriteCells.add_missing_cells is True
    chosen = Config()
    chosen.Execute.timeout = 600
    configure(chosen)
    assert chosen.Execute.timeout == 600


def test_a_chain_without_execute_is_refused():
    """Is a list with no Execute step a clear error rather than silently ungraded decisions?"""
    c = Config()
    c.Autograde.autograde_preprocessors = [CourseOwnStep]
    with pytest.raises(ValueError, match="no Execute step"):
        configure(c)


class CourseOwnExecute(Execute):
    """A course's own subclass of nbgrader's Execute."""


def test_a_courses_own_execute_is_kept():
    """Is a course's own Execute subclass left in place (only nbgrader's own one is confined)?"""
    c = Config()
    c.Autograde.autograde_preprocessors = [CourseOwnExecute]
    configure(c)
    assert c.Autograde.autograde_preprocessors == [CaptureSubmittedAnswers, CourseOwnExecute, ScoreDecisions]


def test_the_sandbox_is_checked_before_the_first_submission_unless_the_course_has_a_hook():
    """Is the sandbox check nbgrader's pre-convert hook, without replacing a course's own hook?"""
    from grader.autograde.confined_execute import CheckSandbox

    c = Config()
    configure(c)
    assert isinstance(c.Autograde.pre_convert_hook, CheckSandbox)
    own = Config()
    own.Autograde.pre_convert_hook = print
    configure(own)
    assert own.Autograde.pre_convert_hook is print
