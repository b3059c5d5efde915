"""An article's annotations: in memory at once, saved in the background, merged across processes.

The sidecar is a TinyDB database (`TinyDB(path, storage=WriteBehind(SidecarStorage))`):
each annotation is a document of its `annotations` table (reader/annotations/record.py), the
article note and what the sidecar is for are the `meta` table's document. Every change
updates the collection (what the UI reads: reader/annotations/collection.py) and the TinyDB
document at once and bumps `version`; the saver writes the database a moment later, merged
with whatever another process wrote (reader/annotations/saver.py, sidecar.py, merge.py), so
two `reader` processes on one article keep each other's annotations. `flush()` saves
synchronously (on quit, on SIGTERM).

Failure modes never lose what is in memory:

* a sidecar that is not valid JSON, or from a newer schema, is never overwritten: `problem`
  says what is wrong, `writable` is False and changes raise `ReaderError` until
  `move_aside()`;
* a failed write (read-only folder, full disk) sets `warning` and `unsaved`; annotations stay
  in memory (exportable) and the next change or `flush()` retries. Both say the state now:
  a save that succeeds clears them, every later failure sets them again, and each change of
  either bumps `version`.

Annotations returned by the store are shared objects: treat them as read-only and change them
through `update()`.

This module holds opening and changing; the read side (what the UI asks, the stored places)
is `StoreReading` (store_reading.py), saving and merging in another process's changes
`StoreSaving` (store_saving.py).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from reader.annotations.anchoring import reanchor
from reader.annotations.changes import (
    check_category,
    clean_tags,
    describe_update,
    label,
    text_of,
)
from reader.annotations.collection import AnnotationCollection
from reader.annotations.database import Records, SidecarDatabase
from reader.annotations.edits_since import (
    NOTE_KEPT,
    TAGS_KEPT,
    VERDICT_KEPT,
    imported_fields,
    merge_note_since,
    rebase_fields,
)
from reader.annotations.field_edits import checked_fields
from reader.annotations.history import Change, History
from reader.annotations.kept import keep_replaced
from reader.annotations.merge import short_quote
from reader.annotations.model import Annotation, utc_now
from reader.annotations.reading import anchor_loaded
from reader.annotations.record import record_to_annotation
from reader.annotations.saver import Saver
from reader.annotations.sidecar import SidecarProblem, sidecar_path_for
from reader.annotations.sidecar_file import problem_message
from reader.annotations.store_reading import StoreReading
from reader.annotations.store_saving import StoreSaving, open_stores
from reader.claims.attribution import DocumentAttributions
from reader.document.locate import Locator
from reader.document.model import Document as Article
from reader.errors import NotFoundError, ReaderError


class AnnotationStore(StoreReading, StoreSaving):
    def __init__(self, document: Article, read_only: bool = False) -> None:
        self.document = document
        self.sidecar_path: Path = sidecar_path_for(document.path)
        self.read_only = read_only
        self.version = 0
        # What the UI should tell the user once, in one line (e.g. a note edited in two
        # windows was kept with both texts); set with a version bump, the UI may clear it.
        self.notice: str | None = None
        self._told: set[tuple[str, str, str]] = set()  # (id, field, part) kept and told
        self._source = Path(document.path).name
        self._lock = threading.RLock()  # the memory: collection, database, note
        self._collection = AnnotationCollection()
        self._note = ""
        self._note_modified = ""
        self._db = SidecarDatabase(self.sidecar_path, self._source, self._lock, read_only)
        self._db.placer = self._place
        self._facts: Any = None  # the meta record's "article" (reader/annotations/places.py)
        self._key: str | None = None
        self._locator: Locator | None = None
        self._attributions: DocumentAttributions | None = None
        self._saver = Saver(self._sync, self._lock, self.sidecar_path, self._source, self._bump)

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, document: Article, read_only: bool = False) -> AnnotationStore:
        """The store for `document`; never raises for a bad sidecar (see `problem`).

        `read_only=True` (the export and listing verbs) reads and re-anchors in memory only:
        no writer thread, nothing is ever written (re-anchoring after the text changed is
        not saved either), and changes raise `ReaderError`."""
        store = cls(document, read_only)
        try:
            records, meta, repeats = store._db.read()
        except SidecarProblem as problem:
            store._saver.problem = str(problem)
            return store
        store._load(records, meta, repeats)
        if not read_only:
            store._collection.prepare()  # the highlights to draw: here, off the UI thread
            open_stores.add(store)
        return store

    def _load(self, records: Records, meta: dict[str, Any], repeats: int) -> None:
        text = self.document.text
        same_text = meta.get("sha256") == self.document.sha256
        loaded = [record_to_annotation(record) for record in records.values()]
        anns, moved = anchor_loaded(text, same_text, loaded)
        self._collection.replace_all(anns)
        self._note = text_of(meta.get("article_note"))
        self._note_modified = text_of(meta.get("article_note_modified"))
        self._facts = meta.get("article")
        self.version += 1
        if self.read_only:
            return
        if self._db.renamed:
            self.notice = repeated_ids_notice(self._db.renamed, self.sidecar_path.name)
        if repeats:
            self._db.drop_repeats()
        refreshed: Records = {ann.id: self._db.record_of(ann) for ann in moved}
        self._db.refill(refreshed)
        if refreshed or repeats or (loaded and not same_text):
            # Save the refreshed selectors and the new text's sha, quietly (not a user change).
            self._saver.changed(quiet=True)

    # -- changing ----------------------------------------------------------------------------
    def _require_writable(self) -> None:
        if self.problem is not None:
            raise ReaderError(problem_message(self.problem))
        if self.read_only:
            raise ReaderError(f"{self.sidecar_path.name} was opened read-only")

    def add(
        self, start: int, end: int, category: str = "claim", note: str = "", tags: Any = ()
    ) -> Annotation:
        """Highlight start:end; the same range already stored returns the stored one."""
        self._require_writable()
        check_category(category)
        text = self.document.text
        if not (0 <= start < end <= len(text)):
            raise ReaderError(
                f"cannot highlight {start}:{end}: the article has {len(text)} characters"
            )
        with self._lock:
            existing = self._collection.find_range(start, end)
            if existing is not None:
                return existing
            ann = Annotation.create(text, start, end, category, note, clean_tags(tags))
            self._commit(Change(f"add {label(category)} highlight", ((ann.id, None, ann),)))
            return ann

    def add_annotation(self, ann: Annotation) -> tuple[str, Annotation]:
        """Import `ann`: re-anchor it here and store it.

        Returns ("matched", existing) when the same id or the same range is already stored
        and the copy brings nothing new, ("merged", updated) when it does (its note joins the
        stored one, its tags are added: `imported_fields` in edits_since.py),
        ("added", stored) or ("orphaned", stored) when its quote was not found (kept anyway).
        """
        self._require_writable()
        with self._lock:
            existing = self._collection.get(ann.id)
            placed = reanchor(self.document.text, ann)
            if existing is None and not placed.orphaned:
                existing = self._collection.find_range(placed.start, placed.end)
            if existing is not None:
                fields = imported_fields(existing, ann)
                if not fields:
                    return "matched", existing
                modified = max(ann.modified, existing.modified)
                extra, malformed = keep_replaced(
                    existing.extra, existing.malformed, (*fields, "modified")
                )
                updated = existing.replace(
                    **fields, modified=modified, extra=extra, malformed=malformed
                )
                self._commit(Change("import annotation", ((existing.id, existing, updated),)))
                return "merged", updated
            now = utc_now()
            placed = placed.replace(created=placed.created or now, modified=placed.modified or now)
            self._commit(Change("import annotation", ((placed.id, None, placed),)))
            return ("orphaned" if placed.orphaned else "added"), placed

    def update(self, id: str, since: dict[str, Any] | None = None, **fields: Any) -> Annotation:
        """Change category, note, tags, status, rationale and/or evidence, or clear
        `edited_from` (reader.annotations.field_edits); bumps `modified`. `since`: the note
        and/or tags the edit started from; what another window changed them to meanwhile is
        kept (reader/annotations/edits_since.py) and `notice` says so once."""
        self._require_writable()
        fields = checked_fields(fields)
        with self._lock:
            old = self._get_or_raise(id)
            if since:
                fields, kept = rebase_fields(old, since, fields)
                self._tell_kept(old, kept)
            if all(getattr(old, k) == v for k, v in fields.items()):
                return old
            extra, malformed = keep_replaced(old.extra, old.malformed, (*fields, "modified"))
            new = old.replace(**fields, modified=utc_now(), extra=extra, malformed=malformed)
            self._commit(Change(describe_update(old, new), ((id, old, new),)))
            return new

    def _tell_kept(self, ann: Annotation, kept: dict[str, list[str]]) -> None:
        """Set `notice` for what an edit kept of another window's changes, once for each."""
        news = [(ann.id, k, part) for k, parts in kept.items() for part in parts]
        if not news or set(news) <= self._told:
            return
        self._told.update(news)
        what = " and ".join(f"the {k} of {short_quote(ann.exact)}" for k in kept)
        said = NOTE_KEPT if "note" in kept else VERDICT_KEPT if "verdict" in kept else TAGS_KEPT
        self.notice = f"{what} {said}"
        self.version += 1

    def delete(self, id: str) -> Annotation:
        self._require_writable()
        with self._lock:
            old = self._get_or_raise(id)
            self._commit(Change(f"delete {label(old.category)} highlight", ((id, old, None),)))
            return old

    def set_article_note(self, text: str, since: str | None = None) -> None:
        """Set the article's note; `since`, the note the edit started from: another window's
        change meanwhile is kept as in `update`."""
        self._require_writable()
        with self._lock:
            if since is not None and self._note != since:
                text, kept = merge_note_since(since, text, self._note)
                if kept and not {("", "note", part) for part in kept} <= self._told:
                    self._told.update(("", "note", part) for part in kept)
                    self.notice = f"the article note {NOTE_KEPT}"
                    self.version += 1
            if text == self._note:
                return
            self._commit(Change("edit article note", note=(self._note, text)))

    def undo(self) -> str | None:
        """Undo the last change of this session; its description, or None."""
        self._require_writable()
        with self._lock:
            change = self._collection.history.pop_undo()
            if change is None:
                return None
            self._apply(change, forward=False)
            return change.description

    def redo(self) -> str | None:
        self._require_writable()
        with self._lock:
            change = self._collection.history.pop_redo()
            if change is None:
                return None
            self._apply(change, forward=True)
            return change.description

    @property
    def history(self) -> History:
        """This session's undo history of the article (kept by the app across J/K)."""
        return self._collection.history

    def adopt_history(self, history: History) -> None:
        """Continue `history`, made by an earlier store of the same article text: undo and
        redo then reach the changes made before the article was closed and opened again."""
        with self._lock:
            self._collection.history = history

    @property
    def can_undo(self) -> bool:
        return self._collection.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._collection.history.can_redo

    def _get_or_raise(self, id: str) -> Annotation:
        ann = self._collection.get(id)
        if ann is None:
            raise NotFoundError(f"no annotation {id} in {self.sidecar_path.name}")
        return ann

    def _commit(self, change: Change) -> None:
        self._collection.history.record(change)
        self._apply(change, forward=True)

    def _apply(self, change: Change, forward: bool) -> None:
        with self._lock:
            for key, before, after in change.items:
                state = after if forward else before
                self._collection.set(key, state)
                self._db.put(key, state)
            if change.note is not None:
                self._note = change.note[1] if forward else change.note[0]
                self._note_modified = utc_now()
            self.version += 1
        self._saver.changed()


def repeated_ids_notice(count: int, sidecar: str) -> str:
    one = count == 1
    return (
        f"{count} highlight{'' if one else 's'} in {sidecar} had the id of another: "
        f"{'it' if one else 'each'} was given an id of its own (nothing was dropped)"
    )
