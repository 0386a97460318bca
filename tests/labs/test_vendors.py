"""Does lab 03 screen the fact sheets from the data, and show what a shortlist brings into operation?"""

from __future__ import annotations

import itertools
import math
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from markupsafe import escape

from grader.catalog import scenario_folder, scenarios_for
from grader.engine import score_decision
from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from grader.runtime import SCENARIOS_ENV
from tests.labs import full_view, lab_parts

vendors = lab_parts("03_vendor_red_flags")

LAB = "03_vendor_red_flags"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
NOTEBOOK = Path(__file__).resolve().parents[2] / "labs" / LAB / f"{LAB}.ipynb"
CHECKLIST = {"recruiting", "training", "technology", "management", "security", "scaling", "compliance"}
RATE_UNIT = "USD per paid hour"
# Words that argue from price; a keyed-out vendor's shortlist feedback must argue from its flags.
PRICE_WORDS = re.compile(r"\b(USD|rates?|pric\w*|cheap\w*|dear\w*)\b", re.IGNORECASE)
# A proposal's own count of human-scored contacts, as its fact sheet's QA row gives it.
SCORED = re.compile(r"(\d+(?:\.\d+)?) scored (?:calls|contacts) per agent")
TEAMS_READING = "QA figure is our reading"


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _scenario(scenario_id: str):
    return next(s for s in scenarios_for(LAB) if s.id == scenario_id)


def _fact_sheets(scenario_id: str) -> pd.DataFrame:
    return pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")


def _expected_figures(folder: Path) -> dict[str, list[str]]:
    """Vendor name -> 'below' or 'above' for each figure outside its range, worked out from the raw CSVs."""
    sheets = pd.read_csv(folder / "vendors.csv")
    ranges = pd.read_csv(folder / "benchmarks.csv")
    found: dict[str, list[str]] = {}
    for vendor in sheets.to_dict("records"):
        found[vendor["vendor"]] = []
        for r in ranges.to_dict("records"):
            if r["region"] not in ("all", vendor["country"]):
                continue
            if not pd.isna(r["low"]) and vendor[r["metric"]] < r["low"]:
                found[vendor["vendor"]].append("below")
            elif not pd.isna(r["high"]) and vendor[r["metric"]] > r["high"]:
                found[vendor["vendor"]].append("above")
    return found


def _expected_outside(folder: Path) -> dict[str, bool]:
    """Vendor name -> whether any of its figures lies outside its range."""
    return {name: bool(figures) for name, figures in _expected_figures(folder).items()}


def _summary_parts(summary: str) -> tuple[str, str]:
    """The 'Outside a range' and 'Within every range' sentences of the benchmark chart's summary."""
    after = summary.split("Outside a range:", 1)[1]
    outside_part, within = after.split("Within every range:", 1)
    return outside_part, within.split(".", 1)[0]


# --------------------------------------------------------------------------- the scenarios


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_vendor_has_a_proposal_and_a_fact_sheet_row(scenario_id):
    """Does each fact-sheet row have its proposal document, each proposal its row, four vendors at least?"""
    scenario = _scenario(scenario_id)
    sheets = _fact_sheets(scenario_id)
    documents = {d.id: d for d in scenario.documents}
    assert len(sheets) >= 4 and sheets["id"].is_unique
    assert {f"vendor_{v}" for v in sheets["id"]} == set(documents)
    assert {o.id for o in scenario.decision("shortlist").options} == set(sheets["id"])
    for row in sheets.itertuples():
        document = documents[f"vendor_{row.id}"]
        text = (scenario_folder(scenario_id) / document.file).read_text(encoding="utf-8")
        assert row.vendor in document.title and "(fictional)" in document.title
        assert "**Fact sheet**" in text


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_proposals_quote_the_figures_of_the_fact_sheet_table(scenario_id):
    """Does each proposal's own fact sheet give the seats, span, attrition and rate of its table row?"""
    scenario = _scenario(scenario_id)
    for row in _fact_sheets(scenario_id).itertuples():
        document = next(d for d in scenario.documents if d.id == f"vendor_{row.id}")
        text = (scenario_folder(scenario_id) / document.file).read_text(encoding="utf-8")
        assert f"| {row.seats:,} |" in text, (row.id, "seats")
        assert f"| {row.agents_per_supervisor:g}" in text, (row.id, "span")
        assert f"{round(row.annual_attrition * 100)} %" in text, (row.id, "attrition")
        assert f"| {row.rate_per_paid_hour:g} USD" in text, (row.id, "rate")


def _rate_ranges(scenario_id: str) -> dict[str, tuple[float, float]]:
    """Country -> (low, high) of the billed-rate benchmark."""
    ranges = pd.read_csv(scenario_folder(scenario_id) / "benchmarks.csv")
    rates = ranges[ranges["metric"] == "rate_per_paid_hour"]
    return {str(r.region): (float(r.low), float(r.high)) for r in rates.itertuples()}


