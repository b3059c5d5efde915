"""The sidecar file: a crash-proof TinyDB storage, its record format, and the 3-way merge.

File format (a TinyDB database, so `TinyDB(path, storage=SidecarStorage)` can read it)::

    {"meta": {"1": {"schema": 1, "sha256": "...", "source": "story.txt",
                    "article_note": "...", "article_note_modified": "..."}},
     "annotations": {"1": {"id": "<uuid>", "type": "Annotation", "category": "claim",
                           "tags": [], "note": "", "created": "...Z", "modified": "...Z",
                           "orphaned": false,
                           "target": {"source": "story.txt", "selector": [
                               {"type": "TextQuoteSelector", "exact": "...",
                                "prefix": "...", "suffix": "..."},
                               {"type": "TextPositionSelector", "start": 0, "end": 10}]}},
                     ...}}

Unknown tables, unknown meta keys and unknown annotation fields are carried through every
rewrite (annotation fields via `Annotation.extra`; unknown parts of the target under
`extra["target"]`).

Writes never touch the file in place: a temporary file in the same directory is written,
fsynced and `os.replace`d over the sidecar, then the directory is fsynced, so a crash leaves
either the old or the new file. Writers hold an exclusive `flock` on `<sidecar>.lock` around
read-merge-write; readers need no lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from reader.annotations.model import SCHEMA_VERSION, Annotation
from reader.errors import ReaderError
from reader.records import Record, Value

TYPE_CHECKING = False  # `typing` costs milliseconds at start-up; annotations are strings
if TYPE_CHECKING:
    from typing import Any

try:  # POSIX only; elsewhere writes are still atomic, just not serialised across processes.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

ANNOTATIONS_TABLE = "annotations"
META_TABLE = "meta"
SIDECAR_SUFFIX = ".annotations.json"
LOCK_SUFFIX = ".lock"
TEMP_MARK = ".tmp-"


class SidecarProblem(ReaderError):
    """The sidecar exists but cannot be used (invalid JSON, future schema, unreadable)."""


def sidecar_path_for(source: str | os.PathLike[str]) -> Path:
    p = Path(source)
    return p.with_name(p.name + SIDECAR_SUFFIX)


class FileStamp(Value):
    """What `reload_if_changed` compares: cheap to get, changes on every replace."""

    __slots__ = ("mtime_ns", "size", "inode")

    def __init__(self, mtime_ns: int, size: int, inode: int) -> None:
        object.__setattr__(self, "mtime_ns", mtime_ns)
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "inode", inode)

    @classmethod
    def of(cls, st: os.stat_result) -> FileStamp:
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


class SidecarStorage:
    """A TinyDB storage writing atomically (temp file, fsync, rename, fsync directory).

    It has the interface of `tinydb.storages.Storage` (`read`, `write`, `close`), which is
    all TinyDB uses, without deriving from it: importing tinydb would cost every `reader`
    command that reads a sidecar several milliseconds."""

    def __init__(self, path: str | os.PathLike[str], **_ignored: Any) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + LOCK_SUFFIX)

    # -- reading ---------------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        """The parsed file, None when missing or empty; raises SidecarProblem when unusable."""
        return self.read_with_stamp()[0]

    def read_with_stamp(self) -> tuple[dict[str, Any] | None, FileStamp | None]:
        name = self.path.name
        try:
            with open(self.path, "rb") as fh:
                stamp = FileStamp.of(os.fstat(fh.fileno()))
                raw = fh.read()
        except FileNotFoundError:
            return None, None
        except IsADirectoryError:
            raise SidecarProblem(f"{name} is a folder, not an annotations file") from None
        except OSError as error:
            raise SidecarProblem(f"{name} cannot be read ({error.strerror})") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SidecarProblem(f"{name} is not valid UTF-8 (byte {error.start})") from None
        if not text or text.isspace():  # = `not text.strip()`, without copying the text
            return None, stamp
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise SidecarProblem(f"{name} is not valid JSON (line {error.lineno})") from None
        except RecursionError:
            raise SidecarProblem(f"{name} is nested too deeply to read") from None
        if not isinstance(data, dict):
            raise SidecarProblem(f"{name} is not an annotations file (top level is not an object)")
        return data, stamp

    def stamp(self) -> FileStamp | None:
        try:
            return FileStamp.of(os.stat(self.path))
        except OSError:
            return None

    # -- writing ---------------------------------------------------------------------------
    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.write_bytes(dumps(data))

    def write_bytes(self, payload: bytes) -> FileStamp:
        """Atomically replace the sidecar with `payload`; returns the new file's stamp."""
        directory = self.path.parent
        tmp = directory / f".{self.path.name}{TEMP_MARK}{os.getpid()}-{time.monotonic_ns()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
                stamp = FileStamp.of(os.fstat(fd))
            finally:
                os.close(fd)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(directory)
        return stamp

    @contextlib.contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the exclusive cross-process lock (creating the lock file if needed)."""
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                if timeout is None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                else:
                    deadline = time.monotonic() + timeout
                    while True:
                        try:
                            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                            break
                        except BlockingIOError:
                            if time.monotonic() >= deadline:
                                raise TimeoutError(f"{self.lock_path.name} is busy") from None
                            time.sleep(0.01)
            self._remove_stale_temps()
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the flock

    def _remove_stale_temps(self) -> None:
        """Temp files left by a writer that was killed (only ever called under the lock)."""
        prefix = f".{self.path.name}{TEMP_MARK}"
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.path.parent):
                if entry.name.startswith(prefix):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def close(self) -> None:
        pass


if TYPE_CHECKING:
    RowCache = dict[int, tuple[Any, bytes]]


def dumps(
    data: dict[str, Any], cache: RowCache | None = None, new_cache: RowCache | None = None
) -> bytes:
    """The file's bytes: UTF-8 JSON with one table row per line (readable, diffable, and a
    JSON error's line number points at a row), made by the C encoder.

    `cache` maps id(row) -> (row, encoded bytes) from the previous save: rows that are the
    very same objects are not encoded again; every row's encoding is put in `new_cache`, so a
    save after one change encodes one row. Text with lone surrogates falls back to ASCII
    escapes, so whatever is written always reads back."""
    try:
        return _dumps(data, "utf-8", cache or {}, new_cache)
    except UnicodeEncodeError:
        return _dumps(data, "ascii", {}, None)


_DOC_ID_KEYS: dict[str, bytes] = {}  # "17" -> b'"17"', shared by every save
_ENCODERS = {
    "utf-8": json.JSONEncoder(ensure_ascii=False, check_circular=False),
    "ascii": json.JSONEncoder(ensure_ascii=True, check_circular=False),
}


def _dumps(
    data: dict[str, Any], charset: str, cache: RowCache, new_cache: RowCache | None
) -> bytes:
    encode_json = _ENCODERS[charset].encode

    def enc(value: Any) -> bytes:
        return encode_json(value).encode(charset)

    def key(k: Any) -> bytes:
        k = str(k)
        done = _DOC_ID_KEYS.get(k)
        if done is not None:
            return done
        if k.isdecimal() and k.isascii():  # TinyDB doc ids: nothing to escape
            done = _DOC_ID_KEYS[k] = b'"' + k.encode() + b'"'
            return done
        return enc(k)

    parts = [b"{\n"]
    first_table = True
    for name, table in data.items():
        if not first_table:
            parts.append(b",\n")
        first_table = False
        parts += (b" ", enc(name), b": ")
        if not (isinstance(table, dict) and table):
            parts.append(enc(table))
            continue
        parts.append(b"{\n")
        separator = b"  "
        for k, value in table.items():
            hit = cache.get(id(value))
            row = hit[1] if hit is not None and hit[0] is value else enc(value)
            if new_cache is not None and isinstance(value, dict):
                new_cache[id(value)] = (value, row)
            parts += (separator, key(k), b": ", row)
            separator = b",\n  "
        parts.append(b"\n }")
    parts.append(b"\n}\n")
    return b"".join(parts)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


# -- records -------------------------------------------------------------------------------
_KNOWN_FIELDS = frozenset(
    {"id", "type", "category", "tags", "note", "created", "modified", "orphaned", "target"}
)


def annotation_to_record(ann: Annotation, source: str) -> dict[str, Any]:
    target_extra = (
        dict(ann.extra.get("target") or {}) if isinstance(ann.extra.get("target"), dict) else {}
    )
    other_selectors = list(target_extra.pop("selector", []) or [])
    record: dict[str, Any] = {k: v for k, v in ann.extra.items() if k != "target"}
    record.update(
        {
            "id": ann.id,
            "type": "Annotation",
            "category": ann.category,
            "tags": list(ann.tags),
            "note": ann.note,
            "created": ann.created,
            "modified": ann.modified,
            "orphaned": ann.orphaned,
            "target": {
                **target_extra,
                "source": source,
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": ann.exact,
                        "prefix": ann.prefix,
                        "suffix": ann.suffix,
                    },
                    {"type": "TextPositionSelector", "start": ann.start, "end": ann.end},
                    *other_selectors,
                ],
            },
        }
    )
    return record


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _int(value: Any) -> int:
    if isinstance(value, bool):
        return -1
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return -1


def record_to_annotation(record: Any) -> Annotation:
    """Decode one stored record; raises ValueError when it has no usable id."""
    """Any record: unknown fields go to `extra`, wrong types become defaults."""
    if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record["id"]:
        raise ValueError("annotation without an id")
    extra = {k: v for k, v in record.items() if k not in _KNOWN_FIELDS}
    exact = prefix = suffix = ""
    start = end = -1
    target = record.get("target")
    if isinstance(target, dict):
        target_extra = {k: v for k, v in target.items() if k not in ("source", "selector")}
        others = []
        selectors = target.get("selector")
        if isinstance(selectors, dict):
            selectors = [selectors]
        for sel in selectors if isinstance(selectors, list) else []:
            kind = sel.get("type") if isinstance(sel, dict) else None
            if kind == "TextQuoteSelector":
                exact, prefix, suffix = (
                    _str(sel.get("exact")),
                    _str(sel.get("prefix")),
                    _str(sel.get("suffix")),
                )
            elif kind == "TextPositionSelector":
                start, end = _int(sel.get("start")), _int(sel.get("end"))
            else:
                others.append(sel)
        if others:
            target_extra["selector"] = others
        if target_extra:
            extra["target"] = target_extra
    elif target is not None:
        extra["target"] = target
    tags = record.get("tags")
    return Annotation(
        id=record["id"],
        category=_str(record.get("category"), "claim") or "claim",
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        note=_str(record.get("note")),
        tags=[t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
        created=_str(record.get("created")),
        modified=_str(record.get("modified")),
        orphaned=bool(record.get("orphaned", False)),
        extra=extra,
    )


class SidecarData(Record):
    """A decoded sidecar: normalised records by id, the meta record, everything else."""

    __slots__ = ("records", "annotations", "meta", "other_tables")

    def __init__(
        self,
        records: dict[str, dict[str, Any]] | None = None,
        annotations: dict[str, Annotation] | None = None,  # the records, decoded
        meta: dict[str, Any] | None = None,
        other_tables: dict[str, Any] | None = None,
    ) -> None:
        self.records = {} if records is None else records
        self.annotations = {} if annotations is None else annotations
        self.meta = {} if meta is None else meta
        self.other_tables = {} if other_tables is None else other_tables

    @property
    def article_note(self) -> str:
        return _str(self.meta.get("article_note"))

    @property
    def article_note_modified(self) -> str:
        return _str(self.meta.get("article_note_modified"))

    @property
    def sha256(self) -> str:
        return _str(self.meta.get("sha256"))


def decode(data: dict[str, Any] | None, name: str, records: bool = True) -> SidecarData:
    """Turn a parsed sidecar into SidecarData; raises SidecarProblem for what must not be
    overwritten (future schema, tables that are not objects, records without an id).

    `records=False` (a read-only open) leaves `SidecarData.records` empty: only the decoded
    annotations are needed then, not the normalised records a merge compares."""
    out = SidecarData()
    if data is None:
        return out
    out.meta = decode_meta(data, name)
    table = data.get(ANNOTATIONS_TABLE, {})
    annotations = out.annotations
    for doc_id, record in table.items():
        try:
            ann = record_to_annotation(record)
        except ValueError:
            raise SidecarProblem(f"{name} has an unreadable annotation (record {doc_id})") from None
        previous = annotations.get(ann.id)
        if previous is None or previous.modified <= ann.modified:
            annotations[ann.id] = ann
            if records:
                out.records[ann.id] = annotation_to_record(ann, _source_of(record))
    out.other_tables = {k: v for k, v in data.items() if k not in (META_TABLE, ANNOTATIONS_TABLE)}
    return out


def decode_meta(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The meta record of a parsed sidecar (its documents merged); raises SidecarProblem when
    the tables are not objects or the schema is unreadable or newer than this version's."""
    meta_table = data.get(META_TABLE, {})
    if not isinstance(meta_table, dict) or not isinstance(data.get(ANNOTATIONS_TABLE, {}), dict):
        raise SidecarProblem(f"{name} is not an annotations file (unexpected table layout)")
    meta: dict[str, Any] = {}
    for doc in meta_table.values():
        if isinstance(doc, dict):
            meta.update(doc)
    schema = meta.get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise SidecarProblem(f"{name} has an unreadable schema version ({schema!r})")
    if schema > SCHEMA_VERSION:
        raise SidecarProblem(
            f"{name} was written by a newer margin-reader (schema {schema}, "
            f"this one reads up to {SCHEMA_VERSION})"
        )
    return meta


