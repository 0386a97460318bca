"""What every decision kind shares: the schema base, the judging result and the kind interface.

A kind module (``grader/kinds/<name>.py``) builds on this file alone, so the scenario
schema, the engine and the widgets can all depend on the kinds without the kinds depending
on them.  Nothing here imports ipywidgets: validating a scenario or scoring one must stay
free of the widget toolkit, which only a drawn panel needs.
"""

from __future__ import annotations

import hashlib
import random
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Generic, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import ipywidgets

__all__ = [
    "PLACEHOLDER",
    "WIDE",
    "DecisionBase",
    "Identifier",
    "Judgement",
    "Kind",
    "Note",
    "Option",
    "Reader",
    "Strict",
    "Verdict",
    "kind_name",
    "show",
    "shuffled_options",
    "unique_ids",
    "verdict_for",
]

# --- the schema base ---------------------------------------------------------------

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_\-]*$",
        max_length=64,
        description="Stable id: lower-case letters, digits, '_' and '-'.",
    ),
]


class Strict(BaseModel):
    """Base for every schema model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    """One choice a learner can pick, with the feedback that explains it."""

    id: Identifier
    label: str = Field(min_length=1, description="Text the learner sees.")
    feedback: str = Field(min_length=1, description="Why this option is right, partly right or wrong.")
    credit: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="Share of the decision's points this option earns (single choice).",
    )
    correct: bool = Field(
        default=False, description="Whether the option belongs in the answer (multiple select)."
    )


class DecisionBase(Strict):
    """Fields every decision shares."""

    id: Identifier
    title: str = Field(min_length=1, description="Short name of the decision.")
    prompt: str = Field(min_length=1, description="The question, as the learner reads it.")
    points: float = Field(gt=0, description="Points the decision is worth.")
    principle: str = Field(min_length=1, description="The principle the debrief names for this decision.")


DB = TypeVar("DB", bound=DecisionBase)


def unique_ids(entries: list, field: str) -> None:
    """Raise ``ValueError`` at the second entry of ``field`` that reuses an id.

    The message starts with the entry's dotted path, which the loader turns into a line.
    """
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.id in seen:
            raise ValueError(
                f"{field}.{index}.id: '{entry.id}' is used twice (first at {field}.{seen[entry.id]})"
            )
        seen[entry.id] = index


def shuffled_options(decision: DB, seed: str) -> DB:
    """``decision`` with its options in an order drawn from ``seed``; one without options as is.

    Authors tend to list the key first, so the listed order would give it away.  Each option
    is placed by a hash of the seed and its id: the same seed always gives the same order,
    whatever order the file lists them in.  Answers name option ids, so the order changes
    nothing in scoring.  An order that happens to put every correct option of a multiple select
    on top (two or more of them), or to list an ordering in an order that earns every pair, is
    drawn again: "tick the first few" or "keep the order shown" must not be the key, and ruling
    out those few orders tells a learner next to nothing.
    """
    options = getattr(decision, "options", None)
    if not options:
        return decision
    correct = {o.id for o in options if getattr(o, "correct", False) is True}
    pairs_right = getattr(decision, "pairs_right", None)

    def order(salt: str) -> list[Option]:
        return sorted(options, key=lambda o: hashlib.sha256(f"{seed}{salt}:{o.id}".encode()).digest())

    def gives_the_key(listing: list[Option]) -> bool:
        if 2 <= len(correct) < len(options) and {o.id for o in listing[: len(correct)]} == correct:
            return True
        if pairs_right is None:
            return False
        right, pairs = pairs_right([o.id for o in listing])
        return right == pairs

    # Bounded: an ordering every listing of which earns full marks must still get a listing.
    shuffled, tries = order(""), 0
    while gives_the_key(shuffled) and tries < 50:
        tries += 1
        shuffled = order(f":again{tries}")
    return decision.model_copy(update={"options": shuffled})


# --- judging -----------------------------------------------------------------------


class Verdict(StrEnum):
    """How one part of an answer fared.  Each has a word and a symbol, never colour alone."""

    RIGHT = "right"
    PARTLY = "partly right"
    WRONG = "not right"
    MISSED = "missed"
    INFO = "note"

    @property
    def symbol(self) -> str:
        return {"right": "✓", "partly right": "◐", "not right": "✗", "missed": "○", "note": "•"}[self.value]


@dataclass(frozen=True)
class Note:
    """Feedback on one part of an answer: which part, how it fared, and why."""

    subject: str
    verdict: Verdict
    text: str


@dataclass
class Judgement:
    """What a kind's rule makes of a value: a share of the points, notes, unusable parts.

    The engine clamps ``fraction`` to [0, 1]; a rule may return any number.
    """

    fraction: float = 0.0
    notes: list[Note] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def verdict_for(share: float) -> Verdict:
    """The verdict of a part that earned ``share`` of its credit."""
    if share >= 1.0:
        return Verdict.RIGHT
    return Verdict.PARTLY if share > 0 else Verdict.WRONG


def show(value: object) -> str:
    """A value as a learner typed it, cut short enough for a one-line message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- the widget side ---------------------------------------------------------------

