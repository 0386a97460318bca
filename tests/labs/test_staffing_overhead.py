"""Do lab 05's texts say honestly how much of the plan rests on overhead stopping with each team,
and what the model leaves out of quality?"""

from __future__ import annotations

import pytest

from grader.catalog import scenarios_for
from grader.notebook import open_lab
from tests.labs import lab_parts

staffing = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
SAVE_QUEUE = {"staffing-broadband": "retention", "staffing-mealkit": "cancellations"}


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _option_feedback(lab, decision_id: str, option_id: str) -> str:
    option = next(o for o in lab.decision(decision_id).options if o.id == option_id)
    return _flat(option.feedback)


def _keyed_plan(lab):
    model = staffing.plan_model(lab)
    return model, model.plan(list(lab.decision("wave_order").key))


def test_overhead_is_the_hourly_overhead_share_of_in_house_pay(lab):
    """Is each queue's monthly overhead the overhead-per-hour share of what its agents cost in-house?"""
    data = staffing.scenario_data(lab)
    model = staffing.plan_model(lab)
    home = data.home
    share = float(home["overhead_per_hour"]) / staffing.paid_hour_cost(home)
    for queue in model.queue_ids:
        pay = model.moves[queue].inhouse_pay_monthly
        assert staffing.monthly_overhead(data, queue) == pytest.approx(share * pay, rel=1e-9)


def test_a_wave_live_after_its_wind_down_ends_within_the_horizon_counts_no_overhead():
    """Does a wave whose wind-down runs past the horizon count no overhead as saved?"""
    assert staffing.overhead_months(go_live=24, wind_down_months=2, horizon_months=24) == 0
    assert staffing.overhead_months(go_live=22, wind_down_months=2, horizon_months=24) == 1


def test_the_lever_feedback_and_debrief_quote_the_overhead_the_plan_counts_as_saved(lab):
    """Do the wind-down feedback and the expert path give the overhead the keyed plan counts as saved,
    and the net position if a quarter of it stayed, as the model computes them?"""
    model, plan = _keyed_plan(lab)
    saved = staffing.overhead_saved(staffing.scenario_data(lab), model, plan)
    quarter_kept = plan.net - 0.25 * saved
    feedback = _option_feedback(lab, "biggest_lever", "wind_down_months")
    path = _flat(lab.scenario.debrief.expert_path)
    assert f"about {round(saved, -4):,.0f} USD of overhead" in feedback
    assert f"to about {round(quarter_kept, -4):,.0f} USD" in feedback
    assert f"{saved / 1e6:.1f} million USD of overhead" in path
    assert f"about {round(quarter_kept, -4):,.0f} USD up" in path


def test_no_text_says_the_wind_down_beats_every_assumption_unranged(lab):
    """Is the wind-down's lead claimed only over the ranged assumptions of the table, not over
    facts the scenario states without a range?"""
    texts = [_flat(lab.scenario.debrief.expert_path)]
    texts += [_flat(o.feedback) for o in lab.decision("biggest_lever").options]
    for text in texts:
        assert "more than any other assumption" not in text
        assert "more than any other range." not in text
    assert "more than any other ranged assumption in the table" in texts[0]


def test_the_quality_feedback_counts_one_point_of_save_rate_from_the_week_of_calls(lab):
    """Do the nearshore FCR feedback and the expert path say that lost saves are not priced, with one
    point of the save queue's weekly calls?"""
    queue = SAVE_QUEUE[lab.scenario.id]
    calls = float(lab.table("intervals")[queue].sum())
    feedback = _option_feedback(lab, "biggest_lever", "fcr_change_nearshore")
    path = _flat(lab.scenario.debrief.expert_path)
    assert "not lost saves" in feedback
    assert f"{round(calls, -1):,.0f} calls a week" in feedback
    for text in (feedback, path):
        assert f"up to {round(calls / 100):.0f} " in text


def test_the_governance_shorthand_pays_for_a_team_at_each_provider_from_its_first_wave(lab):
    """Does the first keyed wave at each provider bring a retained organisation of at least two
    in-house agents' loaded cost, and does the assumption's description give that cost as the model
    computes it, without naming a queue or the expert order (the table is shown in an assessment)?"""
    data = staffing.scenario_data(lab)
    model, plan = _keyed_plan(lab)
    agent_month = staffing.paid_hour_cost(data.home) * data.a.paid_hours_per_fte / 12
    first_at: dict[str, str] = {}
    for wave in plan.waves:
        first_at.setdefault(str(model.queues[wave.queue]["destination"]), wave.queue)
    for queue in first_at.values():
        assert model.moves[queue].retained_monthly >= 1.95 * agent_month, queue
    table = lab.table("assumptions").set_index("id")
    description = _flat(str(table.loc["retained_share_nearshore", "description"]))
    assert "shorthand" in description
    assert f"some {round(2 * agent_month, -3):,.0f} USD a month" in description
    queues = lab.table("queues")
    named = [q for q in [*queues["id"], *queues["queue"]] if q.lower() in description.lower()]
    assert not named and "expert" not in description and "order" not in description, named
