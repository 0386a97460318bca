"""Do the labs' hidden-test cases carry exact, plain expected values that agree with the references?"""

from __future__ import annotations

import ast
import math
import re

import nbformat
import pytest

from grader.labs import expected_cases, lab_code
from grader.labs.cases import AUTHOR_SEED, cases_literal, python_literal
from grader.models.cost import cost_per_resolved_contact
from grader.models.queueing import required_agents
from grader.paths import lab_ids, labs_dir
from tests.labs import lab_parts

BUILDERS = [(lab_id, name) for lab_id in lab_ids() for name in lab_code(lab_id).cases]
MARKER = re.compile(r"expected_cases\(\s*\"([\w-]+)\"\s*,\s*\"(\w+)\"\s*\)")


def _hidden_tests() -> dict[tuple[str, str], str]:
    """Every lab's hidden-test regions, by lab and grade id."""
    found = {}
    for lab_id in lab_ids():
        for cell in nbformat.read(labs_dir() / lab_id / f"{lab_id}.ipynb", as_version=4).cells:
            if "### BEGIN HIDDEN TESTS" in cell.source:
                region = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
                found[lab_id, cell.metadata["nbgrader"]["grade_id"]] = region
    return found


def test_every_case_builder_is_named_by_a_hidden_test_and_every_marker_has_one():
    """Does each lab's case builder serve a hidden test, and does every marker name a builder that exists?"""
    markers = {m for region in _hidden_tests().values() for m in MARKER.findall(region)}
    assert markers == set(BUILDERS)
    assert {lab for lab, _ in BUILDERS} == {
        "02_offshore_tradeoffs",
        "03_vendor_red_flags",
        "04_kpi_diagnosis",
        "05_roi_staffing",
    }


