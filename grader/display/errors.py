"""Learner mistakes shown as one clear sentence, not a traceback from inside the package."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from grader.runtime import FixedModeError


class LabInputError(ValueError):
    """Something the learner typed cannot be used; the message says what was expected."""


def unfinished_exercise_text(tb: TracebackType | None) -> str | None:
    """What to say for a ``NotImplementedError`` raised by a notebook cell: an exercise not done yet.

    ``None`` when the error comes from a library rather than from a cell, which is a real
    error and keeps its traceback.  Cells run from files IPython names ``<ipython-input-...>``
    or ``.../ipykernel_<pid>/<hash>.py``.
    """
    last = tb
    while last is not None and last.tb_next is not None:
        last = last.tb_next
    if last is None:
        return None
    code = last.tb_frame.f_code
    name = code.co_filename
    if not (name.startswith("<ipython-input") or "ipykernel_" in name):
        return None
    where = f"`{code.co_name}`" if code.co_name != "<module>" else "This exercise"
    return (
        f"{where} is not written yet: replace `raise NotImplementedError()` in its cell with your "
        "code, run that cell, then run this one again."
    )


def install_short_errors() -> None:
    """In IPython, show ``LabInputError`` and ``FixedModeError`` as their message alone, and an
    unfinished exercise in one line."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: ordinary exceptions are fine
        return
    shell = get_ipython()
    if shell is None:
        return

    def _short(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None) -> list[str]:
        # IPython discards what a custom handler returns when a cell raises, so the handler
        # must show the error itself.  ``_showtraceback`` sends a real error output: the
        # learner sees the sentence, and nbgrader sees that the cell failed (a test cell
        # that fails with no error output would otherwise earn its points).
        if issubclass(etype, NotImplementedError):
            text = unfinished_exercise_text(tb)
            if text is None:  # raised inside a library: a real error, with its traceback
                shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
                return []
            stb = [text]
        else:
            stb = [f"{etype.__name__}: {value}"]
        shell._showtraceback(etype, value, stb)
        return stb

    shell.set_custom_exc((LabInputError, FixedModeError, NotImplementedError), _short)
