"""The floor for first paint: a minimal Textual app that shows one marker text.

python bench/baselines/bare_app.py [MARKER]
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

MARKER = "BARE-APP-READY"


class BareApp(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker

    def compose(self) -> ComposeResult:
        yield Static(self.marker, markup=False)


if __name__ == "__main__":
    BareApp(sys.argv[1] if len(sys.argv) > 1 else MARKER).run()
