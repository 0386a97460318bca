"""The quarter simulation: a seeded, week-by-week run of a sourcing map and of all in-house.

The model is described in :mod:`grader.models.consequences`; its figures are settings
(:class:`~grader.models.consequences.settings.SimulationSettings`).
"""

from __future__ import annotations

import hashlib
import math
import pickle
from collections.abc import Mapping

import numpy as np
import pandas as pd

from grader.models.consequences.assumptions import CSAT_WEIGHTS
from grader.models.consequences.fit import fit_penalties
from grader.models.consequences.results import SimulationResult
from grader.models.consequences.settings import SimulationSettings
from grader.models.consequences.tables import (
    HOME,
    WEEKLY_COLUMNS,
    _validate_mapping,
    _validate_tables,
    allowed_locations,
    deferred_queues,
    spanish_hour_rates,
)
from grader.models.queueing import erlang_a, required_agents_many

__all__ = ["WEEKS_PER_MONTH", "simulate"]

WEEKS_PER_MONTH = 12 / 52
_FCR_FLOOR = 0.05  # keeps repeats finite whatever the settings


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
    # Per location and queue: a Spanish hour costs more where the scenario says bilingual agents are short.
    rate_of = spanish_hour_rates(queues, locations)
    loc_list = sorted(set(where))
    col = np.array([loc_list.index(loc) for loc in where])
    fit = fit_penalties(queues, loc_list, s.fit_rules)[np.arange(n_q), col]
    rate = np.array([rate_of[loc][i] for i, loc in enumerate(where)])
    shrink = np.array([s.shrinkage[loc] for loc in where])
    attrition = np.array([s.annual_attrition[loc] for loc in where]) / 52
    moved = np.array([loc != HOME for loc in where])
    cost_per_error = np.array([s.error_cost[str(level)] for level in queues["risk"]])
    forbidden = np.array(
        [
            rule is not None and loc not in rule
            for rule, loc in zip(allowed_locations(queues), where, strict=True)
        ]
    )

    forecast = queues["monthly_contacts"].to_numpy(dtype=float) * WEEKS_PER_MONTH
    aht = queues["aht_minutes"].to_numpy(dtype=float) * 60
    hours = s.open_hours_per_week
    deferred = deferred_queues(queues)
    agents, scheduled = _planned_agents(forecast, aht, deferred, shrink, s)
    planned_paid = scheduled * hours
    planned_work = forecast * aht / 3600
    # What one contact of each queue costs the in-house team today, its staffing included: an
    # escalated case lands on that team, which must keep the experts to take it.
    _, home_scheduled = _planned_agents(forecast, aht, deferred, np.full(n_q, s.shrinkage[HOME]), s)
    home_paid = home_scheduled * hours * rate_of[HOME]
    home_cost_per_contact = np.divide(home_paid, forecast, out=np.zeros(n_q), where=forecast > 0)

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
            if deferred[i]:
                # Nobody waits on the line or hangs up: the planned team handles its share of
                # the week's work in time, and the rest is late (and paid as extra hours below).
                work = offered[i] * aht_w[i] / 3600
                sl[i] = min(1.0, planned_work[i] / work) if work > 0 else 1.0
                wait[i], abandon[i] = 0.0, 0.0
                continue
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
    labour = paid * rate
    # A poor fit's mistakes cost money (refunds, credits, redeliveries, reprocessing) at the
    # queue's risk level, and the cases it cannot finish land on the in-house team's desks:
    # neither gets cheaper with the location's rate.
    errors = answered * s.error_share_per_fit_point * fit * cost_per_error
    escalated = answered * s.escalation_share_per_fit_point * fit
    escalations = escalated * s.escalation_effort * home_cost_per_contact
    # A contract or law that keeps the work elsewhere: expected cost = chance x cost of a breach.
    exposure = answered * forbidden * s.breach_probability * s.breach_cost_per_contact
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
            "cost": (labour + errors + escalations + exposure).ravel(),
            "labour_cost": labour.ravel(),
            "error_cost": errors.ravel(),
            "escalation_cost": escalations.ravel(),
            "exposure": exposure.ravel(),
            "answered": answered.ravel(),
            "resolved": (answered * out["fcr"]).ravel(),
            "aht_seconds": out["aht"].ravel(),
            "paid_hours": paid.ravel(),
        },
        columns=list(WEEKLY_COLUMNS),
    )


