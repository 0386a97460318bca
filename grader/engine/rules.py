"""How each kind of decision is scored.  Pure functions: scenario data and a value in,
a fraction of credit and the notes that explain it out.

A value of the wrong shape, or naming options that do not exist, is reported as a
problem and earns nothing; it never raises.  Fractions are clamped to [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from grader.engine.results import Note, Verdict
from grader.schema.model import AnyDecision, Assign, MultipleSelect, Numeric, Order, SingleChoice


@dataclass
class Judgement:
    fraction: float = 0.0
    notes: list[Note] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def judge(decision: AnyDecision, value: object) -> Judgement:
    """Score ``value`` against ``decision``; see the module docstring for the contract."""
    if isinstance(decision, SingleChoice):
        result = _single(decision, value)
    elif isinstance(decision, MultipleSelect):
        result = _multiple(decision, value)
    elif isinstance(decision, Assign):
        result = _assign(decision, value)
    elif isinstance(decision, Order):
        result = _order(decision, value)
    else:
        result = _numeric(decision, value)
    result.fraction = min(1.0, max(0.0, result.fraction))
    return result


def _verdict(share: float) -> Verdict:
    if share >= 1.0:
        return Verdict.RIGHT
    return Verdict.PARTLY if share > 0 else Verdict.WRONG


def _single(decision: SingleChoice, value: object) -> Judgement:
    options = {o.id: o for o in decision.options}
    if not isinstance(value, str):
        return Judgement(problems=[f"expected one option id (text), got {_show(value)}"])
    if value not in options:
        return Judgement(problems=[f"'{value}' is not an option (options: {', '.join(options)})"])
    option = options[value]
    return Judgement(option.credit, [Note(option.label, _verdict(option.credit), option.feedback)])


def _multiple(decision: MultipleSelect, value: object) -> Judgement:
    options = {o.id: o for o in decision.options}
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        return Judgement(problems=[f"expected a list of option ids, got {_show(value)}"])
    judgement = Judgement()
    picked: set[str] = set()
    wrong_picks = 0
    for choice in value:
        if not isinstance(choice, str) or choice not in options:
            judgement.problems.append(f"{_show(choice)} is not an option; it counts as a wrong pick")
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


def _assign(decision: Assign, value: object) -> Judgement:
    if not isinstance(value, Mapping):
        return Judgement(problems=[f"expected a mapping of item id to category id, got {_show(value)}"])
    categories = {c.id: c for c in decision.categories}
    items = {i.id for i in decision.items}
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
                f"{item.label}: {_show(chosen)} is not a category (categories: {', '.join(categories)})"
            )
            continue
        share = 1.0 if chosen in item.key else item.partial.get(chosen, 0.0)
        total += share
        prefix = f"You chose {categories[chosen].label}. "
        judgement.notes.append(Note(item.label, _verdict(share), prefix + item.feedback))
    judgement.fraction = total / len(decision.items)
    return judgement


def _order(decision: Order, value: object) -> Judgement:
    options = {o.id: o for o in decision.options}
    if isinstance(value, str) or not isinstance(value, list | tuple):
        return Judgement(problems=[f"expected a list of option ids in order, got {_show(value)}"])
    judgement = Judgement()
    seen: list[str] = []
    for choice in value:
        if not isinstance(choice, str) or choice not in options:
            judgement.problems.append(f"{_show(choice)} is not an option; it is left out")
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


def _numeric(decision: Numeric, value: object) -> Judgement:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Judgement(problems=[f"expected a number, got {_show(value)}"])
    if not math.isfinite(value):
        return Judgement(problems=[f"expected a finite number, got {value}"])
    distance = abs(value - decision.answer)
    unit = f" {decision.unit}" if decision.unit else ""
    if distance <= decision.tolerance + 1e-9:
        share = 1.0
    elif decision.partial_tolerance is not None and distance <= decision.partial_tolerance + 1e-9:
        share = decision.partial_credit
    else:
        share = 0.0
    text = f"You entered {value:g}{unit}. {decision.feedback}"
    return Judgement(share, [Note(decision.title, _verdict(share), text)])


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
