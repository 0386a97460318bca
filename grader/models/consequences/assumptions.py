"""The quarter simulation's assumptions, read once from ``assumptions.yaml`` beside this module.

The file holds the numbers and their sources (defaults of every setting, shrinkage and
attrition per location, the cost of a mistake per risk level, the CSAT proxy's weights, the
fit penalty table); this module turns it into typed, checked objects. A malformed file
raises :class:`AssumptionsError` naming the file and the key, when the package is imported.

>>> ASSUMPTIONS["target_seconds"].describe()
'target_seconds: 20 seconds (range 10-30; IFC benchmark: the 20 s of 80/20)'
>>> FIT_RULES[0].attribute, FIT_RULES[0].level, FIT_RULES[0].penalties["offshore"]
('complexity', 'high', 0.12)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from grader.models.bounds import Bounds
from grader.models.consequences.tables import HOME, RATINGS
from grader.models.cost import REFERENCE_RANGES, Assumption

__all__ = [
    "ALLOWED",
    "ASSUMPTIONS",
    "ASSUMPTIONS_FILE",
    "CSAT_WEIGHTS",
    "DEFAULTS",
    "FIT_RULES",
    "RISK_LEVELS",
    "AssumptionsError",
    "FitRule",
    "SimulationAssumptions",
    "load_assumptions",
]

ASSUMPTIONS_FILE = Path(__file__).with_name("assumptions.yaml")

#: What the simulation can run with, whatever a source says: the mechanism's limits.
ALLOWED: Mapping[str, Bounds] = MappingProxyType(
    {
        "service_target": Bounds(0, 1, closed_low=False, closed_high=False),
        "target_seconds": Bounds(0, math.inf, closed_high=False),
        "patience_seconds": Bounds(0, math.inf, closed_low=False),
        "open_hours_per_week": Bounds(0, 168, closed_low=False),
        "volume_noise": Bounds(0, 1, closed_high=False),
        "base_fcr": Bounds(0, 1, closed_low=False),
        "transition_fcr_dip": Bounds(0, 1),
        "ramp_weeks": Bounds(0, math.inf, closed_low=False, closed_high=False),
        "aht_sensitivity": Bounds(0, math.inf, closed_high=False),
        "occupancy": Bounds(0, 1, closed_low=False),
        "error_share_per_fit_point": Bounds(0, math.inf, closed_high=False),
        "escalation_share_per_fit_point": Bounds(0, math.inf, closed_high=False),
        "escalation_effort": Bounds(0, math.inf, closed_high=False),
        "breach_probability": Bounds(0, 1),
        "breach_cost_per_contact": Bounds(0, math.inf, closed_high=False),
        "shrinkage": Bounds(0, 1, closed_high=False),
        "annual_attrition": Bounds(0, math.inf, closed_high=False),
        "error_cost": Bounds(0, math.inf, closed_high=False),
    }
)
#: The risk levels a queue is rated at; each has its own cost of a mistake.
RISK_LEVELS = ("low", "medium", "high")
_PENALTY = Bounds(0, 1, closed_high=False)  # FCR points: a rule cannot take all of it


class AssumptionsError(ValueError):
    """The assumptions file is missing, not YAML, or has a key that is missing, unknown or wrong."""


@dataclass(frozen=True)
class FitRule:
    """FCR points lost when a queue with ``attribute == level`` is served at each location.

    Locations missing from ``penalties`` (in-house) lose nothing.
    """

    attribute: str
    level: str
    penalties: Mapping[str, float]
    reason: str


@dataclass(frozen=True)
class SimulationAssumptions:
    """The assumptions file, read and checked.

    ``settings`` are the defaults of the scalar settings; ``shrinkage`` gives the unit, range
    and source of every location's shrinkage; ``attrition_reference`` names, per location,
    the entry of :data:`~grader.models.cost.REFERENCE_RANGES` that holds its attrition;
    ``error_cost`` is the cost of one mistake per risk level (``low``, ``medium``, ``high``).
    """

    settings: Mapping[str, Assumption]
    weeks: Assumption
    shrinkage: Assumption
    shrinkage_by_location: Mapping[str, float]
    attrition_unit: str
    attrition_reference: Mapping[str, str]
    error_cost: Mapping[str, Assumption]
    csat_weights: tuple[float, float, float]
    fit_rules: tuple[FitRule, ...]

    @property
    def error_cost_by_risk(self) -> Mapping[str, float]:
        """Each risk level's default cost of a mistake, in USD."""
        return {level: figure.value for level, figure in self.error_cost.items()}

    @property
    def attrition_by_location(self) -> Mapping[str, float]:
        """Each location's default annual attrition: the value of its reference."""
        return {loc: REFERENCE_RANGES[key].value for loc, key in self.attrition_reference.items()}


