"""Feed subscriptions of a library: `feeds.toml` in the library folder, OPML in and out.

`feeds.toml` is meant for people to read and edit:

    # Feeds this library subscribes to (reader feeds add/remove/list/update).
    [[feed]]
    url = "https://example.org/rss.xml"
    title = "Example News"

OPML (as newsboat and most feed readers export) is read for every `outline` with an
`xmlUrl`, and written as OPML 2.0.
"""

from __future__ import annotations

import contextlib
import json
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.atomic import write_atomic
from reader.document.decode import one_line
from reader.errors import ReaderError, cannot, is_a_folder, no_such_path
from reader.news.extract import clean_line
from reader.news.fetch import check_scheme

FILE_NAME = "feeds.toml"
STATE_NAME = ".feeds-state.json"  # ETag / Last-Modified of each feed, for conditional GETs
ARTICLES_STATE = ".articles-state.json"  # the same for articles re-checked by `reader refresh`
MAX_FILE = 4 * 1024 * 1024
HEADER = "# Feeds this library subscribes to (reader feeds add/remove/list/update).\n"


@dataclass(frozen=True, slots=True)
class Subscription:
    url: str
    title: str = ""


def subscriptions_path(library: Path) -> Path:
    return Path(library) / FILE_NAME


def load(library: Path) -> list[Subscription]:
    path = subscriptions_path(library)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise ReaderError(f"cannot read the subscriptions ({error}): {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ReaderError(f"subscriptions are not valid TOML ({error}): {path}") from None
    feeds = data.get("feed", [])
    if not isinstance(feeds, list):
        raise ReaderError(f"subscriptions: `feed` must be a list of [[feed]] tables: {path}")
    found = []
    for entry in feeds:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            found.append(Subscription(entry["url"].strip(), clean_line(entry.get("title"))))
    return found


def _toml_string(value: str) -> str:
    # A JSON string of one safe line is a valid TOML basic string.
    return json.dumps(one_line(value), ensure_ascii=False)


def save(library: Path, feeds: list[Subscription]) -> None:
    lines = [HEADER]
    for feed in feeds:
        lines.append(f"\n[[feed]]\nurl = {_toml_string(feed.url)}\n")
        if feed.title:
            lines.append(f"title = {_toml_string(feed.title)}\n")
    path = subscriptions_path(library)
    try:
        Path(library).mkdir(parents=True, exist_ok=True)
        write_atomic(path, "".join(lines).encode("utf-8"))
    except OSError as error:
        raise ReaderError(f"cannot save the subscriptions ({error.strerror}): {path}") from None


def add(library: Path, url: str, title: str = "") -> bool:
    """Subscribe to `url`; False when it already was."""
    check_scheme(url)
    feeds = load(library)
    if any(feed.url == url for feed in feeds):
        return False
    save(library, [*feeds, Subscription(url, clean_line(title))])
    return True


def remove(library: Path, url: str) -> bool:
    """Unsubscribe from `url`; False when it was not subscribed."""
    feeds = load(library)
    kept = [feed for feed in feeds if feed.url != url]
    if len(kept) == len(feeds):
        return False
    save(library, kept)
    return True


def read_opml(path: Path) -> list[Subscription]:
    """Every feed (`outline` with an `xmlUrl`) in an OPML file, nested outlines included."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise ReaderError(f"OPML file too big (over 4 MB): {path}")
        root = ET.fromstring(path.read_bytes())
    except FileNotFoundError:
        raise ReaderError(no_such_path(path)) from None
    except IsADirectoryError:
        raise ReaderError(is_a_folder(path, "an OPML file")) from None
    except OSError as error:
        raise ReaderError(cannot("read", path, error)) from None
    except ET.ParseError as error:
        raise ReaderError(f"not valid OPML ({error}): {path}") from None
    found = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if url.startswith(("http://", "https://")):
            title = outline.get("title") or outline.get("text") or ""
            found.append(Subscription(url, clean_line(title)))
    return found


def import_opml(library: Path, path: Path) -> tuple[int, int]:
    """Add the OPML file's feeds: (added, already subscribed)."""
    feeds = load(library)
    known = {feed.url for feed in feeds}
    added = 0
    for feed in read_opml(path):
        if feed.url not in known:
            feeds.append(feed)
            known.add(feed.url)
            added += 1
    total = len(read_opml(path))
    if added:
        save(library, feeds)
    return added, total - added


def to_opml(feeds: list[Subscription]) -> str:
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = "margin-reader subscriptions"
    body = ET.SubElement(opml, "body")
    for feed in feeds:
        name = one_line(feed.title or feed.url)
        ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=one_line(feed.url))
    ET.indent(opml)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(opml, encoding="unicode") + "\n"


def load_state(library: Path, name: str = STATE_NAME) -> dict[str, dict[str, Any]]:
    """{address: {"etag": ..., "last_modified": ..., "entries": {item address: fingerprint},
    "failed": {item address: why}}} as last saved in the library's `name` file; empty when missing or unreadable."""
    try:
        data = json.loads((Path(library) / name).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        url: {k: v for k, v in entry.items() if isinstance(v, str) or _is_entries(v)}
        for url, entry in data.items()
        if isinstance(url, str) and isinstance(entry, dict)
    }


def _is_entries(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def failed_items(entry: dict[str, Any]) -> dict[str, str]:
    """{item address: why} of the items of a feed's state entry whose article could not be
    fetched or saved last time (`reader feeds update` tries them again)."""
    failed = entry.get("failed")
    return dict(failed) if isinstance(failed, dict) else {}


def unfetched_lines(library: Path) -> list[str]:
    """One line for each subscribed feed that has items whose article could not be fetched
    or saved (its record in the state, kept until they are): how many, and one of them (the
    first by address) with why. Shown safely (`one_line`): the addresses and reasons are
    text from the web. ReaderError when the feeds file cannot be read."""
    state = load_state(library)
    lines = []
    for feed in load(library):
        items = failed_items(state.get(feed.url, {}))
        if not items:
            continue
        item = min(items)
        count = "1 item" if len(items) == 1 else f"{len(items)} items"
        among = "" if len(items) == 1 else ", among them"
        lines.append(
            f"{one_line(feed.url)}: {count} not fetched, tried again at the next refresh{among}:"
            f" {one_line(item)} ({one_line(items[item])})"
        )
    return lines


def remember(state: dict[str, dict[str, Any]], url: str, etag: str, last_modified: str) -> None:
    """Keep `url`'s validators in `state` (the articles state) when the server sent any."""
    if etag or last_modified:
        state[url] = {"etag": etag, "last_modified": last_modified}


def save_state(library: Path, state: dict[str, dict[str, Any]], name: str = STATE_NAME) -> None:
    """Best effort: a state that cannot be saved only costs a full fetch next time."""
    with contextlib.suppress(OSError):
        data = json.dumps(state, ensure_ascii=True, indent=1, sort_keys=True)
        write_atomic(Path(library) / name, data.encode("ascii"))
