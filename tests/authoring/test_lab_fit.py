"""Does validating a scenario check it against its lab notebook and its lab's other scenarios?"""

from __future__ import annotations

from pathlib import Path

from grader.authoring import check_paths
from grader.cli import main
from tests.authoring.scenario_copies import REPO, copy_scenario, edit, line_of
from tests.conftest import FIXTURES
from tests.fixtures.lab_notebooks import write_lab_notebook

LAB01 = "01_sourcing_models"
NOTEBOOK01 = REPO / "labs" / LAB01 / f"{LAB01}.ipynb"
SOURCING = ["sourcing-healthbenefits", "sourcing-homegoods"]
ALL_KINDS = FIXTURES / "scenarios" / "all-kinds"


def _messages(paths: list[Path], **where) -> list[str]:
    _, problems = check_paths(paths, **where)
    return [str(p) for p in problems]


def _fit_problems(paths: list[Path], **where) -> list[str]:
    """The problems with how scenarios fit each other, leaving out that their lab has no notebook."""
    return [p for p in _messages(paths, **where) if "no lab notebook" not in p]


def _new_lab01_scenario(folder: Path) -> Path:
    """An author's copy of a lab 01 scenario under a new id that gives queue_mapping 9 points, not 8."""
    source = REPO / "scenarios" / "sourcing-homegoods"
    new = copy_scenario(source, folder / "my-new-scenario", "my-new-scenario")
    edit(new, "    points: 8\n", "    points: 9\n")
    return new


def test_course_scenarios_fit_their_labs():
    """Do all scenarios shipped with the course fit their lab notebooks and each other?"""
    scenarios, problems = check_paths([REPO / "scenarios"])
    assert [str(p) for p in problems] == []
    assert len(scenarios) == len(list((REPO / "scenarios").glob("*/scenario.yaml")))


def test_one_copied_scenario_with_other_points_is_caught(tmp_path, capsys):
    """Is a lone scenario whose points differ from its lab notebook's grade cell reported at its line?"""
    new = _new_lab01_scenario(tmp_path)
    (problem,) = _messages([new])
    line = line_of(new, "points: 9")
    assert problem.startswith(f"{new / 'scenario.yaml'}:{line}: decisions.0.points: ")
    assert "9 points here" in problem and "decision-queue_mapping" in problem and "gives 8" in problem
    assert str(NOTEBOOK01) in problem
    assert main(["validate", str(new)]) == 1
    assert "OK" not in capsys.readouterr().out


def test_only_the_changed_scenario_is_blamed(scenario_pack):
    """Validating the whole folder, is the changed copy blamed and never the untouched ones?"""
    for name in SOURCING:
        copy_scenario(REPO / "scenarios" / name, scenario_pack / name)
    new = _new_lab01_scenario(scenario_pack)
    problems = _messages([scenario_pack])
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{new / 'scenario.yaml'}:{line_of(new, 'points: 9')}:")


def test_other_scenarios_not_named_are_not_blamed(tmp_path, scenario_pack):
    """Is a lab's other scenario that is wrong left out of a validation that did not name it?"""
    broken = copy_scenario(REPO / "scenarios" / "sourcing-homegoods", scenario_pack / "sourcing-homegoods")
    edit(broken, "    points: 8\n", "    points: 7\n")
    mine = copy_scenario(REPO / "scenarios" / "sourcing-healthbenefits", tmp_path / "mine", "mine")
    assert _messages([mine]) == []
    assert len(_messages([broken])) == 1


def test_decision_without_a_grade_cell_is_named_at_its_id(tmp_path):
    """Is a decision the notebook does not grade reported at its id, and the notebook's missing one too?"""
    new = copy_scenario(REPO / "scenarios" / "sourcing-homegoods", tmp_path / "renamed", "renamed")
    edit(new, "  - id: mexico_model\n", "  - id: mexico_choice\n")
    problems = _messages([new])
    unknown = next(p for p in problems if "mexico_choice" in p)
    assert f":{line_of(new, 'id: mexico_choice')}: decisions.1.id: " in unknown
    assert "no grade cell decision-mexico_choice" in unknown and "decision-mexico_model (3 pts)" in unknown
    missing = next(p for p in problems if "no decision 'mexico_model'" in p)
    assert f":{line_of(new, 'decisions:')}: decisions: " in missing and "decision-mexico_model" in missing
    assert len(problems) == 2, problems


