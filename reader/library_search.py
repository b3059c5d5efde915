"""Full-text search of a library: a SQLite FTS5 index of every article's text, kept as a cache.

Pure core (no `textual` import). The one owner of `<user cache dir>/library-text.sqlite3`.
Each block (paragraph, heading, list item...) of an article is one row, with the offset where
it starts in the article's text, so a match opens the article there. `update(root)` brings
the index in line with the folder: articles new or changed (modification time and size) are
read again with the article parser, rows of deleted or renamed files are dropped. Deleting
the file loses nothing; an unreadable one is deleted and rebuilt.

What a person types is searched as words, never as FTS5 syntax: every word must occur
(`word*` matches a prefix), so no query can be a syntax error.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_cache_dir

from reader import APP_NAME
from reader.document.decode import one_line
from reader.document.loader import parse_text, read_article, read_article_head
from reader.errors import ReaderError
from reader.export.signature import is_export_text
from reader.library import HEAD_BYTES, iter_article_files
from reader.library_cache import folder_range, open_cache_db, path_key, stamp_text
from reader.unspaced_scripts import chars_column, query_runs

if TYPE_CHECKING:
    from reader.document.model import Document

INDEX_VERSION = 3  # 2: the `chars` column (reader/unspaced_scripts.py); 3: no exports
BLOCK_BITS = 20  # a row's id: the article's id << BLOCK_BITS | the block's number
MAX_BLOCKS = 1 << BLOCK_BITS
SNIPPET_TOKENS = 40  # words around a match: a wide dialog's line (a narrow one cuts it)
MARK_START, MARK_END = "\x02", "\x03"  # around matched words in a snippet (never in text)
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS articles (
        id INTEGER PRIMARY KEY, path BLOB UNIQUE NOT NULL, stamp TEXT NOT NULL, title TEXT
    )""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS blocks USING fts5(
        body, chars, start UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
    )""",
)
_WORD = re.compile(r"\w", re.UNICODE)
COMMIT_EVERY = 200


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article already parsed (the open one): indexed from `document`, not read again,
    while its file's size and modification time are those it was read with."""

    document: Document
    size: int
    mtime_ns: int


class SearchUnavailable(ReaderError):
    """No index can be used (no FTS5 in this SQLite, a cache folder that cannot be written)."""


def default_index_path() -> Path:
    return Path(user_cache_dir(APP_NAME)) / "library-text.sqlite3"


def fts5_missing() -> str | None:
    """Why FTS5 cannot be used here, or None when it can."""
    try:
        db = sqlite3.connect(":memory:")
        try:
            db.execute("CREATE VIRTUAL TABLE probe USING fts5(body)")
        finally:
            db.close()
    except sqlite3.Error:
        return (
            "library search needs SQLite's FTS5, which this Python's sqlite3 "
            f"(SQLite {sqlite3.sqlite_version}) was built without"
        )
    return None


def match_expression(query: str) -> str:
    """The FTS5 query for what a person typed: each word a quoted string (so no character is
    syntax) in the text's column, all of them required; a word ending in `*` matches as a
    prefix. A run of Chinese, Japanese, Thai or Korean in a word is the phrase of its
    characters in the `chars` column. "" when the query holds no word."""
    terms = []
    for word in query.split():
        prefix = word.endswith("*")
        runs, rest = query_runs(word.rstrip("*"))
        terms += [f'chars : "{run}"' for run in runs]
        for part in rest.split():
            if _WORD.search(part):
                quoted = '"' + part.replace('"', '""') + '"'
                terms.append("body : " + quoted + ("*" if prefix and not runs else ""))
    return " ".join(terms)


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching block."""

    path: Path
    title: str
    start: int  # where the block starts in the article's text
    snippet: tuple[tuple[str, bool], ...]  # (text, matched) parts, one line, no control char
    row: int
    at: int  # where the query's first word occurs in the block (`start` when it cannot be
    # told: a match found only with accents folded); the article opens there

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet)


def snippet_parts(raw: str) -> tuple[tuple[str, bool], ...]:
    """An FTS5 snippet (matches between MARK_START and MARK_END) as (text, matched) parts,
    each safe for one line of a terminal (article text may hold anything)."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(raw.split(MARK_START)):
        matched, _, rest = piece.partition(MARK_END) if i else ("", "", piece)
        if matched:
            parts.append((one_line(matched), True))
        if rest:
            parts.append((one_line(rest), False))
    return tuple((" ".join(text.split("\u240a")), hit) for text, hit in parts)


