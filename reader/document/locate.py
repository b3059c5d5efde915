"""Where an offset range sits in a document: block ("paragraph"), sentence and source line,
as the Markdown export says it ("¶ 12, sentence 3 · line 40"), and the heading it falls
under (a book's chapter: "CHAPTER III. The Spouter-Inn, ¶ 40")."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reader.document.headings import Heading, heading_at, headings
from reader.document.model import Document

__all__ = ["Location", "Locator"]


@dataclass(slots=True, frozen=True)
class Location:
    paragraph: int  # 1-based block number
    sentence: int  # 1-based sentence number in that block (first sentence of the range)
    last_sentence: int
    line: int  # 1-based line in the source file
    last_paragraph: int  # the block the range ends in (> paragraph when it runs on past it)


class Locator:
    """Finds block, sentence and source line for offsets into one document (bisection).

    Only the blocks that hold a highlight are split into sentences."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._block_starts = [b.start for b in document.blocks]
        self._block_ends = [b.end for b in document.blocks]
        self._sentence_starts: dict[int, list[int]] = {}
        # Line counting resumes from the last offset asked (highlights come in document
        # order), so the whole export counts the text's newlines about once.
        self._line_offset = 0
        self._line_count = 0
        self._outline: list[Heading] | None = None

    def heading(self, start: int) -> str | None:
        """The text of the heading `start` falls under (the last heading block that begins at
        or before it; the article's title is not one), None before the first or without any:
        the headings ctrl+o lists (reader/document/headings.py)."""
        if self._outline is None:
            self._outline = headings(self.document)
        index = heading_at(self._outline, start)
        return None if index is None else self._outline[index].text

    def locate(self, start: int, end: int) -> Location | None:
        where = self.where(start, end)
        return None if where is None else Location(*where)

    def where(self, start: int, end: int) -> tuple[int, int, int, int, int] | None:
        """`locate` as a plain (paragraph, sentence, last_sentence, line, last_paragraph)
        tuple."""
        ends = self._block_ends
        if not ends:
            return None
        doc = self.document
        # the block containing `start`, or the first one after it (like Document.block_at)
        index = min(bisect.bisect_right(ends, start), len(ends) - 1)
        starts = self._sentence_starts.get(index)
        if starts is None:
            starts = self._sentence_starts[index] = doc.blocks[index].sentence_starts()
        first = bisect.bisect_right(starts, start) or 1
        last = max(first, bisect.bisect_left(starts, max(end, start + 1)))
        # the last block that begins before `end` (a range ending in the gap after a block
        # does not reach the next one)
        last_block = max(index, bisect.bisect_left(self._block_starts, end) - 1) + 1
        if doc.format != "text":
            return index + 1, first, last, doc.blocks[index].source_line, last_block
        line = self._line_at(max(self._block_starts[index], start))
        return index + 1, first, last, line, last_block

    def _line_at(self, offset: int) -> int:
        """The 1-based line of `offset` in a plain text."""
        if offset < self._line_offset:
            self._line_offset = self._line_count = 0
        self._line_count += self.document.text.count("\n", self._line_offset, offset)
        self._line_offset = offset
        return self._line_count + 1
