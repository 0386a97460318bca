"""Do lab 02's keys hold: the delivery keys across the stated ranges of churn and margin, and the
deciding question against every scan of the ratings, the pilot or the notes alone?"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from grader.catalog import scenario_folder, scenarios_for
from grader.engine import score_decision
from grader.engine.keys import perfect_answer
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


# --------------------------------------------------------------------------- the deciding question

QUESTION = "deciding_question"
RATING_COLUMNS = tuple(offshore.TRAVELS)
#: Columns of the programs table a learner can scan without the pilot.
SCANNED_COLUMNS = ("channel", *RATING_COLUMNS, "brand_sensitivity", "quality_measure")
MOST_POINTS_WITHOUT_BOTH = 2.5  # of the decision's five: what a scan of one side alone may earn


def _overturned(lab) -> list[str]:
    return offshore.overturned_programs(lab.table("programs"), lab.table("estimates"))


def _points(lab, ticked: object) -> float:
    """What ticking ``ticked`` earns on the deciding question, scored as the course scores it."""
    return score_decision(lab.decision(QUESTION), sorted(set(ticked))).points


def test_every_pilot_gap_is_clearly_small_or_clearly_large(lab):
    """Is every provider's gap to your own team either a few points or ten and more, never in between,
    so that whether the offshore team fell behind never turns on rounding?"""
    estimates = lab.table("estimates")
    for program in lab.table("programs").itertuples():
        rows = estimates[estimates["program"] == program.id].set_index("location")[program.quality_measure]
        for location, value in rows.drop("inhouse").items():
            gap = rows["inhouse"] - value
            assert gap <= 0.05 + 1e-9 or gap >= offshore.LOST_GROUND - 1e-9, (program.id, location, gap)


def test_every_pilot_gap_lies_two_half_widths_from_the_line(lab):
    """Does every provider gap in the fcr and save_rate columns lie at least two half-widths of its 95 %
    interval away from ten points, as the notebook says, so that noise never decides it?"""
    estimates = lab.table("estimates")
    for program in lab.table("programs").itertuples():
        rows = estimates[estimates["program"] == program.id].set_index("location")
        for location in ("nearshore", "offshore"):
            value = float(rows.at[location, program.quality_measure])
            half = offshore.interval_half_width(value, float(rows.at[location, "contacts_observed"]))
            gap = float(rows.at["inhouse", program.quality_measure]) - value
            assert abs(gap - offshore.LOST_GROUND) >= 2 * half, (program.id, location, gap, half)


def test_every_programs_prediction_is_unambiguous(lab):
    """Has every program a rating off the middle, and do all its ratings off the middle point the same
    way, so that the notebook's rule gives it one prediction no learner can read two ways?"""
    for _, program in lab.table("programs").iterrows():
        found = offshore.signals(program)
        assert found, (lab.scenario.id, program["id"], "every rating is medium")
        assert len(set(found)) == 1, (lab.scenario.id, program["id"], "ratings point both ways")
        assert offshore.prediction_is_clear(program)


def test_the_rule_reads_each_rating_the_way_the_notebook_states_it():
    """Do high standardisation, calm callers and rarely changing rules predict that the offshore team
    holds, their opposites that it falls behind, and a medium rating neither way?"""
    assert offshore.TRAVELS == {
        "standardisation": {"high": True, "low": False},
        "emotional_weight": {"low": True, "high": False},
        "change_pace": {"low": True, "high": False},
    }
    rated = pd.DataFrame(
        {
            "id": ["travels", "stays", "mixed", "middle"],
            "standardisation": ["high", "medium", "high", "medium"],
            "emotional_weight": ["medium", "high", "medium", "medium"],
            "change_pace": ["low", "medium", "high", "medium"],
        }
    )
    assert offshore.predicted_to_hold(rated) == {
        "travels": True,
        "stays": False,
        "mixed": False,
        "middle": False,
    }
    assert [offshore.prediction_is_clear(row) for _, row in rated.iterrows()] == [True, True, False, False]


