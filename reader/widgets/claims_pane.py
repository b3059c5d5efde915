"""The claims pane: the article's highlights by category (PLACEHOLDER: final layout only)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class ClaimsPane(VerticalScroll, can_focus=True):
    """Highlights of the open article; filled in by the annotations UI."""

    EMPTY = "No highlights yet — press h to highlight the sentence at the cursor"

    def compose(self) -> ComposeResult:
        yield Static("Highlights", classes="pane-title")
        yield Static(self.EMPTY, classes="pane-empty", markup=False)
