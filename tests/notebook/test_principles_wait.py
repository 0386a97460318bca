"""Does practice mode keep each decision's principle back until the learner has answered it?

A principle often names the key (lab 05's first-wave principle names both right criteria), so
a grade cell or the debrief that printed it before any choice would hand the answer over.
Run on every lab and scenario of the course, and on the fixture lab, in practice mode.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from grader.paths import lab_ids

CASES = [(lab, s.id) for lab in lab_ids() for s in scenarios_for(lab)]
MODE_AND_LEARNER = ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER")


@pytest.fixture
def practice(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """A workspace folder in practice mode, with no learner id: what a self-studier has."""
    for name in MODE_AND_LEARNER:
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What grade cells display, as the text a learner reads (HTML entities and escapes undone)."""
    import IPython.display

    texts: list[str] = []

    def capture(*objects: object, **_options: object) -> None:
        texts.extend(_readable(o) for o in objects)

    monkeypatch.setattr(IPython.display, "display", capture)
    yield texts


def _readable(shown: object) -> str:
    if hasattr(shown, "_repr_html_"):
        text = shown._repr_html_() or ""
    else:
        text = str(getattr(shown, "data", shown))
    return " ".join(html.unescape(text).replace("\\", "").split())


def _head(principle: str) -> str:
    """The start of a principle as it reads on screen: enough to recognise it anywhere."""
    return " ".join(principle.split())[:60]


def _grade_cells_and_debrief(lab, shown: list[str]) -> str:
    shown.clear()
    for decision in lab.scenario.decisions:
        lab.grade(decision.id)
    return " ".join([*shown, _readable(lab.debrief())])


@pytest.mark.parametrize(("lab_id", "scenario_id"), CASES)
def test_nothing_answered_shows_no_principle(practice, shown, lab_id, scenario_id):
    """With nothing answered, do the grade cells and the debrief say only "not answered yet",
    and no decision's principle?"""
    lab = open_lab(lab_id, practice, scenario=scenario_id)
    output = _grade_cells_and_debrief(lab, shown)
    leaked = [d.id for d in lab.scenario.decisions if _head(d.principle) in output]
    assert not leaked, leaked
    assert output.count("not answered yet") >= len(lab.scenario.decisions)


@pytest.mark.parametrize(("lab_id", "scenario_id"), CASES[-1:])
def test_an_answered_decision_shows_its_principle_and_only_its_own(practice, shown, lab_id, scenario_id):
    """Once one decision is answered, do its grade cell and the debrief show its principle, and
    still no other decision's?"""
    lab = open_lab(lab_id, practice, scenario=scenario_id)
    first, *others = lab.scenario.decisions
    lab.record(first.id, perfect_answer(first))
    output = _grade_cells_and_debrief(lab, shown)
    assert _head(first.principle) in output
    assert not [d.id for d in others if _head(d.principle) in output]


def test_the_fixture_labs_grade_cells_wait_too(all_kinds_practice, shown, tmp_path):
    """In the fixture lab (every kind), does no unanswered grade cell show its principle?"""
    lab = open_lab("99_fixture", tmp_path)
    output = _grade_cells_and_debrief(lab, shown)
    assert not [d.id for d in lab.scenario.decisions if _head(d.principle) in output]


def test_a_question_title_takes_no_colon():
    """Does a decision whose title is a question read "…? not answered yet", not "…?: not answered yet"?"""
    from grader.display.messages import about

    assert about("Which programs' results overturned the ratings?", "not answered yet") == (
        "Which programs' results overturned the ratings? not answered yet"
    )
    assert about("Monthly handling hours", "not answered yet") == "Monthly handling hours: not answered yet"
