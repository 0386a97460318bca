"""How well a queue fits a location: FCR points lost, summed over the fit rules that match it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grader.models.consequences.assumptions import FIT_RULES, FitRule

__all__ = ["fit_penalties"]


def fit_penalties(
    queues: pd.DataFrame, locations: list[str], rules: tuple[FitRule, ...] = FIT_RULES
) -> np.ndarray:
    """FCR points lost by each queue (rows) at each location (columns), summed over ``rules``.

    >>> q = pd.DataFrame({"complexity": ["high", "low"], "risk": ["high", "low"], "language": ["English"] * 2,
    ...                   "collaboration": ["high", "low"], "documentation": ["low", "high"]})
    >>> fit_penalties(q, ["inhouse", "nearshore", "offshore"]).round(2).tolist()
    [[0.0, 0.21, 0.36], [0.0, 0.0, 0.0]]
    """
    out = np.zeros((len(queues), len(locations)))
    for rule in rules:
        match = (queues[rule.attribute] == rule.level).to_numpy()
        row = np.array([rule.penalties.get(loc, 0.0) for loc in locations])
        out += np.outer(match, row)
    return out
