"""A library: the articles under a folder, with just enough of each to list them.

Pure core (no `textual` import). Listing parses only the first few KB of every file, with
the same parser that opens it, so the list shows the title, date and source the article
does; when a sidecar exists it counts its annotation records.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
from reader.library_cache import MetadataCache, Stamp, name_order, path_key
from reader.sync.conflict_copies import merge_copy_quietly, sidecar_of_copy

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")  # pages: reader.document.html
HEAD_BYTES = 4096

# Files next to articles that are ours, never articles.
_NOT_ARTICLE_ENDINGS = (SIDECAR_SUFFIX, LOCK_SUFFIX, ".notes.md", ".dossier.md")
# A folder's own description (README.md, SOURCES.md, LICENSE.txt, …), named in capitals as
# projects name them: not listed as an article unless it has been annotated. Opened by name
# (`reader README.md`) it is read like any article.
PROJECT_FILE_STEMS = frozenset(
    {
        "AUTHORS", "CHANGELOG", "CHANGES", "CODE_OF_CONDUCT", "CONTRIBUTING", "COPYING",
        "HISTORY", "LICENCE", "LICENSE", "NEWS", "NOTICE", "README", "SECURITY", "SOURCES",
        "TODO",
    }
)  # fmt: skip
# Folders that hold software, not reading: never walked into below a library's root. A
# virtualenv is known by its pyvenv.cfg whatever its name.
SOFTWARE_FOLDERS = frozenset({"node_modules", "site-packages", "dist-packages", "__pycache__"})
VIRTUALENV_MARK = "pyvenv.cfg"


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
    pending: bool = False  # listed by name only: its head is not read yet

    @property
    def sort_key(self) -> tuple[int, str, str]:
        """Newest first (published date), undated after dated, then by name."""
        if self.published:
            return (-date.fromisoformat(self.published).toordinal(), *name_order(self.name))
        return (1, *name_order(self.name))

    def matches(self, query: str) -> bool:
        """Case-insensitive: every word of `query` occurs in the title, source, date or name."""
        haystack = " ".join((self.title, self.source, self.published or "", self.name)).casefold()
        return all(word in haystack for word in query.casefold().split())


def is_project_file(name: str) -> bool:
    """True for a folder's description rather than an article: README.md, SOURCES.md,
    LICENSE.txt and the like (`PROJECT_FILE_STEMS`, in capitals)."""
    stem = name.split(".", 1)[0]
    return stem in PROJECT_FILE_STEMS


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


def _walk(root: Path) -> Iterator[tuple[str, list[os.DirEntry[str]], set[str]]]:
    """Per folder under `root` (subfolders included; hidden ones, symlinked ones and those
    holding software not: `SOFTWARE_FOLDERS`, virtualenvs): its path relative to `root`
    ("" or ending in "/"), its article files in name order, and the names of the sidecars
    in it."""
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                listing = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        found = _Folder()
        for entry in listing:
            with contextlib.suppress(OSError):
                found.add(entry, prefix)
        if found.virtualenv and prefix:
            continue
        for copy, sidecar in found.copies:  # Syncthing/Dropbox copies: into their sidecars
            if merge_copy_quietly(Path(copy), Path(folder, sidecar)):
                found.sidecars.add(sidecar)
        articles = [
            e
            for e in found.articles
            if not is_project_file(e.name) or sidecar_path_for(e.path).name in found.sidecars
        ]
        yield prefix, articles, found.sidecars
        stack.extend(reversed(found.subfolders))


@dataclass
class _Folder:
    """What one folder of the library holds, sorted by kind."""

    subfolders: list[tuple[str, str]] = field(default_factory=list)  # (path, prefix)
    articles: list[os.DirEntry[str]] = field(default_factory=list)
    sidecars: set[str] = field(default_factory=set)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (conflict copy, sidecar)
    virtualenv: bool = False  # it holds pyvenv.cfg

    def add(self, entry: os.DirEntry[str], prefix: str) -> None:
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith(".") and entry.name not in SOFTWARE_FOLDERS:
                self.subfolders.append((entry.path, f"{prefix}{entry.name}/"))
        elif entry.name == VIRTUALENV_MARK:
            self.virtualenv = True
        elif entry.name.endswith(SIDECAR_SUFFIX):
            self.sidecars.add(entry.name)
        elif (sidecar := sidecar_of_copy(entry.name)) is not None:
            self.copies.append((entry.path, sidecar))
        elif entry.is_file() and is_article_name(entry.name):
            self.articles.append(entry)


def iter_annotated_articles(root: Path) -> Iterator[tuple[str, Path, Path]]:
    """(name relative to `root`, path, sidecar path) of every article file under `root` with
    a sidecar beside it, in the order of `iter_article_files` (the folder's listing says
    which have one: nothing is looked up file by file)."""
    for prefix, articles, sidecars in _walk(root):
        for entry in articles:
            path = Path(entry.path)
            sidecar = sidecar_path_for(path)
            if sidecar.name in sidecars:
                yield prefix + entry.name, path, sidecar


def iter_article_files(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(name relative to `root`, directory entry) of every article file under `root`."""
    for prefix, articles, _ in _walk(root):
        for entry in articles:
            yield prefix + entry.name, entry


