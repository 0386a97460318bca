"""Each queue's weekly drivers: noise and everyday staffing for every queue, the cause's effects on its own.

Each cause leaves its own fingerprint across the layers:

========================  ===================================================================
training gap              a new-hire class goes live to meet forecast growth (calls, the
                          forecast and the schedule rise together, but the new agents'
                          calls run longer): AHT up, FCR down, no wave of leavers before it; in
                          most variants knowledge errors among agents under 3 months too
                          (in some the new agents are slow but get the answers right)
broken escalation path    share of escalations open past 48 hours and transfers up, AHT
                          flat; in most variants the customers chasing a lost case call
                          again, so FCR falls and calls rise with the repeat contacts
                          (re-forecast after three weeks, for most of them); in some the
                          receiving team's holding message keeps them waiting instead
upstream policy change    calls offered and complaints up on one queue, AHT a little up;
                          in most variants policy errors up in every tenure band (in some
                          the agents were briefed and only the customers were not); the
                          planners re-forecast after three weeks, for part of the calls
staffing shortfall        scheduled agents below required with volume, headcount and leavers
                          level: SL, ASA and abandonment worse; quality flat in most
                          variants, while in some the agents rush the calls (tone and
                          process errors in every band, QA down)
attrition spike           15-25 % of the queue leaves in two weeks, service dips (overtime
                          and borrowed agents cover part), a replacement class follows six
                          to eight weeks on; once it goes live, knowledge errors among new
                          agents, AHT up, FCR down
========================  ===================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .content import QueueProfile
from .incident import WEEKS, Incident
from .reviews import BASE_TENURE_MIX
from .routine_staffing import CLASS_TRAINING_WEEKS, routine_staffing
from .vocabulary import ATTRITION, ERROR_TYPES, ESCALATION, POLICY, STAFFING, TENURE_BANDS, TRAINING

__all__ = [
    "ANNUAL_ATTRITION",
    "CAPACITY_FLOOR",
    "CAPACITY_SIGMA",
    "REPEAT_PER_UNRESOLVED",
    "WAVE_SHARE",
    "QueueWeeks",
    "queue_drivers",
    "shortfall_capacity",
]

ANNUAL_ATTRITION = 0.38
# In an attrition wave, the lowest share of the planned schedule the provider still fills, with
# overtime and agents borrowed from its other queues: abandonment then peaks near 12-18 %.
CAPACITY_FLOOR = 0.8
CAPACITY_SIGMA = 0.02  # the week-to-week noise on the share of the planned schedule filled
SHORTFALL_DEPTH = 0.22  # the share of the schedule a staffing shortfall leaves unfilled, at severity 1
WAVE_SHARE = (0.15, 0.25)  # an attrition wave takes this share of the queue in two weeks
# Repeat contacts per answered call for each point of FCR lost: customers whose issue was not
# solved call again within the 7-day window, most of them once, some twice.  At the queues'
# usual FCR of 0.70-0.78 that is about 1.3 contacts per resolution, inside SQM Group's 1.5 at
# 67 % FCR and 1.2 at 80 % or more.
REPEAT_PER_UNRESOLVED = 0.9


def _onset(weeks: np.ndarray, start: int | None) -> np.ndarray:
    """0 before ``start``, 0.6 in its first week, 1 from the second week on."""
    if start is None:
        return np.zeros(len(weeks))
    return np.where(weeks < start, 0.0, np.where(weeks == start, 0.6, 1.0))


def shortfall_capacity(incident: Incident, whole_first_week: bool = False) -> np.ndarray:
    """The share of the planned schedule a staffing shortfall leaves filled, by week, before noise.

    It starts part-way through its first week, or, with ``whole_first_week``, with the week's
    roster, at its full depth from the first day.
    """
    weeks = np.arange(1, WEEKS + 1)
    onset = (weeks >= incident.start_week) if whole_first_week else _onset(weeks, incident.start_week)
    return 1 - SHORTFALL_DEPTH * incident.severity * onset


@dataclass
class QueueWeeks:
    """Every weekly driver of one queue, as arrays over the weeks."""

    headcount: np.ndarray
    in_training: np.ndarray
    leavers: np.ndarray
    capacity: np.ndarray  # share of the planned schedule that can be filled
    volume: np.ndarray  # multiplier on the planned calls: what really came
    forecast: np.ndarray  # multiplier on the planned calls: what the planners scheduled for
    aht: np.ndarray  # multiplier on AHT
    fcr_drop: np.ndarray
    repeat_extra: np.ndarray
    escalation: np.ndarray  # multiplier on the escalation rate
    overdue: np.ndarray  # share of escalations open past 48 hours
    transfer: np.ndarray
    complaints: np.ndarray  # multiplier
    csat_drop: np.ndarray  # CSAT lost beyond what FCR and waits explain
    credits: np.ndarray  # multiplier
    new_share: np.ndarray  # share of reviews of agents under 3 months
    extra_errors: np.ndarray  # weeks x bands x types: added error probability


def queue_drivers(queue: QueueProfile, incident: Incident, rng: np.random.Generator) -> QueueWeeks:
    """A queue's weekly drivers: noise for every queue, and the incident's effects on its own queue."""
    weeks = np.arange(1, WEEKS + 1)
    n = len(weeks)
    h0 = queue.headcount
    # Everyday attrition: about 38 % a year, inside the 30-45 % the reference gives for US
    # centres and 31-45 % for BPOs (drawn here so the other draws stay as they were; the
    # weekly leavers are :func:`.routine_staffing.routine_staffing`'s).
    leavers = np.minimum(rng.poisson(h0 * ANNUAL_ATTRITION / 52, n), 2).astype(float)
    drivers = QueueWeeks(
        headcount=h0 + rng.integers(-1, 2, n).astype(float),
        in_training=np.zeros(n),
        leavers=leavers,
        capacity=rng.normal(1.0, CAPACITY_SIGMA, n),
        volume=np.ones(n),
        forecast=np.ones(n),
        aht=np.ones(n),
        fcr_drop=np.zeros(n),
        repeat_extra=np.zeros(n),
        escalation=np.ones(n),
        overdue=np.clip(rng.normal(0.09, 0.02, n), 0.02, None),
        transfer=np.clip(rng.normal(0.05, 0.006, n), 0.01, None),
        complaints=np.ones(n),
        csat_drop=np.zeros(n),
        credits=np.ones(n),
        new_share=np.full(n, BASE_TENURE_MIX[0]),
        extra_errors=np.zeros((n, len(TENURE_BANDS), len(ERROR_TYPES))),
    )
    # Everyday leavers and their replacement classes, from a stream of their own so the other
    # draws stay as they were.  On the affected queue they keep clear of the break: its classes
    # go live before any class its cause brings would train, and from then on the bench fills
    # the seats, so a dip in heads on that queue after the break is the cause's own.
    routine_rng = rng.spawn(1)[0]
    if queue.id != incident.queue:
        routine = routine_staffing(h0, n, ANNUAL_ATTRITION, routine_rng)
        drivers.headcount, drivers.in_training, drivers.leavers = (
            routine.headcount,
            routine.in_training,
            routine.leavers,
        )
        return drivers
    s, k = incident.start_week, incident.severity
    cut = s - CLASS_TRAINING_WEEKS  # the first week a class planted for the cause can be training
    routine = routine_staffing(h0, n, ANNUAL_ATTRITION, routine_rng, last_live=cut - 1)
    drivers.leavers = routine.leavers
    drivers.in_training = routine.in_training
    drivers.headcount = np.where(weeks < cut, routine.headcount, drivers.headcount)
    on = _onset(weeks, s)
    policy, process, knowledge, tone = (ERROR_TYPES.index(t) for t in ERROR_TYPES)
    d = drivers
    if incident.cause in (TRAINING, ATTRITION):
        live = incident.go_live_week or s
        if incident.cause == TRAINING:
            # The class meets growth the planners forecast (a new range, a new region): calls
            # and the schedule rise with it over four weeks, so service holds.
            size = max(3, round(h0 * rng.uniform(0.15, 0.25)))
            growth = size / h0 * np.clip((weeks - live + 1) / 4, 0.0, 1.0)
            d.volume *= 1 + growth
            d.forecast *= 1 + growth
        else:
            # A wave of 15-25 % of the queue in two weeks (at least four agents), most in the first:
            # a year's usual attrition is 30-45 %, so this is half a year's or more in a fortnight.
            low, high = np.ceil(WAVE_SHARE[0] * h0), max(4.0, np.floor(WAVE_SHARE[1] * h0))
            size = int(max(4, np.clip(round(h0 * rng.uniform(0.17, WAVE_SHARE[1])), low, high)))
            first = max(3, round(size * rng.uniform(0.6, 0.75)))
            second = size - first
            # The wave replaces that fortnight's everyday leavers rather than adding to them.
            d.leavers[s - 1], d.leavers[s] = first, second
            # No bench swaps from the week before the wave: the heads the tables show fall by
            # exactly the agents who left.
            d.headcount[weeks >= s - 1] = h0
            d.headcount -= np.where(weeks == s, first, 0) + np.where(weeks >= s + 1, size, 0)
        training_weeks = (weeks >= live - 3) & (weeks < live)
        d.in_training[training_weeks] = size
        grown = weeks >= live
        d.headcount[grown] += size
        if incident.cause == ATTRITION:
            # From the first leavers on (not before: headcount noise is no shortage), the hours
            # that can be scheduled fall with the people lost; overtime and agents borrowed from
            # the provider's other queues keep them from falling below the floor.
            kept = np.clip(d.headcount / h0, CAPACITY_FLOOR, 1.0)
            d.capacity = np.where(weeks >= s, d.capacity * kept, d.capacity)
        # A class takes calls all at once from its first day: a training gap shows in the week
        # it goes live.  An attrition spike's class goes live weeks after the break it follows.
        new = (weeks >= live).astype(float) if incident.cause == TRAINING else _onset(weeks, live)
        share_new = size / (h0 + size * (incident.cause == TRAINING))
        d.new_share = np.where(grown, BASE_TENURE_MIX[0] + (1 - BASE_TENURE_MIX[0]) * share_new, d.new_share)
        strength = k * (1.0 if incident.cause == TRAINING else 0.75)
        # What the queue as a whole shows grows with the new agents' share of it; each new
        # agent's own errors do not.
        spread = strength * min(1.0, share_new / 0.3)
        d.aht *= 1 + 0.16 * spread * new
        d.fcr_drop += 0.09 * spread * new
        d.escalation *= 1 + 0.08 * new
        d.transfer += 0.008 * new
        if incident.leaves("new_hire_errors"):
            d.extra_errors[:, 0, knowledge] += 0.26 * strength * new
        d.extra_errors[:, 0, process] += 0.06 * strength * new
        d.complaints *= 1 + 0.6 * spread * new
        d.credits *= 1 + 0.3 * spread * new
    elif incident.cause == ESCALATION:
        d.escalation *= 1 + 0.55 * k * on
        d.overdue += 0.42 * k * on
        d.transfer += 0.06 * k * on
        if incident.leaves("fcr_down_aht_flat"):
            # Customers whose case is lost call back; where the receiving team's holding message
            # promises a call, they wait, and only the open cases pile up.
            d.fcr_drop += 0.10 * k * on
            d.repeat_extra += 0.015 * k * on
        else:
            # The customers left waiting on a stuck case (a few in a hundred callers) rate the
            # service lower all the same.
            d.csat_drop += 0.03 * k * on
        # The repeat contacts are calls: customers chasing a lost case call again.  The
        # planners catch up with most of them after three weeks, as with any new demand.
        callbacks = d.repeat_extra + REPEAT_PER_UNRESOLVED * d.fcr_drop
        d.volume *= 1 + callbacks
        d.forecast *= 1 + 0.7 * callbacks * (weeks >= s + 3)
        d.extra_errors[:, :, process] += 0.03 * k * on[:, None]
        d.complaints *= 1 + 1.1 * k * on
        d.credits *= 1 + 0.35 * k * on
    elif incident.cause == POLICY:
        d.volume *= 1 + 0.27 * k * on
        # Three weeks on, the planners re-forecast the queue for most of the extra calls.
        d.forecast *= 1 + 0.7 * 0.27 * k * (weeks >= s + 3)
        d.aht *= 1 + 0.07 * k * on
        d.fcr_drop += 0.05 * k * on
        if incident.leaves("policy_errors_everyone"):  # else the agents were briefed in time
            d.extra_errors[:, :, policy] += 0.15 * k * on[:, None]
        # Complaints about the rule itself, per call well under half what a lost case brings:
        # they come on a quarter more calls and with the waits those calls cause, so the rise
        # over every queue lands among what the other causes leave, not above it.
        d.complaints *= 1 + 0.45 * k * on
        d.credits *= 1 + 0.4 * k * on
    elif incident.cause == STAFFING:
        d.capacity *= shortfall_capacity(incident)
        if not incident.leaves("quality_held"):
            # Calls back to back for weeks: agents rush them, curt and with steps skipped.
            d.extra_errors[:, :, tone] += 0.15 * k * on[:, None]
            d.extra_errors[:, :, process] += 0.08 * k * on[:, None]
    return drivers
