"""Does the quarter simulation of a sourcing map repeat itself, move the right way and stay in range?"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.models.consequences import (
    ASSUMPTIONS,
    WEEKLY_COLUMNS,
    SimulationSettings,
    fit_penalties,
    simulate,
)
from tests.models.consequences.homegoods import KEY, LOCATION_IDS, LOCATIONS, QUEUE_IDS, QUEUES, queue_totals

# --------------------------------------------------------------------------- shape and seeds


def test_one_row_per_queue_per_week():
    """Does the frame hold 13 weeks x 10 queues, every promised column, and unmapped queues in-house?"""
    r = simulate(QUEUES, LOCATIONS, KEY, seed=3)
    assert r.weekly.shape == (13 * len(QUEUES), len(WEEKLY_COLUMNS))
    assert list(r.weekly.columns) == list(WEEKLY_COLUMNS)
    assert sorted(r.weekly["week"].unique()) == list(range(1, 14))
    placed = r.weekly.drop_duplicates("queue").set_index("queue")["location"].to_dict()
    assert placed == {q: KEY.get(q, "inhouse") for q in QUEUE_IDS}


def test_same_seed_same_result():
    """Does the same seed give exactly the same weeks and the same summaries?"""
    a = simulate(QUEUES, LOCATIONS, KEY, seed=42)
    b = simulate(QUEUES, LOCATIONS, KEY, seed=42)
    pd.testing.assert_frame_equal(a.weekly, b.weekly)
    pd.testing.assert_frame_equal(a.baseline_weekly, b.baseline_weekly)
    assert a.summary == b.summary


def test_different_seeds_differ_a_little():
    """Do two seeds give different weeks but quarter totals within a few percent of each other?"""
    a = simulate(QUEUES, LOCATIONS, KEY, seed=1)
    b = simulate(QUEUES, LOCATIONS, KEY, seed=2)
    assert not a.weekly["offered"].equals(b.weekly["offered"])
    assert a.summary.offered == pytest.approx(b.summary.offered, rel=0.03)
    assert a.summary.cost == pytest.approx(b.summary.cost, rel=0.03)
    assert a.summary.average_service_level == pytest.approx(b.summary.average_service_level, abs=0.03)
    assert a.summary.average_csat_proxy == pytest.approx(b.summary.average_csat_proxy, abs=2)


@pytest.mark.parametrize("mapping", [{}, {q: "inhouse" for q in QUEUE_IDS}, {"returns": "inhouse"}])
def test_all_in_house_equals_baseline(mapping):
    """Does a map keeping every queue in-house reproduce the baseline exactly?"""
    r = simulate(QUEUES, LOCATIONS, mapping, seed=7)
    pd.testing.assert_frame_equal(r.weekly, r.baseline_weekly)
    assert r.summary == r.baseline
    # and the baseline of a real map is that same run
    pd.testing.assert_frame_equal(simulate(QUEUES, LOCATIONS, KEY, seed=7).baseline_weekly, r.weekly)


def test_kept_baseline_follows_the_data_it_came_from():
    """After a baseline is kept for reuse, do a changed table, seed or setting still get their own?"""
    first = simulate(QUEUES, LOCATIONS, KEY, seed=3).baseline_weekly
    again = simulate(QUEUES, LOCATIONS, {"returns": "nearshore"}, seed=3)
    pd.testing.assert_frame_equal(again.baseline_weekly, first)
    again.baseline_weekly.loc[0, "cost"] = -1.0  # a caller changing its copy changes nothing kept
    pd.testing.assert_frame_equal(simulate(QUEUES, LOCATIONS, KEY, seed=3).baseline_weekly, first)

    busier = QUEUES.assign(monthly_contacts=QUEUES["monthly_contacts"] * 2)
    dearer = LOCATIONS.assign(loaded_cost_per_hour=LOCATIONS["loaded_cost_per_hour"] + 5)
    lower_fcr = SimulationSettings(base_fcr=SimulationSettings().base_fcr - 0.1)
    cases = [
        (busier, LOCATIONS, 3, None),
        (QUEUES, dearer, 3, None),
        (QUEUES, LOCATIONS, 4, None),
        (QUEUES, LOCATIONS, 3, lower_fcr),
    ]
    for queues, locations, seed, setting in cases:
        kept = simulate(queues, locations, KEY, seed=seed, settings=setting).baseline_weekly
        assert not kept.equals(first)
        # an all-in-house map runs the model directly, never through what is kept
        direct = simulate(queues, locations, {}, seed=seed, settings=setting).weekly
        pd.testing.assert_frame_equal(kept, direct)


def test_baseline_is_steady_and_near_the_forecast():
    """All in-house, does volume stay near monthly x 12/52, FCR at the base and SL near the target?"""
    r = simulate(QUEUES, LOCATIONS, {}, seed=0)
    offered = r.weekly.groupby("queue", sort=False)["offered"].mean()
    forecast = QUEUES.set_index("id")["monthly_contacts"] * 12 / 52
    assert np.allclose(offered, forecast[offered.index], rtol=0.05)
    assert np.allclose(r.weekly["fcr"], ASSUMPTIONS["base_fcr"].value)
    assert 0.8 <= r.baseline.average_service_level <= 0.95


# --------------------------------------------------------------------------- consequences


def test_poor_fit_offshore_loses_quality():
    """Does a complex, risky, poorly documented queue offshore resolve less, repeat more and please less?"""
    queue = "fraud_chargebacks"
    row = QUEUES.set_index("id").loc[queue]
    assert (row["complexity"], row["risk"], row["documentation"]) == ("high", "high", "low")
    r = simulate(QUEUES, LOCATIONS, {queue: "offshore"}, seed=5)
    moved, home = queue_totals(r.weekly, queue), queue_totals(r.baseline_weekly, queue)
    assert moved["fcr"] < home["fcr"] - 0.15
    assert moved["repeats"] > 1.5 * home["repeats"]
    assert moved["csat_proxy"] < home["csat_proxy"] - 5
    assert moved["service_level"] < home["service_level"]
    # the other queues are untouched
    others = r.weekly["queue"] != queue
    pd.testing.assert_frame_equal(r.weekly[others], r.baseline_weekly[others])


def test_good_fit_offshore_cuts_cost_with_little_quality_loss():
    """Does a simple, well-documented, high-volume queue offshore cost far less and stay nearly as good?"""
    queue = "order_status"
    row = QUEUES.set_index("id").loc[queue]
    assert (row["complexity"], row["documentation"]) == ("low", "high")
    assert row["monthly_contacts"] == QUEUES["monthly_contacts"].max()
    r = simulate(QUEUES, LOCATIONS, {queue: "offshore"}, seed=5)
    moved, home = queue_totals(r.weekly, queue), queue_totals(r.baseline_weekly, queue)
    assert moved["cost"] < 0.5 * home["cost"]
    assert moved["fcr"] > home["fcr"] - 0.05
    assert moved["csat_proxy"] > home["csat_proxy"] - 3
    assert r.summary.cost_per_resolved_contact < r.baseline.cost_per_resolved_contact


def test_transition_dip_recovers():
    """After a move, is FCR lowest in week 1 and back near the base FCR by the end of the quarter?"""
    r = simulate(QUEUES, LOCATIONS, {"order_status": "offshore"}, seed=0)
    fcr = r.weekly[r.weekly["queue"] == "order_status"]["fcr"].to_numpy()
    assert fcr[0] == fcr.min() < ASSUMPTIONS["base_fcr"].value - 0.1
    assert np.all(np.diff(fcr) >= 0)
    assert fcr[-1] == pytest.approx(ASSUMPTIONS["base_fcr"].value, abs=0.01)


def test_higher_attrition_deepens_the_learning_penalty():
    """With more attrition offshore, is a moved queue's quarter FCR lower?"""
    low = SimulationSettings(annual_attrition={"inhouse": 0.375, "offshore": 0.31})
    high = SimulationSettings(annual_attrition={"inhouse": 0.375, "offshore": 1.5})
    mapping = {"order_status": "offshore"}
    a = simulate(QUEUES, LOCATIONS, mapping, seed=0, settings=low)
    b = simulate(QUEUES, LOCATIONS, mapping, seed=0, settings=high)
    assert b.summary.average_fcr < a.summary.average_fcr


