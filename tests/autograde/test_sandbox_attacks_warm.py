"""Does the autograde sandbox stop each attack when every kernel is forked from a warm sandbox?

The tests of ``test_sandbox_attacks.py``, on a batch graded with ``c.Sandbox.warm_kernels``:
each attacker's kernel is forked from the process the previous learner's kernel came from.
A module of its own so that pytest-xdist (``--dist loadscope``) grades this batch and the cold
one on two workers at once; each spends most of its time waiting on the attacks' time limits.
"""

from __future__ import annotations

import pytest

from tests.autograde.test_sandbox_attacks import (  # noqa: F401 (collected here, on the warm batch)
    Batch,
    grade_attacks,
    test_attack_changes_no_grade_and_is_reported,
    test_no_key_file_gradebook_or_other_folder_changed,
    test_no_secret_reaches_an_attackers_notebook,
    test_nothing_left_the_sandbox_by_the_network,
    test_the_batch_grades_everyone,
    test_the_honest_learner_gets_what_their_work_earns,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def attacked_batch(tmp_path_factory, generated_course) -> Batch:
    """The honest learner and every attacker, autograded in one run with the sandbox on, each
    kernel forked from one warm sandbox."""
    return grade_attacks(tmp_path_factory, generated_course, warm=True)
