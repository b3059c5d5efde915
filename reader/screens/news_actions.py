"""The app's news actions: `r` refreshes the open library as `reader refresh` does (its feeds
updated, its recent articles checked again), `R` fetches only the open article again, and
the palette's "Add URL…" saves a page (or a feed's items) into the open library.

Each fetches in a thread worker, so a slow server never holds up the keys; the title bar says
what is being fetched (and, for `r`, how far it is), and a failure is one notification line
naming the address; for `r`, the feed items not fetched are one line per feed (how many, one
of them with why), this run's and those kept from earlier updates alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from reader.document.decode import one_line
from reader.errors import ReaderError

App = Any  # the ReaderApp (screens never import the app)

MAX_FAILURE_LINES = 8  # a summary notification lists at most this many failures


def refresh(app: App, what: str = "library") -> None:
    """The `r` / `R` keys: `what` is "library" or "article"."""
    if what == "article":
        refresh_open_article(app)
    else:
        refresh_library(app)


def _refreshing(app: App) -> bool:
    return any(w.group == "refresh" and w.is_running for w in app.workers)


# -- r: the whole library ----------------------------------------------------------------------


@dataclass(slots=True)
class LibraryRefresh:
    """What a refresh of the library saw: the articles saved and the failures, in order."""

    library: Path
    saved: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    feeds: int = 0
    summary: str = ""


def refresh_library(app: App) -> None:
    """`r`: update the open library's feeds and check its recent articles again, in a worker;
    new articles are listed (unread), a changed open article is read again."""
    if _refreshing(app):
        app.notify("Already refreshing")
        return
    library = Path(app.library_root)
    app.sub_title = f"refreshing {one_line(library.name)}…"
    app.run_worker(
        partial(_refresh_library, app, library),
        thread=True,
        group="refresh",
        name="refresh library",
    )


def _refresh_library(app: App, library: Path) -> None:
    from reader.news import subscriptions
    from reader.news.refresh import refresh  # httpx and trafilatura load on first use
    from reader.news.save import LibraryIndex
    from reader.news.sources import Adder

    seen = LibraryRefresh(library)

    def saved(result) -> None:
        seen.saved.append(result.path)
        if result.status == "updated":
            seen.changed.append(result.path)

    def progress(stage: str, done: int, total: int) -> None:
        if total:
            app.call_from_thread(_show_progress, app, f"refreshing: {stage} {done}/{total}")

    try:
        seen.feeds = len(subscriptions.load(library))
        index = LibraryIndex.cached(library)
        # the feed items not fetched are named per feed below, with those kept from earlier
        adder = Adder(index, saved, seen.failures.append, progress=progress, item_errors=False)
        refresh(adder, library)
        seen.failures.extend(subscriptions.unfetched_lines(library))
    except ReaderError as error:  # an unreadable feeds file: nothing was fetched
        seen.failures.append(str(error))
        seen.summary = "refresh failed"
    else:
        seen.summary = adder.tally.summary()
    app.call_from_thread(_library_refreshed, app, seen)


def _show_progress(app: App, text: str) -> None:
    app.sub_title = text


def _library_refreshed(app: App, seen: LibraryRefresh) -> None:
    app.sub_title = f"{app.progress:.0f}%"
    if seen.library == Path(app.library_root):  # (another library opened meanwhile is scanned)
        if seen.saved:
            app.scan_library()  # new articles appear, unread; changed titles are read again
        if app.article_path is not None and Path(app.article_path) in seen.changed:
            app._watch_article()  # the app's own reading of a rewritten article, cursor kept
    lines = [seen.summary, *seen.failures[:MAX_FAILURE_LINES]]
    if len(seen.failures) > MAX_FAILURE_LINES:
        lines.append(f"… and {len(seen.failures) - MAX_FAILURE_LINES} more failures")
    if not seen.feeds and not seen.saved and not seen.failures:
        lines.append("No feeds in this library: to subscribe one, run reader feeds add URL")
    app.notify(lines, severity="error" if seen.failures else "information", markup=False)


# -- R: the open article -----------------------------------------------------------------------


def refresh_open_article(app: App) -> None:
    """`R`: fetch the open article again; a changed text is stored as a new revision and the
    article is read again, its highlights re-anchored (those under an edit marked edited)."""
    path = app.article_path
    if path is None or app.partial:
        app.notify("No article open to refresh")
        return
    if _refreshing(app):
        app.notify("Already refreshing")
        return
    app.sub_title = f"refreshing {one_line(path.name)}…"
    app.run_worker(
        partial(_refresh, app, Path(path), Path(app.library_root)),
        thread=True,
        group="refresh",
        name="refresh article",
    )


def _refresh(app: App, path: Path, library: Path) -> None:
    from reader.news.refresh import refresh_article  # httpx and trafilatura load on first use

    try:
        saved = refresh_article(path, library)
    except ReaderError as error:
        app.call_from_thread(_refreshed, app, path, None, str(error))
        return
    message = saved.notice if saved.status == "updated" else "unchanged since the last fetch"
    app.call_from_thread(_refreshed, app, path, saved.status, message)


def _refreshed(app: App, path: Path, status: str | None, message: str | None) -> None:
    app.sub_title = f"{app.progress:.0f}%"
    name = one_line(path.name)
    if status is None:
        app.notify(one_line(message or ""), severity="error", markup=False)
        return
    app.notify(f"{name}: {one_line(message or status)}", markup=False)
    if status == "updated" and app.article_path == path:
        app._watch_article()  # the app's own reading of a rewritten article, cursor kept


# -- Add URL… ----------------------------------------------------------------------------------


def add_url_prompt(app: App) -> None:
    """The palette's "Add URL…": ask for an address, then fetch it into the open library."""
    from reader.commands import OpenPathScreen

    screen = OpenPathScreen(
        "Add a web page or a feed to this library (Enter adds, Esc cancels)", "https://…"
    )
    app.push_dialog(screen, partial(_url_given, app))


def _url_given(app: App, text: str | None) -> None:
    if not text:
        return
    if not text.lower().startswith(("http://", "https://")):
        app.notify(f"not an http(s) address: {one_line(text)}", severity="error", markup=False)
        return
    app.notify(f"Fetching {one_line(text)}…", markup=False)
    app.fetch_and_open(text, Path(app.library_root))
