"""Saving an article to the library as Markdown with YAML front matter; re-adding updates it.

The file is named after the title (slugged, made unique) and found again by the `url` or
`canonical` of its front matter, so adding the same page twice never makes a second copy.
When the text changed since the last fetch (a "stealth edit"), the previous file is kept in
the revision store (reader.news.revisions) before the new one replaces it atomically.

Saving holds an exclusive `flock` on the library folder itself (no lock file is left
behind), so two `reader add` runs of one page cannot both make a new file: the second finds
the first's file (same name, same `url`) and updates it.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from reader.annotations.locks import flock_within
from reader.atomic import write_atomic
from reader.document.decode import one_line, sanitize
from reader.document.front_matter import read_yaml
from reader.errors import ReaderError
from reader.news import revisions
from reader.news.address_cache import AddressCache, Row, key_of, stamp_of
from reader.news.extract import Article

FRONT_MATTER_KEYS = ("title", "authors", "date", "source", "url", "canonical", "fetched", "feed")
HEAD_CHARS = 64 * 1024
SLUG_CHARS = 80
LOCK_WAIT = 10.0  # seconds to wait for another process saving into the library


@dataclass(frozen=True, slots=True)
class Saved:
    path: Path
    status: str  # "new", "updated" (text changed) or "unchanged"
    notice: str | None = None  # "changed since <date>: N paragraphs changed"


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def slugify(title: str) -> str:
    """A file-name stem from a title: lower case, letters/digits joined by "-", bounded."""
    text = unicodedata.normalize("NFKC", title).casefold()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")[:SLUG_CHARS].rstrip("-")
    return slug or "article"


def unique_path(folder: Path, stem: str, suffix: str = ".md") -> Path:
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter as a dict, body) of a Markdown file; ({}, text) when it has none."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    data, _problem = read_yaml(text[4 : end + 1])
    body = text[end + 5 :].lstrip("\n")
    return (data if isinstance(data, dict) else {}), body


def render(fields: dict, body: str) -> str:
    """The file text: YAML front matter (safe_dump: every value quoted as YAML needs) and body."""
    front = yaml.safe_dump(
        fields, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000
    )
    return f"---\n{front}---\n\n{body}"


def article_fields(
    article: Article, url: str, fetched: str, feed: str | None, old: dict | None = None
) -> dict:
    """Front matter for `article`: keys a person added to an older copy are kept."""
    fields: dict = {
        "title": article.title,
        "authors": list(article.authors),
        "date": article.date,
        "source": article.source,
        "url": url,
        "canonical": article.canonical,
        "fetched": fetched,
        "feed": feed,
    }
    if old is not None and feed is None and isinstance(old.get("feed"), str):
        fields["feed"] = old["feed"]
    fields = {key: _safe(value) for key, value in fields.items() if value not in (None, "", [])}
    for key, value in (old or {}).items():
        if isinstance(key, str) and key not in FRONT_MATTER_KEYS and key not in fields:
            fields[key] = value
    return fields


def _safe(value: object) -> object:
    """Metadata as one line each: no control character (newline included) reaches the file."""
    if isinstance(value, str):
        return one_line(sanitize(value))
    if isinstance(value, list):
        return [one_line(sanitize(v)) for v in value if isinstance(v, str)]
    return value


class LibraryIndex:
    """The library's saved articles by their `url` and `canonical` front-matter values."""

    def __init__(
        self, root: Path, paths: Iterable[Path] | None = None, cache: AddressCache | None = None
    ) -> None:
        """The index of the articles under `root`, or of only `paths` when given. With a
        `cache`, only the articles added or changed since it last saw them are read."""
        self.root = Path(root)
        self._by_address: dict[str, Path] = {}
        self._read: set[Path] = set()  # the files whose addresses are known
        whole = paths is None
        if whole and self.root.is_dir():
            from reader.library import iter_article_paths

            paths = iter_article_paths(self.root)
        known = cache.load(self.root) if cache is not None else {}
        seen: list[bytes] = []
        for path in paths or ():
            if path.suffix.lower() in (".md", ".markdown"):
                self._learn(path, _addresses(path, known, seen, cache))
        if cache is not None:
            cache.commit(self.root, seen if whole else None)

    @classmethod
    def cached(cls, root: Path) -> LibraryIndex:
        """The index of the library at `root`, its articles' addresses kept between runs in
        the user cache folder (reader.news.address_cache)."""
        cache = AddressCache.open()
        try:
            return cls(root, cache=cache)
        finally:
            cache.close()

    @classmethod
    def of(cls, root: Path, paths: Iterable[Path]) -> LibraryIndex:
        """An index of only `paths` (saving again an article known to be one of them)."""
        return cls(root, paths)

    def _learn(self, path: Path, fields: dict) -> None:
        self._read.add(path)
        for key in ("url", "canonical"):
            value = fields.get(key)
            if isinstance(value, str) and value:
                self._by_address.setdefault(value, path)

    def find(self, *addresses: str | None) -> Path | None:
        for address in addresses:
            if address and (path := self._by_address.get(address)) and path.is_file():
                return path
        return None

    def knows(self, address: str) -> bool:
        return self.find(address) is not None

    def save(self, article: Article, url: str, feed: str | None = None) -> Saved:
        """Write `article` (fetched from `url`) as a new file or over its earlier copy."""
        existing = None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with library_lock(self.root):
                existing = self.find(url, article.canonical) or self._saved_meanwhile(article, url)
                if existing is None:
                    saved = self._save_new(article, url, feed)
                else:
                    saved = self._update(existing, article, url, feed)
        except OSError as error:
            where = existing or self.root
            raise ReaderError(f"cannot save the article ({error.strerror}): {where}") from None
        self._learn(saved.path, {"url": url, "canonical": article.canonical})
        return saved

    def _saved_meanwhile(self, article: Article, url: str) -> Path | None:
        """A file of this page that another process saved since the index was read: one
        named after the same title whose front matter has the same address. Only the files
        the index has not read are opened (those it has are in `find` already), so saving
        many articles of one title does not read all their namesakes again each time."""
        stem = slugify(article.title)
        wanted = {a for a in (url, article.canonical) if a}
        path, n = self.root / f"{stem}.md", 2
        while path.is_file():
            if path not in self._read:
                fields = read_head(path)
                if wanted & {fields.get("url"), fields.get("canonical")}:
                    return path
            path, n = self.root / f"{stem}-{n}.md", n + 1
        return None

    def _save_new(self, article: Article, url: str, feed: str | None) -> Saved:
        path = unique_path(self.root, slugify(article.title))
        text = render(article_fields(article, url, now_utc(), feed), article.body)
        write_atomic(path, text.encode("utf-8"))
        return Saved(path, "new")

    def _update(self, path: Path, article: Article, url: str, feed: str | None) -> Saved:
        old_text = path.read_text(encoding="utf-8", errors="replace")
        old_fields, old_body = split_front_matter(old_text)
        if old_body.strip() == article.body.strip():
            return Saved(path, "unchanged")
        since = old_fields.get("fetched")
        since = since if isinstance(since, str) else "the last fetch"
        revisions.keep(path, old_text, since)
        changed = revisions.changed_paragraphs(old_body, article.body)
        url = old_fields["url"] if isinstance(old_fields.get("url"), str) else url
        fields = article_fields(article, url, now_utc(), feed, old_fields)
        write_atomic(path, render(fields, article.body).encode("utf-8"))
        plural = "paragraph" if changed == 1 else "paragraphs"
        return Saved(path, "updated", f"changed since {since}: {changed} {plural} changed")


def _addresses(
    path: Path, known: dict[bytes, Row], seen: list[bytes], cache: AddressCache | None
) -> dict:
    """The front matter's addresses of the article at `path`: from its cache row while the
    file is unchanged since, else read (and queued for the cache)."""
    if cache is None:
        return read_head(path)
    key = key_of(path)
    try:
        stamp = stamp_of(os.stat(path))  # before reading: a change meanwhile is read next time
    except OSError:
        return read_head(path)
    seen.append(key)
    row = known.get(key)
    if row is not None and row[0] == stamp:
        return {"url": row[1], "canonical": row[2]}
    fields = read_head(path)
    cache.put(key, stamp, fields.get("url"), fields.get("canonical"))
    return fields


@contextlib.contextmanager
def library_lock(root: Path) -> Iterator[None]:
    """Hold the library folder's save lock (waiting up to LOCK_WAIT s for another process)."""
    path = Path(root)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        if not flock_within(fd, LOCK_WAIT):
            raise ReaderError(f"the library is locked by another program: {path}")
        yield
    finally:
        os.close(fd)


def read_head(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(HEAD_CHARS)
    except OSError:
        return {}
    return split_front_matter(head)[0]
