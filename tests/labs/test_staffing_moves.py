"""Does lab 05 count every cost of a move: the people, the organisation kept, repeat calls, stability?"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from grader.catalog import scenarios_for
from grader.engine import score_decision
from grader.kinds.numeric import NumericKind
from grader.notebook import open_lab
from tests.labs import lab_parts

staffing = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _assumptions(lab):
    return lab.table("assumptions").set_index("id")


def test_every_assumption_lies_inside_its_stated_range(lab):
    """Does each named figure sit between its low and high, with a source?"""
    table = _assumptions(lab)
    assert (table["low"] <= table["value"]).all() and (table["value"] <= table["high"]).all()
    assert table["source"].str.len().gt(10).all()


def test_ready_months_follow_the_stability_rule(lab):
    """Is each ready month the month its procedures turn stable plus its destination's stable months?"""
    a = _assumptions(lab)["value"]
    for q in lab.table("queues").itertuples():
        expected = max(
            int(a["first_wave_month"]), q.stable_since_month + int(a[f"stable_months_{q.destination}"])
        )
        assert q.ready_month == expected, q.id


def test_offshore_needs_longer_stability_than_nearshore(lab):
    """Does the rule ask more stable months of offshore work than of nearshore work?"""
    a = _assumptions(lab)["value"]
    assert a["stable_months_offshore"] > a["stable_months_nearshore"]


def test_saving_starts_only_when_the_inhouse_cost_stops(lab):
    """Until the wind-down ends, is a move's saving short of its settled one by the in-house pay still due?"""
    model = staffing.plan_model(lab)
    down = model.terms.wind_down_months
    for queue, move in model.moves.items():
        alone = model.move(queue)
        ramp = int(model.queues[queue]["ramp_months"])
        settled = move.monthly_saving
        assert alone.monthly_savings[max(down, ramp)] == pytest.approx(settled)
        for month in range(down):
            assert alone.monthly_savings[month] < settled - 0.5 * move.inhouse_pay_monthly * (
                1 - model.terms.redeploy_share
            ), (queue, month)


def test_people_and_governance_make_every_move_dearer(lab):
    """Do severance, retraining and the retained organisation lower every move's net against a bare one?"""
    model = staffing.plan_model(lab)
    for queue, move in model.moves.items():
        assert move.people_cost > 0 and move.retained_monthly > 0
        bare = move.inhouse_monthly - move.vendor_monthly
        assert move.monthly_saving == pytest.approx(bare - move.retained_monthly)
        assert model.move(queue).transition_cost == pytest.approx(move.transition_cost + move.people_cost)


def test_redeploying_more_agents_costs_less_severance():
    """With more agents redeployed, does the one-off people cost fall and the wind-down pay shrink?"""
    few = staffing.MoveTerms(0.1, 3000.0, 2, 8.0, {}, {}, {})
    many = staffing.MoveTerms(0.5, 3000.0, 2, 8.0, {}, {}, {})
    kwargs = {"fte": 40.0, "weekly_pay": 1000.0, "annual_attrition": 0.35}
    assert many.people_exit_cost(**kwargs) < few.people_exit_cost(**kwargs)
    assert sum(many.still_paid(100_000.0, 0.35, 6)) < sum(few.still_paid(100_000.0, 0.35, 6))
    assert few.still_paid(100_000.0, 0.35, 4)[2:] == [0.0, 0.0]


def test_a_weaker_fcr_at_the_destination_means_more_calls_and_paid_hours(lab):
    """Does each location with a lower FCR staff more calls, and is the cost per resolved issue reported?"""
    data = staffing.scenario_data(lab)
    queue = next(iter(data.queues))
    staffed = data.staff(queue)
    for loc, factor in staffed.contacts.items():
        change = data.terms.fcr_change.get(loc, 0.0)
        assert (factor > 1) == (change < 0), loc
    same = staffing.staff_queue(
        staffed.calls,
        aht=float(data.queues[queue]["aht_seconds"]),
        target_sl=float(data.queues[queue]["target_sl"]),
        target_seconds=float(data.queues[queue]["target_seconds"]),
        shrinkage=data.shrinkage,
        interval_minutes=data.a.interval_minutes,
    )
    assert staffed.scheduled["offshore"].sum() > same.scheduled["offshore"].sum()
    assert np.array_equal(staffed.scheduled["inhouse"], same.scheduled["inhouse"])
    table = staffing.cost_table(lab)
    assert (table["cost_per_resolved_issue"] > 0).all()


