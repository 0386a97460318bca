"""Each queue's weekly drivers: noise for every queue, and the planted cause's effects on its own.

Each cause leaves its own fingerprint across the layers:

========================  ===================================================================
training gap              a new-hire class goes live to meet forecast growth (calls and the
                          schedule rise together): knowledge errors among agents under
                          3 months, AHT up, FCR down; no leavers before it
broken escalation path    share of escalations open past 48 hours and transfers up, FCR
                          down and repeat contacts up, AHT flat
upstream policy change    calls offered and complaints up on one queue, policy errors up in
                          every tenure band, AHT a little up; the planners re-forecast
                          after three weeks, for part of the extra calls
staffing shortfall        scheduled agents below required with volume, headcount and leavers
                          level: SL, ASA and abandonment worse, quality flat
attrition spike           leavers jump, service dips, a class follows; once it goes live,
                          knowledge errors among new agents, AHT up, FCR down
========================  ===================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .content import QueueProfile
from .incident import WEEKS, Incident
from .reviews import BASE_TENURE_MIX
from .vocabulary import ATTRITION, ERROR_TYPES, ESCALATION, POLICY, STAFFING, TENURE_BANDS, TRAINING

__all__ = ["ANNUAL_ATTRITION", "QueueWeeks", "queue_drivers"]

ANNUAL_ATTRITION = 0.38


def _onset(weeks: np.ndarray, start: int | None) -> np.ndarray:
    """0 before ``start``, 0.6 in its first week, 1 from the second week on."""
    if start is None:
        return np.zeros(len(weeks))
    return np.where(weeks < start, 0.0, np.where(weeks == start, 0.6, 1.0))


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
    credits: np.ndarray  # multiplier
    new_share: np.ndarray  # share of reviews of agents under 3 months
    extra_errors: np.ndarray  # weeks x bands x types: added error probability


def queue_drivers(queue: QueueProfile, incident: Incident, rng: np.random.Generator) -> QueueWeeks:
    """A queue's weekly drivers: noise for every queue, and the incident's effects on its own queue."""
    weeks = np.arange(1, WEEKS + 1)
    n = len(weeks)
    h0 = queue.headcount
    # Everyday attrition (replaced from the provider's bench, so headcount holds): about 38 % a
    # year, inside the 30-45 % the reference gives for US centres and 31-45 % for BPOs.
    leavers = np.minimum(rng.poisson(h0 * ANNUAL_ATTRITION / 52, n), 2).astype(float)
    drivers = QueueWeeks(
        headcount=h0 + rng.integers(-1, 2, n).astype(float),
        in_training=np.zeros(n),
        leavers=leavers,
        capacity=rng.normal(1.0, 0.02, n),
        volume=np.ones(n),
        forecast=np.ones(n),
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
        live = incident.go_live_week or s
        if incident.cause == TRAINING:
            # The class meets growth the planners forecast (a new range, a new region): calls
            # and the schedule rise with it over four weeks, so service holds.
            size = max(3, round(h0 * rng.uniform(0.15, 0.25)))
            growth = size / h0 * np.clip((weeks - live + 1) / 4, 0.0, 1.0)
            d.volume *= 1 + growth
            d.forecast *= 1 + growth
        else:
            # Enough leavers to stand out on a small queue too: a third of the team or so.
            first = max(4, round(h0 * rng.uniform(0.22, 0.3) * k))
            second = max(2, round(h0 * rng.uniform(0.08, 0.12) * k))
            d.leavers[s - 1] += first
            d.leavers[s] += second
            d.headcount -= np.where(weeks == s, first, 0) + np.where(weeks >= s + 1, first + second, 0)
            size = first + second
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
        # What the queue as a whole shows grows with the new agents' share of it; each new
        # agent's own errors do not.
        spread = strength * min(1.0, share_new / 0.3)
        d.aht *= 1 + 0.16 * spread * new
        d.fcr_drop += 0.09 * spread * new
        d.escalation *= 1 + 0.08 * new
        d.transfer += 0.008 * new
        d.extra_errors[:, 0, knowledge] += 0.26 * strength * new
        d.extra_errors[:, 0, process] += 0.06 * strength * new
        d.complaints *= 1 + 0.6 * spread * new
        d.credits *= 1 + 0.3 * spread * new
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
        # Three weeks on, the planners re-forecast the queue for most of the extra calls.
        d.forecast *= 1 + 0.7 * 0.27 * k * (weeks >= s + 3)
        d.aht *= 1 + 0.07 * k * on
        d.fcr_drop += 0.05 * k * on
        d.extra_errors[:, :, policy] += 0.15 * k * on[:, None]
        d.complaints *= 1 + 2.6 * k * on
        d.credits *= 1 + 0.4 * k * on
    elif incident.cause == STAFFING:
        d.capacity *= 1 - 0.22 * k * on
    return drivers
