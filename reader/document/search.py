"""Finding a query in a document's text and stepping through the matches (pure: no textual).

Matching is literal with smart case (a query with a capital letter matches case, one without
is looked for in `fold(text)`, made once per text). A query's matches are counted in C; a
few thousand are listed, more are found where they are needed (see `Search`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import accumulate
from operator import add

SEARCH_LIMIT = 50_000
# More matches than this (of a query that never overlaps itself) are found where needed.
EAGER_MATCHES = 2_000
FOLD_PART = 1 << 18
# Checking one known place costs about what scanning this many characters of text does.
NARROW_COST = 64


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

    The folded copy of the text is made once per text, and every query is counted in it by
    `str.count` (C). Up to `eager` matches are listed, with every place the query occurs
    (overlapping), so a query that extends it only checks those places. More matches than
    that, of a query whose occurrences never overlap, are not listed: each is found where it
    is needed (the lines on screen, the next one, its number) by `str.find` and `str.count`
    over that part of the text, so a one-letter query in a book costs one count, not a list
    of tens of thousands of offsets."""

    __slots__ = (
        "query",
        "count",
        "_listed",
        "_current",
        "_text",
        "_folded",
        "_last",
        "_places",
        "_haystack",
        "_needle",
        "_hint",
    )

    def __init__(self) -> None:
        self.query = ""
        self.count = 0  # how many matches
        self._listed: tuple[list[int], list[int]] | None = ([], [])  # starts, ends; None: not
        self._current: tuple[int, int] | None = None  # (index, start) of the current match
        self._text: str | None = None
        self._folded = ""
        self._last: tuple[str, bool] | None = None  # the query and whether it kept case
        self._places: list[int] | None = None  # every start of it (None: too many kept)
        self._haystack = ""  # what the query is looked for in (the text or its copy)
        self._needle = ""  # the query as looked for (folded unless it kept case)
        self._hint: tuple[int, int] | None = None  # (index, start) of the match last found

    def find(
        self, text: str, query: str, limit: int = SEARCH_LIMIT, eager: int = EAGER_MATCHES
    ) -> int:
        """Match `query` in `text` (an empty query clears); return how many matched. At
        most `limit` matches are kept of a query that overlaps itself ("aa")."""
        self.query = query
        self._current = self._hint = None
        self.prepare(text)
        exact = any(c.isupper() for c in query)
        haystack = text if exact else self._folded
        needle = query if exact else fold(query)
        self._haystack, self._needle = haystack, needle
        if not needle:
            self._last, self._places = None, None
            self._list([])
            return 0
        if not self._narrows(haystack, needle, exact):
            total = haystack.count(needle)  # leftmost, not overlapping: the matches' number
            if total > eager and _borderless(needle):
                self._last, self._places, self._listed = None, None, None
                self.count = total
                return total
        places = self._occurrences(haystack, needle, exact, limit)
        if _borderless(needle):  # its occurrences never overlap: each one is a match
            starts = places[:limit]
        else:
            starts = []
            end = 0
            for start in places:
                if start >= end:
                    starts.append(start)
                    end = start + len(needle)
                    if len(starts) >= limit:
                        break
        self._list(starts)
        return self.count

    def _list(self, starts: list[int]) -> None:
        size = len(self._needle)
        self._listed = (starts, [start + size for start in starts])
        self.count = len(starts)

    def prepare(self, text: str, folded: str | None = None) -> None:
        """Make the folded copy of `text` now (or take `folded`, `fold(text)` made elsewhere),
        unless it is made already; `find` on another text makes that text's."""
        if text is not self._text:
            folded = fold(text) if folded is None else folded
            self._text, self._folded, self._last, self._places = text, folded, None, None

    def prepared(self, text: str) -> bool:
        """Whether the folded copy of `text` is made."""
        return text is self._text

    def _narrows(self, haystack: str, needle: str, exact: bool) -> bool:
        """Whether `needle` extends the last query, whose places are kept and fewer than a
        scan of the text costs."""
        last, known = self._last, self._places
        return (
            known is not None
            and last is not None
            and last[1] == exact
            and needle.startswith(last[0])
            and len(known) * NARROW_COST <= len(haystack)
        )

    def _occurrences(self, haystack: str, needle: str, exact: bool, limit: int) -> list[int]:
        """Every start of `needle` (overlapping), from the last query's when it narrows."""
        if self._narrows(haystack, needle, exact):
            assert self._places is not None
            places = [start for start in self._places if haystack.startswith(needle, start)]
        else:
            cap = 4 * limit
            places = _all_starts(haystack, needle, cap)
            if len(places) > cap:  # more than are kept: the matches are found directly
                self._last, self._places = None, None
                return _starts(haystack, needle, limit)
        self._last, self._places = (needle, exact), places
        return places

    def clear(self) -> None:
        self.query = ""
        self.count, self._listed, self._current, self._hint = 0, ([], []), None, None
        self._needle = ""

    # -- the matches -------------------------------------------------------------------------

    @property
    def starts(self) -> list[int]:
        return self._all()[0]

    @property
    def ends(self) -> list[int]:
        return self._all()[1]

    def _all(self) -> tuple[list[int], list[int]]:
        """Every match, listed now if it was not (a test or an export asks; the screen never
        does)."""
        if self._listed is None:
            starts = _starts(self._haystack, self._needle, self.count)
            size = len(self._needle)
            self._listed = (starts, [start + size for start in starts])
        return self._listed

    @property
    def matches(self) -> list[tuple[int, int]]:
        return list(zip(*self._all(), strict=True))

    @property
    def current(self) -> int | None:
        """The index of the match the reader is on."""
        return self._current[0] if self._current is not None else None

    @current.setter
    def current(self, index: int | None) -> None:
        self._current = None if index is None else (index, self.start_of(index))

    def start_of(self, index: int) -> int:
        """Where match `index` starts."""
        if self._listed is not None:
            return self._listed[0][index]
        for known in (self._hint, self._current):
            if known is not None and known[0] == index:
                return known[1]
        if index == 0:
            return self._haystack.find(self._needle)
        if index == self.count - 1:
            return self._haystack.rfind(self._needle)
        return self._all()[0][index]

    @property
    def current_range(self) -> tuple[int, int] | None:
        if self._current is None:
            return None
        start = self._current[1]
        return start, start + len(self._needle)

    def _resolve(self, start: int) -> int:
        """The index of the match at `start` (matches not listed), kept for `start_of`."""
        index = self._haystack.count(self._needle, 0, start)
        self._hint = (index, start)
        return index

    def first_from(self, here: int) -> int | None:
        """The first match at or after offset `here`, wrapping to the first; None if none."""
        if not self.count:
            return None
        if self._listed is not None:
            return bisect_left(self._listed[0], here) % self.count
        at = self._haystack.find(self._needle, here)
        return self._resolve(at if at >= 0 else self._haystack.find(self._needle))

    def step(self, here: int, step: int) -> int | None:
        """The match after (step 1) or before (step -1) the current one, wrapping; with none
        current, the first after or the last before offset `here`."""
        if not self.count:
            return None
        if self._current is not None:
            index = (self._current[0] + step) % self.count
            if self._listed is None:
                self._hint = (index, self._next(self._current[1], step))
            return index
        if self._listed is not None:
            starts = self._listed[0]
            index = bisect_right(starts, here) if step > 0 else bisect_left(starts, here) - 1
            return index % self.count
        return self._resolve(self._next(here, step))

    def _next(self, here: int, step: int) -> int:
        """The start of the match after (step 1) or before (-1) offset `here`, wrapping
        (matches not listed, none overlapping)."""
        haystack, needle = self._haystack, self._needle
        if step > 0:
            at = haystack.find(needle, here + 1)
            return at if at >= 0 else haystack.find(needle)
        at = haystack.rfind(needle, 0, here + len(needle) - 1)
        return at if at >= 0 else haystack.rfind(needle)

    def overlapping(self, start: int, end: int) -> tuple[tuple[int, int, bool], ...]:
        """Matches overlapping [start, end), clipped to it, each with whether it is current."""
        if not self.count:
            return ()
        current = self._current[1] if self._current is not None else None
        found = []
        if self._listed is None:  # look in this part of the text only
            haystack, needle = self._haystack, self._needle
            size = len(needle)
            stop = end + size - 1
            at = haystack.find(needle, max(0, start - size + 1), stop)
            while at >= 0:
                found.append((max(at, start), min(at + size, end), at == current))
                at = haystack.find(needle, at + size, stop)
            return tuple(found)
        starts, ends = self._listed
        i = bisect_right(ends, start)
        while i < len(starts) and starts[i] < end:
            found.append((max(starts[i], start), min(ends[i], end), starts[i] == current))
            i += 1
        return tuple(found)


def _borderless(needle: str) -> bool:
    """Whether no proper beginning of `needle` is also its end ("ab", not "aba" or "aa"):
    then two of its occurrences never overlap."""
    return not any(needle.endswith(needle[:size]) for size in range(1, len(needle)))


def _all_starts(haystack: str, needle: str, cap: int) -> list[int]:
    """Every start of `needle` in `haystack`, overlapping, up to `cap` of them (`cap` + 1
    when there are more)."""
    if not _borderless(needle):
        places: list[int] = []
        find = haystack.find
        at = find(needle)
        while at >= 0 and len(places) <= cap:
            places.append(at)
            at = find(needle, at + 1)
        return places
    return _starts(haystack, needle, cap + 1)


def _starts(haystack: str, needle: str, limit: int) -> list[int]:
    """The first `limit` starts of `needle` in `haystack`, not overlapping: the sums of the
    lengths of the pieces before them (splitting and summing run in C, not a loop here)."""
    pieces = haystack.split(needle, limit)  # the last piece is what follows the last found
    size = len(needle)
    gaps = accumulate(map(len, pieces[:-1]))
    return list(map(add, gaps, range(0, size * (len(pieces) - 1), size)))
