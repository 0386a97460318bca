"""Does lab 04's evidence prompt teach its rule without pointing at the options it never keys?"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.schema import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
# The never-keyed options' own words: an example in the prompt that repeats them names the option.
NEVER_KEYED_WORDS = ("longer waits", "longer calls", "complaints", "ASA", "AHT", "abandonment", "CSAT")


@pytest.fixture(params=["kpi-homegoods", "kpi-broadband"])
def evidence(request):
    return load_scenario(SCENARIOS / request.param).decision("evidence")


def test_the_prompt_names_no_never_keyed_option_as_its_example(evidence):
    """Does the prompt give the rule (leave alone what several causes leave alike) without an
    example that copies a never-keyed option's words?"""
    prompt = " ".join(evidence.prompt.split())
    assert "several causes leave alike" in prompt
    assert not [word for word in NEVER_KEYED_WORDS if word in prompt], prompt


def test_the_prompt_still_counts_a_sign_one_other_cause_shares(evidence):
    """Does the prompt still say a sign that rules out most causes counts, as the call rise that a
    policy change and a broken escalation path share is keyed for both?"""
    assert "rules out most causes counts" in " ".join(evidence.prompt.split())
