"""Lab 05's waves: moving queues one transition at a time, and the best order.

The first wave goes live in ``first_wave_month``, each later one ``wave_gap_months`` after the
previous go-live, and no queue before its ``ready_month`` (its procedures must be written
first), so a queue placed too early holds back every wave behind it (:func:`schedule`).  A queue's ready
month follows the stability rule of :mod:`.moves`.  A plan's net position each month is the sum
of its moves' cumulative savings from their go-live months, every cost of a move included
(:class:`WavePlan`); the best order is the one with the largest net position at the
horizon, found by trying every order (:meth:`PlanModel.best`; five queues make 120 orders).

A plan can pay back inside the horizon while some of its later waves are still under water at
its end: each wave also carries its own running total at the horizon, and
:meth:`PlanModel.own_payback` gives the calendar month in which it pays back on its own (looked
for up to ten years, past the horizon), so a board hears which moves it is approving on the
strength of the others.  A wave does not carry that month: one queue's payback is a question of
the lab, so only the views that may give it away (after a reveal, the debrief) ask for it.

On a withheld copy, the lab's own model (:func:`plan_model`) keeps back what answers a
decision outright until feedback may be shown (:class:`Withholding`): the best order
(decision 2's key), and the payback queue's own move and payback month (decision 3's).  The
lab's views still draw a learner's plan with :meth:`PlanModel._plan`, which asks nothing, and
show only what they may.

>>> schedule(["a", "b", "c"], {"a": 1, "b": 7, "c": 1}, first_month=1, gap=3)
[('a', 1, 1), ('b', 4, 7), ('c', 10, 10)]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.display.errors import LabInputError
from grader.models.cost import RoiResult

from .costs import PlanAssumptions, ScenarioData, scenario_data
from .moves import MoveCosts, MoveTerms, move_roi
from .payback import payback_queue

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

PAYBACK_SEARCH_MONTHS = 120
"""How far past its go-live a move's own payback is looked for: beyond ten years it counts as never."""


def schedule(
    order: Sequence[str], ready: Mapping[str, int], *, first_month: int, gap: int
) -> list[tuple[str, int, int]]:
    """(queue, month the transition team is free for it, go-live month) for each wave, in order.

    One transition at a time: a wave can go live ``gap`` months after the previous go-live (the
    first in ``first_month``), and never before the queue's ready month.
    """
    waves = []
    previous: int | None = None
    for queue in order:
        free = first_month if previous is None else previous + gap
        go_live = max(free, int(ready[queue]))
        waves.append((queue, free, go_live))
        previous = go_live
    return waves


@dataclass(frozen=True)
class Wave:
    """One queue's move in a plan."""

    queue: str
    label: str
    number: int
    free_month: int
    ready_month: int
    go_live: int
    monthly_saving: float
    one_off_cost: float  # transition, severance and retraining (USD)
    net_at_horizon: float = 0.0  # its own running total at the horizon (USD; 0 if live after it)

    @property
    def waited(self) -> int:
        """Months the transition team waited for this queue's procedures."""
        return self.go_live - self.free_month

    @property
    def under_water(self) -> bool:
        """Whether the move has gone live and its own running total is still below zero at the horizon."""
        return self.net_at_horizon < 0


@dataclass(frozen=True)
class WavePlan:
    """The queues moved in one order: each wave, and the net position at the end of each month."""

    order: tuple[str, ...]
    waves: tuple[Wave, ...]
    cumulative: tuple[float, ...]  # running savings to date minus one-off costs paid to date (USD)
    transition_spent: tuple[
        float, ...
    ]  # one-off costs (transition, severance, retraining) paid to date (USD)

    @property
    def net(self) -> float:
        """Net position at the horizon (USD)."""
        return self.cumulative[-1]

    @property
    def payback_month(self) -> int | None:
        """The month from which the net position stays at or above zero to the horizon.

        ``None`` when the plan ends below zero or spends nothing within the horizon.  (A later
        wave's transition cost can push a plan back below zero, so the first month at zero is
        not enough.)
        """
        spent = [i for i, cost in enumerate(self.transition_spent) if cost > 0]
        if not spent or self.cumulative[-1] < 0:
            return None
        below = [i for i, value in enumerate(self.cumulative) if value < 0]
        return max(below[-1] + 2 if below else 1, spent[0] + 1)

    @property
    def lowest(self) -> tuple[float, int]:
        """The deepest net position (USD) and its month."""
        month = int(np.argmin(self.cumulative))
        return self.cumulative[month], month + 1

    @property
    def under_water(self) -> tuple[Wave, ...]:
        """The waves whose own running total is still below zero at the horizon."""
        return tuple(w for w in self.waves if w.under_water)


