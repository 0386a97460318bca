"""Does lab 05's debrief set the learner's wave plan and payback beside the expert path, in its own model?"""

from __future__ import annotations

import re

import pytest

from grader.catalog import scenarios_for
from grader.display.formats import usd
from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from tests.labs import lab_parts

staffing = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _figures(lab) -> dict[str, object]:
    return {f.measure.split(",")[0].split(" (")[0]: f for f in staffing.wave_debrief(lab)}


def test_expert_choices_give_the_expert_figures(lab):
    """On the key, is each figure the expert's, with the expert plan's net position in USD?"""
    for decision in lab.scenario.decisions:
        lab.record(decision.id, perfect_answer(decision))
    figures = staffing.wave_debrief(lab)
    assert len(figures) >= 4 and all(f.yours == f.expert for f in figures)
    model = staffing.plan_model(lab)
    expert = model.plan(list(lab.decision("wave_order").key))
    assert usd(expert.net) in figures[0].expert and "after 24 months" in figures[0].measure


def test_a_worse_order_shows_what_it_costs(lab):
    """With the key reversed, is the learner's net position the model's for that order, below the expert's?"""
    key = list(lab.decision("wave_order").key)
    lab.record("wave_order", list(reversed(key)))
    net = _figures(lab)["Net position after 24 months"]
    model = staffing.plan_model(lab)
    mine, expert = model.plan(list(reversed(key))), model.plan(key)
    assert mine.net < expert.net
    assert net.yours == usd(mine.net) and net.expert == usd(expert.net)


def test_an_incomplete_order_says_what_is_missing(lab):
    """With two queues placed, or none, does every plan figure say what is missing instead of a number?"""
    key = list(lab.decision("wave_order").key)
    lab.record("wave_order", key[:2])
    plan_figures = staffing.wave_debrief(lab)[:-2]
    assert all(f.yours == f"order not complete: 2 of {len(key)} queues placed" for f in plan_figures)
    lab.record("wave_order", [])
    assert all(f.yours == "no order given" for f in staffing.wave_debrief(lab)[:-2])


def test_the_payback_figure_names_the_queue_and_the_learners_answer(lab):
    """Does the payback figure name the queue of the question and show the learner's month, or its absence?"""
    figure = staffing.wave_debrief(lab)[-2]
    queue = staffing.payback_queue(lab)
    assert queue is not None and staffing.plan_model(lab).label(queue) in figure.measure
    assert figure.yours == "not answered"
    assert figure.expert == f"month {lab.decision('pilot_payback').answer:g}"
    lab.record("pilot_payback", 3)
    assert staffing.wave_debrief(lab)[-2].yours == "month 3"


def _plan(*waves: tuple[str, int, int]) -> object:
    """A plan of waves given as (queue, month the team is free, ready month)."""
    built = [
        staffing.Wave(q, q, n, free, ready, max(free, ready), 0.0, 0.0)
        for n, (q, free, ready) in enumerate(waves, start=1)
    ]
    return staffing.WavePlan(tuple(w.queue for w in built), tuple(built), (0.0,), (0.0,))


def test_only_a_wait_another_queue_could_have_filled_is_flagged():
    """Is a wave's wait flagged only when a queue placed after it was ready in time, never the last one's?"""
    forced = _plan(("a", 1, 1), ("b", 4, 7), ("c", 10, 8))
    assert staffing.avoidable_waits(forced) == []
    early = _plan(("a", 1, 1), ("b", 4, 7), ("c", 10, 4))
    assert [w.queue for w in staffing.avoidable_waits(early)] == ["b"]
    last = _plan(("a", 1, 1), ("b", 4, 9))
    assert staffing.avoidable_waits(last) == []


def test_the_lever_figure_names_the_learners_assumption(lab):
    """Does the last figure name the assumption the learner chose, or say it is not answered?"""
    decision = lab.decision("biggest_lever")
    assert staffing.wave_debrief(lab)[-1].yours == "not answered"
    wrong = next(o for o in decision.options if o.credit == 0)
    lab.record("biggest_lever", wrong.id)
    figure = staffing.wave_debrief(lab)[-1]
    assert figure.yours == wrong.label and figure.expert != wrong.label