def test_every_decision_cell_of_the_notebook_needs_a_decision(tmp_path, breakable_scenario, fixture_labs):
    """Is a notebook grade cell with no decision in the scenario reported at the scenario's decisions?"""
    points = {"pick_one": 2, "pick_many": 3, "place": 4, "rank": 3, "estimate": 2, "extra": 1}
    write_lab_notebook(fixture_labs, "99_fixture", points)
    (problem,) = _messages([breakable_scenario])
    assert f":{line_of(breakable_scenario, 'decisions:')}: decisions: no decision 'extra'" in problem


def test_matching_fixture_scenario_is_valid(breakable_scenario, fixture_labs, capsys):
    """Does `decisionlab validate` exit 0 for a scenario that fits its lab, 1 with a line per problem?"""
    assert main(["validate", str(breakable_scenario)]) == 0
    assert "OK: 1 scenario(s) valid." in capsys.readouterr().out
    edit(breakable_scenario, "points: 2", "points: -2")
    assert main(["validate", str(breakable_scenario)]) == 1
    out = capsys.readouterr().out
    assert "decisions.0.points" in out and "Traceback" not in out


def test_lab_without_a_notebook_names_the_labs(breakable_scenario, fixture_labs):
    """Is a scenario whose lab has no notebook reported at its lab line, with the labs there are?"""
    edit(breakable_scenario, "lab: 99_fixture", "lab: 99_fixtures")
    (problem,) = _messages([breakable_scenario])
    assert f"scenario.yaml:{line_of(breakable_scenario, 'lab: 99_fixtures')}: lab: " in problem
    assert "no lab notebook" in problem and "the labs: 98_fixture, 99_fixture" in problem


def test_without_a_notebook_the_majority_decides(tmp_path):
    """In a lab with no notebook, is the one scenario that differs from the others blamed, at its line?"""
    labs = tmp_path / "no-labs"
    labs.mkdir()
    folders = [copy_scenario(ALL_KINDS, tmp_path / "pool" / f"k{n}", f"k{n}") for n in (1, 2, 3)]
    edit(folders[1], "points: 4", "points: 5")
    (problem,) = _fit_problems([tmp_path / "pool"], labs=labs, course_folders=[])
    line = line_of(folders[1], "points: 5")
    assert problem.startswith(f"{folders[1] / 'scenario.yaml'}:{line}: decisions.2.points")
    assert "5 points here, but 4 in scenarios k1, k3" in problem


def test_a_tie_goes_to_the_scenario_not_named(tmp_path):
    """With no notebook and one scenario against one, is the named one blamed, not the course's?"""
    labs = tmp_path / "no-labs"
    labs.mkdir()
    course = tmp_path / "course"
    copy_scenario(ALL_KINDS, course / "theirs", "theirs")
    mine = copy_scenario(ALL_KINDS, tmp_path / "mine", "mine")
    edit(mine, "points: 3", "points: 6")
    (problem,) = _fit_problems([mine], labs=labs, course_folders=[course])
    assert "decisions.1.points" in problem and "but 3 in scenario theirs" in problem


def test_a_kind_that_differs_from_the_other_scenarios_is_blamed(tmp_path, fixture_labs):
    """Is a decision whose kind differs from the lab's other scenarios reported at its kind line?"""
    course = tmp_path / "course"
    for name in ("k1", "k2"):
        copy_scenario(ALL_KINDS, course / name, name)
    mine = copy_scenario(ALL_KINDS, tmp_path / "mine", "mine")
    edit(mine, "kind: single", "kind: multiple")
    edit(mine, "feedback: Best., credit: 1}", "feedback: Best., correct: true}")
    (problem,) = _messages([mine], course_folders=[course])
    assert f":{line_of(mine, 'kind: multiple')}: decisions.0.kind: " in problem
    assert "'multiple' decision here, but a 'single' one in scenarios k1, k2" in problem


def test_an_unreadable_notebook_is_reported_against_itself(breakable_scenario, fixture_labs):
    """Is a lab notebook that is not JSON reported at the notebook, not as a crash?"""
    (fixture_labs / "99_fixture" / "99_fixture.ipynb").write_text("{not json")
    notebook = fixture_labs / "99_fixture" / "99_fixture.ipynb"
    problems = _messages([breakable_scenario])
    assert any(p.startswith(f"{notebook}: this lab notebook could not be read") for p in problems), problems
