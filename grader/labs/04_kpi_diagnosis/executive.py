"""The executive's note in the brief: which worry it voices, chosen so the variant's data bear it out.

Each variant ranks the :data:`~.vocabulary.WORRIES` in an order of its own
(:attr:`.incident.Incident.worries`); the note voices the first one its tables support.  The
CSAT of the queue whose CSAT fell most hands the learner the queue that broke; complaints or
refunds over every queue rose in most variants, and leave finding the queue to the learner.
The queue's CSAT comes first in the fewest rankings, so the brief names the hit queue in under half
the variants.

Complaints and credits rise with every cause, from waits, wrong answers or cases nobody closes,
but an upstream policy change stacks them: customers complain, and ask for goodwill, about the rule
itself on top of the waits its extra calls bring.  A note that quoted either at its
:data:`LOUDEST_RISE` or above would name that cause before the learner reads a table, so the executive
voices another worry then.

>>> worry_for(("complaints", "queue_csat", "credits"), {"complaints": 1.08, "credits": 1.3}, 0.05)
'queue_csat'
>>> worry_for(("queue_csat", "credits", "complaints"), {"complaints": 1.08, "credits": 1.3}, 0.01)
'credits'
>>> worry_for(("complaints", "credits", "queue_csat"), {"complaints": 2.4, "credits": 1.3}, 0.05)
'credits'
>>> worry_for(("credits", "complaints"), {"complaints": 2.4, "credits": 1.5}, 0.01)
'queue_csat'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .incident import RAMP_WEEKS, WEEKS
from .vocabulary import WORRY_COMPLAINTS, WORRY_CREDITS, WORRY_QUEUE_CSAT

__all__ = [
    "LOUDEST_RISE",
    "NOTICED_FALL",
    "NOTICED_RISE",
    "company_figures",
    "note_worry",
    "queue_csat",
    "worry_for",
]

# A rise over every queue an executive notices in a monthly pack: 15 % or more, last four weeks
# against the four settled weeks after launch; and a fall in one queue's CSAT of 3 points or more.
NOTICED_RISE = 1.15
NOTICED_FALL = 0.03
# The rise over every queue from which a note no longer quotes a figure: about the top of what a break in
# staffing, training or an escalation path, or an attrition wave, brings; only a policy change
# goes past it.
LOUDEST_RISE = {WORRY_COMPLAINTS: 2.0, WORRY_CREDITS: 1.4}
_COLUMNS = {WORRY_COMPLAINTS: "complaints", WORRY_CREDITS: "credits_usd"}


def company_figures(weekly: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Complaints and credits a week over every queue: (settled weeks after launch, last four weeks)."""
    week = weekly["week"].to_numpy()
    figures = {}
    for worry, column in _COLUMNS.items():
        # Whole counts, so the weekly totals and their means are exact in any order of adding.
        totals = np.bincount(week, weights=weekly[column].to_numpy(), minlength=WEEKS + 1)
        figures[worry] = (
            float(totals[RAMP_WEEKS + 1 : RAMP_WEEKS + 5].mean()),
            float(totals[WEEKS - 3 : WEEKS + 1].mean()),
        )
    return figures


def queue_csat(weekly: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each queue's mean CSAT over the four settled weeks after launch, and over the last four weeks.

    Indexed by queue id in sorted order, as a pivot of the weekly table gives them, so a tie
    between queues falls the same way.
    """
    week, queue, csat = (weekly[name].to_numpy() for name in ("week", "queue", "csat"))
    ids = sorted(set(queue))

    def means(first: int, last: int) -> pd.Series:
        period = (week >= first) & (week <= last)
        return pd.Series([float(csat[period & (queue == q)].mean()) for q in ids], index=ids)

    return means(RAMP_WEEKS + 1, RAMP_WEEKS + 4), means(WEEKS - 3, WEEKS)


def worry_for(order: Sequence[str], rises: dict[str, float], csat_fall: float) -> str:
    """The first worry in ``order`` that the data support.

    ``rises`` holds, by worry over every queue, the last four weeks over the settled weeks;
    ``csat_fall`` is the largest fall of one queue's CSAT between the same weeks.  A rise to
    its :data:`LOUDEST_RISE` or more is not voiced (it would name the cause).  Should none
    be supported, the note is about that queue's CSAT, which is the one figure an executive
    always has.
    """
    for worry in order:
        if worry == WORRY_QUEUE_CSAT:
            supported = csat_fall >= NOTICED_FALL
        else:
            supported = NOTICED_RISE <= rises.get(worry, 0.0) < LOUDEST_RISE[worry]
        if supported:
            return worry
    return WORRY_QUEUE_CSAT


def note_worry(
    weekly: pd.DataFrame,
    order: Sequence[str],
    company: dict[str, tuple[float, float]] | None = None,
    csat: tuple[pd.Series, pd.Series] | None = None,
) -> str:
    """The worry the executive's note voices, for a variant's ``weekly`` table and its ranking ``order``.

    ``company`` and ``csat`` are :func:`company_figures` and :func:`queue_csat` of the same
    table, when the caller has them already (the brief's facts quote them too).
    """
    company = company_figures(weekly) if company is None else company
    settled, recent = queue_csat(weekly) if csat is None else csat
    rises = {worry: last / max(first, 1.0) for worry, (first, last) in company.items()}
    return worry_for(order, rises, float((settled - recent).max()))
