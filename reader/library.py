"""A library: the articles under a folder, with just enough of each to list them.

Pure core (no `textual` import). Listing parses only the first few KB of every file, with
the same parser that opens it, so the list shows the title, date and source the article
does; when a sidecar exists it counts its annotation records.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from reader.annotations.sidecar_names import sidecar_name_for, sidecar_path_for
from reader.document.collector import collector_paused
from reader.document.decode import one_line
from reader.document.loader import parse_text, read_article_head
from reader.errors import ReaderError
from reader.export.signature import is_export_text
from reader.library_cache import (  # noqa: F401  (cached_newest: part of this API)
    MetadataCache,
    Stamp,
    cached_newest,
    name_order,
    path_key,
)
from reader.library_listing import (  # noqa: F401  (the listing is part of this module's API)
    ARTICLE_SUFFIXES,
    PROJECT_FILE_STEMS,
    has_articles,
    is_article_name,
    is_project_file,
    iter_annotated_articles,
    iter_article_files,
    iter_article_paths,
    no_articles_message,
    walk_folders,
)
from reader.library_order import (  # noqa: F401  (the list's order is part of this API)
    READ_AT,
    SORT_LABELS,
    SORT_ORDERS,
    ProgressOf,
    filter_entries,
    newest_openable,
    reading_status,
    shared_titles,
    sort_entries,
)

HEAD_BYTES = 4096
LISTED_OVER = 100  # articles: a folder of more is listed by name before its files are read
EXPORT: dict = {"export": True}  # the fields of one of our exports: not listed


@dataclass
class LibraryEntry:
    """One article as the library list shows it. It holds what the list needs, the file's
    path as the folder's listing spells it among them; its `Path` is made when asked for."""

    file: str  # the article's path (resolved): what tells one entry's article from another's
    name: str  # path relative to the library root, with "/" separators
    title: str
    published: str | None = None  # ISO date (YYYY-MM-DD)
    source: str = ""
    annotation_count: int = 0
    size: int = 0
    binary: bool = False  # NUL bytes in the head: listed, but opening it reports an error
    pending: bool = False  # listed by name only: its head is not read yet
    # Newest first (published date), undated after dated, then by name: made with the entry,
    # so that each sort of the list (again with every batch a scan brings) only compares.
    sort_key: tuple[int, str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        day = -date.fromisoformat(self.published).toordinal() if self.published else 1
        self.sort_key = (day, *name_order(self.name))

    @cached_property
    def path(self) -> Path:
        return Path(self.file)

    def is_at(self, path: str | os.PathLike[str]) -> bool:
        """True when this is the entry of the article at `path` (resolved)."""
        return self.file == os.fspath(path)

    def matches(self, query: str) -> bool:
        """Case-insensitive: every word of `query` occurs in the title, source, date or name."""
        haystack = " ".join((self.title, self.source, self.published or "", self.name)).casefold()
        return all(word in haystack for word in query.casefold().split())


def count_annotations(sidecar: Path) -> int:
    """Number of annotation records in a TinyDB sidecar; 0 when it is missing or the store
    would refuse it (not a regular file, unreadable, not JSON: `SidecarStorage.read_file`,
    the one reader of sidecars, says which, and the app says so when the article opens).

    Counts the records of the "annotations" table when there is one (else "_default"),
    leaving out records marked deleted (tombstones).
    """
    # The store's storage (TinyDB's): loaded with the first sidecar, not by every listing.
    from reader.annotations.sidecar import SidecarProblem, SidecarStorage

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


def _entry_name(path: Path, root: Path) -> str:
    try:
        name = path.relative_to(root).as_posix()
    except ValueError:
        name = path.name
    # File names are untrusted too: no control character may reach the screen.
    return one_line(name)


def _read_fields(path: Path, name: str, stamp: Stamp | None = None) -> dict:
    """The cacheable part of an entry, read from the article and its sidecar. With the
    `stamp` the folder's listing gave, the article's size is the stamp's and the sidecar is
    read only when the listing holds one. One of our exports (under a name of the user's
    choosing: told by how its text starts, reader/export/signature.py) is `EXPORT`."""
    try:
        size = path.stat().st_size if stamp is None else stamp.article[1]
        text, encoding, _ = read_article_head(path, HEAD_BYTES)
        if is_export_text(text):
            return EXPORT
        document = parse_text(text, path, encoding)
    except (OSError, ReaderError):
        return {"title": name, "binary": True}
    meta = document.meta
    listed_none = stamp is not None and stamp.sidecar is None
    return {
        "title": one_line(meta.title),
        "published": meta.published,
        "source": one_line(meta.source),
        "annotation_count": 0 if listed_none else count_annotations(sidecar_path_for(path)),
        "size": size,
    }


def _entry(file: str, name: str, fields: dict) -> LibraryEntry | None:
    try:
        return LibraryEntry(
            file=file,
            name=name,
            title=str(fields.get("title") or name),
            published=_iso_date(fields.get("published")),
            source=str(fields.get("source") or ""),
            annotation_count=int(fields.get("annotation_count") or 0),
            size=int(fields.get("size") or 0),
            binary=bool(fields.get("binary")),
        )
    except (TypeError, ValueError):
        return None


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    date.fromisoformat(value)  # ValueError for a cache row that is not one
    return value


def read_entry(path: Path, root: Path) -> LibraryEntry:
    """A list entry for one article: its title, date and source as the article itself gives
    them (the document parser on the first HEAD_BYTES bytes), and its annotation count."""
    path = Path(path)
    name = _entry_name(path, root)
    entry = _entry(str(path), name, _read_fields(path, name))
    assert entry is not None  # fields read just now are well-formed
    return entry


def _stamp(article: os.DirEntry[str], sidecars: set[str]) -> Stamp | None:
    """The (mtime_ns, size) of an article and of its sidecar (None when it has none), given
    the names of the sidecars in its folder."""
    try:
        st = article.stat()
        side = None
        if sidecars:
            sidecar = sidecar_name_for(article.name)
            if sidecar in sidecars:
                side_st = os.stat(os.path.join(os.path.dirname(article.path), sidecar))
                side = (side_st.st_mtime_ns, side_st.st_size)
    except OSError:
        return None
    return Stamp((st.st_mtime_ns, st.st_size), side)


def _cached_entry(
    dirent: os.DirEntry[str],
    name: str,
    sidecars: set[str],
    row: tuple[bytes, tuple[str, dict] | None],
    cache: MetadataCache | None,
) -> LibraryEntry | None:
    """The entry of one article: from its cache row (key, row or None) while that is
    current, else read (and cached); None for one of our exports (not cached: its first
    line is read again by each scan, as exports are few)."""
    key, hit = row
    stamp = _stamp(dirent, sidecars)
    if stamp is not None and hit is not None and hit[0] == stamp.text():
        entry = _entry(dirent.path, name, hit[1])
        if entry is not None:
            return entry
    fields = _read_fields(Path(dirent.path), name, stamp)
    if fields is EXPORT:
        return None
    entry = _entry(dirent.path, name, fields)
    assert entry is not None  # fields read just now are well-formed
    if cache is not None and stamp is not None:
        cache.put(key, stamp, fields)
    return entry


def _listed_entry(file: str, name: str, hit: tuple[str, dict] | None) -> LibraryEntry:
    """An entry before its files are checked: as its cache row says, else its name only."""
    entry = _entry(file, name, hit[1]) if hit is not None else None
    return entry or LibraryEntry(file=file, name=name, title=name, pending=True)


def scan_library(
    root: Path,
    progress: Callable[[int], None] | None = None,
    *,
    progress_every: int = 100,
    listed_over: int = LISTED_OVER,
    cache: MetadataCache | None = None,
    found: Callable[[list[LibraryEntry]], None] | None = None,
    listed: Callable[[list[LibraryEntry]], None] | None = None,
    done: Callable[[list[LibraryEntry]], None] | None = None,
) -> list[LibraryEntry]:
    """Every article under `root`, sorted newest first then by name.

    With a `cache`, an article whose file and sidecar are unchanged since they were last
    read costs no read; the others are read and cached, and rows of files gone are dropped.
    Every `progress_every` files, `found(entries)` is called with the entries listed since
    its last call (and once more at the end), then `progress(n)` with the number so far.

    With `listed`, a folder of more than `listed_over` articles is listed first, before any
    file is read or checked: `listed(entries)` gets every article as its cache row says, or
    by name only (`pending`) when it has none, and `found` then gets only the entries that
    differ from those. A smaller folder is read in a few milliseconds: listing it first
    would only draw the list one more time before the titles.
    `done(entries)` gets the result as soon as every file is read, before the cache is written.
    """
    root = Path(root).resolve()
    cached = cache.load(root) if cache is not None else {}
    # Listing allocates a few objects per file and no cycles: the collector would walk the
    # whole heap for nothing, before the listing is on screen.
    with collector_paused():
        files = [
            # File names are untrusted too: no control character may reach the screen.
            (dirent, path_key(dirent.path), one_line(prefix + dirent.name), sidecars)
            for prefix, articles, sidecars in walk_folders(root)
            for dirent in articles
        ]
        before: list[LibraryEntry | None] = [None] * len(files)
        if listed is not None and len(files) > listed_over:
            before = [_listed_entry(d.path, name, cached.get(key)) for d, key, name, _ in files]
            listed(list(before))
    entries: list[LibraryEntry | None] = []  # None: one of our exports
    news: list[LibraryEntry] = []
    for (dirent, key, name, sidecars), shown in zip(files, before, strict=True):
        entry = _cached_entry(dirent, name, sidecars, (key, cached.get(key)), cache)
        entries.append(entry)
        if entry != shown and entry is not None:
            news.append(entry)
        if len(entries) % progress_every == 0:
            if found is not None and news:
                found(news)
                news = []
            if progress is not None:
                progress(len(entries))
    if found is not None and news:
        found(news)
    articles = sort_entries([entry for entry in entries if entry is not None])
    if done is not None:
        done(articles)
    if cache is not None:
        cache.commit()
        cache.prune(root, [key for _, key, _, _ in files])
    return articles
