"""Can any trick in a submission raise a grade, stop the batch, or pass unreported?

Every case is a real submission graded by real ``nbgrader autograde`` in one batch, next to
an honest one.  Each fixture is named after what the learner did.  For each we check that
the grade is no higher than the learner's real answers earn (as the engine scores them for
the scenario and variant assigned to that learner), that the batch finished, and that the
instructor can see it in the autograde log.

The batch grades with warm kernels (``c.Sandbox.warm_kernels``, as ``decisionlab grade``
grades) where they are possible: the tricks are about what grading believes, not about how a
kernel starts, and the attack tests grade every attack both ways.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from grader.answers import Answers, AnswersStore, answers_path
from grader.autograde.sandbox import warm_kernels_possible
from grader.catalog import choice_key
from grader.cohort.demo import build_demo_cohort
from grader.engine import score
from grader.engine.keys import perfect_answer
from tests.conftest import mixed_answers, own_variant

pytestmark = pytest.mark.slow
LAB = "01_sourcing_models"
SEED = 11


def _own(student: str) -> tuple:
    return own_variant(LAB, student)


def _honest_answers(student: str) -> Answers:
    """A weak learner's own answers: some right, some wrong, for their assigned scenario."""
    return mixed_answers(LAB, student, str(SEED))


def _points_earned_by(student: str, answers: Answers) -> float:
    """What the engine gives ``student`` for ``answers`` on the student's own assignment."""
    template, seed, scenario = _own(student)
    return score(scenario, answers.for_scenario(choice_key(template, seed))).points


def _cells(nb, **meta) -> list:
    return [
        c
        for c in nb.cells
        if all(c.get("metadata", {}).get("nbgrader", {}).get(k) == v for k, v in meta.items())
    ]


# --- what each tampering learner does to their submission ---------------------------------


def deletes_every_test_cell(folder: Path, nb) -> None:
    nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get("nbgrader", {}).get("grade")]


def edits_test_cells_to_give_full_marks(folder: Path, nb) -> None:
    for cell in _cells(nb, grade=True):
        points = cell.metadata["nbgrader"].get("points", 0)
        cell.source = f"{points}" if cell.metadata["nbgrader"]["grade_id"].startswith("decision-") else "pass"


def duplicates_cell_ids(folder: Path, nb) -> None:
    # Copies of every grade cell, with the same grade ids and cell ids, at the end, written
    # as raw JSON (nbformat.write would renumber the duplicated cell ids).
    copies = [json.loads(json.dumps(c)) for c in _cells(nb, grade=True)]
    for copy in copies:
        copy["source"] = str(copy["metadata"]["nbgrader"].get("points", 0))
    data = json.loads(nbformat.writes(nb))
    data["cells"].extend(copies)
    (folder / f"{LAB}.ipynb").write_text(json.dumps(data))
    raise _AlreadyWritten


PATCH_LOADER = """
import grader.answers.store as store, grader.engine as engine, grader.engine.rules as rules
from grader.engine.keys import perfect_answer
_real = store.AnswersStore.load
def _perfect_load(self, *args, **kwargs):
    report = _real(self, *args, **kwargs)
    from grader.catalog import scenarios_for
    for s in scenarios_for(self.lab_id):
        report.answers.choices[s.id] = {d.id: perfect_answer(d) for d in s.decisions}
    return report
store.AnswersStore.load = _perfect_load
class _Full:
    fraction, notes, problems = 1.0, [], []
rules.judge = engine.judge = lambda decision, value: _Full()
"""


def monkeypatches_the_engine_and_the_answers_loader(folder: Path, nb) -> None:
    nb.cells.insert(1, nbformat.v4.new_code_cell(PATCH_LOADER))


def forges_impossible_values(folder: Path, nb) -> None:
    path = answers_path(folder, LAB)
    data = json.loads(path.read_text())
    key = next(iter(data["choices"]))
    first = next(iter(data["choices"][key]))
    data["choices"][key].update(
        {
            "mexico_model": "all_of_them",
            "reform_checks": ["repse", "repse", "repse", 1e308, None, {"credit": 1}],
            "queue_mapping": {"order_status": ["offshore", "inhouse"], "nonexistent_queue": "offshore"},
            first: data["choices"][key][first],
        }
    )
    data["format_version"] = 1
    path.write_text(json.dumps(data))


def submits_another_learners_file(folder: Path, nb) -> None:
    """The file of a learner whose scenario differs, holding that scenario's perfect answers."""
    me = folder.parent.parent.name
    mine = _own(me)[0].id
    other = next(f"classmate-{i}" for i in range(100) if _own(f"classmate-{i}")[0].id != mine)
    template, seed, scenario = _own(other)
    perfect = {d.id: perfect_answer(d) for d in scenario.decisions}
    answers = Answers(
        lab=LAB,
        learner=other,
        variant_seed=seed,
        scenario=template.id,
        choices={choice_key(template, seed): perfect},
    )
    AnswersStore(answers_path(folder, LAB), LAB).write(answers)


def submits_a_huge_file(folder: Path, nb) -> None:
    path = answers_path(folder, LAB)
    data = json.loads(path.read_text())
    key = next(iter(data["choices"]))
    data["choices"][key]["padding"] = "x" * 5_000_000
    path.write_text(json.dumps(data))


def reveals_every_answer_before_submitting(folder: Path, nb) -> None:
    """Practice mode's expert answer asked for on every answered decision, then submitted."""
    store = AnswersStore(answers_path(folder, LAB), LAB)
    answers = store.load().answers
    for key, decisions in answers.choices.items():
        for decision_id in decisions:
            answers.revealed.setdefault(key, {})[decision_id] = "2026-11-29T10:00:00+00:00"
    store.write(answers)


