"""Are a learner's unfinished exercise and wrong input shown as one line, and still as a failed cell?"""

from __future__ import annotations

import pytest
from IPython.core.interactiveshell import InteractiveShell


@pytest.fixture
def shell(capsys):
    shell = InteractiveShell.instance()
    shell.run_cell("from grader.display.errors import install_short_errors; install_short_errors()")
    capsys.readouterr()
    yield shell
    shell.set_custom_exc((), None)


def test_an_unfinished_exercise_is_one_line_naming_the_function(shell, capsys):
    """Does calling an exercise still raising NotImplementedError say which function to write, in one line?"""
    shell.run_cell("def paid_hours(contacts):\n    raise NotImplementedError()\n")
    result = shell.run_cell("paid_hours(600)")
    shown = capsys.readouterr().out
    assert not result.success
    assert "`paid_hours` is not written yet" in shown
    assert "Traceback" not in shown and len(shown.strip().splitlines()) == 1


def test_a_library_not_implemented_error_keeps_its_traceback(shell, capsys):
    """Does a NotImplementedError from inside a library keep its traceback (it is a real error)?"""
    result = shell.run_cell("import numbers\nnumbers.Complex.real.fget(1)")
    shown = capsys.readouterr().out
    assert not result.success
    assert "not written yet" not in shown
