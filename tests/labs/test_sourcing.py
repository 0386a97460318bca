"""Does lab 01's consequence view play the learner's queue map out over a quarter?"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from tests.labs import full_view, lab_parts

LAB = "01_sourcing_models"
VIEW = lab_parts(LAB)


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


def test_assessment_mode_hides_the_quarter(practice_lab, monkeypatch, tmp_path):
    """In assessment mode, does the view leave out the quarter and the poorly placed queues?"""
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    lab = open_lab(LAB, practice_lab.folder)
    lab.record("queue_mapping", {q: "offshore" for q in lab.table("queues")["id"]})
    view = lab.consequences("queue_mapping")
    assert view.chart is None and "13-week quarter" not in view.summary
    assert "Moved further" not in view.note
    # the rules are in the learner's own queues table: the breach is named in assessment too
    assert "Placed where their contract or law forbids" in view.summary


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
    # A figure may end a sentence: its full stop is not a decimal point.
    return float(found.group(1).replace(",", "").rstrip("."))


def _returns_quarters(lab) -> dict[str, object]:
    """The view's quarter of the keyed map with returns in Mexico and with returns in Columbus."""
    mapping = perfect_answer(lab.decision("queue_mapping"))
    quarters = {}
    for place in ("nearshore", "inhouse"):
        lab.record("queue_mapping", {**mapping, "returns": place})
        quarters[place] = lab.consequences("queue_mapping").data
    return quarters


def returns_split(lab) -> dict[str, float]:
    """The gap between the two returns placements, split as the view's rows give it.

    Per resolved contact of the Mexico map: what its hours save after hand-backs (agent time
    less the extra hand-backs) and what its refund errors add; then what resolving fewer
    issues adds, which spreads the Columbus map's cost over more resolved contacts. The three
    add up to the net gap exactly.
    """
    quarters = _returns_quarters(lab)
    mexico, columbus = (quarters[p].summary for p in ("nearshore", "inhouse"))
    resolved = mexico.resolved
    handed_back = mexico.escalation_cost - columbus.escalation_cost
    hours = (columbus.labour_cost - mexico.labour_cost - handed_back) / resolved
    errors = mexico.error_cost - columbus.error_cost
    fewer = columbus.resolved - mexico.resolved
    resolution = columbus.cost * fewer / (resolved * columbus.resolved)
    net = columbus.cost_per_resolved_contact - mexico.cost_per_resolved_contact
    assert hours - errors / resolved - resolution == pytest.approx(net)
    return {
        "mexico": mexico.cost_per_resolved_contact,
        "columbus": columbus.cost_per_resolved_contact,
        "net": net,
        "hours": hours,
        "errors": errors,
        "errors_per_contact": errors / resolved,
        "fewer_resolved": fewer,
        "resolution": resolution,
    }


def test_homegoods_returns_feedback_splits_the_net_saving(practice):
    """Does the homegoods returns feedback quote, as the view's rows give them, both maps' cost
    per resolved contact, what Mexico's hours save after hand-backs, its refund errors (a quarter
    and per resolved contact) and the issues it does not resolve, and say the CFO's limit is on
    the quarter's average?"""
    lab = open_lab(LAB, practice, scenario="sourcing-homegoods")
    split = returns_split(lab)
    item = next(i for i in lab.decision("queue_mapping").items if i.id == "returns")
    text = " ".join(item.feedback.split())
    quoted = {
        r"about ([\d.]+) USD per resolved contact with returns in Columbus": split["columbus"],
        r"about ([\d.]+) with returns in Mexico": split["mexico"],
        r"That ([\d.]+) USD is a net figure": split["net"],
        r"save about ([\d.]+) USD per resolved contact after hand-backs": split["hours"],
        r"quarter, about ([\d.]+) USD per resolved contact\)": split["errors_per_contact"],
        r"resolves \(about ([\d.]+)\)": split["resolution"],
        r"take back all but ([\d.]+)": split["net"],
    }
    for pattern, figure in quoted.items():
        assert _number(pattern, text) == pytest.approx(figure, abs=0.005), pattern
    assert _number(r"refund errors [^(]*\(some ([\d,]+) USD a quarter", text) == pytest.approx(
        split["errors"], abs=500
    )
    assert _number(r"the ([\d,]+) fewer issues", text) == pytest.approx(split["fewer_resolved"], abs=50)
    assert "averaged over the quarter" in text
    assert "on average over the quarter" in lab.scenario.brief


