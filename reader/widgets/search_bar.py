"""The `/` search box of the article view (any `Searchable`), over the panes' last row.

Each key searches what is typed at once, in the same frame as the key's echo (smart case:
case-insensitive unless the query has an uppercase letter), and says how many matches it has
(a box of fixed width: a count never lays out the screen). The view follows the query as it
is typed (incremental search: the first match from the cursor is shown). Until the view's
lower-cased copy of its text is made (a worker starts it when the box opens), what is typed
is searched as soon as it is. Enter searches what is typed now, if that is not searched yet,
puts the cursor on the match shown and hides the box; Esc takes the view back to where it was,
puts back the search there was before `/` (none, or the last one: n and N go on with it) and
hides the box. Either way focus returns to the view. As in less and vim, `/` opens an empty
box for a new search (the last one stays until something is typed), and Up and Down in it
bring back the queries searched before. The view mounts its box, hidden, after its first
frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Input, Static

SEARCH_DELAY = 0.02  # while the copy is being made, whether it is ready is looked at this often


class Searchable(Protocol):
    """What the box searches (the article view)."""

    @property
    def search_query(self) -> str: ...
    def search_opened(self) -> None: ...
    def set_search(self, query: str) -> int: ...
    def prepare_search(self) -> bool: ...
    def search_jump(self) -> bool: ...
    def cancel_search(self, query: str = "") -> None: ...
    def search_closed(self) -> None: ...


def count_text(count: int, query: str) -> str:
    """What the box says of its query's matches."""
    if not query:
        return ""
    if count == 0:
        return "no match"
    return "1 match" if count == 1 else f"{count:,} matches"


class SearchField(Input):
    """The box's field: what is typed goes to `typed` in the key's own turn, before the
    echo is painted, so the echo, the matches and the count show in one frame; Enter goes
    to `submitted` in its own turn too (not through a message a turn later, when the frame
    may have been painted), so the box closing and the cursor moving show in one frame.

    The field is one line of a fixed width, so the width of what is typed (its virtual
    size, which grows with each key) changes no other widget's place: it repaints the
    field, and lays nothing out (Input's own would lay out the whole screen at each key)."""

    virtual_size = Reactive(Size(0, 0), repaint=True)

    def __init__(
        self, typed: Callable[[str], None], submitted: Callable[[str], None], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._typed_now = typed
        self._submitted_now = submitted

    def watch_value(self, value: str) -> None:
        self._typed_now(value)

    async def action_submit(self) -> None:
        self._submitted_now(self.value)


class SearchBar(Horizontal):
    """A one-line search box bound to one view: the query, then how many matches it has."""

    BINDINGS = [
        Binding("escape", "close", "Close search", show=False),
        Binding("up", "recall(-1)", "Earlier query", show=False),
        Binding("down", "recall(1)", "Later query", show=False),
    ]

    def __init__(self, view: Searchable, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.match_count = 0
        self._typed = False  # the box holds a query not searched yet
        self._timer: Timer | None = None
        self._before = ""  # the view's query when the box opened: Esc puts it back
        self._history: list[str] = []  # the queries searched with Enter, the last one last
        self._recalled = 0  # where Up and Down are in `_history` (its length: not in it)
        self._count_shown = ""  # what the count box says

    def compose(self) -> ComposeResult:
        yield SearchField(
            self._typed_now,
            self._submitted_now,
            placeholder="search (Enter: go, Esc: cancel)",
            id="search-input",
        )
        yield Static("", id="search-count", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    def on_mount(self) -> None:
        self._timer = self.set_interval(SEARCH_DELAY, self._copy_made, pause=True)

    @property
    def pending(self) -> bool:
        """Whether the box holds typing not searched yet."""
        return self._typed

    def open(self) -> None:
        """Show the box empty, focus it, and have the view ready to search."""
        self._before = self.view.search_query
        self._recalled = len(self._history)
        self._show_query("")  # hidden still: nothing is searched
        self._show_count("")
        self.display = True
        self.input.focus()
        self.view.search_opened()
        self.view.prepare_search()

    def focus(self, scroll_visible: bool = True) -> SearchBar:
        self.input.focus(scroll_visible)
        return self

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # searched already (`_typed_now`)

    def _show_query(self, query: str) -> None:
        self.input.value = query
        self.input.cursor_position = len(query)

    def action_recall(self, step: int) -> None:
        """Up (-1) or Down (1): the query searched before (or after) the one in the box, back
        to an empty box past the last."""
        recalled = max(0, min(len(self._history), self._recalled + step))
        if recalled != self._recalled:
            self._recalled = recalled
            later = recalled == len(self._history)
            self._show_query("" if later else self._history[recalled])

    def _typed_now(self, value: str) -> None:
        if not self.display:
            return  # the box emptied as it opens
        self._typed = True
        if self.view.prepare_search():
            self._search(value)
        elif self._timer is not None:
            self._timer.resume()

    def _copy_made(self) -> None:
        """The timer: search what is typed once the view's copy is made (else at the next)."""
        if self.view.prepare_search():
            self.flush()

    def flush(self) -> None:
        """Search what is typed now, unless it is searched already."""
        if self._typed:
            self._search(self.input.value)

    def _search(self, query: str) -> None:
        self._stop_timer()
        self.match_count = self.view.set_search(query)
        self._show_count(count_text(self.match_count, query))

    def _show_count(self, shown: str) -> None:
        if shown != self._count_shown:  # a key that keeps the count repaints no count
            self._count_shown = shown
            self.query_one("#search-count", Static).update(shown, layout=False)

    def _stop_timer(self) -> None:
        self._typed = False
        if self._timer is not None:
            self._timer.pause()

    def _submitted_now(self, query: str) -> None:
        """Enter: search what is typed (unless it is searched), go to its match, close."""
        if self._typed or query != self.view.search_query:
            self._search(query)
        if query:
            if query in self._history:
                self._history.remove(query)
            self._history.append(query)
        self.view.search_jump()
        self._close()

    def action_close(self) -> None:
        self._stop_timer()
        self.view.cancel_search(self._before)
        self._close()

    def _close(self) -> None:
        self.display = False
        self.view.search_closed()
