"""Lab 03's debrief figures: what the learner's choices let through, against the expert path.

Lab 03 has no money model: its cost is what a buyer lets through or wastes.  Each figure is
worked out from the learner's choices and from the scenario's key in the same way, so on the
expert's own choices the two columns read the same:

* real red flags ticked, and sound practices ticked as flags;
* vendors shortlisted that carry a flag no clause closes, and vendors that pass the rule left
  out (the shortlist key is the rule applied to the flags, so a vendor outside it has such a
  flag);
* the real red flags the shortlist carries into the next round, and how many of them the
  learner flagged in the first decision (a flag not seen is a flag not negotiated);
* pairs of reviews out of the layered order (a pair the scenario calls sound
  either way round never counts);
* compliance questions that matter asked, and questions that do not asked.

A figure whose decision has no choice yet says so ("shortlist not chosen yet").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from grader.kinds.multiple import MultipleSelect
from grader.kinds.order import Order
from grader.labs.base import DebriefFigure

from .screening import FLAGS, SHORTLIST, vendor_label
from .shortlist import flags_by_vendor

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab

REVIEWS = "review_order"
QUESTIONS = "compliance_questions"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _picked(decision: MultipleSelect, choice: object | None) -> set[str] | None:
    """The known option ids of a multiple-select choice, or ``None`` while nothing is chosen.

    A hand-edited answers file may hold anything: only the decision's own ids count.
    """
    if not isinstance(choice, list):
        return None
    known = {o.id for o in decision.options}
    return {c for c in choice if isinstance(c, str)} & known


def _key(decision: MultipleSelect) -> set[str]:
    return {o.id for o in decision.options if o.correct}


def _flags_text(ticked: set[str], decision: MultipleSelect) -> str:
    real = _key(decision)
    sound = len(ticked - real)
    return f"{len(ticked & real)} of {len(real)} flags; {_plural(sound, 'sound practice')} ticked as a flag"


def _vendors_text(ids: set[str], names: dict[str, str]) -> str:
    if not ids:
        return "none"
    return f"{len(ids)}: " + ", ".join(vendor_label(v, names.get(v, v)) for v in sorted(ids))


def _carried_text(shortlist: set[str], ticked: set[str], flags: MultipleSelect) -> str:
    """The real flags the shortlisted vendors bring, and how many of them were ticked."""
    carried = [o.id for v in sorted(shortlist) for o in flags_by_vendor(list(flags.options)).get(v, [])]
    if not carried:
        return "none"
    seen = sum(flag in ticked for flag in carried)
    return f"{_plural(len(carried), 'flag')}, {seen} of them flagged in decision 1"


def _order_text(decision: Order, choice: object | None) -> str:
    placed = (
        list(dict.fromkeys(c for c in choice if isinstance(c, str) and c in decision.key))
        if isinstance(choice, list)
        else []
    )
    if len(placed) < len(decision.key):
        return f"order not complete ({len(placed)} of {len(decision.key)} reviews placed)"
    right, pairs = decision.pairs_right(placed)
    return f"{pairs - right} of {pairs} pairs"


def _questions_text(asked: set[str], decision: MultipleSelect) -> str:
    matter = _key(decision)
    extra = len(asked - matter)
    return f"{len(asked & matter)} of {len(matter)} that matter; {extra} that do not"


def debrief_figures(lab: Lab) -> Sequence[DebriefFigure]:
    """The learner's red flags, shortlist, review order and questions beside the expert path's."""
    flags, shortlist = lab.decision(FLAGS), lab.decision(SHORTLIST)
    reviews, questions = lab.decision(REVIEWS), lab.decision(QUESTIONS)
    if not (
        isinstance(flags, MultipleSelect)
        and isinstance(shortlist, MultipleSelect)
        and isinstance(reviews, Order)
        and isinstance(questions, MultipleSelect)
    ):
        return ()
    names = {str(r.id): str(r.vendor) for r in lab.table("vendors").itertuples(index=False)}
    ticked, picked = _picked(flags, lab.choice(FLAGS)), _picked(shortlist, lab.choice(SHORTLIST))
    asked = _picked(questions, lab.choice(QUESTIONS))
    expert_flags, expert_list = _key(flags), _key(shortlist)
    not_chosen = "{} not chosen yet"
    flags_missing = not_chosen.format("flags")
    list_missing = not_chosen.format("shortlist")
    return (
        DebriefFigure(
            "Real red flags ticked, and sound practices ticked as flags",
            flags_missing if ticked is None else _flags_text(ticked, flags),
            _flags_text(expert_flags, flags),
        ),
        DebriefFigure(
            "Vendors shortlisted that carry a red flag no clause closes",
            list_missing if picked is None else _vendors_text(picked - expert_list, names),
            _vendors_text(set(), names),
        ),
        DebriefFigure(
            "Vendors that pass the shortlist rule, left out",
            list_missing if picked is None else _vendors_text(expert_list - picked, names),
            _vendors_text(set(), names),
        ),
        DebriefFigure(
            "Red flags your shortlist takes into the next round",
            list_missing if picked is None else _carried_text(picked, ticked or set(), flags),
            _carried_text(expert_list, expert_flags, flags),
        ),
        DebriefFigure(
            "Pairs of reviews out of the layered order",
            _order_text(reviews, lab.choice(REVIEWS)),
            _order_text(reviews, list(reviews.key)),
        ),
        DebriefFigure(
            "Compliance questions asked",
            not_chosen.format("questions") if asked is None else _questions_text(asked, questions),
            _questions_text(_key(questions), questions),
        ),
    )