def _fact_sheet_row(scenario_id: str, vendor_id: str, heading: str) -> str:
    """The text of one row (``| heading | ... |``) of a proposal's own fact sheet."""
    text = (scenario_folder(scenario_id) / f"vendor_{vendor_id}.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(f"| {heading} |"))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_price_band_gives_the_shortlist_away(scenario_id):
    """Does no rule of price ("every vendor at X USD or more", "or less", "between X and Y", "at a rate
    inside its region's range") pick exactly the vendors that pass the shortlist rule?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = _fact_sheets(scenario_id)
    rates = dict(zip(sheets["id"], sheets["rate_per_paid_hour"], strict=True))
    # Every band between two quoted rates, ends included: "X or more" and "X or less" are bands too.
    for low in set(rates.values()):
        for high in set(rates.values()):
            band = {v for v, rate in rates.items() if low <= rate <= high}
            assert band != key, (low, high)
    ranges = _rate_ranges(scenario_id)
    in_range = {
        str(r.id)
        for r in sheets.itertuples()
        if ranges[str(r.country)][0] <= r.rate_per_paid_hour <= ranges[str(r.country)][1]
    }
    assert in_range != key


def _within_every_non_price_range(folder: Path) -> set[str]:
    """Vendor ids whose every figure but the rate lies inside its range, from the raw CSVs."""
    sheets = pd.read_csv(folder / "vendors.csv")
    ranges = pd.read_csv(folder / "benchmarks.csv")
    ranges = ranges[ranges["metric"] != "rate_per_paid_hour"]
    within = set()
    for vendor in sheets.to_dict("records"):
        fits = ranges[ranges["region"].isin(["all", vendor["country"]])]
        if all(
            (pd.isna(r.low) or vendor[r.metric] >= r.low) and (pd.isna(r.high) or vendor[r.metric] <= r.high)
            for r in fits.itertuples()
        ):
            within.add(str(vendor["id"]))
    return within


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_benchmark_screen_does_not_give_the_shortlist_away(scenario_id):
    """Does "keep exactly the vendors inside every non-price range", alone or with any countries
    ruled out (as a brief may rule out a region), miss the shortlist key, because one vendor inside
    every range is keyed out on its proposal and one outside a range goes forward?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = _fact_sheets(scenario_id)
    within = _within_every_non_price_range(scenario_folder(scenario_id))
    assert within - key, "a vendor inside every range must fail on its proposal"
    assert key - within, "a vendor outside a range must still go forward"
    countries = sorted(set(sheets["country"]))
    country = dict(zip(sheets["id"], sheets["country"], strict=True))
    for size in range(len(countries) + 1):
        for banned in itertools.combinations(countries, size):
            assert {v for v in within if country[v] not in banned} != key, banned


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_rate_is_quoted_the_same_way(scenario_id):
    """Is every vendor's rate quoted per paid hour, in its shortlist option and its proposal's fact sheet
    alike, so that the unit is no clue to the key?"""
    labels = {o.id: o.label for o in _scenario(scenario_id).decision("shortlist").options}
    for row in _fact_sheets(scenario_id).itertuples():
        rate = f"{row.rate_per_paid_hour:g} {RATE_UNIT}"
        assert labels[row.id] == f"Vendor {row.id.upper()}: {row.vendor}, {rate}", row.id
        assert _fact_sheet_row(scenario_id, row.id, "Rate") == f"| Rate | {rate} |", row.id


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_vendor_left_out_is_left_out_for_its_flags_not_its_price(scenario_id):
    """Does the shortlist feedback of every vendor outside the key argue from its flags, never its price?"""
    for option in _scenario(scenario_id).decision("shortlist").options:
        if not option.correct:
            found = PRICE_WORDS.findall(option.feedback)
            assert not found, (option.id, found)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_rate_outside_its_range_is_a_question_the_proposal_answers(scenario_id):
    """Does every vendor billing outside its region's range say why in its proposal, and do the
    fact-sheet notes point the learner to it?"""
    ranges = _rate_ranges(scenario_id)
    outside_range = [
        r
        for r in _fact_sheets(scenario_id).itertuples()
        if not ranges[r.country][0] <= r.rate_per_paid_hour <= ranges[r.country][1]
    ]
    assert outside_range, "a rate outside its range is what the learner must learn to question"
    for row in outside_range:
        pitch = _proposal(scenario_id, row.id).split("**Fact sheet**")[0]
        assert re.search(r"\brate\b", pitch), row.id
        assert "rate below" in row.notes or "rate above" in row.notes, row.id


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_qa_figures_are_the_proposals_own_or_read_the_same_way(scenario_id):
    """Is each human-scored QA figure the number its proposal gives, and where a proposal gives none,
    read as 0 with the notes saying it is the team's reading?"""
    for row in _fact_sheets(scenario_id).itertuples():
        given = SCORED.search(_fact_sheet_row(scenario_id, row.id, "Quality assurance"))
        if given:
            assert row.qa_scored_per_agent_month == float(given.group(1)), row.id
            assert TEAMS_READING not in row.notes, row.id
        else:
            assert row.qa_scored_per_agent_month == 0, row.id
            assert TEAMS_READING in row.notes, row.id


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_flags_are_tagged_and_cover_five_checklist_areas(scenario_id):
    """Is every flag option tagged with a checklist area and a vendor, and do real flags span five areas?"""
    decision = _scenario(scenario_id).decision("red_flags")
    ids = set(_fact_sheets(scenario_id)["id"])
    for option in decision.options:
        area, vendor, *words = option.id.split("-")
        assert area in CHECKLIST and vendor in ids and words, option.id
        assert option.label.startswith(f"Vendor {vendor.upper()} ("), option.id
    real_areas = {o.id.split("-")[0] for o in decision.options if o.correct}
    assert len(real_areas) >= 5, real_areas
    assert sum(not o.correct for o in decision.options) >= 4, "sound practices must be mixed in"
    assert decision.false_pick_penalty > 0


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_real_flags_say_what_they_do_in_operation(scenario_id):
    """Does every real flag's feedback say what it does in operation, and every sound one why it is sound?"""
    for option in _scenario(scenario_id).decision("red_flags").options:
        text = " ".join(option.feedback.split())
        if option.correct:
            assert text.startswith("Red flag") and "In operation:" in text, option.id
        else:
            assert text.startswith("Not a red flag"), option.id


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_ticking_everything_scores_little(scenario_id):
    """Does a learner who flags every statement, or shortlists every vendor, earn less than half?"""
    scenario = _scenario(scenario_id)
    for decision_id in ("red_flags", "shortlist", "compliance_questions"):
        decision = scenario.decision(decision_id)
        everything = score_decision(decision, [o.id for o in decision.options])
        assert everything.points < decision.points / 2, decision_id


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_obvious_answers(scenario_id):
    """Is the cheapest vendor left out, a sound one not the wordiest, and a quiet flag inside every range?"""
    scenario = _scenario(scenario_id)
    sheets = _fact_sheets(scenario_id).set_index("id")
    shortlisted = set(perfect_answer(scenario.decision("shortlist")))
    real = vendors.flags_by_vendor(scenario.decision("red_flags").options)
    assert sheets["rate_per_paid_hour"].idxmin() not in shortlisted
    words = {
        d.id.removeprefix("vendor_"): len((scenario_folder(scenario_id) / d.file).read_text().split())
        for d in scenario.documents
    }
    sound = [v for v in shortlisted if not real.get(v)]
    assert sound, "at least one vendor must be sound"
    assert all(words[v] < max(words.values()) for v in sound)
    within_everywhere = [v for v, out in _expected_outside(scenario_folder(scenario_id)).items() if not out]
    ids = dict(zip(sheets["vendor"], sheets.index, strict=True))
    assert any(real.get(ids[name]) for name in within_everywhere), "a flag must hide behind good figures"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("decision_id", ["red_flags", "shortlist", "compliance_questions"])
def test_right_answers_are_not_the_longest(scenario_id, decision_id):
    """Could a learner find the key by ticking the longest labels? (correct mean <= 1.25 x wrong mean)"""
    options = _scenario(scenario_id).decision(decision_id).options
    right = [len(o.label) for o in options if o.correct]
    wrong = [len(o.label) for o in options if not o.correct]
    assert right and wrong
    assert sum(right) / len(right) <= 1.25 * sum(wrong) / len(wrong), (decision_id, right, wrong)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_option_has_its_own_feedback(scenario_id):
    """Does every option of every decision explain itself, in words no other option shares?"""
    for decision in _scenario(scenario_id).decisions:
        texts = [" ".join(o.feedback.split()) for o in decision.options]
        assert all(len(text) > 40 for text in texts), decision.id
        assert len(set(texts)) == len(texts), decision.id


def test_one_shortlist_rule_for_every_scenario():
    """Is the shortlist judged by the same stated rule in every scenario of the lab?"""
    prompts = {" ".join(_scenario(s).decision("shortlist").prompt.split()) for s in SCENARIOS}
    assert len(prompts) == 1
    assert "closable" in prompts.pop()


def _swapped(key: list[str], pair: tuple[str, str]) -> list[str]:
    """The key with the two options of an either-order pair exchanged."""
    first, second = key.index(pair[0]), key.index(pair[1])
    swapped = list(key)
    swapped[first], swapped[second] = swapped[second], swapped[first]
    return swapped


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_review_order_runs_cheap_checks_first(scenario_id):
    """Does the key start only the review whose weeks of waiting set the launch before hearing the
    leaders, then read the reports at a desk before travelling to the site, as its principle says,
    and does each pair it calls sound either way round earn full credit swapped, with both options'
    feedback saying so (and no other option's)?"""
    decision = _scenario(scenario_id).decision("review_order")
    key = list(decision.key)
    labels = {o.id: o.label for o in decision.options}
    assert key[1] == "leadership"
    assert "(weeks of" in labels[key[0]] and "launch" in " ".join(decision.principle.split())
    assert key.index("reporting") < key.index("walkthrough") < key.index("calibration")
    assert "cheapest first" in " ".join(decision.principle.split())
    assert decision.either_order
    paired = {option_id for pair in decision.either_order for option_id in pair}
    for pair in decision.either_order:
        assert score_decision(decision, _swapped(key, pair)).points == decision.points, pair
    for option in decision.options:
        assert ("either way round" in option.feedback) == (option.id in paired), option.id


def test_review_orders_differ_between_scenarios():
    """Could a classmate's released feedback on one scenario give away the other's review order: do
    the two scenarios share the same reviews and the same pairs sound either way round?"""
    rounds = set()
    for scenario_id in SCENARIOS:
        decision = _scenario(scenario_id).decision("review_order")
        pairs = frozenset(frozenset(pair) for pair in decision.either_order)
        rounds.add((frozenset(o.id for o in decision.options), tuple(decision.key), pairs))
    assert len(rounds) == len(SCENARIOS)


def test_clinics_coaching_is_watched_on_the_walkthrough_trip():
    """Is the team leads' coaching watched on the one trip to each clinics finalist's site, not on a
    second trip, with calibration alone closing the checks before the follow-up?"""
    decision = _scenario("vendors-clinics").decision("review_order")
    key = list(decision.key)
    assert "coaching" not in key and key[-2:] == ["calibration", "follow-up"]
    labels = {o.id: o.label for o in decision.options}
    assert "coaching" in labels["walkthrough"] and "a day or two" in labels["walkthrough"]
    feedback = {o.id: " ".join(o.feedback.split()) for o in decision.options}
    assert "second flight" in feedback["walkthrough"]


def test_outdoorgears_desk_checks_come_before_three_trips():
    """With three finalists in three cities, do the reference calls and the reports (either way round)
    come before the walkthrough, does walking the floors first lose credit, and does calibration close the
    checks, before the follow-up with the leaders?"""
    decision = _scenario("vendors-outdoorgear").decision("review_order")
    key = list(decision.key)
    assert len(perfect_answer(_scenario("vendors-outdoorgear").decision("shortlist"))) == 3
    assert key[-2:] == ["calibration", "follow-up"]
    assert max(key.index("references"), key.index("reporting")) < key.index("walkthrough")
    assert {"references", "reporting"} in [set(pair) for pair in decision.either_order]
    walkthrough_first = [
        "leadership",
        "walkthrough",
        *(r for r in key[1:-2] if r != "walkthrough"),
        *key[-2:],
    ]
    assert score_decision(decision, walkthrough_first).points < decision.points
    assert "three sites" in " ".join(o.feedback for o in decision.options if o.id == "walkthrough")


def test_the_coaching_review_is_worded_in_the_courses_own_terms():
    """Does no review label reuse the seed's wording for watching supervisors coach?"""
    for scenario_id in SCENARIOS:
        for option in _scenario(scenario_id).decision("review_order").options:
            label = option.label.lower()
            assert "supervisors coach agents" not in label and "present performance trends" not in label


def _proposal(scenario_id: str, vendor_id: str) -> str:
    return " ".join((scenario_folder(scenario_id) / f"vendor_{vendor_id}.md").read_text().split())


def test_the_clinics_finalists_keep_calls_and_recordings_in_your_platform():
    """Where the compliance feedback says the finalists work inside your own US-hosted systems, do
    both finalists' proposals and fact-sheet rows say so?"""
    scenario = _scenario("vendors-clinics")
    feedback = {o.id: " ".join(o.feedback.split()) for o in scenario.decision("compliance_questions").options}
    assert "The finalists work inside your own US-hosted systems" in feedback["us-storage"]
    sheets = _fact_sheets("vendors-clinics").set_index("id")
    for vendor_id in perfect_answer(scenario.decision("shortlist")):
        tools = sheets.loc[vendor_id, "tools"]
        assert "phone platform" in tools and "recordings kept only in your platform" in tools, vendor_id
        text = _proposal("vendors-clinics", vendor_id)
        assert "phone platform" in text and "recordings stay" in text, vendor_id


def test_leaving_out_the_storage_question_agrees_with_the_spreadsheet_flag():
    """Does the reason for leaving out the US-storage question agree with the lab's own Paso Alto
    spreadsheet flag (patient details leave your systems whatever the servers), rather than say the
    answer comes from your own systems alone?"""
    scenario = _scenario("vendors-clinics")
    feedback = {o.id: " ".join(o.feedback.split()) for o in scenario.decision("compliance_questions").options}
    storage = feedback["us-storage"]
    assert "comes from your own systems" not in storage
    assert "shared spreadsheets take patient details out of your systems" in storage
    assert "virtual desktops" in storage
    flags = {o.id: o for o in scenario.decision("red_flags").options}
    assert flags["technology-c-spreadsheets"].correct


def test_almenas_late_qa_lead_is_a_flag_its_proposal_states():
    """Is Almena's keyed QA-lead flag a fact of its proposal and fact sheet (in post only after go-live),
    not just a hire after signature, which is normal practice?"""
    flags = {o.id: o for o in _scenario("vendors-clinics").decision("red_flags").options}
    flag = flags["management-e-qa-lead-later"]
    assert flag.correct and "after go-live" in flag.label
    assert "in post in the second month after go-live" in _proposal("vendors-clinics", "e")
    management = _fact_sheets("vendors-clinics").set_index("id").loc["e", "management_location"]
    assert "second month after go-live" in management


def test_lumbres_dashboards_are_sound_on_what_its_own_sheet_states():
    """Is Lumbre's 18-agent span with dashboards 'not a flag' on the standard the lab applies to Almena
    and Marevia: do its proposal and fact sheet name a QA lead who calibrates with yours and supervisors
    who listen to flagged calls, and does the feedback rest on exactly that?"""
    option = next(
        o
        for o in _scenario("vendors-clinics").decision("red_flags").options
        if o.id == "management-d-dashboards"
    )
    assert not option.correct
    feedback = " ".join(option.feedback.split())
    assert "QA lead" in feedback and "calibrates" in feedback and "listen to each flagged call" in feedback
    proposal = _proposal("vendors-clinics", "d")
    assert "QA lead in Chihuahua" in proposal and "calibrates with your QA lead every week" in proposal
    assert "listens to it with the agent" in proposal
    row = _fact_sheets("vendors-clinics").set_index("id").loc["d"]
    assert "QA lead" in row["management_location"] and "listen to flagged calls" in row["management_location"]
    assert "weekly calibration with your QA lead" in row["qa_method"]


def test_marevias_untested_agents_reach_customers_when_its_proposal_says():
    """Does the self-declared-language flag put Marevia's agents on live contacts in their sixth week and
    alone from their seventh, as its proposal's week of nesting on live contacts says?"""
    option = next(
        o
        for o in _scenario("vendors-outdoorgear").decision("red_flags").options
        if o.id == "recruiting-b-self-declared"
    )
    feedback = " ".join(option.feedback.split())
    assert "in their sixth week" in feedback and "alone from their seventh" in feedback
    assert "nesting on live contacts" in _proposal("vendors-outdoorgear", "b")


def test_marevias_player_coach_flag_names_what_makes_it_one():
    """Does Marevia's keyed player-coach flag state the vendor's own claim (the lead takes every
    escalated call, with no floor manager above), as its proposal and fact sheet state it, without
    overstating the layers above the lead, which its fact sheet gives as an account director, and
    without blaming calibration, which Marevia holds with your QA lead every week?"""
    flag = {o.id: o for o in _scenario("vendors-outdoorgear").decision("red_flags").options}[
        "management-b-player-coach"
    ]
    assert flag.correct
    assert all(words in flag.label for words in ("every escalated call", "no floor manager"))
    assert "calibration" not in flag.label
    assert "no layer above" not in f"{flag.label} {flag.feedback}"
    management = _fact_sheets("vendors-outdoorgear").set_index("id").loc["b", "management_location"]
    assert "Account director" in management
    proposal = " ".join(_proposal("vendors-outdoorgear", "b").split())
    assert "takes escalated calls personally" in proposal and "Fewer layers" in proposal
    assert "no floor manager stands between our team leads and your account director" in proposal
    sheet = _fact_sheets("vendors-outdoorgear").set_index("id").loc["b"]
    assert "weekly calibration with your QA lead" in sheet["qa_method"]
    assert "calibrated with yours every week" in " ".join(flag.feedback.split())


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_comparison_with_a_rival_is_no_clue_to_the_key(scenario_id):
    """Do statements that hold a vendor's figure against a named rival's fall on both sides of the key,
    so that leaving every comparison unticked is no shortcut?"""
    names = [str(name).split()[0] for name in _fact_sheets(scenario_id)["vendor"]]
    compared = [
        o
        for o in _scenario(scenario_id).decision("red_flags").options
        if " than " in o.label or " below " in o.label
        if any(name in o.label.split(":", 1)[1] for name in names)
    ]
    assert {o.correct for o in compared} == {True, False}, [o.id for o in compared]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_better_looking_figure_can_be_the_honest_one(scenario_id):
    """Among statements that set a vendor's figure below a named rival's, is one a red flag (counted
    in the vendor's favour) and another a sound practice (counted the same way), so that "the better
    figure is the flag" is no shortcut?"""
    names = [str(name).split()[0] for name in _fact_sheets(scenario_id)["vendor"]]
    lower = [
        o
        for o in _scenario(scenario_id).decision("red_flags").options
        if re.search(r"\b(lower than|below|fewer than) (" + "|".join(names) + ")", o.label)
    ]
    assert {o.correct for o in lower} == {True, False}, [o.id for o in lower]


# A statement that a figure breaks a benchmark range: "above the 20-40 % range", "under the 3-8 week range".
OUTSIDE_A_RANGE = re.compile(r"\b(?:above|under|below|outside) the \d[\d.]*-\d[\d.]*\b[^,:;]*\brange\b")


def test_outside_a_range_spots_range_breaches_only():
    """Does the range-breach pattern catch a statement that names a broken range, and not one that
    stays inside its range or names none?"""
    assert OUTSIDE_A_RANGE.search("nine weeks of training, above the 3-8 week range, so")
    assert OUTSIDE_A_RANGE.search("bills 26 USD per paid hour, under the 28-35 USD nearshore range")
    assert not OUTSIDE_A_RANGE.search("31 % annual attrition, inside the 20-40 % range")
    assert not OUTSIDE_A_RANGE.search("42 % annual attrition, above Almena's 33 %")


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_figure_outside_a_range_can_be_a_flag_or_an_honest_one(scenario_id):
    """Among red-flag statements whose label says a figure breaks a benchmark range, is one a real
    flag (a breach the proposal does not honestly explain) and another a sound practice (one it
    does), so that leaving every range breach unticked is no shortcut?"""
    outside = [
        o for o in _scenario(scenario_id).decision("red_flags").options if OUTSIDE_A_RANGE.search(o.label)
    ]
    assert {o.correct for o in outside} == {True, False}, [o.id for o in outside]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_vendor_without_spanish_speakers_is_flagged(scenario_id):
    """With Spanish-preferring callers in the plan, is a vendor serving them via an interpreter flagged?"""
    programme = pd.read_csv(scenario_folder(scenario_id) / "programme.csv")
    if "spanish_share" not in set(programme["name"]):
        pytest.skip("this programme states no Spanish share")
    real = vendors.flags_by_vendor(_scenario(scenario_id).decision("red_flags").options)
    sheets = _fact_sheets(scenario_id)
    interpreted = sheets[sheets["notes"].str.contains("interpreter", case=False, na=False)]
    for vendor_id in interpreted["id"]:
        assert any(o.id.startswith(f"recruiting-{vendor_id}-") for o in real.get(vendor_id, [])), vendor_id


# --------------------------------------------------------------------------- the benchmark chart


@pytest.mark.parametrize(
    ("value", "low", "high", "expected"),
    [
        (0.2, 0.2, 0.4, "within"),
        (0.4, 0.2, 0.4, "within"),
        (0.19, 0.2, 0.4, "below"),
        (0.41, 0.2, 0.4, "above"),
        (3, 4, math.nan, "below"),
        (400, 4, None, "within"),
        (25, None, 20, "above"),
        (math.nan, 4, None, "not given"),
    ],
)
def test_benchmark_status(value, low, high, expected):
    """Are bounds inclusive, blank bounds open, and a missing value 'not given'?"""
    assert vendors.benchmark_status(value, low, high) == expected


def test_benchmark_status_refuses_a_reversed_range():
    """Is a range whose low is above its high refused?"""
    with pytest.raises(ValueError, match="low"):
        vendors.benchmark_status(15, 20, 10)


def test_chart_summary_names_the_vendors_outside_the_ranges(lab):
    """Does the chart's summary name exactly the vendors with a figure outside its range, from the CSVs?"""
    chart = lab.chart("benchmarks")
    outside_part, within_part = _summary_parts(chart.summary)
    expected = _expected_outside(scenario_folder(lab.scenario.id))
    assert any(expected.values()) and not all(expected.values())
    for name, is_outside in expected.items():
        assert (name in outside_part) == is_outside, name
        assert (name in within_part) == (not is_outside), name
    by_vendor = _expected_figures(scenario_folder(lab.scenario.id))
    figures = [side for sides in by_vendor.values() for side in sides]
    for side in ("below", "above"):
        assert outside_part.count(f"({side})") == figures.count(side), side
    assert "<svg" in chart._repr_html_()


def test_chart_summary_follows_the_data_not_the_code(practice, monkeypatch):
    """When a private pack changes the fact sheet and the ranges, does the summary change with them?"""
    tmp_path = practice
    scenario_id = SCENARIOS[0]
    copy = tmp_path / "pack" / scenario_id
    shutil.copytree(scenario_folder(scenario_id), copy)
    sheets = pd.read_csv(copy / "vendors.csv")
    before = _expected_outside(copy)
    inside = next(name for name, out in before.items() if not out)
    sheets.loc[sheets["vendor"] == inside, "annual_attrition"] = 0.95
    sheets.to_csv(copy / "vendors.csv", index=False)
    ranges = pd.read_csv(copy / "benchmarks.csv")
    ranges["low"], ranges["high"] = float("nan"), float("nan")  # no limits: nobody is outside ...
    ranges.loc[ranges["metric"] == "annual_attrition", "high"] = 0.9  # ... except on attrition
    ranges.to_csv(copy / "benchmarks.csv", index=False)
    monkeypatch.setenv(SCENARIOS_ENV, str(tmp_path / "pack"))

    after = _expected_outside(copy)
    assert [name for name, out in after.items() if out] == [inside]
    outside_part, within_part = _summary_parts(
        open_lab(LAB, tmp_path, scenario=scenario_id).chart("benchmarks").summary
    )
    assert inside in outside_part and "95 %" in outside_part
    for name in after:
        if name != inside:
            assert name not in outside_part and name in within_part


# --------------------------------------------------------------------------- the consequence view


def test_empty_shortlist_renders_with_words(lab):
    """With nothing shortlisted, does the view say so, with no table and no flags?"""
    view = lab.consequences("shortlist")
    assert view.summary.startswith("No vendor shortlisted yet") and not (
        view.table.rows if view.table else []
    )
    html = view._repr_html_()
    assert "No vendor shortlisted yet" in html and "<table" not in html and "Red flags" not in html


def test_full_shortlist_shows_each_vendor_in_operation(lab):
    """With every vendor shortlisted, does each get a row whose figures follow from its fact sheet?"""
    sheets = lab.table("vendors")
    programme = lab.table("programme").set_index("name")["value"]
    agents, coaching = programme["agents"], programme["coaching_hours_per_supervisor_week"]
    lab.record("shortlist", list(sheets["id"]))
    view = full_view(lab, "shortlist")
    assert view.summary.startswith(f"{len(sheets)} of {len(sheets)} vendors shortlisted")
    rows = {r[0]: r for r in (view.table.rows if view.table else [])}
    assert len(rows) == len(sheets)
    for v in sheets.itertuples():
        row = next(r for label, r in rows.items() if v.vendor in label)
        floor = "about" if v.attrition_counted in HONEST_OR_UNKNOWN else "at least"
        assert f"{floor} {round(agents * v.annual_attrition)} of {agents:.0f}" in row[2]
        assert f"about {round(coaching * 60 / v.agents_per_supervisor)} minutes" in row[3]
        assert row[4].startswith(f"{v.qa_scored_per_agent_month:g}")
        assert v.vendor in view.summary
    html = view._repr_html_()
    assert "<table" in html and all(v in html for v in sheets["vendor"])


# How the fact sheets say a vendor counts its leavers when the count leaves none out, or is not known.
HONEST_OR_UNKNOWN = ("every agent who left, trainees included", "not stated")


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_agents_replaced_follow_how_each_vendor_counts_its_leavers(tmp_path, scenario_id):
    """Does the view print a figure counted among every leaver as "about", one that leaves early
    leavers out as "at least" with its basis and a warning, and one counted in no stated way with
    that said, so that a favourable count no longer looks like the fewest agents replaced?"""
    lab = open_lab(LAB, tmp_path, scenario=scenario_id)
    sheets = lab.table("vendors")
    agents = lab.table("programme").set_index("name")["value"]["agents"]
    lab.record("shortlist", list(sheets["id"]))
    view = full_view(lab, "shortlist")
    rows = {r[0]: r[2] for r in (view.table.rows if view.table else [])}
    kinds = set()
    for v in sheets.itertuples():
        cell = next(text for label, text in rows.items() if v.vendor in label)
        figure = f"{round(agents * v.annual_attrition)} of {agents:.0f}"
        if v.attrition_counted == HONEST_OR_UNKNOWN[0]:
            kinds.add("every")
            assert cell.startswith(f"about {figure}") and "every leaver counted" in cell, cell
        elif v.attrition_counted == HONEST_OR_UNKNOWN[1]:
            kinds.add("unknown")
            assert cell.startswith(f"about {figure} if every leaver is counted"), cell
        else:
            kinds.add("favourable")
            assert cell.startswith(f"at least {figure}") and v.attrition_counted in cell, cell
            assert "early leavers on top" in cell, cell
            assert "so the agents who leave early" in view.summary
    assert {"every", "favourable"} <= kinds


def test_the_view_and_the_feedback_count_vireos_leavers_the_same_way(tmp_path):
    """Does the view give Vireo's 42 % as leavers on your seats, trainees who never took a call among
    them, with the same figure as the red-flag feedback, rather than as that many agents replaced?"""
    lab = open_lab(LAB, tmp_path, scenario="vendors-clinics")
    vireo = lab.table("vendors").set_index("id").loc["b"]
    agents = lab.table("programme").set_index("name")["value"]["agents"]
    leavers = round(agents * vireo["annual_attrition"])
    lab.record("shortlist", ["b"])
    summary = " ".join(full_view(lab, "shortlist").summary.split())
    assert f"about {leavers} leavers a year on your {agents:.0f} seats" in summary, summary
    assert "agents replaced" not in summary.split("Vendor B")[1].split(";")[1]
    flag = lab.decision("red_flags").options
    feedback = " ".join(next(o.feedback for o in flag if o.id == "recruiting-b-attrition-all").split())
    assert f"the {leavers} leavers a year" in feedback


# The verdicts of the view's "Your peak" cell, each by words only its sentence has, in the
# order the view checks them: a training short of the benchmark's minimum comes first.
PEAK_VERDICTS = (
    ("trained in a hurry", "training short of the minimum"),
    ("before its own", "agents still learning"),
    ("notice you can give", "later than your notice"),
    ("Adds your", "fits"),
)


def _training_floor(lab) -> float:
    """The benchmark's minimum weeks of training before an agent works alone."""
    ranges = lab.table("benchmarks")
    return float(ranges.loc[ranges["metric"] == "training_weeks", "low"].iloc[0])


def _peak_verdicts(lab) -> dict[str, str]:
    """Vendor name -> the verdict of its "Your peak" cell, with every vendor shortlisted."""
    sheets = lab.table("vendors")
    lab.record("shortlist", list(sheets["id"]))
    rows = full_view(lab, "shortlist").table.rows
    cells = {name: next(r[5] for r in rows if name in r[0]) for name in sheets["vendor"]}
    return {
        name: next(verdict for words, verdict in PEAK_VERDICTS if words in cell)
        for name, cell in cells.items()
    }


def test_peak_promises_are_checked_against_training(lab):
    """Is a peak trained short of the benchmark, or before its training ends, called out, a sound plan not?"""
    sheets = lab.table("vendors")
    notice = lab.table("programme").set_index("name")["value"]["peak_notice_weeks"]
    floor = _training_floor(lab)
    verdicts = _peak_verdicts(lab)
    short = sheets[sheets["training_weeks"] < floor]
    trained = sheets[sheets["training_weeks"] >= floor]
    too_fast = trained[trained["scale_up_weeks"] < trained["training_weeks"]]
    fits = trained[trained["scale_up_weeks"].between(trained["training_weeks"], notice)]
    assert len(short) and len(too_fast) and len(fits)
    assert {verdicts[name] for name in short["vendor"]} == {"training short of the minimum"}
    assert {verdicts[name] for name in too_fast["vendor"]} == {"agents still learning"}
    assert {verdicts[name] for name in fits["vendor"]} == {"fits"}


def test_vendors_with_the_same_short_training_get_the_same_peak_verdict(practice):
    """Do two vendors with the same training, short of the benchmark's minimum, get the same peak verdict?"""
    by_training: dict[float, list[str]] = {}
    for scenario_id in SCENARIOS:
        lab = open_lab(LAB, practice / scenario_id, scenario=scenario_id)
        sheets = lab.table("vendors").set_index("vendor")
        floor = _training_floor(lab)
        for name, verdict in _peak_verdicts(lab).items():
            weeks = float(sheets.loc[name, "training_weeks"])
            if weeks < floor:
                by_training.setdefault(weeks, []).append(verdict)
    assert any(len(verdicts) > 1 for verdicts in by_training.values())  # a pair to compare
    assert all(len(set(verdicts)) == 1 for verdicts in by_training.values()), by_training


def test_practice_lists_each_shortlisted_vendors_flags(lab):
    """In practice, does the view list the real flags of each shortlisted vendor and which ones you ticked?"""
    flags = lab.decision("red_flags")
    real = [o for o in flags.options if o.correct]
    first = real[0]
    lab.record("red_flags", [first.id])
    lab.record("shortlist", [vendors.vendor_of(first.id)])
    html = full_view(lab, "shortlist")._repr_html_()
    mine = [o for o in real if vendors.vendor_of(o.id) == vendors.vendor_of(first.id)]
    assert all(escape(o.label) in html for o in mine)
    assert "you flagged it" in html
    assert ("you did not flag it" in html) == (len(mine) > 1)
    in_operation = " ".join(first.feedback.split()).split("In operation:")[1].split()[:4]
    assert escape(" ".join(in_operation)) in html


def test_assessment_keeps_the_flags_to_itself(lab, monkeypatch):
    """In assessment mode, does the view show the figures but none of the key's flags?"""
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    assessed = open_lab(LAB, lab.folder, scenario=lab.scenario.id)
    assessed.record("shortlist", list(assessed.table("vendors")["id"]))
    html = assessed.consequences("shortlist")._repr_html_()
    assert "<table" in html and "Red flags" not in html
    assert not any(escape(o.label) in html for o in assessed.decision("red_flags").options)


# Words with which the view's practice version judges a figure, and so says which statements are
# flags: a peak answered by agents still learning or trained in a hurry, a notice too short, a
# favourable count with early leavers on top, an honest one with fewer seats changing hands.
VERDICT_WORDS = ("still learning", "in a hurry", "more than the", "on top", "fewer of your seats")


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_assessment_view_gives_figures_with_no_verdict_on_them(tmp_path, monkeypatch, scenario_id):
    """In assessment, where the red flags can still be changed after the shortlist, does the view
    give each vendor's peak promise, training, notice and attrition count side by side without
    judging any of them, while practice, once the flags may be shown, judges them?"""
    practised = open_lab(LAB, tmp_path / "practice", scenario=scenario_id)
    practised.record("shortlist", list(practised.table("vendors")["id"]))
    judged = full_view(practised, "shortlist")._repr_html_()
    assert all(any(word in judged for word in words) for words in (VERDICT_WORDS[:3], VERDICT_WORDS[3:]))
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    assessed = open_lab(LAB, tmp_path / "assessment", scenario=scenario_id)
    sheets = assessed.table("vendors")
    assessed.record("shortlist", list(sheets["id"]))
    view = assessed.consequences("shortlist")
    html = view._repr_html_()
    assert [word for word in VERDICT_WORDS if word in html] == []
    assert not re.search(r"at least \d+ of \d+", html)  # a count called a floor
    for v in sheets.itertuples():
        assert escape(v.attrition_counted) in html
        assert f"peak agents in {vendors._weeks(float(v.scale_up_weeks))}" in view.summary


# --------------------------------------------------------------------------- the notebook


def test_notebook_solution_agrees_with_the_lab(lab):
    """Does the instructor's solution screen every fact-sheet figure as the lab's chart does?"""
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    solution = next(c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    namespace: dict[str, object] = {}
    exec(solution.source, namespace)
    function = namespace["benchmark_status"]
    screened = vendors.lab_screen(lab)
    assert len(screened)
    for row in screened.itertuples():
        assert function(row.value, row.low, row.high) == row.status, row


# --------------------------------------------------------------------------- the debrief


def _figures(lab) -> dict[str, tuple[str, str]]:
    """The lab's debrief figures as measure -> (yours, expert)."""
    return {f.measure: (f.yours, f.expert) for f in vendors.LAB.debrief(lab)}


def test_debrief_counts_what_a_careless_round_lets_through(lab):
    """With every vendor shortlisted, one vendor's flags ticked, the reviews reversed and every
    question asked, does each figure count what the choices let through against the expert path?"""
    flags, questions = lab.decision("red_flags"), lab.decision("compliance_questions")
    real = {o.id for o in flags.options if o.correct}
    sheets = lab.table("vendors")
    cheapest = str(sheets.loc[sheets["rate_per_paid_hour"].idxmin(), "id"])
    mine = {i for i in real if vendors.vendor_of(i) == cheapest}
    key_list = set(perfect_answer(lab.decision("shortlist")))
    lab.record("red_flags", sorted(mine))
    lab.record("shortlist", list(sheets["id"]))
    lab.record("review_order", list(reversed(lab.decision("review_order").key)))
    lab.record("compliance_questions", [o.id for o in questions.options])
    figures = _figures(lab)

    assert figures["Real red flags ticked, and sound practices ticked as flags"] == (
        f"{len(mine)} of {len(real)} flags; 0 sound practices ticked as a flag",
        f"{len(real)} of {len(real)} flags; 0 sound practices ticked as a flag",
    )
    unclosable, expert = figures["Vendors shortlisted that carry a red flag no clause closes"]
    assert unclosable.startswith(f"{len(sheets) - len(key_list)}: ") and expert == "none"
    assert cheapest not in key_list and f"Vendor {cheapest.upper()} (" in unclosable
    assert figures["Vendors that pass the shortlist rule, left out"] == ("none", "none")
    carried = figures["Red flags your shortlist takes into the next round"]
    assert carried[0] == f"{len(real)} flags, {len(mine)} of them flagged in decision 1"
    # The reversed order keeps right only the pairs of reviews sound either way round.
    either = len(lab.decision("review_order").either_order)
    reviews = len(lab.decision("review_order").key)
    pairs = reviews * (reviews - 1) // 2
    assert figures["Pairs of reviews out of the layered order"] == (
        f"{pairs - either} of {pairs} pairs",
        f"0 of {pairs} pairs",
    )
    matter = sum(o.correct for o in questions.options)
    assert figures["Compliance questions asked"][0] == (
        f"{matter} of {matter} that matter; {len(questions.options) - matter} that do not"
    )


def test_debrief_says_what_is_missing(lab):
    """Before any choice, does each figure say which choice is missing, beside the expert path?"""
    yours = [f.yours for f in vendors.LAB.debrief(lab)]
    assert yours == [
        "flags not chosen yet",
        "shortlist not chosen yet",
        "shortlist not chosen yet",
        "shortlist not chosen yet",
        f"order not complete (0 of {len(lab.decision('review_order').key)} reviews placed)",
        "questions not chosen yet",
    ]


def test_debrief_counts_a_pair_sound_either_way_as_in_order(lab):
    """Does a round that swaps a pair the scenario calls sound either way round (the walkthrough before
    the reports, say) count no pair out of order, while a swap of any other neighbours counts one?"""
    decision = lab.decision("review_order")
    key = list(decision.key)
    measure = "Pairs of reviews out of the layered order"
    pairs = len(key) * (len(key) - 1) // 2
    for pair in decision.either_order:
        lab.record("review_order", _swapped(key, pair))
        assert _figures(lab)[measure][0] == f"0 of {pairs} pairs", pair
    strict = next((a, b) for a, b in zip(key, key[1:], strict=False) if not decision.either_way(a, b))
    lab.record("review_order", _swapped(key, strict))
    assert _figures(lab)[measure][0] == f"1 of {pairs} pairs", strict


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_debrief_text_is_a_synthesis_that_leaves_the_reflection_open(scenario_id):
    """Is the expert path 120-250 words naming every vendor, and does the reflection name none?"""
    scenario = _scenario(scenario_id)
    assert scenario.debrief is not None
    words = len(scenario.debrief.expert_path.split())
    assert 120 <= words <= 250, words
    names = [str(name).split()[0] for name in _fact_sheets(scenario_id)["vendor"]]
    assert all(name in scenario.debrief.expert_path for name in names)
    assert not any(name in scenario.debrief.reflection for name in names)


# --------------------------------------------------------------------------- the view agrees with the flags


def _shortlisted_sentence(practice, scenario_id: str, vendor_id: str) -> str:
    """The shortlist view's sentence on one vendor, with that vendor alone shortlisted, as revealed."""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    lab.record("shortlist", [vendor_id])
    return full_view(lab, "shortlist").summary


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_fact_sheet_column_is_filled_for_one_vendor_only(scenario_id):
    """Does every column of the vendors table hold a value for more than one vendor, so that a
    column's mere presence marks no vendor out?"""
    sheets = _fact_sheets(scenario_id)
    for column in sheets.columns:
        filled = sheets[column].astype(str).str.strip().replace("nan", "").ne("")
        assert filled.sum() > 1, column


def test_vireos_28_percent_is_given_as_the_teams_arithmetic_not_the_proposals_figure(practice):
    """Does the feedback on Vireo's attrition present the 28 % as the team's own arithmetic on the
    proposal's third of failed trainees, and does no fact sheet or view hand it over as a figure?"""
    feedback = {o.id: o for o in _scenario("vendors-clinics").decision("red_flags").options}
    text = " ".join(feedback["recruiting-b-attrition-all"].feedback.split())
    assert "by our own arithmetic" in text and "about 28 %" in text
    assert "28" not in _proposal("vendors-clinics", "b").replace("2028", "")
    notes = _fact_sheets("vendors-clinics").set_index("id").loc["b", "notes"]
    assert "a third of the leavers" in notes and "28" not in notes
    assert "28 %" not in _shortlisted_sentence(practice, "vendors-clinics", "b")


def test_marevias_player_coach_leads_are_carried_by_its_fact_sheet():
    """With no column for what takes a supervisor's time, does Marevia's fact sheet still say its
    team leads are player-coaches who take escalated calls?"""
    management = _fact_sheets("vendors-outdoorgear").set_index("id").loc["b", "management_location"]
    assert "player-coaches who take escalated calls" in management


def test_lumbres_business_associate_agreement_is_worded_like_the_others():
    """Does Lumbre's certifications cell say it signs a business associate agreement, in the words
    the other signing vendors' cells use, as its proposal says it does?"""
    sheets = _fact_sheets("vendors-clinics").set_index("id")
    assert (
        "signs a business associate agreement with each healthcare client"
        in sheets.loc["d", "certifications"]
    )
    assert "we sign a business associate agreement with each healthcare client" in _proposal(
        "vendors-clinics", "d"
    )


def test_the_leadership_interview_meets_no_one_almena_has_yet_to_hire():
    """Does the leadership interview's feedback ask Almena when it will name its QA lead, rather than
    promise a meeting with a person its proposal has yet to hire?"""
    options = {o.id: o for o in _scenario("vendors-clinics").decision("review_order").options}
    feedback = " ".join(options["leadership"].feedback.split())
    assert "meet the QA lead" not in feedback
    assert "ask when it will name that person" in feedback
    assert (
        "to be recruited after signature"
        in _fact_sheets("vendors-clinics").set_index("id").loc["e", "management_location"]
    )


def test_the_log_in_checks_wait_for_the_floor_is_in_the_brief():
    """Does the brief say why the log-in count waits for the walkthrough (accounts listed by badge,
    which only the floor matches to agents), does the check's feedback give that reason, and does
    an order that counts before the floor earn at most half, as the prompt says?"""
    scenario = _scenario("vendors-clinics")
    decision = scenario.decision("review_order")
    brief = " ".join(scenario.brief.split())
    assert "by badge number" in brief and "only on the floor" in brief
    feedback = " ".join({o.id: o for o in decision.options}["log-in-check"].feedback.split())
    assert "badge number" in feedback and "at most half the points" in feedback
    assert "at most half the points" in " ".join(decision.prompt.split())
    key = list(decision.key)
    early = [r for r in key if r != "log-in-check"]
    early.insert(early.index("walkthrough"), "log-in-check")
    assert score_decision(decision, early).points <= decision.points / 2


def test_a_peak_promised_in_days_reads_in_days(practice):
    """Does Marevia's ten-day peak read "in 10 days", as its proposal says, not as a fraction of a week?"""
    sentence = _shortlisted_sentence(practice, "vendors-outdoorgear", "b")
    assert "30 peak agents in 10 days" in sentence and "1.4 week" not in sentence


def test_almenas_one_hire_is_into_a_role_its_proposal_says_it_runs():
    """Does Almena's proposal say it runs the QA-lead role for its other clinic clients, as the
    shortlist rule's one-hire exception needs, and does its feedback call nothing else "specific"?"""
    assert "Each of our clinic clients has a QA lead of its own" in _proposal("vendors-clinics", "e")
    feedback = {o.id: o for o in _scenario("vendors-clinics").decision("shortlist").options}["e"].feedback
    flat = " ".join(feedback.split())
    assert "QA lead of its own" in flat and "specific" not in flat
    assert "who scores its language test" in flat
