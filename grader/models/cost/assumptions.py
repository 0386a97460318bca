"""Named assumptions: every figure the cost model uses, with its unit, range and source.

:data:`REFERENCE_RANGES` holds the figures from the course's domain-facts file. They are
indicative ranges (most come from vendors and consultants), never laws.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REFERENCE_RANGES", "Assumption"]


@dataclass(frozen=True)
class Assumption:
    """One named input with its unit, its source and the range the source supports.

    ``value`` is the figure the course uses by default: the midpoint of the range unless the
    source names a typical figure (an average, a median).

    >>> a = Assumption("occupancy", 0.80, "share of logged-in time", "ICMI via TMCnet", 0.75, 0.85)
    >>> a.describe()
    'occupancy: 0.8 share of logged-in time (range 0.75-0.85; ICMI via TMCnet)'
    >>> Assumption("x", 2.0, "USD", "nowhere", 0.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: x: value 2.0 is outside its range [0.0, 1.0]
    """

    name: str
    value: float
    unit: str
    source: str
    low: float
    high: float

    def __post_init__(self) -> None:
        if not self.unit or not self.source:
            raise ValueError(f"{self.name}: an assumption needs a unit and a source")
        if not self.low <= self.value <= self.high:
            raise ValueError(
                f"{self.name}: value {self.value} is outside its range [{self.low}, {self.high}]"
            )

    def describe(self) -> str:
        """One line for a table or a tooltip: name, value, unit, range and source."""
        return f"{self.name}: {self.value:g} {self.unit} (range {self.low:g}-{self.high:g}; {self.source})"


def _catalogue(*items: Assumption) -> dict[str, Assumption]:
    return {a.name: a for a in items}


_USD_H = "USD per hour"
_PER_YEAR = "share of headcount leaving per year"
_WAGES = "Site Selection Group, 2024 (indicative)"
_BILLED = "PITON-Global, 2025 (a Philippine vendor, so biased; vendor figure, low confidence)"
_LOAD = "domain-facts regional table, source not named there (indicative)"

#: The figures from ``shared/reference/domain-facts.md`` that this model uses, keyed by name.
REFERENCE_RANGES: dict[str, Assumption] = _catalogue(
    Assumption(
        "occupancy",
        0.80,
        "share of logged-in time spent handling contacts",
        "ICMI via TMCnet (indicative): 75-85 % sustainable; above ~90 % burns agents out",
        0.75,
        0.85,
    ),
    Assumption(
        "shrinkage",
        0.27,
        "share of paid time not available for contacts",
        "OpsDog (indicative): average 27 %, range 13-39 %",
        0.13,
        0.39,
    ),
    # SQM gives an average and a world-class mark, not a spread: the range below runs from
    # SQM's own 67 % repeat-contact example to the 80 % world-class mark.
    Assumption(
        "fcr",
        0.70,
        "share of issues resolved on the first contact",
        "SQM Group (indicative): average 70 %; 67 % is SQM's repeat-contact example, 80 %+ world-class",
        0.67,
        0.80,
    ),
    Assumption(
        "fcr_world_class",
        0.80,
        "share of issues resolved on the first contact",
        "SQM Group (indicative): 80 %+ is world-class, reached by about 5 % of centers",
        0.80,
        1.0,
    ),
    Assumption(
        "attrition_us", 0.375, _PER_YEAR, "QATC; ContactBabel (indicative): 30-45 % a year", 0.30, 0.45
    ),
    Assumption("attrition_mexico_bpo", 0.30, _PER_YEAR, f"{_LOAD}: 20-40 % (BPO)", 0.20, 0.40),
    Assumption("attrition_philippines", 0.38, _PER_YEAR, "CCAP/WTW (indicative): 31-45 %", 0.31, 0.45),
    Assumption("billed_rate_us", 52.5, _USD_H, f"{_BILLED}: 45-60, fully loaded", 45.0, 60.0),
    Assumption(
        "billed_rate_nearshore", 31.5, _USD_H, f"{_BILLED}: 28-35 (Mexico, Colombia, Costa Rica)", 28.0, 35.0
    ),
    Assumption("billed_rate_offshore", 15.0, _USD_H, f"{_BILLED}: 12-18 (Philippines, India)", 12.0, 18.0),
    Assumption("base_wage_us", 19.0, _USD_H, f"{_WAGES}: 17 entry, 19 median", 17.0, 19.0),
    Assumption("base_wage_mexico", 5.5, _USD_H, f"{_WAGES}: 5-6", 5.0, 6.0),
    Assumption("base_wage_colombia", 4.5, _USD_H, f"{_WAGES}: 4-5", 4.0, 5.0),
    Assumption("base_wage_costa_rica", 6.5, _USD_H, f"{_WAGES}: 6-7", 6.0, 7.0),
    Assumption("base_wage_philippines", 2.5, _USD_H, f"{_WAGES}: 2-3", 2.0, 3.0),
    Assumption("base_wage_india", 2.5, _USD_H, f"{_WAGES}: 2-3", 2.0, 3.0),
    Assumption("benefits_load_mexico", 0.45, "share of base wage", f"{_LOAD}: 40-50 %", 0.40, 0.50),
    Assumption("benefits_load_colombia", 0.45, "share of base wage", f"{_LOAD}: 40-50 %", 0.40, 0.50),
    Assumption("benefits_load_costa_rica", 0.45, "share of base wage", f"{_LOAD}: 40-50 %", 0.40, 0.50),
    Assumption("benefits_load_philippines", 0.45, "share of base wage", f"{_LOAD}: 40-50 %", 0.40, 0.50),
    Assumption("benefits_load_india", 0.25, "share of base wage", f"{_LOAD}: 20-30 %", 0.20, 0.30),
    Assumption(
        "inhouse_loaded_multiple",
        2.25,
        "x base wage (fully loaded cost per paid hour)",
        "domain-facts (indicative): in-house fully loaded cost is roughly 2-2.5x base wage",
        2.0,
        2.5,
    ),
    Assumption(
        "qa_scored_contacts_per_agent_month",
        4.0,
        "scored contacts per agent per month",
        "vendor surveys (low confidence): about 4",
        4.0,
        4.0,
    ),
    # Not an input: a check on the model's output (see the tests), US phone contacts.
    Assumption(
        "cost_per_contact_phone_us",
        11.5,
        "USD per phone contact",
        "vendor figure, low confidence: phone 8-15 (US)",
        8.0,
        15.0,
    ),
)
