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


def headings(document: Document) -> list[Heading]:
    """Every heading block of `document`, in order."""
    found = []
    for block in document.blocks:
        if block.kind != "heading":
            continue
        text = one_line(" ".join(block.text.split()))
        if len(text) > TEXT_LIMIT:
            text = text[: TEXT_LIMIT - 1] + "…"
        found.append(Heading(max(1, min(6, block.level or 1)), text, block.start))
    return found


def heading_at(outline: list[Heading], offset: int) -> int | None:
    """Index of the heading `offset` falls under (the last one starting at or before it)."""
    index = bisect_right([h.offset for h in outline], offset) - 1
    return index if index >= 0 else None
