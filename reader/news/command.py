"""The news verbs: `reader add`, `reader feeds ...`, `reader refresh`, `diff` and `history`.

stdout carries only what a script wants (saved paths, a feed list, OPML, a diff); every
failure is one line on stderr naming the address or file, and the exit status is 1 when
any source failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.document.decode import one_line
from reader.errors import NotFoundError, ReaderError, is_a_folder, no_such_path
from reader.news import revisions, subscriptions
from reader.news.fetch import DEFAULT_TIMEOUT, Fetched, decode_page, fetch, looks_like_feed
from reader.news.save import LibraryIndex, Saved, split_front_matter
from reader.news.sources import MAX_FILE, Adder, stdin_sources


def library_dir(library: str | None) -> Path:
    if library:
        return Path(library)
    from reader.sample_library import sample_library_dir

    return sample_library_dir()


def _error(message: str) -> None:
    print(f"reader: error: {one_line(message)}", file=sys.stderr)


def _on_saved(saved: Saved) -> None:
    """The saved path on stdout; a change notice, if any, on stderr."""
    if saved.notice:
        print(f"reader: {one_line(str(saved.path))}: {saved.notice}", file=sys.stderr)
    print(one_line(str(saved.path)), flush=True)


def add_command(sources: list[str], library: str | None, timeout: float = DEFAULT_TIMEOUT) -> int:
    adder = Adder(LibraryIndex.cached(library_dir(library)), _on_saved, _error, timeout)
    for source in sources:
        if source == "-":
            _add_stdin(adder)
        else:
            adder.add_source(source)
    return 1 if adder.tally.failed else 0


def _add_stdin(adder: Adder) -> None:
    """`reader add -`: addresses one a line, or one HTML page or feed, on stdin."""
    data = sys.stdin.buffer.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        adder.failed(ReaderError("too big (over 20 MB): stdin"))
        return
    addresses, markup = stdin_sources(data)
    if markup is not None:
        adder.add_markup(markup, "stdin")
    for source in addresses:
        adder.add_source(source)


def feeds_add_command(url: str, library: str | None, timeout: float = DEFAULT_TIMEOUT) -> int:
    from reader.news.feeds import parse_feed

    page = fetch(url, timeout=timeout)
    try:
        feed = parse_feed(page.content, url)
    except ReaderError:
        if looks_like_feed(page.content):
            raise  # a broken feed: the parser's reason helps
        raise ReaderError(_not_a_feed(page, url)) from None
    if not subscriptions.add(library_dir(library), url, feed.title):
        print(f"reader: already subscribed: {one_line(url)}", file=sys.stderr)
    return 0


def _not_a_feed(page: Fetched, url: str) -> str:
    """What `feeds add` says of a page that is not a feed: the feeds it links, if any."""
    from reader.news.feeds import feed_links

    try:
        links = feed_links(decode_page(page.content, page.charset, url), page.final_url)
    except ReaderError:
        links = []
    message = f"not an RSS or Atom feed: {one_line(url)}"
    if not links:
        return message
    others = f" (and {len(links) - 1} more)" if len(links) > 1 else ""
    return f"{message}; the page links the feed {one_line(links[0])}{others}, add that instead"


def feeds_list_command(library: str | None) -> int:
    """The feeds on stdout, one a line (address, tab, title); on stderr, the items of each
    whose article could not be fetched at the last update (the next one tries them again)."""
    folder = library_dir(library)
    state = subscriptions.load_state(folder)
    for feed in subscriptions.load(folder):
        print(f"{one_line(feed.url)}\t{one_line(feed.title)}" if feed.title else one_line(feed.url))
        for item, why in subscriptions.failed_items(state.get(feed.url, {})).items():
            print(
                f"reader: {one_line(feed.url)}: not fetched, tried again at the next update:"
                f" {one_line(item)} ({one_line(why)})",
                file=sys.stderr,
            )
    return 0


def feeds_remove_command(url: str, library: str | None) -> int:
    if not subscriptions.remove(library_dir(library), url):
        raise NotFoundError(f"not subscribed: {one_line(url)}")
    return 0


def feeds_import_command(file: str, library: str | None) -> int:
    added, known = subscriptions.import_opml(library_dir(library), Path(file))
    print(f"reader: {added} feeds added, {known} already subscribed", file=sys.stderr)
    return 0


def feeds_export_command(library: str | None) -> int:
    sys.stdout.write(subscriptions.to_opml(subscriptions.load(library_dir(library))))
    return 0


def _on_changed(saved: Saved) -> None:
    """`feeds update` and `refresh` name only the articles they added or changed."""
    if saved.status != "unchanged":
        _on_saved(saved)


def feeds_update_command(library: str | None, timeout: float = DEFAULT_TIMEOUT) -> int:
    """Fetch every subscribed feed: add its new items, fetch again those whose entry changed.
    The fetch is conditional (ETag / Last-Modified), so an unchanged feed costs one 304."""
    from reader.news.refresh import update_feeds

    folder = library_dir(library)
    adder = Adder(LibraryIndex.cached(folder), _on_changed, _error, timeout)
    update_feeds(adder, folder)
    print(adder.tally.summary())
    return 1 if adder.tally.failed else 0


def refresh_command(library: str | None, days: float, timeout: float = DEFAULT_TIMEOUT) -> int:
    """`feeds update`, then the articles fetched in the last `days` days checked again."""
    from reader.news.refresh import refresh

    folder = library_dir(library)
    adder = Adder(LibraryIndex.cached(folder), _on_changed, _error, timeout)
    refresh(adder, folder, days)
    print(adder.tally.summary())
    return 1 if adder.tally.failed else 0


def _article(path: str) -> Path:
    article = Path(path)
    if article.is_dir():
        raise ReaderError(is_a_folder(article))
    if not article.exists():
        raise ReaderError(no_such_path(article))
    if not article.is_file():
        raise ReaderError(f"not a regular file: {one_line(path)}")
    return article


def history_command(path: str) -> int:
    """The stored revisions of an article, oldest first, one path a line."""
    for revision in revisions.list_revisions(_article(path)):
        print(one_line(str(revision)))
    return 0


def diff_command(path: str) -> int:
    """What changed between the last stored revision and the article as it is now."""
    article = _article(path)
    stored = revisions.list_revisions(article)
    if not stored:
        raise NotFoundError(f"no earlier revision of: {one_line(path)}")
    old_fields, old_body = split_front_matter(stored[-1].read_text("utf-8", errors="replace"))
    new_fields, new_body = split_front_matter(article.read_text("utf-8", errors="replace"))
    old_name = f"fetched {old_fields.get('fetched', stored[-1].stem)}"
    new_name = f"fetched {new_fields.get('fetched', 'now')}"
    for line in revisions.diff_lines(old_body, new_body, old_name, new_name):
        print(line)
    return 0
