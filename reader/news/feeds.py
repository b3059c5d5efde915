"""Reading a feed (RSS 0.9x/1.0/2.0, Atom) with feedparser: its items' addresses and metadata.

The bytes are always handed to feedparser as a stream, never as a string (a string may make
it open a URL or a file). Relative item links are resolved against the feed's address.

Each item carries a `fingerprint` of what its entry says (id, updated date, title, summary
and content): `reader feeds update` re-fetches an article whose entry's fingerprint changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

from reader.document.decode import one_line
from reader.errors import ReaderError
from reader.news.extract import clean_line


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str = ""
    published: str | None = None  # ISO date
    authors: tuple[str, ...] = ()
    entry_id: str = ""
    fingerprint: str = ""  # of the entry's id, updated date, title, summary and content


def fingerprint(entry: dict) -> str:
    """A short hash of what a feed entry says about its article: it changes when the feed
    says the article changed (a new updated date, title, summary or content)."""
    # dict.get: feedparser's own get maps a missing `updated` to `published`, with a warning
    keys = ("id", "updated", "published", "title", "summary")
    said = [str(dict.get(entry, key, "")) for key in keys]
    contents = [c.get("value", "") for c in dict.get(entry, "content") or () if isinstance(c, dict)]
    data = json.dumps([*said, *map(str, contents)], ensure_ascii=True)
    return hashlib.sha256(data.encode("ascii")).hexdigest()[:16]


@dataclass(slots=True)
class Feed:
    url: str
    title: str = ""
    version: str = ""  # feedparser's name for the format, e.g. "rss20", "atom10"
    items: list[FeedItem] = field(default_factory=list)


def _iso(parsed: object) -> str | None:
    if isinstance(parsed, time.struct_time):
        return time.strftime("%Y-%m-%d", parsed)
    return None


def _item(entry: dict, base: str) -> FeedItem | None:
    link = entry.get("link") or ""
    if not link:
        for candidate in entry.get("links") or ():
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate["href"]
                break
    if not link and str(entry.get("id", "")).startswith(("http://", "https://")):
        link = entry["id"]
    if not link:
        return None
    link = urljoin(base, link.strip())
    authors = tuple(
        name for a in entry.get("authors") or () if (name := clean_line(a.get("name", "")))
    )
    return FeedItem(
        url=link,
        title=clean_line(entry.get("title", "")),
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        authors=authors,
        entry_id=clean_line(entry.get("id", "")),
        fingerprint=fingerprint(entry),
    )


def parse_feed(data: bytes, url: str) -> Feed:
    """The feed in `data` (fetched from, or read at, `url`). Raises ReaderError naming `url`
    when it is not a feed feedparser can read."""
    import feedparser

    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": url},
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    if not parsed.get("version") and not parsed.get("entries"):
        problem = parsed.get("bozo_exception")
        reason = f" ({one_line(str(problem))[:120]})" if problem else ""
        raise ReaderError(f"not a feed (RSS or Atom){reason}: {one_line(url)}")
    items = []
    seen = set()
    for entry in parsed.get("entries", ()):
        item = _item(entry, url)
        if item is not None and item.url not in seen:
            seen.add(item.url)
            items.append(item)
    if parsed.get("bozo") and not items:
        # feedparser reads what it can of a broken feed; broken and empty means unreadable
        problem = parsed.get("bozo_exception")
        reason = f" ({one_line(str(problem))[:120]})" if problem else ""
        raise ReaderError(f"malformed feed{reason}: {one_line(url)}")
    feed_info = parsed.get("feed", {})
    return Feed(
        url=url,
        title=clean_line(feed_info.get("title", "")),
        version=str(parsed.get("version", "")),
        items=items,
    )


FEED_TYPES = ("application/rss+xml", "application/atom+xml")


class _FeedLinks(HTMLParser):
    """The `<link rel="alternate" type="application/rss+xml|atom+xml" href=...>` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name: (value or "").strip() for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.hrefs.append(values["href"])


def feed_links(html: str, base: str) -> list[str]:
    """The http(s) addresses of the feeds an HTML page links (resolved against `base`), in
    page order, each once."""
    parser = _FeedLinks()
    parser.feed(html)
    parser.close()
    found: list[str] = []
    for href in parser.hrefs:
        url = urljoin(base, href)
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return found
