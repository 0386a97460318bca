"""What each lab adds to the shared session: its named charts and consequence views.

Each lab has one module here, named in :data:`LAB_MODULES`.  A lab module may define

* ``consequence_view(lab, decision_id)``: something a notebook can display after that
  decision changes, or ``None`` when the decision has no consequence view;
* ``CHARTS``: a dict of chart name to ``chart(lab)``, for ``lab.chart(name)``.

Modules are imported the first time their lab asks, so opening one lab never pays for the
imports of another (nbgrader executes every lab once per learner).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.notebook.session import Lab

View = Callable[["Lab", str], object | None]
Chart = Callable[["Lab"], object]

LAB_MODULES: dict[str, str] = {
    "00_orientation": "orientation",
    "01_sourcing_models": "sourcing",
    "02_offshore_tradeoffs": "offshore",
    "03_vendor_red_flags": "vendors",
    "04_kpi_diagnosis": "kpis",
    "05_roi_staffing": "staffing",
    "06_launch_govern": "launch",
}


def lab_module(lab_id: str) -> ModuleType | None:
    """The module of ``lab_id``, or ``None`` for a lab without one."""
    name = LAB_MODULES.get(lab_id)
    if name is None:
        return None
    return importlib.import_module(f"{__name__}.{name}")


def charts(lab_id: str) -> dict[str, Chart]:
    """The named charts of a lab (empty when it has none)."""
    module = lab_module(lab_id)
    return dict(getattr(module, "CHARTS", {})) if module else {}


def consequence_view(lab: Lab, decision_id: str) -> object | None:
    module = lab_module(lab.lab_id)
    view: View | None = getattr(module, "consequence_view", None) if module else None
    return view(lab, decision_id) if view else None
