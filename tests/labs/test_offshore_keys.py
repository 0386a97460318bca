"""Do lab 02's delivery keys survive their own uncertainty: the stated ranges of churn and margin?"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pandas as pd
import pytest

from grader.catalog import scenario_folder, scenarios_for
from grader.notebook import open_lab
from tests.labs import lab_parts

offshore = lab_parts("02_offshore_tradeoffs")

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
TABLES = ("programs", "locations", "estimates", "assumptions")
CHURN = "churn_if_unresolved"


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _tables(lab) -> dict[str, pd.DataFrame]:
    return {t: lab.table(t) for t in TABLES}


def _keys(lab) -> dict[str, list[str]]:
    return {item.id: list(item.key) for item in lab.decision("delivery_model").items}


def test_every_churn_assumption_states_its_range(lab):
    """Does every program state a low and a high churn, and the assumptions table a margin range?"""
    programs = lab.table("programs")
    assert {f"{CHURN}_low", f"{CHURN}_high"} <= set(programs.columns)
    assert programs[[f"{CHURN}_low", f"{CHURN}_high"]].notna().all().all()
    margin = offshore.stated(lab.table("assumptions"), "margin_share")
    assert 0 < margin.low < margin.high <= 1


def test_every_stated_value_lies_inside_its_range(lab):
    """Does every value the model uses lie inside the range the scenario states for it?"""
    programs = lab.table("programs")
    assert (programs[f"{CHURN}_low"] <= programs[CHURN]).all()
    assert (programs[CHURN] <= programs[f"{CHURN}_high"]).all()
    for row in lab.table("assumptions").itertuples():
        assert row.low <= row.value <= row.high, row.id
    assert offshore.values_outside_their_range(_tables(lab)) == []


def test_the_middle_of_the_ranges_is_what_the_view_shows(lab):
    """Is the table priced at the stated values exactly the one the consequence view uses?"""
    lab.record("delivery_model", dict.fromkeys(lab.table("programs")["id"], "offshore"))
    shown = lab.consequences("delivery_model").data.set_index("program")
    priced = offshore.priced_at(_tables(lab), "mid", "mid")
    offshore_rows = priced[priced["location"] == "offshore"].set_index("program")
    for column in ("cost_per_resolution", "monthly_total"):
        assert shown[column].tolist() == pytest.approx(offshore_rows[column].tolist(), rel=1e-12)
    assert shown["at_risk"].tolist() == pytest.approx(offshore_rows[offshore.AT_RISK].tolist(), rel=1e-12)


@pytest.mark.parametrize(
    ("churn_end", "margin_end"), list(itertools.product(("low", "mid", "high"), repeat=2))
)
def test_each_key_is_the_cheapest_at_every_end_of_the_ranges(lab, churn_end, margin_end):
    """Is each delivery key the cheapest, cost plus margin at risk as the view prices it, at every end?"""
    totals = offshore.priced_at(_tables(lab), churn_end, margin_end).set_index(["program", "location"])
    for program, key in _keys(lab).items():
        at = totals.loc[program, "monthly_total"]
        best = at.idxmin()
        assert best in key, (
            f"{lab.scenario.id} {program}: {best} costs {at[key].min() - at.min():,.0f} USD a month less "
            f"than the key {key} with churn at its {churn_end} end and margin at its {margin_end} end"
        )


def test_key_margins_agree_with_the_plain_minimum(lab):
    """Does every key margin the checks use say the same as comparing the priced totals directly?"""
    margins = offshore.key_margins(_tables(lab), _keys(lab))
    assert len(margins) == 9 * len(_keys(lab))
    for m in margins:
        at = offshore.priced_at(_tables(lab), m.churn_end, m.margin_end)
        rows = at[at["program"] == m.program].set_index("location")["monthly_total"]
        assert m.usd_per_month == pytest.approx(rows[m.rival] - rows[m.key])
        assert m.holds


def _questions(lab) -> dict[str, list[str]]:
    return offshore.explaining_questions(lab.table("programs"), lab.table("estimates"))


def test_every_pilot_gap_is_clearly_small_or_clearly_large(lab):
    """Is every provider's gap to your own team either a few points or ten and more, never in between,
    so that no pattern the deciding question rests on turns on rounding?"""
    estimates = lab.table("estimates")
    for program in lab.table("programs").itertuples():
        rows = estimates[estimates["program"] == program.id].set_index("location")[program.quality_measure]
        for location, value in rows.drop("inhouse").items():
            gap = rows["inhouse"] - value
            assert gap <= 0.05 + 1e-9 or gap >= offshore.LOST_GROUND - 1e-9, (program.id, location, gap)


def test_each_deciding_question_is_what_the_pilot_supports(lab):
    """Is each program's deciding-question key exactly the questions that explain its pilot pattern?"""
    expected = _questions(lab)
    for item in lab.decision("deciding_question").items:
        assert sorted(item.key) == sorted(expected[item.id]), (lab.scenario.id, item.id, item.key)


