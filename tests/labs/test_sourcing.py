"""Does lab 01's consequence view play the learner's queue map out over a quarter?"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from tests.labs import full_view

LAB = "01_sourcing_models"


@pytest.fixture
def practice_lab(practice):
    return open_lab(LAB, practice, scenario="sourcing-healthbenefits")


def _resolved(view) -> tuple[int, int]:
    mine, home = re.search(r"resolves ([\d,]+) issues against ([\d,]+)", view.chart.summary).groups()
    return int(mine.replace(",", "")), int(home.replace(",", ""))


def test_empty_map_is_the_in_house_baseline(practice_lab):
    """With nothing placed, does the view show the same quarter for the map and for all in-house?"""
    view = practice_lab.consequences("queue_mapping")
    mine, home = _resolved(view)
    assert mine == home
    assert "0 of" in view.chart.summary and "a saving of $0" in view.chart.summary


def test_poor_fit_resolves_less_than_the_key(practice_lab):
    """Does an all-offshore map resolve fewer issues than the key's map, and say where it fits badly?"""
    queues = practice_lab.table("queues")["id"]
    practice_lab.record("queue_mapping", {q: "offshore" for q in queues})
    offshore = full_view(practice_lab, "queue_mapping")
    practice_lab.record("queue_mapping", perfect_answer(practice_lab.decision("queue_mapping")))
    keyed = full_view(practice_lab, "queue_mapping")
    assert _resolved(offshore)[0] < _resolved(keyed)[0]
    assert "Moved further than they fit" in offshore.note and not keyed.note
    assert "Kept closer" not in offshore.note
    html = offshore._repr_html_()
    assert "<svg" in html and "First-contact resolution" in html and "Chart summary" in html


def test_fit_note_tells_too_far_from_too_close(practice_lab):
    """Is a queue kept in-house that fits offshore called dearer than needed, not a poor fit?"""
    decision = practice_lab.decision("queue_mapping")
    key = perfect_answer(decision)
    labels = {item.id: item.label for item in decision.items}
    cheap = [q for q, loc in key.items() if loc == "offshore"]
    home_fits = [q for q, loc in key.items() if loc == "inhouse"]
    assert cheap and home_fits
    practice_lab.record("queue_mapping", {**key, cheap[0]: "inhouse", home_fits[0]: "offshore"})
    note = full_view(practice_lab, "queue_mapping").note
    far, close = note.split("Kept closer")
    assert labels[home_fits[0]] in far and labels[cheap[0]] not in far
    assert labels[cheap[0]] in close and labels[home_fits[0]] not in close
    assert "costly mistakes" in far and "compliance exposure" in far


def test_breaking_a_contract_is_priced_and_named(practice_lab):
    """Does a queue placed where its contract forbids add exposure to the table and get named?"""
    key = perfect_answer(practice_lab.decision("queue_mapping"))
    practice_lab.record("queue_mapping", key)
    keyed = practice_lab.consequences("queue_mapping")
    assert "forbids" not in keyed.chart.summary
    assert _row(keyed, "Compliance exposure (expected cost)") == ("$0", "$0")
    practice_lab.record("queue_mapping", {**key, "claims_status": "offshore"})
    breach = practice_lab.consequences("queue_mapping")
    mine, home = _row(breach, "Compliance exposure (expected cost)")
    assert home == "$0" and mine != "$0"
    sentence = breach.chart.summary.split("Placed where their contract or law forbids: ")[1]
    assert sentence.startswith("Claim status and benefit statements (PHI:")
    assert f"Expected cost if found and enforced: {mine} this quarter." in sentence


