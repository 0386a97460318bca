"""A graded course made through nbgrader's API in a second, no kernel: what `decisionlab grade`
leaves behind (a gradebook with every decision's points, the submitted answers files).

Each learner follows a profile: ``strong`` answers every decision with the key, ``weak``
answers at random (seeded by the learner), ``empty`` submits no answers file, ``missing``
submits nothing, and ``revealing`` is strong but asked for every expert answer first.  The
points in the gradebook are the engine's score of the answers, as `ScoreDecisions` writes
them.
"""

from __future__ import annotations

import random
import shutil
import warnings
from collections.abc import Mapping
from pathlib import Path

import pytest

from grader.answers import Answers, AnswersStore, answers_path
from grader.catalog import assign, choice_key, scenarios_for
from grader.engine import score_decision
from grader.engine.keys import perfect_answer, random_answer
from grader.labs import realise
from tests.grading.conftest import CONFIG, COURSE_ID, _empty_gradebook

LABS = ("00_orientation", "01_sourcing_models")
PROFILES = {
    "learner-01": "strong",
    "learner-02": "strong",
    "learner-03": "weak",
    "learner-04": "weak",
    "learner-05": "weak",
    "learner-06": "empty",
    "learner-07": "missing",
    "learner-08": "revealing",
}
CODE_CELL = "code_tests"  # a graded code cell beside the decisions, as the labs have
CODE_POINTS = 2.0


def graded_course(root: Path, profiles: Mapping[str, str], labs: tuple[str, ...] = LABS) -> Path:
    """The course in ``root``, its gradebook filled as autograde would have filled it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbgrader's add_submission trips SQLAlchemy warnings
        return _fill(root, profiles, labs)


def _fill(root: Path, profiles: Mapping[str, str], labs: tuple[str, ...]) -> Path:
    from nbgrader.api import Gradebook

    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    shutil.copyfile(_empty_gradebook(), root / "gradebook.db")
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID) as gradebook:
        for lab in labs:
            template = scenarios_for(lab)[0]
            gradebook.add_assignment(lab)
            gradebook.add_notebook(lab, lab, kernelspec='{"name": "python3"}')
            gradebook.add_grade_cell(CODE_CELL, lab, lab, max_score=CODE_POINTS, cell_type="code")
            for decision in template.decisions:
                gradebook.add_grade_cell(
                    f"decision-{decision.id}", lab, lab, max_score=decision.points, cell_type="code"
                )
        for learner in profiles:
            gradebook.add_student(learner)
        for learner, profile in profiles.items():
            if profile == "missing":
                continue
            for lab in labs:
                points = _submit(root, lab, learner, profile)
                gradebook.add_submission(lab, learner)
                for cell, earned in points.items():
                    gradebook.find_grade(cell, lab, lab, learner).auto_score = earned
                gradebook.db.commit()
    return root


def _submit(root: Path, lab: str, learner: str, profile: str) -> dict[str, float]:
    """Write the learner's submitted answers file; the points each grade cell earns."""
    folder = root / "submitted" / learner / lab
    folder.mkdir(parents=True)
    (folder / f"{lab}.ipynb").write_text("{}", encoding="utf-8")
    assignment = assign(scenarios_for(lab), lab, learner)
    scenario = realise(assignment.template, assignment.seed).scenario
    if profile == "empty":
        return {CODE_CELL: 0.0, **{f"decision-{d.id}": 0.0 for d in scenario.decisions}}
    rng = random.Random(learner)
    choices = {
        d.id: perfect_answer(d) if profile in ("strong", "revealing") else random_answer(d, rng)
        for d in scenario.decisions
    }
    key = choice_key(assignment.template, assignment.seed)
    revealed = {key: {d.id: "2026-01-01T00:00:00+00:00" for d in scenario.decisions}}
    answers = Answers(
        lab=lab,
        learner=learner,
        variant_seed=assignment.seed,
        scenario=assignment.template.id,
        choices={key: choices},
        revealed=revealed if profile == "revealing" else {},
    )
    AnswersStore(answers_path(folder, lab), lab).write(answers)
    points = {f"decision-{d.id}": score_decision(d, choices[d.id]).points for d in scenario.decisions}
    return {CODE_CELL: CODE_POINTS if profile != "weak" else 0.0, **points}


@pytest.fixture(scope="module")
def eight_learner_course(tmp_path_factory) -> Path:
    """Eight learners in labs 00 and 01: strong, weak, empty, missing and revealing (read only)."""
    return graded_course(tmp_path_factory.mktemp("report") / "course", PROFILES)
