"""Lab 02: which question explains a program's pilot figures.

The deciding-question decision asks the learner to read the pilot before the ratings. Each
program's figures follow a *pattern*: which provider teams, by weeks 7 and 8, fell
:data:`LOST_GROUND` or more behind your own team on the program's quality measure (FCR, or
the save rate on a save desk). Every gap in the course's pilots is either a few points or
ten and more, so the pattern is never a matter of rounding.

A rating question (routine, callers, pace) explains a program's pattern when the program's
rating on it is off the middle and **every** program given the same rating shows the same
pattern: a rating two programs share cannot explain why they fared differently. Where two
ratings pass, the pilot cannot tell them apart and either explains it. Where none passes,
what a shortfall costs settled the program: the stakes where the margin one failed issue
puts at risk (churn x revenue) is at least :data:`STAKES_FACTOR` times every other
program's, the sums otherwise.

>>> import pandas as pd
>>> programs = pd.DataFrame({
...     "id": ["scripted", "judgement"], "standardisation": ["high", "low"],
...     "emotional_weight": ["low", "low"], "change_pace": ["low", "low"],
...     "quality_measure": ["fcr", "fcr"], "churn_if_unresolved": [0.01, 0.05],
...     "revenue_of_lost_customer": [100, 100]})
>>> estimates = pd.DataFrame({
...     "program": ["scripted"] * 2 + ["judgement"] * 2,
...     "location": ["inhouse", "offshore"] * 2, "fcr": [0.80, 0.78, 0.80, 0.60]})
>>> explaining_questions(programs, estimates)
{'scripted': ['routine'], 'judgement': ['routine']}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pricing import HOME

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "LOST_GROUND",
    "RATING_OF_QUESTION",
    "STAKES_FACTOR",
    "explaining_questions",
    "pilot_patterns",
    "refuted_questions",
]

#: Each rating question and the programs-table rating it asks about.
RATING_OF_QUESTION = {
    "routine": "standardisation",
    "callers": "emotional_weight",
    "pace": "change_pace",
}
STAKES, SUMS = "stakes", "sums"
MIDDLE = "medium"  # a middle rating explains no pattern
LOST_GROUND = 0.10  # a provider team this far or further behind your own lost the work
STAKES_FACTOR = 3.0  # how far one program's stake per failed issue must exceed every other's

Pattern = tuple[str, ...]  # the provider locations that lost ground, in table order


def pilot_patterns(programs: pd.DataFrame, estimates: pd.DataFrame) -> dict[str, Pattern]:
    """For each program, the provider locations whose pilot figure fell :data:`LOST_GROUND` behind."""
    found = {}
    for program in programs.itertuples(index=False):
        measure = str(getattr(program, "quality_measure", "fcr") or "fcr")
        rows = estimates[estimates["program"] == program.id].set_index("location")[measure].astype(float)
        home = rows[HOME]
        found[str(program.id)] = tuple(
            str(loc) for loc, value in rows.items() if loc != HOME and home - value >= LOST_GROUND - 1e-9
        )
    return found


def _stake_per_failure(programs: pd.DataFrame) -> dict[str, float]:
    churn = programs["churn_if_unresolved"].astype(float)
    revenue = programs["revenue_of_lost_customer"].astype(float)
    return dict(zip(programs["id"].astype(str), churn * revenue, strict=True))


def explaining_questions(programs: pd.DataFrame, estimates: pd.DataFrame) -> dict[str, list[str]]:
    """For each program, the questions that explain its pilot pattern, as the decision keys them."""
    patterns = pilot_patterns(programs, estimates)
    ratings = programs.set_index(programs["id"].astype(str))
    stakes = _stake_per_failure(programs)
    found = {}
    for program in patterns:
        passing = [
            question
            for question, column in RATING_OF_QUESTION.items()
            if _explains(ratings, patterns, program, column)
        ]
        if passing:
            found[program] = passing
            continue
        others = [v for p, v in stakes.items() if p != program]
        dwarfs = all(stakes[program] >= STAKES_FACTOR * v for v in others)
        found[program] = [STAKES if dwarfs else SUMS]
    return found


def refuted_questions(programs: pd.DataFrame, estimates: pd.DataFrame) -> dict[str, list[str]]:
    """For each program, the rating questions off the middle that the pilot refutes.

    A rating is refuted when another program given the same rating shows a different
    pattern: the feedback must say so, and the question earns at most a little credit.
    """
    patterns = pilot_patterns(programs, estimates)
    ratings = programs.set_index(programs["id"].astype(str))
    return {
        program: [
            question
            for question, column in RATING_OF_QUESTION.items()
            if ratings.at[program, column] != MIDDLE and not _explains(ratings, patterns, program, column)
        ]
        for program in patterns
    }


def _explains(ratings: pd.DataFrame, patterns: dict[str, Pattern], program: str, column: str) -> bool:
    """Is ``program``'s rating in ``column`` off the middle and shared only with programs that fared alike?"""
    level = ratings.at[program, column]
    if level == MIDDLE:
        return False
    alike = [p for p in patterns if p != program and ratings.at[p, column] == level]
    return all(patterns[p] == patterns[program] for p in alike)
