"""What a sourcing map does over a quarter: a seeded, week-by-week simulation per queue.

:mod:`grader.models.sourcing` shows the monthly bill of a queue map. This module shows the
consequences the bill hides: a queue sent somewhere it does not fit resolves fewer issues
on the first contact, the unresolved customers call again next week, the roster planned
for the usual volume is overloaded, waits and hang-ups rise and satisfaction falls, and
the repeat work is paid for as well.

The model, per queue q and week w = 1 .. 13 (every figure is a named assumption in
:class:`SimulationSettings`, listed with unit, range and source by
:meth:`SimulationSettings.table`):

* **Volume.** ``monthly_contacts`` is what the in-house center handles today, so it already
  holds the in-house share of repeats. The forecast is ``F = monthly x 12 / 52`` contacts a
  week, of which ``F x base_fcr`` are new issues. Each week::

      new_w     = F x base_fcr x max(0, 1 + volume_noise x z_qw),   z ~ N(0, 1), seeded
      repeats_w = answered_{w-1} x (1 - fcr_{w-1})                   (week 0: F, base_fcr)
      offered_w = new_w + repeats_w

  In-house at base FCR this keeps offered volume at about F; a lower FCR raises it.
* **FCR.** ``fcr = base_fcr - fit_penalty - learning_penalty``, clipped to [0.05, 1].
  The fit penalty adds up the rows of :data:`FIT_RULES` matching the queue's attributes at
  its location (in-house: 0). The learning penalty is ``transition_fcr_dip x max(0, n_w -
  n_home)``, where ``n_w`` is the share of agents still learning: 1 in the first week after a
  move, then ``n_{w+1} = n_w (1 - g) + (1 - n_w) a``, with ``g = 1 - exp(-3 / ramp_weeks)``
  (95 % recovered after ``ramp_weeks`` without attrition) and ``a`` the weekly attrition of
  the location (annual / 52), whose leavers are replaced by novices. ``n_home = a / (g + a)``
  at in-house attrition is the novice share the base FCR already includes, so queues that
  stay in-house have no learning penalty, and higher attrition leaves more novices.
* **AHT.** ``aht_w = aht x (1 + aht_sensitivity x (fit_penalty + learning_penalty))``.
* **Staffing.** Agents are planned once per queue with :func:`required_agents_many` for the
  forecast F and the queue's historical AHT at the service target, then scheduled for the
  location's shrinkage: the plan does not expect the extra repeats or the slower handling.
* **Service.** Each week is approximated by its average open hour: ``offered_w /
  open_hours_per_week`` calls in 3600 s at ``aht_w``, on the planned agents, with mean
  patience ``patience_seconds``; :func:`erlang_a` gives service level, ASA and abandonment.
  ``answered = offered x (1 - abandon_rate)``; ``resolved = answered x fcr``. Callers who
  abandon are lost (no redial). Real days have peaks above the average hour, so the service
  figures are optimistic for every location alike.
* **CSAT proxy** (0-100, *not* a survey score): ``100 x (0.5 fcr + 0.3 service_level + 0.2 (1 -
  abandon_rate))``; illustrative weights, FCR weighted most as the strongest driver.
* **Cost.** ``paid_hours = scheduled agents x open_hours_per_week + extra_hours``, where
  work beyond the plan (``answered x aht_w - F x aht``, if positive, in hours) is paid as
  ``extra / ((1 - shrinkage) x occupancy)``: repeats cost the same again.
  ``cost = paid_hours x loaded_cost_per_hour`` of the location.

Two runs with the same seed draw the same noise, so the all-in-house baseline (the same
function with an empty map) differs from a proposal only by the map.

>>> queues = pd.DataFrame({"id": ["easy", "hard"], "monthly_contacts": [20000, 2000],
...     "aht_minutes": [5, 15], "complexity": ["low", "high"], "risk": ["low", "high"],
...     "collaboration": ["low", "high"], "documentation": ["high", "low"],
...     "language": ["English", "English"]})
>>> locations = pd.DataFrame({"id": ["inhouse", "offshore"], "loaded_cost_per_hour": [52, 15]})
>>> r = simulate(queues, locations, {"easy": "offshore", "hard": "offshore"}, seed=1)
>>> r.weekly.shape
(26, 16)
>>> r.summary.cost < r.baseline.cost, r.summary.average_csat_proxy < r.baseline.average_csat_proxy
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

import numpy as np
import pandas as pd

from grader.models.cost import REFERENCE_RANGES, Assumption
from grader.models.queueing import erlang_a, required_agents_many

__all__ = [
    "ASSUMPTIONS",
    "CSAT_WEIGHTS",
    "FIT_RULES",
    "HOME",
    "WEEKLY_COLUMNS",
    "FitRule",
    "QuarterSummary",
    "SimulationResult",
    "SimulationSettings",
    "fit_penalties",
    "simulate",
]

HOME = "inhouse"
WEEKS_PER_MONTH = 12 / 52
_FCR_FLOOR = 0.05  # keeps repeats finite whatever the settings
_RATINGS = ("complexity", "risk", "collaboration", "documentation")
_LEVELS = frozenset({"low", "medium", "high"})
QUEUE_COLUMNS = ("id", "monthly_contacts", "aht_minutes", *_RATINGS, "language")
LOCATION_COLUMNS = ("id", "loaded_cost_per_hour")
WEEKLY_COLUMNS = (
    "week",
    "queue",
    "location",
    "offered",
    "repeats",
    "agents",
    "service_level",
    "asa",
    "abandon_rate",
    "fcr",
    "csat_proxy",
    "cost",
    "answered",
    "resolved",
    "aht_seconds",
    "paid_hours",
)


# --------------------------------------------------------------------------- assumptions

_ILLUSTRATIVE = "course assumption, illustrative"

#: Every scalar setting's default, with its unit, the range its source supports and the source.
ASSUMPTIONS: dict[str, Assumption] = {
    a.name: a
    for a in (
        Assumption(
            "service_target",
            0.80,
            "share of contacts answered within target_seconds",
            "IFC benchmark, widely cited: 80 % in 20 s is the common voice target",
            0.70,
            0.90,
        ),
        Assumption("target_seconds", 20.0, "seconds", "IFC benchmark: the 20 s of 80/20", 10.0, 30.0),
        Assumption(
            "patience_seconds",
            180.0,
            "seconds, mean of an exponential patience",
            f"{_ILLUSTRATIVE}; gives abandonment of a few % when understaffed (IFC, Voxco: 5-8 %)",
            60.0,
            600.0,
        ),
        Assumption(
            "open_hours_per_week",
            84.0,
            "hours per week",
            f"{_ILLUSTRATIVE}: 12 hours a day, 7 days",
            40.0,
            168.0,
        ),
        Assumption(
            "volume_noise",
            0.03,
            "coefficient of variation of weekly new-issue volume",
            f"{_ILLUSTRATIVE}: a few % week to week",
            0.0,
            0.10,
        ),
        Assumption(
            "base_fcr",
            REFERENCE_RANGES["fcr"].value,
            REFERENCE_RANGES["fcr"].unit,
            REFERENCE_RANGES["fcr"].source,
            REFERENCE_RANGES["fcr"].low,
            REFERENCE_RANGES["fcr"].high,
        ),
        Assumption(
            "transition_fcr_dip",
            0.15,
            "FCR points lost by a team of agents who are all new",
            f"{_ILLUSTRATIVE}: new-hire ramp-up after a move",
            0.05,
            0.25,
        ),
        Assumption(
            "ramp_weeks",
            5.0,
            "weeks until 95 % of the learning dip has gone (without attrition)",
            f"{_ILLUSTRATIVE}: recovery over about 4-6 weeks",
            4.0,
            6.0,
        ),
        Assumption(
            "aht_sensitivity",
            0.5,
            "share of AHT added per FCR point lost to fit or learning",
            f"{_ILLUSTRATIVE}: a 0.2 FCR penalty adds 10 % to AHT",
            0.0,
            1.0,
        ),
        Assumption(
            "occupancy",
            REFERENCE_RANGES["occupancy"].value,
            "share of logged-in time busy, used to pay for work beyond the plan",
            REFERENCE_RANGES["occupancy"].source,
            REFERENCE_RANGES["occupancy"].low,
            REFERENCE_RANGES["occupancy"].high,
        ),
    )
}

_SHRINK = REFERENCE_RANGES["shrinkage"]
_DEFAULT_SHRINKAGE = MappingProxyType({"inhouse": 0.27, "onshore": 0.27, "nearshore": 0.27, "offshore": 0.32})
_SHRINKAGE_SOURCE = (
    f"{_SHRINK.source}; offshore set higher within the range for night-shift absence ({_ILLUSTRATIVE})"
)
_DEFAULT_ATTRITION = MappingProxyType(
    {
        "inhouse": REFERENCE_RANGES["attrition_us"].value,
        "onshore": REFERENCE_RANGES["attrition_us"].value,
        "nearshore": REFERENCE_RANGES["attrition_mexico_bpo"].value,
        "offshore": REFERENCE_RANGES["attrition_philippines"].value,
    }
)
_ATTRITION_REFERENCE = {
    "inhouse": "attrition_us",
    "onshore": "attrition_us",
    "nearshore": "attrition_mexico_bpo",
    "offshore": "attrition_philippines",
}
#: CSAT proxy weights on FCR, service level and (1 - abandon rate); they sum to 1.
CSAT_WEIGHTS = (0.5, 0.3, 0.2)


@dataclass(frozen=True)
class FitRule:
    """FCR points lost when a queue with ``attribute == level`` is served at each location.

    Locations missing from ``penalties`` (in-house) lose nothing.
    """

    attribute: str
    level: str
    penalties: Mapping[str, float]
    reason: str


#: The fit penalty table: one row per attribute level that travels badly, with the reason.
#: Offshore is worst (distance, a 12-13 hour gap, an English-speaking pool), nearshore partial
#: (distance but shared hours and Spanish), onshore small (another company, same country).
#: Illustrative course figures chosen so that a queue with every bad attribute offshore loses
#: about a third of its FCR (0.24 of 0.70); they are not measured values.
FIT_RULES: tuple[FitRule, ...] = (
    FitRule(
        "complexity",
        "high",
        {"onshore": 0.03, "nearshore": 0.05, "offshore": 0.08},
        "Judgement calls need context, side-by-side coaching and quick expert answers; "
        "distance and a 12-hour gap slow all three.",
    ),
    FitRule(
        "complexity",
        "medium",
        {"onshore": 0.01, "nearshore": 0.01, "offshore": 0.03},
        "Some judgement; good procedures carry most of it.",
    ),
    FitRule(
        "risk",
        "high",
        {"onshore": 0.02, "nearshore": 0.03, "offshore": 0.04},
        "Agents far from the policy owners refer or escalate high-stakes cases instead of resolving them.",
    ),
    FitRule(
        "risk",
        "medium",
        {"nearshore": 0.01, "offshore": 0.02},
        "Some cases move money; a remote team refers more of them.",
    ),
    FitRule(
        "collaboration",
        "high",
        {"onshore": 0.02, "nearshore": 0.02, "offshore": 0.06},
        "Same-day help from other teams: nearshore shares the working day, offshore works while "
        "they sleep, so cases wait for the next shift.",
    ),
    FitRule(
        "collaboration",
        "medium",
        {"onshore": 0.01, "nearshore": 0.01, "offshore": 0.03},
        "Some cases need another team; offshore waits a night for the answer.",
    ),
    FitRule(
        "documentation",
        "low",
        {"onshore": 0.03, "nearshore": 0.04, "offshore": 0.06},
        "Little is written down: the knowledge lives in the home team and does not travel.",
    ),
    FitRule(
        "documentation",
        "medium",
        {"onshore": 0.01, "nearshore": 0.01, "offshore": 0.02},
        "Gaps in the procedures are filled by asking, which is slower far away.",
    ),
    FitRule(
        "language",
        "Spanish",
        {"onshore": 0.02, "offshore": 0.10},
        "The Philippine talent pool is English-speaking; US providers have fewer native Spanish "
        "speakers; Mexico is native.",
    ),
    FitRule(
        "language",
        "English + Spanish",
        {"onshore": 0.01, "offshore": 0.05},
        "Half the Spanish penalty: part of the contacts are in Spanish.",
    ),
)


@dataclass(frozen=True)
class SimulationSettings:
    """The model's named assumptions; defaults and sources in :data:`ASSUMPTIONS`.

    ``shrinkage`` and ``annual_attrition`` are per location id (shares of paid time and of
    headcount per year). ``fit_rules`` is the fit penalty table.

    >>> SimulationSettings().service_target, SimulationSettings().annual_attrition["nearshore"]
    (0.8, 0.3)
    >>> SimulationSettings(base_fcr=1.2)
    Traceback (most recent call last):
    ...
    ValueError: base_fcr must be in (0, 1], got 1.2
    """

    weeks: int = 13
    service_target: float = ASSUMPTIONS["service_target"].value
    target_seconds: float = ASSUMPTIONS["target_seconds"].value
    patience_seconds: float = ASSUMPTIONS["patience_seconds"].value
    open_hours_per_week: float = ASSUMPTIONS["open_hours_per_week"].value
    volume_noise: float = ASSUMPTIONS["volume_noise"].value
    base_fcr: float = ASSUMPTIONS["base_fcr"].value
    transition_fcr_dip: float = ASSUMPTIONS["transition_fcr_dip"].value
    ramp_weeks: float = ASSUMPTIONS["ramp_weeks"].value
    aht_sensitivity: float = ASSUMPTIONS["aht_sensitivity"].value
    occupancy: float = ASSUMPTIONS["occupancy"].value
    shrinkage: Mapping[str, float] = field(default_factory=lambda: dict(_DEFAULT_SHRINKAGE))
    annual_attrition: Mapping[str, float] = field(default_factory=lambda: dict(_DEFAULT_ATTRITION))
    fit_rules: tuple[FitRule, ...] = FIT_RULES

    def __post_init__(self) -> None:
        if isinstance(self.weeks, bool) or not isinstance(self.weeks, int) or self.weeks < 1:
            raise ValueError(f"weeks must be a whole number >= 1, got {self.weeks!r}")
        checks = {
            "service_target": (0, 1, False, False),
            "target_seconds": (0, math.inf, True, False),
            "patience_seconds": (0, math.inf, False, True),
            "open_hours_per_week": (0, 168, False, True),
            "volume_noise": (0, 1, True, False),
            "base_fcr": (0, 1, False, True),
            "transition_fcr_dip": (0, 1, True, True),
            "ramp_weeks": (0, math.inf, False, False),
            "aht_sensitivity": (0, math.inf, True, False),
            "occupancy": (0, 1, False, True),
        }
        for name, (low, high, closed_low, closed_high) in checks.items():
            _check_range(name, getattr(self, name), low, high, closed_low, closed_high)
        for loc, value in self.shrinkage.items():
            _check_range(f"shrinkage[{loc!r}]", value, 0, 1, True, False)
        for loc, value in self.annual_attrition.items():
            _check_range(f"annual_attrition[{loc!r}]", value, 0, math.inf, True, False)

    def table(self) -> pd.DataFrame:
        """Every assumption as used: name, value, unit, source range and source (for review)."""
        rows = []
        for f in fields(self):
            if f.name in ASSUMPTIONS:
                a = ASSUMPTIONS[f.name]
                rows.append((f.name, getattr(self, f.name), a.unit, a.low, a.high, a.source))
        rows.append(("weeks", self.weeks, "weeks simulated (a quarter is 13)", 1, 13, _ILLUSTRATIVE))
        for loc, value in self.shrinkage.items():
            rows.append(
                (f"shrinkage[{loc}]", value, _SHRINK.unit, _SHRINK.low, _SHRINK.high, _SHRINKAGE_SOURCE)
            )
        for loc, value in self.annual_attrition.items():
            ref = REFERENCE_RANGES.get(_ATTRITION_REFERENCE.get(loc, ""))
            low, high, source = (ref.low, ref.high, ref.source) if ref else (math.nan, math.nan, "user input")
            rows.append(
                (f"annual_attrition[{loc}]", value, "share of headcount leaving per year", low, high, source)
            )
        return pd.DataFrame(rows, columns=["name", "value", "unit", "low", "high", "source"])


def _check_range(
    name: str, value: object, low: float, high: float, closed_low: bool, closed_high: bool
) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value)
    if ok:
        ok = (value >= low if closed_low else value > low) and (
            value <= high if closed_high else value < high
        )
    if not ok:
        interval = f"{'[' if closed_low else '('}{low:g}, {high:g}{']' if closed_high else ')'}"
        raise ValueError(f"{name} must be in {interval}, got {value!r}")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class QuarterSummary:
    """Quarter totals of one run. Averages are weighted by offered contacts."""

    cost: float
    offered: float
    resolved: float
    average_service_level: float
    average_abandon_rate: float
    average_fcr: float
    average_csat_proxy: float

    @property
    def cost_per_resolved_contact(self) -> float:
        """USD per resolved issue: quarter cost / resolved contacts (inf if nothing was resolved)."""
        return self.cost / self.resolved if self.resolved > 0 else math.inf

    @classmethod
    def of(cls, weekly: pd.DataFrame) -> QuarterSummary:
        """Sum and contact-weight a weekly frame."""
        offered = float(weekly["offered"].sum())

        def mean(column: str) -> float:
            if offered <= 0:
                return float(weekly[column].mean())
            return float((weekly[column] * weekly["offered"]).sum() / offered)

        return cls(
            cost=float(weekly["cost"].sum()),
            offered=offered,
            resolved=float(weekly["resolved"].sum()),
            average_service_level=mean("service_level"),
            average_abandon_rate=mean("abandon_rate"),
            average_fcr=mean("fcr"),
            average_csat_proxy=mean("csat_proxy"),
        )


@dataclass(frozen=True)
class SimulationResult:
    """One row per queue per week for the map (``weekly``) and for all in-house (``baseline_weekly``)."""

    weekly: pd.DataFrame
    baseline_weekly: pd.DataFrame
    settings: SimulationSettings

    @property
    def summary(self) -> QuarterSummary:
        """Quarter totals for the map."""
        return QuarterSummary.of(self.weekly)

    @property
    def baseline(self) -> QuarterSummary:
        """Quarter totals if every queue stayed in-house (same seed, same function)."""
        return QuarterSummary.of(self.baseline_weekly)

    def by_queue(self) -> pd.DataFrame:
        """Quarter totals per queue, map next to baseline: cost, resolved, mean FCR and CSAT proxy."""
        parts = {}
        for label, frame in (("", self.weekly), ("baseline_", self.baseline_weekly)):
            g = frame.groupby("queue", sort=False)
            parts[f"{label}cost"] = g["cost"].sum()
            parts[f"{label}resolved"] = g["resolved"].sum()
            parts[f"{label}fcr"] = g["fcr"].mean()
            parts[f"{label}csat_proxy"] = g["csat_proxy"].mean()
        return pd.DataFrame(parts)


# --------------------------------------------------------------------------- the model


def fit_penalties(
    queues: pd.DataFrame, locations: list[str], rules: tuple[FitRule, ...] = FIT_RULES
) -> np.ndarray:
    """FCR points lost by each queue (rows) at each location (columns), summed over ``rules``.

    >>> q = pd.DataFrame({"complexity": ["high", "low"], "risk": ["high", "low"], "language": ["English"] * 2,
    ...                   "collaboration": ["high", "low"], "documentation": ["low", "high"]})
    >>> fit_penalties(q, ["inhouse", "nearshore", "offshore"]).round(2).tolist()
    [[0.0, 0.14, 0.24], [0.0, 0.0, 0.0]]
    """
    out = np.zeros((len(queues), len(locations)))
    for rule in rules:
        match = (queues[rule.attribute] == rule.level).to_numpy()
        row = np.array([rule.penalties.get(loc, 0.0) for loc in locations])
        out += np.outer(match, row)
    return out


def _validate(
    queues: pd.DataFrame, locations: pd.DataFrame, mapping: Mapping[str, str], settings: SimulationSettings
) -> None:
    for name, table, needed in (
        ("queues", queues, QUEUE_COLUMNS),
        ("locations", locations, LOCATION_COLUMNS),
    ):
        missing = [c for c in needed if c not in table.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s) {', '.join(missing)}")
        duplicated = table["id"][table["id"].duplicated()].tolist()
        if duplicated:
            raise ValueError(f"{name}.id must be unique, {duplicated[0]!r} appears twice")
    for rating in _RATINGS:
        bad = sorted(set(queues[rating]) - _LEVELS)
        if bad:
            raise ValueError(f"queues.{rating} must be low, medium or high, got {bad[0]!r}")
    for column in ("monthly_contacts", "aht_minutes"):
        values = pd.to_numeric(queues[column], errors="coerce").to_numpy(dtype=float)
        if not np.all(np.isfinite(values) & (values >= 0)) or (
            column == "aht_minutes" and np.any(values <= 0)
        ):
            raise ValueError(f"queues.{column} must hold finite numbers > 0 (contacts >= 0)")
    rates = pd.to_numeric(locations["loaded_cost_per_hour"], errors="coerce").to_numpy(dtype=float)
    if not np.all(np.isfinite(rates) & (rates >= 0)):
        raise ValueError("locations.loaded_cost_per_hour must hold finite numbers >= 0")
    queue_ids, location_ids = set(queues["id"]), set(locations["id"])
    if HOME not in location_ids:
        raise ValueError(f"locations must include the home location {HOME!r}")
    for queue, loc in mapping.items():
        if queue not in queue_ids:
            raise ValueError(f"mapping names unknown queue {queue!r}")
        if loc not in location_ids:
            raise ValueError(f"mapping sends {queue!r} to unknown location {loc!r}")
    for loc in {HOME, *mapping.values()}:
        for setting in ("shrinkage", "annual_attrition"):
            if loc not in getattr(settings, setting):
                raise ValueError(f"settings.{setting} has no value for location {loc!r}")


def _run(
    queues: pd.DataFrame,
    locations: pd.DataFrame,
    mapping: Mapping[str, str],
    noise: np.ndarray,
    s: SimulationSettings,
) -> pd.DataFrame:
    ids = queues["id"].astype(str).tolist()
    where = [mapping.get(q, HOME) for q in ids]
    n_q, n_w = len(ids), s.weeks
    rate_of = dict(zip(locations["id"], locations["loaded_cost_per_hour"].astype(float), strict=True))
    loc_list = sorted(set(where))
    col = np.array([loc_list.index(loc) for loc in where])
    fit = fit_penalties(queues, loc_list, s.fit_rules)[np.arange(n_q), col]
    rate = np.array([rate_of[loc] for loc in where])
    shrink = np.array([s.shrinkage[loc] for loc in where])
    attrition = np.array([s.annual_attrition[loc] for loc in where]) / 52
    moved = np.array([loc != HOME for loc in where])

    forecast = queues["monthly_contacts"].to_numpy(dtype=float) * WEEKS_PER_MONTH
    aht = queues["aht_minutes"].to_numpy(dtype=float) * 60
    hours = s.open_hours_per_week
    plan = required_agents_many(
        forecast / hours, 3600.0, aht, s.service_target, s.target_seconds, shrinkage=shrink
    )
    agents = plan["raw_agents"].to_numpy()
    planned_paid = plan["scheduled_agents"].to_numpy() * hours
    planned_work = forecast * aht / 3600

    grad = 1 - math.exp(-3 / s.ramp_weeks)
    home_a = s.annual_attrition[HOME] / 52
    n_home = home_a / (grad + home_a)
    novices = np.where(moved, 1.0, attrition / (grad + attrition))
    new = forecast * s.base_fcr * np.maximum(0.0, 1 + s.volume_noise * noise)

    shape = (n_w, n_q)
    out = {k: np.empty(shape) for k in ("offered", "repeats", "sl", "asa", "abandon", "fcr", "aht")}
    prev_answered, prev_fcr = forecast, np.full(n_q, s.base_fcr)
    for w in range(n_w):
        learning = s.transition_fcr_dip * np.maximum(0.0, novices - n_home)
        fcr = np.clip(s.base_fcr - fit - learning, _FCR_FLOOR, 1.0)
        aht_w = aht * (1 + s.aht_sensitivity * (fit + learning))
        repeats = prev_answered * (1 - prev_fcr)
        offered = new[w] + repeats
        per_hour = offered / hours
        sl, wait, abandon = np.empty(n_q), np.empty(n_q), np.empty(n_q)
        for i in range(n_q):
            r = erlang_a(per_hour[i], 3600.0, aht_w[i], s.patience_seconds, int(agents[i]), s.target_seconds)
            sl[i], wait[i], abandon[i] = r.service_level, r.asa, r.p_abandon
        for key, value in (
            ("offered", offered),
            ("repeats", repeats),
            ("sl", sl),
            ("asa", wait),
            ("abandon", abandon),
            ("fcr", fcr),
            ("aht", aht_w),
        ):
            out[key][w] = value
        prev_answered, prev_fcr = offered * (1 - abandon), fcr
        novices = novices * (1 - grad) + (1 - novices) * attrition

    answered = out["offered"] * (1 - out["abandon"])
    extra_work = np.maximum(0.0, answered * out["aht"] / 3600 - planned_work)
    paid = planned_paid + extra_work / ((1 - shrink) * s.occupancy)
    w1, w2, w3 = CSAT_WEIGHTS
    csat = 100 * (w1 * out["fcr"] + w2 * out["sl"] + w3 * (1 - out["abandon"]))
    return pd.DataFrame(
        {
            "week": np.repeat(np.arange(1, n_w + 1), n_q),
            "queue": np.tile(np.array(ids, dtype=object), n_w),
            "location": np.tile(np.array(where, dtype=object), n_w),
            "offered": out["offered"].ravel(),
            "repeats": out["repeats"].ravel(),
            "agents": np.tile(agents, n_w),
            "service_level": out["sl"].ravel(),
            "asa": out["asa"].ravel(),
            "abandon_rate": out["abandon"].ravel(),
            "fcr": out["fcr"].ravel(),
            "csat_proxy": csat.ravel(),
            "cost": (paid * rate).ravel(),
            "answered": answered.ravel(),
            "resolved": (answered * out["fcr"]).ravel(),
            "aht_seconds": out["aht"].ravel(),
            "paid_hours": paid.ravel(),
        },
        columns=list(WEEKLY_COLUMNS),
    )


def simulate(
    queues: pd.DataFrame,
    locations: pd.DataFrame,
    mapping: Mapping[str, str],
    seed: int = 0,
    settings: SimulationSettings | None = None,
) -> SimulationResult:
    """Simulate a quarter week by week for ``mapping`` (queue id -> location id) and for all in-house.

    Queues the map leaves out stay in-house (``"inhouse"``). ``queues`` needs the columns
    ``id, monthly_contacts, aht_minutes, complexity, risk, collaboration, documentation,
    language``; ``locations`` needs ``id, loaded_cost_per_hour``. The same ``seed`` gives the
    same result; the baseline uses the same noise. A map naming an unknown queue or location
    raises ValueError naming it.

    ``weekly`` has one row per week and queue: ``week`` (1-based), ``queue``, ``location``,
    ``offered``, ``repeats``, ``answered`` and ``resolved`` (contacts in the week), ``agents``
    (planned agents on duty in an open hour), ``service_level``, ``asa`` (seconds),
    ``abandon_rate``, ``fcr``, ``aht_seconds``, ``csat_proxy`` (0-100), ``paid_hours`` and
    ``cost`` (USD).
    """
    s = SimulationSettings() if settings is None else settings
    _validate(queues, locations, mapping, s)
    noise = np.random.default_rng(seed).standard_normal((s.weeks, len(queues)))
    weekly = _run(queues, locations, mapping, noise, s)
    if all(loc == HOME for loc in mapping.values()):
        baseline = weekly.copy()
    else:
        baseline = _baseline(queues, locations, seed, noise, s)
    return SimulationResult(weekly=weekly, baseline_weekly=baseline, settings=s)


# The all-in-house run does not depend on the map, and a learner changes the map many times
# on the same scenario: keep the last few baselines, keyed by what they are computed from.
_BASELINES: dict[tuple[bytes, bytes, int, str], pd.DataFrame] = {}
_BASELINES_KEPT = 8


def _fingerprint(frame: pd.DataFrame) -> bytes:
    """Bytes that change whenever a value, a column name or the row order of ``frame`` changes."""
    values = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    return values + repr(list(frame.columns)).encode()


def _baseline(
    queues: pd.DataFrame, locations: pd.DataFrame, seed: int, noise: np.ndarray, s: SimulationSettings
) -> pd.DataFrame:
    key = (_fingerprint(queues), _fingerprint(locations), seed, repr(s))
    if key not in _BASELINES:
        if len(_BASELINES) >= _BASELINES_KEPT:
            _BASELINES.pop(next(iter(_BASELINES)))
        _BASELINES[key] = _run(queues, locations, {}, noise, s)
    return _BASELINES[key].copy()