def test_spanish_queue_fits_nearshore_not_offshore():
    """Does the Spanish-language queue keep more FCR in Mexico than in the Philippines?"""
    near = simulate(QUEUES, LOCATIONS, {"spanish_orders": "nearshore"}, seed=0)
    off = simulate(QUEUES, LOCATIONS, {"spanish_orders": "offshore"}, seed=0)
    assert (
        queue_totals(near.weekly, "spanish_orders")["fcr"] > queue_totals(off.weekly, "spanish_orders")["fcr"]
    )


# --------------------------------------------------------------------------- valid ranges


@settings(max_examples=25, deadline=None)
@given(
    mapping=st.dictionaries(st.sampled_from(QUEUE_IDS), st.sampled_from(LOCATION_IDS)),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_values_stay_in_range_for_any_map(mapping, seed):
    """For any map and seed, do SL, abandonment and FCR stay in [0, 1], CSAT in [0, 100] and costs >= 0?"""
    r = simulate(QUEUES, LOCATIONS, mapping, seed=seed)
    for frame in (r.weekly, r.baseline_weekly):
        for column in ("service_level", "abandon_rate", "fcr"):
            assert frame[column].between(0, 1).all(), column
        assert frame["csat_proxy"].between(0, 100).all()
        assert (frame["cost"] >= 0).all() and (frame["offered"] >= 0).all() and (frame["repeats"] >= 0).all()
        assert np.isfinite(frame["asa"]).all() and (frame["asa"] >= 0).all()
    assert math.isfinite(r.summary.cost_per_resolved_contact) and r.summary.cost > 0


# --------------------------------------------------------------------------- what a poor fit costs


def test_cost_is_labour_plus_mistakes_escalations_and_exposure():
    """Is each week's cost its agent time plus what a poor fit and a broken rule cost?"""
    r = simulate(QUEUES, LOCATIONS, {q: "offshore" for q in QUEUE_IDS}, seed=2)
    parts = r.weekly[["labour_cost", "error_cost", "escalation_cost", "exposure"]].sum(axis=1)
    assert np.allclose(r.weekly["cost"], parts)
    s = r.summary
    assert s.cost == pytest.approx(s.labour_cost + s.error_cost + s.escalation_cost + s.exposure)
    assert min(s.error_cost, s.escalation_cost, s.exposure) > 0


def test_a_good_fit_pays_no_mistakes_or_escalations():
    """Does a queue that fits its location (no fit penalty) pay only for agent time?"""
    r = simulate(QUEUES, LOCATIONS, {"order_status": "offshore"}, seed=0)
    rows = r.weekly[r.weekly["queue"] == "order_status"]
    assert (rows[["error_cost", "escalation_cost", "exposure"]] == 0).all().all()
    assert r.baseline.error_cost == r.baseline.escalation_cost == r.baseline.exposure == 0


def test_mistakes_cost_what_the_queues_risk_says():
    """Per answered contact and fit point lost, is a mistake charged at the queue's risk level?"""
    settings = SimulationSettings()
    returns = QUEUE_IDS.index("returns")
    for level in ("low", "medium", "high"):
        queues = QUEUES.assign(risk=level)
        fit = fit_penalties(queues, ["offshore"])[returns, 0]
        rows = simulate(queues, LOCATIONS, {"returns": "offshore"}, seed=0).weekly
        rows = rows[rows["queue"] == "returns"]
        per_point = rows["error_cost"].sum() / (rows["answered"].sum() * fit)
        assert per_point == pytest.approx(settings.error_share_per_fit_point * settings.error_cost[level])


def test_escalations_are_paid_at_the_in_house_cost_of_a_contact():
    """Do cases handed back cost more with more effort per case, and more where in-house is dearer?"""
    mapping = {"fraud_chargebacks": "offshore"}
    base = simulate(QUEUES, LOCATIONS, mapping, seed=0).summary.escalation_cost
    effort = SimulationSettings(escalation_effort=2 * SimulationSettings().escalation_effort)
    assert simulate(QUEUES, LOCATIONS, mapping, seed=0, settings=effort).summary.escalation_cost == (
        pytest.approx(2 * base)
    )
    rates = LOCATIONS["loaded_cost_per_hour"]
    dearer_home = LOCATIONS.assign(
        loaded_cost_per_hour=np.where(LOCATIONS["id"] == "inhouse", 2 * rates, rates)
    )
    assert simulate(QUEUES, dearer_home, mapping, seed=0).summary.escalation_cost == pytest.approx(2 * base)


def test_exposure_is_chance_times_cost_where_the_rule_forbids():
    """Outside its allowed locations, and only there, is a queue charged chance x cost per answer?"""
    s = SimulationSettings()
    assert QUEUES.set_index("id").loc["financing", "allowed_locations"] == "inhouse onshore"
    for where, charged in (("nearshore", True), ("offshore", True), ("onshore", False)):
        rows = simulate(QUEUES, LOCATIONS, {"financing": where}, seed=0).weekly
        rows = rows[rows["queue"] == "financing"]
        expected = rows["answered"] * s.breach_probability * s.breach_cost_per_contact if charged else 0.0
        assert np.allclose(rows["exposure"], expected), where
    without_rules = QUEUES.drop(columns="allowed_locations")
    assert simulate(without_rules, LOCATIONS, {"financing": "offshore"}, seed=0).summary.exposure == 0


# --------------------------------------------------------------------------- a short bilingual bench


@pytest.mark.parametrize("queue", ["spanish_orders", "delivery_exceptions", "returns"])
def test_spanish_hours_cost_the_locations_extra_for_the_queues_spanish_share(queue):
    """Where a location prices its Spanish hours higher, is a queue's agent time dearer there by the
    extra times the queue's Spanish share, and no dearer elsewhere?"""
    plain = LOCATIONS.drop(columns="spanish_extra_per_hour")
    row = LOCATIONS.set_index("id").loc["inhouse"]
    share = QUEUES.set_index("id").loc[queue, "spanish_share"]
    assert row["spanish_extra_per_hour"] > 0 and (share > 0) == (queue != "returns")

    def labour(locations: pd.DataFrame, where: str) -> float:
        rows = simulate(QUEUES, locations, {queue: where}, seed=0).weekly
        return rows.loc[rows["queue"] == queue, "labour_cost"].sum()

    rate = row["loaded_cost_per_hour"]
    factor = (rate + row["spanish_extra_per_hour"] * share) / rate
    assert labour(LOCATIONS, "inhouse") == pytest.approx(factor * labour(plain, "inhouse"))
    assert labour(LOCATIONS, "nearshore") == pytest.approx(labour(plain, "nearshore"))


# --------------------------------------------------------------------------- deferred work


def _one_queue(channel: str) -> pd.DataFrame:
    """A small escalations-like queue on the given channel: 1,100 contacts a month at 24 minutes."""
    row = QUEUES[QUEUES["id"] == "escalations"].copy()
    row["channel"] = channel
    return row.reset_index(drop=True)


def test_deferred_queue_is_paid_by_the_paid_hours_rule():
    """Is an in-house email queue paid contacts x AHT / occupancy / (1 - shrinkage), not an Erlang roster?"""
    steady = SimulationSettings(volume_noise=0.0)
    email = _one_queue("email")
    weekly = simulate(email, LOCATIONS, {}, seed=1, settings=steady).baseline_weekly
    forecast = email["monthly_contacts"].iloc[0] * 12 / 52
    rule = forecast * email["aht_minutes"].iloc[0] / 60 / steady.occupancy / (1 - steady.shrinkage["inhouse"])
    assert weekly["paid_hours"].to_numpy() == pytest.approx(rule, rel=1e-6)


def test_deferred_queue_costs_less_than_the_same_work_answered_live():
    """Does the same small queue pay fewer hours as email than as a phone line staffed to 80 % in 20 s?"""
    hours = {
        channel: simulate(_one_queue(channel), LOCATIONS, {}, seed=1).baseline.labour_cost
        for channel in ("email", "phone")
    }
    assert hours["email"] < 0.6 * hours["phone"]


def test_deferred_queue_has_nobody_waiting_on_the_line():
    """Does a back-office queue abandon nothing, keep nobody on the line, and lose service to late work?"""
    back_office = _one_queue("back office")
    r = simulate(back_office, LOCATIONS, {"escalations": "offshore"}, seed=2)
    assert (r.weekly["abandon_rate"] == 0).all() and (r.weekly["asa"] == 0).all()
    # a poor fit slows the work: part of it is late, and the late part is paid as extra hours
    assert (r.weekly["service_level"] < 1).all() and (r.baseline_weekly["service_level"] > 0.95).all()


def test_a_queue_without_a_channel_is_live():
    """Is a queues table with no channel column staffed as live queues, as before the column existed?"""
    email, no_channel = _one_queue("email"), _one_queue("email").drop(columns="channel")
    live = simulate(no_channel, LOCATIONS, {}, seed=1).baseline_weekly
    assert (live["asa"] > 0).all()
    assert (
        live["paid_hours"].sum() > simulate(email, LOCATIONS, {}, seed=1).baseline_weekly["paid_hours"].sum()
    )
