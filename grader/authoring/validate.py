"""Validate scenarios as ``decisionlab validate`` does: schema, generator, and lab."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from grader import paths as course
from grader.authoring.generators import generator_problems
from grader.authoring.lab_fit import lab_problems
from grader.authoring.scenario_file import ScenarioFile
from grader.schema import Problem, Scenario
from grader.schema import check_scenario as check_schema
from grader.schema.loader import SCENARIO_FILE, duplicate_id_problems, scenario_folders


def check_scenario(folder: Path) -> tuple[Scenario | None, list[Problem]]:
    """Validate one scenario folder including its generator; the scenario if all is well.

    The schema check of ``grader.schema.check_scenario``, plus variants built with the
    scenario's generator.  Its fit with its lab needs the other scenarios: see ``check_paths``.
    """
    file, problems = _checked(folder)
    return (file.scenario if file is not None and not problems else None), problems


def check_paths(
    paths: Iterable[Path], labs: Path | None = None, course_folders: Sequence[Path] | None = None
) -> tuple[list[Scenario], list[Problem]]:
    """Validate scenario folders (or folders of them), each against its lab.

    ``labs`` holds the lab notebooks (default: the course's); ``course_folders`` are where
    the labs' other scenarios are found (default: ``grader.paths.scenario_dirs()``).
    Returns the scenarios without problems, and every problem found.
    """
    folders, problems = scenario_folders(paths)
    files: list[ScenarioFile] = []
    for folder in folders:
        file, found = _checked(folder)
        problems.extend(found)
        if file is not None:
            files.append(file)
    problems.extend(duplicate_id_problems([(f.path, f.scenario) for f in files]))
    problems.extend(
        lab_problems(
            files,
            course.labs_dir() if labs is None else labs,
            course.scenario_dirs() if course_folders is None else course_folders,
        )
    )
    blamed = {p.file for p in problems}
    return [f.scenario for f in files if f.path not in blamed], problems


def _checked(folder: Path) -> tuple[ScenarioFile | None, list[Problem]]:
    """The scenario in ``folder`` with its lines, if it passes the schema; and its problems."""
    scenario, problems = check_schema(folder)
    if scenario is None:
        return None, problems
    path = folder / SCENARIO_FILE if folder.is_dir() else folder
    file = ScenarioFile.read(path, scenario)
    return file, [*problems, *generator_problems(file)]
