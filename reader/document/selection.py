"""A selection made from sentence stops and adjusted a word at a time (pure: no textual).

The selection starts as the cursor's sentence (the anchor) and grows to cover every sentence
the cursor moves over; shift+arrows then move its end or its start by a word, never across a
paragraph's edge (`limit`): a word of the next paragraph is never taken in.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_WORD = re.compile(r"\s*\S+")


def end_by_word(text: str, span: Span, step: int, limit: int | None = None) -> Span:
    """`span` with its end moved one word on (step > 0; never past `limit`, the end of its
    paragraph) or back (never past its start)."""
    start, end = span
    if step > 0:
        match = _WORD.match(text, end, len(text) if limit is None else max(end, limit))
        return (start, match.end() if match else end)
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    while i > start and text[i - 1].isspace():
        i -= 1
    return (start, i if i > start else end)


def start_by_word(text: str, span: Span, step: int, limit: int = 0) -> Span:
    """`span` with its start moved one word on (never past its end) or back (never before
    `limit`, the start of its paragraph)."""
    start, end = span
    if step > 0:
        i = start
        while i < end and not text[i].isspace():
            i += 1
        while i < end and text[i].isspace():
            i += 1
        return (i if i < end else start, end)
    i = start
    limit = min(limit, start)
    while i > limit and text[i - 1].isspace():
        i -= 1
    while i > limit and not text[i - 1].isspace():
        i -= 1
    return (i if i < start and not text[i:start].isspace() else start, end)


class Selection:
    """The selected range, if any, and the sentence it was started from."""

    __slots__ = ("anchor", "span")

    def __init__(self) -> None:
        self.anchor: Span | None = None
        self.span: Span | None = None

    @property
    def following(self) -> bool:
        """True while the selection grows with the cursor (it was started, not ended)."""
        return self.anchor is not None

    def begin(self, cursor: Span) -> None:
        """Start following the cursor from its sentence (the span is set by the caller)."""
        self.anchor = cursor

    def clear(self) -> None:
        self.anchor = self.span = None

    def follow(self, cursor: Span) -> Span | None:
        """The range from the anchor to the cursor's sentence (None when not following)."""
        if self.anchor is None:
            return None
        anchor = self.anchor
        return (min(anchor[0], cursor[0]), max(anchor[1], cursor[1]))
