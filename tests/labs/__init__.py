"""Helpers for the lab tests."""

from __future__ import annotations

import pkgutil
from types import SimpleNamespace

from grader.labs import lab_code, lab_part


def lab_parts(lab_id: str) -> SimpleNamespace:
    """Every name of every module in a lab's folder, plus ``LAB`` and ``CHARTS``, in one namespace.

    Lab folders are named by lab id, which an ``import`` statement cannot name; tests of a
    lab's numbers reach its functions through this.
    """
    import grader.labs

    names: dict[str, object] = {}
    for path in grader.labs.__path__:
        for info in pkgutil.iter_modules([f"{path}/{lab_id}"]):
            names.update(vars(lab_part(lab_id, info.name)))
    code = lab_code(lab_id)
    return SimpleNamespace(**names, LAB=code, CHARTS=dict(code.charts))


def full_view(lab: object, decision_id: str) -> object:
    """A lab's consequence view with the part that shows the key, as after ``lab.reveal``.

    Tests of a lab's own numbers read the whole view; what a learner may see, and when, is
    the session's gate, tested in ``tests/notebook/test_session.py``.
    """
    view = lab_code(lab.lab_id).consequences(lab, decision_id)
    return None if view is None else view.for_learner(True)
