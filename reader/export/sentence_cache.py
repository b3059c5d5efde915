"""What the export needs of a long article's parse, kept between exports in the user cache.

Numbering highlights ("¶ 12, sentence 3") needs the sentences of every block that holds one;
for a book with thousands of highlights that is nearly the whole text, and parsing the book
into blocks costs about as much again. So one file per article text (named by its SHA-256)
in `<user cache>/margin-reader/sentence-starts/` keeps:

* the sentence starts of the blocks segmented so far (`blocks`: index, block start, block
  end, starts relative to the block);
* the article's *outline*: every block's start and end, and its metadata (`starts`, `ends`,
  `meta`), with the file name stem the title may fall back to and the text's length.

A plain-text article whose outline is cached, and whose highlights all lie in blocks with
cached sentence starts, is exported without being parsed at all (`read_outline`). The file is
reused only while the text and the code that parses it are the same: it is named by the
text's SHA-256 and records a fingerprint of `reader/document/*.py`. Only articles of at least
`MIN_CHARS` characters are cached, so exporting short articles never writes anything.

The cache is best effort: a missing, unreadable, stale or malformed file is ignored (and
replaced), and a failure to write it is silent. Everything read from it is checked (types,
order, bounds within the text and its blocks) before it is used.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.document.decode import one_line
from reader.document.model import Document, Metadata
from reader.document.outline import code_fingerprint, meta_from_json, meta_to_json

MIN_CHARS = 200_000  # shorter articles parse in a few milliseconds: not worth a file
MAX_FILES = 16  # the least recently written cache files beyond this are removed
DIRNAME = "sentence-starts"
APP_NAME = "margin-reader"  # = reader.state.APP_NAME (not imported: it costs platformdirs)


def default_directory() -> Path:
    return _user_cache_dir() / DIRNAME


def _user_cache_dir() -> Path:
    """`platformdirs.user_cache_dir(APP_NAME)`; on Linux worked out directly (the XDG rule
    platformdirs applies there), sparing its import on every export."""
    android = os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT")
    if sys.platform.startswith("linux") and not android:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not base.strip():
            base = os.path.expanduser("~/.cache")
        return Path(base) / APP_NAME
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME))


def cache_path(document: Document, directory: Path | None = None) -> Path:
    directory = directory if directory is not None else default_directory()
    return directory / f"{document.sha256}.json"


# --- the outline ---------------------------------------------------------------------------


@dataclass(slots=True)
class Outline:
    """A parse of the article read from the cache: metadata, block bounds, and the sentence
    starts of some blocks (absolute offsets, by block index)."""

    meta: Metadata
    block_starts: list[int]
    block_ends: list[int]
    sentence_starts: dict[int, list[int]]

    def covers(self, offsets: Iterable[int]) -> bool:
        """True when the blocks of all `offsets` have their sentence starts cached."""
        if not self.block_ends:
            return True
        known, ends, last = self.sentence_starts, self.block_ends, len(self.block_ends) - 1
        right = bisect.bisect_right
        for offset in offsets:
            index = right(ends, offset)
            if (index if index < last else last) not in known:
                return False
        return True


def read_outline(document: Document, name: str, directory: Path | None = None) -> Outline | None:
    """The cached outline of `document`, a plain-text article whose `blocks` are not known
    yet (only its `text`, `path` and `format`), or None when there is no usable one. `name` is
    the title the parser falls back to (the file's stem)."""
    if document.format != "text" or len(document.text) < MIN_CHARS:
        return None
    data = _load(cache_path(document, directory), code_fingerprint())
    if data is None:
        return None
    if data.get("name") != name or data.get("length") != len(document.text):
        return None
    bounds = _bounds(data.get("starts"), data.get("ends"), len(document.text))
    meta = meta_from_json(data.get("meta"))
    entries = data.get("blocks")
    if bounds is None or meta is None or not isinstance(entries, list):
        return None
    starts, ends = bounds
    known: dict[int, list[int]] = {}
    for entry in entries:
        checked = _checked(entry, starts, ends)
        if checked is not None:
            known[entry[0]] = checked
    return Outline(meta, starts, ends, known)


def _load(path: Path, fingerprint: str) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint:
        return None
    return data


def _bounds(starts: Any, ends: Any, length: int) -> tuple[list[int], list[int]] | None:
    """Block starts and ends when they are ordered, non-overlapping blocks inside the text."""
    if not (isinstance(starts, list) and isinstance(ends, list) and len(starts) == len(ends)):
        return None
    previous_end = 0
    for start, end in zip(starts, ends, strict=True):
        if not (type(start) is int and type(end) is int and previous_end <= start <= end):
            return None
        previous_end = end
    if previous_end > length:
        return None
    return starts, ends


# --- sentence starts -----------------------------------------------------------------------


class SentenceStarts:
    """Sentence start offsets (into `Document.text`) per block index, cached on disk with the
    article's outline."""

    def __init__(
        self,
        document: Document,
        cache: bool = True,
        directory: Path | None = None,
        name: str | None = None,
    ) -> None:
        """`cache=False` only segments; `directory` defaults to the user cache folder; `name`
        is the title the parser fell back to (the file's stem; None: `Path(path).stem`)."""
        self.document = document
        self._known: dict[int, list[int]] = {}
        self._new_blocks = 0
        self._path: Path | None = None
        self._fingerprint = ""
        self._name = name if name is not None else one_line(Path(document.path).stem)
        self._outline_saved = False  # the file holds this document's outline already
        if cache and len(document.text) >= MIN_CHARS:
            self._path = cache_path(document, directory)
            self._fingerprint = code_fingerprint()
            self._read()

    def __call__(self, index: int) -> list[int]:
        starts = self._known.get(index)
        if starts is None:
            block = self.document.blocks[index]
            starts = self._known[index] = block.sentence_starts()
            self._new_blocks += 1
        return starts

    def _outline(self) -> dict[str, Any]:
        doc = self.document
        return {
            "name": self._name,
            "length": len(doc.text),
            "starts": [b.start for b in doc.blocks],
            "ends": [b.end for b in doc.blocks],
            "meta": meta_to_json(doc.meta),
        }

    def _read(self) -> None:
        assert self._path is not None
        data = _load(self._path, self._fingerprint)
        if data is None:
            return
        entries = data.get("blocks")
        if not isinstance(entries, list):
            return
        blocks = self.document.blocks
        starts, ends = [b.start for b in blocks], [b.end for b in blocks]
        for entry in entries:
            checked = _checked(entry, starts, ends)
            if checked is not None:
                self._known[entry[0]] = checked
        outline = self._outline()
        self._outline_saved = all(data.get(key) == value for key, value in outline.items())

    def save(self) -> None:
        """Write the file when text was segmented since it was read, or when it lacks this
        document's outline."""
        if self._path is None:
            return
        if self._outline_saved and not self._new_blocks:
            return
        blocks = self.document.blocks
        entries = []
        for index in sorted(self._known):
            block = blocks[index]
            entries.append(
                [index, block.start, block.end, [s - block.start for s in self._known[index]]]
            )
        try:
            payload = json.dumps(
                {"fingerprint": self._fingerprint, **self._outline(), "blocks": entries},
                separators=(",", ":"),
            ).encode()
        except (TypeError, ValueError):  # metadata that JSON cannot hold: no cache
            return
        directory = self._path.parent
        tmp = directory / f".{self._path.name}.tmp-{os.getpid()}"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(payload)
            os.replace(tmp, self._path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return
        self._new_blocks = 0
        self._outline_saved = True
        _prune(directory)


def _checked(entry: Any, starts: list[int], ends: list[int]) -> list[int] | None:
    """The absolute starts of a cache entry, or None when it does not fit its block."""
    if not (isinstance(entry, list) and len(entry) == 4):
        return None
    index, start, end, relative = entry
    if not (type(index) is int and 0 <= index < len(starts) and isinstance(relative, list)):
        return None
    if start != starts[index] or end != ends[index]:
        return None
    if not relative:
        return []
    # Strictly increasing ints in 0 <= value < size, checked in C (a book has ~30,000).
    if set(map(type, relative)) != _INT or relative[0] < 0 or relative[-1] >= end - start:
        return None
    if len(relative) > 1 and relative != sorted(set(relative)):
        return None
    return [start + value for value in relative]


_INT = {int}


def _prune(directory: Path) -> None:
    with contextlib.suppress(OSError):
        files = [e for e in os.scandir(directory) if e.name.endswith(".json")]
        if len(files) <= MAX_FILES:
            return
        files.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for entry in files[MAX_FILES:]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
