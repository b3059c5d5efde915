"""The `/` search input, docked under the article view (any `Searchable`).

Typing highlights matches live (smart case: case-insensitive unless the query has an
uppercase letter); Enter jumps to the first match at or after the cursor and closes the bar;
Esc clears the search and closes it. Either way focus returns to the view.
"""

from __future__ import annotations

from typing import Protocol

from textual.binding import Binding
from textual.widgets import Input


class Searchable(Protocol):
    """What the bar searches (the article view)."""

    @property
    def search_query(self) -> str: ...
    def set_search(self, query: str) -> int: ...
    def search_jump(self) -> bool: ...
    def clear_search(self) -> None: ...
    def focus(self, scroll_visible: bool = True) -> object: ...


class SearchBar(Input):
    """A one-line search box bound to one view."""

    BINDINGS = [Binding("escape", "close", "Close search", show=False)]

    def __init__(self, view: Searchable, *, id: str | None = None) -> None:
        super().__init__(placeholder="search (Enter: go, Esc: clear)", id=id)
        self.view = view
        self.match_count = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.match_count = self.view.set_search(event.value)

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
        view = self.view
        self.remove()
        view.focus()
