"""Replacing a file atomically: the one way this program writes a file it may overwrite.

The bytes go to a temporary file in the target's folder, are fsynced and renamed over the
target, then the folder is fsynced: a crash at any moment leaves either the old file or the
new one, never a mix. A failure removes the temporary file (a removal that fails too, as on a
read-only disk, is ignored) and raises the original `OSError`. The temporary files that killed
writers left in a folder are removed by the first write into that folder of each process.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

TEMP_MARK = ".tmp-"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_cleaned: set[str] = set()  # the folders whose stale temporary files this process removed


def temp_prefix(path: Path) -> str:
    """The name every temporary file for `path` starts with (so stale ones can be found)."""
    return f".{path.name}{TEMP_MARK}"


def write_atomic(path: str | os.PathLike[str], data: bytes) -> os.stat_result:
    """Atomically replace `path` with `data`; returns the stat of the file written.

    A file that exists keeps its permission bits (a 0600 or 0444 file stays so). A symlink
    is kept: the file it points to is replaced (atomically, in its own folder); a symlink
    to nothing is refused (OSError), never followed to create a file elsewhere. Temporary
    files are created exclusively, never through a symlink, and those that earlier, killed
    writers left in the folder are removed first (once per folder and process)."""
    target = resolve_link(Path(path))
    directory = target.parent
    remove_stale_temps(directory)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    tmp = directory / f"{temp_prefix(target)}{os.getpid()}-{time.monotonic_ns()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            written = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(directory)
    return written


def resolve_link(path: Path) -> Path:
    """`path`, or the existing file it is a symlink to (OSError for a dangling one)."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise OSError(errno.ENOENT, "a symbolic link to a missing file", str(path))
    return target


def remove_stale_temps(directory: Path) -> None:
    """Delete the temporary files left in `directory` by writers that are no longer running
    (each temporary file's name holds its writer's process id), the first time this process
    writes there: one listing of the folder per process, not one per write."""
    folder = os.path.abspath(directory)
    if folder in _cleaned:
        return
    _cleaned.add(folder)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if _is_stale_temp(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _is_stale_temp(name: str) -> bool:
    """Whether `name` is a temporary file of `write_atomic` (".<name>.tmp-<pid>-<ns>") whose
    writer no longer runs."""
    stem, mark, suffix = name.rpartition(TEMP_MARK)
    pid_text, dash, ns_text = suffix.partition("-")
    if not (mark and len(stem) > 1 and stem.startswith(".") and dash):
        return False
    if not (pid_text.isascii() and pid_text.isdigit() and ns_text.isascii() and ns_text.isdigit()):
        return False
    return not _writer_alive(int(pid_text))


def _writer_alive(pid: int) -> bool:
    """Whether the process `pid` (a temporary file's writer) still runs."""
    if pid == os.getpid():
        return True  # another thread of ours may be writing it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True


def fsync_folder(directory: Path) -> None:
    """Make a rename in `directory` durable (where the platform allows opening a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
