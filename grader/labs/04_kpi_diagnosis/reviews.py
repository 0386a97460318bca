"""The QA model: which contacts QA scores, the agent's tenure band and the error found.

Per tenure band, a scored contact has an error of each type with a base chance
(:data:`BASE_ERRORS`); an incident adds to those chances and to the share of new agents.
"""

from __future__ import annotations

import numpy as np

from .vocabulary import ERROR_TYPES, NO_ERROR, TENURE_BANDS

__all__ = ["BASE_ERRORS", "BASE_TENURE_MIX", "ERROR_PENALTY", "KINDS", "draw_reviews"]

# Per tenure band (rows), the chance a scored contact has an error of each type (policy,
# process, knowledge, tone); the rest are clean.
BASE_ERRORS = np.array(
    [
        [0.05, 0.08, 0.10, 0.04],
        [0.04, 0.05, 0.05, 0.03],
        [0.03, 0.04, 0.03, 0.02],
    ]
)
BASE_TENURE_MIX = np.array([0.15, 0.45, 0.40])
KINDS = (*ERROR_TYPES, NO_ERROR)  # an error index of len(ERROR_TYPES) means a clean contact
ERROR_PENALTY = {NO_ERROR: 0.0, "policy": 22.0, "process": 15.0, "knowledge": 18.0, "tone": 12.0}


def draw_reviews(
    headcount: np.ndarray, new_share: np.ndarray, extra_errors: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """One queue's scored contacts: week, tenure band index, error index (4 = none) and QA score.

    About one contact per agent a week is scored; ``new_share`` is the weekly share of agents
    under 3 months, ``extra_errors`` (weeks x bands x types) what the incident adds to the chances.
    """
    weeks = np.arange(1, len(headcount) + 1)
    counts = rng.poisson(np.maximum(headcount, 1) * 0.9)
    week = np.repeat(weeks, counts)
    row = week - 1
    rest = (1 - new_share)[:, None] * (BASE_TENURE_MIX[1:] / BASE_TENURE_MIX[1:].sum())[None, :]
    mix = np.column_stack([new_share, rest])  # weeks x bands
    band = (rng.random(len(week))[:, None] > np.cumsum(mix[row], axis=1)).sum(axis=1)
    band = np.minimum(band, len(TENURE_BANDS) - 1)
    chance = (BASE_ERRORS[None, :, :] + extra_errors)[row, band]  # reviews x types
    kind = (rng.random(len(week))[:, None] > np.cumsum(chance, axis=1)).sum(axis=1)
    penalty = np.array([ERROR_PENALTY[t] for t in KINDS])[kind]
    score = np.clip(np.round(rng.normal(94, 4, len(week)) - penalty), 0, 100).astype(int)
    return {"week": week, "band": band, "kind": kind, "score": score}
