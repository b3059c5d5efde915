"""Saving in the background: a burst of changes costs one write of the sidecar.

Changes go to the TinyDB database in memory (`WriteBehind`, a TinyDB middleware that writes
nothing by itself). `Saver` runs a writer thread that flushes it once changes have been
quiet for `QUIET_SECONDS`, or at the latest `MAX_DELAY_SECONDS` after the first unsaved
change; `flush()` saves at once (on quit, on SIGTERM). Changes are numbered; a save covers
every change up to the number it started with.

A save that fails keeps everything in memory: an unusable sidecar (another process wrote
garbage or a newer schema) sets `problem` and is never overwritten; a failed write
(read-only folder, full disk, the lock held too long by another program) sets `warning` and
`unsaved`; the next change or `flush()` retries, and so does the writer thread a moment
later. No save waits for a lock without a bound, so a held lock never freezes the app.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.middlewares import Middleware

from reader.annotations.locks import lock_holder
from reader.annotations.sidecar import (
    LOCK_SUFFIX,
    SidecarProblem,
    SidecarStorage,
    share_documents,
)

QUIET_SECONDS = 0.05
MAX_DELAY_SECONDS = 0.5
# A save never waits long for a lock another program holds: the writer thread gives up after
# WRITER_LOCK_SECONDS (the change shows as unsaved, "locked by another program") and retries
# after LOCKED_RETRY_SECONDS; other failures (read-only folder, full disk) are retried after
# RETRY_SECONDS, or at once on the next change or flush. A flush waits FLUSH_SECONDS unless
# told otherwise, `close` CLOSE_SECONDS.
WRITER_LOCK_SECONDS = 0.5
LOCKED_RETRY_SECONDS = 1.0
RETRY_SECONDS = 5.0
FLUSH_SECONDS = 10.0
CLOSE_SECONDS = 2.0
STOP_SECONDS = 1.0

Tables = dict[str, Any]


class WriteBehind(Middleware):
    """Keeps the database in memory: TinyDB's writes only change the cached data; `flush`
    hands a copy of its tables to the storage (which may merge it with the file: see
    `synced`). The documents are shared, not copied: the database's tables never change a
    stored document (reader/annotations/tables.py)."""

    def __init__(self, storage_cls: type = SidecarStorage, lock: Any = None) -> None:
        super().__init__(storage_cls)
        self.lock = lock if lock is not None else threading.RLock()
        self.cache: Tables | None = None

    def read(self) -> Tables:
        with self.lock:
            if self.cache is None:
                self.cache = self.storage.read() or {}
            return self.cache

    def write(self, data: Tables) -> None:
        with self.lock:
            self.cache = data

    def replace(self, data: Tables) -> None:
        """Make (a copy of) `data` the database (after a merge with another process's
        changes)."""
        with self.lock:
            self.cache = share_documents(data)

    def flush(self) -> tuple[Tables, Tables | None]:
        """Write the database: (what was sent, what the file holds now when the storage
        merged in another process's changes, else None). Raises what the storage raises."""
        with self.lock:
            sent = share_documents(self.cache or {})
        self.storage.write(sent)
        return sent, self.storage.synced if self.storage.merged else None

    def close(self) -> None:
        self.storage.close()


class Saver:
    """The writer thread and the bookkeeping of what is saved.

    `save(timeout)` does one save (raising OSError or SidecarProblem); `changed` is called
    after every change to the data, `quiet=True` for changes that are not the user's (a
    failure to save those alone warns nobody)."""

    def __init__(
        self,
        save: Callable[[float | None], None],
        lock: threading.RLock,
        sidecar: Path,
        article_name: str,
        on_news: Callable[[], None],
    ) -> None:
        self._save_once = save
        self._lock = lock
        self._cond = threading.Condition(lock)
        self._io_lock = threading.RLock()  # one save (or reload) at a time
        self.path = sidecar
        self.article_name = article_name
        self._on_news = on_news  # problem or warning changed: the store bumps its version
        self.problem: str | None = None
        self.warning: str | None = None
        self.failure: str | None = None  # why the last save failed (None once one succeeds)
        self.unsaved = False
        self._change_seq = 0
        self._saved_seq = 0
        self._failed_seq = 0
        self._quiet_seq = 0
        self._first_pending = 0.0
        self._last_change = 0.0
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._flush_now = False
        self._retry_at: float | None = None  # when the writer retries a failed save
        self._held = 0  # transactions under way (see `hold`)
        self._abandoned = False

    @property
    def pending(self) -> bool:
        return self._change_seq != self._saved_seq

    def changed(self, quiet: bool = False) -> None:
        with self._cond:
            now = time.monotonic()
            if not self.pending:
                self._first_pending = now
            self._last_change = now
            self._change_seq += 1
            if quiet:
                self._quiet_seq = self._change_seq
            self.start()

    def start(self) -> None:
        """Make sure the writer thread runs and looks at the state."""
        with self._cond:
            if self._thread is None or not self._thread.is_alive():
                self._stopping = False
                self._thread = threading.Thread(
                    target=self._writer, name=f"annotations:{self.path.name}", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def hold(self) -> None:
        """Save nothing (not even on flush) until `let_go`: the changes meanwhile are one
        transaction, written together by the next save."""
        with self._io_lock, self._cond:  # a save under way (begun before) ends first
            self._held += 1

    def let_go(self, abandon: bool = False) -> None:
        """End a `hold`; `abandon=True` (the transaction failed): never save again."""
        with self._cond:
            self._held -= 1
            self._abandoned = self._abandoned or abandon
            self._cond.notify_all()

    def _due(self) -> float | None:
        """When the writer should save next (a monotonic time), None when nothing is to save."""
        if self.problem is not None or not self.pending or self._held or self._abandoned:
            return None
        if self._change_seq > self._failed_seq:
            return min(self._last_change + QUIET_SECONDS, self._first_pending + MAX_DELAY_SECONDS)
        return self._retry_at  # the last save failed: try again later, change or not

    def _wait_for_work(self) -> bool:
        """Wait (under the condition) until a save is due; False when the writer must stop."""
        while not self._stopping:
            due = self._due()
            if due is None:
                self._cond.wait()
                continue
            wait = due - time.monotonic()
            if wait <= 0 or self._flush_now:
                break
            self._cond.wait(wait)
        self._flush_now = False
        return not self._stopping

    def _writer(self) -> None:
        while True:
            with self._cond:
                if not self._wait_for_work():
                    return
            # Never wait long for another program's lock: give up, say so, retry later.
            self.save(timeout=WRITER_LOCK_SECONDS, retry=True, background=True)

    def flush(self, timeout: float | None = None) -> None:
        """Save every change so far, waiting at most `timeout` seconds (None:
        FLUSH_SECONDS) for the lock; when that is not enough `unsaved` and `warning` say so."""
        with self._cond:
            self._flush_now = True
            self._cond.notify_all()
        self.save(timeout=FLUSH_SECONDS if timeout is None else timeout, retry=True)

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=timeout)  # a daemon: one still waiting is left behind

    def exclusive(self, blocking: bool = True) -> bool:
        """Take the save lock (for a reload or a move aside); release with `release`."""
        return self._io_lock.acquire(blocking=blocking)

    def release(self) -> None:
        self._io_lock.release()

    def save(self, timeout: float, retry: bool = False, background: bool = False) -> None:
        """One save, waiting at most `timeout` seconds in all for the locks (ours and the
        file's). The writer thread (`background`) gives way to a flush or reload holding
        ours (it reports for itself)."""
        deadline = time.monotonic() + timeout
        if not self._io_lock.acquire(timeout=timeout):
            if not background:
                self._busy()
            return
        try:
            with self._lock:
                if self.problem is not None or not self.pending:
                    return
                if self._held or self._abandoned or (background and self._stopping):
                    return  # a transaction is under way, or failed: nothing of it is written
                if not retry and self._change_seq <= self._failed_seq:
                    return
                attempt = self._change_seq
            self._attempt(attempt, deadline)
        finally:
            self._io_lock.release()

    def _busy(self) -> None:
        """A flush found our writer thread saving, itself waiting for another program's lock
        (unless it is failing for a reason already known)."""
        with self._lock:
            if self.problem is None and self.pending and self.failure is None:
                self._failed(self._change_seq, TimeoutError(f"{self.path.name} is busy"))

    def _attempt(self, attempt: int, deadline: float) -> None:
        """Save the changes up to `attempt` (holding the save lock) and record the outcome."""
        try:
            self._save_once(max(0.0, deadline - time.monotonic()))
        except SidecarProblem as problem:
            self._stop_saving(str(problem))
        except OSError as error:
            self._failed(attempt, error)
        except Exception as error:  # a bug: stop saving (memory kept), say so, no traceback
            self._stop_saving(f"{self.path.name} cannot be saved ({type(error).__name__}: {error})")
        else:
            self._succeeded(attempt)

    def _stop_saving(self, problem: str) -> None:
        with self._lock:
            self.problem = problem
            self.unsaved = True
        self._on_news()

    def _failed(self, attempt: int, error: OSError) -> None:
        """A save of the changes up to `attempt` failed: `warning` says why, now."""
        with self._lock:
            self._failed_seq = max(self._failed_seq, attempt)
            busy = isinstance(error, TimeoutError)
            self._retry_at = time.monotonic() + (LOCKED_RETRY_SECONDS if busy else RETRY_SECONDS)
            self._cond.notify_all()  # the writer takes the retry time in
            if attempt <= self._quiet_seq:
                return  # only our own bookkeeping was unsaved: nobody to warn
            self._report(True, self._failure_message(error))

    def _succeeded(self, attempt: int) -> None:
        """The changes up to `attempt` are on disk: the warning of an earlier failure goes."""
        with self._lock:
            self._saved_seq = max(self._saved_seq, attempt)
            self._failed_seq = 0
            self._retry_at = None
            self.failure = None
            unsaved = self.pending and self.unsaved
            self._report(unsaved, self.warning if unsaved else None)

    def _report(self, unsaved: bool, warning: str | None) -> None:
        """Set `unsaved` and `warning`; the store's version moves whenever either changed, so
        the UI redraws "(unsaved)" (and shows the warning) for every failure, not the first."""
        if (unsaved, warning) != (self.unsaved, self.warning):
            self.unsaved, self.warning = unsaved, warning
            self._on_news()

    def resume(self) -> None:
        """The sidecar became usable again (moved aside): save what is pending."""
        with self._cond:
            self.problem = None
            if self._due() is not None:
                self.start()

    def _failure_message(self, error: OSError) -> str:
        self.failure = failure_reason(error, self.path)
        return (
            f"annotations for {self.article_name} cannot be saved ({self.failure}): "
            "they are kept in memory until you export them or the next save succeeds"
        )


class ArticleGone(FileNotFoundError):
    """The article was moved or deleted while open: its sidecar must not be written."""


def failure_reason(error: OSError, sidecar: Path) -> str:
    """Why saving `sidecar` failed, in a few words naming the file or folder at fault."""
    folder = sidecar.parent
    culprit = Path(error.filename).name if isinstance(error.filename, str) else sidecar.name
    if isinstance(error, TimeoutError):
        lock = sidecar.with_name(sidecar.name + LOCK_SUFFIX)
        pid = lock_holder(lock)
        held = f" (process {pid})" if pid is not None else ""
        return f"{lock} is locked by another program{held}"
    if error.errno == errno.EROFS:
        return f"the folder {folder} is on a read-only file system"
    if error.errno in (errno.EACCES, errno.EPERM):
        if not os.access(folder, os.W_OK):
            return f"the folder {folder} is read-only"
        return f"{folder / culprit}: permission denied"  # a file of mode 000, root-owned...
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if isinstance(error, ArticleGone):
        return f"the article {Path(str(error.filename)).name} is gone (moved or deleted)"
    if error.errno == errno.EISDIR:
        return f"{folder / culprit} is a folder"
    if error.errno == errno.ELOOP:
        return f"{folder / culprit} is a symbolic link, which is never followed"
    return f"{folder / culprit}: {error.strerror or error}"
