"""Checks for what a learner's function returns, with messages that say what was expected.

A visible test that only asserts a value gives a learner who returned the wrong *kind* of
thing an ``AssertionError`` or a ``TypeError`` from deep inside pandas.  These checks run
first and say, in one sentence, what came back and what should have::

    >>> expect_number([1, 2], "f(600)")
    Traceback (most recent call last):
    ...
    grader.display.errors.LabInputError: f(600) should return a number; it returned a list of 2 numbers

They raise :class:`LabInputError`, which a notebook shows as its message alone, and which
nbgrader records as the failure of the test cell.  Hidden tests also run the learner's
function inside :func:`own_work` (:mod:`grader.notebook.own_work`), which fails the test if
the function only calls the course's reference implementation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from grader.display.errors import LabInputError
from grader.notebook.own_work import own_work

__all__ = [
    "check_shape",
    "describe",
    "expect_frame",
    "expect_mapping",
    "expect_number",
    "expect_series",
    "own_work",
]


def describe(value: Any) -> str:
    """A short phrase for what ``value`` is, as a learner would say it.

    >>> describe(None)
    'None (did the function forget to return?)'
    >>> describe(3), describe("a"), describe([1, 2, 3]), describe({"a": 1})
    ('the number 3', "the text 'a'", 'a list of 3 numbers', 'a dict with 1 key')
    >>> describe(["a", 1])
    'a list of 2 items'
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
        numbers = bool(value) and all(_is_number(v) for v in value)
        noun = "number" if numbers else "item"
        return f"a {kind} of {len(value)} {noun}{'s' if len(value) != 1 else ''}"
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


def expect_number(value: Any, what: str) -> float:
    """``value`` as a finite float, or a clear error naming ``what`` returned it.

    >>> expect_number(2.5, "f()")
    2.5
    """
    return check_shape(value, "number", what)


def expect_series(value: Any, what: str, *, index: Sequence[Any] | None = None) -> Any:
    """``value`` if it is a pandas Series (with exactly the labels ``index``, if given)."""
    return check_shape(value, "series", what, index=index)


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


# --------------------------------------------------------------------------- one check for any shape

_KINDS = {"number": "a number", "series": "a pandas Series", "frame": "a pandas DataFrame"}


def _labels(values: Sequence[Any]) -> str:
    shown = ", ".join(map(str, list(values)[:6]))
    return shown + (", ..." if len(values) > 6 else "")


def check_shape(
    value: Any,
    expected_kind: str,
    what: str,
    *,
    index: Sequence[Any] | None = None,
    columns: Sequence[Any] | None = None,
    index_name: str = "",
    columns_name: str = "",
) -> Any:
    """``value`` if it is the expected kind and shape, else :class:`LabInputError` saying what came back.

    ``expected_kind`` is ``"number"``, ``"series"`` or ``"frame"``; ``index`` and ``columns`` are
    the labels expected (in any order); ``index_name`` and ``columns_name`` say what they are.

    >>> try:
    ...     check_shape([0.1, 0.2, 0.3], "series", "f()", index=["a", "b"], index_name="queue")
    ... except LabInputError as error:
    ...     print(error)
    f() should return a pandas Series indexed by queue (a, b); it returned a list of 3 numbers
    """
    if expected_kind not in _KINDS:
        raise ValueError(f"expected_kind must be one of {', '.join(_KINDS)}, not {expected_kind!r}")
    expected = _KINDS[expected_kind]
    if index is not None:
        expected += f" indexed by {index_name or 'label'} ({_labels(index)})"
    if columns is not None:
        expected += f" with one column per {columns_name or 'label'} ({_labels(columns)})"
    kind = type(value).__name__
    wrong_kind = {
        "number": isinstance(value, bool) or not _is_number(value),
        "series": kind != "Series",
        "frame": kind != "DataFrame",
    }[expected_kind]
    if wrong_kind:
        raise LabInputError(f"{what} should return {expected}; it returned {describe(value)}")
    if expected_kind == "number":
        number = float(value)
        if not math.isfinite(number):
            raise LabInputError(f"{what} should return a finite number; it returned {number}")
        return number
    problems = []
    if index is not None:
        problems += _label_problems(list(value.index), list(index), index_name or "index")
    if columns is not None:
        problems += _label_problems(list(value.columns), list(columns), columns_name or "column")
    if problems:
        raise LabInputError(f"{what} should return {expected}; " + "; ".join(problems))
    return value


def _label_problems(got: list[Any], wanted: list[Any], what: str) -> list[str]:
    """What is missing, extra or repeated among ``got`` against ``wanted`` (compared as text)."""
    have, want = [str(g) for g in got], [str(w) for w in wanted]
    missing = [w for w in want if w not in have]
    extra = [g for g in have if g not in want]
    problems = []
    if missing:
        problems.append(f"missing {what} {_labels(missing)}")
    if extra:
        problems.append(f"unexpected {what} {_labels(extra)}")
    if not missing and not extra and len(have) != len(set(have)):
        problems.append(f"a {what} appears twice")
    return problems
