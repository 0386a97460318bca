"""Is lab 05's wave order scored by the money it loses against the best order, not by pairs?

A director judges an order by what it costs.  Counted by pairs, a sort by one column of the
queue table (broadband's ``fcr`` descending, mealkit's ``aht_seconds`` ascending) earned
eight of ten pairs while losing far more than an order reasoned from readiness.  Here every
one of the 120 orders of each scenario is priced by the lab's own model, on the side that
grades, and its credit falls as its loss grows; an order with a wave after the horizon is not
priced at all, and one that opens a provider with a risky or undocumented queue is capped.
"""

from __future__ import annotations

import itertools
import json
import statistics

import pytest

from grader.answers import Answers
from grader.autograde.preprocessors import ScoreDecisions
from grader.catalog import scenarios_for
from grader.display.errors import LabInputError
from grader.display.formats import usd
from grader.engine import score_decision
from grader.notebook import open_lab
from grader.notebook.graded import graded_scenario
from grader.paths import scenario_dirs
from grader.runtime import RELEASE_PACK_KEY, SETTINGS_FILE
from grader.schema.withhold import withhold
from tests.labs import lab_parts
from tests.labs.test_staffing_routes import _withheld_pack

staffing = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
DECISION = "wave_order"
# The table's columns a sort could use; the id, the name and the free-text notes are no measure.
NOT_MEASURES = {"id", "queue", "notes"}


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _credit(lab, order) -> float:
    return score_decision(lab.decision(DECISION), list(order)).fraction


def _loss(lab, order) -> float:
    priced = lab.decision(DECISION).loss(list(order))
    assert priced is not None, order
    return priced[0]


def _column_sorts(lab) -> dict[str, list[str]]:
    """Every single-column sort of the queue table, both ways (a tie keeps the file's order)."""
    queues = lab.table("queues")
    sorts = {}
    for column in (c for c in queues.columns if c not in NOT_MEASURES):
        for ascending in (True, False):
            order = list(queues.sort_values(column, ascending=ascending, kind="stable")["id"])
            sorts[f"{column} {'ascending' if ascending else 'descending'}"] = order
    return sorts


def _readiness_orders(lab) -> dict[str, list[str]]:
    """Orders reasoned from readiness alone, as a careful learner without the model builds them.

    "As each is ready": by ready month, the larger saving first on a tie.  "Pilot, then ready
    first": the queue ready soonest that saves most, then in each slot the queue that is ready
    when the team is free and saves most, or the one ready soonest if none is.
    """
    model = staffing.plan_model(lab)
    ready = {q: int(row["ready_month"]) for q, row in model.queues.items()}
    saving = model.monthly_saving
    as_ready = sorted(ready, key=lambda q: (ready[q], -saving(q)))
    gap, free = model.a.wave_gap_months, model.a.first_wave_month
    left, pilot_first = set(ready), []
    while left:
        now = [q for q in left if ready[q] <= free]
        pick = max(now, key=saving) if now else min(left, key=lambda q: (ready[q], -saving(q)))
        pilot_first.append(pick)
        left.remove(pick)
        free = max(free, ready[pick]) + gap
    return {"as each is ready": as_ready, "pilot, then ready first": pilot_first}


def test_the_key_earns_full_credit_and_loses_nothing(lab):
    """Does the keyed order lose nothing and earn every point?"""
    key = lab.decision(DECISION).key
    assert _loss(lab, key) == pytest.approx(0, abs=0.01)
    assert _credit(lab, key) == 1


def test_an_order_that_loses_less_always_earns_more(lab):
    """Over every priced order that breaks no gate, does an order that loses less money never
    earn less, and earn more while it is short of the loss at which credit runs out?"""
    decision = lab.decision(DECISION)
    every = list(itertools.permutations(decision.key))
    assert len(every) == 120
    plain = [o for o in every if decision.loss(list(o)) is not None and not decision.gates_broken(list(o))]
    assert len(plain) >= 15, len(plain)
    orders = sorted(plain, key=lambda o: _loss(lab, o))
    credits = [_credit(lab, o) for o in orders]
    assert credits == sorted(credits, reverse=True)
    for (cheaper, dearer), (more, less) in zip(
        itertools.pairwise(orders), itertools.pairwise(credits), strict=True
    ):
        if more > 0 and _loss(lab, dearer) - _loss(lab, cheaper) > 1:
            assert more > less, (cheaper, dearer)


