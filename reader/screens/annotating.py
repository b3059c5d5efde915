"""Annotating the open article: the keys, the open store, and keeping the screen in step.

The annotation keys (h, 1-5, a, A, t, x, u, ctrl+r, ], [, e; the claim keys s, l, f, H
of `reader.screens.claim_keys`) are bound on the article view
(`reader.screens.reading.AnnotatedArticleView`) to `screen.` actions: `AnnotatingScreen`,
the reading screen's base, holds those actions (deciding in `check_action` whether they
apply) and keeps the article's highlights, the claims pane and the notes pane in step with
the open store (an `AnnotationSession`).

Work per change stays small at ten thousand annotations: a key's change (h, 1-5, x, a note,
tags) reaches the article view as one added, removed or replaced `Highlight` (only that
sentence's lines repaint), the claims pane follows in the same frame, and the
success path shows no toast (a toast lays out the whole screen): the key bar says what
happened, where the message fits whole (else it is a notification). While the claims list
has the focus, the keys act on the highlight under its cursor (`ClaimKeys.key_target`). A
change from elsewhere (another process, undo) redraws from the store, reusing the
`Highlight` of every unchanged annotation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from reader.annotations.categories import CATEGORY_LABELS, category_for_key
from reader.annotations.quoting import quoted
from reader.document.decode import one_line
from reader.document.model import Document
from reader.errors import ReaderError
from reader.screens.annotation_session import AnnotationSession
from reader.screens.claim_keys import ClaimKeys
from reader.screens.note_keys import NoteKeys
from reader.widgets.article_view import ArticleView
from reader.widgets.key_bar import KeyBar

if TYPE_CHECKING:  # the annotation model, the store and the panes load after the first frame
    from reader.annotations.model import Annotation
    from reader.annotations.store import AnnotationStore
    from reader.widgets.claims_pane import ClaimsList, ClaimsPane
    from reader.widgets.notes_pane import NotesPane

POLL_SECONDS = 1.0  # how often another process's changes to the sidecar are looked for
QUERY_SHOWN = 60  # the most of a search query a message quotes


class AnnotatingScreen(NoteKeys, ClaimKeys, Screen):
    """The annotation half of the reading screen: its actions, and the article view, the
    claims pane and the notes pane kept in step with the open store (`annotations`)."""

    side_ready: bool  # the claims and notes panes exist
    side_shown: bool  # their column is on screen

    def __init__(self, annotations: AnnotationSession | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.annotations = annotations if annotations is not None else AnnotationSession()
        self._note_from: Any = None  # the claims list, when a note was opened from it
        self._note_store: Any = None  # the store of the article whose note is being edited

    # -- widgets (the reading screen composes them) -------------------------------------------

    @property
    def article_view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def claims_pane(self) -> ClaimsPane:
        return self.query_one("#claims")  # type: ignore[return-value]

    @property
    def notes_pane(self) -> NotesPane:
        return self.query_one("#notes")  # type: ignore[return-value]

    def toggle_side(self) -> None:
        """Show or hide the claims and notes column (the reading screen lays it out)."""
        raise NotImplementedError

    def focus_article(self) -> None:
        """Focus the article (the reading screen knows what shows in its place)."""
        raise NotImplementedError

    def _notice(self, message: str, severity: str = "information") -> None:
        self.app.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    def _no_highlight(self) -> None:
        """What a key that acts on a highlight (t, a, s, f, x…) says off one."""
        self._notice("No highlight at the cursor: h highlights the sentence first")

    def status(self, message: str | None) -> None:
        """Say what a key did without a toast: in the key bar (a repaint of one line) where
        it fits whole, else as a notification; None takes the last message away."""
        bar = self.query_one_optional("#key-bar", KeyBar)
        shown = bar.say(message) if bar is not None else False
        if message is not None and not shown:
            self._notice(message)

    # -- the store's life --------------------------------------------------------------------

    def open_annotations(self, document: Document, store: AnnotationStore | None = None) -> None:
        """Start annotating `document` (closing the previous article's store); when the panes
        are not built yet, as soon as they are (`panes_ready`)."""
        session = self.annotations
        if session.store is not None and session.store.document is document and store is None:
            return
        if not self.side_ready:
            session.wait(document, store)
            return
        if self.notes_pane.editing is not None:  # saved in its own article, before the switch
            self._save_note(self.notes_pane.finish(return_focus=False, post=False))
        session.open(document, store)
        self.show_annotations()

    def panes_ready(self) -> None:
        """The claims and notes panes exist now: open the article that was waiting for them
        (unless `q` came first: the panes are being taken down)."""
        if getattr(self.app, "leaving", False):
            return
        self.claims_pane.claims_list.kind_of = self.annotations.kind_of
        pending = self.annotations.take_pending()
        if pending is not None:
            self.open_annotations(*pending)

    def poll_annotations(self) -> None:
        """Every POLL_SECONDS: take in another process's changes and the writer's news."""
        store = self.annotations.store
        if store is None:
            return
        store.reload_if_changed()
        if store.version != self.annotations.shown_version:
            self.show_annotations()

    # -- keeping the screen in step ----------------------------------------------------------

    def show_annotations(self) -> None:
        """Redraw highlights and both panes from the store (cheap when nothing changed)."""
        session = self.annotations
        store = session.store
        if store is None:
            return
        version = store.version
        annotations = store.annotations
        anchored = len(annotations)
        while anchored and annotations[anchored - 1].orphaned:
            anchored -= 1  # orphans come last and are not drawn
        highlights = session.highlights(annotations[:anchored])
        view = self.article_view
        if view.document is store.document:
            view.set_highlights(highlights)
        self.claims_pane.set_annotations(annotations, store.problem, store.unsaved)
        self.annotation_count_changed(store)
        session.shown_version = version
        self.show_cursor_annotation()
        if store.warning != session.warned:
            # Every failure is told, also one like the last after a save succeeded between.
            session.warned = store.warning
            if store.warning:
                self.app.notify(store.warning, severity="warning", markup=False, timeout=10)
        if store.notice:
            # Another window's changes were merged in a way worth knowing (both texts of a
            # note kept, two highlights of one range folded into one): say it once.
            notice, store.notice = store.notice, None
            self.app.notify(notice, severity="information", markup=False, timeout=10)

    def _changed(self, version: int, old: Annotation | None, new: Annotation | None) -> None:
        """One annotation changed (`old` -> `new`, either None for an add or a delete) from
        store version `version`: update only what shows it. Anything else pending (another
        process's change, a save problem) falls back to a full `show_annotations`."""
        session = self.annotations
        store = session.store
        if store is None:
            return
        if version != session.shown_version or store.version != version + 1:
            self.show_annotations()
            return
        old_h = session.forget(old) if old is not None and not old.orphaned else None
        new_h = session.highlight_of(new) if new is not None and not new.orphaned else None
        view = self.article_view
        if view.document is store.document:
            if old_h is not None and new_h is not None:
                view.update_highlight(old_h, new_h)
            elif old_h is not None:
                view.remove_highlight(old_h)
            elif new_h is not None:
                view.add_highlight(new_h)
        session.shown_version = store.version
        self.show_cursor_annotation(claims_too=False)
        # The claims list in the same turn, so it lands in the article's frame: the screen
        # settles in one frame, not two (a change costs the list one assignment).
        claims = self.claims_pane
        claims.change(store.annotations, old, new, store.problem, store.unsaved)
        self.status(None)  # the last key's message is not this one's (a key says its own)
        self.annotation_count_changed(store)
        ann = self.annotation_under_cursor()
        claims.set_current(ann.id if ann is not None else None)

    def annotation_count_changed(self, store: AnnotationStore) -> None:
        """The open article's number of annotations may have changed (a screen that lists
        articles shows it)."""

    def show_cursor_annotation(self, claims_too: bool = True) -> None:
        """Show the highlight the keys act on in the notes pane (under the claims list's
        cursor while it has the focus), and mark the article cursor's one in the list."""
        store = self.annotations.store
        if store is None:
            return
        ann = self.key_target()
        source = self.annotations.source_line(ann) if ann is not None else None
        elsewhere = self.elsewhere_of(ann) if ann is not None else None
        self.notes_pane.show(store.article_note, ann, store.problem, source, elsewhere)
        if not claims_too:
            return
        ann = self.annotation_under_cursor()
        claims = self.claims_pane
        claims.set_current(ann.id if ann is not None else None)
        self.status(None)  # the last key's message goes when the cursor moves

    def on_article_view_match_shown(self, event: ArticleView.MatchShown) -> None:
        self.status(f"Match {event.position:,}/{event.total:,}")

    def on_article_view_search_opened(self, event: ArticleView.SearchOpened) -> None:
        self.status(None)  # `Match 1/5` is the last query's, not the one being typed

    def on_article_view_no_match(self, event: ArticleView.NoMatch) -> None:
        """n or N with nothing to go to: said, as every key with nothing to do says it."""
        if not event.query:
            self.status("No search: / searches")
            return
        query = one_line(event.query)
        if len(query) > QUERY_SHOWN:
            query = query[: QUERY_SHOWN - 1] + "…"
        self.status(f"No match for {quoted(query)}")

    def on_claims_list_row_shown(self, event: ClaimsList.RowShown) -> None:
        self.show_list_row(event.moved)

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self.show_cursor_annotation()  # the message goes on to the app (reading position)

    def annotation_under_cursor(self) -> Annotation | None:
        """The highlight under the article cursor (the selection's own first)."""
        store = self.annotations.store
        view = self.article_view
        if store is None or view.document is not store.document:
            return None
        return self.annotations.under(view.cursor_range, view.selection_range)

    def _writable(self) -> AnnotationStore | None:
        """The store if annotating is possible now; otherwise say why and return None."""
        store = self.annotations.store
        if store is None and (self.annotations.pending is not None or self.annotations.loading):
            self._notice("Loading the annotations…")
            return None
        if store is None or self.article_view.document is not store.document:
            self._notice("No article open")
            return None
        if store.problem is not None:
            from reader.annotations.sidecar_file import annotating_off  # loaded when first used

            self._notice(annotating_off(store.problem), "warning")
            return None
        return store

    def _clear_selection(self) -> None:
        view = self.article_view
        if view.selection_range is not None:
            view.action_select()  # toggles the selection off

    def _run(self, change: Callable[[], Any]) -> Any:
        """Apply a store change; a ReaderError becomes a notification (returns None)."""
        try:
            return change()
        except ReaderError as error:
            self._notice(str(error), "error")
            return None
        finally:
            self.show_annotations()

    def _run_one(
        self, change: Callable[[], Any], old: Annotation | None, delete: bool = False
    ) -> Annotation | None:
        """Apply a store change of one annotation (`old`, None for an add) returning the new
        (or, with `delete`, the removed) one; show it at the cost of that one change."""
        store = self.annotations.store
        assert store is not None
        version = store.version
        try:
            result = change()
        except ReaderError as error:
            self._notice(str(error), "error")
            self.show_annotations()
            return None
        self._changed(version, old, None if delete else result)
        return result

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_highlight", "previous_highlight"):
            # Quiet keys (not in the key bar): nothing to jump between without a store.
            return self.annotations.store is not None
        return super().check_action(action, parameters)

    def action_highlight(self) -> None:
        self.highlight("claim", by_number=False)

    def action_category(self, key: int) -> None:
        self.highlight(category_for_key(key), by_number=True)

    def highlight(self, category: str, by_number: bool) -> Annotation | None:
        """h (a claim) or 1-5: highlight the selection or cursor sentence; 1-5 on an existing
        highlight set its category."""
        store = self._writable()
        if store is None:
            return None
        view = self.article_view
        span = view.selection_range or view.cursor_range
        if span is None:
            self._notice("Nothing to highlight here")
            return None
        label = CATEGORY_LABELS[category]
        existing = self.key_target() if self.claims_list_focused() is not None else None
        existing = existing or self.annotations.exact(span)
        if existing is None and by_number and view.selection_range is None:
            existing = self.annotation_under_cursor()
        if existing is None:
            ann = self._run_one(lambda: store.add(span[0], span[1], category), None)
            self._clear_selection()
            from reader.annotations.overlaps import overlap_notice  # loaded when first used

            notice = ann and overlap_notice(ann, store.overlapping(ann.start, ann.end))
            if notice:  # else the highlight itself shows: no message
                self.status(notice)
            return ann
        self._clear_selection()
        if existing.category == category or not by_number:
            self.status(f"Already highlighted as {existing.label}")
            return existing
        ann = self._run_one(lambda: store.update(existing.id, category=category), existing)
        if ann is not None:
            self.status(f"Changed to {label}")
        return ann

    def action_tags(self) -> None:
        """t: edit the tags of the highlight under the cursor in a small dialog."""
        store = self._writable()
        if store is None:
            return
        ann = self.key_target()
        if ann is None:
            self._no_highlight()
            return
        quote = " ".join(ann.exact.split())
        if len(quote) > 200:
            quote = quote[:199] + "…"

        def done(text: str | None) -> None:
            if text is None or self.annotations.store is not store:
                return
            tags = [tag.strip() for tag in text.split(",")]
            old = store.get(ann.id)
            if old is None:
                self._notice("That highlight is gone: its tags were not saved", "error")
                return
            since = {"tags": ann.tags}  # what the dialog opened with
            self._run_one(lambda: store.update(ann.id, since, tags=[t for t in tags if t]), old)

        from reader.screens.annotation_dialogs import TagsScreen  # built when first used

        self.app.push_dialog(TagsScreen(list(ann.tags), quoted(quote)), done)  # type: ignore[attr-defined]

    def action_delete_highlight(self) -> None:
        """x: delete the highlight under the cursor."""
        store = self._writable()
        if store is None:
            return
        ann = self.key_target()
        if ann is None:
            self._no_highlight()
            return
        if self._run_one(lambda: store.delete(ann.id), ann, delete=True) is not None:
            self.status(f"Deleted the {ann.label} highlight (u undoes)")

    def action_undo(self) -> None:
        store = self._writable()
        if store is not None:
            done = self._run(store.undo)
            self.status(f"Undone: {done}" if done else self.annotations.nothing_to_undo(store))

    def action_redo(self) -> None:
        store = self._writable()
        if store is not None:
            done = self._run(store.redo)
            self.status(f"Redone: {done}" if done else "Nothing to redo")

    def action_next_highlight(self) -> None:
        self._jump(1)

    def action_previous_highlight(self) -> None:
        self._jump(-1)

    def _jump(self, step: int) -> None:
        """] / [: move the cursor to the next / previous highlight drawn."""
        view = self.article_view
        cursor = view.cursor_range
        store = self.annotations.store
        if store is None or cursor is None:
            return
        if self.annotations.shown_version != store.version:
            self.show_annotations()
        drawn = view.highlights
        if step > 0:
            start = drawn.first_start_from(cursor[1])
            if start is None:
                self._notice("No highlight after the cursor" if drawn else "No highlights yet")
                return
        else:
            start = drawn.last_start_before(cursor[0])
            if start is None:
                self._notice("No highlight before the cursor" if drawn else "No highlights yet")
                return
        view.move_cursor_to_offset(start)

    def on_claims_pane_go_to(self, event: ClaimsPane.GoTo) -> None:
        """The claims pane chose an annotation: put the article cursor there."""
        ann = event.annotation
        if ann.orphaned:
            self._notice("That highlight's text is no longer in the article")
            return
        store = self.annotations.store
        current = store.get(ann.id) if store is not None else None
        if current is None or current.orphaned:
            self._notice("That highlight is gone")
            return
        self.article_view.move_cursor_to_offset(current.start)
        self.focus_article()

    # -- files --------------------------------------------------------------------------------

    def action_export_notes(self, fmt: str = "markdown") -> None:
        """e: write `<article>.notes.md`; `E` and the palette: any export format (asking
        before overwriting a file we did not write)."""
        store = self.annotations.store
        if store is None:
            pending = self.annotations.pending
            self._notice("Loading the annotations…" if pending else "No article open")
            return
        from reader.screens.notes_export import export_article

        export_article(self.app, store, fmt)

    def export_library(self, library: Path, fmt: str = "markdown") -> None:
        """Palette and `E`: write the whole `library` folder's `fmt` export (in a thread)."""
        from reader.screens.notes_export import export_library

        export_library(self.app, library, self.annotations.flush, fmt)

    def move_aside(self) -> None:
        """Palette: move an unreadable sidecar aside so annotating works again."""
        store = self.annotations.store
        if store is None:
            self._notice("No article open")
            return
        if store.problem is None:
            self._notice(f"{store.sidecar_path.name} is fine: nothing to move aside")
            return
        try:
            target = store.move_aside()
        except ReaderError as error:
            self._notice(str(error), "error")
            return
        self.show_annotations()
        self._notice(f"Moved the bad annotations file to {target}; annotating is on again")
