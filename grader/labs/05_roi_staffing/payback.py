"""Lab 05's payback question: the one queue whose own payback month the learner works out.

Several parts of the lab run the model that answers it (the cost chart, the explorer, the wave
view, the what-if calculator); each asks :func:`payback_queue` or leaves every single queue's
payback month out, so none of them hands the answer over before it is given.  The plan model
itself asks it too (:class:`~.waves.Withholding`): its figures for that queue, and the best
order, wait until feedback may be shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .costs import scenario_data

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

PAYBACK = "pilot_payback"


def payback_queue(lab: Lab) -> str | None:
    """The queue the payback question names (its prompt carries the queue's name), if any."""
    queues = scenario_data(lab).queues
    prompt = lab.decision(PAYBACK).prompt
    return next((q for q, row in queues.items() if str(row["queue"]) in prompt), None)
