"""Lab 05's wave order, priced: the net at the horizon of every order, for scoring by regret.

The wave order is scored by the money it loses against the best order (``scoring: regret`` on
the decision, :mod:`grader.kinds.order`), and only the lab's model knows what each order nets.
This is the lab's ``graded_scenario`` hook: it hands the decision the net of every order the
horizon can judge, leaves the others unpriced, and says which orders break the rule's gates.
It is asked only of a full copy (the learner's practice session, or the grading side reading
the instructor's copy), so the model here may answer everything: a withheld copy is never
priced, and its learner gets no figure that names the best order.

An order with a wave that goes live after the horizon is left unpriced, like an incomplete
one: the horizon's money counts nothing of that move, neither its one-off costs nor its
saving, so pushing a move that is still under water at the horizon past it would look like a
gain.  The board approved every move, and the plan must make them all within the horizon.

Every lab session asks for the prices on opening, and they depend on the scenario's tables
(and the gates named) alone, so they are worked out once per table contents and shared: a
cohort report opens every learner.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from grader.display.cache import BoundedCache
from grader.display.formats import usd
from grader.kinds.order import Order
from grader.labs.contents import table_contents

from .costs import TABLES, ScenarioData
from .waves import PlanModel, WavePlan, Withholding

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab
    from grader.schema import Scenario

WAVE_ORDER = "wave_order"


class Prices(NamedTuple):
    """What the lab's model says of every complete wave order."""

    nets: dict[tuple[str, ...], float]  # every order's net at the horizon
    unpriced: dict[tuple[str, ...], str]  # the orders the horizon cannot judge, with the reason
    gated: dict[tuple[str, ...], tuple[str, ...]]  # the gates each order breaks, by id
    par: dict[tuple[str, ...], float]  # the net an order opening with a second fit pilot is judged on


# By the contents of the tables the plan model is built from, and the gates asked about.
_PRICES: BoundedCache[Prices] = BoundedCache(16)

Queues = Mapping[str, Mapping[str, Any]]
"""Queue id -> its row of the queues table."""


def risky_first_wave(order: Sequence[str], queues: Queues, first_month: int) -> bool:
    """Whether the first queue the order moves to any destination is high-risk or thinly documented.

    The first wave at a provider tests the provider and the transition together (decision 1's
    criteria): a queue whose mistakes cost customers, or whose procedures are not written down,
    makes a poor test, whatever it saves.
    """
    first: dict[str, str] = {}
    for queue in order:
        first.setdefault(str(queues[queue]["destination"]), queue)
    return any(queues[q]["risk"] == "high" or queues[q]["documentation"] == "low" for q in first.values())


def fit_to_pilot(row: Mapping[str, Any], first_month: int) -> bool:
    """Whether a queue can be the program's pilot: ready for the first wave, low-risk and fully documented."""
    return int(row["ready_month"]) <= first_month and row["risk"] == "low" and row["documentation"] == "high"


def no_pilot(order: Sequence[str], queues: Queues, first_month: int) -> bool:
    """Whether the order's first wave is not a pilot although a queue fit to be one exists.

    The first wave tests the transition team itself; opening with a big saver that is not ready,
    or not safe to get wrong, idles the team and bets the program on an untested hand-over.
    Money can favour such an order over a sound plan that waits for readiness, so it is capped.
    """
    if not any(fit_to_pilot(row, first_month) for row in queues.values()):
        return False
    return not fit_to_pilot(queues[order[0]], first_month)


Gate = Callable[[Sequence[str], Queues, int], bool]
"""Which orders a gate catches: (the order, the queues table, the first wave's month) -> caught."""

GATES: dict[str, Gate] = {"risky_first_wave": risky_first_wave, "no_pilot": no_pilot}
"""The gates a wave order's scoring may name, by id: which orders each one catches."""


