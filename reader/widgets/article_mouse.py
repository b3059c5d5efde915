"""The article view's mouse: a click puts the cursor on a sentence, a drag selects sentences.

A drag selects from the sentence pressed to the one under the pointer, sentence by
sentence and kept within the pressed sentence's paragraph: the selection `v` starts, so the
key bar then says "Selecting", keys go on from it, and 1-5 or h highlight it. Held past the top or bottom
edge, the view scrolls while that paragraph goes on past the edge. Cells map to document
offsets through the pure layout (`reader.document.layout.LazyLayout.offset_at`).
"""

from __future__ import annotations

from textual import events
from textual.timer import Timer

from reader.document.navigation import Stop

EDGE_SCROLL_SECONDS = 0.05  # one row per tick while the pointer is held past an edge


class Drag:
    """A press on the article: the stop pressed and where the pointer is now."""

    __slots__ = ("document", "press", "x", "y", "started")

    def __init__(self, document: object, press: Stop, x: int, y: int) -> None:
        self.document = document  # a drag ends if another document is shown under it
        self.press = press
        self.x = x
        self.y = y
        self.started = False  # the pointer moved: a selection, not a click


class ArticleMouse:
    """Mixed into `reader.widgets.article_view.ArticleView` (its cursor, selection and
    scrolling)."""

    _drag: Drag | None = None
    _edge_timer: Timer | None = None
    _dragged = False  # a drag just ended: the click its mouse-up makes is not a click

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._dragged = False
        offset = event.get_content_offset(self)
        if event.button != 1 or offset is None or not self._blocks:
            return
        doc_offset = self.offset_at(offset.x, offset.y)
        if doc_offset is not None:
            press = self._nav.at_offset(doc_offset)
            self._drag = Drag(self.document, press, offset.x, offset.y)
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        drag = self._drag
        if drag is None:
            return
        offset = event.get_content_offset_capture(self)
        if (offset.x, offset.y) == (drag.x, drag.y):
            return
        drag.x, drag.y = offset.x, offset.y
        self._drag_step()
        past_edge = not 0 <= drag.y < self._view_height()
        if past_edge and self._edge_timer is None:
            self._edge_timer = self.set_interval(EDGE_SCROLL_SECONDS, self._drag_step)
        elif not past_edge:
            self._stop_edge_timer()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        drag = self._drag
        if drag is None:
            return
        self._drag = None
        self._stop_edge_timer()
        self.release_mouse()
        self._dragged = drag.started

    def on_click(self, event: events.Click) -> None:
        if self._dragged:
            self._dragged = False
            return
        offset = event.get_content_offset(self)
        if offset is None or not self._blocks:
            return
        self.focus()
        doc_offset = self.offset_at(offset.x, offset.y)
        if doc_offset is not None:
            self._move_to(self._nav.at_offset(doc_offset))

    def _stop_edge_timer(self) -> None:
        if self._edge_timer is not None:
            self._edge_timer.stop()
            self._edge_timer = None

    def _drag_step(self) -> None:
        """Select up to the sentence under the pointer (scrolling first if it is held past
        an edge of the view and the paragraph goes on past it)."""
        drag = self._drag
        if drag is None or drag.document is not self.document or not self._blocks:
            return
        height = self._view_height()
        if not 0 <= drag.y < height:
            self._scroll_paragraph(drag.press[0], -1 if drag.y < 0 else 1)
        top = round(self.scroll_y)
        row = max(0, min(drag.y, height - 1, self._layout.index.total - 1 - top))
        doc_offset = self.offset_at(drag.x, row)
        if doc_offset is None:
            return
        stop = self._nav.within(self._nav.at_offset(doc_offset), drag.press[0])
        if not drag.started:
            drag.started = True
            anchor = self._nav.range_of(drag.press)
            self._set_selection(None)  # a new drag replaces an open selection
            if anchor is None:
                return
            self._selection.begin(anchor)
            self._set_selection(anchor)
        self._move_to(stop)

    def _scroll_paragraph(self, block: int, step: int) -> None:
        """Scroll one row towards `step`, while block `block` has rows past that edge."""
        top = round(self.scroll_y)
        index = self._layout.index
        block_top = index.top(block)
        last_text_row = block_top + index.height(block) - 2  # the row after is blank
        if step < 0 and top > block_top or step > 0 and top + self._view_height() <= last_text_row:
            self._set_scroll_y(top + step)
            self._settle_here()
