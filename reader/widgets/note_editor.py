"""The note editor: a `TextArea` the notes pane mounts on the first note edit.

Kept out of `reader.widgets.notes_pane` so the app's start does not import `TextArea` nor
parse its CSS for an editor the first screen never shows.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea


class NoteEditor(TextArea):
    """A note being written: Esc saves and returns to the article."""

    BINDINGS = [Binding("escape", "done", "Save note and return")]

    class Done(Message):
        def __init__(self, editor: NoteEditor, return_focus: bool) -> None:
            super().__init__()
            self.editor = editor
            self.return_focus = return_focus

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, tab_behavior="focus", soft_wrap=True, show_line_numbers=False)

    def action_done(self) -> None:
        self.post_message(self.Done(self, return_focus=True))

    def on_blur(self) -> None:
        if self.display:
            self.post_message(self.Done(self, return_focus=False))
