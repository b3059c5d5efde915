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
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import os
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reader.annotations.anchoring import reanchor
from reader.annotations.changes import (
    aside_name,
    check_category,
    clean_tags,
    describe_update,
    label,
    selectors,
    text_of,
    without,
)
from reader.annotations.collection import AnnotationCollection
from reader.annotations.database import Records, SidecarDatabase
from reader.annotations.field_edits import EDITABLE_FIELDS, checked_fields
from reader.annotations.highlight_index import Highlight
from reader.annotations.history import Change, History
from reader.annotations.model import (
    SCHEMA_VERSION,
    Annotation,
    utc_now,
)
from reader.annotations.places import (
    StoredPlaces,
    article_facts,
    fits,
    place_key,
    place_record,
    stored_places,
)
from reader.annotations.reading import anchor_loaded
from reader.annotations.record import record_to_annotation
from reader.annotations.saver import CLOSE_SECONDS, ArticleGone, Saver, problem_message
from reader.annotations.sidecar import SidecarProblem, sidecar_path_for
from reader.claims import DocumentAttributions
from reader.document.locate import Locator
from reader.document.model import Document as Article
from reader.errors import NotFoundError, ReaderError

_open_stores: weakref.WeakSet[AnnotationStore] = weakref.WeakSet()


@atexit.register
def _flush_open_stores() -> None:  # pragma: no cover - exercised at interpreter exit
    for store in list(_open_stores):
        try:
            store.flush(timeout=5)
        except Exception:
            pass


