"""In assessment, does lab 02's delivery panel keep every money figure away from the recorded plan?

A panel that priced the recorded plan would hand over the key: try each program in each place
and keep the lowest total.  Practice keeps the full panel.
"""

from __future__ import annotations

import re

import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.notebook import open_lab

LAB = "02_offshore_tradeoffs"
DECISION = "delivery_model"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@pytest.fixture(params=SCENARIOS)
def keyed_and_all_offshore_plans(request, practice, monkeypatch):
    """An assessment session, with the keyed plan and the all-offshore plan to record in turn."""
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    lab = open_lab(LAB, practice, scenario=request.param)
    key = perfect_answer(lab.decision(DECISION))
    return lab, key, dict.fromkeys(key, "offshore")


def _shown(view) -> tuple[object, ...]:
    """Every figure a learner can read off the view: its numbers in words, its table, chart and data."""
    chart = None if view.chart is None else (NUMBER.findall(view.chart.summary), view.chart.data.to_csv())
    table = None if view.table is None else tuple(tuple(row[2:]) for row in view.table.rows)
    data = view.data.drop(columns=["choice"], errors="ignore").to_csv() if view.data is not None else None
    return (NUMBER.findall(view.summary), view.notes, table, chart, data)


def test_assessment_panel_does_not_move_with_the_plan(keyed_and_all_offshore_plans):
    """In assessment, is every figure of the panel the same whichever complete plan is recorded?"""
    lab, key, far = keyed_and_all_offshore_plans
    views = []
    for plan in (key, far):
        lab.record(DECISION, plan)
        views.append(lab.consequences(DECISION))
    assert _shown(views[0]) == _shown(views[1])
    assert "in this assessment" in views[0].summary.lower()


def test_assessment_panel_names_no_total_of_the_plan(keyed_and_all_offshore_plans):
    """In assessment, does the panel say where each program went without a total of "your plan"?"""
    lab, key, _ = keyed_and_all_offshore_plans
    lab.record(DECISION, key)
    view = lab.consequences(DECISION)
    assert "Your plan costs" not in view.summary
    assert all(label in view.summary for label in lab.table("programs")["program"])
    assert "Your plan" not in set(view.chart.data["plan"])


def test_practice_panel_prices_the_plan(practice, monkeypatch):
    """In practice, does the panel still price the recorded plan, so that two plans differ?"""
    monkeypatch.setenv("DECISIONLAB_MODE", "practice")
    lab = open_lab(LAB, practice, scenario=SCENARIOS[0])
    key = perfect_answer(lab.decision(DECISION))
    summaries = []
    for plan in (key, dict.fromkeys(key, "offshore")):
        lab.record(DECISION, plan)
        summaries.append(lab.consequences(DECISION).summary)
    assert "Your plan costs" in summaries[0]
    assert NUMBER.findall(summaries[0]) != NUMBER.findall(summaries[1])