def _planned_agents(
    forecast: np.ndarray, aht: np.ndarray, deferred: np.ndarray, shrink: np.ndarray, s: SimulationSettings
) -> tuple[np.ndarray, np.ndarray]:
    """Agents on duty in an open hour, and scheduled for shrinkage: live by Erlang C, deferred by workload.

    A live queue (phone, chat) needs whole agents enough that ``service_target`` of callers
    wait under ``target_seconds``. An email or back-office queue has nobody on the line, so a
    20-second answer target would pay for idle agents: it needs the hours of its work at a
    sustainable occupancy, the course's paid-hours rule (contacts x AHT / occupancy /
    (1 - shrinkage)), and its agents may be a fraction: they share a pooled back-office team.
    """
    hours = s.open_hours_per_week
    plan = required_agents_many(
        forecast / hours, 3600.0, aht, s.service_target, s.target_seconds, shrinkage=shrink
    )
    workload = forecast * aht / 3600 / hours / s.occupancy
    raw = np.where(deferred, workload, plan["raw_agents"].to_numpy(dtype=float))
    scheduled = np.where(deferred, workload / (1 - shrink), plan["scheduled_agents"].to_numpy(dtype=float))
    return raw, scheduled


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
    key = (_fingerprint(queues), _fingerprint(locations), seed, repr(s))
    if key[:2] not in _CHECKED_TABLES:  # the same tables on every click: checked once
        _validate_tables(queues, locations)
        _CHECKED_TABLES.add(key[:2])
    _validate_mapping(queues, locations, mapping, s)
    ids = queues["id"].astype(str).tolist()
    where = np.array([mapping.get(q, HOME) for q in ids], dtype=object)
    # A queue's quarter depends only on its own location, never on where the others go, so
    # each location is run once for every queue (and kept), and a map takes each queue's
    # rows from its location's run: a learner's next click costs a lookup, not a quarter.
    runs = {loc: _all_at(key, loc, queues, locations, s) for loc in {HOME, *where}}
    baseline, home_columns = runs[HOME]
    chosen = np.tile(where, s.weeks)  # rows run week by week, queues in table order
    columns = {}
    for column in WEEKLY_COLUMNS:
        values = home_columns[column].copy()
        for loc, (_, run) in runs.items():
            if loc != HOME:
                rows = chosen == loc
                values[rows] = run[column][rows]
        columns[column] = values
    weekly = pd.DataFrame(columns, columns=list(WEEKLY_COLUMNS))
    return SimulationResult(weekly=weekly, baseline_weekly=baseline.copy(), settings=s)


# A learner changes the map many times on the same scenario: keep the runs of the last few
# scenarios at each location, keyed by what they are computed from.
_RUNS: dict[tuple[str, str, int, str, str], tuple[pd.DataFrame, dict[str, np.ndarray]]] = {}
_CHECKED_TABLES: set[tuple[str, str]] = set()
_RUNS_KEPT = 32


def _fingerprint(frame: pd.DataFrame) -> str:
    """A digest that changes whenever a value, a column name or the row order of ``frame`` changes."""
    # Pickling the column arrays is a fraction of what a text dump costs, and a view asks on every click.
    payload = (list(map(str, frame.columns)), [frame[c].to_numpy() for c in frame.columns])
    return hashlib.sha256(pickle.dumps(payload, protocol=5)).hexdigest()


def _all_at(
    key: tuple[str, str, int, str],
    location: str,
    queues: pd.DataFrame,
    locations: pd.DataFrame,
    s: SimulationSettings,
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Every queue run at ``location`` (the same noise as any map of that seed), as a frame and as columns."""
    full = (*key, location)
    if full not in _RUNS:
        if len(_RUNS) >= _RUNS_KEPT:
            _RUNS.pop(next(iter(_RUNS)))
        noise = np.random.default_rng(key[2]).standard_normal((s.weeks, len(queues)))
        everywhere = dict.fromkeys(queues["id"].astype(str), location)
        frame = _run(queues, locations, everywhere, noise, s)
        # Its columns as arrays too: a map is assembled from them on every click.
        _RUNS[full] = (frame, {column: frame[column].to_numpy() for column in WEEKLY_COLUMNS})
    return _RUNS[full]
