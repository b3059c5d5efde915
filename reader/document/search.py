"""Finding a query in a document's text and stepping through the matches (pure: no textual).

Matching is literal with smart case (a query with a capital letter matches case, one without
is looked for in `fold(text)`, made once per text); at most
`limit` matches are kept (a one-letter query in a book).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

SEARCH_LIMIT = 50_000
FOLD_PART = 1 << 18


def fold(text: str) -> str:
    """`text` with every character lower-cased where that gives one character (so offsets in
    it are offsets in `text`): what a query without capitals is looked for in."""
    # Σ on its own: str.lower() makes a word-final Σ ς, one character on its own makes it σ.
    lowered = "σ".join(part.lower() for part in text.split("Σ"))
    if len(lowered) == len(text):  # lower() never shortens: no character grew, all line up
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def fold_parts(text: str, size: int = FOLD_PART) -> Iterator[str]:
    """`fold(text)` in consecutive parts of `size` characters (folding is per character, so
    the parts joined are `fold(text)`): for a worker that can stop between parts."""
    for at in range(0, len(text), size):
        yield fold(text[at : at + size])


class Search:
    """The current query, its matches in order, and which one the reader is on.

    The folded copy of the text is made once per text; every place the last query occurs
    (overlapping) is kept, so a query that extends it only checks those places."""

    __slots__ = ("query", "starts", "ends", "current", "_text", "_folded", "_last", "_places")

    def __init__(self) -> None:
        self.query = ""
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.current: int | None = None
        self._text: str | None = None
        self._folded = ""
        self._last: tuple[str, bool] | None = None  # the query and whether it kept case
        self._places: list[int] | None = None  # every start of it (None: too many kept)

    def find(self, text: str, query: str, limit: int = SEARCH_LIMIT) -> int:
        """Match `query` in `text` (an empty query clears); return how many matched."""
        self.query = query
        self.current = None
        self.prepare(text)
        exact = any(c.isupper() for c in query)
        haystack = text if exact else self._folded
        needle = query if exact else fold(query)
        places = self._occurrences(haystack, needle, exact, limit) if needle else []
        starts: list[int] = []
        end = 0
        for start in places:
            if start >= end:
                starts.append(start)
                end = start + len(needle)
                if len(starts) >= limit:
                    break
        self.starts, self.ends = starts, [start + len(needle) for start in starts]
        return len(starts)

    def prepare(self, text: str, folded: str | None = None) -> None:
        """Make the folded copy of `text` now (or take `folded`, `fold(text)` made elsewhere),
        unless it is made already; `find` on another text makes that text's."""
        if text is not self._text:
            folded = fold(text) if folded is None else folded
            self._text, self._folded, self._last, self._places = text, folded, None, None

    def prepared(self, text: str) -> bool:
        """Whether the folded copy of `text` is made."""
        return text is self._text

    def _occurrences(self, haystack: str, needle: str, exact: bool, limit: int) -> list[int]:
        """Every start of `needle` (overlapping), from the last query's when it extends it."""
        last, known = self._last, self._places
        if (
            known is not None
            and last is not None
            and last[1] == exact
            and needle.startswith(last[0])
        ):
            places = [start for start in known if haystack.startswith(needle, start)]
        else:
            places = []
            find = haystack.find
            at = find(needle)
            cap = 4 * limit
            while at >= 0 and len(places) < cap:
                places.append(at)
                at = find(needle, at + 1)
            if at >= 0:  # more than are kept: the matches are found directly, not from these
                self._last, self._places = None, None
                return _starts(haystack, needle, limit)
        self._last, self._places = (needle, exact), places
        return places

    def clear(self) -> None:
        self.query = ""
        self.starts, self.ends, self.current = [], [], None

    @property
    def matches(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))

    @property
    def current_range(self) -> tuple[int, int] | None:
        if self.current is None:
            return None
        return self.starts[self.current], self.ends[self.current]

    def first_from(self, here: int) -> int | None:
        """The first match at or after offset `here`, wrapping to the first; None if none."""
        if not self.starts:
            return None
        return bisect_left(self.starts, here) % len(self.starts)

    def step(self, here: int, step: int) -> int | None:
        """The match after (step 1) or before (step -1) the current one, wrapping; with none
        current, the first after or the last before offset `here`."""
        if not self.starts:
            return None
        if self.current is not None:
            index = self.current + step
        elif step > 0:
            index = bisect_right(self.starts, here)
        else:
            index = bisect_left(self.starts, here) - 1
        return index % len(self.starts)

    def overlapping(self, start: int, end: int) -> tuple[tuple[int, int, bool], ...]:
        """Matches overlapping [start, end), clipped to it, each with whether it is current."""
        if not self.starts:
            return ()
        starts, ends = self.starts, self.ends
        found = []
        i = bisect_right(ends, start)
        while i < len(starts) and starts[i] < end:
            found.append((max(starts[i], start), min(ends[i], end), i == self.current))
            i += 1
        return tuple(found)


def _starts(haystack: str, needle: str, limit: int) -> list[int]:
    """The first `limit` starts of `needle` in `haystack`, not overlapping."""
    starts: list[int] = []
    find = haystack.find
    at = find(needle)
    while at >= 0 and len(starts) < limit:
        starts.append(at)
        at = find(needle, at + len(needle))
    return starts
