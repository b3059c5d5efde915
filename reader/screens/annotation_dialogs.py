"""Small dialogs of the annotation keys: edit a highlight's tags (t), or its note from the
library's claims (a in H's list), confirm an overwrite (e), choose a folder for a copy, and
what to do on quitting with unsaved annotations."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from reader.document.decode import sanitize


class TagsScreen(ModalScreen[str | None]):
    """Edit comma-separated tags; dismisses with the text (Enter) or None (Esc)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, tags: list[str], quote: str) -> None:
        super().__init__()
        self.tags = tags
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(id="tags-dialog", classes="annotation-dialog"):
            yield Static("Tags, comma separated (Enter saves, Esc cancels)", classes="dialog-title")
            yield Static(sanitize(self.quote), classes="dialog-quote", markup=False)
            yield Input(", ".join(self.tags), placeholder="economy, follow up", id="tags-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#tags-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteScreen(ModalScreen[str | None]):
    """Edit a note in the note editor (reader/widgets/note_editor.py): Esc saves (dismisses
    with the text), ctrl+g discards (None)."""

    def __init__(self, note: str, quote: str) -> None:
        super().__init__()
        self.note = note
        self.quote = quote

    def compose(self) -> ComposeResult:
        from reader.widgets.note_editor import NoteEditor

        with Vertical(id="note-dialog", classes="annotation-dialog"):
            yield Static("Note (Esc saves, ctrl+g discards)", classes="dialog-title")
            yield Static(sanitize(self.quote), classes="dialog-quote", markup=False)
            yield NoteEditor(self.note, id="note-dialog-editor")

    def on_mount(self) -> None:
        editor = self.query_one("#note-dialog-editor")
        editor.move_cursor(editor.document.end)  # type: ignore[attr-defined]
        editor.focus()

    def on_note_editor_done(self, event) -> None:  # type: ignore[no-untyped-def]
        event.stop()
        if self.is_current:  # (the editor's blur as the dialog goes says Done again)
            self.dismiss(None if event.discard else event.editor.text)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y or Enter on Overwrite says yes, n or Esc says no."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: str, yes: str = "Overwrite") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="annotation-dialog"):
            # A question may name a file: its control characters show as symbols.
            yield Static(sanitize(self.question), classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="warning")
                yield Button("Cancel (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class FolderScreen(ModalScreen[str | None]):
    """Ask for a folder; dismisses with the text (Enter) or None (Esc)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, folder: str) -> None:
        super().__init__()
        self.question = question
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="folder-dialog", classes="annotation-dialog"):
            # A question may name a file: its control characters show as symbols.
            yield Static(sanitize(self.question), classes="dialog-question", markup=False)
            yield Static("Enter saves there, Esc cancels", classes="dialog-title")
            yield Input(self.folder, id="folder-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#folder-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class UnsavedScreen(ModalScreen[str]):
    """Quitting with annotations that could not be saved: "save" (a copy elsewhere), "quit"
    (anyway) or "cancel"."""

    BINDINGS = [
        Binding("s", "answer('save')", "Save elsewhere"),
        Binding("q", "answer('quit')", "Quit anyway"),
        Binding("escape,c", "answer('cancel')", "Cancel"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-dialog", classes="annotation-dialog"):
            # A question may name a file: its control characters show as symbols.
            yield Static(sanitize(self.question), classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save elsewhere (s)", id="unsaved-save", variant="primary")
                yield Button("Quit anyway (q)", id="unsaved-quit", variant="error")
                yield Button("Cancel (Esc)", id="unsaved-cancel")

    def on_mount(self) -> None:
        self.query_one("#unsaved-save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("unsaved-"))

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
