"""Does lab 04 check its exercises on the learner's own tables, and project a fix without giving it away?"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from grader.catalog import scenarios_for
from grader.notebook import LabInputError, open_lab
from tests.labs import full_view, lab_parts

kpis = lab_parts("04_kpi_diagnosis")
incident_for, content_for = kpis.incident_for, kpis.content_for

LAB = "04_kpi_diagnosis"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
NOTEBOOK = Path(__file__).resolve().parents[2] / "labs" / LAB / f"{LAB}.ipynb"


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _incident(lab):
    return incident_for(lab.template, lab.seed)


def _at_seed_with(lab, cause: str):
    """Move ``lab`` to the first practice variant whose planted cause is ``cause``."""
    seed = next(s for s in range(2, 400) if incident_for(lab.template, s).cause == cause)
    lab.new_variant(seed)
    return lab


# --------------------------------------------------------------------------- the exercises


def test_repeat_rate_matches_a_hand_count(lab):
    """Is every cell of the repeat-rate table repeat contacts over calls answered for that queue and week?"""
    weekly = lab.table("weekly")
    table = kpis.repeat_rate_table(weekly)
    assert list(table.columns) == [q.id for q in content_for(lab.template).queues]
    assert list(table.index) == sorted(weekly["week"].unique())
    for row in weekly.sample(12, random_state=1).itertuples():
        assert table.loc[row.week, row.queue] == pytest.approx(row.repeat_contacts / row.calls_answered)


def test_daily_service_level_weighs_half_hours_by_their_calls():
    """Is a day's service level its calls in 20 s over its calls offered, not the mean of its half-hours?"""
    intervals = pd.DataFrame(
        {
            "day": ["Mon", "Mon", "Tue", "Tue"],
            "calls_offered": [10, 30, 20, 0],
            "answered_in_20s": [10, 15, 16, 0],
        }
    )
    daily = kpis.daily_service_level(intervals)
    assert daily.to_dict() == {"Mon": pytest.approx(25 / 40), "Tue": pytest.approx(16 / 20)}


def test_daily_service_level_of_the_lab_agrees_with_the_weekly_report(lab):
    """Do the interval table's days add up to the service level the weekly table reports for that week?"""
    intervals, weekly = lab.table("intervals"), lab.table("weekly")
    row = weekly[(weekly["queue"] == intervals["queue"].iloc[0]) & (weekly["week"] == weekly["week"].max())]
    daily = kpis.daily_service_level(intervals)
    offered = intervals.groupby("day", sort=False)["calls_offered"].sum()
    week = float((daily * offered).sum() / offered.sum())
    assert week == pytest.approx(float(row["service_level"].iloc[0]), abs=0.0006)
    assert list(daily.index) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_error_mix_by_hand():
    """Does the error mix leave out clean reviews, filter weeks and tenure, and give zeros without errors?"""
    reviews = pd.DataFrame(
        {
            "week": [1, 1, 1, 2, 2, 3],
            "tenure": ["0-3 months", "0-3 months", "12+ months", "0-3 months", "12+ months", "12+ months"],
            "error_type": ["knowledge", "none", "policy", "knowledge", "none", "tone"],
        }
    )
    assert kpis.error_mix(reviews).to_dict() == {
        "policy": 0.25,
        "process": 0.0,
        "knowledge": 0.5,
        "tone": 0.25,
    }
    assert kpis.error_mix(reviews, first_week=2, last_week=2).to_dict()["knowledge"] == 1.0
    assert kpis.error_mix(reviews, tenure="12+ months").to_dict() == {
        "policy": 0.5,
        "process": 0.0,
        "knowledge": 0.0,
        "tone": 0.5,
    }
    empty = kpis.error_mix(reviews, first_week=2, last_week=2, tenure="12+ months")
    assert list(empty.index) == list(kpis.ERROR_TYPES) and empty.sum() == 0.0


def test_error_mix_counts_the_lab_reviews(lab):
    """On the learner's reviews, is each share the type's count over all errors of the selection?"""
    reviews = lab.table("reviews")
    picked = reviews[(reviews["week"] >= 5) & (reviews["tenure"] == "3-12 months")]
    errors = picked[picked["error_type"] != "none"]
    mix = kpis.error_mix(reviews, first_week=5, tenure="3-12 months")
    for error in kpis.ERROR_TYPES:
        assert mix[error] == pytest.approx((errors["error_type"] == error).sum() / len(errors))


# --------------------------------------------------------------------------- charts


def test_charts_name_every_queue_and_the_calendar(lab):
    """Does each chart's summary name every queue, and the layers chart the sale and holiday weeks?"""
    incident = _incident(lab)
    labels = [q.label for q in content_for(lab.template).queues]
    for name in kpis.CHARTS:
        chart = lab.chart(name)
        assert all(label in chart.summary for label in labels), name
    layers = lab.chart("layers").summary
    assert f"sale in week {incident.sale_week}" in layers
    assert f"public holiday in week {incident.holiday_week}" in layers


