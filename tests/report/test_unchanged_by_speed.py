"""Does the report's fast path give what the plain, slow way gives, whatever the hash seed?

The report shares work between forked processes, reads each scenario's files once per
process, prices each distinct submission once and reads each lab 04 variant's evidence once;
none of it may change a number or an order.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from grader.answers import answers_path
from grader.forked import PER_PROCESS, forked_map
from grader.labs import lab_code, variants_kept
from grader.paths import lab_ids
from grader.report import read_cohort
from grader.report.outcomes import outcome_figures
from tests.report.conftest import PROFILES, graded_course

# Enough learners that their distinct submissions keep two forked workers busy (the test checks
# it), and no more: the slow way below opens a fresh session for every learner and lab.
COHORT = {f"learner-{n:02d}": ("strong", "weak", "empty", "weak")[n % 4] for n in range(12)}


@pytest.fixture(scope="module")
def every_lab_course(tmp_path_factory) -> Path:
    """The report's test cohort, in every lab of the course (lab 04's variants included)."""
    return graded_course(tmp_path_factory.mktemp("every-lab") / "course", PROFILES, labs=tuple(lab_ids()))


def _fresh_session_figures(data, learner: str, lab: str, scenario: str, variant: int, folder: Path) -> list:
    """The slow way: a new folder and a new lab session per learner, every file read anew."""
    from grader.notebook.session import Lab

    answers = replace(
        data.answers[(learner, lab)], lab=lab, learner=learner, scenario=scenario, variant_seed=variant
    )
    folder.mkdir(parents=True)
    answers_path(folder, lab).write_text(json.dumps(answers.to_json()), encoding="utf-8")
    return list(lab_code(lab).debrief(Lab(lab, folder, scenario=scenario, search=data.search)))


def test_outcomes_are_each_learners_own_session_figures(tmp_path, monkeypatch):
    """Are the figures shared over forked workers, each distinct submission priced once, the ones
    a fresh session per learner gives, in every lab?"""
    course = graded_course(tmp_path / "course", COHORT, labs=tuple(lab_ids()))
    priced: list[int] = []

    def counted_map(function, items, processes=None, meanwhile=None):
        priced.append(len(items))
        return forked_map(function, items, processes, meanwhile)

    monkeypatch.setattr("grader.forked.forked_map", counted_map)
    with variants_kept():
        data = read_cohort(course)
        outcomes = outcome_figures(data)
        answered = data.decisions[data.decisions["scenario"] != ""]
        expected, sessions = [], 0
        for (learner, lab), group in answered.groupby(["learner", "lab"], sort=True):
            sessions += 1
            scenario, variant = str(group["scenario"].iloc[0]), int(group["variant"].iloc[0])
            folder = tmp_path / "slow" / learner / lab
            for figure in _fresh_session_figures(data, learner, lab, scenario, variant, folder):
                expected.append((lab, learner, scenario, figure.measure, figure.yours, figure.expert))
    found = list(
        outcomes[["lab", "learner", "scenario", "measure", "yours", "expert"]].itertuples(index=False)
    )
    assert [tuple(row) for row in found] == expected
    # Enough distinct submissions for two forked workers, and fewer than the sessions (some shared).
    assert 2 * PER_PROCESS <= max(priced) < sessions, (priced, sessions)
    assert {lab for lab, *_ in expected} >= {
        "01_sourcing_models",
        "02_offshore_tradeoffs",
        "04_kpi_diagnosis",
    }


def test_one_worker_and_two_write_the_same_report(tmp_path):
    """Does the report come out the same, page and frames, whether one process works it out or two?"""
    from datetime import UTC, datetime

    from grader.report import build_report, report_html

    course = graded_course(tmp_path / "course", COHORT, labs=tuple(lab_ids()))
    reports = [build_report(course, processes=n) for n in (1, 2)]
    when = datetime(2026, 1, 1, tzinfo=UTC)
    # Vega numbers a legend's gradients on from the last chart the process drew: the second
    # report's ids differ by that alone.
    pages = [re.sub(r"gradient_\d+", "gradient", report_html(report, when=when)) for report in reports]
    assert "Simulated outcomes against the expert path: 04_kpi_diagnosis" in pages[0]
    assert pages[0] == pages[1]
    one, two = (report.frames for report in reports)
    assert list(one) == list(two)
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name], check_exact=True)


_REPORT = """
import sys
from datetime import UTC, datetime
from grader.report import build_report, report_html
html = report_html(build_report(sys.argv[1]), when=datetime(2026, 1, 1, tzinfo=UTC))
sys.stdout.write(html)
"""


@pytest.mark.slow
def test_two_runs_with_different_hash_seeds_write_the_same_bytes(every_lab_course):
    """Are ties (mistakes shared equally, learners equally low) ordered the same in every run?"""
    pages = []
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _REPORT, str(every_lab_course)],
            capture_output=True,
            env=environment,
            check=True,
        )
        pages.append(run.stdout)
    assert b"The most common wrong choices" in pages[0]
    assert pages[0] == pages[1]
