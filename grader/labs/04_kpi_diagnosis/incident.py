"""What a variant plants: one root cause on one queue from one week, and where the red herrings fall."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grader.schema import Scenario

from .content import ATTRITION_MIN_HEADCOUNT, IncidentContent
from .content_file import content_for
from .vocabulary import (
    ALL_OFFERED,
    ANSWERED_ONLY,
    ATTRITION,
    CAUSES,
    ESCALATION,
    POLICY,
    SHORT_ABANDONS_OUT,
    STAFFING,
    TRAINING,
    WORRIES,
)

__all__ = [
    "CLASS_LEAD_WEEKS",
    "FIRST_START",
    "LAST_ATTRITION_START",
    "LAST_START",
    "RAMP_WEEKS",
    "WEEKS",
    "LACKABLE_SIGNS",
    "Incident",
    "draw_incident",
    "incident_for",
]

WEEKS = 20
# The incident starts in one of these weeks (both included), each as likely, whatever the
# calendar: the brief names the sale and holiday weeks, so a window that is narrow, or that
# keeps the start away from them, would let a learner guess the week from the brief alone.
FIRST_START, LAST_START = 8, 16
# An attrition wave's replacement class must reach the phones inside the data.
LAST_ATTRITION_START = 14
RAMP_WEEKS = 3  # weeks after launch with a learning curve
# The CSAT dip falls in one of the first weeks after the ramp-up, three weeks or more before the
# earliest start, whatever the start.
DIP_WEEKS = FIRST_START - 3 - RAMP_WEEKS
# A replacement class takes six to eight weeks from the first leavers to the phones: about three
# weeks to recruit and three in the classroom.  Where that would leave the data ending with the
# class two or three weeks on the phones (enough reviews to tempt, too few to read), recruiting
# runs longer and the class goes live in one of the last two weeks.
CLASS_LEAD_WEEKS = 6
CLASS_CLEAR_WEEKS = 4  # weeks after going live that make a class's reviews readable
# The sign of each cause's fingerprint that real incidents of that cause leave in some cases and
# not in others, by evidence statement: new agents who are slow on the calls without getting
# the answers wrong; cases lost at second line whose customers wait for the promised call
# rather than ring again; a rule the agents were briefed on but the customers were not; a
# shortfall so deep that agents rush the calls.  A variant leaves it out with LACK_CHANCE, so
# the evidence key follows the variant's data, not the cause alone.  (An attrition spike's
# class is already too new to read in some variants.)
LACKABLE_SIGNS = {
    TRAINING: "new_hire_errors",
    ESCALATION: "fcr_down_aht_flat",
    POLICY: "policy_errors_everyone",
    STAFFING: "quality_held",
}
LACK_CHANCE = 0.4
# How likely each worry (:data:`WORRIES`, in its order) is to come first in the executive's
# ranking.  Only the queue's CSAT names a queue, so it comes first least often: the brief then
# names the queue that broke in under half the variants (:mod:`.executive`).
WORRY_ODDS = (0.2, 0.4, 0.4)


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
    report_definition: str = ALL_OFFERED  # how the provider's weekly report counts service level
    lacks: str | None = None  # the fingerprint sign (:data:`LACKABLE_SIGNS`) this variant does not leave
    worries: tuple[str, ...] = WORRIES  # the executive's worries, in this variant's order of preference

    def leaves(self, statement: str) -> bool:
        """Whether this variant's cause leaves the sign of evidence ``statement`` (all but ``lacks``)."""
        return statement != self.lacks

    @property
    def go_live_week(self) -> int | None:
        """The week a new-hire class starts taking calls (training gap, attrition spike)."""
        if self.cause == TRAINING:
            return self.start_week
        if self.cause == ATTRITION:
            live = self.start_week + CLASS_LEAD_WEEKS
            return live if WEEKS - live >= CLASS_CLEAR_WEEKS else max(live, WEEKS - 1)
        return None


def draw_incident(content: IncidentContent, seed: int) -> Incident:
    """The incident of variant ``seed`` (the same every time for the same seed)."""
    rng = np.random.default_rng([seed, 4])
    cause = CAUSES[int(rng.integers(len(CAUSES)))]
    if cause == POLICY:
        eligible = [q.id for q in content.queues if q.policy]
    elif cause == ESCALATION:
        eligible = [q.id for q in content.queues if q.escalation_path]
    elif cause == ATTRITION:
        eligible = [q.id for q in content.queues if q.headcount >= ATTRITION_MIN_HEADCOUNT]
    else:
        eligible = [q.id for q in content.queues]
    queue = eligible[int(rng.integers(len(eligible)))]
    last = LAST_ATTRITION_START if cause == ATTRITION else LAST_START
    start = int(rng.integers(FIRST_START, last + 1))
    # The CSAT dip comes first, well before the incident, in a week drawn apart from the start so
    # that it does not bound it: one of the first weeks after the launch ramp-up.
    dip = int(rng.integers(RAMP_WEEKS + 1, RAMP_WEEKS + 1 + DIP_WEEKS))
    sale, holiday = _calendar(rng, start, dip)
    ids = [q.id for q in content.queues]
    # Streams of their own, so neither the sign left out nor the report moves the other draws.
    lacking = np.random.default_rng([seed, 6]).random() < LACK_CHANCE
    lacks = LACKABLE_SIGNS.get(cause) if lacking else None
    worries = tuple(
        str(w)
        for w in np.random.default_rng([seed, 7]).choice(WORRIES, len(WORRIES), replace=False, p=WORRY_ODDS)
    )
    report = np.random.default_rng([seed, 5]).choice(
        [ALL_OFFERED, SHORT_ABANDONS_OUT, ANSWERED_ONLY], p=[0.4, 0.3, 0.3]
    )
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
        report_definition=str(report),
        lacks=lacks,
        worries=worries,
    )


def _calendar(rng: np.random.Generator, start: int, dip: int) -> tuple[int, int]:
    """The sale and holiday weeks: anywhere after the ramp-up, the weeks next to the start included.

    Neither falls on the start week or the week after it (the first week the break can be read
    whole), nor next to the other; the sale keeps off the dip and the week before it.  The weeks
    before the start keep two plain weeks to compare with, so every variant can still be read.
    """
    weeks = range(RAMP_WEEKS + 1, WEEKS)
    busy = {start, start + 1}
    while True:
        sale = int(rng.choice([w for w in weeks if w not in busy | {dip, dip - 1}]))
        holiday = int(rng.choice([w for w in weeks if w not in busy | {dip} and abs(w - sale) >= 2]))
        plain_before = set(range(RAMP_WEEKS + 1, start)) - {sale, sale + 1, holiday}
        if len(plain_before) >= 2:
            return sale, holiday


def incident_for(template: Scenario, seed: int, folder: Path | None = None) -> Incident:
    """The incident planted in variant ``seed`` of ``template`` (``folder``: its scenario folder)."""
    return draw_incident(content_for(template, folder), seed)
