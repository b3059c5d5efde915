"""The library's full-text search (`F`): a query box over the matches, each the article and
the words around the match; Enter opens the article at the match, Esc closes.

The index (reader.library_search) is brought up to date in a worker when the screen opens,
and each key's query runs in a worker too, at once: typing never waits, and a query still
running when the next key comes is interrupted (its matches would be replaced at once), so
the newest one never waits behind it. Enter opens the match on screen where its own query's
word is (`Hit.at`), with no look-up; closing interrupts a query still running, and the
index's connection is closed by whichever thread lets go of it last.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.document.decode import one_line
from reader.widgets.library_pane import Line, RowList

if TYPE_CHECKING:
    from reader.library_search import Hit, TextIndex


def hit_lines(hit: Hit, root: Path) -> tuple[Line, Line]:
    """Title and file name (dimmed), then the matching words in their context (marked)."""
    try:
        name = hit.path.relative_to(root).as_posix()
    except ValueError:
        name = hit.path.name
    title: Line = ((one_line(hit.title or name), False), ("  " + one_line(name), True))
    return title, (("  ", False), *hit.snippet)


class MatchList(RowList):
    """Two lines per match; Enter opens it."""

    COMPONENT_CLASSES = {
        "match-list--title",
        "match-list--name",
        "match-list--snippet",
        "match-list--match",
        "match-list--cursor",
    }
    BINDINGS = [Binding("enter", "select", "Open at the match")]

    def set_rows(self, rows: list[tuple[Line, Line]]) -> None:
        self.lines_of = rows.__getitem__
        self.set_count(len(rows))
        self.scroll_to(0, 0, animate=False)

    def line_styles(self, index: int, line: int) -> tuple[Style, Style]:
        part = "match-list--title" if line == 0 else "match-list--snippet"
        style = self.rich_style + self.get_component_rich_style(part)
        if index == self.cursor:
            style += self.get_component_rich_style("match-list--cursor")
        other = "match-list--name" if line == 0 else "match-list--match"
        return style, style + self.get_component_rich_style(other)


class QueryInput(Input):
    BINDINGS = [
        Binding("down", "screen.focus_matches", "Matches", show=False),
    ]


class LibrarySearchScreen(ModalScreen[tuple[Path, int] | None]):
    """Dismissed with (article, offset of the match) or None."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="library-search.close"),
    ]

    def __init__(self, root: Path, query: str = "") -> None:
        super().__init__()
        self.root = Path(root).resolve()
        self.query_text = query
        self.hits: list[Hit] = []
        self.index: TextIndex | None = None
        self.ready = False  # the index is up to date
        self._lock = threading.Lock()  # one thread at a time on the index's connection
        # Not `_closed`: that is Textual's own flag on every message pump, and setting it
        # made the screen refuse the message that removes it (Esc hung).
        self._dismissed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="library-search-dialog"):
            yield Static(
                "Search the library — every word must occur (word* for a prefix); "
                "Enter opens, Esc closes",
                classes="dialog-title",
                markup=False,
            )
            yield QueryInput(self.query_text, placeholder="Words to find", id="library-query")
            yield Static("Indexing…", id="library-search-status", markup=False)
            yield MatchList(id="library-matches")

    def on_mount(self) -> None:
        self.query_one(QueryInput).focus()
        self._prepare()

    @property
    def status(self) -> Static:
        return self.query_one("#library-search-status", Static)

    # -- the index, in workers ---------------------------------------------------------------

    @work(thread=True, group="library-search")
    def _prepare(self) -> None:
        from reader.library_search import SearchUnavailable, TextIndex

        def progress(done: int, todo: int) -> None:
            if self._dismissed:
                raise _Closed
            self.app.call_from_thread(self.status.update, f"Indexing… {done}/{todo} articles")

        try:
            index = TextIndex.open()
        except SearchUnavailable as error:
            self.app.call_from_thread(self._unavailable, str(error))
            return
        try:
            with self._lock:
                self.index = index
                index.update(self.root, progress)
        except _Closed:  # the screen went while indexing: what is done is kept
            pass
        except SearchUnavailable as error:
            self.app.call_from_thread(self._unavailable, str(error))
            return
        finally:
            self._close_if_dismissed()
        if not self._dismissed:
            self.app.call_from_thread(self._ready, index.problem)

    def _unavailable(self, message: str) -> None:
        if not self._dismissed:
            self.status.update(one_line(message))

    def _ready(self, problem: str | None) -> None:
        if self._dismissed:
            return
        self.ready = True
        if problem:
            self.notify(problem, severity="warning", markup=False)
        self._search_now()

    @on(Input.Changed, "#library-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self.ready and self.index is not None:
            self.index.interrupt()  # the query of the key before, if still running
        self._search_now()

    @on(Input.Submitted, "#library-query")
    def _query_submitted(self) -> None:
        """Enter in the box opens the best match (once there is one)."""
        if self.hits:
            self._open(0)

    def _search_now(self) -> None:
        if self.ready:
            self._search(self.query_text)

    @work(thread=True, exclusive=True, group="library-query")
    def _search(self, query: str) -> None:
        from reader.library_search import SearchUnavailable, match_expression

        worker = get_current_worker()
        if not match_expression(query):
            self.app.call_from_thread(self._show, query, [], "Type words to find")
            return
        try:
            with self._lock:
                if self.index is None or worker.is_cancelled or self._dismissed:
                    return  # closed, or a newer key's query follows
                hits = self.index.search(query, self.root)
        except SearchUnavailable as error:
            if not worker.is_cancelled:  # else interrupted for the newer query
                self.app.call_from_thread(self._show, query, [], str(error))
            return
        finally:
            self._close_if_dismissed()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, hits, "")

    def _show(self, query: str, hits: list[Hit], message: str) -> None:
        if self._dismissed or query != self.query_text:
            return  # closed, or a newer query is on its way
        self.hits = hits
        self.query_one(MatchList).set_rows([hit_lines(hit, self.root) for hit in hits])
        if message:
            self.status.update(one_line(message))
        elif not hits:
            self.status.update(f"No article holds: {one_line(query)}")
        else:
            more = " (the best)" if len(hits) >= 100 else ""
            self.status.update(("1 match" if len(hits) == 1 else f"{len(hits)} matches") + more)

    # -- choosing ----------------------------------------------------------------------------

    def action_focus_matches(self) -> None:
        if self.hits:
            self.query_one(MatchList).focus()

    @on(MatchList.Selected)
    def _selected(self, event: MatchList.Selected) -> None:
        self._open(event.index)

    def _open(self, index: int) -> None:
        """The match on screen, at its own query's word: the query box may hold newer text
        whose matches are not in yet."""
        hit = self.hits[index]
        self._close_index()
        self.dismiss((hit.path, hit.at))

    def action_close(self) -> None:
        self._close_index()
        self.dismiss(None)

    def _close_index(self) -> None:
        """Never waits: a query still running is interrupted, and its worker closes the index
        as it lets go (while indexing, the update stops at its next progress call). The
        interrupt comes before `_dismissed` is set: no worker closes the connection before."""
        if self.ready and self.index is not None:
            self.index.interrupt()
        self._dismissed = True
        self._close_if_dismissed()

    def _close_if_dismissed(self) -> None:
        """Close the index once the screen is gone; called from the UI thread as it goes and
        from each worker as it lets go of the index, so whichever is last closes it."""
        if self._dismissed and self._lock.acquire(blocking=False):
            try:
                if self.index is not None:
                    self.index.close()
                    self.index = None
            finally:
                self._lock.release()


class _Closed(Exception):
    """The screen closed while the index was being brought up to date."""
