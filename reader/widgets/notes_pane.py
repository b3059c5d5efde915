"""The notes pane: the article's own note, then the highlight under the cursor with its note.

Notes are Markdown, stored as typed and shown as plain text (never parsed as markup). Editing
uses a `TextArea` in place of the note: the pane posts `NotesPane.NoteSaved` after a short
pause in typing (`SAVE_DELAY`), and again with `done=True` on Esc (or when the editor loses
focus); whoever owns the annotation store saves it.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from reader.annotations.model import Annotation

SAVE_DELAY = 0.5  # seconds of no typing before a note is saved
QUOTE_LIMIT = 280  # characters of the quote shown

# What a note belongs to: the article ("article") or a highlight (its id).
NoteTarget = str
ARTICLE: Literal["article"] = "article"


def _plain(text: str) -> str:
    """Text for a markup-free Static: control characters (other than newlines) made visible."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else "\ufffd" for c in text)


class NoteEditor(TextArea):
    """A note being written: Esc saves and returns to the article."""

    BINDINGS = [Binding("escape", "done", "Save note and return")]

    class Done(Message):
        def __init__(self, editor: NoteEditor, return_focus: bool) -> None:
            super().__init__()
            self.editor = editor
            self.return_focus = return_focus

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, tab_behavior="focus", soft_wrap=True, show_line_numbers=False)

    def action_done(self) -> None:
        self.post_message(self.Done(self, return_focus=True))

    def on_blur(self) -> None:
        if self.display:
            self.post_message(self.Done(self, return_focus=False))


class NotesPane(VerticalScroll, can_focus=True):
    """Article note and the note of the highlight under the cursor."""

    EMPTY = "No notes yet — press a to add a note to the sentence at the cursor"

    class NoteSaved(Message):
        """`text` is the note of `target` ("article" or an annotation id) as typed."""

        def __init__(self, target: NoteTarget, text: str, done: bool, return_focus: bool):
            super().__init__()
            self.target = target
            self.text = text
            self.done = done
            self.return_focus = return_focus

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Notes"
        self.editing: NoteTarget | None = None
        self.annotation: Annotation | None = None
        self.article_note = ""
        self.problem: str | None = None
        self._last_saved = ""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="notes-problem", classes="pane-problem", markup=False)
        yield Static("Article note", classes="notes-heading")
        yield Static("", id="article-note", classes="note-text", markup=False)
        yield NoteEditor(id="article-note-editor")
        yield Static("Highlight", id="highlight-heading", classes="notes-heading", markup=False)
        yield Static("", id="highlight-quote", markup=False)
        yield Static(self.EMPTY, id="highlight-note", classes="note-text", markup=False)
        yield NoteEditor(id="highlight-note-editor")

    def on_mount(self) -> None:
        for editor in self.query(NoteEditor):
            editor.display = False
        self.query_one("#notes-problem").display = False
        self.show("", None)

    # -- showing -----------------------------------------------------------------------------

    def show(
        self, article_note: str, annotation: Annotation | None, problem: str | None = None
    ) -> None:
        """Show the article note and `annotation` (the one under the cursor, or None).

        A note being edited is left alone (its editor keeps what was typed)."""
        self.annotation = annotation
        self.article_note = article_note
        self.problem = problem
        problem_text = self.query_one("#notes-problem", Static)
        problem_text.display = bool(problem)
        if problem:
            problem_text.update(
                f"Annotating is off: {problem}.\nCommand palette (ctrl+p): "
                "Move bad annotations file aside."
            )
        if self.editing != ARTICLE:
            self.query_one("#article-note", Static).update(
                _plain(article_note) if article_note.strip() else "(none — A writes one)"
            )
        if self.editing is not None and self.editing != ARTICLE:
            return
        heading = self.query_one("#highlight-heading", Static)
        quote = self.query_one("#highlight-quote", Static)
        note = self.query_one("#highlight-note", Static)
        if annotation is None:
            heading.update("Highlight")
            quote.display = False
            note.update("No highlight at the cursor — h highlights it, a adds a note")
            return
        tags = "  " + " ".join(f"#{tag}" for tag in annotation.tags) if annotation.tags else ""
        heading.update(_plain(f"{annotation.letter} {annotation.label}{tags}"))
        text = " ".join(annotation.exact.split())
        if len(text) > QUOTE_LIMIT:
            text = text[: QUOTE_LIMIT - 1] + "…"
        quote.update(_plain(f"“{text}”"))
        quote.display = True
        note.update(
            _plain(annotation.note) if annotation.note.strip() else "(no note — a writes one)"
        )

    # -- editing -----------------------------------------------------------------------------

    def _editor_for(self, target: NoteTarget) -> NoteEditor:
        name = "article-note-editor" if target == ARTICLE else "highlight-note-editor"
        return self.query_one(f"#{name}", NoteEditor)

    def _text_for(self, target: NoteTarget) -> Static:
        return self.query_one("#article-note" if target == ARTICLE else "#highlight-note", Static)

    def edit(self, target: NoteTarget, text: str, annotation: Annotation | None = None) -> None:
        """Open the editor for `target` prefilled with `text`, focused."""
        if self.editing is not None:
            self.finish(return_focus=False)
        if annotation is not None:
            self.annotation = annotation
            self.editing = None
            self.show(self.article_note, annotation, self.problem)
        self.editing = target
        self._last_saved = text
        editor = self._editor_for(target)
        editor.load_text(text)
        self._text_for(target).display = False
        editor.display = True
        editor.move_cursor(editor.document.end)
        editor.focus()
        self.call_after_refresh(self.scroll_to_widget, editor, animate=False)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.editing is None or event.text_area is not self._editor_for(self.editing):
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self._save_pause)

    def _save_pause(self) -> None:
        self._timer = None
        if self.editing is None:
            return
        text = self._editor_for(self.editing).text
        if text != self._last_saved:
            self._last_saved = text
            self.post_message(self.NoteSaved(self.editing, text, False, False))

    @on(NoteEditor.Done)
    def _done(self, event: NoteEditor.Done) -> None:
        event.stop()
        if self.editing is not None and event.editor is self._editor_for(self.editing):
            self.finish(event.return_focus)

    def finish(self, return_focus: bool = True) -> None:
        """Close the editor and post its text (done)."""
        target = self.editing
        if target is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        editor = self._editor_for(target)
        text = editor.text
        self.editing = None
        shown = self._text_for(target)
        shown.update(_plain(text) if text.strip() else "")
        shown.display = True
        editor.display = False
        self.post_message(self.NoteSaved(target, text, True, return_focus))
