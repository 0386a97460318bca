"""Does validating a generated scenario build its variants and report a broken generator at its line?"""

from __future__ import annotations

import pytest

from grader.authoring import GENERATOR_CHECK_SEEDS, check_paths, check_scenario
from grader.variants import GENERATORS
from tests.authoring.scenario_copies import copy_scenario, line_of
from tests.conftest import FIXTURES

TEMPLATE = FIXTURES / "scenarios" / "generated-fixture"


@pytest.fixture
def parity_generator(monkeypatch):
    monkeypatch.setitem(GENERATORS, "parity", "tests.fixtures.parity_generator")


def test_a_working_generator_passes(parity_generator, fixture_labs):
    """Is a generated scenario whose generator keeps the contract valid, with its lab?"""
    scenarios, problems = check_paths([TEMPLATE])
    assert [str(p) for p in problems] == []
    assert [s.id for s in scenarios] == ["generated-fixture"]


def test_a_generator_that_crashes_is_a_problem_line(parity_generator, monkeypatch, tmp_path):
    """Is an exception inside a generator reported at the scenario's generator line, with its seed?"""
    import tests.fixtures.parity_generator as module

    def crashes(base, seed):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(module, "realise", crashes)
    copy = copy_scenario(TEMPLATE, tmp_path / "generated-fixture")
    scenario, problems = check_scenario(copy)
    (problem,) = [str(p) for p in problems]
    assert scenario is None
    assert f"scenario.yaml:{line_of(copy, 'generator: parity')}: generator: " in problem
    assert f"failed for seed {GENERATOR_CHECK_SEEDS[0]}: ZeroDivisionError" in problem


def test_the_schema_alone_does_not_run_the_generator(monkeypatch):
    """Does grader.schema's own check leave the generator alone (it is the authoring layer's job)?"""
    from grader.schema import check_scenario as check_schema

    monkeypatch.setitem(GENERATORS, "parity", "tests.fixtures.no_such_module")
    scenario, problems = check_schema(TEMPLATE)
    assert scenario is not None and problems == []
    _, problems = check_scenario(TEMPLATE)
    assert problems, "the authoring check must try the generator and fail"
