"""Taking a lock within a time, the lock file of a write, and who holds a lock file: the
process id from /proc/locks (Linux), when it can be found cheaply."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from reader.annotations.files import open_lock

PROC_LOCKS = Path("/proc/locks")


def lock_holder(path: str | os.PathLike[str]) -> int | None:
    """The pid of a process holding a lock on the file at `path`, or None when unknown (no
    /proc/locks, no lock, or the file is gone)."""
    try:
        st = os.stat(path, follow_symlinks=False)
        lines = PROC_LOCKS.read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return None
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        # "1: FLOCK  ADVISORY  WRITE 6004 fe:00:2163201 0 EOF" (a "->" marks a waiter)
        fields = line.split()
        if "->" in fields or len(fields) < 6:
            continue
        pid, where = fields[4], fields[5]
        if where == wanted and pid.isascii() and pid.isdigit():
            return int(pid)
    return None


def flock_within(fd: int, timeout: float) -> bool:
    """Take an exclusive `flock` on `fd`, waiting at most `timeout` seconds for whoever holds
    it; False when it was still held then."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)


def take_lock(path: Path, timeout: float | None) -> int:
    """A descriptor holding an exclusive flock on the lock file at `path` (created if needed),
    waiting at most `timeout` seconds (forever when None); TimeoutError naming the file.

    The lock only counts when the file locked is still the one at `path`: its holder removes
    it when done, so a process that waited on a removed file opens the path again."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        fd = open_lock(path)
        try:
            if deadline is None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            elif not flock_within(fd, max(0.0, deadline - time.monotonic())):
                raise TimeoutError(f"{path.name} is busy")
            held = os.fstat(fd)
            try:
                current = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                current = None
        except BaseException:
            os.close(fd)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            return fd
        os.close(fd)
