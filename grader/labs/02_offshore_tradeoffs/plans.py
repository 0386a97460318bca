"""Lab 02's consequence view: a delivery plan against all offshore and all kept close.

Each plan is priced with :func:`~.pricing.resolution_table`: the monthly cost of resolving
every issue, repeat contacts included, plus the margin at risk from customers who leave.
The summary also gives the margin at risk at the two ends of the stated ranges of churn and
margin, so the learner sees how much of the comparison is assumption.

The delivery plan is scored on each program's fit, and a plan's cost plus margin at risk *is*
that fit in money: a panel that priced the recorded plan would find the key for anyone who
tried each program in each place and kept the lowest total.  Until feedback may be shown (an
assessment release), the panel therefore gives no money figure of the learner's plan, as lab
05's does: it lists where each program was placed and prices one fixed reference plan instead,
every program offshore, program by program, beside the total of keeping everything close.  The
learner can check their own arithmetic against it, and must price the other places themselves.
Practice keeps the full panel.

>>> plan_mapping(["a", "b"], {"a": "offshore", "c": "nearshore"})
{'a': 'offshore', 'b': 'inhouse'}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart
from grader.display.formats import usd
from grader.display.html import ConsequenceView, Table
from grader.labs.placement import misplaced

from .charts import cheaper_per_hour_not_per_resolution
from .pricing import AT_RISK, DECISION, HOME, MEASURES, lab_resolution_table
from .ranges import priced_at

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

__all__ = [
    "COMPONENTS",
    "NOT_PLACED",
    "PLANS",
    "REFERENCE_PLAN",
    "consequence_view",
    "plan_mapping",
    "plan_rows",
]

OFFSHORE = "offshore"
NOT_PLACED = "not placed (costed as kept close)"

#: Monthly cost components (USD) in stacking order, with the colour each is drawn in.
COMPONENTS: dict[str, str] = {
    "First contact": PALETTE[0],
    "Repeat contacts": PALETTE[1],
    "Rework": PALETTE[2],
    "QA and governance": PALETTE[3],
    "Attrition replacement": PALETTE[4],
    AT_RISK: PALETTE[5],
}
PLANS = ("Your plan", "All offshore (lowest hourly rate)", "All kept close")
REFERENCE_PLAN = PLANS[1]
"""What the panel prices program by program, whatever plan is recorded, until feedback may be shown."""
TABLES = ("programs", "locations", "estimates", "assumptions")


def plan_mapping(program_ids: list[str], mapping: Mapping[str, object]) -> dict[str, str]:
    """Every program's location: the learner's choice, or kept close where there is none."""
    return {p: str(mapping[p]) if isinstance(mapping.get(p), str) else HOME for p in program_ids}


def plan_rows(costs: pd.DataFrame, mapping: Mapping[str, str]) -> pd.DataFrame:
    """The rows of ``costs`` a plan (program id -> location id) picks, one per program, in program order."""
    picked = costs[
        [mapping.get(p) == loc for p, loc in zip(costs["program"], costs["location"], strict=True)]
    ]
    order = list(dict.fromkeys(costs["program"]))
    return picked.set_index("program").loc[order].reset_index()


def _fit_note(lab: Lab, placed: dict[str, str], costs: pd.DataFrame) -> str:
    """Practice only: which placed programs went further, or stayed closer, than they fit."""
    rate = costs.drop_duplicates("location").set_index("location")["rate_per_paid_hour"].astype(float)
    return misplaced(lab.decision(DECISION), placed, rate.to_dict()).note(
        far_cost="The cheaper rate comes back as repeat contacts, rework and customers who leave.",
        close_gain="They would be resolved as well further away, for less.",
    )


def consequence_view(lab: Lab, decision_id: str) -> ConsequenceView | None:
    """Your delivery plan against all offshore and all kept close: monthly cost and margin at risk."""
    if decision_id != DECISION:
        return None
    choice = lab.choice(DECISION)
    chosen = choice if isinstance(choice, dict) else {}
    costs = lab_resolution_table(lab)
    programs = list(dict.fromkeys(costs["program"]))
    known = set(costs["location"])
    # A hand-edited answers file may hold anything: unknown programs or locations are left out.
    valid = {p: loc for p, loc in chosen.items() if p in programs and isinstance(loc, str) and loc in known}
    if not lab.runtime.reveals_feedback:
        return _reference_view(lab, costs, valid)
    yours = plan_mapping(programs, valid)
    plans = {
        PLANS[0]: plan_rows(costs, yours),
        PLANS[1]: plan_rows(costs, dict.fromkeys(programs, OFFSHORE)),
        PLANS[2]: plan_rows(costs, dict.fromkeys(programs, HOME)),
    }
    bars = _component_bars(plans)
    totals = {plan: (rows["monthly_cost"].sum(), rows[AT_RISK].sum()) for plan, rows in plans.items()}
    # The same plans with churn and margin at the ends of their stated ranges.
    tables = {t: lab.table(t) for t in TABLES}
    # Each end priced once for both plans: pricing is most of what drawing this view costs.
    priced = {end: priced_at(tables, end, end) for end in ("low", "high")}
    at_ends = {
        end: {
            plan: float(plan_rows(costs_at_end, mapping)[AT_RISK].sum())
            for plan, mapping in ((PLANS[0], yours), (PLANS[1], dict.fromkeys(programs, OFFSHORE)))
        }
        for end, costs_at_end in priced.items()
    }

    mine = plans[PLANS[0]]
    placed = set(valid)
    where = [
        str(loc) if p in placed else NOT_PLACED
        for p, loc in zip(mine["program"], mine["location_label"], strict=True)
    ]
    choice_text = [
        f"{r.program_label}: {w}, {r.cost_per_resolution:,.2f} USD per resolved contact"
        for r, w in zip(mine.itertuples(), where, strict=True)
    ]
    (cost, risk), (off_cost, off_risk), (close_cost, _) = (totals[p] for p in PLANS)
    summary = (
        f"{len(placed)} of {len(programs)} programs placed. "
        + "; ".join(choice_text)
        + f". Your plan costs {usd(cost)} a month to resolve every issue, repeat contacts included, "
        f"and puts {usd(risk)} of margin at risk a month through customers who leave because a "
        f"program failed them ({_failures(costs)}): {usd(cost + risk)} in all. "
        f"All offshore, the lowest hourly rate everywhere: {usd(off_cost)} plus {usd(off_risk)} at risk, "
        f"{usd(off_cost + off_risk)} in all. All kept close: {usd(close_cost)} and no added risk. "
        "Churn and margin are assumptions: at the low ends of their stated ranges your plan puts "
        f"{usd(at_ends['low'][PLANS[0]])} at risk a month and all offshore {usd(at_ends['low'][PLANS[1]])}; "
        f"at the high ends {usd(at_ends['high'][PLANS[0]])} and {usd(at_ends['high'][PLANS[1]])}."
    )
    flipped = cheaper_per_hour_not_per_resolution(costs)
    if flipped:
        summary += (
            " The lowest hourly rate is not the cheapest per resolved contact for "
            f"{', '.join(flipped)}: repeat contacts, rework and governance outweigh the rate."
        )

    legend = _legend(plans)
    chart = _plans_chart(bars, summary, legend, PLANS)
    table = _program_table("Your plan, program by program", "Your choice", mine, list(where))
    data = mine.assign(choice=where, at_risk=mine[AT_RISK])
    view = ConsequenceView(summary, table=table, chart=chart, data=data)
    # Which programs went too far, or stayed too close, is the key: shown only with feedback.
    return replace(view, practice=lambda: replace(view, notes=(_fit_note(lab, valid, costs),)))


def _plans_chart(
    bars: pd.DataFrame, summary: str, legend: list[tuple[str, str, str]], plans: tuple[str, ...]
) -> FiguredChart:
    """Stacked monthly bars, one per plan in ``plans``: cost components plus margin at risk."""

    def build(alt: Any) -> Any:
        return (
            alt.Chart(alt.Data(name=DATA_NAME))
            .mark_bar()
            .encode(
                x=alt.X("sum(usd):Q", title="USD per month", axis=alt.Axis(tickCount=4, format="~s")),
                y=alt.Y("plan:N", title=None, sort=list(plans), axis=alt.Axis(labelLimit=260)),
                color=alt.Color(
                    "component:N",
                    scale=alt.Scale(domain=list(COMPONENTS), range=list(COMPONENTS.values())),
                    legend=None,
                ),
                order=alt.Order("rank:Q"),
            )
            .properties(width=420, height=30 * len(plans))
        )

    return FiguredChart(
        f"offshore-plans-{len(COMPONENTS)}-{len(plans)}",
        build,
        bars,
        summary,
        legend,
        title="Monthly cost of resolving every issue, plus margin at risk",
    )


def _component_bars(plans: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per plan and cost component (with margin at risk), in USD a month."""
    import pandas as pd

    return pd.DataFrame(
        [
            {"plan": plan, "component": label, "rank": rank, "usd": round(float(rows[label].sum()), 0)}
            for plan, rows in plans.items()
            for rank, label in enumerate(COMPONENTS)
        ]
    )


