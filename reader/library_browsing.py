"""The library the app reads from: scanned in a worker, stepped through, switched.

`LibraryBrowsing` is the part of `ReaderApp` that fills the library pane from a scan run in a
thread (the newest article opened when none was asked for), moves to the next or previous
article (J/K, in the pane's order), and opens a path or URL from the open prompt, switching
to its library (and scanning that) when it lies outside the one shown.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, get_current_worker

from reader.document.decode import one_line
from reader.errors import ReaderError
from reader.targets import Target, fetched_target, resolve_target

if TYPE_CHECKING:
    from reader.library import LibraryEntry
    from reader.screens.reading import ReadingScreen
    from reader.screens.sync_control import SyncControl
    from reader.state import ReadingState
    from reader.widgets.library_pane import LibraryPane

BATCH_SECONDS = 0.1  # how often the scan's entries so far go into the pane
SCAN_STEP = 20  # files read between two looks at whether entries are due in the pane
PAINT_WAIT_SECONDS = 1.0  # the longest the scan waits for the screen to show what it gave


@dataclass
class ScanBatches:
    """The entries a scan has read, waiting to go into the library pane: a few times a
    second (`BATCH_SECONDS`; each hand-over waits for the UI), the first at once, and at once
    too when one is newer than any given so far (the top of the list, the article that opens
    once the scan is done, changes: a handful of times in a scan)."""

    pending: list[LibraryEntry] = field(default_factory=list)
    sent: float | None = None  # when entries last went: None, never
    newest: str = ""  # the latest date given so far
    newer: bool = False  # `pending` holds a later one

    def add(self, entries: list[LibraryEntry]) -> None:
        self.pending.extend(entries)
        self.newer = self.newer or any((e.published or "") > self.newest for e in entries)

    def due(self, now: float) -> bool:
        if not self.pending:
            return False
        return self.newer or self.sent is None or now - self.sent >= BATCH_SECONDS

    def take(self, now: float) -> list[LibraryEntry]:
        taken, self.pending = self.pending, []
        self.newest = max([self.newest, *(e.published or "" for e in taken)])
        self.sent, self.newer = now, False
        return taken


class LibraryBrowsing:
    """Mixed into `ReaderApp` (a Textual `App`), next to `ArticleOpening`."""

    # Set by the app.
    library_root: Path
    initial_article: Path | None  # asked for at start (or with a target): not the newest
    entries: list[LibraryEntry]
    library_ready: bool  # the scan is done: J/K can step
    library_sync: SyncControl
    state: ReadingState
    reading: ReadingScreen
    library_pane: LibraryPane

    _cached_pick: tuple[Path, int] | None = None  # (article, cursor) opened from the cache

    def open_newest_cached(self) -> None:
        """Open the newest article as the metadata cache last listed this library (when that
        file is unchanged since), before the folder is listed again."""
        from reader.library_cache import MetadataCache, cached_newest

        cache = MetadataCache.open(create=False)  # none yet: nothing known, nothing made
        try:
            path = cached_newest(self.library_root, cache)
            several = cache.holds_several(self.library_root)
        finally:
            cache.close()
        if cache.problem:  # rebuilt: the scan's own open finds it sound
            self.notify(cache.problem, severity="warning", markup=False)
        self.reading.set_browsing(several)  # the library beside the article, from the start
        if path is not None:
            self.open_article(path)
            if self.article_path == path:
                self._cached_pick = (path, self.cursor_offset)

    @work(thread=True, exclusive=True, group="library")
    def scan_library(self) -> None:
        worker = get_current_worker()
        pane = self.library_pane
        batches = ScanBatches()

        def progress(checked: int) -> None:
            if batches.due(time.monotonic()) and not worker.is_cancelled:
                self.call_from_thread(pane.add_entries, batches.take(time.monotonic()), checked)

        def listed(entries: list[LibraryEntry]) -> None:
            self._call_until_painted(worker, pane.set_listing, entries)

        def done(entries: list[LibraryEntry]) -> None:  # before the cache is written
            self._call_until_painted(worker, self._library_scanned, entries)

        from reader.library import scan_library
        from reader.library_cache import MetadataCache

        cache = MetadataCache.open(create=False)  # a new one is made with its first rows
        try:
            scan_library(
                self.library_root,
                progress,
                progress_every=SCAN_STEP,
                cache=cache,
                found=batches.add,
                listed=listed,
                done=done,
            )
        finally:
            cache.close()
        if cache.problem and not worker.is_cancelled:
            self.call_from_thread(self.notify, cache.problem, severity="warning", markup=False)

    def _call_until_painted(self, worker: Worker, callback: Callable[..., object], *args) -> None:
        """From the scan's thread: `callback(*args)` in the UI, then wait until the screen
        has been drawn with it. The scan goes on reading (or writes the cache) only then:
        meanwhile it would share the interpreter with drawing the listing, or the newest
        article, that the reader is waiting for."""
        if worker.is_cancelled:
            return
        painted = threading.Event()

        def call() -> None:
            callback(*args)
            self.call_after_refresh(painted.set)

        self.call_from_thread(call)
        deadline = time.monotonic() + PAINT_WAIT_SECONDS
        while not painted.wait(0.02):  # not once the scan is cancelled (the app is quitting)
            if worker.is_cancelled or time.monotonic() > deadline:
                return

    def _library_scanned(self, entries: list[LibraryEntry]) -> None:
        self.entries = entries
        self.library_ready = True
        pane = self.library_pane
        pane.set_entries(entries)
        # A folder of several articles is browsed: `reader FILE` has one article to read.
        self.reading.set_browsing(self.initial_article is None and len(entries) > 1)
        pick, self._cached_pick = self._cached_pick, None
        if self.article_path is not None:
            pane.set_current(self.article_path)
            self._correct_cached_pick(pick, entries)
        elif self.initial_article is None:
            from reader.library_order import newest_openable

            newest = newest_openable(entries)
            if newest is not None:
                self.open_article(newest.path)
            else:
                self.reading.show_library_until_open(False)
                self.show_message(f"No readable article in this folder: {self.library_root}")
            self.reading.focus_article()

    def _correct_cached_pick(self, pick: tuple[Path, int] | None, entries: list) -> None:
        """The article opened from the cache is not the newest after all (one was added or
        redated since): the newest opens instead, unless the reader has moved meanwhile."""
        from reader.library_order import newest_openable

        newest = newest_openable(entries)
        if pick is None or newest is None or newest.path == pick[0]:
            return
        if (self.article_path, self.cursor_offset) == pick:
            self.open_article(newest.path)

    def _progress_of(self, path: Path) -> float | None:
        """How far the reader is in `path`: live for the open article, else as saved."""
        if path == self.article_path and not self.partial:
            return self.progress
        return self.state.progress(path)

    # -- J and K -----------------------------------------------------------------------------

    def _neighbour(self, step: int) -> LibraryEntry | None:
        entries = self.library_pane.shown or self.entries
        current = self.article_path
        index = next(
            (i for i, entry in enumerate(entries) if current is not None and entry.is_at(current)),
            None,
        )
        if index is None:
            return entries[0] if entries else None
        index += step
        while 0 <= index < len(entries):
            if not entries[index].binary:
                return entries[index]
            index += step
        return None

    def _step_article(self, step: int) -> None:
        if not self.library_ready:
            self.notify("Still scanning the library…")
            return
        entry = self._neighbour(step)
        if entry is None:
            self.notify("Last article in the library" if step > 0 else "First article")
            return
        self.open_article(entry.path)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    # -- a path or URL from the open prompt --------------------------------------------------

    def action_open_path(self) -> None:
        from reader.commands import OpenPathScreen

        self.push_dialog(OpenPathScreen(), self._open_path_chosen)

    def _open_path_chosen(self, text: str | None) -> None:
        if not text:
            return
        if text.lower().startswith(("http://", "https://")):
            self.notify(f"Fetching {one_line(text)}…", markup=False)
            self.fetch_and_open(text)
            return
        try:
            target = resolve_target(text)
        except ReaderError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._open_target(target)

    @work(thread=True, group="fetch")
    def fetch_and_open(self, url: str, library: Path | None = None) -> None:
        """A URL from the open prompt (or "Add URL…": into `library`): fetched into the sample
        library in a thread (a slow server never holds up the keys), then opened there."""
        try:
            target = resolve_target(url) if library is None else fetched_target(url, library)
        except ReaderError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self._open_target, target)

    def _open_target(self, target: Target) -> None:
        if target.library != self.library_root:
            self.library_root = target.library
            self.library_ready = False
            self._cached_pick = None
            self.entries = []
            self.initial_article = target.article
            self.library_pane.set_entries([])
            self.library_pane.set_scanning(0)
            self.scan_library()
            self.library_sync.refresh()
        elif target.article is not None and not any(e.is_at(target.article) for e in self.entries):
            self.scan_library()  # a page just added to this library: list it
        if target.article is not None:
            self.open_article(target.article)
        else:
            self.save_everything()
            self.document = None
            self.article_path = None
