"""Cost per resolved contact, total cost of ownership and ROI for sourcing decisions.

The hourly rate is the wrong unit for comparing locations.  A contact centre buys resolved
customer issues, and one resolved issue costs

    productive-hour cost x hours per contact x contacts per resolution, plus overheads.

Each step is a plain function so a notebook can show it, and every input is a named
assumption: :data:`REFERENCE_RANGES` holds the figures from the course's domain-facts file
with their units and sources.  They are indicative ranges (most come from vendors and
consultants), never laws.  The model is pure arithmetic: no I/O, no randomness, no rounding
inside; round only for display.

Worked example: a cheap offshore rate can lose per resolved contact
--------------------------------------------------------------------
Take a nearshore team at the low end of the billed range (28 USD/h) running well, and an
offshore team at the top of its range (18 USD/h) running less well: FCR at SQM's 67 %
example rather than the 80 % world-class mark, more rework and governance (both
illustrative), night-shift shrinkage at 35 % (within OpsDog's 13-39 %) and attrition at the
top of the Philippine range.  Both bill per paid hour, both run at 80 % occupancy with a
6-minute AHT, and the client pays 120 training hours at the billed rate for every new hire
(illustrative):

>>> def per_resolved(rate, *, shrinkage, fcr, rework, governance, attrition):
...     return cost_per_resolved_contact(
...         cost_per_productive_hour(billed_rate=rate, shrinkage=shrinkage, occupancy=0.80),
...         aht_seconds=360, fcr=fcr, rework_share=rework, governance_share=governance,
...         annual_attrition=attrition, cost_per_hire=120 * rate,
...         productive_hours_per_agent_year=productive_hours(2080, shrinkage=shrinkage, occupancy=0.80))
>>> near = per_resolved(28.0, shrinkage=0.27, fcr=0.80, rework=0.05, governance=0.05, attrition=0.20)
>>> off = per_resolved(18.0, shrinkage=0.35, fcr=0.67, rework=0.15, governance=0.15, attrition=0.45)
>>> round(1 - 18.0 / 28.0, 2)  # the offshore rate is 36 % lower per hour ...
0.36
>>> round(near.cost_per_contact, 2), round(off.cost_per_contact, 2)  # ... and 28 % lower per contact
(4.79, 3.46)
>>> round(near.contacts_per_resolution, 2), round(off.contacts_per_resolution, 2)
(1.25, 1.49)
>>> round(near.total, 2), round(off.total, 2)  # ... but dearer per resolved contact
(6.68, 6.99)
>>> for label, usd in off.components().items():
...     print(f"{label:<22} {usd:5.2f}  (nearshore {near.components()[label]:.2f})")
First contact           3.46  (nearshore 4.79)
Repeat contacts         1.70  (nearshore 1.20)
Rework                  0.77  (nearshore 0.30)
QA and governance       0.89  (nearshore 0.31)
Attrition replacement   0.15  (nearshore 0.07)

Repeats, rework and governance turn a 36 % hourly saving into a 5 % loss.  This is a corner
of the ranges chosen to show the mechanism, not a forecast: with mid-range rates and equal
quality the offshore team costs about half as much per resolved contact.

>>> mid_near = per_resolved(31.5, shrinkage=0.27, fcr=0.70, rework=0.05, governance=0.05, attrition=0.30)
>>> mid_off = per_resolved(15.0, shrinkage=0.27, fcr=0.70, rework=0.05, governance=0.05, attrition=0.38)
>>> round(mid_near.total, 2), round(mid_off.total, 2)
(8.64, 4.13)

The lesson is the unit, not the winner: compare locations per resolved contact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from itertools import accumulate
from numbers import Integral, Real

SECONDS_PER_HOUR = 3600


# --------------------------------------------------------------------------- assumptions


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


_SHARE = "share (0-1)"
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


# --------------------------------------------------------------------------- validation
# Every check names the argument first, so a learner's ValueError says which input is wrong.


def _finite(name: str, value: float) -> float:
    # numbers.Real also admits numpy scalars, which is what a value read from a DataFrame is.
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def _non_negative(name: str, value: float) -> float:
    if _finite(name, value) < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return float(value)


def _positive(name: str, value: float) -> float:
    if _finite(name, value) <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return float(value)


def _share(name: str, value: float) -> float:
    """A share of something that must leave a remainder: [0, 1)."""
    if not 0 <= _finite(name, value) < 1:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return float(value)


def _rate_of_success(name: str, value: float) -> float:
    """A share we divide by (occupancy, FCR, productivity): (0, 1]."""
    if not 0 < _finite(name, value) <= 1:
        raise ValueError(f"{name} must be in (0, 1], got {value}")
    return float(value)


def _whole(name: str, value: int, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


# --------------------------------------------------------------------------- hours


def productive_hours(paid_hours: float, *, shrinkage: float, occupancy: float) -> float:
    """Hours actually spent handling contacts out of ``paid_hours``.

    productive = paid x (1 - shrinkage) x occupancy.  Shrinkage (breaks, training, absence,
    meetings) removes paid time from the schedule; occupancy is the busy share of what is left.

    >>> productive_hours(2080, shrinkage=0.25, occupancy=0.80)  # a 40-hour week for a year
    1248.0
    """
    paid = _non_negative("paid_hours", paid_hours)
    return paid * (1 - _share("shrinkage", shrinkage)) * _rate_of_success("occupancy", occupancy)


def cost_per_productive_hour(
    *,
    shrinkage: float,
    occupancy: float,
    billed_rate: float | None = None,
    base_wage: float | None = None,
    benefits_load: float | None = None,
    overhead_per_hour: float | None = None,
) -> float:
    """USD for one hour actually spent handling contacts (talk, hold and wrap-up).

    Give either a vendor's ``billed_rate`` (USD per paid hour, already fully loaded) or the
    in-house parts: ``base_wage`` (USD/h), ``benefits_load`` (share of base wage, e.g. 0.45)
    and ``overhead_per_hour`` (facilities, IT, supervision; USD per paid hour).  Then

        paid-hour cost = billed_rate, or base_wage x (1 + benefits_load) + overhead_per_hour
        productive-hour cost = paid-hour cost / (1 - shrinkage) / occupancy

    Pass the shrinkage *you pay for*: a vendor billing per logged-in hour has already taken
    shrinkage out of the bill, so pass ``shrinkage=0`` for such a contract.

    >>> cost_per_productive_hour(billed_rate=40.0, shrinkage=0.20, occupancy=0.80)
    62.5
    >>> cost_per_productive_hour(base_wage=10.0, benefits_load=0.5, overhead_per_hour=5.0,
    ...                          shrinkage=0.0, occupancy=1.0)
    20.0
    >>> cost_per_productive_hour(billed_rate=40.0, shrinkage=0.2, occupancy=0)
    Traceback (most recent call last):
    ...
    ValueError: occupancy must be in (0, 1], got 0
    """
    if (billed_rate is None) == (base_wage is None):
        raise ValueError("billed_rate or base_wage: give exactly one of them")
    if billed_rate is not None:
        # A billed rate already carries the vendor's benefits and overhead; adding ours would
        # count them twice.
        for name, extra in (("benefits_load", benefits_load), ("overhead_per_hour", overhead_per_hour)):
            if extra is not None:
                raise ValueError(f"{name} applies to in-house costs only; a billed rate is fully loaded")
        paid_hour = _non_negative("billed_rate", billed_rate)
    else:
        assert base_wage is not None  # for the type checker: exactly one was given
        wage = _non_negative("base_wage", base_wage)
        # A load of 1 or more (benefits dearer than the wage) is almost surely a percent typed
        # as a fraction, so it is refused like the other shares.
        load = _share("benefits_load", 0.0 if benefits_load is None else benefits_load)
        overhead = _non_negative("overhead_per_hour", 0.0 if overhead_per_hour is None else overhead_per_hour)
        paid_hour = wage * (1 + load) + overhead
    return paid_hour / (1 - _share("shrinkage", shrinkage)) / _rate_of_success("occupancy", occupancy)


# --------------------------------------------------------------------------- per contact


def cost_per_contact(cost_per_productive_hour: float, aht_seconds: float) -> float:
    """USD to handle one contact: productive-hour cost x AHT / 3600.

    AHT (average handle time) includes talk, hold and after-contact work.

    >>> cost_per_contact(62.5, 360)
    6.25
    """
    hourly = _non_negative("cost_per_productive_hour", cost_per_productive_hour)
    return hourly * _positive("aht_seconds", aht_seconds) / SECONDS_PER_HOUR


def contacts_per_resolution(fcr: float) -> float:
    """Expected contacts until an issue is resolved: 1 / FCR.

    Model: every contact resolves the issue with probability FCR, independently, and an
    unresolved customer comes back, so the number of contacts is geometric with mean 1/FCR.
    It matches SQM's figures of about 1.5 contacts per resolution at 67 % FCR and 1.2 at 80 %+:

    >>> round(contacts_per_resolution(0.67), 2), contacts_per_resolution(0.80)
    (1.49, 1.25)

    It assumes repeats resolve as often as first contacts and nobody gives up; real repeats
    are often harder (so more contacts) while some customers leave (fewer contacts, lost revenue).
    """
    return 1 / _rate_of_success("fcr", fcr)


_COMPONENT_LABELS = {
    "first_contact": "First contact",
    "repeat_contacts": "Repeat contacts",
    "rework": "Rework",
    "governance": "QA and governance",
    "attrition": "Attrition replacement",
}


@dataclass(frozen=True)
class CostBreakdown:
    """Where the money for one resolved contact goes, each component in USD per resolved contact.

    ``cost_per_contact`` (USD per handled contact) and ``contacts_per_resolution`` are kept
    for context; ``total`` is the sum of the five components.
    """

    cost_per_contact: float
    contacts_per_resolution: float
    first_contact: float
    repeat_contacts: float
    rework: float
    governance: float
    attrition: float

    def components(self) -> dict[str, float]:
        """Readable label -> USD per resolved contact, in a fixed order (for tables and charts)."""
        return {label: getattr(self, field) for field, label in _COMPONENT_LABELS.items()}

    @property
    def labour(self) -> float:
        """Agent handling time per resolution: first contact, repeats and rework (USD)."""
        return self.first_contact + self.repeat_contacts + self.rework

    @property
    def total(self) -> float:
        """USD per resolved contact, all components."""
        return self.labour + self.governance + self.attrition

    def monthly_cost(self, resolved_contacts_per_month: float) -> float:
        """USD per month to resolve this many customer issues: total x volume."""
        return self.total * _non_negative("resolved_contacts_per_month", resolved_contacts_per_month)

    def _repr_html_(self) -> str:
        total = self.total
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left'>{escape(label)}</th>"
            f"<td style='text-align:right'>{usd:,.2f}</td>"
            f"<td style='text-align:right'>{(usd / total if total else 0):.0%}</td></tr>"
            for label, usd in self.components().items()
        )
        return (
            "<table class='decisionlab-cost'>"
            f"<caption>Cost per resolved contact: {self.contacts_per_resolution:.2f} contacts per "
            f"resolution at {self.cost_per_contact:,.2f} USD per contact</caption>"
            "<thead><tr><th scope='col'>Component</th><th scope='col'>USD per resolved contact</th>"
            "<th scope='col'>Share of total</th></tr></thead>"
            f"<tbody>{rows}</tbody>"
            f"<tfoot><tr><th scope='row' style='text-align:left'>Total</th>"
            f"<td style='text-align:right'><strong>{total:,.2f}</strong></td>"
            "<td style='text-align:right'>100%</td></tr></tfoot></table>"
        )


def cost_per_resolved_contact(
    cost_per_productive_hour: float,
    aht_seconds: float,
    fcr: float,
    *,
    rework_share: float = 0.0,
    governance_share: float = 0.0,
    governance_usd_per_month: float = 0.0,
    resolved_contacts_per_month: float | None = None,
    annual_attrition: float = 0.0,
    cost_per_hire: float = 0.0,
    productive_hours_per_agent_year: float | None = None,
) -> CostBreakdown:
    """USD per resolved customer issue, split into components.

    With c = :func:`cost_per_contact` and k = :func:`contacts_per_resolution` (1 / FCR):

    - first contact = c
    - repeat contacts = c x (k - 1)
    - rework = c x k x rework_share.  ``rework_share`` is extra agent work after contacts
      (fixing wrong refunds, reopened tickets) as a share of handling time; the customer
      does not call again, so it is not in FCR.
    - QA and governance = governance_share x labour + governance_usd_per_month /
      resolved_contacts_per_month, where labour = the three lines above.  The share suits a
      management fee or supervision ratio; the monthly USD suits fixed costs (a vendor
      manager, QA analysts: see :func:`qa_cost_per_month`, travel).
    - attrition replacement = annual_attrition x cost_per_hire / productive_hours_per_agent_year
      x hours per resolution, where hours per resolution = k x (1 + rework_share) x AHT / 3600.
      With no rework this is annual attrition x cost per hire / productive contacts per
      agent-year x k.  For a vendor, count only what *you* pay per replacement (training
      hours billed to you); the vendor's own recruiting cost is already in its rate.

    >>> b = cost_per_resolved_contact(62.5, 360, 0.8, rework_share=0.1, governance_share=0.1,
    ...                               annual_attrition=0.5, cost_per_hire=2000,
    ...                               productive_hours_per_agent_year=1000)
    >>> b.cost_per_contact, b.contacts_per_resolution
    (6.25, 1.25)
    >>> for label, usd in b.components().items():
    ...     print(f"{label}: {usd:.6g}")
    First contact: 6.25
    Repeat contacts: 1.5625
    Rework: 0.78125
    QA and governance: 0.859375
    Attrition replacement: 0.1375
    >>> round(b.total, 6)
    9.590625
    """
    c = cost_per_contact(cost_per_productive_hour, aht_seconds)
    k = contacts_per_resolution(fcr)
    rework = _share("rework_share", rework_share)
    fixed = _non_negative("governance_usd_per_month", governance_usd_per_month)
    share = _share("governance_share", governance_share)
    # Attrition is a rate per year: bad centres exceed 100 %, so no upper bound.
    attrition = _non_negative("annual_attrition", annual_attrition)
    per_hire = _non_negative("cost_per_hire", cost_per_hire)

    first, repeats = c, c * (k - 1)
    rework_usd = c * k * rework
    labour = first + repeats + rework_usd

    # The two divisors are needed only when there is something to spread, but a bad value is
    # refused whenever one is given.
    volume = None
    if resolved_contacts_per_month is not None:
        volume = _positive("resolved_contacts_per_month", resolved_contacts_per_month)
    hours = None
    if productive_hours_per_agent_year is not None:
        hours = _positive("productive_hours_per_agent_year", productive_hours_per_agent_year)

    fixed_per_resolution = 0.0
    if fixed > 0:
        if volume is None:
            raise ValueError("resolved_contacts_per_month is needed to spread governance_usd_per_month")
        fixed_per_resolution = fixed / volume

    attrition_usd = 0.0
    if attrition > 0 and per_hire > 0:
        if hours is None:
            raise ValueError("productive_hours_per_agent_year is needed to spread cost_per_hire")
        hours_per_resolution = k * (1 + rework) * float(aht_seconds) / SECONDS_PER_HOUR
        attrition_usd = attrition * per_hire / hours * hours_per_resolution

    return CostBreakdown(
        cost_per_contact=c,
        contacts_per_resolution=k,
        first_contact=first,
        repeat_contacts=repeats,
        rework=rework_usd,
        governance=share * labour + fixed_per_resolution,
        attrition=attrition_usd,
    )


def qa_cost_per_month(
    agents: float,
    *,
    minutes_per_review: float,
    reviewer_cost_per_hour: float,
    scored_contacts_per_agent: float = REFERENCE_RANGES["qa_scored_contacts_per_agent_month"].value,
) -> float:
    """USD per month for QA scoring: agents x scored contacts x review minutes / 60 x reviewer rate.

    The default of 4 scored contacts per agent per month is the vendor-survey figure (low
    confidence).  Feed the result to ``governance_usd_per_month``.

    >>> qa_cost_per_month(100, minutes_per_review=15, reviewer_cost_per_hour=30.0)
    3000.0
    """
    return (
        _non_negative("agents", agents)
        * _non_negative("scored_contacts_per_agent", scored_contacts_per_agent)
        * _non_negative("minutes_per_review", minutes_per_review)
        / 60
        * _non_negative("reviewer_cost_per_hour", reviewer_cost_per_hour)
    )


# --------------------------------------------------------------------------- over time


@dataclass(frozen=True)
class CostOfOwnership:
    """Running costs month by month plus a one-off transition cost paid before month 1 (USD)."""

    monthly_costs: tuple[float, ...]
    transition_cost: float = 0.0

    @property
    def months(self) -> int:
        return len(self.monthly_costs)

    @property
    def cumulative_costs(self) -> tuple[float, ...]:
        """Cost to the end of each month, transition included: T + m_1 + ... + m_i."""
        return tuple(accumulate(self.monthly_costs, initial=self.transition_cost))[1:]

    @property
    def total(self) -> float:
        """Transition cost plus every month's running cost over the horizon."""
        return self.cumulative_costs[-1]


