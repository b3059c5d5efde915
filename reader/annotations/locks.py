"""Taking a lock within a time, and who holds a lock file: the process id from /proc/locks
(Linux), when it can be found cheaply."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

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
