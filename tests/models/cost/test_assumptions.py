"""Does every named assumption carry a unit, a source and the range of the reference file?"""

from __future__ import annotations

import pytest

from grader.models.cost import REFERENCE_RANGES, Assumption

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