def total_cost_of_ownership(
    monthly_run_cost: float,
    months: int,
    *,
    transition_cost: float = 0.0,
    ramp_months: int = 0,
    ramp_productivity: float = 1.0,
) -> CostOfOwnership:
    """Cost over ``months``: a one-off transition, then the monthly running cost.

    For the first ``ramp_months`` the new team works at ``ramp_productivity`` (e.g. 0.7) of
    its steady pace and needs 1 / productivity as many hours for the same demand, so

        month i cost = monthly_run_cost / ramp_productivity   if i <= ramp_months
                     = monthly_run_cost                        otherwise
        TCO = transition_cost + sum of month costs

    The whole run cost is scaled during ramp-up (fixed governance costs too, a simplification),
    the ramp is flat rather than a curve, and nothing is discounted.  Running the old and the
    new model in parallel belongs in ``transition_cost``.

    >>> tco = total_cost_of_ownership(100.0, 4, transition_cost=50.0, ramp_months=1, ramp_productivity=0.5)
    >>> tco.monthly_costs, tco.cumulative_costs, tco.total
    ((200.0, 100.0, 100.0, 100.0), (250.0, 350.0, 450.0, 550.0), 550.0)
    """
    run = _non_negative("monthly_run_cost", monthly_run_cost)
    horizon = _whole("months", months, 1)
    ramp = _whole("ramp_months", ramp_months, 0)
    if ramp > horizon:
        raise ValueError(f"ramp_months must be <= months ({horizon}), got {ramp}")
    productivity = _rate_of_success("ramp_productivity", ramp_productivity)
    monthly = tuple(run / productivity if i < ramp else run for i in range(horizon))
    return CostOfOwnership(monthly, _non_negative("transition_cost", transition_cost))