def test_cost_rows_add_up_to_the_total(practice_lab):
    """Do agent time, mistakes, escalations and exposure add up to the quarter's total cost?"""
    practice_lab.record("queue_mapping", {q: "offshore" for q in practice_lab.table("queues")["id"]})
    view = practice_lab.consequences("queue_mapping")
    parts = [
        "Agent time (paid hours at each location's rate)",
        "Mistakes: refunds, credits, redeliveries, reprocessing",
        "Cases handed back to your in-house team",
        "Compliance exposure (expected cost)",
    ]
    mine = [_dollars(_row(view, name)[0]) for name in parts]
    assert all(value > 0 for value in mine)
    assert sum(mine) == pytest.approx(_dollars(_row(view, "Total cost of the quarter")[0]), abs=len(parts))


def _row(view, name: str) -> tuple[str, str]:
    return next((mine, home) for label, mine, home in view.table.rows if label == name)


def _dollars(text: str) -> int:
    return int(text.replace("$", "").replace(",", ""))


def test_unplaced_queues_are_not_named_in_the_fit_note(practice_lab):
    """Are queues the learner has not placed yet left out of the fit note?"""
    practice_lab.record("queue_mapping", {})
    assert practice_lab.consequences("queue_mapping").note == ""


def test_assessment_mode_hides_the_fit_note(practice_lab, monkeypatch, tmp_path):
    """In assessment mode, does the view show the quarter without naming the poorly placed queues?"""
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    lab = open_lab(LAB, practice_lab.folder)
    lab.record("queue_mapping", {q: "offshore" for q in lab.table("queues")["id"]})
    view = lab.consequences("queue_mapping")
    assert view.note == "" and "13-week quarter" in view.chart.summary
    # the rules are in the learner's own queues table: the breach is named in assessment too
    assert "Placed where their contract or law forbids" in view.chart.summary


def test_unknown_locations_in_a_hand_edited_file_are_left_in_house(practice_lab):
    """Does a map naming a location or queue that does not exist still draw, leaving those out?"""
    practice_lab.answers.choices.setdefault(practice_lab.choice_key, {})["queue_mapping"] = {
        "no_such_queue": "offshore",
        practice_lab.table("queues")["id"][0]: "the_moon",
    }
    view = practice_lab.consequences("queue_mapping")
    assert "0 of" in view.chart.summary


def test_a_dearer_provider_is_not_called_closer(practice_lab):
    """Is a queue keyed in-house but sent to the US provider named as dearer, not as kept closer?"""
    decision = practice_lab.decision("queue_mapping")
    key = perfect_answer(decision)
    labels = {item.id: item.label for item in decision.items}
    cheap = next(q for q, loc in key.items() if loc == "offshore")
    practice_lab.record("queue_mapping", {**key, "cobra": "onshore", cheap: "inhouse"})
    note = full_view(practice_lab, "queue_mapping").note
    closer, dearer = note.split("Sent to a provider that costs more than their best fit: ")
    assert labels[cheap] in closer.split("Kept closer")[1] and labels["cobra"] not in closer
    assert dearer.startswith(labels["cobra"]) and "Moved further" not in note


