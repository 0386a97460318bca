"""Which scenario and variant a learner works on, and where their choices live: one rule.

The learner's session, the grading step, the demo cohort and the tests all ask this module,
so the scenario a learner practises on is the one they are graded on.

* The scenario follows from the lab and the learner id (a hash, so it is stable across
  sessions and spread evenly over the lab's scenarios); self-study with no id gets the first.
* A generated scenario's variant seed follows from the lab and the learner id the same way
  (:func:`variant_seed`); self-study gets :data:`DEFAULT_SEED`.
* The order in which a learner's panels list a decision's options follows from the lab, the
  scenario, the learner id and the decision (:func:`options_seed`), so it is the same on
  every run and after a restart, and where the key stands tells nothing.
* The grading process computes both from the student id nbgrader knows, never from the
  answers file, which the learner can edit or copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from grader.schema import Scenario

__all__ = [
    "DEFAULT_SEED",
    "Assignment",
    "assign",
    "assigned_scenario",
    "choice_key",
    "options_seed",
    "variant_seed",
]

DEFAULT_SEED = 1
SEED_RANGE = 2**31 - 1


@dataclass(frozen=True)
class Assignment:
    """A learner's template scenario, their variant seed (0 without a generator), and the answers slot."""

    template: Scenario
    seed: int

    @property
    def choice_key(self) -> str:
        return choice_key(self.template, self.seed)


def assign(pool: Sequence[Scenario], lab_id: str, learner: str) -> Assignment:
    """The scenario of ``pool`` and the variant that ``learner`` is given in ``lab_id``."""
    template = assigned_scenario(pool, lab_id, learner)
    return Assignment(template, variant_seed(lab_id, learner) if template.generator else 0)


def variant_seed(lab_id: str, learner: str) -> int:
    """The seed of ``learner``'s variant of ``lab_id``: stable, and different between learners.

    >>> variant_seed("04_kpi_diagnosis", "ada") == variant_seed("04_kpi_diagnosis", "ada")
    True
    >>> variant_seed("04_kpi_diagnosis", "ada") != variant_seed("04_kpi_diagnosis", "grace")
    True
    >>> variant_seed("04_kpi_diagnosis", "")
    1
    """
    learner = learner.strip()
    if not learner:
        return DEFAULT_SEED
    digest = hashlib.sha256(f"variant:{lab_id}:{learner}".encode()).digest()
    return 2 + int.from_bytes(digest[:8], "big") % (SEED_RANGE - 2)


def options_seed(lab_id: str, learner: str, scenario_id: str, decision_id: str) -> str:
    """What orders the options of ``decision_id`` in ``learner``'s panels: stable, one per learner.

    Self-study (no id) gets one order per decision too, never the file's, whose first
    option is often the key.

    >>> options_seed("05_roi_staffing", "ada", "s", "d") == options_seed("05_roi_staffing", "ada", "s", "d")
    True
    >>> options_seed("05_roi_staffing", "ada", "s", "d") != options_seed("05_roi_staffing", "grace", "s", "d")
    True
    """
    return f"options:{lab_id}:{scenario_id}:{learner.strip()}:{decision_id}"


def assigned_scenario(pool: Sequence[Scenario], lab_id: str, learner: str) -> Scenario:
    """The scenario of the pool a learner works on: chosen from the id; the first without one."""
    if not learner.strip():
        return pool[0]
    digest = hashlib.sha256(f"{lab_id}:{learner.strip()}".encode()).digest()
    return pool[int.from_bytes(digest[:8], "big") % len(pool)]


def choice_key(scenario: Scenario, seed: int) -> str:
    """Where a scenario's choices live in the answers file.

    A generated scenario keeps each variant's choices apart (``<id>@<seed>``), so drawing a
    fresh variant for practice never mixes its answers with another's, and nothing is lost.
    """
    return scenario.id if scenario.generator is None else f"{scenario.id}@{seed}"
