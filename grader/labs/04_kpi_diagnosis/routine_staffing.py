"""Everyday staffing on a queue: the leavers every queue loses and the small classes that replace them.

A centre backfills its usual attrition with small classes: when two or three seats stand open,
the provider recruits for them (about a week) and trains the hires for three weeks; headcount
dips with each leaver and comes back when the class takes calls.  The first class of every
queue backfills the seats its launch class lost in the classroom, recruited from launch week.
Every queue runs this way, so a class on a queue, or a leaver, is no sign of a cause by itself:
what tells a cause is a class's size and timing against the queue's own history and the break
(:mod:`.drivers`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["CLASS_TRAINING_WEEKS", "MOST_LEAVERS_IN_A_FORTNIGHT", "RoutineStaffing", "routine_staffing"]

CLASS_TRAINING_WEEKS = 3  # weeks in the classroom before a class takes calls
RECRUIT_WEEKS = (1, 2)  # weeks to recruit a small replacement class (both included)
# Everyday leavers never reach the four in two weeks that count as a wave (:mod:`.evidence`).
MOST_LEAVERS_IN_A_FORTNIGHT = 3
MOST_LEAVERS_IN_A_WEEK = 2
# Open seats at launch: agents who left during the launch class's own training, not yet replaced
# (a launch class loses a few in the classroom, more than a settled queue in a month).  Every
# queue recruits for them at once, so its first class comes as early on the queue that will
# break as on the others, and a queue with no class before the break stays a rare sight.
OPEN_AT_LAUNCH = (2, 3)


@dataclass
class RoutineStaffing:
    """One queue's everyday headcount, new hires in training and leavers, as arrays over the weeks."""

    headcount: np.ndarray
    in_training: np.ndarray
    leavers: np.ndarray


def routine_staffing(
    planned: int, weeks: int, annual_attrition: float, rng: np.random.Generator, last_live: int | None = None
) -> RoutineStaffing:
    """Everyday leavers over ``weeks`` and the classes that replace them on a queue of ``planned`` heads.

    ``last_live`` is the last week a replacement class may take its first calls (the affected
    queue's classes keep clear of the break and of a class planted for its cause); seats still
    open after it are filled from the provider's bench.
    """
    last_live = weeks if last_live is None else last_live
    leavers = np.zeros(weeks)
    in_training = np.zeros(weeks)
    joined = np.zeros(weeks)
    open_seats = int(rng.choice(OPEN_AT_LAUNCH))
    short_at_launch = open_seats
    trigger = open_seats  # the launch seats are recruited for at once; later, two or three seats
    rate = planned * annual_attrition / 52
    for week in range(weeks):
        room = MOST_LEAVERS_IN_A_FORTNIGHT - (leavers[week - 1] if week else 0)
        leavers[week] = min(rng.poisson(rate), MOST_LEAVERS_IN_A_WEEK, room)
        open_seats += int(leavers[week])
        live = week + 1 + int(rng.integers(RECRUIT_WEEKS[0], RECRUIT_WEEKS[1] + 1)) + CLASS_TRAINING_WEEKS
        pending = in_training[week:].any() or joined[week:].any()
        if open_seats >= trigger and not pending and live <= last_live:
            in_training[live - 1 - CLASS_TRAINING_WEEKS : live - 1] = open_seats
            joined[live - 1] = open_seats
            open_seats = 0
            trigger = int(rng.integers(2, 4))
    headcount = planned - short_at_launch - np.cumsum(leavers) + np.cumsum(joined)
    return RoutineStaffing(headcount=headcount, in_training=in_training, leavers=leavers)
