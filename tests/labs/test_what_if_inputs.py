"""Does lab 05's what-if calculator refuse values that make the plan meaningless, in one sentence?

The calculator takes an assumption past its stated range (to ask "what if it were worse than we
think"), but not so far that the plan stops meaning anything: a thousand weeks of severance or
a share above one is a typing slip, and the learner should be told so, not shown a net.
"""

from __future__ import annotations

import pytest

from grader.display.errors import LabInputError
from grader.notebook import open_lab

SCENARIOS = ("staffing-broadband", "staffing-mealkit")


@pytest.fixture(params=SCENARIOS)
def calculator(request, tmp_path):
    lab = open_lab("05_roi_staffing", tmp_path, scenario=request.param)
    return lab.chart("what_if"), list(lab.table("queues")["id"])


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"severance_weeks": 1000}, "far outside its range"),
        ({"redeploy_share": 1.5}, "far outside its range"),
        ({"wind_down_months": -1}, "far outside its range"),
        ({"wind_down_months": "two"}, "takes a number"),
    ],
)
def test_a_meaningless_value_is_refused_in_one_sentence(calculator, values, says):
    """Is a value that is no number, or far outside its range, refused with what it takes?"""
    what_if, order = calculator
    with pytest.raises(LabInputError, match=says) as refused:
        what_if.net(order, **values)
    [name] = values
    assert name in str(refused.value) and "\n" not in str(refused.value)


def test_a_value_past_the_range_is_still_priced(calculator):
    """Is a value somewhat past the stated range (severance of 20 weeks against 4 to 12) priced,
    and dearer than the stated value?"""
    what_if, order = calculator
    assert what_if.net(order, severance_weeks=20) < what_if.net(order)
