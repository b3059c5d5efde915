"""The library's article addresses kept between runs: what `reader add` finds a page by.

Pure core. The one owner of `<user cache dir>/addresses.sqlite3`. A row holds the `url` and
`canonical` of one Markdown article's front matter and is valid while the file's
modification time (ns) and size are the ones it was read at, so `reader add` reads the front
matter only of the articles added or changed since the last run. Deleting the file loses
nothing: the next run reads every article again. A cache that cannot be opened or written
leaves the library index uncached (every article read, as without it).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from platformdirs import user_cache_dir

from reader import APP_NAME
from reader.library_cache import folder_range, open_cache_db, path_key, stamp_text, storable

CACHE_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS addresses (
    path BLOB PRIMARY KEY, stamp TEXT NOT NULL, url TEXT, canonical TEXT
) WITHOUT ROWID
"""

Row = tuple[str, str | None, str | None]  # (stamp, url, canonical)


def default_cache_path() -> Path:
    return Path(user_cache_dir(APP_NAME)) / "addresses.sqlite3"


def stamp_of(st: os.stat_result) -> str:
    return stamp_text(st.st_mtime_ns, st.st_size)


def key_of(path: Path) -> bytes:
    return path_key(os.path.abspath(path))


class AddressCache:
    """`AddressCache.open()`, then `load(root)`, `put(...)`, `commit(root, seen)`, `close()`."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection
        self._pending: list[tuple[bytes, str, str | None, str | None]] = []

    @classmethod
    def open(cls, path: Path | None = None) -> AddressCache:
        path = Path(path) if path is not None else default_cache_path()
        db, _ = open_cache_db(path, CACHE_VERSION, ("addresses",), (_SCHEMA,))
        return cls(db)

    def load(self, root: Path) -> dict[bytes, Row]:
        """Every row under `root`: key -> (stamp, url, canonical)."""
        if self._db is None:
            return {}
        low, high = folder_range(Path(os.path.abspath(root)))
        try:
            found = self._db.execute(
                "SELECT path, stamp, url, canonical FROM addresses WHERE path >= ? AND path < ?",
                (low, high),
            ).fetchall()
        except sqlite3.Error:
            self.close()
            return {}
        return {bytes(path): (stamp, url, canonical) for path, stamp, url, canonical in found}

    def put(self, key: bytes, stamp: str, url: object, canonical: object) -> None:
        """Queue the row of one article (written by `commit`). An address that is not text
        counts as none (as for the index); an article with one SQLite cannot store (not
        UTF-8) is not cached: it is read again each time."""
        addresses = [
            value if isinstance(value, str) and value else None for value in (url, canonical)
        ]
        if all(value is None or storable(value) for value in addresses):
            self._pending.append((key, stamp, *addresses))

    def commit(self, root: Path, seen: Iterable[bytes] | None = None) -> None:
        """Write the queued rows; with `seen` (every article under `root`), forget the rows
        of the others (deleted or renamed files)."""
        if self._db is None:
            return
        rows, self._pending = self._pending, []
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO addresses VALUES (?, ?, ?, ?)", rows)
                if seen is not None:
                    keep = set(seen)
                    low, high = folder_range(Path(os.path.abspath(root)))
                    stale = [
                        (path,)
                        for (path,) in self._db.execute(
                            "SELECT path FROM addresses WHERE path >= ? AND path < ?", (low, high)
                        )
                        if bytes(path) not in keep
                    ]
                    self._db.executemany("DELETE FROM addresses WHERE path = ?", stale)
        except sqlite3.Error:
            self.close()

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
