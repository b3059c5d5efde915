"""What `reader add` is given: an http(s) address, a saved page or a feed (address or file).

Each source becomes zero or more articles saved through a LibraryIndex. Feed items are
fetched a few at a time (threads: the waiting is on the network) and saved in feed order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from reader.document.decode import one_line
from reader.errors import ReaderError
from reader.news.extract import Article, extract_article
from reader.news.feeds import Feed, parse_feed
from reader.news.fetch import DEFAULT_TIMEOUT, decode_page, fetch, looks_like_feed
from reader.news.save import LibraryIndex, Saved

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
MAX_FILE = 20 * 1024 * 1024
CONCURRENT_FETCHES = 8
PER_HOST = 2

OnSaved = Callable[[Saved], None]
OnError = Callable[[str], None]


@dataclass(slots=True)
class Tally:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0

    def count(self, saved: Saved) -> None:
        setattr(self, saved.status, getattr(self, saved.status) + 1)

    def summary(self) -> str:
        return f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, {self.failed} failed"


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_address(source: str) -> bool:
    return "://" in source


def fetch_article(url: str, timeout: float) -> Article:
    page = fetch(url, timeout=timeout)
    if page.is_feed:
        raise ReaderError(f"a feed, not an article page: {one_line(url)}")
    html = decode_page(page.content, page.charset, url)
    return extract_article(html, url=page.final_url)


def _read_file(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise ReaderError(f"is a directory, not a page or a feed: {one_line(str(path))}")
        if path.stat().st_size > MAX_FILE:
            raise ReaderError(f"too big (over 20 MB): {one_line(str(path))}")
        return path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"no such file: {one_line(str(path))}") from None
    except OSError as error:
        raise ReaderError(f"cannot read ({error.strerror}): {one_line(str(path))}") from None


def _fetched_items(urls: list[str], timeout: float) -> Iterator[tuple[str, Article | ReaderError]]:
    """Each address with its article or its error, in order; at most CONCURRENT_FETCHES
    fetches at once and PER_HOST to any one host."""
    hosts: dict[str, threading.BoundedSemaphore] = {}
    lock = threading.Lock()

    def one(url: str) -> Article | ReaderError:
        with lock:
            host = hosts.setdefault(_host(url), threading.BoundedSemaphore(PER_HOST))
        try:
            with host:
                return fetch_article(url, timeout)
        except ReaderError as error:
            return error

    with ThreadPoolExecutor(max_workers=CONCURRENT_FETCHES) as pool:
        yield from zip(urls, pool.map(one, urls), strict=True)


def add_feed_items(
    feed: Feed,
    index: LibraryIndex,
    tally: Tally,
    on_saved: OnSaved,
    on_error: OnError,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    only_new: bool = False,
) -> None:
    """Fetch and save the feed's items (with `only_new`, those the library does not hold)."""
    urls = []
    for item in feed.items:
        if only_new and index.knows(item.url):
            tally.unchanged += 1
        else:
            urls.append(item.url)
    for url, result in _fetched_items(urls, timeout):
        if isinstance(result, ReaderError):
            tally.failed += 1
            on_error(str(result))
            continue
        _save(index, result, url, feed.url, tally, on_saved, on_error)


def _save(
    index: LibraryIndex,
    article: Article,
    url: str,
    feed: str | None,
    tally: Tally,
    on_saved: OnSaved,
    on_error: OnError,
) -> None:
    try:
        saved = index.save(article, url, feed)
    except ReaderError as error:
        tally.failed += 1
        on_error(str(error))
        return
    tally.count(saved)
    on_saved(saved)


def stdin_sources(data: bytes) -> tuple[list[str], bytes | None]:
    """What `reader add -` read: (addresses, one a line) or ([], a page or feed's bytes)."""
    if data.lstrip()[:1] == b"<":
        return [], data
    text = data.decode("utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip()], None


def add_markup(
    data: bytes,
    where: str,
    index: LibraryIndex,
    tally: Tally,
    on_saved: OnSaved,
    on_error: OnError,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Add a page or a feed given as bytes (read from stdin): a page is saved with no `url`
    unless it names its canonical address, under which it is found again."""
    try:
        if looks_like_feed(data):
            feed = parse_feed(data, where)
            add_feed_items(feed, index, tally, on_saved, on_error, timeout=timeout)
            return
        article = extract_article(decode_page(data, None, where), where=where)
        _save(index, article, "", None, tally, on_saved, on_error)
    except ReaderError as error:
        tally.failed += 1
        on_error(str(error))


def add_source(
    source: str,
    index: LibraryIndex,
    tally: Tally,
    on_saved: OnSaved,
    on_error: OnError,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Add one source's article(s); every failure is counted and reported, never raised."""
    try:
        if is_address(source):
            page = fetch(source, timeout=timeout)
            if page.is_feed:
                feed = parse_feed(page.content, page.final_url)
                add_feed_items(feed, index, tally, on_saved, on_error, timeout=timeout)
                return
            html = decode_page(page.content, page.charset, source)
            article = extract_article(html, url=page.final_url, where=source)
            _save(index, article, source, None, tally, on_saved, on_error)
            return
        path = Path(source)
        data = _read_file(path)
        address = path.resolve().as_uri()
        if path.suffix.lower() not in PAGE_SUFFIXES and looks_like_feed(data):
            feed = parse_feed(data, address)
            add_feed_items(feed, index, tally, on_saved, on_error, timeout=timeout)
            return
        if path.suffix.lower() not in PAGE_SUFFIXES and not data.lstrip()[:1] == b"<":
            raise ReaderError(f"not an HTML page or a feed: {one_line(source)}")
        html = decode_page(data, None, source)
        article = extract_article(html, where=source)
        _save(index, article, address, None, tally, on_saved, on_error)
    except ReaderError as error:
        tally.failed += 1
        on_error(str(error))
