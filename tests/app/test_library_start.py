"""`reader FOLDER` opens the newest article the metadata cache knows before listing the folder
again (issue 14: big libraries open as fast as small ones), and corrects itself when the
listing finds a newer one while the reader has not moved."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

import reader.library as library
from reader.app import ReaderApp
from reader.library import scan_library
from reader.library_browsing import BATCH_SECONDS, ScanBatches
from reader.library_cache import MetadataCache
from reader.state import ReadingState


def _write(path, title, day):
    body = "".join(f"Sentence {i} of {title}.\n\n" for i in range(30))
    path.write_text(f"{title}\n\n2024-01-{day:02d}\n\n{body}", encoding="utf-8")


def _library(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    _write(root / "old.txt", "Old story", 2)
    _write(root / "new.txt", "New story", 9)
    cache = MetadataCache.open()  # the app's own cache file (XDG_CACHE_HOME of the test)
    try:
        scan_library(root, cache=cache)
    finally:
        cache.close()
    return root


async def _scan_done(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _app(tmp_path, root):
    return ReaderApp(library=root, state=ReadingState(tmp_path / "state.json"))


async def test_the_cached_newest_article_opens_without_waiting_for_the_listing(
    tmp_path, monkeypatch
):
    root = _library(tmp_path)
    monkeypatch.setattr(ReaderApp, "scan_library", lambda self: None)  # never lists
    app = _app(tmp_path, root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.article_path == (root / "new.txt").resolve()
        assert not app.library_ready


async def test_a_newer_article_found_by_the_listing_replaces_the_cached_one(tmp_path):
    root = _library(tmp_path)
    _write(root / "newer.txt", "Newer story", 20)  # added since the cache was written
    app = _app(tmp_path, root)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library_ready
        assert app.article_path == (root / "newer.txt").resolve()
        assert app.library_pane.shown[0].path == app.article_path


async def test_a_reader_who_moved_keeps_the_cached_article(tmp_path, monkeypatch):
    root = _library(tmp_path)
    _write(root / "newer.txt", "Newer story", 20)
    go = threading.Event()
    real = library.scan_library

    def held(*args, **kwargs):
        go.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "scan_library", held)
    app = _app(tmp_path, root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.article_path == (root / "new.txt").resolve()
        await pilot.press("j", "j")
        await pilot.pause()
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library_ready
        assert app.article_path == (root / "new.txt").resolve()
        assert app.library_pane.entries[0].path == (root / "newer.txt").resolve()


async def test_with_no_cache_the_library_shows_while_the_folder_is_read(tmp_path, monkeypatch):
    """Nothing to open yet (no cache says which article is newest): the library pane fills the
    screen at 120 columns (where it narrows beside the article once one is open), focused,
    listing the folder (more articles than `listed_over`); the newest article opens once every
    file is read."""
    root = tmp_path / "lib"
    root.mkdir()
    for day in range(1, 6):
        _write(root / f"a{day}.txt", f"Story {day}", day)
    monkeypatch.setattr(library, "scan_library", partial(library.scan_library, listed_over=2))
    go = threading.Event()
    real = library.read_article_head

    def held(*args, **kwargs):
        go.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "read_article_head", held)  # no file read until `go`
    app = _app(tmp_path, root)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if app.library_pane.entries:
                break
        pane = app.library_pane
        assert app.reading.library_shown and app.article_path is None
        assert pane.size.width >= 110 and not app.reading.side_shown
        assert app.focused is pane.article_list
        assert sorted(e.name for e in pane.shown) == [f"a{d}.txt" for d in range(1, 6)]
        assert all(e.pending for e in pane.shown)
        assert "a1.txt" in pane.article_list.item_text(0)
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.article_path == (root / "a5.txt").resolve()
        assert app.reading.library_shown  # beside the article now (a folder of several)
        assert pane.outer_size.width < 30 and app.reading.side_shown
        assert app.article_view.display and app.article_view.outer_size.width >= 64
        assert [e.title for e in pane.shown] == [f"Story {d}" for d in range(5, 0, -1)]


async def test_the_side_panes_are_built_once_an_article_opens(tmp_path, monkeypatch):
    """With no cache, the claims and notes panes (not shown while the library fills the
    screen) are built once the newest article opens, not before the listing is read."""
    root = tmp_path / "lib"
    root.mkdir()
    for day in range(1, 6):
        _write(root / f"a{day}.txt", f"Story {day}", day)
    side_at_first_read: list[bool] = []
    real_read = library.read_article_head

    def read(*args, **kwargs):
        if not side_at_first_read:
            side_at_first_read.append(bool(app.query("#claims")))
        return real_read(*args, **kwargs)

    monkeypatch.setattr(library, "read_article_head", read)
    app = _app(tmp_path, root)
    async with app.run_test(size=(120, 40)) as pilot:
        await _scan_done(app, pilot)
        assert app.article_path == (root / "a5.txt").resolve()
        for _ in range(50):
            await pilot.pause(0.02)
            if app.reading.side_ready:
                break
        assert app.reading.side_ready and app.query("#claims")
    assert side_at_first_read == [False]


async def test_a_batch_read_is_sorted_into_the_list_at_once(tmp_path, monkeypatch):
    """While the folder is read, each batch the scan hands over goes into the list at once
    (the scan's `ScanBatches` says how often: the newest may be in it)."""
    from reader.library import LibraryEntry

    root = tmp_path / "lib"
    root.mkdir()
    monkeypatch.setattr(ReaderApp, "scan_library", lambda self: None)  # the test lists it
    names = [f"a{i}.txt" for i in range(3)]
    pending = [LibraryEntry(str(root / n), n, n, pending=True) for n in names]
    read = [_entry(root, n, f"Story {i}", f"2024-01-0{i + 1}") for i, n in enumerate(names)]
    app = _app(tmp_path, root)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.library_pane
        pane.set_listing(pending)
        await pilot.pause()
        pane.add_entries([read[0]], 1)
        await pilot.pause()
        assert [e.title for e in pane.shown] == ["Story 0", "a1.txt", "a2.txt"]
        pane.add_entries([read[2]], 2)
        await pilot.pause()
        assert [e.title for e in pane.shown] == ["Story 2", "Story 0", "a1.txt"]
        assert "Read 2 of 3" in str(pane.query_one("#library-status").render())


def _entry(root, name, title, day):
    from reader.library import LibraryEntry

    return LibraryEntry(str(root / name), name, title, day)


def test_batches_go_to_the_pane_first_at_once_then_a_few_times_a_second():
    """The first entries read go at once, later ones every BATCH_SECONDS; an entry newer than
    any given so far goes at once (the top row, the article that opens at the end)."""
    batches = ScanBatches()
    assert not batches.due(0.0)  # nothing read yet
    batches.add([_entry(Path("/l"), "a", "A", "2024-01-05")])
    assert batches.due(0.0)
    assert [e.title for e in batches.take(0.0)] == ["A"]
    batches.add([_entry(Path("/l"), "b", "B", "2024-01-02"), _entry(Path("/l"), "c", "C", None)])
    assert not batches.due(BATCH_SECONDS / 2)  # older: waits for the next hand-over
    assert batches.due(BATCH_SECONDS)
    batches.take(BATCH_SECONDS)
    batches.add([_entry(Path("/l"), "d", "D", "2024-02-01")])
    assert batches.due(BATCH_SECONDS + 0.01)  # newer than any so far: at once
    batches.take(BATCH_SECONDS + 0.01)
    batches.add([_entry(Path("/l"), "e", "E", "2024-01-20")])
    assert not batches.due(BATCH_SECONDS + 0.02)


async def test_the_heads_are_read_once_the_listing_is_drawn(tmp_path, monkeypatch):
    """With no cache, the scan lists the folder and reads the first file only once the list
    by name has been drawn (reading meanwhile would share the interpreter with drawing it)."""
    from reader.widgets.library_pane import LibraryList, LibraryPane

    root = tmp_path / "lib"
    root.mkdir()
    for day in range(1, 6):
        _write(root / f"a{day}.txt", f"Story {day}", day)
    monkeypatch.setattr(library, "scan_library", partial(library.scan_library, listed_over=2))
    seen = {"listing": False, "drawn": False, "drawn at first read": None}
    real_listing, real_line, real_read = (
        LibraryPane.set_listing, LibraryList.render_line, library.read_article_head
    )  # fmt: skip

    def set_listing(self, entries):
        real_listing(self, entries)
        seen["listing"] = True

    def render_line(self, y):
        seen["drawn"] = seen["drawn"] or (seen["listing"] and self.count > 0)
        return real_line(self, y)

    def read(*args, **kwargs):
        if seen["drawn at first read"] is None:
            seen["drawn at first read"] = seen["drawn"]
        return real_read(*args, **kwargs)

    monkeypatch.setattr(LibraryPane, "set_listing", set_listing)
    monkeypatch.setattr(LibraryList, "render_line", render_line)
    monkeypatch.setattr(library, "read_article_head", read)
    app = _app(tmp_path, root)
    async with app.run_test(size=(120, 40)) as pilot:
        await _scan_done(app, pilot)
        assert app.article_path == (root / "a5.txt").resolve()
    assert seen["drawn at first read"] is True


async def test_a_resize_to_the_same_layout_lays_nothing_out_again(tmp_path, monkeypatch):
    """While the library fills the screen (no article open yet), the screen's resize after
    its first frame sets the same widths: no pane asks for a layout (before, the library
    pane's width went to its column width and back to "1fr", and the screen was laid out
    once more while the folder was being read)."""
    root = tmp_path / "lib"
    root.mkdir()
    _write(root / "a.txt", "Story", 1)
    monkeypatch.setattr(ReaderApp, "scan_library", lambda self: None)  # nothing opens
    app = _app(tmp_path, root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.reading
        assert screen.nothing_open and screen.library_shown
        laid_out = []
        for widget in (app.library_pane, screen.query_one("#side"), app.article_view):
            real = widget.refresh

            def refresh(*args, real=real, widget=widget, **kwargs):
                if kwargs.get("layout"):
                    laid_out.append(widget.id)
                return real(*args, **kwargs)

            monkeypatch.setattr(widget, "refresh", refresh)
        screen.update_layout(120)
        assert laid_out == []
        assert app.library_pane.size.width >= 110


async def test_the_search_box_is_built_once_an_article_shows(tmp_path, monkeypatch):
    """With no cache, the article view's hidden `/` box is not built while the library fills
    the screen (the view is not shown; `/` filters the library), but once an article opens."""
    from reader.widgets.search_bar import SearchBar

    root = tmp_path / "lib"
    root.mkdir()
    _write(root / "a1.txt", "Story 1", 1)
    scans = []
    monkeypatch.setattr(ReaderApp, "scan_library", lambda self: scans.append(self))
    app = _app(tmp_path, root)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await pilot.pause(0.02)
        assert scans and app.reading.nothing_open
        assert not app.query(SearchBar)
        app._library_scanned([library.read_entry(root / "a1.txt", root)])
        for _ in range(50):
            await pilot.pause(0.02)
            if app.query(SearchBar):
                break
        assert app.article_path == (root / "a1.txt").resolve()
        assert app.query(SearchBar) and not app.query_one(SearchBar).display
