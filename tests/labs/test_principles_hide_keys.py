"""Does a decision's principle teach its rule without naming the options that earn credit?

Practice shows a decision's principle after any answer, right or wrong.  The single and
multiple kinds name no missed option in their notes on purpose, so a principle that restates
the keyed options' labels hands a learner with one wrong tick the whole key.  A principle says
the rule a director applies; it must stay true and useful after a right answer too.

A principle here names a keyed option when it holds the option's label, its opening clause (the
words before the first comma, colon or bracket, if three or more), or more than half of the
label's longer words (five letters or more, common words left out): rewording the label word
by word is still naming it.

An order's practice notes say how many pairs are right, never which, so a principle that walks
through the options in the key's order hands over the whole key after any answer.  An order's
principle states what makes an option go early or late (what it waits for, what it costs, what
deadline it sets); it must not name three or more options in the key's relative order.  An option
is named where the first of its short name's distinctive words appears (the label's words before
any bracket, colon or comma, cut to their first four letters, leaving out words that two options
share and words that say nothing of one option).
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
# Order decisions that wait for work elsewhere: "scenario:decision" -> reason (strict xfails).
KNOWN_ORDER_FAILURES: dict[str, str] = {}
# Short-name words that name no option in particular.
GENERIC = {"review", "reviews", "check", "checks", "with", "from", "your", "them", "each", "that"}


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


# --------------------------------------------------------------------------- order decisions


def _order_cases() -> list:
    cases = []
    for lab in lab_ids():
        for template in scenarios_for(lab):
            scenario = realise(template, DEFAULT_SEED).scenario
            for decision in scenario.decisions:
                if decision.kind != "order" or not decision.principle:
                    continue
                case_id = f"{scenario.id}:{decision.id}"
                reason = KNOWN_ORDER_FAILURES.get(case_id)
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                cases.append(pytest.param(decision, id=case_id, marks=marks))
    return cases


def _stems(text: str) -> set[str]:
    """The words of ``text`` (hyphens joined: "log-in" is "login"), four letters or more, cut to four."""
    words = re.findall(r"[a-z]+", text.lower().replace("-", ""))
    return {w[:4] for w in words if len(w) >= 4 and w not in GENERIC and w not in COMMON}


def _short_name(label: str) -> str:
    return re.split(r"[,:;(]", label)[0]


def _distinctive(labels: dict[str, str]) -> dict[str, set[str]]:
    """Option id -> the stems of its short name that no other option's short name has."""
    stems = {option: _stems(_short_name(label)) for option, label in labels.items()}
    return {
        option: own - set().union(*(s for other, s in stems.items() if other != option))
        for option, own in stems.items()
    }


def _first_mentions(principle: str, labels: dict[str, str]) -> dict[str, int]:
    """Option id -> the word position where the principle first names it, for the options it names."""
    words = [w[:4] for w in re.findall(r"[a-z]+", principle.lower().replace("-", ""))]
    found = {}
    for option, stems in _distinctive(labels).items():
        where = [i for i, w in enumerate(words) if w in stems]
        if where:
            found[option] = min(where)
    return found


def _named_in_key_order(principle: str, labels: dict[str, str], key: list[str], either: list) -> list[str]:
    """The longest run of options the principle names in the key's relative order (an either-order
    pair counts as in order both ways round)."""
    rank = {option: i for i, option in enumerate(key)}
    for a, b in either:
        rank[a] = rank[b] = min(rank[a], rank[b])
    named = sorted(_first_mentions(principle, labels).items(), key=lambda item: item[1])
    ids = [option for option, _ in named if option in rank]
    best: list[list[str]] = []
    for i, option in enumerate(ids):
        runs = [best[j] for j in range(i) if rank[ids[j]] <= rank[option]]
        best.append([*max(runs, key=len, default=[]), option])
    return max(best, key=len, default=[])


@pytest.mark.parametrize("decision", _order_cases())
def test_an_order_principle_does_not_walk_through_the_key(decision):
    """Does an order decision's principle name fewer than three of its options in the key's order,
    so that reading it after any answer does not hand over the order?"""
    labels = {o.id: o.label for o in decision.options}
    run = _named_in_key_order(decision.principle, labels, list(decision.key), list(decision.either_order))
    assert len(run) < 3, run


def test_an_order_principle_that_narrates_the_key_is_caught():
    """Is a principle that names the reviews one after another in the key's order caught, and one
    that names them against the key, or states rules alone, let through?"""
    labels = {
        "leadership": "Leadership interviews (an hour's call): the people who would run it",
        "reporting": "Sample reporting (an afternoon at your desk): real reports",
        "walkthrough": "Operations walkthrough (a trip): the floor",
        "follow-up": "Follow-up with the leaders (an hour's call): they answer",
    }
    key = ["leadership", "reporting", "walkthrough", "follow-up"]
    narrated = "Start with the interviews, then read the reports, walk the floor, and follow up last."
    assert _named_in_key_order(narrated, labels, key, []) == key
    assert len(_named_in_key_order(narrated, labels, key, [])) >= 3
    backwards = "Follow up after you walk the floor; read the reports after the interviews."
    assert len(_named_in_key_order(backwards, labels, key, [])) < 3
    rules = "Cheapest first, except where a check reads another's results: it waits for them."
    assert _named_in_key_order(rules, labels, key, []) == []
    swapped = "Interviews, then walk the floor, then the reports."
    assert len(_named_in_key_order(swapped, labels, key, [["reporting", "walkthrough"]])) == 3