def iter_article_paths(root: Path) -> Iterator[Path]:
    """Article files under `root` (subfolders included, as `_walk` chooses them)."""
    for _, articles, _ in _walk(root):
        for entry in articles:
            yield Path(entry.path)


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
    read only when the listing holds one."""
    try:
        size = path.stat().st_size if stamp is None else stamp.article[1]
        document, _ = load_document_head(path, HEAD_BYTES)
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


def _entry(path: Path, name: str, fields: dict) -> LibraryEntry | None:
    try:
        return LibraryEntry(
            path=path,
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
    entry = _entry(path, name, _read_fields(path, name))
    assert entry is not None  # fields read just now are well-formed
    return entry


def _stamp(article: os.DirEntry[str], sidecars: set[str]) -> Stamp | None:
    """The (mtime_ns, size) of an article and of its sidecar (None when it has none), given
    the names of the sidecars in its folder."""
    try:
        st = article.stat()
        side = None
        if sidecars:
            sidecar = sidecar_path_for(article.path)
            if sidecar.name in sidecars:
                side_st = sidecar.stat()
                side = (side_st.st_mtime_ns, side_st.st_size)
    except OSError:
        return None
    return Stamp((st.st_mtime_ns, st.st_size), side)


def _cached_entry(
    dirent: os.DirEntry[str],
    path: Path,
    name: str,
    sidecars: set[str],
    row: tuple[bytes, tuple[str, dict] | None],
    cache: MetadataCache | None,
) -> LibraryEntry:
    """The entry of one article: from its cache row (key, row or None) while that is
    current, else read (and cached)."""
    key, hit = row
    stamp = _stamp(dirent, sidecars)
    if stamp is not None and hit is not None and hit[0] == stamp.text():
        entry = _entry(path, name, hit[1])
        if entry is not None:
            return entry
    fields = _read_fields(path, name, stamp)
    entry = _entry(path, name, fields)
    assert entry is not None  # fields read just now are well-formed
    if cache is not None and stamp is not None:
        cache.put(key, stamp, fields)
    return entry


def _listed_entry(
    dirent: os.DirEntry[str], name: str, hit: tuple[str, dict] | None
) -> LibraryEntry:
    """An entry before its files are checked: as its cache row says, else its name only."""
    path = Path(dirent.path)
    entry = _entry(path, name, hit[1]) if hit is not None else None
    return entry or LibraryEntry(path=path, name=name, title=name, pending=True)


def scan_library(
    root: Path,
    progress: Callable[[int], None] | None = None,
    *,
    progress_every: int = 100,
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

    With `listed`, the folder is listed first, before any file is read or checked:
    `listed(entries)` gets every article as its cache row says, or by name only (`pending`)
    when it has none, and `found` then gets only the entries that differ from those.
    `done(entries)` gets the result as soon as every file is read, before the cache is written.
    """
    root = Path(root).resolve()
    cached = cache.load(root) if cache is not None else {}
    files = [
        # File names are untrusted too: no control character may reach the screen.
        (dirent, path_key(dirent.path), one_line(prefix + dirent.name), sidecars)
        for prefix, articles, sidecars in _walk(root)
        for dirent in articles
    ]
    before: list[LibraryEntry | None] = [None] * len(files)
    if listed is not None:
        before = [_listed_entry(dirent, name, cached.get(key)) for dirent, key, name, _ in files]
        listed(list(before))
    entries: list[LibraryEntry] = []
    news: list[LibraryEntry] = []
    for (dirent, key, name, sidecars), shown in zip(files, before, strict=True):
        path = shown.path if shown is not None else Path(dirent.path)
        entry = _cached_entry(dirent, path, name, sidecars, (key, cached.get(key)), cache)
        entries.append(entry)
        if entry != shown:
            news.append(entry)
        if len(entries) % progress_every == 0:
            if found is not None and news:
                found(news)
                news = []
            if progress is not None:
                progress(len(entries))
    if found is not None and news:
        found(news)
    entries = sort_entries(entries)
    if done is not None:
        done(entries)
    if cache is not None:
        cache.commit()
        cache.prune(root, [key for _, key, _, _ in files])
    return entries


