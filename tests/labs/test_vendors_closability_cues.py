"""Can a learner read lab 03's shortlist off the words of the red-flag feedback?

Practice shows each ticked statement's feedback before the shortlist is chosen, and two passes of
ticks show every text.  That feedback may say whether a flag could be closed by a clause, from the
flag's own nature, but the words it uses must not track the shortlist: a reader who keeps the
vendors whose texts sound closable, or drops those whose texts sound as if nothing could fix them,
without asking which statements are flags, must not earn more than half the shortlist's points.
"""

from __future__ import annotations

import re

import pytest

from grader.catalog import scenarios_for
from grader.engine import score_decision
from grader.engine.keys import perfect_answer
from tests.labs import lab_parts

vendors = lab_parts("03_vendor_red_flags")

LAB = "03_vendor_red_flags"
SCENARIOS = [s.id for s in scenarios_for(LAB)]

# Words that make a flag sound closable: the ones an earlier version used only on shortlisted
# vendors ("a question for the next round", "the walkthrough can check", "a fixable one", "before
# you sign", "write both into the contract") and the ones the feedback now uses for a flag's nature.
CLOSABLE_CUES = (
    "next round",
    "walkthrough",
    "fixable",
    "closable",
    "before you sign",
    "into the contract",
    "a clause",
    "contract can set",
    "a plan",
    "question to put",
)
# Words that make a flag sound as if no clause could close it.
UNCLOSABLE_CUES = (
    "no clause",
    "cannot be fixed",
    "comes with the company",
    "comes with the vendor",
    "a different company",
    "another company",
)


def _scenario(scenario_id: str):
    return next(s for s in scenarios_for(LAB) if s.id == scenario_id)


def _texts_by_vendor(scenario_id: str) -> dict[str, str]:
    """Every red-flag statement's feedback, flags and sound practices alike, joined per vendor."""
    texts: dict[str, list[str]] = {}
    for option in _scenario(scenario_id).decision("red_flags").options:
        texts.setdefault(vendors.vendor_of(option.id), []).append(" ".join(option.feedback.split()))
    return {vendor: " ".join(found).lower() for vendor, found in texts.items()}


def _holding(texts: dict[str, str], cues: tuple[str, ...]) -> set[str]:
    return {vendor for vendor, text in texts.items() if any(cue in text for cue in cues)}


def _readers(texts: dict[str, str]) -> dict[str, set[str]]:
    """The shortlists a cue reader picks, for every cue alone and for each family of cues."""
    picks: dict[str, set[str]] = {}
    everyone = set(texts)
    for cue in CLOSABLE_CUES:
        picks[f"keep {cue!r}"] = _holding(texts, (cue,))
    for cue in UNCLOSABLE_CUES:
        picks[f"drop {cue!r}"] = everyone - _holding(texts, (cue,))
    closable, unclosable = _holding(texts, CLOSABLE_CUES), _holding(texts, UNCLOSABLE_CUES)
    picks["keep any closable cue"] = closable
    picks["drop any unclosable cue"] = everyone - unclosable
    picks["keep closable, drop unclosable"] = closable - unclosable
    return picks


def _over_half(scenario_id: str, texts: dict[str, str]) -> dict[str, float]:
    """The readers that earn more than half the shortlist's points, with what they earn."""
    decision = _scenario(scenario_id).decision("shortlist")
    scores = {
        reader: score_decision(decision, sorted(kept)).points for reader, kept in _readers(texts).items()
    }
    return {reader: points for reader, points in scores.items() if points > decision.points / 2}


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_reading_closability_cues_earns_at_most_half_the_shortlist(scenario_id):
    """Does a reader who keeps the vendors whose red-flag feedback sounds closable, or drops those
    whose feedback sounds beyond any clause, earn at most half the shortlist's points?"""
    texts = _texts_by_vendor(scenario_id)
    assert set(texts) == {"a", "b", "c", "d", "e"}
    assert not _over_half(scenario_id, texts)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_closable_and_unclosable_words_sit_on_both_sides_of_the_shortlist(scenario_id):
    """Does each family of cues appear for a shortlisted vendor and for one left out, so that
    neither family tracks the shortlist?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    texts = _texts_by_vendor(scenario_id)
    for cues in (CLOSABLE_CUES, UNCLOSABLE_CUES):
        holders = _holding(texts, cues)
        assert holders & key and holders - key, (cues, sorted(holders))


def test_the_reader_catches_feedback_that_gives_the_shortlist_away():
    """Would the check catch the texts that once gave the clinics shortlist away: next-round words
    only for Vireo, a fixable flag only for Almena?"""
    texts = {vendor: "red flag. ask for the curriculum." for vendor in "abcde"}
    texts["b"] = "not a red flag, though a question for the next round."
    texts["e"] = "red flag, but a fixable one."
    assert "keep any closable cue" in _over_half("vendors-clinics", texts)
    texts = {vendor: "red flag." for vendor in "abcde"}
    texts["c"] = texts["d"] = texts["a"] = "red flag. no clause fixes it."
    assert "drop 'no clause'" in _over_half("vendors-clinics", texts)
    assert not re.search("no clause", " ".join(_texts_by_vendor("vendors-clinics").values()))
