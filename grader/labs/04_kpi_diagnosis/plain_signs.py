"""Whether the hit queue's reviews read plainly for the quality signs its cause is keyed on.

A QA lead reads a rise in an error share, or a QA score that held, from a few hundred scored
contacts; near the evidence rule's threshold a director could argue either way, and the
multiple-select kind has no neutral option.  So where the planted cause leaves such a sign,
the generator draws the hit queue's reviews again until the sign is plainly there
(:func:`.tables.build_tables`), as it does for new agents' knowledge errors (:mod:`.error_rise`):

* an upstream policy change: policy errors rise by at least :data:`POLICY_CLEAR_POINTS` both
  among agents over 12 months and among those under 12 months (the rule keys 6 points), or,
  where the agents were briefed in time, by no more than :data:`POLICY_FLAT_POINTS` in either;
* a staffing shortfall: the QA score moves by no more than :data:`QA_HELD_POINTS` (the rule
  allows a fall of 2), or, where the agents rush the calls, falls by :data:`QA_FELL_POINTS` or more;
  rushed agents' tone and process errors crowd the shares, so policy errors, which only a policy
  change keys, must also stay short of "risen in every band" (:func:`policy_short_of_rule`);
* a broken escalation path: FCR falls by :data:`FCR_FELL_POINTS` or more where customers call
  back (the rule keys a fall of 4 points), and by no more than :data:`FCR_HELD_POINTS` where they wait;
* a training gap and an upstream policy change: "abandonment rose while QA and FCR held" is a
  staffing sign their key leaves out, and their waits and FCR fall can land next to its line,
  so FCR is drawn clear of it (:func:`quality_unheld_plainly`): fallen by
  :data:`FCR_FELL_AWAY_POINTS` or more, unless abandonment rose by no more than
  :data:`ABANDON_FLAT_POINTS` or QA fell by :data:`QA_FELL_POINTS` or more;
* an attrition spike: "abandonment rose while QA and FCR held" is keyed wherever it is true, and
  the class going live late in the data drags QA and FCR by about the rule's own margins, so
  each is drawn clear of it whichever way it falls: QA as for a staffing shortfall, and FCR
  down by no more than :data:`FCR_HELD_POINTS` or by :data:`FCR_MOVED_POINTS` or more (the
  rule allows a fall of 3 points).

>>> policy_reads_plainly(young=(0.04, 0.19), senior=(0.03, 0.16))
True
>>> policy_reads_plainly(young=(0.03, 0.15), senior=(0.0, 0.06))
False
>>> policy_reads_plainly(young=(0.05, 0.06), senior=(0.03, 0.02), rose=False)
True
>>> policy_short_of_rule(young=(0.03, 0.10), senior=(0.02, 0.06))
True
>>> policy_short_of_rule(young=(0.03, 0.10), senior=(0.02, 0.09))
False
>>> qa_held_plainly(before=93.6, after=91.0)
False
>>> qa_held_plainly(before=93.6, after=89.9, held=False)
True
>>> fcr_fall_reads_plainly(before=0.75, after=0.72, fell=True)
False
>>> quality_fcr_reads_plainly(before=0.75, after=0.71)
False
>>> quality_fcr_reads_plainly(before=0.75, after=0.70)
True
>>> quality_unheld_plainly(abandon_rise=0.023, qa_change=1.3, fcr_change=-0.029)
False
>>> quality_unheld_plainly(abandon_rise=0.023, qa_change=1.3, fcr_change=-0.042)
True
"""

from __future__ import annotations

import numpy as np

from .incident import RAMP_WEEKS, WEEKS, Incident
from .reviews import KINDS
from .vocabulary import ATTRITION, POLICY, STAFFING, TENURE_BANDS

__all__ = [
    "ABANDON_FLAT_POINTS",
    "POLICY_CLEAR_POINTS",
    "FCR_FELL_POINTS",
    "FCR_FELL_AWAY_POINTS",
    "FCR_HELD_POINTS",
    "FCR_MOVED_POINTS",
    "POLICY_FLAT_POINTS",
    "QA_FELL_POINTS",
    "QA_HELD_POINTS",
    "fcr_fall_reads_plainly",
    "policy_reads_plainly",
    "policy_short_of_rule",
    "qa_change",
    "qa_held_plainly",
    "quality_fcr_reads_plainly",
    "quality_unheld_plainly",
    "reads_plainly",
]

POLICY_CLEAR_POINTS = 0.08  # two points clear of the evidence rule's 6
POLICY_FLAT_POINTS = 0.03  # half the rule's 6: no rise a director would tick
POLICY_SHORT_POINTS = 0.04  # two points short of the rule's 6, in one group at least
QA_HELD_POINTS = 1.0  # a point clear of the evidence rule's 2
QA_FELL_POINTS = 3.0  # a point past it the other way
FCR_FELL_POINTS = 0.06  # two points clear of the evidence rule's 4
FCR_HELD_POINTS = 0.02  # two points short of it, one short of the quality rule's 3
FCR_MOVED_POINTS = 0.05  # two points past the quality rule's 3: one point past is survey noise
ABANDON_FLAT_POINTS = 0.01  # half the quality rule's 2: waits no director would call a rise
# A point past the quality rule's 3: after a training gap or a policy change FCR falls by 3 to 7
# points, so two points past would mean drawing most of them again; a fall of 4 points is one no
# director calls "held steady".
FCR_FELL_AWAY_POINTS = 0.04


