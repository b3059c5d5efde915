"""The notes pane: notes of the open article (PLACEHOLDER: final layout only)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class NotesPane(VerticalScroll, can_focus=True):
    """Notes on highlights and on the whole article; filled in by the annotations UI."""

    EMPTY = "No notes yet — press a to add a note to the sentence at the cursor"

    def compose(self) -> ComposeResult:
        yield Static("Notes", classes="pane-title")
        yield Static(self.EMPTY, classes="pane-empty", markup=False)
