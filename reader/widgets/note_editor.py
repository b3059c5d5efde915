"""The note editor: a `TextArea` the notes pane mounts on the first note edit.

Kept out of `reader.widgets.notes_pane` so the app's start does not import `TextArea` nor
parse its CSS for an editor the first screen never shows.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from reader.widgets.clipboard import copy_text


class NoteEditor(TextArea):
    """A note being written: Esc saves and returns to the article, ctrl+g discards the
    edit (the note goes back to what it was when the editor opened), ctrl+c copies."""

    BINDINGS = [
        Binding("escape", "done", "Save note", id="note-save"),
        Binding("ctrl+g", "discard", "Discard edit", id="note-discard"),
        Binding("ctrl+c", "copy", "Copy", id="note-copy"),
    ]

    class Done(Message):
        def __init__(self, editor: NoteEditor, return_focus: bool, discard: bool = False) -> None:
            super().__init__()
            self.editor = editor
            self.return_focus = return_focus
            self.discard = discard

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, tab_behavior="focus", soft_wrap=True, show_line_numbers=False)

    def action_done(self) -> None:
        self.post_message(self.Done(self, return_focus=True))

    def action_discard(self) -> None:
        self.post_message(self.Done(self, return_focus=True, discard=True))

    def action_copy(self) -> None:
        """Copy the selection, or the whole note when nothing is selected (never quits)."""
        text = self.selected_text or self.text
        if not text:
            self.notify("The note is empty: nothing to copy")
            return
        self.notify(copy_text(self.app, text), markup=False)

    def on_blur(self) -> None:
        if self.display:
            self.post_message(self.Done(self, return_focus=False))
