"""Does lab 05 turn call volumes into agents, costs and a wave plan that agree with the shared models?"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from grader.catalog import scenarios_for
from grader.display.live import VEGA_MIME
from grader.engine.keys import perfect_answer
from grader.models.cost import cost_per_productive_hour
from grader.models.queueing import required_agents, required_agents_many
from grader.notebook import open_lab
from tests.labs import full_view, lab_parts

staffing = staffing_explorer = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
NOTEBOOK = Path(__file__).resolve().parents[2] / "labs" / LAB / f"{LAB}.ipynb"


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


# --------------------------------------------------------------------------- an independent recomputation


def _price(lab, q, where: str) -> tuple[float, float, float]:
    """Monthly pay, monthly attrition replacement and FTE of queue ``q`` at ``where``, from the raw tables.

    A location with a lower FCR answers more calls for the same issues: calls x FCR in-house / FCR there.
    """
    intervals = lab.table("intervals")
    loc = lab.table("locations").set_index("id").loc[where]
    a = lab.table("assumptions").set_index("id")["value"]
    minutes = a["interval_minutes"]
    if math.isnan(loc.billed_rate):
        hourly = cost_per_productive_hour(
            base_wage=loc.base_wage,
            benefits_load=loc.benefits_load,
            overhead_per_hour=loc.overhead_per_hour,
            shrinkage=0.0,
            occupancy=1.0,
        )
    else:
        hourly = loc.billed_rate
    fcr_there = q.fcr + (0.0 if where == "inhouse" else a[f"fcr_change_{where}"])
    plan = required_agents_many(
        intervals[q.id] * q.fcr / fcr_there,
        minutes * 60,
        q.aht_seconds,
        q.target_sl,
        q.target_seconds,
        shrinkage=loc.shrinkage,
    )
    hours = plan.scheduled_agents.sum() * minutes / 60 * a["weeks_per_year"]
    fte = hours / a["paid_hours_per_fte"]
    return hours * hourly / 12, loc.annual_attrition * fte * loc.cost_per_hire / 12, fte


def _monthly_costs(lab) -> tuple[dict[str, float], dict[str, float]]:
    """Each queue's monthly cost (pay and attrition replacement) in-house and at its destination."""
    queues = list(lab.table("queues").itertuples())
    current = {q.id: sum(_price(lab, q, "inhouse")[:2]) for q in queues}
    proposed = {q.id: sum(_price(lab, q, q.destination)[:2]) for q in queues}
    return current, proposed


def _move_series(lab, queue: str, months: int, current, proposed) -> tuple[np.ndarray, float]:
    """Monthly savings of moving ``queue`` alone and its one-off cost, by the rules the brief states.

    Saving in month i = in-house cost - (provider's bill, / ramp pace while ramping up)
    - retained organisation - in-house pay still due while the agents not redeployed leave.
    One-off = transition + retraining of the redeployed + severance of those left after the wind-down.
    """
    queues = lab.table("queues").set_index("id")
    row = queues.loc[queue]
    home = lab.table("locations").set_index("id").loc["inhouse"]
    a = lab.table("assumptions").set_index("id")["value"]
    pay, _, fte = _price(lab, next(q for q in queues.reset_index().itertuples() if q.id == queue), "inhouse")
    redeploy, down = a["redeploy_share"], int(a["wind_down_months"])
    month = np.arange(1, months + 1)
    bill = np.where(month <= row.ramp_months, proposed[queue] / row.ramp_productivity, proposed[queue])
    retained = a[f"retained_share_{row.destination}"] * proposed[queue]
    still = np.where(
        month <= down,
        (1 - redeploy) * pay * np.clip(1 - home.annual_attrition * (month - 0.5) / 12, 0, None),
        0.0,
    )
    weekly = home.base_wage * (1 + home.benefits_load) * a["paid_hours_per_fte"] / 52
    left = (1 - redeploy) * fte * max(0.0, 1 - home.annual_attrition * down / 12)
    one_off = (
        row.transition_cost
        + redeploy * fte * a["retraining_per_agent"]
        + left * a["severance_weeks"] * weekly
    )
    return current[queue] - bill - retained - still, float(one_off)


