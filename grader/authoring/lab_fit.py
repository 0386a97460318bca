"""Does each scenario fit its lab: the lab notebook's grade cells, and the lab's other scenarios?

A lab notebook has one locked grade cell per decision, with fixed points, and shows one
decision panel per decision, so every scenario of the lab must declare the same decision
ids and points as the notebook, and the same kinds as each other.

Who is blamed when they disagree matters to an author: the problem must point at the file
they changed, not at the ones they left alone.  The notebook is the reference for ids and
points.  A lab with no notebook, and kinds (which the notebook does not record), follow
the majority of the lab's scenarios; a tie goes to the course's scenarios that were not
named for validation, the ones the author is least likely to be editing.  The lab's other
scenarios in the course's folders take part even when they were not named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from grader.authoring.lab_notebook import LabNotebook, lab_ids_in, notebook_path, read_lab_notebook
from grader.authoring.scenario_file import ScenarioFile
from grader.autograde.cells import decision_grade_id
from grader.catalog import scenarios_for
from grader.schema import Problem, Scenario

T = TypeVar("T", bound=Hashable)
_SAME = 1e-9  # points are floats; equal points may differ in the last bit


@dataclass(frozen=True)
class _Member:
    """A scenario of the lab, and whether it was named for validation."""

    scenario: Scenario
    named: bool


@dataclass(frozen=True)
class _Reference:
    """What the lab expects of each of its scenarios, and who says so."""

    lab: str
    notebook: LabNotebook | None
    points: dict[str, float]  # decision id -> points
    points_holders: list[str]  # scenarios that agree with `points` (without a notebook)
    kinds: dict[str, tuple[str, list[str]]]  # decision id -> (kind, scenarios using it)


def lab_problems(files: Sequence[ScenarioFile], labs: Path, course_folders: Sequence[Path]) -> list[Problem]:
    """Problems with how each of ``files`` fits its lab (see the module docstring).

    ``labs`` holds the lab notebooks (``<lab>/<lab>.ipynb``); ``course_folders`` are searched
    for the lab's other scenarios.  Only ``files`` are blamed.
    """
    problems: list[Problem] = []
    by_lab: dict[str, list[ScenarioFile]] = {}
    for file in files:
        by_lab.setdefault(file.scenario.lab, []).append(file)
    for lab, members in by_lab.items():
        notebook, found = read_lab_notebook(labs, lab)
        problems.extend(found)
        if notebook is None and not found:
            labs_there = ", ".join(lab_ids_in(labs)) or "none"
            problems.extend(
                file.problem(
                    f"no lab notebook {notebook_path(labs, lab)} for lab '{lab}' (the labs: {labs_there}); "
                    "name one of them, or add the lab's notebook",
                    "lab",
                )
                for file in members
            )
        named = {file.scenario.id for file in members}
        others = [s for s in scenarios_for(lab, tuple(course_folders)) if s.id not in named]
        everyone = [_Member(f.scenario, True) for f in members] + [_Member(s, False) for s in others]
        reference = _reference(lab, notebook, everyone)
        for file in members:
            problems.extend(_differences(file, reference))
    return problems


def _reference(lab: str, notebook: LabNotebook | None, everyone: list[_Member]) -> _Reference:
    if notebook is not None:
        points, points_holders = dict(notebook.points), []
    else:
        shape, points_holders = _most_common(
            everyone, lambda s: tuple(sorted((d.id, d.points) for d in s.decisions))
        )
        points = dict(shape)
    kinds: dict[str, tuple[str, list[str]]] = {}
    for decision_id in {d.id for m in everyone for d in m.scenario.decisions}:
        having = [m for m in everyone if decision_id in {d.id for d in m.scenario.decisions}]
        kinds[decision_id] = _most_common(having, lambda s, i=decision_id: s.decision(i).kind)
    return _Reference(lab, notebook, points, points_holders, kinds)


def _most_common(members: list[_Member], key: Callable[[Scenario], T]) -> tuple[T, list[str]]:
    """The most common value of ``key`` and the scenarios that have it.

    A tie goes to the value held by scenarios that were not named, then to the first seen.
    """
    counts = Counter(key(m.scenario) for m in members)
    unnamed = {key(m.scenario) for m in members if not m.named}
    order = list(dict.fromkeys(key(m.scenario) for m in members))
    best = max(order, key=lambda value: (counts[value], value in unnamed, -order.index(value)))
    return best, [m.scenario.id for m in members if key(m.scenario) == best]


def _differences(file: ScenarioFile, ref: _Reference) -> list[Problem]:
    problems: list[Problem] = []
    scenario = file.scenario
    for index, decision in enumerate(scenario.decisions):
        expected = ref.points.get(decision.id)
        if expected is None:
            problems.append(file.problem(_unknown(decision.id, ref), "decisions", index, "id"))
        elif abs(decision.points - expected) > _SAME:
            message = _other_points(decision.id, decision.points, expected, ref)
            problems.append(file.problem(message, "decisions", index, "points"))
        kind, holders = ref.kinds[decision.id]
        if kind != decision.kind:
            problems.append(
                file.problem(
                    f"'{decision.id}' is a '{decision.kind}' decision here, but a '{kind}' one in "
                    f"{_scenarios(holders)} of lab '{ref.lab}'; the notebook shows one panel for every "
                    f"scenario, so make it '{kind}'",
                    "decisions",
                    index,
                    "kind",
                )
            )
    declared = {d.id for d in scenario.decisions}
    for decision_id, points in ref.points.items():
        if decision_id not in declared:
            problems.append(file.problem(_missing(decision_id, points, ref), "decisions"))
    return problems


def _unknown(decision_id: str, ref: _Reference) -> str:
    if ref.notebook is not None:
        return (
            f"'{decision_id}' is not a decision of lab '{ref.lab}': {ref.notebook.path} has no grade cell "
            f"{decision_grade_id(decision_id)} (its decision cells: {ref.notebook.describe()}); use one of "
            "those ids, or add the grade cell to the notebook"
        )
    return (
        f"'{decision_id}' is not a decision of {_scenarios(ref.points_holders)} of lab '{ref.lab}' "
        f"(they have: {', '.join(ref.points)}); scenarios of one lab need the same decision ids"
    )


def _other_points(decision_id: str, points: float, expected: float, ref: _Reference) -> str:
    if ref.notebook is not None:
        return (
            f"'{decision_id}' has {points:g} points here, but its grade cell "
            f"{decision_grade_id(decision_id)} in {ref.notebook.path} gives {expected:g}; every scenario "
            f"of lab '{ref.lab}' must give it {expected:g}"
        )
    return (
        f"'{decision_id}' has {points:g} points here, but {expected:g} in {_scenarios(ref.points_holders)} "
        f"of lab '{ref.lab}'; scenarios of one lab need the same points"
    )


def _missing(decision_id: str, points: float, ref: _Reference) -> str:
    if ref.notebook is not None:
        return (
            f"no decision '{decision_id}', but {ref.notebook.path} grades it in its cell "
            f"{decision_grade_id(decision_id)} ({points:g} pts); every scenario of lab '{ref.lab}' needs it"
        )
    return (
        f"no decision '{decision_id}', but {_scenarios(ref.points_holders)} of lab '{ref.lab}' have it "
        f"({points:g} pts); scenarios of one lab need the same decisions"
    )


def _scenarios(ids: list[str]) -> str:
    return ("scenario " if len(ids) == 1 else "scenarios ") + ", ".join(ids)
