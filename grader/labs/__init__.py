"""What each lab adds to the shared session: its consequence views.

A view takes the open lab and the decision that just changed and returns something a
notebook can display (or ``None`` when that decision has no consequence view).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from grader.labs import orientation, sourcing

if TYPE_CHECKING:
    from grader.notebook.session import Lab

View = Callable[["Lab", str], object | None]
Chart = Callable[["Lab"], object]

CONSEQUENCE_VIEWS: dict[str, View] = {
    "00_orientation": orientation.consequence_view,
    "01_sourcing_models": sourcing.consequence_view,
}


CHARTS: dict[tuple[str, str], Chart] = {
    ("01_sourcing_models", "queues"): sourcing.queue_profile_chart,
}


def consequence_view(lab: Lab, decision_id: str) -> object | None:
    view = CONSEQUENCE_VIEWS.get(lab.lab_id)
    return view(lab, decision_id) if view else None
