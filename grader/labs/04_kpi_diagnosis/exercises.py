"""The reference versions of lab 04's three exercises.

The hidden tests hold the learner's functions to these: the case builders (:mod:`.cases`)
compute, on small tables from variants the learner does not have, the expected values that
generation writes into the grade cells, so a hard-coded answer fails; the visible tests
check shapes with :func:`grader.notebook.checks.check_shape`.

>>> import pandas as pd
>>> weekly = pd.DataFrame({"week": [1, 1, 2, 2], "queue": ["a", "b", "a", "b"],
...                        "calls_answered": [100, 50, 200, 40], "repeat_contacts": [10, 5, 30, 2]})
>>> repeat_rate_table(weekly).to_dict()
{'a': {1: 0.1, 2: 0.15}, 'b': {1: 0.1, 2: 0.05}}
>>> intervals = pd.DataFrame({"day": ["Mon", "Mon", "Tue"], "calls_offered": [10, 30, 20],
...                           "answered_in_20s": [10, 15, 16]})
>>> daily_service_level(intervals).to_dict()
{'Mon': 0.625, 'Tue': 0.8}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocabulary import ERROR_TYPES, NO_ERROR

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["daily_service_level", "error_mix", "repeat_rate_table"]


def repeat_rate_table(weekly: pd.DataFrame) -> pd.DataFrame:
    """Repeat contacts / calls answered, one row per week and one column per queue (first-seen order)."""
    rates = weekly.assign(repeat_rate=weekly["repeat_contacts"] / weekly["calls_answered"])
    table = rates.pivot(index="week", columns="queue", values="repeat_rate")
    return table[list(dict.fromkeys(weekly["queue"]))].sort_index()


def daily_service_level(intervals: pd.DataFrame) -> pd.Series:
    """Calls answered within 20 s / calls offered, per day in the table's order; abandons count as missed.

    Summed over the day's half-hours first: a day's service level weights each half-hour by its
    calls, so it is not the mean of the half-hours' service levels.
    """
    days = intervals.groupby("day", sort=False)[["answered_in_20s", "calls_offered"]].sum()
    return days["answered_in_20s"] / days["calls_offered"]


def error_mix(
    reviews: pd.DataFrame,
    first_week: int | None = None,
    last_week: int | None = None,
    tenure: str | None = None,
) -> pd.Series:
    """Share of each error type among the reviews with an error, in :data:`ERROR_TYPES` order.

    Only reviews from ``first_week`` to ``last_week`` (both included; ``None`` leaves that side
    open) and, if given, of the ``tenure`` band count.  No error in the selection: all zeros.
    """
    import pandas as pd

    rows = reviews
    if first_week is not None:
        rows = rows[rows["week"] >= first_week]
    if last_week is not None:
        rows = rows[rows["week"] <= last_week]
    if tenure is not None:
        rows = rows[rows["tenure"] == tenure]
    errors = rows.loc[rows["error_type"] != NO_ERROR, "error_type"]
    counts = errors.value_counts().reindex(list(ERROR_TYPES), fill_value=0).astype(float)
    total = float(counts.sum())
    return pd.Series((counts / total if total else counts * 0.0).to_numpy(), index=list(ERROR_TYPES))
