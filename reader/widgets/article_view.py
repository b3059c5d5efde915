"""The article view: the `ArticleCanvas` with the reader's keys, a sentence cursor, a
selection grown by sentence and adjusted by word, search and folding.

Cursor stops, folding, selection ends and search matching are pure classes in
`reader.document`; the highlights drawn are a `HighlightIndex`. Article text is untrusted:
`reader.widgets.article_strips` draws it from plain strings, control characters replaced.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message

from reader.document.model import Document
from reader.document.navigation import Stop, first_stop_on_rows
from reader.document.search import Search
from reader.document.selection import end_by_word, start_by_word
from reader.widgets.article_canvas import ArticleCanvas
from reader.widgets.article_mouse import ArticleMouse
from reader.widgets.article_search import ArticleSearch

MEASURE_STEP = 4
MOVE = Binding.Group("Move")  # j and k in the key bar: `j/k Move`


class ArticleView(
    ArticleSearch, ArticleMouse, ArticleCanvas, can_focus=True, inherit_bindings=False
):
    """Shows one document; a sentence cursor, selection, search and folding by keyboard;
    clicks and drags (`ArticleMouse`)."""

    ALLOW_SELECT = False  # a drag selects sentences (ArticleMouse), not screen text

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    BINDINGS = [
        Binding("j,down", "next_sentence", "Next", show=True, group=MOVE),
        Binding("k,up", "previous_sentence", "Previous", show=True, group=MOVE),
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
        # In the key bar in place of "Select" while a selection is open: the indicator.
        Binding("v", "end_selection", "Selecting (v/Esc ends)", show=True, id="end-selection"),
        Binding("shift+right", "selection_end(1)", "End +word", show=False),
        Binding("shift+left", "selection_end(-1)", "End -word", show=False),
        Binding("shift+up", "selection_start(-1)", "Start -word", show=False),
        Binding("shift+down", "selection_start(1)", "Start +word", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

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

    class MatchShown(Message):
        """The cursor went to search match `position` (1-based) of `total`."""

        def __init__(self, view: ArticleView, position: int, total: int) -> None:
            super().__init__()
            self.view = view
            self.position = position
            self.total = total

    class SearchOpened(Message):
        """The search box opened: a new query is coming, the last one's match message goes."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class NoMatch(Message):
        """n or N found no match to go to: of `query`, or no search at all (`query` "")."""

        def __init__(self, view: ArticleView, query: str) -> None:
            super().__init__()
            self.view = view
            self.query = query

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
        if document is not None:
            self.load(document)

    # ----------------------------------------------------------------- public API

    def load(self, document: Document, cursor_offset: int = 0) -> None:
        """Show `document`, cursor on the sentence containing `cursor_offset`."""
        self._show(document)
        self._cur = self._nav.at_offset(cursor_offset)
        self._sync_virtual_size()
        if cursor_offset <= 0:
            self._settle(0, 0)
        else:
            self._reveal_cursor(center=True)
        self._post_cursor()
        self.refresh()

    def load_longer(self, document: Document, cursor_offset: int) -> None:
        """Show `document`, which begins with the blocks shown now (the whole of an article
        whose head is shown), keeping the text on screen where it is."""
        top = self._layout.index.locate(round(self.scroll_y)) if self._blocks else None
        self.load(document, cursor_offset)
        if top is not None and top[0] < len(self._blocks):
            self._settle(top[0], -top[1])

    @property
    def selection_range(self) -> tuple[int, int] | None:
        return self._selection.span

    @property
    def progress(self) -> float:
        """Reading progress of the cursor, 0..100."""
        return self._nav.progress(self._cur)

    @property
    def search(self) -> Search:
        """The search in the document shown (a new one with each document loaded)."""
        return self._search

    @property
    def search_query(self) -> str:
        return self._search.query

    @property
    def search_matches(self) -> list[tuple[int, int]]:
        return self._search.matches

    @property
    def search_current(self) -> tuple[int, int] | None:
        return self._search.current_range

    def move_cursor_to_offset(self, offset: int) -> None:
        """Put the cursor on the sentence containing `offset` and scroll it into view."""
        if not self._blocks:
            return
        block = self.document.block_at(offset) if self.document else None
        if block is not None and self._folding.foldable(block):
            if block not in self._folding.unfolded and self._blocks[block].start < offset:
                self._set_folded(block, False)
        self._move_to(self._nav.at_offset(offset), center=True)

    # ----------------------------------------------------------------- cursor

    def _reveal_cursor(self, center: bool = False) -> None:
        self._reveal_stop(self._cur, center)

    def _reveal_stop(self, stop: Stop, center: bool = True) -> None:
        """Scroll sentence `stop` into view: a third of the way down if `center`, else only
        as far as it takes (not at all when it is on screen)."""
        if not self._blocks:
            return
        block = stop[0]
        first, last = self._layout.span_rows(block, self._nav.range_of(stop))
        height = self._view_height()
        top = round(self.scroll_y)
        block_top = self._layout.index.top(block)
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

    def watch_has_focus(self, _has_focus: bool) -> None:
        """No restyle on a focus change (Textual's default): no rule styles the view by
        `:focus`, the cursor's unfocused look is a class of its own (see `on_focus`)."""

    def on_focus(self) -> None:
        self._repaint_cursor()  # drawn brighter with the focus (a class of its own)

    def on_blur(self) -> None:
        self._repaint_cursor()

    def _repaint_cursor(self) -> None:
        if self._blocks:
            self._refresh_rows(*self._cursor_rows())

    def _post_cursor(self) -> None:
        cursor = self.cursor_range
        if cursor is not None:
            self.post_message(self.CursorMoved(self, cursor[0], cursor[1], self.progress))

    def _move_to(self, cur: Stop | None, center: bool = False) -> None:
        if cur is None or not self._blocks:
            return
        changed = cur != self._cur
        old_rows = self._cursor_rows() if changed else None
        top, total = round(self.scroll_y), self._layout.index.total
        self._cur = cur
        if self._selection.following:
            self._update_selection_from_cursor()
        self._reveal_cursor(center=center)
        moved = round(self.scroll_y) != top or self._layout.index.total != total
        if moved or self._selection.following:
            self.refresh()
        elif old_rows is not None:
            # Nothing moved on screen: repaint only the old and the new cursor sentence.
            self._refresh_rows(*old_rows)
            self._refresh_rows(*self._cursor_rows())
        if changed:
            self._post_cursor()

    # ----------------------------------------------------------------- actions

    def action_next_sentence(self) -> None:
        self._move_to(self._nav.next(self._cur))

    def action_previous_sentence(self) -> None:
        self._move_to(self._nav.previous(self._cur))

    def action_next_block(self) -> None:
        self._move_to(self._nav.next_block(self._cur))

    def action_previous_block(self) -> None:
        self._move_to(self._nav.previous_block(self._cur))

    def action_page_down(self) -> None:
        if not self._blocks:
            return
        height = self._view_height()
        top = round(self.scroll_y)
        if top >= self.max_scroll_y:
            self._move_to(self._nav.last())
            return
        block, row = self._layout.index.locate(top + max(1, height - 1))
        self._settle(block, -row)
        self._cur_into_view()

    def action_page_up(self) -> None:
        if not self._blocks:
            return
        height = self._view_height()
        top = round(self.scroll_y)
        if top <= 0:
            self._move_to(self._nav.first())
            return
        block, row = self._layout.index.locate(max(0, top - max(1, height - 1)))
        self._settle(block, -row)
        self._cur_into_view()

    def _cur_into_view(self) -> None:
        top = round(self.scroll_y)
        found = first_stop_on_rows(self._nav, self._layout, top, top + self._view_height())
        if found is not None and found != self._cur:
            self._cur = found
            if self._selection.following:
                self._update_selection_from_cursor()
            self._post_cursor()
        self.refresh()

    def action_top(self) -> None:
        if not self._blocks:
            return
        self._settle(0, 0)
        self._move_to(self._nav.first())

    def action_bottom(self) -> None:
        if not self._blocks:
            return
        last = len(self._blocks) - 1
        self._layout.lines(last)
        self._settle(last, self._view_height() - self._layout.index.height(last))
        self._move_to(self._nav.last())

    def action_wider(self) -> None:
        self.measure += MEASURE_STEP

    def action_narrower(self) -> None:
        self.measure -= MEASURE_STEP

    def _set_folded(self, index: int, folded: bool) -> None:
        self._folding.set_folded(index, folded)
        self._layout.forget(index)
        screen_row = self._layout.index.top(index) - round(self.scroll_y)
        self._layout.lines(index)
        self._settle(index, screen_row)
        self.refresh()

    def action_toggle_fold(self) -> None:
        if not self._blocks:
            return
        block = self._cur[0]
        if not self._folding.foldable(block):
            return
        self._set_folded(block, not self._folding.folded(block))
        self._cur = (block, 0)
        if self._nav.stops(block):
            self._move_to((block, 0))
        self._post_cursor()

    def action_enter_fold(self) -> None:
        self.action_toggle_fold()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_fold":
            return bool(self._blocks) and self._folding.foldable(self._cur[0])
        if action == "cancel":
            return self._selection.span is not None or bool(self._search.query)
        if action in ("selection_end", "selection_start", "end_selection"):
            return self._selection.span is not None
        if action == "select":
            return self._selection.span is None
        return True

    def action_cancel(self) -> None:
        if self._selection.span is not None:
            self._set_selection(None)
        elif self._search.query:
            self.cancel_search()

    # ----------------------------------------------------------------- selection

    def action_select(self) -> None:
        if self._selection.span is not None:
            self._set_selection(None)
            return
        cursor = self.cursor_range
        if cursor is None:
            return
        self._selection.begin(cursor)
        self._set_selection(cursor)

    def action_end_selection(self) -> None:
        self._set_selection(None)

    def _set_selection(self, selection: tuple[int, int] | None) -> None:
        if selection is None:
            self._selection.anchor = None
        if selection != self._selection.span:
            opened_or_ended = (selection is None) != (self._selection.span is None)
            self._selection.span = selection
            if opened_or_ended:
                self.refresh_bindings()  # "Select" or "Selecting" in the key bar, at once
            self.post_message(self.SelectionChanged(self, selection))
        self.refresh()

    def _update_selection_from_cursor(self) -> None:
        cursor = self.cursor_range
        if cursor is not None and self._selection.following:
            self._set_selection(self._selection.follow(cursor))

    def action_selection_end(self, step: int) -> None:
        span = self._selection.span
        if span is not None and self.document is not None:
            end = self._paragraph_of(span[1] - 1)[1]  # a word of the next one is not taken
            self._set_selection(end_by_word(self.document.text, span, step, end))

    def action_selection_start(self, step: int) -> None:
        span = self._selection.span
        if span is not None and self.document is not None:
            start = self._paragraph_of(span[0])[0]
            self._set_selection(start_by_word(self.document.text, span, step, start))

    def _paragraph_of(self, offset: int) -> tuple[int, int]:
        """The document range of the block holding `offset` (the whole text if none)."""
        index = self.document.block_at(offset) if self.document is not None else None
        if index is None:
            return (0, len(self.document.text) if self.document is not None else 0)
        return (self._blocks[index].start, self._blocks[index].end)
