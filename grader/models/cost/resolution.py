"""What one handled contact and one resolved issue cost, component by component.

A contact centre buys resolved customer issues, and one resolved issue costs

    productive-hour cost x hours per contact x contacts per resolution, plus overheads.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from grader.models.cost.assumptions import REFERENCE_RANGES
from grader.models.cost.inputs import _non_negative, _positive, _rate_of_success, _share

__all__ = [
    "SECONDS_PER_HOUR",
    "CostBreakdown",
    "contacts_per_resolution",
    "cost_per_contact",
    "cost_per_resolved_contact",
    "qa_cost_per_month",
]

SECONDS_PER_HOUR = 3600


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
