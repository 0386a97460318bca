"""In assessment, does nothing lab 05 shows before grading give away the payback question's answer?

The payback question asks for one queue's payback month when it moves on its own.  Decision 1's
view, its chart and the what-if calculator all run the same model, so each could print it: as a
wave's payback month, as its shortfall at the horizon (divided by the monthly saving the table
shows), or as the running total of a plan holding that queue alone.
"""

from __future__ import annotations

import pytest

from grader.catalog import scenarios_for
from grader.notebook import open_lab
from tests.labs import full_view, lab_parts

staffing = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]


@pytest.fixture(params=SCENARIOS)
def assessed(request, practice, monkeypatch):
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    return open_lab(LAB, practice, scenario=request.param)


def _orders(lab) -> list[list[str]]:
    """The payback queue alone, the key, the key reversed, and the payback queue first and last."""
    queue = staffing.payback_queue(lab)
    key = list(lab.decision("wave_order").key)
    others = [q for q in key if q != queue]
    return [[queue], key, key[::-1], [queue, *others], [*others, queue]]


def _shown(view) -> str:
    """Every word and cell of the view a learner sees, chart summary and legend included."""
    cells = " ".join(" ".join(str(c) for c in row) for row in view.table.rows) if view.table else ""
    columns = " ".join(view.table.columns) if view.table else ""
    chart = ""
    if view.chart is not None:
        chart = view.chart.summary + " ".join(" ".join(map(str, item)) for item in view.chart.legend)
    return " ".join((repr(view), view.lead, columns, cells, chart))


def test_the_wave_view_never_states_a_payback_month_or_a_waves_shortfall(assessed):
    """For the payback queue alone and for complete orders, does the assessed view leave out
    every payback month and every wave's own shortfall at the horizon?"""
    queue = staffing.payback_queue(assessed)
    model = staffing.plan_model(assessed)
    for order in _orders(assessed):
        assessed.record("wave_order", order)
        view = assessed.consequences("wave_order")
        text = _shown(view)
        assert "pays back on its own in month" not in text and "payback in month" not in text, order
        assert not any("Pays back" in c for c in view.table.columns), order
        pilot = next(w for w in model.plan(order).waves if w.queue == queue)
        assert f"{pilot.net_at_horizon:,.0f}" not in text and f"{-pilot.net_at_horizon:,.0f}" not in text, (
            order
        )


def test_a_part_order_draws_no_running_total(assessed):
    """With only the payback queue placed, is no month-by-month running total drawn or summed up?"""
    queue = staffing.payback_queue(assessed)
    assessed.record("wave_order", [queue])
    view = assessed.consequences("wave_order")
    assert view.chart is None
    assert "drawn once every queue is placed" in view.summary
    assert "deepest point" not in view.summary and "net " not in view.summary.split("Your order:")[1]


def test_the_calculator_gives_net_positions_of_complete_orders_only(assessed):
    """Does the what-if calculator refuse the payback queue alone and keep its plans to itself?"""
    what_if = assessed.chart("what_if")
    with pytest.raises(ValueError, match="complete order"):
        what_if.net([staffing.payback_queue(assessed)])
    assert not hasattr(what_if, "plan")


def test_the_practice_part_still_shows_each_waves_payback(practice):
    """Once revealed in practice, does the view still give each wave's payback month (the board's message)?"""
    for scenario in SCENARIOS:
        lab = open_lab(LAB, practice, scenario=scenario)
        lab.record("wave_order", list(lab.decision("wave_order").key))
        view = full_view(lab, "wave_order")
        assert any("Pays back" in c for c in view.table.columns)
