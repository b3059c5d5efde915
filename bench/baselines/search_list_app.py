"""The library search floor: a bare Textual app with one `Input` over a list, that runs the
bare FTS5 ranked query (the matching rows' ids by bm25, at most 100; no join, no snippet) on
the given index file as each key changes the box, in the key's own handler, and shows the
count and one line per match: what Textual and SQLite themselves cost from a key to a
screen of ranked matches.

python bench/baselines/search_list_app.py INDEX [MARKER]

Its status line reads as the reader's library search (F) does: "Type words to find",
"No article holds: WORDS", "N matches" ("(the best)" at the limit); q is a letter here.
"""

from __future__ import annotations

import sqlite3
import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

MARKER = "SEARCH-LIST-APP-READY"
LIMIT = 100
QUERY = "SELECT rowid FROM blocks WHERE blocks MATCH ? ORDER BY rank LIMIT ?"


class SearchListApp(App[None]):
    CSS = "#rows { height: 1fr; }"

    def __init__(self, index: str, marker: str) -> None:
        super().__init__()
        self.db = sqlite3.connect(index)
        self.marker = marker

    def compose(self) -> ComposeResult:
        yield Static(self.marker, markup=False)
        yield Input(id="box")
        yield Static("Type words to find", id="status", markup=False)
        yield Static("", id="rows", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        words = event.value.split()
        expression = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self.db.execute(QUERY, (expression, LIMIT)).fetchall() if words else []
        if not words:
            status = "Type words to find"
        elif not rows:
            status = f"No article holds: {event.value}"
        else:
            status = f"{len(rows)} matches" + (" (the best)" if len(rows) >= LIMIT else "")
        self.query_one("#status", Static).update(status)
        self.query_one("#rows", Static).update("\n".join(f"block {r}" for (r,) in rows))


if __name__ == "__main__":
    SearchListApp(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else MARKER).run()
