"""A hidden test's check that the learner's function does its own work.

The course's package holds a reference implementation of every graded function (the cost
model, the Erlang C staffing, each lab's reference functions), and the learner's kernel can
import it.  A function that only calls one would pass any test of its values, so the hidden
tests call the learner's function inside :func:`own_work`: while it runs, every Python call
is watched (``sys.setprofile``), and a call into ``grader.models`` or ``grader.labs`` fails the
test with one line naming what was called.  pandas, NumPy and ``math`` stay free to use, and
a helper the exercise hands out (lab 05's ``service_level``) is allowed by name, with what it
calls in turn.

A learner who patches the check itself away in their kernel is not stopped: like every
nbgrader test, this one runs in the learner's kernel.  Its expected values do not (they travel
in the grade cell, ``grader.labs.cases``).

>>> import math
>>> with own_work("hypotenuse"):
...     _ = math.hypot(3, 4)
>>> from grader.models.queueing import erlang_c
>>> try:
...     with own_work("waiting_share"):
...         _ = erlang_c(10, 14)
... except LabInputError as error:
...     print(error)
waiting_share: write the calculation yourself; calling grader.models.queueing.erlang.erlang_c is not accepted
>>> with own_work("waiting_share", allow=["grader.models.queueing.erlang_c"]):
...     _ = erlang_c(10, 14)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from grader.display.errors import LabInputError

__all__ = ["REFERENCE_PACKAGES", "own_work"]

#: The packages whose code a learner's function may not call while a hidden test runs it.
REFERENCE_PACKAGES = ("grader.models", "grader.labs")


def _module_of(frame: FrameType) -> str:
    return str(frame.f_globals.get("__name__", ""))


def _in_reference(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in REFERENCE_PACKAGES)


def _allowed(frame: FrameType, allow: list[tuple[str, str]]) -> bool:
    """Is ``frame`` a call of an allowed helper (``"grader.models.queueing.service_level"`` allows
    a function named ``service_level`` defined anywhere in ``grader.models.queueing``)?"""
    module, name = _module_of(frame), frame.f_code.co_name
    return any(name == n and (module == p or module.startswith(p + ".")) for p, n in allow)


def _package_and_name(dotted: str) -> tuple[str, str]:
    package, _, name = dotted.rpartition(".")
    if not package or not name:
        raise ValueError(
            f"allow names a helper by its dotted path (grader.models.queueing.service_level), not {dotted!r}"
        )
    return package, name


@contextmanager
def own_work(function: str, *, allow: Iterable[str] = ()) -> Iterator[None]:
    """Fail the test if the code run inside calls the course's reference implementations.

    ``function`` names the learner's function in the message; ``allow`` lists dotted names of
    helpers the exercise gives (calls made inside them are allowed too).  Importing a module
    is not a call: module code is never counted.
    """
    allowed = [_package_and_name(name) for name in allow]
    called: list[str] = []
    inside_allowed = 0

    def watch(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal inside_allowed
        if event not in ("call", "return"):
            return
        if _allowed(frame, allowed):
            inside_allowed += 1 if event == "call" else -1
        elif event == "call" and not inside_allowed and frame.f_code.co_name != "<module>":
            module = _module_of(frame)
            if _in_reference(module):
                called.append(f"{module}.{frame.f_code.co_qualname}")

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        yield
    finally:
        switched_off = sys.getprofile() is not watch
        sys.setprofile(previous)
        if switched_off:
            raise LabInputError(
                f"{function}: the check that it does its own work was switched off while it ran"
            )
        if called:
            raise LabInputError(
                f"{function}: write the calculation yourself; calling {called[0]} is not accepted"
            )
