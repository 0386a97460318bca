"""In assessment, does no one-line route through lab 05's own objects hand over a key?

Decision 2's key is the best of all wave orders and decision 3's is one queue's own payback
month; the lab's plan model computes both.  The routes tried here are the short ones a learner
finds by looking at what the lab hands out: the what-if calculator's model, the lab's model,
and switching the released kernel back to practice to reveal.  The longer route, pricing all
120 orders with the calculator or by re-recording an order and reading the panel, is closed
too: in assessment the calculator prices one fixed reference plan, and the panel gives no
money figure of the recorded order.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.catalog import scenario_folder, scenarios_for
from grader.display.errors import LabInputError
from grader.display.formats import usd
from grader.notebook import open_lab
from grader.runtime import RELEASE_PACK_KEY, SETTINGS_FILE, FixedModeError
from grader.schema.loader import SCENARIO_FILE
from grader.schema.withhold import withheld_yaml
from tests.labs import lab_parts

staffing = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]


def _withheld_pack(folder: Path) -> Path:
    """The learner's copies of lab 05's scenarios, keys withheld, as an assessment release has them."""
    pack = folder / ".scenarios"
    for scenario in scenarios_for(LAB):
        target = pack / scenario.id
        shutil.copytree(scenario_folder(scenario.id), target, ignore=shutil.ignore_patterns("__pycache__"))
        (target / SCENARIO_FILE).write_text(withheld_yaml(scenario), encoding="utf-8")
    return pack


@pytest.fixture(params=SCENARIOS)
def released(request, practice):
    """A lab opened in an assessment release's folder: its settings file names the withheld copies."""
    pack = _withheld_pack(practice)
    settings = {"mode": "assessment", RELEASE_PACK_KEY: pack.name}
    (practice / SETTINGS_FILE).write_text(json.dumps(settings), encoding="utf-8")
    lab = open_lab(LAB, practice, scenario=request.param)
    assert lab.scenario.withheld and lab.runtime.mode == "assessment"
    return lab


def _course_decision(lab, decision_id: str):
    """The decision as the course's full scenario has it, key and all (the release's copy has none)."""
    return next(
        d for s in scenarios_for(LAB) if s.id == lab.scenario.id for d in s.decisions if d.id == decision_id
    )


def _reachable_models(start: object) -> Iterator[object]:
    """Every plan model reachable from ``start`` through attributes, containers and closures."""
    seen: set[int] = set()
    todo = [start]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, str | int | float | bool | type(None)):
            continue
        seen.add(id(item))
        if isinstance(item, staffing.PlanModel):
            yield item
            continue
        if isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list | tuple | set):
            todo.extend(item)
        if callable(item):
            func = getattr(item, "__func__", item)
            todo.extend(c.cell_contents for c in getattr(func, "__closure__", None) or ())
            bound = getattr(item, "__self__", None)
            if bound is not None:
                todo.append(bound)
        if hasattr(item, "__dict__") and not isinstance(item, type):
            todo.extend(vars(item).values())


def test_the_calculator_carries_no_plan_model_as_an_attribute(released):
    """Does the what-if calculator keep its plan models out of its attributes (no `_model`, no
    `_models`), so `what_if._model({}).best()` is not there to call?"""
    what_if = released.chart("what_if")
    what_if.net(list(released.decision("wave_order").key))
    assert not hasattr(what_if, "_model")
    assert not list(_reachable_models(vars(what_if).get("_models", {})))
    assert all(not isinstance(v, staffing.PlanModel) for v in vars(what_if).values())


def _refuses_both_keys(model, queue: str) -> None:
    with pytest.raises(LabInputError, match="answers a decision"):
        model.best()
    with pytest.raises(LabInputError, match="answers a decision"):
        model.move(queue)
    with pytest.raises(LabInputError, match="answers a decision"):
        model.own_payback(queue, 1)
    with pytest.raises(LabInputError, match="answers a decision"):
        model.plan([queue])


def test_the_models_behind_the_calculator_keep_both_keys_back(released):
    """Even dug out of the calculator's closure, does each model refuse the best order and the
    payback queue's own return, payback month and one-queue plan, while other queues' work?"""
    what_if = released.chart("what_if")
    what_if.net(list(released.decision("wave_order").key))
    models = list(_reachable_models(what_if))
    assert models, "the calculator's model was not found: the search no longer looks where it lives"
    queue = staffing.payback_queue(released)
    other = next(q for q in models[0].queue_ids if q != queue)
    for model in models:
        _refuses_both_keys(model, queue)
        assert model.move(other).payback_month is not None
        assert model.own_payback(other, 1) is not None


