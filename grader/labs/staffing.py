"""Lab 05: from a week of call volumes to agents, to the annual cost of each delivery model, to the
return on moving queues in waves.

The chain, every step on the shared models:

1. **Agents.** Each 30-minute interval of the ``intervals`` table is staffed with Erlang C for the
   queue's service target (:func:`grader.models.queueing.required_agents_many`, the whole week at
   every location in one vectorised call): the agents on the phones, then
   ``ceil(raw / (1 - shrinkage))`` scheduled agents at each location's shrinkage.
2. **Annual cost.** Scheduled agent-hours of the week x weeks a year x the location's cost per paid
   hour (:func:`paid_hour_cost`, from :func:`grader.models.cost.cost_per_productive_hour`: a
   provider's billed rate, or an in-house wage x (1 + benefits) + overhead), plus replacing the
   agents who leave: attrition x full-time equivalents x cost per hire.  :func:`annual_cost` is
   also the reference the notebook's second exercise is graded against.
3. **ROI of a move.** In-house monthly cost against the destination's, with the queue's transition
   cost, ramp-up months and ramp productivity (:func:`grader.models.cost.roi`).
4. **Waves.** One transition at a time: the first wave goes live in ``first_wave_month``, each
   later one ``wave_gap_months`` after the previous go-live, and no queue before its
   ``ready_month`` (its procedures must be written first), so a queue placed too early holds back
   every wave behind it (:func:`schedule`).  A plan's net position each month is the sum of its
   moves' cumulative savings from their go-live months (:class:`WavePlan`); the best order is the
   one with the largest net position at the horizon, found by trying every order
   (:meth:`PlanModel.best`; five queues make 120 orders).

Every figure comes from the scenario's tables; the named assumptions (interval length, weeks a
year, paid hours of one full-time agent, horizon, wave timing) are its ``assumptions`` table.

>>> annual_cost([10, 10], 30, 40.0, weeks_per_year=52)  # 10 agent-hours a week, 520 a year
20800.0
>>> schedule(["a", "b", "c"], {"a": 1, "b": 7, "c": 1}, first_month=1, gap=3)
[('a', 1, 1), ('b', 4, 7), ('c', 10, 10)]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.answers import grading_in_progress
from grader.models.cost import RoiResult, cost_per_productive_hour, roi
from grader.models.queueing import required_agents_many
from grader.notebook.charts import DATA_NAME, PALETTE, FiguredChart, grouped_bars
from grader.notebook.formats import usd

if TYPE_CHECKING:
    import pandas as pd

    from grader.notebook.session import Lab

DECISION = "wave_order"
HOME = "inhouse"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PLANS = ("Your order", "Best order")


# --------------------------------------------------------------------------- assumptions and cost


@dataclass(frozen=True)
class PlanAssumptions:
    """The scenario's named assumptions (its ``assumptions`` table), in the units the model uses."""

    interval_minutes: float
    weeks_per_year: float
    paid_hours_per_fte: float
    horizon_months: int
    first_wave_month: int
    wave_gap_months: int

    @classmethod
    def of(cls, table: pd.DataFrame) -> PlanAssumptions:
        values = {str(k): float(v) for k, v in zip(table["id"], table["value"], strict=True)}
        return cls(
            interval_minutes=values["interval_minutes"],
            weeks_per_year=values["weeks_per_year"],
            paid_hours_per_fte=values["paid_hours_per_fte"],
            horizon_months=int(values["horizon_months"]),
            first_wave_month=int(values["first_wave_month"]),
            wave_gap_months=int(values["wave_gap_months"]),
        )

    @property
    def intervals_per_day(self) -> int:
        return round(24 * 60 / self.interval_minutes)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def paid_hour_cost(location: Mapping[str, Any], base_wage: float | None = None) -> float:
    """USD per paid agent hour: the provider's billed rate, or in-house wage x (1 + load) + overhead.

    ``base_wage`` replaces an in-house location's wage (the explorer's slider).  Shrinkage and
    occupancy are already in the agent counts, so the cost model is asked for the cost of a
    *paid* hour (shrinkage 0, occupancy 1).

    >>> paid_hour_cost({"billed_rate": 31.0})
    31.0
    >>> paid_hour_cost({"billed_rate": float("nan"), "base_wage": 19.0, "benefits_load": 0.3,
    ...                 "overhead_per_hour": 16.0})
    40.7
    """
    billed = location.get("billed_rate")
    if not _blank(billed):
        return cost_per_productive_hour(billed_rate=float(billed), shrinkage=0.0, occupancy=1.0)
    return cost_per_productive_hour(
        base_wage=float(location["base_wage"] if base_wage is None else base_wage),
        benefits_load=float(location["benefits_load"]),
        overhead_per_hour=float(location["overhead_per_hour"]),
        shrinkage=0.0,
        occupancy=1.0,
    )


