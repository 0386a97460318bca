"""Does ``-n auto`` start as many workers as the selected tests can keep busy?"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from tests.conftest import (
    HANDED_OUT_BY,
    grouped_nodeid,
    leaves_out_slow_tests,
    loadscope_unit,
    pytest_configure_node,
    pytest_xdist_auto_num_workers,
)
from tests.labs.kpi_variants import LAB04_VARIANTS_GROUP


@pytest.mark.parametrize("markexpr", ["not slow", "not slow and not browser", "long and not slow"])
def test_a_run_without_slow_tests_is_recognised(markexpr):
    """Is an expression that deselects every slow test, whatever its other marks, recognised?"""
    assert leaves_out_slow_tests(markexpr)


MAY_HOLD_SLOW_TESTS = ["", "slow", "browser", "not browser", "not long", "not (", "slow or not slow"]


@pytest.mark.parametrize("markexpr", MAY_HOLD_SLOW_TESTS)
def test_a_run_that_may_hold_slow_tests_is_not(markexpr):
    """Is an expression under which some slow test still runs (or no expression, or a malformed
    one) never taken for a run without slow tests?"""
    assert not leaves_out_slow_tests(markexpr)


class _Config:
    def __init__(self, markexpr: str) -> None:
        self.markexpr = markexpr

    def getoption(self, name: str, default: object = None) -> object:
        return self.markexpr if name == "markexpr" else default


def test_only_the_slow_tests_get_a_worker_more_than_the_cpus():
    """Does ``-m "not slow"`` get one worker per CPU, and the whole suite one more?"""
    cpus = os.cpu_count() or 1
    assert pytest_xdist_auto_num_workers(_Config("not slow")) == cpus
    assert pytest_xdist_auto_num_workers(_Config("")) == cpus + 1


GROUPED = "tests/labs/test_kpi_generator.py::test_keys_differ[kpi-homegoods]@lab04-variants"


def test_the_modules_of_an_xdist_group_form_one_unit_of_work():
    """Under ``--dist loadscope``, do the tests of two modules in one ``xdist_group`` go to one
    worker together, while a module outside any group stays a unit of its own?"""
    other = "tests/labs/test_kpi_break_weeks.py::test_the_csat_dip[kpi-broadband]@lab04-variants"
    assert loadscope_unit(GROUPED) == loadscope_unit(other) == "lab04-variants"
    assert loadscope_unit("tests/labs/test_kpis.py::test_a[kpi-homegoods]") == "tests/labs/test_kpis.py"
    assert loadscope_unit("tests/labs/test_kpis.py::Sweep::test_a") == "tests/labs/test_kpis.py::Sweep"


def test_an_at_sign_in_a_parameter_names_no_group():
    """Is a test whose parameter id holds an ``@`` (an e-mail, say) kept with its module?"""
    assert loadscope_unit("tests/cohort/test_ids.py::test_id[ada@example.org]") == "tests/cohort/test_ids.py"


def test_a_grouped_test_names_its_group_as_xdist_does():
    """Does a test marked ``xdist_group`` get its group after an ``@``, as under ``--dist loadgroup``,
    and a test with no group keep its node id?"""
    assert grouped_nodeid(GROUPED.removesuffix("@lab04-variants"), ["lab04-variants"]) == GROUPED
    assert grouped_nodeid("tests/test_x.py::test_y", []) == "tests/test_x.py::test_y"


def _marks(module: ModuleType) -> list[pytest.Mark]:
    marks = getattr(module, "pytestmark", [])
    return [
        m.mark if isinstance(m, pytest.MarkDecorator) else m
        for m in (marks if isinstance(marks, list) else [marks])
    ]


def test_every_module_that_reads_lab_04_s_shared_variants_runs_in_their_group():
    """Does every lab test module that reads ``tests/labs/kpi_variants.py`` carry its ``xdist_group``
    (or its worker would build the variants again), and only those?"""
    readers, grouped = set(), set()
    for path in sorted((Path(__file__).parent / "labs").glob("test_*.py")):
        module = importlib.import_module(f"tests.labs.{path.stem}")
        if "tests.labs.kpi_variants" in path.read_text(encoding="utf-8"):
            readers.add(path.stem)
        if any(m.name == "xdist_group" and m.args == (LAB04_VARIANTS_GROUP,) for m in _marks(module)):
            grouped.add(path.stem)
    assert {"test_kpi_generator", "test_kpi_routine_staffing"} <= readers
    assert readers == grouped


def test_each_worker_is_told_how_the_controller_hands_out_tests():
    """Does each worker learn the controller's ``--dist`` mode (its own reads "no"), so that it names
    ``xdist_group`` groups only where the loadscope scheduler reads them?"""
    node = SimpleNamespace(config=SimpleNamespace(getvalue={"dist": "loadscope"}.get), workerinput={})
    pytest_configure_node(node)
    assert node.workerinput[HANDED_OUT_BY] == "loadscope"
