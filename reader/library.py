"""A library: the articles under a folder, with just enough of each to list them.

Pure core (no `textual` import). Listing parses only the first few KB of every file, with
the same parser that opens it, so the list shows the title, date and source the article
does; when a sidecar exists it counts its annotation records.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reader.annotations.sidecar import (
    LOCK_SUFFIX,
    SIDECAR_SUFFIX,
    SidecarProblem,
    SidecarStorage,
    sidecar_path_for,
)
from reader.document.decode import one_line
from reader.document.loader import load_document_head
from reader.errors import ReaderError
from reader.sync.conflict_copies import merge_quietly

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")  # pages: reader.document.html
HEAD_BYTES = 4096

# Files next to articles that are ours, never articles.
_NOT_ARTICLE_ENDINGS = (SIDECAR_SUFFIX, LOCK_SUFFIX, ".notes.md")


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One article as the library list shows it."""

    path: Path  # resolved
    name: str  # path relative to the library root, with "/" separators
    title: str
    published: str | None = None  # ISO date (YYYY-MM-DD)
    source: str = ""
    annotation_count: int = 0
    size: int = 0
    binary: bool = False  # NUL bytes in the head: listed, but opening it reports an error

    @property
    def sort_key(self) -> tuple[int, str, str]:
        """Newest first (published date), undated after dated, then by name."""
        if self.published:
            ordinal = date.fromisoformat(self.published).toordinal()
            return (-ordinal, self.name.casefold(), self.name)
        return (1, self.name.casefold(), self.name)

    def matches(self, query: str) -> bool:
        """Case-insensitive: every word of `query` occurs in the title, source, date or name."""
        haystack = " ".join((self.title, self.source, self.published or "", self.name)).casefold()
        return all(word in haystack for word in query.casefold().split())


def is_article_name(name: str) -> bool:
    """True for .txt/.md/.markdown files that are not our own sidecars, locks or exports."""
    lower = name.lower()
    if name.startswith("."):
        return False
    if not lower.endswith(ARTICLE_SUFFIXES):
        return False
    if lower.endswith(_NOT_ARTICLE_ENDINGS) or ".corrupt-" in lower:
        return False
    return True


def iter_article_paths(root: Path) -> Iterator[Path]:
    """Article files under `root` (subfolders included, hidden ones and symlinked folders not)."""
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        subfolders.append(Path(entry.path))
                elif entry.is_file() and is_article_name(entry.name):
                    yield Path(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subfolders))


def no_articles_message(folder: Path) -> str:
    """The one wording, for every verb, of a folder that holds no article."""
    return f"no articles ({', '.join(ARTICLE_SUFFIXES)}) in folder: {one_line(str(folder))}"


def has_articles(root: Path) -> bool:
    """Cheap: stops at the first article found."""
    return next(iter_article_paths(root), None) is not None


def count_annotations(sidecar: Path) -> int:
    """Number of annotation records in a TinyDB sidecar; 0 when it is missing or the store
    would refuse it (not a regular file, unreadable, not JSON: `SidecarStorage.read_file`,
    the one reader of sidecars, says which, and the app says so when the article opens).

    Counts the records of the "annotations" table when there is one (else "_default"),
    leaving out records marked deleted (tombstones).
    """
    try:
        data, _ = SidecarStorage(sidecar, read_only=True).read_file()
    except SidecarProblem:
        return 0
    if not isinstance(data, dict):
        return 0
    table = data.get("annotations", data.get("_default"))
    if not isinstance(table, dict):
        return 0
    return sum(
        1
        for record in table.values()
        if isinstance(record, dict) and not record.get("deleted") and not record.get("tombstone")
    )


def read_entry(path: Path, root: Path) -> LibraryEntry:
    """A list entry for one article: its title, date and source as the article itself gives
    them (the document parser on the first HEAD_BYTES bytes), and its annotation count."""
    path = Path(path)
    try:
        name = path.relative_to(root).as_posix()
    except ValueError:
        name = path.name
    # File names are untrusted too: no control character may reach the screen.
    name = one_line(name)
    try:
        size = path.stat().st_size
        document, _ = load_document_head(path, HEAD_BYTES)
    except (OSError, ReaderError):
        return LibraryEntry(path=path, name=name, title=name, binary=True)
    meta = document.meta
    return LibraryEntry(
        path=path,
        name=name,
        title=one_line(meta.title),
        published=meta.published,
        source=one_line(meta.source),
        annotation_count=count_annotations(sidecar_path_for(path)),
        size=size,
    )


def scan_library(
    root: Path,
    progress: Callable[[int], None] | None = None,
    *,
    progress_every: int = 100,
) -> list[LibraryEntry]:
    """Every article under `root`, sorted newest first then by name.

    `progress(n)` is called every `progress_every` files with the number read so far.
    """
    root = Path(root).resolve()
    merge_quietly(root)  # Syncthing/Dropbox conflict copies, into their sidecars first
    entries = []
    for count, path in enumerate(iter_article_paths(root), start=1):
        entries.append(read_entry(path, root))
        if progress is not None and count % progress_every == 0:
            progress(count)
    return sort_entries(entries)


def sort_entries(entries: list[LibraryEntry]) -> list[LibraryEntry]:
    return sorted(entries, key=lambda entry: entry.sort_key)


def filter_entries(entries: list[LibraryEntry], query: str) -> list[LibraryEntry]:
    if not query.strip():
        return list(entries)
    return [entry for entry in entries if entry.matches(query)]


def newest_openable(entries: list[LibraryEntry]) -> LibraryEntry | None:
    """The first entry (newest) that is not a binary file."""
    return next((entry for entry in entries if not entry.binary), None)
