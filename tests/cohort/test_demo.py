"""Does the synthetic cohort cover every profile, with exactly one malformed learner?"""

from __future__ import annotations

import pytest

from grader.cohort.demo import cohort_profiles


def test_profiles_cycle_with_one_malformed():
    """Are strong, weak and empty learners all present, and only the last malformed?"""
    cohort = cohort_profiles(20)
    profiles = [c.profile for c in cohort]
    assert profiles.count("malformed") == 1 and profiles[-1] == "malformed"
    assert {"strong", "weak", "empty"} <= set(profiles)
    assert len({c.learner_id for c in cohort}) == 20


def test_empty_cohort_is_refused():
    """Is a cohort of no learners refused with a clear error?"""
    with pytest.raises(ValueError, match="at least one learner"):
        cohort_profiles(0)