def test_homegoods_debrief_splits_the_returns_gap_as_the_feedback_does(practice):
    """Does the expert path quote the Columbus figure, Mexico's hours saving, the net, the refund
    errors and the fewer resolved issues as the view's rows give them?"""
    lab = open_lab(LAB, practice, scenario="sourcing-homegoods")
    split = returns_split(lab)
    text = " ".join(lab.scenario.debrief.expert_path.split())
    quoted = {
        r"Returns kept in Columbus cost about ([\d.]+)": split["columbus"],
        r"the ([\d.]+) USD that Mexico's hours save": split["hours"],
        r"shrinks to ([\d.]+)": split["net"],
    }
    for pattern, figure in quoted.items():
        assert _number(pattern, text) == pytest.approx(figure, abs=0.005), pattern
    assert _number(r"some ([\d,]+) USD of refund errors", text) == pytest.approx(split["errors"], abs=500)
    fewer = _number(r"and ([\d,]+) fewer resolved issues", text)
    assert fewer == pytest.approx(split["fewer_resolved"], abs=50)


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


#: What each scenario's brief says of its Spanish contacts: (queues counted, share, words quoted).
SPANISH_IN_BRIEF = {
    "sourcing-homegoods": (None, 1 / 9, "one customer contact in nine is in Spanish"),
    "sourcing-healthbenefits": ("phone", 1 / 5, "one member call in five is in Spanish"),
}


@pytest.mark.parametrize("scenario", sorted(SPANISH_IN_BRIEF))
def test_the_briefs_spanish_share_is_the_queues_tables(practice, scenario):
    """Does the Spanish share the brief states agree, within a point, with the queues table's
    contacts and Spanish shares, so that the language keys rest on a fact that adds up?"""
    channel, share, words = SPANISH_IN_BRIEF[scenario]
    lab = open_lab(LAB, practice, scenario=scenario)
    assert words in " ".join(lab.scenario.brief.split())
    queues = lab.table("queues")
    counted = queues if channel is None else queues[queues["channel"] == channel]
    spanish = (counted["monthly_contacts"] * counted["spanish_share"]).sum()
    assert spanish / counted["monthly_contacts"].sum() == pytest.approx(share, abs=0.01)


def test_homegoods_brief_quotes_the_spanish_contacts_of_each_queue(practice):
    """Do the brief's 12,800 Spanish contacts, 7,200 of them on the Spanish line and close to half
    of the delivery-exceptions calls, match the queues table?"""
    lab = open_lab(LAB, practice, scenario="sourcing-homegoods")
    text = " ".join(lab.scenario.brief.split())
    queues = lab.table("queues").set_index("id")
    spanish = queues["monthly_contacts"] * queues["spanish_share"]
    assert _number(r"some ([\d,]+) a month: ", text) == pytest.approx(spanish.sum(), abs=100)
    assert _number(r"([\d,]+) reach the Spanish orders line", text) == spanish["spanish_orders"]
    assert "delivery-exceptions team, close to half of its calls" in text
    assert 0.4 <= queues.loc["delivery_exceptions", "spanish_share"] < 0.5


@pytest.mark.parametrize("scenario", ["sourcing-homegoods", "sourcing-healthbenefits"])
def test_the_briefs_cost_of_a_spanish_hour_is_the_locations_table(practice, scenario):
    """Is the extra cost of an in-house Spanish hour the brief states the one the quarter prices?"""
    lab = open_lab(LAB, practice, scenario=scenario)
    text = " ".join(lab.scenario.brief.split())
    home = lab.table("locations").set_index("id").loc["inhouse"]
    assert _number(r"costs about ([\d.]+) USD more than the", text) == home["spanish_extra_per_hour"]
    assert _number(r"USD more than the ([\d.]+) in the locations table", text) == home["loaded_cost_per_hour"]


def test_a_short_bilingual_bench_makes_in_house_dearer_for_delivery_exceptions_than_returns(practice):
    """With the same ratings, does keeping delivery exceptions in Columbus cost more against the
    keyed map than keeping returns there, because close to half its callers speak Spanish?"""
    lab = open_lab(LAB, practice, scenario="sourcing-homegoods")
    key = perfect_answer(lab.decision("queue_mapping"))
    ratings = ["complexity", "risk", "collaboration", "documentation"]
    queues = lab.table("queues").set_index("id")
    assert queues.loc["returns", ratings].tolist() == queues.loc["delivery_exceptions", ratings].tolist()

    def per_resolved(mapping: dict[str, str]) -> float:
        return VIEW.quarter(lab, mapping).summary.cost_per_resolved_contact

    best = per_resolved(key)
    returns_home = per_resolved({**key, "returns": "inhouse"}) - per_resolved({**key, "returns": "nearshore"})
    exceptions_home = per_resolved({**key, "delivery_exceptions": "inhouse"}) - best
    assert exceptions_home > returns_home + 0.35
