"""Does marking lab 02's memo need the pilot, and not only general principles and the ratings?

A memo whose paragraphs to send back are all textbook mistakes (hourly rates only, no
knowledge transfer, a cut to quality checks) is answered by a reader who knows the textbook
and never opens the pilot. The pilot matters to the memo only where a paragraph turns on a
program whose pilot result went against its ratings: there the ratings, and the principles
that read like them, give the wrong answer. These tests read the overturned programs from
the scenario's programs and estimates tables with the lab's own prediction rule, and require
each memo to turn on them in both directions: at least two paragraphs to send back and at
least one sound paragraph name such a program.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from grader.catalog import DEFAULT_SEED, scenario_folder, scenarios_for
from grader.labs import realise
from tests.labs import lab_parts

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
MEMO_DECISION = "memo_mistakes"
MEMO_DOCUMENT = "memo"
MIN_SEND_BACKS = 2
MIN_SOUND = 1

# How each memo names a program in its own words (a memo says "the save desk", not the
# program table's label). Every overturned program must have an entry: a missing one fails.
MEMO_NAMES: dict[str, dict[str, str]] = {
    "offshore-mobile": {
        "activation": r"\bactivation\b",
        "device_help": r"\bdevice help\b|\bphone set-up\b",
        "billing": r"\bbills?\b|\bbilling\b",
        "hardship": r"\bhardship\b",
        "retention": r"\bsave desk\b|\bretention\b",
    },
    "offshore-travel": {
        "booking_changes": r"\bbooking changes?\b",
        "in_trip": r"\bin-trip\b|\bhotel and car\b",
        "disruption": r"\bdisruption\b",
        "elite_line": r"\belite\b",
        "accessibility": r"\baccessibility\b",
    },
}


def _overturned(scenario_id: str) -> list[str]:
    folder = scenario_folder(scenario_id)
    programs = pd.read_csv(folder / "programs.csv")
    estimates = pd.read_csv(folder / "estimates.csv")
    return lab_parts(LAB).overturned_programs(programs, estimates)


def _paragraphs(memo: str) -> dict[int, str]:
    """The memo's numbered paragraphs, by number, each joined onto one line."""
    found = re.findall(r"^(\d+)\.\s+(.*?)(?=^\d+\.\s|^\S|\Z)", memo, flags=re.MULTILINE | re.DOTALL)
    return {int(number): " ".join(text.split()) for number, text in found}


def _options_citing(scenario_id: str, programs: list[str]) -> tuple[list[str], list[str]]:
    """The memo options, to send back and sound, whose label or paragraph names one of ``programs``."""
    template = next(s for s in scenarios_for(LAB) if s.id == scenario_id)
    scenario = realise(template, DEFAULT_SEED).scenario
    decision = next(d for d in scenario.decisions if d.id == MEMO_DECISION)
    document = next(d for d in scenario.documents if d.id == MEMO_DOCUMENT)
    paragraphs = _paragraphs((scenario_folder(scenario_id) / document.file).read_text(encoding="utf-8"))
    names = re.compile("|".join(MEMO_NAMES[scenario_id][p] for p in programs), re.IGNORECASE)
    send_back, sound = [], []
    for option in decision.options:
        number = int(re.match(r"Paragraph (\d+):", option.label).group(1))
        if names.search(f"{option.label} {paragraphs[number]}"):
            (send_back if option.correct else sound).append(option.id)
    return send_back, sound


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_overturned_program_has_a_memo_name(scenario_id):
    """Does the pilot overturn some program's ratings, and does the test know how the memo names
    each one?"""
    overturned = _overturned(scenario_id)
    assert overturned, "no program's pilot went against its ratings"
    assert set(overturned) <= set(MEMO_NAMES[scenario_id]), overturned


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_memo_cannot_be_marked_without_the_pilot(scenario_id):
    """Do at least two paragraphs to send back and at least one sound paragraph name a program
    whose pilot result overturned its ratings, so that the ratings and general principles alone
    mark the memo wrong in both directions?"""
    send_back, sound = _options_citing(scenario_id, _overturned(scenario_id))
    assert len(send_back) >= MIN_SEND_BACKS, f"send-back paragraphs on overturned programs: {send_back}"
    assert len(sound) >= MIN_SOUND, f"sound paragraphs on overturned programs: {sound}"
