"""Do lab 02's pilot figures agree with the course's learning-dip model, and show their own noise?"""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from grader.catalog import scenario_folder, scenarios_for
from grader.models.consequences import ASSUMPTIONS, SimulationSettings, simulate
from grader.notebook import open_lab
from tests.labs import lab_parts

offshore = lab_parts("02_offshore_tradeoffs")

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
DIP_FIGURES = ("transition_fcr_dip", "ramp_weeks")


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _pilot_rows(lab) -> pd.DataFrame:
    return lab.table("estimates").query("location != 'inhouse'")


def _dip(lab, location: str, weeks: tuple[int, ...], end: str) -> float:
    assumptions = lab.table("assumptions")
    attrition = lab.table("locations").set_index("id")["annual_attrition"]
    return offshore.learning_dip(
        weeks,
        dip=offshore.stated(assumptions, "transition_fcr_dip").at(end),
        ramp_weeks=offshore.stated(assumptions, "ramp_weeks").at(end),
        annual_attrition=float(attrition[location]),
        home_attrition=float(attrition["inhouse"]),
    )


def test_the_scenario_states_the_course_learning_dip(lab):
    """Are the scenario's learning-dip figures, value and range, those of the course's quarter simulation?"""
    assumptions = lab.table("assumptions")
    for name in DIP_FIGURES:
        figure, course = offshore.stated(assumptions, name), ASSUMPTIONS[name]
        assert (figure.value, figure.low, figure.high) == (course.value, course.low, course.high), name


def test_the_learning_dip_is_the_simulations_week_by_week():
    """Does the lab's learning dip give the FCR the quarter simulation loses, week by week, for a new team?"""
    queues = pd.DataFrame(
        {
            "id": ["easy"],
            "monthly_contacts": [8000],
            "aht_minutes": [6],
            "complexity": ["low"],
            "risk": ["low"],
            "collaboration": ["low"],
            "documentation": ["high"],
            "language": ["English"],
        }
    )  # no fit penalty anywhere: what the simulation loses is the learning dip alone
    locations = pd.DataFrame({"id": ["inhouse", "offshore"], "loaded_cost_per_hour": [50.0, 15.0]})
    settings = SimulationSettings(annual_attrition={"inhouse": 0.35, "offshore": 0.40})
    weekly = simulate(queues, locations, {"easy": "offshore"}, seed=3, settings=settings).weekly
    lost = settings.base_fcr - weekly.sort_values("week")["fcr"].to_numpy()
    expected = [
        offshore.learning_dip(
            (week,),
            dip=settings.transition_fcr_dip,
            ramp_weeks=settings.ramp_weeks,
            annual_attrition=0.40,
            home_attrition=0.35,
        )
        for week in range(1, len(lost) + 1)
    ]
    assert lost == pytest.approx(expected, abs=1e-12)
    assert lost[0] > 0.1 > lost[6]


def test_the_first_weeks_show_the_stated_dip(lab):
    """Is each new team's FCR in weeks 1-2 as far below its settled FCR as the stated dip allows?"""
    for row in _pilot_rows(lab).itertuples():
        gap = row.fcr - row.fcr_weeks_1_2
        low, high = (_dip(lab, row.location, offshore.EARLY_WEEKS, end) for end in ("low", "high"))
        assert low - 0.005 <= gap <= high + 0.005, (row.program, row.location, gap, low, high)


def test_little_of_the_dip_is_left_in_the_weeks_measured(lab):
    """Is the dip left in weeks 7-8, at the high end of its range, a point at most and inside the noise?"""
    for row in _pilot_rows(lab).itertuples():
        left = _dip(lab, row.location, offshore.MEASURED_WEEKS, "high")
        assert left <= 0.0105
        assert left < offshore.interval_half_width(row.fcr, row.contacts_observed)


def test_every_figure_gives_the_contacts_behind_it(lab):
    """Does every estimate say how many contacts it rests on, the pilot's far fewer than your own team's?"""
    estimates = lab.table("estimates")
    assert (estimates["contacts_observed"] > 0).all()
    own = estimates.query("location == 'inhouse'").set_index("program")["contacts_observed"]
    for row in _pilot_rows(lab).itertuples():
        assert row.contacts_observed * 10 < own[row.program], row.program


