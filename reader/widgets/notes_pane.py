"""The notes pane: the article's own note, then the highlight under the cursor with its note.

Notes are Markdown, stored as typed and drawn as Markdown (`reader.widgets.note_markdown`:
emphasis, code, lists, quotes; links shown with their address, never followed; Rich markup
and control characters in them shown literally). The
pane follows the article cursor, so showing costs a repaint only: everything is drawn into
one fixed-size `Static` (no layout pass per cursor move). Editing opens a `TextArea` under
it (`reader.widgets.note_editor.NoteEditor`, imported and mounted on the first edit): the
pane posts `NotesPane.NoteSaved` after a short pause in typing (`SAVE_DELAY`), and
again with `done=True` on Esc (or when the editor loses focus); whoever owns the annotation
store saves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from reader.annotations.merge import NOTE_SEPARATOR
from reader.annotations.model import Annotation
from reader.annotations.quoting import quoted
from reader.annotations.sidecar_file import annotating_off
from reader.widgets.note_markdown import NoteStyles, note_text, visible

if TYPE_CHECKING:
    from reader.widgets.note_editor import NoteEditor

SAVE_DELAY = 0.5  # seconds of no typing before a note is saved
QUOTE_LIMIT = 280  # characters of the quote shown

# What a note belongs to: the article ("article") or a highlight (its id).
NoteTarget = str
ARTICLE: Literal["article"] = "article"
# Sentences elsewhere saying what the highlight says: a heading line, then for each a label
# (its article) and its words as (text, differs) parts.
Elsewhere = tuple[str, tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]]


def __getattr__(name: str) -> Any:
    """`NoteEditor` stays importable from here, loaded on first use."""
    if name == "NoteEditor":
        from reader.widgets.note_editor import NoteEditor

        return NoteEditor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_plain = visible  # control characters made visible; never markup


def _shortened(quote: str) -> str:
    """A quote on one line, at most QUOTE_LIMIT characters."""
    text = " ".join(quote.split())
    return text[: QUOTE_LIMIT - 1] + "…" if len(text) > QUOTE_LIMIT else text


class NotesView(Static, can_focus=True):
    """The notes as text (focusable, so Tab reaches the pane)."""


class NotesPane(Vertical):
    """Article note and the note of the highlight under the cursor."""

    COMPONENT_CLASSES = {
        "notes-pane--heading",
        "notes-pane--quote",
        "notes-pane--muted",
        "notes-pane--problem",
        "notes-pane--code",
        "notes-pane--link",
    }

    class NoteSaved(Message):
        """`text` is the note of `target` ("article" or an annotation id) as typed; `since`
        the note this editor saved last (or opened with): what another window changed it to
        meanwhile is to be kept. With `discard` (ctrl+g), `text` is the note the editor
        opened with: see `saved_over`."""

        def __init__(
            self,
            target: NoteTarget,
            text: str,
            done: bool,
            return_focus: bool,
            since: str | None = None,
            discard: bool = False,
        ):
            super().__init__()
            self.target = target
            self.text = text
            self.done = done
            self.return_focus = return_focus
            self.since = since
            self.discard = discard

        def saved_over(self, stored: str) -> tuple[str, str | None]:
            """(the note to save, the note it is saved `since`) now that the store holds
            `stored`. A discard that another window's edit came in under (`stored` is not
            what this editor saved last) leaves the note as that window saved it: its parts,
            less what this edit added. Saved since `stored`, so nothing is merged again."""
            if not self.discard or self.since is None or stored == self.since:
                return self.text, self.since
            mine = set(self.since.split(NOTE_SEPARATOR)) - set(self.text.split(NOTE_SEPARATOR))
            theirs = [part for part in stored.split(NOTE_SEPARATOR) if part not in mine]
            return NOTE_SEPARATOR.join(theirs) if theirs else self.text, stored

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Notes"
        self.editing: NoteTarget | None = None
        self.annotation: Annotation | None = None
        self.source: str | None = None  # who the highlight is attributed to, one line
        self.elsewhere: Elsewhere | None = None
        self.article_note = ""
        self.problem: str | None = None
        self._shown: tuple | None = None
        self._last_saved = ""
        self._before = ""  # the note when the editor opened (ctrl+g goes back to it)
        self._timer: Timer | None = None
        self._editor: NoteEditor | None = None  # made on the first edit

    def compose(self) -> ComposeResult:
        yield NotesView("", id="notes-view")

    def on_mount(self) -> None:
        if not getattr(self.app, "leaving", False):  # after `q` its view is being removed
            self.show("", None)

    @property
    def editor(self) -> NoteEditor:
        """The note editor, created (hidden, empty) when first needed."""
        if self._editor is None:
            from reader.widgets.note_editor import NoteEditor

            self._editor = NoteEditor(id="note-editor")
            self._editor.display = False
            self.mount(self._editor)
        return self._editor

    def focus(self, scroll_visible: bool = True) -> NotesPane:
        editor = self._editor
        target = editor if editor is not None and editor.display else self.query_one(NotesView)
        target.focus(scroll_visible)
        return self

    # -- showing -----------------------------------------------------------------------------

    def show(
        self,
        article_note: str,
        annotation: Annotation | None,
        problem: str | None = None,
        source: str | None = None,
        elsewhere: Elsewhere | None = None,
    ) -> None:
        """Show the article note and `annotation` (the one under the cursor, or None), with
        `source`: who the text attributes the highlight to, as one line; `elsewhere`: the
        sentences of other articles that say the same (their differing words stand out).

        Repaints only when something shown changed. While a highlight's note is edited the
        pane keeps showing that highlight."""
        if self.editing is not None and self.editing != ARTICLE:
            annotation, source, elsewhere = self.annotation, self.source, self.elsewhere
        key = (article_note, annotation, problem, self.editing, source, elsewhere)
        if key == self._shown:
            return
        self._shown = key
        self.annotation = annotation
        self.source = source
        self.elsewhere = elsewhere
        self.article_note = article_note
        self.problem = problem
        self.query_one(NotesView).update(self._render_text(), layout=False)

    def text(self) -> str:
        """What the pane shows, as plain text."""
        return self._render_text().plain

    def notify_style_update(self) -> None:
        """A theme switch: the text is drawn again in the new theme's colours."""
        super().notify_style_update()
        if self.is_mounted and self._shown is not None:
            self.call_after_refresh(self._repaint)  # once every component style is updated

    def _part_style(self, name: str) -> Style:
        """Component `name`'s colour and text style, without a background of its own (the
        text sits on the pane's, whatever the theme and focus)."""
        full = self.get_component_rich_style(name)
        return self.get_component_rich_style(name, partial=True).without_color + Style(
            color=full.color
        )

    def _note(self, source: str) -> Text:
        """A note's Markdown drawn as text (links shown, never followed)."""
        style = self._part_style
        styles = NoteStyles(
            heading=style("notes-pane--heading"),
            code=style("notes-pane--code"),
            link=style("notes-pane--link"),
            quote=style("notes-pane--quote"),
        )
        return note_text(source, styles)

    def _render_text(self) -> Text:
        style = self._part_style
        heading, quote = style("notes-pane--heading"), style("notes-pane--quote")
        muted = style("notes-pane--muted")
        out = Text(no_wrap=False, end="")
        if self.problem:
            out.append(_plain(annotating_off(self.problem)), style("notes-pane--problem"))
            out.append("\n\n")
        out.append("Article note\n", heading)
        if self.editing == ARTICLE:
            out.append("(editing below — Esc saves, ctrl+g discards)\n", muted)
        elif self.article_note.strip():
            out.append_text(self._note(self.article_note))
            out.append("\n")
        else:
            out.append("(none — A writes one)\n", muted)
        out.append("\n")
        ann = self.annotation
        if ann is None:
            out.append("Highlight\n", heading)
            out.append("No highlight at the cursor — h highlights it, a adds a note", muted)
            return out
        tags = "  " + " ".join(f"#{tag}" for tag in ann.tags) if ann.tags else ""
        out.append(_plain(f"{ann.letter} {ann.label}{tags}") + "\n", heading)
        text = _shortened(ann.exact)
        out.append(_plain(quoted(text)) + "\n", quote)
        if ann.edited_from:  # the article was edited under the highlight: both wordings
            out.append("Edited since highlighted; it read:\n", style("notes-pane--problem"))
            out.append(_plain(quoted(_shortened(ann.edited_from))) + "\n", muted)
            out.append("(W accepts the new wording)\n", muted)
        if self.source:
            out.append(_plain(self.source) + "\n", muted)
        if self.elsewhere:
            self._append_elsewhere(out, self.elsewhere, muted, quote)
        if self.editing == ann.id:
            out.append("(editing below — Esc saves, ctrl+g discards)", muted)
        elif ann.note.strip():
            out.append_text(self._note(ann.note))
        else:
            out.append("(no note — a writes one)", muted)
        return out

    @staticmethod
    def _append_elsewhere(out: Text, elsewhere: Elsewhere, muted: Style, quote: Style) -> None:
        heading, rows = elsewhere
        out.append(_plain(heading) + "\n", muted)
        for label, parts in rows:
            out.append(f"  {_plain(label)}: “", muted)
            for text, differs in parts:
                out.append(
                    _plain(text), quote + Style(bold=True, underline=True) if differs else muted
                )
            out.append("”\n", muted)

    def _repaint(self) -> None:
        self._shown = None
        self.show(self.article_note, self.annotation, self.problem, self.source, self.elsewhere)

    # -- editing -----------------------------------------------------------------------------

    def edit(self, target: NoteTarget, text: str, annotation: Annotation | None = None) -> None:
        """Open the editor for `target` prefilled with `text`, focused."""
        if self.editing is not None:
            self.finish(return_focus=False)
        if annotation is not None:
            self.annotation = annotation
        self.editing = target
        self._last_saved = self._before = text
        self._repaint()
        if self._editor is None:  # the first edit: mount the editor with the text in it
            from reader.widgets.note_editor import NoteEditor

            editor = self._editor = NoteEditor(text, id="note-editor")
            self.mount(editor)
        else:
            editor = self._editor
            editor.load_text(text)
        editor.display = True
        editor.move_cursor(editor.document.end)
        # Focused now, not after the keys already queued (`focus()` waits its turn): keys
        # typed straight after `a` reach the editor, never the article.
        self.screen.set_focus(editor)

    def on_text_area_changed(self, event: Message) -> None:
        """The editor's text changed (TextArea.Changed): save after a pause in typing."""
        event.stop()
        if self.editing is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self._save_pause)

    def _save_pause(self) -> None:
        self._timer = None
        if self.editing is None:
            return
        text = self.editor.text
        if text != self._last_saved:
            since, self._last_saved = self._last_saved, text
            self.post_message(self.NoteSaved(self.editing, text, False, False, since))

    def on_note_editor_done(self, event: NoteEditor.Done) -> None:
        event.stop()
        if self.editing is not None:
            self.finish(event.return_focus, discard=event.discard)

    def finish(
        self, return_focus: bool = True, discard: bool = False, post: bool = True
    ) -> NotesPane.NoteSaved | None:
        """Close the editor and post its text (done), or only return it (`post` False: the
        caller saves it at once); with `discard`, the text it opened with (what was saved
        while typing is put back)."""
        target = self.editing
        if target is None:
            return None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        editor = self.editor
        text = self._before if discard else editor.text
        self.editing = None
        editor.display = False
        self._repaint()
        message = self.NoteSaved(target, text, True, return_focus, self._last_saved, discard)
        if post:
            self.post_message(message)
        return message
