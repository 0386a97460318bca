"""Checks for what a learner's function returns, with messages that say what was expected.

A visible test that only asserts a value gives a learner who returned the wrong *kind* of
thing an ``AssertionError`` or a ``TypeError`` from deep inside pandas.  These checks run
first and say, in one sentence, what came back and what should have::

    >>> expect_number([1, 2], "f(600)")
    Traceback (most recent call last):
    ...
    grader.notebook.errors.LabInputError: f(600) should return a number; it returned a list of 2 items

They raise :class:`LabInputError`, which a notebook shows as its message alone, and which
nbgrader records as the failure of the test cell.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from grader.notebook.errors import LabInputError

__all__ = ["describe", "expect_frame", "expect_mapping", "expect_number", "expect_series"]


def describe(value: Any) -> str:
    """A short phrase for what ``value`` is, as a learner would say it.

    >>> describe(None)
    'None (did the function forget to return?)'
    >>> describe(3), describe("a"), describe([1, 2, 3]), describe({"a": 1})
    ('the number 3', "the text 'a'", 'a list of 3 items', 'a dict with 1 key')
    """
    if value is None:
        return "None (did the function forget to return?)"
    if isinstance(value, bool):
        return f"the truth value {value}"
    if isinstance(value, int | float):
        return f"the number {value:g}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    kind = type(value).__name__
    if kind == "DataFrame":
        return f"a DataFrame of {value.shape[0]} rows and columns {', '.join(map(str, value.columns[:6]))}"
    if kind == "Series":
        return f"a Series of {len(value)} values"
    if isinstance(value, dict):
        return f"a dict with {len(value)} key{'s' if len(value) != 1 else ''}"
    if isinstance(value, list | tuple | set):
        return f"a {kind} of {len(value)} item{'s' if len(value) != 1 else ''}"
    return f"a {kind}"


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return (
        hasattr(value, "item")
        and getattr(value, "shape", None) == ()
        and isinstance(value.item(), int | float)
    )


def expect_number(value: Any, what: str, *, finite: bool = True) -> float:
    """``value`` as a float, or a clear error naming ``what`` returned it.

    >>> expect_number(2.5, "f()")
    2.5
    """
    if not _is_number(value):
        raise LabInputError(f"{what} should return a number; it returned {describe(value)}")
    number = float(value)
    if finite and not math.isfinite(number):
        raise LabInputError(f"{what} should return a finite number; it returned {number}")
    return number


def expect_series(value: Any, what: str, *, index: Iterable[Any] | None = None) -> Any:
    """``value`` if it is a pandas Series of numbers (with exactly ``index``, if given)."""
    if type(value).__name__ != "Series":
        raise LabInputError(f"{what} should return a pandas Series; it returned {describe(value)}")
    if index is not None:
        wanted = list(index)
        got = list(value.index)
        if sorted(map(str, got)) != sorted(map(str, wanted)):
            missing = [str(i) for i in wanted if i not in got]
            extra = [str(i) for i in got if i not in wanted]
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing[:5])}" if missing else "",
                    f"not expected {', '.join(extra[:5])}" if extra else "",
                )
                if part
            )
            labels = ", ".join(map(str, wanted[:8]))
            raise LabInputError(
                f"{what} should return a Series indexed by {labels}; {detail or 'repeated labels'}"
            )
    return value


def expect_frame(value: Any, what: str, *, columns: Iterable[str] = ()) -> Any:
    """``value`` if it is a pandas DataFrame holding at least ``columns``."""
    if type(value).__name__ != "DataFrame":
        raise LabInputError(f"{what} should return a pandas DataFrame; it returned {describe(value)}")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise LabInputError(
            f"{what} should return a DataFrame with the column(s) {', '.join(missing)}; "
            f"it has {', '.join(map(str, value.columns)) or 'no columns'}"
        )
    return value


def expect_mapping(value: Any, what: str, *, keys: Iterable[str] | None = None) -> dict:
    """``value`` as a dict (a Series counts), with exactly ``keys`` if given."""
    if type(value).__name__ == "Series":
        value = value.to_dict()
    if not isinstance(value, dict):
        raise LabInputError(f"{what} should return a dict; it returned {describe(value)}")
    if keys is not None:
        wanted = set(keys)
        if set(value) != wanted:
            missing, extra = sorted(wanted - set(value)), sorted(set(value) - wanted)
            raise LabInputError(
                f"{what} should have the keys {', '.join(sorted(wanted))}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; not expected {', '.join(map(str, extra))}" if extra else "")
            )
    return value
