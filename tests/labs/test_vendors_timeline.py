"""Do the clinics brief's dates leave room for what must happen before the first calls?

The plans' review must be what sets the launch, as the review-order key says: fourteen weeks from
shortlist day to the first calls.  Inside those weeks the round must run and the contract be signed,
and after signature the finalists must still train their agents and hire the flu-season wave on the
notice their own proposals ask for.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

from grader.catalog import scenario_folder, scenarios_for
from grader.engine.keys import perfect_answer

LAB = "03_vendor_red_flags"
SCENARIO = "vendors-clinics"
# Weeks the round of reviews needs before a contract can be signed: leadership calls, reports, a trip
# to each site, a log-in check, calibration and a follow-up (a course assumption).
ROUND_WEEKS = 4
# Weeks between the first calls and the start of flu-season volumes, as the brief says.
FLU_AFTER_FIRST_CALLS = 2
NUMBERS = {"eight": 8, "ten": 10, "twelve": 12, "fourteen": 14, "sixteen": 16}
MONTHS = {"June": 6, "July": 7, "August": 8, "September": 9}
# Any year will do for counting weeks between two days that fall in the same summer.
YEAR = 2026


def _day(text: str, before: str) -> date:
    """The day written right after ``before`` in the brief, such as "9 June"."""
    found = re.search(rf"{before} (\d+) (\w+)", text)
    assert found, before
    return date(YEAR, MONTHS[found.group(2)], int(found.group(1)))


def _brief() -> str:
    scenario = next(s for s in scenarios_for(LAB) if s.id == SCENARIO)
    return " ".join(scenario.brief.split())


def _finalists() -> pd.DataFrame:
    scenario = next(s for s in scenarios_for(LAB) if s.id == SCENARIO)
    sheets = pd.read_csv(scenario_folder(SCENARIO) / "vendors.csv")
    return sheets[sheets["id"].isin(perfect_answer(scenario.decision("shortlist")))]


def test_the_plans_review_is_what_sets_the_first_calls():
    """Do the plans' weeks of review, counted from shortlist day, end on the day of the first calls?"""
    brief = _brief()
    weeks = NUMBERS[re.search(r"takes about (\w+) weeks to review a site", brief).group(1)]
    assert _day(brief, "shortlist on") + timedelta(weeks=weeks) == _day(brief, "take calls on")


def test_the_round_signature_training_and_flu_hiring_fit_the_dates():
    """Does the brief leave the round its weeks before signature, each finalist's whole training
    between signature and the first calls, and each finalist's flu-season hiring notice between
    signature and the start of flu-season volumes?"""
    brief = _brief()
    shortlist, signed = _day(brief, "shortlist on"), _day(brief, "sign with the winner by")
    first_calls = _day(brief, "take calls on")
    flu = first_calls + timedelta(weeks=FLU_AFTER_FIRST_CALLS)
    assert signed - shortlist >= timedelta(weeks=ROUND_WEEKS)
    for finalist in _finalists().itertuples():
        assert signed + timedelta(weeks=float(finalist.training_weeks)) <= first_calls, finalist.vendor
        assert signed + timedelta(weeks=float(finalist.scale_up_weeks)) <= flu, finalist.vendor