def test_the_key_is_where_the_pilot_overturned_the_prediction(lab):
    """Are the options keyed correct exactly the programs whose offshore result went against their
    ratings' prediction, one option per program?"""
    decision = lab.decision(QUESTION)
    assert [o.id for o in decision.options] == list(lab.table("programs")["id"])
    assert sorted(o.id for o in decision.options if o.correct) == sorted(_overturned(lab))


def test_each_scenario_overturns_a_prediction_each_way_and_confirms_both_kinds(lab):
    """Does each scenario overturn a prediction that the offshore team holds and one that it falls
    behind, and confirm at least one of each, so that neither the ratings nor the pilot alone sort
    the programs?"""
    predicted = offshore.predicted_to_hold(lab.table("programs"))
    held = offshore.offshore_held(lab.table("programs"), lab.table("estimates"))
    kinds = {(predicted[p], held[p]) for p in predicted}
    assert kinds == {(True, True), (True, False), (False, True), (False, False)}, (lab.scenario.id, kinds)


def _subsets(values: list[str]) -> list[tuple[str, ...]]:
    return [s for r in range(1, len(values) + 1) for s in itertools.combinations(values, r)]


def _column_scans(programs: pd.DataFrame) -> dict[str, set[str]]:
    """Every tick set a learner gets by reading one column of the programs table, or two at once."""
    scans = {}
    for column in SCANNED_COLUMNS:
        for levels in _subsets(sorted(set(programs[column]))):
            scans[f"{column} in {levels}"] = set(programs.loc[programs[column].isin(levels), "id"])
    for first, second in itertools.combinations(SCANNED_COLUMNS, 2):
        for a, b in itertools.product(set(programs[first]), set(programs[second])):
            both = (programs[first] == a) & (programs[second] == b)
            scans[f"{first}={a} and {second}={b}"] = set(programs.loc[both, "id"])
    return scans


def _ratings_scans(programs: pd.DataFrame) -> dict[str, set[str]]:
    """Tick sets read off the ratings alone: the rule's predictions, the odd ones out, the stakes."""
    predicted = offshore.predicted_to_hold(programs)
    rated = programs.set_index("id")
    odd = {
        p
        for p in rated.index
        for column in (*RATING_COLUMNS, "brand_sensitivity")
        if (rated[column] == rated.at[p, column]).sum() == 1
    }
    stakes = rated["churn_if_unresolved"] * rated["revenue_of_lost_customer"]
    return {
        "predicted to hold": {p for p, hold in predicted.items() if hold},
        "predicted to fall behind": {p for p, hold in predicted.items() if not hold},
        "a rating no other program shares": odd,
        "the highest stakes": {str(stakes.idxmax())},
        "the two highest stakes": set(stakes.nlargest(2).index),
        "the largest program": {str(rated["monthly_issues"].idxmax())},
    }


def test_scanning_the_ratings_without_the_pilot_earns_at_most_half(lab):
    """Does every scan of the programs table alone (the rule's predictions either way, any set of
    levels of one column, any pair of levels of two, the odd rating out, the stakes, the size) earn
    at most half the decision's points?"""
    programs = lab.table("programs")
    scans = {**_column_scans(programs), **_ratings_scans(programs)}
    assert len(scans) > 50
    over = {name: _points(lab, ticked) for name, ticked in scans.items() if _points(lab, ticked) > 2.5}
    assert not over, (lab.scenario.id, over)


def _pilot_scans(lab) -> dict[str, set[str]]:
    """Tick sets read off the pilot's figures alone, the ratings ignored."""
    estimates = lab.table("estimates")
    fell: dict[str, set[str]] = {}
    for program in lab.table("programs").itertuples():
        rows = estimates[estimates["program"] == program.id].set_index("location")[program.quality_measure]
        fell[program.id] = {
            loc
            for loc in ("nearshore", "offshore")
            if rows["inhouse"] - rows[loc] >= offshore.LOST_GROUND - 1e-9
        }
    return {
        "offshore fell behind": {p for p, lost in fell.items() if "offshore" in lost},
        "offshore held": {p for p, lost in fell.items() if "offshore" not in lost},
        "both teams fell behind": {p for p, lost in fell.items() if len(lost) == 2},
        "only offshore fell behind": {p for p, lost in fell.items() if lost == {"offshore"}},
        "nearshore held": {p for p, lost in fell.items() if "nearshore" not in lost},
    }