def test_no_hidden_test_asks_the_package_for_a_reference_or_a_model():
    """Does no hidden test call a reference function or import grader.models (only markers and checks)?"""
    for (lab_id, grade_id), region in _hidden_tests().items():
        tree = ast.parse(region)
        imported = [
            n.module if isinstance(n, ast.ImportFrom) else a.name
            for n in ast.walk(tree)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in n.names
        ]
        assert not [m for m in imported if m and m.startswith(("grader.models", "grader.labs."))], (
            lab_id,
            grade_id,
        )
        called = {
            n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        assert not called & {"reference", "lab_reference", "realise"}, (lab_id, grade_id)
        assert not re.search(r"\blab\.", region), (
            f"{lab_id} {grade_id}: a hidden test must not read the learner's variant"
        )


@pytest.mark.parametrize(("lab_id", "name"), BUILDERS)
def test_cases_are_plain_values_that_read_back_exactly(lab_id, name):
    """Is every case written as a literal that Python reads back to the very same values?"""
    cases = expected_cases(lab_id, name)
    assert cases, (lab_id, name)
    assert ast.literal_eval(cases_literal(cases)) == _as_tuples_and_lists(cases)


def _as_tuples_and_lists(value):
    if isinstance(value, list):
        return [_as_tuples_and_lists(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_as_tuples_and_lists(v) for v in value)
    if isinstance(value, dict):
        return {k: _as_tuples_and_lists(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("lab_id", "name"), BUILDERS)
def test_cases_follow_the_seed_and_only_the_seed(lab_id, name):
    """Does one seed always draw the same cases, and another seed different ones?"""
    assert cases_literal(expected_cases(lab_id, name, 11)) == cases_literal(expected_cases(lab_id, name, 11))
    assert cases_literal(expected_cases(lab_id, name, 11)) != cases_literal(expected_cases(lab_id, name, 12))


def test_an_unknown_function_names_the_builders_there_are():
    """Does asking for a function without a builder say which builders the lab has?"""
    with pytest.raises(KeyError, match="agents_needed, annual_cost"):
        expected_cases("05_roi_staffing", "payback")


def test_a_literal_refuses_nan_and_objects():
    """Are NaN, infinity and other objects refused, so that no case is inexact or unreadable?"""
    for bad in (math.nan, math.inf):
        with pytest.raises(ValueError, match="open bound as None"):
            python_literal([1.0, bad])
    with pytest.raises(TypeError, match="set"):
        python_literal({1, 2})
    import numpy as np

    assert python_literal((np.int64(3), np.float64(0.1), "it's")) == '(3, 0.1, "it\'s")'


# --------------------------------------------------------------------------- each lab's values


def test_cost_cases_are_the_cost_models_totals():
    """Is each lab 02 case the cost model's total, AHT converted from minutes to seconds?"""
    for (hourly, aht, fcr, rework, gov, attrition, hire, hours), expected in expected_cases(
        "02_offshore_tradeoffs", "cost_per_resolution", 5
    ):
        total = cost_per_resolved_contact(
            hourly,
            aht * 60,
            fcr,
            rework_share=rework,
            governance_share=gov,
            annual_attrition=attrition,
            cost_per_hire=hire,
            productive_hours_per_agent_year=hours,
        ).total
        assert expected == total


def test_benchmark_cases_cover_every_answer_bounds_and_open_sides():
    """Do lab 03's cases give every answer, sit on bounds, and open each side?"""
    cases = expected_cases("03_vendor_red_flags", "benchmark_status", 5)
    assert {expected for _, expected in cases} == {"below", "within", "above"}
    assert any(low is None and high is not None for (_, low, high), _ in cases)
    assert any(high is None and low is not None for (_, low, high), _ in cases)
    assert any(low is None and high is None for (_, low, high), _ in cases)
    assert any(value == low for (value, low, _), _ in cases)


def test_staffing_cases_are_erlang_c_agents():
    """Is each lab 05 staffing case required_agents' traffic and raw agents for its interval?"""
    for (calls, minutes, aht, sl, seconds), (traffic, agents) in expected_cases(
        "05_roi_staffing", "agents_needed", 5
    ):
        staffed = required_agents(calls, minutes * 60, aht, sl, seconds)
        assert (traffic, agents) == (staffed.traffic, staffed.raw_agents)


def test_kpi_cases_are_small_tables_from_variants_the_learner_does_not_have():
    """Are lab 04's tables a few hundred rows at most, from variants other than the author's default?"""
    import pandas as pd

    kpis = lab_parts("04_kpi_diagnosis")
    for (columns,), rates in expected_cases("04_kpi_diagnosis", "repeat_rate", 5):
        table = pd.DataFrame(columns)
        assert len(table) <= 300
        expected = kpis.repeat_rate_table(table)
        shown = pd.DataFrame(rates).loc[expected.index, expected.columns]
        pd.testing.assert_frame_equal(shown, expected, check_names=False)
    for reviews, selections in expected_cases("04_kpi_diagnosis", "error_mix", 5):
        assert len(reviews["week"]) == kpis.REVIEW_SAMPLE and len(selections) == 24
    assert expected_cases("04_kpi_diagnosis", "repeat_rate", 5) != expected_cases(
        "04_kpi_diagnosis", "repeat_rate", AUTHOR_SEED
    )


# --------------------------------------------------------------------------- the source notebooks


def _solutions_and_tests(lab_id: str) -> list[str]:
    cells = nbformat.read(labs_dir() / lab_id / f"{lab_id}.ipynb", as_version=4).cells
    meta = [c.get("metadata", {}).get("nbgrader", {}) for c in cells]
    return [
        c.source
        for c, m in zip(cells, meta, strict=True)
        if m.get("solution") or (m.get("grade") and m.get("grade_id", "").endswith("_tests"))
    ]


@pytest.mark.parametrize("lab_id", sorted({lab for lab, _ in BUILDERS}))
def test_a_source_notebooks_hidden_tests_run_as_written(lab_id):
    """Run as the author wrote them (markers computing their cases now), do the hidden tests pass the
    solutions?"""
    namespace: dict[str, object] = {}
    for source in _solutions_and_tests(lab_id):
        exec(source, namespace)
    assert "cases" in namespace