def _net_at_horizon(lab, order: tuple[str, ...], move_net: Callable[[str, int], float]) -> float:
    """The plan's net position at the horizon, by the rules the brief states.

    ``move_net(queue, months)``: what moving ``queue`` alone nets over ``months`` months.
    """
    queues = lab.table("queues").set_index("id")
    a = lab.table("assumptions").set_index("id")["value"]
    horizon = int(a["horizon_months"])
    net, previous = 0.0, None
    for queue in order:
        free = int(a["first_wave_month"]) if previous is None else previous + int(a["wave_gap_months"])
        go_live = max(free, int(queues.loc[queue, "ready_month"]))
        previous = go_live
        months = horizon - go_live + 1
        if months < 1:
            continue
        net += move_net(queue, months)
    return net


def _move_nets(lab, current, proposed) -> Callable[[str, int], float]:
    """``move_net`` for ``_net_at_horizon``, each (queue, months) priced once: every order of the
    queues meets the same few, and pricing one sizes the queue's agents again."""

    @functools.cache
    def move_net(queue: str, months: int) -> float:
        savings, one_off = _move_series(lab, queue, months, current, proposed)
        return float(savings.sum() - one_off)

    return move_net


# --------------------------------------------------------------------------- scenarios and their keys


def test_model_costs_agree_with_an_independent_recomputation(lab):
    """Are the lab's monthly costs per queue those of required_agents_many and the cost model?"""
    current, proposed = _monthly_costs(lab)
    model = staffing.plan_model(lab)
    for queue in model.queue_ids:
        assert model.current[queue] == pytest.approx(current[queue], rel=1e-9)
        assert model.proposed[queue] == pytest.approx(proposed[queue], rel=1e-9)


def test_order_key_is_the_best_order_by_the_models(lab):
    """Is the scenario's wave order the unique order with the largest net position at the horizon?"""
    current, proposed = _monthly_costs(lab)
    ids = tuple(lab.table("queues")["id"])
    move_net = _move_nets(lab, current, proposed)
    nets = {order: _net_at_horizon(lab, order, move_net) for order in itertools.permutations(ids)}
    ranked = sorted(nets, key=nets.get, reverse=True)
    key = tuple(lab.decision("wave_order").key)
    assert ranked[0] == key
    assert nets[ranked[0]] - nets[ranked[1]] > 10_000, "the best order should win by a clear margin"
    assert tuple(staffing.plan_model(lab).best().order) == key
    assert staffing.plan_model(lab).best().net == pytest.approx(nets[key], rel=1e-9)


def test_numeric_key_is_what_the_models_compute(lab):
    """Is the payback month in scenario.yaml the cost model's, for the queue its prompt names?"""
    decision = lab.decision("pilot_payback")
    queues = lab.table("queues").set_index("id")
    named = [q for q, label in queues["queue"].items() if f"**{label}**" in decision.prompt]
    assert len(named) == 1, "the prompt must name exactly one queue, in bold"
    current, proposed = _monthly_costs(lab)
    horizon = int(lab.table("assumptions").set_index("id")["value"]["horizon_months"])
    savings, one_off = _move_series(lab, named[0], horizon, current, proposed)
    cumulative = np.cumsum(savings) - one_off
    assert staffing.plan_model(lab).move(named[0]).cumulative_savings == pytest.approx(cumulative, rel=1e-9)
    move = staffing.plan_model(lab).move(named[0])
    assert move.payback_month == decision.answer
    assert decision.feedback.startswith(f"Month {decision.answer:g}.")
    # The month before is short of payback and the month itself covers it: a clear answer.
    assert (
        move.cumulative_savings[int(decision.answer) - 2]
        < 0
        <= move.cumulative_savings[int(decision.answer) - 1]
    )


def test_order_feedback_quotes_the_models_monthly_savings(lab):
    """Does each queue's feedback quote its monthly saving as the model computes it (to the thousand)?"""
    model = staffing.plan_model(lab)
    for option in lab.decision("wave_order").options:
        saving = f"{round(model.monthly_saving(option.id), -3):,.0f} USD a month"
        assert saving in " ".join(option.feedback.split()), (option.id, saving)


def test_ready_months_bind_somewhere(lab):
    """Does each scenario have a queue whose readiness, not its saving, keeps it out of an earlier wave?"""
    model = staffing.plan_model(lab)
    best = model.best()
    by_saving = sorted(model.queue_ids, key=model.monthly_saving, reverse=True)
    assert list(best.order) != by_saving
    naive = model.plan(by_saving)
    assert any(w.waited for w in naive.waves)
    assert naive.net < best.net