def _number(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    assert found, pattern
    return float(found.group(1).replace(",", ""))


def test_homegoods_returns_feedback_splits_the_net_saving(practice):
    """Does the homegoods returns feedback give the gross saving of moving returns to Mexico, the
    refund errors it adds (a quarter and per resolved contact) and the net, as the simulated
    quarter of the keyed map computes them, and say the CFO's limit is on the quarter's average?"""
    lab = open_lab(LAB, practice, scenario="sourcing-homegoods")
    mapping = perfect_answer(lab.decision("queue_mapping"))
    quarters = {}
    for place in ("nearshore", "inhouse"):
        lab.record("queue_mapping", {**mapping, "returns": place})
        quarters[place] = lab.consequences("queue_mapping").data
    mexico, columbus = (quarters[p].summary for p in ("nearshore", "inhouse"))
    weekly = quarters["nearshore"].weekly
    errors = weekly.loc[weekly.queue == "returns", "error_cost"].sum()
    net = columbus.cost_per_resolved_contact - mexico.cost_per_resolved_contact
    per_contact = errors / mexico.resolved
    item = next(i for i in lab.decision("queue_mapping").items if i.id == "returns")
    text = " ".join(item.feedback.split())
    assert _number(r"about ([\d.]+) with returns in Mexico", text) == pytest.approx(
        mexico.cost_per_resolved_contact, abs=0.005
    )
    assert _number(r"That ([\d.]+) USD is a net figure", text) == pytest.approx(net, abs=0.005)
    assert _number(r"save about ([\d.]+) USD per resolved contact", text) == pytest.approx(
        net + per_contact, abs=0.005
    )
    assert _number(r"quarter, about ([\d.]+) USD per resolved contact", text) == pytest.approx(
        per_contact, abs=0.005
    )
    assert _number(r"some ([\d,]+) USD of refund errors", text) == pytest.approx(errors, abs=500)
    assert "averaged over the quarter" in text
    assert "on average over the quarter" in lab.scenario.brief


def test_the_panel_sends_the_quarter_chart_for_jupyterlab_to_draw(practice_lab, monkeypatch):
    """After a menu changes, is the new quarter's chart sent as a Vega spec, with its words beside it?"""
    from html import escape

    import vl_convert
    from IPython.core.interactiveshell import InteractiveShell

    from grader.display.charts import DATA_NAME
    from grader.display.live import VEGA_MIME

    InteractiveShell.instance()  # a kernel's shell: the panel sets its outputs directly
    panel = practice_lab.decide("queue_mapping")

    def refuse(*_args, **_kwargs):
        raise AssertionError("a click rendered an SVG in the kernel")

    monkeypatch.setattr(vl_convert, "vega_to_svg", refuse)
    menu = panel.children[1].children[0]
    menu.value = "offshore" if menu.value != "offshore" else "nearshore"
    outputs = panel.consequence_area.outputs
    html = "".join(output["data"].get("text/html", "") for output in outputs)
    (drawing,) = [output for output in outputs if VEGA_MIME in output["data"]]
    rows = next(e["values"] for e in drawing["data"][VEGA_MIME]["data"] if e.get("name") == DATA_NAME)
    view = practice_lab.consequences("queue_mapping")
    expected = view.chart.data
    assert [(row["plan"], row["week"]) for row in rows] == list(
        zip(expected["plan"], expected["week"], strict=True)
    )
    assert [row["cost_per_resolved"] for row in rows] == pytest.approx(list(expected["cost_per_resolved"]))
    assert "Your queue map over one quarter" in html
    assert f"Chart summary:</strong> {escape(view.chart.summary)}" in html
    assert "<svg" not in html


@pytest.mark.parametrize("where", ["key", "offshore", "nearshore", "nothing"])
def test_the_weekly_chart_rows_are_each_weeks_totals(practice_lab, where):
    """Are the chart's rows each week's cost, resolved contacts and their ratio, for both plans?"""
    decision = practice_lab.decision("queue_mapping")
    queues = practice_lab.table("queues")["id"]
    maps = {"key": perfect_answer(decision), "nothing": {}}
    practice_lab.record("queue_mapping", maps.get(where, dict.fromkeys(queues, where)))
    view = practice_lab.consequences("queue_mapping")
    result, rows = view.data, view.chart.data
    expected = pd.concat(
        [
            frame.groupby("week", as_index=False)[["cost", "resolved"]].sum().assign(plan=plan)
            for plan, frame in (("Your map", result.weekly), ("All in-house", result.baseline_weekly))
        ],
        ignore_index=True,
    )
    assert list(rows.columns) == ["week", "cost", "resolved", "plan", "cost_per_resolved"]
    assert rows[["week", "plan"]].equals(expected[["week", "plan"]])
    pd.testing.assert_frame_equal(rows[["cost", "resolved"]], expected[["cost", "resolved"]], rtol=1e-12)
    assert rows["cost_per_resolved"].tolist() == (expected["cost"] / expected["resolved"]).round(2).tolist()