@dataclass(frozen=True)
class Withholding:
    """What a plan model keeps back until feedback may be shown: the best order, and the figures
    of the queue whose own payback month is a decision (``queue``; ``None`` if there is none).

    ``allowed`` is asked each time, not once: the same session is graded later on.
    """

    queue: str | None
    allowed: Callable[[], bool]

    def check(self, what: str) -> None:
        if not self.allowed():
            raise LabInputError(
                f"{what} answers a decision: it is shown with the feedback, once your work is graded"
            )

    def check_queue(self, queue: str, what: str) -> None:
        if queue == self.queue:
            self.check(what)


@dataclass
class PlanModel:
    """Every moving queue's costs in-house and at its destination, and the plans built on them."""

    a: PlanAssumptions
    terms: MoveTerms
    queues: dict[str, dict[str, Any]]
    moves: dict[str, MoveCosts]
    _moves: dict[tuple[str, int], RoiResult] = field(default_factory=dict, repr=False)
    _paybacks: dict[str, int | None] = field(default_factory=dict, repr=False)
    _best: WavePlan | None = field(default=None, repr=False)
    withholding: Withholding | None = field(default=None, repr=False)

    @classmethod
    def of(cls, data: ScenarioData, withholding: Withholding) -> PlanModel:
        """The model of ``data``; ``withholding`` says what it keeps back, and has no default, so
        that no model is built by accident (or on purpose) that answers every decision outright.
        """
        moves = {qid: data.move(qid) for qid in data.queues}
        return cls(data.a, data.terms, data.queues, moves, withholding=withholding)

    def _check(self, what: str, queue: str | None = None) -> None:
        if self.withholding is None:
            return
        if queue is None:
            self.withholding.check(what)
        else:
            self.withholding.check_queue(queue, what)

    @property
    def current(self) -> dict[str, float]:
        """Monthly cost in-house (USD)."""
        return {q: m.inhouse_monthly for q, m in self.moves.items()}

    @property
    def proposed(self) -> dict[str, float]:
        """The provider's monthly bill once ramped up, repeat contacts included (USD)."""
        return {q: m.vendor_monthly for q, m in self.moves.items()}

    @property
    def queue_ids(self) -> list[str]:
        return list(self.queues)

    def label(self, queue: str) -> str:
        return str(self.queues[queue]["queue"])

    def monthly_saving(self, queue: str) -> float:
        """Saving a month once ramped up and wound down: in-house cost - bill - retained organisation."""
        return self.moves[queue].monthly_saving

    def move(self, queue: str, go_live: int = 1) -> RoiResult:
        """The ROI of moving ``queue`` alone, going live in ``go_live``, up to the horizon."""
        self._check("The return of the payback question's queue moved alone", queue)
        return self._move(queue, go_live)

    def _move(self, queue: str, go_live: int = 1) -> RoiResult:
        key = (queue, go_live)
        if key not in self._moves:
            months = self.a.horizon_months - go_live + 1
            self._moves[key] = move_roi(self.moves[queue], self.terms, self.queues[queue], months)
        return self._moves[key]

    def own_payback(self, queue: str, go_live: int) -> int | None:
        """The calendar month in which ``queue``, going live in ``go_live``, pays back on its own.

        The first month whose running total (savings minus one-off costs, every cost of the
        move in) is zero or above, looked for up to :data:`PAYBACK_SEARCH_MONTHS` after go-live,
        past the horizon if need be; ``None`` if it does not pay back by then.
        """
        self._check("The payback month of the payback question's queue", queue)
        if queue not in self._paybacks:
            roi = move_roi(self.moves[queue], self.terms, self.queues[queue], PAYBACK_SEARCH_MONTHS)
            self._paybacks[queue] = roi.payback_month  # counted from go-live, month 1
        months = self._paybacks[queue]
        return None if months is None else go_live + months - 1

    def plan(self, order: Sequence[str]) -> WavePlan:
        """The plan that moves ``order`` in waves; queues not placed yet are counted as staying in-house.

        A plan of one queue is that queue's own move: of the payback queue, it waits like :meth:`move`.
        """
        if len(order) == 1:
            self._check("A plan of the payback question's queue alone", order[0])
        return self._plan(order)

    def _plan(self, order: Sequence[str]) -> WavePlan:
        """:meth:`plan` without asking: for views that show only what they may of it."""
        horizon = self.a.horizon_months
        cumulative = np.zeros(horizon)
        spent = np.zeros(horizon)
        ready = {q: int(self.queues[q]["ready_month"]) for q in order}
        timing = schedule(order, ready, first_month=self.a.first_wave_month, gap=self.a.wave_gap_months)
        waves = []
        for number, (queue, free, go_live) in enumerate(timing, start=1):
            cost = self.moves[queue].one_off
            saving = self.monthly_saving(queue)
            live = go_live <= horizon  # after the horizon, nothing is spent or saved within it
            own = self._move(queue, go_live).cumulative_savings if live else ()
            waves.append(
                Wave(
                    queue,
                    self.label(queue),
                    number,
                    free,
                    ready[queue],
                    go_live,
                    saving,
                    cost,
                    own[-1] if live else 0.0,
                )
            )
            if live:
                cumulative[go_live - 1 :] += own
                spent[go_live - 1 :] += cost
        return WavePlan(tuple(order), tuple(waves), tuple(cumulative.tolist()), tuple(spent.tolist()))

    def best(self) -> WavePlan:
        """The order with the largest net position at the horizon (an earlier payback breaks a tie).

        Every order is tried: 120 for five queues, about 40,000 for eight (a second or two); a
        scenario with many more queues would need a smarter search.
        """
        self._check("The best order")
        if self._best is None:
            horizon = self.a.horizon_months

            def merit(plan: WavePlan) -> tuple[float, int]:
                payback = plan.payback_month
                return round(plan.net, 2), -(payback if payback is not None else horizon + 1)

            self._best = max((self._plan(order) for order in itertools.permutations(self.queues)), key=merit)
        return self._best


