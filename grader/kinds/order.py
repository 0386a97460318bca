"""Order: the learner ranks the options; credit is the share of pairs in the right order,
or, for an order that a lab's model prices, what the order costs.

Some neighbours in a key are equally defensible either way round (two checks of about the
same cost, say).  An author lists such pairs under ``either_order``: the pair earns its
credit in either order, and each option of it is right at either of the two places.  Only
neighbours in the key may be listed, so a pair never hides how its options stand against
the options between them.

Pairs weigh every pair alike, so an order that breaks the one dependency a decision is
built to test (a check placed before the check whose results it reads) can still earn
nearly full credit when every other pair is right.  An author lists such a dependency under
``caps``: ``{before: [a, b], at_most: 0.5}`` means that an order that puts ``a`` ahead of
``b`` earns at most half the points, however many pairs it has right.  Say the dependency
in the brief or the prompt, since the cap holds it to it.

Pairs treat every swap alike, yet a director judges an order by what it costs.  An order with
``scoring: {rule: regret, zero_at: ...}`` is scored by the money it loses against the best
order: full credit at no loss, none at a loss of ``zero_at`` times the best order's net.  Only
the lab's model knows what each order earns; on the side that grades it hands the net of every
complete order over with :meth:`Order.priced` (``LabCode.graded_scenario``), with the way the
lab writes money.  A copy nobody priced (a withheld copy, with no key to score against) falls
back to pairs.  Money cannot see everything a director weighs, so the lab may leave orders
unpriced with the reason (they earn nothing), and the rule may name ``gates`` (a judgement the
course teaches elsewhere, such as which queue may open a new provider) that cap credit however
little an order loses.  Where two queues are equally fit to open, the lab may judge orders that
open with the other against the best order that opens the same way (``par``).

Longer than 400 lines because the registry takes one module per kind (see ``grader.kinds``),
and an order has three rules over one key (pairs, caps on pairs, money lost) that its judge,
practice notes and learner's copy must each apply.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, PrivateAttr, model_validator

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
    Strict,
    Verdict,
    show,
    unique_ids,
    verdict_for,
)

if TYPE_CHECKING:
    import ipywidgets


class RegretGate(Strict):
    """A cap on the credit of the orders that break one judgement money cannot see."""

    id: Identifier = Field(description="The lab's name of the rule that says which orders it catches.")
    cap: float = Field(ge=0, lt=1, description="The most credit an order it catches can earn.")
    note: str = Field(
        min_length=1,
        description="What the learner reads when the gate applies: the judgement the order breaks.",
    )


class PairCap(Strict):
    """A cap on the credit of the orders that put one option ahead of another it depends on."""

    before: tuple[Identifier, Identifier] = Field(
        description=(
            "Two option ids [a, b]: an order that puts a ahead of b is capped. The key puts b first."
        ),
    )
    at_most: float = Field(ge=0, lt=1, description="The most credit, as a share, such an order can earn.")


class RegretScoring(Strict):
    """Score an order by the money it loses against the best order (see the module docstring)."""

    rule: Literal["regret"]
    gates: list[RegretGate] = Field(
        default_factory=list,
        description="Credit caps for orders that break a judgement money cannot see; say them in the prompt.",
    )
    zero_at: float = Field(
        gt=0,
        le=1,
        description=(
            "The loss, as a share of the best order's net, at which credit reaches 0; "
            "credit falls in a straight line from 1 at no loss."
        ),
    )

    def credit(self, loss: float, best: float) -> float:
        """The share of the points for an order that loses ``loss`` against a best net of ``best``.

        >>> RegretScoring(rule="regret", zero_at=0.5).credit(250_000, 2_000_000)
        0.75
        """
        if best <= 0:
            return 1.0 if loss <= 0 else 0.0
        return max(0.0, 1.0 - max(0.0, loss) / (self.zero_at * best))


class Order(DecisionBase):
    """Put options in order; credit is the share of pairs in order, or by money lost (``scoring``)."""

    kind: Literal["order"]
    options: list[Option] = Field(min_length=2, description="What the learner orders.")
    key: list[Identifier] = Field(min_length=2, description="The option ids in the right order.")
    either_order: list[tuple[Identifier, Identifier]] = Field(
        default_factory=list,
        description=(
            "Pairs of options next to each other in the key whose relative order is equally "
            "defensible: either order earns the pair's credit. Say why in both options' feedback."
        ),
    )
    caps: list[PairCap] = Field(
        default_factory=list,
        description=(
            "Dependencies the pair rule alone would underweight: an order that puts the first "
            "option ahead of the second earns at most 'at_most'. State each one in the brief."
        ),
    )
    scoring: RegretScoring | None = Field(
        default=None,
        description=(
            "How the order is scored when not by pairs: 'regret' scores it by the money it loses "
            "against the best order, priced by the lab's own model. Say the rule in the prompt."
        ),
    )
    # The net of every complete order (by option ids, first first), from the lab's model; only
    # a copy that the grading side priced has it (never one written to a file).
    _nets: dict[tuple[str, ...], float] | None = PrivateAttr(default=None)
    # Complete orders that cannot be priced, each with the reason; and the gates each order breaks.
    _unpriced: dict[tuple[str, ...], str] = PrivateAttr(default_factory=dict)
    _gated: dict[tuple[str, ...], tuple[str, ...]] = PrivateAttr(default_factory=dict)
    # Orders judged against a net below the best order's: the best of those that open as soundly.
    _par: dict[tuple[str, ...], float] = PrivateAttr(default_factory=dict)
    _money: Callable[[float], str] = PrivateAttr(default=str)

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

    @model_validator(mode="after")
    def _either_order_pairs_are_neighbours(self) -> Order:
        place = {option_id: index for index, option_id in enumerate(self.key)}
        seen: set[frozenset[str]] = set()
        for index, (first, second) in enumerate(self.either_order):
            where = f"either_order.{index}"
            unknown = [i for i in (first, second) if i not in place]
            if unknown:
                raise ValueError(f"{where}: not an option: {', '.join(unknown)}")
            if first == second:
                raise ValueError(f"{where}: a pair needs two different options, got '{first}' twice")
            if abs(place[first] - place[second]) != 1:
                raise ValueError(
                    f"{where}: '{first}' and '{second}' must be next to each other in the key "
                    f"(they are at places {place[first] + 1} and {place[second] + 1})"
                )
            if frozenset((first, second)) in seen:
                raise ValueError(f"{where}: the pair '{first}', '{second}' is listed twice")
            seen.add(frozenset((first, second)))
        return self

    @model_validator(mode="after")
    def _caps_name_a_dependency_the_key_keeps(self) -> Order:
        place = {option_id: index for index, option_id in enumerate(self.key)}
        if self.caps and self.scoring is not None:
            # A priced order has gates for the judgements money cannot see; two cap rules
            # would leave the author unsure which one holds.
            raise ValueError("caps: an order scored by regret caps its credit with the scoring's gates")
        seen: set[tuple[str, str]] = set()
        for index, cap in enumerate(self.caps):
            where = f"caps.{index}"
            first, second = cap.before
            unknown = [i for i in (first, second) if i not in place]
            if unknown:
                raise ValueError(f"{where}: not an option: {', '.join(unknown)}")
            if first == second:
                raise ValueError(f"{where}: a cap needs two different options, got '{first}' twice")
            if place[first] < place[second]:
                raise ValueError(f"{where}: the key itself puts '{first}' ahead of '{second}'")
            if self.either_way(first, second):
                raise ValueError(f"{where}: '{first}' and '{second}' are sound in either order")
            if cap.before in seen:
                raise ValueError(f"{where}: the cap '{first}' before '{second}' is listed twice")
            seen.add(cap.before)
        return self

    def priced(
        self,
        nets: dict[tuple[str, ...], float],
        money: Callable[[float], str],
        *,
        unpriced: dict[tuple[str, ...], str] | None = None,
        gated: dict[tuple[str, ...], tuple[str, ...]] | None = None,
        par: dict[tuple[str, ...], float] | None = None,
    ) -> Order:
        """A copy that knows the net of every complete order, for ``scoring: regret``, and writes
        an amount with ``money`` (the lab's format).

        ``unpriced`` names complete orders that earn nothing, each with the reason the learner
        reads; ``gated``, the ids of the scoring's gates that each order breaks; ``par``, for
        orders that open as soundly as the best one another way, the net each is judged against
        (the best net among such orders, at most the best order's).
        """
        ids = sorted(o.id for o in self.options)
        unpriced, gated, par = dict(unpriced or {}), dict(gated or {}), dict(par or {})
        wrong = [order for order in [*nets, *unpriced, *gated, *par] if sorted(order) != ids]
        if wrong or not nets:
            raise ValueError(f"{self.id}: the nets must be of complete orders of {', '.join(ids)}")
        if both := set(nets) & set(unpriced):
            raise ValueError(f"{self.id}: {len(both)} orders are both priced and unpriced")
        best = max(nets.values())
        if odd := [order for order, net in par.items() if order not in nets or net > best]:
            raise ValueError(f"{self.id}: {len(odd)} orders: a par unpriced or above the best net")
        known = {gate.id for gate in self.scoring.gates} if self.scoring else set()
        if unknown := sorted({g for broken in gated.values() for g in broken} - known):
            raise ValueError(f"{self.id}: not a gate of its scoring: {', '.join(unknown)}")
        copy = self.model_copy()
        copy._nets, copy._unpriced, copy._gated, copy._par = dict(nets), unpriced, gated, par
        copy._money = money
        return copy

    @property
    def by_regret(self) -> bool:
        """Whether this copy is scored by the money an order loses (it has the rule and the nets)."""
        return self.scoring is not None and self._nets is not None

    def loss(self, order: list[str]) -> tuple[float, float] | None:
        """(money ``order`` loses against the net it is judged against, the best order's net);
        ``None`` if it cannot be priced (not a complete order, one the lab left unpriced, or a copy
        nobody priced).  An order is judged against the best order, or its ``par`` if it has one."""
        if self._nets is None or tuple(order) not in self._nets:
            return None
        best = max(self._nets.values())
        return self._par.get(tuple(order), best) - self._nets[tuple(order)], best

    def judged_on_par(self, order: list[str]) -> bool:
        """Whether ``order`` opens as soundly as the best order another way, and so is judged
        against the best order that opens like it."""
        return tuple(order) in self._par

    def unpriced_because(self, order: list[str]) -> str | None:
        """Why the lab left the complete ``order`` unpriced; ``None`` if it did not."""
        return self._unpriced.get(tuple(order))

    def gates_broken(self, order: list[str]) -> list[RegretGate]:
        """The scoring's gates that ``order`` breaks (none for a copy nobody priced)."""
        broken = self._gated.get(tuple(order), ())
        return [gate for gate in (self.scoring.gates if self.scoring else []) if gate.id in broken]

    def either_way(self, first: str, second: str) -> bool:
        """Whether ``first`` and ``second`` earn their pair's credit in either order."""
        return frozenset((first, second)) in {frozenset(pair) for pair in self.either_order}

    def places(self, option_id: str) -> list[int]:
        """The places (from 1) at which ``option_id`` stands right: its own, and its partners'."""
        key_place = {o: i for i, o in enumerate(self.key, start=1)}
        partners = [b if a == option_id else a for a, b in self.either_order if option_id in (a, b)]
        return sorted({key_place[option_id], *(key_place[p] for p in partners)})

    def caps_broken(self, order: list[str]) -> list[PairCap]:
        """The caps whose first option ``order`` places ahead of their second (both placed)."""
        position = {c: i for i, c in enumerate(order)}
        return [
            cap
            for cap in self.caps
            if all(i in position for i in cap.before) and position[cap.before[0]] < position[cap.before[1]]
        ]

    def pair_credit(self, order: list[str]) -> float:
        """The share of the points ``order`` earns by pairs, held to the lowest cap it breaks.

        >>> d = Order.model_validate({"id": "o", "kind": "order", "title": "O", "prompt": "?",
        ...     "points": 1, "principle": "b reads a.", "key": ["a", "b", "c"],
        ...     "options": [{"id": i, "label": i, "feedback": "."} for i in "abc"],
        ...     "caps": [{"before": ["b", "a"], "at_most": 0.5}]})
        >>> d.pair_credit(["b", "a", "c"])
        0.5
        """
        right, pairs = self.pairs_right(order)
        return min([right / pairs, *(cap.at_most for cap in self.caps_broken(order))])

    def pairs_right(self, order: list[str]) -> tuple[int, int]:
        """How many pairs of the key ``order`` has in the right order, and how many pairs there are.

        A pair counts only when both of its options are placed; an ``either_order`` pair
        counts in either order.
        """
        position = {c: i for i, c in enumerate(order)}
        pairs = right = 0
        for i, first in enumerate(self.key):
            for second in self.key[i + 1 :]:
                pairs += 1
                if first in position and second in position:
                    right += position[first] < position[second] or self.either_way(first, second)
        return right, pairs


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
        if decision.by_regret:
            judgement.fraction, text = _regret(decision, seen, with_best=True)
            judgement.notes.append(Note(decision.title, verdict_for(judgement.fraction), text))
        else:
            judgement.fraction = decision.pair_credit(seen)
            if decision.caps_broken(seen):
                judgement.notes.append(
                    Note(decision.title, verdict_for(judgement.fraction), _capped_text(decision, seen))
                )
        position = {c: i for i, c in enumerate(seen, start=1)}
        for option_id in decision.key:
            option = options[option_id]
            places = decision.places(option_id)
            placed = position.get(option_id)
            if placed is None:
                verdict, where = Verdict.MISSED, "not placed"
            elif placed in places:
                verdict, where = Verdict.RIGHT, f"place {_places_text(places)}"
            else:
                verdict, where = (
                    Verdict.WRONG,
                    f"you put it at {placed}, it belongs at {_places_text(places)}",
                )
            judgement.notes.append(Note(option.label, verdict, f"{where}. {option.feedback}"))
        return judgement

    def practice_notes(self, decision: Order, value: object) -> list[Note]:
        """How many pairs stand in the right order, or what the order loses; not which pairs,
        nor where an option belongs, nor what the best order nets."""
        if isinstance(value, str) or not isinstance(value, list | tuple):
            return []
        known = {o.id for o in decision.options}
        seen = list(dict.fromkeys(c for c in value if isinstance(c, str) and c in known))
        if decision.by_regret:
            fraction, text = _regret(decision, seen, with_best=False)
            return [Note(decision.title, verdict_for(fraction), text)]
        right, pairs = decision.pairs_right(seen)
        text = f"{right} of {pairs} pairs of options are in the right order."
        if unplaced := len(known) - len(seen):
            text += f" {unplaced} option{'s are' if unplaced != 1 else ' is'} not placed yet."
        if broken := decision.caps_broken(seen):
            # Say that a dependency is broken, not which one: naming it would place two options.
            cap = min(c.at_most for c in broken)
            text += f" Your order puts an option ahead of one it depends on, so it earns at most {cap:.0%}."
        return [Note(decision.title, verdict_for(decision.pair_credit(seen)), text)]

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
        listed = [o.id for o in decision.options]
        # Caps name which option must come before which, so the learner's copy drops them too.
        update: dict[str, Any] = {"options": options, "key": listed, "either_order": [], "caps": []}
        if decision.scoring is not None:
            # A gate's id and note name the judgement it caps, which another decision may ask
            # for; the prompt states the caps, and grading reads the full copy.
            update["scoring"] = decision.scoring.model_copy(update={"gates": []})
        copy = decision.model_copy(update=update)
        # What each order earns, or which orders earn nothing or are capped, would give the key away.
        copy._nets, copy._unpriced, copy._gated, copy._par = None, {}, {}, {}
        return copy

    def perfect_answer(self, decision: Order) -> object:
        return list(decision.key)

    def random_answer(self, decision: Order, rng: random.Random) -> object:
        ids = [o.id for o in decision.options]
        rng.shuffle(ids)
        return ids


def _regret(decision: Order, order: list[str], *, with_best: bool) -> tuple[float, str]:
    """The credit of ``order`` by the money it loses, and a sentence that says it in the lab's money.

    ``with_best`` adds the best order's net: the expert feedback may give it, practice may not
    (with it, the best order is a search away).
    """
    scoring, money = decision.scoring, decision._money
    priced = decision.loss(order)
    if scoring is None:
        raise ValueError(f"{decision.id}: scored by pairs, not by the money an order loses")
    if priced is None and (why := decision.unpriced_because(order)) is not None:
        return 0.0, f"Your order cannot be priced, so it earns nothing: {why}"
    if priced is None:
        missing = len(decision.options) - len(order)
        return 0.0, (
            f"An order is judged by the money it loses against the best order, and only a complete "
            f"one can be priced: {missing} option{'s are' if missing != 1 else ' is'} not placed."
        )
    loss, best = priced
    credit = scoring.credit(loss, best)
    against = "the best order"
    if decision.judged_on_par(order):
        text = "Your first wave is as sound a start as the best order's, so it costs you nothing. "
        against = "the best order that starts the same way"
    else:
        text = ""
    if loss < 0.5:
        text += f"Your order loses no money against {against}."
    else:
        text += f"Your order loses {money(loss)} against {against}."
    if with_best:
        text += f" The best order nets {money(best)}."
    zero = money(scoring.zero_at * best) if with_best else f"{scoring.zero_at:.0%} of the best order's net"
    gates = decision.gates_broken(order)
    by_money = " by the money alone" if gates else ""
    text += f" Credit falls from full at no loss to none at a loss of {zero}: {credit:.0%}{by_money}."
    for gate in gates:
        # Money cannot see what the gate judges, so the cap holds however little the order loses.
        credit = min(credit, gate.cap)
        text += f" {' '.join(gate.note.split())} Such an order earns at most {gate.cap:.0%}."
    return credit, text


def _capped_text(decision: Order, order: list[str]) -> str:
    """What the graded feedback says of each cap ``order`` breaks: which option went ahead of which."""
    labels = {o.id: o.label.split("(")[0].split(":")[0].strip() for o in decision.options}
    right, pairs = decision.pairs_right(order)
    parts = [
        f"{labels[cap.before[0]]} comes before {labels[cap.before[1]]}, which it depends on: "
        f"such an order earns at most {cap.at_most:.0%}."
        for cap in decision.caps_broken(order)
    ]
    return f"{right} of {pairs} pairs are in the right order. " + " ".join(parts)


def _places_text(places: list[int]) -> str:
    """``[3]`` -> "3", ``[2, 3]`` -> "2 or 3 (either order is sound)"."""
    if len(places) == 1:
        return str(places[0])
    return f"{', '.join(map(str, places[:-1]))} or {places[-1]} (either order is sound)"


KIND = OrderKind()
