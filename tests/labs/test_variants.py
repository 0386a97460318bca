"""Do generated scenarios give each learner their own variant, kept apart and graded by its own key?"""

from __future__ import annotations

import json

import pytest

from grader.answers import answers_path
from grader.authoring import check_scenario as check_with_generator
from grader.catalog import choice_key, variant_seed
from grader.engine import score
from grader.engine.keys import perfect_answer
from grader.labs import GeneratorError, lab_code, realise, realise_many, variants_kept
from grader.notebook import LabInputError, open_lab
from grader.schema import check_paths, load_scenario
from tests.conftest import FIXTURES

LAB = "98_fixture"
TEMPLATE = FIXTURES / "scenarios" / "generated-fixture"


@pytest.fixture
def parity_generator(fixture_lab_code):
    """The fixture lab 98_fixture, whose code is the parity generator."""
    return lab_code(LAB)


@pytest.fixture
def generated_lab_env(tmp_path, monkeypatch, parity_generator):
    """A folder for a lab whose only scenario is generated, with no learner id set."""
    monkeypatch.setenv("DECISIONLAB_SCENARIOS", str(FIXTURES / "scenarios"))
    for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def _saved(folder):
    return json.loads(answers_path(folder, LAB).read_text())


def test_keys_differ_between_variants(parity_generator):
    """Do different seeds give different keys, and does each key score its own variant perfectly?"""
    template = load_scenario(TEMPLATE)
    totals = set()
    for seed in range(1, 40):
        variant = realise(template, seed)
        totals.add(variant.scenario.decision("total").answer)
        perfect = {d.id: perfect_answer(d) for d in variant.scenario.decisions}
        assert score(variant.scenario, perfect).points == template.max_points
    assert len(totals) > 20


def test_same_seed_same_variant(parity_generator):
    """Is a variant rebuilt identically from its seed (what grading relies on)?"""
    template = load_scenario(TEMPLATE)
    first, again = realise(template, 1234), realise(load_scenario(TEMPLATE), 1234)
    assert first.scenario.decision("total").answer == again.scenario.decision("total").answer
    assert first.tables["numbers"].equals(again.tables["numbers"])


def test_a_batch_keeps_every_variant_it_realised(parity_generator):
    """Inside variants_kept, is a variant asked for again after more than the cache holds reused?"""
    template = load_scenario(TEMPLATE)
    more_than_the_cache_holds = range(2, 2 + 64 + 1)
    with variants_kept():
        first = realise(template, 1)
        for seed in more_than_the_cache_holds:
            realise(template, seed)
        assert realise(template, 1) is first
    # Outside a batch the cache is bounded again: the same run of seeds pushes the first out.
    for seed in more_than_the_cache_holds:
        realise(template, seed)
    assert realise(template, 1) is not first


def test_variants_built_in_other_processes_are_the_ones_built_here(parity_generator, monkeypatch):
    """Are variants realised over several processes found afterwards, equal to ones built in this process?"""
    import grader.labs

    template = load_scenario(TEMPLATE)
    seeds = range(500, 500 + 64)
    with variants_kept():
        realise_many([(template, seed) for seed in seeds], processes=2)
        with monkeypatch.context() as patched:
            patched.setattr(grader.labs, "_build", lambda *_: pytest.fail("a variant was built again"))
            kept = [realise(template, seed) for seed in seeds]
    for seed, variant in zip(seeds, kept, strict=True):
        here = realise(load_scenario(TEMPLATE), seed)
        assert variant.scenario == here.scenario
        assert all(variant.tables[t].equals(here.tables[t]) for t in here.tables)


def test_generator_that_changes_decisions_is_refused(monkeypatch, parity_generator):
    """Is a generator that drops a decision stopped with a message naming it?"""
    import tests.fixtures.parity_generator as module

    template = load_scenario(TEMPLATE)
    monkeypatch.setitem(parity_generator.generators, "parity", module.realise_badly)
    with pytest.raises(GeneratorError, match="changed the decisions"):
        realise(template, 77)
    _, problems = check_with_generator(TEMPLATE)
    assert any("changed the decisions" in str(p) and "scenario.yaml:8:" in str(p) for p in problems)


def test_validate_names_an_unknown_generator(breakable_scenario):
    """Does validating a scenario report an unknown generator at its line?"""
    path = breakable_scenario / "scenario.yaml"
    path.write_text(path.read_text().replace("tables:", "generator: no_such_thing\ntables:", 1))
    _, problems = check_with_generator(breakable_scenario)
    (problem,) = [str(p) for p in problems]
    assert "generator" in problem and "no_such_thing" in problem and "scenario.yaml:" in problem


def test_table_without_file_needs_a_generator(breakable_scenario):
    """Is a table without a CSV file an error in a scenario that has no generator?"""
    path = breakable_scenario / "scenario.yaml"
    path.write_text(path.read_text().replace("    file: queues.csv\n", "", 1))
    _, problems = check_paths([breakable_scenario])
    assert any("tables.0.file" in str(p) and "generator" in str(p) for p in problems)


def test_learner_gets_own_variant_and_table(generated_lab_env, monkeypatch):
    """Does a learner id pick the learner's own variant, with the generator's table?"""
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    lab = open_lab(LAB, generated_lab_env)
    assert lab.seed == variant_seed(LAB, "ada") == lab.own_variant
    expected = realise(lab.template, lab.seed)
    assert lab.table("numbers").equals(expected.tables["numbers"])
    assert lab.scenario.decision("total").answer == sum(lab.table("numbers").value)


def test_choices_are_kept_per_variant(generated_lab_env):
    """Does a fresh practice variant keep the earlier variant's choices in the file?"""
    lab = open_lab(LAB, generated_lab_env)
    first = lab.seed
    lab.record("parity", "even")
    lab.new_variant(555)
    assert lab.choice("parity") is None
    lab.record("parity", "odd")
    saved = _saved(generated_lab_env)
    assert saved["choices"][choice_key(lab.template, first)] == {"parity": "even"}
    assert saved["choices"][choice_key(lab.template, 555)] == {"parity": "odd"}
    assert saved["variant_seed"] == 555
    reopened = open_lab(LAB, generated_lab_env)
    assert reopened.seed == 555 and reopened.choice("parity") == "odd"


def test_assessment_fixes_the_variant(generated_lab_env, monkeypatch):
    """In assessment mode, is the variant the learner's own, whatever the file says, and fixed?"""
    monkeypatch.setenv("JUPYTERHUB_USER", "grace")
    practice = open_lab(LAB, generated_lab_env)
    practice.new_variant(999)
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    lab = open_lab(LAB, generated_lab_env)
    assert lab.seed == variant_seed(LAB, "grace")
    with pytest.raises(LabInputError, match="fixed in assessment"):
        lab.new_variant()


def test_new_variant_on_a_fixed_scenario_is_a_clear_error(tmp_path, monkeypatch):
    """Does asking for a variant of a scenario without a generator say so plainly?"""
    monkeypatch.delenv("DECISIONLAB_MODE", raising=False)
    lab = open_lab("01_sourcing_models", tmp_path)
    with pytest.raises(LabInputError, match="no variants"):
        lab.new_variant()


def test_a_variant_is_validated_like_a_scenario_file(monkeypatch, parity_generator):
    """Is a generated variant whose single choice has no full-credit option refused before grading?"""
    import tests.fixtures.parity_generator as module

    template = load_scenario(TEMPLATE)
    monkeypatch.setitem(parity_generator.generators, "parity", module.realise_without_a_key)
    with pytest.raises(GeneratorError, match="invalid variant.*decisions.0.single: options: .*credit: 1"):
        realise(template, 4242)
