"""What `reader add` is given: an http(s) address, a saved page or a feed (address or file).

An Adder turns each source into zero or more articles saved through a LibraryIndex, counts
them in a Tally and reports each saved article and each failure through two callbacks. Feed
items are fetched a few at a time (threads: the waiting is on the network) and saved in feed
order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from reader.document.decode import one_line
from reader.errors import ReaderError, cannot, is_a_folder, no_such_path
from reader.news import subscriptions
from reader.news.extract import Article, extract_article
from reader.news.feeds import Feed, parse_feed
from reader.news.fetch import DEFAULT_TIMEOUT, Fetched, decode_page, fetch, looks_like_feed
from reader.news.save import LibraryIndex, Saved

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
MAX_FILE = 20 * 1024 * 1024
CONCURRENT_FETCHES = 8
PER_HOST = 2

T = TypeVar("T")
OnSaved = Callable[[Saved], None]
OnError = Callable[[str], None]
Progress = Callable[[str, int, int], None]  # (what is being fetched, done, total)


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
        return urlsplit(url).netloc.rpartition("@")[2].lower()
    except ValueError:
        return ""


def is_address(source: str) -> bool:
    return "://" in source


@dataclass(frozen=True, slots=True)
class Checked:
    """One article page fetched: its text (None when the server said 304) and the response,
    whose ETag / Last-Modified make the next fetch of it conditional."""

    article: Article | None
    page: Fetched


def fetch_again(url: str, known: dict | None, timeout: float) -> Fetched:
    """GET `url`, conditional on the validators `known` from its last fetch (if any)."""
    known = known or {}
    etag, modified = _text(known.get("etag")), _text(known.get("last_modified"))
    return fetch(url, timeout=timeout, etag=etag, last_modified=modified)


def fetch_article(url: str, timeout: float, known: dict | None = None) -> Checked:
    """GET the article at `url`, conditional on the validators `known` from its last fetch."""
    page = fetch_again(url, known, timeout)
    if page.not_modified:
        return Checked(None, page)
    if page.is_feed:
        raise ReaderError(f"a feed, not an article page: {one_line(url)}")
    html = decode_page(page.content, page.charset, url)
    return Checked(extract_article(html, url=page.final_url, where=url), page)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _read_file(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise ReaderError(is_a_folder(path, "a page or a feed"))
        if path.stat().st_size > MAX_FILE:
            raise ReaderError(f"too big (over 20 MB): {one_line(str(path))}")
        return path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(no_such_path(path)) from None
    except OSError as error:
        raise ReaderError(cannot("read", path, error)) from None


def bounded_map(one: Callable[[str], T], urls: list[str]) -> Iterator[tuple[str, T | ReaderError]]:
    """Each address with `one(address)` or the ReaderError it raised, in order; at most
    CONCURRENT_FETCHES calls at once and PER_HOST to any one server (host and port)."""
    hosts: dict[str, threading.BoundedSemaphore] = {}
    lock = threading.Lock()

    def call(url: str) -> T | ReaderError:
        with lock:
            host = hosts.setdefault(_host(url), threading.BoundedSemaphore(PER_HOST))
        try:
            with host:
                return one(url)
        except ReaderError as error:
            return error

    with ThreadPoolExecutor(max_workers=CONCURRENT_FETCHES) as pool:
        yield from zip(urls, pool.map(call, urls), strict=True)


def _fetched_items(urls: list[str], timeout: float) -> Iterator[tuple[str, Checked | ReaderError]]:
    return bounded_map(lambda url: fetch_article(url, timeout), urls)


def stdin_sources(data: bytes) -> tuple[list[str], bytes | None]:
    """What `reader add -` read: (addresses, one a line) or ([], a page or feed's bytes)."""
    if data.lstrip()[:1] == b"<":
        return [], data
    text = data.decode("utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip()], None


@dataclass(slots=True)
class Adder:
    """Adds sources to one library; every failure is counted and reported, never raised."""

    index: LibraryIndex
    on_saved: OnSaved
    on_error: OnError
    timeout: float = DEFAULT_TIMEOUT
    tally: Tally = field(default_factory=Tally)
    progress: Progress | None = None
    # False: a feed item's article that could not be fetched or saved is counted, but
    # on_error is not told (the app names those per feed, from the feeds' record)
    item_errors: bool = True
    validators: dict[str, Fetched] = field(default_factory=dict)  # responses not yet recorded

    def counted(self, stage: str, results: Iterable[T], total: int) -> Iterator[T]:
        """`results` passed through, `progress(stage, done, total)` told before the first
        and after each one (the app's title bar: "feeds 2/5")."""
        if self.progress is not None:
            self.progress(stage, 0, total)
        for done, result in enumerate(results, 1):
            yield result
            if self.progress is not None:
                self.progress(stage, done, total)

    def failed(self, error: ReaderError, item: bool = False) -> None:
        """Count a failure and tell on_error (a feed `item`'s only with item_errors)."""
        self.tally.failed += 1
        if self.item_errors or not item:
            self.on_error(str(error))

    def save(
        self, article: Article, url: str, feed: str | None = None, page: Fetched | None = None
    ) -> str | None:
        """Save `article`; `page`, the response it came from, has the validators recorded
        (by keep_validators) for the next conditional fetch of `url`. Returns why it could
        not be saved, None when it was."""
        try:
            saved = self.index.save(article, url, feed)
        except ReaderError as error:
            self.failed(error, item=feed is not None)
            return str(error)
        if page is not None and url:
            self.validators[url] = page
        self.tally.count(saved)
        self.on_saved(saved)
        return None

    def keep_validators(self) -> None:
        """Record the ETag / Last-Modified of the pages saved so far in the library's
        articles state (`.articles-state.json`), so `reader refresh` asks conditionally."""
        pages = {
            url: page for url, page in self.validators.items() if page.etag or page.last_modified
        }
        self.validators.clear()
        if not pages:
            return
        name = subscriptions.ARTICLES_STATE
        state = subscriptions.load_state(self.index.root, name)
        for url, page in pages.items():
            subscriptions.remember(state, url, page.etag, page.last_modified)
        subscriptions.save_state(self.index.root, state, name)

    def add_feed_items(self, feed: Feed, only_new: bool = False) -> None:
        """Fetch and save the feed's items (with `only_new`, those the library lacks)."""
        wanted = []
        for item in feed.items:
            if only_new and self.index.knows(item.url):
                self.tally.unchanged += 1
            else:
                wanted.append((item.url, feed.url))
        self.fetch_and_save(wanted)

    def fetch_and_save(self, wanted: list[tuple[str, str | None]]) -> dict[str, str]:
        """Fetch each (article address, feed address or None) a few at a time; save in order.
        Returns {address: why} of those that could not be fetched or saved."""
        feeds = dict(wanted)
        fetched = _fetched_items(list(feeds), self.timeout)
        failures: dict[str, str] = {}
        for url, result in self.counted("articles", fetched, len(feeds)):
            if isinstance(result, ReaderError):
                self.failed(result, item=True)
                failures[url] = str(result)
            elif result.article is None:  # a 304
                self.tally.unchanged += 1
            elif (why := self.save(result.article, url, feeds[url], result.page)) is not None:
                failures[url] = why
        self.keep_validators()
        return failures

    def add_markup(self, data: bytes, where: str) -> None:
        """A page or a feed given as bytes (read from stdin): a page is saved with no `url`,
        found again by its canonical address when it names one."""
        try:
            if looks_like_feed(data):
                self.add_feed_items(parse_feed(data, where))
                return
            article = extract_article(decode_page(data, None, where), where=where)
        except ReaderError as error:
            self.failed(error)
            return
        self.save(article, "")

    def add_source(self, source: str) -> None:
        """An http(s) address (of a page or a feed) or a file (a saved page or a feed)."""
        try:
            if is_address(source):
                self._add_address(source)
            else:
                self._add_file(source)
        except ReaderError as error:
            self.failed(error)
        self.keep_validators()

    def _add_address(self, url: str) -> None:
        page = fetch(url, timeout=self.timeout)
        if page.is_feed:
            self.add_feed_items(parse_feed(page.content, page.final_url))
            return
        html = decode_page(page.content, page.charset, url)
        self.save(extract_article(html, url=page.final_url, where=url), url, page=page)

    def _add_file(self, source: str) -> None:
        path = Path(source)
        data = _read_file(path)
        address = path.resolve().as_uri()
        is_page = path.suffix.lower() in PAGE_SUFFIXES
        if not is_page and looks_like_feed(data):
            self.add_feed_items(parse_feed(data, address))
            return
        if not is_page and not data.lstrip()[:1] == b"<":
            raise ReaderError(f"not an HTML page or a feed: {one_line(source)}")
        html = decode_page(data, None, source)
        self.save(extract_article(html, where=source), address)