def test_staffing_chart_finds_the_short_schedule(lab):
    """In a staffing-shortfall variant, does the staffing summary say the hit queue's cover fell
    from about all of required early on to under 90 % in the last four weeks?"""
    _at_seed_with(lab, "staffing_shortfall")
    incident = _incident(lab)
    label = content_for(lab.template).queue(incident.queue).label
    part = next(p for p in lab.chart("staffing").summary.split("; ") if p.startswith(label))
    early, recent = (int(c) for c in re.findall(r"(\d+) % of required over weeks 4-7 and (\d+) %", part)[0])
    assert early >= 95 and recent < 90


# --------------------------------------------------------------------------- consequence view


def test_view_before_a_choice_shows_no_fix(lab):
    """Before a fix is chosen, does the view show only what no change does (no answer given away)?"""
    view = full_view(lab, "fix")
    assert set(view.chart.data["plan"]) == {kpis.NO_CHANGE}
    shown = view._repr_html_()
    assert not any(option.label in shown for option in lab.decision("fix").options)
    assert "not chosen a fix" in view.summary


def test_right_fix_closes_the_gap_and_a_symptom_fix_does_not(lab):
    """Does the cause's fix bring the hit KPI back to its level before the start, and a CSAT campaign not?"""
    _at_seed_with(lab, "staffing_shortfall")
    incident = _incident(lab)
    weekly = lab.table("weekly")
    rows = weekly[(weekly["queue"] == incident.queue) & (weekly["calendar"] == "")].set_index("week")
    before = rows.loc[incident.start_week - 4 : incident.start_week - 1, "service_level"].mean()
    now = weekly[(weekly["queue"] == incident.queue) & (weekly["week"] >= 19)]["service_level"].mean()
    assert before - now > 0.05
    lab.record("fix", "csat_campaign")
    data = full_view(lab, "fix").chart.data
    end = data[(data["week"] == data["week"].max()) & (data["kpi"] == "Service level")].set_index("plan")[
        "value"
    ]
    assert end[kpis.YOURS] == pytest.approx(now)
    assert end[kpis.NO_CHANGE] == pytest.approx(now)
    assert end[kpis.FOR_CAUSE] == pytest.approx(before, abs=0.01)  # 12 weeks at a 2-week pace close ~all


def test_the_projection_ranks_fixes_as_their_credit_does():
    """For every cause, with its full fingerprint or without the sign some variants lack, does a fix
    with more credit close more of the projected gap than one with less?"""
    for scenario in SCENARIOS:
        _credit_agrees_with_recovery(kpis.load_content(NOTEBOOK.parents[2] / "scenarios" / scenario))


def _closes(fix: str, cause: str, lacks: str | None) -> float:
    """What ``fix`` closes of the gap in all three layers, as :func:`projection` applies it."""
    shares = kpis.RECOVERY[fix].get(cause, (0.0, 0.0, 0.0))
    if lacks is not None and kpis.RELIES_ON.get((fix, cause)) == lacks:
        shares = (shares[0], 0.0, 0.0)
    return sum(shares)


def _credit_agrees_with_recovery(content) -> None:
    for cause in kpis.CAUSES:
        for lacks in {None, kpis.LACKABLE_SIGNS.get(cause)}:
            shown = {statement: statement != lacks for statement in content.evidence}
            credit = kpis.fix_credit(content, cause, shown)
            closes = {fix: _closes(fix, cause, lacks) for fix in kpis.FIXES}
            for better in kpis.FIXES:
                for worse in kpis.FIXES:
                    if credit.get(better, 0.0) > credit.get(worse, 0.0):
                        assert closes[better] > closes[worse], (cause, lacks, better, worse)


def test_a_step_on_a_sign_the_variant_lacks_recovers_no_quality():
    """Where a policy change leaves no policy errors, does coaching on them project no FCR or CSAT
    recovery, while it still does where they rose?"""
    weeks = range(1, 21)
    weekly = pd.DataFrame(
        {
            "week": list(weeks),
            "queue": "q",
            "calendar": "",
            "service_level": [0.8] * 20,
            "fcr": [0.75] * 10 + [0.68] * 10,
            "csat": [0.85] * 10 + [0.8] * 10,
        }
    )
    plans = {"coach": "policy_coaching"}

    def end(lacks: str | None) -> pd.Series:
        data = kpis.projection(weekly, "q", 11, "policy_change", plans, lacks)
        return data[data["week"] == data["week"].max()].set_index("kpi")["value"]

    lacking, full = end("policy_errors_everyone"), end(None)
    assert lacking["FCR"] == pytest.approx(0.68) and lacking["CSAT"] == pytest.approx(0.8)
    assert full["FCR"] > 0.7 and full["CSAT"] > 0.81


def test_a_harmful_fix_makes_things_worse(lab):
    """In a staffing shortfall, does taking agents off the phones to train lower service level further?"""
    _at_seed_with(lab, "staffing_shortfall")
    lab.record("fix", "retrain_nesting")
    data = full_view(lab, "fix").chart.data
    sl = data[data["kpi"] == "Service level"]
    yours = sl[sl["plan"] == kpis.YOURS].sort_values("week")["value"].to_numpy()
    assert yours[-1] < yours[0] - 0.005


