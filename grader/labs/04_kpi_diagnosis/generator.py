"""Lab 04's variant generator: a nearshore team's first twenty weeks, with one planted incident.

Each seed draws an :class:`Incident` (which root cause, which queue, which week it starts, how
hard it hits, and where the red herrings fall) and builds three tables from it:

* ``weekly``: one row per queue and week, the three-layer KPI stack (service, quality,
  business) plus staffing;
* ``intervals``: the last week of one queue in half-hour intervals (the service-level exercise);
* ``reviews``: one row per contact scored by QA, with the agent's tenure band and the error found.

The tables agree with each other: the weekly QA columns are counted from ``reviews``, and the
weekly service columns of the interval queue's last week are summed from ``intervals``.  Service
level, ASA and abandonment come from :func:`grader.models.queueing.erlang_a`, evaluated for each
distinct load level of the week (the half-hour profile has few levels, so a week costs a dozen
evaluations, not 168); required agents from :func:`grader.models.queueing.required_agents_many`.

Each cause leaves its own fingerprint across the layers:

========================  ===================================================================
training gap              a new-hire class goes live: knowledge errors among agents under
                          3 months, AHT up, FCR down; no leavers before it
broken escalation path    share of escalations open past 48 hours and transfers up, FCR
                          down and repeat contacts up, AHT flat
upstream policy change    calls offered and complaints up on one queue, policy errors up in
                          every tenure band, AHT a little up
staffing shortfall        scheduled agents below required with volume, headcount and leavers
                          level: SL, ASA and abandonment worse, quality flat
attrition spike           leavers jump, service dips, a class follows; once it goes live,
                          knowledge errors among new agents, AHT up, FCR down
========================  ===================================================================

Red herrings in every variant: three ramp-up weeks after launch, a sale week, a public-holiday
week, a one-week CSAT dip on some queue before the incident, and week-to-week noise.

The decisions' keys follow the incident; the option feedback and the brief carry the
variant's own numbers.  Everything is deterministic in the seed; a variant takes about 25 ms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from grader.labs.base import Variant
from grader.models.queueing import erlang_a, required_agents_many
from grader.schema import Scenario
from grader.schema.model import MultipleSelect, Numeric, Option, SingleChoice

__all__ = [
    "CAUSES",
    "ERROR_TYPES",
    "PROFILES",
    "TENURE_BANDS",
    "Incident",
    "Profile",
    "QueueProfile",
    "build_tables",
    "draw_incident",
    "incident_for",
    "profile_for",
    "realise",
]

TRAINING, ESCALATION, POLICY, STAFFING, ATTRITION = (
    "training_gap",
    "escalation_workflow",
    "policy_change",
    "staffing_shortfall",
    "attrition_spike",
)
CAUSES = (TRAINING, ESCALATION, POLICY, STAFFING, ATTRITION)
WEEKS = 20
FIRST_START, LAST_START = 8, 14  # the incident starts in one of these weeks (both included)
RAMP_WEEKS = 3  # weeks after launch with a learning curve
TENURE_BANDS = ("0-3 months", "3-12 months", "12+ months")
ERROR_TYPES = ("policy", "process", "knowledge", "tone")
NO_ERROR = "none"
SALE, HOLIDAY = "sale", "public holiday"

# Service model: voice queues open 08:00-20:00 every day, 80 % of calls answered in 20 s.
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_FACTOR = (1.15, 1.0, 1.0, 1.0, 1.0, 0.6, 0.6)
OPEN_FROM = 8
SLOTS = 24  # half-hours a day
SLOT_LEVEL = (0.7,) * 4 + (1.3,) * 6 + (1.1,) * 8 + (0.7,) * 6  # 08-10, 10-13, 13-17, 17-20
INTERVAL = 1800.0
TARGET_SECONDS, TARGET_SL = 20.0, 0.8
SHRINKAGE = 0.30
PATIENCE = 150.0  # mean seconds a caller waits before hanging up
USUAL_SL = 0.88  # below this, customers notice the waits (CSAT, complaints, cancellations)
SCHEDULE_CAP = 1.05  # planners schedule at most this share above the forecast need

# QA: per tenure band, the chance a scored contact has an error of each type (policy, process,
# knowledge, tone); the rest are clean.
BASE_ERRORS = np.array(
    [
        [0.05, 0.08, 0.10, 0.04],
        [0.04, 0.05, 0.05, 0.03],
        [0.03, 0.04, 0.03, 0.02],
    ]
)
BASE_TENURE_MIX = np.array([0.15, 0.45, 0.40])
KINDS = (*ERROR_TYPES, NO_ERROR)  # an error index of len(ERROR_TYPES) means a clean contact
ERROR_PENALTY = {NO_ERROR: 0.0, "policy": 22.0, "process": 15.0, "knowledge": 18.0, "tone": 12.0}


@dataclass(frozen=True)
class QueueProfile:
    """One queue of a scenario's team, at its launch level."""

    id: str
    label: str
    weekly_calls: float
    aht: float  # seconds
    fcr: float
    csat: float
    headcount: int
    escalation_rate: float  # escalations per answered call
    credit_per_call: float  # USD of refunds and goodwill credits per answered call
    policy: str | None = None  # an upstream rule change that could land on this queue
    policy_owner: str | None = None
    escalation_path: str | None = None  # where this queue hands cases on
    after_sale: float = 1.0  # calls in the week after a sale, against the forecast (returns come back)


@dataclass(frozen=True)
class Profile:
    """What a scenario's data is built from: its queues and the Monday of its launch week."""

    queues: tuple[QueueProfile, ...]
    launch: date

    def queue(self, queue_id: str) -> QueueProfile:
        return next(q for q in self.queues if q.id == queue_id)


