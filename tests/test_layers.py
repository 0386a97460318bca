"""Do the package's layers point one way?

The import graph is drawn from the code itself: every ``import`` of a ``grader`` module that
runs when a module is imported, grouped by subpackage (``grader.labs``, ``grader.display``...).
Imports under ``if TYPE_CHECKING:`` are left out: they name a type for the reader and the type
checker and never run, so they cannot make a cycle at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grader

PACKAGE = Path(grader.__file__).parent


def _unit(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _module_name(file: Path) -> str:
    parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(tree: ast.AST, package: str) -> set[str]:
    """Modules imported by code that runs, with relative imports resolved against ``package``."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name.startswith("grader")}


def import_graph() -> dict[str, set[str]]:
    """Subpackage -> the other subpackages its modules import when they run."""
    graph: dict[str, set[str]] = {}
    for file in PACKAGE.rglob("*.py"):
        if "_content" in file.parts:
            continue
        name = _module_name(file)
        package = name if file.name == "__init__.py" else name.rsplit(".", 1)[0]
        tree = ast.parse(file.read_text(encoding="utf-8"))
        source = _unit(name)
        for target in _runtime_imports(tree, package):
            if _unit(target) != source and source != "grader":
                graph.setdefault(source, set()).add(_unit(target))
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := walk(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := walk(start)):
            return found
    return None


def test_no_import_cycle_between_subpackages():
    """Is there no cycle in the import graph of grader's subpackages?"""
    cycle = _cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_check_finds_a_cycle():
    """Would the check see a cycle if there were one?"""
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_bottom_layers_import_nothing_above_them():
    """Do the display layer, the runtime and the decision kinds stay at the bottom?"""
    graph = import_graph()
    assert graph.get("grader.runtime", set()) == set()
    assert graph.get("grader.display", set()) <= {"grader.runtime"}
    assert graph.get("grader.kinds", set()) == set()
