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