def annual_cost(
    scheduled_agents: Iterable[float],
    interval_minutes: float,
    cost_per_paid_hour: float,
    annual_attrition: float = 0.0,
    cost_per_hire: float = 0.0,
    weeks_per_year: float = 52,
    paid_hours_per_fte: float = 2080,
) -> float:
    """USD a year to run a one-week staffing plan every week: pay, plus replacing agents who leave.

    paid hours a year = sum of scheduled agents x interval_minutes / 60 x weeks_per_year;
    full-time equivalents (FTE) = paid hours / paid_hours_per_fte;
    cost = paid hours x cost_per_paid_hour + annual_attrition x FTE x cost_per_hire.

    >>> annual_cost([10] * 336, 30, 40.0)  # 10 agents round the clock: 1,680 paid hours a week
    3494400.0
    >>> annual_cost([10] * 336, 30, 40.0, annual_attrition=0.3, cost_per_hire=5000) - 3494400.0  # 42 FTE
    63000.0
    >>> annual_cost([3, -1], 30, 40.0)
    Traceback (most recent call last):
    ...
    ValueError: scheduled agents cannot be negative
    """
    agents = np.asarray(scheduled_agents if hasattr(scheduled_agents, "__len__") else list(scheduled_agents))
    agents = agents.astype(float)
    if not interval_minutes > 0:
        raise ValueError(f"interval_minutes must be above 0, got {interval_minutes}")
    if agents.size and agents.min() < 0:
        raise ValueError("scheduled agents cannot be negative")
    paid_hours = float(agents.sum()) * interval_minutes / 60 * weeks_per_year
    fte = paid_hours / paid_hours_per_fte
    return paid_hours * cost_per_paid_hour + annual_attrition * fte * cost_per_hire


# --------------------------------------------------------------------------- one queue, every location


@dataclass(frozen=True)
class Staffing:
    """One queue's week, staffed by Erlang C and scheduled at each location's shrinkage."""

    calls: np.ndarray
    raw: np.ndarray  # agents on the phones, per interval (the same at every location)
    occupancy: np.ndarray
    scheduled: dict[str, np.ndarray]  # location id -> scheduled agents per interval


def staff_queue(
    calls: np.ndarray,
    *,
    aht: float,
    target_sl: float,
    target_seconds: float,
    shrinkage: Mapping[str, float],
    interval_minutes: float,
) -> Staffing:
    """Erlang C staffing of every interval at every location's shrinkage, in one vectorised call."""
    ids = list(shrinkage)
    n = calls.size
    frame = required_agents_many(
        np.tile(calls, len(ids)),
        interval_minutes * 60,
        aht,
        target_sl,
        target_seconds,
        shrinkage=np.repeat([shrinkage[i] for i in ids], n),
    )
    scheduled = frame["scheduled_agents"].to_numpy().reshape(len(ids), n)
    return Staffing(
        calls=calls,
        raw=frame["raw_agents"].to_numpy()[:n],
        occupancy=frame["occupancy"].to_numpy()[:n],
        scheduled={loc: scheduled[k] for k, loc in enumerate(ids)},
    )


