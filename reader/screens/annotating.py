"""Annotating the open article: the keys of the article view and the controller behind them.

`AnnotatedArticleView` is the article view with the annotation keys bound (h, 1-5, a, A, t,
x, u, ctrl+r, ], [, e); each forwards to the app's `Annotating` controller, which owns the
open article's `AnnotationStore` and keeps the article's highlights, the claims pane and the
notes pane in step with it. Work per change stays small at ten thousand annotations: a
key's change (h, 1-5, x, a note, tags) reaches the article view as one added, removed or
replaced `Highlight` (only that sentence's lines repaint), the claims pane follows after the
article has painted, and the success path shows no toast (a toast lays out the whole
screen): the claims pane's title says what happened. A change from elsewhere (another
process, undo) redraws from the store, reusing the `Highlight` of every unchanged annotation.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from reader.annotations.categories import CATEGORIES, CATEGORY_LABELS, category_for_key
from reader.document.model import Document
from reader.errors import ReaderError
from reader.widgets.article_view import ArticleView, Highlight

if TYPE_CHECKING:  # the annotation model and store load after the first frame
    from reader.annotations.model import Annotation
    from reader.annotations.store import AnnotationStore
    from reader.app import ReaderApp
    from reader.widgets.claims_pane import ClaimsPane
    from reader.widgets.notes_pane import NotesPane

POLL_SECONDS = 1.0  # how often another process's changes to the sidecar are looked for


class AnnotatedArticleView(ArticleView):
    """The article view plus the annotation keys (they act on the app's `Annotating`)."""

    BINDINGS = [
        Binding("h", "highlight", "Highlight", show=True),
        # Keys 1-5, one per category, labelled from the model (one source of truth).
        *(
            Binding(str(key), f"category({key})", CATEGORY_LABELS[slug], show=False)
            for key, slug in enumerate(CATEGORIES, start=1)
        ),
        Binding("a", "note", "Note", show=True),
        Binding("A", "article_note", "Article note", show=False),
        Binding("t", "tags", "Tags", show=False),
        Binding("x", "delete_highlight", "Delete highlight", show=False),
        Binding("u", "undo", "Undo", show=False),
        Binding("ctrl+r", "redo", "Redo", show=False),
        Binding("right_square_bracket", "next_highlight", "Next highlight", show=False),
        Binding("left_square_bracket", "previous_highlight", "Prev highlight", show=False),
        Binding("e", "export_notes", "Export notes", show=False),
    ]

    @property
    def annotating(self) -> Annotating:
        return self.app.annotating  # type: ignore[attr-defined]

    def action_highlight(self) -> None:
        self.annotating.highlight("claim", by_number=False)

    def action_category(self, key: int) -> None:
        self.annotating.highlight(category_for_key(key), by_number=True)

    def action_note(self) -> None:
        self.annotating.edit_note()

    def action_article_note(self) -> None:
        self.annotating.edit_article_note()

    def action_tags(self) -> None:
        self.annotating.edit_tags()

    def action_delete_highlight(self) -> None:
        self.annotating.delete()

    def action_undo(self) -> None:
        self.annotating.undo()

    def action_redo(self) -> None:
        self.annotating.redo()

    def action_next_highlight(self) -> None:
        self.annotating.jump(1)

    def action_previous_highlight(self) -> None:
        self.annotating.jump(-1)

    def action_export_notes(self) -> None:
        self.annotating.export()


class Annotating:
    """The open article's annotations and what shows them. One per app."""

    def __init__(self, app: ReaderApp) -> None:
        self.app = app
        self.store: AnnotationStore | None = None
        self.shown_version = -1
        self._cache: dict[int, tuple[Annotation, Highlight]] = {}
        self._starts: list[int] = []
        self._warned: str | None = None
        # An article to annotate once the claims and notes panes exist (they are built just
        # after the first frame): (document, store or None).
        self._pending: tuple[Document, AnnotationStore | None] | None = None

    # -- widgets -----------------------------------------------------------------------------

    @property
    def view(self) -> ArticleView:
        return self.app.article_view

    @property
    def claims(self) -> ClaimsPane:
        return self.app.reading.claims_pane

    @property
    def notes(self) -> NotesPane:
        return self.app.reading.notes_pane

    def notify(self, message: str, severity: str = "information") -> None:
        self.app.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    def status(self, message: str) -> None:
        """Say what a key did without a toast: in the claims pane's title when it is shown
        (a repaint of one line), else as a notification."""
        if self.app.reading.side_ready and self.app.reading.side_shown:
            self.claims.say(message)
        else:
            self.notify(message)

    # -- the store's life --------------------------------------------------------------------

    def open(self, document: Document, store: AnnotationStore | None = None) -> None:
        """Start annotating `document` (closing the previous article's store); when the panes
        are not built yet, as soon as they are (`panes_ready`)."""
        if self.store is not None and self.store.document is document and store is None:
            return
        if not self.app.reading.side_ready:
            self.close()
            self._pending = (document, store)
            return
        if self.notes.editing is not None:
            self.notes.finish(return_focus=False)
        self.close()
        if store is None:
            from reader.annotations.store import AnnotationStore  # TinyDB: not before paint

            store = AnnotationStore.open(document)
        self.store = store
        self._cache = {}
        self._warned = None
        self.shown_version = -1
        self.refresh()

    def panes_ready(self) -> None:
        """The claims and notes panes exist now: open the article that was waiting for them."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self.open(*pending)

    def close(self) -> None:
        """Save and let go of the open store (on J/K and on quit)."""
        store, self.store = self.store, None
        if store is not None:
            store.close()
        pending, self._pending = self._pending, None
        if pending is not None and pending[1] is not None:
            pending[1].close()

    def flush(self) -> None:
        if self.store is not None:
            self.store.flush(timeout=5)

    def poll(self) -> None:
        """Every POLL_SECONDS: take in another process's changes and the writer's news."""
        store = self.store
        if store is None:
            return
        store.reload_if_changed()
        if store.version != self.shown_version:
            self.refresh()

    # -- keeping the screen in step ----------------------------------------------------------

    def refresh(self) -> None:
        """Redraw highlights and both panes from the store (cheap when nothing changed)."""
        store = self.store
        if store is None:
            return
        version = store.version
        annotations = store.annotations
        anchored = len(annotations)
        while anchored and annotations[anchored - 1].orphaned:
            anchored -= 1  # orphans come last and are not drawn
        # Reuse the Highlight of every annotation object seen before (the store replaces an
        # annotation on change, so identity means unchanged); the cache holds the objects, so
        # their ids cannot be reused while cached.
        cache = self._cache
        get = cache.get
        make = self._make_highlight
        highlights = [
            entry[1] if (entry := get(id(ann))) is not None and entry[0] is ann else make(ann)
            for ann in annotations[:anchored]
        ]
        if len(cache) > 2 * anchored + 64:
            self._cache = {id(ann): cache[id(ann)] for ann in annotations[:anchored]}
        self._starts = [h.start for h in highlights]
        view = self.view
        if view.document is store.document:
            view.set_highlights(highlights)
        self.claims.set_annotations(annotations, store.problem, store.unsaved)
        self.shown_version = version
        self.cursor_moved()
        if store.warning and store.warning != self._warned:
            self._warned = store.warning
            self.app.notify(store.warning, severity="warning", markup=False, timeout=10)

    def _changed(self, version: int, old: Annotation | None, new: Annotation | None) -> None:
        """One annotation changed (`old` -> `new`, either None for an add or a delete) from
        store version `version`: update only what shows it. Anything else pending (another
        process's change, a save problem) falls back to a full `refresh`."""
        store = self.store
        if store is None:
            return
        if version != self.shown_version or store.version != version + 1:
            self.refresh()
            return
        old_h = None
        if old is not None and not old.orphaned:
            entry = self._cache.pop(id(old), None)
            old_h = entry[1] if entry is not None and entry[0] is old else self._highlight_of(old)
            i = bisect_left(self._starts, old.start)
            if i < len(self._starts) and self._starts[i] == old.start:
                del self._starts[i]
        new_h = None
        if new is not None and not new.orphaned:
            new_h = self._make_highlight(new)
            insort(self._starts, new.start)
        view = self.view
        if view.document is store.document:
            if old_h is not None and new_h is not None:
                view.update_highlight(old_h, new_h)
            elif old_h is not None:
                view.remove_highlight(old_h)
            elif new_h is not None:
                view.add_highlight(new_h)
        self.shown_version = store.version
        self.cursor_moved(claims_too=False)
        # The claims list after the article has painted: the key's effect shows first.
        self.app.call_after_refresh(self._claims_changed, store, old, new)

    def _claims_changed(
        self, store: AnnotationStore, old: Annotation | None, new: Annotation | None
    ) -> None:
        if self.store is store:
            self.claims.change(store.annotations, old, new, store.problem, store.unsaved)
            self.claims.set_current(self._current_id())

    def _current_id(self) -> str | None:
        ann = self.under_cursor()
        return ann.id if ann is not None else None

    @staticmethod
    def _highlight_of(ann: Annotation) -> Highlight:
        return Highlight(ann.start, ann.end, ann.category, bool(ann.note.strip()), ann.id)

    def _make_highlight(self, ann: Annotation) -> Highlight:
        highlight = self._highlight_of(ann)
        self._cache[id(ann)] = (ann, highlight)
        return highlight

    def cursor_moved(self, claims_too: bool = True) -> None:
        """Show the highlight under the cursor in the notes pane and mark it in the list."""
        store = self.store
        if store is None:
            return
        ann = self.under_cursor()
        self.notes.show(store.article_note, ann, store.problem)
        if not claims_too:
            return
        claims = self.claims
        claims.set_current(ann.id if ann is not None else None)
        if claims.message is not None:
            claims.say(None)  # the last key's message goes when the cursor moves

    def under_cursor(self) -> Annotation | None:
        """The innermost highlight overlapping the cursor sentence, preferring one that starts
        in it; with a selection, the highlight of exactly that range (if any) first."""
        store = self.store
        view = self.view
        if store is None or view.document is not store.document:
            return None
        selection = view.selection_range
        if selection is not None:
            exact = self._exact(selection)
            if exact is not None:
                return exact
        cursor = view.cursor_range
        if cursor is None:
            return None
        found = store.overlapping(cursor[0], cursor[1])
        starting = [a for a in found if cursor[0] <= a.start < cursor[1]] or found
        if not starting:
            return None
        return min(starting, key=lambda a: (a.end - a.start, a.start))

    def _exact(self, span: tuple[int, int]) -> Annotation | None:
        assert self.store is not None
        for ann in self.store.overlapping(span[0], span[1]):
            if (ann.start, ann.end) == span:
                return ann
        return None

    def _writable(self) -> AnnotationStore | None:
        """The store if annotating is possible now; otherwise say why and return None."""
        store = self.store
        if store is None and self._pending is not None:
            self.notify("Loading the annotations…")
            return None
        if store is None or self.view.document is not store.document:
            self.notify("No article open")
            return None
        if store.problem is not None:
            self.notify(f"Annotating is off: {store.problem}", "warning")
            return None
        return store

    def _target_range(self) -> tuple[int, int] | None:
        return self.view.selection_range or self.view.cursor_range

    def _clear_selection(self) -> None:
        if self.view.selection_range is not None:
            self.view.action_select()  # toggles the selection off

    def _run(self, change) -> object:
        """Apply a store change; a ReaderError becomes a notification (returns None)."""
        try:
            return change()
        except ReaderError as error:
            self.notify(str(error), "error")
            return None
        finally:
            self.refresh()

    def _run_one(self, change, old: Annotation | None, delete: bool = False) -> Annotation | None:
        """Apply a store change of one annotation (`old`, None for an add) returning the new
        (or, with `delete`, the removed) one; show it at the cost of that one change."""
        store = self.store
        assert store is not None
        version = store.version
        try:
            result = change()
        except ReaderError as error:
            self.notify(str(error), "error")
            self.refresh()
            return None
        if old is None:
            self._changed(version, None, result)
        elif delete:
            self._changed(version, old, None)
        else:
            self._changed(version, old, result)
        return result

    # -- keys ---------------------------------------------------------------------------------

    def highlight(self, category: str, by_number: bool) -> Annotation | None:
        """h (a claim) or 1-5: highlight the selection or cursor sentence; 1-5 on an existing
        highlight set its category."""
        store = self._writable()
        if store is None:
            return None
        span = self._target_range()
        if span is None:
            self.notify("Nothing to highlight here")
            return None
        label = CATEGORY_LABELS[category]
        existing = self._exact(span)
        if existing is None and by_number and self.view.selection_range is None:
            existing = self.under_cursor()
        if existing is None:
            ann = self._run_one(lambda: store.add(span[0], span[1], category), None)
            self._clear_selection()
            return ann  # the highlight itself shows: no message
        self._clear_selection()
        if existing.category == category or not by_number:
            self.status(f"Already highlighted as {existing.label}")
            return existing
        ann = self._run_one(lambda: store.update(existing.id, category=category), existing)
        if ann is not None:
            self.status(f"Now a {label} highlight")
        return ann

    def _side_shown(self) -> None:
        reading = self.app.reading
        if not reading.side_shown:
            reading.toggle_side()

    def edit_note(self) -> None:
        """a: edit the note of the highlight under the cursor (highlighting it first)."""
        store = self._writable()
        if store is None:
            return
        ann = self.under_cursor()
        if ann is None:
            ann = self.highlight("claim", by_number=False)
            if ann is None:
                return
        self._side_shown()
        self.notes.edit(ann.id, ann.note, ann)

    def edit_article_note(self) -> None:
        """A: edit the article's own note."""
        store = self._writable()
        if store is None:
            return
        from reader.widgets.notes_pane import ARTICLE

        self._side_shown()
        self.notes.edit(ARTICLE, store.article_note)

    def note_saved(self, event: NotesPane.NoteSaved) -> None:
        from reader.widgets.notes_pane import ARTICLE

        store = self.store
        if store is not None:
            if event.target == ARTICLE:
                self._run(lambda: store.set_article_note(event.text))
            elif store.get(event.target) is None:
                self.notify("That highlight is gone: its note was not saved", "error")
            else:
                old = store.get(event.target)
                self._run_one(lambda: store.update(event.target, note=event.text), old)
        if event.return_focus:
            self.app.reading.focus_article()

    def edit_tags(self) -> None:
        """t: edit the tags of the highlight under the cursor in a small dialog."""
        store = self._writable()
        if store is None:
            return
        ann = self.under_cursor()
        if ann is None:
            self.notify("No highlight at the cursor: h highlights the sentence first")
            return
        quote = " ".join(ann.exact.split())
        if len(quote) > 200:
            quote = quote[:199] + "…"

        def done(text: str | None) -> None:
            if text is None or self.store is not store:
                return
            tags = [tag.strip() for tag in text.split(",")]
            old = store.get(ann.id)
            if old is None:
                self.notify("That highlight is gone: its tags were not saved", "error")
                return
            self._run_one(lambda: store.update(ann.id, tags=[t for t in tags if t]), old)

        from reader.screens.annotation_dialogs import TagsScreen  # loaded when first used

        self.app.push_dialog(TagsScreen(list(ann.tags), f"“{quote}”"), done)

    def delete(self) -> None:
        """x: delete the highlight under the cursor."""
        store = self._writable()
        if store is None:
            return
        ann = self.under_cursor()
        if ann is None:
            self.notify("No highlight at the cursor")
            return
        if self._run_one(lambda: store.delete(ann.id), ann, delete=True) is not None:
            self.status(f"Deleted the {ann.label} highlight (u undoes)")

    def undo(self) -> None:
        store = self._writable()
        if store is not None:
            done = self._run(store.undo)
            self.status(f"Undone: {done}" if done else "Nothing to undo")

    def redo(self) -> None:
        store = self._writable()
        if store is not None:
            done = self._run(store.redo)
            self.status(f"Redone: {done}" if done else "Nothing to redo")

    def jump(self, step: int) -> None:
        """] / [: move the cursor to the next / previous highlight."""
        cursor = self.view.cursor_range
        if self.store is None or cursor is None:
            return
        if self.shown_version != self.store.version:
            self.refresh()
        starts = self._starts
        if step > 0:
            index = bisect_left(starts, cursor[1])
            if index >= len(starts):
                self.notify("No highlight after the cursor" if starts else "No highlights yet")
                return
        else:
            index = bisect_left(starts, cursor[0]) - 1
            if index < 0:
                self.notify("No highlight before the cursor" if starts else "No highlights yet")
                return
        self.view.move_cursor_to_offset(starts[index])

    def go_to(self, ann: Annotation) -> None:
        """The claims pane chose `ann`: put the article cursor there."""
        if ann.orphaned:
            self.notify("That highlight's text is no longer in the article")
            return
        current = self.store.get(ann.id) if self.store is not None else None
        if current is None or current.orphaned:
            self.notify("That highlight is gone")
            return
        self.view.move_cursor_to_offset(current.start)
        self.app.reading.focus_article()

    # -- files --------------------------------------------------------------------------------

    def export(self, force: bool = False) -> Path | None:
        """e: write `<article>.notes.md`; ask before overwriting a file we did not write."""
        from reader.export.markdown import ExportExists, write_article_notes

        store = self.store
        if store is None:
            self.notify("Loading the annotations…" if self._pending else "No article open")
            return None
        try:
            path = write_article_notes(store.document, store, force=force)
        except ExportExists as exists:
            question = f"{exists.path} exists and was not written by margin-reader. Overwrite it?"
            from reader.screens.annotation_dialogs import ConfirmScreen

            self.app.push_dialog(
                ConfirmScreen(question), lambda yes: self.export(force=True) if yes else None
            )
            return None
        except ReaderError as error:
            self.notify(str(error), "error")
            return None
        self.notify(f"Notes written to {path}")
        return path

    def export_library(self, force: bool = False) -> None:
        """Palette: write `library.notes.md` for the whole library folder (in a thread)."""
        self.flush()
        self.app.run_worker(
            lambda: self._export_library(force), thread=True, group="export", exclusive=True
        )

    def _export_library(self, force: bool) -> None:
        from reader.export.library import write_library_notes
        from reader.export.markdown import ExportExists

        app = self.app
        try:
            path, warnings = write_library_notes(app.library_root, force=force)
        except ExportExists as exists:
            question = f"{exists.path} exists and was not written by margin-reader. Overwrite it?"

            def ask() -> None:
                from reader.screens.annotation_dialogs import ConfirmScreen

                app.push_dialog(
                    ConfirmScreen(question),
                    lambda yes: self.export_library(force=True) if yes else None,
                )

            app.call_from_thread(ask)
            return
        except (ReaderError, OSError) as error:
            app.call_from_thread(self.notify, str(error), "error")
            return
        extra = f" ({len(warnings)} articles skipped)" if warnings else ""
        app.call_from_thread(self.notify, f"Library notes written to {path}{extra}")

    def move_aside(self) -> None:
        """Palette: move an unreadable sidecar aside so annotating works again."""
        store = self.store
        if store is None:
            self.notify("No article open")
            return
        if store.problem is None:
            self.notify(f"{store.sidecar_path.name} is fine: nothing to move aside")
            return
        try:
            target = store.move_aside()
        except ReaderError as error:
            self.notify(str(error), "error")
            return
        self.refresh()
        self.notify(f"Moved the bad annotations file to {target}; annotating is on again")
