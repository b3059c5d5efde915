"""An article's annotations: in memory at once, saved in the background, merged across processes.

Every change updates memory and bumps `version` immediately; a writer thread saves it to the
sidecar after a short quiet period, so a burst of changes costs about one write. A save takes
the sidecar's lock, reads the file, 3-way merges it with memory (see
`storage.merge_records`) and atomically replaces it, so two `reader` processes on one article
keep each other's annotations. `flush()` saves synchronously (on quit, on SIGTERM).

Failure modes never lose what is in memory:

* a sidecar that is not valid JSON, or from a newer schema, is never overwritten: `problem`
  says what is wrong, `writable` is False and changes raise `ReaderError` until
  `move_aside()`;
* a failed write (read-only folder, full disk) sets `warning` and `unsaved`; annotations stay
  in memory (exportable) and the next change or `flush()` retries.

Annotations returned by the store are shared objects: treat them as read-only and change them
through `update()`.
"""

from __future__ import annotations

import atexit
import bisect
import errno
import operator
import os
import threading
import time
import weakref
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.annotations.anchoring import reanchor, still_anchored
from reader.annotations.history import Change, History
from reader.annotations.model import (
    CATEGORIES,
    CATEGORY_LABELS,
    SCHEMA_VERSION,
    Annotation,
    utc_now,
)
from reader.annotations.storage import (
    FileStamp,
    SidecarData,
    SidecarProblem,
    SidecarStorage,
    annotation_to_record,
    decode,
    dumps,
    encode,
    merge_records,
    merge_value,
    record_to_annotation,
    sidecar_path_for,
)
from reader.document.model import Document
from reader.errors import NotFoundError, ReaderError

# A save starts once changes have been quiet this long, or at the latest this long after the
# first unsaved change.
QUIET_SECONDS = 0.05
MAX_DELAY_SECONDS = 0.5
EDITABLE_FIELDS = ("category", "note", "tags")

_open_stores: weakref.WeakSet[AnnotationStore] = weakref.WeakSet()


@atexit.register
def _flush_open_stores() -> None:  # pragma: no cover - exercised at interpreter exit
    for store in list(_open_stores):
        try:
            store.flush(timeout=5)
        except Exception:
            pass


def _problem_message(problem: str) -> str:
    return f"{problem}: annotating is off until it is moved aside"


def _label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def check_category(category: str) -> str:
    if category not in CATEGORIES:
        raise ReaderError(f"unknown category {category!r}: use one of {', '.join(CATEGORIES)}")
    return category


def _clean_tags(tags: Any) -> list[str]:
    if isinstance(tags, str):
        tags = [tags]
    out: list[str] = []
    for tag in tags or ():
        tag = str(tag).strip()
        if tag and tag not in out:
            out.append(tag)
    return out


