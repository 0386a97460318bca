"""Does every chart and consequence view of every lab come with words, not only a drawing, and
read the answers file safely?  (Each test runs once per lab and scenario.)"""

from __future__ import annotations

import re

import nbformat
import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.labs import lab_code
from grader.notebook import open_lab
from grader.paths import lab_ids, labs_dir

CASES = [(lab, s.id) for lab in lab_ids() for s in scenarios_for(lab)]


def _words(view: object) -> str:
    html = view._repr_html_() if hasattr(view, "_repr_html_") else ""
    return html if "<svg" not in html else html.split("<svg")[0] + html.rsplit("</svg>", 1)[-1]


@pytest.mark.parametrize(("lab_id", "scenario_id"), CASES)
def test_charts_have_a_text_summary(practice, lab_id, scenario_id):
    """Does each named chart carry a summary sentence beside its drawing?"""
    lab = open_lab(lab_id, practice, scenario=scenario_id)
    for name in lab_code(lab_id).charts:
        chart = lab.chart(name)
        summary = getattr(chart, "summary", "")
        assert len(summary.split()) >= 6, (lab_id, name, summary)
        if hasattr(chart, "_repr_html_"):
            assert summary.split()[0] in _words(chart), (lab_id, name)


@pytest.mark.parametrize(("lab_id", "scenario_id"), CASES)
def test_consequence_views_speak_for_empty_and_full_answers(practice, lab_id, scenario_id):
    """Does every consequence view render, with words, before any choice and after the best one?"""
    lab = open_lab(lab_id, practice, scenario=scenario_id)
    for decision in lab.scenario.decisions:
        before = lab.consequences(decision.id)
        lab.record(decision.id, perfect_answer(decision))
        after = lab.consequences(decision.id)
        for view in (before, after):
            if view is None:
                continue
            text = _words(view) or repr(view)
            assert len(text.split()) >= 6, (lab_id, decision.id, text[:200])


def _decisions_played_out(lab_id: str) -> set[str]:
    """The decisions whose consequences the lab notebook shows (``lab.consequences("<id>")`` cells)."""
    notebook = nbformat.read(labs_dir() / lab_id / f"{lab_id}.ipynb", as_version=4)
    return {m for c in notebook.cells for m in re.findall(r'lab\.consequences\("([^"]+)"\)', c.source)}


@pytest.mark.parametrize(("lab_id", "scenario_id"), CASES)
def test_only_the_decisions_the_notebook_plays_out_have_a_view(practice, lab_id, scenario_id):
    """Has each decision whose consequences the notebook shows a view, and every other decision none?"""
    lab = open_lab(lab_id, practice, scenario=scenario_id)
    played_out = _decisions_played_out(lab_id)
    assert played_out <= {d.id for d in lab.scenario.decisions}, (lab_id, played_out)
    with_view = {d.id for d in lab.scenario.decisions if lab.consequences(d.id) is not None}
    assert with_view == played_out, (lab_id, scenario_id)


# What a hand-edited or damaged answers file may hold instead of a choice.
JUNK = ["no_such_option", ["zz", 3, {"a": 1}], {"no_such_item": "the_moon"}, 42, 3.5, True, "", [], {}]


@pytest.mark.parametrize(("lab_id", "scenario_id"), CASES)
def test_junk_in_the_answers_file_reads_as_no_choice(practice, lab_id, scenario_id):
    """Does a value no panel could record, found in the answers file, render as no choice (or no view),
    never as an error or as a choice?"""
    lab = open_lab(lab_id, practice, scenario=scenario_id)
    for decision in lab.scenario.decisions:
        empty = lab.consequences(decision.id)
        if empty is None:
            continue
        for junk in JUNK:
            lab.answers.choices.setdefault(lab.choice_key, {})[decision.id] = junk
            view = lab.consequences(decision.id)
            assert view is None or view._repr_html_() == empty._repr_html_(), (lab_id, decision.id, junk)
        lab.answers.choices[lab.choice_key].pop(decision.id)


def _valid_and_mixed(decision, case: str) -> tuple[object, object] | None:
    """A valid part of the key, and that part with ``case`` junk around it (None: nothing to mix)."""
    key = perfect_answer(decision)
    if decision.kind == "assign":
        items = [item.id for item in decision.items]
        valid = {items[0]: key[items[0]]}
        others = items[1:3]
        if case == "unknown ids":
            return valid, {**valid, "no_such_item": key[items[0]], **dict.fromkeys(others, "the_moon")}
        wrong = ([key[items[0]]], 7)  # a list, a number: what no panel records for a category
        return valid, {**valid, **dict(zip(others, wrong, strict=False))}
    if decision.kind in ("multiple", "order"):
        first = key[0] if key else decision.options[0].id
        if case == "unknown ids":
            return [first], ["the_moon", first, "zz", first]  # a repeat too
        return [first], [3, first, {"a": 1}, None, ["x"]]
    return None  # a single choice or a number has no parts


MIXED = ("unknown ids", "wrong types")
MIXED_CASES = [(lab_id, scenario_id, case) for lab_id, scenario_id in CASES for case in MIXED]


@pytest.mark.parametrize(("lab_id", "scenario_id", "case"), MIXED_CASES)
def test_junk_mixed_into_a_choice_is_left_out(practice, lab_id, scenario_id, case):
    """Does a choice with unknown ids, repeats or values of the wrong type around its valid part,
    found in the answers file, render exactly as its valid part alone?"""
    lab = open_lab(lab_id, practice, scenario=scenario_id)
    for decision in lab.scenario.decisions:
        pair = _valid_and_mixed(decision, case)
        if lab.consequences(decision.id) is None or pair is None:
            continue
        choices = lab.answers.choices.setdefault(lab.choice_key, {})
        choices[decision.id] = pair[0]
        alone = lab.consequences(decision.id)._repr_html_()
        choices[decision.id] = pair[1]
        assert lab.consequences(decision.id)._repr_html_() == alone, (lab_id, decision.id, pair[1])