def test_each_scenario_has_a_rating_only_the_pilot_refutes(lab):
    """Does each scenario give some program a rating off the middle that another program shares and
    that the pilot refutes, so that the ratings table alone cannot settle the decision?"""
    programs = lab.table("programs").set_index("id")
    refuted = offshore.refuted_questions(lab.table("programs"), lab.table("estimates"))
    shared_and_refuted = [
        (program, question)
        for program, questions in refuted.items()
        for question in questions
        if (
            programs[offshore.RATING_OF_QUESTION[question]]
            == programs.at[program, offshore.RATING_OF_QUESTION[question]]
        ).sum()
        > 1
    ]
    assert shared_and_refuted, lab.scenario.id


def test_a_refuted_rating_earns_at_most_a_little_credit(lab):
    """Where the pilot refutes a rating (another program rated the same fared differently), does that
    question earn no more than a quarter of the item, the same in every program?"""
    refuted = offshore.refuted_questions(lab.table("programs"), lab.table("estimates"))
    for item in lab.decision("deciding_question").items:
        for question in refuted[item.id]:
            assert item.partial.get(question, 0) <= 0.25, (lab.scenario.id, item.id, question)


def test_a_medium_rating_earns_nothing_where_a_rating_settled_the_program(lab):
    """Where a rating settled a program, does no question about one of its medium ratings earn part credit?"""
    programs = lab.table("programs").set_index("id")
    for item in lab.decision("deciding_question").items:
        if item.key in (["sums"], ["stakes"]):
            continue
        for question, share in item.partial.items():
            column = offshore.RATING_OF_QUESTION.get(question)
            if column is not None and share > 0:
                assert programs.loc[item.id, column] != "medium", (lab.scenario.id, item.id, question)


def test_the_rule_reads_the_pilot(mobile_copy):
    """When the save desk's distant teams are made to keep up, as its rarely changing offers
    predict, does the pilot stop refuting that rating and its callers' (rated like activation's,
    which held), so that the check then reports them instead of the key it has?"""
    path = mobile_copy / "estimates.csv"
    estimates = pd.read_csv(path, keep_default_na=False, dtype=str)
    desk = estimates["program"] == "retention"
    estimates.loc[desk & (estimates["location"] != "inhouse"), "save_rate"] = "0.33"
    estimates.to_csv(path, index=False)
    problems = offshore.check_folder(mobile_copy)
    assert any(
        "retention: the pilot's figures are explained by callers or pace" in p.message for p in problems
    )


def test_a_lone_rating_must_point_the_way_the_figures_went(travel_copy):
    """When the elite line's distant teams are made to hold, do its calm members (booking changes'
    too, which held) and its rarely changing standard, which no other program shares, then explain
    the figures, so that the check reports the elite line's key?"""
    path = travel_copy / "estimates.csv"
    estimates = pd.read_csv(path, keep_default_na=False, dtype=str)
    elite = estimates["program"] == "elite_line"
    estimates.loc[elite & (estimates["location"] == "nearshore"), ["fcr", "fcr_weeks_1_2"]] = ["0.83", "0.72"]
    estimates.loc[elite & (estimates["location"] == "offshore"), ["fcr", "fcr_weeks_1_2"]] = ["0.82", "0.71"]
    estimates.to_csv(path, index=False)
    problems = offshore.check_folder(travel_copy)
    assert any(
        "elite_line: the pilot's figures are explained by callers or pace" in p.message for p in problems
    )


