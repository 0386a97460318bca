"""Does lab 01's consequence view play the learner's queue map out over a quarter?"""

from __future__ import annotations

import re

import pytest

from grader.engine.keys import perfect_answer
from grader.notebook import open_lab

LAB = "01_sourcing_models"


@pytest.fixture
def practice_lab(practice):
    return open_lab(LAB, practice, scenario="sourcing-healthbenefits")


def _resolved(view) -> tuple[int, int]:
    mine, home = re.search(r"resolves ([\d,]+) issues against ([\d,]+)", view.chart.summary).groups()
    return int(mine.replace(",", "")), int(home.replace(",", ""))


def test_empty_map_is_the_in_house_baseline(practice_lab):
    """With nothing placed, does the view show the same quarter for the map and for all in-house?"""
    view = practice_lab.consequences("queue_mapping")
    mine, home = _resolved(view)
    assert mine == home
    assert "0 of" in view.chart.summary and "a saving of $0" in view.chart.summary


def test_poor_fit_resolves_less_than_the_key(practice_lab):
    """Does an all-offshore map resolve fewer issues than the key's map, and say where it fits badly?"""
    queues = practice_lab.table("queues")["id"]
    practice_lab.record("queue_mapping", {q: "offshore" for q in queues})
    offshore = practice_lab.consequences("queue_mapping")
    practice_lab.record("queue_mapping", perfect_answer(practice_lab.decision("queue_mapping")))
    keyed = practice_lab.consequences("queue_mapping")
    assert _resolved(offshore)[0] < _resolved(keyed)[0]
    assert "Moved further than they fit" in offshore.note and not keyed.note
    assert "Kept closer" not in offshore.note
    html = offshore._repr_html_()
    assert "<svg" in html and "First-contact resolution" in html and "Chart summary" in html


def test_fit_note_tells_too_far_from_too_close(practice_lab):
    """Is a queue kept in-house that fits offshore called dearer than needed, not a poor fit?"""
    decision = practice_lab.decision("queue_mapping")
    key = perfect_answer(decision)
    labels = {item.id: item.label for item in decision.items}
    cheap = [q for q, loc in key.items() if loc == "offshore"]
    home_fits = [q for q, loc in key.items() if loc == "inhouse"]
    assert cheap and home_fits
    practice_lab.record("queue_mapping", {**key, cheap[0]: "inhouse", home_fits[0]: "offshore"})
    note = practice_lab.consequences("queue_mapping").note
    far, close = note.split("Kept closer")
    assert labels[home_fits[0]] in far and labels[cheap[0]] not in far
    assert labels[cheap[0]] in close and labels[home_fits[0]] not in close
    assert "do not price a breach" in far


def test_unplaced_queues_are_not_named_in_the_fit_note(practice_lab):
    """Are queues the learner has not placed yet left out of the fit note?"""
    practice_lab.record("queue_mapping", {})
    assert practice_lab.consequences("queue_mapping").note == ""


def test_assessment_mode_hides_the_fit_note(practice_lab, monkeypatch, tmp_path):
    """In assessment mode, does the view show the quarter without naming the poorly placed queues?"""
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    lab = open_lab(LAB, practice_lab.folder)
    lab.record("queue_mapping", {q: "offshore" for q in lab.table("queues")["id"]})
    view = lab.consequences("queue_mapping")
    assert view.note == "" and "13-week quarter" in view.chart.summary
