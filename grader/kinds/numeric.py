"""Numeric: the learner enters a number; full credit within a tolerance, part within a wider band."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from grader.kinds.base import WIDE, WITHHELD, DecisionBase, Judgement, Kind, Note, Reader, verdict_for

if TYPE_CHECKING:
    import ipywidgets

# Distances come from float arithmetic (0.4 - 0.1 is 0.30000000000000004); the slack keeps
# a value that sits on the edge of a band inside it.
SLACK = 1e-9


class Numeric(DecisionBase):
    """Enter a number; full credit within the tolerance, part credit within a wider band."""

    kind: Literal["numeric"]
    answer: float = Field(description="The right value.")
    tolerance: float = Field(ge=0, description="Largest distance from the answer that earns full credit.")
    partial_tolerance: float | None = Field(
        default=None, ge=0, description="Largest distance that still earns partial credit."
    )
    partial_credit: float = Field(
        default=0.5, ge=0, le=1, description="Share of points earned within partial_tolerance."
    )
    unit: str = Field(default="", description="Unit shown beside the input, e.g. 'USD'.")
    feedback: str = Field(min_length=1, description="How the right value is worked out.")

    @model_validator(mode="after")
    def _bands_nest(self) -> Numeric:
        if self.partial_tolerance is not None and self.partial_tolerance < self.tolerance:
            raise ValueError("partial_tolerance: must not be smaller than tolerance")
        return self


class NumericKind(Kind[Numeric]):
    model = Numeric
    value_form = "a number"
    position = 5

    def judge(self, decision: Numeric, value: object) -> Judgement:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.wrong_shape(value)
        if not math.isfinite(value):
            return Judgement(problems=[f"expected a finite number, got {value}"])
        distance = abs(value - decision.answer)
        unit = f" {decision.unit}" if decision.unit else ""
        if distance <= decision.tolerance + SLACK:
            share = 1.0
        elif decision.partial_tolerance is not None and distance <= decision.partial_tolerance + SLACK:
            share = decision.partial_credit
        else:
            share = 0.0
        text = f"You entered {value:g}{unit}. {decision.feedback}"
        return Judgement(share, [Note(decision.title, verdict_for(share), text)])

    def practice_notes(self, decision: Numeric, value: object) -> list[Note]:
        """Whether the value is within the tolerance (or the wider band); not the answer.

        The decision's ``feedback`` works the answer out, so it waits for the reveal.
        """
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return []
        distance = abs(value - decision.answer)
        unit = f" {decision.unit}" if decision.unit else ""
        if distance <= decision.tolerance + SLACK:
            share, text = 1.0, "within the tolerance of the right value."
        elif decision.partial_tolerance is not None and distance <= decision.partial_tolerance + SLACK:
            share, text = decision.partial_credit, "close, but not within the tolerance; check your working."
        else:
            share, text = 0.0, "not within the tolerance; check your working against the principle."
        return [Note(decision.title, verdict_for(share), f"You entered {value:g}{unit}: {text}")]

    def control(
        self, decision: Numeric, saved: object | None, on_change: Callable[..., Any]
    ) -> tuple[ipywidgets.Widget, Reader]:
        import ipywidgets as w

        has_value = isinstance(saved, int | float) and not isinstance(saved, bool)
        box = w.FloatText(
            value=float(saved) if has_value else 0.0,  # type: ignore[arg-type]
            description=f"Your answer{f' ({decision.unit})' if decision.unit else ''}:",
            style=WIDE,
            continuous_update=False,
        )
        box.observe(on_change, names="value")
        return box, lambda: box.value

    def withhold(self, decision: Numeric) -> Numeric:
        return decision.model_copy(
            update={"answer": 0.0, "tolerance": 0.0, "partial_tolerance": None, "feedback": WITHHELD}
        )

    def perfect_answer(self, decision: Numeric) -> object:
        return decision.answer

    def random_answer(self, decision: Numeric, rng: random.Random) -> object:
        spread = max(abs(decision.answer), 1.0)
        return round(decision.answer + rng.uniform(-spread, spread), 2)


KIND = NumericKind()
