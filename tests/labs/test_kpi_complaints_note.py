"""Does the executive's note in lab 04's brief quote complaints and credits that every cause can bring,
so that the size of the figure names no cause before the learner reads a table?"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from grader.schema import load_scenario
from tests.labs import lab_parts

pytestmark = pytest.mark.long  # a sweep: handed out early (tests/conftest.py)

_lab = lab_parts("04_kpi_diagnosis")

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TEMPLATES = ["kpi-broadband", "kpi-homegoods"]
SEEDS = range(2000, 2150)
# The figures of each note, as the note quotes them: (last four weeks, the weeks after launch).
QUOTED = {
    "complaints": ("all_complaints", "all_complaints_before"),
    "credits": ("all_credits", "all_credits_before"),
}
# Bands of the quoted rise (last four weeks over weeks 4-7): every band between two cuts, and every
# band from one cut up or below it.
CUTS = (1.15, 1.4, 1.65, 1.9, 2.15, 2.4, 2.65, 3.0, float("inf"))
BANDS = [
    *zip(CUTS, CUTS[1:], strict=False),
    *((low, float("inf")) for low in CUTS[:-1]),
    *((0.0, high) for high in CUTS[1:-1]),
]
MOST_PRECISE = 0.6  # a band that names one cause more often than this names it
MEANINGFUL_SHARE = 0.10  # ... when it holds this share of that cause's variants or more
FEWEST = 3  # and at least this many of them: two variants are chance


def _number(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text))


@pytest.fixture(scope="module", params=TEMPLATES)
def notes(request) -> list[tuple[str, str, float]]:
    """(cause, worry voiced, rise the note quotes) for each seed of the sweep."""
    folder = SCENARIOS / request.param
    template = load_scenario(folder)
    content = _lab.content_for(template, folder)
    found = []
    for seed in SEEDS:
        incident = _lab.draw_incident(content, seed)
        values = _lab.facts(content, incident, _lab.build_tables(content, incident, seed))
        worry = next(
            worry
            for worry, text in content.executive_notes.items()
            if " ".join(text.format(**values).split()) == values["exec_note"]
        )
        recent, settled = QUOTED.get(worry, (None, None))
        rise = _number(values[recent]) / max(_number(values[settled]), 1.0) if recent else 0.0
        found.append((incident.cause, worry, rise))
    return found


@pytest.mark.parametrize("worry", sorted(QUOTED))
def test_no_size_of_the_quoted_rise_names_a_cause(notes, worry):
    """Over 150 variants of each scenario, does every band of the rise the note quotes (complaints or
    credits, last four weeks over weeks 4-7) hold several causes?

    A band gives the cause away when more than 60 % of the notes in it come from one cause and they
    are at least 10 % of that cause's variants (and three or more of them): a learner in practice
    would learn the tell in a few draws.  Before complaints were made a shared symptom, notes
    quoting complaints doubled or more came from a policy change nine times in ten.
    """
    per_cause = Counter(cause for cause, _, _ in notes)
    tells = []
    for low, high in BANDS:
        quoted = Counter(cause for cause, voiced, rise in notes if voiced == worry and low <= rise < high)
        for cause, count in quoted.items():
            precision, share = count / sum(quoted.values()), count / per_cause[cause]
            if precision > MOST_PRECISE and share >= MEANINGFUL_SHARE and count >= FEWEST:
                tells.append(
                    f"{low}-{high}: {cause} {count} of {sum(quoted.values())}, {share:.0%} of its variants"
                )
    assert not tells, tells


def test_complaints_are_still_voiced_for_every_cause(notes):
    """Does the note still quote complaints for variants of every cause, so leaving the loudest
    rises out did not turn the complaints note itself into a tell?"""
    voiced = Counter(cause for cause, worry, _ in notes if worry == "complaints")
    assert set(voiced) == set(_lab.CAUSES)
    assert min(voiced.values()) >= 3, voiced


def test_a_rise_no_break_but_a_policy_change_reaches_is_not_voiced():
    """Is a complaints rise at or above the loudest left out of the note, and one just under it voiced?"""
    loudest = _lab.LOUDEST_RISE["complaints"]
    assert _lab.worry_for(("complaints",), {"complaints": loudest}, 0.0) == "queue_csat"
    assert _lab.worry_for(("complaints",), {"complaints": loudest - 0.01}, 0.0) == "complaints"