# --------------------------------------------------------------------------- the file's shape


class _Strict(BaseModel):
    # strict: a number written as a string, or true for 1, is a mistake in a data file.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class _Figure(_Strict):
    reference: str | None = None
    value: float | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    source: str | None = None
    source_note: str | None = None


class _Settings(_Strict):
    service_target: _Figure
    target_seconds: _Figure
    patience_seconds: _Figure
    open_hours_per_week: _Figure
    volume_noise: _Figure
    base_fcr: _Figure
    transition_fcr_dip: _Figure
    ramp_weeks: _Figure
    aht_sensitivity: _Figure
    occupancy: _Figure
    error_share_per_fit_point: _Figure
    escalation_share_per_fit_point: _Figure
    escalation_effort: _Figure
    breach_probability: _Figure
    breach_cost_per_contact: _Figure


class _Weeks(_Figure):
    value: int | None = None


class _Shrinkage(_Figure):
    by_location: dict[str, float]


class _Attrition(_Strict):
    unit: str
    by_location: dict[str, str]


class _ErrorCost(_Strict):
    low_risk: _Figure
    medium_risk: _Figure
    high_risk: _Figure


class _CsatWeights(_Strict):
    fcr: float
    service_level: float
    answered: float


class _FitRow(_Strict):
    attribute: str
    level: str
    penalties: dict[str, float]
    reason: str


class _File(_Strict):
    settings: _Settings
    weeks: _Weeks
    shrinkage: _Shrinkage
    annual_attrition: _Attrition
    error_cost: _ErrorCost
    csat_weights: _CsatWeights
    fit_rules: list[_FitRow]


# --------------------------------------------------------------------------- reading


@dataclass
class _KeyProblem(Exception):
    """A mistake at ``key`` of the file, raised while building; the loader adds the file's name."""

    key: str
    message: str


def load_assumptions(path: Path = ASSUMPTIONS_FILE) -> SimulationAssumptions:
    """Read and check an assumptions file; :class:`AssumptionsError` names the file and the key.

    >>> load_assumptions().settings["base_fcr"].value
    0.7
    """
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise AssumptionsError(f"{path}: cannot be read: {error}") from None
    try:
        data = _File.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        key = _dotted(first["loc"]) or "the whole file"
        raise AssumptionsError(f"{path}: {key}: {first['msg']}") from None
    try:
        return _build(data)
    except _KeyProblem as problem:
        raise AssumptionsError(f"{path}: {problem.key}: {problem.message}") from None