def test_reading_the_pilot_without_the_ratings_earns_at_most_half(lab):
    """Does ticking where the offshore team fell behind, where it held, where both teams fell, where
    only it fell, or where the nearshore team held earn at most half the decision's points?"""
    scans = _pilot_scans(lab)
    assert scans["offshore fell behind"] and scans["offshore held"]
    over = {name: _points(lab, ticked) for name, ticked in scans.items() if _points(lab, ticked) > 2.5}
    assert not over, (lab.scenario.id, over)


FAILURE_WORDS = ("fail", "lost", "unsure", "did not know", "unasked", "replaced", "unresolved")
SUCCESS_WORDS = ("knew", "took each", "followed", "in use", "charged the fee", "in the matrix")


def _notes_scans(lab) -> dict[str, set[str]]:
    """Tick sets read off the quality team's notes alone: their keywords, and whether the teams differ."""
    estimates = lab.table("estimates").astype({"quality_notes": str}).replace({"quality_notes": {"nan": ""}})
    notes = {
        program: dict(zip(rows["location"], rows["quality_notes"].str.lower(), strict=True))
        for program, rows in estimates.groupby("program")
    }

    def naming(words: tuple[str, ...], location: str = "offshore") -> set[str]:
        return {p for p, by in notes.items() if any(w in by[location] for w in words)}

    return {
        "offshore note names a failure": naming(FAILURE_WORDS),
        "offshore note names what worked": naming(SUCCESS_WORDS),
        "nearshore note names what worked": naming(SUCCESS_WORDS, "nearshore"),
        "the teams' notes differ": {p for p, by in notes.items() if by["nearshore"] != by["offshore"]},
        "the teams' notes are the same": {p for p, by in notes.items() if by["nearshore"] == by["offshore"]},
        "the notes quote a second figure": {p for p, by in notes.items() if "0." in by["offshore"]},
    }


def test_copying_keywords_from_the_quality_notes_earns_at_most_half(lab):
    """Does ticking by the quality notes' words (a failure named, what worked, notes that differ or
    match between the teams, a second figure quoted) earn at most half the decision's points?"""
    over = {name: _points(lab, t) for name, t in _notes_scans(lab).items() if _points(lab, t) > 2.5}
    assert not over, (lab.scenario.id, over)


#: Words of the ratings' own descriptions: a quality note that used them would say which rating the
#: pilot bore out or overturned, instead of what happened on the calls.
RATING_WORDS = (
    "script",
    "document",
    "standard",
    "calm",
    "upset",
    "vulnerable",
    "anxious",
    "angry",
    "weekly",
    "monthly",
    "rarely",
    "rules",
    "procedure",
    "surpris",
    "expected",
    "predict",
)


def test_no_quality_note_uses_a_ratings_words(lab):
    """Does every quality note describe what happened on the calls, in no word of the ratings and
    without saying whether it was a surprise?"""
    notes = lab.table("estimates")["quality_notes"].dropna().str.lower()
    used = {(note[:40], word) for note in notes for word in RATING_WORDS if word in note}
    assert not used, (lab.scenario.id, used)


def test_one_tick_for_everything_earns_at_most_half(lab):
    """Does ticking every program, or none, earn at most half the decision's points (none: nothing)?"""
    programs = set(lab.table("programs")["id"])
    assert _points(lab, programs) <= 2.5
    assert _points(lab, set()) == 0


def test_the_course_words_earn_at_most_half(lab):
    """Does ticking the programs whose notes in the programs table share a word with what the
    decision's principle and prompt say a table can miss (a system, a skill, what agents know, a
    change) earn at most half the decision's points?"""
    decision = lab.decision(QUESTION)
    course = f"{decision.principle} {decision.prompt}".lower()
    words = [w for w in ("system", "skill", "know", "change", "tool", "judgement", "offer") if w in course]
    assert words
    programs = lab.table("programs")
    for word in words:
        ticked = set(programs.loc[programs["notes"].str.lower().str.contains(word), "id"])
        assert _points(lab, ticked) <= 2.5, (lab.scenario.id, word, ticked)


