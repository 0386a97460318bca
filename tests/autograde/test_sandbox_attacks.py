"""Does the autograde sandbox stop each attack of a submitted notebook, with the batch unharmed?

One course, one honest learner and one learner per attack (``tests/fixtures/attacks``), graded
by real ``nbgrader autograde`` in one batch with the sandbox on, twice: here with kernels started
in bubblewrap of their own, and in ``test_sandbox_attacks_warm.py`` (the same tests) with kernels
forked from a warm sandbox (``c.Sandbox.warm_kernels``).  Each batch spends most of its time
waiting on the cell and notebook time limits the attacks run into: as two modules, pytest-xdist
(``--dist loadscope``) grades them on two workers at once.
The course grades with a copy of the package and its scenarios, and a private scenario pack,
so that an attack that got through would spoil the copies, not the checkout.  For each attack
we check that every grade is what the learners' own work earns, that no key file, gradebook
or other learner's folder changed, that nothing secret reached the notebook, and that the
autograde log names it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from grader.answers import Answers, AnswersStore, answers_path
from grader.autograde.sandbox import warm_kernels_possible
from grader.catalog import choice_key
from grader.cohort.demo import build_demo_cohort
from grader.engine import score
from tests.conftest import mixed_answers, own_variant

pytestmark = pytest.mark.slow
LAB = "01_sourcing_models"
ATTACKS = Path(__file__).parents[1] / "fixtures" / "attacks"
CHECKOUT = Path(__file__).resolve().parents[2]
HONEST = "honest"
CELL_TIMEOUT = 10
NOTEBOOK_TIMEOUT = 45
PAID_HOURS = """def paid_hours(contacts, aht_minutes, occupancy=0.8, shrinkage=0.27):
    if not 0 < occupancy <= 1:
        raise ValueError("occupancy must be above 0 and at most 1")
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be at least 0 and below 1")
    return contacts * aht_minutes / 60 / occupancy / (1 - shrinkage)
"""


@dataclass(frozen=True)
class Attack:
    fixture: str  # the file in tests/fixtures/attacks, named for what it tries
    reported: tuple[str, ...]  # what the autograde log says about it (patterns)

    @property
    def student(self) -> str:
        return self.fixture.replace("_", "-")


REFUSED = r"decisionlab: {student}/01_sourcing_models: sandbox: cell \d+ was refused by the sandbox: "
CASES = [
    Attack("rewrites_every_scenario_file", (REFUSED + r"OSError: \[Errno 30\] Read-only file system",)),
    Attack("raises_grades_in_the_gradebook", (REFUSED + r"OperationalError: unable to open database file",)),
    Attack("prints_hidden_tests", (REFUSED + r"FileNotFoundError: .*/source/01_sourcing_models",)),
    Attack("reads_another_learners_answers", (REFUSED + r"FileNotFoundError: .*/submitted/honest/",)),
    Attack("writes_into_another_learners_folder", (REFUSED + r"PermissionError: \[Errno 13\]",)),
    Attack("connects_out", (REFUSED + r"(ConnectionRefusedError|OSError: \[Errno 101\])",)),
    Attack(
        "forks_and_allocates_without_limit",
        (
            REFUSED + r"BlockingIOError: \[Errno 11\]",
            r"{student}/01_sourcing_models: sandbox: cell \d+ ran out of memory",
        ),
    ),
    Attack(
        "loops_forever",
        (
            r"{student}/01_sourcing_models: sandbox: cell \d+ ran past the \d+ s cell time limit and was "
            r"interrupted",
            r"{student}/01_sourcing_models: sandbox: cell \d+ ran past \d+ s and did not stop when "
            r"interrupted; it and every later code cell are graded as failing",
        ),
    ),
    Attack(
        "kills_its_own_kernel",
        (r"{student}/01_sourcing_models: sandbox: the kernel died at cell \d+",),
    ),
    Attack(
        "sleeps_past_the_notebook_cap",
        (r"{student}/01_sourcing_models: sandbox: the notebook ran past its 45 s cap at cell \d+",),
    ),
]


def _own(student: str) -> tuple:
    return own_variant(LAB, student)


def _answers_of(student: str) -> Answers:
    """A learner's own answers: some right, some wrong, one left out."""
    return mixed_answers(LAB, student, "sandbox")


def _earned(student: str, answers: Answers) -> dict[str, float]:
    template, seed, scenario = _own(student)
    result = score(scenario, answers.for_scenario(choice_key(template, seed)))
    return {f"decision-{d.decision_id}": d.points for d in result.decisions}


def _cells_of(fixture: str, constants: str) -> list:
    sources = (ATTACKS / f"{fixture}.txt").read_text().split("# %%\n")
    return [nbformat.v4.new_code_cell(constants), *(nbformat.v4.new_code_cell(s) for s in sources)]


