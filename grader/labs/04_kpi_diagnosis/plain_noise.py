"""Week-to-week noise on the hit queue's calls and handle time, drawn again where it would blur the story.

Calls offered and AHT wander a few per cent a week.  Over the weeks after a break, that noise
can add up to a drift a director would read as a sign of its own, against what the planted cause
left:

* a staffing shortfall leaves calls level, and its defining sign reads "scheduled below required
  while calls stayed level"; a drift of 10 % on noise would leave that sign unshown while the
  texts say calls stayed level, so calls are drawn again until they moved by no more than
  :data:`CALLS_LEVEL` either way (the evidence rule allows 10 %);
* an upstream policy change makes calls a little longer, and only a broken escalation path
  leaves FCR down with AHT flat; AHT is drawn again until it rose by :data:`AHT_ROSE` or more
  (the rule reads a move of 4 % or less as flat);
* calls offered 10 % or more over the planners' forecast in each of the break's first two
  weeks is the sign of demand nobody planned for (the evidence rule reads it word for word);
  calls are drawn again until each of those weeks runs plainly over that line, by
  :data:`OVER_FORECAST` of the forecast or more, or each of them plainly short of it, at
  most :data:`ON_FORECAST` of the forecast (:func:`call_rise_reads_plainly`).  A policy change
  always crosses it; a broken escalation path whose customers call back comes close to it and
  lands on either side; every other cause leaves the calls on forecast (a training class meets
  growth the planners forecast).

The first draw stands when it reads plainly, as it almost always does; otherwise the noise is
drawn again from streams of its own, as the reviews and FCR are (:mod:`.plain_signs`).

>>> calls_stayed_level(before=3372.0, after=3768.0)
False
>>> calls_stayed_level(before=3372.0, after=3500.0)
True
>>> aht_rose_plainly(before=600.0, after=627.0)
False
>>> call_rise_reads_plainly((1.15, 1.13))
True
>>> call_rise_reads_plainly((1.02, 1.11))
False
>>> call_rise_reads_plainly((1.15, 1.13), crossed=False)
False
>>> call_rise_reads_plainly((1.02, 1.06), crossed=False)
True
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .incident import RAMP_WEEKS, WEEKS, Incident
from .vocabulary import ESCALATION, POLICY, STAFFING

__all__ = [
    "AHT_ROSE",
    "CALLS_LEVEL",
    "ON_FORECAST",
    "OVER_FORECAST",
    "aht_reads",
    "aht_rose_plainly",
    "call_rise_reads_plainly",
    "calls_reads",
    "calls_stayed_level",
    "plain_call_rise",
    "plain_noise",
]

CALLS_LEVEL = 0.06  # four points inside the evidence rule's 10 %
AHT_ROSE = 0.05  # a point clear of the 4 % the "AHT flat" rule allows
CALLS_SIGMA = 0.035  # the weekly noise on calls offered
REDRAWS = 200  # draws of the noise at most
# The evidence rule and its label: 10 % or more over the forecast in each of the first two weeks.
# A plain crossing clears it by two points in each week; calls plainly on forecast stay three
# points under it in both, no more than a plain week's error of a few per cent.
OVER_FORECAST = 1.12
ON_FORECAST = 1.07

Reads = Callable[[float, float], bool]


def calls_stayed_level(before: float, after: float) -> bool:
    """Whether calls offered (weekly means, before and after) plainly stayed level."""
    return abs(after / before - 1) <= CALLS_LEVEL


def aht_rose_plainly(before: float, after: float) -> bool:
    """Whether AHT (weekly means, before and after) plainly rose, clear of the "AHT flat" rule."""
    return after / before - 1 >= AHT_ROSE


def call_rise_reads_plainly(over: tuple[float, float], crossed: bool | None = None) -> bool:
    """Whether calls offered against the forecast in the break's first two weeks (``over``: each
    week's calls divided by its forecast) plainly ran 10 % or more over it in each, or plainly in
    neither.

    With ``crossed`` true, only the first will do; with it false, only the second.
    """
    over_line = min(over) >= OVER_FORECAST
    on_forecast = max(over) <= ON_FORECAST
    if crossed is None:
        return over_line or on_forecast
    return over_line if crossed else on_forecast


def plain_call_rise(
    level: np.ndarray,
    first: np.ndarray,
    forecast: np.ndarray,
    stream: tuple[int, int],
    incident: Incident,
    plain_weeks: list[int],
) -> np.ndarray:
    """Lognormal noise on calls offered ``level`` that reads plainly against the weekly
    ``forecast`` by :func:`call_rise_reads_plainly`, on the side ``incident``'s cause leaves, and
    that keeps a staffing shortfall's calls level in the weeks the evidence rules read."""
    s = incident.start_week
    before = [w - 1 for w in plain_weeks if RAMP_WEEKS + 1 <= w < s]
    after = [w - 1 for w in plain_weeks if w > s]
    head = [s - 1, s]  # the break's first two weeks, as :mod:`.evidence` reads them
    planned = np.round(forecast[head])  # as the weekly table shows it
    side = _call_rise_side(incident)
    level_reads = calls_reads(incident)
    noise = first
    for attempt in range(REDRAWS):
        shown = np.round(level * noise)  # as the weekly table shows it
        first_weeks = shown[head] / planned
        plain = call_rise_reads_plainly((float(first_weeks[0]), float(first_weeks[1])), side)
        if plain and level_reads is not None:
            plain = level_reads(float(shown[before].mean()), float(shown[after].mean()))
        if plain:
            break
        noise = np.random.default_rng([*stream, attempt]).lognormal(0, CALLS_SIGMA, WEEKS)
    return noise


def _call_rise_side(incident: Incident) -> bool | None:
    """The side of the forecast line the hit queue's calls must plainly take: over it after a
    policy change, either side where customers of a broken escalation path call back, on the
    forecast after any other cause."""
    if incident.cause == POLICY:
        return True
    if incident.cause == ESCALATION and incident.leaves("fcr_down_aht_flat"):
        return None
    return False


def plain_noise(
    level: np.ndarray,
    first: np.ndarray,
    reads: Reads,
    sigma: float,
    stream: tuple[int, int],
    incident: Incident,
    plain_weeks: list[int],
) -> np.ndarray:
    """Lognormal noise on ``level`` (a weekly series without noise) that reads plainly by ``reads``.

    ``first`` is the usual draw; ``stream`` (seed, purpose) names the streams of the redraws.
    ``reads`` takes the means of the rounded series over the plain weeks before and after the
    start, the weeks the evidence rules read.
    """
    s = incident.start_week
    before = [w - 1 for w in plain_weeks if RAMP_WEEKS + 1 <= w < s]
    after = [w - 1 for w in plain_weeks if w > s]
    noise = first
    for attempt in range(REDRAWS):
        shown = np.round(level * noise)  # as the weekly table shows it
        if reads(float(shown[before].mean()), float(shown[after].mean())):
            break
        noise = np.random.default_rng([*stream, attempt]).lognormal(0, sigma, WEEKS)
    return noise


def calls_reads(incident: Incident) -> Reads | None:
    """How the hit queue's calls offered must read for ``incident``'s cause, if at all."""
    return calls_stayed_level if incident.cause == STAFFING else None


def aht_reads(incident: Incident) -> Reads | None:
    """How the hit queue's AHT must read for ``incident``'s cause, if at all."""
    return aht_rose_plainly if incident.cause == POLICY else None
