"""Is the learner's copy of every course scenario valid, and does it hold no key or feedback?"""

from __future__ import annotations

import shutil

import pytest

from grader.catalog import DEFAULT_SEED, scenario_folder, scenarios_for
from grader.kinds.base import WITHHELD
from grader.labs import realise
from grader.paths import lab_ids
from grader.schema import load_scenario
from grader.schema.withhold import withheld_yaml

SCENARIOS = [template for lab in lab_ids() for template in scenarios_for(lab)]


def _texts(scenario) -> list[str]:
    """Every feedback text, hint, principle and expert path of a scenario: what a key would leak
    through (a principle often says what the key is)."""
    texts = []
    for decision in scenario.decisions:
        texts += [getattr(decision, "feedback", ""), decision.principle]
        texts += [o.feedback for o in getattr(decision, "options", [])]
        for item in getattr(decision, "items", []):
            texts += [item.feedback, item.hint, *(e.feedback for e in item.elsewhere)]
    if scenario.debrief is not None:
        texts += [scenario.debrief.expert_path]
    return [t for t in texts if len(t) > 20 and t != WITHHELD]


@pytest.mark.parametrize("template", SCENARIOS, ids=[t.id for t in SCENARIOS])
def test_the_learners_copy_loads_and_says_nothing_of_the_key(template, tmp_path) -> None:
    """Does the withheld copy load as a scenario, with every option equally credited and none of
    the original feedback, hints, principles, expert path or order caps in its file?"""
    folder = tmp_path / template.id
    shutil.copytree(scenario_folder(template.id), folder)
    text = withheld_yaml(realise(template, DEFAULT_SEED).scenario)
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    copy = load_scenario(folder)
    assert copy.withheld and copy.debrief is None
    # Compared as loaded text: the file folds long lines, so a search of its raw text misses them.
    kept = {" ".join(t.split()) for t in _texts(copy)}
    original = _texts(realise(template, DEFAULT_SEED).scenario)
    leaked = [t[:60] for t in original if t in text or " ".join(t.split()) in kept]
    assert not leaked, leaked
    # An order's caps say which option must come before which.
    assert "at_most" not in text
    for decision in copy.decisions:
        if decision.kind == "single":
            assert {o.credit for o in decision.options} == {1.0}
        elif decision.kind == "multiple":
            assert all(o.correct for o in decision.options)
        elif decision.kind == "assign":
            assert all(len(i.key) == len(decision.categories) for i in decision.items)
        elif decision.kind == "order":
            assert decision.key == [o.id for o in decision.options] and not decision.either_order
            assert not decision.caps
        elif decision.kind == "numeric":
            assert decision.answer == 0


def test_a_generated_variant_of_a_withheld_template_stays_withheld() -> None:
    """Does a generator's variant of a withheld template come back with its key withheld?"""
    from grader.schema.withhold import withhold

    template = next(t for t in SCENARIOS if t.generator)
    variant = realise(withhold(template), 7).scenario
    assert variant.withheld
    assert all({o.credit for o in d.options} == {1.0} for d in variant.decisions if d.kind == "single")


def _withheld_decisions(kind: str):
    """(the full decision, its withheld copy) for every decision of ``kind`` in the course."""
    from grader.schema.withhold import withhold

    for template in SCENARIOS:
        scenario = realise(template, DEFAULT_SEED).scenario
        copy = withhold(scenario)
        for decision in scenario.decisions:
            if decision.kind == kind:
                yield decision, copy.decision(decision.id)


def test_the_learners_copy_lists_options_in_another_order_than_the_file() -> None:
    """Does the withheld copy drop the file's order (where authors tend to put the key first),
    the same way on every release?"""
    from grader.schema.withhold import withhold

    moved = []
    for template in SCENARIOS:
        scenario = realise(template, DEFAULT_SEED).scenario
        assert withheld_yaml(scenario) == withheld_yaml(scenario)  # the release is reproducible
        copy = withhold(scenario)
        for decision in scenario.decisions:
            if hasattr(decision, "options"):
                listed = [o.id for o in decision.options]
                moved.append([o.id for o in copy.decision(decision.id).options] != listed)
    assert moved and sum(moved) >= len(moved) / 2, f"{sum(moved)} of {len(moved)} reordered"


def test_the_learners_copy_does_not_put_the_key_first() -> None:
    """In the withheld copies, is the key first in at most half the single choices, and the
    correct options of a multiple select never all on top?"""
    firsts = []
    for decision, copy in _withheld_decisions("single"):
        keys = {o.id for o in decision.options if o.credit == 1.0}
        firsts.append(copy.options[0].id in keys)
    assert firsts and sum(firsts) <= len(firsts) / 2, f"key first in {sum(firsts)} of {len(firsts)}"
    on_top = []
    for decision, copy in _withheld_decisions("multiple"):
        correct = {o.id for o in decision.options if o.correct}
        on_top.append({o.id for o in copy.options[: len(correct)]} == correct)
    assert len(on_top) >= 10 and not any(on_top), f"{sum(on_top)} of {len(on_top)}"


def test_the_learners_copy_of_an_ordering_is_not_the_key() -> None:
    """Does an ordering's withheld copy list its options in an order far from the key (its
    listed order is what taking the drop-downs top to bottom gives)?"""
    for decision, copy in _withheld_decisions("order"):
        right, pairs = decision.pairs_right([o.id for o in copy.options])
        assert right / pairs <= 0.8, (decision.id, right, pairs)
        assert copy.key == [o.id for o in copy.options]


def test_the_learners_copy_of_an_ordering_does_not_open_with_a_keyed_first_step() -> None:
    """Does no ordering's withheld copy, the same listing for a whole cohort, put first an option
    the key may put first (lab 05's pilots, in both scenarios, among them)?"""
    opening = [
        (decision.id, copy.options[0].id)
        for decision, copy in _withheld_decisions("order")
        if 1 in decision.places(copy.options[0].id)
    ]
    assert not opening, opening


def test_the_withheld_order_is_drawn_per_scenario_not_copied_from_the_file() -> None:
    """Over 40 scenario ids, does the same ordering's withheld copy put the key first rarely and
    earn about half its pairs when taken top to bottom?"""
    from grader.schema.withhold import withhold

    template = realise(next(t for t in SCENARIOS if any(d.kind == "order" for d in t.decisions)), 1).scenario
    decision = next(d for d in template.decisions if d.kind == "order")
    shares, key_first = [], 0
    for n in range(40):
        copy = withhold(template.model_copy(update={"id": f"copy-{n}"})).decision(decision.id)
        listed = [o.id for o in copy.options]
        right, pairs = decision.pairs_right(listed)
        shares.append(right / pairs)
        key_first += listed[0] == decision.key[0]
    assert sum(shares) / len(shares) <= 0.65, shares
    assert key_first <= 20, key_first
