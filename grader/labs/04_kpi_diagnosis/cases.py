"""The cases of lab 04's hidden tests: small tables from variants drawn from a seed, with the
reference's results (:mod:`.exercises`).

A case's table is a dict of columns (``{"week": [...], "queue": [...], ...}``), which the
hidden test turns back into a DataFrame; results are dicts and lists.  Each builder draws one
variant of every lab 04 scenario, so a case's table is neither the learner's own variant nor
one they can name, and an answer hard-coded from their own tables fails.  The review table is
a sample (``REVIEW_SAMPLE`` rows), kept small enough to travel inside a notebook cell.

* ``repeat_rate``: ``((weekly,), {queue: {week: rate}})``;
* ``service_level_by_day``: ``((intervals,), {day: service level})``;
* ``error_mix``: ``(reviews, [((first_week, last_week, tenure), shares in ERROR_TYPES order), ...])``.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from .exercises import daily_service_level, error_mix, repeat_rate_table
from .vocabulary import ERROR_TYPES

if TYPE_CHECKING:
    import pandas as pd

REVIEW_SAMPLE = 300
WEEKLY_COLUMNS = ["week", "queue", "calls_offered", "calls_answered", "repeat_contacts"]
REVIEW_COLUMNS = ["week", "queue", "tenure", "error_type"]
Columns = dict[str, list[Any]]


def _variant_tables(seed: int) -> list[dict[str, pd.DataFrame]]:
    """The tables of one variant of each lab 04 scenario, the variants drawn from ``seed``.

    The three builders share these variants, so that generating the lab builds each only once.
    """
    from grader.catalog import scenarios_for
    from grader.labs import realise

    rng = random.Random(f"04_kpi_diagnosis/variants/{seed}")
    return [dict(realise(t, rng.randrange(1, 2**31)).tables) for t in scenarios_for("04_kpi_diagnosis")]


def _columns(table: pd.DataFrame) -> Columns:
    return {str(c): table[c].tolist() for c in table.columns}


def repeat_rate_cases(seed: int) -> list[tuple[tuple[Columns], dict[str, dict[int, float]]]]:
    """Each variant's weekly table (the columns the exercise needs, and calls offered) and its rates."""
    cases = []
    for tables in _variant_tables(seed):
        weekly = tables["weekly"][WEEKLY_COLUMNS]
        rates = repeat_rate_table(weekly)
        expected = {str(q): {int(w): float(r) for w, r in rates[q].items()} for q in rates.columns}
        cases.append(((_columns(weekly),), expected))
    return cases


def service_level_by_day_cases(seed: int) -> list[tuple[tuple[Columns], dict[str, float]]]:
    """Each variant's half-hour table, every column, and its service level per day."""
    cases = []
    for tables in _variant_tables(seed):
        intervals = tables["intervals"]
        days = daily_service_level(intervals)
        cases.append(((_columns(intervals),), {str(d): float(v) for d, v in days.items()}))
    return cases


def _selections(last: int) -> list[tuple[int | None, int | None, str | None]]:
    weeks = [(None, None), (1, 8), (9, None), (None, 5), (last - 5, last), (last, last)]
    bands = [None, "0-3 months", "3-12 months", "12+ months"]
    return [(first, end, band) for first, end in weeks for band in bands]


def error_mix_cases(seed: int) -> list[tuple[Columns, list[Any]]]:
    """A sample of each variant's reviews, and its error mix for every week range and tenure band."""
    rng = random.Random(f"04_kpi_diagnosis/error_mix/sample/{seed}")
    cases = []
    for tables in _variant_tables(seed):
        reviews = tables["reviews"][REVIEW_COLUMNS]
        sample = reviews.sample(
            n=min(REVIEW_SAMPLE, len(reviews)), random_state=rng.randrange(2**31)
        ).sort_index()
        expected = [
            ((first, end, band), [float(x) for x in error_mix(sample, first, end, band)[list(ERROR_TYPES)]])
            for first, end, band in _selections(int(sample["week"].max()))
        ]
        cases.append((_columns(sample), expected))
    return cases
