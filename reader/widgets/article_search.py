"""The article view's `/` search: its box, the view following what is typed, n and N.

While the box is open the search is incremental: after each key the first match at or
after the cursor (wrapping) is the current one, and the view scrolls to show its sentence
when it is not on screen (it stays put when it is). Enter puts the cursor on that sentence,
which is on screen already; Esc returns the view to where it was when `/` was pressed and
puts back the search there was then (none, or the last one); a query with no match also
shows that place again. The cursor does not move while typing. Matching is
`reader.document.search.Search` (pure).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, work
from textual.widget import Widget
from textual.worker import get_current_worker

from reader.document.navigation import Stop
from reader.document.search import Search, fold_parts
from reader.widgets.stylesheets import load_stylesheet

if TYPE_CHECKING:
    from reader.widgets.search_bar import SearchBar


@dataclass(frozen=True, slots=True)
class SearchOrigin:
    """Where the reader was when the box opened: the cursor's offset, and the block at the
    top of the view with how many of its rows are above the top."""

    offset: int
    top: tuple[int, int] | None


class ArticleSearch:
    """Mixed into `reader.widgets.article_view.ArticleView` (its cursor, layout and
    scrolling)."""

    _search_bar: SearchBar | None = None
    _copy_for: Search | None = None  # the search whose copy a worker is making
    _origin: SearchOrigin | None = None  # set while the box is open

    def search_opened(self) -> None:
        """The box opened: what is typed now follows from where the reader is."""
        cursor = self.cursor_range
        top = self._layout.index.locate(round(self.scroll_y)) if self._blocks else None
        self._origin = SearchOrigin(cursor[0] if cursor else 0, top)
        self.post_message(self.SearchOpened(self))

    def set_search(self, query: str) -> int:
        """Highlight all matches of `query` (smart case); return how many. While the box is
        open, the first match from the cursor is the current one, and on screen."""
        text = self.document.text if self.document is not None else ""
        before = self.shown_matches()
        count = self._search.find(text, query if self.document is not None else "")
        self._search.query = query
        if self._origin is not None and self._follow_query(self._origin):
            before = None  # the view moved: every row is new
        self.repaint_matches(before)
        return count

    def _follow_query(self, origin: SearchOrigin) -> bool:
        """Make the first match from `origin` current and bring its sentence on screen, or
        with no match go back to `origin`; whether the view moved."""
        top = round(self.scroll_y)
        index = self._search.first_from(origin.offset)
        self._search.current = index
        if index is None:
            self._go_back(origin)
        else:
            stop = self._nav.at_offset(self._search.start_of(index))
            if stop is not None and not self._stop_shown(stop):
                self._reveal_stop(stop)
        return round(self.scroll_y) != top

    def _stop_shown(self, stop: Stop) -> bool:
        """Whether all of sentence `stop` is on screen, above the box's row."""
        first, last = self._layout.span_rows(stop[0], self._nav.range_of(stop))
        top = round(self.scroll_y)
        return top <= first and last < top + self._view_height() - 1

    def _go_back(self, origin: SearchOrigin) -> None:
        if origin.top is not None and origin.top[0] < len(self._blocks):
            self._settle(origin.top[0], -origin.top[1])

    def search_closed(self) -> None:
        """The box closed: the keys are the view's again, from now. The screen's focus is
        set at once (`focus()` sets it after the messages queued), and the keys it has now
        are told at once (Textual tells them after the next frame), so the cursor that
        Enter moved is drawn with the focus, and the key bar shows the view's keys, in the
        frame that shows the box gone."""
        self.screen.set_focus(self)
        self.screen.refresh_bindings()

    def prepare_search(self) -> bool:
        """Whether the lower-cased copy of the text that queries without capitals are looked
        for in is made; if not, a worker is making it (started now if need be)."""
        text = self.document.text if self.document is not None else ""
        if self._search.prepared(text):
            return True
        if self._copy_for is not self._search:
            self._copy_for = self._search
            self._fold_text(self._search, text)
        return False

    @work(
        thread=True,
        exclusive=True,
        group="search-fold",
        exit_on_error=False,
        description="search: folding the text",  # named: the default is a repr of the text
    )
    def _fold_text(self, search: Search, text: str) -> None:
        """Make `search`'s copy of `text` a part at a time, so the screen is not held up."""
        worker = get_current_worker()
        parts = []
        for part in fold_parts(text):
            if worker.is_cancelled:
                return
            parts.append(part)
        if not worker.is_cancelled:
            self.app.call_from_thread(search.prepare, text, "".join(parts))

    def search_jump(self) -> bool:
        """Enter: put the cursor on the current match (the first at or after the cursor,
        wrapping, if none is current); False if there is none."""
        shown, self._origin = self._origin is not None, None
        index = self._search.current
        if index is None:
            cursor = self.cursor_range
            index, shown = self._search.first_from(cursor[0] if cursor else 0), False
        if index is None:
            return False
        self._goto_match(index, center=not shown)
        return True

    def cancel_search(self, query: str = "") -> None:
        """Esc: search `query` again (the search there was before the box opened; none
        clears the search), and from the box also take the view back to where it was."""
        origin, self._origin = self._origin, None
        if query != self._search.query:
            self.set_search(query)
        if origin is not None:
            top = round(self.scroll_y)
            self._go_back(origin)
            if round(self.scroll_y) != top:
                self.refresh()

    def on_show(self) -> None:
        self.call_after_refresh(self._mount_search_bar)

    async def _mount_search_bar(self) -> SearchBar | None:
        """The view's search box, mounted hidden beside it after the first frame that shows
        the view (not while the library fills the screen), so `/` only has to show and focus
        it: keys typed right after `/` land in the box. None when the screen is already
        gone (`q` pressed before that frame came)."""
        parent = self.parent
        if self._search_bar is None and isinstance(parent, Widget) and parent.is_attached:
            from reader.widgets.search_bar import SearchBar

            load_stylesheet(self.app, "search")
            bar = SearchBar(self)
            bar.display = False
            self._search_bar = bar
            await parent.mount(bar, after=self)
        return self._search_bar

    async def on_key(self, event: events.Key) -> None:
        """While the box is open, keys that reach the view are the box's: typed fast or
        pasted right after `/`, they were queued here before the box took the focus."""
        bar = self._search_bar
        if bar is None or not bar.display:
            return
        event.stop()
        if event.is_printable:
            bar.input.insert_text_at_cursor(event.character or "")
        elif event.key == "backspace":
            bar.input.action_delete_left()
        elif event.key == "enter":
            await bar.input.action_submit()
        elif event.key == "escape":
            bar.action_close()

    async def action_search(self) -> None:
        bar = await self._mount_search_bar()
        if bar is not None:
            bar.open()

    def action_search_next(self) -> None:
        self._step_match(1)

    def action_search_previous(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        if self._search_bar is not None:
            self._search_bar.flush()  # what is typed, never an older query
        cursor = self.cursor_range
        index = self._search.step(cursor[0] if cursor else 0, step)
        if index is not None:
            self._goto_match(index)
        else:
            self.post_message(self.NoMatch(self, self._search.query))

    def _goto_match(self, index: int, center: bool = True) -> None:
        """The cursor to match `index`, centred (not on the last row) unless `center` is
        False: then the view moves only if the match's sentence is not on screen."""
        before = self.shown_matches()
        self._search.current = index
        start = self._search.start_of(index)
        block = self.document.block_at(start) if self.document else None
        if block is not None and self._folding.folded(block):
            self._folding.set_folded(block, False)
            self._layout.forget(block)
            before = None  # the rows move: all are repainted
        self._move_to(self._nav.at_offset(start), center=center)
        self.repaint_matches(before)  # the old current match and the new (if not scrolled)
        self.post_message(self.MatchShown(self, index + 1, self._search.count))
