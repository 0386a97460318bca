"""Does cost per resolved contact give hand-checkable figures and move the right way?"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.cost import (
    REFERENCE_RANGES,
    CostBreakdown,
    contacts_per_resolution,
    cost_per_contact,
    cost_per_productive_hour,
    cost_per_resolved_contact,
    productive_hours,
    qa_cost_per_month,
)

R = REFERENCE_RANGES


# --------------------------------------------------------------------------- hand-computed values


def test_cost_per_contact_by_hand():
    """Does a 6-minute contact at 62.5 USD per productive hour cost 6.25 USD?"""
    assert cost_per_contact(62.5, 360) == pytest.approx(6.25)


@pytest.mark.parametrize(("fcr", "sqm_contacts"), [(0.67, 1.5), (0.80, 1.2)])
def test_contacts_per_resolution_matches_sqm(fcr, sqm_contacts):
    """Does 1 / FCR give SQM's 'about 1.5 contacts at 67 %, 1.2 at 80 %+' within 5 %?"""
    assert contacts_per_resolution(fcr) == pytest.approx(sqm_contacts, rel=0.05)


def test_cost_per_resolved_contact_by_hand():
    """Does each component match the hand calculation at 50 % FCR with every overhead switched on?"""
    b = cost_per_resolved_contact(
        62.5,
        360,
        0.5,
        rework_share=0.2,
        governance_share=0.1,
        governance_usd_per_month=1000,
        resolved_contacts_per_month=500,
        annual_attrition=0.5,
        cost_per_hire=1000,
        productive_hours_per_agent_year=1000,
    )
    # c = 6.25, k = 2; labour = 6.25 + 6.25 + 6.25 x 2 x 0.2 = 15
    assert (b.cost_per_contact, b.contacts_per_resolution) == pytest.approx((6.25, 2))
    assert b.first_contact == pytest.approx(6.25)
    assert b.repeat_contacts == pytest.approx(6.25)
    assert b.rework == pytest.approx(2.5)
    assert b.labour == pytest.approx(15)
    # 0.1 x 15 + 1000 / 500
    assert b.governance == pytest.approx(3.5)
    # 0.5 x 1000 / 1000 = 0.5 USD per productive hour, x (2 x 1.2 x 0.1 h) per resolution
    assert b.attrition == pytest.approx(0.12)
    assert b.total == pytest.approx(18.62)
    assert b.monthly_cost(500) == pytest.approx(9310)


def test_attrition_matches_per_contact_formula_without_rework():
    """With no rework, is attrition = rate x cost per hire / contacts per agent-year x contacts/resolution?"""
    hours = productive_hours(2080, shrinkage=0.27, occupancy=0.8)
    b = cost_per_resolved_contact(
        40, 300, 0.7, annual_attrition=0.4, cost_per_hire=3000, productive_hours_per_agent_year=hours
    )
    contacts_per_agent_year = hours * 3600 / 300
    assert b.attrition == pytest.approx(0.4 * 3000 / contacts_per_agent_year / 0.7)


def test_no_overheads_means_labour_only():
    """Without rework, governance or attrition, is a resolved contact just cost per contact / FCR?"""
    b = cost_per_resolved_contact(50, 240, 0.8)
    assert (b.rework, b.governance, b.attrition) == (0, 0, 0)
    assert b.total == pytest.approx(50 * 240 / 3600 / 0.8)


def test_qa_cost_by_hand():
    """Do 100 agents x 4 reviews x 15 minutes at 30 USD/h cost 3000 USD a month?"""
    assert qa_cost_per_month(100, minutes_per_review=15, reviewer_cost_per_hour=30) == pytest.approx(3000)
    assert qa_cost_per_month(
        100, minutes_per_review=15, reviewer_cost_per_hour=30, scored_contacts_per_agent=8
    ) == pytest.approx(6000)


def test_breakdown_table_shows_components_units_and_total():
    """Does the notebook table name every component, the unit and the total?"""
    b = cost_per_resolved_contact(62.5, 360, 0.8, rework_share=0.1)
    html = b._repr_html_()
    for label in b.components():
        assert label in html
    assert "USD per resolved contact" in html and "USD per contact" in html
    assert f"{b.total:,.2f}" in html and "Total" in html


def test_breakdown_components_sum_to_total():
    """Do the five components add up to the total?"""
    b = cost_per_resolved_contact(
        30,
        420,
        0.65,
        rework_share=0.1,
        governance_share=0.05,
        annual_attrition=0.4,
        cost_per_hire=2500,
        productive_hours_per_agent_year=1200,
    )
    assert sum(b.components().values()) == pytest.approx(b.total)
    assert list(b.components()) == [
        "First contact",
        "Repeat contacts",
        "Rework",
        "QA and governance",
        "Attrition replacement",
    ]


