"""Does `decisionlab export` of a demo cohort graded by `decisionlab grade` agree with its gradebook?

The demo cohort of the grading tests (three learners: strong, weak, a malformed answers file;
labs 00 and 01; ``tests/fixtures/demo_cohort.py``), with one expert answer revealed before
submission, graded by `decisionlab grade` with real kernels (once per test run, shared with
``tests/grading/test_batch.py``), then exported.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from grader.autograde.cells import DECISION_PREFIX
from grader.cli import main
from grader.engine import score_decision
from tests.fixtures.demo_cohort import (
    COURSE_ID,
    LABS,
    LEARNERS,
    REVEALED_DECISION,
    REVEALED_LAB,
    REVEALER,
    GradedRun,
    copy_course,
    sqlite_url,
)

pytestmark = pytest.mark.slow


def _run(*argv: str) -> tuple[int, str]:
    output = io.StringIO()
    with redirect_stdout(output), redirect_stderr(output):
        code = main(list(argv))
    return code, output.getvalue()


@pytest.fixture(scope="module")
def exported(graded_demo_cohort: GradedRun, tmp_path_factory) -> Path:
    """A copy of the graded cohort, exported into its ``export/``."""
    assert graded_demo_cohort.exit_code == 0, graded_demo_cohort.output
    course = copy_course(graded_demo_cohort.course, tmp_path_factory.mktemp("exported") / "course")
    code, output = _run("export", str(course), "-o", str(course / "export"))
    assert code == 0, output
    return course


def _gradebook(course: Path) -> dict[tuple[str, str], dict[str, tuple[float, float]]]:
    """Each graded (learner, lab)'s cells: name -> (score, max), as nbgrader's Gradebook has them."""
    from nbgrader.api import Gradebook

    found: dict[tuple[str, str], dict[str, tuple[float, float]]] = {}
    with Gradebook(sqlite_url(course), COURSE_ID) as gradebook:
        for lab in LABS:
            for submission in gradebook.assignment_submissions(lab):
                cells = {g.name: (g.score, g.max_score) for nb in submission.notebooks for g in nb.grades}
                found[(submission.student.id, lab)] = cells
                assert submission.score == pytest.approx(sum(score for score, _ in cells.values()))
    return found


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_row_per_learner_lab_and_decision(exported):
    """Does decisions.csv hold exactly one row per graded learner, lab and decision cell?"""
    rows = _csv(exported / "export" / "decisions.csv")
    expected = {
        (learner, lab, name[len(DECISION_PREFIX) :])
        for (learner, lab), cells in _gradebook(exported).items()
        for name in cells
        if name.startswith(DECISION_PREFIX)
    }
    keys = [(r["learner"], r["lab"], r["decision"]) for r in rows]
    assert len(keys) == len(set(keys)) == len(expected) == LEARNERS * (2 + 3)
    assert set(keys) == expected


def test_decision_points_sum_to_the_gradebook_score(exported):
    """Do a learner's decision points in a lab sum to the gradebook's score of that lab, less its
    code exercises (lab 00 has none: there they are the whole score)?"""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for row in _csv(exported / "export" / "decisions.csv"):
        totals[(row["learner"], row["lab"])] += float(row["points"])
    gradebook = _gradebook(exported)
    for key, cells in gradebook.items():
        exercises = sum(score for name, (score, _) in cells.items() if not name.startswith(DECISION_PREFIX))
        whole = sum(score for score, _ in cells.values())
        assert totals[key] == pytest.approx(whole - exercises), key
    assert any(totals[(learner, "00_orientation")] > 0 for learner, _ in gradebook)


def test_each_choice_earns_the_points_exported_beside_it(exported):
    """Does the engine, scoring each exported choice on the exported scenario and variant, give the
    exported points (so the choice is the one that was graded)?"""
    from grader.catalog import scenarios_for
    from grader.labs import realise

    rows = _csv(exported / "export" / "decisions.csv")
    chosen = [r for r in rows if r["choice"]]
    assert len(chosen) >= LEARNERS  # the strong and weak learners chose
    for row in chosen:
        template = next(s for s in scenarios_for(row["lab"]) if s.id == row["scenario"])
        decision = realise(template, int(row["variant"])).scenario.decision(row["decision"])
        try:
            value = json.loads(row["choice"])
        except json.JSONDecodeError:
            value = row["choice"]
        earned = score_decision(decision, value).fraction * float(row["max_points"])
        assert float(row["points"]) == pytest.approx(earned, abs=1e-6), row


def test_the_revealed_answer_is_flagged_and_no_other(exported):
    """Is the one decision revealed before submission flagged, with its time, and no other?"""
    rows = _csv(exported / "export" / "decisions.csv")
    flagged = [(r["learner"], r["lab"], r["decision"]) for r in rows if r["revealed"] == "yes"]
    assert flagged == [(REVEALER, REVEALED_LAB, REVEALED_DECISION)]
    assert {r["revealed"] for r in rows} == {"yes", "no"}


def test_canvas_and_moodle_files_hold_each_learners_lab_scores(exported):
    """Do the Canvas and Moodle files have their headers and one row per learner, with the
    gradebook's score of each lab?"""
    gradebook = _gradebook(exported)
    learners = sorted({learner for learner, _ in gradebook})
    with (exported / "export" / "gradebook_canvas.csv").open(encoding="utf-8", newline="") as handle:
        header, possible, *canvas = list(csv.reader(handle))
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *LABS]
    assert possible[0] == "Points Possible" and [float(p) for p in possible[5:]] == [
        sum(m for _, m in gradebook[(learners[0], lab)].values()) for lab in LABS
    ]
    assert [row[2] for row in canvas] == learners
    moodle = _csv(exported / "export" / "gradebook_moodle.csv")
    assert list(moodle[0])[:4] == ["ID number", "First name", "Last name", "Email address"]
    assert [row["ID number"] for row in moodle] == learners
    for canvas_row, moodle_row in zip(canvas, moodle, strict=True):
        for n, lab in enumerate(LABS):
            score = sum(s for s, _ in gradebook[(canvas_row[2], lab)].values())
            assert float(canvas_row[5 + n]) == pytest.approx(score)
            assert float(moodle_row[lab]) == pytest.approx(score)
