"""`reader feeds update` and `reader refresh`: subscribed feeds fetched, recent articles re-checked.

Feeds are fetched a few at a time (reader.news.sources.bounded_map), each conditionally
(ETag / Last-Modified from the last run, kept in `.feeds-state.json`), so an unchanged feed
costs one 304. An item the library lacks is added; an item it holds is fetched again when
its feed entry changed (the entry's fingerprint: id, updated date, title, summary, content),
and counted `updated` when its text changed, `unchanged` otherwise. An item whose article
could not be fetched or saved is kept in the feed's state (`failed`) and tried again at the
next update, even when the feed answers 304 (`reader feeds list` and the app's `r` name it
meanwhile).

`refresh` then re-checks every article saved from an http(s) address whose `fetched` time
(when it was saved, or its text last changed) is within the last `days` days, with a
conditional GET of the article itself (validators kept in `.articles-state.json`, recorded
by `reader add` too): a silent edit is stored as a new revision (reader.news.save).

What the summary counts: `new`, `updated` and `unchanged` count article files, each once
per run, however many feeds list it and whether or not it is also re-checked (a recent
article listed unchanged by its feed is counted by its re-check, which may find an edit);
`failed` counts the feeds and the article addresses that could not be fetched or saved,
each reported on its own line, and changing nothing in the library. The Adder's
`progress` callback is told how far each stage is (the app shows it in the title bar).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.document.decode import one_line
from reader.errors import ReaderError
from reader.news import subscriptions
from reader.news.feeds import Feed, parse_feed
from reader.news.fetch import DEFAULT_TIMEOUT, Fetched
from reader.news.save import LibraryIndex, Saved, read_head
from reader.news.sources import Adder, bounded_map, fetch_again, fetch_article

DEFAULT_DAYS = 7


def update_feeds(adder: Adder, folder: Path, recheck_later: Collection[Path] = ()) -> set[Path]:
    """Fetch every subscribed feed; add new items, re-fetch items whose entry changed. An
    item whose entry did not change counts `unchanged`, unless its article is one of
    `recheck_later` (refresh counts it then). Returns the article files fetched."""
    state = subscriptions.load_state(folder)
    feeds = subscriptions.load(folder)

    def one(url: str) -> tuple[Fetched, Feed | None]:
        page = fetch_again(url, state.get(url), adder.timeout)
        return page, None if page.not_modified else parse_feed(page.content, url)

    wanted: list[tuple[str, str | None]] = []
    as_before: list[str] = []
    answered: list[str] = []  # the feeds that answered (a 304 too)
    fetched = bounded_map(one, [feed.url for feed in feeds])
    for url, result in adder.counted("feeds", fetched, len(feeds)):
        if isinstance(result, ReaderError):
            adder.failed(result)
            continue
        page, feed = result
        answered.append(url)
        before = state.get(url, {})
        if feed is None:  # unchanged: only the items that failed last time are fetched again
            wanted.extend((item, url) for item in subscriptions.failed_items(before))
            continue
        seen = before.get("entries")
        seen = seen if isinstance(seen, dict) else {}
        for item in feed.items:
            known = adder.index.knows(item.url)
            if known and seen.get(item.url, item.fingerprint) == item.fingerprint:
                as_before.append(item.url)
            else:
                wanted.append((item.url, url))
        state[url] = {
            "etag": page.etag,
            "last_modified": page.last_modified,
            "entries": {item.url: item.fingerprint for item in feed.items},
        }
    _record_failures(state, answered, wanted, adder.fetch_and_save(wanted))
    subscriptions.save_state(folder, state)
    done = _files(adder.index, (url for url, _feed in wanted))
    adder.tally.unchanged += len(_files(adder.index, as_before) - done - _resolved(recheck_later))
    return done


def _record_failures(
    state: dict[str, dict[str, Any]],
    answered: list[str],
    wanted: list[tuple[str, str | None]],
    failures: dict[str, str],
) -> None:
    """Each feed that answered keeps, in its state entry, the items it listed that could
    not be fetched or saved this time ({address: why}; none, no `failed` key)."""
    failed: dict[str, dict[str, str]] = {url: {} for url in answered}
    for item, feed_url in wanted:
        if item in failures and feed_url in failed:
            failed[feed_url][item] = one_line(failures[item])[:200]
    for feed_url, items in failed.items():
        entry = state.setdefault(feed_url, {})
        if items:
            entry["failed"] = items
        else:
            entry.pop("failed", None)


def _files(index: LibraryIndex, urls: Iterable[str]) -> set[Path]:
    """The article files of the library saved from `urls` (resolved: one name per file)."""
    return _resolved(path for url in urls if (path := index.find(url)) is not None)


def _resolved(paths: Iterable[Path]) -> set[Path]:
    return {Path(path).resolve() for path in paths}


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


def recheck(adder: Adder, folder: Path, paths: list[Path], skip: Collection[Path] = ()) -> None:
    """Fetch each article at `paths` (but those in `skip`) again, conditionally, and save
    what changed; each is counted once."""
    state = subscriptions.load_state(folder, subscriptions.ARTICLES_STATE)
    skipped = _resolved(skip)
    by_url: dict[str, Path] = {}
    for path in paths:
        url = read_head(path).get("url")
        if isinstance(url, str) and Path(path).resolve() not in skipped:
            by_url.setdefault(url, path)
    checks = bounded_map(
        lambda url: fetch_article(url, adder.timeout, state.get(url)), list(by_url)
    )
    for url, result in adder.counted("re-checking", checks, len(by_url)):
        if isinstance(result, ReaderError):
            adder.failed(result)
        elif result.article is None:
            adder.tally.unchanged += 1
            adder.validators[url] = result.page  # a 304 may name a new ETag
        else:
            adder.save(result.article, url, page=result.page)
    adder.keep_validators()


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
    checked = fetch_article(url, timeout, state.get(url))
    saved = Saved(path, "unchanged")
    if checked.article is not None:
        saved = LibraryIndex.of(path.parent, [path]).save(checked.article, url)
    subscriptions.remember(state, url, checked.page.etag, checked.page.last_modified)
    subscriptions.save_state(library, state, subscriptions.ARTICLES_STATE)
    return saved


def refresh(adder: Adder, folder: Path, days: float = DEFAULT_DAYS) -> None:
    """`reader refresh`: the feeds, then the recent articles not fetched with them."""
    recent = recent_articles(folder, days)
    fetched = update_feeds(adder, folder, recheck_later=recent)
    recheck(adder, folder, recent, skip=fetched)
