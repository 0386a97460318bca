"""Assign: the learner places each item into a category; some categories earn part credit."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from grader.kinds.base import (
    PLACEHOLDER,
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
        return self


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
            share = 1.0 if chosen in item.key else item.partial.get(chosen, 0.0)
            total += share
            prefix = f"You chose {categories[chosen].label}. "
            judgement.notes.append(Note(item.label, verdict_for(share), prefix + item.feedback))
        judgement.fraction = total / len(decision.items)
        return judgement

    def practice_notes(self, decision: Assign, value: object) -> list[Note]:
        """Per placed item, its verdict and a hint of what to weigh; never the item's feedback.

        An item's ``feedback`` says where it belongs ("Offshore fits"), so it waits for the
        reveal; the hint (or the decision's principle) names the consideration, not the place.
        """
        if not isinstance(value, Mapping):
            return []
        categories = {c.id: c for c in decision.categories}
        notes = []
        for item in decision.items:
            chosen = value.get(item.id)
            if not isinstance(chosen, str) or chosen not in categories:
                continue
            share = 1.0 if chosen in item.key else item.partial.get(chosen, 0.0)
            hint = item.hint or NO_HINT
            notes.append(
                Note(item.label, verdict_for(share), f"You chose {categories[chosen].label}. {hint}")
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

    def perfect_answer(self, decision: Assign) -> object:
        return {item.id: item.key[0] for item in decision.items}

    def random_answer(self, decision: Assign, rng: random.Random) -> object:
        return {item.id: rng.choice(decision.categories).id for item in decision.items}


KIND = AssignKind()
