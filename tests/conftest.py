"""Shared fixtures: the fixture scenario and a copy of it to break; the learner versions of the
labs and the graded demo cohort, built once per test run; kernels that leave the home folder alone.

Nothing here runs at import time: every piece of work is a fixture, done only for the tests
that ask for it (so ``-m "not slow"`` never generates learner versions).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from grader.paths import lab_ids
from grader.schema import Scenario, load_scenario
from tests.fixtures import demo_cohort
from tests.fixtures.shared_build import shared_build

# Code that attacks the grading sandbox: read as text by the attack test, never imported here
# (collection imports every .py file for its doctests, outside any sandbox).
collect_ignore_glob = ["fixtures/attacks/*"]

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.hookimpl(optionalhook=True)  # known only where pytest-xdist is loaded
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than the machine has CPUs, or one per CPU when no slow test runs.

    The slow tests spend much of their time waiting on other processes (kernels, nbgrader,
    servers, a browser), so two workers left a 2-core machine partly idle: the whole suite took
    9 min 13 s with two workers and 7 min 40 s with three, same machine, same tests.  The other
    tests keep their CPU busy, and a worker costs about 12 CPU seconds before its first test
    (every worker imports, rewrites and collects every test module), so ``-m "not slow"`` runs
    one worker per CPU.
    """
    cpus = os.cpu_count() or 1
    return cpus if leaves_out_slow_tests(config.getoption("markexpr", "")) else cpus + 1


def leaves_out_slow_tests(markexpr: str) -> bool:
    """Does ``-m markexpr`` deselect every slow test, whatever other marks of ours it has
    (as ``not slow`` does, and ``browser`` does not)?"""
    if not markexpr:
        return False
    from _pytest.mark.expression import Expression  # what ``-m`` itself compiles the expression with

    try:
        expression = Expression.compile(markexpr)
    except SyntaxError:  # pytest reports a malformed expression itself
        return False
    others = ("browser", "long")
    marks = [{"slow", *chosen} for n in range(len(others) + 1) for chosen in combinations(others, n)]
    return not any(expression.evaluate(lambda name, mine=mine, **_: name in mine) for mine in marks)


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps no example database (a cache in the checkout that would decide which
    examples run) and never fails a test because generating its data was slow.

    ``xdist_group`` is known also where pytest-xdist is not loaded (``-p no:xdist``)."""
    config.addinivalue_line("markers", "xdist_group(name): run with the other tests of its group")
    from hypothesis import HealthCheck, settings

    settings.register_profile("decisionlab", database=None, suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("decisionlab")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With xdist workers, hand out the slow test modules, then the long sweeps, before the fast
    ones, so that a long module such as the graded cohort or a lab 04 sweep never starts last
    while the other workers have nothing left to do.  The README's command keeps this order
    (``--no-loadscope-reorder``) and each module on one worker (``--dist loadscope``).  A run in
    one process keeps pytest's order.

    Under ``--dist loadscope``, a test marked ``xdist_group`` also names its group in its node
    id, as xdist does under ``--dist loadgroup``, so that :func:`pytest_xdist_make_scheduler`
    keeps the group on one worker."""
    if os.environ.get("PYTEST_XDIST_WORKER") is not None:
        items.sort(key=_hand_out_rank)  # stable within each rank
        if getattr(config, "workerinput", {}).get(HANDED_OUT_BY) == "loadscope":
            for item in items:
                groups = [
                    m.args[0] if m.args else m.kwargs.get("name", "default")
                    for m in item.iter_markers("xdist_group")
                ]
                item._nodeid = grouped_nodeid(item.nodeid, groups)


# The controller's ``--dist`` mode, as each worker is told it (a worker's own ``dist`` reads "no").
HANDED_OUT_BY = "decisionlab_dist"


@pytest.hookimpl(optionalhook=True)  # known only where pytest-xdist is loaded
def pytest_configure_node(node: Any) -> None:
    """Tell each worker how the controller hands out tests, so it names groups only for loadscope."""
    node.workerinput[HANDED_OUT_BY] = node.config.getvalue("dist")


def grouped_nodeid(nodeid: str, groups: list[str]) -> str:
    """``nodeid`` with its ``xdist_group`` names after an ``@``, as xdist writes them under
    ``--dist loadgroup`` (unchanged when it has none)."""
    return f"{nodeid}@{'_'.join(sorted(set(groups)))}" if groups else nodeid


def loadscope_unit(nodeid: str) -> str:
    """The unit of work ``--dist loadscope`` hands one worker for ``nodeid``: its ``xdist_group``
    if it has one (every module of the group together), else its module (or class).

    Lab 04's sweeps share the variants they read (``tests/labs/kpi_variants.py``): on one worker
    each variant is built once, where module by module each worker built its own.
    """
    if nodeid.rfind("@") > nodeid.rfind("]"):  # an ``@`` inside a parameter's id is no group
        return nodeid.rsplit("@", 1)[1]
    return nodeid.rsplit("::", 1)[0]


