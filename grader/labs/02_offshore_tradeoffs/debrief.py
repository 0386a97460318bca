"""Lab 02's debrief figures: what the learner's choices cost against the expert path, in its own numbers.

The delivery plan is priced exactly as the consequence view prices it
(:func:`~.pricing.resolution_table`): the monthly cost of resolving every issue, repeat
contacts included, plus the margin at risk from customers a weaker team loses. The gap to
the expert plan is also given a year at a time at the low, stated and high ends of the churn
and margin ranges, so the learner sees how much of it is assumption. The other two decisions
are counted, not priced: the programs ticked as overturned by the pilot, and the memo
paragraphs ticked, each beside the wrong ticks.

A figure of a decision the learner has not finished says what is missing instead of a number:
a half-placed plan has no monthly cost to compare.

The priced tables depend only on the scenario's tables, not on the learner, so they are built
once per table contents and shared: a cohort report prices hundreds of plans on one scenario.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from grader.display.cache import BoundedCache
from grader.display.formats import usd
from grader.engine.keys import perfect_answer
from grader.labs.base import DebriefFigure
from grader.labs.contents import table_contents

from .plans import plan_rows
from .pricing import AT_RISK, DECISION, lab_resolution_table
from .ranges import ENDS, priced_at

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

__all__ = ["MEMO", "QUESTION", "debrief_figures"]

QUESTION = "deciding_question"  # the multiple select of programs whose pilot overturned the ratings
MEMO = "memo_mistakes"  # the multiple-select decision over the memo's paragraphs
MONTHS = 12
TABLES = ("programs", "locations", "estimates", "assumptions")
END_WORDS = {"low": "low", "mid": "stated", "high": "high"}

# Priced tables by the contents of the tables they come from (see the module docstring), and
# each plan's figures by those contents, the key and the plan: many learners share a plan.
_priced: BoundedCache[tuple[pd.DataFrame, dict[str, pd.DataFrame]]] = BoundedCache(16)
_plans: BoundedCache[dict[str, str]] = BoundedCache(512)


def debrief_figures(lab: Lab) -> list[DebriefFigure]:
    """The learner's delivery plan, overturned programs and memo ticks beside the expert's."""
    return [*_plan_figures(lab), _question_figure(lab), _memo_figure(lab)]


def _complete_plan(lab: Lab, programs: Sequence[str]) -> tuple[dict[str, str] | None, str]:
    """The learner's plan when every program is placed at a known location, else what is missing."""
    choice = lab.choice(DECISION)
    chosen = choice if isinstance(choice, Mapping) else {}
    locations = {c.id for c in lab.decision(DECISION).categories}
    placed = {
        p: str(chosen[p]) for p in programs if isinstance(chosen.get(p), str) and chosen[p] in locations
    }
    if len(placed) < len(programs):
        return None, f"plan not complete: {len(placed)} of {len(programs)} programs placed"
    return placed, ""


def _frozen(mapping: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in mapping.items()))


def _plan_figures(lab: Lab) -> list[DebriefFigure]:
    tables = {t: lab.table(t) for t in TABLES}
    contents = table_contents(tables)
    costs, at_ends = _priced.get(
        contents, lambda: (lab_resolution_table(lab), {end: priced_at(tables, end, end) for end in ENDS})
    )
    programs = list(dict.fromkeys(costs["program"]))
    expert = {p: str(loc) for p, loc in dict(perfect_answer(lab.decision(DECISION))).items()}
    keys = {item.id: item.key for item in lab.decision(DECISION).items}
    yours, missing = _complete_plan(lab, programs)

    def priced(plan: Mapping[str, str]) -> dict[str, str]:
        key = (contents, _frozen(expert), _frozen(keys), _frozen(plan))
        return _plans.get(key, lambda: priced_anew(plan))

    def priced_anew(plan: Mapping[str, str]) -> dict[str, str]:
        rows = plan_rows(costs, plan)
        gaps = []
        for end in ENDS:
            at_end = at_ends[end]
            gap = (
                plan_rows(at_end, plan)["monthly_total"].sum()
                - plan_rows(at_end, expert)["monthly_total"].sum()
            )
            gaps.append(f"{usd(gap * MONTHS)} at the {END_WORDS[end]} values")
        return {
            "total": f"{usd(rows['monthly_total'].sum())} a month",
            "budget": f"{usd(rows['monthly_cost'].sum())} a month",
            "risk": f"{usd(rows[AT_RISK].sum())} a month",
            "repeats": f"{rows['repeat_contacts_per_month'].sum():,.0f} a month",
            "gap": "; ".join(gaps),
            "matches": f"{sum(plan[p] in keys.get(p, [expert[p]]) for p in programs)} of {len(programs)}",
        }

    measures = {
        "total": "Delivery plan: cost of resolving every issue, plus margin at risk",
        "budget": "Of which the support budget (labour, repeats, rework, QA, attrition)",
        "risk": "Of which margin at risk, from customers a weaker team loses",
        "repeats": "Repeat contacts under the plan",
        "gap": "A year against the expert plan, churn and margin at low, stated, high values",
        "matches": "Programs placed where the expert places them",
    }
    # A half-placed plan has no cost to compare: every figure says what is missing instead.
    theirs = priced(yours) if yours is not None else dict.fromkeys(measures, missing)
    best = priced(expert)
    return [DebriefFigure(measures[k], theirs[k], best[k]) for k in measures]


def _question_figure(lab: Lab) -> DebriefFigure:
    decision = lab.decision(QUESTION)
    overturned = {o.id for o in decision.options if o.correct}

    def ticks(chosen: set[str]) -> str:
        borne_out = len(chosen - overturned)
        wrong = "none" if not borne_out else str(borne_out)
        return (
            f"{len(chosen & overturned)} of {len(overturned)} overturned programs ticked; "
            f"{wrong} where the pilot bore the ratings out"
        )

    choice = lab.choice(QUESTION)
    if isinstance(choice, list | tuple | set | frozenset) and not isinstance(choice, str):
        yours = ticks({str(c) for c in choice})
    else:
        yours = "not answered yet"
    return DebriefFigure(
        "Programs where the pilot overturned the ratings' prediction", yours, ticks(overturned)
    )


def _memo_figure(lab: Lab) -> DebriefFigure:
    decision = lab.decision(MEMO)
    faulty = {o.id for o in decision.options if o.correct}

    def ticks(chosen: set[str]) -> str:
        sound = len(chosen - faulty)
        wrong = "no sound paragraph" if not sound else f"{sound} sound paragraph{'s' if sound > 1 else ''}"
        return f"{len(chosen & faulty)} of {len(faulty)} paragraphs to send back ticked; {wrong} ticked"

    choice = lab.choice(MEMO)
    if isinstance(choice, list | tuple | set | frozenset) and not isinstance(choice, str):
        yours = ticks({str(c) for c in choice})
    else:
        yours = "not answered yet"
    return DebriefFigure("Memo paragraphs ticked", yours, ticks(faulty))
