"""A modal list (links, headings): j/k move as the arrows do, Esc closes."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList

Result = TypeVar("Result")


class ListDialog(ModalScreen[Result]):
    """A dialog around one `OptionList`; dismisses with None when closed."""

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