def _ready_month_orders(lab) -> list[tuple[str, ...]]:
    """Every order the queues table gives when sorted by ready month, ties broken every possible way."""
    queues = lab.table("queues")
    groups = [list(g["id"]) for _, g in queues.groupby("ready_month", sort=True)]
    return [sum(tied, ()) for tied in itertools.product(*(itertools.permutations(g) for g in groups))]


def test_sorting_by_ready_month_does_not_give_the_key(lab):
    """Sorting the queues table by its ready month, whatever breaks the ties, is the result short of
    the keyed order and of its net position, so that saving must be weighed against readiness?"""
    key = tuple(lab.decision("wave_order").key)
    model = staffing.plan_model(lab)
    orders = _ready_month_orders(lab)
    assert orders and key not in orders
    assert all(model.plan(order).net < model.best().net for order in orders)


def _column_sorts(queues, column: str, *, descending: bool) -> list[tuple[str, ...]]:
    """Every order of the queue ids that sorting ``column`` gives, ties broken every possible way."""
    groups = [list(g["id"]) for _, g in queues.groupby(column, sort=True)]
    if descending:
        groups.reverse()
    return [sum(tied, ()) for tied in itertools.product(*(itertools.permutations(g) for g in groups))]


def test_no_numeric_column_of_the_queues_table_sorts_to_the_key(lab):
    """Sorting the queues table by any one numeric column, either way and whatever breaks its ties,
    is the result short of the keyed wave order, so that no column stands in for the reasoning?"""
    queues = lab.table("queues")
    key = tuple(lab.decision("wave_order").key)
    numeric = [c for c in queues.columns if c != "id" and pd.api.types.is_numeric_dtype(queues[c])]
    assert {"aht_seconds", "stable_since_month", "ready_month", "ramp_months"} <= set(numeric)
    giveaways = [
        (column, "descending" if descending else "ascending")
        for column in numeric
        for descending in (False, True)
        if key in _column_sorts(queues, column, descending=descending)
    ]
    assert not giveaways, giveaways


def test_tied_queues_are_listed_with_the_lower_saving_first(lab):
    """Where queues share a ready month, does the table list the one that saves less first, so the
    row order cannot break the tie for the learner?"""
    model = staffing.plan_model(lab)
    queues = lab.table("queues")
    for _, tied in queues.groupby("ready_month"):
        savings = [model.monthly_saving(q) for q in tied["id"]]
        assert savings == sorted(savings), list(tied["id"])


# --------------------------------------------------------------------------- the explorer


def _explore(data, queue, **changes):
    values = {**staffing_explorer.explorer_defaults(data, queue), **changes}
    return staffing_explorer.explore(data, queue, **values)


def _scheduled(x) -> int:
    return int(x.staffing.scheduled[x.destination].sum())


def test_explorer_needs_more_agents_for_a_higher_service_target(lab):
    """Does raising the service target raise the agents on the phones and scheduled, and the cost?"""
    data = staffing.scenario_data(lab)
    for queue in data.queues:
        low, high = _explore(data, queue, target_sl=0.7), _explore(data, queue, target_sl=0.9)
        assert high.staffing.raw.sum() > low.staffing.raw.sum()
        assert _scheduled(high) > _scheduled(low)
        assert high.costs["inhouse"].annual_total > low.costs["inhouse"].annual_total


def test_explorer_needs_fewer_agents_for_a_lower_handle_time(lab):
    """Does a shorter handle time need fewer agents and cost less everywhere?"""
    data = staffing.scenario_data(lab)
    for queue, row in data.queues.items():
        now, shorter = _explore(data, queue), _explore(data, queue, aht=float(row["aht_seconds"]) - 60)
        assert shorter.staffing.raw.sum() < now.staffing.raw.sum()
        assert all(shorter.costs[loc].annual_total < now.costs[loc].annual_total for loc in now.costs)


def test_explorer_at_the_scenario_values_reproduces_the_plan_model(lab):
    """With the sliders at the scenario's values, are the explorer's costs and ROI the plan model's?"""
    data, model = staffing.scenario_data(lab), staffing.plan_model(lab)
    for queue in data.queues:
        x = _explore(data, queue)
        assert x.costs["inhouse"].monthly == pytest.approx(model.current[queue], rel=1e-12)
        assert x.costs[x.destination].monthly == pytest.approx(model.proposed[queue], rel=1e-12)
        assert x.move.payback_month == model.move(queue).payback_month