HOMEGOODS = Profile(
    queues=(
        QueueProfile(
            id="orders",
            label="Orders and delivery",
            weekly_calls=5200,
            aht=330,
            fcr=0.78,
            csat=0.86,
            headcount=27,
            escalation_rate=0.03,
            credit_per_call=0.40,
            policy="orders over 1,500 USD now wait 48 hours for a fraud check before they ship",
            policy_owner="the risk team",
            escalation_path="lost-parcel cases go to the logistics desk",
        ),
        QueueProfile(
            id="returns",
            label="Returns and exchanges",
            weekly_calls=3000,
            aht=420,
            fcr=0.74,
            csat=0.83,
            headcount=19,
            escalation_rate=0.05,
            credit_per_call=1.60,
            policy="sale items can now be returned within 14 days instead of 30, and large items "
            "carry a 49 USD pick-up fee",
            policy_owner="the merchandising team",
            escalation_path="damaged-delivery claims go to the carrier-claims team",
            after_sale=1.12,
        ),
        QueueProfile(
            id="billing",
            label="Payments and financing",
            weekly_calls=2200,
            aht=480,
            fcr=0.76,
            csat=0.84,
            headcount=17,
            escalation_rate=0.04,
            credit_per_call=1.10,
            policy="any change to a financing plan now needs a second identity check",
            policy_owner="the finance and compliance team",
            escalation_path="refund disputes go to the finance team",
        ),
        QueueProfile(
            id="product_help",
            label="Assembly and smart-home help",
            weekly_calls=1600,
            aht=660,
            fcr=0.70,
            csat=0.82,
            headcount=15,
            escalation_rate=0.06,
            credit_per_call=0.60,
            escalation_path="faulty-device cases go to the manufacturer's second-line team",
        ),
    ),
    launch=date(2026, 3, 2),
)

BROADBAND = Profile(
    queues=(
        QueueProfile(
            id="new_service",
            label="New service and installs",
            weekly_calls=3400,
            aht=450,
            fcr=0.75,
            csat=0.85,
            headcount=21,
            escalation_rate=0.04,
            credit_per_call=0.30,
            policy="installation appointments now need a 50 USD deposit, refunded on the day",
            policy_owner="the sales operations team",
            escalation_path="installation exceptions go to the field-scheduling team",
        ),
        QueueProfile(
            id="billing",
            label="Bills and payments",
            weekly_calls=4600,
            aht=390,
            fcr=0.77,
            csat=0.84,
            headcount=26,
            escalation_rate=0.03,
            credit_per_call=1.20,
            policy="customers on paper bills now pay a 3 USD monthly paper-bill fee",
            policy_owner="the billing product team",
            escalation_path="billing disputes go to the revenue-assurance team",
        ),
        QueueProfile(
            id="repairs",
            label="Repairs and outages",
            weekly_calls=3900,
            aht=600,
            fcr=0.68,
            csat=0.80,
            headcount=29,
            escalation_rate=0.08,
            credit_per_call=0.90,
            escalation_path="faults that need a visit go to field-technician dispatch",
        ),
        QueueProfile(
            id="moves_cancellations",
            label="Moves and cancellations",
            weekly_calls=1800,
            aht=540,
            fcr=0.72,
            csat=0.79,
            headcount=13,
            escalation_rate=0.05,
            credit_per_call=0.50,
            policy="cancellations now need 30 days' notice instead of taking effect at once",
            policy_owner="the retention and legal teams",
        ),
    ),
    launch=date(2026, 1, 12),
)

#: Scenario id -> its profile.  A scenario of another id (a copy in a private pack) uses the first.
PROFILES: dict[str, Profile] = {"kpi-homegoods": HOMEGOODS, "kpi-broadband": BROADBAND}


def profile_for(base: Scenario) -> Profile:
    """The profile a scenario's data is built from (see :data:`PROFILES`)."""
    return PROFILES.get(base.id, next(iter(PROFILES.values())))


# --------------------------------------------------------------------------- the incident


@dataclass(frozen=True)
class Incident:
    """What a variant plants: the cause and its place, and where the red herrings fall."""

    cause: str
    queue: str
    start_week: int
    severity: float  # about 0.85-1.2: how hard the cause hits
    sale_week: int
    holiday_week: int
    dip_week: int  # a one-week CSAT dip that is not the cause
    dip_queue: str
    interval_queue: str  # the queue whose last week is shown in half-hour intervals

    @property
    def go_live_week(self) -> int | None:
        """The week a new-hire class starts taking calls (training gap, attrition spike)."""
        if self.cause == TRAINING:
            return self.start_week
        if self.cause == ATTRITION:
            return self.start_week + 5
        return None


def draw_incident(profile: Profile, seed: int) -> Incident:
    """The incident of variant ``seed`` (the same every time for the same seed)."""
    rng = np.random.default_rng([seed, 4])
    cause = CAUSES[int(rng.integers(len(CAUSES)))]
    if cause == POLICY:
        eligible = [q.id for q in profile.queues if q.policy]
    elif cause == ESCALATION:
        eligible = [q.id for q in profile.queues if q.escalation_path]
    else:
        eligible = [q.id for q in profile.queues]
    queue = eligible[int(rng.integers(len(eligible)))]
    start = int(rng.integers(FIRST_START, LAST_START + 1))
    near = set(range(start - 1, start + 2))
    # The CSAT dip comes first, well before the incident; the calendar weeks keep clear of both.
    dip = int(rng.integers(RAMP_WEEKS + 1, start - 1))
    sale = int(rng.choice([w for w in range(RAMP_WEEKS + 1, WEEKS) if w not in near | {dip, dip - 1}]))
    holiday = int(
        rng.choice([w for w in range(RAMP_WEEKS + 1, WEEKS) if w not in near | {dip} and abs(w - sale) >= 2])
    )
    ids = [q.id for q in profile.queues]
    return Incident(
        cause=cause,
        queue=queue,
        start_week=start,
        severity=float(rng.uniform(0.85, 1.2)),
        sale_week=sale,
        holiday_week=holiday,
        dip_week=dip,
        dip_queue=ids[int(rng.integers(len(ids)))],
        interval_queue=ids[int(rng.integers(len(ids)))],
    )


