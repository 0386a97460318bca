"""Does every chart and consequence view of every lab come with words, not only a drawing?"""

from __future__ import annotations

import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.labs import lab_code
from grader.notebook import open_lab
from grader.paths import lab_ids

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
