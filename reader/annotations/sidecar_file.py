"""The sidecar file as every reader of it reads it: where an article's sidecar is
(`sidecar_path_for`), and its bytes parsed and checked (`read_sidecar_file`), raising
`SidecarProblem`, naming the file and what is wrong, for a file that must not be overwritten
(not JSON, not UTF-8, not TinyDB's layout, an annotation without an id, a newer schema).

The store's TinyDB storage (reader/annotations/sidecar.py) reads through it, and so does a
reader that never writes (the exports, the library's claims), without loading TinyDB.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.annotations.files import NotRegularFile, TooLarge, read_regular
from reader.annotations.merge import ANNOTATIONS_TABLE, META_TABLE, meta_of
from reader.annotations.model import SCHEMA_VERSION
from reader.annotations.record import is_record
from reader.annotations.sidecar_names import (  # noqa: F401  (part of this module's API)
    LOCK_SUFFIX,
    SIDECAR_SUFFIX,
    sidecar_name_for,
    sidecar_path_for,
)
from reader.document.decode import megabytes
from reader.errors import ReaderError

Tables = dict[str, Any]


# The largest sidecar read: ten times what 10,000 highlights with notes take (about 6 MB).
# A bigger file is refused by its size before any of it is read, let alone parsed.
SIDECAR_MAX_BYTES = 64 * 1024 * 1024


class SidecarProblem(ReaderError):
    """The sidecar exists but cannot be used (invalid JSON, future schema, unreadable)."""


# The store keeps a SidecarProblem's text (which names the file) as its `problem`; these say
# what follows from it. The palette command renames the file (`AnnotationStore.move_aside`).
MOVE_ASIDE_COMMAND = "Move bad annotations file aside"


def problem_message(problem: str) -> str:
    """The command line's error for a `problem` of the store."""
    return f"{problem}: annotating is off until it is moved aside"


def annotating_off(problem: str) -> str:
    """What the reader's screens say of a `problem` of the store: the file, and the fix."""
    return f"Annotating is off: {problem}. To annotate again: ctrl+p, {MOVE_ASIDE_COMMAND}"


@dataclass(slots=True, frozen=True)
class FileStamp:
    """What tells that the file was replaced: cheap to get, changes on every replace."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileStamp:
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


def read_sidecar_file(path: Path) -> tuple[Tables | None, FileStamp | None]:
    """(the data of the sidecar at `path`, its stamp); (None, None) when it is missing.
    Raises SidecarProblem for a file that must not be overwritten. What every reader of a
    sidecar reads it with (`SidecarStorage.read_file`, the export's `read_sidecar`)."""
    raw, stamp = _read_raw(path)
    return _decode(raw, path.name), stamp


def read_sidecar_stat(path: Path) -> tuple[Tables | None, os.stat_result | None]:
    """`read_sidecar_file` with the file's whole stat instead of its stamp: taken of the
    file opened, before its bytes are read (so they are that file's, or newer)."""
    raw, st = _read_stat(path)
    return _decode(raw, path.name), st


def _read_raw(path: Path) -> tuple[bytes | None, FileStamp | None]:
    raw, st = _read_stat(path)
    return raw, None if st is None else FileStamp.of(st)


def _read_stat(path: Path) -> tuple[bytes | None, os.stat_result | None]:
    name = path.name
    try:
        raw, st = read_regular(path, SIDECAR_MAX_BYTES)
    except FileNotFoundError:
        return None, None
    except TooLarge as error:
        raise SidecarProblem(
            f"{name} is too big to be an annotations file ({megabytes(error.size)}; "
            f"the limit is {megabytes(SIDECAR_MAX_BYTES)})"
        ) from None
    except NotRegularFile as error:
        if error.strerror.endswith("(a folder)"):
            raise SidecarProblem(f"{name} is a folder, not an annotations file") from None
        raise SidecarProblem(f"{name} is {error.strerror}") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SidecarProblem(f"{name} is a symbolic link loop") from None
        raise SidecarProblem(f"{name} cannot be read ({error.strerror})") from None
    return raw, st


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