def test_a_one_or_two_point_gap_is_noise_and_the_offshore_gaps_are_not(lab):
    """Does a 95 % interval cover the 1-2 point nearshore gaps, and leave every offshore gap of ten points
    or more clearly above five?"""
    estimates = lab.table("estimates").set_index(["program", "location"])

    def gap_interval(program: str, location: str) -> tuple[float, float]:
        there, home = estimates.loc[(program, location)], estimates.loc[(program, "inhouse")]
        half = math.hypot(
            offshore.interval_half_width(there.fcr, there.contacts_observed),
            offshore.interval_half_width(home.fcr, home.contacts_observed),
        )
        gap = home.fcr - there.fcr
        return gap - half, gap + half

    fcr = estimates["fcr"].unstack("location")
    nearshore_gap = fcr["inhouse"] - fcr["nearshore"]
    small = nearshore_gap[(nearshore_gap > 0) & (nearshore_gap <= 0.02 + 1e-9)].index.tolist()
    assert small
    for program in small:
        low, _ = gap_interval(program, "nearshore")
        assert low < 0, program
    offshore_gap = fcr["inhouse"] - fcr["offshore"]
    lost = offshore_gap[offshore_gap >= offshore.LOST_GROUND - 1e-9].index.tolist()
    assert lost
    for program in lost:
        low, _ = gap_interval(program, "offshore")
        assert low > 0.05, program


#: How far, in half-widths of the pilot figure's 95 % interval, every gap must lie from the line
#: between holding and losing ground, so that no key rests on a figure the noise could move across.
CLEAR_OF_THE_LINE = 2.0


def _gaps_near_the_line(
    programs: pd.DataFrame, estimates: pd.DataFrame
) -> list[tuple[str, str, float, float]]:
    """Each provider gap closer to :data:`LOST_GROUND` than :data:`CLEAR_OF_THE_LINE` half-widths:
    (program, location, gap, half-width)."""
    near = []
    for program in programs.itertuples():
        rows = estimates[estimates["program"] == program.id].set_index("location")
        home = float(rows.at["inhouse", program.quality_measure])
        for location, row in rows.drop("inhouse").iterrows():
            value = float(row[program.quality_measure])
            half = offshore.interval_half_width(value, float(row["contacts_observed"]))
            gap = home - value
            if abs(gap - offshore.LOST_GROUND) < CLEAR_OF_THE_LINE * half:
                near.append((program.id, str(location), round(gap, 3), round(half, 3)))
    return near


def test_every_gap_lies_clear_of_the_line_the_keys_rest_on(lab):
    """Does every provider's gap to your own team lie at least two noise half-widths from the ten
    points that separate holding from losing ground, so that no key rests on a figure at the line?"""
    assert _gaps_near_the_line(lab.table("programs"), lab.table("estimates")) == [], lab.scenario.id


def test_a_save_rate_at_the_line_is_found(practice):
    """Is a save desk whose nearshore team is exactly ten points behind, on 1,700 callers, found too
    close to the line?"""
    lab = open_lab(LAB, practice, scenario="offshore-mobile")
    estimates = lab.table("estimates").copy()
    at = (estimates["program"] == "retention") & (estimates["location"] == "nearshore")
    estimates.loc[at, "save_rate"] = 0.24
    near = _gaps_near_the_line(lab.table("programs"), estimates)
    assert [(p, loc) for p, loc, _, _ in near] == [("retention", "nearshore")]


STANDARDISATION_ORDER = ("high", "medium", "low")  # from work the tool carries to case-by-case work


def test_the_dip_is_deeper_where_the_work_is_less_scripted(lab):
    """Does a new team lose more in its first two weeks the less the work can be scripted: every
    program rated high on standardisation less than every one rated medium, and those less than
    every one rated low?"""
    levels = lab.table("programs").set_index("id")["standardisation"]
    dips: dict[str, list[float]] = {level: [] for level in STANDARDISATION_ORDER}
    for row in _pilot_rows(lab).itertuples():
        dips[levels[row.program]].append(row.fcr - row.fcr_weeks_1_2)
    present = [dips[level] for level in STANDARDISATION_ORDER if dips[level]]
    assert len(present) == len(STANDARDISATION_ORDER), lab.scenario.id
    for shallower, deeper in zip(present, present[1:], strict=False):
        assert max(shallower) < min(deeper), (lab.scenario.id, shallower, deeper)


def test_first_weeks_without_a_dip_are_reported(tmp_path):
    """Does validation report a new team whose first weeks resolve as much as its settled weeks?"""
    folder = tmp_path / "offshore-travel"
    shutil.copytree(scenario_folder("offshore-travel"), folder)
    estimates = pd.read_csv(folder / "estimates.csv")
    row = estimates.index[(estimates.program == "in_trip") & (estimates.location == "nearshore")][0]
    estimates.loc[row, "fcr_weeks_1_2"] = estimates.loc[row, "fcr"] - 0.01
    estimates.to_csv(folder / "estimates.csv", index=False)
    problems = offshore.check_folder(folder)
    assert [(p.file.name, p.line, p.field) for p in problems] == [("estimates.csv", row + 2, "fcr_weeks_1_2")]
    assert "the stated learning dip gives" in problems[0].message
