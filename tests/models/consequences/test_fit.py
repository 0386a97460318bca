"""Does a queue lose FCR where it fits badly, by documented rules?"""

from __future__ import annotations

import pandas as pd
import pytest

from grader.models.consequences import FIT_RULES, FitRule, fit_penalties

# --------------------------------------------------------------------------- the rules


def test_fit_rules_are_documented_data():
    """Does every fit rule carry a reason, spare in-house, and rank offshore at least as bad as nearshore?"""
    for rule in FIT_RULES:
        assert rule.reason
        assert "inhouse" not in rule.penalties
        assert all(0 <= p < 0.2 for p in rule.penalties.values())
        if rule.attribute != "language":
            assert rule.penalties.get("offshore", 0) >= rule.penalties.get("nearshore", 0)


# --------------------------------------------------------------------------- the penalty


def test_matching_rules_add_up_per_location():
    """Does a queue lose the sum of the rules it matches at each location, and nothing in-house?"""
    queues = pd.DataFrame(
        {"complexity": ["high", "low"], "risk": ["low", "low"], "language": ["Spanish", "English"]}
    )
    rules = (
        FitRule("complexity", "high", {"offshore": 0.08, "nearshore": 0.05}, "judgement travels badly"),
        FitRule("language", "Spanish", {"offshore": 0.10}, "an English-speaking pool"),
    )
    got = fit_penalties(queues, ["inhouse", "nearshore", "offshore"], rules)
    assert got[0].tolist() == pytest.approx([0.0, 0.05, 0.18])
    assert got[1].tolist() == [0.0, 0.0, 0.0]


def test_no_rules_no_penalty():
    """Without rules, does every queue fit everywhere?"""
    queues = pd.DataFrame({"complexity": ["high"]})
    assert fit_penalties(queues, ["inhouse", "offshore"], ()).tolist() == [[0.0, 0.0]]
