"""Lab 02: what a pilot of new provider teams can and cannot show.

Two things stand between a pilot's figures and the FCR a provider will settle at:

* **The learning dip.** A team of new agents resolves less at first. This is the course's
  learning-dip model, the one the quarter simulation uses
  (:mod:`grader.models.consequences`): a team that is all new loses ``transition_fcr_dip``
  FCR points, its share of agents still learning falls each week by ``g = 1 - exp(-3 /
  ramp_weeks)`` (95 % gone after ``ramp_weeks``), leavers are replaced by novices at the
  location's weekly attrition, and the home team's own steady share of novices is already in
  its FCR. A pilot judged in its first weeks measures the dip, not the fit; judged in its
  last weeks, it measures the fit.
* **Sampling noise.** An FCR measured on ``n`` contacts is known to within about
  ``1.96 x sqrt(p (1 - p) / n)`` (a 95 % interval), so a difference of a point or two from
  your own team is noise at pilot sizes, while a gap of fifteen points is not.

>>> round(learning_dip((1, 2), dip=0.15, ramp_weeks=5, annual_attrition=0.30, home_attrition=0.35), 3)
0.114
>>> round(learning_dip((7, 8), dip=0.15, ramp_weeks=5, annual_attrition=0.30, home_attrition=0.35), 3)
0.003
>>> round(interval_half_width(0.75, 1500), 3)
0.022
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = [
    "EARLY_WEEKS",
    "MEASURED_WEEKS",
    "interval_half_width",
    "learning_dip",
    "novice_shares",
]

#: The pilot's weeks whose FCR the estimates table gives as ``fcr`` (after the dip)...
MEASURED_WEEKS = (7, 8)
#: ... and as ``fcr_weeks_1_2`` (during it).
EARLY_WEEKS = (1, 2)

WEEKS_PER_YEAR = 52
Z_95 = 1.96  # a two-sided 95 % interval of a normal approximation


def novice_shares(weeks: int, ramp_weeks: float, annual_attrition: float) -> list[float]:
    """Share of a new team's agents still learning in weeks 1 .. ``weeks`` after it starts.

    All are new in week 1; each week a share ``1 - exp(-3 / ramp_weeks)`` of them finishes
    learning, and leavers (``annual_attrition / 52`` of the team a week) are replaced by
    novices.

    >>> [round(n, 3) for n in novice_shares(3, ramp_weeks=5, annual_attrition=0.0)]
    [1.0, 0.549, 0.301]
    """
    graduate = 1 - math.exp(-3 / ramp_weeks)
    attrition = annual_attrition / WEEKS_PER_YEAR
    shares, novices = [], 1.0
    for _ in range(weeks):
        shares.append(novices)
        novices = novices * (1 - graduate) + (1 - novices) * attrition
    return shares


def steady_novice_share(ramp_weeks: float, annual_attrition: float) -> float:
    """Share of a long-established team still learning, from its attrition alone."""
    graduate = 1 - math.exp(-3 / ramp_weeks)
    attrition = annual_attrition / WEEKS_PER_YEAR
    return attrition / (graduate + attrition)


def learning_dip(
    weeks: Sequence[int],
    *,
    dip: float,
    ramp_weeks: float,
    annual_attrition: float,
    home_attrition: float,
) -> float:
    """FCR points a new team loses on average over ``weeks`` (1-based), against your own team.

    ``dip`` is what a team of agents who are all new loses; the share of novices your own
    team always has (from ``home_attrition``) is already in its FCR, so only the excess counts.
    """
    shares = novice_shares(max(weeks), ramp_weeks, annual_attrition)
    home = steady_novice_share(ramp_weeks, home_attrition)
    return sum(dip * max(0.0, shares[w - 1] - home) for w in weeks) / len(weeks)


def interval_half_width(share: float, observed: float) -> float:
    """Half the width of the 95 % interval of a share measured on ``observed`` contacts.

    >>> round(interval_half_width(0.5, 100), 3)
    0.098
    """
    if observed <= 0:
        raise ValueError(f"observed must be positive, got {observed}")
    return Z_95 * math.sqrt(share * (1 - share) / observed)
