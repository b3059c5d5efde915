"""Save faults the user must hear about every time: full disk, read-only folder, held locks."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import threading
import time
from pathlib import Path

import pytest

from reader.annotations import sidecar as sidecar_module
from reader.annotations.store import AnnotationStore
from reader.atomic import write_atomic


def stored_ids(sidecar: Path) -> set[str]:
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    return {record["id"] for record in data["annotations"].values()}


class Disk:
    """A disk that can be filled and emptied under a store (write_atomic raises ENOSPC)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        monkeypatch.setattr(sidecar_module, "write_atomic", self._write)

    def _write(self, path, data):
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return write_atomic(path, data)


def change_and_flush(store, start: int) -> int:
    """Add a highlight at `start` and flush; the version the change itself left."""
    store._saver.exclusive()  # the writer thread must not save before the version is read
    try:
        store.add(start, start + 5)
        version = store.version
    finally:
        store._saver.release()
    store.flush()
    return version


def test_every_save_failure_is_reported_not_only_the_first(article, open_store, monkeypatch):
    disk = Disk(monkeypatch)
    store = open_store(article)
    disk.full = True
    before = change_and_flush(store, 0)
    assert store.unsaved and "disk is full" in store.warning
    assert store.version > before  # the UI redraws "(unsaved)"
    disk.full = False
    change_and_flush(store, 10)  # (the writer's retry may clear the state even before it)
    assert not store.unsaved and store.warning is None  # the state now, not the past
    disk.full = True
    before = change_and_flush(store, 20)
    assert store.unsaved and "disk is full" in store.warning
    assert store.version > before
    disk.full = False
    store.flush()
    assert not store.unsaved and store.warning is None and len(store) == 3


@contextlib.contextmanager
def lock_held(sidecar: Path):
    """Another program holds the sidecar's lock (a second open file description: flock
    locks conflict between them even in one process)."""
    fd = os.open(f"{sidecar}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def wait_until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def in_thread(call) -> threading.Thread:
    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    return thread


def test_a_held_lock_shows_unsaved_then_saves_when_released(article, open_store):
    store = open_store(article)
    with lock_held(store.sidecar_path):
        a = store.add(0, 7)
        # The writer gives up waiting and says so, while the lock is still held.
        assert wait_until(lambda: store.unsaved), "a change behind a held lock looked saved"
        assert "locked by another program" in store.warning
    # Released: the writer retries by itself, with no new change.
    assert wait_until(lambda: not store.unsaved)
    assert store.warning is None and stored_ids(store.sidecar_path) == {a.id}


def test_close_and_flush_behind_a_held_lock_return_and_report_unsaved(article):
    store = AnnotationStore.open(article)
    with lock_held(store.sidecar_path):
        store.add(0, 7)
        flushing = in_thread(lambda: store.flush(timeout=0.5))
        flushing.join(timeout=10)
        assert not flushing.is_alive(), "flush waited for the lock without a bound"
        assert store.unsaved and "locked by another program" in store.warning
        closing = in_thread(store.close)  # on quit: bounded by default
        closing.join(timeout=10)
        assert not closing.is_alive(), "close waited for the lock without a bound"
        assert store.unsaved and not store.sidecar_path.exists()


def test_an_article_deleted_while_open_gets_no_sidecar(tmp_path):
    """Issue 13.16: a deleted article is not given a new sidecar next to nothing; the
    highlight stays in memory, unsaved, and the warning says the article is gone."""
    from reader.document.loader import load_document

    article = tmp_path / "story.txt"
    article.write_text("Title\n\nThe council met. The bridge opens in May.\n", encoding="utf-8")
    store = AnnotationStore.open(load_document(article))
    try:
        article.unlink()
        store.add(7, 23)
        store.flush(timeout=1)
        assert store.unsaved
        assert "the article story.txt is gone" in (store.warning or "")
        assert sorted(p.name for p in tmp_path.iterdir()) == []
        assert len(store) == 1
    finally:
        store.close(timeout=0)