@dataclass(frozen=True)
class LocationCost:
    """What one queue costs a year at one location (USD), with the hours behind it."""

    location: str
    label: str
    paid_hour_cost: float
    weekly_paid_hours: float
    fte: float
    annual_pay: float
    annual_total: float

    @property
    def attrition(self) -> float:
        """Replacing the agents who leave, USD a year."""
        return self.annual_total - self.annual_pay

    @property
    def monthly(self) -> float:
        return self.annual_total / 12


def price(
    staffing: Staffing,
    locations: Sequence[Mapping[str, Any]],
    a: PlanAssumptions,
    *,
    base_wage: float | None = None,
    attrition: Mapping[str, float] | None = None,
) -> dict[str, LocationCost]:
    """The annual cost of a staffed week at every location.

    ``base_wage`` overrides the in-house wage and ``attrition`` the annual attrition of the
    locations it names (the explorer's sliders).
    """
    costs = {}
    for loc in locations:
        lid = str(loc["id"])
        agents = staffing.scheduled[lid]
        hourly = paid_hour_cost(loc, base_wage if lid == HOME else None)
        leave = float((attrition or {}).get(lid, loc["annual_attrition"]))
        per_hire = float(loc["cost_per_hire"])
        total = annual_cost(
            agents, a.interval_minutes, hourly, leave, per_hire, a.weeks_per_year, a.paid_hours_per_fte
        )
        pay = annual_cost(
            agents, a.interval_minutes, hourly, 0.0, 0.0, a.weeks_per_year, a.paid_hours_per_fte
        )
        weekly_hours = float(agents.sum()) * a.interval_minutes / 60
        costs[lid] = LocationCost(
            location=lid,
            label=str(loc["location"]),
            paid_hour_cost=hourly,
            weekly_paid_hours=weekly_hours,
            fte=weekly_hours * a.weeks_per_year / a.paid_hours_per_fte,
            annual_pay=pay,
            annual_total=total,
        )
    return costs


def move_roi(
    current_monthly: float, proposed_monthly: float, queue: Mapping[str, Any], months: int
) -> RoiResult:
    """The cost model's ROI of moving one queue, over ``months`` counted from its go-live."""
    return roi(
        current_monthly,
        proposed_monthly,
        months,
        transition_cost=float(queue["transition_cost"]),
        ramp_months=min(int(queue["ramp_months"]), months),
        ramp_productivity=float(queue["ramp_productivity"]),
    )


@dataclass(frozen=True)
class ScenarioData:
    """A scenario's four tables in the shapes the model reads."""

    a: PlanAssumptions
    queues: dict[str, dict[str, Any]]  # queue id -> its row, in table order
    locations: list[dict[str, Any]]
    calls: dict[str, np.ndarray]  # queue id -> calls per interval
    days: list[str]  # day of each interval
    starts: list[str]  # clock time of each interval

    @classmethod
    def of(
        cls, intervals: pd.DataFrame, queues: pd.DataFrame, locations: pd.DataFrame, assumptions: pd.DataFrame
    ) -> ScenarioData:
        rows = {str(r["id"]): r for r in queues.to_dict("records")}
        return cls(
            a=PlanAssumptions.of(assumptions),
            queues=rows,
            locations=locations.to_dict("records"),
            calls={q: intervals[q].to_numpy(dtype=float) for q in rows},
            days=[str(d) for d in intervals["day"]],
            starts=[str(s) for s in intervals["start"]],
        )

    @property
    def shrinkage(self) -> dict[str, float]:
        return {str(loc["id"]): float(loc["shrinkage"]) for loc in self.locations}

    def staff(self, queue: str, *, calls: np.ndarray | None = None, **overrides: float) -> Staffing:
        """The queue's week staffed as in the scenario, or with other calls, ``aht`` or ``target_sl``."""
        row = self.queues[queue]
        return staff_queue(
            self.calls[queue] if calls is None else calls,
            aht=overrides.get("aht", float(row["aht_seconds"])),
            target_sl=overrides.get("target_sl", float(row["target_sl"])),
            target_seconds=float(row["target_seconds"]),
            shrinkage=self.shrinkage,
            interval_minutes=self.a.interval_minutes,
        )

    def costs(self, queue: str) -> tuple[Staffing, dict[str, LocationCost]]:
        """The queue's staffing and annual cost at every location, as in the scenario."""
        staffing = self.staff(queue)
        return staffing, price(staffing, self.locations, self.a)


