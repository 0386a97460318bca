"""Lab 05's numbers: agents from a week of volumes, the annual cost of each delivery model, and
the return on moving a queue.

1. **Agents.** Each 30-minute interval of the ``intervals`` table is staffed with Erlang C for the
   queue's service target (:func:`grader.models.queueing.required_agents_many`, the whole week at
   every location in one vectorised call): the agents on the phones, then
   ``ceil(raw / (1 - shrinkage))`` scheduled agents at each location's shrinkage.
2. **Annual cost.** Scheduled agent-hours of the week x weeks a year x the location's cost per paid
   hour (:func:`paid_hour_cost`, from :func:`grader.models.cost.cost_per_productive_hour`: a
   provider's billed rate, or an in-house wage x (1 + benefits) + overhead), plus replacing the
   agents who leave: attrition x full-time equivalents x cost per hire.  :func:`annual_cost` is
   also the reference the notebook's second exercise is graded against.
   A location that resolves fewer issues on the first contact gets more calls for the same issues
   (calls x FCR in-house / FCR there), so every location is priced for the same resolved issues.
3. **ROI of a move.** In-house monthly cost against the destination's bill plus the organisation
   kept to govern it, with the queue's transition cost, ramp-up, and what the in-house agents
   cost until they are redeployed or gone (:mod:`.moves`).

Every figure comes from the scenario's tables; the named assumptions (interval length, weeks a
year, paid hours of one full-time agent, horizon, wave timing) are its ``assumptions`` table.

>>> annual_cost([10, 10], 30, 40.0, weeks_per_year=52)  # 10 agent-hours a week, 520 a year
20800.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.models.cost import contacts_per_resolution, cost_per_productive_hour
from grader.models.queueing import required_agents_many

from .moves import MoveCosts, MoveTerms, move_costs

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

DECISION = "wave_order"
HOME = "inhouse"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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

    calls: np.ndarray  # calls in-house, per interval
    raw: np.ndarray  # agents on the phones in-house, per interval
    occupancy: np.ndarray
    scheduled: dict[str, np.ndarray]  # location id -> scheduled agents per interval
    contacts: dict[str, float]  # location id -> calls there per call in-house (repeat contacts)


def staff_queue(
    calls: np.ndarray,
    *,
    aht: float,
    target_sl: float,
    target_seconds: float,
    shrinkage: Mapping[str, float],
    interval_minutes: float,
    contacts: Mapping[str, float] | None = None,
) -> Staffing:
    """Erlang C staffing of every interval at every location's shrinkage, in one vectorised call.

    ``contacts`` scales the calls at each location (1 where not given): a location with a lower
    FCR answers more calls for the same issues.  The first location is the reference for
    ``raw`` and ``occupancy``.
    """
    ids = list(shrinkage)
    n = calls.size
    factor = {loc: float((contacts or {}).get(loc, 1.0)) for loc in ids}
    frame = required_agents_many(
        np.concatenate([calls * factor[loc] for loc in ids]),
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
        contacts=factor,
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


@dataclass(frozen=True)
class ScenarioData:
    """A scenario's four tables in the shapes the model reads."""

    a: PlanAssumptions
    terms: MoveTerms
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
            terms=MoveTerms.of(assumptions),
            queues=rows,
            locations=locations.to_dict("records"),
            calls={q: intervals[q].to_numpy(dtype=float) for q in rows},
            days=[str(d) for d in intervals["day"]],
            starts=[str(s) for s in intervals["start"]],
        )

    @property
    def shrinkage(self) -> dict[str, float]:
        return {str(loc["id"]): float(loc["shrinkage"]) for loc in self.locations}

    @property
    def home(self) -> dict[str, Any]:
        return next(loc for loc in self.locations if str(loc["id"]) == HOME)

    def contacts(self, fcr_home: float) -> dict[str, float]:
        """Calls at each location per call in-house, for a queue resolving ``fcr_home`` in-house."""
        home = contacts_per_resolution(fcr_home)
        return {
            loc: contacts_per_resolution(self.terms.fcr_at(fcr_home, loc)) / home for loc in self.shrinkage
        }

    def staff(self, queue: str, *, calls: np.ndarray | None = None, **overrides: float) -> Staffing:
        """The queue's week as in the scenario, or with other calls, ``aht``, ``target_sl`` or ``fcr``.

        ``calls`` are the in-house calls; each location gets them scaled for its FCR.
        """
        row = self.queues[queue]
        return staff_queue(
            self.calls[queue] if calls is None else calls,
            aht=overrides.get("aht", float(row["aht_seconds"])),
            target_sl=overrides.get("target_sl", float(row["target_sl"])),
            target_seconds=float(row["target_seconds"]),
            shrinkage=self.shrinkage,
            interval_minutes=self.a.interval_minutes,
            contacts=self.contacts(overrides.get("fcr", float(row["fcr"]))),
        )

    def costs(self, queue: str) -> tuple[Staffing, dict[str, LocationCost]]:
        """The queue's staffing and annual cost at every location, as in the scenario."""
        staffing = self.staff(queue)
        return staffing, price(staffing, self.locations, self.a)

    def move(self, queue: str, destination: str | None = None) -> MoveCosts:
        """The queue's move to its destination (or another), as in the scenario."""
        row = self.queues[queue]
        costs = self.costs(queue)[1]
        where = destination or str(row["destination"])
        return move_costs(
            costs[HOME], costs[where], where, row, self.home, self.terms, self.a.paid_hours_per_fte
        )


# The tables the plan model is built from, in ScenarioData.of's order.
TABLES = ("intervals", "queues", "locations", "assumptions")


def scenario_data(lab: Lab) -> ScenarioData:
    """The scenario's tables, read once per scenario for this lab session."""
    cache = lab.__dict__.setdefault("_staffing_data", {})
    if lab.scenario.id not in cache:
        cache[lab.scenario.id] = ScenarioData.of(*(lab.table(t) for t in TABLES))
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
                    # The same issues everywhere, so this is the fair comparison across locations.
                    "cost_per_resolved_issue": c.annual_total
                    / (float(staffing.calls.sum()) * float(q["fcr"]) * data.a.weeks_per_year),
                }
            )
    return pd.DataFrame(rows)
