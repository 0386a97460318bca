"""Per-learner variants: one scenario, many concrete versions, each with its own key.

A scenario that names a ``generator`` is a template.  The generator turns it and a seed
into a :class:`Variant`: the data tables the template leaves without a file, and the same
decisions with this variant's key (which cause, which week, which numbers).  The seed
follows from the lab and the learner's id (:func:`variant_seed`), so

* a learner gets the same variant in every session, and two learners get different ones;
* the grading process rebuilds the variant from the *student id nbgrader knows*, never
  from a seed written in a file the learner could edit, and scores against its key;
* self-study without an id gets a stable default (:data:`DEFAULT_SEED`) and may draw a
  fresh variant for more practice.

A generator is a module here with ``realise(base: Scenario, seed: int) -> Variant``; it
must be pure and deterministic in ``seed``.  :func:`realise` checks what it returns: the
decisions must keep their ids, kinds and points (the lab notebook's grade cells depend on
them) and every generated table must be there.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grader.schema import Scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_SEED",
    "GENERATORS",
    "GeneratorError",
    "Variant",
    "assigned_scenario",
    "choice_key",
    "realise",
    "variant_seed",
]

GENERATORS: dict[str, str] = {
    "kpi_incident": "grader.variants.kpi_incident",
}
DEFAULT_SEED = 1
SEED_RANGE = 2**31 - 1


class GeneratorError(ValueError):
    """A scenario names a generator that does not exist, or the generator broke its contract."""


@dataclass(frozen=True)
class Variant:
    """One concrete version of a generated scenario."""

    seed: int
    scenario: Scenario  # the template with this variant's key (and text) filled in
    tables: Mapping[str, pd.DataFrame]  # generated tables by table id


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


def assigned_scenario(pool: list[Scenario], lab_id: str, learner: str) -> Scenario:
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


def realise(base: Scenario, seed: int) -> Variant:
    """The variant ``seed`` of ``base`` (``base`` itself, with no tables, if it has no generator)."""
    if base.generator is None:
        return Variant(seed, base, {})
    key = (id(base), int(seed))
    cached = _built.get(key)
    if cached is not None and cached[0] is base:  # the same template object, not a reused id
        return cached[1]
    variant = _build(base, int(seed))
    if len(_built) >= _CACHE_SIZE:
        _built.pop(next(iter(_built)))
    _built[key] = (base, variant)
    return variant


# A learner's variant is built once per process (a lab redraws views on every click).
_CACHE_SIZE = 64
_built: dict[tuple[int, int], tuple[Scenario, Variant]] = {}


def _build(base: Scenario, seed: int) -> Variant:
    module_name = GENERATORS.get(base.generator or "")
    if module_name is None:
        raise GeneratorError(
            f"scenario '{base.id}': no generator named '{base.generator}' "
            f"(generators: {', '.join(sorted(GENERATORS))})"
        )
    module = importlib.import_module(module_name)
    variant = module.realise(base, seed)
    _check(base, variant)
    return variant


def _shape(scenario: Scenario) -> list[tuple[str, str, float]]:
    return [(d.id, d.kind, d.points) for d in scenario.decisions]


def _check(base: Scenario, variant: Variant) -> None:
    if not isinstance(variant, Variant):
        raise GeneratorError(f"generator '{base.generator}' returned {type(variant).__name__}, not a Variant")
    if _shape(variant.scenario) != _shape(base):
        raise GeneratorError(
            f"generator '{base.generator}' changed the decisions of '{base.id}' (ids, kinds or points); "
            "a variant may change keys and text only"
        )
    missing = [t.id for t in base.tables if t.file is None and t.id not in variant.tables]
    if missing:
        raise GeneratorError(
            f"generator '{base.generator}' did not build table(s) {', '.join(missing)} of '{base.id}'"
        )
