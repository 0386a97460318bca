"""Does lab 02's consequence view show what a cheap choice costs once repeats and churn are counted?"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.models.cost import cost_per_productive_hour, cost_per_resolved_contact, productive_hours
from grader.notebook import open_lab
from tests.labs import full_view, lab_parts

offshore = lab_parts("02_offshore_tradeoffs")

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
NOTEBOOK = Path(__file__).resolve().parents[2] / "labs" / LAB / f"{LAB}.ipynb"


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _programs(lab) -> list[str]:
    return lab.table("programs")["id"].tolist()


def _plan_totals(view) -> dict[str, float]:
    return view.chart.data.groupby("plan")["usd"].sum().to_dict()


def _expected_cost_per_resolution(lab, program: str, location: str) -> float:
    """The cost model applied by hand to the scenario's raw rows."""
    loc = lab.table("locations").set_index("id").loc[location]
    est = lab.table("estimates").set_index(["program", "location"]).loc[(program, location)]
    kwargs = {"shrinkage": loc.shrinkage, "occupancy": loc.occupancy}
    return cost_per_resolved_contact(
        cost_per_productive_hour(billed_rate=loc.rate_per_paid_hour, **kwargs),
        est.aht_minutes * 60,
        est.fcr,
        rework_share=est.rework_share,
        governance_share=loc.governance_share,
        annual_attrition=loc.annual_attrition,
        cost_per_hire=loc.cost_per_hire,
        productive_hours_per_agent_year=productive_hours(loc.paid_hours_per_year, **kwargs),
    ).total


def test_offshore_costs_more_than_nearshore_for_emotional_brand_sensitive_work(lab):
    """For emotional, brand-sensitive programs, does offshore cost more per resolved contact than nearshore?

    (In the view's numbers, and although its hourly rate is lower.)
    """
    programs = lab.table("programs")
    sensitive = programs[
        (programs.emotional_weight == "high")
        & (programs.brand_sensitivity == "high")
        & (programs.standardisation == "low")
    ]["id"].tolist()
    assert sensitive
    per_resolution, rate = {}, {}
    for location in ("offshore", "nearshore"):
        lab.record("delivery_model", dict.fromkeys(sensitive, location))
        table = lab.consequences("delivery_model").data.set_index("program").loc[sensitive]
        per_resolution[location] = table["cost_per_resolution"]
        rate[location] = table["rate_per_paid_hour"]
    assert (rate["offshore"] < rate["nearshore"]).all()
    assert (per_resolution["offshore"] > per_resolution["nearshore"]).all()


def test_view_agrees_with_the_cost_model(lab):
    """Is the view's cost per resolved contact the cost model's, for every program at the chosen location?"""
    choice = {
        p: loc for p, loc in zip(_programs(lab), ["offshore", "nearshore", "inhouse"] * 2, strict=False)
    }
    lab.record("delivery_model", choice)
    table = lab.consequences("delivery_model").data.set_index("program")
    for program, location in choice.items():
        expected = _expected_cost_per_resolution(lab, program, location)
        assert table.loc[program, "cost_per_resolution"] == pytest.approx(expected, rel=1e-9)


def test_margin_at_risk_follows_the_quality_lost(lab):
    """Is margin at risk issues x quality lost x churn x revenue x margin, and zero when kept close?"""
    programs = lab.table("programs").set_index("id")
    estimates = lab.table("estimates").set_index(["program", "location"])
    assumptions = lab.table("assumptions").set_index("id")
    margin = assumptions.loc["margin_share", "value"]
    lab.record("delivery_model", dict.fromkeys(programs.index, "offshore"))
    offshore_view = lab.consequences("delivery_model").data.set_index("program")
    for program, row in programs.iterrows():
        measure = estimates[row.quality_measure]
        lost = measure[(program, "inhouse")] - measure[(program, "offshore")]
        expected = row.monthly_issues * lost * row.churn_if_unresolved * row.revenue_of_lost_customer * margin
        assert offshore_view.loc[program, "at_risk"] == pytest.approx(expected)
    lab.record("delivery_model", dict.fromkeys(programs.index, "inhouse"))
    assert (lab.consequences("delivery_model").data["at_risk"] == 0).all()


def test_a_save_desk_is_judged_on_its_save_rate(practice):
    """Does a save desk's margin at risk follow its save rate, whatever its FCR?"""
    lab = open_lab(LAB, practice, scenario="offshore-mobile")
    programs = lab.table("programs").set_index("id")
    desks = programs.index[programs.quality_measure == "save_rate"].tolist()
    assert desks, "the mobile scenario has a save desk"
    tables = {t: lab.table(t) for t in ("programs", "locations", "estimates", "assumptions")}
    saves = tables["estimates"].set_index(["program", "location"])["save_rate"]
    same_fcr = tables["estimates"].assign(fcr=0.8)
    costs = offshore.resolution_table(tables["programs"], tables["locations"], same_fcr, 0.4)
    risk = costs.set_index(["program", "location"])[offshore.AT_RISK]
    for desk in desks:
        row = programs.loc[desk]
        lost = saves[(desk, "inhouse")] - saves[(desk, "nearshore")]
        assert lost > 0
        expected = row.monthly_issues * lost * row.churn_if_unresolved * row.revenue_of_lost_customer * 0.4
        assert risk[(desk, "nearshore")] == pytest.approx(expected)


