"""Are a run's quarter and weekly totals sums, and its averages weighted by the contacts offered?"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from grader.models.consequences import QuarterSummary, simulate
from tests.models.consequences.homegoods import KEY, LOCATIONS, QUEUE_IDS, QUEUES


def weeks(**columns: list[float]) -> pd.DataFrame:
    base = {
        "offered": [100.0, 300.0],
        "cost": [1000.0, 2000.0],
        "resolved": [70.0, 150.0],
        "service_level": [0.9, 0.5],
        "abandon_rate": [0.02, 0.10],
        "fcr": [0.7, 0.5],
        "csat_proxy": [80.0, 60.0],
    }
    return pd.DataFrame({**base, **columns})


def test_averages_are_weighted_by_offered_contacts():
    """Does a busy week count three times a quiet one in every average?"""
    s = QuarterSummary.of(weeks())
    assert (s.cost, s.offered, s.resolved) == (3000.0, 400.0, 220.0)
    assert s.average_service_level == pytest.approx((0.9 * 100 + 0.5 * 300) / 400)
    assert s.average_fcr == pytest.approx(0.55)
    assert s.average_csat_proxy == pytest.approx(65.0)
    assert s.cost_per_resolved_contact == pytest.approx(3000 / 220)


def test_quiet_quarter_takes_plain_means_and_infinite_unit_cost():
    """With nothing offered and nothing resolved, are averages plain means and the unit cost infinite?"""
    s = QuarterSummary.of(weeks(offered=[0.0, 0.0], resolved=[0.0, 0.0]))
    assert s.average_service_level == pytest.approx(0.7)
    assert math.isinf(s.cost_per_resolved_contact)


def test_cost_components_are_summed_and_default_to_zero():
    """Are the cost components quarter sums, and zero for a frame that does not have them?"""
    s = QuarterSummary.of(
        weeks(labour_cost=[900.0, 1500.0], error_cost=[50.0, 300.0], exposure=[50.0, 200.0])
    )
    assert (s.labour_cost, s.error_cost, s.exposure, s.escalation_cost) == (2400.0, 350.0, 250.0, 0.0)
    assert QuarterSummary.of(weeks()).labour_cost == 0.0


@pytest.mark.parametrize(
    "mapping", [{}, KEY, dict.fromkeys(QUEUE_IDS, "offshore")], ids=["empty", "key", "offshore"]
)
def test_weekly_totals_are_each_weeks_sums(mapping):
    """Are a run's weekly totals the sums of each week's rows, for the map and for all in-house?"""
    result = simulate(QUEUES, LOCATIONS, mapping, seed=7)
    for baseline, frame in ((False, result.weekly), (True, result.baseline_weekly)):
        totals = result.by_week(("cost", "resolved", "offered"), baseline=baseline)
        expected = frame.groupby("week", as_index=False)[["cost", "resolved", "offered"]].sum()
        assert list(totals.columns) == ["week", "cost", "resolved", "offered"]
        assert totals["week"].tolist() == list(range(1, result.settings.weeks + 1))
        for column in ("cost", "resolved", "offered"):
            np.testing.assert_allclose(totals[column], expected[column], rtol=1e-12)
    mine = result.by_week(("cost",))["cost"]
    home = result.by_week(("cost",), baseline=True)["cost"]
    assert (mine.sum() == pytest.approx(home.sum())) == (not mapping)