def cached_newest(root: Path, cache: MetadataCache) -> Path | None:
    """The newest article under `root` as the cache last listed it, while that file is
    unchanged since: what opens before the folder is listed again (None when unknown)."""
    found = cache.newest(Path(root).resolve())
    if found is None:
        return None
    key, stamp = found
    path = os.fsdecode(key)
    try:
        st = os.stat(path)
    except OSError:
        return None
    return Path(path) if Stamp.article_unchanged(stamp, st.st_mtime_ns, st.st_size) else None


SORT_ORDERS = ("newest", "oldest", "title", "progress", "annotations")
SORT_LABELS = {
    "newest": "newest first",
    "oldest": "oldest first",
    "title": "by title",
    "progress": "least read first",
    "annotations": "most annotated first",
}
READ_AT = 90.0  # reading progress (%) from which an article counts as read

ProgressOf = Callable[[Path], float | None]


def reading_status(progress: float | None) -> str:
    """ "unread" (never opened), "reading" or "read" (opened and read past READ_AT %)."""
    if progress is None:
        return "unread"
    return "read" if progress >= READ_AT else "reading"


def sort_entries(
    entries: list[LibraryEntry], order: str = "newest", progress_of: ProgressOf | None = None
) -> list[LibraryEntry]:
    """`entries` in one of SORT_ORDERS; ties (and undated articles, always last by date)
    by name. "progress" puts unread articles first, then the least read."""
    if order == "title":
        return sorted(entries, key=lambda e: (e.title.casefold(), *name_order(e.name)))
    if order == "annotations":
        return sorted(entries, key=lambda e: (-e.annotation_count, *e.sort_key))
    if order == "progress":
        lookup = progress_of or (lambda path: None)

        def by_progress(entry: LibraryEntry) -> tuple:
            progress = lookup(entry.path)
            return (-1.0 if progress is None else progress, *entry.sort_key)

        return sorted(entries, key=by_progress)
    newest = sorted(entries, key=lambda entry: entry.sort_key)
    if order != "oldest":
        return newest
    dated = [entry for entry in newest if entry.published]
    dated.sort(key=lambda e: (e.published, *name_order(e.name)))
    return dated + newest[len(dated) :]


def shared_titles(entries: list[LibraryEntry]) -> set[str]:
    """The titles (case-folded) that more than one entry has."""
    seen: set[str] = set()
    shared: set[str] = set()
    for entry in entries:
        key = entry.title.casefold()
        if key in seen:
            shared.add(key)
        seen.add(key)
    return shared


def filter_entries(entries: list[LibraryEntry], query: str) -> list[LibraryEntry]:
    if not query.strip():
        return list(entries)
    return [entry for entry in entries if entry.matches(query)]


def newest_openable(entries: list[LibraryEntry]) -> LibraryEntry | None:
    """The first entry (newest) that is not a binary file."""
    return next((entry for entry in entries if not entry.binary), None)
