"""In assessment, does nothing lab 05 shows before grading give away the payback question's answer?

The payback question asks for one queue's payback month when it moves on its own.  Decision 2's
view, its chart, the cost chart, the explorer and the what-if calculator all run the same model,
so each could print it: as a wave's payback month, as its shortfall at the horizon (divided by
the monthly saving the table shows), or as the running total of a plan while that queue is live
alone, in words, in the chart's data or aria labels, or in an object reachable from the view.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import re
from collections.abc import Iterator

import numpy as np
import pytest

from grader.catalog import scenarios_for
from grader.notebook import open_lab
from tests.labs import full_view, lab_parts

staffing = lab_parts("05_roi_staffing")

LAB = "05_roi_staffing"
SCENARIOS = [s.id for s in scenarios_for(LAB)]


@pytest.fixture(params=SCENARIOS)
def assessed(request, practice, monkeypatch):
    monkeypatch.setenv("DECISIONLAB_MODE", "assessment")
    return open_lab(LAB, practice, scenario=request.param)


def _orders(lab) -> list[list[str]]:
    """The payback queue alone, the key, the key reversed, and the payback queue first and last."""
    queue = staffing.payback_queue(lab)
    key = list(lab.decision("wave_order").key)
    others = [q for q in key if q != queue]
    return [[queue], key, key[::-1], [queue, *others], [*others, queue]]


def _shown(view) -> str:
    """Every word and cell of the view a learner sees, chart summary and legend included."""
    cells = " ".join(" ".join(str(c) for c in row) for row in view.table.rows) if view.table else ""
    columns = " ".join(view.table.columns) if view.table else ""
    chart = ""
    if view.chart is not None:
        chart = view.chart.summary + " ".join(" ".join(map(str, item)) for item in view.chart.legend)
    return " ".join((repr(view), view.lead, columns, cells, chart))


def test_the_wave_view_never_states_a_payback_month_or_a_waves_shortfall(assessed):
    """For the payback queue alone and for complete orders, does the assessed view leave out
    every payback month and every wave's own shortfall at the horizon?"""
    queue = staffing.payback_queue(assessed)
    model = staffing.plan_model(assessed)
    for order in _orders(assessed):
        assessed.record("wave_order", order)
        view = assessed.consequences("wave_order")
        text = _shown(view)
        assert "pays back on its own in month" not in text and "payback in month" not in text, order
        assert not any("Pays back" in c for c in view.table.columns), order
        pilot = next(w for w in model._plan(order).waves if w.queue == queue)
        assert f"{pilot.net_at_horizon:,.0f}" not in text and f"{-pilot.net_at_horizon:,.0f}" not in text, (
            order
        )


def test_a_part_order_draws_no_running_total(assessed):
    """With only the payback queue placed, is no month-by-month running total drawn or summed up?"""
    queue = staffing.payback_queue(assessed)
    assessed.record("wave_order", [queue])
    view = assessed.consequences("wave_order")
    assert view.chart is None
    assert "drawn once every queue is placed" in view.summary
    assert "deepest point" not in view.summary and "net " not in view.summary.split("Your order:")[1]


def test_the_calculator_gives_net_positions_of_complete_orders_only(assessed):
    """Does the what-if calculator refuse the payback queue alone and keep its plans to itself?"""
    what_if = assessed.chart("what_if")
    with pytest.raises(ValueError, match="complete order"):
        what_if.net([staffing.payback_queue(assessed)])
    assert not hasattr(what_if, "plan")


def test_the_practice_part_still_shows_each_waves_payback(practice):
    """Once revealed in practice and the payback question answered, does the view still give each
    wave's payback month (the board's message)?"""
    for scenario in SCENARIOS:
        lab = open_lab(LAB, practice, scenario=scenario)
        lab.record("pilot_payback", 1)
        lab.record("wave_order", list(lab.decision("wave_order").key))
        view = full_view(lab, "wave_order")
        assert any("Pays back" in c for c in view.table.columns)


def test_revealing_the_order_before_the_payback_answer_gives_no_payback_away(practice):
    """In practice, with the expert order revealed but no payback answer recorded yet, does the view
    show the best order's line while leaving out every wave's payback month, shortfall and plan
    object, and the months the payback queue is live alone?"""
    for scenario in SCENARIOS:
        lab = open_lab(LAB, practice, scenario=scenario)
        queue = staffing.payback_queue(lab)
        order = [queue, *[q for q in lab.decision("wave_order").key if q != queue]]
        lab.record("wave_order", order)
        view = full_view(lab, "wave_order")
        assert set(view.chart.data["plan"]) == {"Your order", "Best order"}
        assert not any("Pays back" in c for c in view.table.columns)
        assert "pays back on its own in month" not in view.summary and view.data is None
        own = {round(v) for v in _own_totals(lab, order) if abs(v) >= 1000}
        numbers = {round(v) for _, v in _reachable(view.chart.data) if isinstance(v, float)}
        assert not own & numbers, scenario