class AnnotationStore:
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
            _open_stores.add(store)
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

    # -- places ------------------------------------------------------------------------------
    @property
    def place_key(self) -> str:
        if self._key is None:
            self._key = place_key(self.document)
        return self._key

    def _place(self, ann: Annotation) -> dict[str, Any] | None:
        """The stored place of `ann` when it is still right, else worked out (the database's
        `placer`: only for a record being written)."""
        key = self.place_key
        if fits(ann.place, key, ann.start, ann.end):
            return ann.place
        if self._locator is None:
            self._locator = Locator(self.document)
            self._attributions = DocumentAttributions(self.document)
        assert self._attributions is not None
        return place_record(self._locator, self._attributions, key, ann.start, ann.end)

    def stored_places(self) -> StoredPlaces | None:
        """The article's metadata and every anchored highlight's place as the sidecar keeps
        them, when all of it is for the article's text as read now (else None: parse it)."""
        with self._lock:
            spans = [
                (a.start, a.end, a.place) for a in self._collection.listing() if not a.orphaned
            ]
            return stored_places(self._facts, self.place_key, spans)

    # -- reading -----------------------------------------------------------------------------
    # What the saver found (the UI shows them).
    @property
    def problem(self) -> str | None:
        return self._saver.problem

    @property
    def warning(self) -> str | None:
        return self._saver.warning

    @warning.setter
    def warning(self, value: str | None) -> None:
        self._saver.warning = value

    @property
    def save_failure(self) -> str | None:
        """Why the last save failed, in a few words naming the file or folder at fault (e.g.
        "the disk is full", "<lock> is locked by another program (process 42)"); None once
        a save succeeds. `warning` is the whole sentence for the app."""
        return self._saver.failure

    @property
    def unsaved(self) -> bool:
        return self._saver.unsaved

    @unsaved.setter
    def unsaved(self, value: bool) -> None:
        self._saver.unsaved = value

    @property
    def writable(self) -> bool:
        return self.problem is None and not self.read_only

    @property
    def article_note(self) -> str:
        return self._note

    @property
    def annotations(self) -> list[Annotation]:
        """Anchored annotations in document order (start, end), then orphans."""
        with self._lock:
            return self._collection.listing()

    def __len__(self) -> int:
        return len(self._collection)

    def get(self, id: str) -> Annotation | None:
        return self._collection.get(id)

    def highlight(self, ann: Annotation) -> Highlight:
        """The `Highlight` the article view draws for `ann` (made once per annotation)."""
        return self._collection.highlight(ann)

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Anchored annotations sharing at least one character with start:end (a point range
        start == end counts as that offset), in document order."""
        with self._lock:
            return self._collection.overlapping(start, end)

    def at(self, offset: int) -> list[Annotation]:
        """Anchored annotations covering `offset`, innermost (shortest) first."""
        with self._lock:
            return self._collection.at(offset)

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

    # -- saving ------------------------------------------------------------------------------
    def flush(self, timeout: float | None = None) -> None:
        """Block until every change so far is on disk, or the save failed (see `unsaved` and
        `warning`). Waits at most `timeout` seconds for the lock (None: 10 s) when another
        program holds it."""
        if not self.read_only:
            self._saver.flush(timeout)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Make the changes inside one transaction: nothing of them is written until it ends,
        then the next save (a `flush`, or the writer a moment later) writes them all in one
        atomic replace, so a crash leaves all of them or none. When it ends with an
        exception nothing of it is ever written: the store saves nothing more (close it)."""
        self._saver.hold()
        try:
            yield
        except BaseException:
            self._saver.let_go(abandon=True)
            _open_stores.discard(self)
            raise
        self._saver.let_go()

    def close(self, timeout: float = CLOSE_SECONDS) -> None:
        """Flush (waiting at most `timeout` seconds for a held lock: then `unsaved` says
        so), then stop the writer thread."""
        self.flush(timeout)
        self._saver.stop()
        _open_stores.discard(self)

    def _sync(self, timeout: float) -> None:
        """One save (the saver's): write the database, merged with the file's changes. An
        article that is gone (moved or deleted since it was opened) gets no sidecar: the
        save fails, so the annotations stay in memory, unsaved, and the reader is told."""
        article = Path(self.document.path)
        if not article.exists():
            raise ArticleGone(errno.ENOENT, "the article is gone", str(article))
        with self._lock:
            _open_stores.add(self)
            meta = {
                "schema": SCHEMA_VERSION,
                "sha256": self.document.sha256,
                "source": self._source,
                "article_note": self._note,
                "article_note_modified": self._note_modified,
                "article": article_facts(self.document, self.place_key),
            }
        self._db.storage.lock_timeout = timeout
        merged = self._db.save(meta)
        if merged is not None:  # another process wrote: take in what it changed
            with self._lock:
                self._take_in(merged)

    def _take_in(self, data: dict[str, Any]) -> None:
        """Make `data` (the memory merged with another process's changes) the database, and
        bring the collection and the article note in line with it."""
        report = self._db.take_report()
        if report:
            more = f" (and {len(report) - 1} more)" if len(report) > 1 else ""
            self.notice = report[0] + more
            self.version += 1
        gone, changed, meta = self._db.take_in(data)
        self._facts = meta.get("article")
        refreshed: Records = {}
        if gone or changed:
            anns = self._collection.by_id()
            for key in gone:
                anns.pop(key, None)
            for key, record in changed.items():
                ann = record_to_annotation(record)
                if not ann.orphaned:
                    fresh = reanchor(self.document.text, ann)
                    if selectors(fresh) != selectors(ann):
                        refreshed[key] = self._db.record_of(fresh)
                    ann = fresh
                anns[key] = ann
            self._collection.replace_all(anns.values())
            self.version += 1
        if text_of(meta.get("article_note")) != self._note:
            self._note = text_of(meta.get("article_note"))
            self._note_modified = text_of(meta.get("article_note_modified"))
            self.version += 1
        if refreshed:
            self._db.refill(refreshed)
            self._saver.changed(quiet=True)

    def _bump(self) -> None:
        with self._lock:
            self.version += 1

    # -- other processes ---------------------------------------------------------------------
    def reload_if_changed(self) -> bool:
        """Re-read the sidecar if another process replaced it (a cheap stat otherwise).

        Returns True when it changed and was merged into memory (pending local changes are
        kept and saved later)."""
        if not self._db.storage.changed_on_disk():
            return False
        if not self._saver.exclusive(blocking=False):
            return False  # a save is running; it merges the file anyway
        try:
            try:
                merged = self._db.reload()
            except SidecarProblem as problem:
                with self._lock:
                    if self._saver.problem is None:
                        self._saver.problem = problem_message(str(problem))
                        self.version += 1
                return True
            if merged is None:
                return False
            with self._lock:
                self._take_in(merged)
                if self._saver.pending:
                    self._saver.start()
            return True
        finally:
            self._saver.release()

    # -- a corrupt sidecar -------------------------------------------------------------------
    def move_aside(self) -> Path:
        """Rename the unusable sidecar to `<name>.corrupt-<UTC timestamp>`; annotating resumes."""
        self._saver.exclusive()
        try:
            with self._lock:
                if self.problem is None:
                    raise ReaderError(f"{self.sidecar_path.name} is fine: nothing to move aside")
                target = aside_name(self.sidecar_path)
                try:
                    os.rename(self.sidecar_path, target)
                except FileNotFoundError:
                    pass
                except OSError as error:
                    raise ReaderError(
                        f"cannot move {self.sidecar_path.name} aside: {error.strerror}"
                    ) from None
                self._db.forget_file()
                self.version += 1
                _open_stores.add(self)
                self._saver.resume()
                return target
        finally:
            self._saver.release()
