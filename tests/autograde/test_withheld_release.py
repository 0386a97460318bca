"""Does an assessment release keep its keys on the grading side, and grade as if it had them?

One course, one private scenario pack (``DECISIONLAB_SCENARIOS``) whose scenario carries
marker strings in every feedback text and in its expert path.  The release must hold none of
them; the learner's lab opens on the withheld copy; ``nbgrader autograde``, run where the
pack is, scores the submission from the full scenario and writes the debrief into the
feedback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.catalog import assign, scenarios_for
from grader.cohort.demo import CONFIG
from grader.engine.keys import perfect_answer
from grader.paths import content_root, labs_dir
from grader.runtime import SETTINGS_FILE

LAB = "00_orientation"
PRIVATE = "orientation-exam"
MARK = "Zq7-private"  # in every feedback text and the expert path of the private scenario

pytestmark = pytest.mark.slow


def _private_pack(root: Path) -> Path:
    """A pack with one scenario of lab 00 whose feedback texts all carry ``MARK``."""
    import yaml

    pack = root / "pack"
    shutil.copytree(content_root() / "scenarios" / "orientation-warmup", pack / PRIVATE)
    file = pack / PRIVATE / "scenario.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data["id"] = PRIVATE
    for decision in data["decisions"]:
        for option in decision.get("options", []):
            option["feedback"] = f"{MARK} {option['feedback']}"
        if "feedback" in decision:
            decision["feedback"] = f"{MARK} {decision['feedback']}"
    data["debrief"]["expert_path"] = f"{MARK} {data['debrief']['expert_path']}"
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return pack


def _nbgrader(course: Path, pack: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DECISIONLAB_SCENARIOS": str(pack)}
    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER"):
        env.pop(name, None)
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return run


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _text(data: dict, mime: str) -> str:
    value = data[mime]
    return value if isinstance(value, str) else "".join(value)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A course whose lab 00 is released for assessment with a private pack on the grading side."""
    root = tmp_path_factory.mktemp("withheld")
    course, pack = root / "course", _private_pack(root)
    course.mkdir()
    (course / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(
        labs_dir() / LAB, course / "source" / LAB, ignore=shutil.ignore_patterns("*.answers.json")
    )
    _nbgrader(course, pack, "generate_assignment", LAB)
    return course, pack


def test_the_release_holds_no_key_and_no_feedback(released):
    """Does no file of the release, nor of the installed package, hold the private scenario's
    feedback or expert path, while the release does carry a withheld copy of it?"""
    course, _pack = released
    release = course / "release" / LAB
    import grader

    installed = [Path(grader.__file__).parent, content_root() / "scenarios", content_root() / "labs"]
    files = _files_under(release) + [f for folder in installed for f in _files_under(folder)]
    leaks = [p for p in files if MARK in p.read_text(errors="ignore")]
    assert not leaks, leaks
    copy = release / ".scenarios" / PRIVATE / "scenario.yaml"
    assert "withheld: true" in copy.read_text(encoding="utf-8")
    assert json.loads((release / SETTINGS_FILE).read_text())["scenarios"] == ".scenarios"


def test_the_learners_lab_shows_no_key(released, tmp_path, monkeypatch):
    """Does the learner's lab, opened in the release, give every option the same credit and
    no feedback, so printing the decision says nothing of its key?"""
    from grader.notebook import open_lab

    course, pack = released
    learner_folder = tmp_path / "learner"
    shutil.copytree(course / "release" / LAB, learner_folder)
    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_SCENARIOS", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DECISIONLAB_LEARNER", _student_on_the_private_scenario(pack))
    lab = open_lab(LAB, learner_folder)
    assert lab.scenario.id == PRIVATE and lab.scenario.withheld
    assert {o.credit for o in lab.decision("warmup_channel").options} == {1.0}
    assert MARK not in repr(lab.scenario)


def _student_on_the_private_scenario(pack: Path) -> str:
    pool = scenarios_for(LAB, (pack, content_root() / "scenarios"))
    return next(s for s in (f"learner{i}" for i in range(200)) if assign(pool, LAB, s).template.id == PRIVATE)


def test_autograde_scores_from_the_full_scenario_and_writes_the_debrief(released, monkeypatch):
    """Graded where the private pack is, does a right answer made on the withheld copy earn
    every point, with the full feedback and the expert path in the graded notebook?"""
    from grader.notebook import open_lab

    course, pack = released
    student = _student_on_the_private_scenario(pack)
    submission = course / "submitted" / student / LAB
    shutil.copytree(course / "release" / LAB, submission)
    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_SCENARIOS", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DECISIONLAB_LEARNER", student)
    lab = open_lab(LAB, submission)
    full = next(s for s in scenarios_for(LAB, (pack,)) if s.id == PRIVATE)
    for decision in full.decisions:
        lab.record(decision.id, perfect_answer(decision))
    (submission / "timestamp.txt").write_text("2026-11-29 12:00:00.000000 UTC")
    _nbgrader(course, pack, "autograde", LAB, "--student", student, "--create")
    graded = json.loads((course / "autograded" / student / LAB / f"{LAB}.ipynb").read_text())
    outputs = {
        cell["metadata"].get("nbgrader", {}).get("grade_id", "".join(cell["source"]).strip()): cell.get(
            "outputs", []
        )
        for cell in graded["cells"]
        if cell["cell_type"] == "code"
    }
    for decision in full.decisions:
        (output,) = outputs[f"decision-{decision.id}"]
        assert float(_text(output["data"], "text/plain")) == pytest.approx(decision.points)
        assert MARK in _text(output["data"], "text/html")
    (debrief,) = outputs["lab.debrief()"]
    assert MARK in _text(debrief["data"], "text/markdown")