def withholding(lab: Lab) -> Withholding:
    """What this session's models keep back until its feedback may be shown: two decisions' keys.

    Only on a withheld copy (an assessment release): a scenario file with its keys in it hands
    them out anyway, and the grading side's debrief of a release reads the instructor's full
    copy, so it asks the model for every wave's payback whatever the mode.
    """
    return Withholding(payback_queue(lab), lambda: lab.runtime.reveals_feedback or not lab.scenario.withheld)


def plan_model(lab: Lab) -> PlanModel:
    """The scenario's plan model, built once per scenario for this lab session."""
    cache = lab.__dict__.setdefault("_staffing_models", {})
    if lab.scenario.id not in cache:
        cache[lab.scenario.id] = PlanModel.of(scenario_data(lab), withholding(lab))
    return cache[lab.scenario.id]


def clean_order(value: object, known: Iterable[str]) -> list[str]:
    """The learner's order: known queue ids at their first place (a hand-edited file may hold anything).

    >>> clean_order(["b", "x", "a", "b", 3], ["a", "b", "c"])
    ['b', 'a']
    >>> clean_order("a", ["a"])
    []
    """
    allowed = set(known)
    if not isinstance(value, list | tuple):
        return []
    return list(dict.fromkeys(v for v in value if isinstance(v, str) and v in allowed))
