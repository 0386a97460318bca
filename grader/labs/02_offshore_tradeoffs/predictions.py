"""Lab 02: what the ratings predict for the offshore team, and where the pilot overturned it.

The programs table rates every program on three things that bear on whether work travels
far: how far it can be scripted (standardisation), how upset or vulnerable its callers are
(emotional weight) and how often its rules change (change pace). The notebook states one
rule for reading them. A rating off the middle points one way (:data:`TRAVELS`): high
standardisation, calm callers and rules that rarely change say the offshore team will hold;
low standardisation, upset or vulnerable callers and rules that change weekly say it will
fall behind. A medium rating points neither way. The course's programs are rated so that
every one of them has a rating off the middle and none has ratings off the middle that
point both ways (:func:`prediction_is_clear`), so the rule gives each a prediction no
learner can read two ways.

The pilot then says what happened: the offshore team *fell behind* on a program when, by
weeks 7 and 8, it was :data:`LOST_GROUND` or more behind your own team on the program's
quality measure (FCR, or the save rate on a save desk). The deciding-question decision asks
which programs' pilot results **overturned** the prediction (:func:`overturned_programs`).
Because that key is the prediction *compared with* the pilot, neither a scan of the ratings
nor a scan of the pilot finds it alone: each scenario overturns one prediction each way,
and confirms others of both kinds, so ticking where the ratings say "falls behind", or where
the pilot shows it fell behind, earns at most half.

>>> import pandas as pd
>>> programs = pd.DataFrame({
...     "id": ["scripted", "judgement", "offers"], "standardisation": ["high", "low", "medium"],
...     "emotional_weight": ["low", "high", "medium"], "change_pace": ["medium", "medium", "high"],
...     "quality_measure": ["fcr"] * 3})
>>> estimates = pd.DataFrame({
...     "program": ["scripted"] * 2 + ["judgement"] * 2 + ["offers"] * 2,
...     "location": ["inhouse", "offshore"] * 3, "fcr": [0.80, 0.78, 0.80, 0.60, 0.80, 0.78]})
>>> predicted_to_hold(programs)
{'scripted': True, 'judgement': False, 'offers': False}
>>> offshore_held(programs, estimates)
{'scripted': True, 'judgement': False, 'offers': True}
>>> overturned_programs(programs, estimates)
['offers']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pricing import HOME

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FAR",
    "LOST_GROUND",
    "TRAVELS",
    "offshore_held",
    "overturned_programs",
    "predicted_to_hold",
    "prediction_is_clear",
    "signals",
]

#: The location whose result the ratings predict: the provider farthest away.
FAR = "offshore"
#: For each rating column, whether a rating off the middle says the work travels (the
#: offshore team holds) or needs closeness (it falls behind); a medium rating says neither.
TRAVELS = {
    "standardisation": {"high": True, "low": False},
    "emotional_weight": {"low": True, "high": False},
    "change_pace": {"low": True, "high": False},
}
LOST_GROUND = 0.10  # a provider team this far or further behind your own fell behind


def signals(program: pd.Series) -> list[bool]:
    """Which way each of a program's ratings off the middle points: True travels, False stays close."""
    return [
        TRAVELS[column][str(program[column])] for column in TRAVELS if str(program[column]) in TRAVELS[column]
    ]


def prediction_is_clear(program: pd.Series) -> bool:
    """Does some rating of the program point off the middle, and do all those that do point one way?"""
    found = signals(program)
    return bool(found) and len(set(found)) == 1


def predicted_to_hold(programs: pd.DataFrame) -> dict[str, bool]:
    """For each program, whether its ratings predict that the offshore team holds.

    The prediction is the way its ratings off the middle point; a program whose ratings point
    both ways, or nowhere, is predicted to fall behind, since nothing in the table says it
    travels (the course's programs have none: see :func:`prediction_is_clear`).
    """
    return {str(row["id"]): bool(signals(row)) and all(signals(row)) for _, row in programs.iterrows()}


def offshore_held(programs: pd.DataFrame, estimates: pd.DataFrame) -> dict[str, bool]:
    """For each program, whether the offshore team stayed less than :data:`LOST_GROUND` behind yours."""
    held = {}
    for program in programs.itertuples(index=False):
        measure = str(getattr(program, "quality_measure", "fcr") or "fcr")
        rows = estimates[estimates["program"] == program.id].set_index("location")[measure].astype(float)
        held[str(program.id)] = bool(rows[HOME] - rows[FAR] < LOST_GROUND - 1e-9)
    return held


def overturned_programs(programs: pd.DataFrame, estimates: pd.DataFrame) -> list[str]:
    """The programs, in table order, whose offshore pilot result went against their ratings' prediction."""
    predicted = predicted_to_hold(programs)
    held = offshore_held(programs, estimates)
    return [program for program in predicted if predicted[program] != held[program]]