def test_explorer_fcr_wage_and_attrition_move_what_they_should(lab):
    """Does lower FCR add calls, the wage change in-house cost only, and attrition the destination's only?"""
    data = staffing.scenario_data(lab)
    queue, row = next(iter(data.queues.items()))
    base = _explore(data, queue)
    worse = _explore(data, queue, fcr=float(row["fcr"]) - 0.1)
    expected_calls = data.calls[queue].sum() * float(row["fcr"]) / (float(row["fcr"]) - 0.1)
    assert worse.staffing.calls.sum() == pytest.approx(expected_calls)
    assert worse.costs["inhouse"].annual_total > base.costs["inhouse"].annual_total
    wage = staffing_explorer.explorer_defaults(data, queue)["base_wage"]
    dearer = _explore(data, queue, base_wage=wage + 2)
    assert dearer.costs["inhouse"].annual_total > base.costs["inhouse"].annual_total
    assert dearer.costs[base.destination].annual_total == base.costs[base.destination].annual_total
    assert dearer.move.net_savings > base.move.net_savings
    churn = _explore(data, queue, attrition=0.9)
    assert churn.costs[base.destination].annual_total > base.costs[base.destination].annual_total
    assert churn.costs["inhouse"].annual_total == base.costs["inhouse"].annual_total


def _drawn_by_jupyterlab(outputs: tuple[dict, ...]) -> bool:
    """A live chart: a Vega spec for JupyterLab to draw, its summary in words, no SVG from the kernel."""
    html = "".join(output["data"].get("text/html", "") for output in outputs)
    return (
        any(VEGA_MIME in output["data"] for output in outputs)
        and "Chart summary" in html
        and "<svg" not in html
    )


def test_explorer_widget_redraws_on_every_slider(lab):
    """Does each slider change redraw the views, keeping the staffing drawing when only costs move?"""
    explorer = lab.chart("explorer")
    for name, slider in explorer.sliders.items():
        before = (explorer.staffing_view.outputs, explorer.cost_view.value, explorer.roi_view.outputs)
        slider.value = slider.value - slider.step if slider.value - slider.step >= slider.min else slider.max
        after = (explorer.staffing_view.outputs, explorer.cost_view.value, explorer.roi_view.outputs)
        assert after[1] != before[1] and after[2] != before[2], name
        assert (after[0] != before[0]) == (name in {"aht", "target_sl", "fcr"}), name
        assert _drawn_by_jupyterlab(after[0]) and _drawn_by_jupyterlab(after[2])
    assert len(explorer.summary.split()) >= 20


def test_explorer_widget_follows_the_chosen_queue(lab):
    """Does choosing another queue reset the sliders to that queue's values and redraw for it?"""
    explorer = lab.chart("explorer")
    queues = lab.table("queues")
    last = queues.iloc[-1]
    explorer.queue.value = last.id
    assert explorer.sliders["aht"].value == last.aht_seconds
    assert explorer.sliders["fcr"].value == round(last.fcr * 100)
    assert explorer.destination.value == last.destination
    assert explorer.exploration.queue == last.id
    assert last.queue in explorer.summary


def test_every_slider_names_its_unit(lab):
    """Is every slider labelled with the unit of its value?"""
    explorer = lab.chart("explorer")
    for name, slider in explorer.sliders.items():
        assert re.search(r"\((seconds|%[^)]*|USD[^)]*)\)", slider.description), (name, slider.description)


def test_explorer_is_one_line_of_text_while_grading(lab, monkeypatch):
    """While nbgrader grades, does the explorer come back as a short note instead of widgets?"""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    note = lab.chart("explorer")
    assert not isinstance(note, staffing_explorer.Explorer)
    assert "not drawn while grading" in repr(note)


# --------------------------------------------------------------------------- charts and consequence view


def test_static_charts_name_every_queue(lab):
    """Do the volumes and costs charts draw, and do their summaries name every queue?"""
    labels = lab.table("queues")["queue"].tolist()
    for name in ("volumes", "costs"):
        chart = lab.chart(name)
        assert "<svg" in chart._repr_html_()
        assert all(label in chart.summary for label in labels), name


