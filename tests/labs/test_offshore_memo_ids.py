"""Do lab 02's memo option ids name a topic only, never a verdict a code user could read off?

The ids are visible in an assessment release (``lab.decision("memo_mistakes").options``): an id
such as ``qa_cut`` or ``pilot_first`` tells which paragraphs to send back without reading them.
"""

from __future__ import annotations

import re

import pytest

from grader.catalog import scenarios_for
from grader.notebook import open_lab

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
#: Words that carry a judgement of a paragraph, or of how it proposes to act.
JUDGEMENT_WORDS = frozenset(
    {
        "only",
        "cut",
        "first",
        "skip",
        "plug",
        "play",
        "wrong",
        "right",
        "sound",
        "good",
        "bad",
        "best",
        "worst",
        "safe",
        "risky",
        "stop",
        "naive",
        "mistake",
        "fault",
        "trap",
        "careful",
        "rushed",
        "fast",
        "cheap",
    }
)


def _words(option_id: str) -> set[str]:
    return set(re.split(r"[_\W]+", option_id.lower())) - {""}


@pytest.fixture(params=SCENARIOS)
def memo_option_ids(request, practice) -> list[str]:
    """The memo decision's option ids in one of lab 02's scenarios."""
    lab = open_lab(LAB, practice, scenario=request.param)
    return [option.id for option in lab.decision("memo_mistakes").options]


def test_memo_ids_carry_no_judgement(memo_option_ids):
    """Is every memo option id free of a word that says whether the paragraph is sound?"""
    judged = {i: sorted(_words(i) & JUDGEMENT_WORDS) for i in memo_option_ids}
    assert not {i: w for i, w in judged.items() if w}


def test_memo_ids_follow_the_paragraph_order(memo_option_ids):
    """Does each id start with its paragraph number, so ids say where, not what to think?"""
    assert memo_option_ids == sorted(memo_option_ids)
    assert all(re.fullmatch(r"p\d{2}_[a-z_]+", i) for i in memo_option_ids)


def test_judgement_words_are_caught():
    """Would an id like the ones this lab once used be caught?"""
    assert _words("qa_cut") & JUDGEMENT_WORDS
    assert _words("plug_and_play") & JUDGEMENT_WORDS
    assert not _words("p05_quality") & JUDGEMENT_WORDS
