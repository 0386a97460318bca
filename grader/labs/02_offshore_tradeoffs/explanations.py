"""Lab 02: which question explains a program's pilot figures.

The deciding-question decision asks the learner to read the pilot before the ratings. Each
program's figures follow a *pattern*: which provider teams, by weeks 7 and 8, fell
:data:`LOST_GROUND` or more behind your own team on the program's quality measure (FCR, or
the save rate on a save desk). Every gap in the course's pilots is either a few points or
ten and more, and lies at least two half-widths of the pilot figure's 95 % interval away from
that line, so the pattern is never a matter of rounding or of sampling noise. A scenario
should also hold at least one decoy: a rating that says the work travels, or needs
closeness, which only the pilot's figures refute, so that the ratings alone cannot give the
keys away. The lab's tests check both: they replace the figures by the pattern the ratings
predict and require some keys to change.

A rating question (routine, callers, pace) explains a program's pattern when the pilot
agrees with the rating on two counts. No program given the same rating fared differently: a
rating two programs share cannot explain why they fared differently. And the pattern goes
the way the rating points (:data:`TRAVELS`): a rating that says the work travels (a high
standardisation, calm callers, rules that rarely change) explains only a pilot where every
provider team held; one that says it needs closeness explains only a pilot where some team
lost ground. A medium rating points neither way, so it explains a pattern only when another
program rated medium fared alike. Where two ratings pass, the pilot cannot tell them apart
and either explains it.

Where none passes and some provider team lost ground, the pilot measured something the
ratings table does not rate (:data:`UNRATED`): on a save desk the skill of negotiating, on an
elite line what your own agents know of each member, on device help whether a changed fix
reaches the agent through the tool or through the leads, or what a provider's team already
knew. The scenarios put the evidence for it in the pilot itself (the quality team's notes in
the estimates table), never in the decision's labels, so that only reading the pilot reveals it.
Where none passes and every team held, there is no shortfall to explain: the sums settle the
program. The stakes (churn x revenue) and the sums say why a shortfall *matters*, never why
it *happened*, so neither is the key where a team lost ground; the stakes earn part credit
there only where the margin one failed issue puts at risk is at least :data:`STAKES_FACTOR`
times every other program's (:func:`stakes_stand_out`).

Because of the direction, a rating that no other program shares still has to be borne out:
a program rated high on standardisation whose provider teams both lost ground is not
explained by it.

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
>>> refuted_questions(programs, estimates)
{'scripted': ['callers', 'pace'], 'judgement': ['callers', 'pace']}

Rated the other way round, with the judgement program alone high on standardisation, the
pilot bears out no rating. The judgement program lost ground for a reason the table does not
rate; the scripted one held, so the sums settle it. Only the judgement program's stakes
stand out.

>>> mislabelled = programs.assign(standardisation=["medium", "high"])
>>> explaining_questions(mislabelled, estimates)
{'scripted': ['sums'], 'judgement': ['unrated']}
>>> stakes_stand_out(mislabelled)
['judgement']
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
    "TRAVELS",
    "UNRATED",
    "explaining_questions",
    "pilot_patterns",
    "refuted_questions",
    "stakes_stand_out",
]

#: Each rating question and the programs-table rating it asks about.
RATING_OF_QUESTION = {
    "routine": "standardisation",
    "callers": "emotional_weight",
    "pace": "change_pace",
}
SUMS = "sums"
#: The question that answers a shortfall no rating explains: the pilot measured something the
#: ratings table does not rate.
UNRATED = "unrated"
MIDDLE = "medium"  # a middle rating points neither way: only programs rated alike can back it
#: For each rating column, whether an off-middle rating says the work travels (every provider
#: team should hold) or needs closeness (some provider team should lose ground).
TRAVELS = {
    "standardisation": {"high": True, "low": False},
    "emotional_weight": {"low": True, "high": False},
    "change_pace": {"low": True, "high": False},
}
LOST_GROUND = 0.10  # a provider team this far or further behind your own lost the work
STAKES_FACTOR = 3.0  # how far one program's stake per failed issue must exceed every other's to stand out

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


def stakes_stand_out(programs: pd.DataFrame) -> list[str]:
    """The programs whose stake per failed issue (churn x revenue) dwarfs every other program's."""
    stakes = _stake_per_failure(programs)
    return [
        program
        for program, stake in stakes.items()
        if all(stake >= STAKES_FACTOR * other for p, other in stakes.items() if p != program)
    ]


def explaining_questions(programs: pd.DataFrame, estimates: pd.DataFrame) -> dict[str, list[str]]:
    """For each program, the questions that explain its pilot pattern, as the decision keys them."""
    patterns = pilot_patterns(programs, estimates)
    ratings = programs.set_index(programs["id"].astype(str))
    found = {}
    for program, lost in patterns.items():
        passing = [
            question
            for question, column in RATING_OF_QUESTION.items()
            if _explains(ratings, patterns, program, column)
        ]
        # No rating passes: a shortfall came from something the table does not rate; with
        # no shortfall there is nothing to explain and the money settles the program.
        found[program] = passing or [UNRATED if lost else SUMS]
    return found


def refuted_questions(programs: pd.DataFrame, estimates: pd.DataFrame) -> dict[str, list[str]]:
    """For each program, the rating questions off the middle that the pilot refutes.

    A rating is refuted when another program given the same rating shows a different
    pattern, or when the pilot goes against the way the rating points: the feedback must say
    so, and the question earns at most a little credit.
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
    """Does the pilot bear out ``program``'s rating in ``column`` as the reason for its pattern?"""
    level = ratings.at[program, column]
    alike = [p for p in patterns if p != program and ratings.at[p, column] == level]
    if any(patterns[p] != patterns[program] for p in alike):
        return False
    if level == MIDDLE:
        # A middle rating predicts nothing by itself; only another medium program that fared
        # alike makes it evidence.
        return bool(alike)
    travels = TRAVELS[column].get(level)
    if travels is None:
        return False  # a rating outside low/medium/high says nothing
    held = not patterns[program]
    return held == travels
