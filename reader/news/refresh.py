"""`reader feeds update` and `reader refresh`: subscribed feeds fetched, recent articles re-checked.

Feeds are fetched a few at a time (reader.news.sources.bounded_map), each conditionally
(ETag / Last-Modified from the last run, kept in `.feeds-state.json`), so an unchanged feed
costs one 304. An item the library lacks is added; an item it holds is fetched again when
its feed entry changed (the entry's fingerprint: id, updated date, title, summary, content),
and counted `updated` when its text changed, `unchanged` otherwise.

`refresh` then re-checks every article saved from an http(s) address whose `fetched` time
(when it was saved, or its text last changed) is within the last `days` days, with a
conditional GET of the article itself (validators kept in `.articles-state.json`): a
silent edit is stored as a new revision (reader.news.save). A failing address is counted
`failed` and reported on its own line; it changes nothing in the library. The Adder's
`progress` callback is told how far each stage is (the app shows it in the title bar).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.document.decode import one_line
from reader.errors import ReaderError
from reader.news import subscriptions
from reader.news.extract import Article, extract_article
from reader.news.feeds import Feed, parse_feed
from reader.news.fetch import DEFAULT_TIMEOUT, Fetched, decode_page, fetch
from reader.news.save import LibraryIndex, Saved, read_head
from reader.news.sources import Adder, bounded_map

DEFAULT_DAYS = 7


@dataclass(frozen=True, slots=True)
class Checked:
    """One article re-checked: its new text, or None when the server said 304."""

    article: Article | None
    page: Fetched


def fetch_again(url: str, known: dict, timeout: float) -> Fetched:
    """GET `url`, conditional on the validators `known` from the last fetch (if any)."""
    etag, modified = _text(known.get("etag")), _text(known.get("last_modified"))
    return fetch(url, timeout=timeout, etag=etag, last_modified=modified)


def update_feeds(adder: Adder, folder: Path) -> set[str]:
    """Fetch every subscribed feed; add new items, re-fetch items whose entry changed.
    Returns the article addresses fetched."""
    state = subscriptions.load_state(folder)
    feeds = subscriptions.load(folder)

    def one(url: str) -> tuple[Fetched, Feed | None]:
        page = fetch_again(url, state.get(url, {}), adder.timeout)
        return page, None if page.not_modified else parse_feed(page.content, url)

    wanted: list[tuple[str, str | None]] = []
    fetched = bounded_map(one, [feed.url for feed in feeds])
    for url, result in adder.counted("feeds", fetched, len(feeds)):
        if isinstance(result, ReaderError):
            adder.failed(result)
            continue
        page, feed = result
        if feed is None:
            continue
        seen = state.get(url, {}).get("entries")
        seen = seen if isinstance(seen, dict) else {}
        for item in feed.items:
            if not adder.index.knows(item.url) or seen.get(item.url, item.fingerprint) != (
                item.fingerprint
            ):
                wanted.append((item.url, url))
            else:
                adder.tally.unchanged += 1
        state[url] = {
            "etag": page.etag,
            "last_modified": page.last_modified,
            "entries": {item.url: item.fingerprint for item in feed.items},
        }
    adder.fetch_and_save(wanted)
    subscriptions.save_state(folder, state)
    return {url for url, _feed in wanted}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def recent_articles(folder: Path, days: float, now: datetime | None = None) -> list[Path]:
    """Articles of the library saved from an http(s) address and fetched within `days` days."""
    from reader.library import iter_article_paths

    since = (now or datetime.now(UTC)) - timedelta(days=days)
    found = []
    for path in iter_article_paths(folder):
        if path.suffix.lower() not in (".md", ".markdown"):
            continue
        fields = read_head(path)
        url, fetched = fields.get("url"), _when(fields.get("fetched"))
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            if fetched is not None and fetched >= since:
                found.append(path)
    return found


def _when(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _check(url: str, known: dict, timeout: float) -> Checked:
    page = fetch_again(url, known, timeout)
    if page.not_modified:
        return Checked(None, page)
    if page.is_feed:
        raise ReaderError(f"a feed, not an article page: {one_line(url)}")
    html = decode_page(page.content, page.charset, url)
    return Checked(extract_article(html, url=page.final_url, where=url), page)


def _remember(state: dict, url: str, page: Fetched) -> None:
    if page.etag or page.last_modified:
        state[url] = {"etag": page.etag, "last_modified": page.last_modified}


def recheck(adder: Adder, folder: Path, paths: list[Path], skip: Collection[str] = ()) -> None:
    """Fetch each article at `paths` again (conditionally) and save what changed."""
    state = subscriptions.load_state(folder, subscriptions.ARTICLES_STATE)
    by_url: dict[str, Path] = {}
    for path in paths:
        url = read_head(path).get("url")
        if isinstance(url, str) and url not in skip:
            by_url.setdefault(url, path)
    checks = bounded_map(lambda url: _check(url, state.get(url, {}), adder.timeout), list(by_url))
    for url, result in adder.counted("re-checking", checks, len(by_url)):
        if isinstance(result, ReaderError):
            adder.failed(result)
            continue
        if result.article is None:
            adder.tally.unchanged += 1
        else:
            adder.save(result.article, url)
        _remember(state, url, result.page)
    subscriptions.save_state(folder, state, subscriptions.ARTICLES_STATE)


def refresh_article(path: Path, library: Path, timeout: float = DEFAULT_TIMEOUT) -> Saved:
    """`R` in the app: the article at `path` (in `library`) fetched again from its `url`,
    conditionally, and saved when its text changed. ReaderError naming the file or the
    address when it has none or the fetch fails (the file is left as it was)."""
    url = read_head(path).get("url")
    if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise ReaderError(
            f"not saved from a web address, nothing to refresh: {one_line(path.name)}"
        )
    state = subscriptions.load_state(library, subscriptions.ARTICLES_STATE)
    checked = _check(url, state.get(url, {}), timeout)
    saved = Saved(path, "unchanged")
    if checked.article is not None:
        saved = LibraryIndex.of(path.parent, [path]).save(checked.article, url)
    _remember(state, url, checked.page)
    subscriptions.save_state(library, state, subscriptions.ARTICLES_STATE)
    return saved


def refresh(adder: Adder, folder: Path, days: float = DEFAULT_DAYS) -> None:
    """`reader refresh`: the feeds, then the recent articles not fetched with them."""
    fetched = update_feeds(adder, folder)
    recheck(adder, folder, recent_articles(folder, days), skip=fetched)
