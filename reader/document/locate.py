"""Where an offset range sits in a document: the heading it falls under (a book's chapter),
block ("paragraph") and sentence, and source line, as the Markdown export says it
("CHAPTER III. The Spouter-Inn, ¶ 4, sentence 3 · line 40").

Paragraphs count within the section of the heading the place names: ¶ 1 is the first block
after the heading (the heading itself is 0), blocks before the first heading count from the
top of the article, and an article without headings counts them all from the top. Headings
are the ones ctrl+o lists (reader/document/headings.py), nested ones too: a place counts
within the nearest heading before it, whatever its level; a contents list's lines are the
blocks of its `CONTENTS` heading. Sentences count within their paragraph."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reader.document.headings import Heading, heading_blocks, headings
from reader.document.model import Document

__all__ = ["Location", "Locator"]


@dataclass(slots=True, frozen=True)
class Location:
    paragraph: int  # 1-based block number in its heading's section (0: the heading itself)
    sentence: int  # 1-based sentence number in that block (first sentence of the range)
    last_sentence: int
    line: int  # 1-based line in the source file
    last_paragraph: int  # the block the range ends in, counted the same way (> paragraph
    # when it runs on past it; on from the same heading when it runs into the next section)


class Locator:
    """Finds heading, block, sentence and source line for offsets into one document
    (bisection).

    The sections (which block each listed heading is) are found once, when first asked;
    only the blocks that hold a highlight are split into sentences."""

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
        self._heading_blocks: list[int] = []  # the block index of each outline heading

    def heading(self, start: int) -> str | None:
        """The text of the heading a place starting at `start` falls under, the one its
        paragraph counts from (`where`); None before the first or without any. The article's
        title is not one: the headings are those ctrl+o lists (reader/document/headings.py)."""
        if not self._block_ends:
            return None
        section = self._section(self._block_index(start))
        return None if section < 0 else self._sections()[section].text

    def locate(self, start: int, end: int) -> Location | None:
        where = self.where(start, end)
        return None if where is None else Location(*where)

    def where(self, start: int, end: int) -> tuple[int, int, int, int, int] | None:
        """`locate` as a plain (paragraph, sentence, last_sentence, line, last_paragraph)
        tuple: the one place function, which every export and the stored places use."""
        ends = self._block_ends
        if not ends:
            return None
        doc = self.document
        index = self._block_index(start)
        starts = self._sentence_starts.get(index)
        if starts is None:
            starts = self._sentence_starts[index] = doc.blocks[index].sentence_starts()
        first = bisect.bisect_right(starts, start) or 1
        last = max(first, bisect.bisect_left(starts, max(end, start + 1)))
        # the last block that begins before `end` (a range ending in the gap after a block
        # does not reach the next one)
        last_block = max(index, bisect.bisect_left(self._block_starts, end) - 1)
        section = self._section(index)
        base = self._heading_blocks[section] if section >= 0 else -1  # the heading's block
        paragraph, last_paragraph = index - base, last_block - base
        if doc.format != "text":
            return paragraph, first, last, doc.blocks[index].source_line, last_paragraph
        line = self._line_at(max(self._block_starts[index], start))
        return paragraph, first, last, line, last_paragraph

    def _block_index(self, start: int) -> int:
        """The block containing `start`, or the first one after it (like Document.block_at)."""
        return min(bisect.bisect_right(self._block_ends, start), len(self._block_ends) - 1)

    def _sections(self) -> list[Heading]:
        """The outline, with the block each of its headings is (found once)."""
        if self._outline is None:
            self._heading_blocks = heading_blocks(self.document)
            self._outline = headings(self.document, self._heading_blocks)
        return self._outline

    def _section(self, index: int) -> int:
        """The outline index of the heading block `index` falls under (the last one at or
        before it), -1 before the first heading."""
        self._sections()
        return bisect.bisect_right(self._heading_blocks, index) - 1

    def _line_at(self, offset: int) -> int:
        """The 1-based line of `offset` in a plain text."""
        if offset < self._line_offset:
            self._line_offset = self._line_count = 0
        self._line_count += self.document.text.count("\n", self._line_offset, offset)
        self._line_offset = offset
        return self._line_count + 1
