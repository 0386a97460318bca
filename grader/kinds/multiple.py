"""Multiple select: the learner ticks every option that applies; a wrong tick cancels right ones."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from grader.kinds.base import (
    WITHHELD,
    DecisionBase,
    Judgement,
    Kind,
    Note,
    Option,
    Reader,
    Verdict,
    show,
    unique_ids,
)

if TYPE_CHECKING:
    import ipywidgets


class MultipleSelect(DecisionBase):
    """Pick every option that applies; false picks cost points."""

    kind: Literal["multiple"]
    options: list[Option] = Field(min_length=2, description="The options to choose from.")
    false_pick_penalty: float = Field(
        default=1.0,
        ge=0.0,
        description="How many correct picks one wrong pick cancels out.",
    )

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleSelect:
        unique_ids(self.options, "options")
        if not any(o.correct for o in self.options):
            raise ValueError("options: at least one option needs 'correct: true'")
        return self


class MultipleSelectKind(Kind[MultipleSelect]):
    model = MultipleSelect
    value_form = "a list of option ids"
    position = 2

    def judge(self, decision: MultipleSelect, value: object) -> Judgement:
        options = {o.id: o for o in decision.options}
        if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
            return self.wrong_shape(value)
        judgement = Judgement()
        picked: set[str] = set()
        wrong_picks = 0
        for choice in value:
            if not isinstance(choice, str) or choice not in options:
                judgement.problems.append(f"{show(choice)} is not an option; it counts as a wrong pick")
                wrong_picks += 1
            elif choice not in picked:
                picked.add(choice)
        for option in decision.options:
            if option.id in picked:
                verdict = Verdict.RIGHT if option.correct else Verdict.WRONG
                wrong_picks += 0 if option.correct else 1
                judgement.notes.append(Note(option.label, verdict, option.feedback))
            elif option.correct:
                judgement.notes.append(Note(option.label, Verdict.MISSED, option.feedback))
        correct_total = sum(o.correct for o in decision.options)
        hits = sum(options[c].correct for c in picked)
        judgement.fraction = (hits - decision.false_pick_penalty * wrong_picks) / correct_total
        return judgement

    def practice_notes(self, decision: MultipleSelect, value: object) -> list[Note]:
        """Each ticked option's verdict and feedback; of the missed ones, only how many.

        Naming a missed option (or quoting its feedback) would hand it over after one tick.
        Ticking more options than the key holds gets no verdicts at all: otherwise ticking
        every option once would show the whole key, unlogged.  The note says only that
        fewer belong, which the count of unticked statements has already told.
        """
        if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
            return []
        ticked = [o for o in decision.options if o.id in value]
        keyed = sum(o.correct for o in decision.options)
        if len(ticked) > keyed:
            return [
                Note(
                    "Too many ticks",
                    Verdict.INFO,
                    f"You ticked {len(ticked)} statements; fewer than that belong here. "
                    "Untick the ones you would not defend to see a note on each tick.",
                )
            ]
        notes = [Note(o.label, Verdict.RIGHT if o.correct else Verdict.WRONG, o.feedback) for o in ticked]
        missed = sum(o.correct and o.id not in value for o in decision.options)
        if missed:
            which = "statement that belongs" if missed == 1 else "statements that belong"
            notes.append(
                Note(
                    "Not ticked yet",
                    Verdict.MISSED,
                    f"{missed} {which} here {'is' if missed == 1 else 'are'} not ticked yet.",
                )
            )
        return notes

    def control(
        self, decision: MultipleSelect, saved: object | None, on_change: Callable[..., Any]
    ) -> tuple[ipywidgets.Widget, Reader]:
        import ipywidgets as w

        chosen = set(saved) if isinstance(saved, list) else set()
        boxes = {
            o.id: w.Checkbox(
                value=o.id in chosen, description=o.label, indent=False, layout=w.Layout(width="auto")
            )
            for o in decision.options
        }
        for box in boxes.values():
            box.observe(on_change, names="value")
        return w.VBox(list(boxes.values())), lambda: [i for i, b in boxes.items() if b.value]

    def withhold(self, decision: MultipleSelect) -> MultipleSelect:
        options = [o.model_copy(update={"correct": True, "feedback": WITHHELD}) for o in decision.options]
        return decision.model_copy(update={"options": options})

    def perfect_answer(self, decision: MultipleSelect) -> object:
        return [o.id for o in decision.options if o.correct]

    def random_answer(self, decision: MultipleSelect, rng: random.Random) -> object:
        return [o.id for o in decision.options if rng.random() < 0.5]


KIND = MultipleSelectKind()
