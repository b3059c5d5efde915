"""The floor: a minimal Textual app that shows one marker text (first paint), and counts
presses of `j` on screen (the floor for key-to-screen latency).

python bench/baselines/bare_app.py [MARKER]
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

MARKER = "BARE-APP-READY"


class BareApp(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit"), Binding("j", "count", "Count")]

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker

    def compose(self) -> ComposeResult:
        yield Static(self.marker, markup=False)
        yield Static("presses: 0", id="count")

    def action_count(self) -> None:
        self.presses = getattr(self, "presses", 0) + 1
        self.query_one("#count", Static).update(f"presses: {self.presses}")


if __name__ == "__main__":
    BareApp(sys.argv[1] if len(sys.argv) > 1 else MARKER).run()
