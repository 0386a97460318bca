"""Does lab 02's debrief set the learner's choices beside the expert path, in the lab's own numbers?"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from tests.labs import lab_parts

offshore = lab_parts("02_offshore_tradeoffs")

LAB = "02_offshore_tradeoffs"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
TOTAL = "Delivery plan: cost of resolving every issue, plus margin at risk"
GAP = "A year against the expert plan, churn and margin at low, stated, high values"


@pytest.fixture(params=SCENARIOS)
def lab(request, practice):
    return open_lab(LAB, practice, scenario=request.param)


def _figures(lab) -> dict[str, tuple[str, str]]:
    return {f.measure: (f.yours, f.expert) for f in offshore.debrief_figures(lab)}


def _dollars(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\$([\d,]+)", text)]


def _answer_all(lab) -> None:
    for decision in lab.scenario.decisions:
        lab.record(decision.id, perfect_answer(decision))


def test_an_empty_lab_says_what_is_missing(lab):
    """With nothing chosen, does every learner figure say what is missing, and no expert figure?"""
    figures = _figures(lab)
    assert figures[TOTAL][0] == "plan not complete: 0 of 5 programs placed"
    assert figures["Memo paragraphs ticked"][0] == "not answered yet"
    assert all("not" not in expert for _, expert in figures.values())


def test_the_plan_total_is_the_consequence_views_total(lab):
    """Is the learner's monthly total, churn at margin included, the one the consequence view prices?"""
    _answer_all(lab)
    lab.record("delivery_model", dict.fromkeys(lab.table("programs")["id"], "offshore"))
    view_total = lab.consequences("delivery_model").data["monthly_total"].sum()
    assert _dollars(_figures(lab)[TOTAL][0]) == [round(view_total)]


def test_a_scenario_with_other_numbers_is_priced_anew(lab, monkeypatch):
    """After one plan is priced, does a scenario with other rates get its own total, not the first one's?"""
    _answer_all(lab)
    lab.record("delivery_model", dict.fromkeys(lab.table("programs")["id"], "offshore"))
    before = _figures(lab)[TOTAL][0]
    as_written = lab.table

    def rates_doubled(table_id):
        table = as_written(table_id)
        if table_id == "locations":
            table["rate_per_paid_hour"] = table["rate_per_paid_hour"] * 2
        return table

    monkeypatch.setattr(lab, "table", rates_doubled)
    view_total = lab.consequences("delivery_model").data["monthly_total"].sum()
    after = _figures(lab)[TOTAL][0]
    assert after != before
    assert _dollars(after) == [round(view_total)]


def test_all_offshore_costs_more_a_year_than_the_expert_plan_at_every_end(lab):
    """Is the yearly gap of an all-offshore plan twelve months of the priced difference, at each end?"""
    _answer_all(lab)
    programs = lab.table("programs")["id"].tolist()
    lab.record("delivery_model", dict.fromkeys(programs, "offshore"))
    tables = {t: lab.table(t) for t in offshore.TABLES}
    expert = perfect_answer(lab.decision("delivery_model"))
    expected = []
    for end in offshore.ENDS:
        priced = offshore.priced_at(tables, end, end)
        everywhere = offshore.plan_rows(priced, dict.fromkeys(programs, "offshore"))["monthly_total"].sum()
        keyed = offshore.plan_rows(priced, expert)["monthly_total"].sum()
        expected.append(round(12 * (everywhere - keyed)))
    yours, best = _figures(lab)[GAP]
    assert _dollars(yours) == pytest.approx(expected, abs=1)
    assert all(gap > 0 for gap in expected)
    assert _dollars(best) == [0, 0, 0]


def test_a_half_placed_plan_is_not_priced(lab):
    """Is a plan with programs left out reported as incomplete rather than priced as kept close?"""
    first = lab.table("programs")["id"].iloc[0]
    lab.record("delivery_model", {first: "offshore"})
    yours, expert = _figures(lab)[TOTAL]
    assert yours == "plan not complete: 1 of 5 programs placed"
    assert expert.startswith("$")


def test_the_other_decisions_are_counted_against_the_experts(lab):
    """Are overturned programs and memo paragraphs counted as ticked, confirmed programs and sound
    paragraphs ticked by mistake included?"""
    _answer_all(lab)
    question = lab.decision("deciding_question")
    overturned = [o.id for o in question.options if o.correct]
    borne_out = [o.id for o in question.options if not o.correct]
    lab.record("deciding_question", overturned[:1] + borne_out[:2])
    memo = lab.decision("memo_mistakes")
    sound = [o.id for o in memo.options if not o.correct]
    lab.record("memo_mistakes", [o.id for o in memo.options if o.correct][:2] + sound[:1])
    figures = _figures(lab)
    assert figures["Programs where the pilot overturned the ratings' prediction"] == (
        "1 of 2 overturned programs ticked; 2 where the pilot bore the ratings out",
        "2 of 2 overturned programs ticked; none where the pilot bore the ratings out",
    )
    yours, expert = figures["Memo paragraphs ticked"]
    send_back = sum(o.correct for o in memo.options)
    assert yours == f"2 of {send_back} paragraphs to send back ticked; 1 sound paragraph ticked"
    assert expert == f"{send_back} of {send_back} paragraphs to send back ticked; no sound paragraph ticked"


def test_an_answer_saved_for_the_old_deciding_question_says_it_is_not_answered(lab, practice):
    """Does a program-by-program answer saved when the deciding question was an assign decision
    read as not answered yet in the debrief, rather than break it?"""
    lab.record("memo_mistakes", [])
    path = next(Path(practice).glob("*.answers.json"))
    saved = json.loads(path.read_text(encoding="utf-8"))
    saved["choices"][lab.scenario.id]["deciding_question"] = dict.fromkeys(
        lab.table("programs")["id"], "routine"
    )
    path.write_text(json.dumps(saved), encoding="utf-8")
    reopened = open_lab(LAB, practice, scenario=lab.scenario.id)
    figures = _figures(reopened)
    assert figures["Programs where the pilot overturned the ratings' prediction"][0] == "not answered yet"


def test_the_expert_path_quotes_the_expert_plans_total(lab):
    """Does the scenario's expert path give the expert plan's monthly total as the lab prices it?"""
    _answer_all(lab)
    total = _dollars(_figures(lab)[TOTAL][1])[0]
    quoted = {f"about {total / 1e6:.2f} million USD a month", f"about {round(total, -3):,} USD a month"}
    text = " ".join(lab.scenario.debrief.expert_path.split())
    assert any(q in text for q in quoted), quoted


def test_the_expert_path_is_a_synthesis_of_the_right_length(lab):
    """Is each expert path 120-250 words, and does its reflection name no category of any decision
    and no program the pilot overturned?"""
    debrief = lab.scenario.debrief
    assert 120 <= len(debrief.expert_path.split()) <= 250
    labels = [c.label for d in lab.scenario.decisions if d.kind == "assign" for c in d.categories]
    labels += [o.label for o in lab.decision("deciding_question").options if o.correct]
    assert not [label for label in labels if label.lower() in debrief.reflection.lower()]
