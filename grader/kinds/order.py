"""Order: the learner ranks the options; credit is the share of pairs in the right order."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from grader.kinds.base import (
    PLACEHOLDER,
    WIDE,
    WITHHELD,
    DecisionBase,
    Identifier,
    Judgement,
    Kind,
    Note,
    Option,
    Reader,
    Verdict,
    show,
    unique_ids,
    verdict_for,
)

if TYPE_CHECKING:
    import ipywidgets


class Order(DecisionBase):
    """Put options in order; credit is the share of pairs placed in the right order."""

    kind: Literal["order"]
    options: list[Option] = Field(min_length=2, description="What the learner orders.")
    key: list[Identifier] = Field(min_length=2, description="The option ids in the right order.")

    @model_validator(mode="after")
    def _key_is_permutation(self) -> Order:
        unique_ids(self.options, "options")
        ids = [o.id for o in self.options]
        if sorted(self.key) != sorted(ids):
            missing = sorted(set(ids) - set(self.key))
            unknown = sorted(set(self.key) - set(ids))
            detail = []
            if missing:
                detail.append(f"missing {', '.join(missing)}")
            if unknown:
                detail.append(f"not an option: {', '.join(unknown)}")
            if not detail:
                detail.append("an option is listed twice")
            raise ValueError(f"key: must list every option once ({'; '.join(detail)})")
        return self


class OrderKind(Kind[Order]):
    model = Order
    value_form = "a list of option ids in order"
    position = 4

    def judge(self, decision: Order, value: object) -> Judgement:
        options = {o.id: o for o in decision.options}
        if isinstance(value, str) or not isinstance(value, list | tuple):
            return self.wrong_shape(value)
        judgement = Judgement()
        seen: list[str] = []
        for choice in value:
            if not isinstance(choice, str) or choice not in options:
                judgement.problems.append(f"{show(choice)} is not an option; it is left out")
            elif choice in seen:
                judgement.problems.append(f"'{choice}' appears twice; only its first place counts")
            else:
                seen.append(choice)
        position = {c: i for i, c in enumerate(seen)}
        pairs = right = 0
        for i, first in enumerate(decision.key):
            for second in decision.key[i + 1 :]:
                pairs += 1
                if first in position and second in position and position[first] < position[second]:
                    right += 1
        judgement.fraction = right / pairs
        for place, option_id in enumerate(decision.key, start=1):
            option = options[option_id]
            placed = position.get(option_id)
            if placed is None:
                verdict, where = Verdict.MISSED, "not placed"
            elif placed + 1 == place:
                verdict, where = Verdict.RIGHT, f"place {place}"
            else:
                verdict, where = Verdict.WRONG, f"you put it at {placed + 1}, it belongs at {place}"
            judgement.notes.append(Note(option.label, verdict, f"{where}. {option.feedback}"))
        return judgement

    def practice_notes(self, decision: Order, value: object) -> list[Note]:
        """How many pairs stand in the right order; not which, nor where an option belongs."""
        if isinstance(value, str) or not isinstance(value, list | tuple):
            return []
        known = {o.id for o in decision.options}
        seen = list(dict.fromkeys(c for c in value if isinstance(c, str) and c in known))
        position = {c: i for i, c in enumerate(seen)}
        pairs = right = 0
        for i, first in enumerate(decision.key):
            for second in decision.key[i + 1 :]:
                pairs += 1
                right += first in position and second in position and position[first] < position[second]
        text = f"{right} of {pairs} pairs of options are in the right order."
        if unplaced := len(known) - len(seen):
            text += f" {unplaced} option{'s are' if unplaced != 1 else ' is'} not placed yet."
        return [Note(decision.title, verdict_for(right / pairs), text)]

    def control(
        self, decision: Order, saved: object | None, on_change: Callable[..., Any]
    ) -> tuple[ipywidgets.Widget, Reader]:
        import ipywidgets as w

        order = saved if isinstance(saved, list) else []
        options = [(PLACEHOLDER, "")] + [(o.label, o.id) for o in decision.options]
        known = {o.id for o in decision.options}
        menus = []
        for place in range(len(decision.options)):
            current = order[place] if place < len(order) and order[place] in known else ""
            menu = w.Dropdown(options=options, value=current, description=f"Place {place + 1}:", style=WIDE)
            menu.observe(on_change, names="value")
            menus.append(menu)
        return w.VBox(menus), lambda: [m.value for m in menus if m.value]

    def withhold(self, decision: Order) -> Order:
        options = [o.model_copy(update={"feedback": WITHHELD}) for o in decision.options]
        return decision.model_copy(update={"options": options, "key": [o.id for o in decision.options]})

    def perfect_answer(self, decision: Order) -> object:
        return list(decision.key)

    def random_answer(self, decision: Order, rng: random.Random) -> object:
        ids = [o.id for o in decision.options]
        rng.shuffle(ids)
        return ids


KIND = OrderKind()
