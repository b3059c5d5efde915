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

import codecs
import contextlib
import copy
import errno
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from reader.annotations.files import NotRegularFile, read_regular
from reader.annotations.locks import take_lock
from reader.annotations.merge import ANNOTATIONS_TABLE, META_TABLE, merge_sidecars, meta_of
from reader.annotations.model import SCHEMA_VERSION
from reader.annotations.record import is_record
from reader.atomic import TEMP_MARK, write_atomic
from reader.errors import ReaderError

__all__ = ["TEMP_MARK", "FileStamp", "SidecarProblem", "SidecarStorage", "sidecar_path_for"]

SIDECAR_SUFFIX = ".annotations.json"
LOCK_SUFFIX = ".lock"

Tables = dict[str, Any]


class SidecarProblem(ReaderError):
    """The sidecar exists but cannot be used (invalid JSON, future schema, unreadable)."""


# A file name has at most NAME_MAX (255) bytes, and the sidecar's temporary files
# (".<sidecar>.tmp-<pid>-<ns>", reader/atomic.py) need about 34 more than the sidecar's name.
NAME_MAX = 255
SIDECAR_NAME_MAX = NAME_MAX - 35
_HASH_CHARS = 16


def sidecar_path_for(source: str | os.PathLike[str]) -> Path:
    """Where the annotations of the article at `source` are kept: `<name>.annotations.json`
    beside it, or, for a name too long for that (and its lock and temporary files) to fit
    in a file name, `<the name's first bytes>~<16 hex of its SHA-256>.annotations.json`:
    short, unique, and the same every time."""
    p = Path(source)
    name = os.fsencode(p.name)
    if len(name) + len(SIDECAR_SUFFIX) <= SIDECAR_NAME_MAX:
        return p.with_name(p.name + SIDECAR_SUFFIX)
    digest = hashlib.sha256(name).hexdigest()[:_HASH_CHARS]
    keep = SIDECAR_NAME_MAX - len(SIDECAR_SUFFIX) - 1 - _HASH_CHARS
    prefix = name[:keep].decode("utf-8", "ignore") if _is_utf8(name) else os.fsdecode(name[:keep])
    return p.with_name(f"{prefix}~{digest}{SIDECAR_SUFFIX}")


def _is_utf8(name: bytes) -> bool:
    try:
        name.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(slots=True, frozen=True)
class FileStamp:
    """What tells that the file was replaced: cheap to get, changes on every replace."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileStamp:
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


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


def read_sidecar_file(path: Path) -> tuple[Tables | None, FileStamp | None]:
    """(the data of the sidecar at `path`, its stamp); (None, None) when it is missing.
    Raises SidecarProblem for a file that must not be overwritten. What every reader of a
    sidecar reads it with (`SidecarStorage.read_file`, the export's `read_sidecar`)."""
    raw, stamp = _read_raw(path)
    return _decode(raw, path.name), stamp


def _read_raw(path: Path) -> tuple[bytes | None, FileStamp | None]:
    name = path.name
    try:
        raw, st = read_regular(path)
    except FileNotFoundError:
        return None, None
    except NotRegularFile as error:
        if error.strerror.endswith("(a folder)"):
            raise SidecarProblem(f"{name} is a folder, not an annotations file") from None
        raise SidecarProblem(f"{name} is {error.strerror}") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SidecarProblem(f"{name} is a symbolic link loop") from None
        raise SidecarProblem(f"{name} cannot be read ({error.strerror})") from None
    return raw, FileStamp.of(st)


def _decode(raw: bytes | None, name: str) -> Tables | None:
    if raw is None:
        return None
    data = parse(raw, name)
    if data is not None:
        check(data, name)
    return data


def parse(raw: bytes, name: str) -> Any:
    """The JSON in a sidecar's bytes (None when blank); SidecarProblem, naming the file,
    for whatever cannot be read: never a traceback, whatever the bytes."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]  # another editor's mark, not corruption
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SidecarProblem(f"{name} is not valid UTF-8 (byte {error.start})") from None
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SidecarProblem(f"{name} is not valid JSON (line {error.lineno})") from None
    except RecursionError:
        raise SidecarProblem(f"{name} is nested too deeply to read") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        why = "a number with too many digits" if "digits" in str(error) else str(error)
        raise SidecarProblem(f"{name} cannot be read ({why})") from None


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


def check(data: Any, name: str) -> None:
    """Raise SidecarProblem unless `data` is a sidecar this version may read and rewrite."""
    if not isinstance(data, dict):
        raise SidecarProblem(f"{name} is not an annotations file (top level is not an object)")
    annotations = data.get(ANNOTATIONS_TABLE, {})
    meta = data.get(META_TABLE, {})
    if not (
        isinstance(meta, dict)
        and isinstance(annotations, dict)
        and all(map(str.isdecimal, map(str, (*meta, *annotations))))  # TinyDB's doc ids
    ):
        raise SidecarProblem(f"{name} is not an annotations file (unexpected table layout)")
    for doc_id, record in meta.items():
        if not isinstance(record, dict):  # TinyDB could not update it: never overwrite it
            raise SidecarProblem(f"{name} has an unreadable meta record (record {doc_id})")
    schema = meta_of(data).get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise SidecarProblem(f"{name} has an unreadable schema version ({schema!r})")
    if schema > SCHEMA_VERSION:
        raise SidecarProblem(
            f"{name} was written by a newer margin-reader (schema {schema}, "
            f"this one reads up to {SCHEMA_VERSION})"
        )
    for doc_id, record in annotations.items():
        if not is_record(record):
            raise SidecarProblem(f"{name} has an unreadable annotation (record {doc_id})")


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
