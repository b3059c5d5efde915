"""Save faults the user must hear about every time: full disk, read-only folder, held locks."""

from __future__ import annotations

import errno

import pytest

from reader.annotations import sidecar as sidecar_module
from reader.atomic import write_atomic


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
    before = change_and_flush(store, 10)
    assert not store.unsaved and store.warning is None  # the state now, not the past
    assert store.version > before
    disk.full = True
    before = change_and_flush(store, 20)
    assert store.unsaved and "disk is full" in store.warning
    assert store.version > before
    disk.full = False
    store.flush()
    assert not store.unsaved and store.warning is None and len(store) == 3