def incident_for(base: Scenario, seed: int) -> Incident:
    """The incident planted in variant ``seed`` of ``base``."""
    return draw_incident(profile_for(base), seed)


# --------------------------------------------------------------------------- effects by week


def _onset(weeks: np.ndarray, start: int | None) -> np.ndarray:
    """0 before ``start``, 0.6 in its first week, 1 from the second week on."""
    if start is None:
        return np.zeros(len(weeks))
    return np.where(weeks < start, 0.0, np.where(weeks == start, 0.6, 1.0))


@dataclass
class _QueueWeeks:
    """Every weekly driver of one queue, as arrays over the weeks."""

    headcount: np.ndarray
    in_training: np.ndarray
    leavers: np.ndarray
    capacity: np.ndarray  # share of the planned schedule that can be filled
    volume: np.ndarray  # multiplier on the forecast the planners did not expect
    aht: np.ndarray  # multiplier on AHT
    fcr_drop: np.ndarray
    repeat_extra: np.ndarray
    escalation: np.ndarray  # multiplier on the escalation rate
    overdue: np.ndarray  # share of escalations open past 48 hours
    transfer: np.ndarray
    complaints: np.ndarray  # multiplier
    credits: np.ndarray  # multiplier
    new_share: np.ndarray  # share of reviews of agents under 3 months
    extra_errors: np.ndarray  # weeks x bands x types: added error probability


def _drivers(queue: QueueProfile, incident: Incident, rng: np.random.Generator) -> _QueueWeeks:
    """A queue's weekly drivers: noise for every queue, and the incident's effects on its own queue."""
    weeks = np.arange(1, WEEKS + 1)
    n = len(weeks)
    h0 = queue.headcount
    leavers = np.minimum(rng.poisson(0.2, n), 2).astype(float)  # replaced from the provider's bench
    drivers = _QueueWeeks(
        headcount=h0 + rng.integers(-1, 2, n).astype(float),
        in_training=np.zeros(n),
        leavers=leavers,
        capacity=rng.normal(1.0, 0.02, n),
        volume=np.ones(n),
        aht=np.ones(n),
        fcr_drop=np.zeros(n),
        repeat_extra=np.zeros(n),
        escalation=np.ones(n),
        overdue=np.clip(rng.normal(0.09, 0.02, n), 0.02, None),
        transfer=np.clip(rng.normal(0.05, 0.006, n), 0.01, None),
        complaints=np.ones(n),
        credits=np.ones(n),
        new_share=np.full(n, BASE_TENURE_MIX[0]),
        extra_errors=np.zeros((n, len(TENURE_BANDS), len(ERROR_TYPES))),
    )
    if queue.id != incident.queue:
        return drivers
    s, k = incident.start_week, incident.severity
    on = _onset(weeks, s)
    policy, process, knowledge = (ERROR_TYPES.index(t) for t in ("policy", "process", "knowledge"))
    d = drivers
    if incident.cause in (TRAINING, ATTRITION):
        if incident.cause == TRAINING:
            size = round(h0 * rng.uniform(0.35, 0.5))
        else:
            # Enough leavers to stand out on a small queue too: a third of the team or so.
            first = max(4, round(h0 * rng.uniform(0.22, 0.3) * k))
            second = max(2, round(h0 * rng.uniform(0.08, 0.12) * k))
            d.leavers[s - 1] += first
            d.leavers[s] += second
            d.headcount -= np.where(weeks == s, first, 0) + np.where(weeks >= s + 1, first + second, 0)
            size = first + second
        live = incident.go_live_week or s
        training_weeks = (weeks >= live - 3) & (weeks < live)
        d.in_training[training_weeks] = size
        grown = weeks >= live
        d.headcount[grown] += size
        if incident.cause == ATTRITION:  # the schedule can only be filled with the agents left
            d.capacity *= np.clip(d.headcount / h0, 0.3, 1.2)
        new = _onset(weeks, live)
        share_new = size / (h0 + size * (incident.cause == TRAINING))
        d.new_share = np.where(grown, BASE_TENURE_MIX[0] + (1 - BASE_TENURE_MIX[0]) * share_new, d.new_share)
        strength = k * (1.0 if incident.cause == TRAINING else 0.75)
        d.aht *= 1 + 0.14 * strength * new
        d.fcr_drop += 0.08 * strength * new
        d.escalation *= 1 + 0.08 * new
        d.transfer += 0.008 * new
        d.extra_errors[:, 0, knowledge] += 0.26 * strength * new
        d.extra_errors[:, 0, process] += 0.06 * strength * new
        d.complaints *= 1 + 0.5 * strength * new
        d.credits *= 1 + 0.25 * strength * new
    elif incident.cause == ESCALATION:
        d.escalation *= 1 + 0.55 * k * on
        d.overdue += 0.42 * k * on
        d.transfer += 0.06 * k * on
        d.fcr_drop += 0.10 * k * on
        d.repeat_extra += 0.05 * k * on
        d.volume *= 1 + 0.015 * on
        d.extra_errors[:, :, process] += 0.03 * k * on[:, None]
        d.complaints *= 1 + 1.1 * k * on
        d.credits *= 1 + 0.35 * k * on
    elif incident.cause == POLICY:
        d.volume *= 1 + 0.27 * k * on
        d.aht *= 1 + 0.07 * k * on
        d.fcr_drop += 0.05 * k * on
        d.extra_errors[:, :, policy] += 0.15 * k * on[:, None]
        d.complaints *= 1 + 2.6 * k * on
        d.credits *= 1 + 0.4 * k * on
    elif incident.cause == STAFFING:
        d.capacity *= 1 - 0.22 * k * on
    return drivers


# --------------------------------------------------------------------------- service


