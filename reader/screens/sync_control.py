"""The app's side of `reader sync`: the state in the title bar, "Sync" in the palette.

The library's sync state ("sync: clean", "sync: 3 unsent"; nothing when the library is not
a git repository) is asked of git in a worker thread, when the app starts, every
`STATE_SECONDS` and after a sync. "Sync" saves the open article's annotations, then runs
the sync in a worker: the title bar shows each stage, the result or the failure is one
notification, and what arrived is shown (the library is scanned again; the open article's
highlights are taken in by the store's own polling).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.worker import Worker

from reader.widgets.title_bar import TitleBar

STATE_SECONDS = 15.0


class SyncControl:
    def __init__(self, app: Any) -> None:
        self.app = app  # the ReaderApp: library_root, save_everything, scan_library
        self.available = False  # the library is a git repository set up for syncing
        self.running: Worker | None = None

    def start(self) -> None:
        self.refresh()
        self.app.set_interval(STATE_SECONDS, self.refresh)

    def _title_bar(self) -> TitleBar | None:
        bars = self.app.reading.query(TitleBar)
        return bars.first() if bars else None

    def _show(self, status: str) -> None:
        bar = self._title_bar()
        if bar is not None:
            bar.status = status

    # -- the state ---------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.running is None:
            self.app.run_worker(self._read_state, thread=True, group="sync-state", exclusive=True)

    def _read_state(self) -> None:
        from reader.sync.status import sync_state

        library = Path(self.app.library_root)
        state = sync_state(library)
        self.app.call_from_thread(self._state_read, library, state)

    def _state_read(self, library: Path, state: str | None) -> None:
        if library != Path(self.app.library_root) or self.running is not None:
            return  # another library opened, or a sync started, meanwhile
        self.available = state is not None
        self._show(state or "")

    # -- syncing -----------------------------------------------------------------------------
    def sync(self) -> None:
        if self.running is not None:
            self.app.notify("A sync is already running")
            return
        self.app.save_everything()
        self._show("sync: starting…")
        self.running = self.app.run_worker(
            self._run, thread=True, group="sync", exit_on_error=False
        )

    def _run(self) -> None:
        from reader.errors import ReaderError
        from reader.sync.sync import sync_library

        def stage(name: str) -> None:
            self.app.call_from_thread(self._show, f"sync: {name}…")

        try:
            result = sync_library(Path(self.app.library_root), stage)
        except (ReaderError, OSError) as error:
            self.app.call_from_thread(self._done, f"Sync failed: {error}", False, False)
        else:
            received = bool(result.received or result.copies)
            self.app.call_from_thread(self._done, f"Synced: {result.summary()}", True, received)

    def _done(self, message: str, ok: bool, received: bool) -> None:
        self.running = None
        self.app.notify(message, severity="information" if ok else "error", markup=False)
        if received:
            self.app.scan_library()
        self.refresh()