@pytest.hookimpl(optionalhook=True, tryfirst=True)  # known only where pytest-xdist is loaded
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadscope`` with units of :func:`loadscope_unit`; any other mode is xdist's own."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupedLoadScope(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return loadscope_unit(nodeid)

    return GroupedLoadScope(config, log)


def _hand_out_rank(item: pytest.Item) -> int:
    if item.get_closest_marker("slow") is not None:
        return 0
    return 1 if item.get_closest_marker("long") is not None else 2


@pytest.fixture
def every_kind_scenario() -> Scenario:
    return load_scenario(FIXTURES / "scenarios" / "all-kinds")


@pytest.fixture
def breakable_scenario(tmp_path: Path) -> Path:
    """A valid scenario folder copied to tmp, for tests that damage it."""
    target = tmp_path / "all-kinds"
    shutil.copytree(FIXTURES / "scenarios" / "all-kinds", target)
    return target


@pytest.fixture
def fixture_lab_code(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture labs' code (``tests/fixtures/labs``) found by lab id, as a course's own labs are."""
    import grader.labs

    folder = FIXTURES / "labs"
    monkeypatch.setattr(grader.labs, "__path__", [*grader.labs.__path__, str(folder)])
    grader.labs.lab_code.cache_clear()
    yield folder
    grader.labs.lab_code.cache_clear()


# --- kernels ---------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def kernels_keep_out_of_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every kernel a test starts (directly, through nbclient, nbgrader or JupyterLab) keeps
    IPython's profile and Jupyter's connection files in this session's temporary folder, and
    writes no command history.

    The history database otherwise sits in the home folder: a kernel that drops its uid (a
    read-only test) cannot write it, and IPython's history thread then prints its own error
    into the cell's output.  No test depends on the home folder or what an earlier run left.
    """
    ipython = tmp_path_factory.mktemp("ipython")
    (ipython / "profile_default").mkdir()
    (ipython / "profile_default" / "ipython_config.py").write_text(
        "c.HistoryManager.enabled = False\n", encoding="utf-8"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IPYTHONDIR", str(ipython))
        patch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path_factory.mktemp("jupyter-runtime")))
        yield


# --- learner versions -------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedCourse:
    """An nbgrader course generated from ``labs/`` by ``grader.workspace.generate.generate_into``:
    ``source/``, ``release/`` (the learner versions) and ``gradebook.db``.

    Shared by every test of the session (and every xdist worker): read it, or copy it with the
    methods below, but never write into it.
    """

    root: Path

    @property
    def release(self) -> Path:
        """The learner versions, one folder per lab."""
        return self.root / "release"

    def copy_into(
        self,
        course_root: Path,
        labs: Iterable[str] | None = None,
        progress: Callable[[str], None] = lambda _: None,
    ) -> Path:
        """What ``generate_into(course_root, labs)`` makes, copied from this build; the release folder."""
        from nbgrader.api import Gradebook

        labs = list(labs or lab_ids())
        course_root.mkdir(parents=True, exist_ok=True)
        for lab_id in labs:
            progress(f"copying the learner version of {lab_id}")
            for part in ("source", "release"):
                shutil.copytree(self.root / part / lab_id, course_root / part / lab_id, dirs_exist_ok=True)
        shutil.copyfile(self.root / "gradebook.db", course_root / "gradebook.db")
        with Gradebook(f"sqlite:///{course_root / 'gradebook.db'}", course_id="decisionlab") as gradebook:
            for assignment in [a.name for a in gradebook.assignments if a.name not in labs]:
                gradebook.remove_assignment(assignment)  # as if only ``labs`` had been generated
        return course_root / "release"

    def learner_versions(
        self, labs: Iterable[str] | None = None, progress: Callable[[str], None] = lambda _: None
    ) -> tuple[Path, tempfile.TemporaryDirectory]:
        """What ``learner_versions(labs)`` returns, copied from this build: a release and its handle.

        The build is a course release (assessment mode); self-study versions are in practice
        mode, set the way ``learner_versions`` sets it.
        """
        from grader.workspace.generate import set_release_mode

        handle = tempfile.TemporaryDirectory(prefix="decisionlab-test-")
        release = Path(handle.name) / "release"
        labs = list(labs or lab_ids())
        for lab_id in labs:
            progress(f"copying the learner version of {lab_id}")
            shutil.copytree(self.release / lab_id, release / lab_id)
        set_release_mode(release, labs, "practice")
        return release, handle

    @contextmanager
    def instead_of_generating(self) -> Iterator[None]:
        """Within, ``decisionlab start`` (``prepare_workspace``) and ``build_demo_cohort`` copy this
        build instead of running nbgrader again: the same files, made once per session."""
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("grader.workspace.start.learner_versions", self.learner_versions)
            patch.setattr("grader.cohort.demo.generate_into", self.copy_into)
            yield


