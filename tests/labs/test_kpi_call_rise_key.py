"""Is lab 04's "calls ran 10 % or more over forecast" keyed exactly where its label is true?

The label reads "On the affected queue, calls offered ran 10 % or more over forecast in each
of the break's first two weeks".  These tests read that wording off each
variant's own tables, taking the share from the label itself and no condition the label does
not state, and hold the key to it both ways.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from grader.labs import realise
from grader.schema import load_scenario
from tests.labs import lab_parts
from tests.labs.kpi_variants import SHARES_LAB04_VARIANTS, kpi_incident, kpi_template, kpi_variant

# A sweep: handed out early, beside the other sweeps of the same variants (tests/conftest.py).
pytestmark = [pytest.mark.long, SHARES_LAB04_VARIANTS]

_lab = lab_parts("04_kpi_diagnosis")
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SEEDS = range(1, 301)
# Variants a stricter rule once left unkeyed though their tables bore the old label out in its
# first two weeks (homegoods 1027: 115 % and 116 % of the forecast), or read either way beyond
# them (calls over forecast from the break's second or third week on).
REVIEWED = {"kpi-homegoods": (1027, 1060, 1071), "kpi-broadband": (1071, 1091)}


@pytest.fixture(scope="module", params=["kpi-homegoods", "kpi-broadband"])
def template(request):
    return kpi_template(request.param)


@pytest.fixture(scope="module")
def variants(template):
    return {seed: kpi_variant(template.id, seed) for seed in SEEDS}


def _label(template) -> str:
    return next(o.label for o in template.decision("evidence").options if o.id == "volume_unplanned")


def _share_over(label: str) -> float:
    """The share over the forecast the label names ("10 % or more over" -> 1.10)."""
    found = re.search(r"(\d+) % or more over forecast in each of the break's first two weeks", label)
    assert found, label
    return 1 + int(found.group(1)) / 100


def _of_forecast(weekly: pd.DataFrame, incident) -> pd.Series:
    """The hit queue's calls offered over its forecast in the break's first two weeks, from the table."""
    rows = weekly[weekly["queue"] == incident.queue].set_index("week")
    first = rows.loc[incident.start_week : incident.start_week + 1]
    return first["calls_offered"] / first["calls_forecast"]


def _label_true(template, weekly: pd.DataFrame, incident) -> bool:
    """Whether the label's own words hold in the table: each of the two weeks at the share or over."""
    return bool((_of_forecast(weekly, incident) >= _share_over(_label(template))).all())


def _keyed(variant) -> bool:
    return any(
        o.id == "volume_unplanned" and o.correct for o in variant.scenario.decision("evidence").options
    )


def test_the_call_rise_is_keyed_wherever_its_label_is_true_and_nowhere_else(template, variants):
    """Is "calls ran 10 % or more over the forecast in each of the break's first two weeks" keyed in
    every variant whose tables bear its words out, escalation variants whose customers call back
    included, and in no other?"""
    escalation = {True: 0, False: 0}
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        true = _label_true(template, variant.tables["weekly"], incident)
        assert _keyed(variant) == true, (seed, incident.cause, incident.lacks, true)
        if incident.cause == "escalation_workflow":
            escalation[true] += 1
    # Both sides occur among the escalation variants, so the sweep tests the boundary there.
    assert min(escalation.values()) >= 5, escalation


def test_the_reviewed_variants_are_keyed_by_the_labels_words(template):
    """In the variants once keyed by a stricter rule than the label (a jump of 15 % over the weeks
    before, a rise that held), does the key now follow the label's words, and does a policy
    change's surge of 15 % over the forecast in both first weeks key it?"""
    for seed in REVIEWED[template.id]:
        variant = realise(template, seed)
        incident = _lab.incident_for(template, seed)
        assert _keyed(variant) == _label_true(template, variant.tables["weekly"], incident), seed
        if incident.cause == "policy_change":
            assert _keyed(variant), seed


def test_calls_run_plainly_over_the_line_or_plainly_short_of_it(template, variants):
    """In each of the break's first two weeks, do calls run plainly over the label's line (two points
    past it in each) or plainly short of it (three points under it in each), never within a
    rounding of it, where a director could read the label either way?"""
    seen = {True: 0, False: 0}
    line = _share_over(_label(template))
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        over = _of_forecast(variant.tables["weekly"], incident)
        crossed = bool((over >= line + 0.02).all())
        assert crossed or bool((over <= line - 0.03).all()), (seed, incident.cause, over.tolist())
        if incident.cause == "escalation_workflow" and incident.leaves("fcr_down_aht_flat"):
            seen[crossed] += 1
    # Customers of a broken escalation path who call back land on both sides.
    assert min(seen.values()) >= 5, seen


def test_a_keyed_call_rise_is_quoted_in_the_debrief_as_above_forecast(template, variants):
    """Where an escalation variant keys the call rise, does its expert path tell it, with each first
    week's calls as a share of the forecast, and where it does not, does the path claim no rise
    above forecast?"""
    told = 0
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause != "escalation_workflow":
            continue
        path = " ".join(variant.scenario.debrief.expert_path.split())
        quoted = re.search(r"Calls ran at (\d+) % and (\d+) % of forecast\.", path)
        assert (quoted is not None) == _keyed(variant), seed
        if quoted:
            assert min(int(share) for share in quoted.groups()) >= 110, (seed, quoted.group(0))
        told += _keyed(variant)
    assert told >= 5, told


def test_a_rushed_staffing_shortfall_shows_no_policy_error_rise():
    """Where agents rush the calls in a staffing shortfall (broadband seed 311 once showed it), do
    policy errors stay short of "risen in every band", a sign only a policy change keys?"""
    template = load_scenario(SCENARIOS / "kpi-broadband")
    incident = _lab.incident_for(template, 311)
    assert incident.cause == "staffing_shortfall" and incident.lacks == "quality_held"
    shown, _ = _lab.evidence_readings(realise(template, 311).tables, incident)
    assert not shown["policy_errors_everyone"]


@pytest.mark.parametrize(
    ("young", "senior", "short"),
    [
        ((0.03, 0.10), (0.02, 0.06), True),
        ((0.03, 0.10), (0.02, 0.09), False),
        ((0.05, 0.05), (0.0, 0.2), True),
    ],
)
def test_policy_errors_read_short_of_the_rule_in_one_band_at_least(young, senior, short):
    """Is a policy-error rise short of the rule only when one tenure group rose by 4 points or less?"""
    assert _lab.policy_short_of_rule(young=young, senior=senior) is short