def _legend(plans: Mapping[str, pd.DataFrame]) -> list[tuple[str, str, str]]:
    return [
        (label, colour, " · ".join(f"{plan}: {usd(rows[label].sum())}" for plan, rows in plans.items()))
        for label, colour in COMPONENTS.items()
    ]


def _reference_view(lab: Lab, costs: pd.DataFrame, placed: dict[str, str]) -> ConsequenceView:
    """Assessment: where the learner placed each program, and a fixed reference plan priced.

    No figure here moves with the recorded plan: the plan is scored on each program's fit, and
    its price would let a learner find the key by trying each place and keeping the cheapest.
    """
    programs = list(dict.fromkeys(costs["program"]))
    labels = dict(zip(costs["program"], costs["program_label"], strict=False))
    places = dict(zip(costs["location"], costs["location_label"], strict=False))
    everywhere_far = dict.fromkeys(programs, OFFSHORE)
    plans = {
        REFERENCE_PLAN: plan_rows(costs, everywhere_far),
        PLANS[2]: plan_rows(costs, dict.fromkeys(programs, HOME)),
    }
    reference = plans[REFERENCE_PLAN]
    off_cost, off_risk = reference["monthly_cost"].sum(), reference[AT_RISK].sum()
    close_cost = plans[PLANS[2]]["monthly_cost"].sum()
    tables = {t: lab.table(t) for t in TABLES}
    at_ends = {
        end: float(plan_rows(priced_at(tables, end, end), everywhere_far)[AT_RISK].sum())
        for end in ("low", "high")
    }
    where = "; ".join(f"{labels[p]}: {places[placed[p]] if p in placed else NOT_PLACED}" for p in programs)
    per_program = "; ".join(
        f"{r.program_label}: {r.cost_per_resolution:,.2f} USD per resolved contact and {usd(risk)} of "
        "margin at risk a month"
        for r, risk in zip(reference.itertuples(), reference[AT_RISK], strict=True)
    )
    summary = (
        f"{len(placed)} of {len(programs)} programs placed. {where}. In this assessment the panel "
        "gives no cost or margin at risk of your plan: the plan is scored on how well each program "
        "fits its place, and a price for each placement would give that away, so your plan's "
        "figures come with your feedback. To check your own arithmetic, it prices one fixed "
        f"reference plan, every program offshore at the lowest hourly rate: {per_program}. "
        f"All offshore: {usd(off_cost)} a month to resolve every issue, repeat contacts included, "
        f"plus {usd(off_risk)} of margin at risk ({_failures(costs)}), {usd(off_cost + off_risk)} in "
        f"all; at the low ends of the churn and margin ranges {usd(at_ends['low'])} at risk, at the "
        f"high ends {usd(at_ends['high'])}. All kept close: {usd(close_cost)} and no added risk. "
        "Price the other places for each program the same way."
    )
    table = _program_table(
        "The reference plan, every program offshore, program by program",
        "Location",
        reference,
        [str(label) for label in reference["location_label"]],
    )
    chart = _plans_chart(_component_bars(plans), summary, _legend(plans), tuple(plans))
    return ConsequenceView(
        summary, table=table, chart=chart, data=reference.assign(at_risk=reference[AT_RISK])
    )


def _failures(costs: pd.DataFrame) -> str:
    """How the programs fail a customer, in words: "an unresolved first contact" and the like."""
    words = {"fcr": "an unresolved first contact", "save_rate": "on a save desk, a lost save"}
    return "; ".join(words[m] for m in dict.fromkeys(costs["quality_measure"]))


def _program_table(title: str, place_column: str, rows: pd.DataFrame, places: list[str]) -> Table:
    """One row per program: where it goes (``places``), its rate, quality, cost and margin at risk."""
    return Table(
        title,
        (
            "Program",
            place_column,
            "Rate (USD per paid hour)",
            "Quality measure",
            "USD per resolved contact",
            "Repeat contacts a month",
            "Margin at risk a month (USD)",
        ),
        [
            (
                r.program_label,
                place,
                f"{r.rate_per_paid_hour:,.0f}",
                f"{MEASURES[r.quality_measure]} {r.quality:.2f}",
                f"{r.cost_per_resolution:,.2f}",
                f"{r.repeat_contacts_per_month:,.0f}",
                f"{risk:,.0f}",
            )
            for r, place, risk in zip(rows.itertuples(), places, rows[AT_RISK], strict=True)
        ],
        css_class="decisionlab-plan",
    )
