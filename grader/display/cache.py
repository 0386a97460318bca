"""One bounded cache for what a lab rebuilds on every click (variants, baselines, tables).

A learner's kernel lives for hours and may draw many practice variants, so nothing may
grow without bound; the few most recent entries are what a redraw needs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedCache(Generic[V]):
    """The ``size`` most recently used values, by key.

    >>> cache = BoundedCache[int](2)
    >>> cache.get("a", lambda: 1), cache.get("b", lambda: 2), cache.get("a", lambda: 9)
    (1, 2, 1)
    >>> cache.get("c", lambda: 3); "b" in cache, "a" in cache
    3
    (False, True)
    """

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a cache holds at least one entry")
        self.size = size
        self._entries: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], V]) -> V:
        """The value for ``key``, built (and kept) on first use."""
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        value = build()
        self._entries[key] = value
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value

    def resize(self, size: int) -> None:
        """Hold at most ``size`` entries from now on, dropping the least recently used.

        >>> cache = BoundedCache[int](3)
        >>> for key in "abc": _ = cache.get(key, lambda: 0)
        >>> cache.resize(1); len(cache), "c" in cache
        (1, True)
        """
        if size < 1:
            raise ValueError("a cache holds at least one entry")
        self.size = size
        while len(self._entries) > size:
            self._entries.popitem(last=False)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
