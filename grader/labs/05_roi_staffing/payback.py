"""Lab 05's payback question: the one queue whose own payback month the learner works out.

Several parts of the lab run the model that answers it (the cost chart, the explorer, the wave
view, the what-if calculator); each asks :func:`payback_queue` or leaves every single queue's
payback month out, so none of them hands the answer over before it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .waves import plan_model

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

PAYBACK = "pilot_payback"


def payback_queue(lab: Lab) -> str | None:
    """The queue the payback question names (its prompt carries the queue's name), if any."""
    model = plan_model(lab)
    prompt = lab.decision(PAYBACK).prompt
    return next((q for q in model.queue_ids if model.label(q) in prompt), None)
