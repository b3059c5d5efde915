"""Opening the sidecar and its lock: regular files only, never through a lock's symlink.

A FIFO, a device or a socket where a sidecar or lock should be is refused at once (opened
with O_NONBLOCK, so a FIFO without a writer cannot hang the open, and checked with fstat
before any read); a lock is opened with O_NOFOLLOW, so a (dangling) symlink at its path is
never followed to create or lock a file elsewhere.
"""

from __future__ import annotations

import errno
import os
import stat

_SAFE = os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder; strerror says which."""


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: os.PathLike[str] | str, flags: int, mode: int = 0o644) -> int:
    """os.open(path, flags) for a regular file, else NotRegularFile (nothing read or
    written). The descriptor is blocking again when returned."""
    return _open_checked(path, flags, mode)[0]


def _open_checked(
    path: os.PathLike[str] | str, flags: int, mode: int = 0o644
) -> tuple[int, os.stat_result]:
    """`open_regular`'s descriptor and the file's stat."""
    fd = os.open(path, flags | _SAFE, mode)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = kind_of(st.st_mode)
            raise NotRegularFile(errno.EINVAL, f"not a regular file ({kind})", os.fspath(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


class TooLarge(OSError):
    """The file is bigger than the reader's limit; `size` is its size (or more)."""

    def __init__(self, path: os.PathLike[str] | str, size: int) -> None:
        super().__init__(errno.EFBIG, "too large", os.fspath(path))
        self.size = size


def read_regular(
    path: os.PathLike[str] | str, max_bytes: int | None = None
) -> tuple[bytes, os.stat_result]:
    """The bytes and stat of the regular file at `path` (symlinks followed, as a sidecar
    may be one); raises FileNotFoundError, NotRegularFile, TooLarge (more than `max_bytes`,
    told by its size before reading, or by reading one byte more) or another OSError. Read
    unbuffered: a buffer would only copy it once more."""
    fd, st = _open_checked(path, os.O_RDONLY)
    with open(fd, "rb", buffering=0) as fh:
        if max_bytes is None:
            return fh.readall(), st
        if st.st_size > max_bytes:
            raise TooLarge(path, st.st_size)
        # Its size and one byte more (it may have grown since), then, if it did grow, on in
        # pieces to one byte past the limit at most. A read asks for no more than that: the
        # buffer it fills is made that big first.
        chunks, total, ask = [], 0, st.st_size + 1
        while total <= max_bytes:
            ask = min(ask, max_bytes + 1 - total)
            chunk = fh.read(ask)
            chunks.append(chunk)
            total += len(chunk)
            if len(chunk) < ask:  # the end of the file
                break
            ask = 1 << 20
        if total > max_bytes:
            raise TooLarge(path, total)
        return b"".join(chunks), st


def open_lock(path: os.PathLike[str] | str) -> int:
    """Open (creating) the lock file at `path` for flock: never through a symlink."""
    return open_regular(path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o644)
