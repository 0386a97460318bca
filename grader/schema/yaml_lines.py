"""Read YAML keeping the line of every value, and refusing duplicate keys.

PyYAML's plain loaders keep the last of two equal keys without a word, and forget where
each value stood.  Authors need both: the duplicate reported, and every schema error
pointed at a line.  So we compose the node tree (which carries marks) and build the data
and a ``path -> line`` map from it in one walk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

Path = tuple[str | int, ...]


@dataclass
class LocatedYaml:
    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)

    def line_of(self, path: Path) -> int | None:
        """The line of ``path`` or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


# libyaml's parser, where PyYAML was built with it, composes the same nodes with the same marks
# about ten times faster than the pure-Python one (a lab's first cell reads its scenario files).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_located(text: str) -> LocatedYaml:
    """Parse one YAML document; ``yaml.YAMLError`` on syntax errors."""
    try:
        return _load_located(text, _Loader)
    except yaml.YAMLError:
        # The pure-Python parser says more about a syntax error (it names a tab, for one).
        return _load_located(text, yaml.SafeLoader)


def _load_located(text: str, loader_class: type) -> LocatedYaml:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        located = LocatedYaml(data=None)
        if node is not None:
            located.data = _build(loader, node, (), located)
        return located
    finally:
        loader.dispose()


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path, out: LocatedYaml) -> object:
    out.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = key if isinstance(key, str | int) else str(key)
            child = (*path, key)
            if key in result:
                out.duplicates.append((child, key_node.start_mark.line + 1))
                continue
            out.lines[child] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, child, out)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), out) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
