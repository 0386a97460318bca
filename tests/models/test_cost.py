"""Does the cost model give hand-checkable figures, move the right way and refuse bad inputs?"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.cost import (
    REFERENCE_RANGES,
    Assumption,
    CostBreakdown,
    contacts_per_resolution,
    cost_per_contact,
    cost_per_productive_hour,
    cost_per_resolved_contact,
    productive_hours,
    qa_cost_per_month,
    roi,
    total_cost_of_ownership,
)

R = REFERENCE_RANGES

# --------------------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("key", sorted(R))
def test_every_assumption_has_unit_source_and_range(key):
    """Does every assumption carry a unit, a source and a value inside its range, under its own name?"""
    a = R[key]
    assert a.name == key
    assert a.unit.strip() and a.source.strip()
    assert a.low <= a.value <= a.high


@pytest.mark.parametrize("key", sorted(R))
def test_every_source_says_how_far_to_trust_it(key):
    """Does every source say it is indicative or low confidence, never a law?"""
    source = R[key].source
    assert "indicative" in source or "low confidence" in source


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [
        ("occupancy", 0.75, 0.85),
        ("shrinkage", 0.13, 0.39),
        ("attrition_us", 0.30, 0.45),
        ("attrition_mexico_bpo", 0.20, 0.40),
        ("attrition_philippines", 0.31, 0.45),
        ("billed_rate_us", 45, 60),
        ("billed_rate_nearshore", 28, 35),
        ("billed_rate_offshore", 12, 18),
        ("base_wage_us", 17, 19),
        ("base_wage_mexico", 5, 6),
        ("base_wage_philippines", 2, 3),
        ("benefits_load_mexico", 0.40, 0.50),
        ("inhouse_loaded_multiple", 2.0, 2.5),
    ],
)
def test_ranges_match_the_reference_file(key, low, high):
    """Are the ranges the ones in domain-facts.md?"""
    assert (R[key].low, R[key].high) == (low, high)


def test_named_reference_figures():
    """Are the single figures the reference names (averages, marks) the default values?"""
    assert R["shrinkage"].value == 0.27
    assert R["fcr"].value == 0.70
    assert R["fcr_world_class"].value == 0.80
    assert R["qa_scored_contacts_per_agent_month"].value == 4


def test_vendor_rates_are_flagged_low_confidence():
    """Do the vendor's billed rates say they are low confidence and biased?"""
    for key in ("billed_rate_us", "billed_rate_nearshore", "billed_rate_offshore"):
        assert "low confidence" in R[key].source and "PITON-Global" in R[key].source


def test_assumption_outside_its_range_is_refused():
    """Is an assumption whose value lies outside its own range refused, by name?"""
    with pytest.raises(ValueError, match="^fcr: value 0.9"):
        Assumption("fcr", 0.9, "share", "SQM Group", 0.67, 0.80)
    with pytest.raises(ValueError, match="^x: an assumption needs a unit"):
        Assumption("x", 1.0, "", "somewhere", 0.0, 2.0)


# --------------------------------------------------------------------------- hand-computed values


def test_productive_hours_by_hand():
    """Is a 2080-hour year at 25 % shrinkage and 80 % occupancy 1248 productive hours?"""
    assert productive_hours(2080, shrinkage=0.25, occupancy=0.8) == pytest.approx(1248)


def test_billed_rate_per_productive_hour_by_hand():
    """Does 40 USD/h at 20 % shrinkage and 80 % occupancy cost 40 / 0.8 / 0.8 = 62.5 per productive hour?"""
    assert cost_per_productive_hour(billed_rate=40, shrinkage=0.2, occupancy=0.8) == pytest.approx(62.5)


def test_inhouse_rate_per_productive_hour_by_hand():
    """Does an in-house hour of 10 x 1.5 + 5 = 20 USD become 20 / 0.64 = 31.25 per productive hour?"""
    cost = cost_per_productive_hour(
        base_wage=10, benefits_load=0.5, overhead_per_hour=5, shrinkage=0.2, occupancy=0.8
    )
    assert cost == pytest.approx(31.25)


def test_inhouse_defaults_to_no_load_and_no_overhead():
    """Is a bare wage with no shrinkage at full occupancy just the wage?"""
    assert cost_per_productive_hour(base_wage=18, shrinkage=0, occupancy=1) == 18


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