def test_the_expert_path_states_the_expert_plans_own_figures(lab):
    """Does the expert path, in 120 to 250 words, give the keyed plan's payback month and its net
    position to a tenth of a million USD, as the model computes them?"""
    text = " ".join(lab.scenario.debrief.expert_path.split())
    assert 120 <= len(text.split()) <= 250
    expert = staffing.plan_model(lab).plan(list(lab.decision("wave_order").key))
    assert f"paid back from month {expert.payback_month}" in text
    assert f"about {expert.net / 1e6:.1f} million USD up" in text


NUMBERS = ("no", "one", "two", "three", "four", "five")


def test_the_debrief_says_which_waves_are_under_water_at_the_horizon(lab):
    """Does the expert path give, for every keyed wave still under water on its own at the horizon,
    the month it pays back, and does every count of such moves in the debrief match the model's?"""
    model = staffing.plan_model(lab)
    under = model.plan(list(lab.decision("wave_order").key)).under_water
    path = " ".join(lab.scenario.debrief.expert_path.split())
    assert under and all(f"month {model.own_payback(w.queue, w.go_live)}" in path for w in under)
    assert f"these {NUMBERS[len(under)]} pay back after month {model.a.horizon_months}" in path
    debrief = path + " " + " ".join(lab.scenario.debrief.reflection.split())
    for count in re.findall(r"(\w+) of the five moves", debrief):
        assert count.lower() == NUMBERS[len(under)], count


def test_wave_feedback_quotes_the_models_shortfall_and_payback(lab):
    """Does each keyed wave under water at the horizon say so in its feedback, with its shortfall (to
    the thousand) and its payback month as the model computes them, and no other wave claim it?
    The payback question's queue is the exception: see the next test."""
    model = staffing.plan_model(lab)
    horizon = model.a.horizon_months
    expert = model.plan(list(lab.decision("wave_order").key))
    feedback = {o.id: " ".join(o.feedback.split()) for o in lab.decision("wave_order").options}
    for wave in expert.waves:
        text = feedback[wave.queue]
        if wave.queue == staffing.payback_queue(lab):
            continue
        if wave.under_water:
            assert f"{round(-wave.net_at_horizon, -3):,.0f} USD under water" in text, wave.queue
            payback = model.own_payback(wave.queue, wave.go_live)
            assert f"month {horizon}" in text and f"month {payback}" in text, wave.queue
        else:
            assert "under water" not in text, wave.queue


ORDINALS = {
    n: w for n, w in enumerate(("first second third fourth fifth sixth seventh eighth ninth").split(), 1)
}


def test_wave_feedback_leaves_the_payback_question_to_decision_3(lab):
    """Does the wave-order feedback of the payback question's queue leave out its payback month (from
    go-live or in the calendar), its shortfall at the horizon and any 'pays back' wording, so that
    reading decision 2's feedback does not answer decision 3?"""
    model = staffing.plan_model(lab)
    queue = staffing.payback_queue(lab)
    wave = next(w for w in model.plan(list(lab.decision("wave_order").key)).waves if w.queue == queue)
    answer = int(lab.decision("pilot_payback").answer)
    text = " ".join(next(o for o in lab.decision("wave_order").options if o.id == queue).feedback.split())
    calendar = model.own_payback(queue, wave.go_live)
    assert f"month {answer}" not in text and f"month {calendar}" not in text
    assert f"{ORDINALS.get(answer, answer)} month" not in text
    assert "pays back" not in text and "pays for itself" not in text
    assert f"{round(abs(wave.net_at_horizon), -3):,.0f}" not in text


def test_the_debrief_lists_the_waves_under_water(lab):
    """On the key, does the debrief list the waves under water at the horizon with their payback
    months; with a reversed order, the model's for that order; incomplete, what is missing?"""
    key = list(lab.decision("wave_order").key)
    model = staffing.plan_model(lab)
    lab.record("wave_order", key)
    figure = _figures(lab)["Moves still under water on their own after 24 months"]
    under = model.plan(key).under_water
    assert figure.yours == figure.expert and figure.expert.startswith(f"{len(under)}: ")
    for wave in under:
        month = model.own_payback(wave.queue, wave.go_live)
        assert f"{wave.label} (pays back in month {month})" in figure.expert
    lab.record("wave_order", list(reversed(key)))
    mine = model.plan(list(reversed(key))).under_water
    figure = _figures(lab)["Moves still under water on their own after 24 months"]
    assert figure.yours.startswith(f"{len(mine)}: ") if mine else figure.yours == "none"
    lab.record("wave_order", key[:3])
    assert _figures(lab)["Moves still under water on their own after 24 months"].yours.startswith(
        "order not complete"
    )
