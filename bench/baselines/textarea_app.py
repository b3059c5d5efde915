"""The naive baseline: a whole file in Textual's `TextArea(read_only=True, soft_wrap=True)`.

    python bench/baselines/textarea_app.py FILE [ENCODING]

Keys for the bench: PageDown/PageUp (TextArea's own), G end, g top, M middle, q quit.
The cursor does not blink, so the screen is still between key presses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import TextArea


class TextAreaApp(App[None]):
    BINDINGS = [
        Binding("q", "quit", "Quit", priority=True),
        Binding("G", "go(1.0)", "End", priority=True),
        Binding("g", "go(0.0)", "Top", priority=True),
        Binding("M", "go(0.5)", "Middle", priority=True),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        area = TextArea(self.text, read_only=True, soft_wrap=True)
        area.cursor_blink = False
        yield area

    def action_go(self, fraction: float) -> None:
        area = self.query_one(TextArea)
        row = min(area.document.line_count - 1, int(area.document.line_count * fraction))
        area.move_cursor((row, 0), center=True)


if __name__ == "__main__":
    encoding = sys.argv[2] if len(sys.argv) > 2 else "utf-8"
    TextAreaApp(Path(sys.argv[1]).read_text(encoding=encoding, errors="replace")).run()
