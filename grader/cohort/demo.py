"""A synthetic cohort, so an instructor can rehearse autograde and export before real learners.

``build_demo_cohort(dir, n)`` makes a ready nbgrader course: ``source/`` (the labs),
``release/`` (generated), and ``submitted/<learner>/<lab>/`` for ``n`` learners whose
profiles cycle through strong, weak and empty, with exactly one malformed submission.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grader.answers import Answers, AnswersStore, answers_path
from grader.catalog import assign, scenarios_for
from grader.engine.keys import perfect_answer, random_answer
from grader.labs import realise
from grader.paths import lab_ids
from grader.workspace.generate import COURSE_ID, generate_into

PROFILES = ("strong", "weak", "empty")
CONFIG = f'''"""nbgrader configuration of a Decision Lab course."""

from grader.autograde import configure

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "{COURSE_ID}"
c.CourseDirectory.source_directory = "source"
configure(c)
'''


@dataclass(frozen=True)
class SyntheticLearner:
    learner_id: str
    profile: str  # strong | weak | empty | malformed


def cohort_profiles(count: int) -> list[SyntheticLearner]:
    """Profiles for ``count`` learners: the last one malformed, the rest cycling."""
    if count < 1:
        raise ValueError("a cohort needs at least one learner")
    learners = [SyntheticLearner(f"learner-{i + 1:03d}", PROFILES[i % len(PROFILES)]) for i in range(count)]
    learners[-1] = SyntheticLearner(learners[-1].learner_id, "malformed")
    return learners


def build_demo_cohort(
    root: Path,
    learners: int,
    labs: list[str] | None = None,
    seed: int = 7,
    progress: Callable[[str], None] = print,
) -> list[SyntheticLearner]:
    """Build the course in ``root`` (see module docstring); returns the synthetic learners."""
    labs = labs or lab_ids()
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    release = generate_into(root, labs, progress)
    cohort = cohort_profiles(learners)
    rng = random.Random(seed)
    for number, learner in enumerate(cohort, start=1):
        progress(f"[{number}/{len(cohort)}] writing {learner.learner_id} ({learner.profile})")
        for lab_id in labs:
            folder = root / "submitted" / learner.learner_id / lab_id
            if folder.exists():
                shutil.rmtree(folder)
            shutil.copytree(release / lab_id, folder)
            _fill(folder, lab_id, learner, rng, root / "source" / lab_id)
    return cohort


def _fill(folder: Path, lab_id: str, learner: SyntheticLearner, rng: random.Random, source: Path) -> None:
    notebook = folder / f"{lab_id}.ipynb"
    if learner.profile == "empty":
        return
    if learner.profile == "malformed":
        # A hand-edited answers file cut off half-way: it must score nothing and stop nothing.
        answers_path(folder, lab_id).write_text('{"format": "decisionlab-answers", "choi', encoding="utf-8")
        return
    # Each synthetic learner works on the scenario and variant their id assigns, as a real one does.
    assignment = assign(scenarios_for(lab_id), lab_id, learner.learner_id)
    template, seed = assignment.template, assignment.seed
    scenario = realise(template, seed).scenario
    choose = perfect_answer if learner.profile == "strong" else (lambda d: random_answer(d, rng))
    answers = Answers(
        lab=lab_id,
        learner=learner.learner_id,
        variant_seed=seed,
        scenario=template.id,
        choices={assignment.choice_key: {d.id: choose(d) for d in scenario.decisions}},
    )
    AnswersStore(answers_path(folder, lab_id), lab_id).write(answers)
    if learner.profile == "strong":
        _paste_solutions(notebook, source / f"{lab_id}.ipynb")


def _paste_solutions(notebook: Path, source: Path) -> None:
    """Give the strong learner the instructor's solution code (markers removed)."""
    solutions = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in nbformat.read(source, as_version=4).cells
        if c.get("metadata", {}).get("nbgrader", {}).get("solution")
    }
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in solutions and cell.cell_type == "code":
            cell.source = "\n".join(
                line
                for line in solutions[grade_id].splitlines()
                if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line
            )
    nbformat.write(nb, notebook)
