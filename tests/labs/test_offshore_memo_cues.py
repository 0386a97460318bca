"""Can a learner mark lab 02's memo paragraphs by their words alone, without reading the pilot?

A memo in which every paragraph to send back promises a saving or a cut, and every sound one
adds a control, is answered by "tick whatever saves or cuts". These tests read each memo
paragraph (the memo document's text and the option's label) with small lists of surface cues,
score what a few cue-only rules would tick with the decision's own scoring, and require every
rule to stay clearly below full marks. They also check that the options and the memo document
name the same paragraphs, so the cues are read from what the learner reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from grader.catalog import DEFAULT_SEED, scenario_folder, scenarios_for
from grader.kinds import KINDS
from grader.labs import realise

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
MEMO_DECISION = "memo_mistakes"
MEMO_DOCUMENT = "memo"
# What a cue-only rule may earn at most: three paragraphs in five right, less one wrong tick.
CLEARLY_BELOW_FULL = 0.6

# Words that promise a saving or cut something away ("save desk" and "save rate" name a program
# and its measure, not a saving).
SAVING_CUES = re.compile(
    r"\bsav(?:e|es|ing|ings)\b(?!\s+(?:desk|rate))|\bcuts?\b|\bstop\w*|\bfewer\b|\bless\b|\breduc\w*|\bshorten\w*"
    r"|\bdo not need\b",
    re.IGNORECASE,
)
# Words that argue from what the work costs: the saving and cutting words above, and what it
# "costs us" or what is "cheaper". A budget is left out: a paragraph that budgets for
# governance adds a cost rather than arguing from one.
COST_CUES = re.compile(
    rf"{SAVING_CUES.pattern}|\bcosts? us\b|\bcheaper\b",
    re.IGNORECASE,
)
# Words that add a check or a safeguard.
CONTROL_CUES = re.compile(
    r"\bpilot\w*|\breports?\b|\breview\w*|\bmeasur\w*|\bcalibrat\w*|\bway back\b|\bbudget\w*",
    re.IGNORECASE,
)

# Words that add a safeguard: a pilot, a report, a target, a budget, a way back or fallback, an
# overflow, or a move held back until something has happened ("once", "after", "until"). "A
# report" and "a pilot" are counted, not any report: "report in place of" cuts a check.
SAFEGUARD_CUES = re.compile(
    r"\ba (?:weekly )?(?:pilot|report)\b|\btargets?\b|\bbudget\b|\b(?:way )?back\b|\bfallback\b"
    r"|\boverflow\b|\bonce\b|\bafter\b|\buntil\b",
    re.IGNORECASE,
)

Rule = Callable[[int, int], bool]  # (saving cues, control cues) -> tick the paragraph?
RULES: dict[str, Rule] = {
    "tick any paragraph that saves or cuts": lambda saving, control: saving > 0,
    "tick what saves or cuts and adds no control": lambda saving, control: saving > 0 and control == 0,
    "tick where saving words outnumber control words": lambda saving, control: saving > control,
}


def _memo_decision(scenario_id: str):
    template = next(s for s in scenarios_for(LAB) if s.id == scenario_id)
    scenario = realise(template, DEFAULT_SEED).scenario
    decision = next(d for d in scenario.decisions if d.id == MEMO_DECISION)
    document = next(d for d in scenario.documents if d.id == MEMO_DOCUMENT)
    return decision, (scenario_folder(scenario_id) / document.file).read_text(encoding="utf-8")


def _paragraphs(memo: str) -> dict[int, str]:
    """The memo's numbered paragraphs, by number, each joined onto one line."""
    found = re.findall(r"^(\d+)\.\s+(.*?)(?=^\d+\.\s|^\S|\Z)", memo, flags=re.MULTILINE | re.DOTALL)
    return {int(number): " ".join(text.split()) for number, text in found}


def _paragraph_number(label: str) -> int:
    match = re.match(r"Paragraph (\d+):", label)
    assert match, f"label {label!r} does not name its paragraph"
    return int(match.group(1))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_options_name_every_paragraph_of_the_memo_once(scenario_id):
    """Does each memo option name one numbered paragraph of the memo document, every paragraph once?"""
    decision, memo = _memo_decision(scenario_id)
    numbers = [_paragraph_number(o.label) for o in decision.options]
    assert sorted(numbers) == sorted(_paragraphs(memo)), (numbers, sorted(_paragraphs(memo)))


@pytest.mark.parametrize("rule_name", list(RULES))
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_saving_and_control_words_do_not_give_the_memo_key_away(scenario_id, rule_name):
    """Does a learner who ticks paragraphs by their saving and control words alone stay clearly
    below full marks?"""
    decision, memo = _memo_decision(scenario_id)
    paragraphs = _paragraphs(memo)
    rule = RULES[rule_name]
    ticked = []
    for option in decision.options:
        text = f"{option.label} {paragraphs[_paragraph_number(option.label)]}"
        if rule(len(SAVING_CUES.findall(text)), len(CONTROL_CUES.findall(text))):
            ticked.append(option.id)
    fraction = KINDS["multiple"].judge(decision, ticked).fraction
    assert fraction <= CLEARLY_BELOW_FULL, (
        f"'{rule_name}' ticks {sorted(ticked)} and earns {fraction:.0%} of the points"
    )


def _carries_a_safeguard(label: str, paragraph: str) -> bool:
    """Does the option's label, or a sentence of the memo paragraph, offer a safeguard?

    In the memo's text a safeguard word counts only in a sentence that does not itself save or
    cut: a check stopped "once it is live" is still a cut, and a saving counted "once all five
    have moved" is still the saving.
    """
    if SAFEGUARD_CUES.search(label):
        return True
    sentences = re.split(r"(?<=[.!?])\s+", paragraph)
    return any(SAFEGUARD_CUES.search(s) and not SAVING_CUES.search(s) for s in sentences)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_sending_back_every_paragraph_without_a_safeguard_stays_clearly_below_full(scenario_id):
    """Does a learner who ticks every paragraph that offers no pilot, report, target, budget,
    overflow, fallback, way back or wait ("once", "after", "until"), in its label or its text,
    without opening the ratings or the pilot, stay clearly below full marks?"""
    decision, memo = _memo_decision(scenario_id)
    paragraphs = _paragraphs(memo)
    ticked = [
        o.id
        for o in decision.options
        if not _carries_a_safeguard(o.label, paragraphs[_paragraph_number(o.label)])
    ]
    fraction = KINDS["multiple"].judge(decision, ticked).fraction
    assert fraction <= CLEARLY_BELOW_FULL, f"ticking {sorted(ticked)} earns {fraction:.0%} of the points"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_sending_back_every_paragraph_that_argues_from_cost_stays_clearly_below_full(scenario_id):
    """Does a learner who ticks every paragraph whose label or text argues from saving, cutting
    or what the work costs us, without opening the ratings or the pilot, stay clearly below
    full marks?"""
    decision, memo = _memo_decision(scenario_id)
    paragraphs = _paragraphs(memo)
    ticked = [
        o.id
        for o in decision.options
        if COST_CUES.search(f"{o.label} {paragraphs[_paragraph_number(o.label)]}")
    ]
    fraction = KINDS["multiple"].judge(decision, ticked).fraction
    assert fraction <= CLEARLY_BELOW_FULL, f"ticking {sorted(ticked)} earns {fraction:.0%} of the points"
