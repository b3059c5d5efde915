"""The library's metadata cache: what the list shows of each article, kept between runs.

Pure core (no `textual` import). The one owner of `<user cache dir>/library.sqlite3`. A row
is the list entry of one article (title, date, source, annotation count, binary) and is
valid while the article's and its sidecar's modification time (ns) and size are the ones it
was made from; a stale row is read again from the files. Deleting the file loses nothing:
the next scan rebuilds it. A database that cannot be read is deleted and rebuilt (one line
in `problem`); one that cannot be written leaves the scan uncached.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir

from reader import APP_NAME
from reader.document.decode import one_line

CACHE_VERSION = 3  # 3: JSON exports under article names are no longer rows (export/signature.py)
FIELDS = ("title", "published", "source", "annotation_count", "size", "binary")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    path BLOB PRIMARY KEY,
    stamp TEXT NOT NULL,
    title TEXT, published TEXT, source TEXT, annotation_count INTEGER, size INTEGER,
    binary INTEGER
) WITHOUT ROWID
"""


def default_cache_path() -> Path:
    return Path(user_cache_dir(APP_NAME)) / "library.sqlite3"


def path_key(path: str | os.PathLike[str]) -> bytes:
    """A path as the cache keys it: its bytes (names need not be valid UTF-8)."""
    return os.fsencode(path)


def stamp_text(mtime_ns: int, size: int) -> str:
    """How the caches of files (this one's search-index and address siblings) store a file's
    stamp: a row holds while the file's modification time (ns) and size are these."""
    return f"{mtime_ns}:{size}"


def folder_range(root: Path) -> tuple[bytes, bytes]:
    """Keys of every path under `root`: `low <= key < high`."""
    prefix = path_key(root).rstrip(b"/") + b"/"
    return prefix, prefix[:-1] + b"0"  # "0" sorts just after "/"