def scenario_data(lab: Lab) -> ScenarioData:
    """The scenario's tables, read once per scenario for this lab session."""
    cache = lab.__dict__.setdefault("_staffing_data", {})
    if lab.scenario.id not in cache:
        tables = ("intervals", "queues", "locations", "assumptions")
        cache[lab.scenario.id] = ScenarioData.of(*(lab.table(t) for t in tables))
    return cache[lab.scenario.id]


def cost_table(lab: Lab) -> pd.DataFrame:
    """One row per queue and location: hours, FTE and annual cost (the figures of the costs chart)."""
    import pandas as pd

    data = scenario_data(lab)
    rows = []
    for qid, q in data.queues.items():
        staffing, costs = data.costs(qid)
        for c in costs.values():
            rows.append(
                {
                    "queue": qid,
                    "queue_label": q["queue"],
                    "location": c.location,
                    "location_label": c.label,
                    "planned": c.location == q["destination"],
                    "weekly_calls": float(staffing.calls.sum()),
                    "peak_agents": int(staffing.raw.max()),
                    "weekly_paid_hours": c.weekly_paid_hours,
                    "fte": c.fte,
                    "paid_hour_cost": c.paid_hour_cost,
                    "annual_pay": c.annual_pay,
                    "annual_attrition": c.attrition,
                    "annual_cost": c.annual_total,
                }
            )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- waves


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
    transition_cost: float

    @property
    def waited(self) -> int:
        """Months the transition team waited for this queue's procedures."""
        return self.go_live - self.free_month


@dataclass(frozen=True)
class WavePlan:
    """The queues moved in one order: each wave, and the net position at the end of each month."""

    order: tuple[str, ...]
    waves: tuple[Wave, ...]
    cumulative: tuple[float, ...]  # running savings to date minus transition costs paid to date (USD)
    transition_spent: tuple[float, ...]  # transition costs paid to date (USD)

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


