"""Lab 05's debrief figures: what the learner's wave order, payback answer and assumption to
check first come to, beside the expert path, in the lab's own plan model.

The measures are the ones a board would ask of the plan: the net position at the horizon, the
month from which the plan stays paid back, the deepest cash position on the way, how long
the transition team sat idle waiting for procedures, and which moves are still under water on
their own at the horizon, with the month each pays back (a plan can pay back on the strength
of its early waves while its late ones have not).  An order that leaves queues out is not the
plan the board approved (every queue moves), so it gets no plan figures, only what is missing.
"""

from __future__ import annotations

from numbers import Real
from typing import TYPE_CHECKING

from grader.display.formats import usd
from grader.labs.base import DebriefFigure

from .costs import DECISION
from .payback import PAYBACK, payback_queue
from .waves import PlanModel, WavePlan, clean_order, plan_model

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

LEVER = "biggest_lever"


def _payback(plan: WavePlan, horizon: int) -> str:
    month = plan.payback_month
    return f"month {month}" if month is not None else f"not within {horizon} months"


def _deepest(plan: WavePlan) -> str:
    low, month = plan.lowest
    return f"{usd(low)} in month {month}"


def _idle(plan: WavePlan) -> str:
    """Months the team waited for procedures before a wave that has others behind it."""
    months = sum(w.waited for w in plan.waves[:-1])
    return f"{months} month{'' if months == 1 else 's'}"


def _under_water(plan: WavePlan, model: PlanModel) -> str:
    """The waves still below zero on their own at the horizon, with the month each pays back."""
    waves = plan.under_water
    if not waves:
        return "none"
    months = [model.own_payback(w.queue, w.go_live) for w in waves]
    paid = [f"pays back in month {m}" if m is not None else "not within ten years" for m in months]
    return f"{len(waves)}: " + ", ".join(f"{w.label} ({p})" for w, p in zip(waves, paid, strict=True))


def _payback_answer(value: object) -> str:
    if isinstance(value, Real) and not isinstance(value, bool):
        return f"month {float(value):g}"
    return "not answered"


def wave_debrief(lab: Lab) -> list[DebriefFigure]:
    """The learner's wave plan and payback answer beside the expert's, in the lab's plan model."""
    model = plan_model(lab)
    horizon = model.a.horizon_months
    key = list(lab.decision(DECISION).key)
    expert = model.plan(key)
    order = clean_order(lab.choice(DECISION), model.queue_ids)
    mine = model.plan(order) if len(order) == len(key) else None
    missing = f"order not complete: {len(order)} of {len(key)} queues placed" if order else "no order given"
    measures = (
        (f"Net position after {horizon} months, every cost of each move in (USD)", lambda p: usd(p.net)),
        ("Month from which the plan stays paid back", lambda p: _payback(p, horizon)),
        ("Deepest net position on the way (USD)", _deepest),
        ("Months the transition team waits for procedures between waves", _idle),
        (
            f"Moves still under water on their own after {horizon} months, and when each pays back",
            lambda p: _under_water(p, model),
        ),
    )
    figures = [
        DebriefFigure(measure, missing if mine is None else get(mine), get(expert))
        for measure, get in measures
    ]
    queue = payback_queue(lab)
    named = model.label(queue) if queue is not None else "the queue in the payback question"
    figures.append(
        DebriefFigure(
            f"Payback month of {named} moving on its own",
            _payback_answer(lab.choice(PAYBACK)),
            _payback_answer(lab.decision(PAYBACK).answer),
        )
    )
    lever = lab.decision(LEVER)
    labels = {o.id: o.label for o in lever.options}
    best = next(o.id for o in lever.options if o.credit == 1)
    chosen = lab.choice(LEVER)
    figures.append(
        DebriefFigure(
            "The assumption that moves the net position most across its range",
            labels[chosen] if isinstance(chosen, str) and chosen in labels else "not answered",
            labels[best],
        )
    )
    return figures
