"""Learner mistakes shown as one clear sentence, not a traceback from inside the package."""

from __future__ import annotations

from typing import Any


class LabInputError(ValueError):
    """Something the learner typed cannot be used; the message says what was expected."""


def install_short_errors() -> None:
    """In IPython, show ``LabInputError`` as its message alone."""
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
        stb = [f"{etype.__name__}: {value}"]
        shell._showtraceback(etype, value, stb)
        return stb

    shell.set_custom_exc((LabInputError,), _short)
