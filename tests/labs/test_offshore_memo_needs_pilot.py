"""Does marking lab 02's memo need the pilot, and not only general principles and the ratings?

A memo whose paragraphs to send back are all textbook mistakes (hourly rates only, no
knowledge transfer, a cut to quality checks) is answered by a reader who knows the textbook
and never opens the pilot. The pilot matters to the memo only where a paragraph turns on a
program whose pilot result went against its ratings: there the ratings, and the principles
that read like them, give the wrong answer. These tests read the overturned programs from
the scenario's programs and estimates tables with the lab's own prediction rule, and require
each memo to turn on them in both directions: at least two paragraphs to send back and at
least one sound paragraph name such a program.

They also mark the memo as a director would who knows the textbook and never opens the pilot:
send back what breaks a general principle of care (hourly rates, no handover of knowledge,
speed as the measure, a cut to your own checks), keep high-stakes work close (a program
rated high on brand sensitivity, or named where the brief says complaints start, unless a
tool holds its control), send back every move argued from its saving, or read each move from
its ratings. Each such reader must stay at or below five net right ticks in seven.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pytest

from grader.catalog import DEFAULT_SEED, scenario_folder, scenarios_for
from grader.kinds import KINDS
from grader.labs import realise
from tests.labs import lab_parts

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
MEMO_DECISION = "memo_mistakes"
MEMO_DOCUMENT = "memo"
MIN_SEND_BACKS = 2
MIN_SOUND = 1
# What a reader who never opens the pilot may earn at most: 0.71, five net right ticks in seven
# keyed ones (two sound paragraphs ticked, or two to send back missed, or one of each).
PRIOR_CEILING = 5 / 7

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


# General principles of care, each as the words a memo paragraph breaks it with: comparing
# hourly rates, going live without sending trainers, holding a team to handle time, stopping
# your own quality checks. A sentence must carry both halves of a pair.
PRINCIPLE_BREACHES = re.compile(
    r"\bUSD an hour\b"
    r"|\bdo not need to send\b"
    r"|\bhandle[- ]time\b[^.]*\b(?:report|target)|\b(?:report|target)\b[^.]*\bhandle[- ]time\b"
    r"|\bstop\w*\b[^.]*\b(?:QA|calibration)\b",
    re.IGNORECASE,
)
# A move argued from what it saves or what the work costs today: a saving, a cheaper or dearer
# place, a large cost line ("save desk" and "save rate" name a program and its measure, and
# "save" alone is not matched). Narrower than the cue tests' cost words: "stop" and "fewer" cut
# a check or a roster, which this reader judges by the principles above.
COST_FIRST = re.compile(
    r"\bsav(?:es|ing)\b|\bcheaper\b|\bdearest\b|\bcosts? us\b|\bcost line\b|%\s*(?:off|less)\b",
    re.IGNORECASE,
)
# Paragraphs whose subject is itself a safeguard, which every reader keeps: the pilot and the
# way back. A move that merely mentions a target or a way back is still a move.
SAFEGUARD_SUBJECT = re.compile(
    r"^Paragraph \d+: (?:a pilot|the right to bring)\b|\bas a pilot\b", re.IGNORECASE
)
# A program whose control sits in a tool that no agent can override: the brief says so, and a
# reader who keeps high-stakes work close lets it travel.
TOOL_HELD = re.compile(r"\bno agent\b[^.]*\bcan override\b", re.IGNORECASE)
COMPLAINTS = re.compile(r"\bcomplaints?\b|\bescalations?\b", re.IGNORECASE)


def _scenario(scenario_id: str):
    template = next(s for s in scenarios_for(LAB) if s.id == scenario_id)
    return realise(template, DEFAULT_SEED).scenario


def _high_stakes(scenario_id: str) -> set[str]:
    """Programs a cautious reader keeps close: rated high on brand sensitivity, or named in a
    line of the brief about complaints, less those whose control a tool holds."""
    programs = pd.read_csv(scenario_folder(scenario_id) / "programs.csv")
    names = MEMO_NAMES[scenario_id]
    # The brief's paragraphs and list items, each on its own.
    lines = re.split(r"\n\s*\n|\n\s*(?=- )", _scenario(scenario_id).brief)
    complaint_lines = [line for line in lines if COMPLAINTS.search(line)]
    stakes = set()
    for program in programs.itertuples(index=False):
        named = any(
            re.search(names[program.id], " ".join(line.split()), re.IGNORECASE) for line in complaint_lines
        )
        if (program.brand_sensitivity == "high" or named) and not TOOL_HELD.search(program.notes):
            stakes.add(str(program.id))
    return stakes


def _predicted_to_fall(scenario_id: str) -> set[str]:
    programs = pd.read_csv(scenario_folder(scenario_id) / "programs.csv")
    return {p for p, holds in lab_parts(LAB).predicted_to_hold(programs).items() if not holds}


def _programs_named(scenario_id: str, text: str) -> set[str]:
    return {p for p, name in MEMO_NAMES[scenario_id].items() if re.search(name, text, re.IGNORECASE)}


# A reader who never opens the pilot: given the scenario, the option's label and its memo
# paragraph on one line, does it send the paragraph back?
Prior = Callable[[str, str, str], bool]


def _breaks_a_principle(scenario_id: str, label: str, text: str) -> bool:
    return bool(PRINCIPLE_BREACHES.search(text))


def _moves_high_stakes_work(scenario_id: str, label: str, text: str) -> bool:
    if SAFEGUARD_SUBJECT.search(label):
        return False
    return bool(_programs_named(scenario_id, text) & _high_stakes(scenario_id))


def _argues_from_cost(scenario_id: str, label: str, text: str) -> bool:
    return not SAFEGUARD_SUBJECT.search(label) and bool(COST_FIRST.search(text))


def _moves_work_its_ratings_keep_close(scenario_id: str, label: str, text: str) -> bool:
    if SAFEGUARD_SUBJECT.search(label):
        return False
    return bool(_programs_named(scenario_id, text) & _predicted_to_fall(scenario_id))


def _any_of(*parts: Prior) -> Prior:
    return lambda scenario_id, label, text: any(part(scenario_id, label, text) for part in parts)


PRIORS: dict[str, Prior] = {
    "principles, high-stakes work kept close, every cost-first move sent back": _any_of(
        _breaks_a_principle, _moves_high_stakes_work, _argues_from_cost
    ),
    "principles, ratings, high-stakes work kept close": _any_of(
        _breaks_a_principle, _moves_work_its_ratings_keep_close, _moves_high_stakes_work
    ),
    "principles, each move read from its ratings": _any_of(
        _breaks_a_principle, _moves_work_its_ratings_keep_close
    ),
    "principles, every cost-first move sent back": _any_of(_breaks_a_principle, _argues_from_cost),
    "principles, ratings, high stakes and cost-first together": _any_of(
        _breaks_a_principle, _moves_high_stakes_work, _argues_from_cost, _moves_work_its_ratings_keep_close
    ),
    "principles, high-stakes work kept close, every other move approved": _any_of(
        _breaks_a_principle, _moves_high_stakes_work
    ),
}

# Readers who still reach more than the ceiling, with the reason: (scenario, prior) -> reason.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def _prior_cases() -> list:
    cases = []
    for scenario_id in SCENARIOS:
        for prior_name in PRIORS:
            reason = KNOWN_FAILURES.get((scenario_id, prior_name))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(pytest.param(scenario_id, prior_name, id=f"{scenario_id}-{prior_name}", marks=marks))
    return cases


@pytest.mark.parametrize(("scenario_id", "prior_name"), _prior_cases())
def test_a_reader_who_never_opens_the_pilot_stays_below_full_marks(scenario_id, prior_name):
    """Does a director who marks the memo from general principles, the ratings and a wish to
    keep high-stakes work close, without opening the pilot, earn at most 0.71?"""
    scenario = _scenario(scenario_id)
    decision = next(d for d in scenario.decisions if d.id == MEMO_DECISION)
    document = next(d for d in scenario.documents if d.id == MEMO_DOCUMENT)
    paragraphs = _paragraphs((scenario_folder(scenario_id) / document.file).read_text(encoding="utf-8"))
    prior = PRIORS[prior_name]
    ticked = []
    for option in decision.options:
        number = int(re.match(r"Paragraph (\d+):", option.label).group(1))
        if prior(scenario_id, option.label, f"{option.label} {paragraphs[number]}"):
            ticked.append(option.id)
    fraction = KINDS["multiple"].judge(decision, ticked).fraction
    assert fraction <= PRIOR_CEILING + 1e-9, (
        f"'{prior_name}' ticks {sorted(ticked)} and earns {fraction:.2f} of the points"
    )


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_reader_of_the_pilot_reaches_full_marks(scenario_id):
    """Does ticking exactly the paragraphs to send back earn full marks, so that the ceiling
    above holds back the readers who skip the pilot and no one else?"""
    decision = next(d for d in _scenario(scenario_id).decisions if d.id == MEMO_DECISION)
    keyed = [o.id for o in decision.options if o.correct]
    assert KINDS["multiple"].judge(decision, keyed).fraction == pytest.approx(1.0)