@dataclass
class PlanModel:
    """Every moving queue's monthly cost in-house and at its destination, and the plans built on them."""

    a: PlanAssumptions
    queues: dict[str, dict[str, Any]]
    current: dict[str, float]  # monthly cost in-house (USD)
    proposed: dict[str, float]  # monthly cost at the destination, once ramped up (USD)
    _moves: dict[tuple[str, int], RoiResult] = field(default_factory=dict, repr=False)
    _best: WavePlan | None = field(default=None, repr=False)

    @classmethod
    def of(cls, data: ScenarioData) -> PlanModel:
        current, proposed = {}, {}
        for qid, row in data.queues.items():
            costs = data.costs(qid)[1]
            current[qid] = costs[HOME].monthly
            proposed[qid] = costs[str(row["destination"])].monthly
        return cls(data.a, data.queues, current, proposed)

    @property
    def queue_ids(self) -> list[str]:
        return list(self.queues)

    def label(self, queue: str) -> str:
        return str(self.queues[queue]["queue"])

    def monthly_saving(self, queue: str) -> float:
        return self.current[queue] - self.proposed[queue]

    def move(self, queue: str, go_live: int = 1) -> RoiResult:
        """The ROI of moving ``queue`` alone, going live in ``go_live``, up to the horizon."""
        key = (queue, go_live)
        if key not in self._moves:
            months = self.a.horizon_months - go_live + 1
            self._moves[key] = move_roi(self.current[queue], self.proposed[queue], self.queues[queue], months)
        return self._moves[key]

    def plan(self, order: Sequence[str]) -> WavePlan:
        """The plan that moves ``order`` in waves; queues left out stay in-house."""
        horizon = self.a.horizon_months
        cumulative = np.zeros(horizon)
        spent = np.zeros(horizon)
        ready = {q: int(self.queues[q]["ready_month"]) for q in order}
        timing = schedule(order, ready, first_month=self.a.first_wave_month, gap=self.a.wave_gap_months)
        waves = []
        for number, (queue, free, go_live) in enumerate(timing, start=1):
            cost = float(self.queues[queue]["transition_cost"])
            saving = self.monthly_saving(queue)
            waves.append(Wave(queue, self.label(queue), number, free, ready[queue], go_live, saving, cost))
            if go_live > horizon:
                continue  # it would go live after the horizon: nothing spent or saved within it
            cumulative[go_live - 1 :] += self.move(queue, go_live).cumulative_savings
            spent[go_live - 1 :] += cost
        return WavePlan(tuple(order), tuple(waves), tuple(cumulative.tolist()), tuple(spent.tolist()))

    def best(self) -> WavePlan:
        """The order with the largest net position at the horizon (an earlier payback breaks a tie).

        Every order is tried: 120 for five queues, about 40,000 for eight (a second or two); a
        scenario with many more queues would need a smarter search.
        """
        if self._best is None:
            horizon = self.a.horizon_months

            def merit(plan: WavePlan) -> tuple[float, int]:
                payback = plan.payback_month
                return round(plan.net, 2), -(payback if payback is not None else horizon + 1)

            self._best = max((self.plan(order) for order in itertools.permutations(self.queues)), key=merit)
        return self._best


def plan_model(lab: Lab) -> PlanModel:
    """The scenario's plan model, built once per scenario for this lab session."""
    cache = lab.__dict__.setdefault("_staffing_models", {})
    if lab.scenario.id not in cache:
        cache[lab.scenario.id] = PlanModel.of(scenario_data(lab))
    return cache[lab.scenario.id]


# --------------------------------------------------------------------------- static charts


def volumes_chart(lab: Lab) -> FiguredChart:
    """Calls per interval through the week, one line per queue."""
    import pandas as pd

    data = scenario_data(lab)
    hours = np.arange(len(data.days)) * data.a.interval_minutes / 60
    labels = {q: str(row["queue"]) for q, row in data.queues.items()}
    frame = pd.concat(
        [pd.DataFrame({"hour": hours, "calls": data.calls[q], "queue": labels[q]}) for q in labels],
        ignore_index=True,
    )
    colours = dict(zip(labels.values(), PALETTE, strict=False))
    per_day = data.a.intervals_per_day
    parts, legend = [], []
    for qid, label in labels.items():
        calls = data.calls[qid]
        peak = int(np.argmax(calls))
        busiest = DAYS[int(np.argmax(calls.reshape(-1, per_day).sum(axis=1)))]
        text = (
            f"{calls.sum():,.0f} calls a week, busiest on {busiest}, peak {calls.max():,.0f} calls "
            f"at {data.starts[peak]} on {DAYS[peak // per_day]}"
        )
        parts.append(f"{label}: {text}")
        legend.append((label, colours[label], text))
    summary = (
        f"Calls offered per {data.a.interval_minutes:g}-minute interval through one week, Monday to Sunday, "
        f"for {len(labels)} queues (closed hours at zero). " + "; ".join(parts) + "."
    )
    day_names = "['Mon','Tue','Wed','Thu','Fri','Sat','Sun'][floor(datum.value / 24)]"

    def build(alt: Any) -> Any:
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_line(strokeWidth=1.2)
            .encode(
                x=alt.X(
                    "hour:Q",
                    title=None,
                    scale=alt.Scale(domain=[0, 168], nice=False),
                    axis=alt.Axis(values=[12, 36, 60, 84, 108, 132, 156], labelExpr=day_names, grid=False),
                ),
                y=alt.Y("calls:Q", title="Calls per interval", axis=alt.Axis(tickCount=4)),
                color=alt.Color(
                    "queue:N",
                    scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                    legend=None,
                ),
            )
            .properties(width=520, height=180)
        )

    title = "A week of calls, queue by queue"
    return FiguredChart(f"staffing-volumes-{len(labels)}", build, frame, summary, legend, title=title)