def test_business_case_table_adds_up_to_the_models_saving(lab):
    """Does the business-case table list each part, and do its parts give the model's settled saving?"""
    table = lab.chart("business_case").frame
    model = staffing.plan_model(lab)
    assert list(table.index) == model.queue_ids
    parts = table["inhouse_a_month"] - table["provider_bill_a_month"] - table["retained_organisation_a_month"]
    assert (abs(parts - table["saving_a_month_once_settled"]) <= 2).all()
    assert "inhouse_pay_still_due_month_1" in table.columns


def test_pilot_criteria_give_no_credit_for_the_biggest_saving(lab):
    """Is 'biggest saving' no reason for a first wave, and its feedback saying it is a tie-breaker at most?"""
    decision = lab.decision("first_wave_criteria")
    options = {o.id: o for o in decision.options}
    assert not options["big_saving"].correct
    assert "tie" in options["big_saving"].feedback
    assert options["documented"].correct and options["low_risk"].correct


def test_the_keyed_first_wave_is_a_stable_documented_low_risk_queue(lab):
    """Is the first queue of the keyed order ready in month 1, well documented and low in risk?"""
    first = lab.decision("wave_order").key[0]
    row = lab.table("queues").set_index("id").loc[first]
    assert row.ready_month == 1 and row.documentation == "high" and row.risk == "low"


RANGED = (
    "redeploy_share",
    "retraining_per_agent",
    "wind_down_months",
    "severance_weeks",
    "retained_share_nearshore",
    "retained_share_offshore",
    "fcr_change_nearshore",
    "fcr_change_offshore",
)


@pytest.mark.parametrize("assumption", RANGED)
def test_the_keyed_order_stays_best_at_either_end_of_each_range(lab, assumption):
    """With one course assumption at its low or high end, is the keyed wave order still the best one?"""
    table = _assumptions(lab)
    data = staffing.scenario_data(lab)
    key = tuple(lab.decision("wave_order").key)
    for end in ("low", "high"):
        moved = table.copy()
        moved.loc[assumption, "value"] = moved.loc[assumption, end]
        terms = staffing.MoveTerms.of(moved.reset_index())
        model = staffing.PlanModel.of(dataclasses.replace(data, terms=terms), staffing.withholding(lab))
        assert model.best().order == key, (assumption, end)


# --------------------------------------------------------------------------- the payback question


def _named_queue(lab) -> str:
    decision = lab.decision("pilot_payback")
    labels = lab.table("queues").set_index("id")["queue"]
    return next(q for q, label in labels.items() if f"**{label}**" in decision.prompt)


def _payback_by_hand(row, months: int, *, round_to: float = 1.0, leave_out: str = "") -> int | None:
    """The payback month a learner works out from one row of the business-case table.

    Every figure is first rounded to ``round_to`` USD; ``leave_out`` names one part a learner
    might forget ("people", "retained", "wind_down" or "ramp").
    """

    def r(value: float) -> float:
        return round(float(value) / round_to) * round_to

    people = 0.0 if leave_out == "people" else r(row["severance_and_retraining"])
    one_off = r(row["transition_cost"]) + people
    retained = 0.0 if leave_out == "retained" else r(row["retained_organisation_a_month"])
    ramp = 0 if leave_out == "ramp" else int(row["ramp_months"])
    running = -one_off
    for month in range(1, months + 1):
        bill = r(row["provider_bill_a_month"]) / (float(row["ramp_productivity"]) if month <= ramp else 1.0)
        still = row.get(f"inhouse_pay_still_due_month_{month}", 0.0)
        still = 0.0 if leave_out == "wind_down" else r(still)
        running += r(row["inhouse_a_month"]) - bill - retained - still
        if running >= 0:
            return month
    return None


def test_the_payback_by_hand_from_the_table_is_the_key(lab):
    """Worked out month by month from the business-case table, is the payback month the key?"""
    row = lab.chart("business_case").frame.loc[_named_queue(lab)]
    months = int(_assumptions(lab).loc["horizon_months", "value"])
    assert _payback_by_hand(row, months) == lab.decision("pilot_payback").answer