def test_us_reference_figures_land_in_the_us_phone_benchmark():
    """Do mid-range US rate, shrinkage and occupancy put a 6-minute phone call in the 8-15 USD benchmark?"""
    hourly = cost_per_productive_hour(
        billed_rate=R["billed_rate_us"].value, shrinkage=R["shrinkage"].value, occupancy=R["occupancy"].value
    )
    benchmark = R["cost_per_contact_phone_us"]
    assert benchmark.low <= cost_per_contact(hourly, 360) <= benchmark.high


def test_cheaper_offshore_rate_can_cost_more_per_resolved_contact():
    """Can an offshore rate well below nearshore still cost more per resolved contact at the range corners?"""
    near_rate, off_rate = R["billed_rate_nearshore"].low, R["billed_rate_offshore"].high

    def per_resolved(rate, shrinkage, fcr, rework, governance, attrition):
        return cost_per_resolved_contact(
            cost_per_productive_hour(billed_rate=rate, shrinkage=shrinkage, occupancy=0.8),
            360,
            fcr,
            rework_share=rework,
            governance_share=governance,
            annual_attrition=attrition,
            cost_per_hire=120 * rate,
            productive_hours_per_agent_year=productive_hours(2080, shrinkage=shrinkage, occupancy=0.8),
        )

    near = per_resolved(
        near_rate, 0.27, R["fcr_world_class"].value, 0.05, 0.05, R["attrition_mexico_bpo"].low
    )
    off = per_resolved(off_rate, 0.35, 0.67, 0.15, 0.15, R["attrition_philippines"].high)
    assert off_rate < near_rate and off.cost_per_contact < near.cost_per_contact
    assert off.total > near.total


# --------------------------------------------------------------------------- properties

rates = st.floats(0, 200, allow_nan=False)
shares = st.floats(0, 0.95, allow_nan=False)


fcrs = st.floats(0.05, 1, allow_nan=False)


ahts = st.floats(1, 3600, allow_nan=False)


attritions = st.floats(0, 2, allow_nan=False)


def _resolved(hourly, aht, fcr, rework, governance, attrition, per_hire=2500.0) -> CostBreakdown:
    return cost_per_resolved_contact(
        hourly,
        aht,
        fcr,
        rework_share=rework,
        governance_share=governance,
        governance_usd_per_month=5000,
        resolved_contacts_per_month=10_000,
        annual_attrition=attrition,
        cost_per_hire=per_hire,
        productive_hours_per_agent_year=1200,
    )


@settings(max_examples=200, deadline=None)
@given(hourly=rates, aht=ahts, fcr=fcrs, rework=shares, governance=shares, attrition=attritions)
def test_resolved_costs_at_least_one_contact(hourly, aht, fcr, rework, governance, attrition):
    """Does a resolved contact always cost at least one contact?"""
    b = _resolved(hourly, aht, fcr, rework, governance, attrition)
    assert b.total >= b.cost_per_contact == cost_per_contact(hourly, aht)


@settings(max_examples=200, deadline=None)
@given(hourly=rates, aht=ahts, fcrs=st.tuples(fcrs, fcrs), rework=shares, attrition=attritions)
def test_lower_fcr_raises_cost_per_resolved_contact(hourly, aht, fcrs, rework, attrition):
    """Does a lower FCR raise (never lower) the cost per resolved contact?"""
    low, high = sorted(fcrs)
    assert (
        _resolved(hourly, aht, low, rework, 0.1, attrition).total
        >= _resolved(hourly, aht, high, rework, 0.1, attrition).total
    )


@settings(max_examples=200, deadline=None)
@given(hourly=rates, aht=ahts, fcr=fcrs, rework=shares, attritions=st.tuples(attritions, attritions))
def test_higher_attrition_raises_cost_per_resolved_contact(hourly, aht, fcr, rework, attritions):
    """Does higher attrition raise (never lower) the cost per resolved contact?"""
    low, high = sorted(attritions)
    assert (
        _resolved(hourly, aht, fcr, rework, 0.1, high).total
        >= _resolved(hourly, aht, fcr, rework, 0.1, low).total
    )


@settings(max_examples=200, deadline=None)
@given(hourly=rates, ahts=st.tuples(ahts, ahts), fcr=fcrs, rework=shares, attrition=attritions)
def test_longer_aht_raises_cost_per_resolved_contact(hourly, ahts, fcr, rework, attrition):
    """Does a longer AHT raise (never lower) the cost per resolved contact?"""
    short, long = sorted(ahts)
    assert (
        _resolved(hourly, long, fcr, rework, 0.1, attrition).total
        >= _resolved(hourly, short, fcr, rework, 0.1, attrition).total
    )


def test_strictly_dearer_examples():
    """Is the cost strictly higher at 60 % than 80 % FCR, at 45 % than 20 % attrition, at 400 s than 300 s?"""
    base = _resolved(40, 300, 0.8, 0.05, 0.1, 0.2)
    assert _resolved(40, 300, 0.6, 0.05, 0.1, 0.2).total > base.total
    assert _resolved(40, 300, 0.8, 0.05, 0.1, 0.45).total > base.total
    assert _resolved(40, 400, 0.8, 0.05, 0.1, 0.2).total > base.total
