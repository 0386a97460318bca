"""The decision kinds, each registered once: ``KINDS`` maps a ``kind:`` name to its :class:`Kind`.

Every module of this package other than ``base`` is a kind module: it holds one kind's
schema model, scoring rule, widget and synthetic answers, and ends with ``KIND = ...``.
The registry finds those modules when the package is imported; everything that differs by
kind reads it:

- the scenario schema's discriminated union (``grader.schema.model.Decision``) and the
  loader's "kind must be one of: ..." message;
- the engine's ``judge`` and the perfect and random answers of ``grader.engine.keys``;
- the decision panel's control (``grader.widgets.panels``).

Adding a kind
-------------
1. Write ``grader/kinds/<name>.py``: a model that subclasses ``base.DecisionBase`` with a
   field ``kind: Literal["<name>"]``, a subclass of ``base.Kind`` that sets ``model``,
   ``value_form`` and the next free ``position`` and implements ``judge``,
   ``practice_notes`` (feedback on what was chosen, never the key), ``control``
   (importing ipywidgets inside it), ``withhold`` (the decision with a key that says
   nothing, for the learner's copy of an assessment release), ``perfect_answer`` and
   ``random_answer``; end the
   module with ``KIND = <YourKind>()``.  Import only ``grader.kinds.base`` from the package.
2. Write ``tests/kinds/test_<name>.py`` with an ``EXAMPLE`` decision (as an author would
   write it in YAML, as a dict) and tests of its rule; ``tests/kinds/test_registry.py``
   runs the contract every kind must meet on that example.

Nothing else changes.  The schema reads the registry once, when ``grader.schema`` is
imported, so a kind is a module here, never registered from elsewhere at run time.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any, Union

from pydantic import Field

from grader.kinds.base import DecisionBase, Judgement, Kind, Note, Verdict

__all__ = ["KINDS", "DecisionBase", "Judgement", "Kind", "Note", "Registry", "Verdict", "discover", "kind_of"]

# Modules of this package that hold what kinds share rather than a kind.
SHARED_MODULES = frozenset({"base"})


class Registry(Mapping[str, Kind]):
    """Kinds by name, in the order of their ``position``; a name or position is taken once."""

    def __init__(self, kinds: Iterable[Kind] = ()) -> None:
        self._kinds: dict[str, Kind] = {}
        for kind in kinds:
            self.register(kind)

    def register(self, kind: Kind) -> Kind:
        """Add ``kind``; ``ValueError`` if it is incomplete or its name or position is taken."""
        if not isinstance(kind, Kind):
            raise TypeError(f"{kind!r} is not a Kind (see grader.kinds.base.Kind)")
        if not (isinstance(kind.model, type) and issubclass(kind.model, DecisionBase)):
            raise TypeError(f"{type(kind).__name__}.model must be a subclass of DecisionBase")
        name = kind.name
        form = getattr(kind, "value_form", "")
        if not isinstance(form, str) or not form.strip() or "\n" in form:
            raise ValueError(f"kind '{name}' needs a one-line value_form")
        if name in self._kinds:
            raise ValueError(f"kind '{name}' is registered twice: {self._kinds[name]!r} and {kind!r}")
        for other in self._kinds.values():
            if other.position == kind.position:
                raise ValueError(
                    f"kinds '{other.name}' and '{name}' share position {kind.position}; "
                    "give the new kind the next free one"
                )
        ordered = sorted([*self._kinds.values(), kind], key=lambda k: k.position)
        self._kinds = {k.name: k for k in ordered}
        return kind

    def __getitem__(self, name: str) -> Kind:
        try:
            return self._kinds[name]
        except KeyError:
            raise KeyError(f"no decision kind '{name}' (kinds: {', '.join(self._kinds)})") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def __repr__(self) -> str:
        return f"Registry({', '.join(self._kinds)})"

    def of(self, decision: DecisionBase) -> Kind:
        """The kind of ``decision``, found by its ``kind`` tag."""
        return self[getattr(decision, "kind", "")]

    @property
    def models(self) -> tuple[type[DecisionBase], ...]:
        return tuple(k.model for k in self._kinds.values())

    def model_union(self) -> Any:
        """Any one of the models: the union of them all, for type hints and ``isinstance``."""
        return Union[self.models]  # noqa: UP007 (``|`` cannot join a tuple built at run time)

    def discriminated_union(self) -> Any:
        """The models as one pydantic union told apart by ``kind``, for a schema field."""
        return Annotated[self.model_union(), Field(discriminator="kind")]

    def value_forms(self) -> str:
        """One line per kind: its name and how a learner writes its value in code."""
        return "\n".join(f"{name}: {kind.value_form}" for name, kind in self._kinds.items())


def discover(package: str, path: Iterable[str]) -> list[Kind]:
    """The ``KIND`` of every kind module in ``package`` (found on ``path``), by module name."""
    kinds = []
    for found in sorted(pkgutil.iter_modules(list(path)), key=lambda m: m.name):
        if found.name in SHARED_MODULES or found.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{found.name}")
        kind = getattr(module, "KIND", None)
        if kind is None:
            raise TypeError(f"{module.__name__} is a kind module but defines no KIND")
        kinds.append(kind)
    return kinds


KINDS = Registry(discover(__name__, __path__))


def kind_of(decision: DecisionBase) -> Kind:
    """The registered kind of ``decision``.

    >>> from grader.kinds.single import SingleChoice
    >>> kind_of(SingleChoice.model_construct(kind="single")).value_form
    'one option id (text)'
    """
    return KINDS.of(decision)
