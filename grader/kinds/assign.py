"""Assign: the learner places each item into a category; some categories earn part credit."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from grader.kinds.base import (
    PLACEHOLDER,
    WITHHELD,
    DecisionBase,
    Identifier,
    Judgement,
    Kind,
    Note,
    Reader,
    Strict,
    Verdict,
    show,
    unique_ids,
    verdict_for,
)

if TYPE_CHECKING:
    import ipywidgets


# Shown for an item without a hint: the principle closes every result, so it is not repeated.
NO_HINT = "Weigh this item's attributes against the principle below."


class Elsewhere(Strict):
    """Why an item placed in one of these categories earns less than in its key."""

    places: list[Identifier] = Field(
        min_length=1, description="Categories this text answers; all earn the same credit for the item."
    )
    feedback: str = Field(
        min_length=1,
        description=(
            "Why that place is worse for this item, without naming where it belongs: shown as soon "
            "as the learner places it there, in practice too."
        ),
    )


class Item(Strict):
    """Something the learner places into a category (assign decisions)."""

    id: Identifier
    label: str = Field(min_length=1, description="Text the learner sees.")
    key: list[Identifier] = Field(min_length=1, description="Categories that earn full credit for this item.")
    partial: dict[Identifier, float] = Field(
        default_factory=dict,
        description="Other categories that earn part of the credit, as a share from 0 to 1.",
    )
    feedback: str = Field(min_length=1, description="Why the item belongs where the key puts it.")
    hint: str = Field(
        default="",
        description=(
            "Practice feedback for this item: what to weigh, without naming its category. "
            "Empty: the learner is pointed to the decision's principle."
        ),
    )
    elsewhere: list[Elsewhere] = Field(
        default_factory=list,
        description="Per category outside the key (or group of equal credit): why it is worse there.",
    )

    def credit(self, category: str) -> float:
        """The share of this item's credit that ``category`` earns."""
        return 1.0 if category in self.key else self.partial.get(category, 0.0)

    def why_not(self, category: str) -> str:
        """This item's text for a place outside its key; empty if the author wrote none."""
        return next((e.feedback for e in self.elsewhere if category in e.places), "")


class Category(Strict):
    """A bucket an item can be assigned to."""

    id: Identifier
    label: str = Field(min_length=1, description="Text the learner sees.")
    description: str = Field(default="", description="What the category means.")


class Assign(DecisionBase):
    """Place each item into one category."""

    kind: Literal["assign"]
    categories: list[Category] = Field(min_length=2, description="Where items can go.")
    items: list[Item] = Field(min_length=1, description="What the learner places.")

    @model_validator(mode="after")
    def _keys_exist(self) -> Assign:
        unique_ids(self.categories, "categories")
        unique_ids(self.items, "items")
        known = {c.id for c in self.categories}
        for index, item in enumerate(self.items):
            for field, categories in (("key", item.key), ("partial", list(item.partial))):
                unknown = [c for c in categories if c not in known]
                if unknown:
                    raise ValueError(
                        f"items.{index}.{field}: '{unknown[0]}' is not one of the categories "
                        f"({', '.join(sorted(known))})"
                    )
            for category, share in item.partial.items():
                if not 0.0 <= share <= 1.0:
                    raise ValueError(f"items.{index}.partial.{category}: must be from 0 to 1")
            _check_elsewhere(item, index, known)
        return self


def _check_elsewhere(item: Item, index: int, known: set[str]) -> None:
    """Each text answers categories outside the key, each category once, all of equal credit."""
    answered: set[str] = set()
    for number, entry in enumerate(item.elsewhere):
        where = f"items.{index}.elsewhere.{number}.places"
        for place in entry.places:
            if place not in known:
                raise ValueError(
                    f"{where}: '{place}' is not one of the categories ({', '.join(sorted(known))})"
                )
            if place in item.key:
                raise ValueError(f"{where}: '{place}' is in this item's key; its feedback says why it fits")
            if place in answered:
                raise ValueError(f"{where}: '{place}' already has a text in an earlier entry")
            answered.add(place)
        credits = {item.credit(place) for place in entry.places}
        if len(credits) > 1:
            raise ValueError(
                f"{where}: {', '.join(entry.places)} earn different credit "
                f"({', '.join(f'{c:g}' for c in sorted(credits))}); give each its own text"
            )


