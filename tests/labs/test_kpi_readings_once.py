"""Do lab 04's readings, taken once per variant as arrays, say what a plain pandas reading of the
variant's tables says, to the last bit?"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from grader.schema import load_scenario
from tests.labs import lab_parts

_lab = lab_parts("04_kpi_diagnosis")

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
VARIANTS = [(template, seed) for template in ("kpi-broadband", "kpi-homegoods") for seed in range(6)]


def _variant(template: str, seed: int) -> tuple[object, object, dict[str, pd.DataFrame]]:
    folder = SCENARIOS / template
    content = _lab.content_for(load_scenario(folder), folder)
    incident = _lab.draw_incident(content, seed)
    return content, incident, _lab.build_tables(content, incident, seed)


def _filtered_share(
    reviews: pd.DataFrame, queue: str, bands: tuple[str, ...], first: int, last: int
) -> float:
    picked = reviews[
        (reviews["queue"] == queue) & reviews["tenure"].isin(bands) & reviews["week"].between(first, last)
    ]
    return float((picked["error_type"] == "policy").mean()) if len(picked) else 0.0


@pytest.mark.parametrize(("template", "seed"), VARIANTS)
def test_policy_shares_equal_a_filter_of_the_reviews(template: str, seed: int) -> None:
    """Are the policy-error shares read from the counted reviews those of a filter of the reviews?"""
    _, incident, tables = _variant(template, seed)
    measures = _lab._measures(tables, incident)
    new, middle, senior = _lab.TENURE_BANDS
    s, first = incident.start_week, _lab.RAMP_WEEKS + 1
    expected = {
        "po_new_before": ((new,), first, s - 1),
        "po_new_after": ((new,), s + 1, _lab.WEEKS),
        "po_young_before": ((new, middle), first, s - 1),
        "po_young_after": ((new, middle), s + 1, _lab.WEEKS),
        "po_old_before": ((senior,), first, s - 1),
        "po_old_after": ((senior,), s + 1, _lab.WEEKS),
    }
    for name, (bands, low, high) in expected.items():
        assert measures[name] == _filtered_share(tables["reviews"], incident.queue, bands, low, high), name


@pytest.mark.parametrize(("template", "seed"), VARIANTS)
def test_weekly_means_equal_those_of_the_queue_rows(template: str, seed: int) -> None:
    """Are the hit queue's weekly means before and after the start those of its rows in the weekly table?"""
    _, incident, tables = _variant(template, seed)
    measures = _lab._measures(tables, incident)
    weekly = tables["weekly"]
    rows = weekly[weekly["queue"] == incident.queue].set_index("week")
    plain = rows[(rows["calendar"] == "") & (rows.index != incident.sale_week + 1)]
    before = plain.loc[_lab.RAMP_WEEKS + 1 : incident.start_week - 1]
    after = plain.loc[incident.start_week + 1 :]
    for column, name in (
        ("fcr", "fcr"),
        ("transfer_rate", "transfer"),
        ("qa_score", "qa"),
        ("calls_offered", "calls"),
    ):
        assert measures[f"{name}_before"] == float(before[column].mean()), name
        assert measures[f"{name}_after"] == float(after[column].mean()), name
    assert measures["leavers_peak_week"] == float(rows["leavers"].idxmax())


@pytest.mark.parametrize(("template", "seed"), VARIANTS)
def test_queue_csat_equals_a_pivot_of_the_weekly_table(template: str, seed: int) -> None:
    """Are each queue's CSAT means, settled and recent, those of a pivot of the weekly table, in its order?"""
    _, _, tables = _variant(template, seed)
    csat = tables["weekly"].pivot(index="week", columns="queue", values="csat")
    settled, recent = _lab.queue_csat(tables["weekly"])
    pd.testing.assert_series_equal(
        settled, csat.loc[_lab.RAMP_WEEKS + 1 : _lab.RAMP_WEEKS + 4].mean(), check_names=False, rtol=0, atol=0
    )
    pd.testing.assert_series_equal(
        recent, csat.loc[_lab.WEEKS - 3 :].mean(), check_names=False, rtol=0, atol=0
    )


@pytest.mark.parametrize(("template", "seed"), VARIANTS)
def test_company_figures_equal_those_of_weekly_totals(template: str, seed: int) -> None:
    """Are the complaints and credits over every queue the means of the weekly totals a groupby gives?"""
    _, _, tables = _variant(template, seed)
    totals = tables["weekly"].groupby("week")[["complaints", "credits_usd"]].sum()
    settled, recent = totals.loc[_lab.RAMP_WEEKS + 1 : _lab.RAMP_WEEKS + 4], totals.loc[_lab.WEEKS - 3 :]
    figures = _lab.company_figures(tables["weekly"])
    assert figures["complaints"] == (float(settled["complaints"].mean()), float(recent["complaints"].mean()))
    assert figures["credits"] == (float(settled["credits_usd"].mean()), float(recent["credits_usd"].mean()))


@pytest.mark.parametrize(("template", "seed"), VARIANTS[:4])
def test_tables_are_in_week_order_with_the_queues_in_content_order(template: str, seed: int) -> None:
    """Are the weekly and review tables in week order, the queues in the content's order within a week?"""
    content, _, tables = _variant(template, seed)
    order = [queue.id for queue in content.queues]
    weekly, reviews = tables["weekly"], tables["reviews"]
    assert list(weekly.index) == list(range(len(weekly)))
    assert list(reviews.index) == list(range(len(reviews)))
    assert weekly["week"].is_monotonic_increasing and reviews["week"].is_monotonic_increasing
    for _, week in weekly.groupby("week"):
        assert list(week["queue"]) == order
    for _, week in reviews.groupby("week"):
        ranks = [order.index(queue) for queue in week["queue"]]
        assert ranks == sorted(ranks)
