"""The write side of an article's annotation store (reader/annotations/store.py): saving,
taking in what another process wrote, and moving an unusable sidecar aside.

A save writes the database merged with the file's changes (the saver's thread calls `_sync`,
reader/annotations/saver.py); what the merge brought in is made the collection and the article
note (`_take_in`). Every store with changes is flushed at interpreter exit.
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
from reader.annotations.changes import aside_name, selectors, text_of
from reader.annotations.collection import AnnotationCollection
from reader.annotations.database import Records, SidecarDatabase
from reader.annotations.merge import NOTE_SEPARATOR, merge_note, meta_of
from reader.annotations.model import SCHEMA_VERSION
from reader.annotations.places import article_facts
from reader.annotations.record import record_to_annotation
from reader.annotations.saver import CLOSE_SECONDS, ArticleGone, Saver
from reader.annotations.sidecar import SidecarProblem
from reader.document.model import Document as Article
from reader.errors import ReaderError

open_stores: weakref.WeakSet[StoreSaving] = weakref.WeakSet()


@atexit.register
def _flush_open_stores() -> None:  # pragma: no cover - exercised at interpreter exit
    for store in list(open_stores):
        try:
            store.flush(timeout=5)
        except Exception:
            pass


class StoreSaving:
    document: Article
    sidecar_path: Path
    read_only: bool
    version: int
    notice: str | None
    place_key: str
    problem: str | None
    _source: str
    _lock: threading.RLock
    _collection: AnnotationCollection
    _db: SidecarDatabase
    _saver: Saver
    _note: str
    _note_modified: str
    _facts: Any
    _told: set[tuple[str, str, str]]

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
            open_stores.discard(self)
            raise
        self._saver.let_go()

    def close(self, timeout: float = CLOSE_SECONDS) -> None:
        """Flush (waiting at most `timeout` seconds for a held lock: then `unsaved` says
        so), then stop the writer thread."""
        self.flush(timeout)
        self._saver.stop()
        open_stores.discard(self)

    def _sync(self, timeout: float) -> None:
        """One save (the saver's): write the database, merged with the file's changes. An
        article that is gone (moved or deleted since it was opened) gets no sidecar: the
        save fails, so the annotations stay in memory, unsaved, and the reader is told."""
        article = Path(self.document.path)
        if not article.exists():
            raise ArticleGone(errno.ENOENT, "the article is gone", str(article))
        with self._lock:
            open_stores.add(self)
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
        # The article note as the merge had it from us; a change since (while the file was
        # written, or not saved yet) is ours too, and is kept over the merged note.
        merged_from = text_of(meta_of(self._db.cache.read()).get("article_note"))
        gone, changed, meta = self._db.take_in(data)
        if report:  # what this merge kept of the other window is told: an editor's save
            self._told.update(told_parts(changed, meta))  # that keeps it again is quiet
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
        note = merge_note(merged_from, self._note, text_of(meta.get("article_note")))
        if note != self._note:
            self._note = note
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
                        self._saver.problem = str(problem)
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
                open_stores.add(self)
                self._saver.resume()
                return target
        finally:
            self._saver.release()


def told_parts(changed: Records, meta: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(id, "note", part) for each part of the notes of `changed` and of the article note
    ("" as id): the texts a merge's notice has told of."""
    notes = [(key, text_of(record.get("note"))) for key, record in changed.items()]
    notes.append(("", text_of(meta.get("article_note"))))
    return {(key, "note", part) for key, note in notes for part in note.split(NOTE_SEPARATOR)}