def test_a_payback_rounded_as_the_prompt_allows_earns_full_credit(lab):
    """With the table's figures rounded to the nearest 1,000 USD, as the prompt allows, is the
    payback month still within the full-credit tolerance?"""
    decision = lab.decision("pilot_payback")
    row = lab.chart("business_case").frame.loc[_named_queue(lab)]
    months = int(_assumptions(lab).loc["horizon_months", "value"])
    month = _payback_by_hand(row, months, round_to=1_000)
    assert month is not None and abs(month - decision.answer) <= decision.tolerance, month


@pytest.mark.parametrize("round_to", [5_000, 10_000])
def test_a_coarsely_rounded_payback_still_earns_some_credit(lab, round_to):
    """With the table's figures rounded more coarsely than the prompt asks (5,000 or 10,000 USD),
    does the payback month still earn at least part of the credit?"""
    decision = lab.decision("pilot_payback")
    row = lab.chart("business_case").frame.loc[_named_queue(lab)]
    months = int(_assumptions(lab).loc["horizon_months", "value"])
    month = _payback_by_hand(row, months, round_to=round_to)
    band = max(decision.tolerance, decision.partial_tolerance or 0)
    assert month is not None and abs(month - decision.answer) <= band, (round_to, month)


def test_the_go_live_month_counted_as_month_0_earns_half_credit(lab):
    """Does the classic slip, counting the go-live month as month 0 (one month early), earn half the
    credit and not all of it, while the month itself earns all?"""
    decision = lab.decision("pilot_payback")
    kind = NumericKind()
    assert kind.judge(decision, decision.answer).fraction == 1.0
    assert kind.judge(decision, decision.answer - 1).fraction == 0.5


@pytest.mark.parametrize("part", ["people", "retained", "wind_down", "ramp"])
def test_a_payback_that_leaves_out_a_part_earns_no_full_credit(lab, part):
    """Leaving out severance and retraining, the retained organisation, the wind-down pay or the
    ramp-up, does the learner either land on the key by chance or fall outside the tolerance?"""
    decision = lab.decision("pilot_payback")
    row = lab.chart("business_case").frame.loc[_named_queue(lab)]
    months = int(_assumptions(lab).loc["horizon_months", "value"])
    month = _payback_by_hand(row, months, leave_out=part)
    assert month is None or month == decision.answer or abs(month - decision.answer) > decision.tolerance


def test_the_payback_prompt_states_its_unit_and_rounding(lab):
    """Does the payback prompt say the answer is a whole month from go-live and how far to round?"""
    decision = lab.decision("pilot_payback")
    prompt = " ".join(decision.prompt.split())
    assert decision.unit == "month" and "whole months" in prompt and "month 1" in prompt
    assert "rounded to the nearest 1,000 USD" in prompt
    assert float(decision.answer).is_integer() and float(decision.tolerance).is_integer()


# --------------------------------------------------------------------------- what the tables hold


def test_every_location_is_home_or_a_destination(lab):
    """Is every location in-house or some queue's destination, so nothing is priced for nothing?"""
    used = {"inhouse", *lab.table("queues")["destination"]}
    assert set(lab.table("locations")["id"]) == used


def test_the_stability_rule_is_a_fixed_rule(lab):
    """Are the stable months the transition team's fixed rule (no range), as the brief states them?"""
    table = _assumptions(lab)
    rules = table[table.index.str.startswith("stable_months_")]
    assert len(rules) >= 2 and (rules["low"] == rules["high"]).all()
    assert rules["source"].str.contains("rule").all()


def test_a_wrong_tick_says_what_it_costs_as_the_scoring_has_it(lab):
    """Where a first-wave option's feedback says what its wrong tick costs, does it say half the
    points, as the scoring gives (every right tick and that one: half the credit), not a point?"""
    decision = lab.decision("first_wave_criteria")
    right = [o.id for o in decision.options if o.correct]
    stated = 0
    for option in (o for o in decision.options if not o.correct):
        feedback = " ".join(option.feedback.split())
        assert "costs a point" not in feedback, option.id
        if "tick costs" in feedback:
            stated += 1
            assert score_decision(decision, [*right, option.id]).fraction == pytest.approx(0.5)
            assert "the tick costs half the points" in feedback, option.id
    assert stated >= 1


def test_first_wave_feedback_agrees_with_its_credit(lab):
    """Does each first-wave option's feedback open with 'Yes' when it earns credit and 'No' when its
    tick costs points?"""
    for option in lab.decision("first_wave_criteria").options:
        opening = option.feedback.split(".")[0].split(",")[0].strip()
        assert opening == ("Yes" if option.correct else "No"), (option.id, opening)
