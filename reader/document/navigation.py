"""Cursor stops of a document and the moves between them (pure: no textual).

The cursor rests on a *stop*: a sentence, or a whole folded boilerplate block. A stop is named
by `(block index, stop index within the block)`. `Folding` says which boilerplate blocks the
reader has opened; `Navigator` turns blocks and folding into stops and moves.

Reading sentence by sentence (`next`, `previous`: j/k) passes over the date, source and
byline lines under the headline (`meta` blocks, drawn as furniture); the paragraph moves
(} / {), a click, a search and a highlight's place still stop on them, and so do j/k when
no other stop is left that way (an article that starts with its date line).
"""

from __future__ import annotations

from bisect import bisect_right

from reader.document.layout import LazyLayout, line_of
from reader.document.model import Block, Document

Stop = tuple[int, int]  # (block index, stop index in that block)


class Folding:
    """Boilerplate blocks start folded; the reader opens (and closes) them one by one."""

    __slots__ = ("blocks", "unfolded")

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.unfolded: set[int] = set()

    def foldable(self, index: int) -> bool:
        return self.blocks[index].kind == "boilerplate"

    def folded(self, index: int) -> bool:
        return self.blocks[index].kind == "boilerplate" and index not in self.unfolded

    def set_folded(self, index: int, folded: bool) -> None:
        if folded:
            self.unfolded.discard(index)
        else:
            self.unfolded.add(index)


class Navigator:
    """Stops of `document` under `folding`, and the cursor moves between them."""

    __slots__ = ("document", "blocks", "folding")

    def __init__(self, document: Document | None, folding: Folding) -> None:
        self.document = document
        self.blocks = folding.blocks
        self.folding = folding

    def stops(self, index: int) -> list[tuple[int, int]]:
        """Document ranges of block `index`'s stops (none for an empty folded block)."""
        if not 0 <= index < len(self.blocks):
            return []
        block = self.blocks[index]
        if self.folding.folded(index):
            return [(block.start, block.end)] if block.text.strip() else []
        return [(s.start, s.end) for s in block.sentences]

    def range_of(self, stop: Stop) -> tuple[int, int] | None:
        """The document range of `stop` (its block's last if the index is past the end)."""
        stops = self.stops(stop[0]) if self.blocks else []
        if not stops:
            return None
        return stops[min(stop[1], len(stops) - 1)]

    def first_stop_from(self, index: int, step: int) -> Stop | None:
        """The first stop of the first block from `index` on (step 1) or the last stop of the
        first block from `index` back (step -1) that has any."""
        count = len(self.blocks)
        while 0 <= index < count:
            stops = self.stops(index)
            if stops:
                return (index, 0 if step > 0 else len(stops) - 1)
            index += step
        return None

    def first_reading_stop_from(self, index: int, step: int) -> Stop | None:
        """As `first_stop_from`, passing over `meta` blocks (date, source, byline lines)
        while any other block has a stop that way."""
        found = self.first_stop_from(index, step)
        while found is not None and self.blocks[found[0]].kind == "meta":
            found = self.first_stop_from(found[0] + step, step)
        return found or self.first_stop_from(index, step)

    def is_last(self, stop: Stop) -> bool:
        block, k = stop
        if k < len(self.stops(block)) - 1:
            return False
        return self.first_stop_from(block + 1, 1) is None

    def at_offset(self, offset: int) -> Stop:
        """The stop containing `offset` (else the nearest one after, else before)."""
        if not self.blocks or self.document is None:
            return (0, 0)
        index = self.document.block_at(max(0, offset)) or 0
        stops = self.stops(index)
        if not stops:
            return self.first_stop_from(index, 1) or self.first_stop_from(index, -1) or (0, 0)
        starts = [s for s, _ in stops]
        return (index, max(0, bisect_right(starts, offset) - 1))

    def next(self, stop: Stop) -> Stop | None:
        block, k = stop
        if k + 1 < len(self.stops(block)):
            return (block, k + 1)
        return self.first_reading_stop_from(block + 1, 1)

    def previous(self, stop: Stop) -> Stop | None:
        block, k = stop
        if k > 0:
            return (block, min(k - 1, len(self.stops(block)) - 1))
        return self.first_reading_stop_from(block - 1, -1)

    def next_block(self, stop: Stop) -> Stop | None:
        return self.first_stop_from(stop[0] + 1, 1)

    def previous_block(self, stop: Stop) -> Stop | None:
        """The first stop of this block if the stop is not it, else of the block before."""
        block, k = stop
        if k > 0:
            return (block, 0)
        found = self.first_stop_from(block - 1, -1)
        return (found[0], 0) if found else None

    def within(self, stop: Stop, block: int) -> Stop:
        """`stop` if it is in block `block`, else that block's last stop (`stop` comes after
        the block) or its first (before it): a mouse selection stays in its paragraph."""
        if stop[0] == block:
            return stop
        return (block, max(0, len(self.stops(block)) - 1) if stop[0] > block else 0)

    def first(self) -> Stop | None:
        return self.first_stop_from(0, 1)

    def last(self) -> Stop | None:
        return self.first_stop_from(len(self.blocks) - 1, -1)

    def progress(self, stop: Stop) -> float:
        """Reading progress at `stop`, 0..100 (100 on the last stop)."""
        cursor = self.range_of(stop)
        if self.document is None or cursor is None or not self.document.text:
            return 0.0
        if self.is_last(stop):
            return 100.0
        return min(100.0, 100.0 * cursor[0] / len(self.document.text))


def first_stop_on_rows(nav: Navigator, layout: LazyLayout, top: int, bottom: int) -> Stop | None:
    """The first stop that starts on rows [top, bottom) of `layout` (wrapping the blocks
    there), else the one showing on row `top`."""
    block, _row = layout.index.locate(top)
    fallback = None
    while block < len(nav.blocks) and layout.index.top(block) < bottom:
        lines = layout.lines(block)
        base = nav.blocks[block].start
        block_top = layout.index.top(block)
        for k, (start, _end) in enumerate(nav.stops(block)):
            line = line_of(lines, start - base)
            if block_top + line >= top:
                if block_top + line < bottom:
                    return (block, k)
                return fallback or (block, k)
            fallback = (block, k)
        block += 1
    return fallback
