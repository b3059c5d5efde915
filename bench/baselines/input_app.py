"""The search floor: a bare Textual app with one `Input`, what Textual itself costs to echo a
typed key and to hide the box on Enter (no text is searched, nothing else is drawn).

python bench/baselines/input_app.py [MARKER]

`/` shows the box (one line docked at the bottom, as the reader's) and focuses it; each key
is echoed by Input alone; Enter hides the box and shows what was typed; q quits.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

MARKER = "INPUT-APP-READY"


class InputApp(App[None]):
    AUTO_FOCUS = None
    CSS = "#box { dock: bottom; height: 1; border: none; padding: 0 1; }"
    BINDINGS = [Binding("q", "quit", "Quit"), Binding("slash", "open", "Search")]

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker

    def compose(self) -> ComposeResult:
        yield Static(self.marker, markup=False)
        yield Static("", id="typed", markup=False)
        box = Input(id="box")
        box.display = False
        yield box

    def action_open(self) -> None:
        box = self.query_one("#box", Input)
        box.display = True
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.query_one("#typed", Static).update(f"searched: {event.value}")
        self.set_focus(None)


if __name__ == "__main__":
    InputApp(sys.argv[1] if len(sys.argv) > 1 else MARKER).run()
