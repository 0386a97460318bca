"""Lab 01: what a queue map does over a quarter (cost, resolution, service), and where the fit is poor.

In practice the view compares maps by the quarter's cost per resolved contact with every
cost in it: agent time, a poor fit's mistakes and escalations back in-house, and the
expected cost of work placed where its contract or law forbids
(:mod:`grader.models.consequences`). In assessment it shows only agent time, from the
tables (:mod:`.agent_time`): every other figure moves with how well a queue fits its place,
so searching on it would find the key without reading a rating.
"""

from __future__ import annotations

import zlib
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart
from grader.display.formats import usd
from grader.display.html import ConsequenceView, Table
from grader.labs.placement import Misplaced, misplaced
from grader.models.consequences import SimulationResult, simulate

from .agent_time import agent_time_view
from .compliance import forbidden_sentence
from .costs import monthly_cost

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

COST_RESOLVED = ("cost", "resolved")


def queue_profile_chart(lab: Lab) -> FiguredChart:
    """Monthly workload of every queue, coloured by complexity and labelled in text too."""
    queues = lab.table("queues").assign(hours=lambda t: t.monthly_contacts * t.aht_minutes / 60)
    biggest = queues.sort_values("hours", ascending=False).iloc[0]
    summary = (
        f"Monthly handling hours for {len(queues)} queues; the largest is {biggest.queue} "
        f"at about {biggest.hours:,.0f} hours. Each bar is labelled with its complexity."
    )

    def build(alt: Any) -> Any:
        base = alt.Chart(alt.Data(name=DATA_NAME)).encode(
            y=alt.Y("queue:N", sort="-x", title=None),
            x=alt.X("hours:Q", title="Handling hours per month"),
        )
        bars = base.mark_bar().encode(
            color=alt.Color(
                "complexity:N",
                scale=alt.Scale(domain=["low", "medium", "high"], range=PALETTE[:3]),
                title="Complexity",
            ),
            tooltip=["queue:N", "hours:Q", "complexity:N", "risk:N"],
        )
        labels = base.mark_text(align="left", dx=3).encode(text="complexity:N")
        return (bars + labels).properties(width=420, height=24 * len(queues))

    return FiguredChart(f"queue-profile-{len(queues)}", build, queues, summary)


def cost_table(lab: Lab, mapping: dict[str, str]) -> pd.DataFrame:
    return monthly_cost(lab.table("queues"), lab.table("locations"), mapping)


def _scenario_seed(lab: Lab) -> int:
    # Fixed per scenario, so every learner of a scenario sees the same weeks and the only
    # difference between two maps is the map.
    return zlib.crc32(lab.scenario.id.encode())


def placed_queues(lab: Lab, mapping: object) -> dict[str, str]:
    """The part of a learner's map the quarter can run: known queues at known locations."""
    if not isinstance(mapping, dict):
        return {}
    queues, locations = set(lab.table("queues")["id"]), set(lab.table("locations")["id"])
    # A hand-edited answers file may hold anything, a list where a location should be included.
    return {q: loc for q, loc in mapping.items() if isinstance(loc, str) and loc in locations and q in queues}


def quarter(lab: Lab, placed: dict[str, str]) -> SimulationResult:
    """The quarter the view shows for ``placed`` (queues left out stay in-house)."""
    return simulate(lab.table("queues"), lab.table("locations"), placed, seed=_scenario_seed(lab))


def _quarter_rows(result: SimulationResult) -> list[tuple[str, str, str]]:
    mine, home = result.summary, result.baseline
    return [
        ("Agent time (paid hours at each location's rate)", usd(mine.labour_cost), usd(home.labour_cost)),
        (
            "Mistakes: refunds, credits, redeliveries, reprocessing",
            usd(mine.error_cost),
            usd(home.error_cost),
        ),
        ("Cases handed back to your in-house team", usd(mine.escalation_cost), usd(home.escalation_cost)),
        ("Compliance exposure (expected cost)", usd(mine.exposure), usd(home.exposure)),
        ("Total cost of the quarter", usd(mine.cost), usd(home.cost)),
        ("Contacts offered (repeats included)", f"{mine.offered:,.0f}", f"{home.offered:,.0f}"),
        ("Issues resolved", f"{mine.resolved:,.0f}", f"{home.resolved:,.0f}"),
        (
            "Cost per resolved contact (all costs)",
            f"${mine.cost_per_resolved_contact:,.2f}",
            f"${home.cost_per_resolved_contact:,.2f}",
        ),
        ("First-contact resolution", f"{mine.average_fcr:.0%}", f"{home.average_fcr:.0%}"),
        ("Service level", f"{mine.average_service_level:.0%}", f"{home.average_service_level:.0%}"),
        ("Abandoned calls", f"{mine.average_abandon_rate:.1%}", f"{home.average_abandon_rate:.1%}"),
        ("Satisfaction proxy (0-100)", f"{mine.average_csat_proxy:.0f}", f"{home.average_csat_proxy:.0f}"),
    ]


def _compliance_sentence(lab: Lab, placed: dict[str, str], exposure: float) -> str:
    """The queues placed where their contract or law forbids, and the expected cost (practice)."""
    named = forbidden_sentence(lab.table("queues"), placed)
    if not named:
        return ""
    return f"{named} Expected cost if found and enforced: {usd(exposure)} this quarter."