class TextIndex:
    """`TextIndex.open()`, `update(root)`, `search(query, root)`, `interrupt()`, `close()`."""

    def __init__(self, path: Path, db: sqlite3.Connection, problem: str | None) -> None:
        self.path = path
        self._db = db
        self.problem = problem

    @classmethod
    def open(cls, path: Path | None = None) -> TextIndex:
        """Raises SearchUnavailable (one line) when there can be no index."""
        missing = fts5_missing()
        if missing:
            raise SearchUnavailable(missing)
        path = Path(path) if path is not None else default_index_path()
        db, problem = open_cache_db(path, INDEX_VERSION, ("articles", "blocks"), _SCHEMA)
        if db is None:
            raise SearchUnavailable(f"cannot open the search index: {one_line(str(path))}")
        return cls(path, db, problem)

    def close(self) -> None:
        self._db.close()

    def interrupt(self) -> None:
        """Stop the query running on another thread, if any (its call raises
        SearchUnavailable); callable from any thread, no effect when none runs."""
        try:
            self._db.interrupt()
        except sqlite3.ProgrammingError:  # closed
            pass

    # -- keeping it current ------------------------------------------------------------------

    def update(
        self,
        root: Path,
        progress: Callable[[int, int], None] | None = None,
        parsed: Parsed | None = None,
    ) -> tuple[int, int]:
        """Index what changed under `root`: (articles read again, articles dropped).
        `progress(done, todo)` is called as articles are read; `parsed` is indexed as it is."""
        root = Path(root).resolve()
        try:
            known = self._known(root)
        except sqlite3.Error as error:
            where = one_line(str(self.path))
            raise SearchUnavailable(f"cannot read the search index ({error}): {where}") from None
        todo = []
        seen = set()
        given = path_key(parsed.document.path) if parsed is not None else None
        given_stamp = stamp_text(parsed.mtime_ns, parsed.size) if parsed is not None else None
        for _, dirent in iter_article_files(root):
            key = path_key(dirent.path)
            seen.add(key)
            try:
                st = dirent.stat()
            except OSError:
                continue
            stamp = stamp_text(st.st_mtime_ns, st.st_size)
            entry = known.get(key)
            if entry is None or entry[1] != stamp:
                document = parsed.document if key == given and stamp == given_stamp else None
                todo.append((key, dirent.path, stamp, entry[0] if entry else None, document))
        gone = [article_id for key, (article_id, _) in known.items() if key not in seen]
        try:
            with self._db:
                for article_id in gone:
                    self._drop(article_id)
            for done, (key, path, stamp, article_id, document) in enumerate(todo, start=1):
                self._index(key, path, stamp, article_id, document)
                if done % COMMIT_EVERY == 0:
                    self._db.commit()
                    if progress is not None:
                        progress(done, len(todo))
            self._db.commit()
        except sqlite3.Error as error:
            where = one_line(str(self.path))
            raise SearchUnavailable(f"cannot update the search index ({error}): {where}") from None
        return len(todo), len(gone)

    def _known(self, root: Path) -> dict[bytes, tuple[int, str]]:
        low, high = folder_range(root)
        rows = self._db.execute(
            "SELECT path, id, stamp FROM articles WHERE path >= ? AND path < ?", (low, high)
        )
        return {bytes(path): (article_id, stamp) for path, article_id, stamp in rows}

    def _drop(self, article_id: int) -> None:
        low = article_id << BLOCK_BITS
        self._db.execute(
            "DELETE FROM blocks WHERE rowid >= ? AND rowid < ?", (low, low + MAX_BLOCKS)
        )
        self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def _index(
        self, key: bytes, path: str, stamp: str, article_id: int | None, document: Document | None
    ) -> None:
        """(Re)index one article (read unless `document` is given); one that cannot be read
        has no rows (until it changes), nor has one of our exports (the library does not list
        them either: reader/export/signature.py)."""
        blocks: list[tuple[int, str]] = []
        title = one_line(os.path.basename(path))
        try:
            document = _article(path, document)
            if document is not None:
                blocks = [(b.start, b.text) for b in document.blocks[:MAX_BLOCKS] if b.text.strip()]
                title = one_line(document.meta.title)
        except (ReaderError, OSError, ValueError):
            pass
        if article_id is not None:
            self._drop(article_id)
        cursor = self._db.execute(
            "INSERT INTO articles (path, stamp, title) VALUES (?, ?, ?)",
            (key, stamp, _storable(title)),
        )
        base = (cursor.lastrowid or 0) << BLOCK_BITS
        self._db.executemany(
            "INSERT INTO blocks (rowid, body, chars, start) VALUES (?, ?, ?, ?)",
            [
                (base + i, _storable(text), _storable(chars_column(text)), start)
                for i, (start, text) in enumerate(blocks)
            ],
        )

    # -- searching ---------------------------------------------------------------------------

    def search(self, query: str, root: Path, limit: int = 100) -> list[Hit]:
        """The blocks under `root` that hold every word of `query`, best first (FTS5's
        bm25 rank), at most `limit`."""
        expression = match_expression(query)
        if not expression:
            return []
        low, high = folder_range(Path(root).resolve())
        try:
            rows = self._db.execute(
                "SELECT b.rowid, b.start, snippet(blocks, 0, ?, ?, '…', ?), a.path, a.title,"
                " b.body"
                " FROM blocks b JOIN articles a ON a.id = (b.rowid >> ?)"
                " WHERE blocks MATCH ? AND a.path >= ? AND a.path < ?"
                " ORDER BY rank LIMIT ?",
                (MARK_START, MARK_END, SNIPPET_TOKENS, BLOCK_BITS, expression, low, high, limit),
            ).fetchall()
        except sqlite3.Error as error:
            raise SearchUnavailable(f"search failed ({error}): {one_line(query)}") from None
        runs = [run.replace(" ", "") for run in query_runs(query)[0]]
        words = [w.rstrip("*").lower() for w in query.split() if _WORD.search(w)] or [""]
        return [
            Hit(
                Path(os.fsdecode(bytes(path))),
                title or "",
                int(start),
                snippet_parts(raw if MARK_START in raw or not runs else _window(body, runs[0])),
                row,
                int(start) + max(0, body.lower().find(words[0])),
            )
            for row, start, raw, path, title, body in rows
        ]

    def blocks_with_any(
        self, words: list[str], root: Path, leaving_out: Path, limit: int = 200
    ) -> list[tuple[Path, str, int, str]]:
        """(article, title, where the block starts, its text) of the blocks under `root`,
        but not of `leaving_out`, holding any of `words`, best first (bm25), at most `limit`."""
        expression = " OR ".join(match_expression(word) for word in words if _WORD.search(word))
        if not expression:
            return []
        low, high = folder_range(Path(root).resolve())
        try:
            rows = self._db.execute(
                "SELECT a.path, a.title, b.start, b.body"
                " FROM blocks b JOIN articles a ON a.id = (b.rowid >> ?)"
                " WHERE blocks MATCH ? AND a.path >= ? AND a.path < ? AND a.path != ?"
                " ORDER BY rank LIMIT ?",
                (BLOCK_BITS, expression, low, high, path_key(Path(leaving_out).resolve()), limit),
            ).fetchall()
        except sqlite3.Error as error:
            raise SearchUnavailable(f"search failed ({error}): {self.path}") from None
        return [
            (Path(os.fsdecode(bytes(path))), title or "", int(start), body)
            for path, title, start, body in rows
        ]


def _article(path: str, document: Document | None) -> Document | None:
    """The article at `path` (read, unless `document` is it already), or None when the file
    is one of our exports."""
    if document is not None:
        text = read_article_head(path, HEAD_BYTES)[0]  # as the listing reads it
        return None if is_export_text(text) else document
    text, encoding = read_article(path)
    return None if is_export_text(text) else parse_text(text, path, encoding)


def _window(body: str, run: str, width: int = 30) -> str:
    """A snippet of `body` around the first `run` (of a script FTS5's own snippet cannot
    mark: it matched in the `chars` column), marked as FTS5 marks its matches."""
    at = body.find(run)
    if at < 0:
        return body[: 2 * width]
    start, end = max(0, at - width), at + len(run)
    head = ("…" if start else "") + body[start:at]
    tail = body[end : end + width] + ("…" if end + width < len(body) else "")
    return f"{head}{MARK_START}{run}{MARK_END}{tail}"


def _storable(text: str) -> str:
    """SQLite stores UTF-8: a lone surrogate (from a file name that is not) becomes U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8")