def test_assessment_mode_keeps_the_projection_to_itself(lab, monkeypatch):
    """In assessment mode, does the view draw no projection and name no fix?"""
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    exam = open_lab(LAB, lab.folder, scenario=lab.template.id)
    exam.record("fix", "new_vendor")
    view = exam.consequences("fix")
    assert view.chart is None
    labels = [o.label for o in exam.decision("fix").options]
    assert not any(label in view._repr_html_() for label in labels)
    assert len(repr(view).split()) >= 6


# --------------------------------------------------------------------------- the debrief


def test_debrief_sets_a_late_start_and_a_symptom_fix_beside_the_expert_path(lab):
    """Does the debrief say how late the start week is, count wrong ticks, and show a symptom fix lag?"""
    start = _incident(lab).start_week
    lab.record("start_week", start + 2)
    lab.record("evidence", ["launch_aht", "csat_dip"])
    lab.record("fix", "csat_campaign")
    figures = {f.measure.split(" (")[0]: f for f in kpis.debrief_figures(lab)}
    assert figures["Start week against the incident's"].yours == f"week {start + 2}: 2 weeks late"
    assert figures["Evidence ticks"].yours.startswith("0 right, 2 wrong")
    fix = next(f for name, f in figures.items() if name.startswith("The hit queue"))
    yours, expert = (
        int(re.match(r"Service level (\d+) %", text).group(1)) for text in (fix.yours, fix.expert)
    )
    assert yours < expert, fix


def test_debrief_says_what_is_missing(lab):
    """With nothing chosen, does each figure say what is missing rather than show a number?"""
    yours = [f.yours for f in kpis.debrief_figures(lab)]
    assert yours == ["no start week given", "no statement ticked", "no fix chosen", "not answered"]


# --------------------------------------------------------------------------- the notebook


def _cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def _exercise(grade_id: str) -> tuple[str, str]:
    cells = _cells()
    solution = next(c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)
    tests = next(
        c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == f"{grade_id}_tests"
    )
    return solution.source, tests.source.replace("\n### BEGIN HIDDEN TESTS", "").replace(
        "\n### END HIDDEN TESTS", ""
    )


WRONG = {
    "repeat_rate": (  # the count, not the rate
        "def repeat_rate(weekly):\n"
        "    return weekly.pivot(index='week', columns='queue', values='repeat_contacts')"
    ),
    "service_level_by_day": (  # the mean of the half-hours' service levels
        "def service_level_by_day(intervals):\n"
        "    share = intervals.answered_in_20s / intervals.calls_offered.where(intervals.calls_offered > 0)\n"
        "    return share.groupby(intervals.day, sort=False).mean()"
    ),
    "error_mix": (  # shares of all reviews, clean ones included, and no filters
        "ERROR_TYPES = ['policy', 'process', 'knowledge', 'tone']\n"
        "def error_mix(reviews, first_week=None, last_week=None, tenure=None):\n"
        "    counts = reviews.error_type.value_counts().reindex(ERROR_TYPES, fill_value=0)\n"
        "    return counts / max(len(reviews), 1)"
    ),
}


@pytest.mark.parametrize("grade_id", sorted(WRONG))
def test_solutions_pass_the_hidden_tests_and_mistakes_do_not(lab, grade_id):
    """Does each solution pass its tests, visible and hidden, on this variant, and a typical mistake fail?"""
    solution, tests = _exercise(grade_id)
    namespace: dict[str, object] = {"lab": lab}
    exec(solution, namespace)
    exec(tests, namespace)
    wrong: dict[str, object] = {"lab": lab}
    exec(WRONG[grade_id], wrong)
    with pytest.raises((AssertionError, LabInputError)):
        exec(tests, wrong)


def test_an_answer_hard_coded_from_the_learners_own_tables_fails(lab):
    """Would an answer that returns the rates of the learner's own weekly table fail the hidden test?"""
    solution, tests = _exercise("repeat_rate")
    own = kpis.repeat_rate_table(lab.table("weekly"))
    namespace: dict[str, object] = {"lab": lab, "own": own}
    exec(solution, namespace)
    exec(
        "def repeat_rate(weekly, _real=repeat_rate):\n    return own if len(weekly) > 4 else _real(weekly)",
        namespace,
    )
    with pytest.raises((AssertionError, LabInputError)):
        exec(tests, namespace)


def test_an_answer_that_calls_the_reference_fails_the_hidden_test(lab):
    """Does an answer passing the visible test by calling the reference fail the hidden one, in one line?"""
    _, tests = _exercise("repeat_rate")
    visible = tests.split("from grader.labs import expected_cases")[0]
    namespace: dict[str, object] = {"lab": lab}
    exec(
        "from grader.labs import reference\n"
        "def repeat_rate(weekly):\n"
        "    return reference('04_kpi_diagnosis', 'repeat_rate_table')(weekly)",
        namespace,
    )
    exec(visible, namespace)
    with pytest.raises(
        LabInputError, match="^repeat_rate: write the calculation yourself; calling grader.labs"
    ):
        exec(tests, namespace)