def test_a_medium_rating_counts_when_another_medium_program_fared_alike(mobile_copy):
    """When hardship is rated medium on standardisation, like the save desk, and both lost ground at
    both providers, does the check then count routine as explaining both programs?"""
    _edit(mobile_copy, "programs", "hardship", "standardisation", "medium")
    messages = [p.message for p in offshore.check_folder(mobile_copy)]
    for program in ("hardship", "retention"):
        assert any(f"{program}: the pilot's figures are explained by routine" in m for m in messages)


# --------------------------------------------------------------------------- the checks can fail


@pytest.fixture
def mobile_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "offshore-mobile"
    shutil.copytree(scenario_folder("offshore-mobile"), folder)
    return folder


@pytest.fixture
def travel_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "offshore-travel"
    shutil.copytree(scenario_folder("offshore-travel"), folder)
    return folder


def _edit(folder: Path, table: str, row: str, column: str, value: object) -> None:
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    frame.loc[frame[frame.columns[0]] == row, column] = str(value)
    frame.to_csv(path, index=False)


def test_a_key_that_flips_inside_its_range_is_reported_at_its_line(mobile_copy):
    """When offshore would pay at the low end of a churn range, does validation say so at the key?"""
    _edit(mobile_copy, "programs", "device_help", f"{CHURN}_low", 0.005)
    problems = offshore.check_folder(mobile_copy)
    assert problems, "a key that flips inside the range must be reported"
    assert all(p.file.name == "scenario.yaml" for p in problems)
    assert any(
        "device_help: nearshore is not the cheapest" in p.message and "offshore" in p.message
        for p in problems
    )
    lines = (mobile_copy / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    assert all(lines[p.line - 1].strip().startswith("key:") for p in problems)


def test_a_value_outside_its_own_range_is_reported(mobile_copy):
    """Is a stated value outside its stated range reported at its row and column?"""
    _edit(mobile_copy, "assumptions", "margin_share", "low", 0.45)
    _edit(mobile_copy, "programs", "billing", f"{CHURN}_high", 0.05)
    problems = {(p.file.name, p.line, p.field) for p in offshore.check_folder(mobile_copy)}
    assert ("assumptions.csv", 2, "margin_share") in problems
    assert ("programs.csv", 4, CHURN) in problems


def test_a_save_desk_without_save_rates_is_reported(mobile_copy):
    """Is a program judged on its save rate, with no save rate at some location, reported there?"""
    _edit(mobile_copy, "estimates", "retention", "save_rate", "")
    problems = offshore.check_folder(mobile_copy)
    assert [(p.file.name, p.field) for p in problems] == [("estimates.csv", "save_rate")] * 3


def test_a_scenario_without_the_ranges_is_told_what_to_add(mobile_copy):
    """Does a lab 02 scenario in the old form (no ranges, no margin) get one line per missing figure?"""
    programs = pd.read_csv(mobile_copy / "programs.csv")
    programs.drop(columns=[f"{CHURN}_low", f"{CHURN}_high"]).to_csv(mobile_copy / "programs.csv", index=False)
    messages = [p.message for p in offshore.check_folder(mobile_copy)]
    assert messages == [
        f"lab 02 reads the column '{CHURN}_low'; add it",
        f"lab 02 reads the column '{CHURN}_high'; add it",
    ]


def test_the_course_scenarios_pass_the_lab_checks():
    """Do both course scenarios pass lab 02's own checks of their numbers?"""
    for scenario_id in SCENARIOS:
        assert offshore.check_folder(scenario_folder(scenario_id)) == [], scenario_id


def _stakes(programs: pd.DataFrame) -> pd.Series:
    stake = programs["churn_if_unresolved"].astype(float) * programs["revenue_of_lost_customer"].astype(float)
    stake.index = programs["id"]
    return stake


def _unshared_off_middle(programs: pd.DataFrame, row: object, ratings: dict[str, str]) -> list[str]:
    """The questions whose rating for ``row`` is off the middle and given to no other program."""
    return [
        q
        for q, column in ratings.items()
        if getattr(row, column) != "medium" and (programs[column] == getattr(row, column)).sum() == 1
    ]


def _odd_rating_out(programs: pd.DataFrame) -> dict[str, list[str]]:
    """The questions a learner who never reads the pilot would pick: each rating off the middle that
    no other program shares (brand sensitivity standing for the stakes), else the stakes where churn x
    revenue dwarfs every other program's, else the sums."""
    ratings = dict(offshore.RATING_OF_QUESTION, stakes="brand_sensitivity")
    dwarfing = set(offshore.stakes_stand_out(programs))
    return {
        row.id: _unshared_off_middle(programs, row, ratings) or ["stakes" if row.id in dwarfing else "sums"]
        for row in programs.itertuples()
    }


def _stakes_first(programs: pd.DataFrame) -> dict[str, list[str]]:
    """The stakes on the program whose churn x revenue dwarfs every other program's (the prompt's
    own words single it out), else each rating off the middle that no other program shares, else
    the sums."""
    dwarfing = set(offshore.stakes_stand_out(programs))
    return {
        row.id: ["stakes"]
        if row.id in dwarfing
        else _unshared_off_middle(programs, row, offshore.RATING_OF_QUESTION) or ["sums"]
        for row in programs.itertuples()
    }


def _principle_on_the_ratings(programs: pd.DataFrame) -> dict[str, list[str]]:
    """The course's principle applied to the ratings alone, one pick per program: rules that change
    weekly, pace; work the tool carries or work that is all judgement, routine; upset callers,
    callers; else the stakes where they dwarf every other program's, else the sums."""
    dwarfing = set(offshore.stakes_stand_out(programs))
    picks = {}
    for row in programs.itertuples():
        if row.change_pace == "high":
            picks[row.id] = ["pace"]
        elif row.standardisation in ("high", "low"):
            picks[row.id] = ["routine"]
        elif row.emotional_weight == "high":
            picks[row.id] = ["callers"]
        else:
            picks[row.id] = ["stakes" if row.id in dwarfing else "sums"]
    return picks


def _only_or_unique_rating(programs: pd.DataFrame) -> dict[str, list[str]]:
    """A cruder scan, with no theory at all: among routine, callers and pace, the only rating off the
    middle; where there are several, those no other program shares; else no pick."""
    picks = {}
    for row in programs.itertuples():
        off = [q for q, column in offshore.RATING_OF_QUESTION.items() if getattr(row, column) != "medium"]
        picks[row.id] = off if len(off) == 1 else [q for q in off if _shared_by(programs, row, q) == 1]
    return picks


def _shared_by(programs: pd.DataFrame, row: object, question: str) -> int:
    column = offshore.RATING_OF_QUESTION[question]
    return int((programs[column] == getattr(row, column)).sum())


MOST_FOUND_WITHOUT_THE_PILOT = 2  # of five programs
MOST_POINTS_WITHOUT_THE_PILOT = 2.5  # of the decision's five, part credit included
# A scenario whose words or ratings still give the keys away: (attack, scenario) -> reason.
KNOWN_GIVEAWAYS: dict[tuple[str, str], str] = {}


def _scan_cases(scan: str) -> list:
    return [
        pytest.param(
            s,
            id=s,
            marks=[pytest.mark.xfail(reason=KNOWN_GIVEAWAYS[(scan, s)], strict=True)]
            if (scan, s) in KNOWN_GIVEAWAYS
            else [],
        )
        for s in SCENARIOS
    ]


def _points(picks: dict[str, list[str]], lab) -> float:
    """What the picks earn on the deciding question, part credit included, when each program is
    allowed the best of its picks."""
    decision = lab.decision("deciding_question")
    best = [max((item.credit(q) for q in picks[item.id]), default=0.0) for item in decision.items]
    return decision.points * sum(best) / len(best)


@pytest.mark.parametrize(
    "scan",
    [_odd_rating_out, _only_or_unique_rating, _stakes_first, _principle_on_the_ratings],
    ids=["odd_one_out", "only_or_unique", "stakes_first", "principle"],
)
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_scanning_the_ratings_without_the_pilot_earns_at_most_half(scenario_id, scan, practice):
    """Does a learner who ignores the pilot and scans the ratings (the odd rating out, else the extreme
    stakes, else the sums; the only off-middle rating, else the unshared one; the extreme stakes
    first; or the course's principle read off the ratings) earn at most half the decision's points,
    part credit included, even when allowed the best of their picks?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    earned = _points(scan(lab.table("programs")), lab)
    assert earned <= MOST_POINTS_WITHOUT_THE_PILOT, (scenario_id, scan.__name__, earned)


@pytest.mark.parametrize("scenario_id", _scan_cases("one_answer"))
def test_one_answer_everywhere_earns_at_most_half(scenario_id, practice):
    """Does the same question placed on every program, the sums or 'not in the ratings' above all,
    earn at most half the decision's points, part credit included?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    decision = lab.decision("deciding_question")
    for category in decision.categories:
        earned = _points({item.id: [category.id] for item in decision.items}, lab)
        assert earned <= MOST_POINTS_WITHOUT_THE_PILOT, (scenario_id, category.id, earned)


BOTH = ("nearshore", "offshore")
NIGHT_SHIFT = ("offshore",)
HELD: tuple[str, ...] = ()


def _pilot_going(
    estimates: pd.DataFrame, programs: pd.DataFrame, lost: dict[str, tuple[str, ...]]
) -> pd.DataFrame:
    """The estimates with each program's provider figures replaced by a pattern: the locations in
    ``lost`` twenty points behind your own team, the others level with it."""
    pilot = estimates.copy()
    for row in programs.itertuples():
        rows = pilot["program"] == row.id
        home = float(pilot.loc[rows & (pilot["location"] == "inhouse"), row.quality_measure].iloc[0])
        for location in BOTH:
            at = rows & (pilot["location"] == location)
            pilot.loc[at, row.quality_measure] = home - (0.2 if location in lost[row.id] else 0.0)
    return pilot


def _predicted_pilot(programs: pd.DataFrame, estimates: pd.DataFrame, pace_first: bool) -> pd.DataFrame:
    """The estimates with each pilot figure replaced by the pattern the ratings alone predict, by the
    lab's own principle: judgement work or upset callers lose ground at both providers, rules that
    change weekly lose it on the night shift only, anything else holds. ``pace_first`` lets the pace
    rating win where a program has both kinds of rating."""
    lost = {}
    for row in programs.itertuples():
        judgement = row.standardisation == "low" or row.emotional_weight == "high"
        weekly = row.change_pace == "high"
        if weekly and (pace_first or not judgement):
            lost[row.id] = NIGHT_SHIFT
        elif judgement:
            lost[row.id] = BOTH
        else:
            lost[row.id] = HELD
    return _pilot_going(estimates, programs, lost)


def _programs_the_figures_decide(
    programs: pd.DataFrame, estimates: pd.DataFrame, pace_first: bool
) -> list[str]:
    """The programs where a learner who keys the pattern the ratings predict loses full credit even
    with the best single pick of what that pattern supports: the real figures changed the answer,
    not merely added or dropped a second right one."""
    real = offshore.explaining_questions(programs, estimates)
    predicted = offshore.explaining_questions(programs, _predicted_pilot(programs, estimates, pace_first))
    return [p for p in real if not set(real[p]) & set(predicted[p])]


FEWEST_DECIDED_BY_THE_FIGURES = 2  # programs per scenario whose key the pilot's figures change


@pytest.mark.parametrize("pace_first", [False, True], ids=["judgement_first", "pace_first"])
@pytest.mark.parametrize("scenario_id", _scan_cases("decided"))
def test_the_pilot_figures_change_the_keys(scenario_id, pace_first):
    """When every pilot figure is replaced by the pattern the ratings predict, does the best single
    pick that pattern supports then miss at least two keys, so that the figures, not the ratings,
    decide them?"""
    folder = scenario_folder(scenario_id)
    programs, estimates = pd.read_csv(folder / "programs.csv"), pd.read_csv(folder / "estimates.csv")
    decided = _programs_the_figures_decide(programs, estimates, pace_first)
    assert len(decided) >= FEWEST_DECIDED_BY_THE_FIGURES, (scenario_id, decided)


@pytest.mark.parametrize("pace_first", [False, True], ids=["judgement_first", "pace_first"])
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_rule_on_a_pilot_predicted_from_the_ratings_earns_at_most_half(scenario_id, pace_first, practice):
    """When a learner predicts every pilot figure from the ratings and applies the course's own rule
    to that prediction, do the questions it names earn at most half the decision's points, part
    credit included, even with the best of its picks?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    programs, estimates = lab.table("programs"), lab.table("estimates")
    picks = offshore.explaining_questions(programs, _predicted_pilot(programs, estimates, pace_first))
    earned = _points(picks, lab)
    assert earned <= MOST_POINTS_WITHOUT_THE_PILOT, (scenario_id, picks, earned)


# The pilot a learner would predict from the course's own words alone (the brief, the programs'
# and locations' notes, the decisions' labels), never reading a figure of the estimates table.
WORDS_ONLY_PILOT: dict[str, dict[str, tuple[str, ...]]] = {
    "offshore-mobile": {
        "activation": HELD,  # the tool holds every step and no agent can override the fraud check
        "device_help": NIGHT_SHIFT,  # new models most weeks; Cebu is reached "through the provider's leads"
        "billing": NIGHT_SHIFT,  # offers change most weeks and reach billing the same day
        "hardship": BOTH,  # grieving callers and case-by-case waivers
        "retention": HELD,  # a scripted save flow and an offer matrix that rarely changes
    },
    "offshore-travel": {
        "booking_changes": HELD,  # the booking tool applies the fare rules
        "in_trip": BOTH,  # stranded, upset callers and odd cases that need judgement
        "disruption": NIGHT_SHIFT,  # waivers change by the hour; Pune works your day as its night
        "elite_line": HELD,  # calm members and a standard written down once and rarely changed
        "accessibility": BOTH,  # anxious callers and every case different
    },
}


@pytest.mark.parametrize("scenario_id", _scan_cases("words_only"))
def test_the_rule_on_a_pilot_predicted_from_the_words_earns_at_most_half(scenario_id, practice):
    """When a learner predicts the pilot from the course's own words, never opening the estimates
    table, and applies the course's rule to that prediction, does it earn at most half the
    decision's points, part credit included?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    programs, estimates = lab.table("programs"), lab.table("estimates")
    pilot = _pilot_going(estimates, programs, WORDS_ONLY_PILOT[scenario_id])
    picks = offshore.explaining_questions(programs, pilot)
    earned = _points(picks, lab)
    assert earned <= MOST_POINTS_WITHOUT_THE_PILOT, (scenario_id, picks, earned)


# What a learner who copies a telling word from the quality team's notes, never weighing the
# figures, would pick: the first kind of word found in a program's notes decides.
QUALITY_NOTE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("unrated", ("came from", "did not know", "unsure", "knew")),
    ("routine", ("tool", "system", "flow", "script")),
    ("pace", ("changed", "replaced", "update", "late")),
    ("callers", ("upset", "anxious", "angry", "distress")),
)


