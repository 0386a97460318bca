"""The cases a lab's hidden tests check learner functions on, and how they are written into a cell.

A lab names, in ``LabCode.cases``, one case builder per graded function: ``builder(seed)``
returns a list of cases drawn from ``seed``, each holding plain values only (numbers, text,
``None``, lists, tuples and dicts of them) and the reference's result for them.  The hidden
test of the lab's notebook asks for them with a marker line::

    cases = expected_cases("05_roi_staffing", "agents_needed")

Run as it is (the author's source notebook, its tests), the marker computes the cases now,
from :data:`AUTHOR_SEED`.  When ``nbgrader generate_assignment`` runs, the step
``grader.autograde.expected_cases.EmbedExpectedCases`` replaces the line by the literal list
(:func:`cases_literal`), drawn from a seed the learner never sees, so the graded cell carries
its own expected values and never asks the learner's package for them.

>>> cases_literal([((1, None), {"a": 0.5}), (("x",), [True, -2])])
'[\\n    ((1, None), {"a": 0.5}),\\n    (("x",), [True, -2]),\\n]'
>>> import ast
>>> ast.literal_eval(cases_literal([((1, None), {"a": 0.5})]))
[((1, None), {'a': 0.5})]
"""

from __future__ import annotations

import json
import math
import numbers
from collections.abc import Callable
from typing import Any

__all__ = ["AUTHOR_SEED", "CaseBuilder", "cases_literal", "expected_cases", "python_literal"]

#: ``builder(seed) -> [(arguments, expected), ...]``: deterministic in ``seed``, plain values only.
CaseBuilder = Callable[[int], list[Any]]

#: The seed of the cases a source notebook computes when it runs unchanged.  The generated
#: assignment draws its own (``EmbedExpectedCases.seed``), so these are not the graded cases.
AUTHOR_SEED = 0


def expected_cases(lab_id: str, name: str, seed: int = AUTHOR_SEED) -> list[Any]:
    """The cases of lab ``lab_id``'s graded function ``name``, drawn from ``seed``."""
    from grader.labs import lab_code

    builders = lab_code(lab_id).cases
    if name not in builders:
        known = ", ".join(builders) or "none"
        raise KeyError(f"lab {lab_id} has no case builder '{name}' (it has: {known})")
    return builders[name](seed)


def cases_literal(cases: list[Any]) -> str:
    """``cases`` as a Python list literal, one case a line (for a hidden test cell)."""
    if not isinstance(cases, list):
        raise TypeError(f"a case builder must return a list, not {type(cases).__name__}")
    return "[\n" + "".join(f"    {python_literal(case)},\n" for case in cases) + "]"


def python_literal(value: Any) -> str:
    """``value`` written as Python source that ``ast.literal_eval`` reads back to the same value.

    Numbers keep every digit (``repr`` of a float round-trips); NumPy numbers count as numbers.
    NaN and infinities are refused: a case must be exact, and a hidden test writes an open
    bound as ``None`` and tries NaN itself where it matters.
    """
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, numbers.Integral):
        return repr(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"a case holds {number}: write an open bound as None, not NaN or infinity")
        return repr(number)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python string literal
    if isinstance(value, list):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(python_literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(
        f"a case may hold numbers, text, None, lists, tuples and dicts, not {type(value).__name__}"
    )