def costs_chart(lab: Lab) -> FiguredChart:
    """Annual cost of every queue at every location, with each queue's planned move."""
    costs = cost_table(lab)
    model = plan_model(lab)
    locations = list(dict.fromkeys(costs["location_label"]))
    colours = dict(zip(locations, PALETTE, strict=False))
    costs["label"] = [f"{c / 1e6:.2f}M" for c in costs["annual_cost"]]
    lines = []
    for qid, rows in costs.groupby("queue", sort=False):
        home = rows[rows.location == HOME].iloc[0]
        there = rows[rows.planned].iloc[0]
        alone = model.move(str(qid))
        payback = (
            f"payback in month {alone.payback_month}"
            if alone.payback_month is not None
            else "no payback within the horizon"
        )
        transition = float(model.queues[str(qid)]["transition_cost"])
        lines.append(
            f"{home.queue_label}: {home.fte:,.1f} FTE in-house at {usd(home.annual_cost)} a year; planned "
            f"move to {there.location_label} at {usd(there.annual_cost)} a year, saving "
            f"{usd(home.annual_cost - there.annual_cost)} a year for a transition cost of "
            f"{usd(transition)} ({payback} if it moved on its own)"
        )
    rate = costs.drop_duplicates("location").set_index("location_label")["paid_hour_cost"]
    legend = [(loc, colours[loc], f"{rate[loc]:,.2f} USD per paid hour") for loc in locations]
    summary = (
        "Annual cost of each queue at each location, pay and attrition replacement included. "
        + "; ".join(lines)
        + "."
    )

    build = grouped_bars(
        "queue_label",
        "location_label",
        "annual_cost",
        groups=locations,
        colours=colours,
        value_title="USD a year",
        value_format="~s",
    )

    return FiguredChart(
        f"staffing-costs-{len(locations)}",
        build,
        costs[["queue_label", "location_label", "annual_cost", "label"]],
        summary,
        legend,
        title="Annual cost of each queue by delivery model",
    )


# --------------------------------------------------------------------------- the live explorer


def explorer_chart(lab: Lab) -> object:
    """The live explorer for this scenario (:mod:`grader.labs.staffing_explorer`); a note while grading."""
    if grading_in_progress():
        from grader.notebook.session import Message

        return Message("Staffing and cost explorer: not drawn while grading", "info")
    from grader.labs.staffing_explorer import Explorer

    return Explorer(scenario_data(lab))


# --------------------------------------------------------------------------- consequence view


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


class WaveView:
    """A wave plan's consequences: a table of the waves, then the chart of its net position."""

    def __init__(self, plan: WavePlan, table_html: str, chart: FiguredChart, note: str = "") -> None:
        self.plan, self.table_html, self.chart, self.note = plan, table_html, chart, note

    @property
    def summary(self) -> str:
        return self.chart.summary

    def _repr_html_(self) -> str:
        note = f"<p>{escape(self.note)}</p>" if self.note else ""
        return (
            f"<div class='decisionlab-consequences'>{self.table_html}{note}{self.chart._repr_html_()}</div>"
        )

    def __repr__(self) -> str:
        return f"{self.summary} {self.note}".strip()


def _outcome(plan: WavePlan, horizon: int) -> str:
    """What a plan spends, how deep it goes, when it pays back and where it ends, in words."""
    if not plan.waves:
        return "nothing moves, so nothing is spent or saved"
    low, month = plan.lowest
    payback = plan.payback_month
    paid = f"payback in month {payback}" if payback else f"no payback within {horizon} months"
    return (
        f"{usd(plan.transition_spent[-1])} of transition cost spent, deepest point {usd(low)} in month "
        f"{month}, {paid}, net {usd(plan.net)} after {horizon} months"
    )


