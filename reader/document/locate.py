"""Where an offset range sits in a document: block ("paragraph"), sentence and source line.

Used by the Markdown export ("¶ 12, sentence 3 · line 40") and by the annotation store, which
keeps each highlight's place in the sidecar so an export need not segment the text again
(reader/annotations/locations.py)."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from reader.document.model import Document
from reader.records import Value

__all__ = ["BlockBounds", "Location", "Locator", "SentenceStartsOf"]


class Location(Value):
    __slots__ = (
        "paragraph",  # 1-based block number
        "sentence",  # 1-based sentence number in that block (first sentence of the range)
        "last_sentence",
        "line",  # 1-based line in the source file
    )

    def __init__(self, paragraph: int, sentence: int, last_sentence: int, line: int) -> None:
        object.__setattr__(self, "paragraph", paragraph)
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "last_sentence", last_sentence)
        object.__setattr__(self, "line", line)


SentenceStartsOf = Callable[[int], list[int]]
BlockBounds = tuple[list[int], list[int]]


class Locator:
    """Finds block, sentence and source line for offsets into one document (bisection).

    Only the blocks that hold a highlight are split into sentences; `sentence_starts` (block
    index -> sentence start offsets) may supply them instead, e.g. from a cache."""

    def __init__(
        self,
        document: Document,
        sentence_starts: SentenceStartsOf | None = None,
        bounds: BlockBounds | None = None,
    ):
        """`bounds` (block starts, block ends) stand in for `document.blocks` when the blocks
        are not known (a plain-text article whose outline came from the export's cache)."""
        self.document = document
        if bounds is None:
            bounds = [b.start for b in document.blocks], [b.end for b in document.blocks]
        self._block_starts, self._block_ends = bounds
        self._sentence_starts: dict[int, list[int]] = {}
        self._starts_of = sentence_starts or self._segment
        # Line counting resumes from the last offset asked (highlights come in document
        # order), so the whole export counts the text's newlines about once.
        self._line_offset = 0
        self._line_count = 0

    def _segment(self, index: int) -> list[int]:
        return self.document.blocks[index].sentence_starts()

    def _line(self, block_index: int, offset: int) -> int:
        doc = self.document
        if doc.format != "text":
            return doc.blocks[block_index].source_line
        if offset < self._line_offset:
            self._line_offset = self._line_count = 0
        self._line_count += doc.text.count("\n", self._line_offset, offset)
        self._line_offset = offset
        return self._line_count + 1

    def locate(self, start: int, end: int) -> Location | None:
        where = self.where(start, end)
        return None if where is None else Location(*where)

    def where(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """`locate` as a plain (paragraph, sentence, last_sentence, line) tuple."""
        # Called once per highlight: `_line` and the `max`/`min` calls are written out.
        ends = self._block_ends
        if not ends:
            return None
        doc = self.document
        # the block containing `start`, or the first one after it (like Document.block_at)
        index = bisect.bisect_right(ends, start)
        if index >= len(ends):
            index = len(ends) - 1
        starts = self._sentence_starts.get(index)
        if starts is None:
            starts = self._sentence_starts[index] = self._starts_of(index)
        first = bisect.bisect_right(starts, start) or 1
        last = bisect.bisect_left(starts, end if end > start else start + 1)
        if last < first:
            last = first
        if doc.format != "text":
            return index + 1, first, last, doc.blocks[index].source_line
        block_start = self._block_starts[index]
        offset = block_start if block_start > start else start
        if offset < self._line_offset:
            self._line_offset = self._line_count = 0
        self._line_count += doc.text.count("\n", self._line_offset, offset)
        self._line_offset = offset
        return index + 1, first, last, self._line_count + 1
