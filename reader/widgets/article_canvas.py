"""The drawing half of the article view: a Line-API `ScrollView` that lays out a `Document`
lazily, scrolls it and paints its lines with the cursor, selection, highlights and matches.

Only blocks near the viewport are wrapped (`reader.document.layout.LazyLayout`); the others
have estimated heights, corrected as they are wrapped, with the scroll position adjusted so
the line under the reader's eye never moves. Rendered lines are cached in an LRU keyed by
everything that changes them. `ArticleView` adds the keys and the cursor's moves.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.annotations.highlight_index import Highlight, HighlightIndex
from reader.document.layout import LayoutLine, LazyLayout, line_of
from reader.document.model import Block, Document
from reader.document.navigation import Folding, Navigator, Stop
from reader.document.search import Search
from reader.document.selection import Selection
from reader.state import MEASURE_MAX, MEASURE_MIN
from reader.widgets.article_strips import (
    GUTTER,
    RULER,
    STRIP_CLASSES,
    StripPainter,
    ruler_rows,
    thumb_rows,
)

STRIP_ORDER = tuple(sorted(STRIP_CLASSES))
LOOKS = 2  # looks whose strips are kept (a theme and the one before)


class ArticleCanvas(ScrollView, inherit_bindings=False):
    """Lays out, scrolls and paints one document (no keys: see `ArticleView`)."""

    COMPONENT_CLASSES = STRIP_CLASSES

    measure: reactive[int] = reactive(76)

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document: Document | None = None
        self.render_line_calls = 0
        self._blocks: list[Block] = []
        self._folding = Folding([])
        self._nav = Navigator(None, self._folding)
        self._layout = LazyLayout([], self._folding.folded, 0)
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        # The strips and styles drawn in each look (theme) the view has had: a theme tried
        # and left finds the rows it drew before. Focus is no look: it changes only the
        # cursor's rows (see `_decorations`).
        self._looks: dict[tuple, tuple[LRUCache, dict]] = {}
        self._look_known = False  # whether `_strips` and `_styles` are the current look's
        self._look_marker: object = None  # a component's styles when the look was taken
        self._painter = StripPainter(self._style)
        self._cur: Stop = (0, 0)
        self._selection = Selection()
        self._search = Search()
        self.highlights: HighlightIndex[Highlight] = HighlightIndex()
        self._hl_version = 0
        self._ruler_cache: tuple[tuple[int, int, int], list[str | None]] | None = None
        self._settling = False
        self._styles: dict[tuple[str, ...], Style] = {}
        self._frame: tuple[int, int] | None = None  # view (width, height) while rendering
        self._frame_thumb: tuple[int, int] | None = None  # ruler thumb rows while rendering

    def _show(self, document: Document) -> None:
        """Lay out `document` afresh: nothing folded open, nothing drawn on it yet."""
        self.document = document
        self._blocks = document.blocks
        self._folding = Folding(document.blocks)
        self._nav = Navigator(document, self._folding)
        self._layout = LazyLayout(document.blocks, self._folding.folded, self._text_width())
        self._forget_strips()
        self._selection.clear()
        self.highlights = HighlightIndex()
        self._hl_version += 1
        self._search = Search()  # one per document: its lower-cased copy is of this text

    # ----------------------------------------------------------------- highlights drawn

    @property
    def blocks_wrapped(self) -> int:
        """How many times a block was wrapped for this document (a scale test reads it)."""
        return self._layout.wrapped

    @property
    def cursor_range(self) -> tuple[int, int] | None:
        """Document offsets of the cursor sentence (or folded block)."""
        return self._nav.range_of(self._cur)

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Replace the highlights drawn (repaint only)."""
        self.highlights.replace(highlights)
        self._hl_version += 1
        self.refresh()

    def add_highlight(self, highlight: Highlight) -> None:
        """Draw one more highlight (repaints only its lines and any ruler row it changes)."""
        ruler = self._ruler_now()
        self.highlights.add(highlight)
        self._hl_changed(ruler, (highlight.start, highlight.end))

    def remove_highlight(self, highlight: Highlight) -> bool:
        """Stop drawing `highlight` (an equal one); False if it was not drawn."""
        if self.highlights.position(highlight) is None:
            return False
        ruler = self._ruler_now()
        self.highlights.remove(highlight)
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
        assert self.document is not None
        return self._layout.rows_of(self.document, start, end)

    # ----------------------------------------------------------------- geometry and scrolling

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
        return max(0, (width - RULER - GUTTER - self._layout.width) // 2)

    def _sync_virtual_size(self) -> None:
        size = Size(self._view_width(), self._layout.index.total)
        old = self.virtual_size
        if old == size:
            return
        height = self._view_height()
        if old.width == size.width and old.height > height and size.height > height:
            # Only a wrapped block's corrected height: scrolling stays on, so no layout of
            # the screen is needed (a layout repaints every widget). Move the ruler's thumb.
            thumb = self._thumb(height, old.height)
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            if self._thumb(height) != thumb and self.is_mounted:
                self.refresh(Region(self.size.width - RULER, 0, RULER, height))
        else:
            self.virtual_size = size

    def _settle(self, anchor: int, screen_row: int) -> None:
        """Wrap the blocks around the viewport and put block `anchor`'s top at `screen_row`.

        Blocks above the anchor that change height shift the anchor's row in the document;
        scrolling by the same amount keeps what the reader sees still.
        """
        if not self._blocks:
            self._sync_virtual_size()
            return
        anchor = max(0, min(anchor, len(self._blocks) - 1))
        self._layout.wrap_around(anchor, screen_row, self._view_height())
        self._sync_virtual_size()
        self._set_scroll_y(self._layout.index.top(anchor) - screen_row)

    def _set_scroll_y(self, y: int) -> None:
        y = max(0, min(y, max(0, self._layout.index.total - self._view_height())))
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
        block, row = self._layout.index.locate(round(self.scroll_y))
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
        layout = self._layout
        if tw == layout.width:
            self._sync_virtual_size()
            self._settle_here()
            self.refresh()
            return
        cursor_row = self._cursor_rows()[0] - round(self.scroll_y) if self._blocks else 0
        visible = self.cursor_range is not None and 0 <= cursor_row < self._view_height()
        top_block, top_row = layout.index.locate(round(self.scroll_y))
        layout.reset(tw)
        self._forget_strips()
        if visible:
            block = self._cur[0]
            lines = layout.lines(block)
            line = line_of(lines, self.cursor_range[0] - self._blocks[block].start)
            self._settle(block, cursor_row - line)
        else:
            self._settle(top_block, -top_row if top_row == 0 else -min(top_row, 1))
        self.refresh()

    def _cursor_rows(self) -> tuple[int, int]:
        """Document rows of the cursor's first and last lines."""
        return self._layout.span_rows(self._cur[0], self.cursor_range)

    def shown_matches(self) -> list[tuple | None] | None:
        """The search matches on each row on screen, as `Search.overlapping` gives them for
        the row's document range (None for a row not laid out yet; None before the first
        layout): what `repaint_matches` compares."""
        if not self._blocks or not self.is_mounted or self.document is None:
            return None
        layout, overlapping = self._layout, self._search.overlapping
        top = round(self.scroll_y)
        shown: list[tuple | None] = []
        for row in range(top, min(layout.index.total, top + self._view_height())):
            block_index, line_index = layout.index.locate(row)
            if not layout.exact(block_index):
                shown.append(None)
                continue
            lines = layout.lines(block_index)
            if line_index < len(lines):
                shown.append(overlapping(*self._line_span(block_index, line_index, lines)))
            else:
                shown.append(())  # a blank row between blocks shows no match
        return shown

    def repaint_matches(self, before: list[tuple | None] | None) -> None:
        """Repaint the rows on screen whose search matches differ from `before` (what
        `shown_matches` gave then): a query that changes nothing on screen repaints nothing."""
        after = self.shown_matches()
        if before is None or after is None or len(before) != len(after):
            self.refresh()
            return
        row = round(self.scroll_y)
        run = 0  # changed rows just above `row`, repainted together
        for old, new in zip(before, after, strict=True):
            if old is None or old != new:
                run += 1
            elif run:
                self.refresh_lines(row - run, run)
                run = 0
            row += 1
        if run:
            self.refresh_lines(row - run, run)

    def _refresh_rows(self, first: int, last: int) -> None:
        """Repaint document rows `first..last` (the part of them on screen)."""
        top = round(self.scroll_y)
        first = max(first, top)
        last = min(last, top + self._view_height() - 1)
        if first <= last:
            self.refresh_lines(first, last - first + 1)

    def offset_at(self, x: int, y: int) -> int | None:
        """The document offset shown at content cell (x, y) of the widget, if any."""
        column = x - self._left(self._view_width()) - GUTTER
        return self._layout.offset_at(round(self.scroll_y) + y, column)

    # ----------------------------------------------------------------- rendering

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._look_known = False  # the component styles are updated after this: see `_look`

    def _forget_strips(self) -> None:
        """Drop every look's strips (the text or its layout changed)."""
        self._strips.clear()
        for strips, _ in self._looks.values():
            strips.clear()

    def _look(self) -> None:
        """Take the strips and styles of the look the view has now (made if it is new).

        Textual makes the component styles anew whenever it restyles them, and it may do so
        without `notify_style_update` (when the view's own rules stay the same): a first
        component's styles that are not the ones seen last mean another look too."""
        marker = self._component_styles.get(STRIP_ORDER[0])
        if self._look_known and marker is self._look_marker:
            return
        self._look_known, self._look_marker = True, marker
        key = (self.rich_style, *(self.get_component_rich_style(n) for n in STRIP_ORDER))
        caches = self._looks.pop(key, None)  # put back last: the oldest look goes first
        if caches is None:
            caches = (LRUCache(1024), {})
            if len(self._looks) >= LOOKS:
                del self._looks[next(iter(self._looks))]
        self._looks[key] = caches
        self._strips, self._styles = caches

    def _style(self, *names: str) -> Style:
        self._look()
        style = self._styles.get(names)
        if style is None:
            style = self.get_component_rich_style(*names, partial=True, default=Style())
            if style.bgcolor is not None:
                # A translucent background is only right blended over the widget's own, and
                # an `auto` text colour is only right chosen against that blend.
                full = self.get_component_rich_style(*names, default=Style())
                style += Style(bgcolor=full.bgcolor)
                if self.get_component_styles(*names).auto_color:
                    style += Style(color=full.color)
            self._styles[names] = style
        return style

    def _ruler(self, height: int) -> list[str | None]:
        length = len(self.document.text) if self.document else 0
        key = (self._hl_version, height, length)
        if self._ruler_cache is not None and self._ruler_cache[0] == key:
            return self._ruler_cache[1]
        rows = ruler_rows(self.highlights, height, length)
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
        total = self._layout.index.total if total is None else total
        return thumb_rows(height, total, round(self.scroll_y))

    def render_lines(self, crop: Region) -> list[Strip]:
        # The wrapping is for one text width. A pane shown or hidden beside the view does
        # not always reach it as a Resize (Textual can lay the new arrangement out before
        # comparing it with the old), so lines are never drawn for a width the view lost.
        if self.document is not None and self._text_width() != self._layout.width:
            self._relayout()
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
        self._look()
        width = self._view_width()
        base = self._base_style()
        row = round(self.scroll_y) + y
        text_width = max(0, width - RULER)
        height = self._view_height()
        ruler = self._ruler(height)
        thumb = self._frame_thumb or self._thumb(height)
        category = (ruler[y] if 0 <= y < len(ruler) else None, thumb[0] <= y < thumb[1])
        layout = self._layout
        if self._blocks and row < layout.index.total:
            block_index, line_index = layout.index.locate(row)
            was_exact = layout.exact(block_index)
            lines = layout.lines(block_index)
            if not was_exact:
                self.call_after_refresh(self._settle_here)
            if line_index < len(lines):
                return self._line_strip(block_index, line_index, lines, text_width, base, category)
        if not self._blocks and row == 0 and self.document is not None:
            left = self._left(text_width + RULER) + GUTTER
            body = self._painter.message("(empty article)", left, text_width, base)
            return Strip.join([body, Strip([self._painter.ruler_mark(category, base)], 1)])
        # A blank row (between blocks, below the end): the same few strips over and over.
        key = ("blank", text_width, category)
        strip = self._strips.get(key)
        if strip is None:
            segments = [Segment(" " * text_width, base), self._painter.ruler_mark(category, base)]
            strip = self._strips[key] = Strip(segments, text_width + RULER)
        return strip

    def _has_keys(self) -> bool:
        """Whether the view is the screen's focused widget (what the cursor is drawn bright
        for): that is set at once, `has_focus` only once the Focus message is handled."""
        return self.screen.focused is self

    def _decorations(self, start: int, end: int) -> tuple:
        """(cursor, selection, highlights, matches) clipped to document range [start, end)."""
        cursor = self.cursor_range
        cur = None
        if cursor is not None and cursor[0] < end and cursor[1] > start:
            cur = (max(cursor[0], start), min(cursor[1], end), self._has_keys())
        sel = None
        span = self._selection.span
        if span is not None and span[0] < end and span[1] > start:
            sel = (max(span[0], start), min(span[1], end))
        hls = tuple(
            (max(h.start, start), min(h.end, end), h.category, start <= h.start, h.has_note)
            for h in self.highlights.overlapping(start, end)
        )
        return cur, sel, hls, self._search.overlapping(start, end)

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
        folded = self._folding.folded(block_index)
        doc_start, doc_end = self._line_span(block_index, line_index, lines)
        decorations = self._decorations(doc_start, doc_end)
        if line.synthetic is not None and not (folded or block.kind == "meta"):
            decorations = (None, None, (), ())
        tw = self._layout.width
        key = (block_index, line_index, tw, width, folded, id(block), decorations, ruler)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build_strip(block, line, doc_start, width, base, decorations, ruler)
            self._strips[key] = strip
        return strip

    def _line_span(
        self, block_index: int, line_index: int, lines: list[LayoutLine]
    ) -> tuple[int, int]:
        """The document range line `line_index` of block `block_index` shows."""
        block = self._blocks[block_index]
        line = lines[line_index]
        if line.synthetic is not None:
            # A synthetic line stands for the whole block when the block is folded or shown
            # by a display label (a metadata line): the cursor on that block lights it up.
            whole = self._folding.folded(block_index) or block.kind == "meta"
            return (block.start, block.end) if whole else (block.start, block.start)
        doc_start = block.start + line.start
        following = lines[line_index + 1].start if line_index + 1 < len(lines) else None
        doc_end = block.start + (following if following is not None else line.end)
        return doc_start, max(doc_end, block.start + line.end)

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
        left = self._left(width + RULER)
        return self._painter.line(
            block, line, doc_start, width, self._layout.width, left, base, decorations, ruler
        )
