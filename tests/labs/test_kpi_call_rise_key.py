"""Is lab 04's "calls jumped above the planners' forecast" keyed exactly where its label is true?

The label reads "On the affected queue, calls offered jumped above the planners' forecast in
weeks with no sale".  These tests read that wording off each variant's own tables, with the
lab's windows (the weeks from the end of the launch ramp-up to the week before the break,
against the weeks after it; calendar weeks and the returns week after a sale left out) and no
condition the label does not state, and hold the key to it both ways.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from grader.labs import realise
from grader.schema import load_scenario
from tests.labs import lab_parts

pytestmark = pytest.mark.long  # a sweep: handed out early (tests/conftest.py)

_lab = lab_parts("04_kpi_diagnosis")
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SEEDS = range(1, 301)
# What the label's "jumped above the forecast" takes: a jump of 15 % within two weeks of the
# start, calls still 12 % up over the weeks after it, and the first two weeks 10 % over forecast.
JUMP, SUSTAINED, OVER_FORECAST = 1.15, 1.12, 1.10


@pytest.fixture(scope="module", params=["kpi-homegoods", "kpi-broadband"])
def template(request):
    return load_scenario(SCENARIOS / request.param)


@pytest.fixture(scope="module")
def variants(template):
    return {seed: realise(template, seed) for seed in SEEDS}


def _calls_jumped_above_forecast(weekly: pd.DataFrame, incident) -> bool:
    """Whether the hit queue's calls jumped above the planners' forecast in plain weeks, read
    from the table alone."""
    rows = weekly[weekly["queue"] == incident.queue].set_index("week")
    plain = rows[(rows["calendar"] == "") & (rows.index != incident.sale_week + 1)]
    s = incident.start_week
    before = plain.loc[_lab.RAMP_WEEKS + 1 : s - 1, "calls_offered"].mean()
    after = plain.loc[s + 1 :]
    first = rows.loc[s : s + 1]  # the break's own first two weeks
    return bool(
        first["calls_offered"].max() / before >= JUMP
        and after["calls_offered"].mean() / before >= SUSTAINED
        and first["calls_offered"].mean() / first["calls_forecast"].mean() >= OVER_FORECAST
    )


def _keyed(variant) -> bool:
    return any(
        o.id == "volume_unplanned" and o.correct for o in variant.scenario.decision("evidence").options
    )


def test_the_call_rise_is_keyed_wherever_its_label_is_true_and_nowhere_else(template, variants):
    """Is "calls jumped above the planners' forecast" keyed in every variant whose tables bear its
    words out, escalation variants whose customers call back included, and in no other?"""
    escalation = {True: 0, False: 0}
    for seed, variant in variants.items():
        incident = _lab.incident_for(template, seed)
        true = _calls_jumped_above_forecast(variant.tables["weekly"], incident)
        assert _keyed(variant) == true, (seed, incident.cause, incident.lacks, true)
        if incident.cause == "escalation_workflow":
            escalation[true] += 1
    # Both sides occur among the escalation variants, so the sweep tests the boundary there.
    assert min(escalation.values()) >= 5, escalation


def test_customers_calling_back_bring_calls_plainly_over_the_forecast_or_on_it(template, variants):
    """Where customers of a broken escalation path call back, do the break's first two weeks run
    plainly over the forecast (12 % or more) or plainly on it (6 % or less), never in
    between where a director could read the label either way?"""
    seen = {True: 0, False: 0}
    for seed, variant in variants.items():
        incident = _lab.incident_for(template, seed)
        if incident.cause != "escalation_workflow" or incident.lacks == "fcr_down_aht_flat":
            continue
        weekly = variant.tables["weekly"]
        rows = weekly[weekly["queue"] == incident.queue].set_index("week")
        first = rows.loc[incident.start_week : incident.start_week + 1]  # the break's first two weeks
        over = first["calls_offered"].mean() / first["calls_forecast"].mean()
        assert over >= 1.12 or over <= 1.06, (seed, over)
        seen[over >= 1.12] += 1
    assert min(seen.values()) >= 5, seen


def test_a_keyed_call_rise_is_quoted_in_the_debrief_as_above_forecast(template, variants):
    """Where an escalation variant keys the call rise, does its expert path tell it, with the
    forecast, and where it does not, does the path claim no rise above forecast?"""
    told = 0
    for seed, variant in variants.items():
        incident = _lab.incident_for(template, seed)
        if incident.cause != "escalation_workflow":
            continue
        path = " ".join(variant.scenario.debrief.expert_path.split())
        assert ("Calls ran above forecast" in path) == _keyed(variant), seed
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