def _waves_text(plan: WavePlan, horizon: int) -> str:
    parts = []
    for wave in plan.waves:
        if wave.go_live > horizon:
            text = f"{wave.label} would go live in month {wave.go_live}, after the horizon"
        else:
            text = f"{wave.label} goes live in month {wave.go_live}"
        if wave.waited:
            text += f" (waiting {wave.waited} months for its procedures)"
        parts.append(text)
    return "; ".join(parts)


def _waves_table(plan: WavePlan, horizon: int) -> str:
    head = "".join(
        f"<th scope='col'>{escape(h)}</th>"
        for h in (
            "Wave",
            "Queue",
            "Team free from month",
            "Procedures ready in month",
            "Goes live in month",
            "Saving a month once ramped up (USD)",
            "Transition cost (USD)",
        )
    )
    rows = "".join(
        f"<tr><td>{w.number}</td><th scope='row' style='text-align:left'>{escape(w.label)}</th>"
        f"<td>{w.free_month}</td><td>{w.ready_month}</td>"
        f"<td>{w.go_live if w.go_live <= horizon else f'{w.go_live} (after month {horizon})'}</td>"
        f"<td>{w.monthly_saving:,.0f}</td><td>{w.transition_cost:,.0f}</td></tr>"
        for w in plan.waves
    )
    if not rows:
        rows = "<tr><td colspan='7'>No queue placed yet: every queue stays in-house.</td></tr>"
    return (
        "<table class='decisionlab-waves'><caption>Your migration waves</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def consequence_view(lab: Lab, decision_id: str) -> WaveView | None:
    """Net position month by month for the learner's wave order and, in practice mode, the best order."""
    if decision_id != DECISION:
        return None
    import pandas as pd

    model = plan_model(lab)
    horizon = model.a.horizon_months
    order = clean_order(lab.choice(DECISION), model.queue_ids)
    plans = {PLANS[0]: model.plan(order)}
    if lab.settings.reveals_feedback:  # its line is never shown in assessment mode
        plans[PLANS[1]] = model.best()
    mine = plans[PLANS[0]]
    frame = pd.DataFrame(
        [
            {"month": month, "usd": round(value, 0), "plan": name}
            for name, plan in plans.items()
            for month, value in enumerate(plan.cumulative, start=1)
        ]
    )
    left = [model.label(q) for q in model.queue_ids if q not in order]
    summary = f"{len(order)} of {len(model.queue_ids)} queues placed"
    summary += f"; {', '.join(left)} {'stays' if len(left) == 1 else 'stay'} in-house. " if left else ". "
    if order:
        summary += f"Your waves: {_waves_text(mine, horizon)}. "
    summary += f"Your order: {_outcome(mine, horizon)}."
    if PLANS[1] in plans:
        best = plans[PLANS[1]]
        # Its outcome only: which queue goes where is the key, which the feedback explains once answered.
        summary += f" The best order of all {len(model.queue_ids)} queues: {_outcome(best, horizon)}."
    waited = [w for w in mine.waves if w.waited]
    note = ""
    if lab.settings.reveals_feedback and waited:
        note = (
            "A wave that waits for its procedures holds back every wave behind it: "
            + ", ".join(f"{w.label} ({w.waited} months)" for w in waited)
            + "."
        )
    colours = {PLANS[0]: PALETTE[0], PLANS[1]: PALETTE[2]}
    legend = [
        (f"{name} ({'solid' if name == PLANS[0] else 'dashed'} line)", colours[name], _outcome(plan, horizon))
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
    return WaveView(mine, _waves_table(mine, horizon), chart, note)


CHARTS = {"volumes": volumes_chart, "costs": costs_chart, "explorer": explorer_chart}
