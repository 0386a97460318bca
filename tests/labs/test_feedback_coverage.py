"""Is every mistake a learner can make answered, and does every debrief set paths side by side?

- **Per place**: an assign item placed outside its key is told why *that* place is worse
  (``elsewhere``), for every such place, in a text that does not name where the item belongs
  (practice shows it at once).
- **Debriefs**: every course scenario has an expert path and a reflection question, and every
  lab after the orientation sets the learner's choices beside the expert path in its own
  numbers; on the expert's own choices each figure equals the expert path's.
"""

from __future__ import annotations

import re

import pytest

from grader.catalog import DEFAULT_SEED, scenarios_for
from grader.engine.keys import perfect_answer
from grader.labs import lab_code, realise
from grader.notebook import open_lab
from grader.paths import lab_ids

ORIENTATION = "00_orientation"

# Cases that wait for work elsewhere, per test: (test, case id) -> reason (none today).
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def _marks(test: str, case_id: str) -> list:
    reason = KNOWN_FAILURES.get((test, case_id))
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


def _scenarios() -> list:
    return [realise(template, DEFAULT_SEED).scenario for lab in lab_ids() for template in scenarios_for(lab)]


def _assign_decisions(test: str) -> list:
    return [
        pytest.param(decision, id=f"{s.id}:{decision.id}", marks=_marks(test, f"{s.id}:{decision.id}"))
        for s in _scenarios()
        for decision in s.decisions
        if decision.kind == "assign"
    ]


def test_the_sweeps_find_what_they_check() -> None:
    """Do the sweeps below find assign decisions and scenarios, so they cannot pass on nothing?"""
    assert len(_assign_decisions("places")) >= 4 and len(_scenarios()) >= 10


@pytest.mark.parametrize("decision", _assign_decisions("places"))
def test_every_wrong_place_says_why_it_is_worse(decision) -> None:
    """Has every item a text for each place outside its key?"""
    missing = [
        f"{item.id} in {category.id}"
        for item in decision.items
        for category in decision.categories
        if category.id not in item.key and not item.why_not(category.id)
    ]
    assert not missing, f"places without their own feedback: {missing}"


@pytest.mark.parametrize("decision", _assign_decisions("names-key"))
def test_a_wrong_place_text_does_not_name_the_right_place(decision) -> None:
    """Does no per-place text name a category of the item's key (practice shows it at once)?"""
    labels = {c.id: c.label for c in decision.categories}
    naming = [
        f"{item.id}/{'+'.join(entry.places)} names {labels[key]!r}"
        for item in decision.items
        for entry in item.elsewhere
        for key in item.key
        if re.search(rf"\b{re.escape(labels[key])}\b", entry.feedback, re.IGNORECASE)
    ]
    assert not naming, naming


@pytest.mark.parametrize(
    "scenario", [pytest.param(s, id=s.id, marks=_marks("debrief", s.id)) for s in _scenarios()]
)
def test_every_scenario_has_a_debrief(scenario) -> None:
    """Does every scenario give its debrief an expert path and a reflection question?"""
    assert scenario.debrief is not None, "add a 'debrief:' with 'expert_path' and 'reflection'"


@pytest.mark.parametrize(
    "lab_id", [pytest.param(lab, marks=_marks("figures", lab)) for lab in lab_ids() if lab != ORIENTATION]
)
def test_expert_choices_match_the_expert_path_in_the_debrief(lab_id, practice) -> None:
    """On the expert's own choices, does each debrief figure of every scenario of the lab equal
    the expert path's, and is there at least one figure?"""
    for template in scenarios_for(lab_id):
        folder = practice / template.id
        folder.mkdir()
        lab = open_lab(lab_id, folder, scenario=template.id)
        for decision in lab.scenario.decisions:
            lab.record(decision.id, perfect_answer(decision))
        figures = list(lab_code(lab_id).debrief(lab))
        assert figures, f"{template.id}: the lab's debrief gives no figures"
        differ = [f for f in figures if f.yours != f.expert]
        assert not differ, f"{template.id}: {differ}"