def policy_reads_plainly(young: tuple[float, float], senior: tuple[float, float], rose: bool = True) -> bool:
    """Whether policy errors (shares before, after) plainly rose in both tenure groups (or, with
    ``rose`` false, plainly did not rise in either)."""
    if rose:
        return all(after - before >= POLICY_CLEAR_POINTS for before, after in (young, senior))
    return all(after - before <= POLICY_FLAT_POINTS for before, after in (young, senior))


def policy_short_of_rule(young: tuple[float, float], senior: tuple[float, float]) -> bool:
    """Whether policy errors (shares before, after) plainly did not rise in both tenure groups:
    in one group at least they rose by no more than :data:`POLICY_SHORT_POINTS`."""
    return any(after - before <= POLICY_SHORT_POINTS for before, after in (young, senior))


def qa_held_plainly(before: float, after: float, held: bool = True) -> bool:
    """Whether the QA score (weekly means, before and after) plainly held (or, with ``held`` false,
    plainly fell)."""
    return after - before >= -QA_HELD_POINTS if held else after - before <= -QA_FELL_POINTS


def fcr_fall_reads_plainly(before: float, after: float, fell: bool) -> bool:
    """Whether FCR (weekly means, before and after) plainly fell (or, with ``fell`` false, plainly held)."""
    return after - before <= -FCR_FELL_POINTS if fell else after - before >= -FCR_HELD_POINTS


def quality_fcr_reads_plainly(before: float, after: float) -> bool:
    """Whether FCR (weekly means, before and after) plainly held or plainly fell, by the margins
    around the rule that reads "QA and FCR held"."""
    return after - before >= -FCR_HELD_POINTS or after - before <= -FCR_MOVED_POINTS


def quality_unheld_plainly(abandon_rise: float, qa_change: float, fcr_change: float) -> bool:
    """Whether "abandonment rose while QA and FCR held" plainly does not hold, from the changes (after
    less before) in abandonment, the QA score and FCR: abandonment did not rise, or QA or FCR
    plainly fell."""
    return (
        abandon_rise <= ABANDON_FLAT_POINTS
        or qa_change <= -QA_FELL_POINTS
        or fcr_change <= -FCR_FELL_AWAY_POINTS
    )


def _share(review: dict[str, np.ndarray], bands: tuple[int, ...], first: int, last: int) -> float:
    picked = np.isin(review["band"], bands) & (review["week"] >= first) & (review["week"] <= last)
    return float((review["kind"][picked] == KINDS.index("policy")).mean()) if picked.any() else 0.0


def _weekly_qa(review: dict[str, np.ndarray], weeks: list[int]) -> float:
    # Rounded as the weekly table shows them: the evidence rules read the table.
    means = [
        float(np.round(review["score"][review["week"] == w].mean(), 1))
        for w in weeks
        if (review["week"] == w).any()
    ]
    return float(np.mean(means)) if means else 0.0


def qa_change(review: dict[str, np.ndarray], incident: Incident, plain_weeks: list[int]) -> float:
    """How far the hit queue's weekly QA score moved, after the start less before it, as the
    evidence rules read it (``review``: its scored contacts; ``plain_weeks``: the weeks they read)."""
    s = incident.start_week
    before = [w for w in plain_weeks if RAMP_WEEKS + 1 <= w < s]
    after = [w for w in plain_weeks if w > s]
    return _weekly_qa(review, after) - _weekly_qa(review, before)


def reads_plainly(review: dict[str, np.ndarray], incident: Incident, plain_weeks: list[int]) -> bool:
    """Whether ``review`` (the hit queue's scored contacts) reads plainly for ``incident``'s cause.

    ``plain_weeks`` are the weeks the evidence rules read (no calendar week, no week after the
    sale).  Causes with no quality sign to read here always pass.
    """
    s = incident.start_week
    young, senior = (0, 1), (len(TENURE_BANDS) - 1,)
    policy = {
        "young": (_share(review, young, RAMP_WEEKS + 1, s - 1), _share(review, young, s + 1, WEEKS)),
        "senior": (_share(review, senior, RAMP_WEEKS + 1, s - 1), _share(review, senior, s + 1, WEEKS)),
    }
    if incident.cause == POLICY:
        return policy_reads_plainly(**policy, rose=incident.leaves("policy_errors_everyone"))
    before = [w for w in plain_weeks if RAMP_WEEKS + 1 <= w < s]
    after = [w for w in plain_weeks if w > s]
    qa = _weekly_qa(review, before), _weekly_qa(review, after)
    if incident.cause == STAFFING:
        held = incident.leaves("quality_held")
        return qa_held_plainly(*qa, held=held) and (held or policy_short_of_rule(**policy))
    if incident.cause == ATTRITION:  # either way will do: the key follows what the data show
        return qa_held_plainly(*qa) or qa_held_plainly(*qa, held=False)
    return True
