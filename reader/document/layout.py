"""Wrapping blocks into display lines, and finding a block by screen row (pure: no textual).

Every display line says which slice of its block's text it shows (`start`/`end` index
`Block.text`, so `block.start + line.start` is a `Document.text` offset). Wrapping works in
terminal cells: CJK characters take two cells, combining marks none (via `rich.cells`).

`HeightIndex` is a Fenwick tree over block heights, so "which block is on row y?" and
"on which row does block i start?" are O(log n) even for a whole book, and correcting one
block's estimated height after it is wrapped is O(log n) too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from operator import attrgetter

from rich.cells import cell_len, get_character_cell_size

from reader.document.model import Block, Document

# Kinds whose lines are kept as they are (no reflow); overlong lines are cut.
NOWRAP_KINDS = frozenset({"code", "table"})
FOLD_CLOSED = "▸"
FOLD_OPEN = "▾"
QUOTE_BAR = "▌ "
DEFAULT_BULLET = "•"


# Text made only of these is one cell per character, so the fast (C-speed) path applies:
# printable ASCII, Latin-1, Latin Extended, IPA, Greek, Cyrillic, general punctuation.
_SINGLE_CELL = re.compile(
    "[\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e]*"
)


def _single_cell(text: str) -> bool:
    return text.isascii() and text.isprintable() or _SINGLE_CELL.fullmatch(text) is not None


@dataclass(slots=True, frozen=True)
class LayoutLine:
    """One display line: `prefix` (indent, bullet, bar) then `Block.text[start:end]`.

    A line with `synthetic` set (a fold header, a metadata line's display label) shows that
    text instead of the block's; its `start`/`end` are both 0.
    """

    start: int
    end: int
    prefix: str = ""
    synthetic: str | None = None


def char_cells(ch: str) -> int:
    """Cells one character takes (0 for combining marks, 2 for wide East Asian)."""
    return get_character_cell_size(ch)


def _line_end(text: str, pos: int, width: int) -> int:
    """Index after the last character of `text[pos:]` that fits in `width` cells."""
    window = text[pos : pos + width]
    if _single_cell(window):
        return pos + len(window)
    used = 0
    i = pos
    n = len(text)
    while i < n:
        w = char_cells(text[i])
        if used + w > width and i > pos:
            break
        used += w
        i += 1
    return i


def _wrap_part(text: str, base: int, width: int, out: list[tuple[int, int]]) -> None:
    """Wrap one line of text (no "\n"); each output line is found with string methods."""
    n = len(text)
    pos = 0
    while pos < n:
        stop = _line_end(text, pos, width)
        if stop >= n:
            out.append((base + pos, base + n))
            return
        if text[stop].isspace():
            cut = stop
        else:
            cut = stop
            i = stop - 1
            while i > pos and not text[i].isspace():
                i -= 1
            if i > pos:
                cut = i
        end = cut
        while end > pos and text[end - 1].isspace():
            end -= 1
        out.append((base + pos, base + (end if end > pos else cut)))
        nxt = cut
        while nxt < n and text[nxt].isspace():
            nxt += 1
        pos = nxt


def wrap_text(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells: a list of `(start, end)` slices.

    Breaks at spaces (the spaces themselves end up on no line), breaks overlong words and
    runs of CJK anywhere, and forces a break at every "\\n". Empty text gives one empty line.
    """
    width = max(1, width)
    out: list[tuple[int, int]] = []
    base = 0
    for part in text.split("\n"):
        if not part:
            out.append((base, base))
        else:
            _wrap_part(part, base, width, out)
        base += len(part) + 1
    return out


def cut_to_width(text: str, start: int, end: int, width: int) -> int:
    """The end offset of the longest prefix of `text[start:end]` fitting in `width` cells."""
    if _single_cell(text[start:end]):
        return min(end, start + max(0, width))
    used = 0
    i = start
    while i < end:
        w = char_cells(text[i])
        if used + w > width:
            break
        used += w
        i += 1
    return i


def _nowrap(text: str, width: int, prefix: str = "") -> list[LayoutLine]:
    lines = []
    base = 0
    for part in text.split("\n"):
        stop = base + len(part)
        lines.append(LayoutLine(base, cut_to_width(text, base, stop, width), prefix))
        base = stop + 1
    return lines


def _prefixes(block: Block) -> tuple[str, str]:
    """(first line prefix, continuation prefix) for a block kind."""
    if block.kind == "list_item":
        indent = "  " * max(0, block.level - 1)
        marker = (block.label or DEFAULT_BULLET) + " "
        return indent + marker, " " * cell_len(indent + marker)
    if block.kind == "quote":
        bar = QUOTE_BAR * max(1, block.level)
        return bar, bar
    return "", ""


def fold_header(block: Block, unfolded_lines: int, folded: bool) -> str:
    """The header line of a boilerplate block: `▸ Related News - 18 lines`."""
    label = block.label.strip() or block.text.split("\n", 1)[0].strip() or "boilerplate"
    arrow = FOLD_CLOSED if folded else FOLD_OPEN
    noun = "line" if unfolded_lines == 1 else "lines"
    return f"{arrow} {label} - {unfolded_lines} {noun}"


def layout_block(block: Block, width: int, folded: bool = False) -> list[LayoutLine]:
    """The display lines of `block` for a text column `width` cells wide.

    Boilerplate blocks show a header; folded, the header is all there is.
    """
    width = max(1, width)
    if block.kind == "boilerplate":
        body = [LayoutLine(s, e) for s, e in wrap_text(block.text, width)]
        header = fold_header(block, len(body), folded)
        cut = cut_to_width(header, 0, len(header), width)
        head = LayoutLine(0, 0, "", header[:cut])
        return [head] if folded else [head, *body]
    if block.kind in NOWRAP_KINDS:
        return _nowrap(block.text, width)
    if block.kind == "meta" and block.label:
        # A metadata line with a display form (`January 27, 2026 · Clash Report` for the
        # scraper's glued `January 27, 2026Clash Report`): show that, the text stays as it is.
        label = block.label
        return [LayoutLine(0, 0, "", label[s:e]) for s, e in wrap_text(label, width)]
    first, rest = _prefixes(block)
    if not first:
        return [LayoutLine(s, e) for s, e in wrap_text(block.text, width)]
    inner = max(1, width - cell_len(first))
    pairs = wrap_text(block.text, inner)
    return [LayoutLine(s, e, first if i == 0 else rest) for i, (s, e) in enumerate(pairs)]


def index_at_cells(text: str, line: LayoutLine, column: int) -> int:
    """The index in `text` of line `line`'s character at `column` cells from where its text
    starts (after the prefix); a column before it gives its first character, one past its
    end its last (an empty line: its start)."""
    i, used = line.start, 0
    while i < line.end:
        used += char_cells(text[i])
        if used > column:
            break
        i += 1
    return min(i, max(line.start, line.end - 1))


class HeightIndex:
    """A Fenwick (binary indexed) tree of non-negative row heights, one per block."""

    __slots__ = ("_n", "_tree", "_heights", "_total")

    def __init__(self, heights: list[int]) -> None:
        n = len(heights)
        tree = [0, *heights]
        for i in range(1, n + 1):
            j = i + (i & -i)
            if j <= n:
                tree[j] += tree[i]
        self._n = n
        self._tree = tree
        self._heights = list(heights)
        self._total = sum(heights)

    def __len__(self) -> int:
        return self._n

    @property
    def total(self) -> int:
        return self._total

    def height(self, index: int) -> int:
        return self._heights[index]

    def set(self, index: int, height: int) -> int:
        """Set block `index`'s height; return the change."""
        delta = height - self._heights[index]
        if delta:
            self._heights[index] = height
            self._total += delta
            i = index + 1
            tree = self._tree
            n = self._n
            while i <= n:
                tree[i] += delta
                i += i & -i
        return delta

    def top(self, index: int) -> int:
        """The row where block `index` starts (the sum of the heights before it)."""
        total = 0
        i = index
        tree = self._tree
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    def locate(self, row: int) -> tuple[int, int]:
        """`(block index, row within the block)` for a row; clamped to the last block."""
        n = self._n
        if n == 0:
            return 0, 0
        if row >= self._total:
            last = n - 1
            return last, max(0, row - self.top(last))
        row = max(0, row)
        pos = 0
        step = 1 << n.bit_length()
        tree = self._tree
        remaining = row
        while step:
            nxt = pos + step
            if nxt <= n and tree[nxt] <= remaining:
                pos = nxt
                remaining -= tree[nxt]
            step >>= 1
        # pos blocks fit entirely before `row`; skip zero-height blocks is implicit.
        return pos, remaining


_LINE_START = attrgetter("start")


def line_of(lines: list[LayoutLine], rel: int) -> int:
    """Which of a block's lines shows block-relative offset `rel` (a fold header: 0)."""
    return max(0, bisect_right(lines, rel, key=_LINE_START) - 1)


class LazyLayout:
    """The rows of a document's blocks at one text width, wrapping only the blocks asked for.

    Every block has a height in a `HeightIndex` (its lines plus a blank row): estimated from
    its length until the block is wrapped (`lines`), exact after. Wrapped blocks are kept in
    an LRU of `cache_size` blocks, keyed by (block, width, folded).
    """

    __slots__ = ("blocks", "folded", "width", "index", "_exact", "_cache", "_size", "wrapped")

    def __init__(self, blocks: list[Block], folded, width: int, cache_size: int = 2048) -> None:
        self.blocks = blocks
        self.folded = folded  # folded(block index) -> bool
        self.width = width
        self._cache: OrderedDict[tuple[int, int, bool], list[LayoutLine]] = OrderedDict()
        self._size = cache_size
        self.wrapped = 0  # layout_block calls (a scale test reads it)
        self.index = HeightIndex([])
        self._exact = bytearray()
        self.reset(width)

    def reset(self, width: int) -> None:
        """Lay out at `width` from now on: every height is an estimate from the block's
        length again (its lines plus a blank row)."""
        self.width = width
        per_line = max(1, width - 2)
        folded = self.folded
        heights = []
        append = heights.append
        for i, block in enumerate(self.blocks):
            kind = block.kind
            if kind in NOWRAP_KINDS:
                append(block.text.count("\n") + 2)
            elif kind == "boilerplate":
                append(2 if folded(i) else (block.end - block.start) // per_line + 3)
            else:
                append((block.end - block.start) // per_line + 2)
        self.index = HeightIndex(heights)
        self._exact = bytearray(len(heights))

    def clear(self) -> None:
        self._cache.clear()

    def exact(self, index: int) -> bool:
        return bool(self._exact[index])

    def forget(self, index: int) -> None:
        """Block `index` changed (folded or opened): wrap it again when next asked."""
        self._exact[index] = 0

    def lines(self, index: int) -> list[LayoutLine]:
        """Block `index` wrapped at the current width (cached); corrects its height."""
        folded = self.folded(index)
        key = (index, self.width, folded)
        cache = self._cache
        lines = cache.get(key)
        if lines is None:
            lines = layout_block(self.blocks[index], self.width, folded)
            self.wrapped += 1
            cache[key] = lines
            if len(cache) > self._size:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        if not self._exact[index]:
            self._exact[index] = 1
            self.index.set(index, len(lines) + 1)
        return lines

    def offset_at(self, row: int, column: int) -> int | None:
        """The document offset shown on row `row` at `column` cells into the text column
        (prefix included), or None past the last row. A blank row below a block gives that
        block's last line; a fold header or display label gives its block's start."""
        if not self.blocks or not 0 <= row < self.index.total:
            return None
        block_index, line_index = self.index.locate(row)
        block = self.blocks[block_index]
        lines = self.lines(block_index)
        line = lines[min(line_index, len(lines) - 1)]
        if line.synthetic is not None:
            return block.start
        return block.start + index_at_cells(block.text, line, column - cell_len(line.prefix))

    def rows_of(self, document: Document, start: int, end: int) -> tuple[int, int]:
        """Document rows showing range [start, end) (estimated where not wrapped)."""
        index = self.index
        first = document.block_at(start)
        last = document.block_at(max(start, end - 1))
        first = 0 if first is None else first
        last = len(self.blocks) - 1 if last is None else last
        top = index.top(first)
        if self._exact[first]:
            top += line_of(self.lines(first), start - self.blocks[first].start)
        bottom = index.top(last) + index.height(last) - 1
        if self._exact[last]:
            rel = max(start, end - 1) - self.blocks[last].start
            bottom = index.top(last) + line_of(self.lines(last), rel)
        return top, max(top, bottom)

    def span_rows(self, block: int, span: tuple[int, int] | None) -> tuple[int, int]:
        """Rows of the first and last lines of `span` (a range within block `block`)."""
        lines = self.lines(block)
        top = self.index.top(block)
        if span is None:
            return top, top
        base = self.blocks[block].start
        first = line_of(lines, span[0] - base)
        last = line_of(lines, max(span[0], span[1] - 1) - base)
        return top + first, top + last

    def wrap_around(self, anchor: int, screen_row: int, height: int) -> None:
        """Wrap the blocks from two screens below block `anchor` (its top on `screen_row`) to
        a screen above it, so their heights are exact."""
        index = self.index
        count = len(self.blocks)
        self.lines(anchor)
        row = screen_row + index.height(anchor)
        j = anchor + 1
        while row < 2 * height and j < count:
            self.lines(j)
            row += index.height(j)
            j += 1
        row = screen_row
        j = anchor - 1
        while row > -height and j >= 0:
            self.lines(j)
            row -= index.height(j)
            j -= 1
