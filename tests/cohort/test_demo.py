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


def test_cli_unknown_lab_is_a_clear_error(tmp_path, capsys):
    """Does `demo-cohort --labs` with an unknown lab exit 2 naming the labs that exist?"""
    from grader.cli import main

    assert main(["demo-cohort", str(tmp_path), "--learners", "2", "--labs", "07_nope"]) == 2
    err = capsys.readouterr().err
    assert "no lab named 07_nope" in err and "01_sourcing_models" in err and "Traceback" not in err