def test_empty_choice_renders_with_words(lab):
    """With nothing chosen, does the view draw, say everything stays in-house, and show the best order?"""
    view = full_view(lab, "wave_order")
    html = view._repr_html_()
    assert "<svg" in html and "Chart summary" in html and "No queue placed yet" in html
    assert view.summary.startswith(f"0 of {len(lab.table('queues'))} queues placed")
    assert "nothing moves" in view.summary
    assert set(view.chart.data["plan"]) == {"Your order", "Best order"}
    assert (view.chart.data.query("plan == 'Your order'")["usd"] == 0).all()
    assert not view.note
    labels = lab.table("queues").set_index("id")["queue"]
    best_first = labels[lab.decision("wave_order").key[0]]
    assert best_first not in view.summary.split("staying in-house.")[1], "the view must not give the key away"


def test_best_order_view_matches_the_best_line(lab):
    """When the learner records the key, do both lines coincide and the summary give its payback?"""
    lab.record("pilot_payback", 1)  # any answer: the waves' own paybacks wait for one
    lab.record("wave_order", perfect_answer(lab.decision("wave_order")))
    view = full_view(lab, "wave_order")
    data = view.chart.data
    mine = data[data.plan == "Your order"]["usd"].to_numpy()
    best = data[data.plan == "Best order"]["usd"].to_numpy()
    assert np.array_equal(mine, best)
    assert f"payback in month {view.data.payback_month}" in view.summary
    assert not view.note


def test_a_queue_placed_before_it_is_ready_holds_back_the_waves(lab):
    """Placed first, does the queue ready last make everything wait, with a lower net and a practice note?"""
    model = staffing.plan_model(lab)
    latest = max(model.queue_ids, key=lambda q: int(model.queues[q]["ready_month"]))
    order = [latest] + [q for q in lab.decision("wave_order").key if q != latest]
    lab.record("pilot_payback", 1)  # any answer: the waves' own paybacks wait for one
    lab.record("wave_order", order)
    view = full_view(lab, "wave_order")
    first = view.data.waves[0]
    assert first.go_live == int(model.queues[latest]["ready_month"]) and first.waited > 0
    assert view.data.net < model.best().net
    assert model.label(latest) in view.note and "waiting" in view.summary


def test_a_partial_order_is_an_incomplete_plan(lab):
    """Does a partial order move only the queues placed, name the others as not placed yet, and say
    the plan is not complete, since the board has approved every move?"""
    first, second, *rest = lab.decision("wave_order").key
    lab.record("wave_order", [first, second])
    view = lab.consequences("wave_order")
    model = staffing.plan_model(lab)
    assert [row[0] for row in view.table.rows] == [model.label(first), model.label(second)]
    assert view.summary.startswith("2 of")
    assert all(model.label(q) in view.summary.split(". ")[0] for q in rest)
    assert "not placed yet" in view.summary and "the plan is not complete" in view.summary
    assert "approved all five moves" in lab.decision("wave_order").prompt


def test_each_wave_says_whether_it_pays_back_on_its_own_by_the_horizon(lab):
    """On the key, with the practice part shown, does each wave carry its own running total at the
    horizon and its payback month, computed past the horizon, and does the view name every wave
    still under water?"""
    model = staffing.plan_model(lab)
    horizon = model.a.horizon_months
    lab.record("pilot_payback", 1)  # any answer: the waves' own paybacks wait for one
    lab.record("wave_order", list(lab.decision("wave_order").key))
    view = full_view(lab, "wave_order")
    for wave in view.data.waves:
        alone = model.move(wave.queue, wave.go_live).cumulative_savings
        assert wave.net_at_horizon == pytest.approx(alone[-1])
        longer = staffing.move_roi(
            model.moves[wave.queue], model.terms, model.queues[wave.queue], staffing.PAYBACK_SEARCH_MONTHS
        ).cumulative_savings
        month = next(i for i, value in enumerate(longer, start=1) if value >= 0)
        payback = model.own_payback(wave.queue, wave.go_live)
        assert payback == wave.go_live + month - 1
        assert wave.under_water == (payback > horizon)
    under = view.data.under_water
    assert under, "the keyed plan pays back while some of its waves do not: the course must say so"
    for wave in under:
        assert f"{wave.label} goes live in month {wave.go_live}, still" in view.summary
        assert f"pays back on its own in month {model.own_payback(wave.queue, wave.go_live)}" in view.summary
    assert len(view.table.rows[0]) == len(view.table.columns)


