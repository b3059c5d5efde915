"""Sentence starts of a long article's blocks, kept between exports in the user cache folder.

Numbering highlights ("¶ 12, sentence 3") needs the sentences of every block that holds one;
for a book with thousands of highlights that is nearly the whole text, the slowest part of an
export. The starts found are saved in `<user cache>/margin-reader/sentence-starts/`, one file
per article text (named by its SHA-256), and reused while the text and the code that splits it
are the same (the file records a fingerprint of `reader/document/*.py`). Only articles of at
least `MIN_CHARS` characters are cached, so exporting short articles never writes anything.

The cache is best effort: a missing, unreadable, stale or malformed file is ignored (and
replaced), and a failure to write it is silent. Starts read from it are checked against the
block they claim to describe before they are used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from reader.document.model import Block, Document

FORMAT = 1
MIN_CHARS = 200_000  # shorter articles segment in a few milliseconds: not worth a file
MIN_NEW_CHARS = 50_000  # rewrite the file only when this much more text was segmented
MAX_FILES = 16  # the least recently written cache files beyond this are removed
DIRNAME = "sentence-starts"


def default_directory() -> Path:
    from platformdirs import user_cache_dir

    from reader.state import APP_NAME

    return Path(user_cache_dir(APP_NAME)) / DIRNAME


def code_fingerprint() -> str:
    """A digest of the code that makes blocks and sentences (reader/document/*.py)."""
    folder = Path(__file__).resolve().parent.parent / "document"
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(folder.glob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


class SentenceStarts:
    """Sentence start offsets (into `Document.text`) per block index, cached on disk."""

    def __init__(
        self, document: Document, cache: bool = True, directory: Path | None = None
    ) -> None:
        """`cache=False` only segments; `directory` defaults to the user cache folder."""
        self.document = document
        self._known: dict[int, list[int]] = {}
        self._new_chars = 0
        self._path: Path | None = None
        self._fingerprint = ""
        if cache and len(document.text) >= MIN_CHARS:
            directory = directory if directory is not None else default_directory()
            self._path = directory / f"{document.sha256}.json"
            self._fingerprint = code_fingerprint()
            self._read()

    def __call__(self, index: int) -> list[int]:
        starts = self._known.get(index)
        if starts is None:
            block = self.document.blocks[index]
            starts = self._known[index] = [s.start for s in block.sentences]
            self._new_chars += block.end - block.start
        return starts

    def _read(self) -> None:
        assert self._path is not None
        try:
            data = json.loads(self._path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return
        if not isinstance(data, dict) or data.get("fingerprint") != self._fingerprint:
            return
        entries = data.get("blocks")
        if not isinstance(entries, list):
            return
        blocks = self.document.blocks
        for entry in entries:
            starts = _checked(entry, blocks)
            if starts is not None:
                self._known[entry[0]] = starts

    def save(self) -> None:
        """Write the file when enough new text was segmented since it was read."""
        if self._path is None or self._new_chars < MIN_NEW_CHARS:
            return
        blocks = self.document.blocks
        entries = []
        for index in sorted(self._known):
            block = blocks[index]
            entries.append(
                [index, block.start, block.end, [s - block.start for s in self._known[index]]]
            )
        payload = json.dumps(
            {"fingerprint": self._fingerprint, "blocks": entries}, separators=(",", ":")
        ).encode()
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
        self._new_chars = 0
        _prune(directory)


def _checked(entry: Any, blocks: list[Block]) -> list[int] | None:
    """The absolute starts of a cache entry, or None when it does not fit its block."""
    if not (isinstance(entry, list) and len(entry) == 4):
        return None
    index, start, end, relative = entry
    if not (type(index) is int and 0 <= index < len(blocks) and isinstance(relative, list)):
        return None
    block = blocks[index]
    if start != block.start or end != block.end:
        return None
    size = end - start
    previous = -1
    for value in relative:
        if type(value) is not int or not previous < value < size:
            return None
        previous = value
    return [start + value for value in relative]


def _prune(directory: Path) -> None:
    with contextlib.suppress(OSError):
        files = [e for e in os.scandir(directory) if e.name.endswith(".json")]
        if len(files) <= MAX_FILES:
            return
        files.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for entry in files[MAX_FILES:]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
