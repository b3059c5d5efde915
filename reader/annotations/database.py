"""The sidecar as a TinyDB database: one document per annotation, found by annotation id.

`SidecarDatabase` opens `TinyDB(path, storage=WriteBehind(SidecarStorage))` (with the tables
of reader/annotations/tables.py) and keeps the TinyDB doc id of each annotation, so a change
of one annotation is one TinyDB insert, update or remove of its document, which replaces that
document alone. Saving and merging are the storage's and the
saver's (reader/annotations/sidecar.py, saver.py); the database says what changed when
another process's changes were merged in (`take_in`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.table import Document

from reader.annotations.merge import (
    ANNOTATIONS_TABLE,
    META_DOC_ID,
    META_TABLE,
    documents_by_id,
    merge_sidecars,
    meta_of,
)
from reader.annotations.model import Annotation
from reader.annotations.record import annotation_to_record
from reader.annotations.saver import WriteBehind
from reader.annotations.sidecar import SidecarStorage
from reader.annotations.tables import SidecarTinyDB

Records = dict[str, dict[str, Any]]  # annotation id -> record


class SidecarDatabase:
    def __init__(
        self, path: Path, source: str, lock: threading.RLock, read_only: bool = False
    ) -> None:
        self.source = source  # the article's file name, as records name it
        self.cache = WriteBehind(SidecarStorage, lock)
        self.db = SidecarTinyDB(path, storage=self.cache, read_only=read_only)
        self.annotations = self.db.table(ANNOTATIONS_TABLE)
        self.meta = self.db.table(META_TABLE)
        # The `"place"` of an anchored annotation's record (set by the store), or None.
        self.placer: Callable[[Annotation], dict[str, Any] | None] | None = None
        self._doc_ids: dict[str, int] = {}  # annotation id -> TinyDB doc id
        self.renamed = 0  # documents read that repeated another's id, given their own
        self._last_doc_id = 0

    @property
    def storage(self) -> SidecarStorage:
        return self.cache.storage

    def read(self) -> tuple[Records, dict[str, Any], int]:
        """(records by annotation id, the meta record, how many documents repeat an id: exact
        copies, dropped, or others, given ids of their own: `renamed` counts those) of the
        file; raises SidecarProblem for a file that must not be used."""
        data = self.cache.read()
        found = self._index(data)
        return (
            {key: doc for key, (_, doc) in found.items()},
            meta_of(data),
            len(self.annotations) - len(found) + self.renamed,
        )

    def _index(self, data: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
        table = data.get(ANNOTATIONS_TABLE) or {}
        found = documents_by_id(table)
        self._doc_ids = {key: int(doc_id) for key, (doc_id, _) in found.items()}
        self.renamed = 0
        for key, (doc_id, doc) in found.items():
            if table[doc_id]["id"] != key:  # it repeated another's id: it has its own now
                table[doc_id] = doc
                self.renamed += 1
        ids = [int(k) for k in table]
        self._last_doc_id = max([self._last_doc_id, *ids])
        return found

    def drop_repeats(self) -> None:
        """Remove the documents that repeat an annotation id (the later `modified` stays)."""
        kept = set(self._doc_ids.values())
        ids = [int(k) for k in self.cache.read().get(ANNOTATIONS_TABLE) or ()]
        self.annotations.remove(doc_ids=[doc_id for doc_id in ids if doc_id not in kept])

    def put(self, key: str, ann: Annotation | None) -> None:
        """Make the document of annotation `key` say `ann` (None: remove it)."""
        doc_id = self._doc_ids.get(key)
        if ann is None:
            if doc_id is not None:
                self.annotations.remove(doc_ids=[doc_id])
                del self._doc_ids[key]
            return
        record = self.record_of(ann)
        if doc_id is None:
            self._last_doc_id += 1
            self._doc_ids[key] = self._last_doc_id
            self.annotations.insert(Document(record, doc_id=self._last_doc_id))
        else:
            self.refill({key: record})

    def record_of(self, ann: Annotation) -> dict[str, Any]:
        """The document of `ann`, with its place in the article worked out when it moved."""
        record = annotation_to_record(ann, self.source)
        record.pop("place", None)
        if self.placer is not None and not ann.orphaned:
            place = self.placer(ann)
            if place is not None:
                record["place"] = place
        return record

    def refill(self, records: Records) -> None:
        """Replace the documents of these annotations (one TinyDB update for them all)."""
        if records:
            self.annotations.update(
                _refill_from(records), doc_ids=[self._doc_ids[k] for k in records]
            )

    def save(self, meta: dict[str, Any]) -> dict[str, Any] | None:
        """Write the database with `meta` as its meta record. When another process's changes
        were merged in, returns the memory merged with them (for `take_in`), else None."""
        with self.cache.lock:
            self.meta.upsert(Document(meta, doc_id=int(META_DOC_ID)))
        sent, on_disk = self.cache.flush()
        if on_disk is None:
            return None
        with self.cache.lock:
            return merge_sidecars(sent, self.cache.read(), on_disk, self.storage.merge_report)

    def reload(self) -> dict[str, Any] | None:
        """The memory merged with the file when another process replaced it, else None.
        Raises SidecarProblem when the file became unusable."""
        storage = self.storage
        theirs, stamp = storage.read_changes()
        if theirs is None:
            if stamp is not None:  # the file holds what we last read or wrote
                storage.stamp = stamp
            return None
        with self.cache.lock:
            merged = merge_sidecars(storage.synced, self.cache.read(), theirs, storage.merge_report)
            storage.synced, storage.stamp = theirs, stamp
            return merged

    def take_in(self, data: dict[str, Any]) -> tuple[set[str], Records, dict[str, Any]]:
        """Make `data` the database: (ids gone, records new or changed, the meta record)."""
        before = documents_by_id(self.cache.read().get(ANNOTATIONS_TABLE) or {})
        self.cache.replace(data)
        self.annotations.clear_cache()
        self.meta.clear_cache()
        after = self._index(data)
        changed = {
            key: record
            for key, (_, record) in after.items()
            if key not in before or before[key][1] != record
        }
        return before.keys() - after.keys(), changed, meta_of(data)

    def take_report(self) -> list[str]:
        """What the merges since the last call kept both of (one line each, merge.py)."""
        report = self.storage.merge_report
        taken = list(dict.fromkeys(report))
        report.clear()
        return taken

    def forget_file(self) -> None:
        """The file was moved aside: the next save writes the memory as it is."""
        self.storage.synced, self.storage.stamp = {}, None


def _refill_from(records: Records) -> Callable[[dict], None]:
    """A TinyDB update that makes each document the record of its annotation id."""

    def refill(doc: dict) -> None:
        record = records[doc["id"]]
        doc.clear()
        doc.update(record)

    return refill
