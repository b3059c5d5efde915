"""The `/` search box, docked under the article view (any `Searchable`).

Typing highlights matches live (smart case: case-insensitive unless the query has an
uppercase letter) and shows how many there are; Enter jumps to the first match at or after
the cursor and hides the box; Esc clears the search and hides it. Either way focus returns
to the view. The view mounts its box, hidden, after its first frame.
"""

from __future__ import annotations

from typing import Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static


class Searchable(Protocol):
    """What the box searches (the article view)."""

    @property
    def search_query(self) -> str: ...
    def set_search(self, query: str) -> int: ...
    def search_jump(self) -> bool: ...
    def clear_search(self) -> None: ...
    def focus(self, scroll_visible: bool = True) -> object: ...


def count_text(count: int, query: str) -> str:
    """What the box says of its query's matches."""
    if not query:
        return ""
    if count == 0:
        return "no match"
    return "1 match" if count == 1 else f"{count:,} matches"


class SearchBar(Horizontal):
    """A one-line search box bound to one view: the query, then how many matches it has."""

    BINDINGS = [Binding("escape", "close", "Close search", show=False)]

    def __init__(self, view: Searchable, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.match_count = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search (Enter: go, Esc: clear)", id="search-input")
        yield Static("", id="search-count", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    def open(self) -> None:
        """Show the box with the current query, and focus it."""
        self.display = True
        self.input.focus()

    def focus(self, scroll_visible: bool = True) -> SearchBar:
        self.input.focus(scroll_visible)
        return self

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.match_count = self.view.set_search(event.value)
        self.query_one("#search-count", Static).update(count_text(self.match_count, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self.view.search_query:
            self.view.set_search(event.value)
        self.view.search_jump()
        self._close()

    def action_close(self) -> None:
        self.view.clear_search()
        self._close()

    def _close(self) -> None:
        self.display = False
        self.view.focus()
