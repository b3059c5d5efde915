"""Finding a query in a document's text and stepping through the matches (pure: no textual).

Matching is literal with smart case (a query with a capital letter matches case); at most
`limit` matches are kept (a one-letter query in a book).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

SEARCH_LIMIT = 50_000


class Search:
    """The current query, its matches in order, and which one the reader is on."""

    __slots__ = ("query", "starts", "ends", "current")

    def __init__(self) -> None:
        self.query = ""
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.current: int | None = None

    def find(self, text: str, query: str, limit: int = SEARCH_LIMIT) -> int:
        """Match `query` in `text` (an empty query clears); return how many matched."""
        self.query = query
        self.current = None
        starts: list[int] = []
        ends: list[int] = []
        if query:
            flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
            for match in re.compile(re.escape(query), flags).finditer(text):
                starts.append(match.start())
                ends.append(match.end())
                if len(starts) >= limit:
                    break
        self.starts, self.ends = starts, ends
        return len(starts)

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