def test_no_single_column_sort_beats_a_readiness_order_that_loses_less(lab):
    """Does each sort of the queue table by one column earn less than every readiness-reasoned
    order that loses less money (broadband's fcr descending against "as each is ready" among them)?

    A readiness order that opens a provider with a risky or undocumented queue (mealkit's "as
    each is ready" puts cancellations first at Guadalajara) breaks decision 1's criteria, so it
    is reasoned from readiness alone and capped: it is not compared.  A sort that cannot be
    priced (a wave after the horizon) earns nothing, below any readiness order.
    """
    decision = lab.decision(DECISION)
    reasoned = {why: o for why, o in _readiness_orders(lab).items() if not decision.gates_broken(o)}
    assert reasoned
    compared = 0
    for name, order in _column_sorts(lab).items():
        if decision.loss(order) is None:
            assert _credit(lab, order) == 0, (name, order)
            continue
        for why, better in reasoned.items():
            if _loss(lab, better) < _loss(lab, order):
                compared += 1
                assert _credit(lab, better) > _credit(lab, order), (
                    f"{lab.scenario.id}: sorting by {name} earns {_credit(lab, order):.0%} losing "
                    f"{usd(_loss(lab, order))}; '{why}' earns {_credit(lab, better):.0%} losing "
                    f"{usd(_loss(lab, better))}"
                )
    assert compared >= 10, compared  # the readiness orders beat most sorts on money


def test_a_random_order_earns_well_under_half(lab):
    """Averaged over all 120 orders, does an order earn less than 15 % of the points?"""
    orders = itertools.permutations(lab.decision(DECISION).key)
    assert statistics.mean(_credit(lab, o) for o in orders) < 0.15


def _ready_month_order(lab) -> list[str]:
    """The pilot the key opens with, then each queue as soon as it is ready (ready month, the
    larger saving first on a tie): the plain readiness plan, without waiting for a big saver."""
    model = staffing.plan_model(lab)
    pilot = lab.decision(DECISION).key[0]
    ready = {q: int(row["ready_month"]) for q, row in model.queues.items() if q != pilot}
    return [pilot, *sorted(ready, key=lambda q: (ready[q], -model.monthly_saving(q)))]


def test_the_ready_month_order_earns_at_most_half_and_more_than_no_pilot(lab):
    """Does the order with the right pilot and every queue moved as soon as it is ready earn at
    most half the points, and more than the cap on a program without a pilot: every constraint
    kept, the one judgement about waiting missed?"""
    order = _ready_month_order(lab)
    decision = lab.decision(DECISION)
    assert order != decision.key and decision.scoring is not None
    no_pilot = next(gate.cap for gate in decision.scoring.gates if gate.id == "no_pilot")
    assert no_pilot < _credit(lab, order) <= 0.5, (order, _credit(lab, order))


def _slips_past_the_first_wave(lab) -> list[list[str]]:
    """The key with two neighbouring waves after the first swapped, one order per place."""
    key = list(lab.decision(DECISION).key)
    return [key[:place] + [key[place + 1], key[place]] + key[place + 2 :] for place in range(1, len(key) - 1)]


def _points_lost_by_the_costliest_slip(lab) -> float:
    return max(1 - _credit(lab, order) for order in _slips_past_the_first_wave(lab))


def test_the_same_slip_costs_a_like_share_of_the_points_in_both_scenarios(practice):
    """Does the costliest slip past the first wave (two neighbouring waves swapped, the one that
    holds back the largest saving) cost a like share of the points in both scenarios, between a
    fifth and two fifths, and does credit run out at a like loss in USD, so that a cohort graded on
    both is graded on one scale?"""
    labs = [open_lab(LAB, practice, scenario=s) for s in SCENARIOS]
    lost = [_points_lost_by_the_costliest_slip(lab) for lab in labs]
    assert all(0.2 <= share <= 0.4 for share in lost), lost
    assert max(lost) / min(lost) <= 1.6, lost
    runs_out = []
    for lab in labs:
        decision = lab.decision(DECISION)
        assert decision.scoring is not None
        runs_out.append(decision.scoring.zero_at * decision.loss(list(decision.key))[1])
    assert max(runs_out) / min(runs_out) <= 1.25, [usd(x) for x in runs_out]


def test_an_order_with_a_wave_after_the_horizon_earns_nothing_and_says_why(lab):
    """Does every order with a wave that goes live after month 24 earn nothing, unpriced, with a
    note that says the plan must make every move within the horizon?"""
    decision = lab.decision(DECISION)
    model = staffing.plan_model(lab)
    horizon = model.a.horizon_months
    late = [
        list(o)
        for o in itertools.permutations(decision.key)
        if any(w.go_live > horizon for w in model.plan(o).waves)
    ]
    for order in late:
        judgement = score_decision(decision, order)
        assert judgement.fraction == 0 and decision.loss(order) is None, order
        assert f"after month {horizon}" in judgement.notes[0].text
        assert "cannot be priced" in judgement.notes[0].text
    if lab.scenario.id == "staffing-broadband":
        # No pilot, the largest queue first, retention second and billing pushed to month 25:
        # pricing it within the horizon paid half the points for leaving billing's costs out.
        assert ["tech_support", "retention", "moves_installs", "spanish_line", "billing"] in late
        assert len(late) >= 40