def past_horizon(plan: WavePlan, horizon: int) -> str | None:
    """Why ``plan`` cannot be priced when a wave goes live after the horizon; ``None`` otherwise."""
    late = [w for w in plan.waves if w.go_live > horizon]
    if not late:
        return None
    waves = ", ".join(f"{w.label} would go live in month {w.go_live}" for w in late)
    return (
        f"{waves}, after month {horizon}. The board approved every move, so the plan must make "
        f"them all within the {horizon} months."
    )


def _prices(lab: Lab, gate_ids: tuple[str, ...]) -> Prices:
    """Every order's net, the orders left unpriced, the gates each breaks and the pars (of a full
    copy only)."""
    # A full copy keeps nothing back (its file holds every key anyway); a withheld one refuses.
    full_copy = Withholding(queue=None, allowed=lambda: not lab.scenario.withheld)
    full_copy.check("What every wave order nets")
    tables = {t: lab.table(t) for t in TABLES}

    def work_out() -> Prices:
        # Built from the very tables the key was taken from.
        model = PlanModel.of(ScenarioData.of(*(tables[t] for t in TABLES)), full_copy)
        horizon, first_month = model.a.horizon_months, model.a.first_wave_month
        nets: dict[tuple[str, ...], float] = {}
        unpriced: dict[tuple[str, ...], str] = {}
        gated: dict[tuple[str, ...], tuple[str, ...]] = {}
        for order in itertools.permutations(model.queue_ids):
            plan = model.plan(order)
            nets[order] = plan.net
            if (why := past_horizon(plan, horizon)) is not None:
                unpriced[order] = why
            if broken := tuple(g for g in gate_ids if GATES[g](order, model.queues, first_month)):
                gated[order] = broken
        judged = {order: net for order, net in nets.items() if order not in unpriced}
        return Prices(nets, unpriced, gated, on_par(judged, model.queues, first_month))

    return _PRICES.get((table_contents(tables), gate_ids), work_out)


def order_nets(lab: Lab) -> dict[tuple[str, ...], float]:
    """USD: the net position at the horizon of every complete wave order (of a full copy only)."""
    return dict(_prices(lab, ()).nets)


def priced(lab: Lab, decision: Order) -> Order:
    """``decision`` priced: the nets of the orders the horizon judges, the others unpriced, the
    gates each order breaks, and each order's par (of a full copy only)."""
    gates = decision.scoring.gates if decision.scoring else []
    unknown = [g.id for g in gates if g.id not in GATES]
    if unknown:
        raise ValueError(
            f"{decision.id}: lab 05 knows no gate {', '.join(unknown)}; it knows {', '.join(GATES)}"
        )
    prices = _prices(lab, tuple(g.id for g in gates))
    judged = {order: net for order, net in prices.nets.items() if order not in prices.unpriced}
    return decision.priced(
        judged, usd, unpriced=dict(prices.unpriced), gated=dict(prices.gated), par=dict(prices.par)
    )


def on_par(
    nets: Mapping[tuple[str, ...], float], queues: Queues, first_month: int
) -> dict[tuple[str, ...], float]:
    """For the orders that open with a queue fit to pilot, the best net among orders that open
    with the same queue, where that is below the best order's net.

    Two queues can be equally fit to open the program (ready, low-risk, fully documented); the
    best order takes the one that saves more sooner, but a director may as well pick the other
    (a smaller, steadier queue, say).  That pick costs nothing: an order is charged only for
    what it does after a sound pilot.
    """
    best = max(nets.values())
    by_pilot: dict[str, float] = {}
    for order, net in nets.items():
        if fit_to_pilot(queues[order[0]], first_month):
            by_pilot[order[0]] = max(net, by_pilot.get(order[0], net))
    return {order: by_pilot[order[0]] for order in nets if by_pilot.get(order[0], best) < best}


def priced_scenario(lab: Lab) -> Scenario:
    """The scenario with its wave order priced, if it is scored by regret (as it is otherwise)."""
    scenario = lab.scenario
    if scenario.withheld:
        return scenario
    decisions = [
        priced(lab, d) if isinstance(d, Order) and d.id == WAVE_ORDER and d.scoring else d
        for d in scenario.decisions
    ]
    return scenario.model_copy(update={"decisions": decisions})
