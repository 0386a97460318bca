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
* a broken escalation path whose customers call back brings calls close to the line of "calls
  jumped above the planners' forecast" (the rule keys a jump of 15 %, a rise of 12 % and the
  first two weeks 10 % over forecast); calls are drawn again until they plainly cross it, each
  by two points, or plainly stay on forecast, no more than :data:`ON_FORECAST` over it in the
  first two weeks (:func:`call_rise_reads_plainly`);
* a training class meets growth the planners forecast, so its calls are drawn again until the
  break's first two weeks run no more than :data:`ON_FORECAST` over the forecast.

The first draw stands when it reads plainly, as it almost always does; otherwise the noise is
drawn again from streams of its own, as the reviews and FCR are (:mod:`.plain_signs`).

>>> calls_stayed_level(before=3372.0, after=3768.0)
False
>>> calls_stayed_level(before=3372.0, after=3500.0)
True
>>> aht_rose_plainly(before=600.0, after=627.0)
False
>>> call_rise_reads_plainly(jump=1.20, rise=1.15, over_forecast=1.13)
True
>>> call_rise_reads_plainly(jump=1.20, rise=1.19, over_forecast=1.09)
False
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .incident import RAMP_WEEKS, WEEKS, Incident
from .vocabulary import ESCALATION, POLICY, STAFFING, TRAINING

__all__ = [
    "AHT_ROSE",
    "CALLS_LEVEL",
    "aht_reads",
    "aht_rose_plainly",
    "call_rise_reads_plainly",
    "calls_reads",
    "calls_rise_reads",
    "calls_stayed_level",
    "plain_call_rise",
    "plain_noise",
]

CALLS_LEVEL = 0.06  # four points inside the evidence rule's 10 %
AHT_ROSE = 0.05  # a point clear of the 4 % the "AHT flat" rule allows
CALLS_SIGMA = 0.035  # the weekly noise on calls offered
REDRAWS = 200  # draws of the noise at most
# The evidence rule's "jumped above the forecast": a jump, a rise that holds, and calls over forecast.
JUMP, RISE, OVER_FORECAST = 1.15, 1.12, 1.10
CLEAR = 0.02  # how far past each a plain jump goes
ON_FORECAST = 1.06  # no more over forecast than a plain week's error of a few per cent

Reads = Callable[[float, float], bool]


def calls_stayed_level(before: float, after: float) -> bool:
    """Whether calls offered (weekly means, before and after) plainly stayed level."""
    return abs(after / before - 1) <= CALLS_LEVEL


def aht_rose_plainly(before: float, after: float) -> bool:
    """Whether AHT (weekly means, before and after) plainly rose, clear of the "AHT flat" rule."""
    return after / before - 1 >= AHT_ROSE


def call_rise_reads_plainly(jump: float, rise: float, over_forecast: float) -> bool:
    """Whether calls (the highest of the break's first two weeks, and the mean of the weeks
    after it, each against the weeks before; the first two weeks against their forecast) plainly
    jumped above the forecast, or plainly stayed on it."""
    crossed = jump >= JUMP + CLEAR and rise >= RISE + CLEAR and over_forecast >= OVER_FORECAST + CLEAR
    return crossed or over_forecast <= ON_FORECAST


def plain_call_rise(
    level: np.ndarray,
    first: np.ndarray,
    forecast: np.ndarray,
    stream: tuple[int, int],
    incident: Incident,
    plain_weeks: list[int],
) -> np.ndarray:
    """Lognormal noise on calls offered ``level`` that reads plainly against the weekly
    ``forecast`` by :func:`call_rise_reads_plainly`, in the weeks the evidence rules read."""
    s = incident.start_week
    before = [w - 1 for w in plain_weeks if RAMP_WEEKS + 1 <= w < s]
    after = [w - 1 for w in plain_weeks if w > s]
    head = [s - 1, s]  # the break's first two weeks, as :mod:`.evidence` reads them
    noise = first
    for attempt in range(REDRAWS):
        shown = np.round(level * noise)  # as the weekly table shows it
        usual = float(shown[before].mean())
        over_forecast = float(shown[head].mean()) / float(forecast[head].mean())
        if incident.cause == TRAINING:  # the class met growth the planners forecast
            plain = over_forecast <= ON_FORECAST
        else:
            plain = call_rise_reads_plainly(
                jump=float(shown[head].max()) / usual,
                rise=float(shown[after].mean()) / usual,
                over_forecast=over_forecast,
            )
        if plain:
            break
        noise = np.random.default_rng([*stream, attempt]).lognormal(0, CALLS_SIGMA, WEEKS)
    return noise


def calls_rise_reads(incident: Incident) -> bool:
    """Whether the hit queue's calls must read plainly against the forecast: customers of a broken
    escalation path calling back, or the growth a training class was hired for (on forecast)."""
    return incident.cause == TRAINING or (
        incident.cause == ESCALATION and incident.leaves("fcr_down_aht_flat")
    )


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
