"""The variant's three tables, built from its incident and its scenario's queues.

* ``weekly``: one row per queue and week, the three-layer KPI stack (service, quality,
  business) plus staffing;
* ``intervals``: the last week of one queue in half-hour intervals (the service-level exercise);
* ``reviews``: one row per contact scored by QA, with the agent's tenure band and the error found.

The tables agree with each other: the weekly QA columns are counted from ``reviews``, and the
weekly service columns of the interval queue's last week are summed from ``intervals``.  The
weekly ``service_level`` is the provider's report, counted its way (the incident's
``report_definition``): in some variants that leaves short abandons or every abandoned call
out of the denominator, which only the intervals show.  Every other service column, and the
effects on customers, follow the real service level.
Red herrings in every variant: three ramp-up weeks after launch, a sale week, a public-holiday
week, a one-week CSAT dip on some queue before the incident, and week-to-week noise.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import numpy as np
import pandas as pd

from .content import IncidentContent
from .drivers import REPEAT_PER_UNRESOLVED, QueueWeeks, queue_drivers
from .error_rise import Rise, new_agent_knowledge
from .incident import RAMP_WEEKS, WEEKS, Incident
from .plain_noise import CALLS_SIGMA, aht_reads, calls_reads, plain_call_rise, plain_noise
from .plain_signs import (
    fcr_fall_reads_plainly,
    qa_change,
    quality_fcr_reads_plainly,
    quality_unheld_plainly,
    reads_plainly,
)
from .plain_start import plain_shortfall_start
from .reviews import KINDS, draw_reviews
from .service import SHORT_ABANDON_SHARE, interval_table, weekly_service
from .vocabulary import (
    ALL_OFFERED,
    ANSWERED_ONLY,
    ATTRITION,
    ERROR_TYPES,
    ESCALATION,
    HOLIDAY,
    POLICY,
    SALE,
    STAFFING,
    TENURE_BANDS,
    TRAINING,
)

__all__ = ["USUAL_SL", "build_tables"]

USUAL_SL = 0.80  # below the target, customers notice the waits (CSAT, complaints, cancellations)
REDRAWS = 200  # draws of the hit queue's reviews at most, until the new agents' errors read plainly


def _hit_queue_reviews(
    drivers: QueueWeeks, incident: Incident, seed: int, first: dict[str, np.ndarray], plain_weeks: list[int]
) -> dict[str, np.ndarray]:
    """The hit queue's reviews, with every quality sign its cause is keyed on plainly there or not.

    A class on the phones leaves a rise in new agents' knowledge errors that a QA lead would
    call clear or absent, never one to argue about (:mod:`.error_rise`); a training gap leaves a
    clear one, or, where its new agents are slow but right, a plainly absent one.  A policy
    change leaves policy errors plainly risen in every tenure band or plainly flat, a staffing
    shortfall a QA score plainly held or plainly fallen as planted, and an attrition spike one
    plainly held or plainly fallen either way (:mod:`.plain_signs`).
    ``first`` is the usual draw: it stands when it reads plainly, as it almost always does;
    otherwise the reviews are drawn again from streams of their own.
    """
    if incident.cause == TRAINING:
        wanted = {Rise.CLEAR} if incident.leaves("new_hire_errors") else {Rise.ABSENT}
    elif incident.cause == ATTRITION:
        wanted = {Rise.CLEAR, Rise.ABSENT}
    else:  # no class on the phones: the new agents' errors are not read (:mod:`.evidence`)
        wanted = set(Rise)
    knowledge, new = KINDS.index("knowledge"), 0
    review = first
    for attempt in range(REDRAWS):
        rise = new_agent_knowledge(
            review["week"], review["band"] == new, review["kind"] == knowledge, incident
        )
        if rise.verdict in wanted and reads_plainly(review, incident, plain_weeks):
            break
        redraw = np.random.default_rng([seed, 41, attempt])
        review = draw_reviews(drivers.headcount, drivers.new_share, drivers.extra_errors, redraw)
    return review


def _fcr_reads_plainly(
    incident: Incident, before: float, after: float, waits_and_qa: tuple[float, float]
) -> bool:
    """Whether the hit queue's FCR (means before and after the start) reads plainly for its cause,
    with the rise in abandonment and the change in QA score the weeks already show."""
    if incident.cause == ESCALATION:
        return fcr_fall_reads_plainly(before, after, fell=incident.leaves("fcr_down_aht_flat"))
    if incident.cause == ATTRITION:
        return quality_fcr_reads_plainly(before, after)
    if incident.cause in (TRAINING, POLICY):
        abandon_rise, qa_moved = waits_and_qa
        return quality_unheld_plainly(abandon_rise, qa_moved, after - before)
    return True


def _hit_queue_fcr(
    level: np.ndarray,
    first: np.ndarray,
    incident: Incident,
    seed: int,
    plain_weeks: list[int],
    waits_and_qa: tuple[float, float],
) -> np.ndarray:
    """The hit queue's weekly FCR, clear of the evidence rule its cause is read by: after a broken
    escalation path, plainly fallen where customers call back and plainly held where they wait
    (:func:`.plain_signs.fcr_fall_reads_plainly`); after an attrition spike, plainly held or
    plainly fallen (:func:`.plain_signs.quality_fcr_reads_plainly`); after a training gap or a
    policy change, never next to "abandonment rose while QA and FCR held", a staffing sign their
    keys leave out (:func:`.plain_signs.quality_unheld_plainly`).

    ``level`` is FCR without noise, ``first`` the usual draw: it stands when it reads plainly;
    otherwise the noise is drawn again from streams of its own (after a training gap or a policy
    change, in the weeks after the start only).  ``waits_and_qa`` is the rise in
    the abandon rate and the change in QA score, as the evidence rules read them.
    """
    s = incident.start_week
    before = [w - 1 for w in plain_weeks if RAMP_WEEKS + 1 <= w < s]
    after = [w - 1 for w in plain_weeks if w > s]
    fcr = first
    for attempt in range(REDRAWS):
        shown = np.round(fcr, 3)  # as the weekly table shows it: the evidence rules read the table
        if _fcr_reads_plainly(
            incident, float(shown[before].mean()), float(shown[after].mean()), waits_and_qa
        ):
            break
        noise = np.random.default_rng([seed, 42, attempt]).normal(0, 0.012, WEEKS)
        fcr = np.clip(level + noise, 0.3, 0.95)
        if incident.cause in (TRAINING, POLICY):
            # Only the weeks after the break's first: the weeks up to it, which date the break,
            # stay as first drawn.
            fcr = np.where(np.arange(1, WEEKS + 1) > s, fcr, first)
    return fcr


def _abandon_rise(abandon: np.ndarray, incident: Incident, plain_weeks: list[int]) -> float:
    """How far the abandon rate rose in the four weeks after the start, as the evidence rules read it."""
    s = incident.start_week
    shown = np.round(abandon, 3)  # as the weekly table shows it
    before = [w - 1 for w in plain_weeks if RAMP_WEEKS + 1 <= w < s]
    early = [w - 1 for w in plain_weeks if s < w <= s + 4]
    return float(shown[early].mean() - shown[before].mean())


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


def _report_base(definition: str, offered: np.ndarray, answered: np.ndarray, short: np.ndarray) -> np.ndarray:
    """The calls the provider's report divides by: all offered, offered less short abandons, or answered."""
    if definition == ALL_OFFERED:
        return offered
    if definition == ANSWERED_ONLY:
        return answered
    return offered - short


