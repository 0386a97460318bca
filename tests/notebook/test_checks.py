"""Does learner code that returns the wrong kind of thing get a sentence saying what was expected?"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grader.notebook import LabInputError
from grader.notebook.checks import check_shape, expect_frame, expect_mapping, expect_number, expect_series


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (None, "returned None (did the function forget to return?)"),
        ([1.0, 2.0, 3.0], "returned a list of 3 numbers"),
        ("12", "returned the text '12'"),
        (pd.Series([1, 2]), "returned a Series of 2 values"),
        (True, "returned the truth value True"),
    ],
)
def test_wrong_kind_for_a_number_is_named(value, says):
    """Is a function that should return a number told what it returned instead?"""
    with pytest.raises(LabInputError, match="should return a number") as error:
        expect_number(value, "paid_hours(600, 8)")
    assert str(error.value).startswith("paid_hours(600, 8) should return a number")
    assert says in str(error.value)


def test_numpy_scalars_count_as_numbers_and_nan_does_not():
    """Are NumPy scalars accepted as numbers, and is a NaN reported?"""
    assert expect_number(np.float64(2.5), "f()") == 2.5
    with pytest.raises(LabInputError, match="finite number; it returned nan"):
        expect_number(float("nan"), "f()")


def test_series_with_the_wrong_index_names_what_is_missing():
    """Is a Series indexed by the wrong labels told which are missing and which are not expected?"""
    wrong = pd.Series([0.1, 0.2], index=["orders", "billing"])
    with pytest.raises(LabInputError, match="missing index returns; unexpected index billing"):
        expect_series(wrong, "repeat_rate(weekly)", index=["orders", "returns"])
    with pytest.raises(LabInputError, match="should return a pandas Series; it returned a list of 2 numbers"):
        expect_series([0.1, 0.2], "repeat_rate(weekly)")


def test_frame_without_a_column_names_it():
    """Is a DataFrame missing a column told which one, and which columns it has?"""
    frame = pd.DataFrame({"week": [1], "rate": [0.2]})
    with pytest.raises(LabInputError, match="column.s. queue; it has week, rate"):
        expect_frame(frame, "f()", columns=["week", "queue"])
    assert expect_frame(frame, "f()", columns=["week"]) is frame


def test_mapping_keys_are_checked():
    """Are a dict's missing and extra keys both named?"""
    with pytest.raises(LabInputError, match="missing tone; not expected typo"):
        expect_mapping({"policy": 0.5, "typo": 0.5}, "error_mix(qa)", keys=["policy", "tone"])
    assert expect_mapping(pd.Series({"a": 1.0}), "f()", keys=["a"]) == {"a": 1.0}


# --------------------------------------------------------------------------- one check for any shape


@pytest.mark.parametrize(
    ("value", "kind", "said"),
    [
        ([0.1, 0.2, 0.3], "series", "a list of 3 numbers"),
        (None, "frame", "None (did the function forget to return?)"),
        (pd.Series([1.0]), "frame", "a Series of 1 values"),
        ("0.8", "number", "the text '0.8'"),
    ],
)
def test_check_shape_says_what_came_back(value, kind, said):
    """Does a value of the wrong kind get one sentence naming what was expected and what came back?"""
    with pytest.raises(LabInputError) as error:
        check_shape(value, kind, "f(x)", index=["a", "b"], index_name="queue")
    message = str(error.value)
    assert message.startswith("f(x) should return a ") and message.endswith(f"it returned {said}")


def test_check_shape_names_missing_and_unexpected_labels():
    """Does a frame with the wrong rows or columns get told which labels are missing or unexpected?"""
    frame = pd.DataFrame({"orders": [0.1, 0.2], "extra": [0.0, 0.0]}, index=[1, 2])
    with pytest.raises(LabInputError, match=r"missing queue returns; unexpected queue extra"):
        check_shape(frame, "frame", "f(w)", index=[1, 2], columns=["orders", "returns"], columns_name="queue")
    with pytest.raises(LabInputError, match=r"missing week 3"):
        check_shape(frame[["orders"]], "frame", "f(w)", index=[1, 2, 3], index_name="week")
    right = pd.Series([0.5, 0.5], index=["b", "a"])
    assert check_shape(right, "series", "f(x)", index=["a", "b"]) is right  # order does not matter


def test_check_shape_accepts_numbers_and_refuses_others():
    """Is a NumPy number accepted as a number, a boolean or an infinity not, and an unknown kind a bug?"""
    import numpy as np

    assert check_shape(np.float64(0.5), "number", "f()") == 0.5
    for bad in (True, float("inf")):
        with pytest.raises(LabInputError):
            check_shape(bad, "number", "f()")
    with pytest.raises(ValueError, match="expected_kind"):
        check_shape(1, "table", "f()")


@pytest.mark.slow
def test_wrong_return_in_a_real_kernel_is_one_sentence(tmp_path, learner_release):
    """In a real kernel, does lab 01's visible test answer a list with one sentence, not a traceback?"""
    import json

    from tests.answers.test_kernels import kernel

    notebook = json.loads((learner_release / "01_sourcing_models" / "01_sourcing_models.ipynb").read_text())
    tests = next(
        "".join(c["source"])
        for c in notebook["cells"]
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "paid_hours_tests"
    )
    with kernel(tmp_path) as (_, client):
        client.execute_interactive(
            "def paid_hours(contacts, aht, occupancy=0.8):\n    return [contacts, aht]"
        )
        shown: list[str] = []
        reply = client.execute_interactive(
            tests,
            output_hook=lambda m: (
                shown.extend(m["content"].get("traceback", [])) if m["msg_type"] == "error" else None
            ),
        )
    assert reply["content"]["status"] == "error"
    assert shown == [
        "LabInputError: paid_hours(600, 8) should return a number; it returned a list of 2 numbers"
    ], shown