def test_assessment_mode_hides_the_best_order(practice, monkeypatch):
    """In assessment mode, does the view leave out the best order (the key) and the practice note?"""
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    for scenario in SCENARIOS:
        assessed = open_lab(LAB, practice, scenario=scenario)
        key = assessed.decision("wave_order").key
        assessed.record("wave_order", list(reversed(key)))
        view = assessed.consequences("wave_order")
        assert set(view.chart.data["plan"]) == {"Your order"}
        assert "best order" not in view.summary.lower() and view.note == ""


def test_plan_payback_is_the_month_from_which_the_plan_stays_above_zero():
    """Is a plan's payback the first month after which its net position never falls below zero again?"""
    plan = staffing.WavePlan((), (), (-5.0, 1.0, -2.0, 3.0, 4.0), (5.0, 5.0, 9.0, 9.0, 9.0))
    assert plan.payback_month == 4
    assert staffing.WavePlan((), (), (0.0, 0.0, -1.0), (0.0, 0.0, 1.0)).payback_month is None
    assert plan.lowest == (-5.0, 1)


# --------------------------------------------------------------------------- the reference and the notebook


def test_annual_cost_reference_follows_its_definition():
    """Is the reference annual cost paid hours x rate plus attrition x FTE x cost per hire?"""
    agents = [0, 3, 5, 5, 2]
    hours = sum(agents) * 15 / 60 * 50
    expected = hours * 33.0 + 0.4 * hours / 1950 * 2500
    assert staffing.annual_cost(np.array(agents), 15, 33.0, 0.4, 2500, 50, 1950) == pytest.approx(expected)
    with pytest.raises(ValueError):
        staffing.annual_cost([1, -2], 30, 10.0)
    with pytest.raises(ValueError):
        staffing.annual_cost([1, 2], 0, 10.0)


def _cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def test_notebook_solutions_agree_with_the_models(practice):
    """Do the instructor's solutions give required_agents' agents and the reference annual cost?"""
    namespace: dict[str, object] = {}
    for cell in _cells():
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            exec(cell.source, namespace)
    agents_needed, annual_cost = namespace["agents_needed"], namespace["annual_cost"]
    for scenario in scenarios_for(LAB):
        lab = open_lab(LAB, practice, scenario=scenario.id)
        data = staffing.scenario_data(lab)
        for queue, row in data.queues.items():
            calls = data.calls[queue]
            for volume in (calls.max(), np.percentile(calls[calls > 0], 25)):
                expected = required_agents(
                    volume, 1800, row["aht_seconds"], row["target_sl"], row["target_seconds"]
                )
                got = agents_needed(volume, 30, row["aht_seconds"], row["target_sl"], row["target_seconds"])
                assert got == expected.raw_agents, (scenario.id, queue, volume)
            plan = data.staff(queue).scheduled["inhouse"]
            assert annual_cost(plan, 30, 40.7, 0.38, 6500) == pytest.approx(
                staffing.annual_cost(plan, 30, 40.7, 0.38, 6500), rel=1e-12
            )


def test_the_payback_prompt_states_the_partial_credit_its_grading_gives(lab):
    """Does the payback question tell the learner that only the exact month earns full credit and one
    month either side earns half, as its grading does?"""
    decision = lab.decision("pilot_payback")
    assert (decision.tolerance, decision.partial_tolerance, decision.partial_credit) == (0, 1, 0.5)
    prompt = " ".join(decision.prompt.split())
    assert "Only the exact month earns full credit; an answer one month either side earns half." in prompt


def test_the_first_wave_criteria_come_before_the_wave_order():
    """Does every scenario ask what makes a good first wave before it asks for the wave order, and
    does the notebook ask the decisions in the scenario's order, each under its own number?

    The wave order's principle and gate notes, shown once it is answered, name the criteria."""
    decide = re.compile(r'lab\.decide\("(\w+)"\)')
    heading = re.compile(r"^## Decision (\d+):", re.MULTILINE)
    asked, numbers = [], []
    for cell in _cells():
        asked += decide.findall(cell.source)
        numbers += [int(n) for n in heading.findall(cell.source)]
    for scenario in scenarios_for(LAB):
        ids = [d.id for d in scenario.decisions]
        assert ids.index("first_wave_criteria") < ids.index("wave_order"), scenario.id
        assert asked == ids, (scenario.id, asked)
    assert numbers == list(range(1, len(asked) + 1))
