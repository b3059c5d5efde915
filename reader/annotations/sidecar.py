"""The sidecar file: a TinyDB storage that locks, merges and writes atomically.

The file is a TinyDB database in TinyDB's own JSON layout, so a plain `TinyDB(path)` reads
it too::

    {"meta": {"1": {"schema": 1, "sha256": "...", "source": "story.txt",
                    "article_note": "...", "article_note_modified": "..."}},
     "annotations": {"1": {<an annotation record: reader/annotations/record.py>}, ...}}

`SidecarStorage` is what `TinyDB(path, storage=...)` opens:

* `read` parses the file (None when missing or empty) and raises `SidecarProblem`, naming the
  file and what is wrong, for a file that must not be overwritten (not JSON, not UTF-8, not
  TinyDB's layout, an annotation without an id, a newer schema);
* `write` takes an exclusive `flock` on `<sidecar>.lock`, and when another process replaced
  the file since this storage last read or wrote it, 3-way merges the file into the data
  (reader/annotations/merge.py); then it replaces the file atomically (`reader.atomic`) and
  keeps what it wrote as `synced`, the base of the next merge.

Readers need no lock: a file is only ever replaced whole.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from reader.annotations.locks import take_lock
from reader.annotations.merge import merge_sidecars
from reader.annotations.sidecar_file import (
    LOCK_SUFFIX,
    SIDECAR_SUFFIX,
    FileStamp,
    SidecarProblem,
    _decode,
    _read_raw,
    check,
    parse,
    read_sidecar_file,
    sidecar_path_for,
)
from reader.atomic import TEMP_MARK, write_atomic
from reader.errors import ReaderError

__all__ = [
    "LOCK_SUFFIX",
    "SIDECAR_SUFFIX",
    "TEMP_MARK",
    "FileStamp",
    "SidecarProblem",
    "SidecarStorage",
    "check",
    "parse",
    "read_sidecar_file",
    "sidecar_path_for",
]

Tables = dict[str, Any]


class SidecarStorage(Storage):
    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + LOCK_SUFFIX)
        self.read_only = read_only
        self.lock_timeout: float | None = None  # how long `write` waits for the lock
        self.synced: Tables = {}  # the data as last read from or written to the file
        self.merged = False  # the last write merged in another process's changes
        self.merge_report: list[str] = []  # what those merges kept both of (merge.py)
        self._encoder = Encoder()
        self.stamp: FileStamp | None = None  # the file's stamp then
        self._signature: bytes | None = None  # and its bytes

    # -- reading ---------------------------------------------------------------------------
    def read(self) -> Tables | None:
        raw, stamp = self._read_raw()
        data = self._decode(raw)
        self.synced, self.stamp, self._signature = data or {}, stamp, raw
        # A plain TinyDB changes what it reads in place: it gets its own copy of the documents.
        return None if data is None else copy_tables(data)

    def read_file(self) -> tuple[Tables | None, FileStamp | None]:
        """(the file's data, its stamp), without remembering them; (None, None) when it is
        missing. Raises SidecarProblem for a file that must not be overwritten."""
        return read_sidecar_file(self.path)

    def read_changes(self) -> tuple[Tables | None, FileStamp | None]:
        """Like `read_file`, but the data is None when the file holds exactly what this
        storage last read or wrote (a file copied back or touched: nothing to merge)."""
        raw, stamp = self._read_raw()
        return (None if raw == self._signature else self._decode(raw)), stamp

    def _read_raw(self) -> tuple[bytes | None, FileStamp | None]:
        return _read_raw(self.path)

    def _decode(self, raw: bytes | None) -> Tables | None:
        return _decode(raw, self.path.name)

    def current_stamp(self) -> FileStamp | None:
        try:
            return FileStamp.of(os.stat(self.path))
        except OSError:
            return None

    def changed_on_disk(self) -> bool:
        """True when the file was replaced (or created) since this storage last saw it."""
        current = self.current_stamp()
        return current is not None and current != self.stamp

    # -- writing ---------------------------------------------------------------------------
    def write(self, data: Tables) -> None:
        """Merge whatever another process wrote since, then replace the file with it."""
        if self.read_only:
            raise ReaderError(f"{self.path.name} was opened read-only")
        with self.locked(self.lock_timeout):
            self.merged = False
            if self.changed_on_disk():
                theirs, _ = self.read_changes()
                if theirs is not None:
                    data = merge_sidecars(self.synced, data, theirs, self.merge_report)
                    self.merged = True
            data = share_documents(data)  # what the caller goes on to change is not the base
            raw = self._encoder.encode(data)
            written = write_atomic(self.path, raw)
            self.synced, self.stamp, self._signature = data, FileStamp.of(written), raw

    @contextlib.contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the exclusive cross-process lock on `<sidecar>.lock` (created for the write and
        removed after it, so no lock file stays beside the article)."""
        fd = take_lock(self.lock_path, timeout)
        try:
            yield
        finally:
            # Removed while still held: a process waiting on this file finds, once it has the
            # lock, that the name no longer leads to it, and takes the new file's lock instead.
            with contextlib.suppress(OSError):
                os.unlink(self.lock_path)
            os.close(fd)  # closing the descriptor releases the flock

    def close(self) -> None:
        pass


def copy_tables(data: Tables) -> Tables:
    """A copy of `data` whose tables and documents are new, for a TinyDB that changes
    documents in place (the values inside documents are only ever replaced, so they are
    shared)."""
    return {name: _copy_table(table) for name, table in data.items()}


def _copy_table(table: Any) -> Any:
    if not isinstance(table, dict):
        return copy.deepcopy(table)
    return {k: dict(v) if isinstance(v, dict) else copy.deepcopy(v) for k, v in table.items()}


def share_documents(data: Tables) -> Tables:
    """A copy of `data` whose tables are new and whose documents are shared: the store's
    database never changes a stored document (reader/annotations/tables.py)."""
    return {
        name: dict(table) if isinstance(table, dict) else copy.deepcopy(table)
        for name, table in data.items()
    }


class Encoder:
    """Turns the data into the file's bytes: UTF-8 JSON with one document per line (readable,
    diffable, and a JSON error's line number points at a document). A document whose text
    has lone surrogates is written with ASCII escapes, so whatever is written reads back.

    It keeps each document's line from the last call, by the document itself: a stored
    document is never changed (reader/annotations/tables.py), so the same object is the same
    line, and a save after one change encodes one document."""

    def __init__(self) -> None:
        self._rows: dict[str, dict[str, tuple[Any, bytes]]] = {}

    def encode(self, data: Tables) -> bytes:
        known, kept = self._rows, {}
        tables = []
        for name, table in data.items():
            if not (isinstance(table, dict) and table):
                tables.append(b" " + _json(name) + b": " + _json(table))
                continue
            seen, rows = known.get(name, {}), {}
            for key, doc in table.items():
                row = seen.get(key)
                if row is None or row[0] is not doc:
                    row = (doc, b"  " + _json(str(key)) + b": " + _json(doc))
                rows[key] = row
            kept[name] = rows
            lines = b",\n".join([line for _, line in rows.values()])
            tables.append(b" " + _json(name) + b": {\n" + lines + b"\n }")
        self._rows = kept
        return b"{\n" + b",\n".join(tables) + b"\n}\n"


_UTF8 = json.JSONEncoder(ensure_ascii=False).encode
_ASCII = json.JSONEncoder(ensure_ascii=True).encode


def _json(value: Any) -> bytes:
    try:
        return _UTF8(value).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return _ASCII(value).encode("ascii")


def dumps(data: Tables) -> bytes:
    """The file's bytes for `data` (see `Encoder`)."""
    return Encoder().encode(data)