@cache
def _levels() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The week's half-hour profile: each half-hour's level, and per distinct level its share and count.

    Returns ``(slot_level, level_share, level_count)``: ``slot_level`` gives, for each of the
    168 open half-hours, the index of its level; a level's share is the share of the week's
    calls that fall in *one* of its half-hours.
    """
    load = np.array([DAY_FACTOR[d] * SLOT_LEVEL[s] for d in range(len(DAYS)) for s in range(SLOTS)])
    values, slot_level, count = np.unique(np.round(load, 6), return_inverse=True, return_counts=True)
    return slot_level, values / load.sum(), count


def _service(
    offered: np.ndarray, forecast: np.ndarray, aht: np.ndarray, forecast_aht: np.ndarray, capacity: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray, list[list[Any]]]:
    """A queue's weekly service figures, its agents scheduled per week and level, and Erlang A per level.

    Planners schedule each half-hour for the forecast (calls and AHT they expected) and can
    fill a share ``capacity`` of it; the calls that really came meet the agents on the phones.
    """
    slot_level, share, count = _levels()
    weeks, levels = len(offered), len(share)
    calls = offered[:, None] * share[None, :]
    planned = (
        required_agents_many(
            (forecast[:, None] * share[None, :]).ravel(),
            INTERVAL,
            np.repeat(forecast_aht, levels),
            TARGET_SL,
            TARGET_SECONDS,
            shrinkage=SHRINKAGE,
        )["scheduled_agents"]
        .to_numpy()
        .reshape(weeks, levels)
    )
    needed = (
        required_agents_many(
            calls.ravel(), INTERVAL, np.repeat(aht, levels), TARGET_SL, TARGET_SECONDS, shrinkage=SHRINKAGE
        )["scheduled_agents"]
        .to_numpy()
        .reshape(weeks, levels)
    )
    scheduled = np.maximum(1, np.round(planned * np.minimum(capacity, SCHEDULE_CAP)[:, None]))
    on_phones = np.maximum(1, np.floor(scheduled * (1 - SHRINKAGE) + 0.5)).astype(int)
    results = [
        [
            erlang_a(calls[w, j], INTERVAL, aht[w], PATIENCE, int(on_phones[w, j]), TARGET_SECONDS)
            for j in range(levels)
        ]
        for w in range(weeks)
    ]
    calls_share = share * count  # share of the week's calls in each level
    slots = count / count.sum()
    service = {
        "sl": np.array([[r.service_level for r in row] for row in results]) @ calls_share,
        "abandon": np.array([[r.p_abandon for r in row] for row in results]) @ calls_share,
        "asa": np.array([[r.asa for r in row] for row in results]) @ calls_share,
        "required": needed @ slots,
        "scheduled": scheduled @ slots,
    }
    return service, scheduled, results


def _intervals(
    queue: QueueProfile,
    weekly_calls: float,
    scheduled: np.ndarray,
    results: list[Any],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """One week of half-hours, drawn around the Erlang A figures of each half-hour's level."""
    slot_level, share, _ = _levels()
    calls = rng.poisson(weekly_calls * share[slot_level])
    sl = np.array([results[j].service_level for j in slot_level])
    abandon = np.array([results[j].p_abandon for j in slot_level])
    abandoned = rng.binomial(calls, abandon)
    quick = rng.binomial(calls - abandoned, np.clip(sl / np.maximum(1 - abandon, 1e-9), 0, 1))
    return pd.DataFrame(
        {
            "queue": queue.id,
            "day": np.repeat(DAYS, SLOTS),
            "start": np.tile(
                [f"{OPEN_FROM + s // 2:02d}:{30 * (s % 2):02d}" for s in range(SLOTS)], len(DAYS)
            ),
            "calls_offered": calls,
            "answered_in_20s": quick,
            "answered_after_20s": calls - abandoned - quick,
            "abandoned": abandoned,
            "agents_scheduled": scheduled[slot_level].astype(int),
        }
    )


# --------------------------------------------------------------------------- QA reviews


