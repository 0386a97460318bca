"""Single choice: the learner picks one option; each option carries its share of the points."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from grader.kinds.base import (
    WIDE,
    WITHHELD,
    DecisionBase,
    Judgement,
    Kind,
    Note,
    Option,
    Reader,
    unique_ids,
    verdict_for,
)

if TYPE_CHECKING:
    import ipywidgets


class SingleChoice(DecisionBase):
    """Pick one option; each option declares the share of points it earns."""

    kind: Literal["single"]
    options: list[Option] = Field(min_length=2, description="The options to choose from.")

    @model_validator(mode="after")
    def _one_full_credit(self) -> SingleChoice:
        unique_ids(self.options, "options")
        if not any(o.credit == 1.0 for o in self.options):
            raise ValueError("options: at least one option needs 'credit: 1'")
        return self


class SingleChoiceKind(Kind[SingleChoice]):
    model = SingleChoice
    value_form = "one option id (text)"
    position = 1

    def judge(self, decision: SingleChoice, value: object) -> Judgement:
        options = {o.id: o for o in decision.options}
        if not isinstance(value, str):
            return self.wrong_shape(value)
        if value not in options:
            return Judgement(problems=[f"'{value}' is not an option (options: {', '.join(options)})"])
        option = options[value]
        return Judgement(option.credit, [Note(option.label, verdict_for(option.credit), option.feedback)])

    def practice_notes(self, decision: SingleChoice, value: object) -> list[Note]:
        """The chosen option's own feedback, which explains that choice; no other option's."""
        option = next((o for o in decision.options if o.id == value), None)
        if option is None:
            return []
        return [Note(option.label, verdict_for(option.credit), option.feedback)]

    def control(
        self, decision: SingleChoice, saved: object | None, on_change: Callable[..., Any]
    ) -> tuple[ipywidgets.Widget, Reader]:
        import ipywidgets as w

        ids = {o.id for o in decision.options}
        radio = w.RadioButtons(
            options=[(o.label, o.id) for o in decision.options],
            value=saved if saved in ids else None,
            description="Your choice:",
            style=WIDE,
            layout=w.Layout(width="max-content"),
        )
        radio.observe(on_change, names="value")
        return radio, lambda: radio.value

    def withhold(self, decision: SingleChoice) -> SingleChoice:
        options = [o.model_copy(update={"credit": 1.0, "feedback": WITHHELD}) for o in decision.options]
        return decision.model_copy(update={"options": options})

    def perfect_answer(self, decision: SingleChoice) -> object:
        return next(o.id for o in decision.options if o.credit == 1.0)

    def random_answer(self, decision: SingleChoice, rng: random.Random) -> object:
        return rng.choice(decision.options).id


KIND = SingleChoiceKind()