@dataclass(frozen=True)
class RoiResult:
    """A current and a proposed model over the same horizon, and what switching earns.

    Savings are current minus proposed, so positive means the proposal is cheaper.
    """

    current: CostOfOwnership
    proposed: CostOfOwnership

    @property
    def months(self) -> int:
        return self.current.months

    @property
    def transition_cost(self) -> float:
        return self.proposed.transition_cost - self.current.transition_cost

    @property
    def monthly_savings(self) -> tuple[float, ...]:
        """Running savings each month, before the transition cost."""
        return tuple(
            c - p for c, p in zip(self.current.monthly_costs, self.proposed.monthly_costs, strict=True)
        )

    @property
    def cumulative_savings(self) -> tuple[float, ...]:
        """Net position at the end of each month: current TCO to date - proposed TCO to date.

        It starts at minus the transition cost and crosses zero at the payback month.
        """
        return tuple(
            c - p for c, p in zip(self.current.cumulative_costs, self.proposed.cumulative_costs, strict=True)
        )

    @property
    def net_savings(self) -> float:
        """Running savings over the horizon minus the transition cost (USD)."""
        return self.cumulative_savings[-1]

    @property
    def payback_month(self) -> int | None:
        """The first month (1-based) whose cumulative savings are >= 0; None if none in the horizon."""
        return next((i for i, s in enumerate(self.cumulative_savings, start=1) if s >= 0), None)

    @property
    def roi(self) -> float | None:
        """(running savings - transition cost) / transition cost; None when nothing is invested."""
        return self.net_savings / self.transition_cost if self.transition_cost > 0 else None

    def summary(self) -> str:
        """One line for logs and screen readers."""
        payback = "no payback" if self.payback_month is None else f"payback in month {self.payback_month}"
        roi = "ROI undefined (no transition cost)" if self.roi is None else f"ROI {self.roi:.0%}"
        return f"Over {self.months} months: net savings {self.net_savings:,.0f} USD, {payback}, {roi}"

    def _repr_html_(self) -> str:
        return f"<p class='decisionlab-roi'>{escape(self.summary())}</p>"


