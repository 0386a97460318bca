"""The settings of one run of the quarter simulation: its named assumptions, checked.

Defaults, units, ranges and sources come from ``assumptions.yaml``
(:mod:`grader.models.consequences.assumptions`); a run may change any of them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

from grader.models.bounds import Bounds
from grader.models.consequences.assumptions import (
    ALLOWED,
    ASSUMPTIONS,
    DEFAULTS,
    FIT_RULES,
    RISK_LEVELS,
    FitRule,
)
from grader.models.cost import REFERENCE_RANGES

__all__ = ["SimulationSettings"]


@dataclass(frozen=True)
class SimulationSettings:
    """The model's named assumptions; defaults and sources in :data:`ASSUMPTIONS`.

    ``shrinkage`` and ``annual_attrition`` are per location id (shares of paid time and of
    headcount per year). ``error_cost`` is the cost of one costly mistake per risk level
    (``low``, ``medium``, ``high``), in USD. ``fit_rules`` is the fit penalty table.

    >>> SimulationSettings().service_target, SimulationSettings().annual_attrition["nearshore"]
    (0.8, 0.3)
    >>> SimulationSettings(base_fcr=1.2)
    Traceback (most recent call last):
    ...
    ValueError: base_fcr must be in (0, 1], got 1.2
    """

    weeks: int = int(DEFAULTS.weeks.value)
    service_target: float = ASSUMPTIONS["service_target"].value
    target_seconds: float = ASSUMPTIONS["target_seconds"].value
    patience_seconds: float = ASSUMPTIONS["patience_seconds"].value
    open_hours_per_week: float = ASSUMPTIONS["open_hours_per_week"].value
    volume_noise: float = ASSUMPTIONS["volume_noise"].value
    base_fcr: float = ASSUMPTIONS["base_fcr"].value
    transition_fcr_dip: float = ASSUMPTIONS["transition_fcr_dip"].value
    ramp_weeks: float = ASSUMPTIONS["ramp_weeks"].value
    aht_sensitivity: float = ASSUMPTIONS["aht_sensitivity"].value
    occupancy: float = ASSUMPTIONS["occupancy"].value
    error_share_per_fit_point: float = ASSUMPTIONS["error_share_per_fit_point"].value
    escalation_share_per_fit_point: float = ASSUMPTIONS["escalation_share_per_fit_point"].value
    escalation_effort: float = ASSUMPTIONS["escalation_effort"].value
    breach_probability: float = ASSUMPTIONS["breach_probability"].value
    breach_cost_per_contact: float = ASSUMPTIONS["breach_cost_per_contact"].value
    shrinkage: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULTS.shrinkage_by_location))
    annual_attrition: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULTS.attrition_by_location)
    )
    error_cost: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULTS.error_cost_by_risk))
    fit_rules: tuple[FitRule, ...] = FIT_RULES

    def __post_init__(self) -> None:
        if isinstance(self.weeks, bool) or not isinstance(self.weeks, int) or self.weeks < 1:
            raise ValueError(f"weeks must be a whole number >= 1, got {self.weeks!r}")
        for name in DEFAULTS.settings:
            _check_range(name, getattr(self, name), ALLOWED[name])
        for loc, value in self.shrinkage.items():
            _check_range(f"shrinkage[{loc!r}]", value, ALLOWED["shrinkage"])
        for loc, value in self.annual_attrition.items():
            _check_range(f"annual_attrition[{loc!r}]", value, ALLOWED["annual_attrition"])
        if sorted(self.error_cost) != sorted(RISK_LEVELS):
            levels = ", ".join(RISK_LEVELS)
            raise ValueError(
                f"error_cost needs one value for each risk level ({levels}), got {sorted(self.error_cost)}"
            )
        for level, value in self.error_cost.items():
            _check_range(f"error_cost[{level!r}]", value, ALLOWED["error_cost"])

    def table(self) -> pd.DataFrame:
        """Every assumption as used: name, value, unit, source range and source (for review)."""
        rows = []
        for f in fields(self):
            if f.name in ASSUMPTIONS:
                a = ASSUMPTIONS[f.name]
                rows.append((f.name, getattr(self, f.name), a.unit, a.low, a.high, a.source))
        weeks = DEFAULTS.weeks
        rows.append(("weeks", self.weeks, weeks.unit, weeks.low, weeks.high, weeks.source))
        shrink = DEFAULTS.shrinkage
        for loc, value in self.shrinkage.items():
            rows.append((f"shrinkage[{loc}]", value, shrink.unit, shrink.low, shrink.high, shrink.source))
        for loc, value in self.annual_attrition.items():
            ref = REFERENCE_RANGES.get(DEFAULTS.attrition_reference.get(loc, ""))
            low, high, source = (ref.low, ref.high, ref.source) if ref else (math.nan, math.nan, "user input")
            rows.append((f"annual_attrition[{loc}]", value, DEFAULTS.attrition_unit, low, high, source))
        for level, value in self.error_cost.items():
            a = DEFAULTS.error_cost[level]
            rows.append((f"error_cost[{level}]", value, a.unit, a.low, a.high, a.source))
        return pd.DataFrame(rows, columns=["name", "value", "unit", "low", "high", "source"])


def _check_range(name: str, value: object, bounds: Bounds) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value in bounds
    if not ok:
        raise ValueError(f"{name} must be in {bounds}, got {value!r}")
