"""Do the parts every kind shares name a kind once, judge plainly and report ids used twice?"""

from __future__ import annotations

from typing import Literal

import pytest

from grader.kinds.base import DecisionBase, Option, Verdict, kind_name, show, unique_ids, verdict_for


class Tagged(DecisionBase):
    """A decision model tagged 'tagged'."""

    kind: Literal["tagged"]


class Untagged(DecisionBase):
    """A decision model with no kind field."""


def test_kind_name_comes_from_the_model():
    """Is a kind's name read from its model's ``kind`` literal, so it is written once?"""
    assert kind_name(Tagged) == "tagged"


def test_model_without_kind_literal_is_refused():
    """Is a model without a one-value ``kind`` literal refused, saying what it needs?"""
    with pytest.raises(TypeError, match="Untagged needs a field 'kind: Literal"):
        kind_name(Untagged)


@pytest.mark.parametrize(
    ("share", "verdict"), [(1.0, Verdict.RIGHT), (0.25, Verdict.PARTLY), (0.0, Verdict.WRONG)]
)
def test_verdict_follows_share(share, verdict):
    """Is full credit right, some credit partly right, and none not right?"""
    assert verdict_for(share) is verdict


def test_every_verdict_has_a_symbol():
    """Does every verdict carry a symbol besides its word, so colour is never alone?"""
    assert {v: v.symbol for v in Verdict}[Verdict.MISSED] == "○"
    assert len({v.symbol for v in Verdict}) == len(Verdict)


def test_long_values_are_cut_short():
    """Is a long value cut to one readable line in a message?"""
    text = show(list(range(100)))
    assert len(text) == 60 and text.endswith("...")
    assert show("a") == "'a'"


def test_repeated_id_names_both_places():
    """Is an id used twice reported at its second place, naming the first?"""
    options = [Option(id=i, label="L", feedback="F") for i in ("a", "b", "a")]
    with pytest.raises(ValueError, match=r"^options.2.id: 'a' is used twice \(first at options.0\)$"):
        unique_ids(options, "options")