def _grade_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _fingerprint(*folders: Path) -> dict[str, str]:
    """Every file under ``folders`` and its content's hash."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@dataclass
class Batch:
    course: Path
    log: str
    returncode: int
    expected: dict[str, dict[str, float]]
    before: dict[str, str]
    after: dict[str, str]
    connections: int


@pytest.fixture(scope="module")
def attacked_batch(tmp_path_factory, generated_course) -> Batch:
    """The honest learner and every attacker, autograded in one run with the sandbox on, each
    kernel in bubblewrap of its own."""
    return grade_attacks(tmp_path_factory, generated_course, warm=False)


def grade_attacks(tmp_path_factory, generated_course, warm: bool) -> Batch:
    """The honest learner and every attacker, autograded in one run with the sandbox on: each
    kernel in bubblewrap of its own (cold), or forked from one warm sandbox (warm), where each
    attacker's kernel is forked from the process the previous learner's kernel came from."""
    if warm and not warm_kernels_possible():
        pytest.skip("warm kernels need root on Linux")
    root = tmp_path_factory.mktemp("attacks")
    package = root / "package"  # what the course grades with: a copy of the checkout's parts
    for part in ("grader", "scenarios", "labs"):
        shutil.copytree(CHECKOUT / part, package / part, ignore=shutil.ignore_patterns("__pycache__"))
    pack = root / "pack"
    shutil.copytree(CHECKOUT / "scenarios", pack)
    course = root / "course"
    with generated_course.instead_of_generating():
        build_demo_cohort(course, 1, labs=[LAB], progress=lambda _: None)
    shutil.rmtree(course / "submitted")
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(
            f"c.Execute.timeout = {CELL_TIMEOUT}\n"
            f"c.Sandbox.notebook_timeout = {NOTEBOOK_TIMEOUT}\n"
            "c.Sandbox.memory_mb = 1536\n"
            f"c.Sandbox.warm_kernels = {warm}\n"
        )
    server = socket.create_server(("127.0.0.1", 0))
    server.setblocking(False)
    port = server.getsockname()[1]
    values = (str(course), LAB, HONEST, str(pack), port)
    constants = f"COURSE, LAB, OTHER, PACK, PORT = {values!r}"
    expected: dict[str, dict[str, float]] = {}
    for student in [HONEST, *(a.student for a in CASES)]:
        folder = course / "submitted" / student / LAB
        shutil.copytree(course / "release" / LAB, folder)
        answers = _answers_of(student)
        AnswersStore(answers_path(folder, LAB), LAB).write(answers)
        expected[student] = {**_earned(student, answers), "paid_hours_tests": 0.0}
        nb = nbformat.read(folder / f"{LAB}.ipynb", as_version=4)
        if student == HONEST:
            solution = next(c for c in nb.cells if _grade_id(c) == "paid_hours")
            solution.source = PAID_HOURS
            expected[student]["paid_hours_tests"] = 2.0
        else:
            attack = next(a for a in CASES if a.student == student)
            nb.cells[1:1] = _cells_of(attack.fixture, constants)
        nbformat.write(nb, folder / f"{LAB}.ipynb")
    watched = (package, pack, course / "source", course / "release", course / "submitted")
    before = _fingerprint(*watched)
    before[str(course / "nbgrader_config.py")] = (course / "nbgrader_config.py").read_text()
    env = {**os.environ, "PYTHONPATH": str(package), "DECISIONLAB_SCENARIOS": str(pack)}
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", LAB],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=1200,
        env=env,
    )
    after = _fingerprint(*watched)
    after[str(course / "nbgrader_config.py")] = (course / "nbgrader_config.py").read_text()
    connections = 0
    while True:
        try:
            server.accept()[0].close()
        except BlockingIOError:
            break
        connections += 1
    server.close()
    return Batch(course, run.stdout + run.stderr, run.returncode, expected, before, after, connections)


def _grades(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "decisionlab") as gradebook:
        notebook = gradebook.find_submission_notebook(LAB, LAB, student)
        return {g.name: g.score for g in notebook.grades}


def _outputs(course: Path, student: str) -> str:
    notebook = nbformat.read(course / "autograded" / student / LAB / f"{LAB}.ipynb", as_version=4)
    return json.dumps([c.get("outputs", []) for c in notebook.cells])


def test_the_batch_grades_everyone(attacked_batch):
    """Does autograde finish without an error, with every learner graded?"""
    assert attacked_batch.returncode == 0, attacked_batch.log[-4000:]
    for student in attacked_batch.expected:
        assert (attacked_batch.course / "autograded" / student / LAB / f"{LAB}.ipynb").exists(), student


def test_the_honest_learner_gets_what_their_work_earns(attacked_batch):
    """Does the honest learner beside the attacks get their answers' points and the code's?"""
    grades = _grades(attacked_batch.course, HONEST)
    assert grades == pytest.approx(attacked_batch.expected[HONEST])
    assert grades["paid_hours_tests"] == 2.0, "the honest solution must pass in the sandbox"


def test_no_key_file_gradebook_or_other_folder_changed(attacked_batch):
    """Are the package, its scenarios, the private pack, source/, release/, every submission
    and the config exactly as they were?"""
    assert attacked_batch.after == attacked_batch.before


def test_nothing_left_the_sandbox_by_the_network(attacked_batch):
    """Did the server on 127.0.0.1 get no connection?"""
    assert attacked_batch.connections == 0


@pytest.mark.parametrize("attack", CASES, ids=[a.fixture for a in CASES])
def test_attack_changes_no_grade_and_is_reported(attacked_batch, attack: Attack):
    """Does this attack leave its own grades at what its answers earn, and does the log name it?"""
    assert _grades(attacked_batch.course, attack.student) == pytest.approx(
        attacked_batch.expected[attack.student]
    )
    log = attacked_batch.log
    for pattern in attack.reported:
        assert re.search(pattern.format(student=attack.student), log), (pattern, log[-3000:])


def test_no_secret_reaches_an_attackers_notebook(attacked_batch):
    """Do the hidden tests and the other learner's answers appear in no attacker's outputs?"""
    hidden = "BEGIN HIDDEN TESTS"
    assert hidden in (attacked_batch.course / "source" / LAB / f"{LAB}.ipynb").read_text()
    for attack in CASES:
        outputs = _outputs(attacked_batch.course, attack.student)
        assert hidden not in outputs, attack.fixture
        assert f'\\"learner\\": \\"{HONEST}\\"' not in outputs, attack.fixture
        assert '"learner": "honest"' not in outputs, attack.fixture