class AssignKind(Kind[Assign]):
    model = Assign
    value_form = "a mapping of item id to category id"
    position = 3

    def judge(self, decision: Assign, value: object) -> Judgement:
        if not isinstance(value, Mapping):
            return self.wrong_shape(value)
        categories = {c.id: c for c in decision.categories}
        # In the scenario's order (a set's order changes from one process to the next).
        items = {i.id: i for i in decision.items}
        judgement = Judgement()
        judgement.problems.extend(
            f"'{key}' is not an item (items: {', '.join(items)})" for key in value if key not in items
        )
        total = 0.0
        for item in decision.items:
            chosen = value.get(item.id)
            if chosen is None:
                judgement.notes.append(Note(item.label, Verdict.MISSED, "Not placed yet. " + item.feedback))
                continue
            if not isinstance(chosen, str) or chosen not in categories:
                judgement.problems.append(
                    f"{item.label}: {show(chosen)} is not a category (categories: {', '.join(categories)})"
                )
                continue
            share = item.credit(chosen)
            total += share
            why_not = item.why_not(chosen) if share < 1.0 else ""
            text = " ".join(
                part for part in (f"You chose {categories[chosen].label}.", why_not, item.feedback) if part
            )
            judgement.notes.append(Note(item.label, verdict_for(share), text))
        judgement.fraction = total / len(decision.items)
        return judgement

    def practice_notes(self, decision: Assign, value: object) -> list[Note]:
        """Per placed item, its verdict and what speaks against the chosen place; never the
        item's feedback.

        An item's ``feedback`` says where it belongs ("Offshore fits"), so it waits for the
        reveal.  A place outside the key gets its own text (``elsewhere``: why that place is
        worse, written not to name the right one); a right place, or one without such a text,
        gets the hint (or the decision's principle), which names the consideration.
        """
        if not isinstance(value, Mapping):
            return []
        categories = {c.id: c for c in decision.categories}
        notes = []
        for item in decision.items:
            chosen = value.get(item.id)
            if not isinstance(chosen, str) or chosen not in categories:
                continue
            share = item.credit(chosen)
            said = (item.why_not(chosen) if share < 1.0 else "") or item.hint or NO_HINT
            notes.append(
                Note(item.label, verdict_for(share), f"You chose {categories[chosen].label}. {said}")
            )
        unplaced = sum(not isinstance(value.get(i.id), str) for i in decision.items)
        if unplaced:
            notes.append(
                Note(
                    "Not placed yet",
                    Verdict.MISSED,
                    f"{unplaced} of {len(decision.items)} items are not placed yet.",
                )
            )
        return notes

    def control(
        self, decision: Assign, saved: object | None, on_change: Callable[..., Any]
    ) -> tuple[ipywidgets.Widget, Reader]:
        import ipywidgets as w

        placed = saved if isinstance(saved, dict) else {}
        options = [(PLACEHOLDER, "")] + [(c.label, c.id) for c in decision.categories]
        known = {c.id for c in decision.categories}
        menus = {}
        for item in decision.items:
            current = placed.get(item.id, "")
            menus[item.id] = w.Dropdown(
                options=options,
                value=current if current in known else "",
                description=item.label,
                style={"description_width": "18em"},
                layout=w.Layout(width="36em"),
            )
            menus[item.id].observe(on_change, names="value")
        return w.VBox(list(menus.values())), lambda: {i: m.value for i, m in menus.items() if m.value}

    def withhold(self, decision: Assign) -> Assign:
        every_place = [c.id for c in decision.categories]
        items = [
            i.model_copy(
                update={"key": every_place, "partial": {}, "feedback": WITHHELD, "hint": "", "elsewhere": []}
            )
            for i in decision.items
        ]
        return decision.model_copy(update={"items": items})

    def perfect_answer(self, decision: Assign) -> object:
        return {item.id: item.key[0] for item in decision.items}

    def random_answer(self, decision: Assign, rng: random.Random) -> object:
        return {item.id: rng.choice(decision.categories).id for item in decision.items}


KIND = AssignKind()