def _reviews(d: _QueueWeeks, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """One queue's scored contacts: week, tenure band index, error index (4 = none) and QA score."""
    weeks = np.arange(1, WEEKS + 1)
    counts = rng.poisson(np.maximum(d.headcount, 1) * 0.9)
    week = np.repeat(weeks, counts)
    row = week - 1
    rest = (1 - d.new_share)[:, None] * (BASE_TENURE_MIX[1:] / BASE_TENURE_MIX[1:].sum())[None, :]
    mix = np.column_stack([d.new_share, rest])  # weeks x bands
    band = (rng.random(len(week))[:, None] > np.cumsum(mix[row], axis=1)).sum(axis=1)
    band = np.minimum(band, len(TENURE_BANDS) - 1)
    chance = (BASE_ERRORS[None, :, :] + d.extra_errors)[row, band]  # reviews x types
    kind = (rng.random(len(week))[:, None] > np.cumsum(chance, axis=1)).sum(axis=1)
    penalty = np.array([ERROR_PENALTY[t] for t in KINDS])[kind]
    score = np.clip(np.round(rng.normal(94, 4, len(week)) - penalty), 0, 100).astype(int)
    return {"week": week, "band": band, "kind": kind, "score": score}


# --------------------------------------------------------------------------- the tables


def _calendar(incident: Incident) -> tuple[np.ndarray, list[str]]:
    """Planned volume factors by week (launch trend, sale, holiday) and the calendar labels."""
    weeks = np.arange(1, WEEKS + 1)
    factor = 1 + 0.003 * (weeks - 1)  # slow growth after launch
    labels = [""] * WEEKS
    factor[incident.sale_week - 1] *= 1.3
    labels[incident.sale_week - 1] = SALE
    factor[incident.holiday_week - 1] *= 0.68
    labels[incident.holiday_week - 1] = HOLIDAY
    return factor, labels


def build_tables(profile: Profile, incident: Incident, seed: int) -> dict[str, pd.DataFrame]:
    """The variant's ``weekly``, ``intervals`` and ``reviews`` tables."""
    rng = np.random.default_rng([seed, 40])
    weeks = np.arange(1, WEEKS + 1)
    planned, calendar = _calendar(incident)
    ramp = np.array([max(0.0, (RAMP_WEEKS + 1 - w) / RAMP_WEEKS) for w in weeks])  # 1, .67, .33, 0 ...
    frames, reviews, intervals = [], [], None
    for queue in profile.queues:
        d = _drivers(queue, incident, rng)
        review = _reviews(d, rng)
        reviews.append(
            pd.DataFrame(
                {
                    "week": review["week"],
                    "queue": queue.id,
                    "tenure": np.array(TENURE_BANDS)[review["band"]],
                    "error_type": np.array(KINDS)[review["kind"]],
                    "qa_score": review["score"],
                }
            )
        )
        forecast = queue.weekly_calls * planned
        after_sale = np.where(weeks == incident.sale_week + 1, queue.after_sale, 1.0)
        offered = np.round(forecast * after_sale * d.volume * rng.lognormal(0, 0.035, WEEKS))
        aht = queue.aht * (1 + 0.10 * ramp) * d.aht * rng.lognormal(0, 0.015, WEEKS)
        forecast_aht = queue.aht * (1 + 0.10 * ramp)
        service, scheduled, results = _service(offered, forecast, aht, forecast_aht, d.capacity)
        answered = offered - np.round(offered * service["abandon"])
        if queue.id == incident.interval_queue:
            intervals = _intervals(queue, offered[-1], scheduled[-1], results[-1], rng)
            offered[-1] = intervals["calls_offered"].sum()
            answered[-1] = offered[-1] - intervals["abandoned"].sum()
            service["sl"][-1] = intervals["answered_in_20s"].sum() / offered[-1]
            service["abandon"][-1] = intervals["abandoned"].sum() / offered[-1]
            service["scheduled"][-1] = intervals["agents_scheduled"].mean()
        sl, abandon = service["sl"], service["abandon"]
        fcr = np.clip(queue.fcr - 0.05 * ramp - d.fcr_drop + rng.normal(0, 0.012, WEEKS), 0.3, 0.95)
        repeat_share = np.clip((1 - fcr) * 0.55 + d.repeat_extra + rng.normal(0, 0.008, WEEKS), 0.02, 0.6)
        escalations = rng.binomial(answered.astype(int), np.clip(queue.escalation_rate * d.escalation, 0, 1))
        overdue = rng.binomial(escalations, np.clip(d.overdue, 0, 0.95))
        waits = np.maximum(0.0, USUAL_SL - sl)  # how far service fell below its usual level
        prev = np.concatenate([[waits[0]], waits[:-1]])
        prev_fcr = np.concatenate([[fcr[0]], fcr[:-1]])
        lagged_fcr = 0.6 * fcr + 0.4 * prev_fcr
        csat = queue.csat - 0.7 * (queue.fcr - lagged_fcr) - 0.5 * (0.6 * waits + 0.4 * prev)
        csat = csat + rng.normal(0, 0.01, WEEKS) - 0.015 * ramp
        if queue.id == incident.dip_queue:
            csat[incident.dip_week - 1] -= rng.uniform(0.09, 0.12)
        complaint_rate = 1.8 * d.complaints * (1 + 4.0 * waits) * (1 + 0.5 * ramp)
        complaints = rng.poisson(answered / 1000 * complaint_rate)
        credits = np.round(answered * queue.credit_per_call * d.credits * rng.lognormal(0, 0.05, WEEKS), -1)
        cancellations = (
            3.0 + 25 * np.maximum(0.0, queue.fcr - lagged_fcr) + 4 * waits + rng.normal(0, 0.25, WEEKS)
        )
        per_week = np.bincount(review["week"] - 1, minlength=WEEKS)
        score_sum = np.bincount(review["week"] - 1, weights=review["score"], minlength=WEEKS)
        by_kind = np.bincount(
            (review["week"] - 1) * len(KINDS) + review["kind"], minlength=WEEKS * len(KINDS)
        ).reshape(WEEKS, len(KINDS))
        frame = pd.DataFrame(
            {
                "week": weeks,
                "week_start": [(profile.launch + timedelta(weeks=int(w) - 1)).isoformat() for w in weeks],
                "calendar": calendar,
                "queue": queue.id,
                "calls_offered": offered.astype(int),
                "calls_answered": answered.astype(int),
                "service_level": np.round(sl, 3),
                "asa_seconds": np.round(service["asa"]).astype(int),
                "abandon_rate": np.round(abandon, 3),
                "aht_seconds": np.round(aht).astype(int),
                "required_agents": np.round(service["required"], 1),
                "scheduled_agents": np.round(service["scheduled"], 1),
                "qa_reviews": per_week,
                "qa_score": np.round(score_sum / np.maximum(per_week, 1), 1),
                **{f"errors_{t}": by_kind[:, i] for i, t in enumerate(ERROR_TYPES)},
                "fcr": np.round(fcr, 3),
                "repeat_contacts": np.round(answered * repeat_share).astype(int),
                "transfer_rate": np.round(np.clip(d.transfer + rng.normal(0, 0.004, WEEKS), 0.005, 0.5), 3),
                "escalations": escalations,
                "escalations_overdue": overdue,
                "csat": np.round(np.clip(csat, 0.3, 0.99), 3),
                "complaints": complaints,
                "credits_usd": credits.astype(int),
                "cancellations_per_1000": np.round(np.maximum(cancellations, 0.5), 1),
                "headcount": d.headcount.astype(int),
                "in_training": d.in_training.astype(int),
                "leavers": d.leavers.astype(int),
            }
        )
        frames.append(frame)
    weekly = pd.concat(frames).sort_values("week", kind="stable")  # queues in the profile's order
    review_table = pd.concat(reviews).sort_values(["week"], kind="stable").reset_index(drop=True)
    assert intervals is not None
    return {"weekly": weekly.reset_index(drop=True), "intervals": intervals, "reviews": review_table}


# --------------------------------------------------------------------------- facts and keys


def _pct(share: float) -> str:
    return f"{100 * share:.0f} %"


def facts(profile: Profile, incident: Incident, tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """The numbers the brief and the feedback quote, read from the variant's own tables."""
    weekly, reviews = tables["weekly"], tables["reviews"]
    s = incident.start_week
    live = incident.go_live_week or s
    before = (weekly.week.to_numpy() >= max(RAMP_WEEKS + 1, s - 4)) & (weekly.week.to_numpy() < s)
    periods = {
        "before": before,
        "after": weekly.week.to_numpy() > s,
        "late": weekly.week.to_numpy() >= min(live + 1, WEEKS),
    }
    mine = weekly.queue.to_numpy() == incident.queue
    plain = weekly.calendar.to_numpy() == ""

    def mean(column: str, period: str) -> float:
        rows = mine & periods[period]
        values = weekly[column].to_numpy()
        return float(values[rows & plain].mean() if (rows & plain).any() else values[rows].mean())

    overdue = weekly.escalations_overdue.to_numpy() / np.maximum(weekly.escalations.to_numpy(), 1)
    r_week, r_mine = reviews.week.to_numpy(), reviews.queue.to_numpy() == incident.queue
    r_tenure, r_error = reviews.tenure.to_numpy(), reviews.error_type.to_numpy()

    def share(band: str, error: str, first: int, last: int) -> str:
        rows = r_mine & (r_tenure == band) & (r_week >= first) & (r_week <= last)
        return _pct(float((r_error[rows] == error).mean()) if rows.any() else 0.0)

    dip_rows = weekly[weekly.queue.to_numpy() == incident.dip_queue].set_index("week")["csat"]
    first_before = max(RAMP_WEEKS + 1, s - 4)
    queue = profile.queue(incident.queue)
    return {
        "queue": queue.label,
        "queue_id": incident.queue,
        "start": s,
        "start_next": s + 1,
        "training_from": live - 3,
        "go_live": live,
        "sale_week": incident.sale_week,
        "holiday_week": incident.holiday_week,
        "dip_week": incident.dip_week,
        "dip_queue": profile.queue(incident.dip_queue).label,
        "dip_csat": _pct(float(dip_rows[incident.dip_week])),
        "dip_csat_before": _pct(float(dip_rows[incident.dip_week - 1])),
        "interval_queue": profile.queue(incident.interval_queue).label,
        "launch": f"{profile.launch.day} {profile.launch:%B %Y}",
        "last_week": WEEKS,
        "policy": queue.policy or "",
        "policy_owner": queue.policy_owner or "the team that owns the rule",
        "escalation_path": queue.escalation_path or "",
        "sl_before": _pct(mean("service_level", "before")),
        "sl_after": _pct(mean("service_level", "after")),
        "abandon_before": _pct(mean("abandon_rate", "before")),
        "abandon_after": _pct(mean("abandon_rate", "after")),
        "aht_before": f"{mean('aht_seconds', 'before'):.0f}",
        "aht_after": f"{mean('aht_seconds', 'late'):.0f}",
        "fcr_before": f"{mean('fcr', 'before'):.2f}",
        "fcr_after": f"{mean('fcr', 'late'):.2f}",
        "calls_before": f"{mean('calls_offered', 'before'):,.0f}",
        "calls_after": f"{mean('calls_offered', 'after'):,.0f}",
        "complaints_before": f"{mean('complaints', 'before'):.0f}",
        "complaints_after": f"{mean('complaints', 'after'):.0f}",
        "required_after": f"{mean('required_agents', 'after'):.1f}",
        "scheduled_after": f"{mean('scheduled_agents', 'after'):.1f}",
        "overdue_before": _pct(float(overdue[mine & before].mean())),
        "overdue_after": _pct(float(overdue[mine & periods["after"]].mean())),
        "transfer_before": _pct(mean("transfer_rate", "before")),
        "transfer_after": _pct(mean("transfer_rate", "after")),
        "knowledge_new_before": share(TENURE_BANDS[0], "knowledge", first_before, s - 1),
        "knowledge_new_after": share(TENURE_BANDS[0], "knowledge", min(live + 1, WEEKS), WEEKS),
        "policy_senior_before": share(TENURE_BANDS[2], "policy", first_before, s - 1),
        "policy_senior_after": share(TENURE_BANDS[2], "policy", s + 1, WEEKS),
        "leavers": int(weekly.leavers.to_numpy()[mine & np.isin(weekly.week.to_numpy(), [s, s + 1])].sum()),
        "class_size": int(weekly.in_training.to_numpy()[mine].max()),
    }


# Feedback on the root cause: why each cause is or is not the one in the data.
CAUSE_FEEDBACK: dict[str, str] = {
    TRAINING: (
        "The fingerprint of a training gap is in the quality layer first: a new-hire class went "
        "live on the {queue} queue in week {go_live} after training from week {training_from}, and "
        "knowledge errors among agents under 3 months went from {knowledge_new_before} to "
        "{knowledge_new_after} of their scored contacts, AHT from {aht_before} to {aht_after} s and "
        "FCR from {fcr_before} to {fcr_after}. Leavers did not rise first: the class was growth, "
        "not replacement."
    ),
    ESCALATION: (
        "The fingerprint of a broken escalation path: on the {queue} queue ({escalation_path}), "
        "the share of escalations still open after 48 hours went from {overdue_before} to "
        "{overdue_after} from week {start}, transfers from {transfer_before} to {transfer_after}, "
        "and FCR fell from {fcr_before} to {fcr_after} while AHT stayed near {aht_before} s. "
        "Agents handle the call as before; the case is lost after they hand it on, so customers "
        "call back."
    ),
    POLICY: (
        "The fingerprint of an upstream policy change: from week {start} on the {queue} queue "
        "({policy}), calls offered went from about {calls_before} to {calls_after} a week with "
        "no sale to explain it, complaints from about {complaints_before} to {complaints_after} a "
        "week, and policy errors rose in every tenure band (agents over 12 months: "
        "{policy_senior_before} to {policy_senior_after} of scored contacts). When experienced "
        "agents make the same new error, the rule reached customers before it reached the agents."
    ),
    STAFFING: (
        "The fingerprint of a staffing shortfall is in the service layer only: from week {start} "
        "on the {queue} queue, scheduled agents averaged {scheduled_after} against "
        "{required_after} required, service level fell from {sl_before} to {sl_after} and "
        "abandonment rose from {abandon_before} to {abandon_after}, while calls offered, "
        "headcount, leavers, QA and FCR stayed level."
    ),
    ATTRITION: (
        "The fingerprint of an attrition spike: {leavers} agents left the {queue} queue in weeks "
        "{start} and {start_next}, service level fell while the gap lasted, a class of "
        "{class_size} trained from week {training_from} and went live in week {go_live}, and "
        "then knowledge errors among agents under 3 months went from {knowledge_new_before} to "
        "{knowledge_new_after} and FCR fell to {fcr_after}. The leavers came first; the quality "
        "drop follows from replacing experience with new hires."
    ),
}
# What each cause would look like, said to a learner who picked it when it is not the cause.
FINGERPRINT: dict[str, str] = {
    TRAINING: (
        "A training gap would show knowledge errors among agents under 3 months, after a class "
        "went live with no leavers before it."
    ),
    ESCALATION: (
        "A broken escalation path would show escalations stuck past 48 hours and more transfers "
        "on one queue, with FCR down and AHT flat."
    ),
    POLICY: (
        "An upstream policy change would show calls and complaints jumping on one queue, with "
        "policy errors in every tenure band."
    ),
    STAFFING: (
        "A staffing shortfall would show scheduled agents below required with calls, headcount "
        "and leavers level, and quality flat."
    ),
    ATTRITION: (
        "An attrition spike would show leavers jumping first, then a replacement class, then "
        "errors among new agents."
    ),
}
ROOT_CREDIT: dict[str, dict[str, float]] = {
    TRAINING: {TRAINING: 1.0, ATTRITION: 0.25},
    ESCALATION: {ESCALATION: 1.0},
    POLICY: {POLICY: 1.0},
    STAFFING: {STAFFING: 1.0},
    ATTRITION: {ATTRITION: 1.0, TRAINING: 0.5, STAFFING: 0.25},
}
PARTIAL_ROOT: dict[tuple[str, str], str] = {
    (ATTRITION, TRAINING): (
        "Partly right: the knowledge errors among new agents are real, but they came after "
        "{leavers} experienced agents left in weeks {start} and {start_next}. Training the new "
        "class better treats the second wave of the problem, not the first."
    ),
    (ATTRITION, STAFFING): (
        "Partly right: the service layer did dip when {leavers} agents left, but the schedule "
        "fell short because people left, and the quality drop that followed has the same cause."
    ),
    (TRAINING, ATTRITION): (
        "A little credit: the new-hire class is the right place to look, but leavers did not "
        "rise before it. The class was growth, and it went live before it was ready."
    ),
}

# Evidence: which statements are true fingerprints of each cause.
EVIDENCE_KEY: dict[str, tuple[str, ...]] = {
    TRAINING: ("new_hire_errors", "class_without_leavers"),
    ESCALATION: ("escalations_stuck", "fcr_down_aht_flat"),
    POLICY: ("policy_errors_everyone", "volume_and_complaints"),
    STAFFING: ("schedule_short", "quality_held"),
    ATTRITION: ("leavers_then_class", "new_hire_errors"),
}
EVIDENCE_FEEDBACK: dict[str, str] = {
    "new_hire_errors": (
        "On the {queue} queue, knowledge errors among agents under 3 months went from "
        "{knowledge_new_before} to {knowledge_new_after} of their scored contacts after week "
        "{go_live}; AHT {aht_before} to {aht_after} s, FCR {fcr_before} to {fcr_after}."
    ),
    "class_without_leavers": (
        "A class of {class_size} went live in week {go_live}; leavers did not rise before it."
    ),
    "leavers_then_class": (
        "{leavers} agents left in weeks {start} and {start_next}; a class of {class_size} "
        "trained from week {training_from} and went live in week {go_live}."
    ),
    "escalations_stuck": (
        "Escalations open past 48 hours: {overdue_before} before week {start}, {overdue_after} "
        "after; transfers {transfer_before} to {transfer_after}."
    ),
    "fcr_down_aht_flat": "FCR {fcr_before} to {fcr_after} while AHT stayed near {aht_before} s.",
    "policy_errors_everyone": (
        "Policy errors among agents over 12 months went from {policy_senior_before} to "
        "{policy_senior_after} of their scored contacts: experience did not protect anyone."
    ),
    "volume_and_complaints": (
        "Calls offered about {calls_before} to {calls_after} a week, complaints about "
        "{complaints_before} to {complaints_after}, and week {start} was no sale week."
    ),
    "schedule_short": (
        "Scheduled {scheduled_after} against {required_after} required after week {start}, "
        "with calls, headcount and leavers level."
    ),
    "quality_held": "Service level {sl_before} to {sl_after}, while QA, FCR and repeat contacts held.",
}
EVIDENCE_WRONG = (
    "Not in this variant's data, or not what proves the cause: check it against the {queue} "
    "queue around week {start}."
)
HERRING_FEEDBACK: dict[str, str] = {
    "csat_dip": (
        "A red herring. CSAT on the {dip_queue} queue fell to {dip_csat} in week {dip_week} (from "
        "{dip_csat_before}) and came back the next week, with nothing moving in the service or "
        "quality layer behind it. A business-layer dip without a cause below it explains nothing."
    ),
    "holiday_volume": (
        "A red herring: week {holiday_week} had a public holiday, and every queue was quieter. "
        "Calendar effects hit all queues at once; an incident hits its own queue."
    ),
    "launch_aht": (
        "A red herring: weeks 1 to 3 were the ramp-up after launch on every queue, long before week {start}."
    ),
}

FIX_KEY: dict[str, dict[str, float]] = {
    TRAINING: {"retrain_nesting": 1.0},
    ESCALATION: {"repair_escalation": 1.0},
    POLICY: {"policy_owner": 1.0},
    STAFFING: {"reforecast_staff": 1.0},
    ATTRITION: {"retention_plan": 1.0, "retrain_nesting": 0.5, "reforecast_staff": 0.25},
}
FIX_FOR: dict[str, str] = {
    cause: next(o for o, c in key.items() if c == 1.0) for cause, key in FIX_KEY.items()
}
FIX_FEEDBACK: dict[str, str] = {
    "retrain_nesting": (
        "Targeted retraining and longer nesting close a knowledge gap among new agents; it fits "
        "when the errors sit in the newest tenure band."
    ),
    "repair_escalation": (
        "Repairing the hand-off (routing, an owner, a time target, the backlog cleared) fits when "
        "cases are lost after agents pass them on."
    ),
    "policy_owner": (
        "Working with {policy_owner} fits when a new rule reaches customers before it "
        "reaches the agents: the knowledge base, scripts and customer message change together."
    ),
    "reforecast_staff": (
        "More scheduled agents fix waits that come from too few people on the phones, and only those."
    ),
    "retention_plan": (
        "A retention plan fits when experienced agents are leaving: find out why they go, fix it, "
        "and pace the replacement class with nesting."
    ),
    "csat_campaign": (
        "A CSAT campaign treats the symptom in the business layer; the cause below it keeps "
        "producing unhappy customers."
    ),
    "new_vendor": (
        "Switching vendor restarts the launch curve and does not remove the cause; none of the "
        "five causes needs it on this evidence."
    ),
}


def _fill(text: str, values: dict[str, Any]) -> str:
    return text.format(**values)


def _keyed_decisions(base: Scenario, incident: Incident, values: dict[str, Any]) -> list[Any]:
    cause = incident.cause
    decisions = []
    for decision in base.decisions:
        if decision.id == "root_cause" and isinstance(decision, SingleChoice):
            options = []
            for option in decision.options:
                credit = ROOT_CREDIT[cause].get(option.id, 0.0)
                if credit == 1.0:
                    text = "Right. " + CAUSE_FEEDBACK[cause]
                elif (cause, option.id) in PARTIAL_ROOT:
                    text = PARTIAL_ROOT[(cause, option.id)] + " " + CAUSE_FEEDBACK[cause]
                else:
                    found = CAUSE_FEEDBACK[cause]
                    text = (
                        f"Not this time. {FINGERPRINT[option.id]} In your data, {found[0].lower()}{found[1:]}"
                    )
                options.append(_option(option, credit=credit, feedback=_fill(text, values)))
            decisions.append(decision.model_copy(update={"options": options}))
        elif decision.id == "evidence" and isinstance(decision, MultipleSelect):
            options = []
            for option in decision.options:
                correct = option.id in EVIDENCE_KEY[cause]
                if option.id in HERRING_FEEDBACK:
                    text = HERRING_FEEDBACK[option.id]
                elif correct:
                    text = "Evidence: " + EVIDENCE_FEEDBACK[option.id]
                else:
                    text = EVIDENCE_WRONG
                options.append(_option(option, correct=correct, feedback=_fill(text, values)))
            decisions.append(decision.model_copy(update={"options": options}))
        elif decision.id == "start_week" and isinstance(decision, Numeric):
            feedback = (
                f"The KPIs of the {values['queue']} queue first break in week {incident.start_week}. "
                + _START_NOTE[cause].format(**values)
                + " The sale, the holiday and the one-week CSAT dip are calendar and noise, not the start."
            )
            decisions.append(
                decision.model_copy(update={"answer": float(incident.start_week), "feedback": feedback})
            )
        elif decision.id == "fix" and isinstance(decision, SingleChoice):
            options = []
            right = FIX_FOR[cause]
            labels = {o.id: o.label for o in decision.options}
            for option in decision.options:
                credit = FIX_KEY[cause].get(option.id, 0.0)
                verdict = (
                    "Right." if credit == 1.0 else ("Partly right." if credit else "Not for this cause.")
                )
                text = f"{verdict} {FIX_FEEDBACK[option.id]}"
                if credit < 1.0:
                    label = labels[right][0].lower() + labels[right][1:]
                    text += f" Here the cause is {_CAUSE_NAME[cause]}; the fix that follows it: {label}."
                options.append(_option(option, credit=credit, feedback=_fill(text, values)))
            decisions.append(decision.model_copy(update={"options": options}))
        else:
            decisions.append(decision)
    return decisions


_CAUSE_NAME = {
    TRAINING: "a training gap",
    ESCALATION: "a broken escalation path",
    POLICY: "an upstream policy change",
    STAFFING: "a staffing shortfall",
    ATTRITION: "an attrition spike",
}
_START_NOTE = {
    TRAINING: "That is the week the new class went live (it had trained from week {training_from}).",
    ESCALATION: "That week the share of escalations open past 48 hours jumps.",
    POLICY: "That week calls and complaints jump and policy errors appear in every tenure band.",
    STAFFING: "That week scheduled agents drop below required and service level follows.",
    ATTRITION: "That week the leavers jump and service level dips; the knowledge errors come later.",
}


def _option(option: Option, **update: Any) -> Option:
    return option.model_copy(update=update)


def realise(base: Scenario, seed: int, folder: Path | None = None) -> Variant:
    """Variant ``seed`` of ``base``: its tables, its keys, and its brief with the facts filled in."""
    profile = profile_for(base)
    incident = draw_incident(profile, seed)
    tables = build_tables(profile, incident, seed)
    values = facts(profile, incident, tables)
    scenario = base.model_copy(
        update={"decisions": _keyed_decisions(base, incident, values), "brief": _fill(base.brief, values)}
    )
    return Variant(seed, scenario, tables)
