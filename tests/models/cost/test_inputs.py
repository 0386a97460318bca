"""Does every cost function refuse a bad input by naming the argument, and accept what is merely rare?"""

from __future__ import annotations

import pytest

from grader.models.cost import (
    contacts_per_resolution,
    cost_per_contact,
    cost_per_productive_hour,
    cost_per_resolved_contact,
    productive_hours,
    qa_cost_per_month,
    roi,
    total_cost_of_ownership,
)

# --------------------------------------------------------------------------- bad inputs

BAD_INPUTS = [
    ("billed_rate", lambda: cost_per_productive_hour(billed_rate=-1, shrinkage=0.2, occupancy=0.8)),
    ("billed_rate", lambda: cost_per_productive_hour(billed_rate=float("nan"), shrinkage=0.2, occupancy=0.8)),
    ("base_wage", lambda: cost_per_productive_hour(base_wage=-5, shrinkage=0.2, occupancy=0.8)),
    (
        "benefits_load",
        lambda: cost_per_productive_hour(base_wage=5, benefits_load=45, shrinkage=0, occupancy=1),
    ),
    (
        "overhead_per_hour",
        lambda: cost_per_productive_hour(base_wage=5, overhead_per_hour=-1, shrinkage=0, occupancy=1),
    ),
    ("shrinkage", lambda: cost_per_productive_hour(billed_rate=30, shrinkage=1, occupancy=0.8)),
    ("shrinkage", lambda: cost_per_productive_hour(billed_rate=30, shrinkage=-0.1, occupancy=0.8)),
    ("occupancy", lambda: cost_per_productive_hour(billed_rate=30, shrinkage=0.2, occupancy=0)),
    ("occupancy", lambda: cost_per_productive_hour(billed_rate=30, shrinkage=0.2, occupancy=1.2)),
    ("billed_rate or base_wage", lambda: cost_per_productive_hour(shrinkage=0.2, occupancy=0.8)),
    (
        "billed_rate or base_wage",
        lambda: cost_per_productive_hour(billed_rate=30, base_wage=5, shrinkage=0.2, occupancy=0.8),
    ),
    (
        "benefits_load",
        lambda: cost_per_productive_hour(billed_rate=30, benefits_load=0.4, shrinkage=0.2, occupancy=0.8),
    ),
    ("paid_hours", lambda: productive_hours(-1, shrinkage=0.2, occupancy=0.8)),
    ("cost_per_productive_hour", lambda: cost_per_contact(-1, 300)),
    ("aht_seconds", lambda: cost_per_contact(50, 0)),
    ("aht_seconds", lambda: cost_per_contact(50, float("inf"))),
    ("fcr", lambda: contacts_per_resolution(0)),
    ("fcr", lambda: cost_per_resolved_contact(50, 300, 1.1)),
    ("rework_share", lambda: cost_per_resolved_contact(50, 300, 0.7, rework_share=1)),
    ("governance_share", lambda: cost_per_resolved_contact(50, 300, 0.7, governance_share=-0.1)),
    (
        "governance_usd_per_month",
        lambda: cost_per_resolved_contact(50, 300, 0.7, governance_usd_per_month=-1),
    ),
    (
        "resolved_contacts_per_month",
        lambda: cost_per_resolved_contact(50, 300, 0.7, governance_usd_per_month=1000),
    ),
    (
        "resolved_contacts_per_month",
        lambda: cost_per_resolved_contact(
            50, 300, 0.7, governance_usd_per_month=1000, resolved_contacts_per_month=0
        ),
    ),
    ("annual_attrition", lambda: cost_per_resolved_contact(50, 300, 0.7, annual_attrition=-0.3)),
    ("cost_per_hire", lambda: cost_per_resolved_contact(50, 300, 0.7, cost_per_hire=-1)),
    (
        "productive_hours_per_agent_year",
        lambda: cost_per_resolved_contact(50, 300, 0.7, annual_attrition=0.3, cost_per_hire=2000),
    ),
    (
        "productive_hours_per_agent_year",
        lambda: cost_per_resolved_contact(50, 300, 0.7, productive_hours_per_agent_year=0),
    ),
    ("resolved_contacts_per_month", lambda: cost_per_resolved_contact(50, 300, 0.7).monthly_cost(-1)),
    ("agents", lambda: qa_cost_per_month(-1, minutes_per_review=10, reviewer_cost_per_hour=30)),
    ("minutes_per_review", lambda: qa_cost_per_month(10, minutes_per_review=-1, reviewer_cost_per_hour=30)),
    ("monthly_run_cost", lambda: total_cost_of_ownership(-1, 12)),
    ("months", lambda: total_cost_of_ownership(100, 0)),
    ("months", lambda: total_cost_of_ownership(100, 12.0)),
    ("months", lambda: total_cost_of_ownership(100, True)),
    ("transition_cost", lambda: total_cost_of_ownership(100, 12, transition_cost=-1)),
    ("ramp_months", lambda: total_cost_of_ownership(100, 12, ramp_months=-1)),
    ("ramp_months", lambda: total_cost_of_ownership(100, 12, ramp_months=13)),
    ("ramp_productivity", lambda: total_cost_of_ownership(100, 12, ramp_months=2, ramp_productivity=0)),
    ("transition_cost", lambda: roi(100, 90, 12, transition_cost=-5)),
    ("months", lambda: roi(100, 90, 0, transition_cost=5)),
]


@pytest.mark.parametrize(
    ("name", "call"), BAD_INPUTS, ids=[f"{i}-{n}" for i, (n, _) in enumerate(BAD_INPUTS)]
)
def test_bad_input_raises_valueerror_naming_the_argument(name, call):
    """Does a bad input raise a ValueError whose message starts with the argument's name?"""
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value).startswith(name)


def test_attrition_above_one_is_allowed():
    """Is attrition above 100 % a year accepted, since bad centres do lose more than their headcount?"""
    b = cost_per_resolved_contact(
        50, 300, 0.7, annual_attrition=1.2, cost_per_hire=2000, productive_hours_per_agent_year=1200
    )
    assert b.attrition > 0
