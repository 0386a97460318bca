"""In assessment mode, does lab 01's view show only what the tables give, never a fit-driven figure?"""

from __future__ import annotations

import re

import pytest

from grader.engine.keys import perfect_answer
from grader.models.consequences import allowed_locations
from grader.notebook import open_lab
from tests.labs import lab_parts

LAB = "01_sourcing_models"
VIEW = lab_parts(LAB)
SCENARIOS = ("sourcing-homegoods", "sourcing-healthbenefits")


def _open(folder, monkeypatch, mode: str, scenario: str):
    monkeypatch.setenv("DECISIONLAB_MODE", mode)
    return open_lab(LAB, folder, scenario=scenario)


def _same_rate_nearshore_and_offshore(lab, monkeypatch) -> None:
    """Bill offshore at nearshore's rate: a move between them then changes the fit and nothing else."""
    table = lab.table

    def patched(table_id: str):
        frame = table(table_id)
        if table_id != "locations":
            return frame
        frame = frame.copy()
        near = frame["id"] == "nearshore"
        for column in ("loaded_cost_per_hour", "spanish_extra_per_hour"):
            if column in frame.columns:
                frame.loc[frame["id"] == "offshore", column] = frame.loc[near, column].iloc[0]
        return frame

    monkeypatch.setattr(lab, "table", patched)


def _shown(view) -> tuple[object, ...]:
    """Everything a learner can read off the view, its data included."""
    chart = None if view.chart is None else (view.chart.summary, view.chart.data.to_csv())
    table = None if view.table is None else tuple(map(tuple, view.table.rows))
    data = view.data.to_csv() if hasattr(view.data, "to_csv") else repr(view.data)
    return (view.summary, view.notes, view.lists, view.lead, table, chart, data)


@pytest.fixture(params=SCENARIOS)
def maps_differing_only_in_fit(request):
    """A scenario: its keyed map is compared with one queue moved between Mexico and the Philippines."""
    return request.param


def _two_views(lab, monkeypatch):
    _same_rate_nearshore_and_offshore(lab, monkeypatch)
    key = perfect_answer(lab.decision("queue_mapping"))
    queues = lab.table("queues")
    rules = dict(zip(queues["id"], allowed_locations(queues), strict=True))
    swap = {"nearshore": "offshore", "offshore": "nearshore"}
    # a queue whose contract allows both places: the move changes its fit and nothing else
    moved = next(q for q, loc in key.items() if loc in swap and (rules[q] is None or swap[loc] in rules[q]))
    views = []
    for mapping in (key, {**key, moved: swap[key[moved]]}):
        lab.record("queue_mapping", mapping)
        views.append(lab.consequences("queue_mapping"))
    return views


def test_assessment_view_ignores_fit(maps_differing_only_in_fit, practice, monkeypatch):
    """In assessment, is the view identical for two maps with the same hours and rates but different fits?"""
    lab = _open(practice, monkeypatch, "assessment", maps_differing_only_in_fit)
    first, second = _two_views(lab, monkeypatch)
    assert _shown(first) == _shown(second)
    assert "per resolved contact" in first.note  # it says what waits for feedback, without a figure
    assert not re.search(r"\$[\d,.]+ (against \$[\d,.]+ )?per resolved", first.summary)


def test_practice_view_shows_fit(maps_differing_only_in_fit, practice, monkeypatch):
    """In practice, do the same two maps give different quarters (so the fit does show there)?"""
    lab = _open(practice, monkeypatch, "practice", maps_differing_only_in_fit)
    first, second = _two_views(lab, monkeypatch)
    assert first.chart.summary != second.chart.summary


def test_search_on_the_assessment_view_does_not_reach_the_key(practice, monkeypatch):
    """Does trying each queue in each place and keeping the cheapest shown figure miss the key?"""
    for scenario in SCENARIOS:
        lab = _open(practice, monkeypatch, "assessment", scenario)
        places = list(lab.table("locations")["id"])
        mapping = dict.fromkeys(lab.table("queues")["id"], "inhouse")
        for _ in range(2):
            for queue in mapping:
                shown = {}
                for place in places:
                    lab.record("queue_mapping", {**mapping, queue: place})
                    summary = lab.consequences("queue_mapping").summary
                    shown[place] = float(re.search(r"costing \$([\d,]+)", summary).group(1).replace(",", ""))
                mapping[queue] = min(shown, key=shown.get)
        key = perfect_answer(lab.decision("queue_mapping"))
        agree = sum(mapping[q] in (loc if isinstance(loc, list) else [loc]) for q, loc in key.items())
        assert agree <= len(key) // 2, (scenario, mapping)


def test_assessment_view_names_a_broken_rule(practice, monkeypatch):
    """In assessment, is a queue placed where its contract forbids still named, from the learner's table?"""
    lab = _open(practice, monkeypatch, "assessment", "sourcing-healthbenefits")
    lab.record("queue_mapping", dict.fromkeys(lab.table("queues")["id"], "offshore"))
    view = lab.consequences("queue_mapping")
    assert "Placed where their contract or law forbids" in view.summary
    assert view.chart is None and "exposure" not in view.summary
