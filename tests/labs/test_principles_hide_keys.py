"""Does a decision's principle teach its rule without naming the options that earn credit?

Practice shows a decision's principle after any answer, right or wrong.  The single and
multiple kinds name no missed option in their notes on purpose, so a principle that restates
the keyed options' labels hands a learner with one wrong tick the whole key.  A principle says
the rule a director applies; it must stay true and useful after a right answer too.

A principle here names a keyed option when it holds the option's label, its opening clause (the
words before the first comma, colon or bracket, if three or more), or more than half of the
label's longer words (five letters or more, common words left out): rewording the label word
by word is still naming it.
"""

from __future__ import annotations

import re

import pytest

from grader.catalog import DEFAULT_SEED, scenarios_for
from grader.labs import realise
from grader.paths import lab_ids

KINDS = ("single", "multiple")
# Longer words that say nothing of a particular option.
COMMON = {"about", "after", "before", "being", "could", "every", "other", "their", "there", "these"}
COMMON |= {"those", "under", "where", "which", "while", "would", "should", "since"}

# Cases that wait for work elsewhere: "scenario:decision" -> reason (strict xfails).
KNOWN_FAILURES: dict[str, str] = {}


def _cases() -> list:
    cases = []
    for lab in lab_ids():
        for template in scenarios_for(lab):
            scenario = realise(template, DEFAULT_SEED).scenario
            for decision in scenario.decisions:
                if decision.kind not in KINDS or not decision.principle:
                    continue
                case_id = f"{scenario.id}:{decision.id}"
                reason = KNOWN_FAILURES.get(case_id)
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                cases.append(pytest.param(decision, id=case_id, marks=marks))
    return cases


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w%' -]", " ", text.lower()).split())


def _opening(label: str) -> str:
    return _plain(re.split(r"[,:;(]", label)[0])


def _long_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 5 and w not in COMMON}


def _keyed(decision) -> list:
    if decision.kind == "multiple":
        return [o for o in decision.options if o.correct]
    return [o for o in decision.options if o.credit == 1]


def _names(principle: str, label: str) -> str | None:
    """How ``principle`` names the option labelled ``label``, or None."""
    plain, opening, words = _plain(principle), _opening(label), _long_words(label)
    if _plain(label) in plain:
        return "its label"
    if len(opening.split()) >= 3 and opening in plain:
        return f"its opening clause {opening!r}"
    shared = words & _long_words(principle)
    if words and len(shared) > len(words) / 2:
        return f"{len(shared)} of its {len(words)} longer words: {sorted(shared)}"
    return None


@pytest.mark.parametrize("decision", _cases())
def test_a_principle_names_no_keyed_option(decision):
    """Does the decision's principle leave every keyed option unnamed, by label, opening clause or
    most of its words?"""
    named = {o.id: how for o in _keyed(decision) if (how := _names(decision.principle, o.label))}
    assert not named, named


def test_a_principle_that_restates_a_keyed_label_is_caught():
    """Is a principle that rewords a keyed label (lab 05's old first-wave principle) caught, and a
    rule in other words let through?"""
    label = "Its procedures are written, signed off and stable, so a new team can be trained from them"
    old = "It needs written, stable procedures to train from and mistakes that are cheap to spot."
    assert _names(old, label) is not None
    assert (
        _names("Its procedures are written down.", label) == "its opening clause 'its procedures are written'"
    )
    new = "Choose it for what it lets you learn safely, at a price you can bear if it goes badly."
    assert _names(new, label) is None
