"""The app's news actions: `r` fetches the open article again from its address, and the
palette's "Add URL…" saves a page (or a feed's items) into the open library.

Both fetch in a thread worker, so a slow server never holds up the keys; the title bar says
what is being fetched, and a failure is one notification line naming the address.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from reader.document.decode import one_line
from reader.errors import ReaderError

App = Any  # the ReaderApp (screens never import the app)


def refresh_open_article(app: App) -> None:
    """`r`: fetch the open article again; a changed text is stored as a new revision and the
    article is read again, its highlights re-anchored (those under an edit marked edited)."""
    path = app.article_path
    if path is None or app.partial:
        app.notify("No article open to refresh")
        return
    app.sub_title = f"refreshing {one_line(path.name)}…"
    app.run_worker(
        partial(_refresh, app, Path(path), Path(app.library_root)),
        thread=True,
        group="refresh",
        exclusive=True,
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
