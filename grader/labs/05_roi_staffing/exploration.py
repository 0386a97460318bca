"""One queue of lab 05 recomputed for the explorer's slider values: staffing, cost and ROI.

Every figure comes from the same functions as the rest of the lab (``costs.py``, ``moves.py``).
:func:`explore` computes no return for the queue it is told to withhold, the payback question's
queue (``explorer.py`` says why).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.models.cost import RoiResult, contacts_per_resolution

from .costs import HOME, LocationCost, ScenarioData, Staffing, price
from .moves import MoveCosts, move_costs, move_roi


@dataclass(frozen=True)
class Exploration:
    """One queue recomputed for the explorer's slider values."""

    queue: str
    label: str
    destination: str
    staffing: Staffing
    costs: dict[str, LocationCost]
    move: RoiResult | None  # None where the explorer withholds the move's return
    costs_of_move: MoveCosts


def explore(
    data: ScenarioData,
    queue: str,
    *,
    aht: float,
    target_sl: float,
    fcr: float,
    base_wage: float,
    attrition: float,
    destination: str,
    withheld: str | None = None,
) -> Exploration:
    """Staffing, annual cost at every location and the ROI of moving ``queue`` alone, for these values.

    No ROI (``move`` is ``None``) when ``queue`` is ``withheld``: the payback question's queue.

    FCR (in-house) scales the calls: the table's volumes hold the repeat calls of today's FCR, and an
    issue takes ``1 / FCR`` calls on average (:func:`grader.models.cost.contacts_per_resolution`);
    each location's FCR moves with it by the scenario's ``fcr_change``.
    ``base_wage`` is the in-house wage; ``attrition`` the destination's annual attrition.
    """
    row = data.queues[queue]
    scale = contacts_per_resolution(fcr) / contacts_per_resolution(float(row["fcr"]))
    staffing = data.staff(queue, calls=data.calls[queue] * scale, aht=aht, target_sl=target_sl, fcr=fcr)
    costs = price(staffing, data.locations, data.a, base_wage=base_wage, attrition={destination: attrition})
    moving = move_costs(
        costs[HOME],
        costs[destination],
        destination,
        row,
        data.home,
        data.terms,
        data.a.paid_hours_per_fte,
        base_wage=base_wage,
    )
    move = None if queue == withheld else move_roi(moving, data.terms, row, data.a.horizon_months)
    return Exploration(queue, str(row["queue"]), destination, staffing, costs, move, moving)


def explorer_defaults(data: ScenarioData, queue: str) -> dict[str, Any]:
    """The values that reproduce the scenario for ``queue`` (the sliders' starting point)."""
    row = data.queues[queue]
    by_id = {str(loc["id"]): loc for loc in data.locations}
    destination = str(row["destination"])
    return {
        "aht": float(row["aht_seconds"]),
        "target_sl": float(row["target_sl"]),
        "fcr": float(row["fcr"]),
        "base_wage": float(by_id[HOME]["base_wage"]),
        "attrition": float(by_id[destination]["annual_attrition"]),
        "destination": destination,
    }
