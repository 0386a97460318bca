"""Lab 05's what-if calculator: a wave plan's net position with the course assumptions moved.

The business case rests on course assumptions, each with a plausible range (the ``assumptions``
table).  A director defends a plan by knowing which of them moves the answer most: that is the
range to check first.  :class:`WhatIf` recomputes a wave order's net position at the horizon with
any of those assumptions set to another value, by the same model as the rest of the lab
(:class:`~.waves.PlanModel`); the learner compares the ends of each range.
:func:`swings` does that for every ranged assumption at once (the tests and the feedback use it).

The wave order is scored on exactly that net position, so a calculator that prices any order
would find the order's key by trying all 120.  Until feedback may be shown on a withheld copy
(an assessment release), the calculator therefore prices one fixed reference plan, the queues
in the order the queues table lists them (:data:`REFERENCE_PLAN`), whatever order it is given:
it still shows how far each assumption moves a plan, which is what the lever question asks,
and says nothing about which order is better.  A learner can still build a model of their own
from the tables; the calculator no longer does the search for them.  Practice keeps the full
calculator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from grader.display.errors import LabInputError

from .costs import ScenarioData, scenario_data
from .moves import MoveTerms
from .waves import PlanModel, Withholding, withholding

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab


def ranged(table: pd.DataFrame) -> list[str]:
    """The assumptions stated with a range (low below high), in table order."""
    return [str(row.id) for row in table.itertuples() if float(row.low) < float(row.high)]


REFERENCE_PLAN = "the queues in the order the queues table lists them"
"""What the calculator prices, whatever order it is given, until feedback may be shown on a withheld copy."""


class WhatIf:
    """A wave order's net position with some course assumptions set to other values.

    In the notebook: ``what_if = lab.chart("what_if")``, then
    ``what_if.net(["queue_a", "queue_b", ...], wind_down_months=3)``.  The plan models behind
    ``net`` live in its closure, not on the calculator: a model also knows the best order and
    each queue's own payback, which are decisions' keys (and keeps them back itself too,
    :class:`~.waves.Withholding`).
    """

    def __init__(self, data: ScenarioData, table: pd.DataFrame, withholding: Withholding) -> None:
        self._table = table.reset_index(drop=True)
        self.horizon = data.a.horizon_months
        self.queue_ids = list(data.queues)
        self.assumptions = ranged(self._table)
        self.net = calculator(data, self._table, self.assumptions, withholding)
        self._withholding = withholding

    @property
    def any_order(self) -> bool:
        """Whether ``net`` prices the order it is given (else the reference plan); asked each time,
        since the same session is graded later on."""
        return self._withholding.allowed()

    @property
    def summary(self) -> str:
        what = (
            "a wave order"
            if self.any_order
            else f"one fixed reference plan ({REFERENCE_PLAN}), whatever order you give it"
        )
        text = (
            f"A calculator: the net position after {self.horizon} months of {what}, with any "
            f"of the {len(self.assumptions)} course assumptions that have a range set to another "
            "value (the others as in the assumptions table)."
        )
        if not self.any_order:
            text += (
                " In this assessment it shows how far each assumption moves a plan, not what any "
                "order of yours nets: your wave order is scored on its net, so the calculator does "
                "not compare orders."
            )
        return text

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left'><code>{escape(str(r.id))}</code></th>"
            f"<td>{r.low:g}</td><td>{r.value:g}</td><td>{r.high:g}</td><td>{escape(str(r.unit))}</td></tr>"
            for r in self._table.itertuples()
            if str(r.id) in self.assumptions
        )
        plan = "a wave order" if self.any_order else "the reference plan"
        usage = (
            f"<code>what_if.net(order, name=value)</code> gives the net position in USD of {plan} "
            "(give a list of every queue id, first wave first) with one or more of these assumptions "
            "set to another value."
        )
        return (
            f"<p class='mathjax_ignore'>{escape(self.summary)} {usage}</p>"
            "<table><thead><tr><th scope='col'>Assumption</th><th scope='col'>Low</th>"
            "<th scope='col'>Value</th><th scope='col'>High</th><th scope='col'>Unit</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        return f"{self.summary} Assumptions with a range: {', '.join(self.assumptions)}."


def complete_order(order: object, queue_ids: Sequence[str]) -> list[str]:
    """``order`` as a list, if it names every queue id once (first wave first).

    Only a complete order: the net of one queue moved alone would hand over the payback
    question's answer.  Nothing here hands out the plan itself either: its month-by-month
    total and its waves' own totals would do the same.
    """
    if not isinstance(order, list | tuple):
        raise LabInputError(
            f"give the order as a list of queue ids, first wave first, from: {', '.join(queue_ids)} "
            '(record your order first to use lab.choice("wave_order"))'
        )
    unknown = [q for q in order if q not in queue_ids]
    if unknown or len(set(order)) != len(order):
        raise LabInputError(f"give each queue id once, from: {', '.join(queue_ids)}; got {list(order)}")
    missing = [q for q in queue_ids if q not in order]
    if missing:
        raise LabInputError(
            f"the board approved every move: give a complete order, each queue id once; "
            f"missing: {', '.join(missing)}"
        )
    return list(order)


#: How far past its stated range the calculator takes an assumption, in widths of that range:
#: far enough to ask "what if it were worse than we think", not so far that the plan means nothing.
STRETCH = 2.0


def _check_value(table: pd.DataFrame, name: str, value: object) -> None:
    """Refuse a value that is not a number, or lies far outside the assumption's stated range."""
    row = table.set_index("id").loc[name]
    low, high = float(row["low"]), float(row["high"])
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise LabInputError(
            f"{name} takes a number (its range is {low:g} to {high:g} {row['unit']}); got {value!r}"
        )
    width = high - low
    floor, ceiling = low - STRETCH * width, high + STRETCH * width
    if low >= 0:
        floor = max(floor, 0.0)  # a count, a cost or a share is never below zero
    if str(row["unit"]).startswith("share"):
        ceiling = min(ceiling, 1.0)
    if not floor <= value <= ceiling:
        raise LabInputError(
            f"{name} = {value:g} is far outside its range ({low:g} to {high:g} {row['unit']}); "
            f"the calculator takes values from {floor:g} to {ceiling:g}"
        )