def _source_of(record: dict[str, Any]) -> str:
    target = record.get("target")
    return _str(target.get("source")) if isinstance(target, dict) else ""


def encode(
    records: list[dict[str, Any]], meta: dict[str, Any], other_tables: dict[str, Any]
) -> dict[str, Any]:
    """The TinyDB-shaped document for the file (doc ids 1..n in the order given)."""
    data: dict[str, Any] = dict(other_tables)
    data[META_TABLE] = {"1": meta}
    data[ANNOTATIONS_TABLE] = {str(i): rec for i, rec in enumerate(records, start=1)}
    return data


# -- merging -------------------------------------------------------------------------------
def merge_records(
    base: dict[str, dict[str, Any]],
    mine: dict[str, dict[str, Any]],
    theirs: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """3-way merge by id of our records with the file's, given what we last saw on disk.

    `base` is the per-process known set: an id in base but missing now was deleted (by us if
    missing from `mine`, by another process if missing from `theirs`), so a merge never
    resurrects a deletion. Both sides changed the same id -> the later `modified` wins (ours
    on a tie). A deletion on one side and an edit on the other keeps the edit (a note is never
    lost silently).
    """
    merged: dict[str, dict[str, Any]] = {}
    for key in mine.keys() | theirs.keys() | base.keys():
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        if m == t:
            result = m
        elif m == b:
            result = t  # only they changed it (or deleted it)
        elif t == b:
            result = m  # only we changed it (or deleted it)
        elif m is None:
            result = t  # we deleted, they edited: keep the edit
        elif t is None:
            result = m  # they deleted, we edited: keep the edit
        else:
            result = t if _str(t.get("modified")) > _str(m.get("modified")) else m
        if result is not None:
            merged[key] = result
    return merged


def merge_value(base: Any, mine: Any, theirs: Any, mine_newer: bool) -> Any:
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    return mine if mine_newer else theirs
