"""The article view: a Line-API `ScrollView` that shows a `Document` and scales to a book.

Only blocks near the viewport are wrapped (`reader.document.layout`); the others have
estimated heights in a Fenwick tree, corrected as they are wrapped, with the scroll position
adjusted so the line under the reader's eye never moves. Rendered lines are cached in an LRU
keyed by everything that changes them.

Article text is untrusted: lines are built from plain strings into `Segment`s (never parsed
as markup) and any C0/C1 control character left is replaced before it reaches the terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress, islice, pairwise
from operator import attrgetter, eq, le, sub

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.annotations.categories import CATEGORIES, CATEGORY_LETTERS
from reader.document.layout import (
    NOWRAP_KINDS,
    HeightIndex,
    LayoutLine,
    char_cells,
    layout_block,
)
from reader.document.model import Block, Document
from reader.records import Value

GUTTER = 2  # category letter + note marker
RULER = 1  # overview ruler, rightmost column
NOTE_MARK = "✎"
RULER_MARK = "▐"
SEARCH_LIMIT = 50_000  # matches kept for one query (a one-letter query in a book)
MEASURE_MIN, MEASURE_MAX, MEASURE_STEP = 40, 120, 4
# Highlights longer than this (characters) are kept in a short list scanned for every line;
# the others are found by bisection on their starts within this distance of a line.
LONG_HIGHLIGHT = 2_000

# Control characters never reach the terminal: C0, DEL and C1 become U+FFFD, tab a space.
_SAFE = {c: "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_SAFE[0x09] = " "
_SPAN_CLASSES = {
    "emphasis": "article-view--emphasis",
    "strong": "article-view--strong",
    "code": "article-view--inline-code",
    "link": "article-view--link",
    "strike": "article-view--strike",
}
_WORD = re.compile(r"\s*\S+")


def _line_start(line: LayoutLine) -> int:
    return line.start


def _in_order(highlights: list[Highlight], starts: list[int]) -> bool:
    """Whether `highlights` (with these starts) are sorted by (start, end): C-level passes,
    then a look at the few that share a start."""
    following = islice(starts, 1, None)
    if not all(map(le, starts, following)):
        return False
    ties = compress(range(1, len(starts)), map(eq, starts, islice(starts, 1, None)))
    return all(highlights[i - 1].end <= highlights[i].end for i in ties)


_START = attrgetter("start")
_END = attrgetter("end")
_START_END = attrgetter("start", "end")
_TEXT = attrgetter("text")


def safe_text(text: str) -> str:
    """`text` with every control character replaced one-for-one by a visible one."""
    return text.translate(_SAFE)


class Highlight(Value):
    """A highlighted range of `Document.text` to draw (the app maps annotations to these)."""

    __slots__ = ("start", "end", "category", "has_note", "id")
    start: int
    end: int
    category: str
    has_note: bool
    id: str

    def __init__(
        self, start: int, end: int, category: str, has_note: bool = False, id: str = ""
    ) -> None:
        _set = object.__setattr__
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "category", category)
        _set(self, "has_note", has_note)
        _set(self, "id", id)


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one document; a sentence cursor, selection, search and folding by keyboard."""

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--subtitle",
        "article-view--meta",
        "article-view--heading",
        "article-view--paragraph",
        "article-view--quote",
        "article-view--list-item",
        "article-view--code",
        "article-view--table",
        "article-view--html",
        "article-view--boilerplate",
        "article-view--cursor",
        "article-view--selection",
        "article-view--search-match",
        "article-view--search-current",
        "article-view--link",
        "article-view--emphasis",
        "article-view--strong",
        "article-view--inline-code",
        "article-view--strike",
        "article-view--gutter",
        "article-view--note-marker",
        "article-view--ruler",
        "article-view--ruler-thumb",
        *(f"article-view--hl-{c}" for c in CATEGORIES),
        *(f"article-view--ruler-{c}" for c in CATEGORIES),
    }

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    BINDINGS = [
        Binding("j,down", "next_sentence", "Next", show=True),
        Binding("k,up", "previous_sentence", "Previous", show=True),
        Binding("right_curly_bracket", "next_block", "Next block", show=False),
        Binding("left_curly_bracket", "previous_block", "Prev block", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("slash", "search", "Search", show=True),
        Binding("n", "search_next", "Next match", show=False),
        Binding("N", "search_previous", "Prev match", show=False),
        Binding("z", "toggle_fold", "Fold", show=False),
        Binding("enter", "enter_fold", "Fold", show=False),
        Binding("plus,equals_sign", "wider", "Wider", show=False),
        Binding("minus", "narrower", "Narrower", show=False),
        Binding("v", "select", "Select", show=True),
        Binding("shift+right", "selection_end(1)", "End +word", show=False),
        Binding("shift+left", "selection_end(-1)", "End -word", show=False),
        Binding("shift+up", "selection_start(-1)", "Start -word", show=False),
        Binding("shift+down", "selection_start(1)", "Start +word", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    measure: reactive[int] = reactive(76)

    class CursorMoved(Message):
        """The cursor moved to another sentence."""

        def __init__(self, view: ArticleView, start: int, end: int, progress: float) -> None:
            super().__init__()
            self.view = view
            self.start = start
            self.end = end
            self.progress = progress

        @property
        def control(self) -> ArticleView:
            return self.view

    class SelectionChanged(Message):
        """The selection started, changed or ended (`selection` is None when it ended)."""

        def __init__(self, view: ArticleView, selection: tuple[int, int] | None) -> None:
            super().__init__()
            self.view = view
            self.selection = selection

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(
        self,
        document: Document | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document: Document | None = None
        self.render_line_calls = 0
        self.blocks_wrapped = 0  # layout_block calls (a scale test reads it)
        self._blocks: list[Block] = []
        self._index = HeightIndex([])
        self._exact = bytearray()
        self._tw = 0  # text column width the index was built for
        self._unfolded: set[int] = set()
        self._layouts: LRUCache[tuple[int, int, bool], list[LayoutLine]] = LRUCache(2048)
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self._cur = (0, 0)  # (block index, stop index)
        self._sel_anchor: tuple[int, int] | None = None
        self._sel: tuple[int, int] | None = None
        self._highlights: list[Highlight] = []
        self._hl_starts: list[int] = []
        self._hl_max = 0  # longest highlight not in `_hl_long`
        self._hl_long: list[Highlight] = []  # highlights longer than LONG_HIGHLIGHT
        self._hl_version = 0
        self._ruler_cache: tuple[tuple[int, int, int], list[str | None]] | None = None
        self._query = ""
        self._m_starts: list[int] = []
        self._m_ends: list[int] = []
        self._m_current: int | None = None
        self._settling = False
        self._styles: dict[tuple[str, ...], Style] = {}
        self._frame: tuple[int, int] | None = None  # view (width, height) while rendering
        self._frame_thumb: tuple[int, int] | None = None  # ruler thumb rows while rendering
        if document is not None:
            self.load(document)

    # ----------------------------------------------------------------- public API

    def load(self, document: Document, cursor_offset: int = 0) -> None:
        """Show `document`, cursor on the sentence containing `cursor_offset`."""
        self.document = document
        self._blocks = document.blocks
        self._unfolded = set()
        self._layouts.clear()
        self._strips.clear()
        self._sel_anchor = self._sel = None
        self._highlights, self._hl_starts, self._hl_max, self._hl_long = [], [], 0, []
        self._hl_version += 1
        self._query = ""
        self._m_starts, self._m_ends, self._m_current = [], [], None
        self._tw = self._text_width()
        self._rebuild_index()
        self._cur = self._stop_at_offset(cursor_offset)
        self._sync_virtual_size()
        if cursor_offset <= 0:
            self._settle(0, 0)
        else:
            self._reveal_cursor(center=True)
        self._post_cursor()
        self.refresh()

    @property
    def cursor_range(self) -> tuple[int, int] | None:
        """Document offsets of the cursor sentence (or folded block)."""
        stops = self._stops(self._cur[0]) if self._blocks else []
        if not stops:
            return None
        return stops[min(self._cur[1], len(stops) - 1)]

    @property
    def selection_range(self) -> tuple[int, int] | None:
        return self._sel

    @property
    def progress(self) -> float:
        """Reading progress of the cursor, 0..100."""
        cursor = self.cursor_range
        if self.document is None or cursor is None or not self.document.text:
            return 0.0
        if self._is_last_stop(self._cur):
            return 100.0
        return min(100.0, 100.0 * cursor[0] / len(self.document.text))

    @property
    def search_matches(self) -> list[tuple[int, int]]:
        return list(zip(self._m_starts, self._m_ends, strict=True))

    @property
    def search_current(self) -> tuple[int, int] | None:
        if self._m_current is None:
            return None
        return self._m_starts[self._m_current], self._m_ends[self._m_current]

    def move_cursor_to_offset(self, offset: int) -> None:
        """Put the cursor on the sentence containing `offset` and scroll it into view."""
        if not self._blocks:
            return
        block = self.document.block_at(offset) if self.document else None
        if block is not None and self._blocks[block].kind == "boilerplate":
            if block not in self._unfolded and self._blocks[block].start < offset:
                self._set_folded(block, False)
        self._move_to(self._stop_at_offset(offset), center=True)

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Replace the highlights drawn (repaint only).

        About a millisecond for 10,000 highlights already in document order (the usual
        case): the work is a few C-level passes; lines look theirs up by bisection.
        """
        ordered = list(highlights)
        starts = list(map(_START, ordered))
        if not _in_order(ordered, starts):
            ordered.sort(key=_START_END)
            starts = list(map(_START, ordered))
        lengths = list(map(sub, map(_END, ordered), starts))
        longest = max(lengths, default=0)
        long: list[Highlight] = []
        if longest > LONG_HIGHLIGHT:
            long = [h for h, n in zip(ordered, lengths, strict=True) if n > LONG_HIGHLIGHT]
            longest = max((n for n in lengths if n <= LONG_HIGHLIGHT), default=0)
        self._highlights = ordered
        self._hl_starts = starts
        self._hl_max = longest
        self._hl_long = long
        self._hl_version += 1
        self.refresh()

    # -- incremental highlight changes: repaint only the lines (and ruler rows) they touch

    def add_highlight(self, highlight: Highlight) -> None:
        """Draw one more highlight (repaints only its lines and any ruler row it changes)."""
        starts = self._hl_starts
        i = bisect_left(starts, highlight.start)
        hi = bisect_right(starts, highlight.start, i)
        while i < hi and self._highlights[i].end <= highlight.end:
            i += 1
        ruler = self._ruler_now()
        self._highlights.insert(i, highlight)
        starts.insert(i, highlight.start)
        length = highlight.end - highlight.start
        if length > LONG_HIGHLIGHT:
            self._hl_long.append(highlight)
            self._hl_long.sort(key=_START_END)
        else:
            self._hl_max = max(self._hl_max, length)
        self._hl_changed(ruler, (highlight.start, highlight.end))

    def remove_highlight(self, highlight: Highlight) -> bool:
        """Stop drawing `highlight` (an equal one); False if it was not drawn."""
        starts = self._hl_starts
        i = bisect_left(starts, highlight.start)
        hi = bisect_right(starts, highlight.start, i)
        while i < hi and self._highlights[i] != highlight:
            i += 1
        if i >= hi:
            return False
        ruler = self._ruler_now()
        del self._highlights[i], starts[i]
        if highlight.end - highlight.start > LONG_HIGHLIGHT:
            self._hl_long.remove(highlight)
        # `_hl_max` stays: an upper bound only widens the bisection window a little.
        self._hl_changed(ruler, (highlight.start, highlight.end))
        return True

    def update_highlight(self, old: Highlight, new: Highlight) -> None:
        """Draw `new` in place of `old` (its category, note mark or range changed)."""
        self.remove_highlight(old)
        self.add_highlight(new)

    def _ruler_now(self) -> list[str | None] | None:
        return self._ruler(self._view_height()) if self.is_mounted else None

    def _hl_changed(self, ruler: list[str | None] | None, span: tuple[int, int]) -> None:
        self._hl_version += 1
        if ruler is None or not self._blocks or self.document is None:
            self.refresh()
            return
        self._refresh_rows(*self._rows_of(*span))
        top = round(self.scroll_y)
        new = self._ruler(self._view_height())
        for y, (a, b) in enumerate(zip(ruler, new, strict=False)):
            if a != b:
                self.refresh_lines(top + y)

    def _rows_of(self, start: int, end: int) -> tuple[int, int]:
        """Document rows showing document range [start, end) (estimated where unwrapped)."""
        document = self.document
        assert document is not None
        index = self._index
        first = document.block_at(start)
        last = document.block_at(max(start, end - 1))
        first = 0 if first is None else first
        last = len(self._blocks) - 1 if last is None else last
        top = index.top(first)
        if self._exact[first]:
            lines = self._lines(first)
            top += self._line_of(first, lines, start - self._blocks[first].start)
        bottom = index.top(last) + index.height(last) - 1
        if self._exact[last]:
            lines = self._lines(last)
            rel = max(start, end - 1) - self._blocks[last].start
            bottom = index.top(last) + self._line_of(last, lines, rel)
        return top, max(top, bottom)

    def set_search(self, query: str) -> int:
        """Highlight all matches of `query` (smart case); return how many."""
        self._query = query
        self._m_current = None
        starts: list[int] = []
        ends: list[int] = []
        if query and self.document is not None:
            flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
            pattern = re.compile(re.escape(query), flags)
            for match in pattern.finditer(self.document.text):
                starts.append(match.start())
                ends.append(match.end())
                if len(starts) >= SEARCH_LIMIT:
                    break
        self._m_starts, self._m_ends = starts, ends
        self.refresh()
        return len(starts)

    def search_jump(self) -> bool:
        """Go to the first match at or after the cursor (wrapping); False if none."""
        if not self._m_starts:
            return False
        cursor = self.cursor_range
        here = cursor[0] if cursor else 0
        index = bisect_left(self._m_starts, here)
        self._goto_match(index % len(self._m_starts))
        return True

    def clear_search(self) -> None:
        self.set_search("")

    # ----------------------------------------------------------------- geometry

    def _view_width(self) -> int:
        if self._frame is not None:
            return self._frame[0]
        width = self.scrollable_content_region.width
        return width if width > 0 else self.measure + GUTTER + RULER + 2

    def _view_height(self) -> int:
        if self._frame is not None:
            return self._frame[1]
        height = self.scrollable_content_region.height
        return height if height > 0 else 24

    def _text_width(self) -> int:
        return max(8, min(self.measure, self._view_width() - RULER - GUTTER - 2))

    def _left(self, width: int) -> int:
        return max(0, (width - RULER - GUTTER - self._tw) // 2)

    def _folded(self, index: int) -> bool:
        return self._blocks[index].kind == "boilerplate" and index not in self._unfolded

    def _rebuild_index(self) -> None:
        width = max(1, self._tw - 2)
        heights = []
        append = heights.append
        for i, block in enumerate(self._blocks):
            kind = block.kind
            if kind in NOWRAP_KINDS:
                append(block.text.count("\n") + 2)
            elif kind == "boilerplate":
                append(2 if i not in self._unfolded else (block.end - block.start) // width + 3)
            else:
                append((block.end - block.start) // width + 2)
        self._index = HeightIndex(heights)
        self._exact = bytearray(len(heights))

    def _sync_virtual_size(self) -> None:
        size = Size(self._view_width(), self._index.total)
        old = self.virtual_size
        if old == size:
            return
        height = self._view_height()
        if old.width == size.width and old.height > height and size.height > height:
            # Only a wrapped block's corrected height: scrolling stays on, so no layout of
            # the screen is needed (a layout repaints every widget). Move the ruler's thumb.
            thumb = self._thumb(height, old.height)
            self.set_reactive(ArticleView.virtual_size, size)
            self._scroll_update(size)
            if self._thumb(height) != thumb and self.is_mounted:
                self.refresh(Region(self.size.width - RULER, 0, RULER, height))
        else:
            self.virtual_size = size

    def _lines(self, index: int) -> list[LayoutLine]:
        """Block `index` wrapped at the current width (cached); corrects its height."""
        folded = self._folded(index)
        key = (index, self._tw, folded)
        lines = self._layouts.get(key)
        if lines is None:
            lines = layout_block(self._blocks[index], self._tw, folded)
            self.blocks_wrapped += 1
            self._layouts[key] = lines
        if not self._exact[index]:
            self._exact[index] = 1
            self._index.set(index, len(lines) + 1)
        return lines

    def _settle(self, anchor: int, screen_row: int) -> None:
        """Wrap the blocks around the viewport and put block `anchor`'s top at `screen_row`.

        Blocks above the anchor that change height shift the anchor's row in the document;
        scrolling by the same amount keeps what the reader sees still.
        """
        if not self._blocks:
            self._sync_virtual_size()
            return
        index = self._index
        height = self._view_height()
        count = len(self._blocks)
        anchor = max(0, min(anchor, count - 1))
        self._lines(anchor)
        row = screen_row + index.height(anchor)
        j = anchor + 1
        while row < 2 * height and j < count:
            self._lines(j)
            row += index.height(j)
            j += 1
        row = screen_row
        j = anchor - 1
        while row > -height and j >= 0:
            self._lines(j)
            row -= index.height(j)
            j -= 1
        self._sync_virtual_size()
        self._set_scroll_y(index.top(anchor) - screen_row)

    def _set_scroll_y(self, y: int) -> None:
        y = max(0, min(y, max(0, self._index.total - self._view_height())))
        if round(self.scroll_y) == y:
            return
        self._settling = True
        try:
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        finally:
            self._settling = False

    def _settle_here(self) -> None:
        if not self._blocks:
            return
        block, row = self._index.locate(round(self.scroll_y))
        self._settle(block, -row)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._settling and round(old_value) != round(new_value):
            self._settle_here()

    def validate_measure(self, value: int) -> int:
        return max(MEASURE_MIN, min(MEASURE_MAX, value))

    def watch_measure(self) -> None:
        self._relayout()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self) -> None:
        if self.document is None:
            return
        tw = self._text_width()
        if tw == self._tw:
            self._sync_virtual_size()
            self._settle_here()
            self.refresh()
            return
        cursor_row = self._cursor_rows()[0] - round(self.scroll_y) if self._blocks else 0
        visible = self.cursor_range is not None and 0 <= cursor_row < self._view_height()
        top_block, top_row = self._index.locate(round(self.scroll_y))
        self._tw = tw
        self._rebuild_index()
        self._strips.clear()
        if visible:
            block = self._cur[0]
            lines = self._lines(block)
            line = self._line_of(block, lines, self.cursor_range[0] - self._blocks[block].start)
            self._settle(block, cursor_row - line)
        else:
            self._settle(top_block, -top_row if top_row == 0 else -min(top_row, 1))
        self.refresh()

    # ----------------------------------------------------------------- cursor stops

    def _stops(self, index: int) -> list[tuple[int, int]]:
        if not 0 <= index < len(self._blocks):
            return []
        block = self._blocks[index]
        if self._folded(index):
            return [(block.start, block.end)] if block.text.strip() else []
        return [(s.start, s.end) for s in block.sentences]

    def _first_stop_from(self, index: int, step: int) -> tuple[int, int] | None:
        count = len(self._blocks)
        while 0 <= index < count:
            stops = self._stops(index)
            if stops:
                return (index, 0 if step > 0 else len(stops) - 1)
            index += step
        return None

    def _is_last_stop(self, cur: tuple[int, int]) -> bool:
        block, stop = cur
        if stop < len(self._stops(block)) - 1:
            return False
        return self._first_stop_from(block + 1, 1) is None

    def _stop_at_offset(self, offset: int) -> tuple[int, int]:
        if not self._blocks or self.document is None:
            return (0, 0)
        index = self.document.block_at(max(0, offset)) or 0
        stops = self._stops(index)
        if not stops:
            return self._first_stop_from(index, 1) or self._first_stop_from(index, -1) or (0, 0)
        starts = [s for s, _ in stops]
        k = max(0, bisect_right(starts, offset) - 1)
        return (index, k)

    def _cursor_rows(self) -> tuple[int, int]:
        """Document rows of the cursor's first and last lines."""
        cursor = self.cursor_range
        block = self._cur[0]
        lines = self._lines(block)
        top = self._index.top(block)
        if cursor is None:
            return top, top
        base = self._blocks[block].start
        first = self._line_of(block, lines, cursor[0] - base)
        last = self._line_of(block, lines, max(cursor[0], cursor[1] - 1) - base)
        return top + first, top + last

    @staticmethod
    def _line_of(index: int, lines: list[LayoutLine], rel: int) -> int:
        """Which of a block's lines shows block-relative offset `rel` (a fold header: 0)."""
        return max(0, bisect_right(lines, rel, key=_line_start) - 1)

    def _reveal_cursor(self, center: bool = False) -> None:
        if not self._blocks:
            return
        block = self._cur[0]
        self._lines(block)
        first, last = self._cursor_rows()
        height = self._view_height()
        top = round(self.scroll_y)
        block_top = self._index.top(block)
        if center:
            row = max(0, height // 3 - (first - block_top))
            self._settle(block, row)
            return
        if first < top:
            self._settle(block, -(first - block_top))
        elif last >= top + height:
            row = height - 1 - (last - block_top)
            row = max(row, -(first - block_top))
            self._settle(block, row)
        else:
            self._settle_here()

    def _post_cursor(self) -> None:
        cursor = self.cursor_range
        if cursor is not None:
            self.post_message(self.CursorMoved(self, cursor[0], cursor[1], self.progress))

    def _move_to(self, cur: tuple[int, int] | None, center: bool = False) -> None:
        if cur is None or not self._blocks:
            return
        changed = cur != self._cur
        old_rows = self._cursor_rows() if changed else None
        top, total = round(self.scroll_y), self._index.total
        self._cur = cur
        if self._sel_anchor is not None:
            self._update_selection_from_cursor()
        self._reveal_cursor(center=center)
        if (
            old_rows is not None
            and self._sel_anchor is None
            and round(self.scroll_y) == top
            and self._index.total == total
        ):
            # Nothing moved on screen: repaint only the old and the new cursor sentence.
            self._refresh_rows(*old_rows)
            self._refresh_rows(*self._cursor_rows())
        else:
            self.refresh()
        if changed:
            self._post_cursor()

    def _refresh_rows(self, first: int, last: int) -> None:
        """Repaint document rows `first..last` (the part of them on screen)."""
        top = round(self.scroll_y)
        first = max(first, top)
        last = min(last, top + self._view_height() - 1)
        if first <= last:
            self.refresh_lines(first, last - first + 1)

    def _next_stop(self, cur: tuple[int, int]) -> tuple[int, int] | None:
        block, stop = cur
        if stop + 1 < len(self._stops(block)):
            return (block, stop + 1)
        return self._first_stop_from(block + 1, 1)

    def _previous_stop(self, cur: tuple[int, int]) -> tuple[int, int] | None:
        block, stop = cur
        if stop > 0:
            return (block, min(stop - 1, len(self._stops(block)) - 1))
        return self._first_stop_from(block - 1, -1)

    # ----------------------------------------------------------------- actions

    def action_next_sentence(self) -> None:
        self._move_to(self._next_stop(self._cur))

    def action_previous_sentence(self) -> None:
        self._move_to(self._previous_stop(self._cur))

    def action_next_block(self) -> None:
        self._move_to(self._first_stop_from(self._cur[0] + 1, 1))

    def action_previous_block(self) -> None:
        block, stop = self._cur
        if stop > 0:
            self._move_to((block, 0))
            return
        found = self._first_stop_from(block - 1, -1)
        self._move_to((found[0], 0) if found else None)

    def _first_stop_in_view(self) -> tuple[int, int] | None:
        """The first cursor stop that starts on screen (else the one on the top line)."""
        top = round(self.scroll_y)
        bottom = top + self._view_height()
        block, row = self._index.locate(top)
        fallback = None
        while block < len(self._blocks) and self._index.top(block) < bottom:
            lines = self._lines(block)
            base = self._blocks[block].start
            block_top = self._index.top(block)
            for k, (start, _end) in enumerate(self._stops(block)):
                line = self._line_of(block, lines, start - base)
                if block_top + line >= top:
                    if block_top + line < bottom:
                        return (block, k)
                    return fallback or (block, k)
                fallback = (block, k)
            block += 1
        return fallback

    def action_page_down(self) -> None:
        if not self._blocks:
            return
        height = self._view_height()
        top = round(self.scroll_y)
        if top >= self.max_scroll_y:
            self._move_to(self._first_stop_from(len(self._blocks) - 1, -1))
            return
        block, row = self._index.locate(top + max(1, height - 1))
        self._settle(block, -row)
        self._cur_into_view()

    def action_page_up(self) -> None:
        if not self._blocks:
            return
        height = self._view_height()
        top = round(self.scroll_y)
        if top <= 0:
            self._move_to(self._first_stop_from(0, 1))
            return
        block, row = self._index.locate(max(0, top - max(1, height - 1)))
        self._settle(block, -row)
        self._cur_into_view()

    def _cur_into_view(self) -> None:
        found = self._first_stop_in_view()
        if found is not None and found != self._cur:
            self._cur = found
            if self._sel_anchor is not None:
                self._update_selection_from_cursor()
            self._post_cursor()
        self.refresh()

    def action_top(self) -> None:
        if not self._blocks:
            return
        self._settle(0, 0)
        self._move_to(self._first_stop_from(0, 1))

    def action_bottom(self) -> None:
        if not self._blocks:
            return
        last = len(self._blocks) - 1
        self._lines(last)
        self._settle(last, self._view_height() - self._index.height(last))
        cur = self._first_stop_from(last, -1)
        if cur is not None:
            block, _ = cur
            cur = (block, len(self._stops(block)) - 1)
        self._move_to(cur)

    def action_wider(self) -> None:
        self.measure += MEASURE_STEP

    def action_narrower(self) -> None:
        self.measure -= MEASURE_STEP

    def _set_folded(self, index: int, folded: bool) -> None:
        if folded:
            self._unfolded.discard(index)
        else:
            self._unfolded.add(index)
        self._exact[index] = 0
        block_top = self._index.top(index)
        screen_row = block_top - round(self.scroll_y)
        self._lines(index)
        self._settle(index, screen_row)
        self.refresh()

    def action_toggle_fold(self) -> None:
        if not self._blocks:
            return
        block = self._cur[0]
        if self._blocks[block].kind != "boilerplate":
            return
        folded = self._folded(block)
        self._set_folded(block, not folded)
        stops = self._stops(block)
        self._cur = (block, 0)
        if stops:
            self._move_to((block, 0))
        self._post_cursor()

    def action_enter_fold(self) -> None:
        self.action_toggle_fold()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_fold":
            return bool(self._blocks) and self._blocks[self._cur[0]].kind == "boilerplate"
        if action == "cancel":
            return self._sel is not None or bool(self._query)
        if action in ("selection_end", "selection_start"):
            return self._sel is not None
        return True

    def action_cancel(self) -> None:
        if self._sel is not None:
            self._set_selection(None)
        elif self._query:
            self.clear_search()

    def action_search(self) -> None:
        from reader.widgets.search_bar import SearchBar

        parent = self.parent
        if parent is None:
            return
        for bar in parent.query_children(SearchBar):
            if bar.view is self:
                bar.focus()
                return
        bar = SearchBar(self)
        parent.mount(bar, after=self)
        bar.focus()

    def action_search_next(self) -> None:
        self._step_match(1)

    def action_search_previous(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        if not self._m_starts:
            return
        count = len(self._m_starts)
        if self._m_current is None:
            cursor = self.cursor_range
            here = cursor[0] if cursor else 0
            if step > 0:
                index = bisect_right(self._m_starts, here)
            else:
                index = bisect_left(self._m_starts, here) - 1
        else:
            index = self._m_current + step
        self._goto_match(index % count)

    def _goto_match(self, index: int) -> None:
        self._m_current = index
        start = self._m_starts[index]
        block = self.document.block_at(start) if self.document else None
        if block is not None and self._folded(block):
            self._unfolded.add(block)
            self._exact[block] = 0
        self._move_to(self._stop_at_offset(start))
        self.refresh()

    # ----------------------------------------------------------------- selection

    def action_select(self) -> None:
        if self._sel is not None:
            self._set_selection(None)
            return
        cursor = self.cursor_range
        if cursor is None:
            return
        self._sel_anchor = cursor
        self._set_selection(cursor)

    def _set_selection(self, selection: tuple[int, int] | None) -> None:
        if selection is None:
            self._sel_anchor = None
        if selection != self._sel:
            self._sel = selection
            self.post_message(self.SelectionChanged(self, selection))
        self.refresh()

    def _update_selection_from_cursor(self) -> None:
        cursor = self.cursor_range
        if cursor is None or self._sel_anchor is None:
            return
        anchor = self._sel_anchor
        self._set_selection((min(anchor[0], cursor[0]), max(anchor[1], cursor[1])))

    def action_selection_end(self, step: int) -> None:
        if self._sel is None or self.document is None:
            return
        text = self.document.text
        start, end = self._sel
        if step > 0:
            match = _WORD.match(text, end)
            new_end = match.end() if match else end
        else:
            i = end
            while i > start and not text[i - 1].isspace():
                i -= 1
            while i > start and text[i - 1].isspace():
                i -= 1
            new_end = i if i > start else end
        self._set_selection((start, new_end))

    def action_selection_start(self, step: int) -> None:
        if self._sel is None or self.document is None:
            return
        text = self.document.text
        start, end = self._sel
        if step > 0:
            i = start
            while i < end and not text[i].isspace():
                i += 1
            while i < end and text[i].isspace():
                i += 1
            new_start = i if i < end else start
        else:
            i = start
            while i > 0 and text[i - 1].isspace():
                i -= 1
            while i > 0 and not text[i - 1].isspace():
                i -= 1
            new_start = i
        self._set_selection((new_start, end))

    # ----------------------------------------------------------------- mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._blocks:
            return
        self.focus()
        doc_offset = self.offset_at(offset.x, offset.y)
        if doc_offset is not None:
            self._move_to(self._stop_at_offset(doc_offset))

    def offset_at(self, x: int, y: int) -> int | None:
        """The document offset shown at content cell (x, y) of the widget, if any."""
        if not self._blocks:
            return None
        row = round(self.scroll_y) + y
        if row >= self._index.total:
            return None
        block_index, line_index = self._index.locate(row)
        block = self._blocks[block_index]
        lines = self._lines(block_index)
        if line_index >= len(lines):
            line_index = len(lines) - 1
        line = lines[line_index]
        if line.synthetic is not None:
            return block.start
        column = x - self._left(self._view_width()) - GUTTER - cell_len(line.prefix)
        i, used = line.start, 0
        text = block.text
        while i < line.end:
            used += char_cells(text[i])
            if used > column:
                break
            i += 1
        return block.start + min(i, max(line.start, line.end - 1))

    # ----------------------------------------------------------------- rendering

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, *names: str) -> Style:
        style = self._styles.get(names)
        if style is None:
            style = self.get_component_rich_style(*names, partial=True, default=Style())
            if style.bgcolor is not None:
                # A translucent background is only right blended over the widget's own.
                full = self.get_component_rich_style(*names, default=Style())
                style += Style(bgcolor=full.bgcolor)
            self._styles[names] = style
        return style

    def _ruler(self, height: int) -> list[str | None]:
        length = len(self.document.text) if self.document else 0
        key = (self._hl_version, height, length)
        if self._ruler_cache is not None and self._ruler_cache[0] == key:
            return self._ruler_cache[1]
        rows: list[str | None] = [None] * height
        starts = self._hl_starts
        if length and height and starts:
            # Row r shows the first highlight whose start s has s * height // length == r
            # (the last row also takes any later start): one bisection per row.
            count = len(starts)
            for row in range(height):
                i = bisect_left(starts, -(-row * length // height))
                if i >= count:
                    break
                if row == height - 1 or starts[i] * height // length == row:
                    rows[row] = self._highlights[i].category
        self._ruler_cache = (key, rows)
        return rows

    def _base_style(self) -> Style:
        """The widget's own style (cached like the component styles: `rich_style` walks the
        DOM on every call)."""
        style = self._styles.get(())
        if style is None:
            style = self._styles[()] = self.rich_style
        return style

    def _thumb(self, height: int, total: int | None = None) -> tuple[int, int]:
        """Rows [first, last) of the ruler showing where the viewport is (empty if the whole
        article fits): the ruler doubles as the scrollbar, so no scrollbar is drawn."""
        total = self._index.total if total is None else total
        if total <= height or height <= 0:
            return (0, 0)
        size = max(1, min(height, round(height * height / total)))
        first = round(round(self.scroll_y) * (height - size) / max(1, total - height))
        first = max(0, min(height - size, first))
        return (first, first + size)

    def _ruler_mark(self, mark: tuple[str | None, bool], base: Style) -> Segment:
        category, thumb = mark
        style = base + self._style("article-view--ruler")
        if thumb:
            style += self._style("article-view--ruler-thumb")
        if category is None:
            return Segment(" ", style)
        return Segment(RULER_MARK, style + self._style(f"article-view--ruler-{category}"))

    def render_lines(self, crop: Region) -> list[Strip]:
        # The geometry cannot change while one batch of lines renders: look it up once.
        height = self._view_height()
        self._frame = (self._view_width(), height)
        self._frame_thumb = self._thumb(height)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None
            self._frame_thumb = None

    def render_line(self, y: int) -> Strip:
        self.render_line_calls += 1
        width = self._view_width()
        base = self._base_style()
        row = round(self.scroll_y) + y
        text_width = max(0, width - RULER)
        height = self._view_height()
        ruler = self._ruler(height)
        thumb = self._frame_thumb or self._thumb(height)
        category = (ruler[y] if 0 <= y < len(ruler) else None, thumb[0] <= y < thumb[1])
        if self._blocks and row < self._index.total:
            block_index, line_index = self._index.locate(row)
            was_exact = self._exact[block_index]
            lines = self._lines(block_index)
            if not was_exact:
                self.call_after_refresh(self._settle_here)
            if line_index < len(lines):
                return self._line_strip(block_index, line_index, lines, text_width, base, category)
        if not self._blocks and row == 0 and self.document is not None:
            body = self._message_strip("(empty article)", text_width, base)
            return Strip.join([body, Strip([self._ruler_mark(category, base)], 1)])
        # A blank row (between blocks, below the end): the same few strips over and over.
        key = ("blank", text_width, category)
        strip = self._strips.get(key)
        if strip is None:
            segments = [Segment(" " * text_width, base), self._ruler_mark(category, base)]
            strip = self._strips[key] = Strip(segments, text_width + RULER)
        return strip

    def _message_strip(self, message: str, width: int, base: Style) -> Strip:
        left = self._left(width + RULER) + GUTTER
        segments = [
            Segment(" " * left, base),
            Segment(message, base + self._style("article-view--meta")),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def _decorations(self, start: int, end: int) -> tuple:
        """(cursor, selection, highlights, matches) clipped to document range [start, end)."""
        cursor = self.cursor_range
        cur = None
        if cursor is not None and cursor[0] < end and cursor[1] > start:
            cur = (max(cursor[0], start), min(cursor[1], end))
        sel = None
        if self._sel is not None and self._sel[0] < end and self._sel[1] > start:
            sel = (max(self._sel[0], start), min(self._sel[1], end))
        hls = []
        if self._highlights:
            lo = bisect_left(self._hl_starts, start - self._hl_max)
            hi = bisect_left(self._hl_starts, end)
            # Highlights starting before the window (index < lo) reach in only if long.
            first = self._hl_starts[lo] if lo < len(self._hl_starts) else end
            before = [h for h in self._hl_long if h.start < first]
            for h in (*before, *self._highlights[lo:hi]):
                if h.start < end and h.end > start:
                    begins = start <= h.start
                    hls.append(
                        (max(h.start, start), min(h.end, end), h.category, begins, h.has_note)
                    )
        matches = []
        if self._m_starts:
            i = bisect_right(self._m_ends, start)
            while i < len(self._m_starts) and self._m_starts[i] < end:
                matches.append(
                    (
                        max(self._m_starts[i], start),
                        min(self._m_ends[i], end),
                        i == self._m_current,
                    )
                )
                i += 1
        return cur, sel, tuple(hls), tuple(matches)

    def _line_strip(
        self,
        block_index: int,
        line_index: int,
        lines: list[LayoutLine],
        width: int,
        base: Style,
        ruler: tuple[str | None, bool] = (None, False),
    ) -> Strip:
        """Display line `line_index` of block `block_index`, ruler mark included (cached)."""
        block = self._blocks[block_index]
        line = lines[line_index]
        folded = self._folded(block_index)
        # A synthetic line stands for the whole block when the block is folded or shown by a
        # display label (a metadata line): the cursor on that block lights it up.
        whole = folded or block.kind == "meta"
        if line.synthetic is not None:
            doc_start, doc_end = (block.start, block.end) if whole else (block.start, block.start)
        else:
            doc_start = block.start + line.start
            following = lines[line_index + 1].start if line_index + 1 < len(lines) else None
            doc_end = block.start + (following if following is not None else line.end)
            doc_end = max(doc_end, block.start + line.end)
        decorations = self._decorations(doc_start, doc_end)
        if line.synthetic is not None and not whole:
            decorations = (None, None, (), ())
        key = (block_index, line_index, self._tw, width, folded, id(block), decorations, ruler)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build_strip(block, line, doc_start, width, base, decorations, ruler)
            self._strips[key] = strip
        return strip

    def _build_strip(
        self,
        block: Block,
        line: LayoutLine,
        doc_start: int,
        width: int,
        base: Style,
        decorations: tuple,
        ruler: tuple[str | None, bool] = (None, False),
    ) -> Strip:
        cur, sel, hls, matches = decorations
        kind_style = base + self._style(f"article-view--{block.kind.replace('_', '-')}")
        left = self._left(width + RULER)
        segments = [Segment(" " * left, base)]
        # Gutter: category letter where a highlight begins, note marker if it has a note.
        starting = [h for h in hls if h[3]]
        gutter = base + self._style("article-view--gutter")
        if starting:
            category = starting[0][2]
            letter = CATEGORY_LETTERS.get(category, "?")
            segments.append(
                Segment(letter, gutter + self._style(f"article-view--ruler-{category}"))
            )
            if any(h[4] for h in starting):
                segments.append(
                    Segment(NOTE_MARK, gutter + self._style("article-view--note-marker"))
                )
            else:
                segments.append(Segment(" ", gutter))
        else:
            segments.append(Segment("  ", gutter))
        text_segments: list[Segment] = []
        if line.prefix:
            text_segments.append(Segment(safe_text(line.prefix), kind_style))
        if line.synthetic is not None:
            style = kind_style
            if cur is not None:
                style += self._style("article-view--cursor")
            text_segments.append(Segment(safe_text(line.synthetic), style))
        else:
            text = safe_text(block.text[line.start : line.end])
            text_segments.extend(
                self._styled(block, line, doc_start, text, kind_style, decorations)
            )
        # Pad the text to the measure by counting cells once (no Strip of it to adjust).
        cells = sum(map(cell_len, map(_TEXT, text_segments)))
        if cells <= self._tw:
            body = text_segments
            if cells < self._tw:
                body.append(Segment(" " * (self._tw - cells), base))
        else:
            body = Strip(text_segments).adjust_cell_length(self._tw, base)
        mark = self._ruler_mark(ruler, base)
        used = left + GUTTER + self._tw
        if used <= width:
            segments.extend(body)
            if used < width:
                segments.append(Segment(" " * (width - used), base))
            segments.append(mark)
            return Strip(segments, width + RULER)
        text_strip = Strip(body, self._tw) if isinstance(body, list) else body
        line_strip = Strip.join([Strip(segments), text_strip]).adjust_cell_length(width, base)
        return Strip.join([line_strip, Strip([mark], 1)])

    def _styled(
        self,
        block: Block,
        line: LayoutLine,
        doc_start: int,
        text: str,
        kind_style: Style,
        decorations: tuple,
    ) -> list[Segment]:
        cur, sel, hls, matches = decorations
        n = len(text)
        layers: list[tuple[int, int, Style]] = []
        for span in block.spans:
            if span.start < line.end and span.end > line.start:
                name = _SPAN_CLASSES.get(span.style)
                if name:
                    layers.append(
                        (span.start - line.start, span.end - line.start, self._style(name))
                    )
        if cur is not None:
            layers.append(
                (cur[0] - doc_start, cur[1] - doc_start, self._style("article-view--cursor"))
            )
        for start, end, category, _begins, _note in hls:
            layers.append(
                (start - doc_start, end - doc_start, self._style(f"article-view--hl-{category}"))
            )
        if sel is not None:
            layers.append(
                (sel[0] - doc_start, sel[1] - doc_start, self._style("article-view--selection"))
            )
        for start, end, current in matches:
            name = "article-view--search-current" if current else "article-view--search-match"
            layers.append((start - doc_start, end - doc_start, self._style(name)))
        if not layers:
            return [Segment(text, kind_style)] if text else []
        cuts = {0, n}
        for a, b, _ in layers:
            cuts.add(max(0, min(n, a)))
            cuts.add(max(0, min(n, b)))
        segments = []
        for p, q in pairwise(sorted(cuts)):
            if p == q:
                continue
            style = kind_style
            for a, b, layer in layers:
                if a <= p and q <= b:
                    style = style + layer
            segments.append(Segment(text[p:q], style))
        return segments