# --------------------------------------------------------------------------- over time, by hand


def test_tco_by_hand():
    """Is TCO the transition plus each month, with ramp-up months divided by productivity?"""
    tco = total_cost_of_ownership(100, 4, transition_cost=50, ramp_months=1, ramp_productivity=0.5)
    assert tco.monthly_costs == (200, 100, 100, 100)
    assert tco.cumulative_costs == (250, 350, 450, 550)
    assert (tco.total, tco.months) == (550, 4)


def test_roi_by_hand():
    """Does a 20k monthly saving after a 60k transition and two flat ramp months pay back in month 5?"""
    r = roi(100_000, 80_000, 12, transition_cost=60_000, ramp_months=2, ramp_productivity=0.8)
    assert r.monthly_savings == pytest.approx((0, 0) + (20_000,) * 10)
    assert r.cumulative_savings[:6] == pytest.approx((-60_000, -60_000, -40_000, -20_000, 0, 20_000))
    assert r.payback_month == 5
    assert r.net_savings == pytest.approx(140_000)
    assert r.roi == pytest.approx(140_000 / 60_000)
    assert "payback in month 5" in r._repr_html_()


def test_no_payback_when_the_proposal_costs_more():
    """Is the payback month None, and ROI below -100 %, when the proposal is dearer every month?"""
    r = roi(100, 120, 24, transition_cost=1000)
    assert r.payback_month is None
    assert r.roi == pytest.approx((-20 * 24 - 1000) / 1000)
    assert "no payback" in r.summary()


def test_no_payback_within_a_short_horizon():
    """Is the payback None when savings would recover the transition only after the horizon?"""
    assert roi(100, 90, 5, transition_cost=100).payback_month is None
    assert roi(100, 90, 10, transition_cost=100).payback_month == 10


def test_roi_undefined_without_transition_cost():
    """Is ROI None, not infinite, when nothing is invested, and is payback then immediate?"""
    r = roi(100, 90, 3, transition_cost=0)
    assert r.roi is None and r.payback_month == 1


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


@settings(max_examples=200, deadline=None)
@given(shrinkage=st.tuples(shares, shares), occupancy=st.floats(0.05, 1))
def test_more_shrinkage_dearer_productive_hour(shrinkage, occupancy):
    """Does more shrinkage make a productive hour dearer, and is it never cheaper than the paid hour?"""
    low, high = sorted(shrinkage)
    cheap = cost_per_productive_hour(billed_rate=30, shrinkage=low, occupancy=occupancy)
    assert cost_per_productive_hour(billed_rate=30, shrinkage=high, occupancy=occupancy) >= cheap >= 30


# Whole-dollar costs and productivities of 1, 1/2 or 1/4 keep every sum exact, so the payback
# properties can be checked with no float tolerance.
whole_usd = st.integers(0, 1_000_000).map(float)


@settings(max_examples=300, deadline=None)
@given(
    current=whole_usd,
    proposed=whole_usd,
    transition=whole_usd,
    months=st.integers(1, 60),
    ramp=st.integers(0, 60),
    productivity=st.sampled_from([1.0, 0.5, 0.25]),
)
def test_payback_month_agrees_with_cumulative_savings(
    current, proposed, transition, months, ramp, productivity
):
    """Is payback the first month with cumulative savings >= 0, and do savings stay >= 0 after it?"""
    r = roi(
        current,
        proposed,
        months,
        transition_cost=transition,
        ramp_months=min(ramp, months),
        ramp_productivity=productivity,
    )
    cumulative = r.cumulative_savings
    assert len(cumulative) == len(r.monthly_savings) == months
    assert cumulative[0] == r.monthly_savings[0] - transition
    assert cumulative[-1] == sum(r.monthly_savings) - transition == r.net_savings
    if r.payback_month is None:
        assert all(s < 0 for s in cumulative)
        assert r.net_savings < 0
    else:
        assert all(s < 0 for s in cumulative[: r.payback_month - 1])
        assert all(s >= 0 for s in cumulative[r.payback_month - 1 :])
        assert r.net_savings >= 0
    if transition > 0:
        assert r.roi == r.net_savings / transition
    else:
        assert r.roi is None


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