def name_order(name: str) -> tuple[str, str]:
    """How the library list orders articles of one date, and of one title: by their name
    relative to the library folder, case aside, then as written. The one owner of that
    tie-break (`reader.library.LibraryEntry.sort_key`, `MetadataCache.newest`)."""
    return name.casefold(), name


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a cached row was made from: the article's and the sidecar's (mtime_ns, size)."""

    article: tuple[int, int]
    sidecar: tuple[int, int] | None

    def text(self) -> str:
        side = "-" if self.sidecar is None else "{}:{}".format(*self.sidecar)
        return "{}:{}/{}".format(*self.article, side)

    @staticmethod
    def article_unchanged(text: str, mtime_ns: int, size: int) -> bool:
        """True when the stamp `text` was made from an article of this mtime and size."""
        return text.split("/", 1)[0] == f"{mtime_ns}:{size}"


class MetadataCache:
    """`MetadataCache.open()`, then `load(root)` (or `newest(root)`), `put(...)`,
    `prune(root, seen)`, `close()`."""

    def __init__(self, path: Path, connection: sqlite3.Connection | None) -> None:
        self.path = path
        self._db = connection
        self.problem: str | None = None
        self._pending: list[tuple] = []
        self._made_on_commit = False  # no file yet: `commit` makes it

    @classmethod
    def open(cls, path: Path | None = None, *, create: bool = True) -> MetadataCache:
        """The cache at `path` (the user cache folder's by default). `create=False`: when
        there is no file yet, none is made until `commit` has rows to write (an empty cache
        until then)."""
        path = Path(path) if path is not None else default_cache_path()
        if not create and not path.is_file():
            cache = cls(path, None)
            cache._made_on_commit = True
            return cache
        cache = cls(path, None)
        cache._connect()
        return cache

    def _connect(self) -> None:
        db, problem = open_cache_db(self.path, CACHE_VERSION, ("entries",), (_SCHEMA,))
        self._db = db
        if db is None:
            self.problem = (
                f"cannot write the library cache (listing uncached): {one_line(str(self.path))}"
            )
        else:
            self.problem = problem

    @property
    def usable(self) -> bool:
        return self._db is not None

    def load(self, root: Path) -> dict[bytes, tuple[str, dict]]:
        """Every cached row under `root`: key -> (stamp text, entry fields)."""
        if self._db is None:
            return {}
        low, high = folder_range(root)
        try:
            rows = self._db.execute(
                f"SELECT path, stamp, {', '.join(FIELDS)} FROM entries"
                " WHERE path >= ? AND path < ?",
                (low, high),
            ).fetchall()
        except sqlite3.Error:
            self._fail()
            return {}
        return {bytes(row[0]): (row[1], dict(zip(FIELDS, row[2:], strict=True))) for row in rows}

    def newest(self, root: Path) -> tuple[bytes, str] | None:
        """(key, stamp text) of the newest openable article cached under `root`: the latest
        date, else (no dated row) undated; of several, the first by name as the list orders them;
        None when nothing under it is cached."""
        if self._db is None:
            return None
        low, high = folder_range(root)
        openable = "path >= ? AND path < ? AND coalesce(binary, 0) = 0"
        try:
            day = self._db.execute(
                f"SELECT nullif(published, '') AS day FROM entries WHERE {openable}"
                " ORDER BY day IS NULL, day DESC LIMIT 1",
                (low, high),
            ).fetchone()
            if day is None:
                return None
            rows = self._db.execute(
                f"SELECT path, stamp FROM entries WHERE {openable} AND nullif(published, '') IS ?",
                (low, high, day[0]),
            ).fetchall()
        except sqlite3.Error:
            self._fail()
            return None
        # Of that day's articles, the one the list puts first: by name, case aside.
        path, stamp = min(rows, key=lambda row: name_order(os.fsdecode(bytes(row[0])[len(low) :])))
        return bytes(path), stamp

    def holds_several(self, root: Path) -> bool:
        """True when more than one article under `root` is cached (the library was one of
        several articles when last listed)."""
        if self._db is None:
            return False
        low, high = folder_range(root)
        try:
            second = self._db.execute(
                "SELECT 1 FROM entries WHERE path >= ? AND path < ? LIMIT 1 OFFSET 1",
                (low, high),
            ).fetchone()
        except sqlite3.Error:
            self._fail()
            return False
        return second is not None

    def put(self, key: bytes, stamp: Stamp, fields: dict) -> None:
        """Queue a row (written by `commit`). A row with text SQLite cannot store (a file
        name that is not UTF-8 as a title) is not cached: it is read again each time."""
        row = (key, stamp.text(), *(fields.get(name) for name in FIELDS))
        if all(not isinstance(value, str) or storable(value) for value in row):
            self._pending.append(row)

    def prune(self, root: Path, seen: Iterable[bytes]) -> None:
        """Forget the rows under `root` that are not in `seen` (deleted or renamed files)."""
        if self._db is None:
            return
        low, high = folder_range(root)
        keep = set(seen)
        try:
            stale = [
                (key,)
                for (key,) in self._db.execute(
                    "SELECT path FROM entries WHERE path >= ? AND path < ?", (low, high)
                )
                if bytes(key) not in keep
            ]
            if stale:
                with self._db:
                    self._db.executemany("DELETE FROM entries WHERE path = ?", stale)
        except sqlite3.Error:
            self._fail()

    def commit(self) -> None:
        if self._made_on_commit and self._pending:
            self._made_on_commit = False
            self._connect()
        if self._db is None or not self._pending:
            self._pending.clear()
            return
        rows, self._pending = self._pending, []
        try:
            with self._db:
                self._db.executemany(
                    f"INSERT OR REPLACE INTO entries VALUES ({', '.join('?' * (2 + len(FIELDS)))})",
                    rows,
                )
        except sqlite3.Error:
            self._fail()

    def _fail(self) -> None:
        """A database that fails midway (full disk, locked for too long): stop using it."""
        self.problem = (
            f"the library cache stopped working (listing uncached): {one_line(str(self.path))}"
        )
        self.close()

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None


def storable(text: str) -> bool:
    """True when SQLite can store `text` (it encodes as UTF-8: no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def open_cache_db(
    path: Path, version: int, tables: tuple[str, ...], schema: tuple[str, ...]
) -> tuple[sqlite3.Connection | None, str | None]:
    """A cache database at `path` with `tables` made by `schema` (dropped and made again when
    the file is from another `version`). A file that is not a database or is damaged is
    deleted and made again: (connection, "... unreadable, rebuilt: PATH"). (None, None) when
    it cannot be opened or written (a read-only folder, a lock held too long)."""
    try:
        return _connect(path, version, tables, schema), None
    except sqlite3.OperationalError:  # locked, read-only, cannot open: not damaged
        return None, None
    except sqlite3.DatabaseError:
        problem = f"{path.name} was unreadable, rebuilt: {one_line(str(path))}"
    except (OSError, sqlite3.Error):
        return None, None
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass
        except OSError:
            return None, None
    try:
        return _connect(path, version, tables, schema), problem
    except (OSError, sqlite3.Error):
        return None, None


def _connect(
    path: Path, version: int, tables: tuple[str, ...], schema: tuple[str, ...]
) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=2.0, check_same_thread=False)
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] != version:
            with db:
                for table in tables:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute(f"PRAGMA user_version = {version}")
        for statement in schema:
            db.execute(statement)
        for table in tables:
            db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def cached_newest(root: Path, cache: MetadataCache) -> Path | None:
    """The newest article under `root` as the cache last listed it, while that file is
    unchanged since: what opens before the folder is listed again (None when unknown). Here,
    not in `reader.library`, so that opening it imports no more than the cache."""
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