def test_the_labs_own_model_keeps_both_keys_back(released):
    """Does the lab's plan model refuse the best order and the payback queue's own figures?"""
    _refuses_both_keys(staffing.plan_model(released), staffing.payback_queue(released))


def test_the_models_give_both_keys_once_feedback_may_be_shown(released, monkeypatch):
    """While the work is autograded, do the same models give the best order and the payback month
    (so the keeping back follows the runtime, not the model's birth)?"""
    model = staffing.plan_model(released)
    queue = staffing.payback_queue(released)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert tuple(model.best().order) == tuple(_course_decision(released, "wave_order").key)
    assert model.move(queue).payback_month == _course_decision(released, "pilot_payback").answer


def test_practice_and_full_copies_give_both_keys(practice, monkeypatch):
    """In practice, and on a full copy opened in assessment (whose file holds the keys anyway, as
    the grading side's debrief reads it), does the model give both keys?"""
    for mode in ("practice", "assessment"):
        monkeypatch.setenv("DECISIONLAB_MODE", mode)
        for scenario in SCENARIOS:
            lab = open_lab(LAB, practice, scenario=scenario)
            model = staffing.plan_model(lab)
            assert tuple(model.best().order) == tuple(lab.decision("wave_order").key)
            assert (
                model.move(staffing.payback_queue(lab)).payback_month == lab.decision("pilot_payback").answer
            )


def test_a_released_lab_cannot_be_switched_to_practice_to_reveal(released):
    """In an assessment release, does setting the mode to practice fail, so that a reveal and the
    practice view of the wave order stay closed?"""
    with pytest.raises(FixedModeError):
        released.runtime.mode = "practice"
    released.record("wave_order", list(released.decision("wave_order").key))
    with pytest.raises(LabInputError, match="once your instructor releases it"):
        released.reveal("wave_order")
    view = released.consequences("wave_order")
    assert "The best order" not in view.summary


def _two_orders(lab) -> tuple[list[str], list[str]]:
    """The course's key and the queues as the table lists them reversed: two complete orders."""
    key = list(_course_decision(lab, "wave_order").key)
    return key, list(reversed(lab.table("queues")["id"]))


def test_the_calculator_prices_one_reference_plan_whatever_order_it_is_given(released):
    """In an assessment release, does the calculator give the same net for two different
    complete orders (the key among them), the reference plan's, so 120 calls cannot find the key,
    while its assumptions' swings still point to the lever question's answer?"""
    what_if = released.chart("what_if")
    key, other = _two_orders(released)
    assert key != other
    assert what_if.net(key) == what_if.net(other) == what_if.net(list(released.table("queues")["id"]))
    lever = next(o.id for o in _course_decision(released, "biggest_lever").options if o.credit == 1)
    assert staffing.largest_swing(what_if, key)[0] == lever  # the lever question is still answerable
    assert "reference plan" in what_if.summary and "reference plan" in what_if._repr_html_()
    with pytest.raises(ValueError, match="complete order"):
        what_if.net(key[:-1])


def test_the_reference_plan_earns_little_of_the_order_s_points(practice):
    """Is the reference plan (the queues as the table lists them) far from the key: under a
    quarter of the points when scored, so that it hints at nothing?"""
    from grader.engine import score_decision

    for scenario in SCENARIOS:
        lab = open_lab(LAB, practice, scenario=scenario)
        listed = list(lab.table("queues")["id"])
        assert score_decision(lab.decision("wave_order"), listed).fraction < 0.25, scenario


def test_practice_keeps_the_calculator_that_prices_any_order(practice):
    """In practice, does the calculator still price the order it is given?"""
    for scenario in SCENARIOS:
        lab = open_lab(LAB, practice, scenario=scenario)
        what_if = lab.chart("what_if")
        key, other = _two_orders(lab)
        assert what_if.net(key) > what_if.net(other)
        assert "reference plan" not in what_if.summary


def test_the_panel_gives_no_money_figure_of_a_recorded_order(released):
    """In an assessment release, does the consequence panel for a recorded order (the key, or
    another) give no net, deepest point or one-off total of that plan, and draw no running total?"""
    model = staffing.plan_model(released)
    horizon = model.a.horizon_months
    for order in _two_orders(released):
        released.record("wave_order", order)
        view = released.consequences("wave_order")
        plan = model._plan(order)
        text = " ".join([view.summary, view.lead, view.note, view.table.html() if view.table else ""])
        figures = {plan.net, plan.lowest[0], plan.transition_spent[-1]}
        assert not [f for f in figures if usd(f) in text or f"{f:,.0f}" in text], (order, text)
        assert "net $" not in text and "deepest point" not in text
        assert view.chart is None and f"within {horizon} months" in view.summary