def _copied_from_the_notes(estimates: pd.DataFrame) -> dict[str, list[str]]:
    """For each program, the question its quality notes' first telling word names, else the sums."""
    picks = {}
    for program, rows in estimates.groupby("program", sort=False):
        notes = " ".join(str(n) for n in rows["quality_notes"].fillna("")).lower()
        cue = next((q for q, words in QUALITY_NOTE_CUES if any(w in notes for w in words)), "sums")
        picks[str(program)] = [cue]
    return picks


@pytest.mark.parametrize("scenario_id", _scan_cases("quality_notes"))
def test_copying_a_word_from_the_quality_notes_earns_at_most_half(scenario_id, practice):
    """Does a learner who reads only the quality team's notes and copies their telling word (what the
    agents came from or did not know, unrated; a tool or flow, routine; a change, pace; an upset
    caller, callers; nothing telling, the sums) earn at most half the decision's points?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    earned = _points(_copied_from_the_notes(lab.table("estimates")), lab)
    assert earned <= MOST_POINTS_WITHOUT_THE_PILOT, (scenario_id, earned)


def test_the_notes_attack_finds_notes_that_name_the_mechanism(mobile_copy):
    """With activation's notes naming the tool again and device help's naming what its agents did
    not know, does copying the notes' words then find the keys of more than two programs?"""
    path = mobile_copy / "estimates.csv"
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    frame.loc[frame["program"] == "activation", "quality_notes"] = "Followed the tool's steps"
    frame.loc[frame["program"] == "device_help", "quality_notes"] = "The agents did not know the new fixes"
    frame.to_csv(path, index=False)
    estimates = pd.read_csv(path)
    picks = _copied_from_the_notes(estimates)
    keys = offshore.explaining_questions(pd.read_csv(mobile_copy / "programs.csv"), estimates)
    found = [p for p in keys if set(picks[p]) & set(keys[p])]
    assert len(found) > MOST_FOUND_WITHOUT_THE_PILOT, (picks, keys)