def _risky_first_wave(lab, order) -> bool:
    queues = lab.table("queues").set_index("id")
    first = {}
    for queue in order:
        first.setdefault(queues.loc[queue, "destination"], queue)
    return any(
        queues.loc[q, "risk"] == "high" or queues.loc[q, "documentation"] == "low" for q in first.values()
    )


def test_a_risky_first_wave_at_a_provider_earns_at_most_40_percent(lab):
    """Does every order whose first wave at a provider is rated high for risk or low for
    documentation earn at most 40 %, and say why (mealkit's cancellations as Guadalajara's
    first wave, which loses little money, among them)?"""
    decision = lab.decision(DECISION)
    gated = [list(o) for o in itertools.permutations(decision.key) if _risky_first_wave(lab, o)]
    assert len(gated) >= 20
    for order in gated:
        assert _credit(lab, order) <= 0.4, order
        if decision.loss(order) is not None:
            assert "at most 40%" in score_decision(decision, order).notes[0].text
    assert not _risky_first_wave(lab, decision.key)
    if lab.scenario.id == "staffing-mealkit":
        order = ["order_changes", "account_access", "cancellations", "delivery_issues", "billing"]
        assert _credit(lab, order) == pytest.approx(0.4)


def _fit_pilots(lab) -> set[str]:
    """Queues ready for the first wave, low in risk and fully documented."""
    queues = lab.table("queues")
    first = staffing.plan_model(lab).a.first_wave_month
    fit = (queues["ready_month"] <= first) & (queues["risk"] == "low") & (queues["documentation"] == "high")
    return set(queues.loc[fit, "id"])


def test_an_order_without_a_pilot_earns_at_most_25_percent_below_the_ready_month_order(lab):
    """Does every order whose first wave is no queue fit to pilot earn at most 25 %, less than
    the ready-month order, and say why (broadband's sort by monthly saving, which earned 49 %,
    among them)?"""
    decision = lab.decision(DECISION)
    pilots = _fit_pilots(lab)
    assert pilots and decision.key[0] in pilots
    ready_month = _credit(lab, _ready_month_order(lab))
    no_pilot = [list(o) for o in itertools.permutations(decision.key) if o[0] not in pilots]
    assert len(no_pilot) >= 48
    for order in no_pilot:
        assert _credit(lab, order) <= 0.25 < ready_month, order
        if decision.loss(order) is not None and _credit(lab, order) > 0:
            assert "at most 25%" in score_decision(decision, order).notes[0].text, order
    if lab.scenario.id == "staffing-broadband":
        by_saving = ["tech_support", "billing", "moves_installs", "retention", "spanish_line"]
        assert decision.gates_broken(by_saving) and _credit(lab, by_saving) == pytest.approx(0.25)


def test_the_keys_pilot_is_the_only_queue_fit_to_pilot(lab):
    """Is the key's first wave the only queue fit to pilot, so that no order is judged on par
    against the best order that starts with another (mealkit's account help is as safe as box
    changes but not ready before month 6)?  The par rule itself is tested in tests/kinds."""
    decision = lab.decision(DECISION)
    assert _fit_pilots(lab) == {decision.key[0]}
    if lab.scenario.id == "staffing-mealkit":
        assert int(lab.table("queues").set_index("id").loc["account_access", "ready_month"]) > 1
    assert not any(decision.judged_on_par(list(o)) for o in itertools.permutations(decision.key))


def test_practice_feedback_says_the_money_lost_not_pairs_nor_the_best_net(lab):
    """Does practice feedback on a recorded order give what it loses in the lab's money format,
    without counting pairs or naming the best order's net?"""
    decision = lab.decision(DECISION)
    order = _ready_month_order(lab)  # priced in both scenarios (the key reversed goes past the horizon)
    lab.record(DECISION, order)
    text = " ".join(note.text for note in lab.feedback(DECISION).notes)
    loss, best = decision.loss(order)
    assert f"loses {usd(loss)}" in text
    assert "pair" not in text and usd(best) not in text


