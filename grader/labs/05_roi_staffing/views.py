"""Lab 05's consequence view: a wave order's net position month by month.

One queue's payback month is a question of the lab (``pilot_payback``), so the view anyone sees
holds no payback month of a single queue, in words, chart or data: while one wave is live on its
own, the plan's running total *is* that queue's, so the chart starts in the first month two
waves are live (:func:`first_shared_month`), and a wave's own shortfall at the horizon (which,
divided by the monthly saving the table shows, gives its payback) is said only as "under water".
Of the payback queue's own wave not even that is said: whether it has paid back by the horizon
when it goes live in one month, and not when it goes live a few months later, pins its payback
month between the two, so its standing at the horizon is left out until the payback question
is answered.
On a withheld copy, until feedback may be shown (an assessment release), the view gives no
money figure of the learner's plan at all, neither its net, nor its deepest point, nor a chart
of its running total: the wave order is scored on that net, so re-recording orders and reading
the panel would find the key by search.  It still shows the waves, their go-live months and
whether the plan pays back within the horizon.
The part shown once the expert answer is revealed in practice adds the best order; each wave's
own shortfall and payback month, and the months one wave is live alone, it adds only once the
payback question is answered, so that revealing the order does not answer that question too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from numbers import Real
from typing import TYPE_CHECKING, Any

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart
from grader.display.formats import usd
from grader.display.html import ConsequenceView, Table

from .costs import DECISION
from .payback import PAYBACK, payback_queue
from .waves import PlanModel, Wave, WavePlan, clean_order, plan_model, withholding

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

PLANS = ("Your order", "Best order")

Paybacks = Mapping[str, int | None]
"""Queue id -> the calendar month its wave pays back on its own (``None``: not within ten years)."""


def first_shared_month(plan: WavePlan, horizon: int) -> int:
    """The first month in which at least two of the plan's waves are live (1 when none is).

    Before it, the plan's running total is one queue's own, from which that queue's payback
    month can be read; ``horizon + 1`` when a second wave goes live after the horizon.
    """
    if not plan.waves:
        return 1
    if len(plan.waves) < 2:
        return horizon + 1
    return min(plan.waves[1].go_live, horizon + 1)  # waves go live in order


def _outcome(
    plan: WavePlan, horizon: int, *, paybacks: bool = True, first_month: int = 1, money: bool = True
) -> str:
    """What a plan spends, how deep it goes, when it pays back and where it ends, in words.

    Without ``paybacks`` the payback is said only as inside or outside the horizon, and the
    deepest point is looked for from ``first_month`` on: a plan's month of payback, or its
    months while one queue is live alone, would give a single queue's payback away.  Without
    ``money`` only that payback is said: no figure of what the plan spends, how deep it goes or
    where it ends (the order's score is its net).
    """
    if not plan.waves:
        return "nothing moves, so nothing is spent or saved"
    payback = plan.payback_month
    if not payback:
        paid = f"no payback within {horizon} months"
    elif paybacks:
        paid = f"payback in month {payback}"
    else:
        paid = f"pays back within {horizon} months"
    if not money:
        return paid
    deepest = ""
    if first_month <= horizon:
        shown = plan.cumulative[first_month - 1 :]
        low = min(shown)
        deepest = f"deepest point {usd(low)} in month {first_month + shown.index(low)}, "
    return (
        f"{usd(plan.transition_spent[-1])} of one-off costs spent, {deepest}{paid}, "
        f"net {usd(plan.net)} after {horizon} months"
    )


def _payback_text(month: int | None) -> str:
    """When a wave pays back on its own, in words."""
    if month is None:
        return "does not pay back on its own within ten years"
    return f"pays back on its own in month {month}"


def _waves_text(plan: WavePlan, horizon: int, paybacks: Paybacks | None, withheld: str | None) -> str:
    """Each wave's go-live and wait; with ``paybacks``, its own shortfall at the horizon and payback month.

    Without them a wave under water is only said to be so: its shortfall divided by the monthly
    saving the table shows is its payback month, the answer to the payback question.  Of the
    ``withheld`` queue (the one that question names) not even that is said (see the module's docstring).
    """
    parts = []
    for wave in plan.waves:
        if wave.go_live > horizon:
            text = f"{wave.label} would go live in month {wave.go_live}, after the horizon"
        else:
            text = f"{wave.label} goes live in month {wave.go_live}"
        if wave.waited:
            months = f"{wave.waited} month{'s' if wave.waited > 1 else ''}"
            text += f" (waiting {months} for its procedures to be written and stable)"
        if wave.under_water and paybacks is not None:
            # The plan can pay back while a late wave has not: the board should hear which.
            text += (
                f", still {usd(-wave.net_at_horizon)} under water on its own at month {horizon}, "
                f"{_payback_text(paybacks[wave.queue])}"
            )
        elif wave.under_water and wave.queue != withheld:
            text += f", still under water on its own at month {horizon}"
        parts.append(text)
    return "; ".join(parts)


WITHHELD_STANDING = "left out: the payback decision asks for it"
"""What the waves table says, until the payback question is answered, of the queue it names."""


def _own_at_horizon(wave: Wave, horizon: int, paybacks: Paybacks | None, withheld: str | None) -> str:
    if wave.go_live > horizon:
        return "not live yet"
    if paybacks is not None:
        return f"{wave.net_at_horizon:,.0f}"
    if wave.queue == withheld:
        return WITHHELD_STANDING
    return "under water" if wave.under_water else "paid back"


def _waves_table(plan: WavePlan, horizon: int, paybacks: Paybacks | None, withheld: str | None) -> Table:
    """The waves; with ``paybacks``, each one's own running total at the horizon and payback month.

    Without them, each wave is said to be paid back or under water at the horizon, all but the
    ``withheld`` queue's (see the module's docstring).
    """
    own = (
        f"Its own running total at month {horizon} (USD)"
        if paybacks is not None
        else f"On its own at month {horizon}: paid back or under water"
    )
    columns = (
        "Queue",
        "Wave",
        "Team free from month",
        "Ready in month (procedures written and stable)",
        "Goes live in month",
        "Saving a month once ramped up and wound down (USD)",
        "One-off cost: transition, severance, retraining (USD)",
        own,
    )

    def payback_cell(wave: Wave) -> tuple[object, ...]:
        if paybacks is None:
            return ()
        month = paybacks[wave.queue]
        return (month if month is not None else "not within ten years",)

    return Table(
        "Your migration waves",
        columns + (("Pays back on its own in month",) if paybacks is not None else ()),
        [
            (
                w.label,
                w.number,
                w.free_month,
                w.ready_month,
                w.go_live if w.go_live <= horizon else f"{w.go_live} (after month {horizon})",
                f"{w.monthly_saving:,.0f}",
                f"{w.one_off_cost:,.0f}",
                _own_at_horizon(w, horizon, paybacks, withheld),
            )
            + payback_cell(w)
            for w in plan.waves
        ],
        css_class="decisionlab-waves",
        empty="No queue placed yet: until a queue is placed, the chart counts it as staying in-house.",
    )


def avoidable_waits(plan: WavePlan) -> list[Wave]:
    """The waves that waited for their procedures while a queue placed after them was already ready.

    Only such a wait is the order's fault: when nothing else is ready either, the team waits
    whatever the order (the expert path may too).  The last wave's wait delays nothing else.
    """
    return [
        wave
        for i, wave in enumerate(plan.waves[:-1])
        if wave.waited and any(later.ready_month <= wave.free_month for later in plan.waves[i + 1 :])
    ]


def payback_answered(lab: Lab) -> bool:
    """Whether the learner has recorded a number for the payback question."""
    value = lab.choice(PAYBACK)
    return isinstance(value, Real) and not isinstance(value, bool)


def consequence_view(lab: Lab, decision_id: str) -> ConsequenceView | None:
    """Net position month by month for the learner's wave order; with feedback, the best order beside it."""
    if decision_id != DECISION:
        return None
    model = plan_model(lab)
    order = clean_order(lab.choice(DECISION), model.queue_ids)
    withheld = payback_queue(lab)

    def revealed() -> ConsequenceView:
        # The best order is the key, and how long a wave waits says which queue is early; each
        # wave's payback month (and its shortfall at the horizon) is the payback question's key,
        # so they wait until that question has an answer of the learner's own.
        mine = model.plan(order)
        best = {PLANS[0]: mine, PLANS[1]: model.best()}
        if not payback_answered(lab):
            return _view(model, order, best, None, withheld)
        paybacks = {w.queue: model.own_payback(w.queue, w.go_live) for w in mine.waves}
        return replace(_view(model, order, best, paybacks, withheld), data=mine)

    # What anyone sees carries no plan object: its waves' own totals would give a payback away.
    # ``_plan`` does not ask whether feedback may be shown: this part shows none of what it keeps back,
    # and no money figure of the plan while the copy withholds (the order's score is its net).
    money = withholding(lab).allowed()
    plans = {PLANS[0]: model._plan(order)}
    return replace(_view(model, order, plans, None, withheld, money=money), practice=revealed)


def _view(
    model: PlanModel,
    order: list[str],
    plans: dict[str, WavePlan],
    paybacks: Paybacks | None,
    withheld: str | None,
    *,
    money: bool = True,
) -> ConsequenceView:
    """The view of ``plans``; without ``money``, no figure of the learner's plan's running total
    (its net, its deepest point, its chart): see the module's docstring."""
    import pandas as pd

    horizon = model.a.horizon_months
    mine = plans[PLANS[0]]
    complete = len(order) == len(model.queue_ids)
    shown = paybacks is not None
    # Without paybacks, months in which one wave is live alone are left out (see the module's docstring).
    first = {name: 1 if shown else first_shared_month(plan, horizon) for name, plan in plans.items()}
    frame = pd.DataFrame(
        [
            {"month": month, "usd": round(value, 0), "plan": name}
            for name, plan in plans.items()
            for month, value in enumerate(plan.cumulative, start=1)
            if month >= first[name]
        ],
        columns=["month", "usd", "plan"],
    )
    left = [model.label(q) for q in model.queue_ids if q not in order]
    summary = f"{len(order)} of {len(model.queue_ids)} queues placed"
    if left:
        # The board has approved every move: a queue left out is a gap in the plan, not a saving.
        them = "it" if len(left) == 1 else "them"
        summary += (
            f"; not placed yet: {', '.join(left)}. The board has approved every move, so the plan is "
            f"not complete; until {'it is' if len(left) == 1 else 'they are'} placed, the chart counts "
            f"{them} as staying in-house. "
        )
    else:
        summary += ". "
    if order:
        summary += f"Your waves: {_waves_text(mine, horizon, paybacks, withheld)}. "
    drawn = (shown or complete or not order) and money
    if not money and complete:
        summary += (
            f"Your order: {_outcome(mine, horizon, paybacks=shown, money=False)}. In this assessment "
            "the panel gives no net position of your order and draws no running total: the order "
            "is scored on its net, so it is shown with the feedback."
        )
    elif not money:
        summary += "Your order: its outcome is shown with the feedback."
    elif drawn:
        summary += f"Your order: {_outcome(mine, horizon, paybacks=shown, first_month=first[PLANS[0]])}."
        if first[PLANS[0]] > 1:
            summary += (
                f" The running total is drawn from month {first[PLANS[0]]}, when a second wave is live: "
                "while one queue is live alone, the running total is that queue's own, and a queue's "
                "own payback month is the payback decision's question."
            )
    else:
        # A part plan's running total is its few queues' own: one queue alone would draw the
        # payback question's answer.  The whole plan's line mixes the waves.
        summary += "Your order: its running total is drawn once every queue is placed."
    notes: tuple[str, ...] = ()
    if PLANS[1] in plans:
        best = plans[PLANS[1]]
        # Its outcome only: which queue goes where is the key, which the feedback explains once answered.
        summary += f" The best order of all {len(model.queue_ids)} queues: {_outcome(best, horizon)}."
        waited = avoidable_waits(mine)
        if waited:
            notes = (
                "A wave that waits for its procedures to be written and stable, while a queue placed "
                "after it is already ready, holds back every wave behind it: "
                + ", ".join(f"{w.label} ({w.waited} month{'s' if w.waited > 1 else ''})" for w in waited)
                + ".",
            )
    colours = {PLANS[0]: PALETTE[0], PLANS[1]: PALETTE[2]}
    legend = [
        (
            f"{name} ({'solid' if name == PLANS[0] else 'dashed'} line)",
            colours[name],
            _outcome(plan, horizon, paybacks=shown, first_month=first[name]),
        )
        for name, plan in plans.items()
    ]

    def build(alt: Any) -> Any:
        line = (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_line(point=True)
            .encode(
                x=alt.X(
                    "month:Q",
                    title="Month",
                    scale=alt.Scale(domain=[1, horizon], nice=False),
                    axis=alt.Axis(tickCount=8),
                ),
                y=alt.Y("usd:Q", title="Net position (USD)", axis=alt.Axis(tickCount=5, format="~s")),
                color=alt.Color(
                    "plan:N", scale=alt.Scale(domain=list(PLANS), range=list(colours.values())), legend=None
                ),
                strokeDash=alt.StrokeDash(
                    "plan:N", scale=alt.Scale(domain=list(PLANS), range=[[1, 0], [6, 4]]), legend=None
                ),
            )
        )
        zero = alt.Chart(alt.Data(name=DATA_NAME)).mark_rule(color="#777").encode(y=alt.datum(0))
        return (line + zero).properties(width=440, height=180)

    chart = FiguredChart(
        f"staffing-waves-{horizon}",
        build,
        frame,
        summary,
        legend,
        title="Running savings minus transition costs, month by month",
    )
    table = _waves_table(mine, horizon, paybacks, withheld)
    if not drawn or frame.empty:
        return ConsequenceView(summary, table=table, notes=notes)
    return ConsequenceView(summary, table=table, chart=chart, notes=notes)