def _named_by_the_words(lab) -> set[str]:
    """The programs the course's words single out as falling behind for a reason the table does not
    rate: those whose own name or notes share a telling word with the 'Not in the ratings' label,
    or whose provider teams' backgrounds the brief describes."""
    decision = lab.decision("deciding_question")
    label = next(c.label for c in decision.categories if c.id == "unrated").lower()
    brief = lab.scenario.brief.lower()
    named = set()
    for row in lab.table("programs").itertuples():
        telling = {w for w in f"{row.program} {row.notes}".lower().replace(",", " ").split() if len(w) > 7}
        if any(w[:8] in label for w in telling):
            named.add(row.id)
    if "agents came from" in brief:  # the teams' past work points at the program it fits
        named |= {row.id for row in lab.table("programs").itertuples() if "hotel" in row.program.lower()}
    return named


def _wording_map(lab) -> dict[str, list[str]]:
    """No rule at all: a program the words single out, unrated; a rating off the middle that no other
    program shares, its question; rules that change weekly, pace; the rest, the sums."""
    programs = lab.table("programs")
    named = _named_by_the_words(lab)
    picks = {}
    for row in programs.itertuples():
        if row.id in named:
            picks[row.id] = ["unrated"]
        else:
            unique = _unshared_off_middle(programs, row, offshore.RATING_OF_QUESTION)
            picks[row.id] = unique or (["pace"] if row.change_pace == "high" else ["sums"])
    return picks