class _AlreadyWritten(Exception):
    """A tamper that wrote the notebook itself."""


@dataclass(frozen=True)
class Case:
    student: str
    tamper: Callable[[Path, object], None]
    reported: str  # a pattern the autograde log shows for this student


CASES = [
    Case("deleted-tests", deletes_every_test_cell, r"Missing grade cell decision-"),
    Case(
        "edited-tests",
        edits_test_cells_to_give_full_marks,
        r"Attribute 'checksum' for cell decision-\w+ has changed",
    ),
    Case("duplicated-ids", duplicates_cell_ids, r"exists multiple times"),
    Case(
        "patched-engine",
        monkeypatches_the_engine_and_the_answers_loader,
        r"decisionlab: patched-engine/.*kernel showed \d+ points but the submitted answers earn",
    ),
    Case("forged-values", forges_impossible_values, r"decisionlab: forged-values/.*(not an option|unknown)"),
    Case(
        "another-learners-file",
        submits_another_learners_file,
        r"decisionlab: another-learners-file/.*saved by learner 'classmate-",
    ),
    Case("huge-file", submits_a_huge_file, r"decisionlab: huge-file/.*larger than"),
    Case(
        "revealed-answers",
        reveals_every_answer_before_submitting,
        r"decisionlab: revealed-answers/.*: answer revealed before submission",
    ),
]
HONEST = "honest"


@pytest.fixture(scope="module")
def tampered_batch(tmp_path_factory, generated_course) -> tuple[Path, str, dict[str, float]]:
    """One course, one honest learner and one learner per trick, graded in one autograde run."""
    course = tmp_path_factory.mktemp("tamper")
    with generated_course.instead_of_generating():
        build_demo_cohort(course, 1, labs=[LAB], progress=lambda _: None)
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f"c.Sandbox.warm_kernels = {warm_kernels_possible()}\n")
    shutil.rmtree(course / "submitted")
    honest_points: dict[str, float] = {}
    for student in [HONEST, *(c.student for c in CASES)]:
        folder = course / "submitted" / student / LAB
        shutil.copytree(course / "release" / LAB, folder)
        answers = _honest_answers(student)
        AnswersStore(answers_path(folder, LAB), LAB).write(answers)
        honest_points[student] = _points_earned_by(student, answers)
    for case in CASES:
        folder = course / "submitted" / case.student / LAB
        notebook = folder / f"{LAB}.ipynb"
        nb = nbformat.read(notebook, as_version=4)
        try:
            case.tamper(folder, nb)
        except _AlreadyWritten:
            continue
        nbformat.write(nb, notebook)
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", LAB],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return course, run.stdout + run.stderr, honest_points


def _decision_grades(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "decisionlab") as gradebook:
        notebook = gradebook.find_submission_notebook(LAB, LAB, student)
        return {g.name: (g.score or 0.0) for g in notebook.grades}


def _log_of(log: str, student: str) -> str:
    """The part of the autograde log about ``student``'s submission."""
    parts = re.split(r"(?=\[AutogradeApp \| INFO\] Creating/updating student with ID )", log)
    return "".join(p for p in parts if p.split("\n", 1)[0].endswith(f"ID '{student}': {{}}"))


def test_honest_learner_is_graded_as_the_engine_says(tampered_batch):
    """Does the honest neighbour of the tricks get exactly what the engine gives?"""
    course, _, honest = tampered_batch
    grades = _decision_grades(course, HONEST)
    decisions = sum(v for k, v in grades.items() if k.startswith("decision-"))
    assert decisions == pytest.approx(honest[HONEST])
    maximum = sum(d.points for d in _own(HONEST)[2].decisions)
    assert 0 < honest[HONEST] < maximum, "the honest answers must earn part of the marks to mean anything"


@pytest.mark.parametrize("case", CASES, ids=[c.student for c in CASES])
def test_trick_raises_no_grade_and_is_reported(tampered_batch, case: Case):
    """Does this trick earn no more than the learner's real answers, and does the log name it?"""
    course, log, honest = tampered_batch
    grades = _decision_grades(course, case.student)
    decisions = {k: v for k, v in grades.items() if k.startswith("decision-")}
    maximum = sum(d.points for d in _own(case.student)[2].decisions)
    # Every decision cell is graded (restored if deleted, once if duplicated).
    assert set(decisions) == {f"decision-{d.id}" for d in _own(case.student)[2].decisions}
    assert sum(decisions.values()) <= honest[case.student] + 1e-9 < maximum
    # The code exercise is unsolved in every tampered submission: its tests must not pass.
    assert grades.get("paid_hours_tests", 0.0) == 0.0
    assert (course / "autograded" / case.student / LAB / f"{LAB}.ipynb").exists()
    assert re.search(case.reported, _log_of(log, case.student)), _log_of(log, case.student)[-2000:]


def test_revealed_answers_keep_their_points_and_are_marked(tampered_batch):
    """Does a learner who revealed answers get the same points, each revealed decision marked?"""
    course, log, honest = tampered_batch
    student = "revealed-answers"
    decisions = {k: v for k, v in _decision_grades(course, student).items() if k.startswith("decision-")}
    assert sum(decisions.values()) == pytest.approx(honest[student])
    answered = set(_honest_answers(student).for_scenario(next(iter(_honest_answers(student).choices))))
    graded = nbformat.read(course / "autograded" / student / LAB / f"{LAB}.ipynb", as_version=4)
    marked = {
        cell.metadata["nbgrader"]["grade_id"]
        for cell in graded.cells
        if "Answer revealed before submission" in str(cell.get("outputs", ""))
    }
    assert marked == {f"decision-{d}" for d in answered}
    assert len(re.findall(r"answer revealed before submission", _log_of(log, student))) == len(answered)
