"""Are difficulty, discrimination, shared mistakes and who may need help what the cohort shows?"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from grader.report import read_cohort
from grader.report.mistakes import wrong_parts
from grader.report.statistics import (
    MIN_LEARNERS,
    common_mistakes,
    decision_statistics,
    discrimination,
    learners_needing_help,
)


def test_discrimination_is_one_when_a_decision_ranks_learners_as_the_rest_does():
    """Is a decision that rises with the rest of the lab at r = 1, and one that falls at r = -1?"""
    rest = [0.1, 0.3, 0.5, 0.7, 0.9]
    assert discrimination([0.0, 0.25, 0.5, 0.75, 1.0], rest) == pytest.approx(1.0)
    assert discrimination([1.0, 0.75, 0.5, 0.25, 0.0], rest) == pytest.approx(-1.0)


def test_discrimination_is_missing_without_enough_learners_or_spread():
    """Is discrimination NaN for fewer than MIN_LEARNERS learners, or when everyone scored alike?"""
    few = MIN_LEARNERS - 1
    assert math.isnan(discrimination([0.0, 1.0, 0.0, 1.0][:few], [0.2, 0.8, 0.3, 0.9][:few]))
    assert math.isnan(discrimination([1.0] * 6, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]))


@pytest.fixture(scope="module")
def cohort(eight_learner_course):
    return read_cohort(eight_learner_course)


def test_difficulty_is_the_mean_share_of_points(cohort):
    """Is each decision's difficulty the mean of points over max points among submitted learners?"""
    statistics = decision_statistics(cohort).set_index(["lab", "decision"])
    frame = cohort.decisions
    for (lab, decision), group in frame.groupby(["lab", "decision"]):
        expected = (group["points"] / group["max_points"]).mean()
        assert statistics.loc[(lab, decision), "difficulty"] == pytest.approx(expected)


def test_decisions_tell_strong_learners_from_weak_ones(cohort):
    """Does every decision of a cohort of strong, weak and empty learners discriminate positively?"""
    statistics = decision_statistics(cohort)
    assert (statistics["discrimination"] > 0.2).all(), statistics[["decision", "discrimination"]]
    assert statistics.set_index("decision").loc["queue_mapping", "revealed"] == 1


def test_each_shared_mistake_is_counted_once_per_learner_who_made_it(cohort):
    """Is each mistake's count the number of learners whose choice has that wrong part?"""
    mistakes = common_mistakes(cohort)
    assert not mistakes.empty
    frame = cohort.decisions
    for row in mistakes.itertuples():
        group = frame[(frame["scenario"] == row.scenario) & (frame["decision"] == row.decision)]
        made = sum(
            row.mistake in wrong_parts(cohort.scenario(row.scenario, v).decision(row.decision), c)
            for c, v in zip(group["choice"], group["variant"], strict=True)
        )
        assert row.learners == made
        answered = int(group["choice"].notna().sum())
        assert row.share == pytest.approx(made / answered)
        assert row.principle == cohort.scenario(row.scenario, 0).decision(row.decision).principle


def test_weak_and_absent_learners_are_flagged_and_strong_ones_are_not(cohort):
    """Are learners low in two labs, or missing one, flagged with the reason, and no strong learner?"""
    flagged = learners_needing_help(cohort.scores).set_index("learner")
    assert {"learner-03", "learner-04", "learner-05", "learner-06", "learner-07"} <= set(flagged.index)
    assert not {"learner-01", "learner-02", "learner-08"} & set(flagged.index)
    assert "not submitted" in flagged.loc["learner-07", "reason"]
    assert "below 50%" in flagged.loc["learner-06", "reason"]


def test_one_low_lab_alone_is_not_a_reason():
    """Is a learner below the threshold in a single lab left off the list?"""
    scores = pd.DataFrame(
        [("ada", "a", 1.0, 4.0, True), ("ada", "b", 4.0, 4.0, True)],
        columns=["learner", "lab", "score", "max_score", "submitted"],
    )
    assert learners_needing_help(scores).empty