def test_summary_names_every_program(lab):
    """Does the view's text summary name every program, where it goes, and how many are placed?"""
    first, *_ = _programs(lab)
    lab.record("delivery_model", {first: "offshore"})
    view = lab.consequences("delivery_model")
    labels = lab.table("programs")["program"].tolist()
    assert all(label in view.summary for label in labels)
    assert f"1 of {len(labels)} programs placed" in view.summary
    offshore_label = lab.table("locations").set_index("id").loc["offshore", "location"]
    assert f"{labels[0]}: {offshore_label}" in view.summary
    assert view.summary in repr(view)


def test_empty_choice_renders_as_all_kept_close(lab):
    """With nothing chosen, does the view draw without error and equal the all-kept-close plan?"""
    view = lab.consequences("delivery_model")
    html = view._repr_html_()
    assert "<svg" in html and "Chart summary" in html and "Margin at risk (churn)" in html
    assert f"0 of {len(_programs(lab))} programs placed" in view.summary
    assert (view.data["choice"] == offshore.NOT_PLACED).all()
    totals = _plan_totals(view)
    assert totals["Your plan"] == pytest.approx(totals["All kept close"])
    assert not view.note


def test_the_lowest_rate_everywhere_loses_once_repeats_and_churn_count(lab):
    """Is all-offshore cheaper on the budget than the key's plan, yet dearer once margin at risk counts?"""
    lab.record("delivery_model", perfect_answer(lab.decision("delivery_model")))
    view = lab.consequences("delivery_model")
    bars = view.chart.data
    budget = bars[bars.component != offshore.AT_RISK].groupby("plan")["usd"].sum()
    totals = _plan_totals(view)
    cheap, mine = "All offshore (lowest hourly rate)", "Your plan"
    assert budget[cheap] < budget[mine]
    assert totals[cheap] > totals[mine]
    assert totals["All kept close"] > totals[mine]


def test_poor_fit_note_in_practice_only(lab, monkeypatch):
    """Does practice mode name the programs placed badly, and assessment mode keep quiet about them?"""
    everything_offshore = dict.fromkeys(_programs(lab), "offshore")
    lab.record("delivery_model", everything_offshore)
    assert "Moved further than they fit" in full_view(lab, "delivery_model").note
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    assessed = open_lab(LAB, lab.folder, scenario=lab.scenario.id)
    assessed.record("delivery_model", everything_offshore)
    view = assessed.consequences("delivery_model")
    assert view.note == "" and "further than they fit" not in view._repr_html_()


def test_fit_note_tells_too_far_from_too_close(lab):
    """Is a program kept close that fits offshore called dearer than needed, and never a poor fit?"""
    decision = lab.decision("delivery_model")
    labels = {item.id: item.label for item in decision.items}
    far_fits = [item.id for item in decision.items if item.key == ["offshore"]]
    assert far_fits
    lab.record("delivery_model", dict.fromkeys(far_fits, "inhouse"))
    note = full_view(lab, "delivery_model").note
    assert note.startswith("Kept closer") and "Moved further" not in note
    assert all(labels[p] in note for p in far_fits)


def test_charts_describe_every_program(lab):
    """Do both named charts draw, and do their summaries name every program?"""
    labels = lab.table("programs")["program"].tolist()
    for name in offshore.CHARTS:
        chart = lab.chart(name)
        assert "<svg" in chart._repr_html_()
        assert all(label in chart.summary for label in labels)


def test_resolution_chart_names_where_the_rate_misleads(lab):
    """Does the cost chart name each program whose lowest rate is not its cheapest per resolved contact?"""
    summary = lab.chart("resolution_costs").summary
    programs = lab.table("programs").set_index("id")["program"]
    rates = lab.table("locations").set_index("id")["rate_per_paid_hour"]
    cheapest_rate = rates.idxmin()
    misled = [
        programs[p]
        for p in programs.index
        if min(rates.index, key=lambda loc: _expected_cost_per_resolution(lab, p, loc)) != cheapest_rate
    ]
    assert misled, "the data must show at least one program where the lowest rate is not the cheapest"
    assert summary.endswith(f"not the cheapest per resolved contact for: {', '.join(misled)}.")


def test_notebook_solution_agrees_with_the_cost_model(tmp_path, monkeypatch):
    """Does the instructor's solution give the cost model's figure on every scenario row?"""
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    solution = next(c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    namespace: dict[str, object] = {}
    exec(solution.source, namespace)
    function = namespace["cost_per_resolution"]
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    lab = open_lab(LAB, tmp_path, scenario=SCENARIOS[0])
    costs = offshore.lab_resolution_table(lab)
    locations = lab.table("locations").set_index("id")
    estimates = lab.table("estimates").set_index(["program", "location"])
    for row in costs.itertuples():
        loc, est = locations.loc[row.location], estimates.loc[(row.program, row.location)]
        got = function(
            row.cost_per_handling_hour,
            est.aht_minutes,
            est.fcr,
            est.rework_share,
            loc.governance_share,
            loc.annual_attrition,
            loc.cost_per_hire,
            productive_hours(loc.paid_hours_per_year, shrinkage=loc.shrinkage, occupancy=loc.occupancy),
        )
        assert got == pytest.approx(row.cost_per_resolution, rel=1e-12)