def _fit_note(lab: Lab, placed: dict[str, str], locations: pd.DataFrame) -> str:
    """Practice only: which placed queues went further, or stayed closer, than they fit.

    ``misplaced`` sorts by rate. A queue keyed in-house and placed with a US provider sits at
    a higher rate but is not closer: the categories run from closest to furthest, so such a
    queue is named on its own, as a dearer provider, not as "kept closer".
    """
    decision = lab.decision("queue_mapping")
    rate = dict(zip(locations["id"], locations["loaded_cost_per_hour"].astype(float), strict=True))
    off = misplaced(decision, placed, rate)
    distance = {category.id: index for index, category in enumerate(getattr(decision, "categories", []))}
    items = {item.label: item for item in getattr(decision, "items", [])}

    def closer(label: str) -> bool:
        item = items[label]
        nearest_key = min(distance.get(loc, 0) for loc in item.key)
        return distance.get(placed[item.id], 0) < nearest_key

    dearer = [label for label in off.too_close if not closer(label)]
    note = Misplaced(off.too_far, [label for label in off.too_close if closer(label)]).note(
        far_cost=(
            "The cheaper rate comes back as repeat contacts, slower handling, costly mistakes, "
            "cases handed back to your in-house team and lower satisfaction, and, where a "
            "contract or law keeps the queue closer, as compliance exposure: see the rows of "
            "the table."
        ),
        close_gain="They would run as well at their best fit and cost less.",
    )
    if dearer:
        note = " ".join(
            part
            for part in (
                note,
                f"Sent to a provider that costs more than their best fit: {', '.join(dearer)}. "
                "They pay a higher rate and a handover to another company for nothing they need.",
            )
            if part
        )
    return note


def _weekly_cost_per_resolved(result: SimulationResult) -> pd.DataFrame:
    """The chart's rows: per week and plan (your map, then all in-house), cost, resolved and their ratio."""
    plans = {
        "Your map": result.by_week(COST_RESOLVED),
        "All in-house": result.by_week(COST_RESOLVED, baseline=True),
    }
    columns = {
        column: np.concatenate([weeks[column].to_numpy() for weeks in plans.values()])
        for column in ("week", *COST_RESOLVED)
    }
    plan = [name for name, weeks in plans.items() for _ in range(len(weeks))]
    ratio = np.round(columns["cost"] / columns["resolved"], 2)
    return pd.DataFrame({**columns, "plan": plan, "cost_per_resolved": ratio})


def consequence_view(lab: Lab, decision_id: str) -> ConsequenceView | None:
    """A quarter, week by week, of the learner's queue map against keeping everything in-house."""
    if decision_id != "queue_mapping":
        return None
    if not lab.runtime.practice:
        return agent_time_view(lab, placed_queues(lab, lab.choice("queue_mapping")))
    choice = lab.choice("queue_mapping")
    # A hand-edited answers file may hold anything: only known queues at known locations count.
    mapping = choice if isinstance(choice, dict) else {}
    queues, locations = lab.table("queues"), lab.table("locations")
    placed = placed_queues(lab, mapping)
    result = quarter(lab, placed)
    weekly = _weekly_cost_per_resolved(result)
    mine, home = result.summary, result.baseline
    saving = home.cost - mine.cost
    poor_fit = mine.error_cost + mine.escalation_cost
    summary = (
        f"{len(placed)} of {len(queues)} queues placed (the rest stay in-house). Over a 13-week quarter "
        f"your map costs {usd(mine.cost)} against {usd(home.cost)} all in-house "
        f"({'a saving' if saving >= 0 else 'an extra cost'} of {usd(abs(saving))}). Of your map's "
        f"cost, {usd(poor_fit)} pays for mistakes and cases handed back where a queue fits its "
        f"location poorly, and {usd(mine.exposure)} is compliance exposure. Your map resolves "
        f"{mine.resolved:,.0f} issues against {home.resolved:,.0f}: ${mine.cost_per_resolved_contact:,.2f} "
        f"against ${home.cost_per_resolved_contact:,.2f} per resolved contact, every cost included. "
        f"First-contact resolution {mine.average_fcr:.0%} against {home.average_fcr:.0%}; satisfaction "
        f"proxy {mine.average_csat_proxy:.0f} against {home.average_csat_proxy:.0f}."
        f"{_compliance_sentence(lab, placed, mine.exposure)}"
    )
    colours = {"Your map": PALETTE[0], "All in-house": PALETTE[1]}
    legend = [
        (
            "Your map (solid line)",
            colours["Your map"],
            f"${mine.cost_per_resolved_contact:,.2f} per resolved contact",
        ),
        (
            "All in-house (dashed line)",
            colours["All in-house"],
            f"${home.cost_per_resolved_contact:,.2f} per resolved contact",
        ),
    ]

    def build(alt: Any) -> Any:
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_line(strokeWidth=2)
            .encode(
                # Axis titles live in the HTML title above the chart: laying out text is most of
                # what an SVG redraw costs, and this chart is redrawn on every click.
                x=alt.X("week:Q", title=None, axis=alt.Axis(tickCount=13)),
                y=alt.Y("cost_per_resolved:Q", title=None, axis=alt.Axis(tickCount=4)),
                color=alt.Color(
                    "plan:N", scale=alt.Scale(domain=list(colours), range=list(colours.values())), legend=None
                ),
                strokeDash=alt.StrokeDash(
                    "plan:N", scale=alt.Scale(domain=list(colours), range=[[1, 0], [6, 4]]), legend=None
                ),
            )
            .properties(width=420, height=160)
        )

    table = Table(
        "Your queue map over one quarter (simulated)",
        ("", "Your map", "All in-house"),
        _quarter_rows(result),
        css_class="decisionlab-quarter",
    )
    chart = FiguredChart(
        "queue-map-quarter",
        build,
        weekly,
        summary,
        legend,
        title="Cost per resolved contact (USD, all costs) in each week of the quarter",
    )
    view = ConsequenceView(summary, table=table, chart=chart, data=result)
    # Which placements are off, and which way, is the key: shown only with feedback.
    return replace(view, practice=lambda: replace(view, notes=(_fit_note(lab, placed, locations),)))
