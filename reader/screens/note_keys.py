"""The note keys of the reading screen: a (the note of the highlight the keys act on), A (the
article's note), and saving what the notes pane's editor posts: while typing, on Esc, and
on ctrl+g, which discards the edit. `AnnotatingScreen` mixes this in.

Every save says what the editor started from, so another window's edit meanwhile is merged,
never lost (reader/annotations/edits_since.py). ctrl+g puts the note back as it was when
the editor opened or, when another window's edit came in meanwhile, as that window saved
it (`NotesPane.NoteSaved.saved_over`): discarding my edit never drops theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the panes load after the first frame
    from reader.widgets.notes_pane import NotesPane


class NoteKeys:
    """Actions of the note keys (for a screen that is an `AnnotatingScreen`)."""

    def _side_shown(self: Any) -> None:
        if not self.side_shown:
            self.toggle_side()

    def action_note(self: Any) -> None:
        """a: edit the note of the highlight under the cursor. Off a highlight it only says
        so, as t does: a key pressed by mistake never makes a highlight."""
        if self._writable() is None:
            return
        ann = self.key_target()
        self._note_from = self.claims_list_focused()  # Esc goes back there
        if ann is None:
            self._no_highlight()
            return
        self._side_shown()
        self._note_store = self.annotations.store
        self.notes_pane.edit(ann.id, ann.note, ann)

    def action_article_note(self: Any) -> None:
        """A: edit the article's own note."""
        store = self._writable()
        if store is None:
            return
        from reader.widgets.notes_pane import ARTICLE

        self._side_shown()
        self._note_store = store
        self.notes_pane.edit(ARTICLE, store.article_note)

    def on_notes_pane_note_saved(self: Any, event: NotesPane.NoteSaved) -> None:
        # One posted (a pause in typing) for an article left since: saved whole at the switch.
        if self._note_store is self.annotations.store:
            self._save_note(event)
        if event.return_focus:
            back, self._note_from = self._note_from, None
            if back is not None and back.is_attached:
                back.focus()
            else:
                self.focus_article()

    def _save_note(self: Any, event: NotesPane.NoteSaved | None) -> None:
        from reader.widgets.notes_pane import ARTICLE

        store = self.annotations.store
        if store is None or event is None:
            return
        old = None if event.target == ARTICLE else store.get(event.target)
        if event.target != ARTICLE and old is None:
            self._notice("That highlight is gone: its note was not saved", "error")
            return
        text, since = event.saved_over(store.article_note if old is None else old.note)
        if event.discard:
            theirs = text != event.text
            self._notice(
                "Edit discarded: the note is as another window saved it"
                if theirs
                else "Edit discarded: the note is as it was"
            )
        if old is None:
            self._run(lambda: store.set_article_note(text, since=since))
        else:
            self._run_one(lambda: store.update(event.target, {"note": since}, note=text), old)
