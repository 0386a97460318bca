"""Does validating a generated scenario build its variants and report a broken generator at its line?"""

from __future__ import annotations

import pytest

from grader.authoring import GENERATOR_CHECK_SEEDS, check_paths, check_scenario
from grader.labs import lab_code
from tests.authoring.scenario_copies import copy_scenario, line_of
from tests.conftest import FIXTURES

TEMPLATE = FIXTURES / "scenarios" / "generated-fixture"


@pytest.fixture
def parity_generator(fixture_lab_code):
    """The fixture lab 98_fixture, whose code is the parity generator."""
    return lab_code("98_fixture")


def test_a_working_generator_passes(parity_generator, fixture_labs):
    """Is a generated scenario whose generator keeps the contract valid, with its lab?"""
    scenarios, problems = check_paths([TEMPLATE])
    assert [str(p) for p in problems] == []
    assert [s.id for s in scenarios] == ["generated-fixture"]


def test_a_generator_that_crashes_is_a_problem_line(parity_generator, monkeypatch, tmp_path):
    """Is an exception inside a generator reported at the scenario's generator line, with its seed?"""

    def crashes(base, seed, folder=None):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(parity_generator.generators, "parity", crashes)
    copy = copy_scenario(TEMPLATE, tmp_path / "generated-fixture")
    scenario, problems = check_scenario(copy)
    (problem,) = [str(p) for p in problems]
    assert scenario is None
    assert f"scenario.yaml:{line_of(copy, 'generator: parity')}: generator: " in problem
    assert f"failed for seed {GENERATOR_CHECK_SEEDS[0]}: ZeroDivisionError" in problem


def test_the_schema_alone_does_not_run_the_generator(monkeypatch, parity_generator):
    """Does grader.schema's own check leave the generator alone (it is the authoring layer's job)?"""
    from grader.schema import check_scenario as check_schema

    def crashes(base, seed, folder=None):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(parity_generator.generators, "parity", crashes)
    scenario, problems = check_schema(TEMPLATE)
    assert scenario is not None and problems == []
    _, problems = check_scenario(TEMPLATE)
    assert problems, "the authoring check must try the generator and fail"