# ------------------------------------------------------------------ everything reachable from the view


def _reachable(root: object) -> Iterator[tuple[str, object]]:
    """(name, value) for every attribute, item, closure cell and table cell reachable from ``root``.

    Only the project's own objects are opened (and containers, frames and arrays); a learner can
    reach all of these from the view with plain attribute access.
    """
    import pandas as pd

    seen: set[int] = set()
    stack: list[tuple[str, object]] = [("view", root)]
    while stack:
        name, value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        yield name, value
        if isinstance(value, pd.DataFrame):
            stack += [(f"{name}.{c}", v) for c in value.columns for v in value[c].tolist()]
        elif isinstance(value, np.ndarray):
            stack += [(name, v) for v in value.ravel().tolist()]
        elif isinstance(value, dict):
            stack += [(f"{name}[{k!r}]", v) for k, v in value.items()]
            stack += [(f"{name} key", k) for k in value]
        elif isinstance(value, list | tuple | set | frozenset):
            stack += [(name, v) for v in value]
        elif callable(value) and getattr(value, "__closure__", None):
            stack += [(f"{name} closure", c.cell_contents) for c in value.__closure__ if c.cell_contents]
        elif type(value).__module__.startswith("grader."):
            fields = vars(value) if hasattr(value, "__dict__") else {}
            if dataclasses.is_dataclass(value):
                fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)} | fields
            stack += [(f"{name}.{k}", v) for k, v in fields.items()]


def _own_totals(lab, order: list[str]) -> list[float]:
    """The payback queue's own running total, month by month, as it goes live in ``order``, and
    past the horizon: the figures from which its payback month can be read."""
    model = staffing.plan_model(lab)
    queue = staffing.payback_queue(lab)
    wave = next(w for w in model._plan(order).waves if w.queue == queue)
    longer = staffing.move_roi(
        model.moves[queue], model.terms, model.queues[queue], staffing.PAYBACK_SEARCH_MONTHS
    )
    return [wave.net_at_horizon, *longer.cumulative_savings]


def _chart_texts(view) -> list[str]:
    """The chart's full Vega-Lite spec with its rows, as JSON, and its SVG (whose aria labels a
    screen reader reads)."""
    import altair as alt

    if view.chart is None:
        return []
    spec = view.chart._build(alt).to_dict()
    spec["datasets"] = {"table": json.loads(view.chart.data.to_json(orient="records"))}
    return [json.dumps(spec), view.chart.svg()]


SUFFIX = {"": 1.0, "k": 1e3, "M": 1e6, "G": 1e9}


def _svg_numbers(svg: str) -> list[float]:
    """Every number in the SVG's aria labels, in USD (Vega writes -573977 as "−573.977k")."""
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', svg)).replace("\u2212", "-")
    return [float(n) * SUFFIX[k] for n, k in re.findall(r"(-?\d+(?:\.\d+)?)([kMG]?)", labels)]


