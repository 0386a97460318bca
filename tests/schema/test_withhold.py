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
    the original feedback, hints, principles or expert path in its file?"""
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
    for decision in copy.decisions:
        if decision.kind == "single":
            assert {o.credit for o in decision.options} == {1.0}
        elif decision.kind == "multiple":
            assert all(o.correct for o in decision.options)
        elif decision.kind == "assign":
            assert all(len(i.key) == len(decision.categories) for i in decision.items)
        elif decision.kind == "order":
            assert decision.key == [o.id for o in decision.options] and not decision.either_order
        elif decision.kind == "numeric":
            assert decision.answer == 0


def test_a_generated_variant_of_a_withheld_template_stays_withheld() -> None:
    """Does a generator's variant of a withheld template come back with its key withheld?"""
    from grader.schema.withhold import withhold

    template = next(t for t in SCENARIOS if t.generator)
    variant = realise(withhold(template), 7).scenario
    assert variant.withheld
    assert all({o.credit for o in d.options} == {1.0} for d in variant.decisions if d.kind == "single")
