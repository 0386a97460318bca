"""Can a learner read lab 03's shortlist off the words of the red-flag feedback?

Practice shows each ticked statement's feedback and verdict before the shortlist is chosen, and two
passes of ticks show every text.  That feedback says why a statement is or is not a flag (the risk
in operation); whether a flag can be closed by a clause is the shortlist's own judgement, said in
the shortlist's feedback.  So the red-flag words must not track the shortlist: a reader who keeps
the vendors whose texts sound closable, or drops those whose texts sound as if nothing could fix
them, must not earn more than half the shortlist's points, whether or not the reader also knows
which statements are flags.
"""

from __future__ import annotations

import re

import pytest

from grader.catalog import scenarios_for
from grader.engine import score_decision
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


def _flag_texts_by_vendor(scenario_id: str) -> dict[str, list[str]]:
    """The feedback of every real flag (a keyed statement), per vendor; a vendor with none has []."""
    texts: dict[str, list[str]] = {vendor: [] for vendor in _texts_by_vendor(scenario_id)}
    for option in _scenario(scenario_id).decision("red_flags").options:
        if option.correct:
            texts[vendors.vendor_of(option.id)].append(" ".join(option.feedback.split()).lower())
    return texts


def _knowing_readers(flags: dict[str, list[str]]) -> dict[str, set[str]]:
    """The shortlists of a reader who knows which statements are flags and classes each flag by its
    text's cues: drop a vendor with a flag that sounds beyond any clause, keep a vendor every flag
    of which sounds closable, or both."""

    def sounds(text: str, cues: tuple[str, ...]) -> bool:
        return any(cue in text for cue in cues)

    picks: dict[str, set[str]] = {}
    for cue in UNCLOSABLE_CUES:
        picks[f"drop a flag with {cue!r}"] = {
            v for v, texts in flags.items() if not any(cue in t for t in texts)
        }
    picks["drop any flag with an unclosable cue"] = {
        v for v, texts in flags.items() if not any(sounds(t, UNCLOSABLE_CUES) for t in texts)
    }
    picks["keep every flag closable-sounding"] = {
        v for v, texts in flags.items() if all(sounds(t, CLOSABLE_CUES) for t in texts)
    }
    picks["keep closable-sounding flags, drop unclosable"] = {
        v
        for v, texts in flags.items()
        if all(sounds(t, CLOSABLE_CUES) and not sounds(t, UNCLOSABLE_CUES) for t in texts)
    }
    return picks


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
    return _earning_over_half(scenario_id, _readers(texts))


def _earning_over_half(scenario_id: str, readers: dict[str, set[str]]) -> dict[str, float]:
    decision = _scenario(scenario_id).decision("shortlist")
    scores = {reader: score_decision(decision, sorted(kept)).points for reader, kept in readers.items()}
    return {reader: points for reader, points in scores.items() if points > decision.points / 2}


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_reading_closability_cues_earns_at_most_half_the_shortlist(scenario_id):
    """Does a reader who keeps the vendors whose red-flag feedback sounds closable, or drops those
    whose feedback sounds beyond any clause, earn at most half the shortlist's points?"""
    texts = _texts_by_vendor(scenario_id)
    assert set(texts) == {"a", "b", "c", "d", "e"}
    assert not _over_half(scenario_id, texts)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_reader_who_knows_the_flags_earns_at_most_half_the_shortlist(scenario_id):
    """Does a reader who has seen which statements are flags, and classes each flag by the cues in
    its feedback (drop a vendor with a flag beyond any clause, keep one whose flags sound closable),
    earn at most half the shortlist's points?"""
    flags = _flag_texts_by_vendor(scenario_id)
    assert sum(map(len, flags.values())) >= 8
    assert not _earning_over_half(scenario_id, _knowing_readers(flags))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_closability_is_judged_in_the_shortlist_not_in_the_flags(scenario_id):
    """Is whether a flag can be closed said in the shortlist's feedback, where it is the decision's
    own judgement, and nowhere in the red-flag feedback?"""
    scenario = _scenario(scenario_id)
    verdicts = ("comes with the company", "come with the company", "contract can set", "no clause")
    in_flags = [
        o.id
        for o in scenario.decision("red_flags").options
        if any(v in " ".join(o.feedback.split()).lower() for v in verdicts)
    ]
    assert not in_flags
    shortlist = " ".join(" ".join(o.feedback.split()).lower() for o in scenario.decision("shortlist").options)
    assert "with the company" in shortlist and "contract can set" in shortlist


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


def test_the_knowing_reader_catches_flag_feedback_that_classes_each_flag():
    """Would the knowing reader catch red-flag feedback that ends every flag with "comes with the
    company" or "a contract can set", as this lab's once did?"""
    flags = {vendor: ["red flag. something a contract can set."] for vendor in "abcde"}
    flags["b"] = []
    for vendor in "acd":
        flags[vendor].append("red flag. how a vendor trains comes with the company.")
    assert "drop any flag with an unclosable cue" in _earning_over_half(
        "vendors-clinics", _knowing_readers(flags)
    )
