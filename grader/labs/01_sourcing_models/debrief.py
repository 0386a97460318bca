"""Lab 01's debrief figures: what the learner's queue map costs against the keyed map.

Every figure is one the lab itself shows: the simulated quarter of the consequence view
(cost per resolved contact with every cost in it, first-contact resolution, compliance
exposure) and the monthly paid hours and agent cost of the paid-hours exercise. A map with
queues left unplaced is not costed: the view would keep them in-house, which is a choice
the learner has not made.

The keyed map's figures depend on the scenario alone, so they are worked out once per
scenario (by the contents of its tables) and shared: a cohort report opens every learner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.display.cache import BoundedCache
from grader.display.formats import usd
from grader.engine.keys import perfect_answer
from grader.labs.base import DebriefFigure
from grader.labs.contents import table_contents

from .quarter import cost_table, placed_queues, quarter

if TYPE_CHECKING:
    from collections.abc import Callable

    from grader.labs.base import LabContext as Lab
    from grader.models.consequences import QuarterSummary

__all__ = ["MAP", "debrief_figures"]

MAP = "queue_mapping"


def _per_contact(summary: QuarterSummary) -> str:
    # Cents, as the quarter's view shows it: whole dollars hide most of the gap between maps.
    return f"${summary.cost_per_resolved_contact:,.2f}"


#: (measure, how to write it from the quarter's totals), in the order the debrief lists them.
_QUARTER_MEASURES: tuple[tuple[str, Callable[[QuarterSummary], str]], ...] = (
    ("Cost per resolved contact over the simulated quarter, every cost included", _per_contact),
    ("Total cost of the simulated quarter", lambda s: usd(s.cost)),
    ("First-contact resolution, averaged over the quarter", lambda s: f"{s.average_fcr:.0%}"),
    ("Compliance exposure in the quarter (expected cost)", lambda s: usd(s.exposure)),
)
_HOURS = "Paid agent hours a month by location, by the workload rule of the paid-hours exercise"
_MONTHLY = (
    "Agent cost a month at each location's rate by that rule, Spanish hours included (the quarter "
    "staffs live queues to their answer target, so it pays for more hours)"
)
# The keyed map's figures, by what they are worked out from (see _expert_figures).
_EXPERT: BoundedCache[list[str]] = BoundedCache(16)


def _hours_by_location(lab: Lab, mapping: dict[str, str]) -> str:
    """Every place of the map with its paid hours, zeros included, so two maps read side by side."""
    hours = cost_table(lab, mapping).groupby("location")["paid_hours"].sum()
    # The map's own category labels: shorter than the locations table's, and what the panel shows.
    places = getattr(lab.decision(MAP), "categories", [])
    return "; ".join(f"{place.label} {hours.get(place.id, 0.0):,.0f}" for place in places)


def _monthly_cost(lab: Lab, mapping: dict[str, str]) -> str:
    return usd(float(cost_table(lab, mapping)["cost"].sum()))


def _figures(lab: Lab, mapping: dict[str, str]) -> list[str]:
    summary = quarter(lab, mapping).summary
    return [
        *(write(summary) for _, write in _QUARTER_MEASURES),
        _hours_by_location(lab, mapping),
        _monthly_cost(lab, mapping),
    ]


def _expert_figures(lab: Lab, expert_map: dict[str, str]) -> list[str]:
    """The keyed map's figures, kept by everything they are worked out from: the tables the
    quarter reads, the scenario (its simulation seed), the map and the map's place labels."""
    places = getattr(lab.decision(MAP), "categories", [])
    key = (
        table_contents({t: lab.table(t) for t in ("queues", "locations")}),
        lab.scenario.id,
        tuple(sorted(expert_map.items())),
        tuple((place.id, place.label) for place in places),
    )
    return list(_EXPERT.get(key, lambda: _figures(lab, expert_map)))


def debrief_figures(lab: Lab) -> list[DebriefFigure]:
    """The learner's map against the keyed map, measure by measure.

    Until every queue is placed, the learner's column says how many are, instead of a figure.
    """
    decision = lab.decision(MAP)
    expert_map = perfect_answer(decision)
    placed = placed_queues(lab, lab.choice(MAP))
    measures = [name for name, _ in _QUARTER_MEASURES] + [_HOURS, _MONTHLY]
    expert = _expert_figures(lab, dict(expert_map))
    total = len(lab.table("queues"))
    if len(placed) < total:
        missing = f"map not complete: {len(placed)} of {total} queues placed"
        yours = [missing] * len(measures)
    else:
        yours = _figures(lab, placed)
    return [
        DebriefFigure(measure, mine, theirs)
        for measure, mine, theirs in zip(measures, yours, expert, strict=True)
    ]
