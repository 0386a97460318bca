"""Cohort report benchmark: `decisionlab report` on a graded synthetic cohort, every lab.

Grading 1,200 notebooks takes most of an hour on a 2-core machine, and the report reads only
the gradebook and the submitted answers files, so this builds the cohort
(``grader.cohort.demo``), then fills the gradebook the way autograde would for decisions: each
decision cell scored by the engine on the learner's own scenario and variant (the grading
rule, ``grader.autograde.graded_variant``), code cells given full or no marks by the profile.
It then times the report command, in a fresh process, beside the machine's calibration figure.

Run: python3 benchmarks/report_time.py [--learners 200]   (target: under 10 s for 200 x 6 labs)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calibration import calibration_line  # noqa: E402

from grader.answers import answers_path, read_answers  # noqa: E402
from grader.autograde.cells import DECISION_PREFIX  # noqa: E402
from grader.autograde.graded_variant import graded_variant  # noqa: E402
from grader.catalog import choice_key, scenarios_for  # noqa: E402
from grader.cohort.demo import build_demo_cohort  # noqa: E402
from grader.engine import score_decision  # noqa: E402
from grader.labs import realise  # noqa: E402
from grader.paths import lab_ids  # noqa: E402
from grader.workspace.generate import COURSE_ID  # noqa: E402


def fill_gradebook(course: Path, learners: list, labs: list[str]) -> int:
    """Record every learner's every lab as graded; the number of submissions recorded."""
    from nbgrader.api import Gradebook

    pools = {lab: scenarios_for(lab) for lab in labs}
    recorded = 0
    # nbgrader's add_submission trips SQLAlchemy warnings on every new submission.
    warnings.simplefilter("ignore")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        for learner in learners:
            gradebook.update_or_create_student(learner.learner_id)
            for lab in labs:
                submission = gradebook.add_submission(lab, learner.learner_id)
                folder = course / "submitted" / learner.learner_id / lab
                answers = read_answers(answers_path(folder, lab), lab).answers
                template, seed, _ = graded_variant(
                    pools[lab], lab, learner.learner_id, answers, trust_recorded=False
                )
                scenario = realise(template, seed).scenario
                chosen = answers.for_scenario(choice_key(template, seed))
                decisions = {d.id: d for d in scenario.decisions}
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        decision = decisions.get(grade.name.removeprefix(DECISION_PREFIX))
                        if grade.name.startswith(DECISION_PREFIX) and decision is not None:
                            grade.auto_score = score_decision(decision, chosen.get(decision.id)).points
                        else:
                            grade.auto_score = grade.max_score if learner.profile == "strong" else 0.0
                        grade.needs_manual_grade = False
                gradebook.db.commit()
                recorded += 1
    return recorded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build the graded course here and keep it")
    args = parser.parse_args()
    labs = lab_ids()
    print(calibration_line(), flush=True)
    with tempfile.TemporaryDirectory(prefix="decisionlab-bench-report-") as scratch:
        course = args.keep or Path(scratch) / "course"
        started = time.perf_counter()
        learners = build_demo_cohort(course, args.learners, labs=labs, progress=lambda _: None)
        recorded = fill_gradebook(course, learners, labs)
        print(
            f"cohort: {args.learners} learners x {len(labs)} labs, {recorded} graded submissions "
            f"(built in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        report = Path(scratch) / "report.html"
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "grader.cli", "report", str(course), "-o", str(report)],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        if run.returncode != 0:
            raise SystemExit(f"decisionlab report failed:\n{run.stderr[-2000:]}")
        print(
            f"decisionlab report: {seconds:.1f} s, {report.stat().st_size / 1e6:.1f} MB "
            f"(target: under 10 s for 200 learners x 6 labs)"
        )


if __name__ == "__main__":
    main()
