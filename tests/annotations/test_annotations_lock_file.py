"""The write lock's file: made for a write, removed after it, and never trusted once removed
(issue 14: no `.lock` file left beside every annotated article)."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

import pytest

from reader.annotations.locks import take_lock


def test_the_lock_file_is_gone_after_each_save(article, open_store, tmp_path):
    store = open_store(article)
    for n in range(3):
        store.add(n * 10, n * 10 + 5)
        store.flush()
        assert not list(tmp_path.glob("*.lock")), f"a lock file stayed after save {n + 1}"
    store.close()
    assert not list(tmp_path.glob("*.lock"))


def test_a_waiter_on_a_removed_lock_file_takes_the_new_one(tmp_path: Path):
    """A process that waited on the lock file its holder then removed must not count that
    lock: a third process may already hold the new file at the same name."""
    path = tmp_path / "a.json.lock"
    first = take_lock(path, None)
    taken: list[int] = []
    waiter = threading.Thread(target=lambda: taken.append(take_lock(path, 10)), daemon=True)
    waiter.start()
    time.sleep(0.2)  # the waiter is blocked on the first file
    os.unlink(path)
    newcomer = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(newcomer, fcntl.LOCK_EX)  # a third process holds the new file
    os.close(first)  # the first holder is done: the waiter wakes on the removed file
    time.sleep(0.2)
    assert waiter.is_alive(), "the waiter took the lock of a file no longer at the path"
    os.close(newcomer)  # the newcomer is done (without removing its file)
    waiter.join(timeout=10)
    assert not waiter.is_alive() and taken
    held, current = os.fstat(taken[0]), os.stat(path)
    assert (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino)
    os.close(taken[0])


def test_taking_a_held_lock_times_out_naming_the_file(tmp_path: Path):
    path = tmp_path / "b.json.lock"
    holder = take_lock(path, None)
    try:
        started = time.monotonic()
        with pytest.raises(TimeoutError, match="b.json.lock is busy"):
            take_lock(path, 0.3)
        assert time.monotonic() - started < 5
    finally:
        os.close(holder)