def _dotted(loc: tuple[int | str, ...]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def _build(data: _File) -> SimulationAssumptions:
    settings = {
        name: _assumption(f"settings.{name}", name, getattr(data.settings, name))
        for name in _Settings.model_fields
    }
    for name, a in settings.items():
        _check_allowed(f"settings.{name}.value", a.value, ALLOWED[name])
    weeks = _assumption("weeks", "weeks", data.weeks)
    if weeks.value < 1:
        raise _KeyProblem("weeks.value", f"must be a whole number >= 1, got {weeks.value!r}")
    shrinkage = _assumption("shrinkage", "shrinkage", data.shrinkage)
    for loc, value in data.shrinkage.by_location.items():
        _check_allowed(f"shrinkage.by_location.{loc}", value, ALLOWED["shrinkage"])
    for loc, key in data.annual_attrition.by_location.items():
        where = f"annual_attrition.by_location.{loc}"
        _check_allowed(where, _reference(where, key).value, ALLOWED["annual_attrition"])
    for section in ("shrinkage", "annual_attrition"):  # every run needs the home location's
        if HOME not in getattr(data, section).by_location:
            raise _KeyProblem(f"{section}.by_location", f"needs a value for the home location {HOME!r}")
    error_cost = {}
    for level in RISK_LEVELS:
        where = f"error_cost.{level}_risk"
        figure = _assumption(where, f"error_cost[{level}]", getattr(data.error_cost, f"{level}_risk"))
        _check_allowed(f"{where}.value", figure.value, ALLOWED["error_cost"])
        error_cost[level] = figure
    weights = (data.csat_weights.fcr, data.csat_weights.service_level, data.csat_weights.answered)
    if min(weights) < 0 or not math.isclose(sum(weights), 1):
        raise _KeyProblem("csat_weights", f"must be >= 0 and sum to 1, got {weights}")
    return SimulationAssumptions(
        settings=settings,
        weeks=weeks,
        shrinkage=shrinkage,
        shrinkage_by_location=MappingProxyType(dict(data.shrinkage.by_location)),
        attrition_unit=data.annual_attrition.unit,
        attrition_reference=MappingProxyType(dict(data.annual_attrition.by_location)),
        error_cost=MappingProxyType(error_cost),
        csat_weights=weights,
        fit_rules=tuple(_fit_rule(f"fit_rules[{i}]", row) for i, row in enumerate(data.fit_rules)),
    )


def _reference(where: str, key: str) -> Assumption:
    if key not in REFERENCE_RANGES:
        raise _KeyProblem(where, f"{key!r} is not in grader.models.cost.REFERENCE_RANGES")
    return REFERENCE_RANGES[key]


_FIGURE_FIELDS = ("value", "unit", "low", "high", "source")


def _assumption(where: str, name: str, figure: _Figure) -> Assumption:
    """The figure's own fields over those of its reference (if any), as a named assumption."""
    fields = {}
    if figure.reference is not None:
        reference = _reference(f"{where}.reference", figure.reference)
        fields = {k: getattr(reference, k) for k in _FIGURE_FIELDS}
    fields.update({k: v for k in _FIGURE_FIELDS if (v := getattr(figure, k)) is not None})
    missing = [k for k in _FIGURE_FIELDS if k not in fields]
    if missing:
        raise _KeyProblem(where, f"needs {', '.join(missing)} (or a reference that has them)")
    if figure.source_note is not None:
        fields["source"] = f"{fields['source']}; {figure.source_note}"
    try:
        return Assumption(name=name, **fields)
    except ValueError as error:  # the value lies outside its own range, or unit or source is blank
        raise _KeyProblem(where, str(error).removeprefix(f"{name}: ")) from None


def _check_allowed(where: str, value: float, bounds: Bounds) -> None:
    if value not in bounds:
        raise _KeyProblem(where, f"must be in {bounds} for the simulation, got {value!r}")


def _fit_rule(where: str, row: _FitRow) -> FitRule:
    if row.attribute not in (*RATINGS, "language"):
        raise _KeyProblem(f"{where}.attribute", f"must be one of {', '.join(RATINGS)}, language")
    for loc, points in row.penalties.items():
        if loc == HOME:
            raise _KeyProblem(
                f"{where}.penalties.{loc}", "the home location is the reference: it loses nothing"
            )
        _check_allowed(f"{where}.penalties.{loc}", points, _PENALTY)
    return FitRule(row.attribute, row.level, dict(row.penalties), row.reason)


#: The file as read: the defaults of every run, with their sources.
DEFAULTS: SimulationAssumptions = load_assumptions()

#: Every scalar setting's default, with its unit, the range its source supports and the source.
ASSUMPTIONS: dict[str, Assumption] = dict(DEFAULTS.settings)
#: CSAT proxy weights on FCR, service level and (1 - abandon rate); they sum to 1.
CSAT_WEIGHTS: tuple[float, float, float] = DEFAULTS.csat_weights
#: The fit penalty table: one row per attribute level that travels badly, with the reason.
FIT_RULES: tuple[FitRule, ...] = DEFAULTS.fit_rules