def _generate(root: Path) -> None:
    from grader.workspace.generate import generate_into

    generate_into(root)


@pytest.fixture(scope="session")
def generated_course(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCourse:
    """Every lab's learner version, generated by nbgrader once per test run (shared by every
    xdist worker), outside the checkout."""
    return GeneratedCourse(shared_build(tmp_path_factory, "generated-course", _generate))


@pytest.fixture(scope="session")
def learner_release(generated_course: GeneratedCourse) -> Path:
    """The release folder of the session's learner versions: ``<lab>/<lab>.ipynb`` (read only)."""
    return generated_course.release


# --- the demo cohort, graded ------------------------------------------------------------


@pytest.fixture(scope="session")
def submitted_demo_cohort(
    tmp_path_factory: pytest.TempPathFactory, generated_course: GeneratedCourse
) -> Path:
    """The small demo cohort (``tests/fixtures/demo_cohort.py``), submitted and not yet graded:
    a course folder to copy, never to write into."""
    root = shared_build(
        tmp_path_factory,
        "submitted-demo-cohort",
        lambda root: demo_cohort.build_submitted_cohort(root, generated_course),
    )
    return root / "course"


@pytest.fixture(scope="session")
def graded_demo_cohort(
    tmp_path_factory: pytest.TempPathFactory, submitted_demo_cohort: Path
) -> demo_cohort.GradedRun:
    """The demo cohort graded by ``decisionlab grade --jobs 2``, once per test run."""
    root = shared_build(
        tmp_path_factory,
        "graded-demo-cohort",
        lambda root: demo_cohort.grade_in_parallel(root, submitted_demo_cohort),
    )
    return demo_cohort.GradedRun.read(root)


@pytest.fixture(scope="session")
def autograded_demo_cohort(
    tmp_path_factory: pytest.TempPathFactory, submitted_demo_cohort: Path
) -> demo_cohort.GradedRun:
    """The demo cohort graded by serial ``nbgrader autograde '*'`` (sandbox on), once per test run."""
    root = shared_build(
        tmp_path_factory,
        "autograded-demo-cohort",
        lambda root: demo_cohort.autograde_serially(root, submitted_demo_cohort),
    )
    return demo_cohort.GradedRun.read(root)


def fixture_pack(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, scenario_ids: tuple[str, ...]
) -> Path:
    """A private pack of copies of the all-kinds scenario (lab ``99_fixture``), one per id, found
    through ``DECISIONLAB_SCENARIOS``; practice mode and no learner id, as a self-studier has."""
    pack = tmp_path_factory.mktemp("pack")
    for scenario_id in scenario_ids:
        target = pack / scenario_id
        shutil.copytree(FIXTURES / "scenarios" / "all-kinds", target)
        path = target / "scenario.yaml"
        path.write_text(path.read_text().replace("id: all-kinds\n", f"id: {scenario_id}\n", 1))
    monkeypatch.setenv("DECISIONLAB_SCENARIOS", str(pack))
    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    return pack


@pytest.fixture
def all_kinds_practice(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, fixture_lab_code: Path
) -> Path:
    """Lab ``99_fixture`` with its all-kinds scenario, in practice mode with no learner id."""
    return fixture_pack(tmp_path_factory, monkeypatch, ("all-kinds",))


def own_variant(lab_id: str, learner: str) -> tuple:
    """The template, variant seed and realised scenario a learner is assigned in ``lab_id``."""
    from grader.catalog import assign, scenarios_for
    from grader.labs import realise

    assignment = assign(scenarios_for(lab_id), lab_id, learner)
    return assignment.template, assignment.seed, realise(assignment.template, assignment.seed).scenario


def mixed_answers(lab_id: str, learner: str, salt: str):
    """A learner's own answers in ``lab_id``: the first decision right, the last left out, the
    rest drawn at random (seeded by ``learner`` and ``salt``)."""
    import random

    from grader.answers import Answers
    from grader.catalog import choice_key
    from grader.engine.keys import perfect_answer, random_answer

    template, seed, scenario = own_variant(lab_id, learner)
    rng = random.Random(f"{learner}-{salt}")
    choices = {d.id: random_answer(d, rng) for d in scenario.decisions}
    choices[scenario.decisions[0].id] = perfect_answer(scenario.decisions[0])
    choices[scenario.decisions[-1].id] = None
    chosen = {k: v for k, v in choices.items() if v is not None}
    return Answers(
        lab=lab_id,
        learner=learner,
        variant_seed=seed,
        scenario=template.id,
        choices={choice_key(template, seed): chosen},
    )
