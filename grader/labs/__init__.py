"""The labs' code, found by lab id, and the variants their generators build.

``lab_code("04_kpi_diagnosis")`` imports ``grader.labs.04_kpi_diagnosis`` (a folder named
like the lab) the first time it is asked, so opening one lab never pays for another's
imports, and returns its ``LAB``.  A lab id with no folder gets an empty :class:`LabCode`.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from pathlib import Path
from types import ModuleType

from pydantic import ValidationError

from grader.catalog import scenario_folder
from grader.display.cache import BoundedCache
from grader.labs.base import LabCode, LabContext, Variant
from grader.labs.cases import expected_cases
from grader.schema import Scenario

__all__ = [
    "GeneratorError",
    "LabCode",
    "LabContext",
    "Variant",
    "expected_cases",
    "lab_code",
    "lab_part",
    "realise",
    "realise_many",
    "reference",
    "variants_kept",
]

_LAB_ID = re.compile(r"^[0-9]{2}_[a-z0-9_]+$")


class GeneratorError(ValueError):
    """A scenario names a generator its lab does not have, or the generator broke its contract."""


@cache
def lab_code(lab_id: str) -> LabCode:
    """What lab ``lab_id`` adds in code (an empty :class:`LabCode` for a lab with no folder)."""
    # Search the package's path, not just this folder, so a test can add a fixture lab's folder.
    if not _LAB_ID.match(lab_id) or not any((Path(p) / lab_id / "__init__.py").exists() for p in __path__):
        return LabCode()
    module = importlib.import_module(f"{__name__}.{lab_id}")
    code = getattr(module, "LAB", None)
    if not isinstance(code, LabCode):
        raise TypeError(f"grader/labs/{lab_id}/__init__.py must define LAB = LabCode(...)")
    return code


def lab_part(lab_id: str, module: str) -> ModuleType:
    """One module of a lab's folder (``lab_part("05_roi_staffing", "waves")``), for tests and benchmarks.

    Lab folders are named by lab id, which starts with a digit, so an ``import`` statement
    cannot name them.
    """
    return importlib.import_module(f"{__name__}.{lab_id}.{module}")


def reference(lab_id: str, name: str) -> Callable[..., object]:
    """A reference function of a lab, as its hidden tests use it."""
    functions = lab_code(lab_id).reference
    if name not in functions:
        raise KeyError(f"lab {lab_id} has no reference function '{name}' (it has: {', '.join(functions)})")
    return functions[name]


# A learner's variant is built once per process (a lab redraws views on every click).
# Each entry keeps its template alive, so the template's id() cannot be reused while cached.
_variants: BoundedCache[tuple[Scenario, Variant]] = BoundedCache(64)


@contextmanager
def variants_kept() -> Iterator[None]:
    """Keep every variant realised inside the block, for work over a whole cohort.

    A report realises each learner's variant to read their decisions, then opens each
    learner's lab for the debrief figures; with more learners than the cache holds, every
    second realisation would otherwise be a rebuild.  The cache shrinks back on leaving.
    """
    size = _variants.size
    _variants.resize(sys.maxsize)
    try:
        yield
    finally:
        _variants.resize(size)


def realise_many(
    pairs: Iterable[tuple[Scenario, int]],
    processes: int | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> None:
    """Realise every ``(template, seed)`` not yet in the cache, over ``processes`` (default: the CPUs).

    For work over a cohort (inside :func:`variants_kept`, or the cache keeps only the last
    few): every learner of a generated lab has a variant of their own, each a fraction of a
    second to build, and they are independent.  Afterwards :func:`realise` finds each one.
    ``meanwhile`` is this process's own work while the variants are built elsewhere
    (:func:`grader.forked.forked_map`).
    """
    from grader.forked import forked_map

    wanted = {(id(t), int(s)): (t, int(s)) for t, s in pairs if t.generator is not None}
    missing = [pair for key, pair in wanted.items() if key not in _variants]
    built = forked_map(_realised, missing, processes, meanwhile)
    for (template, seed), variant in zip(missing, built, strict=True):
        # A variant built in a worker is keyed by this process's template, as realise() keys it.
        _variants.get((id(template), seed), lambda t=template, v=variant: (t, v))


def _realised(pair: tuple[Scenario, int]) -> Variant:
    return realise(*pair)


def realise(template: Scenario, seed: int, folder: Path | None = None) -> Variant:
    """The variant ``seed`` of ``template`` (the template itself, with no tables, if it has no generator).

    ``folder`` is the template's scenario folder; by default it is looked up by scenario id.
    """
    if template.generator is None:
        return Variant(seed, template, {})
    # Keyed by the template object, not its id string: an edited file is a new template.
    key = (id(template), int(seed))
    return _variants.get(key, lambda: (template, _build(template, int(seed), folder)))[1]


def _build(template: Scenario, seed: int, folder: Path | None) -> Variant:
    generators = lab_code(template.lab).generators
    generator = generators.get(template.generator or "")
    if generator is None:
        known = ", ".join(sorted(generators)) or "none"
        raise GeneratorError(
            f"scenario '{template.id}': lab {template.lab} has no generator named "
            f"'{template.generator}' (its generators: {known})"
        )
    if folder is None:
        try:
            folder = scenario_folder(template.id)
        except KeyError:
            folder = None  # a template validated outside the scenario folders; its generator needs none
    variant = generator(template, seed, folder)
    _check(template, variant)
    if template.withheld:
        # The generator fills in this variant's key; a learner's copy of an assessment keeps
        # only the tables (what a determined learner can still derive: docs/architecture.md).
        from grader.schema.withhold import withhold

        return replace(variant, scenario=withhold(variant.scenario))
    return variant


def _shape(scenario: Scenario) -> list[tuple[str, str, float]]:
    return [(d.id, d.kind, d.points) for d in scenario.decisions]


def _check(template: Scenario, variant: Variant) -> None:
    """A variant may change keys, text and data, never what the notebook's grade cells rely on."""
    if not isinstance(variant, Variant):
        raise GeneratorError(
            f"generator '{template.generator}' returned {type(variant).__name__}, not a Variant"
        )
    if _shape(variant.scenario) != _shape(template):
        raise GeneratorError(
            f"generator '{template.generator}' changed the decisions of '{template.id}' (ids, kinds or "
            "points); a variant may change keys and text only"
        )
    missing = [t.id for t in template.tables if t.file is None and t.id not in variant.tables]
    if missing:
        raise GeneratorError(
            f"generator '{template.generator}' did not build table(s) {', '.join(missing)} of '{template.id}'"
        )
    # A generated variant is validated like a scenario file: a single choice with no full-credit
    # option, or a key naming a category that does not exist, must not reach grading.
    try:
        Scenario.model_validate(variant.scenario.model_dump())
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise GeneratorError(
            f"generator '{template.generator}' built an invalid variant of '{template.id}' "
            f"(seed {variant.seed}): {where}: {first['msg'].removeprefix('Value error, ')}"
        ) from None
