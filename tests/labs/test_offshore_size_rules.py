"""Can a learner answer lab 02 by program size alone, without reading the pilot?

Cost saved and margin at risk both scale with a program's volume, so the placement keys do not
depend on it; but if the largest programs happened to be the ones keyed offshore and the
smallest the ones kept close, "send the big ones far" would answer the lab. These tests rank
each scenario's programs by ``monthly_issues`` and mark the three decisions as a director would
who places by size and never opens the pilot:

* the delivery plan by size rank (two largest offshore, the middle one nearshore, the two
  smallest close; or two largest offshore and the rest close);
* the deciding question by ticking every program whose size placement goes against its
  ratings' prediction, or the volume ranks the other scenario's key overturned;
* the memo by the general principles of care plus sending back every move of a program the
  size rule keeps close, and every move of its nearshore program to the offshore provider.

Keeping every program close already earns 0.45 of the delivery points, so a size rule may earn
a little more than that but not much: at most 0.6. The two multiple selects keep the ceilings
their other no-pilot readers are held to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
import pytest

from grader.catalog import DEFAULT_SEED, scenario_folder, scenarios_for
from grader.kinds import KINDS
from grader.labs import realise
from tests.labs import lab_parts
from tests.labs.test_offshore_memo_needs_pilot import (
    MEMO_NAMES,
    PRINCIPLE_BREACHES,
    PRIOR_CEILING,
    SAFEGUARD_SUBJECT,
    _paragraphs,
)

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
offshore = lab_parts(LAB)

# Placements by size rank, largest program first (five programs in each scenario).
SIZE_RULES: dict[str, tuple[str, ...]] = {
    "two largest offshore, middle nearshore, two smallest close": (
        "offshore",
        "offshore",
        "nearshore",
        "inhouse",
        "inhouse",
    ),
    "two largest offshore, the rest close": ("offshore", "offshore", "inhouse", "inhouse", "inhouse"),
}
# Everything kept close earns 0.45 of the delivery points; a size rule may add little to that.
DELIVERY_CEILING = 0.6
# The deciding question's ceiling for every reader who skips the pilot (see test_offshore_keys).
DECIDING_CEILING = 0.5


def _scenario(scenario_id: str):
    template = next(s for s in scenarios_for(LAB) if s.id == scenario_id)
    return realise(template, DEFAULT_SEED).scenario


def _decision(scenario_id: str, decision_id: str):
    return next(d for d in _scenario(scenario_id).decisions if d.id == decision_id)


def _programs(scenario_id: str) -> pd.DataFrame:
    return pd.read_csv(scenario_folder(scenario_id) / "programs.csv")


def _by_size(scenario_id: str) -> list[str]:
    """Program ids, largest ``monthly_issues`` first."""
    programs = _programs(scenario_id)
    return list(programs.sort_values("monthly_issues", ascending=False, kind="stable")["id"])


def size_placement(scenario_id: str, rule: str) -> dict[str, str]:
    """Where the size rule ``rule`` puts each program of the scenario."""
    return dict(zip(_by_size(scenario_id), SIZE_RULES[rule], strict=True))


def _fraction(scenario_id: str, decision_id: str, answer: object) -> float:
    decision = _decision(scenario_id, decision_id)
    return KINDS[decision.kind].judge(decision, answer).fraction


@pytest.mark.parametrize("rule", SIZE_RULES)
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_placing_programs_by_size_earns_little_more_than_keeping_all_close(scenario_id, rule):
    """Does a plan read off program size alone earn at most 0.6 of the delivery points, when
    keeping every program close already earns 0.45?"""
    fraction = _fraction(scenario_id, "delivery_model", size_placement(scenario_id, rule))
    assert fraction <= DELIVERY_CEILING + 1e-9, f"'{rule}' earns {fraction:.2f}"


def test_the_two_scenarios_do_not_share_one_size_to_key_pattern():
    """Do the keys, read in order of program size, differ between the two scenarios, so that the
    one revealed in practice does not answer the other?"""
    patterns = []
    for scenario_id in SCENARIOS:
        keys = {item.id: item.key[0] for item in _decision(scenario_id, "delivery_model").items}
        patterns.append(tuple(keys[p] for p in _by_size(scenario_id)))
    assert len(set(patterns)) == len(patterns), patterns


def test_the_two_scenarios_list_their_programs_in_different_key_orders():
    """Do the delivery items come in a different order of keys in each scenario, so that the
    position of an item in one does not tell its key in the other?"""
    orders = [tuple(i.key[0] for i in _decision(s, "delivery_model").items) for s in SCENARIOS]
    assert len(set(orders)) == len(orders), orders


def _contradicting(scenario_id: str, placement: Mapping[str, str]) -> list[str]:
    """Programs whose placement goes against what their ratings predict: predicted to hold but
    not sent offshore, or predicted to fall behind but sent offshore."""
    predicted = offshore.predicted_to_hold(_programs(scenario_id))
    return [p for p, holds in predicted.items() if holds != (placement[p] == "offshore")]


def _other_scenarios_ranks(scenario_id: str) -> list[str]:
    """This scenario's programs at the size ranks of the other scenarios' overturned programs."""
    ranks: set[int] = set()
    for other in SCENARIOS:
        if other == scenario_id:
            continue
        folder = scenario_folder(other)
        estimates = pd.read_csv(folder / "estimates.csv")
        overturned = offshore.overturned_programs(_programs(other), estimates)
        ranks |= {_by_size(other).index(p) for p in overturned}
    ours = _by_size(scenario_id)
    return [ours[r] for r in sorted(ranks)]


def _deciding_readers(scenario_id: str) -> dict[str, list[str]]:
    readers = {
        f"ratings against '{rule}'": _contradicting(scenario_id, size_placement(scenario_id, rule))
        for rule in SIZE_RULES
    }
    readers["the other scenario's overturned size ranks"] = _other_scenarios_ranks(scenario_id)
    return readers


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_deciding_question_cannot_be_read_off_a_size_placement(scenario_id):
    """Does ticking where a size placement contradicts the ratings, or copying the size ranks the
    other scenario overturned, earn at most half the deciding question's points?"""
    over = {}
    for name, ticked in _deciding_readers(scenario_id).items():
        fraction = _fraction(scenario_id, "deciding_question", ticked)
        if fraction > DECIDING_CEILING + 1e-9:
            over[name] = (ticked, round(fraction, 2))
    assert not over, over


