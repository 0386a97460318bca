"""Does every lab notebook match its scenarios, and keep the contracts every lab shares?

Each test here runs once per lab (``grader.paths.lab_ids()``); a lab's own numbers are tested
in its own module.
"""

from __future__ import annotations

import nbformat
import pytest

from grader.catalog import scenarios_for
from grader.labs import lab_code
from grader.paths import lab_ids, labs_dir

# The orientation is a warm-up on how the lab works, the same for everyone; every other lab
# draws each learner's scenario from two at least, so its key cannot simply be passed on.
ONE_SCENARIO_LABS = {"00_orientation"}


def _cells(lab_id: str) -> list:
    return nbformat.read(labs_dir() / lab_id / f"{lab_id}.ipynb", as_version=4).cells


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _solutions(cells: list) -> dict[str, object]:
    """grade_id -> cell, for the code cells learners complete (nbgrader solution cells)."""
    return {
        _nbgrader(c)["grade_id"]: c for c in cells if c.cell_type == "code" and _nbgrader(c).get("solution")
    }


def _exercise_tests(cells: list) -> dict[str, object]:
    """grade_id -> cell, for the graded test cells of the exercises (``<solution grade_id>_tests``)."""
    names = {f"{grade_id}_tests" for grade_id in _solutions(cells)}
    return {
        _nbgrader(c)["grade_id"]: c
        for c in cells
        if c.cell_type == "code" and _nbgrader(c).get("grade") and _nbgrader(c).get("grade_id") in names
    }


# --- the scenarios behind the notebook ------------------------------------------------


@pytest.mark.parametrize("lab_id", lab_ids())
def test_lab_has_two_scenarios_at_least(lab_id):
    """Has the lab two scenarios at least (one only for the orientation), so its key cannot be passed on?"""
    pool = scenarios_for(lab_id)
    if lab_id in ONE_SCENARIO_LABS:
        assert len(pool) == 1, f"{lab_id} is listed as a one-scenario lab but has {len(pool)}"
    else:
        assert len(pool) >= 2, f"{lab_id} has {len(pool)} scenario(s)"


@pytest.mark.parametrize("lab_id", lab_ids())
def test_scenarios_of_a_lab_offer_the_same_decisions(lab_id):
    """Do all scenarios of the lab declare the same decision ids, kinds and points (one grade cell each)?"""
    shapes = {s.id: [(d.id, d.kind, d.points) for d in s.decisions] for s in scenarios_for(lab_id)}
    assert len({tuple(shape) for shape in shapes.values()}) == 1, shapes


# --- cells and decisions ----------------------------------------------------------------


@pytest.mark.parametrize("lab_id", lab_ids())
def test_decision_grade_cells_and_decisions_match_both_ways(lab_id):
    """Has every decision of every scenario one locked grade cell worth its points, and every
    ``decision-<id>`` cell a decision?"""
    found = [c for c in _cells(lab_id) if str(_nbgrader(c).get("grade_id", "")).startswith("decision-")]
    ids = [_nbgrader(c)["grade_id"].removeprefix("decision-") for c in found]
    assert len(ids) == len(set(ids)), f"{lab_id}: a decision grade cell appears twice: {sorted(ids)}"
    in_cells = {_nbgrader(c)["grade_id"].removeprefix("decision-"): _nbgrader(c).get("points") for c in found}
    pool = scenarios_for(lab_id)
    assert pool, f"lab {lab_id} has no scenario"
    for scenario in pool:
        declared = {d.id: d.points for d in scenario.decisions}
        no_cell, no_decision = (
            sorted(declared.keys() - in_cells.keys()),
            sorted(in_cells.keys() - declared.keys()),
        )
        assert not no_cell, f"{lab_id}/{scenario.id}: decisions with no grade cell: {no_cell}"
        assert not no_decision, f"{lab_id}/{scenario.id}: grade cells with no decision: {no_decision}"
        assert in_cells == declared, (
            f"{lab_id}/{scenario.id}: points differ, cells {in_cells}, scenario {declared}"
        )
    for cell, decision_id in zip(found, ids, strict=True):
        meta = _nbgrader(cell)
        assert meta.get("grade") and meta.get("locked") and not meta.get("solution"), (lab_id, decision_id)
        assert cell.cell_type == "code" and cell.source == f'lab.grade("{decision_id}")', (
            lab_id,
            decision_id,
        )


@pytest.mark.parametrize("lab_id", lab_ids())
def test_notebook_shows_every_decision_document_and_chart(lab_id):
    """Has each decision a panel, each document and named chart a cell, and is every cell id unique?"""
    cells = _cells(lab_id)
    sources = [c.source for c in cells]
    for scenario in scenarios_for(lab_id):
        for decision in scenario.decisions:
            assert f'lab.decide("{decision.id}")' in sources, (lab_id, decision.id)
        for document in scenario.documents:
            assert f'lab.document("{document.id}")' in sources, (lab_id, document.id)
    for name in lab_code(lab_id).charts:
        assert any(f'lab.chart("{name}")' in s for s in sources), (lab_id, name)
    assert len({c.id for c in cells}) == len(cells), f"{lab_id}: repeated cell ids"


# --- exercises --------------------------------------------------------------------------


@pytest.mark.parametrize("lab_id", lab_ids())
def test_every_exercise_is_checked_by_a_locked_test_cell(lab_id):
    """Is every solution cell followed by a locked test cell ``<id>_tests`` worth points, with hidden
    tests, and tagged to raise while the exercise is unfinished?"""
    cells = _cells(lab_id)
    tests = _exercise_tests(cells)
    for grade_id, solution in _solutions(cells).items():
        assert "### BEGIN SOLUTION" in solution.source, (lab_id, grade_id)
        check = tests.get(f"{grade_id}_tests")
        assert check is not None, f"{lab_id}: no graded test cell {grade_id}_tests"
        meta = _nbgrader(check)
        assert meta["locked"] and not meta.get("solution") and meta.get("points", 0) > 0, (lab_id, grade_id)
        assert cells.index(check) > cells.index(solution), (
            f"{lab_id}: {grade_id}_tests comes before its exercise"
        )
        assert "### BEGIN HIDDEN TESTS" in check.source, (lab_id, grade_id)
        assert "raises-exception" in _tags(check), (
            f"{lab_id}: {grade_id}_tests must be tagged raises-exception"
        )


@pytest.mark.parametrize("lab_id", lab_ids())
def test_raises_exception_only_on_exercises_and_their_tests(lab_id):
    """Is ``raises-exception`` only on solution cells and their test cells?

    A tagged cell may fail without failing the notebook run, so a tag anywhere else would
    hide a real error in the learner version.  A cell that uses an exercise's result checks
    for the unfinished exercise itself and says what to do first.
    """
    cells = _cells(lab_id)
    allowed = {id(c) for c in [*_solutions(cells).values(), *_exercise_tests(cells).values()]}
    stray = [
        f"cell {c.get('id')}: {c.source.splitlines()[0] if c.source else '(empty)'}"
        for c in cells
        if "raises-exception" in _tags(c) and id(c) not in allowed
    ]
    assert not stray, f"{lab_id}: raises-exception outside an exercise:\n" + "\n".join(stray)
