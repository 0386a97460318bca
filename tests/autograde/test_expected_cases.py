"""Does the generate-time step write each hidden test's cases into its cell, and only there?"""

from __future__ import annotations

import ast

import pytest
from nbconvert.preprocessors import Preprocessor
from nbgrader.converters import GenerateAssignment
from nbgrader.preprocessors import ComputeChecksums, SaveCells
from traitlets.config import Config

from grader.autograde import configure
from grader.autograde.expected_cases import EmbedExpectedCases, ExpectedCasesError
from grader.labs import expected_cases

HIDDEN_TEST = """assert benchmark_status(1, 0, 2) == "within"
### BEGIN HIDDEN TESTS
from grader.labs import expected_cases
from grader.notebook.checks import own_work

if True:
    cases = expected_cases("03_vendor_red_flags", "benchmark_status")
for (value, low, high), expected in cases:
    assert benchmark_status(value, low, high) == expected
### END HIDDEN TESTS"""


def test_the_marker_becomes_the_literal_cases_and_the_import_goes():
    """Is the marker replaced by the cases of the configured seed, at its indent, and the import dropped?"""
    source = EmbedExpectedCases(seed=41).embed(HIDDEN_TEST)
    assert "expected_cases" not in source
    assert "from grader.notebook.checks import own_work" in source
    assert source.startswith('assert benchmark_status(1, 0, 2) == "within"\n### BEGIN HIDDEN TESTS\n')
    assert "    # 25 cases drawn when the assignment was generated (seed 41)\n    cases = [\n" in source
    namespace: dict = {}
    exec(source.split("### BEGIN HIDDEN TESTS")[1].split("for (value")[0], namespace)
    assert namespace["cases"] == [
        tuple(c) for c in expected_cases("03_vendor_red_flags", "benchmark_status", 41)
    ]


def test_the_seed_is_fixed_when_configured_and_secret_otherwise():
    """Does a configured seed redraw the same cases, and does each generation draw its own otherwise?"""
    assert EmbedExpectedCases(seed=7).embed(HIDDEN_TEST) == EmbedExpectedCases(seed=7).embed(HIDDEN_TEST)
    step = EmbedExpectedCases()
    assert step.current_seed() == step.current_seed()
    drawn = {EmbedExpectedCases().current_seed() for _ in range(4)}
    assert len(drawn) > 1


def test_a_marker_outside_hidden_tests_is_refused():
    """Is a marker in the visible part refused, since its cases would reach the release?"""
    visible = 'cases = expected_cases("03_vendor_red_flags", "benchmark_status")\n' + HIDDEN_TEST
    with pytest.raises(ExpectedCasesError, match="line 1: expected_cases is used outside"):
        EmbedExpectedCases(seed=1).embed(visible)


def test_a_marker_that_is_not_on_its_own_line_is_refused():
    """Is a marker written inside an expression refused with the form it must take?"""
    inline = HIDDEN_TEST.replace(
        '    cases = expected_cases("03_vendor_red_flags", "benchmark_status")',
        '    cases = list(expected_cases("03_vendor_red_flags", "benchmark_status"))',
    )
    with pytest.raises(ExpectedCasesError, match="on its own line"):
        EmbedExpectedCases(seed=1).embed(inline)


def test_a_cell_without_a_marker_is_left_as_it_is():
    """Is a hidden test without a marker (lab 01's) unchanged?"""
    source = "x = 1\n### BEGIN HIDDEN TESTS\nassert x == 1\n### END HIDDEN TESTS"
    assert EmbedExpectedCases(seed=1).embed(source) == source


def test_the_written_cell_is_valid_python():
    """Does the rewritten cell parse, so the gradebook never stores a broken test?"""
    ast.parse(EmbedExpectedCases(seed=3).embed(HIDDEN_TEST))


# --------------------------------------------------------------------------- configure(c)


class CourseOwnStep(Preprocessor):
    """An extra step an instructor adds to generate_assignment in their nbgrader_config.py."""


def _default() -> list:
    return list(GenerateAssignment.class_traits()["preprocessors"].default())


def test_the_step_runs_before_the_first_checksum_and_so_before_save_cells():
    """On a fresh Config, is it nbgrader's list with our step just before the first ComputeChecksums?"""
    c = Config()
    configure(c)
    steps = c.GenerateAssignment.preprocessors
    default = _default()
    at = default.index(ComputeChecksums)
    assert steps == [*default[:at], EmbedExpectedCases, *default[at:]]
    assert steps.index(EmbedExpectedCases) < steps.index(SaveCells)


def test_a_courses_own_generate_steps_stay_and_configure_twice_changes_nothing():
    """Does a course's appended step stay, and does a second configure(c) leave the list as it was?"""
    c = Config()
    c.GenerateAssignment.preprocessors.append(CourseOwnStep)
    configure(c)
    once = list(c.GenerateAssignment.preprocessors)
    configure(c)
    assert c.GenerateAssignment.preprocessors == once
    assert once[-1] is CourseOwnStep and once.count(EmbedExpectedCases) == 1


@pytest.mark.parametrize(
    "lab_id", ["02_offshore_tradeoffs", "03_vendor_red_flags", "04_kpi_diagnosis", "05_roi_staffing"]
)
def test_the_solutions_pass_the_rewritten_tests_and_the_cells_need_no_reference(lab_id):
    """With the cases written in, do the lab's solutions pass its tests, with expected_cases gone?"""
    import nbformat

    from grader.paths import labs_dir

    step = EmbedExpectedCases(seed=2024)
    namespace: dict = {}
    for cell in nbformat.read(labs_dir() / lab_id / f"{lab_id}.ipynb", as_version=4).cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            exec(cell.source, namespace)
        elif meta.get("grade") and meta.get("grade_id", "").endswith("_tests"):
            source = step.embed(cell.source)
            assert "expected_cases" not in source and "(seed 2024)" in source
            exec(source, namespace)