@pytest.mark.parametrize("scenario_id", _scan_cases("wording_map"))
def test_a_map_of_the_wording_earns_at_most_half(scenario_id, practice):
    """Does a learner who maps the wording to the questions, with no rule and no pilot (the program a
    label or the brief singles out, unrated; a unique rating, its question; weekly change, pace;
    the rest, the sums), earn at most half the decision's points?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    picks = _wording_map(lab)
    earned = _points(picks, lab)
    assert earned <= MOST_POINTS_WITHOUT_THE_PILOT, (scenario_id, picks, earned)


def test_no_category_label_names_its_own_answer(lab):
    """Does the 'Not in the ratings' label stay generic, naming no skill or background that would
    point at a program before the pilot is read?"""
    decision = lab.decision("deciding_question")
    label = next(c.label for c in decision.categories if c.id == "unrated")
    assert "such as" not in label, label
    assert _named_by_the_words(lab) == set(), (lab.scenario.id, _named_by_the_words(lab))


def test_a_second_right_answer_does_not_count_as_decided_by_the_figures():
    """When the predicted pattern supports the real key and one more question, is the program not
    counted as decided by the figures, since the obvious pick still earns full credit?"""
    programs = pd.DataFrame(
        {
            "id": ["scripted", "judgement"],
            "standardisation": ["high", "low"],
            "emotional_weight": ["low", "high"],
            "change_pace": ["medium", "medium"],
            "quality_measure": ["fcr", "fcr"],
            "churn_if_unresolved": [0.01, 0.05],
            "revenue_of_lost_customer": [100, 100],
        }
    )
    estimates = pd.DataFrame(
        {
            "program": ["scripted"] * 3 + ["judgement"] * 3,
            "location": ["inhouse", "nearshore", "offshore"] * 2,
            "fcr": [0.80, 0.79, 0.78, 0.80, 0.60, 0.55],
        }
    )
    assert offshore.explaining_questions(programs, estimates)["scripted"] == ["routine", "callers"]
    assert _programs_the_figures_decide(programs, estimates, pace_first=False) == []


def test_each_scenario_has_a_decoy_only_the_pilot_exposes(lab):
    """Does each scenario give some program a rating off the middle that the ratings alone would accept
    as the explanation, and that the real pilot figures refute?"""
    programs, estimates = lab.table("programs"), lab.table("estimates")
    refuted = offshore.refuted_questions(programs, estimates)
    accepted = offshore.explaining_questions(
        programs, _predicted_pilot(programs, estimates, pace_first=False)
    )
    decoys = [(p, q) for p, questions in refuted.items() for q in questions if q in accepted[p]]
    assert decoys, lab.scenario.id


# The mobile scenario as it stood in round 5, before billing's credits were keyed on its offer
# list: the ratings and the one pilot figure that changed since, for the tests of old rounds.
ROUND_5_MOBILE = {
    ("programs", "activation", "emotional_weight"): "high",
    ("programs", "billing", "standardisation"): "medium",
    ("programs", "retention", "standardisation"): "high",
    ("estimates", "billing", "fcr"): "0.57",
}


def _as_in_round_5(folder: Path) -> None:
    for (table, program, column), value in ROUND_5_MOBILE.items():
        if table == "programs":
            _edit(folder, table, program, column, value)
            continue
        path = folder / f"{table}.csv"
        frame = pd.read_csv(path, keep_default_na=False, dtype=str)
        at = (frame["program"] == program) & (frame["location"] == "offshore")
        frame.loc[at, column] = value
        frame.to_csv(path, index=False)


ROUND_2_MOBILE_RATINGS = {
    ("activation", "emotional_weight"): "low",
    ("activation", "change_pace"): "low",
    ("device_help", "standardisation"): "medium",
    ("billing", "emotional_weight"): "medium",
    ("hardship", "change_pace"): "low",
    ("retention", "standardisation"): "medium",
    ("retention", "emotional_weight"): "high",
    ("retention", "change_pace"): "medium",
}


def test_the_attacks_find_ratings_that_give_the_keys_away(mobile_copy):
    """With the save desk rated as it once was (upset callers, monthly offers), do the scans and the
    predicted pilot find what a learner without the pilot would find: no program decided by the
    figures, and more than two programs scanned to full credit?"""
    _as_in_round_5(mobile_copy)
    for (row, column), value in ROUND_2_MOBILE_RATINGS.items():
        _edit(mobile_copy, "programs", row, column, value)
    programs = pd.read_csv(mobile_copy / "programs.csv")
    estimates = pd.read_csv(mobile_copy / "estimates.csv")
    assert _programs_the_figures_decide(programs, estimates, pace_first=False) == []
    keys = offshore.explaining_questions(programs, estimates)
    found = [p for p, picks in _only_or_unique_rating(programs).items() if set(picks) & set(keys[p])]
    assert len(found) > MOST_FOUND_WITHOUT_THE_PILOT, found


def test_the_round_4_ratings_give_the_keys_to_the_principle(mobile_copy):
    """With the programs rated as in round 4 (device help medium on standardisation, the save desk
    medium too), does the principle applied to the ratings find more than two keys, as the review
    found?"""
    _as_in_round_5(mobile_copy)
    for row in ("device_help", "retention"):
        _edit(mobile_copy, "programs", row, "standardisation", "medium")
    programs = pd.read_csv(mobile_copy / "programs.csv")
    keys = offshore.explaining_questions(programs, pd.read_csv(mobile_copy / "estimates.csv"))
    found = [p for p, picks in _principle_on_the_ratings(programs).items() if set(picks) & set(keys[p])]
    assert len(found) > MOST_FOUND_WITHOUT_THE_PILOT, found


ROUND_4_MOBILE_ANSWER = {  # the keys of round 4, when the decision had five questions
    "activation": "routine",
    "device_help": "pace",
    "billing": "pace",
    "hardship": "callers",
    "retention": "stakes",
}


def test_an_answer_from_the_five_questions_of_before_still_loads_and_scores(practice):
    """Does a deciding-question answer saved when there were five questions open again with every
    choice in place, activation's routine and hardship's callers full credit, device help's pace
    and the save desk's stakes a little each, and billing's pace nothing, since billing held?"""
    saved = open_lab(LAB, practice, scenario="offshore-mobile")
    saved.record("deciding_question", ROUND_4_MOBILE_ANSWER)
    reopened = open_lab(LAB, practice, scenario="offshore-mobile")
    assert reopened.choice("deciding_question") == ROUND_4_MOBILE_ANSWER
    result = next(d for d in reopened.results().decisions if d.decision_id == "deciding_question")
    assert result.points == pytest.approx(5 * (1 + 0.25 + 0 + 1 + 0.25) / 5)