class AnnotationStore:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.sidecar_path: Path = sidecar_path_for(document.path)
        self._storage = SidecarStorage(self.sidecar_path)
        self.problem: str | None = None
        self.warning: str | None = None
        self.unsaved = False
        self.read_only = False
        self.version = 0
        self._anns: dict[str, Annotation] = {}
        self._note = ""
        self._note_modified = ""
        # What we last saw on disk (the base of every 3-way merge).
        self._base: dict[str, dict[str, Any]] = {}
        self._base_note = ""
        self._base_meta: dict[str, Any] = {}
        self._other_tables: dict[str, Any] = {}
        self._stamp: FileStamp | None = None
        self._record_cache: dict[str, tuple[Annotation, dict[str, Any]]] = {}
        self._row_cache: dict[int, Any] = {}  # encoded rows of the last save (storage.dumps)
        self._history = History()
        # Save bookkeeping: local changes are numbered; a save covers all up to its number.
        self._change_seq = 0
        self._saved_seq = 0
        self._failed_seq = 0
        self._quiet_seq = 0  # changes up to here were not the user's (re-anchoring on open)
        self._first_pending = 0.0
        self._last_change = 0.0
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._io_lock = threading.RLock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._flush_now = False
        self._index_valid = False
        self._anchored: list[Annotation] = []
        self._keys: list[tuple[int, int, str, str]] = []
        self._starts: list[int] = []
        self._orphans: list[Annotation] = []
        self._orphan_keys: list[tuple[str, str]] = []
        self._max_len = 0
        self._listing: list[Annotation] | None = None

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, document: Document, read_only: bool = False) -> AnnotationStore:
        """The store for `document`; never raises for a bad sidecar (see `problem`).

        `read_only=True` (the export and listing verbs) reads and re-anchors in memory only:
        no writer thread, nothing is ever written (re-anchoring after the text changed is
        not saved either), and changes raise `ReaderError`."""
        store = cls(document)
        store.read_only = read_only
        try:
            raw, stamp = store._storage.read_with_stamp()
            data = decode(raw, store.sidecar_path.name, records=not read_only)
        except SidecarProblem as problem:
            store.problem = _problem_message(str(problem))
            return store
        store._load(data, stamp, exists=stamp is not None)
        if not read_only:
            _open_stores.add(store)
        return store

    def _load(self, data: SidecarData, stamp: FileStamp | None, exists: bool) -> None:
        text = self.document.text
        same_text = data.sha256 == self.document.sha256
        changed = exists and bool(data.annotations) and not same_text
        loaded = list(data.annotations.values())
        # Position order matters only for re-anchoring (the shift carried to the next one):
        # when every annotation is still anchored as stored (the usual open), skip the sort.
        kept_ids = {a.id for a in loaded if (same_text if a.orphaned else still_anchored(text, a))}
        if len(kept_ids) < len(loaded):
            loaded.sort(key=lambda a: (a.start, a.end))
        source = Path(self.document.path).name
        records = data.records
        anns = self._anns
        delta = 0  # the last shift seen: text inserted above moves the rest alike
        for ann in loaded:
            if ann.id in kept_ids:
                # Re-anchoring would give the very same selectors: keep the decoded object
                # (and its normalised record, so the first save does not rebuild it).
                record = records.get(ann.id)
                if record is not None and record["target"].get("source") == source:
                    self._record_cache[ann.id] = (ann, record)
            else:
                fresh = reanchor(text, ann, (delta,) if delta else ())
                if _selectors(fresh) != _selectors(ann):
                    changed = True
                    if not fresh.orphaned and ann.start >= 0:
                        delta = fresh.start - ann.start
                ann = fresh
            anns[ann.id] = ann
        self._base = dict(data.records)
        self._base_meta = dict(data.meta)
        self._base_note = data.article_note
        self._note = data.article_note
        self._note_modified = data.article_note_modified
        self._other_tables = data.other_tables
        self._stamp = stamp
        self._invalidate_index()
        self.version += 1
        if changed and not self.read_only:
            # Save the refreshed selectors and the new text's sha, quietly (not a user change).
            self._change_seq += 1
            self._quiet_seq = self._change_seq
            self._schedule()

    # -- reading -----------------------------------------------------------------------------
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
            self._ensure_index()
            if self._listing is None:
                self._listing = self._anchored + self._orphans
            return list(self._listing)

    def __len__(self) -> int:
        return len(self._anns)

    def get(self, id: str) -> Annotation | None:
        return self._anns.get(id)

    # The order index: anchored annotations sorted by `_order_key` (with their starts, for
    # bisection), orphans by creation. Single changes update it in place; bulk changes (load,
    # merge) invalidate it and the next read rebuilds it.
    def _ensure_index(self) -> None:
        if self._index_valid:
            return
        anns = list(self._anns.values())
        self._anchored = sorted((a for a in anns if not a.orphaned), key=_order_key)
        self._keys = [_order_key(a) for a in self._anchored]
        self._starts = [a.start for a in self._anchored]
        self._orphans = sorted((a for a in anns if a.orphaned), key=_orphan_key)
        self._orphan_keys = [_orphan_key(a) for a in self._orphans]
        self._max_len = max((a.end - a.start for a in self._anchored), default=0)
        self._listing = None
        self._index_valid = True

    def _invalidate_index(self) -> None:
        self._index_valid = False
        self._listing = None

    def _reindex(self, old: Annotation | None, new: Annotation | None) -> None:
        if not self._index_valid:
            return
        self._listing = None
        if old is not None:
            if old.orphaned:
                keys, items, key = self._orphan_keys, self._orphans, _orphan_key(old)
            else:
                keys, items, key = self._keys, self._anchored, _order_key(old)
            i = bisect.bisect_left(keys, key)
            if i >= len(items) or items[i].id != old.id:
                self._invalidate_index()
                return
            del keys[i], items[i]
            if not old.orphaned:
                del self._starts[i]
        if new is not None:
            if new.orphaned:
                key = _orphan_key(new)
                i = bisect.bisect_left(self._orphan_keys, key)
                self._orphan_keys.insert(i, key)
                self._orphans.insert(i, new)
            else:
                key = _order_key(new)
                i = bisect.bisect_left(self._keys, key)
                self._keys.insert(i, key)
                self._anchored.insert(i, new)
                self._starts.insert(i, new.start)
                self._max_len = max(self._max_len, new.end - new.start)

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Anchored annotations sharing at least one character with start:end (a point range
        start == end counts as that offset), in document order."""
        if end <= start:
            end = start + 1
        with self._lock:
            self._ensure_index()
            anchored, starts = self._anchored, self._starts
            hi = bisect.bisect_left(starts, end)
            lo = bisect.bisect_left(starts, start - self._max_len)
            return [a for a in anchored[lo:hi] if a.end > start]

    def at(self, offset: int) -> list[Annotation]:
        """Anchored annotations covering `offset`, innermost (shortest) first."""
        found = self.overlapping(offset, offset + 1)
        found.sort(key=lambda a: (a.end - a.start, a.start))
        return found

    def _find_range(self, start: int, end: int) -> Annotation | None:
        """The anchored annotation spanning exactly start:end, if any."""
        with self._lock:
            self._ensure_index()
            i = bisect.bisect_left(self._starts, start)
            while i < len(self._starts) and self._starts[i] == start:
                if self._anchored[i].end == end:
                    return self._anchored[i]
                i += 1
            return None

    # -- changing ----------------------------------------------------------------------------
    def _require_writable(self) -> None:
        if self.problem is not None:
            raise ReaderError(self.problem)
        if self.read_only:
            raise ReaderError(f"{self.sidecar_path.name} was opened read-only")

    def add(
        self,
        start: int,
        end: int,
        category: str = "claim",
        note: str = "",
        tags: Any = (),
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
            existing = self._find_range(start, end)
            if existing is not None:
                return existing
            ann = Annotation.create(text, start, end, category, note, _clean_tags(tags))
            self._commit(Change(f"add {_label(category)} highlight", ((ann.id, None, ann),)))
            return ann

    def add_annotation(self, ann: Annotation) -> tuple[str, Annotation]:
        """Import `ann`: re-anchor it here and store it.

        Returns ("matched", existing) when the same id or the same range is already stored (an
        imported copy with a later `modified` updates the stored category, note and tags),
        ("added", stored) or ("orphaned", stored) when its quote was not found (kept anyway).
        """
        self._require_writable()
        with self._lock:
            existing = self._anns.get(ann.id)
            placed = reanchor(self.document.text, ann)
            if existing is None and not placed.orphaned:
                existing = self._find_range(placed.start, placed.end)
            if existing is not None:
                if ann.modified > existing.modified and (
                    (ann.category, ann.note, list(ann.tags))
                    != (existing.category, existing.note, existing.tags)
                ):
                    updated = existing.replace(
                        category=ann.category,
                        note=ann.note,
                        tags=list(ann.tags),
                        modified=ann.modified,
                    )
                    self._commit(Change("import annotation", ((existing.id, existing, updated),)))
                    existing = updated
                return "matched", existing
            now = utc_now()
            placed = placed.replace(created=placed.created or now, modified=placed.modified or now)
            self._commit(Change("import annotation", ((placed.id, None, placed),)))
            return ("orphaned" if placed.orphaned else "added"), placed

    def update(self, id: str, **fields: Any) -> Annotation:
        """Change category, note and/or tags; bumps `modified`."""
        self._require_writable()
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise ReaderError(f"cannot change {', '.join(sorted(unknown))} of an annotation")
        if "category" in fields:
            check_category(fields["category"])
        if "tags" in fields:
            fields["tags"] = _clean_tags(fields["tags"])
        if "note" in fields:
            fields["note"] = str(fields["note"])
        with self._lock:
            old = self._get_or_raise(id)
            if all(getattr(old, k) == v for k, v in fields.items()):
                return old
            new = old.replace(**fields, modified=utc_now(), extra=dict(old.extra))
            self._commit(Change(_describe_update(old, new), ((id, old, new),)))
            return new

    def delete(self, id: str) -> Annotation:
        self._require_writable()
        with self._lock:
            old = self._get_or_raise(id)
            self._commit(Change(f"delete {_label(old.category)} highlight", ((id, old, None),)))
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
            change = self._history.pop_undo()
            if change is None:
                return None
            self._apply(change, forward=False)
            return change.description

    def redo(self) -> str | None:
        self._require_writable()
        with self._lock:
            change = self._history.pop_redo()
            if change is None:
                return None
            self._apply(change, forward=True)
            return change.description

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def _get_or_raise(self, id: str) -> Annotation:
        ann = self._anns.get(id)
        if ann is None:
            raise NotFoundError(f"no annotation {id} in {self.sidecar_path.name}")
        return ann

    def _commit(self, change: Change) -> None:
        self._history.record(change)
        self._apply(change, forward=True)

    def _apply(self, change: Change, forward: bool) -> None:
        with self._lock:
            for key, before, after in change.items:
                state = after if forward else before
                old = self._anns.get(key)
                if state is None:
                    self._anns.pop(key, None)
                else:
                    self._anns[key] = state
                self._reindex(old, state)
            if change.note is not None:
                self._note = change.note[1] if forward else change.note[0]
                self._note_modified = utc_now()
            self._changed()

    def _changed(self) -> None:
        now = time.monotonic()
        if self._change_seq == self._saved_seq:
            self._first_pending = now
        self._last_change = now
        self._change_seq += 1
        self.version += 1
        self._schedule()

    # -- saving ------------------------------------------------------------------------------
    def _schedule(self) -> None:
        if self.read_only:
            return
        with self._cond:
            _open_stores.add(self)
            if self._thread is None or not self._thread.is_alive():
                self._stopping = False
                self._thread = threading.Thread(
                    target=self._writer, name=f"annotations:{self.sidecar_path.name}", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def _wants_save(self) -> bool:
        return (
            self.problem is None
            and self._change_seq != self._saved_seq
            and self._change_seq > self._failed_seq
        )

    def _writer(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and not self._wants_save():
                    self._cond.wait()
                if self._stopping:
                    return
                while not self._stopping and not self._flush_now:
                    due = min(
                        self._last_change + QUIET_SECONDS, self._first_pending + MAX_DELAY_SECONDS
                    )
                    wait = due - time.monotonic()
                    if wait <= 0:
                        break
                    self._cond.wait(wait)
                self._flush_now = False
                if self._stopping:
                    return
            self._save()

    def flush(self, timeout: float | None = None) -> None:
        """Block until every change so far is on disk (or the save failed: see `unsaved`)."""
        with self._cond:
            self._flush_now = True
            self._cond.notify_all()
        self._save(timeout=timeout, retry=True)

    def close(self) -> None:
        """Flush, then stop the writer thread."""
        self.flush()
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)
        _open_stores.discard(self)

    def _record(self, ann: Annotation, source: str) -> dict[str, Any]:
        cached = self._record_cache.get(ann.id)
        if cached is not None and cached[0] is ann:
            return cached[1]
        record = annotation_to_record(ann, source)
        self._record_cache[ann.id] = (ann, record)
        return record

    def _save(self, timeout: float | None = None, retry: bool = False) -> None:
        if self.read_only:
            return
        if not self._io_lock.acquire(timeout=-1 if timeout is None else timeout):
            return
        try:
            with self._lock:
                if self.problem is not None or self._change_seq == self._saved_seq:
                    return
                if not retry and self._change_seq <= self._failed_seq:
                    return
                attempt = self._change_seq
            try:
                with self._storage.locked(timeout):
                    theirs: SidecarData | None = None
                    current = self._storage.stamp()
                    if current is not None and current != self._stamp:
                        raw, _ = self._storage.read_with_stamp()
                        if raw is not None:
                            theirs = decode(raw, self.sidecar_path.name)
                    with self._lock:
                        attempt = self._change_seq
                        data, base = self._merge_for_write(theirs)
                    new_rows: dict[int, Any] = {}
                    payload = dumps(data, self._row_cache, new_rows)
                    stamp = self._storage.write_bytes(payload)
                with self._lock:
                    self._base, self._base_note, self._base_meta = base
                    self._stamp = stamp
                    self._row_cache = new_rows
                    self._saved_seq = max(self._saved_seq, attempt)
                    self._failed_seq = 0
                    self.unsaved = self._change_seq != self._saved_seq and self.unsaved
            except SidecarProblem as problem:
                with self._lock:
                    self.problem = _problem_message(str(problem))
                    self.unsaved = True
                    self.version += 1
            except OSError as error:
                with self._lock:
                    self._failed_seq = attempt
                    if attempt > self._quiet_seq:
                        self.unsaved = True
                        if self.warning is None:
                            self.warning = self._failure_message(error)
                            self.version += 1
        finally:
            self._io_lock.release()

    def _failure_message(self, error: OSError) -> str:
        folder = self.sidecar_path.parent
        if isinstance(error, TimeoutError):
            why = f"{self.sidecar_path.name} is locked by another program"
        elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            why = f"the folder {folder} is read-only"
        elif error.errno == errno.ENOSPC:
            why = "the disk is full"
        else:
            why = error.strerror or str(error)
        return (
            f"annotations for {Path(self.document.path).name} cannot be saved ({why}): "
            "they are kept in memory until you export them or the next save succeeds"
        )

    def _merge_for_write(
        self, theirs: SidecarData | None
    ) -> tuple[dict[str, Any], tuple[dict[str, dict[str, Any]], str, dict[str, Any]]]:
        """Merge the file's state into memory; the data to write and the new base. Called with
        the memory lock held. `theirs` None means the file is unchanged since we last saw it
        (or gone): nothing to merge in."""
        source = Path(self.document.path).name
        if theirs is None:
            # The usual save: nobody else wrote, so the records are exactly ours; sorting our
            # annotations gives the order sorting the records would (see `_file_order`).
            anns = sorted(self._anns.values(), key=_file_order)
            ordered = [self._record(ann, source) for ann in anns]
            merged = {ann.id: record for ann, record in zip(anns, ordered, strict=True)}
            meta = dict(self._base_meta)
        else:
            mine = {key: self._record(ann, source) for key, ann in self._anns.items()}
            merged = merge_records(self._base, mine, theirs.records)
            self._absorb(merged, mine)
            their_note_modified = theirs.article_note_modified
            note = merge_value(
                self._base_note,
                self._note,
                theirs.article_note,
                self._note_modified >= their_note_modified,
            )
            if note != self._note:
                self._note = note
                self._note_modified = their_note_modified
                self.version += 1
            meta = dict(theirs.meta)
            self._other_tables = theirs.other_tables
            ordered = sorted(
                merged.values(), key=lambda r: (bool(r.get("orphaned")), _position(r), r["id"])
            )
        meta.update(
            {
                "schema": SCHEMA_VERSION,
                "sha256": self.document.sha256,
                "source": source,
                "article_note": self._note,
                "article_note_modified": self._note_modified,
            }
        )
        return encode(ordered, meta, self._other_tables), (merged, self._note, meta)

    def _absorb(self, merged: dict[str, dict[str, Any]], mine: dict[str, dict[str, Any]]) -> None:
        """Apply what another process changed (merged differs from memory) to memory."""
        changed = False
        for key in mine.keys() - merged.keys():
            del self._anns[key]
            changed = True
        for key, record in merged.items():
            if mine.get(key) is not record and mine.get(key) != record:
                ann = record_to_annotation(record)
                if not ann.orphaned:
                    ann = reanchor(self.document.text, ann)
                self._anns[key] = ann
                changed = True
        if changed:
            self._invalidate_index()
            self.version += 1

    # -- other processes ---------------------------------------------------------------------
    def reload_if_changed(self) -> bool:
        """Re-read the sidecar if another process replaced it (a cheap stat otherwise).

        Returns True when it changed and was merged into memory (pending local changes are
        kept and saved later)."""
        current = self._storage.stamp()
        if current is None or current == self._stamp:
            return False
        if not self._io_lock.acquire(blocking=False):
            return False  # a save is running; it merges the file anyway
        try:
            try:
                raw, stamp = self._storage.read_with_stamp()
                theirs = decode(raw, self.sidecar_path.name)
            except SidecarProblem as problem:
                with self._lock:
                    if self.problem is None:
                        self.problem = _problem_message(str(problem))
                        self.version += 1
                return True
            with self._lock:
                source = Path(self.document.path).name
                mine = {key: self._record(ann, source) for key, ann in self._anns.items()}
                merged = merge_records(self._base, mine, theirs.records)
                self._absorb(merged, mine)
                note = merge_value(
                    self._base_note,
                    self._note,
                    theirs.article_note,
                    self._note_modified >= theirs.article_note_modified,
                )
                if note != self._note:
                    self._note = note
                    self._note_modified = theirs.article_note_modified
                    self.version += 1
                self._base = dict(theirs.records)
                self._base_note = theirs.article_note
                self._base_meta = dict(theirs.meta)
                self._other_tables = theirs.other_tables
                self._stamp = stamp
                if self.problem is None and self._wants_save():
                    self._schedule()
            return True
        finally:
            self._io_lock.release()

    # -- a corrupt sidecar -------------------------------------------------------------------
    def move_aside(self) -> Path:
        """Rename the unusable sidecar to `<name>.corrupt-<UTC timestamp>`; annotating resumes."""
        with self._io_lock, self._lock:
            if self.problem is None:
                raise ReaderError(f"{self.sidecar_path.name} is fine: nothing to move aside")
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = self.sidecar_path.with_name(f"{self.sidecar_path.name}.corrupt-{stamp}")
            n = 1
            while target.exists():
                n += 1
                target = self.sidecar_path.with_name(
                    f"{self.sidecar_path.name}.corrupt-{stamp}-{n}"
                )
            try:
                os.rename(self.sidecar_path, target)
            except FileNotFoundError:
                pass
            except OSError as error:
                raise ReaderError(
                    f"cannot move {self.sidecar_path.name} aside: {error.strerror}"
                ) from None
            self.problem = None
            self._base, self._base_note, self._base_meta = {}, "", {}
            self._other_tables = {}
            self._stamp = None
            self.version += 1
            _open_stores.add(self)
            if self._wants_save():
                self._schedule()
            return target


def _order_key(ann: Annotation) -> tuple[int, int, str, str]:
    return (ann.start, ann.end, ann.created, ann.id)


def _orphan_key(ann: Annotation) -> tuple[str, str]:
    return (ann.created, ann.id)


def _selectors(ann: Annotation) -> tuple[int, int, str, str, str, bool]:
    return (ann.start, ann.end, ann.exact, ann.prefix, ann.suffix, ann.orphaned)


# The order of rows in the file: anchored before orphaned, then by position, then by id. For a
# record made by `annotation_to_record` these are the annotation's own fields.
_file_order = operator.attrgetter("orphaned", "start", "end", "id")


def _position(record: dict[str, Any]) -> tuple[int, int]:
    for sel in record["target"]["selector"]:
        if sel.get("type") == "TextPositionSelector":
            return (sel["start"], sel["end"])
    return (0, 0)


def _describe_update(old: Annotation, new: Annotation) -> str:
    if old.category != new.category and (old.note, old.tags) == (new.note, new.tags):
        return f"change highlight to {_label(new.category)}"
    if old.note != new.note and (old.category, old.tags) == (new.category, new.tags):
        return "edit note"
    if old.tags != new.tags and (old.category, old.note) == (new.category, new.note):
        return "edit tags"
    return "edit annotation"
