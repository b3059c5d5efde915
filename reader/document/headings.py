"""The article's headings (a book's chapters) as an outline: what ctrl+o lists.

Pure core. A heading's `text` is made safe to show on one line (`one_line`); `offset` is where
its block starts in `Document.text`, where the cursor goes when it is chosen.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from reader.document.decode import one_line
from reader.document.model import Document

TEXT_LIMIT = 200  # characters of a heading shown


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 (top) to 6; plain-text headings, which have no level, count as 1
    text: str
    offset: int


# A block of fewer words than this after a heading is no body text: a contents list's next line.
CONTENTS_LINE_WORDS = 12


def _key(text: str) -> str:
    """A heading's text as a contents list and the chapter itself both give it."""
    return " ".join(text.split()).rstrip(".:").casefold()


def contents_entries(document: Document) -> set[int]:
    """Indexes of the heading blocks that are entries of a contents list, not headings: the
    same text stands again as a later heading (the chapter itself), and no body text follows
    it (the next block is a heading or a line too short to be a paragraph of the book)."""
    blocks = document.blocks
    at = [i for i, block in enumerate(blocks) if block.kind == "heading"]
    later: set[str] = set()
    entries = set()
    for i in reversed(at):
        key = _key(blocks[i].text)
        if key in later:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is None or nxt.kind == "heading" or len(nxt.text.split()) < CONTENTS_LINE_WORDS:
                entries.add(i)
        later.add(key)
    return entries


def heading_blocks(document: Document) -> list[int]:
    """Indexes of the blocks `headings` lists: every heading block but a contents list's
    entries, in order."""
    skipped = contents_entries(document)
    return [
        index
        for index, block in enumerate(document.blocks)
        if block.kind == "heading" and index not in skipped
    ]


def headings(document: Document, blocks: list[int] | None = None) -> list[Heading]:
    """Every heading block of `document`, in order, but for a contents list's entries
    (`blocks`: their indexes, `heading_blocks`, when the caller has them already)."""
    found = []
    for index in heading_blocks(document) if blocks is None else blocks:
        block = document.blocks[index]
        text = one_line(" ".join(block.text.split()))
        if len(text) > TEXT_LIMIT:
            text = text[: TEXT_LIMIT - 1] + "…"
        found.append(Heading(max(1, min(6, block.level or 1)), text, block.start))
    return found


def heading_at(outline: list[Heading], offset: int) -> int | None:
    """Index of the heading `offset` falls under (the last one starting at or before it)."""
    index = bisect_right([h.offset for h in outline], offset) - 1
    return index if index >= 0 else None