Reader = Callable[[], object | None]
"""Reads a control's current value, or ``None`` while it holds nothing to save."""

PLACEHOLDER = "— choose —"

WITHHELD = "Withheld: this copy of the scenario is the learner's; it is scored on the grading side."
"""The text that replaces every feedback text in a withheld copy (see ``Kind.withhold``)."""
WIDE = {"description_width": "initial"}


# --- the interface of a kind -------------------------------------------------------

D = TypeVar("D", bound=DecisionBase)


class Kind(ABC, Generic[D]):
    """One kind of decision: its schema model, its scoring rule, its control, its answers.

    A subclass sets ``model`` (a ``DecisionBase`` subclass whose ``kind`` field is a
    one-value ``Literal``, which is the kind's name), ``value_form`` and ``position``, and
    implements the six methods.  Methods receive decisions of ``model`` only: the registry
    dispatches on the decision's ``kind``.  A rule answers a value of the wrong shape with
    ``wrong_shape(value)``, whose message is written from ``value_form``.
    """

    model: ClassVar[type[DecisionBase]]
    value_form: ClassVar[str]
    """The learner's value in a few words ("a list of option ids"), for help and messages."""
    position: ClassVar[int]
    """Where the kind comes in lists shown to authors (the schema, "kind must be one of")."""

    @property
    def name(self) -> str:
        """The ``kind:`` an author writes, read from the model so it is written once."""
        return kind_name(self.model)

    def wrong_shape(self, value: object) -> Judgement:
        """The judgement of a value of the wrong shape: it earns nothing and says why."""
        return Judgement(problems=[f"expected {self.value_form}, got {show(value)}"])

    @abstractmethod
    def judge(self, decision: D, value: object) -> Judgement:
        """Score ``value``; never raise: a value that cannot be used is a problem, earning 0."""

    @abstractmethod
    def practice_notes(self, decision: D, value: object) -> list[Note]:
        """Practice feedback on ``value``: what the learner chose, explained, never the key.

        Shown while a learner works in practice mode, before they ask for the expert answer
        (``judge``'s notes).  A note may judge and explain a part the learner chose; it must
        not name, quote or point to a right answer the learner has not given.  A value of
        the wrong shape gets no notes (``judge`` reports its problems).
        """

    @abstractmethod
    def control(
        self, decision: D, saved: object | None, on_change: Callable[..., Any]
    ) -> tuple[ipywidgets.Widget, Reader]:
        """The keyboard-usable ipywidgets control, showing ``saved``, and its reader.

        ``on_change`` is observed on every input; import ipywidgets inside this method.
        """

    @abstractmethod
    def withhold(self, decision: D) -> D:
        """``decision`` as a learner's copy of an assessment holds it: still valid, but its key
        and feedback say nothing (every option equally credited, every text ``WITHHELD``)."""

    @abstractmethod
    def perfect_answer(self, decision: D) -> object:
        """An answer that earns every point of ``decision``."""

    @abstractmethod
    def random_answer(self, decision: D, rng: random.Random) -> object:
        """A well-formed answer picked at random (what a guessing learner might submit)."""

    def __repr__(self) -> str:
        return f"<kind {self.name!r}: {self.model.__name__}>"


def kind_name(model: type[DecisionBase]) -> str:
    """The tag of a decision model: the one value of its ``kind: Literal[...]`` field."""
    field_info = model.model_fields.get("kind")
    tags = get_args(field_info.annotation) if field_info is not None else ()
    if len(tags) != 1 or not isinstance(tags[0], str):
        raise TypeError(f"{model.__name__} needs a field 'kind: Literal[\"<name>\"]' naming its kind")
    return tags[0]