def roi(
    current_monthly_cost: float,
    proposed_monthly_cost: float,
    months: int,
    *,
    transition_cost: float,
    ramp_months: int = 0,
    ramp_productivity: float = 1.0,
) -> RoiResult:
    """Compare staying with the current model against switching to the proposed one.

    Monthly costs are steady-state USD per month for the same demand (e.g.
    :meth:`CostBreakdown.monthly_cost`).  The proposal pays ``transition_cost`` up front and
    ramps up as in :func:`total_cost_of_ownership`; the current model just keeps running.

        monthly saving i     = current_i - proposed_i
        cumulative saving i  = saving_1 + ... + saving_i - transition_cost
        payback month        = first i with cumulative saving i >= 0 (None if never)
        ROI                  = (sum of savings - transition_cost) / transition_cost

    >>> r = roi(100_000.0, 80_000.0, 12, transition_cost=60_000.0, ramp_months=2, ramp_productivity=0.8)
    >>> r.monthly_savings[:3]
    (0.0, 0.0, 20000.0)
    >>> r.cumulative_savings[:6]
    (-60000.0, -60000.0, -40000.0, -20000.0, 0.0, 20000.0)
    >>> r.payback_month, r.net_savings, r.roi
    (5, 140000.0, 2.3333333333333335)
    >>> r.summary()
    'Over 12 months: net savings 140,000 USD, payback in month 5, ROI 233%'
    """
    return RoiResult(
        current=total_cost_of_ownership(current_monthly_cost, months),
        proposed=total_cost_of_ownership(
            proposed_monthly_cost,
            months,
            transition_cost=transition_cost,
            ramp_months=ramp_months,
            ramp_productivity=ramp_productivity,
        ),
    )