def test_the_expert_result_gives_the_loss_and_the_best_net(lab):
    """Once feedback may be shown, does the result give the money lost and the best order's net?"""
    decision = lab.decision(DECISION)
    order = _ready_month_order(lab)  # priced in both scenarios (the key reversed goes past the horizon)
    loss, best = decision.loss(order)
    text = " ".join(n.text for n in score_decision(decision, order).notes)
    assert f"loses {usd(loss)}" in text and f"nets {usd(best)}" in text


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_grading_side_prices_the_full_copy_and_never_a_withheld_one(scenario_id):
    """Does the grading side, reading the instructor's full copy, score the order by money lost,
    while a withheld copy carries no prices?"""
    template = next(s for s in scenarios_for(LAB) if s.id == scenario_id)
    graded = graded_scenario(LAB, template, 0, tuple(scenario_dirs()))
    decision = graded.decision(DECISION)
    assert decision.by_regret
    late = ["tech_support", "retention", "moves_installs", "spanish_line", "billing"]
    kept = withhold(graded).decision(DECISION)
    assert not kept.by_regret
    assert kept.unpriced_because(late) is None
    assert not any(kept.gates_broken(list(o)) for o in itertools.permutations(decision.key))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_grading_step_scores_a_submission_by_money_lost(scenario_id):
    """Does nbgrader's scoring step grade a submitted wave order from the priced full copy?"""
    answers = Answers(lab=LAB, scenario=scenario_id)
    notes: list[str] = []
    graded = ScoreDecisions(trust_recorded_assignment=True)._assignment(LAB, "learner", answers, notes)
    assert graded is not None and notes == []
    decision = graded.scenario.decision(DECISION)
    assert decision.by_regret
    assert score_decision(decision, list(decision.key)).fraction == 1


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_an_assessment_release_holds_no_prices(scenario_id, practice):
    """In an assessment release, does the learner's wave order carry no price, and does the
    lab refuse to price the orders?"""
    pack = _withheld_pack(practice)
    settings = {"mode": "assessment", RELEASE_PACK_KEY: pack.name}
    (practice / SETTINGS_FILE).write_text(json.dumps(settings), encoding="utf-8")
    released = open_lab(LAB, practice, scenario=scenario_id)
    assert released.scenario.withheld
    kept = released.decision(DECISION)
    assert not kept.by_regret
    # The gates name the criteria decision's answers (what fits a queue to go first); in assessment
    # both decisions are open at once.
    assert kept.scoring is not None and kept.scoring.gates == []
    reachable = json.dumps(kept.model_dump()).lower()
    assert "risk" not in reachable and "documentation" not in reachable
    with pytest.raises(LabInputError):
        staffing.order_nets(released)


ZERO_AT_IN_WORDS = {0.6: "60 % of the best order's net", 0.52: "52 % of the best order's net"}


def test_the_prompt_says_the_order_is_judged_by_what_it_costs(lab):
    """Does the prompt state the rule: judged by the money lost, none at the scenario's share of
    the best net, nothing for a go-live after month 24, and the gate's cap, without naming the
    criteria decision's answers (risk and documentation), which an assessment shows beside it?"""
    decision = lab.decision(DECISION)
    prompt = " ".join(decision.prompt.split())
    assert decision.scoring is not None
    assert "judged by what it costs" in prompt and ZERO_AT_IN_WORDS[decision.scoring.zero_at] in prompt
    assert "go-live after month 24, cannot be priced and earns nothing" in prompt
    caps = {gate.id: gate.cap for gate in decision.scoring.gates}
    assert caps == {"risky_first_wave": 0.4, "no_pilot": 0.25}
    assert "the order earns at most 40 % of the points" in prompt
    assert "is ready in month 1, the order earns at most 25 %" in prompt
    assert "judged against the best order that starts the same way" in prompt
    assert "risk" not in prompt and "documentation" not in prompt
    assert "pair" not in prompt


def test_the_prompt_says_what_one_slip_costs_in_its_own_scenario(lab):
    """Does the prompt give the share of the points that one slip past the first wave (two
    neighbouring waves of the key swapped) costs in this scenario, as the scoring has it?

    The slopes are set so that the costliest such slip costs a like share in both scenarios, but
    the cheaper slips still differ (about 6 to 23 % in broadband, 9 to 35 % in mealkit), so a
    learner is told what a slip costs where they are graded."""
    decision = lab.decision(DECISION)
    lost = [100 * (1 - _credit(lab, order)) for order in _slips_past_the_first_wave(lab)]
    assert min(lost) > 0, "a slip past the first wave should cost something"
    prompt = " ".join(decision.prompt.split())
    said = f"(two neighbouring waves swapped) costs about {min(lost):.0f} to {max(lost):.0f} % of the points"
    assert said in prompt, (said, prompt)
