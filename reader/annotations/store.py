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
    without,
)
from reader.annotations.collection import AnnotationCollection
from reader.annotations.database import Records, SidecarDatabase
from reader.annotations.field_edits import EDITABLE_FIELDS, checked_fields
from reader.annotations.history import Change, History
from reader.annotations.model import Annotation, utc_now
from reader.annotations.reading import anchor_loaded
from reader.annotations.record import record_to_annotation
from reader.annotations.saver import Saver, problem_message
from reader.annotations.sidecar import SidecarProblem, sidecar_path_for
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
            store._saver.problem = problem_message(str(problem))
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
            raise ReaderError(self.problem)
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

        Returns ("matched", existing) when the same id or the same range is already stored (an
        imported copy with a later `modified` updates the stored category, note and tags),
        ("added", stored) or ("orphaned", stored) when its quote was not found (kept anyway).
        """
        self._require_writable()
        with self._lock:
            existing = self._collection.get(ann.id)
            placed = reanchor(self.document.text, ann)
            if existing is None and not placed.orphaned:
                existing = self._collection.find_range(placed.start, placed.end)
            if existing is not None:
                if ann.modified > existing.modified and any(
                    getattr(ann, k) != getattr(existing, k) for k in EDITABLE_FIELDS
                ):
                    updated = existing.replace(
                        category=ann.category,
                        note=ann.note,
                        tags=list(ann.tags),
                        status=ann.status,
                        rationale=ann.rationale,
                        evidence=list(ann.evidence),
                        modified=ann.modified,
                        malformed=without(existing.malformed, EDITABLE_FIELDS + ("modified",)),
                    )
                    self._commit(Change("import annotation", ((existing.id, existing, updated),)))
                    existing = updated
                return "matched", existing
            now = utc_now()
            placed = placed.replace(created=placed.created or now, modified=placed.modified or now)
            self._commit(Change("import annotation", ((placed.id, None, placed),)))
            return ("orphaned" if placed.orphaned else "added"), placed

    def update(self, id: str, **fields: Any) -> Annotation:
        """Change category, note, tags, status, rationale and/or evidence, or clear
        `edited_from` (reader.annotations.field_edits); bumps `modified`."""
        self._require_writable()
        fields = checked_fields(fields)
        with self._lock:
            old = self._get_or_raise(id)
            if all(getattr(old, k) == v for k, v in fields.items()):
                return old
            fixed = without(old.malformed, (*fields, "modified"))
            new = old.replace(**fields, modified=utc_now(), extra=dict(old.extra), malformed=fixed)
            self._commit(Change(describe_update(old, new), ((id, old, new),)))
            return new

    def delete(self, id: str) -> Annotation:
        self._require_writable()
        with self._lock:
            old = self._get_or_raise(id)
            self._commit(Change(f"delete {label(old.category)} highlight", ((id, old, None),)))
            return old

    def set_article_note(self, text: str) -> None:
        self._require_writable()
        with self._lock:
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
