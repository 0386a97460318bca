"""Lab 02: do the keys survive their own uncertainty?

The churn figures are assumptions, so the scenario states each with a range: every program's
``churn_if_unresolved`` between ``churn_if_unresolved_low`` and ``_high``, and the
``margin_share`` between its ``low`` and ``high`` in the assumptions table. A key that holds
at the stated value but flips inside the range teaches a guess. :func:`key_margins` prices
every program at every combination of the ends of both ranges with the view's own
:func:`~.pricing.resolution_table`, and says by how much the key beats the best other
location; the lab's tests and ``decisionlab validate`` require that margin to be positive
everywhere.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .pricing import MARGIN, resolution_table, stated

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CHURN",
    "ENDS",
    "KeyMargin",
    "OutOfRange",
    "churn_at",
    "key_margins",
    "priced_at",
    "values_outside_their_range",
]

CHURN = "churn_if_unresolved"
ENDS = ("low", "mid", "high")  # "mid" is the value the model uses
Tables = Mapping[str, "pd.DataFrame"]  # programs, locations, estimates, assumptions by table id


def churn_at(programs: pd.DataFrame, end: str) -> pd.DataFrame:
    """``programs`` with every program's churn at one end of its stated range (``mid``: as stated)."""
    if end == "mid":
        return programs
    return programs.assign(**{CHURN: programs[f"{CHURN}_{end}"].astype(float)})


def priced_at(tables: Tables, churn_end: str, margin_end: str) -> pd.DataFrame:
    """The view's :func:`~.pricing.resolution_table` with churn and margin at the given ends."""
    margin = stated(tables["assumptions"], MARGIN).at(margin_end)
    return resolution_table(
        churn_at(tables["programs"], churn_end), tables["locations"], tables["estimates"], margin
    )


@dataclass(frozen=True)
class KeyMargin:
    """How a program's key fares at one point of the ranges: its margin over the best other location."""

    program: str
    key: str
    churn_end: str
    margin_end: str
    rival: str  # the cheapest location other than the key, cost plus margin at risk
    usd_per_month: float  # rival's monthly total minus the key's: positive when the key wins

    @property
    def holds(self) -> bool:
        """Is the key strictly the cheapest here?"""
        return self.usd_per_month > 0


def key_margins(tables: Tables, keys: Mapping[str, Sequence[str]]) -> list[KeyMargin]:
    """For every program with a key, at every pair of range ends: by how much the key wins.

    ``keys`` maps a program id to its key locations (the decision's ``key``); with more than
    one, the best of them is compared with the best of the rest.
    """
    found = []
    for churn_end, margin_end in itertools.product(ENDS, ENDS):
        totals = priced_at(tables, churn_end, margin_end).set_index(["program", "location"])["monthly_total"]
        for program, key in keys.items():
            at = totals.loc[program]
            keyed = at[at.index.isin(list(key))]
            others = at[~at.index.isin(list(key))]
            if keyed.empty or others.empty:
                continue
            rival = str(others.idxmin())
            found.append(
                KeyMargin(
                    program,
                    str(keyed.idxmin()),
                    churn_end,
                    margin_end,
                    rival,
                    float(others.min() - keyed.min()),
                )
            )
    return found


@dataclass(frozen=True)
class OutOfRange:
    """A stated value outside its own stated range."""

    table: str
    row: int  # 0-based data row
    column: str
    value: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.column} {self.value:g} is outside its stated range {self.low:g}-{self.high:g}"


def values_outside_their_range(tables: Tables) -> list[OutOfRange]:
    """Every stated value its own range does not contain, or whose range is missing.

    A range is stated two ways: columns ``X``, ``X_low`` and ``X_high`` of the programs
    table, and the ``value``, ``low`` and ``high`` of each row of the assumptions table.
    """
    found = []
    programs = tables["programs"]
    columns = set(programs.columns)
    ranged = [c for c in programs.columns if {f"{c}_low", f"{c}_high"} <= columns]
    for column in ranged:
        for row, (value, low, high) in enumerate(
            zip(programs[column], programs[f"{column}_low"], programs[f"{column}_high"], strict=True)
        ):
            if not _within(value, low, high):
                found.append(OutOfRange("programs", row, column, float(value), float(low), float(high)))
    assumptions = tables["assumptions"]
    for row, (name, value, low, high) in enumerate(
        zip(assumptions["id"], assumptions["value"], assumptions["low"], assumptions["high"], strict=True)
    ):
        if not _within(value, low, high):
            found.append(OutOfRange("assumptions", row, str(name), float(value), float(low), float(high)))
    return found


def _within(value: object, low: object, high: object) -> bool:
    try:
        v, lo, hi = float(value), float(low), float(high)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return not any(math.isnan(x) for x in (v, lo, hi)) and lo <= v <= hi