def build_tables(content: IncidentContent, incident: Incident, seed: int) -> dict[str, pd.DataFrame]:
    """The variant's ``weekly``, ``intervals`` and ``reviews`` tables."""
    rng = np.random.default_rng([seed, 40])
    weeks = np.arange(1, WEEKS + 1)
    planned, calendar = _calendar(incident)
    ramp = np.array([max(0.0, (RAMP_WEEKS + 1 - w) / RAMP_WEEKS) for w in weeks])  # 1, .67, .33, 0 ...
    frames: list[dict[str, np.ndarray]] = []
    reviews: list[dict[str, np.ndarray]] = []
    intervals = None
    # The weeks the evidence rules read: no calendar week, and not the week after the sale.
    plain_weeks = [int(w) for w in weeks if calendar[w - 1] == "" and w != incident.sale_week + 1]
    week_starts = np.array(
        [(content.launch + timedelta(weeks=int(w) - 1)).isoformat() for w in weeks], dtype=object
    )
    for index, queue in enumerate(content.queues):
        d = queue_drivers(queue, incident, rng)
        review = draw_reviews(d.headcount, d.new_share, d.extra_errors, rng)
        if queue.id == incident.queue:
            review = _hit_queue_reviews(d, incident, seed, review, plain_weeks)
        reviews.append(
            {
                "week": review["week"],
                "queue": np.full(len(review["week"]), queue.id, dtype=object),
                "tenure": np.array(TENURE_BANDS)[review["band"]],
                "error_type": np.array(KINDS)[review["kind"]],
                "qa_score": review["score"],
            }
        )
        after_sale = np.where(weeks == incident.sale_week + 1, queue.after_sale, 1.0)
        calls = queue.weekly_calls * planned * after_sale * d.volume
        # Returns after a sale are no surprise to the planners: they forecast them.
        forecast = queue.weekly_calls * planned * after_sale * d.forecast
        calls_noise = rng.lognormal(0, CALLS_SIGMA, WEEKS)
        hit = queue.id == incident.queue
        if hit and (reads := calls_reads(incident)):
            calls_noise = plain_noise(
                calls, calls_noise, reads, CALLS_SIGMA, (seed, 43), incident, plain_weeks
            )
        # Only a policy change and customers chasing a lost case bring calls the planners did not
        # expect; after any other cause the calls are kept plainly on the forecast.
        if hit:
            calls_noise = plain_call_rise(calls, calls_noise, forecast, (seed, 45), incident, plain_weeks)
        offered = np.round(calls * calls_noise)
        handle = queue.aht_seconds * (1 + 0.10 * ramp) * d.aht
        aht_noise = rng.lognormal(0, 0.015, WEEKS)
        if hit and (reads := aht_reads(incident)):
            aht_noise = plain_noise(handle, aht_noise, reads, 0.015, (seed, 44), incident, plain_weeks)
        aht = handle * aht_noise
        forecast_aht = queue.aht_seconds * (1 + 0.10 * ramp)
        serve = partial(weekly_service, offered, forecast, aht, forecast_aht, headcount=d.headcount)
        if hit and incident.cause == STAFFING:
            # The shortfall's first week plainly deeper than any routine dip before it.
            served = plain_shortfall_start(serve, d.capacity, (seed, 47), incident)
        else:
            served = serve(d.capacity)
        service, scheduled, results = served
        answered = offered - np.round(offered * service["abandon"])
        in_20s = service["sl"] * offered
        short = np.round((offered - answered) * SHORT_ABANDON_SHARE)
        if queue.id == incident.interval_queue:
            intervals = interval_table(queue, offered[-1], scheduled[-1], results[-1], rng)
            offered[-1] = intervals["calls_offered"].sum()
            answered[-1] = offered[-1] - intervals["abandoned"].sum()
            in_20s[-1] = intervals["answered_in_20s"].sum()
            short[-1] = intervals["abandoned_within_10s"].sum()
            service["sl"][-1] = in_20s[-1] / offered[-1]
            service["abandon"][-1] = intervals["abandoned"].sum() / offered[-1]
            service["scheduled"][-1] = intervals["agents_scheduled"].mean()
        sl, abandon = service["sl"], service["abandon"]
        reported_sl = in_20s / np.maximum(
            _report_base(incident.report_definition, offered, answered, short), 1
        )
        fcr = np.clip(queue.fcr - 0.05 * ramp - d.fcr_drop + rng.normal(0, 0.012, WEEKS), 0.3, 0.95)
        if hit and incident.cause != STAFFING:
            waits_and_qa = (
                _abandon_rise(abandon, incident, plain_weeks),
                qa_change(review, incident, plain_weeks),
            )
            fcr = _hit_queue_fcr(
                queue.fcr - 0.05 * ramp - d.fcr_drop, fcr, incident, seed, plain_weeks, waits_and_qa
            )
        unresolved = (1 - fcr) * REPEAT_PER_UNRESOLVED + d.repeat_extra
        repeat_share = np.clip(unresolved + rng.normal(0, 0.008, WEEKS), 0.02, 0.6)
        escalations = rng.binomial(answered.astype(int), np.clip(queue.escalation_rate * d.escalation, 0, 1))
        overdue = rng.binomial(escalations, np.clip(d.overdue, 0, 0.95))
        waits = np.maximum(0.0, USUAL_SL - sl)  # how far service fell below its usual level
        prev = np.concatenate([[waits[0]], waits[:-1]])
        prev_fcr = np.concatenate([[fcr[0]], fcr[:-1]])
        lagged_fcr = 0.6 * fcr + 0.4 * prev_fcr
        csat = queue.csat - 0.7 * (queue.fcr - lagged_fcr) - 0.5 * (0.6 * waits + 0.4 * prev)
        csat = csat + rng.normal(0, 0.01, WEEKS) - 0.015 * ramp - d.csat_drop
        if queue.id == incident.dip_queue:
            csat[incident.dip_week - 1] -= rng.uniform(0.09, 0.12)
        # Long waits bring complaints of their own: a deep shortfall (service 30 points under its
        # usual level) nearly triples them, as much as a broken process does.
        complaint_rate = 1.8 * d.complaints * (1 + 6.0 * waits) * (1 + 0.5 * ramp)
        # From a stream of each queue's own: how many draws the Poisson takes depends on its rate,
        # so drawn from the shared stream, the cause's effect on complaints would shift the noise
        # of every later draw and queue, and the size of the rise the brief quotes with it.
        complaints = np.random.default_rng([seed, 46, index]).poisson(answered / 1000 * complaint_rate)
        credits = np.round(
            answered * queue.credits_per_call_usd * d.credits * rng.lognormal(0, 0.05, WEEKS), -1
        )
        cancellations = (
            3.0 + 25 * np.maximum(0.0, queue.fcr - lagged_fcr) + 4 * waits + rng.normal(0, 0.25, WEEKS)
        )
        per_week = np.bincount(review["week"] - 1, minlength=WEEKS)
        score_sum = np.bincount(review["week"] - 1, weights=review["score"], minlength=WEEKS)
        by_kind = np.bincount(
            (review["week"] - 1) * len(KINDS) + review["kind"], minlength=WEEKS * len(KINDS)
        ).reshape(WEEKS, len(KINDS))
        frames.append(
            {
                "week": weeks,
                "week_start": week_starts,
                "calendar": np.array(calendar, dtype=object),
                "queue": np.full(WEEKS, queue.id, dtype=object),
                "calls_offered": offered.astype(int),
                "calls_forecast": np.round(forecast).astype(int),
                "calls_answered": answered.astype(int),
                "service_level": np.round(reported_sl, 3),
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
    assert intervals is not None
    return {"weekly": _by_week(frames), "intervals": intervals, "reviews": _by_week(reviews)}


def _by_week(queues: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """One table of every queue's rows (each queue's columns as arrays), in week order, the queues
    in the content's order within a week.

    Stacked as arrays and made a frame once: a frame per queue, joined and sorted, cost more
    than the rest of the table building.
    """
    columns = {name: np.concatenate([queue[name] for queue in queues]) for name in queues[0]}
    order = np.argsort(columns["week"], kind="stable")
    return pd.DataFrame({name: column[order] for name, column in columns.items()})
