"""The executive's note in the brief: which worry it voices, chosen so the variant's data bear it out.

Each variant ranks the :data:`~.vocabulary.WORRIES` in an order of its own
(:attr:`.incident.Incident.worries`); the note voices the first one its tables support.  The
CSAT of the queue whose CSAT fell most hands the learner the queue that broke; complaints or
refunds over every queue rose in most variants, and leave finding the queue to the learner.
The queue's CSAT comes first in the fewest rankings, so the brief names the hit queue in under half
the variants.

>>> worry_for(("complaints", "queue_csat", "credits"), {"complaints": 1.08, "credits": 1.3}, 0.05)
'queue_csat'
>>> worry_for(("queue_csat", "credits", "complaints"), {"complaints": 1.08, "credits": 1.3}, 0.01)
'credits'
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .incident import RAMP_WEEKS, WEEKS
from .vocabulary import WORRY_COMPLAINTS, WORRY_CREDITS, WORRY_QUEUE_CSAT

__all__ = ["NOTICED_FALL", "NOTICED_RISE", "company_figures", "worry_for"]

# A rise over every queue an executive notices in a monthly pack: 15 % or more, last four weeks
# against the four settled weeks after launch; and a fall in one queue's CSAT of 3 points or more.
NOTICED_RISE = 1.15
NOTICED_FALL = 0.03
_COLUMNS = {WORRY_COMPLAINTS: "complaints", WORRY_CREDITS: "credits_usd"}


def company_figures(weekly: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Complaints and credits a week over every queue: (settled weeks after launch, last four weeks)."""
    totals = weekly.groupby("week")[list(_COLUMNS.values())].sum()
    settled, recent = totals.loc[RAMP_WEEKS + 1 : RAMP_WEEKS + 4], totals.loc[WEEKS - 3 :]
    return {
        worry: (float(settled[column].mean()), float(recent[column].mean()))
        for worry, column in _COLUMNS.items()
    }


def worry_for(order: Sequence[str], rises: dict[str, float], csat_fall: float) -> str:
    """The first worry in ``order`` that the data support.

    ``rises`` holds, by worry over every queue, the last four weeks over the settled weeks;
    ``csat_fall`` is the largest fall of one queue's CSAT between the same weeks.  Should none
    be supported, the note is about that queue's CSAT, which is the one figure an executive
    always has.
    """
    for worry in order:
        if worry == WORRY_QUEUE_CSAT:
            supported = csat_fall >= NOTICED_FALL
        else:
            supported = rises.get(worry, 0.0) >= NOTICED_RISE
        if supported:
            return worry
    return WORRY_QUEUE_CSAT
