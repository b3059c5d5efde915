"""Spans of a text kept sorted by start, with overlap queries by bisection (pure: no textual).

`HighlightIndex` holds any items with `start`, `end` and `id` (the article view's
`Highlight`s, the store's annotations), ordered by a key whose first element is the start
(`(start, end)` unless told otherwise). Overlap queries bisect the starts within the
longest item's length of the window; items longer than `long` characters are kept aside in a
short list scanned for every query, so one long span does not widen every window.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, islice
from operator import attrgetter, eq, le, sub
from typing import Any, Generic, Protocol, TypeVar

LONG_SPAN = 2_000  # characters: longer items are kept in a list scanned for every query


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=Span)

_START = attrgetter("start")
_END = attrgetter("end")
_START_END = attrgetter("start", "end")


@dataclass(slots=True, frozen=True)
class Highlight:
    """A highlighted range of `Document.text` to draw (the app maps annotations to these)."""

    start: int
    end: int
    category: str
    has_note: bool = False
    id: str = ""


class HighlightIndex(Generic[T]):
    """Items ordered by `key` (default `(start, end)`; its first element must be `start`)."""

    __slots__ = ("_items", "_starts", "_key", "_long_length", "_max", "_long")

    def __init__(
        self,
        items: Iterable[T] = (),
        *,
        key: Callable[[T], Any] = _START_END,
        long: int = LONG_SPAN,
    ) -> None:
        self._key = key
        self._long_length = long
        self._items: list[T] = []
        self._starts: list[int] = []
        self._max = 0  # an upper bound of the length of every item not in `_long`
        self._long: list[T] = []  # items longer than `long`, in order
        self.replace(items)

    # -- reading -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __getitem__(self, index: int) -> T:
        return self._items[index]

    @property
    def items(self) -> list[T]:
        """Every item in order (the index's own list: do not change it)."""
        return self._items

    @property
    def starts(self) -> list[int]:
        """The items' starts in order (the index's own list: do not change it)."""
        return self._starts

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items sharing a character with [start, end), in order (none when end <= start).

        The window is bisected from `start` less the longest short item's length; the long
        items that start before it come first (they start before every item in it).
        """
        if not self._items:
            return []
        starts = self._starts
        lo = bisect_left(starts, start - self._max)
        hi = bisect_left(starts, end)
        first = starts[lo] if lo < len(starts) else end
        found = [
            item
            for item in self._long
            if item.start < first and item.start < end and item.end > start
        ]
        found.extend(
            item for item in islice(self._items, lo, hi) if item.start < end and item.end > start
        )
        return found

    def at(self, offset: int) -> list[T]:
        """Items containing `offset`."""
        return self.overlapping(offset, offset + 1)

    def exact(self, start: int, end: int) -> T | None:
        """The first item spanning exactly [start, end), if any."""
        starts = self._starts
        i = bisect_left(starts, start)
        hi = bisect_right(starts, start, i)
        for item in islice(self._items, i, hi):
            if item.end == end:
                return item
        return None

    def position(self, item: T) -> int | None:
        """Where an item equal to `item` is in the order, if it is held."""
        starts = self._starts
        i = bisect_left(starts, item.start)
        hi = bisect_right(starts, item.start, i)
        items = self._items
        while i < hi and items[i] != item:
            i += 1
        return i if i < hi else None

    def find_id(self, start: int, id: str) -> T | None:
        """The item with this `id` starting at `start`, if any."""
        starts = self._starts
        i = bisect_left(starts, start)
        hi = bisect_right(starts, start, i)
        return next((item for item in islice(self._items, i, hi) if item.id == id), None)

    def first_start_from(self, offset: int) -> int | None:
        """The first start at or after `offset`."""
        i = bisect_left(self._starts, offset)
        return self._starts[i] if i < len(self._starts) else None

    def last_start_before(self, offset: int) -> int | None:
        """The last start before `offset`."""
        i = bisect_left(self._starts, offset) - 1
        return self._starts[i] if i >= 0 else None

    # -- changing ----------------------------------------------------------------------------

    def replace(self, items: Iterable[T]) -> None:
        """Hold `items` instead (a few C-level passes when they come in order already)."""
        ordered = list(items)
        starts = list(map(_START, ordered))
        if not self._in_order(ordered, starts):
            ordered.sort(key=self._key)
            starts = list(map(_START, ordered))
        lengths = list(map(sub, map(_END, ordered), starts))
        longest = max(lengths, default=0)
        long: list[T] = []
        if longest > self._long_length:
            limit = self._long_length
            long = [item for item, n in zip(ordered, lengths, strict=True) if n > limit]
            longest = max((n for n in lengths if n <= limit), default=0)
        self._items = ordered
        self._starts = starts
        self._max = longest
        self._long = long

    def _in_order(self, items: list[T], starts: list[int]) -> bool:
        if not all(map(le, starts, islice(starts, 1, None))):
            return False
        key = self._key
        ties = compress(range(1, len(starts)), map(eq, starts, islice(starts, 1, None)))
        return all(key(items[i - 1]) <= key(items[i]) for i in ties)

    def add(self, item: T) -> int:
        """Insert `item` in order (after equal keys); return its position."""
        starts = self._starts
        i = bisect_left(starts, item.start)
        hi = bisect_right(starts, item.start, i)
        key = self._key
        mine = key(item)
        items = self._items
        while i < hi and key(items[i]) <= mine:
            i += 1
        items.insert(i, item)
        starts.insert(i, item.start)
        length = item.end - item.start
        if length > self._long_length:
            self._long.append(item)
            self._long.sort(key=key)
        else:
            self._max = max(self._max, length)
        return i

    def remove(self, item: T) -> bool:
        """Take out an item equal to `item`; False if none is held."""
        i = self.position(item)
        if i is None:
            return False
        self._pop(i)
        return True

    def _pop(self, i: int) -> T:
        item = self._items.pop(i)
        del self._starts[i]
        if item.end - item.start > self._long_length:
            self._long.remove(item)
        # `_max` stays: an upper bound only widens the bisection window a little.
        return item

    def remove_id(self, start: int, id: str) -> T | None:
        """Take out the item with this `id` starting at `start`; return it (None if absent)."""
        starts = self._starts
        i = bisect_left(starts, start)
        hi = bisect_right(starts, start, i)
        items = self._items
        while i < hi and items[i].id != id:
            i += 1
        return self._pop(i) if i < hi else None

    def update(self, old: T, new: T) -> bool:
        """Hold `new` in place of `old` (its range may have changed); False if `old` was not
        held (`new` is added all the same)."""
        removed = self.remove(old)
        self.add(new)
        return removed