def calculator(
    data: ScenarioData, table: pd.DataFrame, assumptions: Sequence[str], withholding: Withholding
) -> Callable[..., float]:
    """The calculator's ``net``: its plan models, one per set of values, stay in this closure."""
    models: dict[tuple[tuple[str, float], ...], PlanModel] = {}
    queue_ids = list(data.queues)

    def model(values: dict[str, float]) -> PlanModel:
        unknown = sorted(set(values) - set(assumptions))
        if unknown:
            raise LabInputError(
                f"not an assumption with a range: {', '.join(unknown)}; use one of {', '.join(assumptions)}"
            )
        for name, value in values.items():
            _check_value(table, name, value)
        key = tuple(sorted((k, float(v)) for k, v in values.items()))
        if key not in models:
            moved = table.copy()
            for name, value in values.items():
                moved.loc[moved["id"] == name, "value"] = float(value)
            terms = MoveTerms.of(moved)
            models[key] = PlanModel.of(dataclasses.replace(data, terms=terms), withholding)
        return models[key]

    def net(order: Sequence[str], **values: float) -> float:
        """USD: the net position after the horizon of ``order`` (every queue id once, first wave
        first) with these assumptions set to other values; of the reference plan instead, until
        feedback may be shown on a withheld copy (see the module's docstring)."""
        order = complete_order(order, queue_ids)
        if not withholding.allowed():
            order = list(queue_ids)  # the reference plan: the queues as the table lists them
        return model(values).plan(order).net

    return net


def what_if_chart(lab: Lab) -> WhatIf:
    """The what-if calculator for this scenario."""
    return WhatIf(scenario_data(lab), lab.table("assumptions"), withholding(lab))


def swings(what_if: WhatIf, order: Sequence[str]) -> dict[str, float]:
    """USD: net position at the high end minus at the low end of each ranged assumption, for ``order``."""
    table = what_if._table.set_index("id")
    return {
        name: what_if.net(order, **{name: float(table.loc[name, "high"])})
        - what_if.net(order, **{name: float(table.loc[name, "low"])})
        for name in what_if.assumptions
    }


def largest_swing(what_if: WhatIf, order: Sequence[str], **fixed: float) -> tuple[str, float]:
    """The assumption whose range moves ``order``'s net position most, and the ratio to the runner-up.

    ``fixed`` sets other assumptions first (to check the answer at the ends of the others).
    """
    table = what_if._table.set_index("id")
    sizes: dict[str, float] = {}
    for name in what_if.assumptions:
        if name in fixed:
            continue
        low = what_if.net(order, **{**fixed, name: float(table.loc[name, "low"])})
        high = what_if.net(order, **{**fixed, name: float(table.loc[name, "high"])})
        sizes[name] = abs(high - low)
    ranking = sorted(sizes, key=sizes.__getitem__, reverse=True)
    return ranking[0], sizes[ranking[0]] / sizes[ranking[1]]