def test_the_attacks_find_a_key_the_ratings_give_away(mobile_copy):
    """When the save desk is made to hold offshore, as its ratings predict, is the key the same as
    ticking where the ratings predict a fall that did not come, so that the ratings scan earns more
    than half and the test above would catch it?"""
    path = mobile_copy / "estimates.csv"
    estimates = pd.read_csv(path, keep_default_na=False, dtype=str)
    desk = estimates["program"] == "retention"
    estimates.loc[desk & (estimates["location"] != "inhouse"), "save_rate"] = "0.32"
    estimates.to_csv(path, index=False)
    programs = pd.read_csv(mobile_copy / "programs.csv")
    overturned = set(offshore.overturned_programs(programs, pd.read_csv(path)))
    assert overturned == {"billing"}
    assert {"billing"} in _column_scans(programs).values()


def test_the_check_reports_a_key_the_pilot_no_longer_supports(mobile_copy):
    """When billing's offshore team is made to fall behind, as its ratings predict, does validation
    say at billing's option that it should no longer be keyed correct?"""
    path = mobile_copy / "estimates.csv"
    estimates = pd.read_csv(path, keep_default_na=False, dtype=str)
    row = (estimates["program"] == "billing") & (estimates["location"] == "offshore")
    estimates.loc[row, ["fcr", "fcr_weeks_1_2"]] = ["0.64", "0.56"]
    estimates.to_csv(path, index=False)
    problems = [p for p in offshore.check_folder(mobile_copy) if ".options." in (p.field or "")]
    assert [p.message.split(":")[0] for p in problems] == ["billing"]
    assert "should not be keyed correct" in problems[0].message
    lines = (mobile_copy / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problems[0].line - 1].strip() == "- id: billing"


def test_the_check_reports_ratings_that_point_both_ways(travel_copy):
    """When the elite line's standard is made to change weekly while it stays written down and its
    members calm, does validation report that its ratings predict nothing clear, at its row?"""
    _edit(travel_copy, "programs", "elite_line", "change_pace", "high")
    problems = offshore.check_folder(travel_copy)
    unclear = [p for p in problems if "point one way" in p.message]
    assert [(p.file.name, p.line) for p in unclear] == [("programs.csv", 5)]
    assert unclear[0].message.endswith("they point both ways")


def test_an_answer_saved_for_the_old_deciding_question_still_opens(practice):
    """Does an answers file holding a program-by-program answer from when the deciding question was an
    assign decision still open with the choice in place, earning nothing on that decision and saying
    why, while the other decisions keep their points?"""
    lab = open_lab(LAB, practice, scenario="offshore-mobile")
    for decision in lab.scenario.decisions:
        lab.record(decision.id, perfect_answer(decision))
    path = next(Path(practice).glob("*.answers.json"))
    saved = json.loads(path.read_text(encoding="utf-8"))
    old = dict.fromkeys(lab.table("programs")["id"], "routine")
    saved["choices"]["offshore-mobile"][QUESTION] = old
    path.write_text(json.dumps(saved), encoding="utf-8")
    reopened = open_lab(LAB, practice, scenario="offshore-mobile")
    assert reopened.choice(QUESTION) == old
    results = {d.decision_id: d for d in reopened.results().decisions}
    assert results[QUESTION].points == 0
    assert results[QUESTION].problems
    assert results["memo_mistakes"].points == pytest.approx(4)


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


def test_the_check_reports_ratings_that_point_nowhere(travel_copy):
    """When disruption's rules are rated as changing only monthly, leaving every rating of it medium,
    does validation report that its ratings point nowhere, at its row?"""
    _edit(travel_copy, "programs", "disruption", "change_pace", "medium")
    unclear = [p for p in offshore.check_folder(travel_copy) if "point one way" in p.message]
    assert [(p.file.name, p.line) for p in unclear] == [("programs.csv", 4)]
    assert unclear[0].message.endswith("they point nowhere: every one is medium")
