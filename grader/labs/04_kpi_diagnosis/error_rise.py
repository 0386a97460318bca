"""When a rise in an error share is a sign, by the test a QA lead applies to a tenure band's reviews.

A rise is *clear* when it is large in points and in proportion, measured over enough weeks and
enough scored contacts; it is *absent* when it is small in either sense, or when it rests on a
week or two of reviews (the evidence prompt's own rule: a sign that shows in one or two weeks,
on a handful of reviews, is not yet a sign).  Anything between is *unclear*: a director could
argue it either way, and the multiple-select kind has no neutral option, so the generator never
lets a variant show one (:func:`.tables.build_tables` redraws that queue's reviews).

>>> rise_verdict(before=0.0, after=0.21, reviews=47, weeks=6)
<Rise.CLEAR: 'clear'>
>>> rise_verdict(before=0.19, after=0.30, reviews=116, weeks=11)
<Rise.CLEAR: 'clear'>
>>> rise_verdict(before=0.10, after=0.12, reviews=80, weeks=8)
<Rise.ABSENT: 'absent'>
>>> rise_verdict(before=0.10, after=0.40, reviews=7, weeks=1)
<Rise.ABSENT: 'absent'>
>>> rise_verdict(before=0.10, after=0.16, reviews=60, weeks=6)
<Rise.UNCLEAR: 'unclear'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from .incident import RAMP_WEEKS, WEEKS, Incident

__all__ = [
    "KnowledgeRise",
    "CLEAR_POINTS",
    "CLEAR_RATIO",
    "FLAT_POINTS",
    "FLAT_RATIO",
    "MIN_REVIEWS",
    "MIN_WEEKS",
    "Rise",
    "new_agent_knowledge",
    "rise_verdict",
]

CLEAR_POINTS, CLEAR_RATIO = 0.08, 1.5  # a clear rise: at least 8 points and half as much again
FLAT_POINTS, FLAT_RATIO = 0.04, 1.2  # below either, no rise worth the name
MIN_REVIEWS = 20  # scored contacts after the change that a clear rise needs
MIN_WEEKS = 3  # weeks after the change; one or two weeks are not yet a sign


class Rise(Enum):
    """What a QA lead would say of a rise: clearly there, not there, or arguable."""

    CLEAR = "clear"
    ABSENT = "absent"
    UNCLEAR = "unclear"


def rise_verdict(before: float, after: float, reviews: int, weeks: int) -> Rise:
    """The verdict on a share going from ``before`` to ``after`` over ``reviews`` contacts in ``weeks``."""
    if weeks < MIN_WEEKS:
        return Rise.ABSENT
    points = after - before
    if points < FLAT_POINTS or after < FLAT_RATIO * before:
        return Rise.ABSENT
    if reviews >= MIN_REVIEWS and points >= CLEAR_POINTS and after >= CLEAR_RATIO * before:
        return Rise.CLEAR
    return Rise.UNCLEAR


@dataclass(frozen=True)
class KnowledgeRise:
    """Knowledge errors per scored contact of agents under 3 months, before the incident and after."""

    before: float  # weeks 4 to the week before the start
    after: float  # from the week after the class goes live (the start, with no class) to the end
    reviews: int  # scored contacts ``after`` counts
    from_week: int  # first week ``after`` counts
    weeks: int  # weeks ``after`` counts

    @property
    def verdict(self) -> Rise:
        """Whether the rise is a sign (:func:`rise_verdict`)."""
        return rise_verdict(self.before, self.after, self.reviews, self.weeks)


def new_agent_knowledge(
    week: np.ndarray, is_new: np.ndarray, is_knowledge: np.ndarray, incident: Incident
) -> KnowledgeRise:
    """The knowledge-error rise among new agents on the hit queue, from one row per scored contact.

    ``is_new`` marks contacts of agents under 3 months, ``is_knowledge`` those with a knowledge error.
    """
    live = incident.go_live_week or incident.start_week
    first = min(live + 1, WEEKS)

    def share(low: int, high: int) -> tuple[float, int]:
        picked = is_new & (week >= low) & (week <= high)
        count = int(picked.sum())
        return (float(is_knowledge[picked].mean()) if count else 0.0), count

    before, _ = share(RAMP_WEEKS + 1, incident.start_week - 1)
    after, reviews = share(first, WEEKS)
    return KnowledgeRise(before, after, reviews, first, WEEKS - first + 1)
