"""Does the own-work check fail a function that calls the course's reference code, and only that?"""

from __future__ import annotations

import math
import sys

import numpy as np
import pandas as pd
import pytest

from grader.display.errors import LabInputError
from grader.labs import lab_code
from grader.models.queueing import required_agents, service_level
from grader.notebook.checks import own_work


def agents_by_library(calls, minutes, aht, sl=0.8, seconds=20):
    """A learner's answer that hands the whole calculation to the course's staffing model."""
    return required_agents(calls, minutes * 60, aht, sl, seconds).raw_agents


def agents_by_search(calls, minutes, aht, sl=0.8, seconds=20):
    """A learner's answer that searches agents itself, with the Erlang C formula it was given."""
    traffic = calls * aht / (minutes * 60)
    agents = math.floor(traffic) + 1
    while service_level(traffic, agents, aht, seconds) < sl:
        agents += 1
    return agents


def test_pandas_numpy_and_math_are_free_to_use():
    """Does a function built on pandas, NumPy and math pass the check?"""
    with own_work("repeat_rate"):
        frame = pd.DataFrame({"week": [1, 1, 2], "queue": list("aba"), "calls": [3, 4, 5]})
        frame.pivot_table(index="week", columns="queue", values="calls", aggfunc="sum")
        np.sqrt(np.arange(5)).sum() + math.exp(1)


def test_calling_the_reference_fails_with_one_line_naming_it():
    """Does an answer that calls required_agents fail with one line naming the function and what it called?"""
    with pytest.raises(LabInputError) as failure:
        with own_work("agents_needed"):
            agents_by_library(100, 30, 180)
    message = str(failure.value)
    assert "\n" not in message
    assert message == (
        "agents_needed: write the calculation yourself; calling "
        "grader.models.queueing.staffing.required_agents is not accepted"
    )


def test_a_labs_reference_function_is_caught_too():
    """Is a lab's own reference function (lab 05's annual cost) caught, reached through grader.labs?"""
    annual_cost = lab_code("05_roi_staffing").reference["annual_cost"]
    with pytest.raises(LabInputError, match=r"calling grader\.labs\.05_roi_staffing\.costs\.annual_cost"):
        with own_work("annual_cost"):
            annual_cost([1, 2], 30, 10.0)


def test_a_reference_called_through_pandas_is_caught():
    """Is a reference reached through pandas' apply caught, not only a direct call?"""
    calls = pd.Series([100.0, 200.0])
    with pytest.raises(LabInputError, match="required_agents"):
        with own_work("agents_needed"):
            calls.apply(lambda c: agents_by_library(c, 30, 180))


def test_a_helper_the_exercise_gives_is_allowed_with_what_it_calls():
    """Does the given helper (service_level, which calls erlang_c) pass when allowed, and fail when not?"""
    with own_work("agents_needed", allow=["grader.models.queueing.service_level"]):
        assert agents_by_search(100, 30, 180) == 14
    with pytest.raises(LabInputError, match="service_level"):
        with own_work("agents_needed"):
            agents_by_search(100, 30, 180)


def test_allowing_one_helper_does_not_allow_the_reference():
    """With service_level allowed, is required_agents still caught?"""
    with pytest.raises(LabInputError, match="required_agents"):
        with own_work("agents_needed", allow=["grader.models.queueing.service_level"]):
            agents_by_library(100, 30, 180)


def test_a_wrong_answer_that_also_calls_the_reference_is_told_about_the_call():
    """When the test's own assertion fails too, is the message about the call to the reference?"""
    with pytest.raises(LabInputError, match="write the calculation yourself"):
        with own_work("agents_needed"):
            assert agents_by_library(100, 30, 180) == 0


def test_switching_the_check_off_inside_the_function_fails():
    """Does a function that removes the profiler to hide its calls fail the test?"""

    def sneaky(calls):
        sys.setprofile(None)
        return agents_by_library(calls, 30, 180)

    with pytest.raises(LabInputError, match="switched off"):
        with own_work("agents_needed"):
            sneaky(100)


def test_the_previous_profiler_comes_back():
    """Is a profiler that was set before the check set again after it, pass or fail?"""
    seen: list[str] = []

    def outer(frame, event, arg):
        seen.append(event)

    sys.setprofile(outer)
    try:
        with pytest.raises(LabInputError):
            with own_work("agents_needed"):
                agents_by_library(100, 30, 180)
        assert sys.getprofile() is outer
    finally:
        sys.setprofile(None)
