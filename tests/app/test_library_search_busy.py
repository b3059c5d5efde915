"""The library search screen (F) while a query's worker still holds the index: Enter opens
the match on screen at once, Esc closes at once, and the index's connection is closed when
the worker lets go of it."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from reader.app import ReaderApp
from reader.library_search import fts5_missing
from reader.screens.library_search import LibrarySearchScreen
from reader.state import ReadingState

pytestmark = pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")


def _coast_library(root) -> None:
    """coast.txt, whose last paragraph's second sentence holds "harbour", and other.txt."""
    (root / "coast.txt").write_text(
        "Coast story\n\n2024-01-01\n\n"
        + "".join(f"Filler sentence {i}.\n\n" for i in range(60))
        + "The wall fell in the storm. The old harbour was flooded.\n"
    )
    (root / "other.txt").write_text("Other story\n\n2025-01-01\n\nNothing here.\n")


async def _harbour_shown(app, pilot) -> LibrarySearchScreen:
    """F, "harbour" typed and its match shown, nothing running."""
    await pilot.press("F")
    screen = app.screen
    assert isinstance(screen, LibrarySearchScreen)
    await pilot.press(*"harbour")
    for _ in range(100):
        await pilot.pause(0.05)
        if screen.hits and not any(w.is_running for w in screen.workers):
            break
    assert [hit.title for hit in screen.hits] == ["Coast story"]
    return screen


async def _stalled_search(app, pilot):
    """ "harbour" shown, then an "s" whose query holds the index's lock until the returned
    event is set (the stand-in for a slow query)."""
    screen = await _harbour_shown(app, pilot)
    started, release = threading.Event(), threading.Event()

    def stalled(query, root, limit=100):
        started.set()
        release.wait(10)
        return []

    screen.index.search = stalled
    await pilot.press("s")
    assert started.wait(5)
    return screen, release


async def _closed(screen, index, pilot) -> bool:
    """Whether the index's connection is closed within 10 s: the screen lets go of it once
    closed (polled so, not by using the connection while a worker may be closing it)."""
    for _ in range(200):
        if screen.index is None:
            break
        await pilot.pause(0.05)
    try:
        index._db.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


@pytest.mark.parametrize("keys", [("enter",), ("down", "enter")], ids=["box", "list"])
async def test_enter_while_a_query_runs_opens_the_match_on_screen_at_once(tmp_path, settle, keys):
    """The match shown is the one "harbour" found: it opens at that word (not at its block's
    start, where "harbours" put it), without waiting for the running query."""
    _coast_library(tmp_path)
    app = ReaderApp(library=tmp_path, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen, release = await _stalled_search(app, pilot)
        try:
            began = time.monotonic()
            await pilot.press(*keys)
            waited = time.monotonic() - began
            assert not isinstance(app.screen, LibrarySearchScreen)
        finally:
            release.set()
        assert waited < 0.5  # it waited up to 1 s on the index's lock
        await settle(app, pilot)
        assert app.title == "Coast story"
        start, end = app.article_view.cursor_range
        assert app.document.text[start:end].startswith("The old harbour was flooded.")


async def test_esc_while_a_query_runs_closes_the_index_when_the_worker_lets_go(tmp_path, settle):
    _coast_library(tmp_path)
    app = ReaderApp(library=tmp_path, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen, release = await _stalled_search(app, pilot)
        index = screen.index
        try:
            await pilot.press("escape")
            assert not isinstance(app.screen, LibrarySearchScreen)
            index._db.execute("SELECT 1")  # still open: the worker holds it
        finally:
            release.set()
        assert await _closed(screen, index, pilot)  # not left to garbage collection


async def test_esc_interrupts_a_query_still_running_and_the_index_closes(tmp_path, settle):
    """A query SQLite runs until it is interrupted: Esc stops it, and its worker closes."""
    _coast_library(tmp_path)
    app = ReaderApp(library=tmp_path, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = await _harbour_shown(app, pilot)
        index = screen.index
        running, interrupted = threading.Event(), threading.Event()
        interrupt = index.interrupt

        def interrupt_and_tell() -> None:
            interrupt()
            interrupted.set()

        def crawl() -> int:  # the query goes on until interrupted (or 10 s)
            running.set()
            interrupted.wait(10)
            return 0

        index._db.set_progress_handler(crawl, 10)
        await pilot.press("s")  # (its key's interrupt() is for the query before)
        assert running.wait(5)
        index.interrupt = interrupt_and_tell
        await pilot.press("escape")
        assert not isinstance(app.screen, LibrarySearchScreen)
        assert await _closed(screen, index, pilot)