def _offshore_place_name(scenario_id: str) -> re.Pattern[str]:
    """The offshore provider's city, as the memo names it ("Offshore provider in Cebu (...)")."""
    locations = pd.read_csv(scenario_folder(scenario_id) / "locations.csv").set_index("id")
    city = re.search(r"\bin (\w+)", str(locations.at["offshore", "location"])).group(1)
    return re.compile(rf"\b{city}\b")


def _memo_ticks_by_size(scenario_id: str, placement: Mapping[str, str]) -> list[str]:
    """The memo options a principled reader who places by size sends back: every paragraph that
    breaks a general principle, moves a program the size rule keeps close, or sends its
    nearshore program to the offshore provider. The pilot and the way back are kept."""
    scenario = _scenario(scenario_id)
    decision = next(d for d in scenario.decisions if d.id == "memo_mistakes")
    document = next(d for d in scenario.documents if d.id == "memo")
    paragraphs = _paragraphs((scenario_folder(scenario_id) / document.file).read_text(encoding="utf-8"))
    far = _offshore_place_name(scenario_id)
    ticked = []
    for option in decision.options:
        number = int(re.match(r"Paragraph (\d+):", option.label).group(1))
        text = f"{option.label} {paragraphs[number]}"
        named = {p for p, name in MEMO_NAMES[scenario_id].items() if re.search(name, text, re.IGNORECASE)}
        moves = not SAFEGUARD_SUBJECT.search(option.label)
        kept_close = any(placement[p] == "inhouse" for p in named)
        nearshore_sent_far = bool(far.search(text)) and any(placement[p] == "nearshore" for p in named)
        if PRINCIPLE_BREACHES.search(text) or (moves and (kept_close or nearshore_sent_far)):
            ticked.append(option.id)
    return ticked


@pytest.mark.parametrize("rule", SIZE_RULES)
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_memo_cannot_be_marked_by_size_and_principles(scenario_id, rule):
    """Does a reader who sends back what breaks a general principle of care, and every move the
    size rule would not make, earn at most five net right ticks in seven?"""
    ticked = _memo_ticks_by_size(scenario_id, size_placement(scenario_id, rule))
    fraction = _fraction(scenario_id, "memo_mistakes", ticked)
    assert fraction <= PRIOR_CEILING + 1e-9, f"ticks {sorted(ticked)} and earns {fraction:.2f}"


def test_the_memo_reader_by_size_sends_back_what_the_principles_break():
    """Does the size reader send back at least the paragraphs that break a general principle, so
    that a low score comes from its size placements and not from ticking nothing?"""
    for scenario_id in SCENARIOS:
        ticked = _memo_ticks_by_size(scenario_id, dict.fromkeys(_by_size(scenario_id), "offshore"))
        assert len(ticked) >= 3, (scenario_id, ticked)
