"""Lab 05's wave order, priced: the net at the horizon of every order, for scoring by regret.

The wave order is scored by the money it loses against the best order (``scoring: regret`` on
the decision, :mod:`grader.kinds.order`), and only the lab's model knows what each order nets.
This is the lab's ``graded_scenario`` hook: it hands the decision the net of all 120 orders.
It is asked only of a full copy (the learner's practice session, or the grading side reading
the instructor's copy), so the model here may answer everything: a withheld copy is never
priced, and its learner gets no figure that names the best order.

Every lab session asks for it on opening, and the nets depend on the scenario's tables alone,
so they are worked out once per table contents and shared: a cohort report opens every learner.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from grader.display.cache import BoundedCache
from grader.display.formats import usd
from grader.kinds.order import Order
from grader.labs.contents import table_contents

from .costs import TABLES, ScenarioData
from .waves import PlanModel, Withholding

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab
    from grader.schema import Scenario

WAVE_ORDER = "wave_order"
# Every order's net, by the contents of the tables the plan model is built from.
_NETS: BoundedCache[dict[tuple[str, ...], float]] = BoundedCache(16)


def order_nets(lab: Lab) -> dict[tuple[str, ...], float]:
    """USD: the net position at the horizon of every complete wave order (of a full copy only)."""
    # A full copy keeps nothing back (its file holds every key anyway); a withheld one refuses.
    full_copy = Withholding(queue=None, allowed=lambda: not lab.scenario.withheld)
    full_copy.check("What every wave order nets")

    tables = {t: lab.table(t) for t in TABLES}

    def priced() -> dict[tuple[str, ...], float]:
        # Built from the very tables the key was taken from.
        model = PlanModel.of(ScenarioData.of(*(tables[t] for t in TABLES)), full_copy)
        return {order: model.plan(order).net for order in itertools.permutations(model.queue_ids)}

    return dict(_NETS.get(table_contents(tables), priced))


def priced_scenario(lab: Lab) -> Scenario:
    """The scenario with its wave order priced, if it is scored by regret (as it is otherwise)."""
    scenario = lab.scenario
    if scenario.withheld:
        return scenario
    decisions = [
        d.priced(order_nets(lab), usd) if isinstance(d, Order) and d.id == WAVE_ORDER and d.scoring else d
        for d in scenario.decisions
    ]
    return scenario.model_copy(update={"decisions": decisions})
