"""Does real nbgrader grade a synthetic cohort exactly as the engine scores its answers?

The cohort of every lab is one nbgrader course per lab, so that the labs are graded side by
side (one ``nbgrader autograde`` per core) instead of one after another: each has its own
gradebook, which SQLite would not share between two writing processes.

The cohort is graded with warm kernels (``c.Sandbox.warm_kernels``, as ``decisionlab grade``
grades) where they are possible: a kernel forked from a warm process need not start Python and
import the package again for each notebook.  Cold kernels, one bubblewrap each, still grade the
cheating learner below and the sandbox, attack and tamper tests.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.answers import AnswersStore, answers_path
from grader.autograde.sandbox import warm_kernels_possible
from grader.catalog import assigned_scenario, choice_key, scenarios_for, variant_seed
from grader.cohort.demo import SyntheticLearner, build_demo_cohort
from grader.engine import score
from grader.notebook.graded import graded_scenario
from grader.paths import lab_ids, scenario_dirs

pytestmark = pytest.mark.slow
# Every profile, and every scenario of every lab (both checked below); five would do today,
# six keep two strong and two weak learners.
LEARNERS = 6


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=1800,
    )


@dataclass(frozen=True)
class GradedCohort:
    root: Path  # one nbgrader course per lab: root/<lab_id>/
    learners: list[SyntheticLearner]

    def course(self, lab_id: str) -> Path:
        return self.root / lab_id


def _autograde_and_export(course: Path, lab_id: str) -> str:
    """What went wrong, or "" when both commands succeeded."""
    run = _nbgrader(course, "autograde", lab_id)
    if run.returncode != 0:
        return f"autograde {lab_id} failed:\n{run.stdout[-3000:]}{run.stderr[-3000:]}"
    export = _nbgrader(course, "export")
    return "" if export.returncode == 0 else f"export {lab_id} failed:\n{export.stderr[-3000:]}"


@pytest.fixture(scope="module")
def graded_cohort(tmp_path_factory, generated_course) -> GradedCohort:
    """The same synthetic learners in every lab (from the session's learner versions),
    autograded with warm kernels where possible and exported, a lab per course."""
    root = tmp_path_factory.mktemp("cohort")
    with generated_course.instead_of_generating():
        cohorts = [
            build_demo_cohort(root / lab_id, LEARNERS, labs=[lab_id], progress=lambda _: None)
            for lab_id in lab_ids()
        ]
    assert all(cohort == cohorts[0] for cohort in cohorts)
    for lab_id in lab_ids():
        with (root / lab_id / "nbgrader_config.py").open("a") as config:
            config.write(f"c.Sandbox.warm_kernels = {warm_kernels_possible()}\n")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        problems = list(pool.map(lambda lab_id: _autograde_and_export(root / lab_id, lab_id), lab_ids()))
    assert not any(problems), "\n".join(problems)
    return GradedCohort(root, cohorts[0])


def _engine_points(course: Path, learner: str, lab_id: str) -> dict[str, float]:
    """What the engine says, read from the submitted (not the autograded) answers file."""
    folder = course / "submitted" / learner / lab_id
    path = answers_path(folder, lab_id)
    try:
        json.loads(path.read_text()) if path.exists() else None
    except json.JSONDecodeError:
        return {}
    answers = AnswersStore(path, lab_id).load(move_aside_corrupt=False).answers
    # The learner is graded on the scenario and variant their id assigns, whatever the file says.
    template = assigned_scenario(scenarios_for(lab_id), lab_id, learner)
    seed = variant_seed(lab_id, learner) if template.generator else 0
    # As the grading step scores it: with what the lab's model adds (lab 05 prices every wave order).
    scenario = graded_scenario(lab_id, template, seed, scenario_dirs())
    result = score(scenario, answers.for_scenario(choice_key(template, seed)))
    return {d.decision_id: d.points for d in result.decisions}


def test_every_decision_grade_equals_the_engine(graded_cohort):
    """Is every learner's decision grade in the gradebook what `score` gives their answers?"""
    from nbgrader.api import Gradebook

    checked = 0
    for lab_id in lab_ids():
        course = graded_cohort.course(lab_id)
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "decisionlab") as gradebook:
            for learner in graded_cohort.learners:
                expected = _engine_points(course, learner.learner_id, lab_id)
                notebook = gradebook.find_submission_notebook(lab_id, lab_id, learner.learner_id)
                for grade in notebook.grades:
                    if not grade.name.startswith("decision-"):
                        continue
                    decision_id = grade.name.removeprefix("decision-")
                    assert grade.auto_score == pytest.approx(expected.get(decision_id, 0.0)), (
                        learner,
                        lab_id,
                        decision_id,
                    )
                    checked += 1
    assert checked >= LEARNERS * 2