def test_nothing_reachable_from_the_wave_view_holds_a_queues_own_payback(assessed):
    """For the key, orders that start with another queue, and the payback queue first, last and alone:
    does nothing reachable from the assessed view (its data, table, chart rows, full chart spec and
    aria labels) hold a payback month, or the payback queue's own running total from which its
    payback month can be read?"""
    for order in _orders(assessed):
        assessed.record("wave_order", order)
        view = assessed.consequences("wave_order")
        own = [round(v) for v in _own_totals(assessed, order)]
        as_text = [f"{v:,}" for v in own if abs(v) >= 1000] + [str(v) for v in own if abs(v) >= 1000]
        for name, value in _reachable(view):
            assert "payback" not in name.lower(), (order, name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                assert round(value) not in own or abs(value) < 1000, (order, name, value)
            if isinstance(value, str):
                assert not any(t in value for t in as_text), (order, name)
                assert "pays back on its own in month" not in value and "payback in month" not in value
        for text in _chart_texts(view):
            assert "pays back on its own in month" not in text and "payback in month" not in text, order
            assert not any(t in text for t in as_text), order
        if view.chart is not None:
            for number in _svg_numbers(view.chart.svg()):
                assert not any(abs(number - v) <= 5e-6 * abs(v) for v in own if abs(v) >= 1000), (
                    order,
                    number,
                )


def test_the_practice_part_draws_the_queues_own_running_total_the_assessed_view_leaves_out(practice):
    """Once the payback question is answered, does the revealed view still hold what the assessed one
    must not (so the search above can find it): the waves' own payback months, and the months the
    first wave is live alone?"""
    for scenario in SCENARIOS:
        lab = open_lab(LAB, practice, scenario=scenario)
        queue = staffing.payback_queue(lab)
        order = [queue, *[q for q in lab.decision("wave_order").key if q != queue]]
        lab.record("pilot_payback", 1)
        lab.record("wave_order", order)
        view = full_view(lab, "wave_order")
        own = {round(v) for v in _own_totals(lab, order)}
        numbers = {round(v) for _, v in _reachable(view.chart.data) if isinstance(v, float)}
        assert "Pays back on its own in month" in view.table.columns
        assert own & numbers, scenario


def test_the_cost_chart_states_no_moves_own_payback(assessed):
    """Does the cost chart, shown before the decisions, leave out every move's own payback month?"""
    chart = assessed.chart("costs")
    text = chart.summary + " ".join(" ".join(map(str, item)) for item in chart.legend)
    assert "payback" not in text.lower() and "pays back" not in text.lower()


def test_the_explorer_withholds_the_return_of_the_payback_queue_only(assessed):
    """With the payback queue chosen, at the scenario's values and with a slider moved, does the
    explorer draw no return and say why, while another queue's return is still drawn?"""
    explorer = assessed.chart("explorer")
    queue = staffing.payback_queue(assessed)
    other = next(q for q in staffing.plan_model(assessed).queue_ids if q != queue)
    explorer.queue.value = other
    assert explorer.exploration.move is not None and "pays back in month" in explorer.summary
    explorer.queue.value = queue
    for nudge in (0, 10):
        explorer.sliders["aht"].value += nudge
        assert explorer.exploration.move is None and explorer.roi_chart is None
        shown = json.dumps(explorer.roi_view.outputs)
        assert "pays back" not in explorer.summary and "pays back" not in shown
        assert "payback decision" in explorer.summary


def test_the_calculator_hands_out_numbers_only(assessed):
    """Is the what-if calculator's only public method the one that returns a net position?"""
    what_if = assessed.chart("what_if")
    public = [n for n in dir(what_if) if not n.startswith("_") and callable(getattr(what_if, n))]
    assert public == ["net"]
    key = list(assessed.decision("wave_order").key)
    assert isinstance(what_if.net(key), float)


def _explorer_texts(explorer, views: list) -> str:
    """Everything the explorer says in words or draws as HTML, whatever state it was left in."""
    # HTML widgets hold their text in ``value``; the chart areas are Output widgets (``outputs``).
    texts = [view.value if hasattr(view, "value") else json.dumps(view.outputs) for view in views]
    for name in ("summary", "roi_summary"):
        try:
            texts.append(str(getattr(explorer, name)))
        except Exception:  # a learner's change may break the explorer; a broken one shows nothing new
            pass
    try:
        texts.append(repr(explorer))
    except Exception:
        pass
    return " ".join(texts)


def test_no_public_attribute_of_the_explorer_makes_it_draw_the_payback_queues_return(assessed):
    """Whatever public attribute of the explorer a learner sets (or a `withheld` one it once had), and
    to whatever value, does choosing the payback queue still draw no return and print no payback
    month for it?"""
    queue = staffing.payback_queue(assessed)
    other = next(q for q in staffing.plan_model(assessed).queue_ids if q != queue)
    answer = int(assessed.decision("pilot_payback").answer)
    label = staffing.plan_model(assessed).label(queue)
    names = sorted({n for n in dir(assessed.chart("explorer")) if not n.startswith("_")} | {"withheld"})
    for name in names:
        for value in (None, "", other, queue, False):
            explorer = assessed.chart("explorer")
            dropdown = explorer.queue
            views = [explorer.roi_view, explorer.headline, explorer.cost_view]
            try:
                setattr(explorer, name, value)
            except Exception:  # read-only, or a widget that refuses the value
                pass
            for step in (functools.partial(setattr, dropdown, "value", queue), explorer.update):
                try:
                    step()
                except Exception:
                    pass
            text = " ".join(_explorer_texts(explorer, views).split())
            # A redraw the change broke may leave another queue's return on screen: only this one's counts.
            assert f"Moving {label} on its own" not in text, (name, value)
            assert f"pays back in month {answer}" not in text, (name, value)
            assert getattr(explorer.__dict__.get("exploration"), "move", None) is None or (
                explorer.__dict__["exploration"].queue != queue
            ), (name, value)


# ------------------------------------------------------------------ no bracket from "paid back / under water"

NARROWEST_BRACKET = 12
"""The fewest months a learner may narrow the payback question's answer to before it is given.

Half the 24-month horizon: the table's words "paid back" and "under water" at the horizon each
say "at most" or "more than" some number of months, and a wave that is paid back when it goes
live in one month but under water when it goes live a few months later pins the answer between
the two.  With half credit one month either side, a bracket of ``w`` months makes a guess at its
middle sure of half credit when ``w`` is 3 or less, and worth it at 5 or 6; at 12 months or more
a guess earns anything in at most 3 cases out of 12, no better than knowing only which year of
the horizon the payback falls in.
"""


def _pilot_says(view, label: str) -> list[str]:
    """What the view says of the payback queue's wave: its table row, and its clause wherever the
    view's words (summary, lead, the chart's summary and legend) name it."""
    rows = [" ".join(map(str, row)) for row in (view.table.rows if view.table else []) if row[0] == label]
    words = [view.summary, view.lead]
    if view.chart is not None:
        words += [view.chart.summary, *(" ".join(map(str, item)) for item in view.chart.legend)]
    clauses = [part for text in words for part in re.split(r"; |\. ", text) if label in part]
    return rows + clauses


def _pilot_go_lives(lab) -> Iterator[tuple[int, list[str]]]:
    """(the payback queue's go-live month, what the view before the reveal says of it) for every
    order that places it: each ordered subset of the queues at the scenario's own schedule, and the
    payback queue alone going live in every month from its ready month to past the horizon."""
    model = staffing.plan_model(lab)
    queue = staffing.payback_queue(lab)
    label = model.label(queue)
    others = [q for q in model.queue_ids if q != queue]
    orders = [
        [*before, queue, *after]
        for k in range(len(others) + 1)
        for before in itertools.permutations(others, k)
        for after in [[], [q for q in others if q not in before]]
    ]
    for order in orders:
        lab.record("wave_order", order)
        go_live = next(w.go_live for w in model._plan(order).waves if w.queue == queue)
        yield go_live, _pilot_says(lab.consequences("wave_order"), label)
    first = model.a
    try:
        for month in range(1, model.a.horizon_months + 2):
            model.a = dataclasses.replace(first, first_wave_month=month)
            lab.record("wave_order", [queue])
            go_live = model._plan([queue]).waves[0].go_live
            yield go_live, _pilot_says(lab.consequences("wave_order"), label)
    finally:
        model.a = first


def _bracket(lab) -> range:
    """The payback months (counted from go-live) that agree with everything the view said of the
    payback queue's own standing at the horizon, over every go-live month it can have."""
    horizon = staffing.plan_model(lab).a.horizon_months
    low, high = 1, staffing.PAYBACK_SEARCH_MONTHS
    for go_live, texts in _pilot_go_lives(lab):
        said = " ".join(texts)
        months_live = horizon - go_live + 1  # months it has run by the end of the horizon
        if go_live > horizon:
            continue
        if "paid back" in said:
            high = min(high, months_live)
        if "under water" in said:
            low = max(low, months_live + 1)
        if (stated := re.search(r"pays back on its own in month (\d+)", said)) is not None:
            low = high = int(stated.group(1)) - go_live + 1
    return range(low, high + 1)


def test_the_waves_standing_at_the_horizon_brackets_no_payback_month(assessed):
    """Over every go-live month the payback queue can have, in any order, does what the assessed view
    says of its own standing at the horizon leave at least NARROWEST_BRACKET months open for its
    payback month (and the true one among them)?"""
    bracket = _bracket(assessed)
    assert int(assessed.decision("pilot_payback").answer) in bracket
    assert len(bracket) >= NARROWEST_BRACKET, (bracket.start, bracket.stop - 1)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_practice_brackets_no_payback_month_before_the_payback_answer(practice, scenario):
    """In practice, before the reveal, and after it while the payback question has no answer, does
    what the view says of the payback queue's standing leave NARROWEST_BRACKET months open?"""
    lab = open_lab(LAB, practice, scenario=scenario)
    assert len(_bracket(lab)) >= NARROWEST_BRACKET
    lab.record("wave_order", list(lab.decision("wave_order").key))
    lab.reveal("wave_order")
    assert len(_bracket(lab)) >= NARROWEST_BRACKET


def test_the_bracket_search_finds_the_month_once_the_payback_is_answered(practice):
    """Once the payback question is answered and the order revealed, does the same search pin the
    payback month (so it can tell a view that brackets it)?"""
    for scenario in SCENARIOS:
        lab = open_lab(LAB, practice, scenario=scenario)
        lab.record("pilot_payback", 1)
        lab.record("wave_order", list(lab.decision("wave_order").key))
        lab.reveal("wave_order")
        answer = int(lab.decision("pilot_payback").answer)
        assert _bracket(lab) == range(answer, answer + 1), scenario