def test_the_cohort_covers_every_scenario_of_every_lab(graded_cohort):
    """Is every scenario of every lab graded for at least one learner of the cohort?"""
    for lab_id in lab_ids():
        pool = scenarios_for(lab_id)
        graded = {
            assigned_scenario(pool, lab_id, learner.learner_id).id for learner in graded_cohort.learners
        }
        assert graded == {s.id for s in pool}, lab_id


def test_profiles_order_as_expected(graded_cohort):
    """Do strong learners get full marks and empty or malformed ones nothing?"""
    cohort = graded_cohort.learners
    rows = []
    for lab_id in lab_ids():
        with (graded_cohort.course(lab_id) / "grades.csv").open() as handle:
            rows += list(csv.DictReader(handle))
    totals = {(r["student_id"], r["assignment"]): float(r["score"]) for r in rows}
    maxima = {r["assignment"]: float(r["max_score"]) for r in rows}
    assert len(rows) == LEARNERS * len(lab_ids())
    for learner in cohort:
        for lab_id in lab_ids():
            earned = totals[(learner.learner_id, lab_id)]
            if learner.profile == "strong":
                assert earned == maxima[lab_id]
            elif learner.profile in ("empty", "malformed"):
                assert earned == 0
            else:
                assert 0 <= earned <= maxima[lab_id]


def test_malformed_submission_does_not_stop_the_batch(graded_cohort):
    """Is every learner graded, the malformed one included?"""
    malformed = [c for c in graded_cohort.learners if c.profile == "malformed"]
    assert len(malformed) == 1
    for lab_id in lab_ids():
        course = graded_cohort.course(lab_id)
        assert (course / "autograded" / malformed[0].learner_id / lab_id / f"{lab_id}.ipynb").exists()


def test_graded_cells_write_nothing_to_stderr(graded_cohort):
    """Do no graded cells of any autograded notebook carry stderr output (nbgrader's zero)?"""
    import nbformat

    notebooks = list(graded_cohort.root.glob("*/autograded/*/*/*.ipynb"))
    assert notebooks
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade") and cell.cell_type == "code":
                streams = [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
                assert not streams, (path, cell.source, streams)


CHEAT_CELL = """
import json, pathlib
import grader.engine, grader.engine.rules
# Rewrite the answers file with a perfect key, and make the engine give full marks.
path = pathlib.Path("01_sourcing_models.answers.json")
data = json.loads(path.read_text())
from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
scenario = {s.id: s for s in scenarios_for("01_sourcing_models")}[data["scenario"]]
data["choices"][scenario.id] = {d.id: perfect_answer(d) for d in scenario.decisions}
path.write_text(json.dumps(data))
class Full:
    fraction = 1.0
    notes, problems = [], []
grader.engine.rules.judge = lambda decision, value: Full()
grader.engine.judge = grader.engine.rules.judge
"""


def test_cheating_cell_gains_nothing(tmp_path, generated_course):
    """Does a learner cell that rewrites the answers file and patches the engine gain nothing?"""
    import nbformat
    from nbgrader.api import Gradebook

    lab_id = "01_sourcing_models"
    with generated_course.instead_of_generating():
        cohort = build_demo_cohort(tmp_path, 3, labs=[lab_id], progress=lambda _: None)
    weak = cohort[1] if cohort[1].profile == "weak" else None
    assert weak is not None
    folder = tmp_path / "submitted" / weak.learner_id / lab_id
    notebook = folder / f"{lab_id}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(CHEAT_CELL))
    nbformat.write(nb, notebook)
    expected = _engine_points(tmp_path, weak.learner_id, lab_id)
    # Only the cheating learner is graded: the others' kernels would check nothing here.
    run = _nbgrader(tmp_path, "autograde", lab_id, "--student", weak.learner_id)
    assert run.returncode == 0, run.stderr
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}", "decisionlab") as gradebook:
        grades = gradebook.find_submission_notebook(lab_id, lab_id, weak.learner_id).grades
        got = {
            g.name.removeprefix("decision-"): g.auto_score for g in grades if g.name.startswith("decision-")
        }
    autograded = tmp_path / "autograded" / weak.learner_id / lab_id
    cheat = next(
        c for c in nbformat.read(autograded / f"{lab_id}.ipynb", as_version=4).cells if "Full()" in c.source
    )
    assert not [o for o in cheat.outputs if o.output_type == "error"], "the cheat itself must have run"
    # The rewrite succeeded inside the sandbox, on its own copy of the folder: the graded copy
    # keeps the submitted file.
    assert (autograded / f"{lab_id}.answers.json").read_text() == (
        folder / f"{lab_id}.answers.json"
    ).read_text()
    assert got == pytest.approx(expected)
    assert sum(expected.values()) < sum(d.points for d in scenarios_for(lab_id)[0].decisions), (
        "the weak learner's real answers must be below full marks for this test to mean anything"
    )
